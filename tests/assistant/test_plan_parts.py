"""Parts of a plan answering for the plan, read on a plan written for this test: "Kinh phí thực hiện kế hoạch …
từ những nguồn nào?" is answered by the plan's funding section, not by a task's own funding cell; a date in
brackets says which plan is meant ("Kế hoạch … (tháng 3/2026)"), it is no figure a passage must hold; who holds
a post ("… làm Tổ trưởng") answers "ai làm Tổ trưởng", though no task names a lead there; the passage spelling out
a quoted term ("nguyên tắc “4 đúng”: …") says what it is, not one that only invokes it; "… đặt ở đâu?" is
answered from a row's place column ("Địa điểm xây dựng"); "cả giai đoạn 2026 - 2028" names the plan's own period,
which a target need not repeat, and what was done before is no target."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "plan_funding_sections.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("parts"), [PLAN])


@pytest.mark.parametrize("question", [
    "Kinh phí thực hiện kế hoạch xây dựng cơ sở dữ liệu đất đai tỉnh Hà Sơn được huy động từ những nguồn nào?",
    "Kinh phi thuc hien ke hoach co so du lieu dat dai Ha Son gom nhung nguon nao?",
])
def test_funding_sources_come_from_the_funding_section(plan: Services, question: str) -> None:
    r = plan.ask.ask(question)
    assert r.answerable
    first = r.answer.split("\n")[0]
    assert "Ngân sách tỉnh" in r.answer or "Xã hội hóa" in r.answer
    assert "chủ trì" not in first  # not a task row of the table


def test_a_date_in_brackets_names_the_plan(plan: Services) -> None:
    r = plan.ask.ask("Kế hoạch cơ sở dữ liệu đất đai của UBND tỉnh Hà Sơn (tháng 3/2026) thay thế kế hoạch nào?")
    assert r.answerable and "12/KH-UBND" in r.answer


def test_who_holds_a_post(plan: Services) -> None:
    r = plan.ask.ask("Theo KH 41 của tỉnh Hà Sơn, ai làm Tổ trưởng Tổ công tác xây dựng cơ sở dữ liệu đất đai?")
    assert r.answerable and "Phó Chủ tịch" in r.answer.split("\n")[0]


def test_a_quoted_term_is_answered_by_its_definition(plan: Services) -> None:
    r = plan.ask.ask("Nguyên tắc “4 đúng” trong kế hoạch dữ liệu đất đai tỉnh Hà Sơn cụ thể là gì?")
    assert r.answerable and "đúng thửa đất" in r.answer.split("\n")[0]


def test_where_a_row_is_done(plan: Services) -> None:
    r = plan.ask.ask("Trạm lưu trữ dữ liệu dự phòng của tỉnh Hà Sơn đặt ở đâu, ai chủ trì?")
    assert r.answerable and "Khu công nghiệp Tân Sơn" in r.answer.split("\n")[0]
    assert any(c.quote == "Khu công nghiệp Tân Sơn" for c in r.citations)


@pytest.mark.parametrize("question", [
    "Cả giai đoạn 2026 - 2028, tỉnh Hà Sơn phấn đấu số hóa tối thiểu bao nhiêu hồ sơ địa chính?",
    "Giai đoạn 2026 - 2028 Hà Sơn đặt mục tiêu số hóa bao nhiêu hồ sơ địa chính?",
])
def test_a_target_of_the_plans_own_period(plan: Services, question: str) -> None:
    r = plan.ask.ask(question)
    assert r.answerable and "250.000" in r.answer.split("\n")[0]
