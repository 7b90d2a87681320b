"""`troly eval --mode generative`: the gold questions through the generative answerer, beside the
extractive pipeline on the same fresh index, so the model's effect reads as a difference.

A model server must be configured (`TROLY_LLM__BASE_URL`, see README). Configurations:
`troly` (extractive, the gated one) and `troly_generative`. On top of the usual metrics:

- `verifier_dropped`: per question, the share of the model's sentences that were not shown (no or
  unknown marker, not grounded in the quote, or rejected by the verifier); averaged over questions;
- `fallback_rate`: share of questions answered by the extractive fallback (`answer_mode`);

and `generation.json` with the totals: sentences written and dropped, fallback rate overall and on
answerable questions, and the latency the model adds (paired per question: median, p95).
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.domain import AnswerMode
from assistant.services.container import Services
from assistant.settings import Settings
from eval.gold import GoldQuestion
from eval.metrics import EvalContext, Metric, Outcome, evaluate, percentile, register
from eval.report import RunResult, write_report
from eval.runner import DEFAULT_DATASETS, EVAL_TOP_K, PathArg, corpus_files, load_datasets

NAME = "troly_generative"


@register
class FallbackRate(Metric):
    name, description, scope, higher_is_better = "fallback_rate", "Tỷ lệ trả lời dự phòng (trích xuất)", "all", False

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        mode = response.get("answer_mode", "extractive")
        return None if mode == "extractive" else float(mode == "extractive_fallback")


@register
class VerifierDropped(Metric):
    name, description, scope, higher_is_better = (
        "verifier_dropped", "Tỷ lệ câu của mô hình bị loại (trung bình theo câu hỏi)", "all", False)

    def compute(self, gold: GoldQuestion, response: Mapping[str, Any], ctx: EvalContext) -> Outcome:
        g = response.get("generation") or {}
        return g["dropped"] / g["sentences"] if g.get("sentences") else None


def run_generative(settings: Settings, corpus: PathArg, out_dir: Path, dataset: PathArg = DEFAULT_DATASETS,
                   show_progress: bool = True) -> dict[str, Any]:
    """Both configurations on one temporary index, every gold set; writes the report and returns
    generation.json's content (totals over all sets)."""
    if not settings.llm.base_url:
        raise RuntimeError("Chế độ generative cần máy chủ mô hình: đặt TROLY_LLM__BASE_URL (xem README).")
    sets = load_datasets(dataset)
    runs: dict[str, dict[str, RunResult]] = {name: {} for name in sets}
    responses: dict[str, list[dict[str, Any]]] = {"troly": [], NAME: []}
    with tempfile.TemporaryDirectory(prefix="troly-eval-gen-") as tmp:
        services = Services(settings.model_copy(update={"data_dir": Path(tmp)}))
        try:
            outcomes = services.ingest.ingest_paths(corpus_files(corpus), classification="public")
            bad = [o for o in outcomes if o.status not in ("ingested", "replaced", "skipped")]
            if bad:
                raise RuntimeError(f"Không nạp được: {', '.join(o.source + ': ' + o.reason for o in bad)}")
            services.warm_up()
            ctx = EvalContext(text_of=services.registry.text_of)
            for set_name, questions in sets.items():
                for name, mode in (("troly", AnswerMode.EXTRACTIVE), (NAME, AnswerMode.GENERATIVE)):
                    answers = []
                    for q in tqdm(questions, desc=f"{name} {set_name}", disable=not show_progress, unit="câu"):
                        answered = services.answering.answer(q.question, None, EVAL_TOP_K, mode)
                        answers.append({**answered.response.model_dump(), "generation": {
                            "sentences": answered.stats.sentences, "dropped": answered.stats.dropped,
                            "error": answered.stats.error}})
                    responses[name] += answers
                    rows, aggregates = evaluate(questions, answers, ctx)
                    runs[set_name][name] = RunResult(rows, aggregates, {
                        "answerer": mode.value, "top_k": EVAL_TOP_K, "embedder": services.embedder.name,
                        **({"llm_model": settings.llm.model, "max_tokens": settings.llm.max_tokens,
                            "max_passages": settings.llm.max_passages} if mode == AnswerMode.GENERATIVE else {})})
        finally:
            services.close()
    write_report(out_dir, runs, primary="troly")
    questions = [q for qs in sets.values() for q in qs]
    totals = generation_totals(questions, responses["troly"], responses[NAME])
    (Path(out_dir) / "generation.json").write_text(json.dumps(totals, ensure_ascii=False, indent=2), encoding="utf-8")
    return totals


def generation_totals(questions: list[GoldQuestion], extractive: list[dict[str, Any]],
                      generative: list[dict[str, Any]]) -> dict[str, Any]:
    sentences = sum(r["generation"]["sentences"] for r in generative)
    dropped = sum(r["generation"]["dropped"] for r in generative)
    fallback = [r["answer_mode"] == "extractive_fallback" for r in generative]
    answerable = [f for f, q in zip(fallback, questions, strict=True) if q.answerable]
    added = [float(g["latency_ms"] - e["latency_ms"]) for g, e in zip(generative, extractive, strict=True)]
    errors: dict[str, int] = {}
    for r in generative:
        if r["generation"]["error"]:
            errors[r["generation"]["error"]] = errors.get(r["generation"]["error"], 0) + 1
    return {
        "questions": len(questions),
        "model_sentences": sentences,
        "dropped_sentences": dropped,
        "dropped_share": dropped / sentences if sentences else None,
        "fallback_rate": _rate(fallback),
        "fallback_rate_answerable": _rate(answerable),
        "answered_generative": sum(r["answer_mode"] == "generative" for r in generative),
        "added_latency_ms": {"median": statistics.median(added), "p95": percentile(added, 95)} if added else None,
        "fallback_reasons": errors,
    }


def _rate(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None
