"""`troly eval`: run the gold sets through the project's pipeline and two baselines.

All corpus folders are indexed together once (questions are harder with every plan in the index,
and that is how users use it); every gold set then runs through every configuration. The
pipeline run uses the same service code as `POST /v1/ask` (Services → AskService) on a fresh
temporary index, so the numbers describe what users get.

The refusal threshold is swept over :data:`eval.lodo.THRESHOLD_GRID` for the pipeline without
re-ingesting: each threshold gets its own AskService (a copy of the settings) over the same index,
and retrieval — which the threshold does not affect — is recorded on the first pass and replayed.
:mod:`eval.lodo` turns the sweep into leave-one-document-out figures.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.components.vector_store import AccessScope, ScoredChunk
from assistant.services.ask import AskService, ChunkRetriever
from assistant.services.container import Services
from assistant.services.extractive import ExtractiveAnswerer
from assistant.settings import Settings
from eval.baselines import BM25Retriever, DenseRetriever, default_splitter_chunks, fixed_windows, read_corpus
from eval.gold import GoldQuestion, load_gold
from eval.lodo import THRESHOLD_GRID, Calibration, calibrate
from eval.metrics import EvalContext, evaluate
from eval.report import RunResult, write_report

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"
DEV_DATASET = DATASETS_DIR / "dev.jsonl"  # the five plans of ../shared/corpus
EXT_DATASET = DATASETS_DIR / "ext.jsonl"  # the plans of ../shared/corpus-ext
DEFAULT_DATASETS: tuple[Path, ...] = (DEV_DATASET, EXT_DATASET)
DEFAULT_DATASET = DEFAULT_DATASETS  # what `troly eval` runs without --dataset (name kept for assistant/cli.py)
CONFIGS = ("troly", "bm25", "dense_default")
EVAL_TOP_K = 10  # hit@10 needs ten ranked chunks
# Files of a corpus folder that describe it rather than being one of its documents.
NOT_DOCUMENTS = ("README", "SOURCES", "LICENSE", "CHANGELOG")

PathArg = Path | str | Sequence[Path | str]


def _paths(arg: PathArg) -> list[Path]:
    """One path, several, or one string of several joined by os.pathsep (`--corpus a:b`, TROLY_CORPUS)."""
    items = [arg] if isinstance(arg, Path | str) else list(arg)
    return [Path(part) for item in items for part in str(item).split(os.pathsep) if part]


def corpus_files(corpus: PathArg) -> list[Path]:
    """The documents of one or more corpus folders (or files); file names must be unique across them."""
    from ingest.service import expand_paths

    folders = _paths(corpus)
    missing = [str(f) for f in folders if not f.exists()]
    if missing:
        raise FileNotFoundError(f"Không tìm thấy thư mục tài liệu: {', '.join(missing)}")
    files = [f for f in expand_paths(folders) if not f.stem.upper().startswith(NOT_DOCUMENTS)]
    if not files:
        raise FileNotFoundError(f"Không tìm thấy tài liệu nào trong {', '.join(map(str, folders))}")
    seen: dict[str, Path] = {}
    for f in files:
        if f.name in seen:
            raise RuntimeError(
                f"Hai tài liệu trùng tên {f.name} ({seen[f.name]}, {f}): câu hỏi chuẩn nêu nguồn bằng tên tệp"
            )
        seen[f.name] = f
    return files


def load_datasets(dataset: PathArg) -> dict[str, list[GoldQuestion]]:
    """Gold sets by name (the file stem: dev, ext, ext_holdout…); a repeated stem gets a numeric suffix."""
    out: dict[str, list[GoldQuestion]] = {}
    for path in _paths(dataset):
        name, k = path.stem, 2
        while name in out:
            name, k = f"{path.stem}-{k}", k + 1
        out[name] = load_gold(path)
    return out


class ReplayRetriever:
    """Records each retrieval on first use, then replays it: the refusal threshold does not change retrieval."""

    def __init__(self, inner: ChunkRetriever) -> None:
        self.inner = inner
        self._seen: dict[tuple[str, int | None], list[ScoredChunk]] = {}

    def retrieve(self, question: str, scope: AccessScope | None, top_k: int | None = None) -> list[ScoredChunk]:
        if scope is not None:  # evaluation asks without an access scope; never replay a scoped result
            return self.inner.retrieve(question, scope, top_k)
        key = (question, top_k)
        if key not in self._seen:
            self._seen[key] = self.inner.retrieve(question, scope, top_k)
        return list(self._seen[key])

    def whole_document(self, doc_id: str, found: list[ScoredChunk]) -> list[ScoredChunk]:
        return self.inner.whole_document(doc_id, found)


def _ask_all(service: AskService, questions: list[GoldQuestion], label: str, show: bool) -> list[dict[str, Any]]:
    return [
        service.ask(q.question, None, EVAL_TOP_K).model_dump()
        for q in tqdm(questions, desc=label, disable=not show, unit="câu")
    ]


def _run(name: str, service: AskService, questions: list[GoldQuestion], text_of: Callable[[str], str],
         config: dict[str, Any], show: bool) -> RunResult:
    responses = _ask_all(service, questions, name, show)
    rows, aggregates = evaluate(questions, responses, EvalContext(text_of=text_of, config=config))
    return RunResult(rows, aggregates, config)


def _with_dataset(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"dataset": name, **row} for row in rows]


def sweep_thresholds(
    base: AskService,
    sets: dict[str, list[GoldQuestion]],
    text_of: Callable[[str], str],
    thresholds: Sequence[float],
    done: dict[str, RunResult],
    show: bool,
) -> dict[float, list[dict[str, Any]]]:
    """Rows of every gold set at each threshold; ``done`` (the run at the configured threshold) is reused."""
    configured = base.cfg.refusal_threshold
    sweep = {configured: [r for name in sets for r in _with_dataset(name, done[name].rows)]}
    for t in sorted(set(thresholds) - {configured}):
        service = dataclasses.replace(base, cfg=base.cfg.model_copy(update={"refusal_threshold": t}))
        sweep[t] = [
            r for name, questions in sets.items()
            for r in _with_dataset(
                name, _run(f"troly@{t:.2f} {name}", service, questions, text_of, {}, show).rows
            )
        ]
    return sweep


def run_evaluation(
    settings: Settings,
    corpus: PathArg,
    out_dir: Path,
    dataset: PathArg = DEFAULT_DATASETS,
    configs: tuple[str, ...] = CONFIGS,
    show_progress: bool = True,
    thresholds: Sequence[float] = THRESHOLD_GRID,
) -> dict[str, dict[str, RunResult]]:
    """Index the corpus folders once, run every gold set under every configuration, write the report.

    Returns the results by gold set, then configuration. ``thresholds`` is the refusal-threshold grid
    swept for the leave-one-document-out calibration (empty: no sweep).
    """
    sets = load_datasets(dataset)
    files = corpus_files(corpus)
    runs: dict[str, dict[str, RunResult]] = {name: {} for name in sets}
    calibration: Calibration | None = None
    with tempfile.TemporaryDirectory(prefix="troly-eval-") as tmp:
        services = Services(settings.model_copy(update={"data_dir": Path(tmp)}))
        try:
            if "troly" in configs:
                outcomes = services.ingest.ingest_paths(files, classification="public")
                bad = [o for o in outcomes if o.status not in ("ingested", "replaced", "skipped")]
                if bad:
                    raise RuntimeError(f"Không nạp được: {', '.join(o.source + ': ' + o.reason for o in bad)}")
                services.warm_up()  # latency is measured in steady state, like a running server
                service = dataclasses.replace(services.ask, retriever=ReplayRetriever(services.ask.retriever))
                config = {
                    "embedder": services.embedder.name, "fusion": settings.retrieval.fusion, "top_k": EVAL_TOP_K,
                    "chunking": "section-aware", "answerer": "extractive",
                    "reranker": bool(settings.retrieval.reranker_path),
                    "refusal_threshold": settings.answer.refusal_threshold,
                }
                for name, questions in sets.items():
                    runs[name]["troly"] = _run(f"troly {name}", service, questions, services.registry.text_of,
                                               config, show_progress)
                if thresholds:
                    done = {name: by_config["troly"] for name, by_config in runs.items()}
                    sweep = sweep_thresholds(service, sets, services.registry.text_of, thresholds, done,
                                             show_progress)
                    calibration = calibrate(sweep, settings.answer.refusal_threshold)
            raw = read_corpus(files) if set(configs) - {"troly"} else {}  # plain text, for the baselines only
            baselines: dict[str, tuple[Callable[[], ChunkRetriever], dict[str, Any]]] = {
                "bm25": (lambda: BM25Retriever(fixed_windows(raw)),
                         {"retrieval": "BM25 (in-memory)", "chunking": "fixed 1000 chars, overlap 200"}),
                "dense_default": (lambda: DenseRetriever(default_splitter_chunks(raw), services.embedder),
                                  {"retrieval": f"dense only ({services.embedder.name})",
                                   "chunking": "llama-index SentenceSplitter defaults"}),
            }
            for name, (make, config) in baselines.items():
                if name not in configs:
                    continue
                baseline = AskService(make(), ExtractiveAnswerer(settings.answer.max_quotes), settings.answer,
                                      raw.__getitem__)
                for set_name, questions in sets.items():
                    runs[set_name][name] = _run(f"{name} {set_name}", baseline, questions, raw.__getitem__,
                                                {**config, "top_k": EVAL_TOP_K, "answerer": "extractive"},
                                                show_progress)
        finally:
            services.close()
    corpus_info = {"folders": [str(p) for p in _paths(corpus)], "documents": [f.name for f in files]}
    write_report(out_dir, runs, primary="troly" if "troly" in configs else None, calibration=calibration,
                 corpus=corpus_info)
    return runs
