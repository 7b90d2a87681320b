"""Stage 7 — the plan model: assignments in every source form with units as lists and normalized timing,
targets, reporting duties; every span exact, on small cases and on every real plan of both folders."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.facts import extract_tasks
from ingest.load import load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_prepare_pipeline, prepare
from ingest.plan import Assignment, Plan, extract_plan
from ingest.structure import parse_structure

SHARED = Path(__file__).resolve().parents[3] / "shared"
PLANS = sorted([*SHARED.glob("corpus/0*.txt"), *SHARED.glob("corpus-ext/*.txt")])


def plan_of(text: str, issued: str = "2025-11-17") -> Plan:
    blocks = parse_structure(text)
    return extract_plan(text, blocks, extract_tasks(text, blocks), issued)


def assigned(text: str) -> list[Assignment]:
    return [a for a in plan_of(text)["assignments"] if a["kind"] == "assigned"]


@cache
def real(name: str) -> tuple[str, Plan]:
    path = next(p for p in PLANS if p.name == name)
    doc = prepare(build_prepare_pipeline(), load_document(path, 50 * 1024 * 1024))
    return doc.text, doc.metadata[META_PLAN]


# ---------------------------------------------------------------- source forms


def test_table_row_with_unit_lists_and_quarter() -> None:
    text = ("V. LỘ TRÌNH\nSTT\tNội dung công việc\tThời gian thực hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\n"
            "1\tRà soát hạ tầng mạng\tQuý III/2026\tVăn phòng Đảng ủy\tBan Xây dựng Đảng, các cơ quan, đơn vị có liên quan")
    (a,) = assigned(text)
    assert (a["source"], a["task"]["text"], a["lead"], a["co"]) == (
        "table_row", "Rà soát hạ tầng mạng", ["Văn phòng Đảng ủy"],
        ["Ban Xây dựng Đảng", "các cơ quan, đơn vị có liên quan"])
    assert (a["due_start"], a["due_end"], a["recurrence"]) == ("2026-07-01", "2026-09-30", "none")


def test_roadmap_table_under_a_quarter_heading_takes_that_quarter() -> None:
    text = ("PHỤ LỤC\n2. Quý II (04 - 06/2026)\nSTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tPhối hợp\tSản phẩm/Chỉ tiêu\n"
            "1\tThực hiện số hóa hồ sơ, tài liệu giai đoạn 1\tVP Đảng ủy\tUBND xã\tĐạt tối thiểu 40%")
    (a,) = assigned(text)
    assert (a["timing"]["text"], a["due_start"], a["due_end"]) == ("Quý II (04 - 06/2026)", "2026-04-01", "2026-06-30")
    (t,) = plan_of(text)["targets"]
    assert (t["comparator"], t["number"], t["measure"], t["lead"], t["due_end"]) == (
        "≥", 40.0, "%", ["VP Đảng ủy"], "2026-06-30")


def test_fields_under_a_numbered_item_named_by_that_item() -> None:
    text = ("II. NỘI DUNG\n1. Tổ chức tập huấn chuyên sâu\n- Cơ quan chủ trì: Bộ Công an.\n"
            "- Thời gian thực hiện: năm 2025 và các năm tiếp theo.\n"
            "3. Biên soạn tài liệu phục vụ công tác phổ biến Luật\n- Cơ quan thực hiện: Bộ Công an.\n"
            "- Thời gian thực hiện: năm 2026 - 2027.")
    first, second = assigned(text)
    assert first["task"]["text"] == "Tổ chức tập huấn chuyên sâu"
    assert (first["due_start"], first["due_end"], first["recurrence"]) == ("2025-01-01", None, "continuous")
    assert (second["task"]["text"], second["lead"]) == ("Biên soạn tài liệu phục vụ công tác phổ biến Luật",
                                                        ["Bộ Công an"])
    assert (second["due_start"], second["due_end"]) == ("2026-01-01", "2027-12-31")


def test_fields_with_content_label_keep_the_title_as_task() -> None:
    text = ("II. NỘI DUNG\n5. Xây dựng Nghị định của Chính phủ\n- Nghị định quy định chi tiết một số điều Luật\n"
            "+ Nội dung: quy định chi tiết khoản 2 Điều 2.\n+ Cơ quan chủ trì: Bộ Công an.\n"
            "+ Cơ quan phối hợp: Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan.\n"
            "+ Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.")
    (a,) = assigned(text)
    assert a["task"]["text"] == "Nghị định quy định chi tiết một số điều Luật"
    assert a["fields"]["note"]["text"] == "quy định chi tiết khoản 2 Điều 2"
    assert a["co"] == ["Văn phòng Chính phủ", "Bộ Tư pháp", "các cơ quan có liên quan"]
    assert (a["due_start"], a["due_end"]) == (None, "2026-01-01")


def test_unit_duties_with_co_units_and_recurring_deadline() -> None:
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ, Sở Nội vụ\n"
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ và các đơn vị có liên quan tổ chức đào tạo.\n\n"
            "2. Các chi bộ, đảng bộ trực thuộc\n- Xây dựng kế hoạch triển khai phù hợp với điều kiện thực tế.\n"
            "- Định kỳ trước ngày 20 hằng tháng, báo cáo kết quả thực hiện về Văn phòng Đảng ủy.")
    first, second, third = assigned(text)
    assert (first["lead"], first["co"]) == (["Sở Khoa học và Công nghệ"], ["Sở Nội vụ", "các đơn vị có liên quan"])
    assert second["lead"] == third["lead"] == ["Các chi bộ, đảng bộ trực thuộc"]
    assert (third["recurrence"], third["day"], third["due_end"]) == ("monthly", 20, None)
    (duty,) = plan_of(text)["duties"]
    assert (duty["reporter"], duty["recipient"], duty["what"]["text"], duty["recurrence"], duty["day"]) == (
        ["Các chi bộ, đảng bộ trực thuộc"], ["Văn phòng Đảng ủy"], "kết quả thực hiện", "monthly", 20)


def test_inline_sentence_and_subject_items() -> None:
    text = ("III. GIẢI PHÁP\n- UBND phường có trách nhiệm tham mưu bố trí đủ kinh phí.\n"
            "- Bộ trưởng Bộ Công an có trách nhiệm giúp Thủ tướng Chính phủ theo dõi, kiểm tra.\n"
            "- Các cấp ủy, tổ chức đảng, cơ quan, đơn vị đưa nội dung chuyển đổi số vào chương trình công tác hằng năm.\n"
            "Giao Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành của tỉnh triển khai thực hiện, hoàn thành "
            "trước ngày 15/12/2025.")
    leads = [(a["lead"], a["recurrence"], a["due_end"]) for a in assigned(text)]
    assert leads == [(["UBND phường"], "none", None), (["Bộ Công an"], "none", None),
                     (["Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"], "yearly", None),
                     (["Sở Công Thương"], "none", "2025-12-15")]


def test_headings_that_name_a_topic_or_frame_assign_nothing() -> None:
    text = ("I. MỤC ĐÍCH, YÊU CẦU\n- Các cơ quan, đơn vị có trách nhiệm triển khai nghiêm túc.\n"
            "II. NHIỆM VỤ\n1. Công tác lãnh đạo, chỉ đạo\n- Kiện toàn Ban Chỉ đạo chuyển đổi số.\n"
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Sở Y tế.")
    plan = plan_of(text)
    assert [a["kind"] for a in plan["assignments"]] == ["item"]  # the task with no unit, for comparisons
    (duty,) = plan["duties"]
    assert (duty["source"], duty["recipient"]) == ("closing", ["Sở Y tế"])


# ---------------------------------------------------------------- timing forms


@pytest.mark.parametrize(
    ("timing", "start", "end", "recurrence", "day"),
    [
        ("Quý III/2026", "2026-07-01", "2026-09-30", "none", None),
        ("trước ngày 15/12/2025", None, "2025-12-15", "none", None),
        ("6/2025", "2025-06-01", "2025-06-30", "none", None),
        ("2026–2027", "2026-01-01", "2027-12-31", "none", None),
        ("Hằng năm", None, None, "yearly", None),
        ("Thường xuyên", None, None, "continuous", None),
        ("trước ngày 15 hằng tháng", None, None, "monthly", 15),
        ("hoàn thành trong tháng 11/2025", "2025-11-01", "2025-11-30", "none", None),
        ("năm 2025 và các năm tiếp theo", "2025-01-01", None, "continuous", None),
        ("Theo tiến độ được giao của Luật An ninh mạng 2025", None, None, "none", None),
        ("Ngay sau khi kế hoạch được ban hành", None, None, "none", None),
    ],
)
def test_timing_forms_in_a_table(timing: str, start: str | None, end: str | None, recurrence: str,
                                 day: int | None) -> None:
    text = f"V. LỘ TRÌNH\nSTT\tNội dung\tThời gian\tĐơn vị chủ trì\n1\tRà soát hạ tầng\t{timing}\tSở Y tế"
    (a,) = assigned(text)
    assert (a["due_start"], a["due_end"], a["recurrence"], a["day"]) == (start, end, recurrence, day)


def test_a_cited_document_date_is_no_deadline() -> None:
    text = ("II. NHIỆM VỤ\n- Các cấp ủy, tổ chức đảng tập trung quán triệt Nghị quyết số 57-NQ/TW, ngày 22/12/2024 "
            "của Bộ Chính trị.")
    (a,) = assigned(text)
    assert (a["timing"], a["due_end"]) == (None, None)


# ---------------------------------------------------------------- targets


def test_goal_clauses_give_targets_with_comparators_and_the_heading_period() -> None:
    text = ("II. MỤC TIÊU\n1. Mục tiêu đến hết năm 2026\n- 100% văn bản không mật được ký số; tối thiểu 95% hồ sơ "
            "được xử lý trên môi trường điện tử.\n- Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ lệ trẻ em dưới "
            "15 tuổi đạt khoảng 22%.")
    got = [(t["value"]["text"], t["comparator"], t["number"], t["measure"], t["due_end"]) for t in plan_of(text)["targets"]]
    assert got == [("100%", "=", 100.0, "%", "2026-12-31"), ("tối thiểu 95%", "≥", 95.0, "%", "2026-12-31"),
                   ("2,1 con/phụ nữ", "=", 2.1, "con/phụ nữ", "2026-12-31"),
                   ("khoảng 22%", "~", 22.0, "%", "2026-12-31")]


def test_indicator_table_one_target_per_period_column() -> None:
    text, plan = real("ext10.txt")
    coffee = [t for t in plan["targets"] if t["source"] == "table" and t["indicator"]["text"] == "Diện tích"][:6]
    assert [(t["period"], t["number"], t["measure"]) for t in coffee[:2]] == [
        ("GIAI ĐOẠN 2026 - 2030 - Năm 2026", 27000.0, "Ha"), ("GIAI ĐOẠN 2026 - 2030 - Năm 2027", 27500.0, "Ha")]


def test_indicator_table_with_a_group_row_period_and_units() -> None:
    _, plan = real("ext06.txt")
    tfp = next(t for t in plan["targets"] if t["indicator"]["text"].startswith("Tỉ lệ đóng góp của năng suất"))
    assert (tfp["comparator"], tfp["number"], tfp["measure"], tfp["due_end"], tfp["lead"]) == (
        "≥", 55.0, "%", "2030-12-31", ["Bộ Kế hoạch và Đầu tư"])


# ---------------------------------------------------------------- on every real plan


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_span_of_the_plan_model_is_exact(path: Path) -> None:
    text, plan = real(path.name)
    assert plan["assignments"], path.name
    for a in plan["assignments"]:
        for f in (a["task"], *a["fields"].values()):
            assert text[f["start"]:f["end"]] == f["text"] and f["text"]
        assert a["start"] <= a["task"]["start"] and a["task"]["end"] <= a["end"]
    for t in plan["targets"]:
        for f in (t["indicator"], t["value"]):
            assert text[f["start"]:f["end"]] == f["text"]
    for d in plan["duties"]:
        for f in (d["what"], d["timing"], d["recipient_field"]):
            assert f is None or text[f["start"]:f["end"]] == f["text"]


def test_real_plans_read_right() -> None:
    _, ext04 = real("ext04.txt")
    review = next(a for a in ext04["assignments"] if a["task"]["text"] == "Rà soát văn bản quy phạm pháp luật")
    assert review["lead"] == ["Bộ Công an", "các bộ, cơ quan ngang bộ",
                              "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert review["due_end"] == "2025-12-31"
    _, ext09 = real("ext09.txt")
    assert {u for a in ext09["assignments"] for u in a["lead"]} >= {
        "Sở Y tế", "Ủy ban nhân dân xã, phường", "Sở, ban, ngành liên quan", "Báo và Phát thanh, Truyền hình Cần Thơ"}
    _, hi01 = real("hi01.txt")
    assert not any(a["task"]["text"].startswith(("Nâng cao nhận thức, đột phá", "Nghị quyết này phổ biến"))
                   for a in hi01["assignments"])  # group titles and the closing formula are no tasks


def test_the_standing_reporting_regime_is_a_duty_without_recipient_or_date() -> None:
    text = ("VI. TỔ CHỨC THỰC HIỆN\n2. Ban Xây dựng Đảng\n- Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất theo "
            "quy định; kịp thời phản ánh khó khăn.\n- Xây dựng báo cáo chuyên đề về chuyển đổi số.")
    (duty,) = plan_of(text)["duties"]
    assert duty["reporter"] == ["Ban Xây dựng Đảng"] and duty["recipient"] == [] and duty["recurrence"] == "none"
    assert text[duty["start"]:duty["end"]].startswith("Thực hiện chế độ thông tin, báo cáo định kỳ")


def test_a_group_heading_qualified_by_its_field_owns_the_items_under_it() -> None:
    text = ("V. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Chủ trì xây dựng hệ thống thông tin.\n"
            "2. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics trên địa bàn Tỉnh\n"
            "- Chủ động phối hợp triển khai các giải pháp số.\n- Đề xuất sáng kiến, giải pháp công nghệ.")
    leads = [a["lead"] for a in assigned(text)]
    group = "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics trên địa bàn Tỉnh"
    assert leads == [["Sở Xây dựng"], [group], [group]]
