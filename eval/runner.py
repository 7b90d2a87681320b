"""`troly eval`: run the gold questions through the project's pipeline and two baselines.

The pipeline run uses the same service code as `POST /v1/ask` (Services → AskService) on a
fresh temporary index of the corpus, so the numbers describe what users get.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.services.ask import AskService, ChunkRetriever
from assistant.services.container import Services
from assistant.services.extractive import ExtractiveAnswerer
from assistant.settings import Settings
from eval.baselines import BM25Retriever, DenseRetriever, default_splitter_chunks, fixed_windows, read_corpus
from eval.gold import GoldQuestion, load_gold
from eval.metrics import EvalContext, evaluate
from eval.report import RunResult, write_report

DEFAULT_DATASET = Path(__file__).resolve().parent / "datasets" / "dev.jsonl"
CONFIGS = ("troly", "bm25", "dense_default")
EVAL_TOP_K = 10  # hit@10 needs ten ranked chunks


def corpus_files(corpus: Path) -> list[Path]:
    from ingest.service import expand_paths

    files = expand_paths([corpus])
    if not files:
        raise FileNotFoundError(f"Không tìm thấy tài liệu nào trong {corpus}")
    return files


def _ask_all(service: AskService, questions: list[GoldQuestion], label: str, show: bool) -> list[dict[str, Any]]:
    out = []
    for q in tqdm(questions, desc=label, disable=not show, unit="câu"):
        out.append(service.ask(q.question, None, EVAL_TOP_K).model_dump())
    return out


def _run(name: str, service: AskService, questions: list[GoldQuestion], text_of: Callable[[str], str],
         config: dict[str, Any], show: bool) -> RunResult:
    responses = _ask_all(service, questions, name, show)
    rows, aggregates = evaluate(questions, responses, EvalContext(text_of=text_of, config=config))
    return RunResult(rows, aggregates, config)


def run_evaluation(
    settings: Settings,
    corpus: Path,
    out_dir: Path,
    dataset: Path = DEFAULT_DATASET,
    configs: tuple[str, ...] = CONFIGS,
    show_progress: bool = True,
) -> dict[str, RunResult]:
    questions = load_gold(dataset)
    files = corpus_files(corpus)
    runs: dict[str, RunResult] = {}
    with tempfile.TemporaryDirectory(prefix="troly-eval-") as tmp:
        services = Services(settings.model_copy(update={"data_dir": Path(tmp)}))
        try:
            if "troly" in configs:
                outcomes = services.ingest.ingest_paths(files, classification="public")
                bad = [o for o in outcomes if o.status not in ("ingested", "replaced", "skipped")]
                if bad:
                    raise RuntimeError(f"Không nạp được: {', '.join(o.source + ': ' + o.reason for o in bad)}")
                services.warm_up()  # latency is measured in steady state, like a running server
                runs["troly"] = _run("troly", services.ask, questions, services.registry.text_of, {
                    "embedder": services.embedder.name, "fusion": settings.retrieval.fusion, "top_k": EVAL_TOP_K,
                    "chunking": "section-aware", "answerer": "extractive", "reranker": bool(settings.retrieval.reranker_path),
                }, show_progress)
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
                service = AskService(make(), ExtractiveAnswerer(settings.answer.max_quotes), settings.answer,
                                     raw.__getitem__)
                runs[name] = _run(name, service, questions, raw.__getitem__,
                                  {**config, "top_k": EVAL_TOP_K, "answerer": "extractive"}, show_progress)
        finally:
            services.close()
    write_report(out_dir, runs, primary="troly" if "troly" in runs else None)
    return runs
