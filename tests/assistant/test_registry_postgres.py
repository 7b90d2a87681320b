"""The registry on a real PostgreSQL (the production profile) and on SQLite (the default), same assertions.

The PostgreSQL server is Debian's (`make postgres` installs it; CI runs it through `make test`): the
test creates a cluster in a temp dir, starts it on loopback under its own port, and stops it by pid.
PostgreSQL refuses to run as root, so as root it runs as the `postgres` account the package creates.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from assistant.components.registry import DocumentRow, JournalRow, Registry
from assistant.services.access import AccessService
from assistant.services.audit import AuditService
from assistant.services.feedback import FeedbackService


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: `make postgres` (Debian package postgresql) must run first")
        pytest.skip("PostgreSQL not installed here (`make postgres`)")
    root = Path(tempfile.mkdtemp(prefix="troly-pg-"))  # pytest's tmp dirs are private to root
    user = "postgres" if os.geteuid() == 0 else None
    if user:
        os.chmod(root, 0o755)
        shutil.chown(root, user=pwd.getpwnam(user).pw_uid)
    data, port = root / "data", _free_port()
    init = subprocess.run([str(bin_dir / "initdb"), "-D", str(data), "-U", "troly", "-A", "trust", "-E", "UTF8",
                           "--locale=C.UTF-8", "--no-sync"], capture_output=True, text=True, user=user)
    assert init.returncode == 0, init.stderr
    server = subprocess.Popen(
        [str(bin_dir / "postgres"), "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k", str(root),
         "-c", "fsync=off"], user=user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            ready = subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                   capture_output=True)
            if ready.returncode == 0:
                break
            assert server.poll() is None, server.stderr.read() if server.stderr else b""
            time.sleep(0.1)
        subprocess.run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "troly",
                        "troly"], check=True, capture_output=True)
        yield f"postgresql+psycopg://troly@127.0.0.1:{port}/troly"
    finally:
        server.send_signal(signal.SIGINT)  # fast shutdown of our own server, by its pid
        server.wait(60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Registry]:
    url = f"sqlite:///{tmp_path / 'registry.db'}" if request.param == "sqlite" else \
        request.getfixturevalue("postgres_url")
    reg = Registry(url)
    yield reg
    if request.param == "postgresql":
        from assistant.components.registry import Base

        Base.metadata.drop_all(reg.engine)
    reg.engine.dispose()


TEXT = "KẾ HOẠCH chuyển đổi số\nVăn phòng Đảng ủy chủ trì số hóa hồ sơ, Quý III/2026 đạt ≥ 60–70%."


def doc(doc_id: str, source: str = "ke-hoach.txt", units: list[str] | None = None) -> DocumentRow:
    return DocumentRow(doc_id=doc_id, source=source, sha256="ab" * 32, classification="internal",
                       units=["Văn phòng Đảng ủy"] if units is None else units, meta={"title": "Kế hoạch số hóa", "references": ["54-KH/TU"]},
                       status="ingested", chunks=3, timings={"load": 0.1}, text=TEXT, uploaded_by="lan.vp")


def ingest(registry: Registry, row: DocumentRow, points: list[str], replaces: Sequence[str] = ()) -> JournalRow:
    """The registry side of an ingest: journalled, committed in one transaction, then finished."""
    change = registry.begin_change("ingest", row.doc_id, row.source, points)
    assert [(c.id, c.state, c.point_ids) for c in registry.changes()] == [(change, "pending", points)]
    entry = registry.commit_version(row, "v1", points, change, replaces=replaces)
    assert entry.state == "committed"
    registry.finish_change(change)
    return entry


def test_documents_round_trip_and_replace(registry: Registry) -> None:
    ingest(registry, doc("d1"), ["p1", "p2", "p3"])
    assert ingest(registry, doc("d2"), ["p4", "p5", "p6"], replaces=["d1"]).drop_docs == ["d1"]
    assert [r.doc_id for r in registry.by_source("ke-hoach.txt")] == ["d2"] and registry.changes() == []
    row = registry.get("d2")
    assert row is not None and row.text == TEXT and row.units == ["Văn phòng Đảng ủy"]
    assert row.meta == {"title": "Kế hoạch số hóa", "references": ["54-KH/TU"]}
    assert row.to_meta().title == "Kế hoạch số hóa" and row.ingested_at is not None
    assert registry.text_of("d2")[3:8] == "HOẠCH" and registry.text_of("nothing") == ""
    ingest(registry, doc("d3", "khac.txt", units=[]), ["p7", "p8"])
    assert ingest(registry, doc("d3", "khac.txt", units=[]), ["p8", "p9"]).drop_points == ["p7"]  # new version
    assert [r.source for r in registry.list_documents()] == ["ke-hoach.txt", "khac.txt"]
    assert registry.labels() == {"d2": ("ke-hoach.txt", "internal", ["Văn phòng Đảng ủy"], 3),
                                 "d3": ("khac.txt", "internal", [], 3)}
    assert {d: v.point_ids for d, v in registry.versions().items()} == {"d2": ["p4", "p5", "p6"], "d3": ["p8", "p9"]}
    deleted = registry.commit_delete("d2")
    assert deleted is not None and deleted.drop_docs == ["d2"] and registry.commit_delete("d2") is None
    assert registry.get("d2") is None and registry.version_of("d2") is None
    registry.finish_change(deleted.id)
    assert registry.changes() == []
    registry.log_event("khac.txt", "ingested", doc_id="d3", seconds=1.23456, user="lan.vp")
    assert [(e.source, e.seconds) for e in registry.events()] == [("khac.txt", 1.235)]


def test_users_keys_and_revocation(registry: Registry) -> None:
    access = AccessService(registry)
    _, key = access.add("lan.vp", "editor", "internal", ["Văn phòng Đảng ủy"])
    principal = access.authenticate(key)
    assert principal is not None and (principal.name, principal.role, principal.units) == (
        "lan.vp", "editor", ("Văn phòng Đảng ủy",))
    access.revoke("lan.vp")
    assert access.authenticate(key) is None
    _, again = access.add("lan.vp", "viewer", "public")  # re-adding a revoked name issues a new key
    assert again != key and access.authenticate(again) is not None
    assert [u.name for u in access.users()] == ["lan.vp"]


def test_audit_and_feedback_pages(registry: Registry) -> None:
    audit = AuditService(registry)
    for i in range(5):
        audit.record("ask", user="lan.vp" if i % 2 else "minh", question=f"Ai chủ trì việc {i}?", doc_ids=["d1", "d1"],
                     answerable=True, latency_ms=40 + i)
    page = audit.query(user="lan.vp", page=1, page_size=1)
    assert (page.total, len(page.items), page.items[0]["question"]) == (2, 1, "Ai chủ trì việc 3?")
    assert page.items[0]["doc_ids"] == ["d1"]
    assert audit.query(since=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).total == 0
    out = io.StringIO()
    assert audit.export_csv(out) == 5 and "Ai chủ trì việc 0?" in out.getvalue()
    feedback = FeedbackService(registry)
    feedback.add("minh", "Ai chủ trì?", "Văn phòng Đảng ủy [1]", "sai", "thiếu đơn vị phối hợp", [])
    assert [f["comment"] for f in feedback.recent(verdict="sai").items] == ["thiếu đơn vị phối hợp"]
