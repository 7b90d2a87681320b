"""The "Báo cáo" tab in a real browser: Debian's chromium driven by Playwright against the real server (API + UI on
127.0.0.1, temp registry with a real plan and a unit's progress report). The editor of the unit drafts a progress
report, sees the placeholders highlighted and the uploaded result cited, opens a cited passage and downloads the
DOCX; a viewer who may not read the unit's report gets a draft without it. No request leaves the machine."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, external, free_port, serving
from conftest import make_settings
from docx import Document
from plan_support import SHARED, register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*"),
]

WAIT = 60_000
VP = "Văn phòng Đảng ủy"
PLAN = "Kế hoạch tổng thể chuyển đổi số"
REPORT = ("BÁO CÁO\nKết quả thực hiện Kế hoạch chuyển đổi số Quý III năm 2026\n\n1. Văn phòng Đảng ủy đã hoàn thành "
          "xây dựng kho lưu trữ điện tử dùng chung trong ngành Tổ chức xây dựng Đảng của xã, đưa vào sử dụng từ ngày "
          "15/9/2026 với 1.250 hồ sơ.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], list[str]]]:
    from assistant.api.app import create_app
    from assistant.services.access import AccessService
    from ui.server import mount_ui

    port = free_port()
    settings = make_settings(tmp_path_factory.mktemp("ui-reports"), api={"host": "127.0.0.1", "port": port})
    app = create_app(settings)
    services = app.state.services
    register(services.registry, SHARED / "corpus/000_90c218f1079af509.txt")
    register(services.registry, SHARED / "corpus/000_90c218f1079af509.txt", "internal", [VP], source="bc-q3.txt",
             text=REPORT)
    services.assignments.clock = lambda: dt.date(2026, 10, 5)
    access = AccessService(services.registry)
    keys = {name: access.add(name, role, clearance, units)[1] for name, role, clearance, units in
            [("vp", "editor", "internal", [VP]), ("xem", "viewer", "public", [])]}
    mount_ui(app, settings)
    requests: list[str] = []
    with serving(app, port) as url:
        yield url, keys, requests
    services.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _expect() -> Any:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT)
    return expect


def _draft(browser: Any, server: tuple[str, dict[str, str], list[str]], user: str) -> Any:
    url, keys, requests = server
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN", accept_downloads=True)
    context.on("request", lambda r: requests.append(r.url))
    context.set_default_timeout(WAIT)
    page = context.new_page()
    page.goto(f"{url}/ui/")
    page.get_by_label("Khóa API").fill(keys[user])
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("tab", name="Báo cáo").click()
    page.locator("#troly-report-doc input").click()
    page.get_by_role("option", name=PLAN).first.click()
    page.locator("#troly-report-unit input").fill(VP)
    page.locator("#troly-report-unit input").press("Enter")
    page.locator("#troly-report-period input, #troly-report-period textarea").first.fill("2026-Q3")
    page.get_by_role("button", name="Soạn báo cáo").click()
    return page


def test_editor_drafts_reads_sources_and_downloads_docx(browser: Any, server: Any, tmp_path: Path) -> None:
    expect = _expect()
    page = _draft(browser, server, "vp")
    try:
        view = page.locator("#troly-report-view")
        expect(page.locator("#troly-report-summary")).to_contain_text("1 kết quả có nguồn")
        expect(view).to_contain_text("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
        expect(view).to_contain_text("Kết quả: Văn phòng Đảng ủy đã hoàn thành xây dựng kho lưu trữ điện tử")
        placeholder = view.locator("mark.troly-placeholder").first
        expect(placeholder).to_contain_text("[Đơn vị bổ sung")
        assert placeholder.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 230, 138)"
        expect(view.locator("sup.troly-ref").first).to_have_text("[1]")
        page.screenshot(path=str(tmp_path / "report-tab.png"), full_page=False)

        cites = page.locator("#troly-report-cites")
        cites.locator("label").filter(has_text="Báo cáo").first.click()  # the unit's report, cited as the result
        expect(page.locator("#troly-report-source mark")).to_contain_text("1.250 hồ sơ")
        cites.locator("label").filter(has_text="[2]").first.click()  # the plan passage of the first task
        expect(page.locator("#troly-report-source mark")).to_contain_text("Rà soát, chuẩn hóa các hồ sơ")
        page.screenshot(path=str(tmp_path / "report-tab-source.png"), full_page=False)

        page.get_by_role("button", name="Tải DOCX").click()
        link = page.locator("#troly-report-file a[download]").first
        expect(link).to_have_count(1)
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / "bao-cao.docx"
        download.value.save_as(saved)
        document = Document(io.BytesIO(saved.read_bytes()))
        texts = [p.text for p in document.paragraphs]
        assert "BÁO CÁO" in texts and any("1.250 hồ sơ" in t for t in texts)
    finally:
        page.context.close()


def test_viewer_gets_a_draft_without_what_they_may_not_read(browser: Any, server: Any) -> None:
    expect = _expect()
    page = _draft(browser, server, "xem")
    try:
        expect(page.locator("#troly-report-summary")).to_contain_text("0 kết quả có nguồn")
        expect(page.locator("#troly-report-view")).not_to_contain_text("1.250 hồ sơ")
        expect(page.locator("#troly-report-cites")).not_to_contain_text("bc-q3")
    finally:
        page.context.close()
    left = external(server[2])
    assert server[2] and not left, f"requests left the machine: {left[:5]}"
