"""The "Nhiệm vụ" tab in a real browser: Debian's chromium driven by Playwright against the real server (API + UI on
127.0.0.1, temp registry with real plans, the server's clock fixed at 10/6/2026). Every request the pages make is
recorded; one to anything but loopback fails the test, as in `test_ui_browser.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, external, free_port, serving
from conftest import make_settings
from openpyxl import load_workbook
from plan_support import SHARED, register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*"),
]

WAIT = 60_000
VP = "Văn phòng Đảng ủy"
TASK = "Chủ trì rà soát, đề xuất đầu tư hạ tầng, trang thiết bị"


@dataclass
class Server:
    url: str
    keys: dict[str, str]
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from assistant.api.app import create_app
    from assistant.services.access import AccessService
    from ui.server import mount_ui

    port = free_port()
    settings = make_settings(tmp_path_factory.mktemp("ui-plan"), api={"host": "127.0.0.1", "port": port})
    app = create_app(settings)
    services = app.state.services
    for path in ("corpus/004_ac3b5f093c57f3b4.txt", "corpus/000_90c218f1079af509.txt"):
        register(services.registry, SHARED / path)
    services.assignments.clock = lambda: dt.date(2026, 6, 10)
    access = AccessService(services.registry)
    keys = {name: access.add(name, role, "public", units)[1] for name, role, units in
            [("vp", "editor", [VP]), ("xem", "viewer", [])]}
    mount_ui(app, settings)
    with serving(app, port) as url:
        yield Server(url, keys)
    services.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _open(browser: Any, server: Server, key: str, width: int = 1366, height: int = 900) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", accept_downloads=True)
    context.on("request", lambda r: server.requests.append(r.url))
    context.set_default_timeout(WAIT)
    page = context.new_page()
    page.goto(f"{server.url}/ui/")
    page.get_by_label("Khóa API").fill(key)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("tab", name="Nhiệm vụ").click()
    return page


@pytest.fixture(autouse=True)
def only_loopback(server: Server) -> Iterator[None]:
    server.requests.clear()
    yield
    assert server.requests, "no request was recorded"
    left = external(server.requests)
    assert not left, f"requests left the machine: {left[:5]}"


def _expect() -> Any:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT)  # each step runs real work on a shared 2-core machine
    return expect


def _row(page: Any, text: str) -> Any:
    return page.locator("#troly-plan-table [role=row]").filter(has_text=text).first


def test_editor_filters_reads_the_passage_tracks_and_exports(browser: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    page = _open(browser, server, server.keys["vp"])
    try:
        summary = page.locator("#troly-plan-summary")
        expect(summary).to_contain_text("46 nhiệm vụ")  # 16 + 30 assignments of the two plans
        expect(summary).to_contain_text("sắp đến hạn")
        soon = _row(page, "Thành lập Ban Chỉ đạo, ban hành quy chế")  # due 12/6/2026: two days ahead
        expect(soon).to_contain_text("sắp đến hạn")
        colour = soon.get_by_role("gridcell").nth(1).evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(254, 243, 199)"

        page.locator("#troly-plan-unit input").fill(VP)
        page.locator("#troly-plan-unit input").press("Enter")
        page.locator("#troly-plan-search input, #troly-plan-search textarea").first.fill("ha tang")  # no diacritics
        page.get_by_role("button", name="Lọc").click()
        expect(summary).to_contain_text("4 nhiệm vụ")
        expect(page.locator("#troly-plan-table")).not_to_contain_text("Rà soát, chuẩn hóa các hồ sơ")  # led by another unit
        page.screenshot(path=str(tmp_path / "plan-filtered.png"), full_page=True)

        _row(page, TASK).get_by_role("gridcell").nth(2).click()
        detail = page.locator("#troly-plan-detail")
        expect(detail.locator("mark")).to_contain_text(TASK)
        expect(detail).to_contain_text("IV. TỔ CHỨC THỰC HIỆN")
        page.locator("#troly-plan-new-status input").click()
        page.get_by_role("option", name="đang thực hiện").click()
        page.locator("#troly-plan-note textarea").fill("Đã khảo sát, chờ kinh phí")
        page.get_by_role("button", name="Lưu cập nhật").click()
        expect(page.locator("#troly-plan-msg")).to_contain_text("Đã lưu cập nhật")
        expect(page.locator("#troly-plan-history")).to_contain_text("Đã khảo sát, chờ kinh phí")
        expect(_row(page, TASK)).to_contain_text("đang thực hiện")

        page.get_by_role("button", name="Xuất Excel (XLSX)").click()
        expect(page.locator("#troly-plan-file a[download=\"nhiem-vu.xlsx\"]")).to_have_count(1)
        link = page.locator("#troly-plan-file a[download]").first
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / "nhiem-vu.xlsx"
        download.value.save_as(saved)
        rows = list(load_workbook(saved).active.iter_rows(min_row=2, values_only=True))
        assert len(rows) == 4 and {r[4] for r in rows} == {"Văn phòng Đảng uỷ", VP}
        assert any(r[3].startswith(TASK) and r[11] == "đang thực hiện" for r in rows)
        expect(page.locator("#troly-plan-chart")).to_be_visible()
        page.screenshot(path=str(tmp_path / "plan-tracked.png"), full_page=True)
    finally:
        page.context.close()


def test_viewer_reads_without_edit_controls_and_phone_width_fits(browser: Any, server: Server, tmp_path: Path) -> None:
    expect = _expect()
    page = _open(browser, server, server.keys["xem"], width=390, height=844)
    try:
        expect(page.locator("#troly-plan-summary")).to_contain_text("nhiệm vụ")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.locator("#troly-plan-search input, #troly-plan-search textarea").first.fill("de xuat dau tu ha tang")
        page.get_by_role("button", name="Lọc").click()
        expect(page.locator("#troly-plan-summary")).to_contain_text("1 nhiệm vụ")
        _row(page, TASK).get_by_role("gridcell").nth(2).click()
        expect(page.locator("#troly-plan-detail mark")).to_contain_text(TASK)
        expect(page.get_by_role("button", name="Lưu cập nhật")).to_have_count(0)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / "plan-phone.png"), full_page=True)
    finally:
        page.context.close()
