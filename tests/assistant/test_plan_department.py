"""A department's plan beside its province's (both written for this test): the department's header names the
province above it ("UBND TỈNH HÀ LAN" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), so a question naming the province names the
department's plan too; the province's header was extracted with its columns run together ("ỦY BAN NHÂN DÂN CỘNG
HÒA …" / "TỈNH HÀ LAN Độc lập - …"). Staff ask who is the plan's focal point, a sum per course, a schedule's days,
what "03 kỹ năng" the plan names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEPARTMENT, PROVINCE = FIXTURES / "swim_plan_department.txt", FIXTURES / "forest_fire_plan_province.txt"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("department") / "index", [DEPARTMENT, PROVINCE])


def test_each_header_says_whose_plan_it_is(plans: Services) -> None:
    meta = {d.source: d.meta or {} for d in plans.registry.list_documents()}
    assert (meta[DEPARTMENT.name]["issuer"], meta[DEPARTMENT.name]["superior"]) == \
        ("Sở Giáo dục và Đào tạo", "UBND tỉnh Hà Lan")
    assert (meta[PROVINCE.name]["issuer"], meta[PROVINCE.name]["superior"]) == ("Ủy ban nhân dân tỉnh Hà Lan", "")


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the province named: the department's plan is of it too
    ('Chương trình "Hè vui khỏe" dạy bơi miễn phí cho học sinh tỉnh Hà Lan năm 2026 diễn ra từ ngày nào đến ngày '
     'nào?', ["05/6/2026", "20/8/2026"], []),
    # "tỉnh Hà Lan đặt": a place and the verb after it are no words the target must say
    ("Năm 2026 Sở Giáo dục và Đào tạo tỉnh Hà Lan đặt chỉ tiêu tỷ lệ học sinh tiểu học và học sinh THCS biết bơi là "
     "bao nhiêu?", ["52%", "68%"], []),
    # a sum per course, written "đồng/học sinh/khóa học bơi"
    ("Học sinh hộ nghèo học bơi theo kế hoạch của Sở GD&ĐT Hà Lan được hỗ trợ bao nhiêu tiền mỗi khóa?",
     ["300.000 đồng"], []),
    # the plan's own focal point, in "Tổ chức thực hiện"
    ("Kế hoạch phòng, chống đuối nước và dạy bơi cho học sinh năm 2026 của Sở GD&ĐT Hà Lan do phòng nào làm đầu "
     "mối?", ["Phòng Công tác học sinh"], []),
    # the days of a schedule are days of the week
    ("Theo lịch dạy bơi của Sở GD&ĐT Hà Lan, học sinh tiểu học học bơi vào những ngày nào, khung giờ nào?",
     ["Thứ Ba và Thứ Năm", "07h30 - 09h00"], []),
    # a plan named by its number and year: its own signature block, though the other's matches "ký" as well
    ("KH 77/KH-SGDĐT năm 2026 do ai ký?", ["Lê Thị Thu Hà"], ["Trần Văn Lâm"]),
    ("KH 52/KH-UBND năm 2026 do ai ký?", ["Trần Văn Lâm"], ["Lê Thị Thu Hà"]),
    # a count the question takes from the plan names the passage listing them
    ("Kế hoạch dạy bơi của Sở GD&ĐT Hà Lan có nói 03 kỹ năng an toàn cho học sinh, đó là những kỹ năng gì?",
     ["tự cứu khi gặp nạn"], []),
])
def test_the_department_plan_is_answered(plans: Services, question: str, facts: list[str],
                                         not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


def test_a_fee_the_plan_does_not_set_is_refused(plans: Services) -> None:
    """"Mức phí bảo hiểm" is a fee: the plan's support per course is no fee."""
    r = plans.ask.ask("Học sinh tham gia chương trình dạy bơi ở Hà Lan được mua bảo hiểm tai nạn với mức phí bao "
                      "nhiêu?")
    assert not r.answerable, r.answer
