"""The plan service on real plans in a real registry (SQLite): access by clearance and unit in every read,
tracking with history and the personal-data filter on notes, alerts on a fixed clock (recurring deadlines give
their next occurrence), aliases applied on read, exports opened back, the answering API, compare, rebuild, and
the full ingest path (plan stored with the document, kept tracking across a new version, gone with it)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_settings
from openpyxl import load_workbook
from plan_support import SHARED, register
from sqlalchemy import event

from assistant.components.plan_store import AssignmentRow, PlanStore
from assistant.services.access import Principal
from assistant.services.assignments import (
    AssignmentService,
    Filters,
    Forbidden,
    NotFound,
    PlanError,
    next_due,
)
from assistant.services.container import Services
from assistant.services.plan_export import write_csv, write_xlsx
from assistant.settings import PlanSettings

TODAY = dt.date(2026, 6, 10)
KHCN = "Sở Khoa học và Công nghệ"
ADMIN = Principal("admin", "admin", "restricted")
VIEWER = Principal("xem", "viewer", "public")  # public documents without units only
KHCN_EDITOR = Principal("khcn", "editor", "internal", (KHCN,))
OTHER_EDITOR = Principal("yte", "editor", "internal", ("Sở Y tế",))


@dataclass
class Plans:
    services: Services
    svc: AssignmentService
    ids: dict[str, str]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plans]:
    services = Services(make_settings(tmp_path_factory.mktemp("plans")))
    reg = services.registry
    ids = {
        "004": register(reg, SHARED / "corpus/004_ac3b5f093c57f3b4.txt"),
        "000": register(reg, SHARED / "corpus/000_90c218f1079af509.txt"),
        "ext01": register(reg, SHARED / "corpus-ext/ext01.txt", "internal", [KHCN]),  # Sở KH&CN's users only
        "ext04": register(reg, SHARED / "corpus-ext/ext04.txt", "restricted"),
        "hi01": register(reg, SHARED / "corpus-ext/hi01.txt"),
        "ext05": register(reg, SHARED / "corpus-ext/ext05.txt"),
    }
    svc = services.assignments
    svc.clock = lambda: TODAY
    yield Plans(services, svc, ids)
    services.close()


def doc_ids(items: list[dict]) -> set[str]:
    return {i["doc_id"] for i in items}


# ---------------------------------------------------------------- access


def test_each_reader_sees_exactly_the_plans_it_may_read(plans: Plans) -> None:
    ids, svc = plans.ids, plans.svc
    visible = {
        ADMIN: set(ids.values()),
        VIEWER: {ids["004"], ids["000"], ids["hi01"], ids["ext05"]},
        KHCN_EDITOR: {ids["004"], ids["000"], ids["hi01"], ids["ext05"], ids["ext01"]},
        OTHER_EDITOR: {ids["004"], ids["000"], ids["hi01"], ids["ext05"]},
    }
    for reader, wanted in visible.items():
        assert doc_ids(svc.all_assignments(reader, Filters(include_items=True))) == wanted, reader.name
        assert doc_ids(svc.targets(reader)) <= wanted and doc_ids(svc.duties(reader)) <= wanted
        assert doc_ids([a["item"] for a in svc.alerts(reader, 3650)]) <= wanted
        assert doc_ids(svc.tasks_of_unit(KHCN, reader)) <= wanted
        units = {u["unit"] for u in svc.units(reader)}
        assert ("Công an Thành phố" in units) == (ids["ext01"] in wanted)


def test_a_hidden_assignment_is_not_found_by_id_and_cannot_be_compared(plans: Plans) -> None:
    hidden = plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["ext04"]))[0]
    with pytest.raises(NotFound):
        plans.svc.get(VIEWER, hidden["id"])
    with pytest.raises(NotFound):
        plans.svc.history(KHCN_EDITOR, hidden["id"])
    with pytest.raises(NotFound):
        plans.svc.compare(VIEWER, plans.ids["hi01"], plans.ids["ext04"])


# ---------------------------------------------------------------- filters, aliases


def test_unit_filter_by_name_abbreviation_or_without_diacritics(plans: Plans) -> None:
    svc = plans.svc
    by_name = svc.all_assignments(ADMIN, Filters(unit=KHCN, doc_id=plans.ids["ext01"]))
    assert by_name and all(KHCN in i["lead_units"] + i["co_units"] for i in by_name)
    assert svc.all_assignments(ADMIN, Filters(unit="Sở KH&CN", doc_id=plans.ids["ext01"])) == by_name
    assert svc.all_assignments(ADMIN, Filters(unit="so khoa hoc va cong nghe", doc_id=plans.ids["ext01"])) == by_name
    lead_only = svc.all_assignments(ADMIN, Filters(unit=KHCN, role="lead", doc_id=plans.ids["ext01"]))
    assert 0 < len(lead_only) < len(by_name) and all(KHCN in i["lead_units"] for i in lead_only)


def test_due_and_text_filters(plans: Plans) -> None:
    q3 = plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["000"], due_after=dt.date(2026, 7, 1),
                                                  due_before=dt.date(2026, 9, 30)))
    assert [i["task"][:30] for i in q3] == ["Rà soát, chuẩn hóa các hồ sơ, ", "Rà soát, đầu tư, nâng cấp hạ t",
                                            "Xây dựng kho lưu trữ điện tử d"]
    found = plans.svc.all_assignments(ADMIN, Filters(query="kho luu tru dien tu"))  # typed without diacritics
    assert any(i["task"].startswith("Xây dựng kho lưu trữ điện tử") for i in found)


def test_an_alias_applies_on_read_without_reingest(plans: Plans) -> None:
    svc = plans.svc
    name = "Văn phòng Đảng ủy phường Bạch Đằng"
    assert svc.all_assignments(ADMIN, Filters(unit=name)) == []
    svc.add_alias("Văn phòng Đảng uỷ", name, "admin")
    try:
        items = svc.all_assignments(ADMIN, Filters(unit=name, role="lead", doc_id=plans.ids["004"]))
        assert len(items) == 4 and all(i["lead_units"] == [name] for i in items)  # every name of that key
        assert items[0]["lead_units_written"] == ["Văn phòng Đảng uỷ"]
        assert name in {u["unit"] for u in svc.units(ADMIN)}
    finally:
        svc.remove_alias("Văn phòng Đảng uỷ")
    with pytest.raises(PlanError):
        svc.add_alias("Sở KH&CN", KHCN)  # the same unit already: no alias needed


# ---------------------------------------------------------------- tracking, history


def test_editors_of_the_responsible_unit_track_and_history_keeps_every_change(plans: Plans) -> None:
    svc = plans.svc
    mine = svc.all_assignments(KHCN_EDITOR, Filters(unit=KHCN, role="lead", doc_id=plans.ids["ext01"]))[0]
    updated = svc.update(KHCN_EDITOR, mine["id"], status="đang thực hiện",
                         note="Vướng kinh phí, liên hệ anh Nam 0912345678")
    assert updated["status"] == "đang thực hiện" and "0912345678" not in updated["note"]
    assert "[SỐ ĐIỆN THOẠI]" in updated["note"]  # notes pass the personal-data filter before they are stored
    svc.update(ADMIN, mine["id"], status="hoàn thành", evidence_doc_id=plans.ids["004"])
    history = svc.history(KHCN_EDITOR, mine["id"])
    assert [(h["user"], h["status"]) for h in history] == [("khcn", "đang thực hiện"), ("admin", "hoàn thành")]
    assert history[1]["evidence_doc_id"] == plans.ids["004"] and history[1]["note"] == updated["note"]
    assert svc.get(VIEWER, svc.all_assignments(VIEWER)[0]["id"])["status"] == "chưa triển khai"


@pytest.mark.parametrize(("who", "doc"), [(OTHER_EDITOR, "004"), (KHCN_EDITOR, "004"), (VIEWER, "004")])
def test_others_may_read_but_not_track(plans: Plans, who: Principal, doc: str) -> None:
    item = plans.svc.all_assignments(who, Filters(doc_id=plans.ids[doc]))[0]
    with pytest.raises(Forbidden):
        plans.svc.update(who, item["id"], status="hoàn thành")


def test_bad_tracking_values_are_refused_in_vietnamese(plans: Plans) -> None:
    item = plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["000"]))[0]
    with pytest.raises(PlanError, match="Trạng thái phải là"):
        plans.svc.update(ADMIN, item["id"], status="xong rồi")
    with pytest.raises(PlanError, match="minh chứng"):
        plans.svc.update(ADMIN, item["id"], evidence_doc_id="khong-co")
    with pytest.raises(PlanError, match="minh chứng"):  # a document the editor may not read is no evidence
        khcn = plans.svc.all_assignments(KHCN_EDITOR, Filters(unit=KHCN, doc_id=plans.ids["ext01"]))[0]
        plans.svc.update(KHCN_EDITOR, khcn["id"], evidence_doc_id=plans.ids["ext04"])


# ---------------------------------------------------------------- alerts on a fixed clock


def test_alerts_overdue_and_due_soon_with_recurring_next_occurrence(plans: Plans) -> None:
    alerts = plans.svc.alerts(ADMIN, within_days=14)
    monthly = [a for a in alerts if a["item_type"] == "assignment" and a["item"]["recurrence"] == "monthly"]
    assert monthly and all((a["kind"], a["due"], a["days"]) == ("due_soon", "2026-06-20", 10) for a in monthly
                           if a["item"]["day"] == 20)
    duties = [a for a in alerts if a["item_type"] == "reporting_duty" and a["item"]["day"] == 20]
    assert duties and duties[0]["item"]["recipient"] == ["Văn phòng Đảng ủy"] and duties[0]["due"] == "2026-06-20"
    overdue = [a for a in alerts if a["kind"] == "overdue"]
    assert overdue and all(a["item"]["due_end"] < "2026-06-10" and a["item"]["status"] != "hoàn thành"
                           for a in overdue)
    june12 = [a for a in alerts if a["kind"] == "due_soon" and a["item"].get("due_end") == "2026-06-12"]
    assert [a["item"]["task"][:21] for a in june12] == ["Thành lập Ban Chỉ đạo"]  # 000: "Trước ngày 12/6/2026"
    assert alerts == sorted(alerts, key=lambda a: (a["due"], a["kind"]))


@pytest.mark.parametrize(
    ("recurrence", "day", "month", "today", "due", "due_end"),
    [
        ("monthly", 15, None, dt.date(2026, 6, 10), dt.date(2026, 6, 15), None),
        # "Định kỳ hằng năm (trước ngày 30 tháng 11)" in a 2025 plan: 2025-11-30 is an occurrence, not the end
        ("yearly", 30, 11, dt.date(2026, 12, 1), dt.date(2027, 11, 30), "2025-11-30"),
        ("monthly", 15, None, dt.date(2027, 1, 10), None, "2026-12-31"),  # "hằng tháng trong năm 2026": ended
        ("monthly", 15, None, dt.date(2026, 6, 16), dt.date(2026, 7, 15), None),
        ("monthly", None, None, dt.date(2026, 2, 10), dt.date(2026, 2, 28), None),
        ("quarterly", None, None, dt.date(2026, 6, 10), dt.date(2026, 6, 30), None),
        ("half-yearly", None, None, dt.date(2026, 7, 1), dt.date(2026, 12, 31), None),
        ("yearly", 30, 6, dt.date(2026, 7, 1), dt.date(2027, 6, 30), None),
        ("continuous", None, None, dt.date(2026, 7, 1), None, None),
    ],
)
def test_next_occurrence(recurrence: str, day: int | None, month: int | None, today: dt.date,
                         due: dt.date | None, due_end: str | None) -> None:
    assert next_due(AssignmentRow(recurrence=recurrence, day=day, month=month, due_end=due_end), today) == due


# ---------------------------------------------------------------- exports


def test_xlsx_opened_back_and_csv(plans: Plans, tmp_path: Path) -> None:
    items = plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["000"]))
    path = tmp_path / "nhiem-vu.xlsx"
    assert write_xlsx("assignments", items, path) == len(items) == 30
    sheet = load_workbook(path).active
    assert sheet.title == "Nhiệm vụ" and sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Mã", "Văn bản", "Số hiệu", "Nhiệm vụ", "Chủ trì", "Phối hợp"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    review = next(i for i in items if i["task"].startswith("Rà soát, chuẩn hóa các hồ sơ"))
    row = rows[review["id"]]
    assert (row[3], row[4], row[7], row[8]) == (review["task"], "Ban Xây dựng Đảng", "2026-07-01", "2026-09-30")
    soon = next(i for i in items if i["due_soon"])
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == soon["id"])[3]
    assert cell.fill.start_color.rgb.endswith("FEF3C7")  # due soon: amber
    out = io.StringIO()
    assert write_csv("targets", plans.svc.targets(ADMIN, doc_id=plans.ids["004"]), out) > 5
    assert out.getvalue().splitlines()[0].startswith("Mã,Văn bản,Số hiệu,Chỉ tiêu,Giá trị")


# ---------------------------------------------------------------- answering API


def test_a_unit_name_shortened_word_by_word_reads_the_assignments_once(plans: Plans) -> None:
    engine, reads = plans.services.registry.engine, []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        reads.extend(["assignments"] if "FROM plan_assignments" in statement else [])

    event.listen(engine, "before_cursor_execute", count)
    try:
        unit, items = plans.svc.tasks_of_first_unit(
            ["Văn phòng Đảng ủy phường Bạch Đằng", "Văn phòng Đảng ủy phường", "Văn phòng Đảng ủy"], VIEWER)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert reads == ["assignments"]
    assert unit == "Văn phòng Đảng ủy" and items == plans.svc.tasks_of_unit(unit, VIEWER) and len(items) >= 9
    assert plans.svc.tasks_of_first_unit(["Sở Du lịch tỉnh", "Sở Du lịch"], VIEWER) == ("", [])


def test_answering_api_gives_complete_cited_lists(plans: Plans) -> None:
    svc, ids = plans.svc, plans.ids
    duties = svc.tasks_of_unit("VP Đảng ủy", VIEWER)
    assert {i["doc_id"] for i in duties} == {ids["004"], ids["000"]} and len(duties) >= 9
    assert all(i["quote"] and i["quote"] == plans.services.registry.text_of(i["doc_id"])[i["start"]:i["end"]]
               for i in duties)
    q3 = svc.due_in("Quý III/2026", VIEWER)
    assert {i["task"][:20] for i in q3 if i["doc_id"] == ids["000"]} == {
        "Rà soát, chuẩn hóa c", "Rà soát, đầu tư, nân", "Xây dựng kho lưu trữ"}
    assert any(i["recurrence"] == "monthly" and i["due_in_period"] == "2026-07-20" for i in q3)
    assert svc.due_in("không rõ khi nào", VIEWER) == []
    signed = svc.targets_about("Chỉ tiêu văn bản không mật được ký số là bao nhiêu?", VIEWER)
    assert signed[0]["value"] == "100%" and signed[0]["indicator"].startswith("100% văn bản không mật")


# ---------------------------------------------------------------- compare, rebuild


def test_compare_lists_matches_missing_and_later(plans: Plans) -> None:
    found = plans.svc.compare(VIEWER, plans.ids["hi01"], plans.ids["ext05"])
    assert found["higher"]["doc_number"] == "57-NQ/TW" and found["lower"]["issuer"] == "Đảng đoàn Quốc hội"
    given = next(m for m in found["matches"] if m["higher"]["task"].startswith("Đảng đoàn Quốc hội lãnh đạo"))
    assert len(given["lower"]) >= 10 and given["lower"] == sorted(given["lower"], key=lambda lo: -lo["score"])
    assert any(h["task"].startswith("Ban Tuyên giáo Trung ương chủ trì") for h in found["missing"])
    with pytest.raises(PlanError):
        plans.svc.compare(VIEWER, plans.ids["hi01"], plans.ids["hi01"])


def test_rebuild_reads_the_plan_again_from_the_stored_text(plans: Plans) -> None:
    before = len(plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["004"])))
    PlanStore(plans.services.registry).replace(plans.ids["004"], {})
    assert plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["004"])) == []
    assert plans.svc.rebuild([plans.ids["004"]]) == 1
    assert len(plans.svc.all_assignments(ADMIN, Filters(doc_id=plans.ids["004"]))) == before


# ---------------------------------------------------------------- the full ingest path


PLAN_V1 = """KẾ HOẠCH
chuyển đổi số năm 2026

I. NHIỆM VỤ
STT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian
1\tRà soát hạ tầng mạng\tVăn phòng Đảng ủy\tUBND xã\tQuý III/2026
2\tTập huấn kỹ năng số\tUBND xã\tCác chi bộ\tQuý IV/2026

II. TỔ CHỨC THỰC HIỆN
1. Các chi bộ
- Định kỳ trước ngày 20 hằng tháng, báo cáo kết quả thực hiện về Văn phòng Đảng ủy.
"""


def test_ingest_stores_the_plan_keeps_tracking_across_versions_and_delete_takes_it(tmp_path: Path) -> None:
    services = Services(make_settings(tmp_path / "data", plan=PlanSettings(due_soon_days=7)))
    try:
        path = tmp_path / "ke-hoach.txt"
        path.write_text(PLAN_V1, encoding="utf-8")
        first = services.ingest.ingest_file(path, classification="public")
        svc = services.assignments
        items = svc.all_assignments(ADMIN)
        assert [(i["task"], i["lead_units"], i["due_end"]) for i in items] == [
            ("Rà soát hạ tầng mạng", ["Văn phòng Đảng ủy"], "2026-09-30"),
            ("Tập huấn kỹ năng số", ["UBND xã"], "2026-12-31"),
            ("Định kỳ trước ngày 20 hằng tháng, báo cáo kết quả thực hiện về Văn phòng Đảng ủy", ["Các chi bộ"], None)]
        assert [d["recipient"] for d in svc.duties(ADMIN)] == [["Văn phòng Đảng ủy"]]
        svc.update(ADMIN, items[0]["id"], status="đang thực hiện", note="đã khảo sát")

        path.write_text(PLAN_V1.replace("Quý IV/2026", "Quý I/2027"), encoding="utf-8")  # a new version
        second = services.ingest.ingest_file(path, classification="public")
        assert second.status == "replaced" and second.doc_id != first.doc_id
        again = svc.all_assignments(ADMIN)
        assert {i["doc_id"] for i in again} == {second.doc_id} and again[1]["due_end"] == "2027-03-31"
        assert (again[0]["status"], again[0]["note"]) == ("đang thực hiện", "đã khảo sát")  # same task, same tracking
        assert [h["status"] for h in svc.history(ADMIN, again[0]["id"])] == ["đang thực hiện"]

        services.ingest.delete(second.doc_id)
        assert svc.all_assignments(ADMIN, Filters(include_items=True)) == [] and svc.duties(ADMIN) == []
        assert PlanStore(services.registry).targets([second.doc_id]) == []
    finally:
        services.close()
