"""Evaluation metrics as small registered classes.

Each metric turns one (gold question, ask response) pair into an outcome — a number, or ``None``
when it does not apply (answer metrics skip unanswerable questions and vice versa) — and folds
the outcomes of a run into one aggregate. New metrics (e.g. the PII-leak metric of the
controlled-AI issue) subclass :class:`Metric` and use ``@register``; ``evaluate`` picks them up.

The response is the ``/v1/ask`` JSON of DESIGN.md plus ``retrieved`` (sources of the retrieved
chunks in rank order), ``retrieved_sections`` (their section paths) and ``latency_ms``.
Retrieval ranks count chunks: "hit@5" means a chunk of an expected document is among the first
five retrieved chunks; the runner must therefore retrieve at least 10 chunks for hit@10.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from eval.gold import GoldQuestion, contains_fact, normalize_for_match, question_groups

Outcome = float | None
Scope = Literal["answerable", "unanswerable", "all"]
Unit = Literal["rate", "ms", "chars"]


@dataclass
class EvalContext:
    """Lookups metrics need beyond the response itself.

    ``text_of(doc_id)`` returns the stored (normalized) text of a document, the text citation
    offsets refer to; it raises ``KeyError`` for an unknown id. ``extras`` carries data of later
    metrics (e.g. the personal identifiers planted in test fixtures for the PII-leak metric).
    """

    text_of: Callable[[str], str]
    config: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)


class Metric:
    """Base class: override ``compute``; override ``aggregate`` when the mean is not the summary."""

    name: ClassVar[str]
    description: ClassVar[str]  # Vietnamese label used in reports
    scope: ClassVar[Scope] = "answerable"
    higher_is_better: ClassVar[bool] = True
    unit: ClassVar[Unit] = "rate"

    def applies(self, gold: GoldQuestion) -> bool:
        if self.scope == "answerable":
            return gold.answerable
        if self.scope == "unanswerable":
            return not gold.answerable
        return True

    def outcome(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return self.compute(gold, response, ctx) if self.applies(gold) else None

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        raise NotImplementedError

    def aggregate(self, outcomes: Iterable[Outcome]) -> float | None:
        values = _present(outcomes)
        return statistics.fmean(values) if values else None


METRICS: dict[str, type[Metric]] = {}


def register(cls: type[Metric]) -> type[Metric]:
    """Class decorator: make a metric part of every evaluation run."""
    if cls.name in METRICS and METRICS[cls.name] is not cls:
        raise ValueError(f"metric {cls.name!r} is already registered by {METRICS[cls.name].__name__}")
    METRICS[cls.name] = cls
    return cls


# --- response helpers ------------------------------------------------------------------------------


def _present(outcomes: Iterable[Outcome]) -> list[float]:
    return [float(v) for v in outcomes if v is not None and not (isinstance(v, float) and math.isnan(v))]


def refused(response: Mapping[str, Any]) -> bool:
    return response.get("answerable") is False


def _citations(response: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(response.get("citations") or [])


def _first_hit_rank(gold: GoldQuestion, response: Mapping[str, Any]) -> int | None:
    expected = set(gold.expected_sources)
    for rank, source in enumerate(response.get("retrieved") or [], 1):
        if source in expected:
            return rank
    return None


def _fact_hits(gold: GoldQuestion, response: Mapping[str, Any]) -> list[bool]:
    """Which expected facts the answer text holds; a refusal holds none."""
    if refused(response):
        return [False] * len(gold.expected_facts)
    answer = normalize_for_match(str(response.get("answer") or ""))
    return [contains_fact(answer, alternatives) for alternatives in gold.expected_facts]


def _cites_expected(gold: GoldQuestion, response: Mapping[str, Any]) -> bool:
    if refused(response):
        return False
    expected = set(gold.expected_sources)
    return any(c.get("source") in expected for c in _citations(response))


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of an empty sequence")
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


# --- retrieval ---------------------------------------------------------------------------------------


class _DocHitAtK(Metric):
    k: ClassVar[int]

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        rank = _first_hit_rank(gold, response)
        return float(rank is not None and rank <= self.k)


@register
class DocHitAt1(_DocHitAtK):
    name, k, description = "hit@1", 1, "Tài liệu đúng ở vị trí 1"


@register
class DocHitAt3(_DocHitAtK):
    name, k, description = "hit@3", 3, "Tài liệu đúng trong top 3"


@register
class DocHitAt5(_DocHitAtK):
    name, k, description = "hit@5", 5, "Tài liệu đúng trong top 5"


@register
class DocHitAt10(_DocHitAtK):
    name, k, description = "hit@10", 10, "Tài liệu đúng trong top 10"


@register
class MeanReciprocalRank(Metric):
    name, description = "mrr", "MRR (tài liệu)"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        rank = _first_hit_rank(gold, response)
        return 1.0 / rank if rank else 0.0


@register
class SectionHitAt5(Metric):
    """A chunk of an expected document whose section path contains the gold section, in the top 5."""

    name, description = "section_hit@5", "Mục đúng trong top 5"
    k: ClassVar[int] = 5

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        if not gold.expected_section:
            return None
        wanted = normalize_for_match(gold.expected_section)
        expected = set(gold.expected_sources)
        pairs = zip(response.get("retrieved") or [], response.get("retrieved_sections") or [], strict=False)
        for rank, (source, section) in enumerate(pairs, 1):
            if rank > self.k:
                break
            if source in expected and wanted in normalize_for_match(section or ""):
                return 1.0
        return 0.0


# --- answers -----------------------------------------------------------------------------------------


@register
class FactRecall(Metric):
    name, description = "fact_recall", "Tỷ lệ dữ kiện có trong câu trả lời"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        hits = _fact_hits(gold, response)
        return sum(hits) / len(hits) if hits else None


@register
class AllFacts(Metric):
    name, description = "all_facts", "Đủ mọi dữ kiện"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        hits = _fact_hits(gold, response)
        return float(all(hits)) if hits else None


@register
class CitedSource(Metric):
    name, description = "cited_source", "Trích dẫn đúng tài liệu"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return float(_cites_expected(gold, response))


@register
class CorrectAnswer(Metric):
    """The DESIGN.md answer bar per question: every expected fact present and a right source cited."""

    name, description = "correct", "Đủ dữ kiện và đúng nguồn"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return float(all(_fact_hits(gold, response)) and _cites_expected(gold, response))


@register
class CitationValidity(Metric):
    """Share of a response's citations whose quote is exactly the stored text at start:end."""

    name, description, scope = "citation_validity", "Trích dẫn khớp văn bản gốc", "all"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        citations = _citations(response)
        if not citations:
            return None
        return sum(_citation_ok(c, ctx) for c in citations) / len(citations)


def _citation_ok(citation: Mapping[str, Any], ctx: EvalContext) -> bool:
    try:
        text = ctx.text_of(str(citation.get("doc_id")))
        start, end = int(citation["start"]), int(citation["end"])
    except (KeyError, LookupError, OSError, TypeError, ValueError):
        return False
    return 0 <= start < end <= len(text) and text[start:end] == citation.get("quote")


@register
class AnswerLength(Metric):
    """Characters of the answer text (quotes included) when the system answered; median over the run."""

    name, description, scope = "answer_length", "Độ dài câu trả lời (trung vị, ký tự)", "all"
    higher_is_better, unit = False, "chars"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return None if refused(response) else float(len(str(response.get("answer") or "")))

    def aggregate(self, outcomes: Iterable[Outcome]) -> float | None:
        values = _present(outcomes)
        return statistics.median(values) if values else None


# --- refusal -----------------------------------------------------------------------------------------


@register
class RefusalRecall(Metric):
    name, description, scope = "refusal_recall", "Từ chối đúng câu không có đáp án", "unanswerable"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return float(refused(response))


@register
class RefusalPrecision(Metric):
    """Among refusals, the share that were right (the question had no answer)."""

    name, description, scope = "refusal_precision", "Độ chính xác khi từ chối", "all"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        return float(not gold.answerable) if refused(response) else None


# --- latency -----------------------------------------------------------------------------------------


class _Latency(Metric):
    scope, higher_is_better, unit = "all", False, "ms"

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        value = response.get("latency_ms")
        return None if value is None else float(value)


@register
class LatencyMedian(_Latency):
    name, description = "latency_median_ms", "Thời gian trả lời, trung vị (ms)"

    def aggregate(self, outcomes: Iterable[Outcome]) -> float | None:
        values = _present(outcomes)
        return statistics.median(values) if values else None


@register
class LatencyP95(_Latency):
    name, description = "latency_p95_ms", "Thời gian trả lời, p95 (ms)"

    def aggregate(self, outcomes: Iterable[Outcome]) -> float | None:
        values = _present(outcomes)
        return percentile(values, 95) if values else None


# --- running -----------------------------------------------------------------------------------------


def instantiate(names: Iterable[str] | None = None) -> list[Metric]:
    """Metric instances in registry order (all registered ones by default)."""
    if names is None:
        return [cls() for cls in METRICS.values()]
    unknown = [n for n in names if n not in METRICS]
    if unknown:
        raise KeyError(f"Không có chỉ số đánh giá: {', '.join(unknown)}")
    return [METRICS[n]() for n in names]


def _as_dict(response: Mapping[str, Any] | Any) -> dict[str, Any]:
    if hasattr(response, "model_dump"):  # an AskResponse straight from the service
        return dict(response.model_dump())
    return dict(response)


def result_row(
    gold: GoldQuestion, response: Mapping[str, Any], outcomes: Mapping[str, Outcome]
) -> dict[str, Any]:
    """One line of results.jsonl: the gold question, every response field, the metric outcomes."""
    return {
        "id": gold.id,
        "question": gold.question,
        "type": gold.type,
        "groups": question_groups(gold),
        "expected_answerable": gold.answerable,
        "expected_facts": gold.expected_facts,
        "expected_sources": gold.expected_sources,
        "expected_section": gold.expected_section,
        **response,
        "metrics": dict(outcomes),
    }


def aggregate_rows(
    rows: Iterable[Mapping[str, Any]], names: Iterable[str] | None = None
) -> dict[str, float | None]:
    """Aggregate the per-question outcomes stored in result rows (usable on any subset of rows)."""
    rows = list(rows)
    if names is None:
        names = [n for n in METRICS if any(n in row["metrics"] for row in rows)]
    return {
        metric.name: metric.aggregate(row["metrics"].get(metric.name) for row in rows)
        for metric in instantiate(names)
    }


def evaluate(
    questions: Sequence[GoldQuestion],
    responses: Sequence[Mapping[str, Any] | Any],
    ctx: EvalContext,
    metrics: Iterable[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, float | None]]:
    """Score aligned questions and responses: (one result row per question, aggregate per metric)."""
    if len(questions) != len(responses):
        raise ValueError(f"{len(questions)} câu hỏi nhưng {len(responses)} câu trả lời")
    instances = instantiate(metrics)
    rows = []
    for gold, raw in zip(questions, responses, strict=True):
        response = _as_dict(raw)
        rows.append(result_row(gold, response, {m.name: m.outcome(gold, response, ctx) for m in instances}))
    return rows, aggregate_rows(rows, [m.name for m in instances])
