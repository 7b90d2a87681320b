"""Many askers at once, with and without an upload (`make bench-concurrency`; never in CI).

    python -m bench.concurrency [--askers 50] [--seconds 180] [--upload-mb 1.0] [--json]

A real `troly serve` on loopback over the five real plans; `--askers` threads, each with its own API key,
ask gold questions back to back for `--seconds` (phase 1). Phase 2 does the same for as long while an
editor uploads a `--upload-mb` plan (real plans of corpus-ext joined), starting 5 s in; its latencies are
those of asks that ran while the upload was in flight (an upload still running at the end is cut off). The per-key rate limit is lifted for the run: this measures the engine and the
locking, not the limiter. Every request loop stops by itself (bounded in time); the server is stopped
by its pid.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

from bench.scale import real_index, serve, stop
from bench.synth import CORPORA, OUT, REPO
from eval.gold import load_gold
from eval.metrics import percentile

DEV = REPO / "eval" / "datasets" / "dev.jsonl"


def _keys(data_dir: Path, n: int) -> tuple[list[str], str]:
    from assistant.components.registry import Registry
    from assistant.services.access import AccessService

    registry = Registry(f"sqlite:///{(data_dir / 'registry.db').resolve()}")
    access = AccessService(registry)
    keys = [access.add(f"asker{i:02d}", "viewer", "restricted")[1] for i in range(n)]
    editor = access.add("uploader", "editor", "restricted")[1]
    registry.engine.dispose()
    return keys, editor


def upload_file(mb: float) -> Path:
    """A plan of about `mb` MB: real plans of corpus-ext one after another (realistic text, ~1 chunk/900 B)."""
    parts, size = [], 0
    files = sorted(CORPORA[1].glob("*.txt"))
    while size < mb * 1024 * 1024:
        for f in files:
            text = f.read_text(encoding="utf-8")
            parts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1024 * 1024:
                break
    path = OUT / f"upload-{mb:g}mb.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def phase(url: str, keys: list[str], questions: list[str], seconds: float,
          window: tuple[threading.Event, threading.Event] | None = None) -> dict[str, object]:
    """Askers until the deadline; with a window (upload started, upload done), only asks inside it count."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    times: list[float] = []
    errors: dict[str, int] = {}

    def asker(key: str, seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=120) as client:
            while time.monotonic() < deadline:
                inside = window is None or window[0].is_set()
                t = time.perf_counter()
                try:
                    r = client.post("/v1/ask", json={"question": rng.choice(questions)})
                    outcome = "ok" if r.status_code == 200 else f"http {r.status_code}"
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                ms = (time.perf_counter() - t) * 1000
                inside = inside and (window is None or not window[1].is_set())
                with lock:
                    if outcome != "ok":
                        errors[outcome] = errors.get(outcome, 0) + 1
                    elif inside:
                        times.append(ms)

    threads = [threading.Thread(target=asker, args=(k, i)) for i, k in enumerate(keys)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    return {"answers": len(times), "errors": sum(errors.values()), "error_kinds": errors,
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 95), 1) if times else None,
            "answers_per_s": round(len(times) / elapsed, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--askers", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--upload-mb", type=float, default=1.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data_dir = OUT / "concurrency"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(real_index(), data_dir)
    keys, editor = _keys(data_dir, args.askers)
    questions = [g.question for g in load_gold(DEV)]
    path = upload_file(args.upload_mb)
    proc, url, _ = serve(data_dir, "edge")
    try:
        quiet = phase(url, keys, questions, args.seconds)
        started, done = threading.Event(), threading.Event()
        upload: dict[str, object] = {}

        def uploader() -> None:
            time.sleep(5)
            started.set()
            t = time.perf_counter()
            try:
                with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {editor}"}, timeout=3600) as c, \
                        path.open("rb") as f:
                    r = c.post("/v1/documents", files={"files": (path.name, f, "text/plain")},
                               data={"classification": "public"})
            except httpx.HTTPError:
                return  # the server was stopped at the end of the phase: reported as still running
            upload.update(status=r.status_code, seconds=round(time.perf_counter() - t, 1),
                          outcome=[d.get("status") for d in r.json().get("documents", [])] if r.status_code == 200
                          else r.text[:200])
            done.set()

        up = threading.Thread(target=uploader)
        up.start()
        busy = phase(url, keys, questions, args.seconds, (started, done))
        if not done.is_set():
            upload.update(status="still running", seconds=round(args.seconds - 5, 1))
    finally:
        stop(proc)  # an upload still in flight is cut off with the server (its ingest leaves nothing behind)
        up.join()
    result = {"askers": args.askers, "seconds": args.seconds, "upload_mb": args.upload_mb, "without_upload": quiet,
              "during_upload": busy, "upload": upload,
              "p95_ratio": round(float(busy["p95_ms"] or 0) / float(quiet["p95_ms"] or 1), 2)}
    print(json.dumps(result, ensure_ascii=False), file=sys.stdout)


if __name__ == "__main__":
    main()
