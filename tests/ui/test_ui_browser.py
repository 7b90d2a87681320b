"""The Gradio UI in a real browser: Debian's chromium driven by Playwright, against the real server.

One server for the module (API + UI on 127.0.0.1, temp data dir, real Qdrant/SQLite/Presidio),
users created through the access service. Every request any page makes is recorded; a request
to anything but loopback fails the test. Gradio keeps a connection open, so the tests wait for
elements and text, never for network idle.
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import CORPUS, make_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*"),  # gradio's pandas calls
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UPLOADED = CORPUS / "004_ac3b5f093c57f3b4.txt"  # Kế hoạch chuyển đổi số … phường Bạch Đằng năm 2026
PRELOADED = CORPUS / "001_ce564b243cd16df3.txt"
QUESTION = "Hoàn thành số hóa tài liệu lưu trữ lịch sử trước ngày nào?"
QUOTE = "Hoàn thành số hoá tài liệu lưu trữ lịch sử của Đảng uỷ phường trước ngày 01/7/2025"
OUT_OF_CORPUS = "Kinh phí chuyển đổi số của tỉnh Hà Giang là bao nhiêu?"
README_SHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-ui.png"
WAIT = 60_000  # ms; asks and uploads run real retrieval and ingest on a 2-core CPU


@dataclass
class Server:
    url: str
    keys: dict[str, str]
    preloaded_title: str
    data_dir: Path
    requests: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.services.access import AccessService
    from ui.server import mount_ui

    port = _free_port()
    data_dir = tmp_path_factory.mktemp("ui-data")
    stale = data_dir / "ui-uploads" / "abc123" / "ca-nhan-cu.txt"  # left by an earlier run: swept at start
    stale.parent.mkdir(parents=True)
    stale.write_text("CCCD 001099123456", encoding="utf-8")
    settings = make_settings(data_dir, api={"host": "127.0.0.1", "port": port})
    app = create_app(settings)
    services = app.state.services
    access = AccessService(services.registry)
    keys = {name: access.add(name, role, clearance)[1]
            for name, role, clearance in [("admin", "admin", "restricted"), ("xem", "viewer", "public")]}
    pre = services.ingest.ingest_file(PRELOADED, classification="public")
    assert pre.status == "ingested", pre
    mount_ui(app, settings)
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)
    assert not stale.exists()
    yield Server(url, keys, pre.title, data_dir)
    uv.should_exit = True
    thread.join(timeout=30)
    services.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("chromium is not installed: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser: Any, server: Server, width: int = 1366, height: int = 768) -> Any:
    """A fresh context on the UI whose every request is recorded."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    context.on("request", lambda r: server.requests.append(r.url))
    context.set_default_timeout(WAIT)
    page = context.new_page()
    page.goto(f"{server.url}/ui/")
    return page


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    p = _open(browser, server)
    yield p
    p.context.close()


@pytest.fixture(autouse=True)
def only_loopback(server: Server) -> Iterator[None]:
    """Fails the test if the pages made any request to a non-loopback address."""
    server.requests.clear()
    yield
    assert server.requests, "no request was recorded"
    external = [u for u in server.requests
                if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname not in LOOPBACK]
    assert not external, f"requests left the machine: {external[:5]}"


def _login(page: Any, key: str, name: str = "") -> None:
    if name:
        page.get_by_label("Tên người dùng (không bắt buộc)").fill(name)
    page.get_by_label("Khóa API").fill(key)
    page.get_by_role("button", name="Đăng nhập").click()


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _choose_and_upload(page: Any, files: list[Path]) -> None:
    """Tài liệu tab: pick the files in the browser's file chooser and press upload."""
    page.get_by_role("tab", name="Tài liệu").click()
    with page.expect_file_chooser() as chooser:
        page.locator("#troly-files").click()
    chooser.value.set_files([str(f) for f in files])
    _expect()(page.locator("#troly-chosen")).to_contain_text(f"Đã chọn {len(files)} tệp")
    page.get_by_role("button", name="Tải lên và nạp").click()


def _ask(page: Any, question: str) -> None:
    page.locator("#troly-question textarea").fill(question)
    page.get_by_role("button", name="Gửi", exact=True).click()


def test_login_refuses_a_wrong_key_and_shows_nothing_before(page: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_role("tab", name="Hỏi đáp")).to_have_count(0)
    expect(page.get_by_text("Tải lên và nạp")).to_have_count(0)

    _login(page, "troly_deadbeef_khong-phai-khoa-that")
    expect(page.locator("#troly-login-msg")).to_have_text("Khóa API không hợp lệ")
    expect(page.get_by_role("tab", name="Hỏi đáp")).to_have_count(0)
    page.screenshot(path=str(tmp_path / "login-failed.png"))

    _login(page, server.keys["admin"], name="nguoi-khac")  # a real key under another name
    expect(page.locator("#troly-login-msg")).to_have_text("Khóa API không hợp lệ")
    expect(page.get_by_role("tab", name="Hỏi đáp")).to_have_count(0)


def test_viewer_reads_but_sees_no_upload_or_delete_controls(page: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    _login(page, server.keys["xem"], name="xem")
    expect(page.locator("#troly-user")).to_contain_text("xem — người xem")
    page.get_by_role("tab", name="Tài liệu").click()
    expect(page.locator("#troly-docs")).to_contain_text(server.preloaded_title[:40])
    expect(page.get_by_text("Tải lên tài liệu")).to_have_count(0)
    expect(page.get_by_role("button", name="Tải lên và nạp")).to_have_count(0)

    page.locator("#troly-doc-pick input").click()
    page.get_by_role("option", name=server.preloaded_title[:40]).first.click()
    expect(page.locator("#troly-doc-meta")).to_contain_text("Công khai")
    expect(page.get_by_role("button", name="Xóa tài liệu")).to_have_count(0)
    page.get_by_role("button", name="Xem nội dung").click()
    expect(page.locator("#troly-doc-text textarea")).not_to_have_value("")
    page.screenshot(path=str(tmp_path / "viewer-documents.png"), full_page=True)

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_role("tab", name="Tài liệu")).to_have_count(0)
    expect(page.get_by_text(server.preloaded_title[:40])).to_have_count(0)


def test_admin_uploads_asks_opens_citation_and_gets_refusal(page: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    _login(page, server.keys["admin"], name="admin")
    expect(page.locator("#troly-user")).to_contain_text("admin — quản trị viên")

    # Tài liệu: upload two files at once (one is already there: skipped), see the summary and the list
    page.get_by_role("tab", name="Tài liệu").click()
    page.get_by_label("Công khai").check()
    _choose_and_upload(page, [UPLOADED, PRELOADED])
    table = page.locator("#troly-upload-table")
    expect(table).to_contain_text("đang nạp…")  # progress per file while the first one is ingested
    expect(page.locator("#troly-upload-summary")).to_contain_text("đã nạp 1 · bỏ qua 1", timeout=120_000)
    expect(table).to_contain_text(UPLOADED.name)
    expect(table).to_contain_text("Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026")
    expect(page.locator("#troly-docs")).to_contain_text("phường Bạch Đằng năm 2026")
    page.locator("#troly-doc-search input, #troly-doc-search textarea").first.fill("bach dang")  # no diacritics
    expect(page.locator("#troly-docs")).not_to_contain_text(server.preloaded_title[:40])
    expect(page.locator("#troly-docs")).to_contain_text("phường Bạch Đằng năm 2026")
    page.screenshot(path=str(tmp_path / "documents.png"), full_page=True)

    # Hỏi đáp: streamed answer with citations; [1] opens the passage with the quote highlighted
    page.get_by_role("tab", name="Hỏi đáp").click()
    _ask(page, QUESTION)
    chat = page.locator("#troly-chat")
    expect(chat).to_contain_text("01/7/2025")
    expect(chat).to_contain_text("[1]")
    expect(chat).to_contain_text("Nguồn:")
    page.locator("#troly-cites label").filter(has_text="[1]").first.click()
    source = page.locator("#troly-source")
    expect(source.locator("mark")).to_contain_text(QUOTE)
    expect(source).to_contain_text("Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026")
    expect(source).to_contain_text("Ban Thường vụ Đảng ủy phường")
    expect(source).to_contain_text("II. NHIỆM VỤ TRỌNG TÂM NĂM 2026")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "chat-answer.png"))
    assert (tmp_path / "chat-answer.png").stat().st_size < 300_000
    if os.environ.get("TROLY_UPDATE_SCREENSHOT"):  # refresh the README picture on request only
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_path / "chat-answer.png", README_SHOT)

    # copy with sources, feedback stored in the registry
    page.get_by_role("button", name="Sao chép câu trả lời kèm nguồn").click()
    expect(page.locator("#troly-fb-msg")).to_contain_text("Đã sao chép")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Câu hỏi: {QUESTION}") and "Nguồn:" in copied and QUOTE in copied
    page.get_by_label("Câu trả lời này đúng không? Góp ý (không bắt buộc)").fill("Thiếu hạn của Thành ủy")
    page.get_by_role("button", name="Sai", exact=True).click()
    expect(page.locator("#troly-fb-msg")).to_contain_text("Đã ghi nhận phản hồi")
    feedback = httpx.get(f"{server.url}/v1/feedback", headers={"Authorization": f"Bearer {server.keys['admin']}"})
    items = feedback.json()["items"]
    assert [(i["verdict"], i["comment"], i["user"]) for i in items] == [("sai", "Thiếu hạn của Thành ủy", "admin")]
    assert items[0]["question"] == QUESTION and items[0]["citations"][0]["quote"].startswith(QUOTE)

    # out of corpus, asked of the uploaded document only: "Không tìm thấy", with passages of that document
    page.locator("#troly-doc-filter input").click()
    page.get_by_role("option", name="Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng").click()
    page.keyboard.press("Escape")
    _ask(page, OUT_OF_CORPUS)
    expect(chat).to_contain_text("Không tìm thấy")
    expect(chat).to_contain_text("Có thể liên quan")
    chips = page.locator("#troly-cites")
    expect(chips).to_contain_text("Có thể liên quan")
    expect(chips).to_contain_text("[1] Kế hoạch chuyển đổi số tron…")
    expect(chips).not_to_contain_text(server.preloaded_title[:20])
    page.screenshot(path=str(tmp_path / "chat-refusal.png"))

    # delete: admin may delete any document; it leaves the list and the chat filter
    page.get_by_role("tab", name="Tài liệu").click()
    page.locator("#troly-doc-search input, #troly-doc-search textarea").first.fill("")
    page.locator("#troly-doc-pick input").click()
    page.get_by_role("option", name=server.preloaded_title[:40]).first.click()
    page.get_by_role("button", name="Xóa tài liệu").click()
    page.get_by_role("button", name="Xác nhận xóa").click()
    expect(page.locator("#troly-doc-msg")).to_contain_text("Đã xóa tài liệu")
    expect(page.locator("#troly-docs")).not_to_contain_text(server.preloaded_title[:40])
    expect(page.locator("#troly-docs")).to_contain_text("phường Bạch Đằng năm 2026")


def test_phone_width_has_no_horizontal_scroll_and_examples_ask(browser: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    page = _open(browser, server, width=390, height=844)
    try:
        _login(page, server.keys["xem"])
        expect(page.get_by_role("tab", name="Hỏi đáp")).to_be_visible()
        expect(page.locator("#troly-question textarea")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.locator("#troly-chat").get_by_text("Hoàn thành số hóa tài liệu lưu trữ trước ngày nào?").click()
        expect(page.locator("#troly-chat")).to_contain_text("01/7/2025")  # an example question, answered
        expect(page.locator("#troly-cites")).to_contain_text("[1]")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    finally:
        page.context.close()


def test_ui_uploads_leave_no_raw_identifier_nor_refused_bytes_on_disk(page: Any, server: Server,
                                                                      tmp_path: Path) -> None:
    """A file with a planted CCCD and a MẬT file, uploaded through the browser: afterwards neither the data
    directory, Gradio's directories nor the system temp directory holds their raw bytes."""
    expect = _expect()
    started = time.time() - 2  # a file last written before the test cannot hold the tokens it makes
    rng = random.Random()
    cccd = f"001{rng.choice('01')}{rng.randint(50, 99):02d}{rng.randint(0, 999_999):06d}"  # unique to this run
    marker = secrets.token_hex(12)
    plan = (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8")
    chosen = tmp_path / "may-nguoi-dung"  # the user's own disk, where the browser picks the files
    chosen.mkdir()
    personal, secret = chosen / "ca-nhan.txt", chosen / "bao-cao-mat.txt"
    personal.write_text(plan.replace("**MẬT**\n", "").replace(
        "Bảo vệ tài liệu mật", f"Đầu mối: ông Lê Văn Tám, số CCCD {cccd}. Bảo vệ tài liệu mật"), encoding="utf-8")
    secret.write_text(plan.replace("Bảo vệ tài liệu mật", f"Mã lưu trữ {marker}. Bảo vệ tài liệu mật"),
                      encoding="utf-8")
    gradio_dir = Path(os.environ["GRADIO_TEMP_DIR"])
    assert server.data_dir.resolve() in gradio_dir.parents and (gradio_dir.stat().st_mode & 0o777) == 0o700

    _login(page, server.keys["admin"], name="admin")
    _choose_and_upload(page, [personal, secret])
    summary = page.locator("#troly-upload-summary")
    expect(summary).to_contain_text("đã nạp 1", timeout=120_000)
    expect(summary).to_contain_text("từ chối 1")
    expect(page.locator("#troly-upload-table")).to_contain_text("không được phép nạp")

    needles = [cccd.encode(), marker.encode()]
    system = Path(tempfile.gettempdir())
    hits = []
    for root in (server.data_dir, gradio_dir, system / "gradio", system):
        for path in root.rglob("*") if root.exists() else []:
            try:
                if path.is_symlink() or not path.is_file() or chosen in path.parents or path.stat().st_size > 2**28 \
                        or path.stat().st_mtime < started:
                    continue
                raw = path.read_bytes()
            except OSError:
                continue
            hits += [f"{path}: {n!r}" for n in needles if n in raw]
    assert hits == []
    # Gradio's copies are gone too (its UploadButton leaves an empty placeholder per file: no bytes)
    assert [p for p in gradio_dir.rglob("*") if p.is_file() and p.stat().st_size] == []


def test_api_docs_render_offline_with_the_routes(browser: Any, server: Server) -> None:
    """/docs loads Swagger UI from the server itself (the loopback check fails the test on any CDN request)
    and lists the routes, Vietnamese summaries included."""
    context = browser.new_context(locale="vi-VN")
    context.on("request", lambda r: server.requests.append(r.url))
    context.set_default_timeout(WAIT)
    page = context.new_page()
    expect = _expect()
    try:
        page.goto(f"{server.url}/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("Trợ lý kế hoạch API")
        expect(page.locator(".opblock-summary-path", has_text="/v1/ask").first).to_be_visible()
        expect(page.locator(".swagger-ui")).to_contain_text("Hỏi và nhận câu trả lời có trích dẫn")
        assert any("/static-offline-docs/swagger-ui-bundle.js" in u for u in server.requests)
    finally:
        context.close()
