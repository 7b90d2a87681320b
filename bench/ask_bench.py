"""Latency of POST /v1/ask over the gold questions on the sample corpus (median, p95)."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.services.access import AccessService
from assistant.services.container import Services
from assistant.settings import Settings

DATASET = Path(__file__).resolve().parents[1] / "eval" / "datasets" / "dev.jsonl"


def main(corpus: str, rounds: int = 2) -> None:
    questions = [json.loads(line)["question"] for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="troly-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), api={"rate_limit_per_minute": 1_000_000})  # type: ignore[arg-type]
        services = Services(settings)
        services.ingest.ingest_paths([Path(corpus)], classification="public")
        _, key = AccessService(services.registry).add("bench", "viewer", "restricted")
        client = TestClient(create_app(settings, services), headers={"Authorization": f"Bearer {key}"})
        client.post("/v1/ask", json={"question": questions[0]})  # warm-up
        times: list[float] = []
        for _ in range(rounds):
            for q in questions:
                t = time.perf_counter()
                r = client.post("/v1/ask", json={"question": q})
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, r.text
        client.close()
        services.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"/v1/ask over {len(questions)} gold questions x {rounds}: median {statistics.median(times):.0f} ms, "
          f"p95 {p95:.0f} ms, max {times[-1]:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
