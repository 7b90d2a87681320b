"""Audit trail in SQLite: recorded with personal data redacted, filtered, paginated, exported as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.components.registry import AuditRow, Registry
from assistant.privacy import Redactor
from assistant.services.audit import AuditService, redact_with, to_utc
from assistant.services.reports import new_report_id

PLANTED = {"0912 345 678": "[SỐ ĐIỆN THOẠI]", "001203004567": "[SỐ CCCD]", "nguyen.van.a@gmail.com": "[EMAIL]"}


@pytest.fixture()
def registry(tmp_path: Path) -> Registry:
    return Registry(f"sqlite:///{tmp_path / 'registry.db'}")


def _at(registry: Registry, row_id: int, when: dt.datetime) -> None:
    with registry.session() as s:
        row = s.get(AuditRow, row_id)
        assert row is not None
        row.at = when


def test_personal_data_never_reaches_the_audit_rows(registry: Registry, tmp_path: Path) -> None:
    """Real Presidio: the planted identifiers are redacted before anything is written."""
    audit = AuditService(registry, redact_with(Redactor()))
    question = ("Tôi là cán bộ, số điện thoại 0912 345 678, CCCD 001203004567, email nguyen.van.a@gmail.com: "
                "ai chủ trì rà soát hạ tầng mạng?")
    audit.record("ask", user="viewer1", question=question, doc_ids=["d1", "d1", "d2"], answerable=True,
                 latency_ms=42, client="127.0.0.1", detail="liên hệ 0912 345 678")
    item = audit.query().items[0]
    for value, label in PLANTED.items():
        assert value not in item["question"] and label in item["question"]
    assert "ai chủ trì rà soát hạ tầng mạng?" in item["question"]
    assert item["detail"] == "liên hệ [SỐ ĐIỆN THOẠI]"
    assert (item["user"], item["action"], item["doc_ids"], item["answerable"], item["latency_ms"], item["client"],
            item["status"]) == ("viewer1", "ask", ["d1", "d2"], True, 42, "127.0.0.1", 200)
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("registry.db"))
    for value in PLANTED:
        assert value.encode() not in stored and value.replace(" ", "").encode() not in stored


def test_query_filters_and_pages_newest_first(registry: Registry) -> None:
    audit = AuditService(registry)
    base = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    for i in range(7):
        audit.record("ask" if i % 2 else "refused", user="a" if i < 5 else "b", question=f"câu hỏi {i}")
        _at(registry, i + 1, base + dt.timedelta(hours=i))

    page1 = audit.query(page=1, page_size=3)
    page3 = audit.query(page=3, page_size=3)
    assert page1.total == 7 and [r["question"] for r in page1.items] == ["câu hỏi 6", "câu hỏi 5", "câu hỏi 4"]
    assert [r["question"] for r in page3.items] == ["câu hỏi 0"]
    assert page1.items[0]["at"] == "2026-06-01T14:00:00+00:00"

    assert audit.query(user="b").total == 2
    assert audit.query(action="refused").total == 4
    assert audit.query(since="2026-06-01T10:00").total == 5  # inclusive, no offset = UTC
    assert audit.query(since="2026-06-01T17:00+07:00").total == 5  # same instant in Vietnam time
    assert audit.query(until=base + dt.timedelta(hours=2)).total == 2  # exclusive
    assert audit.query(user="a", since="2026-06-01T09:00", until="2026-06-01T12:00").total == 3
    assert audit.query(page=0, page_size=10_000).page_size == 500


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("2026-06-01", dt.datetime(2026, 6, 1, tzinfo=dt.UTC)),
        ("2026-06-01T08:00:00+07:00", dt.datetime(2026, 6, 1, 1, tzinfo=dt.UTC)),
        (dt.datetime(2026, 6, 1, 8), dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)),
    ],
)
def test_to_utc(value: object, expected: dt.datetime | None) -> None:
    assert to_utc(value) == expected  # type: ignore[arg-type]


def test_to_utc_rejects_garbage_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="Thời điểm không hợp lệ"):
        to_utc("hôm qua")


def test_export_csv(registry: Registry) -> None:
    audit = AuditService(registry)
    audit.record("ask", user="a", question="Ai chủ trì?", doc_ids=["d1", "d2"], answerable=True, latency_ms=12,
                 client="10.0.0.5")
    audit.record("login_failed", client="10.0.0.6", status=401, detail="=HYPERLINK(\"x\")")
    out = io.StringIO()
    assert audit.export_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["action"] for r in rows] == ["ask", "login_failed"]  # oldest first
    assert rows[0]["doc_ids"] == "d1;d2" and rows[0]["answerable"] == "true" and rows[0]["latency_ms"] == "12"
    assert rows[1]["answerable"] == "" and rows[1]["status"] == "401"
    assert rows[1]["detail"].startswith("'=")  # a spreadsheet shows it, never runs it

    assert audit.export_csv(io.StringIO(), since=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)) == 0
    assert audit.export_csv(io.StringIO(), user="a") == 1


def test_audit_export_cli(tmp_path: Path) -> None:
    audit = AuditService(Registry(f"sqlite:///{tmp_path / 'registry.db'}"))
    audit.record("ask", user="a", question="Đến Quý III chỉ tiêu số hóa là bao nhiêu?", doc_ids=["d1"])
    audit.record("delete", user="b", doc_ids=["d2"])
    runner = CliRunner()
    env = {"TROLY_DATA_DIR": str(tmp_path)}

    shown = runner.invoke(cli, ["audit", "export", "--since", "2000-01-01", "--format", "csv"], env=env)
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines()[0].startswith("id,at,user,action,question")
    assert "Đến Quý III chỉ tiêu số hóa là bao nhiêu?" in shown.output and ",delete," in shown.output

    out = tmp_path / "audit.csv"
    saved = runner.invoke(cli, ["audit", "export", "--since", "2000-01-01", "--out", str(out)], env=env)
    assert saved.exit_code == 0 and "2 dòng" in saved.output
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2

    future = runner.invoke(cli, ["audit", "export", "--since", "2999-01-01"], env=env)
    assert future.exit_code == 0 and len(future.output.splitlines()) == 1
    for args, message in ((["--since", "hôm qua"], "Thời điểm không hợp lệ"), (["--format", "xlsx"], "csv")):
        bad = runner.invoke(cli, ["audit", "export", *args], env=env)
        assert bad.exit_code == 2 and message in bad.output


def test_a_report_id_survives_the_audit_redaction(registry: Registry) -> None:
    """Real Presidio: a random id like "02215844698b3981" read as a phone number lost the id from its audit row."""
    redact = redact_with(Redactor())
    ids = [new_report_id() for _ in range(300)]
    assert len(set(ids)) == 300 and all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert [redact(f"{i} tom-tat") for i in ids] == [f"{i} tom-tat" for i in ids]
