"""`troly eval --mode generative` (eval.generative): the extra metrics, the totals, and a small run against
the real model server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ModelServer, llm_settings, make_settings

from assistant.settings import LlmSettings
from eval.generative import FallbackRate, VerifierDropped, generation_totals, run_generative
from eval.gold import GoldQuestion
from eval.metrics import EvalContext

CTX = EvalContext(text_of=lambda _: "")


def gold(answerable: bool = True) -> GoldQuestion:
    return GoldQuestion.model_validate({
        "id": "g", "question": "q", "answerable": answerable, "type": "target" if answerable else "unanswerable",
        "expected_facts": [["x"]] if answerable else [], "expected_sources": ["a.txt"] if answerable else []})


def response(mode: str, sentences: int = 0, dropped: int = 0, latency: int = 100) -> dict[str, Any]:
    return {"answer_mode": mode, "latency_ms": latency, "answerable": True, "answer": "x", "citations": [],
            "generation": {"sentences": sentences, "dropped": dropped, "error": ""}}


@pytest.mark.parametrize(("mode", "expected"), [("generative", 0.0), ("extractive_fallback", 1.0), ("extractive", None)])
def test_fallback_rate(mode: str, expected: float | None) -> None:
    assert FallbackRate().outcome(gold(), response(mode), CTX) == expected


@pytest.mark.parametrize(("sentences", "dropped", "expected"), [(4, 1, 0.25), (2, 2, 1.0), (0, 0, None)])
def test_verifier_dropped(sentences: int, dropped: int, expected: float | None) -> None:
    assert VerifierDropped().outcome(gold(), response("generative", sentences, dropped), CTX) == expected


def test_generation_totals() -> None:
    questions = [gold(), gold(), gold(False)]
    extractive = [response("extractive", latency=100)] * 3
    generative = [response("generative", 4, 1, 1100), response("extractive_fallback", 2, 2, 2100),
                  response("extractive_fallback", 0, 0, 100)]
    totals = generation_totals(questions, extractive, generative)
    assert (totals["model_sentences"], totals["dropped_sentences"], totals["dropped_share"]) == (6, 3, 0.5)
    assert totals["fallback_rate"] == pytest.approx(2 / 3) and totals["fallback_rate_answerable"] == 0.5
    assert totals["answered_generative"] == 1
    assert totals["added_latency_ms"]["median"] == 1000.0


def test_needs_a_model_server(tmp_path: Path, corpus_dir: Path) -> None:
    with pytest.raises(RuntimeError, match="TROLY_LLM__BASE_URL"):
        run_generative(make_settings(tmp_path / "d", llm=LlmSettings()), corpus_dir, tmp_path / "out")


def test_a_small_run_with_the_real_model(tmp_path: Path, corpus_dir: Path, model_server: ModelServer) -> None:
    corpus, dataset = tmp_path / "corpus", tmp_path / "gold.jsonl"
    corpus.mkdir()
    source = "004_ac3b5f093c57f3b4.txt"
    (corpus / source).write_text("\n".join((corpus_dir / source).read_text(encoding="utf-8").splitlines()[:48]) + "\n",
                                 encoding="utf-8")
    dataset.write_text(json.dumps({
        "id": "g1", "question": "Phường Bạch Đằng phấn đấu bao nhiêu phần trăm đảng viên thường xuyên sử dụng Sổ tay "
        "đảng viên điện tử?", "expected_facts": [["100%"]], "expected_sources": [source], "answerable": True,
        "type": "target"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    totals = run_generative(make_settings(tmp_path / "d", llm=llm_settings(model_server)), corpus, out, dataset,
                            show_progress=False)
    assert totals["questions"] == 1 and totals["fallback_reasons"] == {}
    assert totals["model_sentences"] >= 1 and totals["added_latency_ms"]["median"] > 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["primary"] == "troly"
    configs = summary["datasets"]["gold"]["configs"]  # one block per gold set, named by its file
    assert set(configs) == {"troly", "troly_generative"}
    metrics = configs["troly_generative"]["metrics"]
    assert metrics["fallback_rate"] in (0.0, 1.0) and metrics["citation_validity"] == 1.0
    assert configs["troly"]["metrics"]["fallback_rate"] is None
    assert json.loads((out / "generation.json").read_text(encoding="utf-8")) == totals
