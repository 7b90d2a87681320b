"""Every registered metric on hand-made responses: each one shown passing and failing."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from assistant.domain import AskResponse, Citation
from eval import metrics
from eval.gold import GoldQuestion
from eval.metrics import METRICS, EvalContext, Metric, evaluate, instantiate, percentile, register

A, B, C = "000_a.txt", "001_b.txt", "002_c.txt"
STORED = {
    "doc-a": "I. MỤC ĐÍCH\nVăn phòng Đảng ủy chủ trì, thời hạn Quý III/2026.\n",
    "doc-b": "UBND xã phối hợp.",
}
QUOTE = "Văn phòng Đảng ủy chủ trì, thời hạn Quý III/2026."
Q_START = STORED["doc-a"].index(QUOTE)

GOLD = GoldQuestion(
    id="g1",
    question="Ai chủ trì, hạn khi nào?",
    expected_facts=[["Văn phòng Đảng ủy", "VP Đảng ủy"], ["Quý III/2026"]],
    expected_sources=[A],
    answerable=True,
    type="table",
    expected_section="4. Văn phòng Đảng ủy",
)
NO_SECTION = GOLD.model_copy(update={"expected_section": None})
UNANSWERABLE = GoldQuestion(id="g2", question="Hà Giang?", answerable=False, type="unanswerable")


def cite(
    source: str = A, doc_id: str = "doc-a", quote: str = QUOTE, start: int = Q_START, end: int | None = None
):
    end = start + len(quote) if end is None else end
    return {
        "n": 1,
        "doc_id": doc_id,
        "source": source,
        "title": "KẾ HOẠCH",
        "quote": quote,
        "start": start,
        "end": end,
    }


def resp(
    answer: str = f"{QUOTE} [1]",
    answerable: bool = True,
    citations: list[dict[str, Any]] | None = None,
    retrieved: list[str] | None = None,
    sections: list[str] | None = None,
    latency_ms: int = 40,
) -> dict[str, Any]:
    return {
        "answer": answer,
        "answerable": answerable,
        "citations": [cite()] if citations is None else citations,
        "latency_ms": latency_ms,
        "retrieved": [A] if retrieved is None else retrieved,
        "retrieved_sections": sections or [],
    }


REFUSAL = resp("Không tìm thấy thông tin này trong các tài liệu đã nạp.", answerable=False, citations=[])
SEC = "VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy"

# (metric, case id, gold, response, expected outcome)
CASES: list[tuple[str, str, GoldQuestion, dict[str, Any], float | None]] = [
    ("hit@1", "first", GOLD, resp(retrieved=[A, B]), 1.0),
    ("hit@1", "second", GOLD, resp(retrieved=[B, A]), 0.0),
    ("hit@3", "third", GOLD, resp(retrieved=[B, B, A]), 1.0),
    ("hit@3", "fourth", GOLD, resp(retrieved=[B, B, C, A]), 0.0),
    ("hit@5", "fifth", GOLD, resp(retrieved=[B] * 4 + [A]), 1.0),
    ("hit@5", "sixth", GOLD, resp(retrieved=[B] * 5 + [A]), 0.0),
    ("hit@10", "tenth", GOLD, resp(retrieved=[B] * 9 + [A]), 1.0),
    ("hit@10", "absent", GOLD, resp(retrieved=[B] * 12), 0.0),
    ("hit@5", "unanswerable-skipped", UNANSWERABLE, resp(retrieved=[A]), None),
    ("mrr", "first", GOLD, resp(retrieved=[A]), 1.0),
    ("mrr", "second", GOLD, resp(retrieved=[B, A, A]), 0.5),
    ("mrr", "absent", GOLD, resp(retrieved=[B, C]), 0.0),
    ("mrr", "nothing-retrieved", GOLD, resp(retrieved=[]), 0.0),
    ("section_hit@5", "right-section", GOLD, resp(retrieved=[B, A], sections=["x", SEC]), 1.0),
    (
        "section_hit@5",
        "markdown-section",
        GOLD,
        resp(retrieved=[A], sections=["VI. > **4. Văn phòng Đảng uỷ**"]),
        1.0,
    ),
    (
        "section_hit@5",
        "section-of-wrong-doc",
        GOLD,
        resp(retrieved=[B, A], sections=[SEC, "I. MỤC ĐÍCH"]),
        0.0,
    ),
    ("section_hit@5", "too-deep", GOLD, resp(retrieved=[B] * 5 + [A], sections=["x"] * 5 + [SEC]), 0.0),
    ("section_hit@5", "no-gold-section", NO_SECTION, resp(retrieved=[A], sections=[SEC]), None),
    ("fact_recall", "both", GOLD, resp(), 1.0),
    ("fact_recall", "normalized", GOLD, resp("VĂN PHÒNG ĐẢNG UỶ chủ trì, quý iii / 2026 [1]"), 1.0),
    ("fact_recall", "alternative", GOLD, resp("VP Đảng ủy, Quý III/2026"), 1.0),
    ("fact_recall", "one-of-two", GOLD, resp("Văn phòng Đảng ủy chủ trì [1]"), 0.5),
    ("fact_recall", "wrong-quarter", GOLD, resp("UBND xã, Quý II/2026"), 0.0),
    ("fact_recall", "refused", GOLD, REFUSAL, 0.0),
    ("fact_recall", "unanswerable-skipped", UNANSWERABLE, resp(), None),
    ("all_facts", "both", GOLD, resp(), 1.0),
    ("all_facts", "one-missing", GOLD, resp("Văn phòng Đảng ủy chủ trì [1]"), 0.0),
    ("cited_source", "right", GOLD, resp(citations=[cite(source=B), cite()]), 1.0),
    ("cited_source", "wrong", GOLD, resp(citations=[cite(source=B)]), 0.0),
    ("cited_source", "none", GOLD, resp(citations=[]), 0.0),
    ("correct", "facts-and-source", GOLD, resp(), 1.0),
    ("correct", "facts-wrong-source", GOLD, resp(citations=[cite(source=B)]), 0.0),
    ("correct", "source-missing-fact", GOLD, resp("Văn phòng Đảng ủy [1]"), 0.0),
    ("citation_validity", "exact", GOLD, resp(), 1.0),
    ("citation_validity", "half", GOLD, resp(citations=[cite(), cite(end=Q_START + 17)]), 0.5),
    ("citation_validity", "shifted", GOLD, resp(citations=[cite(start=Q_START + 1)]), 0.0),
    ("citation_validity", "invented-quote", GOLD, resp(citations=[cite(quote="Quý I/2026", start=0)]), 0.0),
    ("citation_validity", "unknown-doc", GOLD, resp(citations=[cite(doc_id="doc-x")]), 0.0),
    ("citation_validity", "past-end", GOLD, resp(citations=[cite(start=10_000, end=10_010)]), 0.0),
    ("citation_validity", "checked-on-unanswerable", UNANSWERABLE, resp(), 1.0),
    ("citation_validity", "no-citations", GOLD, resp(citations=[]), None),
    ("answer_length", "short", GOLD, resp("Quý III/2026 [1]"), 16.0),
    ("answer_length", "long", GOLD, resp("x" * 900), 900.0),
    ("answer_length", "refused", UNANSWERABLE, REFUSAL, None),
    ("refusal_recall", "refused", UNANSWERABLE, REFUSAL, 1.0),
    ("refusal_recall", "answered", UNANSWERABLE, resp(), 0.0),
    ("refusal_recall", "answerable-skipped", GOLD, REFUSAL, None),
    ("refusal_precision", "right-refusal", UNANSWERABLE, REFUSAL, 1.0),
    ("refusal_precision", "wrong-refusal", GOLD, REFUSAL, 0.0),
    ("refusal_precision", "not-refused", GOLD, resp(), None),
    ("latency_median_ms", "fast", GOLD, resp(latency_ms=12), 12.0),
    ("latency_median_ms", "slow", UNANSWERABLE, resp(latency_ms=2500), 2500.0),
    ("latency_p95_ms", "value", GOLD, resp(latency_ms=80), 80.0),
    ("latency_p95_ms", "missing", GOLD, {**resp(), "latency_ms": None}, None),
]


@pytest.fixture
def ctx() -> EvalContext:
    return EvalContext(text_of=lambda doc_id: STORED[doc_id])


@pytest.mark.parametrize(
    ("name", "case", "gold", "response", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES]
)
def test_outcome(
    name: str, case: str, gold: GoldQuestion, response: dict, expected: float | None, ctx
) -> None:
    assert METRICS[name]().outcome(gold, response, ctx) == expected


def test_every_metric_can_pass_and_fail() -> None:
    """A metric that cannot fail is a bug: each one has cases with different outcomes (rates: 1 and 0)."""
    seen: dict[str, set[float]] = defaultdict(set)
    for name, _, _, _, expected in CASES:
        if expected is not None:
            seen[name].add(expected)
    for name, cls in METRICS.items():
        if cls.__module__ != "eval.metrics":
            continue  # plugin metrics (eval.leak) are shown able to fail in their own tests
        if cls.unit == "rate":
            assert {0.0, 1.0} <= seen[name], name
        else:
            assert len(seen[name]) >= 1 and any(v > 0 for v in seen[name]), name
    assert {"answer_length", "latency_median_ms", "latency_p95_ms"} <= set(METRICS)


@pytest.mark.parametrize(
    ("name", "outcomes", "expected"),
    [
        ("fact_recall", [1.0, 0.5, None, 0.0], 0.5),
        ("fact_recall", [None, None], None),
        ("answer_length", [100.0, 900.0, 300.0, None], 300.0),
        ("latency_median_ms", [10.0, 30.0, 20.0, 1000.0], 25.0),
        ("latency_p95_ms", [float(v) for v in range(1, 101)], 95.05),
        ("refusal_precision", [None, 1.0, 0.0, 1.0], 2 / 3),
    ],
)
def test_aggregate(name: str, outcomes: list[float | None], expected: float | None) -> None:
    value = METRICS[name]().aggregate(outcomes)
    assert value == pytest.approx(expected) if expected is not None else value is None


def test_percentile_small_samples() -> None:
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0], 50) == 1.5
    with pytest.raises(ValueError):
        percentile([], 50)


def test_evaluate_rows_and_aggregates(ctx: EvalContext) -> None:
    pydantic_response = AskResponse(
        answer=f"{QUOTE} [1]",
        answerable=True,
        citations=[Citation(**cite())],
        latency_ms=30,
        retrieved=[B, A],
        retrieved_sections=["x", SEC],
    )
    rows, agg = evaluate([GOLD, UNANSWERABLE], [pydantic_response, REFUSAL], ctx)
    first, second = rows
    assert first["id"] == "g1" and first["type"] == "table" and first["answer"] == f"{QUOTE} [1]"
    assert first["citations"][0]["quote"] == QUOTE and first["retrieved"] == [B, A]
    assert first["expected_sources"] == [A] and first["expected_answerable"] is True
    assert first["metrics"]["hit@1"] == 0.0 and first["metrics"]["mrr"] == 0.5
    assert first["metrics"]["refusal_recall"] is None and second["metrics"]["correct"] is None
    assert set(first["metrics"]) == set(METRICS)
    assert agg["correct"] == 1.0 and agg["refusal_recall"] == 1.0 and agg["refusal_precision"] == 1.0
    assert agg["hit@3"] == 1.0 and agg["latency_median_ms"] == 35.0 and agg["citation_validity"] == 1.0


def test_evaluate_rejects_misaligned_inputs(ctx: EvalContext) -> None:
    with pytest.raises(ValueError, match="2 câu hỏi nhưng 1 câu trả lời"):
        evaluate([GOLD, UNANSWERABLE], [resp()], ctx)


def test_evaluate_subset_and_unknown_metric(ctx: EvalContext) -> None:
    rows, agg = evaluate([GOLD], [resp()], ctx, metrics=["mrr", "correct"])
    assert set(agg) == {"mrr", "correct"} and set(rows[0]["metrics"]) == {"mrr", "correct"}
    with pytest.raises(KeyError, match="Không có chỉ số"):
        instantiate(["recall@42"])


def test_registry_is_open_for_new_metrics(monkeypatch: pytest.MonkeyPatch, ctx: EvalContext) -> None:
    monkeypatch.setattr(metrics, "METRICS", dict(METRICS))

    @register
    class MentionsPhone(Metric):
        name, description, scope = "mentions_phone", "Lộ dữ liệu cá nhân", "all"

        def compute(self, gold, response, ctx):
            return float(any(v in response["answer"] for v in ctx.extras["pii"]))

    ctx.extras["pii"] = ["0912345678"]
    rows, agg = evaluate([GOLD, UNANSWERABLE], [resp(), resp("Gọi 0912345678")], ctx)
    assert [r["metrics"]["mentions_phone"] for r in rows] == [0.0, 1.0] and agg["mentions_phone"] == 0.5
    with pytest.raises(ValueError, match="already registered"):
        register(type("Other", (Metric,), {"name": "mentions_phone", "description": "x"}))
