"""The parts a named part of a plan is made of (`assistant/services/outline.py`), on a plan written here."""

from __future__ import annotations

from assistant.components.vector_store import ScoredChunk
from assistant.services.outline import outline
from assistant.services.question import analyse

TITLE = "Kế hoạch chuyển đổi số ngành Tổ chức xây dựng Đảng năm 2026"
TEXT = (f"{TITLE}\n\nI. NHIỆM VỤ\n\n1. Số hóa hồ sơ đảng viên\n\n2. Phân loại quy trình nghiệp vụ\n\nII. TỔ CHỨC THỰC "
        "HIỆN\n\n1. Văn phòng\n\n2. Các chi bộ\n\n3. Ban Xây dựng Đảng\n")
SECTIONS = ["I. NHIỆM VỤ > 1. Số hóa hồ sơ đảng viên", "I. NHIỆM VỤ > 2. Phân loại quy trình nghiệp vụ",
            "II. TỔ CHỨC THỰC HIỆN > 1. Văn phòng", "II. TỔ CHỨC THỰC HIỆN > 2. Các chi bộ",
            "II. TỔ CHỨC THỰC HIỆN > 3. Ban Xây dựng Đảng"]


def chunks() -> list[ScoredChunk]:
    return [ScoredChunk(str(i), 1.0, {"doc_id": "d", "title": TITLE, "section": s, "start": i, "text": s})
            for i, s in enumerate(SECTIONS)]


def test_the_heading_a_question_names_lists_its_parts() -> None:
    listed = outline(analyse("Phần tổ chức thực hiện của kế hoạch gồm những đơn vị nào?"), chunks(), TEXT)
    assert listed is not None
    assert [s.text for s in listed[0]] == ["II. TỔ CHỨC THỰC HIỆN gồm: [1]", "Văn phòng [2]", "Các chi bộ [3]",
                                           "Ban Xây dựng Đảng [4]"]


def test_the_words_naming_the_plan_by_its_title_name_no_heading() -> None:
    """"Kế hoạch … ngành Tổ chức xây dựng Đảng … gồm những nhóm nào?": the plan's name says "tổ chức", which names
    no "TỔ CHỨC THỰC HIỆN" of it."""
    asked = "Kế hoạch chuyển đổi số ngành Tổ chức xây dựng Đảng phân loại quy trình thành những nhóm nào?"
    assert outline(analyse(asked), chunks(), TEXT) is None



def test_a_heading_of_two_words_is_named_only_as_written() -> None:
    """"… tổ chức triển khai những thủ tục nào?" uses the words of "TỔ CHỨC THỰC HIỆN" as a verb: no part is named
    ("phần tổ chức thực hiện" names it: above)."""
    assert outline(analyse("Xã tổ chức triển khai những thủ tục hành chính nào trên môi trường số?"), chunks(),
                   TEXT) is None


def test_a_heading_of_one_part_lists_that_parts_parts() -> None:
    """"Phần truyền thông gồm những nhiệm vụ gì?" of an annex whose "II. TRUYỀN THÔNG" holds one "1. Truyền thông định
    kỳ": its tasks are the items under that one part."""
    text = ("PHỤ LỤC\n\nI. XÂY DỰNG TÀI LIỆU\n\n1. Bộ tài liệu kỹ năng\n\n2. Sổ tay giáo viên\n\nII. TRUYỀN THÔNG\n\n"
            "1. Truyền thông định kỳ\n\n1.1. Chuyên đề trước kỳ nghỉ hè\n\n1.2. Tuần sinh hoạt công dân đầu năm học\n")
    sections = ["PHỤ LỤC > I. XÂY DỰNG TÀI LIỆU > 1. Bộ tài liệu kỹ năng",
                "PHỤ LỤC > I. XÂY DỰNG TÀI LIỆU > 2. Sổ tay giáo viên",
                "PHỤ LỤC > II. TRUYỀN THÔNG > 1. Truyền thông định kỳ > 1.1. Chuyên đề trước kỳ nghỉ hè",
                "PHỤ LỤC > II. TRUYỀN THÔNG > 1. Truyền thông định kỳ > 1.2. Tuần sinh hoạt công dân đầu năm học"]
    parts = [ScoredChunk(str(i), 1.0, {"doc_id": "d", "title": "Kế hoạch phòng, chống đuối nước", "section": s,
                                       "start": i, "text": s}) for i, s in enumerate(sections)]
    listed = outline(analyse("Trong phụ lục, phần truyền thông gồm những nhiệm vụ gì?"), parts, text)
    assert listed is not None
    assert [s.text for s in listed[0]] == ["II. TRUYỀN THÔNG gồm: [1]", "Chuyên đề trước kỳ nghỉ hè [2]",
                                           "Tuần sinh hoạt công dân đầu năm học [3]"]
