"""The README's first run, as a new user follows it: what `make run` does (ingest the sample corpus, create
the admin, serve on 127.0.0.1), then every command of the README's first-run block, in order, in real
processes, each exiting 0 with nothing on stderr. Two changes, for time and isolation: `make run`'s ingest
is given the one sample document the README's first question is about (the whole corpus takes minutes on
a shared 2-core machine), and the server's port is a free one (TROLY_API__PORT), not 8000."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import CORPUS

from assistant.cli import credentials

REPO = Path(__file__).resolve().parents[1]
FIRST_QUESTION_SOURCE = "000_90c218f1079af509.txt"  # "Ai chủ trì xây dựng kho lưu trữ điện tử dùng chung?"
BLOCK = re.compile(r"<!-- first-run -->\s*```sh\n(.*?)```\s*<!-- /first-run -->", re.DOTALL)


def first_run_commands() -> list[list[str]]:
    block = BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "README has no first-run block"
    return [shlex.split(line, comments=True) for line in block.group(1).splitlines() if line.strip()]


def troly_argv() -> list[str]:
    beside = Path(sys.executable).with_name("troly")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "assistant.cli"]


def test_readme_first_run_commands_work_in_order(tmp_path: Path) -> None:
    commands = first_run_commands()
    assert commands and all(c[0] == ".venv/bin/troly" for c in commands)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("TROLY_API_KEY", "TROLY_PROFILE")}
    env.update(TROLY_DATA_DIR=str(tmp_path / "data"), TROLY_API__PORT=str(port), HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1")
    troly = troly_argv()

    # `make run`, on a machine whose user kept the key of an earlier, since deleted data folder
    stale = credentials.key_file()
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("troly_0badc0de_" + "x" * 43, encoding="utf-8")
    stale.chmod(0o600)
    boot = subprocess.run([*troly, "users", "bootstrap"], env=env, check=True, capture_output=True, text=True)
    assert "Đã lưu khóa này" in " ".join(boot.stdout.split())
    subprocess.run([*troly, "ingest", str(CORPUS / FIRST_QUESTION_SOURCE), "--classification", "public"], env=env,
                   check=True, capture_output=True, cwd=REPO)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*troly, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "troly serve did not start"
            time.sleep(0.5)

        # the README's commands, in order, from the repository's folder
        outputs = []
        for command in commands:
            done = subprocess.run([*troly, *command[1:]], env=env, capture_output=True, text=True, cwd=REPO,
                                  timeout=600)
            assert done.returncode == 0, (command, done.stdout, done.stderr)
            assert done.stderr == "", (command, done.stderr)
            outputs.append(done.stdout)
        asked = outputs[1]
        assert "Văn phòng Đảng ủy" in asked and "Nguồn:" in asked
        assert "đã nạp" in outputs[4]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
