"""Scale benchmark: the served assistant over N chunks (`make bench-scale`; never in CI).

    python -m bench.scale --chunks N [--engine edge|local] [--questions K] [--json]

The index holds the five real plans of the gold set, ingested for real (`../shared/corpus`), plus
look-alike synthetic plans (`bench/synth.py`) up to N chunks, with their documents in the registry so
every citation resolves. The data directory is built once per (engine, N) under `bench/out/`. Then a real
`troly serve` process starts on loopback and the gold questions (`eval/datasets/dev.jsonl`) are asked over
HTTP one after another, end to end (auth, privacy filter, retrieval, answer, verify). Printed, one JSON
line: chunks, ask median/p95 (ms), serve RSS (MB), start-up (s, process start to healthy, models
warmed up), disk (MB, the data directory) and `correct` (the eval metric over answerable questions).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from bench.synth import OUT, REPO, material, plans
from eval.gold import load_gold
from eval.metrics import CorrectAnswer, EvalContext, percentile

DEV = REPO / "eval" / "datasets" / "dev.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"


def _settings(data_dir: Path, engine: str):  # type: ignore[no-untyped-def]
    from assistant.settings import Settings

    return Settings(data_dir=data_dir, qdrant={"engine": engine})  # type: ignore[arg-type]


def real_index() -> Path:
    """The five gold-set plans ingested for real (Edge, real embeddings), once."""
    from assistant.services.container import Services

    path = OUT / "real"
    if not (path / "done").is_file():
        shutil.rmtree(path, ignore_errors=True)
        services = Services(_settings(path, "edge"))
        outcomes = services.ingest.ingest_paths([CORPUS], classification="public")
        services.close()
        assert all(o.status == "ingested" for o in outcomes), outcomes
        (path / "done").write_text("ok")
    return path


def build(chunks: int, engine: str) -> tuple[Path, dict[str, float]]:
    """Data directory with `chunks` chunks: the real plans, then synthetic plans until the count is reached."""
    from assistant.components.edge_store import EdgeStore
    from assistant.components.migrate import copy_points
    from assistant.components.registry import DocumentRow, Registry
    from assistant.components.vector_store import ChunkPoint
    from assistant.services.container import open_store

    path = OUT / f"scale-{engine}-{chunks}"
    info_file = path / "build.json"
    if info_file.is_file():
        return path, json.loads(info_file.read_text())
    real = real_index()
    pool = material(_settings(real, "edge"))
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    shutil.copy(real / "registry.db", path / "registry.db")
    t0 = time.perf_counter()
    settings = _settings(path, engine)
    store = open_store(settings)
    src = EdgeStore(settings.qdrant, real / "edge")
    have = copy_points(src, store)
    src.close()
    registry = Registry(settings.registry_url)
    batch: list[ChunkPoint] = []
    stream = plans(pool)
    while have < chunks:
        plan = next(stream)
        take = plan.chunks[: chunks - have]
        doc_id = hashlib.sha256(f"synth-{plan.number}".encode()).hexdigest()[:16]
        text, spans = "", []
        for c in take:
            start = len(text) + (2 if text else 0)
            text = f"{text}\n\n{c.text}" if text else c.text
            spans.append((start, len(text)))
        source = f"synth-{plan.number:05d}.txt"
        pids = [str(uuid.UUID(hashlib.md5(f"{doc_id}/{i}".encode()).hexdigest())) for i in range(len(take))]
        for pid, c, (start, end) in zip(pids, take, spans, strict=True):
            batch.append(ChunkPoint(pid, c.dense, c.sparse, {
                "doc_id": doc_id, "source": source, "title": plan.title, "doc_number": "",
                "doc_type": "KẾ HOẠCH", "issuer": "", "issued_date": "", "section": c.section, "start": start,
                "end": end, "page": None, "classification": "public", "units": plan.units, "kind": c.kind,
                "text": c.text}))
        change = registry.begin_change("ingest", doc_id, source, pids)  # registered as an ingest would
        registry.commit_version(DocumentRow(
            doc_id=doc_id, source=source, sha256=doc_id, classification="public",
            units=plan.units, meta={"title": plan.title, "doc_type": "KẾ HOẠCH"}, status="ingested",
            chunks=len(take), timings={}, text=text, uploaded_by="bench"), "", pids, change)
        registry.finish_change(change)
        have += len(take)
        if len(batch) >= 2048:
            store.upsert(batch)
            batch = []
    if batch:
        store.upsert(batch)
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    store.maintain(background=False)  # the optimize a CLI ingest runs at its end
    info = {"load_s": round(loaded, 1), "optimize_s": round(time.perf_counter() - t1, 1), "points": store.count()}
    store.close()
    registry.engine.dispose()
    info_file.write_text(json.dumps(info))
    return path, info


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _disk_mb(path: Path) -> float:
    """Blocks in use, like `du` (the engines preallocate sparse files: their apparent size is larger)."""
    return sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file()) / 1024 / 1024


def serve(data_dir: Path, engine: str) -> tuple[subprocess.Popen[bytes], str, float]:
    port = _free_port()
    env = {**os.environ, "TROLY_DATA_DIR": str(data_dir), "TROLY_QDRANT__ENGINE": engine,
           "TROLY_API__RATE_LIMIT_PER_MINUTE": "1000000", "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": str(REPO)}
    log = data_dir.parent / f"{data_dir.name}.serve.log"  # a file, never an unread pipe (a full one blocks)
    t0 = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}"
    while True:
        if proc.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace")[-2000:])
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


def api_key(data_dir: Path, name: str = "bench") -> str:
    from assistant.components.registry import Registry
    from assistant.services.access import AccessService

    registry = Registry(f"sqlite:///{(data_dir / 'registry.db').resolve()}")
    access = AccessService(registry)
    if registry.user(name) is not None:
        registry.revoke_user(name)
    _, key = access.add(name, "admin", "restricted")
    registry.engine.dispose()
    return key


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)  # our own server, by its pid
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run(chunks: int, engine: str, questions: int | None) -> dict[str, object]:
    from assistant.services.container import open_store

    data_dir, info = build(chunks, engine)
    key = api_key(data_dir)
    t = time.perf_counter()
    open_store(_settings(data_dir, engine)).close()  # the index's share of start-up
    info["store_open_s"] = round(time.perf_counter() - t, 2)
    gold = load_gold(DEV)[:questions]
    proc, url, startup = serve(data_dir, engine)
    times: list[float] = []
    correct: list[float] = []
    metric = CorrectAnswer()
    ctx = EvalContext(text_of=lambda _: "")
    try:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=600) as client:
            client.post("/v1/ask", json={"question": gold[0].question}).raise_for_status()  # first-request costs
            for g in gold:
                t = time.perf_counter()
                r = client.post("/v1/ask", json={"question": g.question})
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
                if metric.applies(g):
                    correct.append(float(metric.compute(g, r.json(), ctx) or 0.0))
        rss = _rss_mb(proc.pid)
    finally:
        stop(proc)
    return {"chunks": int(info["points"]), "ask_median_ms": round(statistics.median(times), 1),
            "ask_p95_ms": round(percentile(times, 95), 1), "rss_mb": round(rss), "startup_s": round(startup, 2),
            "disk_mb": round(_disk_mb(data_dir)), "correct": round(statistics.mean(correct), 3),
            "engine": engine, "questions": len(gold), **info}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chunks", type=int, required=True)
    ap.add_argument("--engine", choices=["edge", "local"], default="edge")
    ap.add_argument("--questions", type=int, default=None, help="First K gold questions only (slow engines).")
    ap.add_argument("--json", action="store_true", help="Only the JSON line.")
    args = ap.parse_args()
    result = run(args.chunks, args.engine, args.questions)
    if not args.json:
        print(f"{args.engine} at {result['chunks']} chunks: ask median {result['ask_median_ms']} ms, "
              f"p95 {result['ask_p95_ms']} ms, RSS {result['rss_mb']} MB, start-up {result['startup_s']} s, "
              f"disk {result['disk_mb']} MB, correct {result['correct']}", file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
