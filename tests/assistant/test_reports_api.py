"""`/v1/reports` with real keys and real uploads (the full ingest path): a progress report a unit uploads is cited as
the result in its next draft; a restricted report is never used in a draft for a viewer who may not read it; drafts
are stored for their author, downloadable as DOCX / Markdown / JSON, and audited."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import make_settings
from docx import Document
from fastapi.testclient import TestClient
from plan_support import SHARED, register
from sqlalchemy import select
from test_reports import REPORT_TEXT, VP

from assistant.api.app import create_app
from assistant.components.registry import AuditRow
from assistant.services.access import AccessService
from assistant.services.container import Services

RESTRICTED_REPORT = REPORT_TEXT.replace("Số 12-BC/VPĐU", "Số 15-BC/VPĐU").replace(
    "1. Văn phòng Đảng ủy đã hoàn thành xây dựng kho lưu trữ điện tử dùng chung trong ngành Tổ chức xây dựng Đảng của "
    "xã, đưa vào sử dụng từ ngày 15/9/2026 với 1.250 hồ sơ.",
    "1. Văn phòng Đảng ủy đã hoàn thành rà soát, đầu tư, nâng cấp hạ tầng công nghệ thông tin, trang thiết bị, "
    "đường truyền phục vụ chuyển đổi số với kinh phí 3,8 tỷ đồng.")


@dataclass
class Api:
    client: TestClient
    keys: dict[str, str]
    services: Services
    plan: str

    def call(self, method: str, user: str | None, url: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.keys[user]}"} if user else {}
        return self.client.request(method, url, headers=headers, **kw)

    def upload(self, user: str, name: str, text: str, classification: str, units: list[str]) -> str:
        r = self.call("POST", user, "/v1/documents", files={"files": (name, text.encode(), "text/plain")},
                      data={"classification": classification, "units": units})
        assert r.status_code == 200, r.text
        outcome = r.json()["documents"][0]
        assert outcome["status"] == "ingested", outcome
        return str(outcome["doc_id"])

    def draft(self, user: str, **body: Any) -> dict[str, Any]:
        r = self.call("POST", user, "/v1/reports", json={"doc_id": self.plan, "unit": VP, "period": "2026-Q3", **body})
        assert r.status_code == 200, r.text
        return dict(r.json())


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    services = Services(make_settings(tmp_path_factory.mktemp("reports-api")))
    plan = register(services.registry, SHARED / "corpus/000_90c218f1079af509.txt")
    services.assignments.clock = lambda: dt.date(2026, 10, 5)
    access = AccessService(services.registry)
    keys = {name: access.add(name, role, clearance, units)[1] for name, role, clearance, units in [
        ("quantri", "admin", "restricted", []), ("xem", "viewer", "public", []),
        ("vp", "editor", "internal", [VP]), ("khac", "viewer", "internal", [])]}
    with TestClient(create_app(services.settings, services)) as client:
        yield Api(client, keys, services, plan)
    services.close()


def cited_docs(draft: dict[str, Any]) -> set[str]:
    return {c["doc_id"] for s in draft["statements"] for c in s["citations"]}


def results(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in draft["statements"] if s["kind"] == "result"]


def test_an_uploaded_progress_report_is_cited_in_the_next_draft(api: Api) -> None:
    before = api.draft("vp")
    assert not results(before)
    report = api.upload("vp", "bao-cao-quy-3.txt", REPORT_TEXT, "internal", [VP])
    after = api.draft("vp")
    said = results(after)
    assert len(said) == 1 and "đưa vào sử dụng từ ngày 15/9/2026 với 1.250 hồ sơ" in said[0]["text"]
    cite = said[0]["citations"][0]
    assert cite["doc_id"] == report and api.services.registry.text_of(report)[cite["start"]:cite["end"]] == cite["quote"]
    assert after["stats"]["results"] == 1
    docx = api.call("GET", "vp", f"/v1/reports/{after['id']}", params={"format": "docx"})
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(docx.content))
    assert any("1.250 hồ sơ" in p.text for p in document.paragraphs)
    md = api.call("GET", "vp", f"/v1/reports/{after['id']}", params={"format": "md"}).text
    assert "1.250 hồ sơ" in md and "[^" in md


def test_a_restricted_report_is_not_used_for_a_viewer_who_may_not_read_it(api: Api) -> None:
    secret = api.upload("quantri", "bao-cao-han-che.txt", RESTRICTED_REPORT, "restricted", [])
    for_viewer = api.draft("xem")
    assert secret not in cited_docs(for_viewer)
    assert not any("3,8 tỷ" in s["text"] for s in for_viewer["statements"])
    for_admin = api.draft("quantri")
    assert secret in cited_docs(for_admin) and any("3,8 tỷ đồng" in s["text"] for s in results(for_admin))


def test_drafts_are_the_authors_and_audited(api: Api) -> None:
    assert api.call("POST", None, "/v1/reports", json={"doc_id": api.plan}).status_code == 401
    draft = api.draft("xem", kind="tom-tat", period=None, unit=None)
    assert draft["kind"] == "tom-tat" and draft["created_by"] == "xem"
    assert api.call("GET", "xem", f"/v1/reports/{draft['id']}").json()["statements"] == draft["statements"]
    assert api.call("GET", "khac", f"/v1/reports/{draft['id']}").status_code == 404
    assert api.call("GET", "quantri", f"/v1/reports/{draft['id']}").status_code == 200
    assert draft["id"] in [d["id"] for d in api.call("GET", "xem", "/v1/reports").json()["items"]]
    assert draft["id"] not in [d["id"] for d in api.call("GET", "khac", "/v1/reports").json()["items"]]
    with api.services.registry.session() as s:
        rows = list(s.scalars(select(AuditRow).where(AuditRow.action == "report", AuditRow.user == "xem")))
    assert rows and api.plan in rows[-1].doc_ids and draft["id"] in rows[-1].detail


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"period": "quý sau"}, 422, "Không hiểu kỳ báo cáo"),
    ({"doc_id": "khong-co"}, 404, "Không tìm thấy tài liệu"),
    ({"kind": "bien-ban"}, 422, None),
])
def test_bad_requests_answer_in_vietnamese(api: Api, body: dict[str, Any], status: int, message: str | None) -> None:
    r = api.call("POST", "xem", "/v1/reports", json={"doc_id": api.plan, **body})
    assert r.status_code == status
    if message:
        assert message in r.json()["detail"]
