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
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import free_port, running
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
SERVER_START_S = 300  # a busy 2-core machine can take minutes to load the models


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
        "source": DOC_004, "title": TITLE_004, "status": "ingested", "reason": "", "chunks": 23}
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
    assert listed.code == 0 and f"{doc_id} internal 23 đoạn {TITLE_004}" in listed.flat
    [doc] = troly(data_dir, "docs", "list", "--json", **key).json()["documents"]
    assert (doc["doc_id"], doc["source"], doc["title"], doc["chunks"], doc["status"]) == (
        doc_id, DOC_004, TITLE_004, 23, "ingested")

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
    assert checked.code == 0 and checked.json() == {"documents": 1, "points": 23, "orphan_points": 0,
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
    with running([*troly_argv(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                  process_env(data_dir, TROLY_INGEST__MAX_FILE_MB="1"), tmp_path / "serve.log",
                  f"http://127.0.0.1:{port}/healthz", SERVER_START_S):
        yield Server(f"http://127.0.0.1:{port}", port, data_dir, key)


def test_commands_go_through_a_running_server(server: Server, tmp_path: Path) -> None:
    env = {"TROLY_API__PORT": str(server.port), "TROLY_API_KEY": server.key}
    assert httpx.get(f"{server.url}/v1/documents").status_code == 401  # the API wants a key

    # plain `troly ingest` (no --api-url): the store is locked, so the files go to the server; a file the
    # server refuses (over its 1 MB file limit) fails alone and does not abort the batch
    big = tmp_path / "qua_lon.txt"
    big.write_text("Kế hoạch chuyển đổi số trong các cơ quan đảng.\n" * 30_000, encoding="utf-8")
    ingested = troly(server.data_dir, "ingest", str(big), str(unstamped_fixture(tmp_path)), "--json", **env)
    assert ingested.code == 1
    assert "Kho dữ liệu" not in ingested.stderr  # going to the server while it runs is normal: no warning
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
    assert proc.stderr == ""
    assert json.loads(proc.stdout) == listed.json()

    # `troly login` once (key checked by the server), then no key anywhere: every command uses the saved one
    port = {"TROLY_API__PORT": str(server.port)}
    assert_clean_error(troly(server.data_dir, "login", "--api-key", "troly_abcdef12_sai", **port),
                       "Khóa API không hợp lệ hoặc đã bị thu hồi: chưa lưu", code=1)
    assert not saved_key_file().exists()
    login = troly(server.data_dir, "login", "--api-key", server.key, **port)
    assert login.code == 0 and "Đã đăng nhập: 'kiem-thu' (vai trò admin" in login.flat
    assert saved_key_file().read_text().strip() == server.key
    assert saved_key_file().stat().st_mode & 0o777 == 0o600 and saved_key_file().parent.stat().st_mode & 0o777 == 0o700
    proc = subprocess.run([*troly_argv(), "ask", QUESTION, "--json"], env=process_env(server.data_dir, **port),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert set(json.loads(proc.stdout)) >= ASK_KEYS
    out = troly(server.data_dir, "logout")
    assert out.code == 0 and "Đã xóa khóa đã lưu" in out.flat and not saved_key_file().exists()
    assert_clean_error(troly(server.data_dir, "ask", QUESTION, **port), "Máy chủ trả lỗi 401", code=1)


def saved_key_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "troly" / "khoa-api"


def test_local_login_and_logout(indexed_004: Indexed) -> None:
    """Without a server the key is checked against the registry; a saved admin key opens local reads."""
    data_dir = indexed_004.data_dir
    assert_clean_error(troly(data_dir, "docs", "list"), "chỉ dành cho quản trị viên", code=1)
    assert troly(data_dir, "login", "--api-key", admin(data_dir)["TROLY_API_KEY"]).code == 0
    listed = troly(data_dir, "docs", "list", "--json")
    assert listed.code == 0 and [d["doc_id"] for d in listed.json()["documents"]] == [indexed_004.doc_id]
    saved_key_file().chmod(0o644)  # readable by others: not used
    assert_clean_error(troly(data_dir, "docs", "list"), "chỉ dành cho quản trị viên", code=1)
    assert troly(data_dir, "logout").code == 0
    assert "Chưa có khóa nào" in troly(data_dir, "logout").flat


def all_commands() -> list[list[str]]:
    import typer.main

    def walk(group: Any, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, command in getattr(group, "commands", {}).items():
            found += walk(command, [*path, name])
        return found

    return walk(typer.main.get_command(app), [])


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "troly")
def test_help_is_vietnamese(path: list[str]) -> None:
    run = troly(Path("data"), *path, "--help", COLUMNS="200")
    assert run.code == 0
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "default:", "required",
                    "env var", "completion"):
        assert english not in run.stdout, (english, run.stdout)
    assert "Cách dùng:" in run.stdout and "Hiện hướng dẫn này rồi thoát." in run.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["ask"], "Thiếu tham số 'question'."),
    (["ask", "x", "--top-k", "abc"], "Giá trị không hợp lệ cho '--top-k': phải là một số nguyên."),
    (["ask", "x", "--top-k", "99"], "Giá trị không hợp lệ cho '--top-k': phải nhỏ hơn hoặc bằng 50."),
    (["ask", "x", "--khong-co"], "Không có tùy chọn --khong-co."),
    (["lenh-la"], "Không có lệnh 'lenh-la'."),
])
def test_usage_errors_are_vietnamese(args: list[str], message: str) -> None:
    run = troly(Path("data"), *args, COLUMNS="200")
    assert run.code == 2
    assert message in run.flat and "Lỗi" in run.flat



def test_doctor_on_a_fresh_machine_and_a_broken_llm_setting(tmp_path: Path) -> None:
    """A data dir not made yet: warnings that say what to run, no error; an LLM server that does not answer
    is an error (exit 1). Models, Tesseract and LibreOffice are really checked."""
    data_dir = tmp_path / "data"
    run = troly(data_dir, "doctor", "--json")
    assert run.code == 0, run.flat
    checks = {c["name"]: c for c in run.json()["checks"]}
    assert list(checks) == ["Thư mục dữ liệu", "Chỉ mục", "Sổ đăng ký", "Khóa API", "Mô hình", "Tesseract (OCR)",
                            "LibreOffice", "Máy chủ LLM", "Dung lượng đĩa"]
    assert checks["Thư mục dữ liệu"]["level"] == "warning" and "make run" in checks["Thư mục dữ liệu"]["message"]
    assert checks["Sổ đăng ký"]["level"] == "warning" and "troly users bootstrap" in checks["Sổ đăng ký"]["message"]
    assert checks["Khóa API"]["level"] == "warning" and "troly login" in checks["Khóa API"]["message"]
    assert checks["Mô hình"]["level"] == "ok" and "384 chiều" in checks["Mô hình"]["message"]
    assert checks["Máy chủ LLM"]["level"] == "ok" and "chưa cấu hình" in checks["Máy chủ LLM"]["message"]
    assert checks["Dung lượng đĩa"]["level"] == "ok" and "GB trống" in checks["Dung lượng đĩa"]["message"]
    assert all(c["level"] != "error" for c in checks.values())

    assert troly(data_dir, "users", "bootstrap").code == 0
    url = f"http://127.0.0.1:{free_port()}/v1"
    run = troly(data_dir, "doctor", TROLY_LLM__BASE_URL=url, COLUMNS="200")
    assert run.code == 1
    assert f"✗ Máy chủ LLM: máy chủ LLM {url} không trả lời" in run.stdout
    assert "✓ Sổ đăng ký: 0 tài liệu, 1 người dùng (có quản trị viên)." in run.stdout
    assert "✓ Khóa API: đã lưu ở" in run.stdout
    assert "Có 1 lỗi cần xử lý" in run.stdout
