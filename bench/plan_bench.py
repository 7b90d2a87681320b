"""What the plan model costs at ingest: the same corpus ingested with extraction on and off, in the same run.

Two measures, medians over `--repeat` runs taken alternately (on, off, on, off …) so drift on a shared machine
hits both alike:

- full ingest (load → prepare → chunk → embed → index → registry, with the plan model written in the same
  transaction) into a fresh data directory: wall seconds and the process's CPU seconds (all its threads; what other
  jobs on a shared machine disturb least), and the ratios on / off (the bar: ≤ 1.10);
- the prepare pipeline alone per document (normalize … structure, then tasks and plan): the extraction's own time.

    python -m bench.plan_bench [CORPUS] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.services.container import Services
from assistant.settings import PlanSettings, Settings
from ingest.load import load_document
from ingest.pipeline import build_prepare_pipeline, prepare
from ingest.service import expand_paths

BAR = 1.10
MAX_BYTES = 50 * 1024 * 1024


def ingest_seconds(corpus: Path, extract: bool) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="troly-plan-bench-") as tmp:
        services = Services(Settings(data_dir=Path(tmp), plan=PlanSettings(extract=extract)))  # type: ignore[call-arg]
        _ = services.embedder, services.store, services.redactor  # model load is start-up, not ingest
        services.embedder.embed_query("khởi động")
        t0, c0 = time.perf_counter(), time.process_time()
        outcomes = services.ingest.ingest_paths([corpus], classification="public")
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows = len(services.assignments.all_assignments(None)) if extract else 0
        services.close()
    assert all(o.status == "ingested" for o in outcomes), outcomes
    return seconds, cpu, rows


def prepare_seconds(paths: list[Path], extract: bool) -> float:
    pipeline = build_prepare_pipeline(extract=extract)
    docs = [load_document(p, MAX_BYTES) for p in paths]
    t0 = time.perf_counter()
    for doc in docs:
        prepare(pipeline, doc.model_copy())
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--prepare-only", action="store_true", help="skip the full ingest (no embedding)")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    paths = expand_paths([corpus])

    prep: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(max(5, args.repeat)):
        for extract in (True, False):
            prep[extract].append(prepare_seconds(paths, extract))
    on, off = statistics.median(prep[True]), statistics.median(prep[False])
    print(f"prepare of {len(paths)} documents: extraction on {on:.2f} s, off {off:.2f} s "
          f"(tasks + plan model: {on - off:.2f} s)")
    if args.prepare_only:
        return

    full: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    rows = 0
    for _ in range(args.repeat):
        for extract in (True, False):
            seconds, used, n = ingest_seconds(corpus, extract)
            full[extract].append(seconds)
            cpu[extract].append(used)
            rows = max(rows, n)
    for name, runs in (("wall", full), ("CPU", cpu)):
        on, off = statistics.median(runs[True]), statistics.median(runs[False])
        ratio = on / off
        print(f"full ingest, {name} ({args.repeat} runs each): extraction on {on:.1f} s, off {off:.1f} s, "
              f"ratio {ratio:.3f} (bar ≤ {BAR}) {'đạt' if ratio <= BAR else 'CHƯA ĐẠT'}")
        print(f"  runs on: {', '.join(f'{s:.1f}' for s in runs[True])}; off: {', '.join(f'{s:.1f}' for s in runs[False])}")
    on = statistics.median(cpu[True])
    print(f"{rows} assignments stored; the extraction measured alone (prepare on − off) is "
          f"{(statistics.median(prep[True]) - statistics.median(prep[False])) / on:.1%} of the CPU time of an ingest")


if __name__ == "__main__":
    main()
