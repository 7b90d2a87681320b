"""A question naming one plan whose first passages found do not hold the kind of fact asked (a target without
its figure) reads the rest of that plan: the figure sits inside a unit's long duty paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "target_in_a_duty.txt"
QUESTION = "Kế hoạch phát triển văn hóa đọc của tỉnh Hà Giang phấn đấu số bản sách bình quân ở mức nào?"


@pytest.fixture(scope="module")
def one_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("read-further"), [PLAN])


@pytest.mark.parametrize("top_k", [1, 2, 3, 10])
def test_a_target_is_answered_with_its_figure_however_few_passages_are_found(one_plan: Services, top_k: int) -> None:
    r = one_plan.ask.ask(QUESTION, top_k=top_k)
    assert r.answerable and "0,5 bản/người dân" in r.answer
    text = one_plan.registry.text_of(r.citations[0].doc_id)
    assert all(text[c.start:c.end] == c.quote for c in r.citations)


def test_a_passage_naming_the_topic_without_a_figure_does_not_lead(one_plan: Services) -> None:
    """The communes' duty ("đưa số bản sách bình quân về mức phù hợp …") says the words asked, not the level."""
    r = one_plan.ask.ask(QUESTION, top_k=2)
    assert not r.answer.startswith("Ủy ban nhân dân các xã")


def test_a_place_typed_without_marks_keeps_the_plan_of_that_place(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"phuong bach dang (hai phong) …" names no capitalised name: the plans whose title or header say that place
    answer, not another plan found first for the topic's words."""
    fixtures = Path(__file__).parents[1] / "fixtures"
    for services in services_over(tmp_path_factory.mktemp("plain-place"),
                                  [fixtures / "ward_archive_plan.txt", fixtures / "province_archive_plan.txt"]):
        q = "phuong bach dang phai hoan thanh so hoa tai lieu luu tru lich su cua dang uy phuong truoc ngay nao?"
        chunks = services.ask.retriever.retrieve(q, None, 10)
        sources = {str(c.payload.get("source")) for c in services.ask._naming(q, chunks)}
        assert sources == {"ward_archive_plan.txt"}
        assert "01/7/2025" in services.ask.ask(q).answer
