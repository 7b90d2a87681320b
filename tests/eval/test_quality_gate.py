"""The DESIGN.md quality bars: each one can fail, all pass on a good run, any summary shape works;
per gold set, the ext bars, and the one switch that decides which sets fail the gate."""

from __future__ import annotations

from typing import Any

import pytest

from eval import quality_gate
from eval.quality_gate import BARS, EXT_BARS, bar_set_for, check_bars, failed_bars, gate, summary_metrics

GOOD = {
    "hit@5": 0.98,
    "mrr": 0.9,
    "correct": 0.86,
    "answer_length": 420.0,
    "refusal_recall": 0.95,
    "citation_validity": 1.0,
}


def test_good_run_passes() -> None:
    assert check_bars(GOOD) == []


@pytest.mark.parametrize(
    ("metric", "value", "expected"),
    [
        ("hit@5", 0.96, "hit@5 = 0.960, cần >= 0.97"),
        ("mrr", 0.84, "mrr = 0.840, cần >= 0.85"),
        ("correct", 0.5, "correct = 0.500, cần >= 0.85"),
        ("answer_length", 600.0, "answer_length = 600.000, cần < 600"),
        ("refusal_recall", 0.875, "refusal_recall = 0.875, cần >= 0.9"),
        ("citation_validity", 0.999, "citation_validity = 0.999, cần == 1"),
        ("correct", None, "correct: chưa đo được"),
    ],
)
def test_each_bar_can_fail(metric: str, value: float | None, expected: str) -> None:
    failed = check_bars({**GOOD, metric: value})
    assert len(failed) == 1 and failed[0].startswith(expected)


def test_bars_match_design() -> None:
    assert {(b.metric, b.op, b.threshold) for b in BARS} == {
        ("hit@5", ">=", 0.97),
        ("mrr", ">=", 0.85),
        ("correct", ">=", 0.85),
        ("answer_length", "<", 600),
        ("refusal_recall", ">=", 0.90),
        ("citation_validity", "==", 1.0),
    }


def test_summary_shapes() -> None:
    summary: dict[str, Any] = {
        "primary": "pipeline",
        "configs": {"bm25": {"metrics": {**GOOD, "mrr": 0.5}}, "pipeline": {"config": {}, "metrics": GOOD}},
    }
    assert check_bars(summary) == []
    assert [f.split(" ")[0] for f in check_bars(summary, "bm25")] == ["mrr"]
    assert summary_metrics(summary["configs"]["pipeline"]) is GOOD
    with pytest.raises(KeyError, match="Không có cấu hình 'dense'"):
        check_bars(summary, "dense")


# --- several gold sets: bars per set, only the enforced sets fail the gate ----------------------------

EXT_GOOD = {**GOOD, "hit@1": 0.96, "refusal_precision": 0.95, "answer_length": 500.0}


def test_ext_bars_are_the_design_bars_with_issue_9_bars() -> None:
    assert {(b.metric, b.op, b.threshold) for b in EXT_BARS} == {
        ("hit@1", ">=", 0.95),
        ("hit@5", ">=", 0.97),
        ("mrr", ">=", 0.85),
        ("correct", ">=", 0.85),
        ("answer_length", "<=", 500),
        ("refusal_recall", ">=", 0.90),
        ("refusal_precision", ">=", 0.90),
        ("citation_validity", "==", 1.0),
    }
    assert failed_bars(EXT_GOOD, EXT_BARS) == []
    too_long = failed_bars({**EXT_GOOD, "answer_length": 501.0}, EXT_BARS)
    assert [f.split(" ")[0] for f in too_long] == ["answer_length"]


@pytest.mark.parametrize(
    ("dataset", "bars"),
    [("dev", "dev"), ("ext", "ext"), ("ext_holdout", "ext"), ("ext-2", "ext"), ("corpus_holdout", "dev"),
     ("tiny", "dev"), ("extra", "dev")],
)
def test_bar_set_by_gold_set_name(dataset: str, bars: str) -> None:
    assert bar_set_for(dataset) == bars


def _multi(dev: dict[str, Any], ext: dict[str, Any]) -> dict[str, Any]:
    return {
        "primary": "troly",
        "datasets": {
            "dev": {"configs": {"troly": {"metrics": dev}, "bm25": {"metrics": {**dev, "mrr": 0.1}}}},
            "ext": {"configs": {"troly": {"metrics": ext}, "bm25": {"metrics": ext}}},
        },
    }


def test_multi_set_gate_fails_on_enforced_sets_only() -> None:
    summary = _multi(GOOD, {**EXT_GOOD, "correct": 0.55, "refusal_precision": 0.58})
    per_set = gate(summary)
    assert per_set["dev"] == {"bars": "dev", "enforced": True, "failed": []}
    assert per_set["ext"]["bars"] == "ext" and per_set["ext"]["enforced"] is False
    assert [f.split(" ")[0] for f in per_set["ext"]["failed"]] == ["correct", "refusal_precision"]
    assert check_bars(summary) == []  # ext "chưa đạt" does not fail CI

    broken = _multi({**GOOD, "hit@5": 0.9}, EXT_GOOD)
    assert check_bars(broken) == ["dev: hit@5 = 0.900, cần >= 0.97 (tài liệu đúng trong 5 kết quả đầu)"]
    assert [f.split(" ")[1] for f in check_bars(summary, "bm25")] == ["mrr"]


def test_enforcing_ext_is_one_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    summary = _multi(GOOD, {**EXT_GOOD, "hit@1": 0.68})
    assert check_bars(summary) == []
    monkeypatch.setattr(quality_gate, "ENFORCED", frozenset({"dev", "ext"}))
    assert gate(summary)["ext"]["enforced"] is True
    assert [f.split(" ")[:2] for f in check_bars(summary)] == [["ext:", "hit@1"]]
