"""Shared by the robustness suites: admin keys, a real `troly serve` child forked from `crashkit`'s fork
server (the `forks` fixture of tests/conftest.py) and RSS sampling (psutil) of a process.

Not a conftest.py: pytest would rebind the module name `conftest`, and `from conftest import …` in other
folders must keep meaning tests/conftest.py."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SERVER_START_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {"TROLY_DATA_DIR": str(data_dir), "TROLY_PRIVACY__ENABLED": "false", **extra}


def add_admin(data_dir: Path, name: str = "quan-tri") -> str:
    """An admin's API key, written straight to the registry of `data_dir`."""
    from assistant.components.registry import Registry
    from assistant.services.access import AccessService

    data_dir.mkdir(parents=True, exist_ok=True)
    registry = Registry(f"sqlite:///{(data_dir / 'registry.db').resolve()}")
    try:
        return AccessService(registry).add(name, "admin", "restricted")[1]
    finally:
        registry.engine.dispose()


@dataclass
class Child:
    """A `troly serve` child on 127.0.0.1."""

    proc: Any
    url: str
    log: Path

    def auth(self, key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}"}

    def stop(self) -> int:
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(30)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        return int(self.proc.exitcode)


def start_server(forks: Any, data_dir: Path, log: Path, kill_at: int = 0, ticks: Path | None = None,
                 **env: str) -> Child:
    import crashkit

    port = free_port()
    proc = crashkit.start(forks, crashkit.run_server, port, child_env(data_dir, **env), str(log), kill_at,
                          str(ticks or ""))
    child = Child(proc, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + SERVER_START_S
    while True:
        if not proc.is_alive():
            raise AssertionError(f"troly serve exited ({proc.exitcode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{child.url}/healthz", timeout=2).status_code == 200:
                return child
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            child.stop()
            raise AssertionError(f"troly serve not ready in {SERVER_START_S} s:\n{log.read_text()}")
        time.sleep(0.2)


@dataclass
class RssPeak:
    """Resident memory of a process: before, and the highest seen while sampling (every 20 ms)."""

    before: int = 0
    peak: int = 0

    @property
    def growth_mb(self) -> float:
        return round((self.peak - self.before) / 2**20, 1)


@contextmanager
def sampled_rss(pid: int) -> Iterator[RssPeak]:
    proc = psutil.Process(pid)
    result = RssPeak(proc.memory_info().rss, proc.memory_info().rss)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            try:
                result.peak = max(result.peak, proc.memory_info().rss)
            except psutil.Error:
                return

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()
