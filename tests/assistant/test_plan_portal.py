"""A province plan as a portal publishes it in Markdown, written for this test: its header and signature in tables
whose cells break their lines with "<br>", and targets listed under the years they are for ("- Đến năm 2028:" over
"+ 45% trẻ em …")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "portal_br_plan.md"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("portal"), [PLAN])


def test_the_lines_of_a_header_and_a_signature_cell_are_read(plan: Services) -> None:
    [doc] = plan.registry.list_documents()
    meta = doc.to_meta()
    assert (meta.doc_number, meta.issued_date, meta.issuer, meta.signer) == (
        "72/KH-UBND", "2027-04-14", "Ủy ban nhân dân tỉnh Nam Sơn", "Đỗ Minh Khang")


def test_a_target_asked_for_two_years_is_said_for_each_under_its_year(plan: Services) -> None:
    assert_answered(plan, "Tỉnh Nam Sơn đặt mục tiêu tỷ lệ trẻ em từ 6 đến 16 tuổi biết bơi an toàn đạt bao nhiêu vào "
                          "năm 2028 và năm 2030?", ["Đến năm 2028: 45%", "Đến năm 2030: 60%"], [])


def test_a_target_under_its_year_answers_for_that_year(plan: Services) -> None:
    assert_answered(plan, "ke hoach phong chong duoi nuoc tre em cua Nam Son den nam 2030 giam bao nhieu phan tram so "
                          "tre em tu vong do duoi nuoc?", ["15%"], ["45%"])


def test_the_targets_listed_under_a_year_are_that_years_list(plan: Services) -> None:
    assert_answered(plan, "Các mục tiêu đến năm 2028 trong kế hoạch phòng, chống đuối nước trẻ em của tỉnh Nam Sơn gồm "
                          "những gì?", ["45%", "100% trường tiểu học"], ["60%", "Giảm 15%"])


def test_who_signed_is_said_without_the_copys_signed_note(plan: Services) -> None:
    """A copy put on a portal writes "(Đã ký)" where the signature was: the answer names the post and the person."""
    assert_answered(plan, "Ai ký kế hoạch phòng, chống đuối nước trẻ em của tỉnh Nam Sơn?",
                    ["PHÓ CHỦ TỊCH", "Đỗ Minh Khang"], ["Đã ký"])


def test_a_figure_of_a_thing_the_plan_never_qualifies_so_is_not_given(plan: Services) -> None:
    """"biết bơi thành thạo", "được học bơi miễn phí": the plan sets the share of children who can swim safely, none
    of children swimming well or taught for free; the first figure answers neither."""
    asked = "Tỉnh Nam Sơn đặt mục tiêu bao nhiêu phần trăm trẻ em từ 6 đến 16 tuổi {} vào năm 2028?"
    assert_answered(plan, asked.format("biết bơi an toàn"), ["45%"], [])
    for qualified in ("biết bơi thành thạo", "được học bơi miễn phí"):
        r = plan.ask.ask(asked.format(qualified))
        assert not r.answerable, (qualified, r.answer)
