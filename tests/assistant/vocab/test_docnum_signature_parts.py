"""Document numbers, signature blocks and the parts of a document."""

from __future__ import annotations

import pytest

from assistant.vocab.docnum import doc_numbers, kind_code, number_line, without_dated_references
from assistant.vocab.parts import (
    announces_list,
    cites_document,
    is_frame_section,
    is_motto,
    is_state_section,
    restates_plan,
    states_grounds,
)
from assistant.vocab.signature import (
    copy_block_start,
    named_as_official,
    signature_block,
    signature_name_spans,
    signature_span,
    signing_lines,
)


@pytest.mark.parametrize(
    ("line", "number"),
    [("Số: 308/KH-UBND", "308/KH-UBND"), ("Số 3260-KH/ĐĐQH15", "3260-KH/ĐĐQH15"), ("Số:      -KH/TU", ""),
     ("Số:", ""), ("Số liệu thống kê", None)],
)
def test_number_line(line: str, number: str | None) -> None:
    assert number_line(line) == number


def test_doc_numbers_and_kinds() -> None:
    assert doc_numbers("theo Nghị quyết số 57-\nNQ/TW và 308/KH-UBND, 179/2025/NĐ-CP; 57-NQ/TW") == [
        "57-NQ/TW", "308/KH-UBND", "179/2025/NĐ-CP"]
    assert [kind_code(n) for n in ("308/KH-UBND", "57-NQ/TW", "179/2025/NĐ-CP", "01-CTr/BCĐ")] == [
        "KH", "NQ", "NĐ", "CTr"]


@pytest.mark.parametrize(
    ("lines", "title", "name"),
    [
        (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Nguyễn Ngọc Thành"], "Phó Bí thư Thường trực",
         "Nguyễn Ngọc Thành"),
        (["TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"], "Phó Chủ tịch",
         "Trương Việt Dũng"),
        (["T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Ngọc Thành"], "Phó Bí thư Thường trực",
         "Nguyễn Ngọc Thành"),
        (["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "[đã ký] Nguyễn Hòa Bình"], "Phó Thủ tướng",
         "Nguyễn Hòa Bình"),
        (["THỦ TƯỚNG", "", "Phạm Minh Chính"], "Thủ tướng", "Phạm Minh Chính"),
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TRẦN VĂN BÌNH"], "Phó Chủ tịch", "Trần Văn Bình"),
        # a scan whose title lost its marks to OCR: still a title, not the signer's name in capitals
        (["TM. ỦY BAN NHÂN DÂN", "KT CHỦ TỊCH", "PHO CHU TỊCH", "Lương Văn Khải"], "Phó Chủ tịch", "Lương Văn Khải"),
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TRƯƠNG VIỆT DŨNG"], "Phó Chủ tịch", "Trương Việt Dũng"),
        # a scanned signature page: a speck in the title, a seal's mark, a "Nơi nhận" item read across the columns
        (["T/M ĐẢNG ỦY", "BÍ 'THƯ", "⁄", "", "- Lưu Văn phòng Đảng ủy.", "Hà Văn Tịnh"], "Bí thư", "Hà Văn Tịnh"),
    ],
)
def test_signature_block(lines: list[str], title: str, name: str) -> None:
    found = signature_block(lines)
    assert found is not None and found[2:] == (title, name)


def test_officials_named_with_their_title() -> None:
    text = "Thay mặt Bộ Chính trị, Tổng Bí thư Tô Lâm đã ký. Liên hệ đồng chí Đặng Thu Trang."
    assert named_as_official(text, text.index("Tô Lâm"), text.index("Tô Lâm") + 6)
    assert not named_as_official(text, text.index("Đặng"), text.index("Đặng") + 14)


def test_parts() -> None:
    assert is_motto("CỘNG HÒA XÃ HỘI") and is_motto("Độc lập - Tự do - Hạnh phúc") and not is_motto("ỦY BAN NHÂN DÂN")
    assert is_frame_section("I. MỤC ĐÍCH, YÊU CẦU > 1. Mục đích") and not is_frame_section("II. NHIỆM VỤ")
    assert announces_list("… ban hành Kế hoạch, cụ thể như sau:") and not announces_list("Sở Y tế chủ trì.")
    # what a plan carries out: its preamble, or a Party title's second line in lower case
    assert states_grounds("thực hiện Nghị quyết số 06-NQ/TU ngày 16/02/2026 của Ban Chấp hành Đảng bộ tỉnh")
    assert states_grounds("Căn cứ Luật Thủy lợi ngày 19 tháng 6 năm 2017;") and not states_grounds("Sở Y tế chủ trì.")
    # a line opening on a document's kind and number: one more ground, in a preamble or a "Căn cứ" list
    assert cites_document("Công văn số 6676/BYT-CDS ngày 29 tháng 10 năm 2024 của Bộ Y tế về việc triển khai …")
    assert cites_document("- Quyết định số 185-QĐ/TW, ngày 01/10/2024 của Ban Bí thư")
    assert not cites_document("Quyết định này có hiệu lực kể từ ngày ký.") and not cites_document("Sở Y tế chủ trì.")


@pytest.mark.parametrize(("section", "state"), [
    ("II. NỘI DUNG > 1. Tình hình chung", True),
    ("I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN", True),
    ("Thực trạng", True),
    # a part's number written out, a year's results, what fell short
    ("Phần 1. ĐÁNH GIÁ TÌNH HÌNH DỊCH BỆNH NĂM 2024 > 1.2. Kết quả tiêm phòng năm 2024", True),
    ("1.3. Tồn tại, hạn chế", True),
    ("II. KẾT QUẢ DỰ KIẾN", False),  # results to come are targets
    ("3. Kết quả/sản phẩm", False),
    # headings using the words name no past state
    ("II. MỤC TIÊU > 2. Chỉ tiêu đánh giá", False),
    ("V. KIỂM TRA, GIÁM SÁT, ĐÁNH GIÁ", False),
    ("IV. Chế độ báo cáo tình hình thực hiện", False),
])
def test_state_sections(section: str, state: bool) -> None:
    assert is_state_section(section) is state


@pytest.mark.parametrize(("sentence", "restates"), [
    ("Trên đây là Kế hoạch triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai.", True),
    ("Tren day la Ke hoach cua UBND xa.", True),
    ("Kế hoạch này thay thế Kế hoạch số 464-KH/TU.", False),
])
def test_the_closing_sentence_naming_the_plan_again(sentence: str, restates: bool) -> None:
    assert restates_plan(sentence) is restates


def test_the_lines_that_say_who_signs() -> None:
    """A scanned block's speck and the recipient item read across the columns say nothing of who signs."""
    assert signing_lines(["T/M ĐẢNG ỦY", "BÍ THƯ", "⁄", "", "- Lưu Văn phòng Đảng ủy.", "(Đã ký)", "Hà Văn Tịnh"]) == [
        "T/M ĐẢNG ỦY", "BÍ THƯ", "Hà Văn Tịnh"]


def test_a_signature_a_scan_read_across_the_recipients_column() -> None:
    """OCR of a page whose "Nơi nhận" list and signature stand side by side runs them into one line each: the
    authority after "Nơi nhận:", the title after an item's ";", the name after "Lưu: VT." (a seal's words read in,
    "ẤN DÂN", are no name)."""
    lines = ["Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Sở Nông nghiệp và Môi trường (b/c); CHỦ TỊCH",
             "- UBMTTQVN xã; Hội Nông dân xã; ẤN DÂN", "- Các phòng thuộc UBND xã; * XÃ PHƯỚC LÂM *",
             "- Lưu: VT, KT. Hồ Văn Thạnh"]
    assert signature_block(lines) == (0, 4, "Chủ tịch", "Hồ Văn Thạnh")
    assert signing_lines(lines) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Văn Thạnh"]
    # an annex's heading after the titles is no name in capitals: the name was not read
    assert signature_block(["Nơi nhận: KT. GIÁM ĐỐC", "- Lưu: VT. PHÓ GIÁM ĐỐC", "", "PHỤ LỤC"]) is None


def test_a_signers_name_below_the_recipients_read_under_the_block() -> None:
    """A scan whose two columns come out one under the other: the titles, then the rest of the "Nơi nhận" list and
    blank lines, then the name — the items and blank lines are no lines of the block, the name is the signer's."""
    text = "\n".join(["Nơi nhận:", "- Sở Y tế tỉnh Tân Phong (b/c);", "", "TM. ỦY BAN NHÂN DÂN", "TT CHỦ TỊCH",
                      "PHÓ CHỦ TỊCH", "", "- UBMTTQ Việt Nam xã và các đoàn thể;", "", "- Các cơ quan, đơn vị tại mục VI;",
                      "", "- Ban nhân dân 11 ấp;", "", "- Lưu: VT, VHXH.", "", "Lê Thị Kim Loan"])
    assert [text[a:b] for a, b in signature_name_spans(text)] == ["Lê Thị Kim Loan"]


def test_a_copys_block_is_no_part_of_the_document_it_copies() -> None:
    """A "bản sao y" (Nghị định 30/2020): after the plan's signer, the copying body's name and number, "SAO Y", its
    date, recipients and signer. The block opens at the body's name; the plan's signature is the one before it."""
    lines = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình", "", "SỞ Y TẾ", "Số: 12/SY-SYT", "SAO Y",
             "An Hà, ngày 10 tháng 3 năm 2026", "Nơi nhận:", "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hoa"]
    assert copy_block_start(lines) == 3
    text = "\n".join(lines)
    span = signature_span(text)
    assert span is not None and text[span[0]:span[1]].endswith("Trần Văn Bình")
    assert copy_block_start(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]) is None
    assert copy_block_start(["Sao y bản chính các văn bản đến trước ngày 15/3."]) is None  # a duty, no copy


def test_a_second_body_signing_without_an_authority_line_is_in_the_span() -> None:
    """A joint plan: one body signs "TM. BAN THƯỜNG VỤ", the other's head signs in their own name ("BẢO HIỂM XÃ HỘI
    TỈNH" / "GIÁM ĐỐC"), the blocks side by side read one after the other: the span holds both; an annex after a
    signature is no second block."""
    text = ("Hai bên kịp thời trao đổi./.\n\nTM. BAN THƯỜNG VỤ\nHỘI NÔNG DÂN TỈNH\nCHỦ TỊCH\nĐặng Quốc Hưng\n\n"
            "BẢO HIỂM XÃ HỘI TỈNH\nGIÁM ĐỐC\nVũ Thị Thanh Hương\n\nNơi nhận:\n- BHXH Việt Nam (b/c);\n- Lưu: VT.")
    span = signature_span(text)
    assert span is not None
    assert text[span[0]:span[1]].startswith("TM. BAN THƯỜNG VỤ") and text[span[0]:span[1]].endswith("Vũ Thị Thanh Hương")
    text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n\nPHỤ LỤC\nBẢNG PHÂN CÔNG\nGIÁM ĐỐC SỞ\nTrần Văn Bình"
    span = signature_span(text)
    assert span is not None and text[span[0]:span[1]].endswith("Nguyễn Văn An")


@pytest.mark.parametrize(("text", "left"), [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", "Căn cứ  ;"),
    ("Quyết định số 496/QĐ-TTg ngày 30/3/2021; hoàn thành trước ngày 30/6/2026",
     "Quyết định số  ; hoàn thành trước ngày 30/6/2026"),
    ("Trình sửa đổi Luật Đất đai trước ngày 30/6/2026", "Trình sửa đổi Luật Đất đai trước ngày 30/6/2026"),
    ("luật hóa trước ngày 30/6/2026", "luật hóa trước ngày 30/6/2026"),
])
def test_a_document_cited_with_its_date_by_number_or_as_a_law_by_name(text: str, left: str) -> None:
    assert without_dated_references(text) == left
