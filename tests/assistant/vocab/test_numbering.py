"""Heading and list numbers: Phần / Chương / Mục / Điều, A., I., 1., 1.1., a), bullets."""

from __future__ import annotations

import pytest

from assistant.vocab.numbering import (
    heading_numbers,
    is_bullet,
    marker_style,
    numbering,
    roman_value,
    section_references,
    strip_marker,
)


@pytest.mark.parametrize(
    ("line", "style", "number", "rest"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("IV- TỔ CHỨC THỰC HIỆN", "roman", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("2.1. Đối với hạ tầng số", "dotted", "2.1", "Đối với hạ tầng số"),
        ("1. Mục đích", "arabic", "1", "Mục đích"),
        ("a) Nhiệm vụ: Tham mưu", "letter", "a", "Nhiệm vụ: Tham mưu"),
        ("đ) Năm 2028", "letter", "đ", "Năm 2028"),
        ("a- Kiểm kê, lập hồ sơ", "letter", "a", "Kiểm kê, lập hồ sơ"),  # Party documents, e-mailed copies
        ("a- 100% chi, đảng bộ quán triệt", "letter", "a", "100% chi, đảng bộ quán triệt"),  # an item opening on a figure
        ("b/ Khôi phục lễ hội", "letter", "b", "Khôi phục lễ hội"),
        ("c. Thành lập câu lạc bộ", "letter", "c", "Thành lập câu lạc bộ"),
        ("2/ Tổ chức thực hiện", "arabic", "2", "Tổ chức thực hiện"),
        ("A. PHẦN CHUNG", "upper", "A", "PHẦN CHUNG"),
        ("Phần I. NHỮNG VẤN ĐỀ CHUNG", "part", "I", "NHỮNG VẤN ĐỀ CHUNG"),
        ("PHẦN THỨ HAI", "part", "THỨ HAI", ""),
        ("Chương II", "chapter", "II", ""),
        ("Mục 1. Quy định chung", "section", "1", "Quy định chung"),
        ("Điều 3. Bộ trưởng, Thủ trưởng", "article", "3", "Bộ trưởng, Thủ trưởng"),
        ("Điều 1.", "article", "1", ""),
        ("Nhiệm vụ 3: Nạo vét kênh dẫn, ao hồ", "task", "3", "Nạo vét kênh dẫn, ao hồ"),
        ("Tiểu dự án 2. Truyền thông", "subproject", "2", "Truyền thông"),
        ("Giải pháp 1: Tăng cường", "measure", "1", "Tăng cường"),
        ("PHẦN C", "part", "C", ""),  # parts numbered by letters
        ("Phần B. NHIỆM VỤ VÀ GIẢI PHÁP", "part", "B", "NHIỆM VỤ VÀ GIẢI PHÁP"),
    ],
)
def test_numbering(line: str, style: str, number: str, rest: str) -> None:
    num = numbering(line)
    assert num is not None
    assert (num.style, num.number.upper(), num.rest) == (style, number.upper(), rest)


@pytest.mark.parametrize(
    "line",
    ["2026 - 2030 là giai đoạn", "Mục tiêu chung", "Điều 6; khoản 5 Điều 9", "mục 2 của Kế hoạch", "Q. CHỦ TỊCH",
     "IIII. SAI", "Phần mềm dùng chung", "nhiệm vụ 3 của Kế hoạch", "Nhiệm vụ trọng tâm",
     "Nhiệm vụ 3 của Kế hoạch", "Dự án 2 có tổng vốn 12 tỷ đồng", "Mục a khoản 1 Điều 5", "Phần Lan", "Điều A",
     "x- men", "a.m.", "v.v. và các", "1/2026 là năm",
     "Điều 5 được sửa đổi như sau", "Mục 2 sửa đổi quy định"],  # a sentence about an article, wrapped to a line's start
)
def test_not_numbering(line: str) -> None:
    assert numbering(line) is None


def test_roman_bullets_and_markers() -> None:
    assert roman_value("XIV") == 14 and roman_value("IIV") is None
    assert is_bullet("- Sở Y tế") and is_bullet("+ 70% hồ sơ") and not is_bullet("-5%")
    assert strip_marker("- Sở Y tế: chủ trì") == (2, "Sở Y tế: chủ trì")
    assert strip_marker("1.2. Triển khai") == (5, "Triển khai")
    # the items of one list share their mark; the next item of the list above has its own
    assert marker_style("- Dự án 1: “Phòng ngừa …”") == marker_style("+ Dự án 2") == "-"
    assert marker_style("d) Hướng dẫn, đôn đốc") == "letter" and marker_style("2.1. Sở Y tế") == "dotted2"
    assert marker_style("Sở Y tế chủ trì") == ""


@pytest.mark.parametrize(("text", "paths"), [
    ("tại mục (IV)(3.4)(a);", [("IV", "3.4", "a")]),  # in brackets, the outermost first
    ("tại mục (IV) (4.1) (4.2) và Phụ lục của Kế hoạch", [("IV", "4.1"), ("IV", "4.2")]),  # two beside each other
    ("tại điểm a, b, c khoản 2 mục III", [("III", "2", "a"), ("III", "2", "b"), ("III", "2", "c")]),  # innermost first
    ("tại mục 2 phần II", [("II", "2")]),
    ("tại điểm a, b", [("a",), ("b",)]),  # of the part the sentence is in
    ("tại mục III. Phát triển nền móng kinh tế số", [("III",)]),
    ("tại Tờ trình số 05/TTr-SNV", []),
])
def test_section_references(text: str, paths: list[tuple[str, ...]]) -> None:
    assert section_references(text) == paths


def test_heading_numbers() -> None:
    assert heading_numbers(["IV. PHÁT TRIỂN", "3. Thương mại", "3.4. Logistics", "a) Hải quan số"]) == \
        ("IV", "3", "3.4", "a")
    assert heading_numbers(["Phần II. NHIỆM VỤ", "Mục 2. Các giải pháp"]) == ("II", "2")

