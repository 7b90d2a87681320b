"""Stage 2 — normalize, on the real corpus files and on small cases."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from llama_index.core import Document

from ingest.metadata import extract_metadata
from ingest.model import META_PAGE_STARTS, PAGE_BREAK
from ingest.normalize import Normalizer, normalize_text
from ingest.structure import is_caps, is_heading, is_list_start, is_table_row

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted(p.name[:3] for p in CORPUS.glob("0*.txt"))  # "000" … "004"


@cache
def raw(name: str) -> str:
    return next(CORPUS.glob(f"{name}*.txt")).read_text(encoding="utf-8")


@cache
def norm(name: str) -> str:
    return normalize_text(raw(name))[0]


def lines_of(name: str) -> list[str]:
    return norm(name).split("\n")


# ------------------------------------------------------------------ 002: a PDF export


def test_002_sentences_broken_by_the_pdf_export_are_rejoined() -> None:
    lines = lines_of("002")
    for phrase in (
        "mạng truyền số liệu chuyên dùng với băng thông rộng",  # halves separated by a blank line
        "Căn cứ Quyết định số 204-QĐ/TW, ngày 29/11/2024 của Ban Bí thư Trung ương Đảng về việc phê duyệt",
        "Ban Thường vụ Tỉnh ủy về triển khai thực hiện Đề án",  # across the page number "2"
        "tham mưu thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024",  # "57-" / "NQ/TW"
        "an ninh mạng: Xây dựng chính sách, quy trình an toàn thông tin",
        "Tổ chức thực hiện đầy đủ các quan điểm, mục tiêu, nhiệm vụ và giải pháp đã đề ra",
        "các đảng ủy trực thuộc tỉnh ủy (Ban Tổ chức chủ trì).",
    ):
        assert any(phrase in line for line in lines), phrase


def test_002_no_line_starts_in_the_middle_of_a_sentence() -> None:
    """Measured: the only lower-case line start left is the title subject under the 'KẾ HOẠCH' line."""
    lines = lines_of("002")
    lower = [
        (i, line)
        for i, line in enumerate(lines)
        if line[:1].islower() and not (is_table_row(line) or is_list_start(line) or is_heading(line))
    ]
    assert lower == [(9, "triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai")]
    assert is_caps(lines[8])


def test_002_headings_and_items_keep_their_own_lines() -> None:
    lines = set(lines_of("002"))
    for line in ("I- CĂN CỨ LẬP KẾ HOẠCH", "2.1. Đối với hạ tầng số", "a) Năm 2025", "d) Năm 2028",
                 "2.2- Phát triển hạ tầng số", "3. Phát triển nguồn nhân lực", "Nơi nhận:",
                 "- Lưu VPTU.", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Tôn Ngọc Hạnh",
                 "2.4. Công tác nghiệp vụ của Mặt trận Tổ quốc tỉnh được thực hiện trên môi trường số"):
        assert line in lines, line
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)


def test_002_footnote_marker_detached() -> None:
    text = norm("002")
    assert "làm việc trên môi trường số; Hệ thống thông tin báo cáo tổng hợp" in text
    assert "số1" not in text


@pytest.mark.parametrize("name", FILES)
def test_page_numbers_gone(name: str) -> None:
    assert not [line for line in norm(name).split("\n") if re.fullmatch(r"\d{1,3}", line)]


def test_a_tables_figures_read_one_per_line_are_no_page_numbers() -> None:
    """A PDF table read cell by cell ("Xã Hải Ninh" / "168" / "14"): a page has one number, so a figure beside
    another is a cell, kept; the page's own number stays out."""
    raw = ("Chỉ tiêu cụ thể đối với các xã ven biển:\nXã, phường\nTàu cá (chiếc)\nTồn đọng (chiếc)\n"
           "Xã Hải Ninh\n 168\n 14\nXã Bình Hải\n 97\n 6\n\n3\n\fIII. NHIỆM VỤ, GIẢI PHÁP\n")
    text = normalize_text(raw)[0]
    assert "Xã Hải Ninh 168 14 Xã Bình Hải 97 6" in text
    assert not re.search(r"\b3\b", text)


# ------------------------------------------------------------------ markup


def test_001_latex_becomes_plain_symbols() -> None:
    text = norm("001")
    assert "3\tĐẩy mạnh dịch vụ công trực tuyến\tUBND xã\tTổ CNSCĐ\tHồ sơ trực tuyến ≥ 50%" in text
    assert "$" not in text and "\\" not in text


def test_001_glued_heading_split_off() -> None:
    lines = lines_of("001")
    i = lines.index("Phân công nhiệm vụ thực hiện chuyển đổi số năm 2026")
    assert lines[i + 1 : i + 3] == ["", "1. Quý I (01–03/2026)"]


def test_000_html_and_markdown_decoration_removed() -> None:
    text = norm("000")
    assert "<" not in text and "*" not in text and not re.search(r"^#", text, re.MULTILINE)
    assert "\nSTT\tNội dung công việc\tThời gian thực hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\n" in text
    for line in ("II. PHẠM VI, ĐỐI TƯỢNG", "2.1. Về tổ chức chỉ đạo, điều phối và thể chế", "4. Văn phòng Đảng ủy"):
        assert line in text.split("\n")
    assert "1. Phạm vi triển khai: Toàn bộ nhiệm vụ chuyển đổi số" in text


def test_003_italics_and_html_cells_plain() -> None:
    text = norm("003")
    assert "(gọi tắt là Tổ 57 của cơ quan)" in text
    assert "lĩnh vực TCCB (trừ những văn bản, quy trình thuộc danh mục bảo vệ bí mật nhà nước) đăng tải" in text
    assert "<i>" not in text and "*" not in text
    assert "\n1. Tổ 57 của cơ quan\t\t\t\n" in text  # a group row keeps its empty cells


@pytest.mark.parametrize(
    ("name", "token"),
    [("000", "57-NQ/TW"), ("000", "Quý III/2026"), ("000", "số 54-KH/TU"), ("000", "100%"), ("004", "01/7/2025"),
     ("002", "1662/NQ-UBTVQH15"), ("003", "pakn.nq57.vn"), ("003", "(DC-02)"), ("002", "CT-XH"),
     ("001", "179/2025/NĐ-CP"), ("002", "2.1- Cơ chế"), ("003", "Quý III/2026")],
)
def test_references_numbers_and_dates_untouched(name: str, token: str) -> None:
    assert token in norm(name)


# ------------------------------------------------------------------ invariants


@pytest.mark.parametrize("name", FILES)
def test_nfd_input_gives_the_same_text(name: str) -> None:
    text = raw(name)
    assert normalize_text(unicodedata.normalize("NFD", text)) == normalize_text(text)


@pytest.mark.parametrize("name", FILES)
def test_idempotent(name: str) -> None:
    once = norm(name)
    assert normalize_text(once) == (once, [0])
    assert unicodedata.is_normalized("NFC", once)
    assert "\n\n\n" not in once and "  " not in once


@pytest.mark.parametrize(
    ("raw_text", "expected"),
    [
        ("a  b\u00a0 c", "a b c"),
        ("Dòng một của\n\nđoạn văn.", "Dòng một của đoạn văn."),
        ("- Nội dung phối hợp với \nBan Chỉ đạo.", "- Nội dung phối hợp với Ban Chỉ đạo."),
        ("- Văn bản của\n\nỦy ban Trung ương.", "- Văn bản của Ủy ban Trung ương."),
        ("- Năng lực phòng thủ: \n\nXây dựng chính sách.", "- Năng lực phòng thủ: Xây dựng chính sách."),
        ("Kế hoạch năm 2026\n\nThực hiện Quyết định số 1.", "Kế hoạch năm 2026\n\nThực hiện Quyết định số 1."),
        ("1. Mục đích\nNội dung đầu tiên.", "1. Mục đích\nNội dung đầu tiên."),
        ("2.4. Công tác được thực hiện trên \nmôi trường số", "2.4. Công tác được thực hiện trên môi trường số"),
        ("7. Ủy ban Mặt trận tỉnh, \nTrường Chính trị tỉnh", "7. Ủy ban Mặt trận tỉnh, Trường Chính trị tỉnh"),
        ("KẾ HOẠCH\nchuyển đổi số năm 2026", "KẾ HOẠCH\nchuyển đổi số năm 2026"),
        ("T/M BAN THƯỜNG VỤ\nBÍ THƯ", "T/M BAN THƯỜNG VỤ\nBÍ THƯ"),
        ("Hết ý.\n\n\n\nĐoạn hai.", "Hết ý.\n\nĐoạn hai."),
        ("- Ban Thường vụ Tỉnh ủy\n\n\n\n2\n\nvề triển khai.", "- Ban Thường vụ Tỉnh ủy về triển khai."),
        ("Nghị quyết số 57-\nNQ/TW ngày 22/12/2024", "Nghị quyết số 57-NQ/TW ngày 22/12/2024"),
        (" - Mục một;\n + Mục hai.", "- Mục một;\n+ Mục hai."),
        ("$\\geq 50\\%$", "≥ 50%"),
        ("trong $\\leq 3$ ngày, đạt 70\\%", "trong ≤ 3 ngày, đạt 70%"),
        ("giá 5$ và 10$ mỗi bản", "giá 5$ và 10$ mỗi bản"),
        ("<b>STT</b>\t<i>Nội dung</i>", "STT\tNội dung"),
        ("<tr><td>1</td><td>Rà soát</td></tr>", "1\tRà soát"),
        ("Dòng<br>tiếp", "Dòng tiếp"),
        ("x &amp; y&nbsp;z", "x & y z"),
        ("**I. MỤC TIÊU**", "I. MỤC TIÊU"),
        ("### **1. Mục đích**", "1. Mục đích"),
        ("#### ***2.1. Về tổ chức***", "2.1. Về tổ chức"),
        ("- **UBND xã:** Chủ trì.", "- UBND xã: Chủ trì."),
        ("(*gọi tắt là Tổ 57*)", "(gọi tắt là Tổ 57)"),
        # a fraction, division or full-width slash (OCR, typesetting) is the "/" of a quarter, a date, a number
        ("trong quý II\u20442026, trước 30\u22156\u22152026, Số: 34\uff0fKH-UBND",
         "trong quý II/2026, trước 30/6/2026, Số: 34/KH-UBND"),
        ("năm 2026**1. Quý I (01–03/2026)**", "năm 2026\n\n1. Quý I (01–03/2026)"),
        ("môi trường số1; Hệ thống", "môi trường số; Hệ thống"),
        ("môi trường số². Tiếp", "môi trường số. Tiếp"),
        ("công suất 720 m³/ngày đêm, 12 km² rừng", "công suất 720 m³/ngày đêm, 12 km² rừng"),  # units, not footnotes
        # two bold names opening two items are two spans, not one wrapped over the lines between them
        ("- **Trạm Y tế xã**: chủ trì xét nghiệm.\n- **Hội Phụ nữ xã**: chủ trì tuyên truyền.",
         "- Trạm Y tế xã: chủ trì xét nghiệm.\n- Hội Phụ nữ xã: chủ trì tuyên truyền."),
        ("Quý III/2026, 100%, 01/7/2025, số 54-KH/TU, 2.1.", "Quý III/2026, 100%, 01/7/2025, số 54-KH/TU, 2.1."),
        ("UBTVQH15, pakn.nq57.vn, 50 km2", "UBTVQH15, pakn.nq57.vn, 50 km2"),
        ("Tổ 57\t\t\t", "Tổ 57\t\t\t"),
        ("\tthụt lề", "thụt lề"),
        ("STT \t Nội  dung \t\t", "STT\tNội dung"),
        ("TỈNH ỦY ĐỒNG NAI\n*\n\nSố       -KH/TU", "TỈNH ỦY ĐỒNG NAI\n*\n\nSố -KH/TU"),
        ("\ufeffA.\r\nB.", "A.\nB."),
        # an upper-case title wrapped at a comma or an open word; separate upper-case lines stay apart
        ("PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ,\nXÃ HỘI SỐ ĐẾN NĂM 2030",
         "PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ ĐẾN NĂM 2030"),
        ("DANH MỤC NHIỆM VỤ CỦA\nCÁC SỞ, NGÀNH", "DANH MỤC NHIỆM VỤ CỦA CÁC SỞ, NGÀNH"),
        ("ĐẢNG BỘ TỈNH ĐỒNG NAI\nĐẢNG ỦY XÃ AN PHƯỚC", "ĐẢNG BỘ TỈNH ĐỒNG NAI\nĐẢNG ỦY XÃ AN PHƯỚC"),
        # an item's labelled details keep their lines; a wrapped line in lower case before a colon is no label
        ("2. Xe thang chữa cháy\n   Số lượng: 04 xe\n   Nguồn vốn: ngân sách trung ương",
         "2. Xe thang chữa cháy\nSố lượng: 04 xe\nNguồn vốn: ngân sách trung ương"),
        ("- Hỗ trợ từ ngân sách Trung\nương: Đề xuất hỗ trợ một phần.", "- Hỗ trợ từ ngân sách Trung ương: Đề xuất hỗ trợ một phần."),
        # a part's title on the line under its number is the part's heading
        ("PHẦN C\nKINH PHÍ THỰC HIỆN", "PHẦN C KINH PHÍ THỰC HIỆN"),
        ("Phần II\nNHIỆM VỤ, GIẢI PHÁP", "Phần II NHIỆM VỤ, GIẢI PHÁP"),
        ("Phần II\nI. MỤC TIÊU", "Phần II\nI. MỤC TIÊU"),
        # a table typed without its outer "|": each row gets its borders, an empty first or last cell keeps its column
        ("STT | Công trình | Vốn\n1 | Nhà máy nước | 68.500\n | Tổng cộng | 209.000",
         "| STT | Công trình | Vốn |\n| 1 | Nhà máy nước | 68.500 |\n| | Tổng cộng | 209.000 |"),
        ("a | b | c trong một câu.\nDòng sau.", "a | b | c trong một câu.\nDòng sau."),  # one line is no table
        # "…, ngày lễ" wrapped in an item is no place-and-date line; "Hà Nội, ngày 12 …" is one
        ("+ Quản lý trẻ em vào dịp\nnghỉ hè, ngày lễ, ngày nghỉ;", "+ Quản lý trẻ em vào dịp nghỉ hè, ngày lễ, ngày nghỉ;"),
        ("Số: 12/KH-UBND\nHà Nội, ngày 12 tháng 3 năm 2026", "Số: 12/KH-UBND\nHà Nội, ngày 12 tháng 3 năm 2026"),
    ],
)
def test_small_cases(raw_text: str, expected: str) -> None:
    text, pages = normalize_text(raw_text)
    assert text == expected
    assert pages == [0]
    assert normalize_text(text)[0] == text


@pytest.mark.parametrize(
    ("raw_text", "expected", "page_starts"),
    [
        ("Trang một.\fTrang hai.", "Trang một.\n\nTrang hai.", [0, 12]),
        ("- Nội dung của\f2\nBan Chỉ đạo.", "- Nội dung của Ban Chỉ đạo.", [0, 15]),
        ("Một.\f\fHai.", "Một.\n\nHai.", [0, 6, 6]),
        ("Một.\f", "Một.", [0, 4]),
    ],
)
def test_page_starts(raw_text: str, expected: str, page_starts: list[int]) -> None:
    assert normalize_text(raw_text) == (expected, page_starts)


def test_normalizer_component_replaces_text_and_keeps_identity() -> None:
    doc = Document(text=raw("002"), id_="d2", metadata={"source": "002.txt"})
    (out,) = Normalizer()([doc])
    assert out.id_ == "d2" and out.metadata["source"] == "002.txt"
    assert out.get_content() == norm("002")
    assert out.metadata[META_PAGE_STARTS] == [0]




def test_a_header_and_a_signature_typed_in_two_columns_read_column_by_column() -> None:
    text, _ = normalize_text((FIXTURES / "two_columns.txt").read_text(encoding="utf-8"))
    lines = [ln for ln in text.split("\n") if ln]
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "Số: 2317/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Quảng Trị, ngày 14 tháng 10 năm 2025"]
    assert lines[-8:] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, KTN.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                          "PHÓ CHỦ TỊCH", "(đã ký)", "Phan Minh Khôi"]
    assert "QUYẾT ĐỊNH" in lines and lines.index("QUYẾT ĐỊNH") == 6  # the centred title stays where it is


def test_blanks_left_for_the_number_and_day_are_no_columns() -> None:
    text, _ = normalize_text("TỈNH ỦY ĐỒNG NAI\n*\n\nSố       -KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                             "   Đồng Nai, ngày      tháng 01 năm 2026\n")
    assert "Số -KH/TU" in text and "Đồng Nai, ngày tháng 01 năm 2026" in text


def test_a_signature_whose_name_is_typed_below_the_list_of_recipients() -> None:
    """The name sits four lines under "(đã ký)" while "Nơi nhận" runs on at the left; the appendix after it is
    no part of the signature."""
    raw = ("Nơi nhận:                                  KT. GIÁM ĐỐC\n"
           "- Bộ Xây dựng;                             PHÓ GIÁM ĐỐC\n"
           "- UBND tỉnh (b/c);\n"
           "- Giám đốc Sở;                                (đã ký)\n"
           "- Công an tỉnh;\n- Tỉnh đoàn;\n- UBND các xã, phường;\n"
           "- Báo tỉnh;                                Trịnh Quốc Vượng\n"
           "- Lưu: VT.\n\n"
           "                                 PHỤ LỤC I\n"
           "                 DANH MỤC NHIỆM VỤ TRỌNG TÂM\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines == ["Nơi nhận:", "- Bộ Xây dựng;", "- UBND tỉnh (b/c);", "- Giám đốc Sở;", "- Công an tỉnh;",
                     "- Tỉnh đoàn;", "- UBND các xã, phường;", "- Báo tỉnh;", "- Lưu: VT.", "KT. GIÁM ĐỐC",
                     "PHÓ GIÁM ĐỐC", "(đã ký)", "Trịnh Quốc Vượng", "PHỤ LỤC I", "DANH MỤC NHIỆM VỤ TRỌNG TÂM"]


def test_a_header_and_a_signature_laid_out_as_markdown_tables() -> None:
    raw = ("| TỈNH ỦY LAI SƠN | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| **HUYỆN ỦY MƯỜNG KHOA** | |\n| * | |\n"
           "| Số 86-KH/HU | *Mường Khoa, ngày 18 tháng 10 năm 2024* |\n\nKẾ HOẠCH\nđào tạo nghề\n\n"
           "| STT | Chỉ tiêu | Năm 2026 |\n|---|---|---|\n| 1 | Lao động được đào tạo nghề | 1.200 |\n\n"
           "| Nơi nhận: | T/M BAN THƯỜNG VỤ |\n|---|---|\n| - Thường trực Tỉnh ủy, | PHÓ BÍ THƯ |\n"
           "| - Lưu Văn phòng Huyện ủy. | (đã ký) |\n| | **Lò Văn Thiện** |\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines[:6] == ["TỈNH ỦY LAI SƠN", "HUYỆN ỦY MƯỜNG KHOA", "*", "Số 86-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Mường Khoa, ngày 18 tháng 10 năm 2024"]
    assert "| 1 | Lao động được đào tạo nghề | 1.200 |" in lines  # a data table stays a table
    assert lines[-7:] == ["Nơi nhận:", "- Thường trực Tỉnh ủy,", "- Lưu Văn phòng Huyện ủy.", "T/M BAN THƯỜNG VỤ",
                          "PHÓ BÍ THƯ", "(đã ký)", "Lò Văn Thiện"]


def test_running_heads_and_page_numbers_of_a_copied_pdf_are_dropped() -> None:
    """The line printed next to "Trang n/m" on every page is no text of the plan: it would cut a sentence running
    over the page in two."""
    raw = ("1. Phòng Nghiệp vụ Y: tham mưu Giám đốc Sở thành lập Ban Chỉ đạo chiến dịch, hoàn thành trước ngày\n"
           "25/8/2026; tổng hợp kết quả.\n\nTrang 1/2\n\nKế hoạch số 1245/KH-SYT - Sở Y tế tỉnh Bình Sơn\n\n"
           "2. Trung tâm Kiểm soát bệnh tật tỉnh: thiết lập đường dây nóng tiếp nhận thông tin phản ứng\n\n"
           "Trang 2/2\n\nKế hoạch số 1245/KH-SYT - Sở Y tế tỉnh Bình Sơn\n\nsau tiêm.\n")
    assert normalize_text(raw)[0].split("\n\n") == [
        "1. Phòng Nghiệp vụ Y: tham mưu Giám đốc Sở thành lập Ban Chỉ đạo chiến dịch, hoàn thành trước ngày "
        "25/8/2026; tổng hợp kết quả.",
        "2. Trung tâm Kiểm soát bệnh tật tỉnh: thiết lập đường dây nóng tiếp nhận thông tin phản ứng sau tiêm."]
    once = "Trang 1/2\n\nKế hoạch số 1245/KH-SYT - Sở Y tế tỉnh Bình Sơn\n\nNội dung.\n"
    assert "1245/KH-SYT" in normalize_text(once)[0]  # printed once, it is text


def test_a_numbered_paragraph_whose_label_runs_into_its_text_is_unwrapped() -> None:
    """"1. Phòng Nghiệp vụ Y: Là đầu mối …" reads like a heading on its first line only: its text goes on."""
    raw = ("1. Phòng Nghiệp vụ Y: Là đầu mối tham mưu Giám đốc Sở thành lập Ban\n"
           "Chỉ đạo chiến dịch tiêm bổ sung vắc xin MR.\n2. Kế hoạch tổng thể\nNội dung.\n")
    assert normalize_text(raw)[0].split("\n") == [
        "1. Phòng Nghiệp vụ Y: Là đầu mối tham mưu Giám đốc Sở thành lập Ban Chỉ đạo chiến dịch tiêm bổ sung vắc xin MR.",
        "2. Kế hoạch tổng thể", "Nội dung."]


def test_a_signers_name_read_from_a_scan_at_the_margin_below_the_recipients() -> None:
    """OCR gives the name printed under the seal no indent: it ends the signature, not the list of recipients."""
    raw = ("Nơi nhận:      TM. ỦY BAN NHÂN DÂN\n- UBND tỉnh (b/c);      KT. CHỦ TỊCH\n"
           "- Sở Nông nghiệp và PTNT;      PHÓ CHỦ TỊCH\n- TT Huyện ủy;\n- Lưu: VT, NN.\nLương Văn Khải\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nông nghiệp và PTNT;", "- TT Huyện ủy;",
                     "- Lưu: VT, NN.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lương Văn Khải"]


def test_a_signature_going_on_over_a_page_break() -> None:
    raw = ("Nơi nhận:                                  KT. GIÁM ĐỐC\n"
           "- Bộ Y tế (để b/c);                         PHÓ GIÁM ĐỐC\n"
           "- UBND tỉnh (để b/c);                         (Đã ký)\n- Giám đốc, các PGĐ Sở;\n\nTrang 6/7\n\n"
           "Kế hoạch số 1245/KH-SYT - Sở Y tế tỉnh Bình Sơn\n\n- Sở Giáo dục và Đào tạo;\n"
           "- UBND các huyện, thị xã, thành phố;       Trần Quốc Bảo\n- Lưu: VT, NVY.\n\nTrang 7/7\n\n"
           "Kế hoạch số 1245/KH-SYT - Sở Y tế tỉnh Bình Sơn\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines[-4:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Đã ký)", "Trần Quốc Bảo"]
    assert "- UBND các huyện, thị xã, thành phố;" in lines


def test_what_looks_like_a_running_head_or_a_wrapped_line_but_is_not() -> None:
    cells = "1\nXây dựng hệ thống\nSở Tài chính chủ trì\n2\nMua sắm thiết bị\nSở Tài chính chủ trì\n"
    assert normalize_text(cells)[0].count("Sở Tài chính chủ trì") == 2  # a table's cell beside its row numbers
    assert normalize_text("2. Lộ trình giai đoạn 2026 - 2030\n- 2026: hoàn thành 30%\n")[0].split("\n") == [
        "2. Lộ trình giai đoạn 2026 - 2030", "- 2026: hoàn thành 30%"]  # a year's item, no range wrapped
    assert normalize_text("1. Sở Y tế: Chủ trì triển khai Kế hoạch\n\nKinh phí do ngân sách bảo đảm.\n")[0].split(
        "\n\n") == ["1. Sở Y tế: Chủ trì triển khai Kế hoạch", "Kinh phí do ngân sách bảo đảm."]


def test_a_running_foot_goes_on_the_last_page_too() -> None:
    """The e-signature foot printed at each page's end, with the page number at the next page's top: gone from
    every page once seen beside two numbers, the last page's included, which no number follows."""
    foot = "Cơ quan: Ủy ban nhân dân tỉnh Vân Lĩnh    Thời gian ký: 22.12.2025 16:45:08 +07:00"
    raw = (f"Trang một có nội dung.\n\n{foot}\n\f   - 2 -\n\nTrang hai có nội dung.\n\n{foot}\n\f   - 3 -\n\n"
           f"Trang ba có nội dung.\n\n{foot}\n")
    text, _ = normalize_text(raw)
    assert "Thời gian ký" not in text and "Trang ba có nội dung." in text


def test_a_word_table_copied_as_text_keeps_a_cells_second_paragraph_in_its_row() -> None:
    """Word copies a cell of two paragraphs on two lines: the line bringing the row's missing tabs, or a line of no tab
    between two rows, goes on the cell above; a group's name, a bulleted line or a paragraph after the table stays
    apart, and a tab indenting a line separates nothing."""
    text = normalize_text(
        "STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian\tSản phẩm\n"
        "1\tLắp đặt\tSở A\tSở B\tQuý I/2027\tBáo cáo\nnghiệm thu công trình\n"
        "2\tXây dựng\tSở C (chủ trì)\nvà Sở D\tSở E\tNăm 2027\tQuyết định\n"
        "Nhóm 2: Đội ngũ\n3\tĐào tạo\tSở F\tSở G\t2027\tLớp học\nBản đồ số toàn tỉnh\n\n"
        "- Như Điều 3;\t(Đã ký)\n- Lưu: VT.\n\n\tĐoạn thụt lề.\n")[0]
    assert text.split("\n")[1:6] == [
        "1\tLắp đặt\tSở A\tSở B\tQuý I/2027\tBáo cáo nghiệm thu công trình",
        "2\tXây dựng\tSở C (chủ trì) và Sở D\tSở E\tNăm 2027\tQuyết định",
        "Nhóm 2: Đội ngũ", "3\tĐào tạo\tSở F\tSở G\t2027\tLớp học", "Bản đồ số toàn tỉnh"]
    assert "- Lưu: VT." in text.split("\n") and "Đoạn thụt lề." in text.split("\n")
    # a row of figures that lost its tabs under a second header row is a row of its own
    lines = normalize_text("TT\tThôn\tNăm 2026\nLượt khách\tDoanh thu\nTổng 30.000 1.500\n1\tBản Mòng\t18.000\t900\n")[0]
    assert "Tổng 30.000 1.500" in lines.split("\n")


@pytest.mark.parametrize(("text", "lines"), [
    # a header cell too narrow for the issuer's name: its last word printed on a line of its own
    ("ỦY BAN NHÂN DÂN TỈNH BẮC\nTRÀ\nSỞ NÔNG NGHIỆP VÀ MÔI\nTRƯỜNG",
     ["ỦY BAN NHÂN DÂN TỈNH BẮC TRÀ", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]),
    ("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nMẬT", ["ỦY BAN NHÂN DÂN TỈNH SƠN LA", "MẬT"]),  # a stamp stays a stamp
    ("DANH MỤC NHIỆM VỤ\nSTT", ["DANH MỤC NHIỆM VỤ", "STT"]),
    ("I. MỤC TIÊU\nCHUNG", ["I. MỤC TIÊU", "CHUNG"]),  # a numbered heading is complete
    # a lower-case word is no upper-case name's rest, though its letters ("đ", "ê") lie in the range "À-Ỹ"
    ("NHIỆM VỤ TRỌNG TÂM\nđể", ["NHIỆM VỤ TRỌNG TÂM", "để"]),
    ("Số: 12/KH-UBND Ân Thi, ngày 05 tháng 9 năm 2026", ["Số: 12/KH-UBND", "Ân Thi, ngày 05 tháng 9 năm 2026"]),
    # a PDF of a header table prints the number beside the date
    ("Số: 415/KH-SNNMT Bắc Trà, ngày 05 tháng 9 năm 2026", ["Số: 415/KH-SNNMT", "Bắc Trà, ngày 05 tháng 9 năm 2026"]),
])
def test_a_header_printed_from_a_table(text: str, lines: list[str]) -> None:
    assert normalize_text(text)[0].split("\n") == lines


def test_a_table_drawn_in_box_characters_is_a_table() -> None:
    """"┌──┬──┐" / "│ … │" (text with line drawing): the grid pandoc draws with "+--+", its cells wrapped over lines."""
    text = ("PHỤ LỤC CHỈ TIÊU\n\n"
            "┌─────┬───────────────────────────┬───────┬────────┐\n"
            "│ STT │ Chỉ tiêu                  │ ĐVT   │  Năm   │\n"
            "│     │                           │       │  2027  │\n"
            "╞═════╪═══════════════════════════╪═══════╪════════╡\n"
            "│  1  │ Tỷ lệ hộ nghèo sử dụng    │   %   │     43 │\n"
            "│     │ nước sạch đạt quy chuẩn   │       │        │\n"
            "├─────┼───────────────────────────┼───────┼────────┤\n"
            "│  2  │ Số công trình xây mới     │ công  │     10 │\n"
            "│     │                           │ trình │        │\n"
            "└─────┴───────────────────────────┴───────┴────────┘\n")
    lines = [line for line in normalize_text(text)[0].split("\n") if line.startswith("|")]
    assert lines == ["| STT | Chỉ tiêu | ĐVT | Năm 2027 |", "|---|---|---|---|",
                     "| 1 | Tỷ lệ hộ nghèo sử dụng nước sạch đạt quy chuẩn | % | 43 |",
                     "| 2 | Số công trình xây mới | công trình | 10 |"]


def test_a_row_cut_by_a_page_break_under_a_running_head_and_the_header_again_is_one_row() -> None:
    """A PDF read in columns: the next page opens with its running head, the table's header printed again, then the
    rest of the cut row's long cell; the rest joins its row, the header is not read twice."""
    head = ["STT   Chỉ tiêu                                   Đơn vị     Năm 2027     Năm 2028",
            "                                                  tính"]
    first = ["Các chỉ tiêu cụ thể như sau:", "", *head,
             "1     Xã đạt chuẩn nông thôn mới                 xã          12           15",
             "2     Hộ gia đình được sử dụng nước sạch          %           80           90"]
    second = ["                    Kế hoạch số 12/KH-UBND", "", *head, "      theo quy chuẩn",
              "3     Trường học đạt chuẩn quốc gia              trường      20           24", "", "II. NHIỆM VỤ"]
    lines = normalize_text(PAGE_BREAK.join(["\n".join(first), "\n".join(second)]))[0].splitlines()
    assert "| 2 | Hộ gia đình được sử dụng nước sạch theo quy chuẩn | % | 80 | 90 |" in lines
    assert "| 3 | Trường học đạt chuẩn quốc gia | trường | 20 | 24 |" in lines
    assert sum(line.startswith("| STT |") for line in lines) == 1


def test_a_ruled_table_read_page_by_page_is_one_table() -> None:
    """Pipe rows of a ruled table on each page (a PDF read cell by cell, a scan): the header printed again on the
    next page is left out, and the rest of a row the page break cut joins it, also when it opens on a figure; a row
    of its own on the next page stays one."""
    header = ["| STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |", "|---|---|---|---|"]
    first = [*header, "| 1 | Kiểm tra bếp ăn tập thể | Sở Y tế | Quý III/2025 |",
             "| 2 | Giám sát mối nguy ô nhiễm; lấy | Trung tâm Kiểm soát bệnh tật | Tháng 11/2025 |"]
    second = [*header, "| | 1.200 mẫu xét nghiệm | tỉnh | |", "| 3 | Xây dựng 05 chợ an toàn | Sở Công Thương | Quý IV/2025 |"]
    third = ["| | Tổng kết, khen thưởng | Sở Y tế | Tháng 12/2025 |", "|---|---|---|---|"]
    lines = [line for line in normalize_text(PAGE_BREAK.join("\n".join(p) for p in (first, second, third)))[0]
             .splitlines() if line]
    assert lines[:5] == [*header, "| 1 | Kiểm tra bếp ăn tập thể | Sở Y tế | Quý III/2025 |",
                         "| 2 | Giám sát mối nguy ô nhiễm; lấy 1.200 mẫu xét nghiệm | Trung tâm Kiểm soát bệnh tật tỉnh | "
                         "Tháng 11/2025 |", "| 3 | Xây dựng 05 chợ an toàn | Sở Công Thương | Quý IV/2025 |"]
    assert "| | Tổng kết, khen thưởng | Sở Y tế | Tháng 12/2025 |" in lines  # a capital: a row, not the rest of one


def test_a_ruled_table_going_on_without_its_header_keeps_its_rows() -> None:
    """A table printed on without its header: the reader marks the first row it reads on the new page as a header
    ("|---|" under it); numbered as the next row in as many cells, it is a row of the table, not a new table's
    column names. A first row that does not go on the numbering keeps its rule."""
    first = ["| TT | Nội dung | Kinh phí (đồng) |", "|---|---|---|", "| 1 | Hóa chất | 1.250.000.000 |",
             "| 2 | Truyền thông | 310.000.000 |"]
    second = ["| 3 | Tập huấn | 215.000.000 |", "|---|---|---|", "| | Tổng cộng | 1.775.000.000 |"]
    lines = [line for line in normalize_text(PAGE_BREAK.join("\n".join(p) for p in (first, second)))[0].splitlines()
             if line]
    assert lines == [*first, "| 3 | Tập huấn | 215.000.000 |", "| | Tổng cộng | 1.775.000.000 |"]
    other = ["| 1 | Phường Kim Lâm | Hằng tháng |", "|---|---|---|", "| 2 | Xã Tân Hưng | Hai tháng/lần |"]
    lines = [line for line in normalize_text(PAGE_BREAK.join("\n".join(p) for p in (first, other)))[0].splitlines()
             if line]
    assert lines[4:6] == other[:2]


def test_a_schedules_month_wrapped_in_its_narrow_column_is_that_month() -> None:
    """"T1 0": the name of a month column printed over two lines in a column too narrow for it."""
    names = ["T9", "T1 0", "T1 1", "T1 2"]
    raw = "\n".join(["| TT | Nội dung | Chủ trì | " + " | ".join(names) + " |", "|---|---|---|---|---|---|---|",
                     "| 1 | Kiểm tra | Ủy ban Kiểm tra | | x | x | |", "| 2 | Tổng kết | Văn phòng | | | | x |"])
    lines = normalize_text(raw)[0].splitlines()
    assert lines[0] == "| TT | Nội dung | Chủ trì | Thời gian thực hiện |"
    assert lines[2:] == ["| 1 | Kiểm tra | Ủy ban Kiểm tra | Tháng 10 - tháng 11 |", "| 2 | Tổng kết | Văn phòng | Tháng 12 |"]


def test_a_heading_ending_on_time_ahead_is_complete() -> None:
    """"… trong thời gian tới", "năm tới": the phrase ends there (no "tới" opening one), the paragraph after it is its
    own."""
    raw = "2. Nhiệm vụ trọng tâm trong thời gian tới\nDự báo đến hết tháng 6/2025 hạn mặn còn diễn biến phức tạp.\n"
    assert normalize_text(raw)[0].splitlines()[:2] == ["2. Nhiệm vụ trọng tâm trong thời gian tới",
                                                      "Dự báo đến hết tháng 6/2025 hạn mặn còn diễn biến phức tạp."]


@pytest.mark.parametrize("heading", ["5. Giáo dục, quản lý đảng viên dự bị", "6. Hậu cần, hóa chất, trang thiết bị"])
def test_a_heading_ending_on_a_word_whose_last_syllable_opens_phrases_is_complete(heading: str) -> None:
    """"bị" opens a passive ("bị xử lý"), but "dự bị", "thiết bị" are words: the heading ends there."""
    raw = f"{heading}\nChi bộ phân công đảng viên chính thức giúp đỡ.\n"
    assert normalize_text(raw)[0].splitlines()[:2] == [heading, "Chi bộ phân công đảng viên chính thức giúp đỡ."]


def test_a_plan_pasted_from_a_forwarded_mail_reads_as_the_plan() -> None:
    """Quote marks ("> ", ">> ") come off its lines; the mail's fields, the line saying who wrote the quoted text and
    the sender's signature after "--" are no text of the plan, so its header is read as a header."""
    raw = ("---------- Forwarded message ---------\nFrom: Văn phòng Huyện ủy <vp@example.vn>\n"
           "Date: Th 3, 9 thg 4, 2024 vào lúc 15:42\nSubject: V/v gửi Kế hoạch số 58-KH/HU\nTo: <a@example.vn>\n\n"
           "Kính gửi các đồng chí,\n\n> Vào Th 2, 8 thg 4, 2024 lúc 10:05 Ban Tuyên giáo Huyện ủy\n"
           "> <btg@example.vn> đã viết:\n> HUYỆN ỦY ĐỒNG VỌNG\n> Số 58-KH/HU\n> ĐẢNG CỘNG SẢN VIỆT NAM\n"
           "> Đồng Vọng, ngày 05 tháng 4 năm 2024\n>\n> KẾ HOẠCH\n> phòng, chống ma túy\n>\n"
           "> 3- Chỉ tiêu (đến hết năm 2025)\n> a- 100% chi bộ quán triệt Kế hoạch, hoàn thành trong\n"
           "> quý II/2024.\n>> b- Tăng số xã không có ma túy lên 10/18 xã.\n>\n\n--\nHoàng Thị A\nĐT: 0983 417 265\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines[0] == "Kính gửi các đồng chí,"
    assert "Số 58-KH/HU" in lines and "Đồng Vọng, ngày 05 tháng 4 năm 2024" in lines
    assert "a- 100% chi bộ quán triệt Kế hoạch, hoàn thành trong quý II/2024." in lines
    assert "b- Tăng số xã không có ma túy lên 10/18 xã." in lines
    assert not any(">" in ln or "đã viết" in ln or ln.startswith(("From:", "Date:", "Subject:")) for ln in lines)
    assert "Hoàng Thị A" not in lines
    aside = "Ghi chú:\n> Trích ý kiến Sở Tài chính.\nNội dung một.\nNội dung hai.\nNội dung ba.\nNội dung bốn.\n"
    assert "> Trích ý kiến Sở Tài chính." in normalize_text(aside)[0]  # one quoted line is no mail


def test_a_table_ruled_without_its_frame_reads_row_by_row() -> None:
    """"TT|Nhiệm vụ |Chủ trì" over "--+------+----", each row's cells wrapped over lines: one row a line, the pieces
    of each cell joined, the header kept."""
    raw = ("TT|Nhiệm vụ                |Chủ trì      |Thời gian\n"
           "--+------------------------+-------------+------------\n"
           "1 |Hội nghị quán triệt Chỉ |Ban Tuyên    |Tháng 4/2024\n"
           "  |thị 36-CT/TW            |giáo Huyện ủy|\n"
           "--+------------------------+-------------+------------\n"
           "2 |Tuyên truyền phòng,     |Phòng GD&ĐT  |Năm học 2024\n"
           "  |chống ma túy            |             |- 2025\n"
           "--+------------------------+-------------+------------\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines[0] == "| TT | Nhiệm vụ | Chủ trì | Thời gian |"
    assert "| 1 | Hội nghị quán triệt Chỉ thị 36-CT/TW | Ban Tuyên giáo Huyện ủy | Tháng 4/2024 |" in lines
    assert "| 2 | Tuyên truyền phòng, chống ma túy | Phòng GD&ĐT | Năm học 2024 - 2025 |" in lines


def test_a_browsers_running_head_and_foot_with_the_page_number_in_them_are_dropped() -> None:
    """A page printed from a browser: the time and title above each page, the address and "n/N" below, the first
    page's two run together; the same line but for its number at two pages' edges is none of the plan's text."""
    head = "12/5/26, 2:22 AM Kế hoạch phòng, chống thiên tai năm 2025 - Cổng thông tin điện tử xã Tân Lạc"
    foot = "http://tanlac.example.gov.vn/van-ban/ke-hoach-47.html"
    raw = (f"1) Kiện toàn Ban Chỉ huy, hoàn thành trước ngày 31/3/2025.\n{head} {foot} 1/3\n{PAGE_BREAK}{head}\n"
           f"2) Rà soát phương án ứng phó, trình UBND huyện trước ngày\n30/4/2025.\n{foot} 2/3\n{PAGE_BREAK}"
           f"{head}\n3) Tổ chức diễn tập tại thôn Bến Đình.\n{foot} 3/3\n")
    text, _ = normalize_text(raw)
    assert "2:22 AM" not in text and "http" not in text
    assert "2) Rà soát phương án ứng phó, trình UBND huyện trước ngày 30/4/2025." in text.split("\n")
    assert "3) Tổ chức diễn tập tại thôn Bến Đình." in text


def test_a_schedules_marked_months_become_the_rows_time() -> None:
    """"Thời gian thực hiện" over "T1" … "T12", an "x" in each month a task runs: one cell saying the months, under
    that name; a table of figures under years stays as it is."""
    months = "\t".join(f"T{m}" for m in range(1, 13))
    ticks = ["\t".join("x" if m in on else "" for m in range(1, 13)) for on in ((3, 4, 9), (12,))]
    raw = ("STT\tNội dung công việc\tĐơn vị chủ trì\tThời gian thực hiện" + "\t" * 11 + "\tGhi chú\n"
           f"STT\tNội dung công việc\tĐơn vị chủ trì\t{months}\tGhi chú\n"
           "I. TIÊM PHÒNG" + "\t" * 15 + "\n"
           f"1\tTiêm phòng Dại chó, mèo\tChi cục Chăn nuôi và Thú y\t{ticks[0]}\t\n"
           f"2\tTổng kết năm 2025\tChi cục Chăn nuôi và Thú y\t{ticks[1]}\tTrước 10/12/2025\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert lines[0].split("\t") == ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện", "Ghi chú"]
    assert lines[2].split("\t")[3] == "Tháng 3 - tháng 4, tháng 9"
    assert lines[3].split("\t")[3:] == ["Tháng 12", "Trước 10/12/2025"]
    figures = "STT\tHuyện\t2025\t2026\t2027\n1\tHuyện A\t30\t28\t25\n2\tHuyện B\t35\t33\t30\n"
    assert normalize_text(figures)[0].split("\n")[1].split("\t") == ["1", "Huyện A", "30", "28", "25"]


def test_a_numbered_paragraph_of_hard_wrapped_text_goes_on_over_its_lines() -> None:
    """Text cut at a width (an e-mail's 72 characters): a numbered paragraph whose first line reads like a heading
    goes on when that line filled the width; a short heading stays one."""
    body = "\n".join(["Các chi bộ căn cứ Kế hoạch này xây dựng kế hoạch thực hiện phù hợp với thực tế"] * 20)
    raw = (f"{body}\n4- Ủy ban Kiểm tra Huyện ủy chủ trì kiểm tra, giám sát việc thực hiện\n"
           "Kế hoạch; tham mưu xử lý kỷ luật cán bộ, đảng viên vi phạm.\n5- Kiểm tra, giám sát\n"
           "Định kỳ kiểm tra việc thực hiện ở các chi bộ, đảng bộ trực thuộc.\n")
    lines = normalize_text(raw)[0].split("\n")
    assert "4- Ủy ban Kiểm tra Huyện ủy chủ trì kiểm tra, giám sát việc thực hiện Kế hoạch; tham mưu xử lý kỷ luật " \
           "cán bộ, đảng viên vi phạm." in lines
    assert "5- Kiểm tra, giám sát" in lines


def test_a_total_row_under_a_table_laid_out_with_spaces_is_a_row_of_its_own() -> None:
    """"Tổng cộng   289 hộ/1.033 khẩu" has no number: it is the table's total, not the last row going on."""
    raw = ("STT  Khu vực/thôn                Số hộ/số khẩu        Lực lượng thực hiện\n"
           " 1   Thôn Bến Đình               86 hộ/312 khẩu       Tổ xung kích thôn\n"
           " 2   Cống tiêu Cồn Mít, cống     Vận hành tiêu úng    Hợp tác xã dịch vụ\n"
           "     tiêu Bến Đình                                    nông nghiệp\n"
           "     Tổng cộng                   289 hộ/1.033 khẩu\n\nD. TỔ CHỨC THỰC HIỆN\n")
    lines = normalize_text(raw)[0].split("\n")
    assert "| 2 | Cống tiêu Cồn Mít, cống tiêu Bến Đình | Vận hành tiêu úng | Hợp tác xã dịch vụ nông nghiệp |" in lines
    assert "| | Tổng cộng | 289 hộ/1.033 khẩu | |" in lines


def test_a_table_laid_out_with_spaces_and_no_number_column_reads_as_rows() -> None:
    """Copied from a PDF: no "STT", names wrapped under their columns, each row's cells wrapped onto a second line and
    a blank line between rows; the note after the table runs across its columns and is no row."""
    raw = ("IV. PHÂN BỔ CHỈ TIÊU THEO CỤM XÃ\n\n"
           "Cụm xã                     Số  Số hộ được  Điểm tập kết        Xã cụm trưởng\n"
           "                         xã     hỗ trợ\n\n"
           "Cụm I - Khu vực trung      12       2.400  Nhà văn hóa xã      Xã Tân Lập\n"
           "tâm                                        Tân Lập\n\n"
           "Cụm II - Khu vực ven       18       3.150  Trường tiểu học     Xã Hòa Bình\n"
           "sông Hồng                                  Hòa Bình\n\n"
           "Tổng cộng                  30       5.550\n\n"
           "      Ghi chú: Các cụm xã có thể điều chỉnh số hộ giữa các xã trong cụm nhưng không thấp hơn tổng số.\n")
    lines = normalize_text(raw)[0].split("\n")
    assert "| Cụm xã | Số xã | Số hộ được hỗ trợ | Điểm tập kết | Xã cụm trưởng |" in lines
    assert "| Cụm II - Khu vực ven sông Hồng | 18 | 3.150 | Trường tiểu học Hòa Bình | Xã Hòa Bình |" in lines
    assert "| Tổng cộng | 30 | 5.550 | | |" in lines
    assert not any(line.startswith("| Ghi chú") for line in lines)


def test_a_table_laid_out_with_spaces_one_line_a_row_and_no_number_column() -> None:
    raw = ("Đơn vị                 Số lớp   Số học viên   Thời gian\n"
           "Phường Bạch Đằng       4        120           Tháng 6/2026\n"
           "Xã Tân Lập             3        90            Tháng 7/2026\n\n"
           "V. KINH PHÍ\n")
    lines = normalize_text(raw)[0].split("\n")
    assert "| Xã Tân Lập | 3 | 90 | Tháng 7/2026 |" in lines and "V. KINH PHÍ" in lines


def test_a_plan_cut_from_a_gazette_is_its_own_pages() -> None:
    """Pages of a provincial gazette ("Công báo"): a running head with the page number on alternate sides, the end
    of the decision printed before the plan (its "Nơi nhận", its signer) and the header of the one after it. The
    plan's own header and signature stay, though they too open and close pages; the neighbours go."""
    head = "CÔNG BÁO/Số 25 + 26/Ngày 20-5-2025"
    pages = [
        [f"{head} 37", "Điều 4. Tổ chức thực hiện", "Các sở chịu trách nhiệm thi hành Quyết định này./.", "Nơi nhận:",
         "- Như Điều 4;", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lương Văn Khải"],
        [f"38 {head}", "ỦY BAN NHÂN DÂN", "TỈNH VÂN KHÊ", "Số: 1147/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Độc lập - Tự do - Hạnh phúc", "Vân Khê, ngày 14 tháng 5 năm 2025", "QUYẾT ĐỊNH",
         "Ban hành Kế hoạch phòng, chống đuối nước trẻ em tỉnh Vân Khê năm 2025", "ỦY BAN NHÂN DÂN TỈNH VÂN KHÊ",
         "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;", "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế "
         "hoạch phòng, chống đuối nước trẻ em.", "Nơi nhận:", "- Như Điều 1;", "TM. ỦY BAN NHÂN DÂN",
         "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Thị Thu Hà"],
        [f"{head} 39", "ỦY BAN NHÂN DÂN", "TỈNH VÂN KHÊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH",
         "Phòng, chống đuối nước trẻ em tỉnh Vân Khê năm 2025",
         "(Ban hành kèm theo Quyết định số 1147/QĐ-UBND ngày 14/5/2025)", "I. MỤC TIÊU",
         "Tỷ lệ trẻ em biết bơi an toàn đạt 42%.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
         "Đinh Thị Thu Hà"],
        [f"40 {head}", "ỦY BAN NHÂN DÂN", "TỈNH VÂN KHÊ", "Số: 1152/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "QUYẾT ĐỊNH", "Về việc công bố thủ tục hành chính"],
    ]
    text, _ = normalize_text(PAGE_BREAK.join("\n".join(page) for page in pages))
    assert "CÔNG BÁO" not in text and "Lương Văn Khải" not in text and "1152/QĐ-UBND" not in text
    assert text.startswith("ỦY BAN NHÂN DÂN\nTỈNH VÂN KHÊ\nSố: 1147/QĐ-UBND")
    assert text.count("Đinh Thị Thu Hà") == 2 and "Tỷ lệ trẻ em biết bơi an toàn đạt 42%." in text
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issuer"], meta["signer"]) == \
        ("1147/QĐ-UBND", "Ủy ban nhân dân tỉnh Vân Khê", "Đinh Thị Thu Hà")
    # the decision's authority under its title is no part of the title
    assert meta["title"] == "Quyết định ban hành Kế hoạch phòng, chống đuối nước trẻ em tỉnh Vân Khê năm 2025"


def test_a_wiki_export_keeps_the_document_and_its_cells_apart() -> None:
    """A plan exported from an intranet wiki to Markdown: the page's metadata block and its edit history go; a data
    cell's "<br>" parts are one value whose units stay apart; a "<br>" outside a table ends a line."""
    raw = "\n".join([
        "---", 'title: "Kế hoạch tuần lễ PCCC"', "tags: [pccc]", "updated_by: nguyen.van.a", "---", "",
        "# KẾ HOẠCH", "**Tổ chức Tuần lễ phòng cháy, chữa cháy huyện Minh Lạc năm 2026**", "",
        "| TT | Nội dung | Chủ trì | Phối hợp | Thời gian |", "|---|---|---|---|---|",
        "| 1 | Kiểm tra an toàn PCCC tại chợ | Công an huyện | Phòng Kinh tế và Hạ tầng<br>UBND các xã | Trước 30/4/2026 |",
        "| 2 | Diễn tập chữa cháy | Đơn vị<br>chủ trì | Công an xã | Quý II/2026 |", "",
        "**TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**", "", "**Lê Thị Hạnh**", "",
        "## Lịch sử chỉnh sửa", "| Phiên bản | Ngày | Ghi chú |", "|---|---|---|",
        "| 1.0 | 01/3/2026 | Bản nháp, dự kiến kinh phí 120 triệu đồng |",
    ])
    text, _ = normalize_text(raw)
    assert "updated_by" not in text and "Lịch sử chỉnh sửa" not in text and "120 triệu" not in text
    assert "| Phòng Kinh tế và Hạ tầng; UBND các xã |" in text
    assert "| Đơn vị chủ trì |" in text  # a name cut over two lines is one
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text
    assert extract_metadata(text)["signer"] == "Lê Thị Hạnh"


def test_a_schedule_annex_laid_out_in_a_pdf_reads_as_a_table() -> None:
    """A landscape annex exported to PDF (`pdftotext -layout`-like text): the narrow number column prints "TT" as "T"
    over "T" and the month columns "T10" as "T1" over "0"; a cell wraps at "(đợt" / "1)"; the ticked months are the
    task's time. (The lines are of a plan written for this test.)"""
    lines = [
        "PHỤ LỤC", "", "KẾ HOẠCH TRIỂN KHAI CÁC HOẠT ĐỘNG NĂM 2026", "",
        "T    Nội dung                         Đơn vị chủ trì      Đơn vị phối          T3    T4     T5    T6    T7    "
        "T8     T9    T1    T1     T1    Sản phẩm",
        "T                                                         hợp                                                 "
        "             0     1      2",
        "1    Khảo sát nhu cầu chuyển          Ban Kinh tế -       Hội Nông dân         x     x                        "
        "                                Báo cáo",
        "     đổi cây trồng tại các xã         Xã hội              các huyện                                           "
        "                                khảo sát",
        "2    Kiểm tra, giám sát việc          Ban Kiểm tra        Ban Kinh tế -                                       "
        "       x     x                  Thông báo",
        "     chuyển đổi tại cơ sở (đợt        Hội Nông dân        Xã hội                                              "
        "                                kết quả kiểm",
        "     1)                               tỉnh                                                                    "
        "                                tra",
    ]
    text, _ = normalize_text("\n".join(lines))
    assert "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm |" in text
    assert ("| 1 | Khảo sát nhu cầu chuyển đổi cây trồng tại các xã | Ban Kinh tế - Xã hội | Hội Nông dân các huyện | "
            "Tháng 3 - tháng 4 | Báo cáo khảo sát |") in text
    assert ("| 2 | Kiểm tra, giám sát việc chuyển đổi tại cơ sở (đợt 1) | Ban Kiểm tra Hội Nông dân tỉnh | Ban Kinh tế - "
            "Xã hội | Tháng 9 - tháng 10 | Thông báo kết quả kiểm tra |") in text


@pytest.mark.parametrize("rule", ["-" * 79, "=" * 79, "_" * 60])
def test_a_table_typed_with_spaces_between_drawn_rules_reads_as_a_table(rule: str) -> None:
    """A task table typed in an e-mail: a rule drawn above the header, under it and under the last row (not a name
    of the header, nor a row). Before, the rule under "TT" joined the header, its one name spanning every column,
    and the document failed to load. (The lines are of a plan written for this test.)"""
    lines = [
        "Các nhiệm vụ được phân công theo bảng sau:", "", rule,
        "TT   Nhiệm vụ                     Chủ trì         Phối hợp         Thời gian",
        rule,
        "1    Truyền thông về an toàn      Sở Y tế         Báo Kim Hà       15/12/2025 -",
        "     thực phẩm dịp Tết                                             15/3/2026",
        "",
        "2    Kiểm tra liên ngành cơ sở    Sở Y tế         Công an tỉnh;    20/12/2025 -",
        "     kinh doanh thực phẩm                         Sở Công Thương   10/02/2026",
        rule, "", "Ghi chú: kinh phí theo Mục V.",
    ]
    text, _ = normalize_text("\n".join(lines))
    assert "| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |" in text
    assert "| 1 | Truyền thông về an toàn thực phẩm dịp Tết | Sở Y tế | Báo Kim Hà | 15/12/2025 - 15/3/2026 |" in text
    assert ("| 2 | Kiểm tra liên ngành cơ sở kinh doanh thực phẩm | Sở Y tế | Công an tỉnh; Sở Công Thương | "
            "20/12/2025 - 10/02/2026 |") in text
    assert "Ghi chú: kinh phí theo Mục V." in text


def test_a_reply_quoted_above_a_plan_that_is_not_loses_its_marks() -> None:
    """A mail carrying a plan unquoted below a short reply that is ("> Chị ơi, … xác nhận lại" / "> mấy điểm …"):
    the reply's marks and the line saying who wrote it come off, its wrapped lines join; the plan is as it was."""
    raw = ("Chủ đề: Fwd: Kế hoạch số 21/KH-BCĐ\n\nVào 17:05 ngày 01/12/2025, Văn phòng đã viết:\n"
           "> Chị ơi, Văn phòng xin xác nhận lại\n> mấy điểm cho đúng:\n>\n"
           "> 1. Đợt cao điểm tính từ ngày 15/12/2025 đến ngày\n> 15/3/2026, đúng không chị?\n\n"
           + "\n".join(["UBND TỈNH KIM HÀ", "Số: 21/KH-BCĐ", "KẾ HOẠCH", "Bảo đảm an toàn thực phẩm Tết",
                        "I. MỤC TIÊU", "1. Không để xảy ra ngộ độc thực phẩm.", "2. 100% bếp ăn tập thể được kiểm tra.",
                        "II. TỔ CHỨC THỰC HIỆN", "Sở Y tế chủ trì.", "Nơi nhận:", "- Lưu: VT."]) + "\n")
    lines = [ln for ln in normalize_text(raw)[0].split("\n") if ln]
    assert "Chị ơi, Văn phòng xin xác nhận lại mấy điểm cho đúng:" in lines
    assert "1. Đợt cao điểm tính từ ngày 15/12/2025 đến ngày 15/3/2026, đúng không chị?" in lines
    assert not any(ln.startswith(">") or "đã viết" in ln for ln in lines)
    assert "1. Không để xảy ra ngộ độc thực phẩm." in lines and "Sở Y tế chủ trì." in lines


def test_a_range_cut_at_the_lines_width_is_joined_again() -> None:
    """ext10 is hard-wrapped at about 80 characters: "… tốc độ tăng bình quân 05" / "- 06%/năm. …" is one range,
    no bullet; a list item opening with a figure after a line that ends a sentence stays an item."""
    text = normalize_text((CORPUS.parent / "corpus-ext" / "ext10.txt").read_text(encoding="utf-8"))[0]
    assert "tốc độ tăng bình quân 05 - 06%/năm. Thị trường định hướng xuất khẩu: Trung Quốc, Úc, Nhật Bản, Hàn Quốc..." \
        in text
    assert not any(line.startswith("- 06%") for line in text.split("\n"))


def test_word_list_labels_pasted_with_a_tab_are_items_not_table_rows() -> None:
    """Word's numbering copied into Notepad ends each label with a tab ("1.<tab>Mục đích", "-<tab>Nâng cao …"): items
    and headings, not rows of two cells whose next line would be read as a wrapped cell; a table's own "1<tab>…" rows
    stay rows."""
    text = ("II.\tMỤC TIÊU\n1.\tĐến ngày 30/6/2026, 100% hộ gia đình tại 03 tổ dân phố thí điểm phân loại rác.\n"
            "5.\tKiểm tra, giám sát\nTổ kiểm tra liên ngành của phường kiểm tra định kỳ hằng tháng.\n"
            "-\tNgân sách phường: 286 triệu đồng;\n"
            "TT\tNhóm chất thải\tMàu thùng\n1\tChất thải thực phẩm\tMàu xanh lá cây\n2\tChất thải khác\tMàu cam\n")
    lines = normalize_text(text)[0].split("\n")
    assert lines[:5] == ["II. MỤC TIÊU", "1. Đến ngày 30/6/2026, 100% hộ gia đình tại 03 tổ dân phố thí điểm phân loại rác.",
                         "5. Kiểm tra, giám sát", "Tổ kiểm tra liên ngành của phường kiểm tra định kỳ hằng tháng.",
                         "- Ngân sách phường: 286 triệu đồng;"]
    assert "1\tChất thải thực phẩm\tMàu xanh lá cây" in lines


BILINGUAL = """ỦY BAN NHÂN DÂN
TỈNH TÂY LĨNH
PEOPLE'S COMMITTEE
OF TAY LINH PROVINCE
Số: 46/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
SOCIALIST REPUBLIC OF VIET NAM
Independence - Freedom - Happiness
Tây Lĩnh, ngày 12 tháng 01 năm 2026 Tay Linh, 12 January 2026

KẾ HOẠCH / PLAN
Tuyển chọn lao động đi làm việc thời vụ tại Hàn Quốc năm 2026 Selection of seasonal workers for Korea in 2026

1\tThông báo chỉ tiêu đến các xã (Announce quotas to communes)\tSở Nội vụ (Dept. of Home Affairs)\tTrước ngày 31/01/2026
2\tKhám sức khỏe (Health checks)\tSở Y tế (Department of Health)\tTháng 02/2026
3\tKý hợp đồng, làm thủ tục thị thực (visa E-8)\tTrung tâm Dịch vụ việc làm (Employment Service Centre)\tTháng 3/2026

KT. CHỦ TỊCH
FOR THE CHAIRMAN
PHÓ CHỦ TỊCH
VICE CHAIRMAN
Lương Thị Bích Hạnh
"""


def test_a_plan_given_with_its_english_rendering_reads_as_its_vietnamese() -> None:
    """Lines in English and the rendering bracketed or run on after Vietnamese words are left out; a code in
    brackets ("visa E-8") and a plan's own English name of one word are not English renderings."""
    text, _ = normalize_text(BILINGUAL)
    for english in ("PEOPLE'S COMMITTEE", "Independence", "January", "PLAN", "Selection", "Home Affairs",
                    "Health checks", "Employment Service", "FOR THE CHAIRMAN", "VICE CHAIRMAN"):
        assert english not in text, english
    for kept in ("TỈNH TÂY LĨNH", "Tây Lĩnh, ngày 12 tháng 01 năm 2026", "KẾ HOẠCH\n",
                 "tại Hàn Quốc năm 2026\n", "Sở Nội vụ\tTrước ngày 31/01/2026", "(visa E-8)", "PHÓ CHỦ TỊCH\nLương"):
        assert kept in text, kept


def test_a_few_english_names_in_a_vietnamese_plan_are_its_own() -> None:
    """"Big Data", "(AI Office)": terms a plan uses, not a rendering of it."""
    plain = "Ứng dụng Big Data trong quản lý.\nThành lập Văn phòng AI (AI Office) của tỉnh.\n"
    assert normalize_text(plain)[0] == plain.rstrip("\n")


def test_a_signer_name_alone_on_its_line_ends_there() -> None:
    """A mail's next line ("87-KH-UBND.pdf 412K", the sender) does not run into the signer's name under "(Đã ký)";
    two capitalised words alone may be a place wrapped and still join."""
    text, _ = normalize_text("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nTrần Minh Quân\n87-KH-UBND_trat tu.pdf 412K\n"
                             "Phạm Thị Thu Trang <trang@example.com> 10:15\n")
    assert "Trần Minh Quân" in text.split("\n")
    assert extract_metadata(text)["signer"] == "Trần Minh Quân"
    wrapped, _ = normalize_text("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Thị Thu\nTrang\n")
    assert "Nguyễn Thị Thu Trang" in wrapped.split("\n")
    body, _ = normalize_text("Giao cho\nTrung Tâm Y Tế\nHuyện Phú Lộc chủ trì.\n")  # no signature above: one sentence
    assert "Giao cho Trung Tâm Y Tế Huyện Phú Lộc chủ trì." in body.split("\n")
