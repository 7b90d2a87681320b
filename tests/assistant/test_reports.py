"""Report drafts on real plans in a real registry: every task of a unit due in the period appears (counted against
the hand-written assignments gold), every claim cites an exact quote the verifier accepts, results come only from
the tracking board or a report the reader may read, and placeholders stand where nothing supports a result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from plan_support import SHARED, register

from assistant.components.registry import Registry
from assistant.domain import TRACKING_DOC_PREFIX, Citation
from assistant.services.access import Principal
from assistant.services.assignments import AssignmentService, Filters, NotFound
from assistant.services.reports import (
    RESULT_PLACEHOLDER,
    UNVERIFIED_PLACEHOLDER,
    ReportError,
    ReportRequest,
    ReportService,
    _Builder,
)
from assistant.services.verify import supported
from bench.report_bench import gold_due
from eval.assignments_eval import find_anchor

VP = "Văn phòng Đảng ủy"
PLAN_000 = "corpus/000_90c218f1079af509.txt"
ADMIN = Principal("quantri", "admin", "restricted")
REPORT_TEXT = """ĐẢNG BỘ XÃ
VĂN PHÒNG ĐẢNG ỦY
*
Số 12-BC/VPĐU

ĐẢNG CỘNG SẢN VIỆT NAM
ngày 20 tháng 9 năm 2026

BÁO CÁO
Kết quả thực hiện Kế hoạch chuyển đổi số Quý III năm 2026

I. KẾT QUẢ

1. Văn phòng Đảng ủy đã hoàn thành xây dựng kho lưu trữ điện tử dùng chung trong ngành Tổ chức xây dựng Đảng của xã, đưa vào sử dụng từ ngày 15/9/2026 với 1.250 hồ sơ.

2. Hội nghị sơ kết được tổ chức đúng kế hoạch.
"""


@dataclass
class Plans:
    registry: Registry
    service: ReportService
    ids: dict[str, str]


@pytest.fixture()
def plans() -> Iterator[Plans]:
    registry = Registry("sqlite://")
    ids = {"000": register(registry, SHARED / PLAN_000), "ext03": register(registry, SHARED / "corpus-ext/ext03.txt")}
    assignments = AssignmentService(registry, clock=lambda: dt.date(2026, 10, 5))
    yield Plans(registry, ReportService(registry, assignments, clock=lambda: dt.date(2026, 10, 5)), ids)


def claims(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in draft["statements"] if s["kind"] in ("requirement", "result")]


def assert_every_claim_verified(registry: Registry, draft: dict[str, Any]) -> None:
    for s in claims(draft):
        assert s["citations"], s
        for c in s["citations"]:
            if not c["doc_id"].startswith(TRACKING_DOC_PREFIX):
                assert registry.text_of(c["doc_id"])[c["start"]:c["end"]] == c["quote"]
        assert supported(s["text"], " ".join(c["quote"] for c in s["citations"])), s["text"]


def test_progress_draft_lists_every_task_due_and_cites_each_part(plans: Plans) -> None:
    draft = plans.service.draft(None, ReportRequest("tien-do", plans.ids["000"], VP, "2026"), "cli")
    text = plans.registry.text_of(plans.ids["000"])
    headings = [s["text"] for s in draft["statements"] if s["kind"] == "heading" and s["level"] == 1]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]
    assert headings[1] == "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
    spans = [(c["start"], c["end"]) for s in claims(draft) for c in s["citations"]]
    gold = gold_due(PLAN_000.split("/")[-1], VP, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert len(gold) == 2
    for g in gold:
        at = find_anchor(text, g["anchor"], g["occurrence"])
        assert at is not None and any(a <= at < b for a, b in spans), g["anchor"]
    assert_every_claim_verified(plans.registry, draft)
    tasks = [s for s in draft["statements"] if s["text"].startswith("Nhiệm vụ: Xây dựng kho lưu trữ điện tử")]
    assert tasks and tasks[0]["label"].endswith(".")
    assert any(s["text"] == "Thời hạn: Quý III/2026." for s in draft["statements"])
    # no result is recorded anywhere: every task shows the placeholder, no result is stated
    assert draft["stats"]["results"] == 0 and not [s for s in draft["statements"] if s["kind"] == "result"]
    assert sum(s["text"] == f"Kết quả: {RESULT_PLACEHOLDER}" for s in draft["statements"]) == \
        draft["stats"]["tasks_due"] + draft["stats"]["tasks_ongoing"]
    assert draft["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "năm 2026"}
    header = draft["header"]
    assert header["body"] == "party" and header["issuer"] == "VĂN PHÒNG ĐẢNG ỦY" and header["number_line"].startswith("Số")
    assert "Ban Thường vụ Đảng ủy" in header["recipients"]


def test_a_report_in_the_registry_is_cited_as_the_result(plans: Plans) -> None:
    report = register(plans.registry, SHARED / PLAN_000, "internal", [VP], source="bc-q3.txt", text=REPORT_TEXT)
    draft = plans.service.draft(None, ReportRequest("tien-do", plans.ids["000"], VP, "2026-Q3"), "cli")
    results = [s for s in draft["statements"] if s["kind"] == "result"]
    assert len(results) == 1 and "1.250 hồ sơ" in results[0]["text"]
    assert results[0]["citations"][0]["doc_id"] == report
    assert_every_claim_verified(plans.registry, draft)
    # the sentence that matches no task is never stated
    assert not any("Hội nghị sơ kết" in s["text"] for s in draft["statements"])
    # a reader who may not read the report gets the placeholder instead
    viewer = Principal("xem", "viewer", "public")
    hidden = plans.service.draft(viewer, ReportRequest("tien-do", plans.ids["000"], VP, "2026-Q3"), "xem")
    assert not [s for s in hidden["statements"] if s["kind"] == "result"]
    assert report not in {c["doc_id"] for s in hidden["statements"] for c in s["citations"]}


def test_tracking_board_results_cite_who_recorded_them(plans: Plans) -> None:
    item = next(i for i in plans.service.assignments.all_assignments(None) if i["doc_id"] == plans.ids["000"]
                and i["task"].startswith("Xây dựng kho lưu trữ"))
    plans.service.assignments.update(ADMIN, item["id"], "vướng mắc", "Thiếu 2 máy chủ lưu trữ",
                                     at=dt.datetime(2026, 9, 28, 8, 0, tzinfo=dt.UTC))
    draft = plans.service.draft(None, ReportRequest("tien-do", plans.ids["000"], VP, "2026-Q3"), "cli")
    said = [s for s in draft["statements"] if s["kind"] == "result"]
    assert said and all("vướng mắc; Thiếu 2 máy chủ lưu trữ (quantri cập nhật ngày 28/09/2026)" in s["text"]
                        for s in said)
    assert len(said) == 2  # its result in II, and again under III (hạn chế, khó khăn)
    cite = said[0]["citations"][0]
    assert cite["doc_id"] == TRACKING_DOC_PREFIX + item["id"] and "quantri" in cite["quote"]
    assert_every_claim_verified(plans.registry, draft)


def test_kinds_periods_and_briefs(plans: Plans) -> None:
    brief = plans.service.draft(None, ReportRequest("tom-tat", plans.ids["ext03"], "Sở Tài chính"), "cli")
    assert brief["period"]["start"] is None and brief["header"]["kind_title"] == "TÓM TẮT"
    assert brief["header"]["body"] == "state" and brief["stats"]["tasks_due"] >= 20
    assert_every_claim_verified(plans.registry, brief)
    assert not [s for s in brief["statements"] if s["kind"] == "placeholder" and s["text"] == UNVERIFIED_PLACEHOLDER]
    so_ket = plans.service.draft(None, ReportRequest("so-ket", plans.ids["ext03"], None, None), "cli")
    assert so_ket["period"]["end"] == "2026-10-05" and so_ket["header"]["subject"].startswith("Sơ kết")
    default = plans.service.draft(None, ReportRequest("tien-do", plans.ids["ext03"]), "cli")
    assert default["period"]["label"] == "Quý IV/2026"
    with pytest.raises(ReportError, match="Không hiểu kỳ báo cáo"):
        plans.service.draft(None, ReportRequest("tien-do", plans.ids["ext03"], None, "quý sau"))
    with pytest.raises(ReportError, match="Loại báo cáo"):
        plans.service.draft(None, ReportRequest("bien-ban", plans.ids["ext03"]))
    with pytest.raises(NotFound):
        plans.service.draft(Principal("xem", "viewer", "public"), ReportRequest("tien-do", "khong-co"))


def test_drafts_are_stored_for_their_author_and_admins(plans: Plans) -> None:
    author = Principal("bientap", "editor", "internal")
    draft = plans.service.draft(author, ReportRequest("tien-do", plans.ids["000"], VP, "2026"), author.name)
    assert plans.service.get(author, draft["id"])["statements"] == draft["statements"]
    assert plans.service.get(ADMIN, draft["id"])["id"] == draft["id"]
    with pytest.raises(NotFound):
        plans.service.get(Principal("khac", "editor", "internal"), draft["id"])
    assert [d["id"] for d in plans.service.list(author)] == [draft["id"]]
    assert plans.service.list(Principal("khac", "viewer", "public")) == []


def test_a_claim_the_quote_does_not_support_becomes_a_placeholder() -> None:
    text = "Hoàn thành trước ngày 30/6/2026."
    b = _Builder(lambda _doc: text)
    cite = b.cite("d", "plan.txt", "Kế hoạch", "", "", 0, len(text))
    assert b.claim("requirement", "Thời hạn: trước ngày 30/6/2026.", [cite])
    assert not b.claim("requirement", "Thời hạn: trước ngày 30/9/2026.", [cite])
    assert not b.claim("requirement", "Thời hạn: Quý II/2026.", [Citation(**{**cite.model_dump(), "quote": "khác"})])
    assert [s["kind"] for s in b.statements] == ["requirement", "placeholder", "placeholder"]
    assert b.unverified == 2 and b.statements[1]["text"] == UNVERIFIED_PLACEHOLDER


RECURRING_PLAN = """KẾ HOẠCH
chuyển đổi số năm 2026

I. NHIỆM VỤ
STT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian
1\tRà soát hạ tầng mạng\tVăn phòng Đảng ủy\tUBND xã\tTrước ngày 20/02/2026
2\tBáo cáo tiến độ chuyển đổi số\tVăn phòng Đảng ủy\tCác chi bộ\tTrước ngày 15 hằng tháng
3\tĐánh giá mức độ chuyển đổi số\tVăn phòng Đảng ủy\tUBND xã\tHằng quý
4\tCập nhật dữ liệu đảng viên\tVăn phòng Đảng ủy\tCác chi bộ\tHằng tháng trong năm 2025
"""


def test_so_ket_over_a_period_dates_recurring_tasks_inside_it(plans: Plans) -> None:
    plan = register(plans.registry, SHARED / PLAN_000, source="kh-dinh-ky.txt", text=RECURRING_PLAN)
    task = {i["task"]: i["id"] for i in plans.service.assignments.all_assignments(None, Filters(doc_id=plan))}
    draft = plans.service.draft(None, ReportRequest("so-ket", plan, VP, "2026-02-10..2026-05-20"), "cli")
    assert draft["period"]["label"] == "từ ngày 10/02/2026 đến ngày 20/05/2026"
    # each recurring task at its first occurrence inside the period, the one-off at its deadline, in date order
    assert draft["stats"]["due_in_period"] == {task["Báo cáo tiến độ chuyển đổi số"]: "2026-02-15",
                                               task["Rà soát hạ tầng mạng"]: "2026-02-20",
                                               task["Đánh giá mức độ chuyển đổi số"]: "2026-03-31"}
    assert draft["stats"]["task_ids"][:3] == [task["Báo cáo tiến độ chuyển đổi số"], task["Rà soát hạ tầng mạng"],
                                              task["Đánh giá mức độ chuyển đổi số"]]
    # the monthly task of 2025 has ended: listed as due before the period, not in it
    assert draft["stats"]["tasks_due"] == 3 and draft["stats"]["tasks_ongoing"] == 1
    # the next period (21/05 to 28/08/2026): the 15 June report and the June quarter
    assert draft["stats"]["tasks_next"] == 2
    assert "(từ ngày 21/05/2026 đến ngày 28/08/2026): 2]" in " ".join(s["text"] for s in draft["statements"])
    assert_every_claim_verified(plans.registry, draft)


def test_a_deadline_without_a_start_dates_recurring_tasks_from_today(plans: Plans) -> None:
    plan = register(plans.registry, SHARED / PLAN_000, source="kh-dinh-ky.txt", text=RECURRING_PLAN)
    due = {i["task"]: i["due_in_period"] for i in plans.service.assignments.due_in("trước ngày 31/12/2026", None)
           if i["doc_id"] == plan}
    # today is 05/10/2026: the next report on the 15th, the quarter's end; the one-off deadline already passed
    assert due == {"Rà soát hạ tầng mạng": "2026-02-20", "Báo cáo tiến độ chuyển đổi số": "2026-10-15",
                   "Đánh giá mức độ chuyển đổi số": "2026-12-31"}
