"""A comparison of two plans answers each from its own text: a resolution named by its number ("Nghị quyết
12-NQ/TU") is that resolution, not the plan carrying it out that quotes the number on every page; each part
asking its own question ("…, còn kế hoạch … đặt bao nhiêu?") is asked of its own plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services
from assistant.vocab.parts import is_attribution

FIXTURES = Path(__file__).parents[1] / "fixtures" / "compare"


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("compare"), sorted(FIXTURES.glob("*.txt")))


def _answer_by_source(services: Services, question: str) -> dict[str, str]:
    r = services.ask.ask(question)
    assert r.answerable, r.answer
    text = {c.doc_id: services.registry.text_of(c.doc_id) for c in r.citations}
    assert all(text[c.doc_id][c.start:c.end] == c.quote for c in r.citations)
    quoted: dict[str, str] = {}
    for c in r.citations:
        quoted[c.source] = quoted.get(c.source, "") + " " + c.quote
    return quoted


@pytest.mark.parametrize("question", [
    "Nghị quyết 12-NQ/TU của Tỉnh ủy về phát triển du lịch cộng đồng đặt tỷ trọng du lịch cộng đồng bao nhiêu "
    "phần trăm GRDP, còn Kế hoạch 88/KH-UBND đặt bao nhiêu phần trăm GRDP?",
    "nghi quyet 12-NQ/TU cua tinh uy ve phat trien du lich cong dong dat ty trong du lich cong dong bao nhieu "
    "phan tram GRDP, con ke hoach 88/KH-UBND dat bao nhieu phan tram GRDP?",
])
def test_each_plan_answers_its_own_part(two_plans: Services, question: str) -> None:
    quoted = _answer_by_source(two_plans, question)
    assert "12% GRDP" in quoted.get("resolution.txt", "")
    assert "8% GRDP" in quoted.get("plan.txt", "")


def test_so_sanh_a_voi_b_reads_both(two_plans: Services) -> None:
    # "với mục tiêu …" names no document kind: the "với" after "so sánh" joins the two
    quoted = _answer_by_source(two_plans, "So sánh chỉ tiêu tỷ trọng du lịch cộng đồng trong GRDP của Kế hoạch "
                                          "88/KH-UBND với mục tiêu của Nghị quyết 12-NQ/TU.")
    assert "12% GRDP" in quoted.get("resolution.txt", "") and "8% GRDP" in quoted.get("plan.txt", "")


@pytest.mark.parametrize(("line", "attribution"), [
    ("*(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của UBND tỉnh Bắc Ninh)*", True),
    ("(kèm theo Kế hoạch số -KH/BTCTU, ngày /5/2026 của Ban Tổ chức Tỉnh ủy)", True),
    ("(Kem theo Quyet dinh so 12/QD-UBND)", True),
    ("Ban hành kèm theo Quyết định này Kế hoạch triển khai …", False),  # Điều 1 of a decision says what it adopts
    ("Tỷ trọng du lịch cộng đồng đạt 8% GRDP (kèm theo danh mục).", False),
])
def test_an_annex_attribution_line(line: str, attribution: bool) -> None:
    assert is_attribution(line) is attribution


def test_the_last_voi_after_so_sanh_joins_the_two() -> None:
    from assistant.services.ask import _COMPARED_WITH
    from assistant.text import fold_accents

    q = fold_accents("So sánh chỉ tiêu du lịch gắn với bảo tồn văn hóa của tỉnh A với mục tiêu của tỉnh B")
    m = _COMPARED_WITH.search(q)
    assert m is not None and q[m.end(1):] == "muc tieu cua tinh B"
