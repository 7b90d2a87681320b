"""A commune's action programme written for this test, read as Vietnamese plans are written: a task item then a line
assigning it in a sentence ("Phân công: X chủ trì, phối hợp Y. Thời gian: …"), a table whose header is led by "STT"
with names of no task table, a table with a column per year split in two under each year and a total row that lost
its cells, and questions naming units by their abbreviations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "commune_tourism_plan.md"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("tables"), [PLAN])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # a unit's tasks are the items its "Phân công" lines assign, each with its own text
    ("Theo chương trình hành động 12-CTr/ĐU của xã Tân Lập, Phòng Văn hóa - Xã hội xã chủ trì những nhiệm vụ nào?",
     ["tuyến du lịch trải nghiệm", "lễ hội Xuống đồng"], []),
    ("Việc nâng cấp tuyến đường vào khu du lịch Suối Nậm Khê của xã Tân Lập do ai chủ trì, phối hợp với ai?",
     ["Ủy ban nhân dân xã", "Sở Giáo dục và Đào tạo"], []),
    # the figures of the year asked, under their columns' names, not the other years'
    ("Năm 2028 thôn Nậm Khê của xã Tân Lập dự kiến đón bao nhiêu lượt khách, doanh thu bao nhiêu triệu đồng?",
     ["19.000", "1.200"], ["12.000"]),
    # a year asked within the period naming the programme is the year asked
    ("Chương trình phát triển du lịch nông thôn giai đoạn 2026 - 2030 của xã Tân Lập: năm 2027 thôn Bản Mòng dự kiến "
     "đón bao nhiêu lượt khách?", ["22.000"], ["18.000", "26.000"]),
    ("Theo phụ lục của xã Tân Lập, thôn Bản Mòng có bao nhiêu homestay hiện có và phải xây mới bao nhiêu?",
     ["Số homestay hiện có: 12", "Số homestay xây mới đến năm 2028: 8"], []),
    # "Sở KH&CN" is the "Sở Khoa học và Công nghệ" the plan names
    ("Sở KH&CN hỗ trợ xã Tân Lập việc gì trong phát triển du lịch?", ["bản đồ số"], []),
    ("Các chi bộ xã Tân Lập báo cáo kết quả hằng năm trước ngày mấy?", ["10/11"], []),
    # a task assigned in the bracket closing its item; asked what a unit reports, its duties that report, not a duty
    # whose product is a report ("sản phẩm: báo cáo nghiệm thu hệ thống camera")
    ("Ở xã Tân Lập, việc lắp đặt camera giám sát tại các điểm du lịch do ai chủ trì, khi nào?",
     ["Công an xã", "năm 2027"], []),
    ("Công an xã Tân Lập phải báo cáo cho những cơ quan nào?", ["Công an huyện", "trước ngày 05 hằng tháng"],
     ["camera"]),
])
def test_answered_from_its_own_layout(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)
