"""The plan routes over HTTP with real keys: every route and export applies the chunks' access rule, tracking is
limited to the responsible units' editors and audited, bad input answers in Vietnamese."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from plan_support import SHARED, register
from sqlalchemy import select

from assistant.api.app import create_app
from assistant.components.registry import AuditRow
from assistant.services.access import AccessService
from assistant.services.container import Services

KHCN = "Sở Khoa học và Công nghệ"


@dataclass
class Api:
    client: TestClient
    keys: dict[str, str]
    services: Services
    ids: dict[str, str]

    def call(self, method: str, user: str | None, url: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.keys[user]}"} if user else {}
        return self.client.request(method, url, headers=headers, **kw)

    def get(self, user: str | None, url: str, **kw: Any) -> Any:
        return self.call("GET", user, url, **kw)

    def audit(self, action: str) -> list[AuditRow]:
        with self.services.registry.session() as s:
            return list(s.scalars(select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.id)))


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    services = Services(make_settings(tmp_path_factory.mktemp("plan-api")))
    reg = services.registry
    ids = {"004": register(reg, SHARED / "corpus/004_ac3b5f093c57f3b4.txt"),
           "ext01": register(reg, SHARED / "corpus-ext/ext01.txt", "internal", [KHCN]),
           "ext04": register(reg, SHARED / "corpus-ext/ext04.txt", "restricted"),
           "hi01": register(reg, SHARED / "corpus-ext/hi01.txt")}
    services.assignments.clock = lambda: dt.date(2026, 6, 10)
    access = AccessService(reg)
    keys = {name: access.add(name, role, clearance, units)[1] for name, role, clearance, units in [
        ("quantri", "admin", "restricted", []), ("xem", "viewer", "public", []),
        ("khcn", "editor", "internal", [KHCN]), ("khac", "editor", "restricted", ["Sở Y tế"])]}
    with TestClient(create_app(services.settings, services)) as client:
        yield Api(client, keys, services, ids)
    services.close()


HIDDEN_FROM_VIEWER = ("ext01", "ext04")


def test_every_route_needs_a_key(api: Api) -> None:
    for url in ("/v1/assignments", "/v1/targets", "/v1/reporting-duties", "/v1/alerts", "/v1/units",
                "/v1/compare?higher=a&lower=b"):
        assert api.get(None, url).status_code == 401


@pytest.mark.parametrize("url", ["/v1/assignments?page_size=500&include_items=true", "/v1/targets",
                                 "/v1/reporting-duties", "/v1/alerts?within_days=366"])
def test_a_viewer_sees_nothing_of_documents_above_their_clearance_or_of_other_units(api: Api, url: str) -> None:
    hidden = {api.ids[k] for k in HIDDEN_FROM_VIEWER}
    for user, should_see in (("xem", set()), ("khcn", {api.ids["ext01"]}), ("quantri", hidden)):
        r = api.get(user, url)
        assert r.status_code == 200, r.text
        items = [i.get("item", i) for i in r.json()["items"]]
        assert items and {i["doc_id"] for i in items} & hidden == should_see & {i["doc_id"] for i in items}
        assert not ({i["doc_id"] for i in items} & (hidden - should_see))


@pytest.mark.parametrize(("kind", "url"), [("assignments", "/v1/assignments"), ("targets", "/v1/targets"),
                                           ("duties", "/v1/reporting-duties")])
def test_exports_hold_only_what_the_caller_may_read_and_are_audited(api: Api, kind: str, url: str) -> None:
    titles = {k: api.services.registry.get(v).meta["title"] for k, v in api.ids.items()}  # type: ignore[union-attr]
    r = api.get("xem", url, params={"format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content)).active
    seen = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert seen and not seen & {titles[k] for k in HIDDEN_FROM_VIEWER}
    csv_text = api.get("xem", url, params={"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.count("\n") == sheet.max_row and titles["ext01"] not in csv_text
    assert any(row.user == "xem" and row.detail.startswith(f"{kind}.xlsx") for row in api.audit("export"))


def test_hidden_rows_answer_404_like_their_documents(api: Api) -> None:
    hidden = api.get("quantri", "/v1/assignments", params={"doc_id": api.ids["ext04"]}).json()["items"][0]
    for method, url in (("GET", f"/v1/assignments/{hidden['id']}"), ("GET", f"/v1/assignments/{hidden['id']}/history"),
                        ("PATCH", f"/v1/assignments/{hidden['id']}")):
        r = api.call(method, "khcn", url, json={"status": "hoàn thành"})
        assert r.status_code == 404 and "Không tìm thấy nhiệm vụ" in r.json()["detail"]
    r = api.get("xem", "/v1/compare", params={"higher": api.ids["hi01"], "lower": api.ids["ext04"]})
    assert r.status_code == 404


def test_tracking_by_the_responsible_units_editor_with_history_and_audit(api: Api) -> None:
    item = api.get("khcn", "/v1/assignments", params={"unit": "Sở KH&CN", "role": "lead",
                                                     "doc_id": api.ids["ext01"]}).json()["items"][0]
    r = api.call("PATCH", "khcn", f"/v1/assignments/{item['id']}",
                 json={"status": "vướng mắc", "note": "Thiếu kinh phí, gọi 0987654321"})
    assert r.status_code == 200 and r.json()["status"] == "vướng mắc" and "0987654321" not in r.json()["note"]
    history = api.get("khcn", f"/v1/assignments/{item['id']}/history").json()["items"]
    assert [(h["user"], h["status"]) for h in history] == [("khcn", "vướng mắc")]
    (row,) = [a for a in api.audit("assignment_update") if item["id"] in a.detail]
    assert (row.user, row.doc_ids, row.detail) == ("khcn", [api.ids["ext01"]], f"{item['id']}: vướng mắc")


@pytest.mark.parametrize("user", ["xem", "khac"])
def test_others_get_403_and_the_refusal_is_audited(api: Api, user: str) -> None:
    item = api.get(user, "/v1/assignments", params={"doc_id": api.ids["004"]}).json()["items"][0]
    r = api.call("PATCH", user, f"/v1/assignments/{item['id']}", json={"status": "hoàn thành"})
    assert r.status_code == 403 and "cập nhật tiến độ" in r.json()["detail"]
    assert any(a.user == user and a.status == 403 for a in api.audit("forbidden"))


def test_alerts_and_recurring_duties_on_the_injected_clock(api: Api) -> None:
    body = api.get("xem", "/v1/alerts", params={"within_days": 14}).json()
    assert body["today"] == "2026-06-10"
    duty = next(a for a in body["items"] if a["item_type"] == "reporting_duty")
    assert (duty["due"], duty["days"], duty["item"]["recipient"]) == ("2026-06-20", 10, ["Văn phòng Đảng ủy"])


def test_units_and_aliases(api: Api) -> None:
    assert api.call("POST", "khcn", "/v1/units/aliases", json={"alias": "VPĐU", "canonical": "Văn phòng Đảng ủy"}
                    ).status_code == 403
    r = api.call("POST", "quantri", "/v1/units/aliases", json={"alias": "VPĐU", "canonical": "Văn phòng Đảng ủy"})
    assert r.status_code == 200
    assert api.get("xem", "/v1/assignments", params={"unit": "VPĐU"}).json()["total"] == 4
    assert api.call("DELETE", "quantri", "/v1/units/aliases/VPĐU").status_code == 200
    assert api.get("xem", "/v1/assignments", params={"unit": "VPĐU"}).json()["total"] == 0
    units = {u["unit"]: u for u in api.get("xem", "/v1/units").json()["items"]}
    assert units["Văn phòng Đảng uỷ"]["lead"] == 4 and KHCN not in units


def test_bad_input_is_refused_in_vietnamese(api: Api) -> None:
    r = api.get("xem", "/v1/assignments", params={"due_before": "30/6/2026"})
    assert r.status_code == 422 and "ngày không hợp lệ" in r.json()["detail"]
    item = api.get("quantri", "/v1/assignments").json()["items"][0]
    r = api.call("PATCH", "quantri", f"/v1/assignments/{item['id']}", json={"status": "xong"})
    assert r.status_code == 422 and "Trạng thái phải là" in r.json()["detail"]
    r = api.get("xem", "/v1/compare", params={"higher": api.ids["hi01"], "lower": api.ids["hi01"]})
    assert r.status_code == 422
