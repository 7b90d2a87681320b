"""`kill -9` during ingest, then restart: the store and the registry agree exactly, every time.

20 kills (CI): 10 of `troly ingest` (CLI) and 10 of `troly serve` during an upload, over three changes — a
new file, a changed file (replacement of a registered version) and a relabel (same file, new
classification). Each kill point is drawn by a seeded RNG among the ticks of an uninterrupted run of the
same change (`crashkit`: just before / after each write to the store or the journal). After each kill the
process is restarted — the next `troly` command, or the next `troly serve` — which recovers the journal;
then `troly index check` (GET /v1/index for the server) must report 0 orphan, 0 missing, 0 stale points
and nothing pending, and the file must be registered in exactly one complete version.
Privacy is off and chunks are embedded one by one: a small fixture plan (3 chunks), so many kill points.
`TROLY_ROBUSTNESS_FULL=1` (make test-robustness-full) runs 80 kills, half of them at random wall-clock
moments instead of ticks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import crashkit
import httpx
import pytest
from harness import FIXTURES, add_admin, child_env, start_server

SEED = 1414
FULL = os.environ.get("TROLY_ROBUSTNESS_FULL") == "1"
SCENARIOS = ["new", "changed", "relabel", "new", "changed", "new", "changed", "relabel", "new", "changed"]
if FULL:
    SCENARIOS = SCENARIOS * 4
REFERENCE = ("new", "changed", "changed", "relabel")  # the second "changed" replaces: that is the one counted
CHILD_TIMEOUT = 300
ZERO = {"orphan_points": 0, "missing_points": 0, "stale_points": 0, "pending": 0}
BATCH_OF_ONE = {"TROLY_EMBEDDING__BATCH_SIZE": "1"}
LOG = Path(__file__).resolve().parent / "out"


def plan(variant: int) -> str:
    """The fixture plan (3 chunks); each variant differs by one phrase, same structure, same chunk count."""
    text = (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**\n", "")
    return text.replace("Bảo vệ tài liệu mật", f"Bảo vệ tài liệu mật (đợt {variant})")


@dataclass
class Kill:
    mode: str
    scenario: str
    kill_at: int
    of: int
    tick: str
    check: dict[str, int] = field(default_factory=dict)


@dataclass
class Trial:
    """One data directory, its admin key, and the changes to make."""

    root: Path
    key: str
    ticks: dict[str, int] = field(default_factory=dict)
    kills: list[Kill] = field(default_factory=list)
    variant: int = 0
    written: dict[str, str] = field(default_factory=dict)  # sha256 -> text of every version written

    def write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.written[hashlib.sha256(path.read_bytes()).hexdigest()] = text

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def doc(self) -> Path:
        return self.root / "ke-hoach.txt"

    def prepare(self, scenario: str, index: int) -> tuple[Path, list[str]]:
        """The file to ingest for this change and the extra CLI options."""
        self.variant += 1
        if scenario == "new":
            path = self.root / f"moi-{index}.txt"
            self.write(path, plan(self.variant))
            return path, []
        if scenario == "changed":
            self.write(self.doc, plan(self.variant))
            return self.doc, []
        # relabel: the registered version (a killed change may have left other bytes on disk), other label
        [(_, classification, sha)] = registered(self.data, self.doc.name)
        self.write(self.doc, self.written[sha])
        return self.doc, ["--classification", "public" if classification != "public" else "restricted"]


def registered(data: Path, source: str) -> list[tuple[str, str, str]]:
    """(doc_id, classification, sha256) of the versions registered under `source`."""
    from assistant.components.registry import Registry

    registry = Registry(f"sqlite:///{(data / 'registry.db').resolve()}")
    try:
        return [(r.doc_id, r.classification, r.sha256) for r in registry.by_source(source)]
    finally:
        registry.engine.dispose()


def tick_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


@pytest.fixture(scope="module")
def report() -> Iterator[list[Kill]]:
    kills: list[Kill] = []
    yield kills
    LOG.mkdir(exist_ok=True)
    (LOG / "crash-kills.json").write_text(json.dumps([k.__dict__ for k in kills], ensure_ascii=False, indent=1))


# --- CLI ------------------------------------------------------------------------------------------------


def cli(forks: Any, trial: Trial, argvs: list[list[str]], kill_at: int = 0, ticks: Path | None = None
        ) -> tuple[int, str]:
    out = trial.root / "out.json"
    out.unlink(missing_ok=True)
    proc = crashkit.start(forks, crashkit.run_cli, argvs, child_env(trial.data, **BATCH_OF_ONE), str(out), kill_at,
                          str(ticks or ""))
    code = crashkit.finished(proc, CHILD_TIMEOUT)
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


def restart_and_check(forks: Any, trial: Trial) -> dict[str, int]:
    """A new `troly` process opens the store (recovering the journal), then `troly index check --json`."""
    code, out = cli(forks, trial, [["docs", "list", "--json", "--api-key", trial.key],
                                   ["index", "check", "--json", "--api-key", trial.key]])
    counts = json.loads(out)
    assert code == 0 or counts != ZERO, out
    return dict(counts)


def cli_reference(forks: Any, trial: Trial, scenario: str) -> None:
    """An uninterrupted run of the change: how many ticks it has."""
    path, options = trial.prepare(scenario, 0)
    ticks = trial.root / f"ticks-{scenario}.log"
    ticks.unlink(missing_ok=True)  # a scenario run twice counts its last run only
    code, out = cli(forks, trial, [["ingest", str(path), "--json", *options]], ticks=ticks)
    assert code == 0, out
    trial.ticks[scenario] = len(tick_lines(ticks))


def test_kill_9_during_cli_ingest_leaves_store_and_registry_in_agreement(
        forks: Any, tmp_path: Path, report: list[Kill]) -> None:
    trial = Trial(tmp_path, add_admin(tmp_path / "data"))
    for scenario in REFERENCE:
        cli_reference(forks, trial, scenario)
    assert trial.ticks["changed"] > trial.ticks["new"] >= 8 and trial.ticks["relabel"] >= 6, trial.ticks
    rng = random.Random(SEED)
    for index, scenario in enumerate(SCENARIOS, start=1):
        path, options = trial.prepare(scenario, index)
        total = trial.ticks[scenario]
        kill_at = rng.randint(1, total)
        ticks = trial.root / f"ticks-{index}.log"
        code, _ = cli(forks, trial, [["ingest", str(path), "--json", *options]], kill_at=kill_at, ticks=ticks)
        assert code == -signal.SIGKILL, f"{scenario}: not killed at tick {kill_at}/{total}"
        kill = Kill("cli", scenario, kill_at, total, tick_lines(ticks)[-1].split(" ", 1)[1])
        assert scenario != "relabel" or "upsert" not in kill.tick  # a relabel re-embeds nothing
        kill.check = restart_and_check(forks, trial)
        report.append(kill)
        assert {k: kill.check[k] for k in ZERO} == ZERO, kill
        assert len(registered(trial.data, path.name)) <= 1  # never two versions of one file
    assert len(registered(trial.data, trial.doc.name)) == 1


# --- server ---------------------------------------------------------------------------------------------


def upload(url: str, key: str, path: Path, classification: str | None) -> None:
    data = {"classification": classification} if classification else {}
    with contextlib.suppress(httpx.HTTPError):  # the server is killed while answering
        httpx.post(f"{url}/v1/documents", headers={"Authorization": f"Bearer {key}"}, data=data,
                   files={"files": (path.name, path.read_bytes())}, timeout=CHILD_TIMEOUT)


def server_check(url: str, key: str) -> dict[str, int]:
    r = httpx.get(f"{url}/v1/index", headers={"Authorization": f"Bearer {key}"}, timeout=120)
    assert r.status_code == 200, r.text
    return {k: int(v) for k, v in r.json().items() if k != "problems"}


def test_kill_9_during_server_upload_leaves_store_and_registry_in_agreement(
        forks: Any, tmp_path: Path, report: list[Kill]) -> None:
    trial = Trial(tmp_path, add_admin(tmp_path / "data"))
    ticks = tmp_path / "ticks-reference.log"
    server = start_server(forks, trial.data, tmp_path / "serve.log", ticks=ticks, **BATCH_OF_ONE)
    try:
        for scenario in REFERENCE:
            before = len(tick_lines(ticks))
            path, options = trial.prepare(scenario, 0)
            upload(server.url, trial.key, path, options[1] if options else None)
            trial.ticks[scenario] = len(tick_lines(ticks)) - before
        assert trial.ticks["changed"] > trial.ticks["new"], trial.ticks
        assert server_check(server.url, trial.key) == {**server_check(server.url, trial.key), **ZERO}
    finally:
        server.stop()
    rng = random.Random(SEED + 1)
    for index, scenario in enumerate(SCENARIOS, start=1):
        path, options = trial.prepare(scenario, index)
        total = trial.ticks[scenario]
        kill_at = rng.randint(1, total)
        log = tmp_path / f"ticks-{index}.log"
        server = start_server(forks, trial.data, tmp_path / "serve.log", kill_at=kill_at, ticks=log, **BATCH_OF_ONE)
        upload(server.url, trial.key, path, options[1] if options else None)
        code = crashkit.finished(server.proc, CHILD_TIMEOUT)
        assert code == -signal.SIGKILL, f"{scenario}: not killed at tick {kill_at}/{total}"
        kill = Kill("server", scenario, kill_at, total, tick_lines(log)[-1].split(" ", 1)[1])
        restarted = start_server(forks, trial.data, tmp_path / "serve.log", **BATCH_OF_ONE)  # recovers at start
        try:
            kill.check = server_check(restarted.url, trial.key)
        finally:
            restarted.stop()
        report.append(kill)
        assert {k: kill.check[k] for k in ZERO} == ZERO, kill
        assert len(registered(trial.data, path.name)) <= 1


# --- wall-clock kills (make test-robustness-full) --------------------------------------------------------


@pytest.mark.skipif(not FULL, reason="make test-robustness-full")
def test_kill_9_at_random_moments(forks: Any, tmp_path: Path, report: list[Kill]) -> None:
    trial = Trial(tmp_path, add_admin(tmp_path / "data"))
    cli_reference(forks, trial, "new")
    rng = random.Random(SEED + 2)
    for index in range(1, 41):
        scenario = rng.choice(["new", "changed", "relabel"])
        path, options = trial.prepare(scenario, index)
        out = trial.root / "out.json"
        proc = crashkit.start(forks, crashkit.run_cli, [["ingest", str(path), "--json", *options]],
                              child_env(trial.data, **BATCH_OF_ONE), str(out))
        time.sleep(rng.uniform(0.5, 8.0))
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)
        crashkit.finished(proc, CHILD_TIMEOUT)
        kill = Kill("cli-wallclock", scenario, 0, 0, "random moment")
        kill.check = restart_and_check(forks, trial)
        report.append(kill)
        assert {k: kill.check[k] for k in ZERO} == ZERO, kill
