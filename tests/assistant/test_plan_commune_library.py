"""A commune's plan (written for this test), asked as staff ask: the plan's own period when its name found only its
header, a body the plan sets up (not the one doing it), those it is "the responsibility of", one row of an allocation
table (its column counts by the noun's head), a column named by a date, a target of one year of a table grouped by
year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services
from assistant.services.question import analyse

PLAN = Path(__file__).parents[1] / "fixtures" / "commune_library_plan.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("library") / "index", [PLAN])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the body the task sets up is no doer the passage must name as such
    ("Xã mình phải thành lập Ban Chỉ đạo phát triển văn hóa đọc, ban hành quy chế hoạt động trước ngày nào?",
     ["15/3/2026"], []),
    # "trách nhiệm của những ai": those the passage says it is the responsibility of
    ("Kết quả thực hiện kế hoạch thư viện của xã Tân Phú là tiêu chí đánh giá trách nhiệm của những ai?",
     ["người đứng đầu", "cấp phó phụ trách"], []),
    # the row of the hamlet asked leads, under a column "Số tủ" counting "tủ sách lưu động"
    ("Thôn Bến Đò được phân bổ mấy tủ sách lưu động và điểm nào tiếp nhận?",
     ["Nhà văn hóa thôn Bến Đò", "Số tủ: 03"], []),
    # columns named by a date ("Chỉ tiêu đến 31/12/2026") name the row's figures
    ("Chỉ tiêu tỷ lệ học sinh tiểu học đọc thường xuyên đến 31/12/2026 trong kế hoạch thư viện xã Tân Phú là bao "
     "nhiêu?", ["Chỉ tiêu đến 31/12/2026: 60%"], []),
])
def test_the_library_plan_is_answered(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


def test_a_rows_year_is_the_group_its_group_sits_in(plan: Services) -> None:
    """"Năm 2027" over "Chỉ tiêu về phục vụ bạn đọc" over the row: the year travels with the row, which leads (the
    same indicator of 2026 may follow, said with its own year)."""
    r = plan.ask.ask("Chỉ tiêu số lượt bạn đọc đến thư viện xã Tân Phú năm 2027 là bao nhiêu?")
    lead = r.answer.split("\n")[0]
    assert lead.startswith("Năm 2027 — Chỉ tiêu về phục vụ bạn đọc — ") and "15.500" in lead and "12.000" not in lead
    assert "12.000" not in r.answer or "Năm 2026 — " in r.answer


def test_what_is_asked_of_a_named_plan_finds_its_passage(plan: Services) -> None:
    """"Kế hoạch phát triển thư viện … của UBND xã Tân Phú được triển khai trong khoảng thời gian nào?": the words
    naming the plan find its header; what is asked, without them, finds its "THỜI GIAN, PHẠM VI" part."""
    q = "Kế hoạch phát triển thư viện và văn hóa đọc năm 2026 của UBND xã Tân Phú được triển khai trong khoảng thời " \
        "gian nào?"
    ask = plan.ask
    names = ask.plan_names()
    header = [c for c in ask.retriever.retrieve(q, None, 10) if not c.payload.get("section")][:1]
    assert header
    read = ask._named_plan_read(q, analyse(q), None, header, 10, names)
    assert any(str(c.payload.get("section", "")).startswith("III. THỜI GIAN") for c in read)
    assert_answered(plan, q, ["01/3/2026", "30/11/2026"], [])
