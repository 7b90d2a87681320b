"""Two plans written for this test: a district's plan whose preamble names its grounds on two lines (a directive,
then a department's "Công văn số …"), whose target section lists skills under "… về:", and whose table allocates
kilometres by commune with a row for "6 xã còn lại" and a total, and whose progress is set quarter by quarter; and a province's plan setting the same kind of
target in other words. Questions ask the grounds in two parts, a list introduced by a sentence, the commune with
the most or the least of a column, a total, a range of quarters, and the two plans' targets side by side; twins ask what neither plan says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"
DISTRICT, PROVINCE = FIXTURES / "rural_roads_plan.txt", FIXTURES / "rural_roads_program_province.txt"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("rural_roads"), [DISTRICT, PROVINCE])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the grounds: the directive, and the department's letter on the preamble's next line, asked in a second part
    ("Kế hoạch 58/KH-UBND được ban hành để thực hiện văn bản nào, và còn dựa trên công văn nào của Sở Giao thông "
     "vận tải - Xây dựng?", ["12/CT-UBND", "345/SGTXD-KCHT"], []),
    # "dựa trên những căn cứ nào" asks the grounds, as "để thực hiện văn bản nào" does
    ("Kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa được lập dựa trên những căn cứ nào?",
     ["12/CT-UBND", "345/SGTXD-KCHT"], []),
    # a list introduced by "… về:" whose items name what is asked, before a target naming it once
    ("Kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa tổ chức tập huấn cho cán bộ giao thông cấp xã về "
     "những kỹ năng nào?", ["lập hồ sơ bảo trì", "giám sát chất lượng bê tông", "phần mềm quản lý tài sản"], []),
    # the most of a column over the whole table, among the communes (not "6 xã còn lại", not the total)
    ("Trong bảng phân bổ bê tông hóa năm 2026 của huyện Tân Hòa, xã nào được làm mới nhiều km nhất?",
     ["Xã Tân Phú", "3,5"], ["6 xã còn lại"]),
    ("Trong bảng phân bổ bê tông hóa năm 2026 của huyện Tân Hòa, xã nào có tổng khối lượng ít nhất?",
     ["Xã Mỹ Lộc", "2,7"], ["Thị trấn"]),
    # a total asked: the row stating it, not a commune's
    ("Tổng khối lượng bê tông hóa năm 2026 của huyện Tân Hòa là bao nhiêu km?", ["23,0"], []),
    # a range of quarters: each quarter's line, the one between included
    ("Tiến độ bê tông hóa năm 2026 của huyện Tân Hòa từ quý II đến quý IV tăng dần như thế nào?",
     ["30%", "70%", "toàn bộ khối lượng"], []),
    # two things asked at once, the second of another plan the question does not name: each from its own plan
    ("Kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa giao Phòng Kinh tế, Hạ tầng và Đô thị hoàn thành phân "
     "bổ vốn trước ngày nào, và Sở Giao thông vận tải - Xây dựng phải báo cáo Ủy ban nhân dân tỉnh trước ngày nào hằng "
     "năm?", ["31/3/2026", "20 tháng 12 hằng năm"], []),
    # the task falling due first, or last, among all the plan's dated tasks (from the plan model)
    ("Trong kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa, nhiệm vụ nào có thời hạn sớm nhất?",
     ["31/3/2026", "Phòng Kinh tế, Hạ tầng và Đô thị"], ["30/11/2026"]),
    ("Kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa: việc nào phải hoàn thành muộn nhất?",
     ["15 tháng 12 năm 2026"], ["31/3/2026"]),
    # two plans compared: the second answers with a share, as the first did ("chiếm 85%"), not with kilometres
    ("Đến năm 2030 kế hoạch hạ tầng giao thông nông thôn của tỉnh Vĩnh An đặt quy mô đường được cứng hóa bao nhiêu, "
     "còn kế hoạch giao thông nông thôn năm 2026 của huyện Tân Hòa đặt bao nhiêu?", ["90%", "85%"], []),
])
def test_answered_as_written(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


@pytest.mark.parametrize("question", [
    # the gazette issue publishing the plan: no plan says it (its own number is no answer)
    "Kế hoạch 58/KH-UBND về giao thông nông thôn của huyện Tân Hòa đã được đăng Công báo số mấy?",
    # a reward: the plan names a budget, no sum paid as a reward
    "Theo kế hoạch giao thông nông thôn của huyện Tân Hòa, xã hoàn thành trước hạn được thưởng bao nhiêu tiền?",
])
def test_what_no_plan_says_is_refused(plans: Services, question: str) -> None:
    r = plans.ask.ask(question)
    assert not r.answerable, r.answer
