"""CLI start-up bench, as a new user meets it after `make run`: `troly --help`, and `troly ask` against a
running `troly serve` (the key saved by `troly users bootstrap`), each a fresh process, wall time, median
of 10. A temp data dir with one corpus document; the server on 127.0.0.1, stopped by its pid.
Writes bench/out/cli.json.

    python -m bench.cli_bench ../shared/corpus
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

OUT = Path(__file__).resolve().parent / "out"
QUESTION = "Ban Xây dựng Đảng chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"
DOCUMENT = "004_ac3b5f093c57f3b4.txt"


def troly() -> list[str]:
    beside = Path(sys.executable).with_name("troly")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "assistant.cli"]


def timed(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        seconds.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[1:])} failed: {done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="troly-cli-bench-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TROLY_DATA_DIR": str(work / "data"), "XDG_CONFIG_HOME": str(work / "config"),
           "TROLY_API__PORT": str(port), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("TROLY_API_KEY", None)
    server = None
    try:
        subprocess.run([*troly(), "ingest", str(args.corpus / DOCUMENT)], env=env, check=True, capture_output=True)
        subprocess.run([*troly(), "users", "bootstrap"], env=env, check=True, capture_output=True)
        log = (work / "serve.log").open("w")
        server = subprocess.Popen([*troly(), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((work / "serve.log").read_text())
            time.sleep(0.5)
        help_s = timed([*troly(), "--help"], env, args.runs)
        ask_s = timed([*troly(), "ask", QUESTION], env, args.runs)
        server_ms = [json.loads(subprocess.run([*troly(), "ask", QUESTION, "--json"], env=env, capture_output=True,
                                               text=True, check=True).stdout)["latency_ms"] for _ in range(3)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    report = {"runs": args.runs,
              "help_median_s": round(statistics.median(help_s), 3), "help_max_s": round(max(help_s), 3),
              "ask_median_s": round(statistics.median(ask_s), 3), "ask_max_s": round(max(ask_s), 3),
              "server_answer_median_ms": statistics.median(server_ms)}
    OUT.mkdir(exist_ok=True)
    (OUT / "cli.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
