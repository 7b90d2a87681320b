"""The refusal threshold — the one setting calibrated on gold data — chosen leave-one-document-out.

A threshold picked on all gold questions flatters the questions it was picked on. Here each
question is scored at a threshold chosen WITHOUT the questions about its own documents:

- an answerable question about documents S is scored at the threshold that maximises the
  objective on every question that shares no document with S (for a question about one
  document D: on the questions not about D — leave-one-document-out);
- an unanswerable question is about no document: it is left out alone (leave-one-question-out).

Objective on a pool of questions: (share of answerable questions answered correctly) + (share of
unanswerable questions refused) — the two DESIGN.md answer bars with equal weight, so the few
unanswerable questions are not drowned by the many answerable ones. Ties go to the threshold
closest to the configured one, then to the lower one.

Input is a sweep: the evaluation rows (``eval.metrics.result_row``) of the same questions, in the
same order, answered once per threshold of the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

THRESHOLD_GRID: tuple[float, ...] = tuple(round(0.15 + 0.05 * i, 2) for i in range(8))  # 0.15 … 0.50
UNANSWERABLE = "(không có đáp án)"  # the group of unanswerable questions in per-document tables

Row = Mapping[str, Any]


def sources_of(row: Row) -> frozenset[str]:
    return frozenset(row.get("expected_sources") or ()) if row.get("expected_answerable") else frozenset()


def document_keys(row: Row) -> list[str]:
    """Per-document breakdown keys: each expected source; unanswerable questions in their own group."""
    return sorted(sources_of(row)) or [UNANSWERABLE]


def objective(rows: Sequence[Row]) -> float | None:
    """Correct share of the answerable rows plus refused share of the unanswerable rows."""
    correct = [r["metrics"].get("correct") for r in rows if r.get("expected_answerable")]
    refused = [r["metrics"].get("refusal_recall") for r in rows if not r.get("expected_answerable")]
    parts = [sum(v or 0.0 for v in values) / len(values) for values in (correct, refused) if values]
    return sum(parts) if parts else None


def accuracy(rows: Sequence[Row]) -> float | None:
    """Share of all rows handled right (answerable: correct; unanswerable: refused); shown beside the objective."""
    metric = {True: "correct", False: "refusal_recall"}
    values = [r["metrics"].get(metric[bool(r.get("expected_answerable"))]) or 0.0 for r in rows]
    return sum(values) / len(values) if values else None


def best_threshold(
    sweep: Mapping[float, Sequence[Row]], keep: Callable[[int], bool], configured: float
) -> float:
    """The grid threshold with the best objective on the rows whose index passes ``keep``."""

    def rank(t: float) -> tuple[float, float, float]:
        value = objective([row for i, row in enumerate(sweep[t]) if keep(i)])
        return (-(value if value is not None else -1.0), abs(t - configured), t)

    return min(sweep, key=rank)


@dataclass
class LodoResult:
    """Per question (sweep order): the threshold it was scored at and its row at that threshold."""

    thresholds: list[float]
    rows: list[Row]
    # threshold per held-out group: "ext03.txt", "ext02.txt + ext07.txt", "dev:q088"
    by_group: dict[str, float] = field(default_factory=dict)


def group_label(row: Row) -> str:
    sources = sources_of(row)
    return " + ".join(sorted(sources)) if sources else f"{row.get('dataset', '')}:{row['id']}".lstrip(":")


def _calibration_pool(sources: Sequence[frozenset[str]], i: int) -> Callable[[int], bool]:
    """Rows usable to calibrate question i: no document in common with it (unanswerable: all but itself)."""
    held = sources[i]
    if held:
        return lambda j: not (sources[j] & held)
    return lambda j: j != i


def leave_one_document_out(sweep: Mapping[float, Sequence[Row]], configured: float) -> LodoResult:
    """Score every question at the threshold chosen without its own documents (see module docstring)."""
    if not sweep:
        raise ValueError("Không có kết quả quét ngưỡng nào")
    grid = sorted(sweep)
    base = sweep[grid[0]]
    for t in grid[1:]:
        if [(r.get("dataset"), r["id"]) for r in sweep[t]] != [(r.get("dataset"), r["id"]) for r in base]:
            raise ValueError(f"Ngưỡng {t}: các câu hỏi không khớp thứ tự với ngưỡng {grid[0]}")
    sources = [sources_of(r) for r in base]
    chosen: dict[str, float] = {}
    per_question: list[float] = []
    for i, row in enumerate(base):
        label = group_label(row)
        if label not in chosen:
            chosen[label] = best_threshold(sweep, _calibration_pool(sources, i), configured)
        per_question.append(chosen[label])
    rows = [sweep[t][i] for i, t in enumerate(per_question)]
    return LodoResult(per_question, rows, chosen)


@dataclass
class Calibration:
    """The sweep and its leave-one-document-out result, as the report needs them."""

    configured: float
    sweep: dict[float, list[Row]]  # threshold -> rows of every gold set, each row with its "dataset"
    lodo: LodoResult

    @property
    def grid(self) -> list[float]:
        return sorted(self.sweep)


def calibrate(sweep: Mapping[float, Sequence[Row]], configured: float) -> Calibration:
    ordered = {t: list(sweep[t]) for t in sorted(sweep)}
    return Calibration(configured, ordered, leave_one_document_out(ordered, configured))
