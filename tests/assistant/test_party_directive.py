"""A Party directive copied from a PDF, read on a plan written for this test (`fixtures/party_directive_pages.txt`):
hard-wrapped lines, a running head next to each page number, numbered paragraphs without headings, a unit's
duties run together in one paragraph. What it sets, funds and gives each unit is answered from its passages; what
it does not say (a fine, a sum per household) is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "party_directive_pages.txt"


@pytest.fixture(scope="module")
def directive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("directive"), [PLAN])


def test_its_title_issuer_and_signer(directive: Services) -> None:
    meta = directive.registry.list_documents()[0].to_meta()
    assert (meta.doc_type, meta.doc_number, meta.issuer, meta.signer) == (
        "Chỉ thị", "15-CT/TU", "Tỉnh ủy Hòa An", "Nguyễn Văn Hậu")
    assert meta.title.endswith("phòng cháy, chữa cháy tại khu dân cư giai đoạn 2026 - 2030")
    assert "Chỉ thị số 15-CT/TU - Tỉnh ủy Hòa An" not in directive.registry.text_of(meta.doc_id)  # the running head


@pytest.mark.parametrize(("question", "fact"), [
    # "Phấn đấu đến năm 2030: …; 95% khu dân cư …": the clause is dated by its paragraph's label
    ("Đến năm 2030, Tỉnh ủy Hòa An đặt mục tiêu tỷ lệ khu dân cư có tổ liên gia an toàn phòng cháy là bao nhiêu?",
     "95% khu dân cư"),
    ("Chỉ thị phòng cháy của Hòa An ưu tiên bố trí bao nhiêu ngân sách tỉnh cho giai đoạn 2026 - 2030?", "8 tỷ đồng"),
    # "Đơn vị nào chịu trách nhiệm …" asks who; the plan need not say "trách nhiệm" of the task
    ("Theo chỉ thị của Tỉnh ủy Hòa An, đơn vị nào chịu trách nhiệm tập huấn nghiệp vụ cho tổ liên gia an toàn "
     "phòng cháy?", "Công an tỉnh"),
])
def test_the_fact_asked_leads(directive: Services, question: str, fact: str) -> None:
    r = directive.ask.ask(question)
    assert r.answerable and fact in r.answer.split("\n")[0]


def test_a_paragraph_of_duties_is_listed_clause_by_clause(directive: Services) -> None:
    r = directive.ask.ask("Nêu các nhiệm vụ được giao cho Công an tỉnh trong chỉ thị phòng cháy của Tỉnh ủy Hòa An.")
    assert r.answerable
    lines = r.answer.split("\n")
    assert any("xây dựng kế hoạch kiểm tra an toàn phòng cháy" in ln for ln in lines)
    assert any("tổ chức tập huấn nghiệp vụ" in ln for ln in lines)
    assert any("thiết bị báo cháy" in ln for ln in lines)


def test_who_signed_and_in_which_post(directive: Services) -> None:
    r = directive.ask.ask("Chỉ thị 15-CT/TU do đồng chí nào ký, với chức vụ gì?")
    assert r.answerable and "Nguyễn Văn Hậu" in r.answer and "PHÓ BÍ THƯ" in r.answer.upper()


@pytest.mark.parametrize("question", [
    "Chỉ thị 15-CT/TU quy định mức phạt tiền đối với hộ gia đình vi phạm quy định phòng cháy là bao nhiêu?",
    "Theo chỉ thị của Tỉnh ủy Hòa An, mỗi hộ kinh doanh được hỗ trợ bao nhiêu tiền mua bình chữa cháy?",
])
def test_a_fine_or_a_sum_per_household_it_does_not_set_is_refused(directive: Services, question: str) -> None:
    assert not directive.ask.ask(question).answerable
