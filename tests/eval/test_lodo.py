"""Leave-one-document-out choice of the refusal threshold on a small hand-made sweep."""

from __future__ import annotations

from typing import Any

import pytest

from eval.lodo import (
    UNANSWERABLE,
    best_threshold,
    calibrate,
    document_keys,
    group_label,
    leave_one_document_out,
    objective,
)
from eval.metrics import aggregate_rows

A, B, C = "a.txt", "b.txt", "c.txt"
GRID = (0.2, 0.3, 0.4)
# question -> (sources, answerable, thresholds at which it is answered correctly / refused)
Questions = dict[str, tuple[list[str], bool, set[float]]]
QUESTIONS: Questions = {
    "a1": ([A], True, {0.2, 0.3}),  # correct while the threshold is low, refused at 0.4
    "a2": ([A], True, {0.2}),
    "b1": ([B], True, {0.2, 0.3}),
    "c1": ([C], True, {0.2, 0.3, 0.4}),
    "u1": ([], False, {0.3, 0.4}),  # unanswerable: refused from 0.3 on
    "u2": ([], False, {0.4}),
}


def row(qid: str, t: float, questions: Questions = QUESTIONS) -> dict[str, Any]:
    sources, answerable, good_at = questions[qid]
    good = t in good_at
    metrics = {"correct": float(good), "refusal_recall": None} if answerable else {
        "correct": None, "refusal_recall": float(good)}
    return {
        "dataset": "ext", "id": qid, "type": "target" if answerable else "unanswerable",
        "expected_answerable": answerable, "expected_sources": sources,
        "answerable": good if answerable else not good, "metrics": metrics,
    }


def sweep(questions: Questions = QUESTIONS) -> dict[float, list[dict[str, Any]]]:
    return {t: [row(q, t, questions) for q in questions] for t in GRID}


def test_objective_weighs_both_bars_equally() -> None:
    at = sweep()
    assert objective(at[0.2]) == pytest.approx(1.0)  # every answer right, nothing refused
    assert objective(at[0.3]) == pytest.approx(0.75 + 0.5)
    assert objective(at[0.4]) == pytest.approx(0.25 + 1.0)
    assert objective([r for r in at[0.4] if r["expected_answerable"]]) == pytest.approx(0.25)
    assert objective([]) is None


def test_ties_go_to_the_configured_threshold_then_the_lower_one() -> None:
    at = sweep()
    assert best_threshold(at, lambda i: True, configured=0.3) == 0.3  # 0.3 and 0.4 tie at 1.25
    assert best_threshold(at, lambda i: True, configured=0.45) == 0.4
    assert best_threshold(at, lambda i: True, configured=0.35) == 0.3  # equally close: the lower one


@pytest.mark.parametrize(
    ("group", "threshold"),
    [
        (A, 0.3),  # without a1, a2: 0.3 and 0.4 tie at 1.5
        (B, 0.4),  # without b1: 0.4 scores 1/3 + 1
        (C, 0.3),  # without c1: 0.3 scores 2/3 + 1/2
        ("ext:u1", 0.4),  # unanswerable: left out alone
        ("ext:u2", 0.3),
    ],
)
def test_threshold_chosen_without_the_held_out_document(group: str, threshold: float) -> None:
    result = leave_one_document_out(sweep(), configured=0.3)
    assert result.by_group[group] == threshold


def test_each_question_scored_at_its_groups_threshold() -> None:
    result = leave_one_document_out(sweep(), configured=0.3)
    assert result.thresholds == [0.3, 0.3, 0.4, 0.3, 0.4, 0.3]
    assert [r["metrics"]["correct"] for r in result.rows[:4]] == [1.0, 0.0, 0.0, 1.0]
    agg = aggregate_rows(result.rows, ["correct", "refusal_recall"])
    assert agg == {"correct": 0.5, "refusal_recall": 0.5}


def test_cross_document_question_holds_out_all_its_documents() -> None:
    questions = {**QUESTIONS, "x1": ([A, C], True, {0.2, 0.3, 0.4})}
    result = leave_one_document_out(sweep(questions), configured=0.3)
    # pool without A and C: b1, u1, u2 -> 0.2: 1 + 0, 0.3: 1 + 0.5, 0.4: 0 + 1
    assert group_label(row("x1", 0.2, questions)) == "a.txt + c.txt"
    assert result.by_group["a.txt + c.txt"] == 0.3
    assert document_keys(row("x1", 0.2, questions)) == [A, C]
    assert document_keys(row("u1", 0.2)) == [UNANSWERABLE]


def test_misaligned_sweep_is_rejected() -> None:
    bad = sweep()
    bad[0.4] = list(reversed(bad[0.4]))
    with pytest.raises(ValueError, match="không khớp thứ tự"):
        leave_one_document_out(bad, configured=0.3)
    with pytest.raises(ValueError):
        calibrate({}, configured=0.3)


def test_calibrate_orders_the_grid() -> None:
    cal = calibrate({t: sweep()[t] for t in (0.4, 0.2, 0.3)}, configured=0.3)
    assert cal.grid == [0.2, 0.3, 0.4] and cal.configured == 0.3
    assert cal.lodo.by_group[B] == 0.4


def test_accuracy_counts_every_question_once() -> None:
    from eval.lodo import accuracy

    at = sweep()
    assert accuracy(at[0.2]) == pytest.approx(4 / 6) and accuracy(at[0.4]) == pytest.approx(3 / 6)
    assert accuracy([]) is None
