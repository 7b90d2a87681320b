"""The `troly` command line: ingest, ask, docs, bad input, and the fallback to a running `troly serve`.

Most commands run in-process through typer's CliRunner with TROLY_DATA_DIR pointing at a temp dir
(settings come from the environment); the server case runs real `troly` processes.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from assistant.cli import app
from assistant.components.registry import AuditRow, Registry
from assistant.services.extractive import NOT_FOUND

DOC_004 = "004_ac3b5f093c57f3b4.txt"
TITLE_004 = "Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUMMARY_KEYS = {"source", "doc_id", "title", "status", "reason", "chunks"}
ASK_KEYS = {"answer", "answerable", "citations", "latency_ms"}
CITATION_KEYS = {"n", "doc_id", "source", "title", "doc_number", "section", "quote", "start", "end", "page"}
QUESTION = "Ban Xây dựng Đảng chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"
OUT_OF_CORPUS = "Giá vàng SJC hôm nay là bao nhiêu một lượng?"
SERVER_START_S = 180  # a 2-core machine shared with other work


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def flat(self) -> str:
        """stdout + stderr with rich's line wrapping undone."""
        return " ".join(f"{self.stdout} {self.stderr}".split())

    def json(self) -> Any:
        return json.loads(self.stdout)


def troly(data_dir: Path, *args: str, **env: str) -> Run:
    """`troly ARGS` in-process, settings from the environment like a real run."""
    result = CliRunner().invoke(app, list(args), env={"TROLY_DATA_DIR": str(data_dir), "TROLY_PROFILE": None,
                                                      "TROLY_API_KEY": None, **env})
    try:
        crash = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crash, "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
        return Run(result.exit_code, result.stdout, result.stderr)
    finally:
        # The CLI does not close its backend; the traceback of a typer.Exit kept by the result would keep
        # the embedded store open (locked) for the next command of this process.
        del result
        gc.collect()


def troly_argv() -> list[str]:
    """The installed console script, next to this interpreter or on PATH."""
    beside = Path(sys.executable).with_name("troly")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("troly")
    return [found] if found else [sys.executable, "-c", "from assistant.cli import app; app()"]


def process_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TROLY_PROFILE", "TROLY_API_KEY")}
    env.update(TROLY_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **extra)
    return env


def unstamped_fixture(folder: Path) -> Path:
    """A small real-looking plan (the stamped fixture without its stamp): 3 chunks, fast to embed."""
    path = folder / "ke_hoach_mang.txt"
    text = (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**\n", "")
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_error(run: Run, message: str, code: int | None = None) -> None:
    assert run.code != 0 if code is None else run.code == code
    assert message in run.flat
    assert "Traceback" not in run.flat


_ADMINS: dict[Path, str] = {}


def admin(data_dir: Path) -> dict[str, str]:
    """The environment of an admin of `data_dir` (local reads are for admins only), created once."""
    if data_dir not in _ADMINS:
        _ADMINS[data_dir] = admin_key(data_dir)
    return {"TROLY_API_KEY": _ADMINS[data_dir]}


# --- a data dir with document 004 -----------------------------------------------------------------


@dataclass
class Indexed:
    data_dir: Path
    ingest: Run

    @property
    def doc_id(self) -> str:
        return str(self.ingest.json()["documents"][0]["doc_id"])


@pytest.fixture(scope="module")
def indexed_004(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Indexed:
    data_dir = tmp_path_factory.mktemp("cli004")
    return Indexed(data_dir, troly(data_dir, "ingest", str(corpus_dir / DOC_004), "--json"))


def test_ingest_json_prints_the_summary_and_exits_0(indexed_004: Indexed) -> None:
    run = indexed_004.ingest
    assert run.code == 0, run.stderr
    [doc] = run.json()["documents"]
    assert set(doc) >= SUMMARY_KEYS
    assert {k: doc[k] for k in SUMMARY_KEYS - {"doc_id"}} == {
        "source": DOC_004, "title": TITLE_004, "status": "ingested", "reason": "", "chunks": 22}
    assert re.fullmatch(r"[0-9a-f]{16}", doc["doc_id"])


def test_ingest_batch_with_a_bad_file_exits_nonzero_and_keeps_the_good_one(tmp_path: Path) -> None:
    data_dir, empty, good = tmp_path / "data", tmp_path / "rong.txt", unstamped_fixture(tmp_path)
    empty.write_bytes(b"")
    run = troly(data_dir, "ingest", str(empty), str(good), "--json")
    assert run.code == 1
    docs = {d["source"]: d for d in run.json()["documents"]}
    assert (docs["rong.txt"]["status"], docs["rong.txt"]["chunks"]) == ("failed", 0)
    assert "Tệp rỗng" in docs["rong.txt"]["reason"]
    assert (docs[good.name]["status"], docs[good.name]["chunks"]) == ("ingested", 3)
    listed = troly(data_dir, "docs", "list", "--json", **admin(data_dir)).json()["documents"]
    assert [(d["doc_id"], d["chunks"]) for d in listed] == [(docs[good.name]["doc_id"], 3)]

    # the readable summary of the same batch: the good file is now unchanged
    again = troly(data_dir, "ingest", str(empty), str(good))
    assert again.code == 1
    assert "lỗi rong.txt Tệp rỗng (0 byte)" in again.flat
    assert f"bỏ qua (không đổi) {good.name} — Kế hoạch bảo đảm an toàn mạng mật" in again.flat


# --- ask --------------------------------------------------------------------------------------------


def test_ask_json_has_the_design_shape_and_exact_quotes(indexed_004: Indexed) -> None:
    run = troly(indexed_004.data_dir, "ask", QUESTION, "--json", **admin(indexed_004.data_dir))
    assert run.code == 0, run.stderr
    body = run.json()
    assert set(body) >= ASK_KEYS and "retrieved" not in body
    assert body["answerable"] is True and isinstance(body["latency_ms"], int) and body["latency_ms"] >= 0
    assert "tuyên giáo, dân vận" in body["answer"]
    citations = body["citations"]
    assert citations and [c["n"] for c in citations] == list(range(1, len(citations) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])} <= {c["n"] for c in citations}
    stored = Registry(f"sqlite:///{indexed_004.data_dir / 'registry.db'}").text_of(indexed_004.doc_id)
    for c in citations:
        assert set(c) == CITATION_KEYS
        assert (c["doc_id"], c["source"], c["title"]) == (indexed_004.doc_id, DOC_004, TITLE_004)
        assert c["page"] is None  # a text file has no pages
        assert c["quote"] == stored[c["start"]:c["end"]]


def test_ask_readable_prints_numbered_sources(indexed_004: Indexed) -> None:
    run = troly(indexed_004.data_dir, "ask", QUESTION, **admin(indexed_004.data_dir))
    assert run.code == 0, run.stderr
    assert "Nguồn:" in run.stdout
    assert f"[1] {TITLE_004} Mục: " in run.flat
    assert "«" in run.stdout and "tuyên giáo, dân vận" in run.flat


def test_out_of_corpus_question_is_not_answered(indexed_004: Indexed) -> None:
    body = troly(indexed_004.data_dir, "ask", OUT_OF_CORPUS, "--json", **admin(indexed_004.data_dir)).json()
    assert (body["answerable"], body["answer"], body["citations"]) == (False, NOT_FOUND, [])
    readable = troly(indexed_004.data_dir, "ask", OUT_OF_CORPUS, **admin(indexed_004.data_dir))
    assert readable.code == 0 and NOT_FOUND in readable.flat and "Nguồn:" not in readable.stdout


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "Câu hỏi không được để trống."), ("   \n\t", "Câu hỏi không được để trống."),
     ("chuyển đổi số " * 200, "Câu hỏi quá dài")],
    ids=["empty", "blank", "too-long"],
)
def test_bad_question_exits_nonzero_with_a_vietnamese_message(indexed_004: Indexed, question: str,
                                                              message: str) -> None:
    run = troly(indexed_004.data_dir, "ask", question, **admin(indexed_004.data_dir))
    assert_clean_error(run, message, code=2)
    assert run.stdout == ""


# --- docs -------------------------------------------------------------------------------------------


def test_docs_list_and_show(indexed_004: Indexed) -> None:
    data_dir, doc_id = indexed_004.data_dir, indexed_004.doc_id
    key = admin(data_dir)
    listed = troly(data_dir, "docs", "list", **key)
    assert listed.code == 0 and f"{doc_id} internal 22 đoạn {TITLE_004}" in listed.flat
    [doc] = troly(data_dir, "docs", "list", "--json", **key).json()["documents"]
    assert (doc["doc_id"], doc["source"], doc["title"], doc["chunks"], doc["status"]) == (
        doc_id, DOC_004, TITLE_004, 22, "ingested")

    shown = troly(data_dir, "docs", "show", doc_id, "--json", **key)
    assert shown.code == 0 and shown.json() == doc
    assert (doc["doc_type"], doc["issuer"], doc["classification"]) == (
        "Kế hoạch", "Ban Thường vụ Đảng ủy phường", "internal")
    readable = troly(data_dir, "docs", "show", doc_id, **key)
    assert readable.code == 0
    assert f"Tiêu đề: {TITLE_004}" in readable.flat and "Người ký: Phó Bí thư Thường trực" in readable.flat


def test_docs_delete(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ingested = troly(data_dir, "ingest", str(unstamped_fixture(tmp_path)), "--json")
    doc_id = ingested.json()["documents"][0]["doc_id"]
    key = admin(data_dir)
    deleted = troly(data_dir, "docs", "delete", doc_id, **key)
    assert deleted.code == 0 and f"Đã xóa tài liệu {doc_id}." in deleted.flat
    assert troly(data_dir, "docs", "list", "--json", **key).json() == {"documents": []}
    assert "Chưa có tài liệu nào." in troly(data_dir, "docs", "list", **key).flat
    assert_clean_error(troly(data_dir, "docs", "show", doc_id, **key), f"Không tìm thấy tài liệu có mã '{doc_id}'.")


@pytest.mark.parametrize(
    "args",
    [("docs", "show", "khong-co-ma-nay"), ("docs", "delete", "khong-co-ma-nay"),
     ("ask", QUESTION, "--doc", "khong-co-ma-nay")],
    ids=["show", "delete", "ask-doc"],
)
def test_unknown_document_id_gives_a_vietnamese_message(indexed_004: Indexed, args: tuple[str, ...]) -> None:
    run = troly(indexed_004.data_dir, *args, **admin(indexed_004.data_dir))
    assert_clean_error(run, "Không tìm thấy tài liệu có mã 'khong-co-ma-nay'.")
    assert run.stdout == ""


@pytest.mark.parametrize("args", [("ask", QUESTION), ("docs", "list"), ("docs", "show", "x"), ("index", "check")],
                         ids=["ask", "list", "show", "index"])
def test_local_reads_are_for_admins_only(indexed_004: Indexed, args: tuple[str, ...]) -> None:
    """Without a server, reading the store needs an admin's key: no key, or a viewer's, is refused."""
    data_dir = indexed_004.data_dir
    assert_clean_error(troly(data_dir, *args), "chỉ dành cho quản trị viên", code=1)
    run = troly(data_dir, "users", "add", f"xem-{args[0]}-{args[-1][:4]}", "--role", "viewer", "--clearance",
                "restricted")
    [viewer] = re.findall(r"^troly_\S+$", run.stdout, re.MULTILINE)
    assert_clean_error(troly(data_dir, *args, TROLY_API_KEY=viewer), "chỉ dành cho quản trị viên", code=1)
    assert_clean_error(troly(data_dir, *args, TROLY_API_KEY="troly_abcdef12_sai"), "Khóa API không hợp lệ", code=1)


def test_local_mode_is_audited_like_the_api(indexed_004: Indexed) -> None:
    data_dir = indexed_004.data_dir
    assert troly(data_dir, "ask", f"{QUESTION} Gọi 0912 345 678.", "--json", **admin(data_dir)).code == 0
    checked = troly(data_dir, "index", "check", "--json", **admin(data_dir))
    assert checked.code == 0 and checked.json() == {"documents": 1, "points": 22, "orphan_points": 0,
                                                    "missing_points": 0, "stale_points": 0, "pending": 0}
    registry = Registry(f"sqlite:///{data_dir / 'registry.db'}")
    rows = [r for r in registry.stream(select(AuditRow)) if r.client == "cli-local"]
    registry.engine.dispose()
    assert {r.action for r in rows} & {"ask", "refused"} and "index_check" in {r.action for r in rows}
    asked = next(r for r in rows if r.action in ("ask", "refused") and "Gọi" in r.question)
    assert asked.user == "kiem-thu" and "0912 345 678" not in asked.question and "[SỐ ĐIỆN THOẠI]" in asked.question
    assert asked.doc_ids and set(asked.doc_ids) == {indexed_004.doc_id}


def test_unreachable_server_gives_a_vietnamese_message(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    for args in (("docs", "show", "x"), ("ask", QUESTION), ("docs", "list")):
        run = troly(tmp_path / "data", *args, "--api-url", url)
        assert_clean_error(run, f"Không kết nối được tới máy chủ {url}", code=1)


# --- a running `troly serve` holds the store ------------------------------------------------------


@dataclass
class Server:
    url: str
    port: int
    data_dir: Path
    key: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def admin_key(data_dir: Path) -> str:
    """`troly users add` prints the new key once, on its own line."""
    run = troly(data_dir, "users", "add", "kiem-thu", "--role", "admin", "--clearance", "restricted")
    assert run.code == 0, run.flat
    [key] = re.findall(r"^troly_\S+$", run.stdout, re.MULTILINE)
    return key


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    """A real `troly serve` on 127.0.0.1 and a free port; always terminated."""
    data_dir, port = tmp_path / "data", free_port()
    key = admin_key(data_dir)
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [*troly_argv(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=process_env(data_dir, TROLY_INGEST__MAX_FILE_MB="1"), stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"troly serve exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"troly serve not ready in {SERVER_START_S} s:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield Server(url, port, data_dir, key)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_commands_go_through_a_running_server(server: Server, tmp_path: Path) -> None:
    env = {"TROLY_API__PORT": str(server.port), "TROLY_API_KEY": server.key}
    assert httpx.get(f"{server.url}/v1/documents").status_code == 401  # the API wants a key

    # plain `troly ingest` (no --api-url): the store is locked, so the files go to the server; a file the
    # server refuses (over its 1 MB file limit) fails alone and does not abort the batch
    big = tmp_path / "qua_lon.txt"
    big.write_text("Kế hoạch chuyển đổi số trong các cơ quan đảng.\n" * 30_000, encoding="utf-8")
    ingested = troly(server.data_dir, "ingest", str(big), str(unstamped_fixture(tmp_path)), "--json", **env)
    assert ingested.code == 1
    assert "Kho dữ liệu đang được một tiến trình khác sử dụng" in ingested.stderr
    big_out, good_out = ingested.json()["documents"]
    assert (big_out["source"], big_out["status"]) == ("qua_lon.txt", "failed") and "quá lớn" in big_out["reason"]
    assert (good_out["source"], good_out["status"]) == ("ke_hoach_mang.txt", "ingested")
    assert good_out["chunks"] == 3

    # explicit --api-url (the key from the environment, like --api-key)
    listed = troly(server.data_dir, "docs", "list", "--api-url", server.url, "--json",
                   TROLY_API_KEY=server.key)
    assert listed.code == 0, listed.flat
    assert [d["doc_id"] for d in listed.json()["documents"]] == [good_out["doc_id"]]
    asked = troly(server.data_dir, "ask", "Kế hoạch bảo vệ tài liệu mật trên mạng nào?", "--json",
                  "--api-url", server.url, "--api-key", server.key)
    assert asked.code == 0, asked.flat
    assert set(asked.json()) >= ASK_KEYS

    # a real process without --api-url falls back to the server instead of crashing on the lock
    proc = subprocess.run([*troly_argv(), "docs", "list", "--json"], env=process_env(server.data_dir, **env),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"Dùng máy chủ http://127.0.0.1:{server.port}" in " ".join(proc.stderr.split())
    assert json.loads(proc.stdout) == listed.json()
