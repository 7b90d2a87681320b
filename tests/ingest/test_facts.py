"""Stage 6 — facts: tasks in every form plans write them, with exact spans, on real plans and small cases."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.facts import Task, extract_tasks
from ingest.normalize import normalize_with_hints
from ingest.structure import parse_structure

SHARED = Path(__file__).resolve().parents[3] / "shared"


def tasks_of(text: str) -> list[Task]:
    return extract_tasks(text, parse_structure(text))


@cache
def file_tasks(path: str) -> tuple[str, list[Task]]:
    text, _, hints = normalize_with_hints((SHARED / path).read_text(encoding="utf-8"))
    return text, extract_tasks(text, parse_structure(text, hints))


def values(task: Task) -> dict[str, str]:
    return {role: f["text"] for role, f in task["fields"].items()}


def test_fields_one_per_line_under_a_numbered_task() -> None:
    text = ("II. NHIỆM VỤ\n1.1. Xây dựng kho dữ liệu dùng chung\na) Nhiệm vụ: Rà soát, hoàn thiện kho dữ liệu.\n"
            "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Tư pháp.\n- Đơn vị phối hợp: Sở Nội vụ, Công an tỉnh.\n"
            "c) Thời gian thực hiện: Quý IV/2025.\n1.2. Đào tạo\na) Nhiệm vụ: Mở lớp tập huấn.\n"
            "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Nội vụ.\nc) Thời gian thực hiện: Hằng năm.")
    tasks = tasks_of(text)
    assert [values(t) for t in tasks] == [
        {"task": "Rà soát, hoàn thiện kho dữ liệu", "lead": "Sở Tư pháp", "co": "Sở Nội vụ, Công an tỉnh",
         "timing": "Quý IV/2025"},
        {"task": "Mở lớp tập huấn", "lead": "Sở Nội vụ", "timing": "Hằng năm"},
    ]
    assert all(t["source"] == "fields" for t in tasks)


def test_fields_run_together_and_the_heading_names_the_task() -> None:
    text = "II. NỘI DUNG\n5. Xây dựng Nghị định của Chính phủ\nCơ quan chủ trì: Bộ Công an; Thời hạn: năm 2026."
    (task,) = tasks_of(text)
    assert values(task) == {"task": "Xây dựng Nghị định của Chính phủ", "lead": "Bộ Công an", "timing": "năm 2026"}


def test_tasks_titled_nhiem_vu_n_with_a_wrapped_field() -> None:
    """'Nhiệm vụ 3: …' titles each task (commas and all); a value ending in ';' goes on to the next line, and the
    fields after it stay with their task."""
    text = ("I. NHIỆM VỤ CỤ THỂ\n"
            "Nhiệm vụ 1: Rà soát hiện trạng nguồn nước, xây dựng kịch bản ứng phó\n"
            "Rà soát trữ lượng các nguồn nước.\n- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.\n"
            "- Thời gian hoàn thành: Tháng 5/2026.\n"
            "Nhiệm vụ 2: Nạo vét kênh dẫn, ao hồ trữ nước ngọt\n"
            "Nạo vét 42 tuyến kênh dẫn nước ngọt.\n- Cơ quan chủ trì: Ủy ban nhân dân các huyện.\n"
            "- Cơ quan phối hợp: Công ty Khai thác công trình thủy lợi;\nSở Nông nghiệp và Môi trường.\n"
            "- Thời gian hoàn thành: Trước ngày 31/12/2026.\n- Kinh phí: 48,7 tỷ đồng.")
    tasks = tasks_of(text)
    assert [values(t) for t in tasks] == [
        {"task": "Rà soát trữ lượng các nguồn nước", "lead": "Sở Nông nghiệp và Môi trường",
         "timing": "Tháng 5/2026"},
        {"task": "Nạo vét 42 tuyến kênh dẫn nước ngọt", "lead": "Ủy ban nhân dân các huyện",
         "co": "Công ty Khai thác công trình thủy lợi;\nSở Nông nghiệp và Môi trường",
         "timing": "Trước ngày 31/12/2026", "funding": "48,7 tỷ đồng"},
    ]
    assert [t["section"].split(" > ")[-1] for t in tasks] == [
        "Nhiệm vụ 1: Rà soát hiện trạng nguồn nước, xây dựng kịch bản ứng phó",
        "Nhiệm vụ 2: Nạo vét kênh dẫn, ao hồ trữ nước ngọt"]


def test_an_item_then_a_line_assigning_it_in_a_sentence() -> None:
    """'- <task>' then 'Phân công: X chủ trì, phối hợp Y. Thời gian: …': the lead and co-units are the sentence's."""
    text = ("1. Tăng cường sự lãnh đạo của Đảng\n\n- Tổ chức quán triệt Nghị quyết đến 100% đảng viên.\n\n"
            "Phân công: Ban Xây dựng Đảng chủ trì, phối hợp Văn phòng Đảng ủy và các chi bộ. Thời gian: Quý II/2026.\n\n"
            "- Xây dựng mô hình thôn kiểu mẫu.\n\nPhân công: Văn phòng Đảng ủy tham mưu. Thời gian: tháng 4/2026.\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"task": "Tổ chức quán triệt Nghị quyết đến 100% đảng viên", "lead": "Ban Xây dựng Đảng",
         "co": "Văn phòng Đảng ủy và các chi bộ", "timing": "Quý II/2026"},
        {"task": "Xây dựng mô hình thôn kiểu mẫu", "lead": "Văn phòng Đảng ủy tham mưu", "timing": "tháng 4/2026"},
    ]


def test_an_item_assigned_in_its_closing_bracket() -> None:
    """'a) <task> (X chủ trì, phối hợp Y; thời gian: Z).': the task is what the bracket follows, without its marker;
    a sentence does not end inside the bracket nor at the dot of '5.000'."""
    text = ("2. Nhiệm vụ cụ thể\na) Bố trí quỹ đất xây dựng trụ sở, diện tích tối thiểu 5.000 m2/đội (Sở Nông nghiệp và "
            "Môi trường chủ trì, phối hợp Ủy ban nhân dân các xã; thời gian: Quý IV/2026).\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"task": "Bố trí quỹ đất xây dựng trụ sở, diện tích tối thiểu 5.000 m2/đội", "lead": "Sở Nông nghiệp và Môi trường",
         "co": "Ủy ban nhân dân các xã", "timing": "Quý IV/2026"}]


def test_records_numbered_stt_one_field_per_line() -> None:
    """An annex a web page shows as records ("STT: 1" / "Nhiệm vụ: …" / "Cơ quan chủ trì: …"): the record's number
    opens it and names no task."""
    text = ("PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n\nSTT: 1\nNhiệm vụ: Ban hành Kế hoạch thực hiện\nCơ quan chủ trì: UBND huyện\n"
            "Thời gian: Trước ngày 30/4/2026\n\nSTT: 2\nNhiệm vụ: Kiểm tra chuyên đề\nCơ quan chủ trì: Ủy ban Kiểm tra "
            "Huyện ủy\nThời gian: Năm 2027\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"task": "Ban hành Kế hoạch thực hiện", "lead": "UBND huyện", "timing": "Trước ngày 30/4/2026"},
        {"task": "Kiểm tra chuyên đề", "lead": "Ủy ban Kiểm tra Huyện ủy", "timing": "Năm 2027"}]


def test_a_bracket_closing_an_item_assigns_all_of_it() -> None:
    """'3. Rà soát …; đề nghị cấp thẻ … (X chủ trì …).': no other sentence of the item assigns, so the bracket
    assigns the whole item, not only its last clause."""
    text = ("2. Nhiệm vụ cụ thể\n3. Rà soát người cao tuổi chưa có thẻ bảo hiểm y tế; đề nghị cấp thẻ cho người thuộc "
            "diện được ngân sách đóng (Công chức Văn hóa - Xã hội chủ trì, phối hợp Bảo hiểm xã hội cơ sở; thời gian: "
            "Quý I hằng năm).\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"task": "Rà soát người cao tuổi chưa có thẻ bảo hiểm y tế; đề nghị cấp thẻ cho người thuộc diện được ngân "
                 "sách đóng", "lead": "Công chức Văn hóa - Xã hội", "co": "Bảo hiểm xã hội cơ sở",
         "timing": "Quý I hằng năm"}]


def test_a_duty_under_a_group_names_its_lead_in_a_bracket() -> None:
    """'4. Các ban đảng Tỉnh ủy' / '- Tham mưu … (Ban Tổ chức chủ trì).': the bracket names which of the group leads."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n4. Các ban đảng Tỉnh ủy\n- Rà soát quy trình nghiệp vụ trên môi trường số.\n"
            "- Tham mưu triển khai phần mềm Sổ tay đảng viên điện tử (Ban Tổ chức chủ trì).\n")
    assert [(values(t)["lead"], values(t)["task"]) for t in tasks_of(text)] == [
        ("Các ban đảng Tỉnh ủy", "Rà soát quy trình nghiệp vụ trên môi trường số"),
        ("Ban Tổ chức", "Tham mưu triển khai phần mềm Sổ tay đảng viên điện tử"),
    ]


def test_a_title_after_a_value_ending_in_a_semicolon_is_the_next_task() -> None:
    text = ("I. NHIỆM VỤ\n1. Rà soát dữ liệu\n- Cơ quan chủ trì: Sở Tư pháp;\n- Thời gian: Tháng 5/2026;\n"
            "Xây dựng kho dữ liệu dùng chung\n- Cơ quan chủ trì: Sở Nội vụ;\n- Thời gian: Quý IV/2026.")
    assert [values(t).get("timing") for t in tasks_of(text)] == ["Tháng 5/2026", "Quý IV/2026"]


def test_a_unit_colon_duty_announcing_items_takes_them() -> None:
    """'1. Ban Tuyên giáo: chủ trì …, cụ thể:' then '+' items: the items are that duty's parts."""
    text = ("III. TỔ CHỨC THỰC HIỆN\n"
            "1. Ban Tuyên giáo Huyện ủy: chủ trì tuyên truyền về công tác phát triển đảng viên, cụ thể:\n"
            "+ Biên soạn tài liệu tuyên truyền;\n+ Mở chuyên mục trên Đài Truyền thanh huyện.\n"
            "2. Ủy ban Kiểm tra Huyện ủy: kiểm tra việc kết nạp đảng viên.")
    tasks = tasks_of(text)
    assert [(values(t)["lead"], values(t)["task"]) for t in tasks] == [
        ("Ban Tuyên giáo Huyện ủy", "chủ trì tuyên truyền về công tác phát triển đảng viên, cụ thể:\n"
                                    "+ Biên soạn tài liệu tuyên truyền;\n+ Mở chuyên mục trên Đài Truyền thanh huyện"),
        ("Ủy ban Kiểm tra Huyện ủy", "kiểm tra việc kết nạp đảng viên"),
    ]


def test_unit_duties_under_a_unit_heading_and_unit_colon_lines() -> None:
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đảng ủy\n- Chủ trì rà soát hạ tầng mạng.\n- Tổng hợp báo cáo "
            "hằng quý.\n2. Các chi bộ\n- Sở Y tế: chủ trì tổ chức tập huấn cho cán bộ.")
    tasks = tasks_of(text)
    assert [(t["source"], values(t)["lead"], values(t)["task"]) for t in tasks] == [
        ("unit_duties", "Văn phòng Đảng ủy", "Chủ trì rà soát hạ tầng mạng"),
        ("unit_duties", "Văn phòng Đảng ủy", "Tổng hợp báo cáo hằng quý"),
        ("unit_duties", "Sở Y tế", "chủ trì tổ chức tập huấn cho cán bộ"),
    ]


def test_sentences_of_an_item_then_a_sentence_assigning_them() -> None:
    """"<task>, hoàn thành …. Giao X chủ trì; Y phối hợp …": a Party programme states the work, then who does it;
    the task is the sentences before the assignment, its co-unit the clause after it."""
    text = ("1- Tăng cường sự lãnh đạo\n\n- Tổ chức hội nghị quán triệt Nghị quyết 07 đến 100% đảng viên, hoàn thành "
            "trước ngày 30/5/2026. Giao Ban Tuyên giáo và Dân vận Đảng ủy chủ trì; Văn phòng Đảng ủy phối hợp chuẩn "
            "bị tài liệu.\n\na- Rà soát quy hoạch chung xây dựng xã; hoàn thành trong năm 2026. Giao Ủy ban nhân dân "
            "xã chủ trì; Phòng Kinh tế xã tham mưu, phối hợp với Sở Xây dựng thẩm định.\n\n"
            "b- Giao Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trong quý II/2026.\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"task": "Tổ chức hội nghị quán triệt Nghị quyết 07 đến 100% đảng viên, hoàn thành trước ngày 30/5/2026",
         "lead": "Ban Tuyên giáo và Dân vận Đảng ủy", "co": "Văn phòng Đảng ủy", "timing": "hoàn thành trước ngày 30/5/2026"},
        {"task": "Rà soát quy hoạch chung xây dựng xã; hoàn thành trong năm 2026", "lead": "Ủy ban nhân dân xã",
         "co": "Phòng Kinh tế xã", "timing": "hoàn thành trong năm 2026"},
        {"task": "b- Giao Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trong quý II/2026", "lead": "Sở Tài chính",
         "timing": "hoàn thành trong quý II/2026"},  # the sentence that assigns states the work too: the task itself
    ]



def test_sentences_of_an_item_then_a_sentence_naming_who_leads_them() -> None:
    """"<task>. X chủ trì, phối hợp với Y thực hiện; <time>.": a state plan's item closes on the sentence assigning
    it; the task is the sentences before it, its co-units and its time the assignment's. A sentence that assigns and
    states work of its own ("… phối hợp với Y khảo sát, lập phương án") stays the task."""
    text = ("II. NHIỆM VỤ\n\n1. Xây dựng Chương trình tuyên truyền pháp luật về an toàn giao thông năm 2026. Phòng Văn "
            "hóa - Xã hội chủ trì, phối hợp với Công an phường và các tổ dân phố thực hiện; ban hành Chương trình "
            "trước ngày 28/02/2026.\n\n2. Nhân rộng mô hình “Cổng trường an toàn giao thông” tại 06 trường học. Đoàn "
            "Thanh niên phường chủ trì thực hiện thường xuyên.\n\n3. Rà soát 03 điểm tiềm ẩn nguy cơ tai nạn. Phòng "
            "Kinh tế chủ trì, phối hợp với Công an phường khảo sát, lập phương án.\n")
    found = [values(t) for t in tasks_of(text)]
    assert found[:2] == [
        {"task": "Xây dựng Chương trình tuyên truyền pháp luật về an toàn giao thông năm 2026",
         "lead": "Phòng Văn hóa - Xã hội", "co": "Công an phường và các tổ dân phố", "timing": "trước ngày 28/02/2026"},
        {"task": "Nhân rộng mô hình “Cổng trường an toàn giao thông” tại 06 trường học",
         "lead": "Đoàn Thanh niên phường", "timing": "thường xuyên"},
    ]
    assert (found[2]["task"], found[2]["lead"]) == (
        "Phòng Kinh tế chủ trì, phối hợp với Công an phường khảo sát, lập phương án", "Phòng Kinh tế")

def test_a_paragraph_opening_with_units_then_sentences_assigning_others() -> None:
    """"Các cơ quan … đăng ký …. Giao Ban Dân vận chủ trì, phối hợp với … . Phòng Nội vụ chủ trì …": a Party plan's
    paragraph opens with what all units do, then assigns tasks sentence by sentence; each sentence's lead, co-units
    and time are its own, not the opening subject's."""
    text = ("II. NHIỆM VỤ\n\n5. Đẩy mạnh phong trào thi đua\n\nCác cơ quan, đơn vị tổ chức đăng ký xây dựng mô hình "
            "gắn với nhiệm vụ chính trị. Giao Ban Dân vận Huyện ủy chủ trì, phối hợp với Phòng Nội vụ huyện tổ chức "
            "Hội nghị biểu dương điển hình, hoàn thành trong quý III/2027. Phòng Nội vụ huyện chủ trì hướng dẫn thủ "
            "tục khen thưởng.\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"lead": "Các cơ quan, đơn vị", "task": "Các cơ quan, đơn vị tổ chức đăng ký xây dựng mô hình gắn với nhiệm "
         "vụ chính trị"},
        {"lead": "Ban Dân vận Huyện ủy", "co": "Phòng Nội vụ huyện", "timing": "hoàn thành trong quý III/2027",
         "task": "Giao Ban Dân vận Huyện ủy chủ trì, phối hợp với Phòng Nội vụ huyện tổ chức Hội nghị biểu dương "
         "điển hình, hoàn thành trong quý III/2027"},
        {"lead": "Phòng Nội vụ huyện", "task": "Phòng Nội vụ huyện chủ trì hướng dẫn thủ tục khen thưởng"},
    ]


def test_a_list_item_naming_only_a_unit_heads_the_items_below_it() -> None:
    """"* Ủy ban nhân dân xã:" then "- …" items: each item is the unit's duty, until the next "*" item or heading."""
    text = ("2- Phân công thực hiện\n\n* Ủy ban nhân dân xã:\n\n- Xây dựng Kế hoạch triển khai, trình Ban Thường vụ "
            "trước ngày 20/5/2026.\n\n- Bố trí ngân sách xã không dưới 300 triệu đồng.\n\n"
            "* Ủy ban Mặt trận Tổ quốc Việt Nam xã:\n\n- Vận động Nhân dân tham gia phát triển du lịch.\n")
    assert [values(t) for t in tasks_of(text)] == [
        {"lead": "Ủy ban nhân dân xã", "task": "Xây dựng Kế hoạch triển khai, trình Ban Thường vụ trước ngày 20/5/2026",
         "timing": "trước ngày 20/5/2026"},
        {"lead": "Ủy ban nhân dân xã", "task": "Bố trí ngân sách xã không dưới 300 triệu đồng"},
        {"lead": "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "task": "Vận động Nhân dân tham gia phát triển du lịch"},
    ]


def test_inline_sentence() -> None:
    text = ("III. GIẢI PHÁP\nGiao Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành của tỉnh triển khai thực "
            "hiện, hoàn thành trước ngày 15/12/2025.")
    (task,) = tasks_of(text)
    assert task["source"] == "sentence"
    assert values(task)["lead"] == "Sở Công Thương"
    assert values(task)["co"] == "các Sở, ban, ngành của tỉnh"
    assert values(task)["timing"].endswith("trước ngày 15/12/2025")


@pytest.mark.parametrize(
    ("path", "counts"),
    [
        ("corpus-ext/ext01.txt", {"fields": 7}),
        ("corpus-ext/ext03.txt", {"table_row": 28}),
        ("corpus-ext/ext06.txt", {"table_row": 141}),  # row 108 wrapped over a page joins its row
        ("corpus/000_90c218f1079af509.txt", {"table_row": 8}),
    ],
)
def test_task_counts_on_real_plans(path: str, counts: dict[str, int]) -> None:
    _, tasks = file_tasks(path)
    for source, n in counts.items():
        assert sum(1 for t in tasks if t["source"] == source) == n


@pytest.mark.parametrize("path", ["corpus-ext/ext01.txt", "corpus-ext/ext03.txt", "corpus-ext/ext05.txt",
                                  "corpus-ext/ext09.txt", "corpus/000_90c218f1079af509.txt"])
def test_every_field_is_an_exact_span(path: str) -> None:
    text, tasks = file_tasks(path)
    assert tasks
    for t in tasks:
        for f in t["fields"].values():
            assert text[f["start"]:f["end"]] == f["text"] and f["text"]


def test_real_plans_read_right() -> None:
    _, ext01 = file_tasks("corpus-ext/ext01.txt")
    assert values(ext01[0])["lead"] == "Sở Khoa học và Công nghệ"
    assert values(ext01[0])["timing"] == "Hoàn thành trong năm 2025"
    _, ext03 = file_tasks("corpus-ext/ext03.txt")
    merged = next(t for t in ext03 if values(t).get("task", "").startswith("Xây dựng hạ tầng kỹ thuật dự phòng"))
    assert values(merged)["timing"] == "Quý IV/2026"  # a merged cell inherited from the row above
    _, ext09 = file_tasks("corpus-ext/ext09.txt")
    assert {values(t)["lead"] for t in ext09 if t["source"] == "unit_duties"} >= {"Sở Y tế"}


def test_an_items_paragraphs_then_a_paragraph_naming_who_leads_them() -> None:
    """"9. <item>" / "<what is to be done …, hoàn thành trước ngày …>" / "X chủ trì, phối hợp với Y thực hiện.": a
    Party plan gives each item its work, then a paragraph of its own assigning it; the work is the task, led by X,
    whatever unit its own sentences open with. An assigning paragraph with work of its own stays the task."""
    text = ("III. NHIỆM VỤ\n\n9. Gắn học tập và làm theo Bác với xây dựng văn hóa công vụ\n\nCác cơ quan, đơn vị trong "
            "hệ thống chính trị huyện cụ thể hóa chuẩn mực văn hóa công vụ thành quy tắc ứng xử, hoàn thành trước "
            "ngày 30/6/2024.\n\n- Niêm yết công khai quy tắc ứng xử tại bộ phận một cửa.\n\nĐảng ủy Cơ quan Chính quyền "
            "huyện chủ trì, phối hợp với Phòng Nội vụ huyện thực hiện.\n\n10. Công tác tuyên truyền\n\nĐẩy mạnh "
            "tuyên truyền trên Trang thông tin điện tử huyện.\n\nTrung tâm Văn hóa huyện chủ trì, phối hợp với Ban "
            "Tuyên giáo Huyện ủy xây dựng chuyên mục.\n")
    found = [values(t) for t in tasks_of(text)]
    assert found[0] == {
        "task": "Các cơ quan, đơn vị trong hệ thống chính trị huyện cụ thể hóa chuẩn mực văn hóa công vụ thành quy tắc "
                "ứng xử, hoàn thành trước ngày 30/6/2024.\n\n- Niêm yết công khai quy tắc ứng xử tại bộ phận một cửa",
        "lead": "Đảng ủy Cơ quan Chính quyền huyện", "co": "Phòng Nội vụ huyện",
        "timing": "hoàn thành trước ngày 30/6/2024"}
    assert [(f["lead"], f["task"][:20]) for f in found[1:]] == [
        ("Trung tâm Văn hóa huyện", "Trung tâm Văn hóa hu")]


def test_a_part_given_by_its_number_is_a_task_of_that_unit() -> None:
    """"Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a)" under a unit's heading: the part named there, with all
    under it, is a task that unit leads; a duty "phù hợp với … (trọng tâm các nhiệm vụ tại mục IV)" gives none."""
    text = ("IV. PHÁT TRIỂN NGÀNH\n3. Thương mại\n3.4. Lĩnh vực logistics\na) Phát triển hải quan số:\n"
            "- Số hóa hoàn toàn chứng từ, tiến tới phi giấy tờ trong thủ tục hải quan.\nb) Cảng cạn\n"
            "- Nâng cấp cảng cạn Quế Võ.\nVI. TỔ CHỨC THỰC HIỆN\n1. Chi cục Hải quan khu vực V\n"
            "a) Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a);\n"
            "b) Chủ động triển khai Kế hoạch phù hợp với định hướng của ngành (trọng tâm các nhiệm vụ tại mục IV).")
    referred = [t for t in tasks_of(text) if t["source"] == "referred"]
    assert [values(t) for t in referred] == [{"task": "Phát triển hải quan số:", "lead": "Chi cục Hải quan khu vực V"}]
    assert text[referred[0]["start"]:referred[0]["end"]].endswith("phi giấy tờ trong thủ tục hải quan.")


def test_points_given_by_letter_are_the_items_above() -> None:
    """"Giao Sở Công Thương chủ trì các nhiệm vụ tại điểm a, b; …" at the end of a part: its own items a) and b)."""
    text = ("II. NHIỆM VỤ\n1. Du lịch\na) Quảng bá điểm đến\n- Lập bản đồ số.\n2. Thương mại\n"
            "a) Đưa nông sản lên sàn thương mại điện tử.\nb) Tổ chức phiên chợ nông sản hằng quý.\n"
            "c) Xây dựng chuỗi cửa hàng nông sản an toàn.\n"
            "Giao Sở Công Thương chủ trì các nhiệm vụ tại điểm a, b; Ủy ban nhân dân thành phố chủ trì nhiệm vụ tại "
            "điểm c.")
    referred = {values(t)["task"]: values(t)["lead"] for t in tasks_of(text) if t["source"] == "referred"}
    assert referred == {"Đưa nông sản lên sàn thương mại điện tử": "Sở Công Thương",
                        "Tổ chức phiên chợ nông sản hằng quý": "Sở Công Thương",
                        "Xây dựng chuỗi cửa hàng nông sản an toàn": "Ủy ban nhân dân thành phố"}


def test_a_cell_holding_the_fields_of_its_task() -> None:
    """"Phân công thực hiện" holding "- Chủ trì: … - Phối hợp: …; … - Thời gian: …" (paragraphs of one Word cell):
    each a field of the row's task."""
    text = ("PHÂN CÔNG THỰC HIỆN\nTT\tNội dung nhiệm vụ\tPhân công thực hiện\tSản phẩm\n"
            "1\tXây dựng mô hình \"Gia đình không có người nghiện ma túy\"\t- Chủ trì: Ủy ban Mặt trận Tổ quốc Việt Nam "
            "huyện - Phối hợp: Huyện đoàn; Hội Cựu chiến binh huyện - Thời gian: quý IV/2025\tMỗi xã ít nhất 01 mô hình")
    task = next(t for t in tasks_of(text) if t["source"] == "table_row")
    assert {k: v for k, v in values(task).items() if k != "task"} == {
        "lead": "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "co": "Huyện đoàn; Hội Cựu chiến binh huyện",
        "timing": "quý IV/2025", "product": "Mỗi xã ít nhất 01 mô hình"}


def test_an_assignment_in_brackets_on_its_own_line_assigns_the_lines_above() -> None:
    """"a) … nhân rộng mô hình:" / "+ …" / "+ …" / "(Giao Ủy ban MTTQ huyện chủ trì, phối hợp với Huyện đoàn; …)": the
    Party convention of an assignment closing the task, here below the items it assigns."""
    text = ("III- NHIỆM VỤ\n1- Xây dựng phong trào toàn dân phòng, chống ma túy\n"
            "a) Lồng ghép nội dung phòng, chống ma túy vào cuộc vận động ở khu dân cư; nhân rộng mô hình:\n"
            "+ \"Gia đình không có người nghiện ma túy\" ở các khu dân cư.\n"
            "+ \"Thanh niên với phòng, chống ma túy\" trong các chi đoàn.\n"
            "(Giao Ủy ban Mặt trận Tổ quốc Việt Nam huyện chủ trì, phối hợp với Huyện đoàn, Hội Cựu chiến binh huyện).")
    task = next(t for t in tasks_of(text) if "lead" in t["fields"])
    got = values(task)
    assert got["lead"] == "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"
    assert got["co"] == "Huyện đoàn, Hội Cựu chiến binh huyện"
    assert "Gia đình không có người nghiện ma túy" in got["task"] and "Thanh niên với phòng" in got["task"]


def test_a_table_grouped_by_unit_gives_its_tasks_their_groups_unit() -> None:
    """A task table with no lead column, its rows under a row merged across that names a unit ("| 1. Sở Y tế |"):
    that unit leads them; a group naming a topic ("| I | TUYÊN TRUYỀN |") leads nothing."""
    text = ("| STT | Nhiệm vụ | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|\n| 1. Sở Y tế |\n"
            "| 1.1 | Giám sát mối nguy ô nhiễm thực phẩm | Trung tâm Kiểm soát bệnh tật tỉnh | Tháng 11/2025 |\n"
            "| 2. UBND các huyện, thị xã, thành phố |\n"
            "| 2.1 | Ban hành kế hoạch của địa phương | Các phòng, ban cấp huyện | Trước ngày 28/02/2025 |\n"
            "| 3. TUYÊN TRUYỀN, GIÁO DỤC |\n| 3.1 | Phát tin, bài về an toàn thực phẩm | Báo tỉnh | Tháng 4/2025 |\n")
    assert [(values(t)["task"], values(t).get("lead")) for t in tasks_of(text)] == [
        ("Giám sát mối nguy ô nhiễm thực phẩm", "Sở Y tế"),
        ("Ban hành kế hoạch của địa phương", "UBND các huyện, thị xã, thành phố"),
        ("Phát tin, bài về an toàn thực phẩm", None)]


def test_a_conclusion_assigns_by_giao_and_de_nghi() -> None:
    """A conclusion notice's "Giao <unit> <does> …" and "Đề nghị <unit> …" (no "chủ trì"): the unit after it leads;
    "d) Giao <unit>:" heads the "- …" items below it."""
    text = ("2. Nhiệm vụ, giải pháp trọng tâm trong thời gian tới\n"
            "Dự báo đến hết tháng 6/2025 hạn mặn còn phức tạp, Chủ tịch UBND huyện yêu cầu thực hiện các nhiệm vụ sau:\n"
            "a) Giao Phòng Nông nghiệp và Môi trường chủ trì, phối hợp UBND các xã theo dõi độ mặn.\n"
            "b) Giao Trung tâm Y tế huyện hướng dẫn người dân xử lý, trữ nước an toàn.\n"
            "c) Giao Xí nghiệp Cấp nước Thạch Lâm:\n- Lắp đặt 06 trụ cấp nước công cộng, hoàn thành trong tháng 5/2025.\n"
            "d) Đề nghị Chi nhánh Ngân hàng Chính sách xã hội huyện ưu tiên nguồn vốn cho vay nước sạch.\n")
    tasks = tasks_of(text)
    assert [values(t)["lead"] for t in tasks] == [
        "Phòng Nông nghiệp và Môi trường", "Trung tâm Y tế huyện", "Xí nghiệp Cấp nước Thạch Lâm",
        "Chi nhánh Ngân hàng Chính sách xã hội huyện"]
    assert [values(t)["task"].endswith(end) for t, end in zip(tasks, (
        "theo dõi độ mặn", "xử lý, trữ nước an toàn", "hoàn thành trong tháng 5/2025", "cho vay nước sạch"),
        strict=True)] == [True] * 4
