"""The DESIGN.md quality bars: each one can fail, all pass on a good run, any summary shape works."""

from __future__ import annotations

from typing import Any

import pytest

from eval.quality_gate import BARS, check_bars, summary_metrics

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
