"""Spreadsheets, saved web pages, old Word and OpenDocument files: built here with openpyxl, python-docx and
LibreOffice, read into the text the later stages expect (table rows with their header, one line per
paragraph), and a Vietnamese reason for each one that cannot be read."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import docx
import openpyxl
import pypdf
import pytest
from conftest import excel_plan_bytes, laid_out_docx, to_cp1258
from test_load import make_pdf

from assistant.domain import UPLOAD_TYPES
from ingest.encodings import encode
from ingest.formats import soffice
from ingest.load import SUPPORTED_EXTENSIONS, Limits, LoadError, load_bytes, load_document
from ingest.metadata import extract_metadata
from ingest.model import META_FILE_TYPE, PAGE_BREAK
from ingest.normalize import normalize_text
from ingest.structure import parse_structure

HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Chỉ tiêu"]
TASKS = [
    [1, "Rà soát hạ tầng mạng nội bộ", "Văn phòng Đảng ủy", "Ban Xây dựng Đảng", dt.datetime(2026, 3, 31), 1.0],
    [2, "Số hóa hồ sơ đảng viên", "Ban Xây dựng Đảng", "Các chi bộ trực thuộc", dt.date(2026, 6, 30), 0.75],
    [3, "Tập huấn kỹ năng số\ncho cán bộ", "Ủy ban Kiểm tra Đảng ủy", None, "Quý III/2026", None],
]


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ 2026"
    sheet.append(["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026 CỦA ĐẢNG ỦY PHƯỜNG BẠCH ĐẰNG"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(HEADER)
    for task in TASKS:
        sheet.append(task)
        sheet.cell(sheet.max_row, 6).number_format = "0%"
    book.create_sheet("Sheet2")  # empty: left out
    annex = book.create_sheet("Phụ lục")
    annex.append(["Đơn vị", "Số cán bộ được tập huấn"])
    annex.append(["Chi bộ khu phố 1", 12])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def table_rows(text: str) -> list[dict[str, str]]:
    normalized, _ = normalize_text(text)
    return [b["cells"] for b in parse_structure(normalized) if b["kind"] == "table_row" and b["cells"]]


def test_registry_covers_the_new_types_and_upload_forms_offer_them() -> None:
    assert {".xlsx", ".html", ".htm", ".doc", ".odt", ".png", ".jpg", ".tif", ".xps", ".oxps", ".xml"} <= \
        set(SUPPORTED_EXTENSIONS)
    assert sorted(UPLOAD_TYPES) == sorted(SUPPORTED_EXTENSIONS)  # the UI and API list what the loader reads


# --- XLSX ----------------------------------------------------------------------------------------


def test_xlsx_rows_are_a_table_with_their_header() -> None:
    doc = load_bytes("nhiem-vu.xlsx", xlsx_bytes(), Limits())
    assert doc.metadata[META_FILE_TYPE] == "xlsx"
    assert doc.text.splitlines() == [
        "Nhiệm vụ 2026",
        "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026 CỦA ĐẢNG ỦY PHƯỜNG BẠCH ĐẰNG",
        "\t".join(HEADER),
        "1\tRà soát hạ tầng mạng nội bộ\tVăn phòng Đảng ủy\tBan Xây dựng Đảng\t31/03/2026\t100%",
        "2\tSố hóa hồ sơ đảng viên\tBan Xây dựng Đảng\tCác chi bộ trực thuộc\t30/06/2026\t75%",
        "3\tTập huấn kỹ năng số cho cán bộ\tỦy ban Kiểm tra Đảng ủy\t\tQuý III/2026\t",
        "",
        "Phụ lục",
        "Đơn vị\tSố cán bộ được tập huấn",
        "Chi bộ khu phố 1\t12",
    ]


def test_xlsx_rows_become_table_rows_like_a_plan_table() -> None:
    rows = table_rows(load_bytes("nhiem-vu.xlsx", xlsx_bytes(), Limits()).text)
    assert rows[0]["Đơn vị chủ trì"] == "Văn phòng Đảng ủy"
    assert rows[0]["Đơn vị phối hợp"] == "Ban Xây dựng Đảng"
    assert rows[1]["Nội dung nhiệm vụ"] == "Số hóa hồ sơ đảng viên"
    assert rows[2]["Thời gian hoàn thành"] == "Quý III/2026"
    assert [r["Đơn vị chủ trì"] for r in rows[:3]] == [t[2] for t in TASKS]


def test_a_plan_typed_into_a_sheet_has_its_header_and_signature_read_column_by_column() -> None:
    """A whole plan typed into a spreadsheet: issuer beside the motto and "Nơi nhận" beside the signature, a cell each
    (a tab apart in the text), as a header typed in two columns is read."""
    from ingest.metadata import extract_metadata

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kế hoạch"
    for row in [["ỦY BAN NHÂN DÂN TỈNH ĐÔNG HẢI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                ["SỞ Y TẾ", "Độc lập - Tự do - Hạnh phúc"], ["Số: 152/KH-SYT"],
                ["Đông Hải, ngày 16 tháng 01 năm 2026"], ["KẾ HOẠCH"], ["Tiêm chủng mở rộng giai đoạn 2026 - 2030"],
                ["1. Trung tâm Kiểm soát bệnh tật tỉnh chủ trì tổ chức tiêm chủng, hoàn thành trong quý IV/2026."],
                ["Nơi nhận:", "KT. GIÁM ĐỐC"], ["- Bộ Y tế (b/c);", "PHÓ GIÁM ĐỐC"], ["- UBND tỉnh (b/c);", "(Đã ký)"],
                ["- Lưu: VT, NVY.", "Trần Thị Minh Nguyệt"]]:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    text, _ = normalize_text(load_bytes("tiem-chung.xlsx", buf.getvalue(), Limits()).text)
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"], meta["issuer"], meta["signer"], meta["signer_title"]) == (
        "152/KH-SYT", "2026-01-16", "Sở Y tế", "Trần Thị Minh Nguyệt", "Phó Giám đốc")


def test_broken_xlsx_has_a_vietnamese_reason() -> None:
    data = xlsx_bytes()
    with pytest.raises(LoadError, match="XLSX bị hỏng"):
        load_bytes("hong.xlsx", data[: len(data) // 2], Limits())


# --- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Cổng thông tin</title>
<style>p {{ color: red }}</style><script>var a = "<p>không phải nội dung</p>";</script></head>
<body><nav><a href="/">Trang chủ</a></nav>
<h1>KẾ HOẠCH</h1><p>Chuyển đổi số trong các cơ quan đảng<br>phường Bạch Đằng năm 2026</p>
<h2>I. MỤC ĐÍCH, YÊU CẦU</h2>
<ul><li>Bảo đảm an toàn &amp; bảo mật thông tin;</li><li>Hoàn thành trước 31/12/2026.</li></ul>
<table><tr><th>STT</th><th>Nội dung</th><th>Đơn vị chủ trì</th></tr>
<tr><td>1</td><td>Rà soát   hạ tầng
mạng</td><td>Văn phòng Đảng ủy</td></tr></table>
<p>Nơi nhận:</p></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1258", "utf-16"])
def test_html_page_text_in_order(charset: str) -> None:
    page = PAGE.format(charset=charset)
    data = to_cp1258(page) if charset == "windows-1258" else page.encode(charset)
    doc = load_bytes("trang.html", data, Limits())
    assert doc.metadata[META_FILE_TYPE] == "html"
    assert doc.text.splitlines() == [  # the portal's menu (<nav>) is no part of the document
        "KẾ HOẠCH",
        "Chuyển đổi số trong các cơ quan đảng",
        "phường Bạch Đằng năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Bảo đảm an toàn & bảo mật thông tin;",
        "- Hoàn thành trước 31/12/2026.",
        "STT\tNội dung\tĐơn vị chủ trì",
        "1\tRà soát hạ tầng mạng\tVăn phòng Đảng ủy",
        "",
        "Nơi nhận:",
    ]
    assert table_rows(doc.text) == [{"STT": "1", "Nội dung": "Rà soát hạ tầng mạng",
                                     "Đơn vị chủ trì": "Văn phòng Đảng ủy"}]


PORTAL = """<html><head><meta charset="utf-8"></head><body>
<header id="site-header"><div class="site-name">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NAM SƠN</div></header>
<nav><ul><li>Trang chủ</li><li>Văn bản chỉ đạo điều hành</li></ul></nav>
<main><article><header><h1>Kế hoạch bảo đảm an toàn thực phẩm</h1></header>
<table border="0"><tr><td><p><strong>ỦY BAN NHÂN DÂN<br>TỈNH NAM SƠN</strong><br>-------</p><p>Số: 215/KH-UBND</p></td>
<td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</strong></p>
<p><em>Nam Sơn, ngày 18 tháng 3 năm 2026</em></p></td></tr></table>
<p><strong>KẾ HOẠCH</strong></p><p>Bảo đảm an toàn thực phẩm giai đoạn 2026 - 2030</p>
<table border="0"><tr><td><p><strong>Nơi nhận:</strong><br>- Bộ Y tế;<br>- Lưu: VT.</p></td>
<td><p><strong>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH</strong></p><p>&nbsp;</p>
<p><strong>Nguyễn Thị Thanh Hương</strong></p></td></tr></table></article></main>
<aside><p>Tin liên quan</p></aside><footer><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh Nam Sơn</p></footer>
</body></html>"""


def test_a_portal_page_gives_the_document_and_its_header_and_signature_line_by_line() -> None:
    """A plan as a provincial portal publishes it: the site's banner, menu, side column and footer are left out
    (the article's own header is kept); the header and signature laid out in borderless tables are read column by
    column, line by line, so number, date, issuer and signer are found as in a typed plan."""
    doc = load_bytes("ke-hoach.html", PORTAL.encode("utf-8"), Limits())
    assert doc.text.splitlines() == [
        "Kế hoạch bảo đảm an toàn thực phẩm",
        "ỦY BAN NHÂN DÂN", "TỈNH NAM SƠN", "-------", "Số: 215/KH-UBND", "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nam Sơn, ngày 18 tháng 3 năm 2026", "",
        "",
        "KẾ HOẠCH", "Bảo đảm an toàn thực phẩm giai đoạn 2026 - 2030",
        "Nơi nhận:", "- Bộ Y tế;", "- Lưu: VT.", "",
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thanh Hương",
    ]
    meta = extract_metadata(normalize_text(doc.text)[0])
    assert (meta["doc_number"], meta["issuer"], meta["signer"]) == (
        "215/KH-UBND", "Ủy ban nhân dân tỉnh Nam Sơn", "Nguyễn Thị Thanh Hương")


# --- DOC and ODT ---------------------------------------------------------------------------------

PARAGRAPHS = ["ĐẢNG BỘ PHƯỜNG BẠCH ĐẰNG", "KẾ HOẠCH", "Chuyển đổi số trong các cơ quan đảng năm 2026",
              "I. MỤC ĐÍCH, YÊU CẦU", "- Nâng cao hiệu quả lãnh đạo, chỉ đạo của Đảng ủy."]

needs_office = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (make office)")


def plan_docx(path: Path) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["STT", "Nội dung", "Đơn vị chủ trì"]):
        table.rows[0].cells[i].text = text
    for i, text in enumerate(["1", "Rà soát hạ tầng mạng", "Văn phòng Đảng ủy"]):
        table.rows[1].cells[i].text = text
    document.save(str(path))
    return path


def convert(source: Path, ext: str) -> Path:
    """The test's own LibreOffice run, making the old-format file a user would have."""
    subprocess.run([str(soffice()), "--headless", f"-env:UserInstallation={(source.parent / 'p').as_uri()}",
                    "--convert-to", ext, "--outdir", str(source.parent), str(source)],
                   check=True, capture_output=True, timeout=300)
    return source.with_suffix(f".{ext}")


@needs_office
@pytest.mark.parametrize("ext", ["doc", "odt", "fodt", "rtf"])
def test_doc_odt_and_rtf_read_like_the_docx_they_came_from(tmp_path: Path, ext: str) -> None:
    source = plan_docx(tmp_path / "ke-hoach.docx")
    old = convert(source, ext if ext in ("rtf", "fodt") else "odt")
    if ext == "doc":  # LibreOffice 7.4 drops python-docx tables going straight to .doc; through .odt it keeps them
        (tmp_path / "doc").mkdir()
        old = convert(old.rename(tmp_path / "doc" / old.name), "doc")
    before = set(Path("/dev/shm").glob("troly-office-*"))
    doc = load_document(old)
    assert doc.metadata[META_FILE_TYPE] == ext
    assert doc.text == load_document(source).text
    assert doc.text.splitlines()[:5] == PARAGRAPHS
    assert "1\tRà soát hạ tầng mạng\tVăn phòng Đảng ủy" in doc.text
    assert set(Path("/dev/shm").glob("troly-office-*")) == before  # the work folder is gone


@needs_office
@pytest.mark.parametrize("ext", ["doc", "rtf"])
def test_an_old_word_file_typed_in_vntime_reads_as_unicode(tmp_path: Path, ext: str) -> None:
    """The old .doc or .rtf of an office that typed in the ".Vn" fonts: LibreOffice keeps each run's font, and the
    font says the text is TCVN3 (the title in .VnTimeH, the capitals-only cut)."""
    from docx.oxml.ns import qn

    def typed(text: str) -> str:
        return "".join(bytes([b]).decode("cp1252") for b in encode(text, "tcvn3"))

    document = docx.Document()
    normal = document.styles["Normal"].element.get_or_add_rPr()
    normal.get_or_add_rFonts().set(qn("w:ascii"), ".VnTime")
    normal.get_or_add_rFonts().set(qn("w:hAnsi"), ".VnTime")
    title = document.add_paragraph().add_run(typed("kế hoạch phòng, chống thiên tai năm 2025"))
    title._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), ".VnTimeH")
    title._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), ".VnTimeH")
    document.add_paragraph(typed("- Phòng Nông nghiệp chủ trì, hoàn thành trước ngày 15/5/2025."))
    document.save(str(tmp_path / "ke-hoach.docx"))
    old = convert(tmp_path / "ke-hoach.docx", ext)
    assert load_document(old).text.splitlines() == ["KẾ HOẠCH PHÒNG, CHỐNG THIÊN TAI NĂM 2025",
                                                    "- Phòng Nông nghiệp chủ trì, hoàn thành trước ngày 15/5/2025."]


@needs_office
def test_broken_doc_has_a_vietnamese_reason(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="DOC bị hỏng"):
        load_bytes("hong.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, Limits())
    with pytest.raises(LoadError, match="RTF bị hỏng"):
        load_bytes("hong.rtf", b"{\\rtf1\\ansi " + b"\x00" * 600, Limits())
    with pytest.raises(LoadError, match="FODT bị hỏng"):  # an XML file LibreOffice reads as no text document
        load_bytes("hong.fodt", b"<?xml version='1.0'?><a>" + b"x" * 600 + b"</a>", Limits())


def test_doc_without_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without LibreOffice: PATH holds no soffice (a real condition, not a mock)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("soffice") is None
    with pytest.raises(LoadError, match="Chưa cài LibreOffice") as err:
        load_bytes("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 100, Limits())
    assert "make office" in str(err.value)


# --- HTML inside markdown (Word exported with pandoc) ---------------------------------------------

PANDOC_TABLE = """Các nhiệm vụ cụ thể như sau:

<table>
<thead>
<tr class="header">
<th rowspan="2"><strong>TT</strong></th>
<th rowspan="2"><strong>Nhiệm vụ</strong></th>
<th rowspan="2"><strong>Đơn vị chủ trì</strong></th>
<th colspan="2"><strong>Thời gian thực hiện</strong></th>
<th rowspan="2"><strong>Kinh phí (triệu đồng)</strong></th>
</tr>
<tr class="odd">
<th><strong>Bắt đầu</strong></th>
<th><strong>Hoàn thành</strong></th>
</tr>
</thead>
<tbody>
<tr><td colspan="6"><strong>I. ĐÀO TẠO</strong></td></tr>
<tr><td>1</td><td>Đào tạo sơ cấp cho 900 lao động</td><td rowspan="2">Các trường được đặt hàng</td>
<td>01/4/2027</td><td>30/11/2027</td><td>3.600</td></tr>
<tr><td>2</td><td>Chi trả tiền ăn cho người học</td><td>01/4/2027</td><td>15/12/2027</td><td>740</td></tr>
<tr><td>3</td><td>Kiểm tra 30% số lớp</td><td>Thanh tra Sở</td><td>01/7/2027</td><td>15/12/2027</td><td>90</td></tr>
</tbody>
</table>
"""


def test_an_html_table_in_markdown_keeps_merged_cells_in_their_columns() -> None:
    """The header's two rows name each column; the group row is a group; the lead merged down two rows leads both."""
    rows = table_rows(PANDOC_TABLE)
    assert rows[1] == {
        "Nhóm": "ĐÀO TẠO", "STT": "2", "Nhiệm vụ": "Chi trả tiền ăn cho người học",
        "Đơn vị chủ trì": "Các trường được đặt hàng", "Thời gian thực hiện - Bắt đầu": "01/4/2027",
        "Thời gian thực hiện - Hoàn thành": "15/12/2027", "Kinh phí (triệu đồng)": "740",
    }
    assert [r["Đơn vị chủ trì"] for r in rows] == ["Các trường được đặt hàng"] * 2 + ["Thanh tra Sở"]


@needs_office
def test_a_pdf_printed_from_a_header_table_gives_number_date_issuer(tmp_path: Path) -> None:
    """LibreOffice prints the header's narrow cells wrapped ("… TỈNH BẮC" / "TRÀ") and the number beside the date on
    one line: the issuer's name is joined again and the number and date parted."""
    from ingest.metadata import extract_metadata

    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(laid_out_docx(
        "ỦY BAN NHÂN DÂN TỈNH BẮC TRÀ\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Số: 415/KH-SNNMT",
        "Bắc Trà, ngày 05 tháng 9 năm 2026",
        ["KẾ HOẠCH", "Phòng, chống dịch bệnh trên đàn gia súc năm 2027", "I. TỔ CHỨC THỰC HIỆN",
         "1. Chi cục Chăn nuôi và Thú y chủ trì tiêm phòng, hoàn thành trong quý II/2027."],
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nLê Văn Tám"))
    pdf = convert(source, "pdf")
    text = normalize_text(load_document(pdf).text)[0]
    assert "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n" in text and "Số: 415/KH-SNNMT\nBắc Trà, ngày 05" in text
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"], meta["issuer"], meta["signer"]) == (
        "415/KH-SNNMT", "2026-09-05", "Sở Nông nghiệp và Môi trường", "Lê Văn Tám")


def _target_table_docx(path: Path, rows: int) -> Path:
    """A plan whose target table runs over a page, its header row repeated on each page as Word users set it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("đ) Các chỉ tiêu cụ thể theo từng năm được xác định tại Bảng 1 dưới đây:")
    names = ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Năm 2027", "Năm 2028"]
    table = document.add_table(rows=rows + 1, cols=len(names))
    table.style = "Table Grid"
    for k, width in enumerate([Cm(1.2), Cm(7.5), Cm(1.8), Cm(1.8), Cm(1.8), Cm(1.8)]):
        for cell in table.columns[k].cells:
            cell.width = width
    for k, name in enumerate(names):
        table.rows[0].cells[k].text = name
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for i in range(1, rows + 1):
        what = (f"Mẫu thực phẩm được kiểm nghiệm nhanh tại bếp ăn tập thể của trường học nhóm {i}" if i % 2
                else f"Bếp ăn nhóm {i}")
        for k, value in enumerate([str(i), what, "mẫu", f"{i}.000", f"{i}.500", f"{i + 1}.000"]):
            table.rows[i].cells[k].text = value
    document.add_paragraph("IV. NHIỆM VỤ CỤ THỂ")
    document.add_paragraph("1. Sở Y tế chủ trì kiểm tra liên ngành, hoàn thành trong quý II/2027.")
    document.save(str(path))
    return path


@needs_office
def test_a_pdf_table_over_two_pages_is_read_row_by_row(tmp_path: Path) -> None:
    """A PDF's plain text runs a row's cells together ("mẫu 3.000 3.500 4.000") and its long cells over lines: the
    pages with a table are read in columns, each row one line under the header, the header printed again on the
    next page left out, the heading after the table no part of its last row."""
    pdf = convert(_target_table_docx(tmp_path / "chi-tieu.docx", 40), "pdf")
    text = normalize_text(load_document(pdf).text)[0]
    lines = text.splitlines()
    assert lines.count("| STT | Chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2027 | Năm 2028 |") == 1
    assert "| 9 | Mẫu thực phẩm được kiểm nghiệm nhanh tại bếp ăn tập thể của trường học nhóm 9 | mẫu | 9.000 | " \
           "9.500 | 10.000 |" in lines
    assert "| 40 | Bếp ăn nhóm 40 | mẫu | 40.000 | 40.500 | 41.000 |" in lines  # on the second page
    assert sum(line.startswith("| ") and line[2].isdigit() for line in lines) == 40
    assert "IV. NHIỆM VỤ CỤ THỂ" in lines


def ruled_pdf(folder: Path, heading: str, rows: list[tuple[str, ...]], after: str) -> Path:
    """A Word table drawn with rules ("Table Grid") between two paragraphs, printed to PDF by LibreOffice."""
    document = docx.Document()
    document.add_paragraph(heading)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for k, value in enumerate(row):
            table.rows[i].cells[k].text = value
    document.add_paragraph(after)
    document.save(str(folder / "bang.docx"))
    return convert(folder / "bang.docx", "pdf")


@needs_office
def test_a_ruled_table_of_any_columns_printed_to_pdf_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A table is found by the rules it is drawn with, whatever its columns are called ("Khu vực", "Số trường …"):
    the plain text runs its cells and wrapped names together ("Khu vực miền núi 35 4.200 Phòng Giáo dục")."""
    rows = [("Khu vực", "Số trường tham gia", "Số học sinh học bơi", "Đơn vị đầu mối"),
            ("Khu vực ven biển (Cửa Lạch, Hải Đông, Tân An)", "48", "9.600", "Phòng Giáo dục Thể chất"),
            ("Khu vực miền núi phía Tây", "35", "4.200", "Phòng Giáo dục dân tộc"),
            ("Tổng cộng", "83", "13.800", "")]
    pdf = ruled_pdf(tmp_path, "4. Chỉ tiêu dạy bơi phân theo khu vực", rows, "IV. KINH PHÍ")
    lines = normalize_text(load_document(pdf).text)[0].splitlines()
    assert "| Khu vực | Số trường tham gia | Số học sinh học bơi | Đơn vị đầu mối |" in lines
    assert "| Khu vực miền núi phía Tây | 35 | 4.200 | Phòng Giáo dục dân tộc |" in lines
    assert "IV. KINH PHÍ" in lines


@needs_office
def test_a_ruled_table_under_a_watermark_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A plan downloaded from a document system: who downloaded it and when, drawn aslant three times down each
    page and across its table. The watermark is no text of the plan, and the table is still read by its rules (the
    mark's letters cut into its cells, and run onto its column names, "… 14:27TTHoạt động", hid it)."""
    rows = [("TT", "Hoạt động", "Thời gian", "Đơn vị chủ trì"),
            ("1", "Lễ hội Xuân hồng năm 2026", "Từ 02/3 đến 15/3/2026", "Hội Chữ thập đỏ tỉnh"),
            ("2", "Hành trình Đỏ năm 2026", "Tháng 7/2026", "Hội Chữ thập đỏ tỉnh, Tỉnh đoàn")]
    pdf = ruled_pdf(tmp_path, "1. Tổ chức các đợt hiến máu cao điểm theo lịch sau:", rows, "2. Tổ chức tiếp nhận máu.")
    mark = "Phạm Thu Trang - Văn phòng Sở Y tế - 09/01/2026 14:27"
    # one mark starting beside the table's column names, as the extraction then runs them together
    over = pypdf.PdfReader(io.BytesIO(make_pdf([[]], marks=(mark, mark, mark), at=((40, 686), (60, 400), (80, 150)))))
    over = over.pages[0]
    writer = pypdf.PdfWriter(clone_from=pdf)
    for page in writer.pages:
        page.merge_page(over)
    marked = tmp_path / "tai_ve.pdf"
    writer.write(marked)
    text = load_document(marked).text
    assert "Phạm Thu Trang" not in text and "14:27" not in text, text
    lines = normalize_text(text)[0].splitlines()
    assert "| TT | Hoạt động | Thời gian | Đơn vị chủ trì |" in lines, lines
    assert "| 2 | Hành trình Đỏ năm 2026 | Tháng 7/2026 | Hội Chữ thập đỏ tỉnh, Tỉnh đoàn |" in lines
    assert "2. Tổ chức tiếp nhận máu." in lines


@needs_office
def test_a_plan_printed_two_pages_per_sheet_reads_page_after_page(tmp_path: Path) -> None:
    """"In 2 trang trên 1 tờ": two portrait pages shrunk side by side on a landscape sheet. Read across, a row of
    the table on the left page runs into the text on the right one; each page is read in turn, and the table's
    rows going on from the left page to the right one stay rows of one table (its header printed once)."""
    rows = [("TT", "Nội dung", "Đơn vị thực hiện", "Kinh phí (đồng)")]
    rows += [(str(n), f"Hoạt động số {n} của chiến dịch", f"Trung tâm Y tế khu vực {n}", f"{n}0.000.000")
             for n in range(1, 46)]
    pdf = ruled_pdf(tmp_path, "Phụ lục 2\nDỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026", rows, "Tổng cộng các khoản")
    pages = pypdf.PdfReader(pdf).pages
    assert len(pages) >= 2
    writer = pypdf.PdfWriter()
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    scale = width / height * 0.95  # each page a little smaller than half the sheet, as a printer shrinks it
    for start in range(0, len(pages), 2):
        sheet = writer.add_blank_page(height, width)  # landscape: the portrait page's sides swapped
        for k, page in enumerate(pages[start:start + 2]):
            left = (height / 2 - width * scale) / 2 + k * height / 2
            sheet.merge_transformed_page(page, pypdf.Transformation().scale(scale).translate(left, 0))
    two_up = tmp_path / "in-2-trang.pdf"
    writer.write(two_up)
    lines = normalize_text(load_document(two_up).text)[0].splitlines()
    assert lines.count("| TT | Nội dung | Đơn vị thực hiện | Kinh phí (đồng) |") == 1
    for n in (1, 30, 45):
        assert f"| {n} | Hoạt động số {n} của chiến dịch | Trung tâm Y tế khu vực {n} | {n}0.000.000 |" in lines
    assert sum(line.startswith("| ") and line[2].isdigit() for line in lines) == 45
    assert sum(line.startswith("|---") for line in lines) == 1


@needs_office
def test_a_text_layer_off_its_rules_is_read_whole(tmp_path: Path) -> None:
    """A copier's searchable scan: the text its OCR found sits a little off the rules its image draws. Read cell
    by cell, the cells cut through its words ("dịc", "YC x rư k") and take a line twice; the page is read from its
    text layer instead, every word once. (The scan is made by moving the text of a typed PDF 6 points down, under
    rules left where they are: what a copier's OCR layer does, without the OCR.)"""
    rows = [("Đoàn", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đối tượng kiểm tra trọng tâm"),
            ("Đoàn số 1", "Sở Y tế", "Công an tỉnh, Sở Văn hóa, Thể thao và Du lịch",
             "Bếp ăn tập thể khu công nghiệp, nhà hàng, khách sạn, dịch vụ ăn uống tại lễ hội"),
            ("Đoàn số 2", "Sở Công Thương", "Công an tỉnh, Sở Y tế",
             "Chợ, siêu thị, cơ sở sản xuất bánh, mứt, kẹo, rượu, bia, nước giải khát")]
    pdf = ruled_pdf(tmp_path, "2. Kiểm tra liên ngành", rows, "3. Giám sát, phòng ngừa ngộ độc thực phẩm")
    writer = pypdf.PdfWriter(clone_from=pdf)
    content = writer.pages[0].get_contents()
    assert content is not None
    moved = re.sub(rb"\bET\b", b"ET Q", re.sub(rb"\bBT\b", b"q 1 0 0 1 0 -6 cm BT", content.get_data()))
    content.set_data(moved)
    writer.pages[0].replace_contents(content)
    scan = tmp_path / "ban-quet.pdf"
    writer.write(scan)
    text = " ".join(normalize_text(load_document(scan).text)[0].split())
    assert "Đoàn số 2 Sở Công Thương Công an tỉnh, Sở Y tế Chợ, siêu thị, cơ sở sản xuất bánh, mứt, kẹo, rượu, bia, " \
           "nước giải khát" in text
    assert "3. Giám sát, phòng ngừa ngộ độc thực phẩm" in text
    words = re.findall(r"\w+", text)
    assert words.count("Đoàn") == 3 and words.count("khát") == 1  # no line read twice


def test_a_plan_kept_in_excel_reads_as_a_plan() -> None:
    text = load_bytes("kenh-muong.xlsx", excel_plan_bytes(), Limits()).text
    assert "KẾ HOẠCH" in text.splitlines()  # a paragraph of the sheet is a line, not a row padded with tabs
    normalized, _ = normalize_text(text)
    meta = extract_metadata(normalized)
    assert (meta["doc_number"], meta["issued_date"], meta["signer"]) == ("41/KH-UBND", "2025-02-10", "Đặng Văn Lực")
    assert meta["title"] == "Kế hoạch nạo vét kênh mương nội đồng năm 2025"
    rows = table_rows(text)
    tasks = [r for r in rows if "Nội dung nhiệm vụ" in r]
    # the header's three rows name each column; the lead merged down leads both tasks
    assert tasks[1]["Tổ chức thực hiện - Đơn vị thực hiện - Chủ trì"] == "Phòng Nông nghiệp"
    assert tasks[1]["Tổ chức thực hiện - Đơn vị thực hiện - Phối hợp"] == "Hợp tác xã Đồng Tiến"
    assert tasks[1]["Tổ chức thực hiện - Thời gian - Hoàn thành"] == "Tháng 5/2025"
    assert tasks[1]["Nhóm"] == "NẠO VÉT KÊNH MƯƠNG"  # the group row merged across is said once, above its rows
    communes = [r for r in rows if "Xã" in r]
    assert communes[1]["Xã"] == "Xã Kim Tây" and communes[1]["Chiều dài kênh nạo vét (km) - Năm 2026"] == "7"


# a schedule annex: who leads, who takes part, the months ticked, the product; long cells that come within a space of
# the next column and run over a page ("Nội dung … tại các trường THPT, Ban Thanh" read as one line by position)
SCHEDULE = [
    ("1", "Tổ chức ngoại khóa, sân khấu hóa về phòng, chống ma túy tại các trường trung học phổ thông, trung tâm "
          "giáo dục nghề nghiệp theo hình thức cuốn chiếu, mỗi tháng tối thiểu ba trường", "Ban Thanh niên trường học",
     "Sở Giáo dục và Đào tạo; Công an tỉnh", (3, 4, 5, 9, 10, 11), "30 buổi ngoại khóa",
     "Tháng 3 - tháng 5, tháng 9 - tháng 11"),
    ("2", "Hướng dẫn sinh hoạt chi đoàn chủ điểm hưởng ứng Tháng hành động phòng, chống ma túy", "Các huyện, thị, "
          "thành Đoàn", "Ban Tổ chức - Kiểm tra Tỉnh Đoàn", (6,), "Tài liệu sinh hoạt chủ điểm", "Tháng 6"),
    ("3", "Duy trì chuyên mục tuyên truyền trên trang thông tin điện tử và mạng xã hội của Tỉnh Đoàn, đăng tải tối "
          "thiểu hai tin, bài mỗi tuần", "Ban Tuyên giáo", "Ban Thanh niên trường học", tuple(range(3, 13)),
     "Tối thiểu 02 tin, bài/tuần", "Tháng 3 - tháng 12"),
    ("4", "Tập huấn kỹ năng nhận diện dấu hiệu sử dụng chất gây nghiện, tư vấn, hỗ trợ tâm lý cho bí thư đoàn "
          "trường, giáo viên chủ nhiệm và cán bộ y tế trường học", "Ban Thanh niên trường học",
     "Bệnh viện Tâm thần tỉnh; Công an tỉnh", (3, 8), "02 lớp tập huấn", "Tháng 3, tháng 8"),
] + [(str(n), f"Kiểm tra, giám sát việc triển khai kế hoạch tại cơ sở đoàn của cụm thi đua số {n - 4}, kết hợp "
               "khảo sát nhu cầu hỗ trợ tâm lý của học sinh, sinh viên và tổng hợp kiến nghị của nhà trường",
      "Ủy ban Kiểm tra Tỉnh Đoàn", "Ban Thanh niên trường học", (n % 10 + 3,), f"Thông báo kết quả đợt {n - 4}",
      f"Tháng {n % 10 + 3}") for n in range(5, 15)]
SCHEDULE_MONTHS = range(3, 13)
# a table of the same annex grouped by unit: the unit only in its row merged across, its tasks under it
GROUPED = [("1. Sở Y tế", [("1.1", "Giám sát mối nguy ô nhiễm thực phẩm; lấy 1.200 mẫu xét nghiệm",
                             "Trung tâm Kiểm soát bệnh tật tỉnh", "Tháng 11/2025", "Báo cáo kết quả giám sát")]),
           ("2. Sở Công Thương", [("2.1", "Xây dựng 05 chợ kinh doanh thực phẩm an toàn", "UBND cấp huyện",
                                   "Quý IV/2025", "05 chợ được công nhận")])]


def _schedule_docx(path: Path) -> Path:
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("LỊCH TRIỂN KHAI CÁC HOẠT ĐỘNG NĂM 2025")
    names = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", *(f"T{m}" for m in SCHEDULE_MONTHS), "Sản phẩm"]
    widths = [Cm(1.0), Cm(6.0), Cm(3.2), Cm(3.2), *(Cm(0.9) for _ in SCHEDULE_MONTHS), Cm(3.0)]
    table = document.add_table(rows=1, cols=len(names))
    table.style = "Table Grid"
    for k, name in enumerate(names):
        table.rows[0].cells[k].text = name
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for number, task, lead, co, months, product, _ in SCHEDULE:
        ticks = ["x" if m in months else "" for m in SCHEDULE_MONTHS]
        for cell, value in zip(table.add_row().cells, [number, task, lead, co, *ticks, product], strict=True):
            cell.text = value
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    document.add_paragraph("PHÂN CÔNG THEO ĐƠN VỊ")
    grouped = document.add_table(rows=1, cols=5)
    grouped.style = "Table Grid"
    for k, name in enumerate(["STT", "Nhiệm vụ", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"]):
        grouped.rows[0].cells[k].text = name
    for unit, tasks in GROUPED:
        cells = grouped.add_row().cells
        cells[0].merge(cells[-1]).text = unit
        for values in tasks:
            for cell, value in zip(grouped.add_row().cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path


@needs_office
def test_a_schedule_printed_to_pdf_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A ruled table printed to PDF is read from its ruling lines, cell by cell: every task whole with its lead,
    co-units, months and product, also a row the page break cut and a cell whose words come near the next column;
    a table grouped by unit gives its tasks the unit of their group row."""
    from ingest.facts import extract_tasks

    pdf = convert(_schedule_docx(tmp_path / "phu-luc.docx"), "pdf")
    text, _ = normalize_text(load_document(pdf).text)
    tasks = [{k: v["text"] for k, v in t["fields"].items()} for t in extract_tasks(text, parse_structure(text))]
    assert [(t["task"], t["lead"], t["co"], t["timing"], t["product"]) for t in tasks[:len(SCHEDULE)]] == [
        (task, lead, co, said, product) for _, task, lead, co, _, product, said in SCHEDULE]
    assert [(t["task"], t["lead"], t["co"]) for t in tasks[len(SCHEDULE):]] == [
        (task, unit.split(". ", 1)[1], co) for unit, rows in GROUPED for _, task, co, _, _ in rows]
    assert text.count("| TT | Nội dung |") == 1  # the header printed again on each page is read once


# --- a saved e-mail (.eml) -----------------------------------------------------------------------

_MAIL_PLAN_HTML = (
    "<p>Kính gửi các đơn vị,</p><p>Văn phòng chuyển tiếp Kế hoạch số 21/KH-UBND.</p>"
    "<p>UBND TỈNH TÂN HÀ</p><p>Số: 21/KH-UBND</p><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
    "<p>Tân Hà, ngày 05 tháng 01 năm 2026</p><p><b>KẾ HOẠCH</b></p><p>Phòng, chống dịch bệnh gia súc năm 2026</p>"
    "<p>I. NHIỆM VỤ</p><table><tr><td>STT</td><td>Nội dung nhiệm vụ</td><td>Đơn vị chủ trì</td>"
    "<td>Thời gian hoàn thành</td></tr><tr><td>1</td><td>Tiêm phòng vắc-xin lở mồm long móng</td>"
    "<td>Sở Nông nghiệp và Môi trường</td><td>Trước ngày 30/4/2026</td></tr></table>")


def _mail(html: str | None, plain: str | None, attachment: bool = False) -> bytes:
    """A message as a webmail saves it: quoted-printable UTF-8 parts, a PDF attached."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "vp@tanha.gov.vn", "donvi@tanha.gov.vn", "Fwd: Kế hoạch 21/KH-UBND"
    msg["Date"] = "Tue, 06 Jan 2026 08:47:00 +0700"
    if plain is not None:
        msg.set_content(plain, cte="quoted-printable")
    if html is not None:
        if plain is None:
            msg.set_content(html, subtype="html", cte="quoted-printable")
        else:
            msg.add_alternative(html, subtype="html", cte="quoted-printable")
    if attachment:
        msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="21-KH-UBND.pdf")
    return msg.as_bytes()


def test_a_saved_mail_is_read_from_its_html_body_with_its_table() -> None:
    doc = load_bytes("ke-hoach.eml", _mail(_MAIL_PLAN_HTML, "Kính gửi các đơn vị, (bản văn bản thuần)", True),
                     Limits())
    text = doc.text
    assert "1\tTiêm phòng vắc-xin lở mồm long móng\tSở Nông nghiệp và Môi trường\tTrước ngày 30/4/2026" in text
    assert "bản văn bản thuần" not in text and text.endswith("Tệp đính kèm (không đọc): 21-KH-UBND.pdf")
    assert extract_metadata(normalize_text(text)[0])["doc_number"] == "21/KH-UBND"
    rows = [b for b in parse_structure(normalize_text(text)[0]) if b["kind"] == "table_row"]
    assert rows and rows[0]["cells"]["Đơn vị chủ trì"] == "Sở Nông nghiệp và Môi trường"


def test_a_saved_mail_without_a_table_is_read_from_its_plain_body() -> None:
    plain = "Kính gửi các đơn vị,\nĐề nghị các xã báo cáo kết quả tiêm phòng trước ngày 15/5/2026.\n"
    text = load_bytes("thu.eml", _mail("<p>Kính gửi các đơn vị,</p>", plain), Limits()).text
    assert "báo cáo kết quả tiêm phòng trước ngày 15/5/2026" in text


# --- a web page saved as one file (.mht) ------------------------------------------------------------------

_WORD_PAGE = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset='utf-8'>"
    "<style>p.MsoNormal {margin:0cm}</style></head><body lang=VI><div class=WordSection1>"
    "<table class=MsoNormalTable border=0><tr><td><p class=MsoNormal>ỦY BAN NHÂN DÂN<br>TỈNH TÂN HÀ</p></td>"
    "<td><p class=MsoNormal>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p></td></tr>"
    "<tr><td><p class=MsoNormal>Số: 58/KH-UBND</p></td><td><p class=MsoNormal><i>Tân Hà, ngày 12 tháng 01 năm "
    "2026</i></p></td></tr></table><p class=MsoNormal align=center><b>KẾ HOẠCH<o:p></o:p></b></p>"
    "<p class=MsoNormal align=center><b>Phòng, chống bệnh dại năm 2026</b></p>"
    "<p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>a)<span>&nbsp;&nbsp;\r\n</span>"
    "</span><![endif]><span class=SpellE>Tiêm</span> vắc-xin dại cho 95% đàn chó, mèo nuôi; Chi cục Chăn nuôi\r\nvà "
    "Thú y chủ trì<o:p></o:p></p><pre>Ghi chú:\n  - tiêm nhắc lại</pre></div></body></html>")


def _web_archive(html: str) -> bytes:
    """A page as Word saves it as "Single File Web Page": MIME multipart/related, the page quoted-printable, then
    an image and an XML part of its own files."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["MIME-Version"] = "1.0"
    msg.set_content(html, subtype="html", cte="quoted-printable")
    msg.add_related(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", cid="<image001.png>")
    msg.add_related("<xml><o:File HRef='image001.png'/></xml>", subtype="xml", cte="quoted-printable")
    return msg.as_bytes()


def test_a_page_saved_by_word_as_one_file_is_read_with_its_list_labels() -> None:
    doc = load_bytes("ke-hoach.mht", _web_archive(_WORD_PAGE), Limits())
    text = doc.text
    # Word wraps the page's source at 80 columns: a line break there is a space, not a new line ("a)" / "Tiêm …")
    assert "a) Tiêm vắc-xin dại cho 95% đàn chó, mèo nuôi; Chi cục Chăn nuôi và Thú y chủ trì" in text.split("\n")
    assert "- tiêm nhắc lại" in text.split("\n")  # preformatted text keeps its lines
    assert "PNG" not in text and "o:File" not in text and "MsoNormal" not in text
    meta = extract_metadata(normalize_text(text)[0])
    assert (meta["doc_number"], meta["issued_date"]) == ("58/KH-UBND", "2026-01-12")


def test_an_mht_without_a_page_is_refused_in_vietnamese() -> None:
    with pytest.raises(LoadError, match="không có trang HTML"):
        load_bytes("trang.mht", "Chỉ là ghi chú.".encode(), Limits())


def _entities(html: str) -> bytes:
    """The page as a legal-document site serves its ".doc": windows-1252 declared, every letter outside it written
    as a character reference ("&#7871;")."""
    return html.replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252", "xmlcharrefreplace")


@pytest.mark.parametrize(("name", "data"), [
    ("ke-hoach.doc", _entities(_WORD_PAGE)),  # "Save as Web Page" kept as .doc, or a site's "tải .doc"
    ("ke-hoach.doc", b"\xef\xbb\xbf\r\n<!DOCTYPE html>" + _WORD_PAGE.encode()),
    ("ke-hoach.doc", _web_archive(_WORD_PAGE)),  # "Single File Web Page" renamed
    ("ke-hoach.rtf", _entities(_WORD_PAGE)),
])
def test_a_web_page_under_a_word_name_is_read_as_the_page_it_is(name: str, data: bytes) -> None:
    doc = load_bytes(name, data, Limits())
    assert "a) Tiêm vắc-xin dại cho 95% đàn chó, mèo nuôi; Chi cục Chăn nuôi và Thú y chủ trì" in doc.text.split("\n")
    assert "&#" not in doc.text and "MsoNormal" not in doc.text
    meta = extract_metadata(normalize_text(doc.text)[0])
    assert (meta["doc_number"], meta["issued_date"], meta["title"]) == (
        "58/KH-UBND", "2026-01-12", "Kế hoạch phòng, chống bệnh dại năm 2026")


# --- a plan presented as slides (.pptx) ----------------------------------------------------------------------


def _slides(path: Path) -> Path:
    """A commune's plan shown at a meeting: a title slide, then a slide whose text boxes were added bottom first,
    numbered by PowerPoint (the numbers are not in the text), a table with a cell merged across and one merged
    down, the footer on each slide and the speaker's notes."""
    from pptx import Presentation
    from pptx.oxml.ns import qn
    from pptx.util import Inches

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])  # the title where the layout puts it, under the header
    first.shapes.title.text = "KẾ HOẠCH\nTuyển chọn và gọi công dân nhập ngũ năm 2027"
    first.placeholders[1].text = "Thực hiện Luật Nghĩa vụ quân sự năm 2015"
    for left, lines in ((0.3, "ỦY BAN NHÂN DÂN\nXÃ PHÚ THẠNH\nSố: 214/KH-UBND"),
                        (4.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                              "Phú Thạnh, ngày 12 tháng 10 năm 2026")):
        first.shapes.add_textbox(Inches(left), Inches(0.2), Inches(4), Inches(1)).text_frame.text = lines
    tasks = deck.slides.add_slide(deck.slide_layouts[5])
    tasks.shapes.title.text = "III. NHIỆM VỤ CỤ THỂ"
    tasks.shapes.add_textbox(Inches(0.5), Inches(6.4), Inches(9), Inches(0.5)).text_frame.text = \
        "Thời gian hoàn thành việc giao quân: trước ngày 05/3/2027."
    numbered = tasks.shapes.add_textbox(Inches(0.5), Inches(1.4), Inches(9), Inches(1)).text_frame
    numbered.text = "Ban Chỉ huy Quân sự xã chủ trì sơ tuyển sức khỏe, hoàn thành trước ngày 30/11/2026"
    numbered.add_paragraph().text = "Trạm Y tế xã phối hợp khám sức khỏe cho công dân"
    for paragraph in numbered.paragraphs:
        props = paragraph._p.get_or_add_pPr()
        props.append(props.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod"}))
    rows = [("STT", "Thôn", "Chỉ tiêu (người)", "Người phụ trách"), ("1", "Thôn Đông Hưng", "5", "Trần Văn Bảo"),
            ("2", "Thôn Tây Hòa", "4", ""), ("", "Tổng cộng", "", "")]
    table = tasks.shapes.add_table(4, 4, Inches(0.5), Inches(3), Inches(9), Inches(2)).table
    for i, row in enumerate(rows):
        for k, value in enumerate(row):
            table.cell(i, k).text = value
    table.cell(1, 3).merge(table.cell(2, 3))  # one person for both hamlets
    table.cell(3, 1).text = "Tổng cộng: 9 người"
    table.cell(3, 1).merge(table.cell(3, 3))
    for slide in deck.slides:
        footer = slide.shapes.add_textbox(Inches(0.5), Inches(7), Inches(9), Inches(0.4))
        footer.text_frame.text = "UBND xã Phú Thạnh – Hội nghị triển khai công tác tuyển quân"
        properties = footer._element.find(qn("p:nvSpPr")).find(qn("p:nvPr"))
        properties.append(properties.makeelement(qn("p:ph"), {"type": "ftr"}))
    tasks.notes_slide.notes_text_frame.text = "Nhắc các thôn nộp danh sách sớm"
    deck.save(str(path))
    return path


def test_a_plan_shown_as_slides_is_read_slide_by_slide(tmp_path: Path) -> None:
    text = load_document(_slides(tmp_path / "tuyen-quan.pptx")).text
    lines = text.splitlines()
    assert lines[:9] == ["ỦY BAN NHÂN DÂN", "XÃ PHÚ THẠNH", "Số: 214/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Phú Thạnh, ngày 12 tháng 10 năm 2026", "KẾ HOẠCH",
                         "Tuyển chọn và gọi công dân nhập ngũ năm 2027", "Thực hiện Luật Nghĩa vụ quân sự năm 2015"]
    at = lines.index("III. NHIỆM VỤ CỤ THỂ")
    assert lines[at + 1:at + 8] == [
        "1. Ban Chỉ huy Quân sự xã chủ trì sơ tuyển sức khỏe, hoàn thành trước ngày 30/11/2026",
        "2. Trạm Y tế xã phối hợp khám sức khỏe cho công dân",
        "STT\tThôn\tChỉ tiêu (người)\tNgười phụ trách",
        "1\tThôn Đông Hưng\t5\tTrần Văn Bảo",
        "2\tThôn Tây Hòa\t4\tTrần Văn Bảo",  # merged down: said in each row it spans
        "\tTổng cộng: 9 người\t\t",  # merged across: said once, in its first column
        "Thời gian hoàn thành việc giao quân: trước ngày 05/3/2027."]  # the box lowest on the slide comes last
    assert "Hội nghị triển khai" not in text and "Nhắc các thôn" not in text  # footer and speaker's notes
    meta = extract_metadata(normalize_text(text)[0])
    assert (meta["doc_number"], meta["issued_date"]) == ("214/KH-UBND", "2026-10-12")
    assert meta["title"] == "Kế hoạch tuyển chọn và gọi công dân nhập ngũ năm 2027"


def test_a_pptx_that_is_no_presentation_is_refused_in_vietnamese(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.pptx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(LoadError, match="PPTX bị hỏng"):
        load_document(tmp_path / "x.pptx")


def test_an_eml_that_is_no_mail_is_refused_in_vietnamese() -> None:
    with pytest.raises(LoadError, match="không phải thư điện tử"):
        load_bytes("ghi-chu.eml", "Chỉ là ghi chú, không phải thư.".encode(), Limits())


# --- a plan printed to XPS (.xps, .oxps) ---------------------------------------------------------------------

XPS_NS = "http://schemas.microsoft.com/xps/2005/06"
OXPS_NS = "http://schemas.openxps.org/oxps/v1.0"
PT = 96 / 72  # XPS page units (1/96 inch) in a point
S13, S14 = 13 * PT, 14 * PT


def _advance(ch: str) -> int:
    """A glyph's advance in hundredths of the em, about Times New Roman's."""
    return 25 if ch == " " else 70 if ch.isupper() else 50 if ch.isdigit() else 46 if ch.isalpha() else 30


def _width(text: str, size: float) -> float:
    return sum(_advance(ch) for ch in text) / 100 * size


class XpsPage:
    """One FixedPage as Word's XPS writer lays it out: a Glyphs element a printed line (or a run of one), each
    glyph's advance in Indices, table borders drawn as Paths (a stroked line, a thin filled bar or a path figure).
    `unit`: page units one unit of this drawing is — it is drawn in a canvas scaling it, the transform kept in the
    page's resources."""

    def __init__(self, unit: float = 1.0) -> None:
        self.body: list[str] = []
        self.unit = unit

    def text(self, x: float, y: float, text: str, size: float = S13, escape: bool = False) -> float:
        u = self.unit
        indices = ";".join(f",{_advance(ch)}" for ch in text)
        shown = "{}" + text if escape or text.startswith("{") else text  # "{}": the escape a string may open with
        self.body.append(f'<Glyphs Fill="#ff000000" FontUri="/Resources/Fonts/times.odttf" FontRenderingEmSize='
                         f'"{size / u:.3f}" OriginX="{x / u:.3f}" OriginY="{y / u:.3f}" Indices="{indices}" '
                         f'UnicodeString={quoteattr(shown)}/>')
        return x + _width(text, size)

    def centered(self, middle: float, y: float, text: str, size: float = S13) -> None:
        self.text(middle - _width(text, size) / 2, y, text, size)

    def rule(self, x0: float, y0: float, x1: float, y1: float, how: str = "stroke") -> None:
        u = self.unit
        if how == "bar":
            (a, b), (c, d) = ((x0, y0 - 0.4), (x1, y1 + 0.4)) if y0 == y1 else ((x0 - 0.4, y0), (x1 + 0.4, y1))
            self.body.append(f'<Path Fill="#ff000000" Data="F1 M {a / u:.3f},{b / u:.3f} L {c / u:.3f},{b / u:.3f} '
                             f'{c / u:.3f},{d / u:.3f} {a / u:.3f},{d / u:.3f} Z"/>')
        elif how == "figure":
            self.body.append(f'<Path Stroke="#ff000000" StrokeThickness="{0.75 / u:.3f}"><Path.Data><PathGeometry>'
                             f'<PathFigure StartPoint="{x0 / u:.3f},{y0 / u:.3f}"><PolyLineSegment Points='
                             f'"{x1 / u:.3f},{y1 / u:.3f}"/></PathFigure></PathGeometry></Path.Data></Path>')
        else:
            self.body.append(f'<Path Stroke="#ff000000" StrokeThickness="{0.75 / u:.3f}" '
                             f'Data="M {x0 / u:.3f},{y0 / u:.3f} L {x1 / u:.3f},{y1 / u:.3f}"/>')

    def canvas(self, transform: str, inner: XpsPage) -> None:
        self.body.append(f'<Canvas RenderTransform="{transform}">{"".join(inner.body)}</Canvas>')

    def xml(self, ns: str) -> str:
        body, resources = "".join(self.body), ""
        if self.unit != 1.0:
            resources = (f'<FixedPage.Resources><ResourceDictionary><MatrixTransform x:Key="points" Matrix="'
                         f'{self.unit:.6f},0,0,{self.unit:.6f},0,0"/></ResourceDictionary></FixedPage.Resources>')
            body = f'<Canvas RenderTransform="{{StaticResource points}}">{body}</Canvas>'
        return (f'<FixedPage xmlns="{ns}" xmlns:x="{ns}/resourcedictionary-key" Width="793.76" Height="1122.56" '
                f'xml:lang="vi-VN">{resources}{body}</FixedPage>')


def xps_bytes(pages: list[XpsPage], ns: str = XPS_NS, names: list[str] | None = None) -> bytes:
    """The package Windows' XPS writer makes: [Content_Types].xml, the start relationship, the document sequence, one
    document listing its pages (`names`, in the order printed), the pages."""
    names = names or [f"{i}.fpage" for i in range(1, len(pages) + 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, page in reversed(list(zip(names, pages, strict=True))):  # the archive's order says nothing
            archive.writestr(f"Documents/1/Pages/{name}", page.xml(ns))
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Default Extension="fdseq" ContentType="'
                         'application/vnd.ms-package.xps-fixeddocumentsequence+xml"/><Default Extension="fdoc" '
                         'ContentType="application/vnd.ms-package.xps-fixeddocument+xml"/><Default Extension="fpage" '
                         'ContentType="application/vnd.ms-package.xps-fixedpage+xml"/><Default Extension="rels" '
                         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>')
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'relationships"><Relationship Type="{ns}/fixedrepresentation" '
                         'Target="/FixedDocumentSequence.fdseq" Id="R0"/></Relationships>')
        archive.writestr("FixedDocumentSequence.fdseq", f'<FixedDocumentSequence xmlns="{ns}"><DocumentReference '
                         'Source="/Documents/1/FixedDocument.fdoc"/></FixedDocumentSequence>')
        archive.writestr("Documents/1/FixedDocument.fdoc", f'<FixedDocument xmlns="{ns}">' + "".join(
            f'<PageContent Source="Pages/{name}" Width="793.76" Height="1122.56"/>' for name in names)
            + "</FixedDocument>")
    return buffer.getvalue()


# Tỉnh ủy Đồng Nai's plan (corpus 002): its header, title and headings; a task table of a commune's programme (001)
XPS_TASKS = [["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm/Chỉ tiêu"],
             ["1", "Ban hành Chương trình hành động, kế hoạch triển khai chi tiết", "Văn phòng Đảng ủy", "UBND xã",
              "Văn bản ban hành"],
             ["2", "Rà soát hạ tầng mạng, trang thiết bị, chữ ký số", "UBND xã", "VP Đảng ủy", "Báo cáo rà soát"],
             ["3", "Tập huấn kỹ năng số đợt 1 cho cán bộ, đảng viên", "UBND xã", "Các ban, phòng, ngành, đoàn thể",
              "100% CBCC tham gia"],
             ["4", "Triển khai đồng bộ Sổ tay đảng viên điện tử", "VP Đảng ủy", "Các chi bộ", "100% chi bộ kích hoạt"],
             ["5", "Xây dựng kế hoạch số hóa tài liệu", None, "Các bộ phận", "Kế hoạch chi tiết"]]  # None: merged down


def _wrapped(text: str, room: float, size: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and _width(f"{line} {word}", size) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def xps_first_page() -> XpsPage:
    """The header laid out in two columns (a rule under the motto), the title over two lines, a paragraph whose first
    line is printed in three runs, headings — one in a canvas inside a canvas, each moved by its transform, one
    whose string opens with the "{}" escape —, a watermark drawn aslant."""
    page = XpsPage()
    page.centered(230, 95, "TỈNH ỦY ĐỒNG NAI")
    page.centered(540, 95, "ĐẢNG CỘNG SẢN VIỆT NAM", S14)
    page.rule(460, 102, 620, 102)
    page.centered(230, 115, "*")
    page.centered(230, 135, "Số 125-KH/TU")
    page.centered(540, 135, "Đồng Nai, ngày 15 tháng 01 năm 2026")
    page.centered(434, 190, "KẾ HOẠCH", S14)
    page.centered(434, 212, "triển khai thực hiện Đề án Chuyển đổi số", S14)
    page.centered(434, 233, "trong các cơ quan đảng tỉnh Đồng Nai", S14)
    x = page.text(151, 270, "Căn cứ ", S14)
    x = page.text(x, 270, "Quyết định số 204-QĐ/TW", S14)  # the bold run
    page.text(x, 270, ", ngày 29/11/2024 của Ban Bí thư", S14)
    page.text(113, 291, "Trung ương Đảng về việc phê duyệt Đề án Chuyển đổi số trong các cơ quan", S14)
    page.text(113, 312, "đảng; Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:", S14)
    inner, innermost = XpsPage(), XpsPage()
    innermost.text(0, 50, "I- CĂN CỨ LẬP KẾ HOẠCH", S14)  # printed at (113, 350)
    inner.canvas("1,0,0,1,13,0", innermost)
    page.canvas("1,0,0,1,100,300", inner)
    page.text(151, 375, "- Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá", S14)
    page.text(113, 396, "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;", S14)
    page.text(151, 417, "- Quyết định số 185-QĐ/TW, ngày 01/10/2024 của Ban Bí thư.", S14)
    page.text(113, 450, "II- MỤC TIÊU", S14, escape=True)
    page.text(151, 475, "Hoàn thành 100% nhiệm vụ chuyển đổi số năm 2026.", S14)
    mark = XpsPage()  # who printed it, drawn across the page: no words of the plan
    mark.text(0, 0, "Nguyễn Văn A - Văn phòng Tỉnh ủy - 16/01/2026 08:15", 20 * PT)
    page.canvas("0.7071,-0.7071,0.7071,0.7071,200,800", mark)
    return page


def xps_second_page() -> XpsPage:
    """The task table drawn in points in a scaled canvas: each cell's top border on its own (a stroked line or a thin
    filled bar), the column rules as path figures row by row, long cells wrapped, a lead merged down over two rows;
    then "Nơi nhận" beside the signature, the signer's name below the room left for signing."""
    page = XpsPage(unit=PT)
    page.text(113, 90, "III- NHIỆM VỤ", S14)
    page.text(113, 115, "1. Quý I (01–03/2026)", S14)
    xs = [85, 120, 360, 480, 600, 720]
    tops = [130.0]
    for row in XPS_TASKS:
        height = 0
        for k, cell in enumerate(row):
            lines = _wrapped(cell, xs[k + 1] - xs[k] - 2 * 7.68, S13) if cell else []
            for n, line in enumerate(lines):
                if k == 0:
                    page.centered((xs[k] + xs[k + 1]) / 2, tops[-1] + 19 + 20 * n, line)
                else:
                    page.text(xs[k] + 7.68, tops[-1] + 19 + 20 * n, line)
            height = max(height, 20 * len(lines) + 8)
        tops.append(tops[-1] + height)
    for r, y in enumerate(tops):
        for k in range(5):
            if not (0 < r < len(XPS_TASKS) and XPS_TASKS[r][k] is None):  # no border across a cell merged down
                page.rule(xs[k], y, xs[k + 1], y, "bar" if (r + k) % 2 else "stroke")
    for r in range(len(XPS_TASKS)):
        for x in xs:
            page.rule(x, tops[r], x, tops[r + 1], "figure")
    y = tops[-1] + 40
    page.text(85, y, "Nơi nhận:")
    page.centered(560, y, "T/M BAN THƯỜNG VỤ", S14)
    page.text(85, y + 20, "- Các đ/c UV BCH Đảng bộ tỉnh,")
    page.centered(560, y + 20, "PHÓ BÍ THƯ THƯỜNG TRỰC", S14)
    page.text(85, y + 40, "- Lưu VPTU.")
    page.centered(560, y + 130, "Tôn Ngọc Hạnh", S14)
    return page


XPS_PAGES = [
    ["TỈNH ỦY ĐỒNG NAI", "*", "Số 125-KH/TU", "", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Nai, ngày 15 tháng 01 năm 2026",
     "", "KẾ HOẠCH", "triển khai thực hiện Đề án Chuyển đổi số", "trong các cơ quan đảng tỉnh Đồng Nai",
     "Căn cứ Quyết định số 204-QĐ/TW, ngày 29/11/2024 của Ban Bí thư",
     "Trung ương Đảng về việc phê duyệt Đề án Chuyển đổi số trong các cơ quan",
     "đảng; Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:", "I- CĂN CỨ LẬP KẾ HOẠCH",
     "- Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá",
     "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
     "- Quyết định số 185-QĐ/TW, ngày 01/10/2024 của Ban Bí thư.", "II- MỤC TIÊU",
     "Hoàn thành 100% nhiệm vụ chuyển đổi số năm 2026."],
    ["III- NHIỆM VỤ", "1. Quý I (01–03/2026)", "",
     "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm/Chỉ tiêu",
     "1\tBan hành Chương trình hành động, kế hoạch triển khai chi tiết\tVăn phòng Đảng ủy\tUBND xã\tVăn bản ban hành",
     "2\tRà soát hạ tầng mạng, trang thiết bị, chữ ký số\tUBND xã\tVP Đảng ủy\tBáo cáo rà soát",
     "3\tTập huấn kỹ năng số đợt 1 cho cán bộ, đảng viên\tUBND xã\tCác ban, phòng, ngành, đoàn thể\t100% CBCC tham gia",
     "4\tTriển khai đồng bộ Sổ tay đảng viên điện tử\tVP Đảng ủy\tCác chi bộ\t100% chi bộ kích hoạt",
     "5\tXây dựng kế hoạch số hóa tài liệu\tVP Đảng ủy\tCác bộ phận\tKế hoạch chi tiết",  # the lead merged down
     "", "Nơi nhận:", "- Các đ/c UV BCH Đảng bộ tỉnh,", "- Lưu VPTU.", "", "T/M BAN THƯỜNG VỤ",
     "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Tôn Ngọc Hạnh"],
]


@pytest.mark.parametrize(("ext", "ns"), [("xps", XPS_NS), ("oxps", OXPS_NS)])
def test_a_plan_printed_to_xps_reads_line_by_line_with_its_table_row_by_row(tmp_path: Path, ext: str, ns: str) -> None:
    path = tmp_path / f"ke-hoach.{ext}"
    path.write_bytes(xps_bytes([xps_first_page(), xps_second_page()], ns))
    doc = load_document(path)
    assert doc.metadata[META_FILE_TYPE] == ext
    assert [page.split("\n") for page in doc.text.split(PAGE_BREAK)] == XPS_PAGES


def test_an_xps_plan_gives_its_header_title_signer_and_task_rows() -> None:
    text, page_starts = normalize_text(load_bytes("ke-hoach.xps", xps_bytes([xps_first_page(), xps_second_page()]),
                                                  Limits()).text)
    assert len(page_starts) == 2 and text[page_starts[1]:].startswith("III- NHIỆM VỤ")
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"], meta["issuer"], meta["signer"], meta["signer_title"]) == (
        "125-KH/TU", "2026-01-15", "Tỉnh ủy Đồng Nai", "Tôn Ngọc Hạnh", "Phó Bí thư Thường trực")
    assert meta["title"] == "Kế hoạch triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai"
    rows = table_rows(text)
    assert [r["Đơn vị chủ trì"] for r in rows] == ["Văn phòng Đảng ủy", "UBND xã", "UBND xã", "VP Đảng ủy", "VP Đảng ủy"]
    assert rows[0]["Nội dung nhiệm vụ"] == "Ban hành Chương trình hành động, kế hoạch triển khai chi tiết"
    assert rows[2]["Đơn vị phối hợp"] == "Các ban, phòng, ngành, đoàn thể"
    headings = [text[b["start"]:b["end"]] for b in parse_structure(text) if b["kind"] == "heading"]
    assert headings[:4] == ["I- CĂN CỨ LẬP KẾ HOẠCH", "II- MỤC TIÊU", "III- NHIỆM VỤ", "1. Quý I (01–03/2026)"]


def test_xps_pages_are_read_in_the_order_the_document_lists_them() -> None:
    """The document lists its first page in "2.fpage" and its second in "1.fpage": the names' order says nothing."""
    first, second = XpsPage(), XpsPage()
    first.text(113, 100, "KẾ HOẠCH chuyển đổi số năm 2026")
    second.text(113, 100, "Trên đây là Kế hoạch chuyển đổi số năm 2026.")
    text = load_bytes("in.xps", xps_bytes([first, second], names=["2.fpage", "1.fpage"]), Limits()).text
    assert text.split(PAGE_BREAK) == ["KẾ HOẠCH chuyển đổi số năm 2026", "Trên đây là Kế hoạch chuyển đổi số năm 2026."]


def _zipped(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _broken_page() -> bytes:
    good = xps_bytes([xps_first_page()])
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        members: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    members["Documents/1/Pages/1.fpage"] = f'<FixedPage xmlns="{XPS_NS}"><Glyphs UnicodeString="Kế ho'
    return _zipped(members)


@pytest.mark.parametrize(("data", "reason"), [
    (lambda: xps_bytes([xps_first_page()])[:700], "Tệp XPS bị hỏng hoặc không đúng định dạng"),
    (lambda: _zipped({"word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>"}),
     "Tệp XPS không phải tài liệu XPS (không có danh sách trang FixedDocumentSequence)"),
    (_broken_page, "Tệp XPS bị hỏng hoặc không đúng định dạng tài liệu XPS (.xps, .oxps)."),
    (lambda: _zipped({"Documents/1/Pages/1.fpage": b"\0" * (8 * 1024 * 1024)}), "tỉ lệ nén bất thường"),
], ids=["truncated", "a docx renamed", "broken page", "zip bomb"])
def test_a_broken_or_foreign_xps_is_refused_in_vietnamese(data: Any, reason: str) -> None:
    with pytest.raises(LoadError, match=re.escape(reason)):
        load_bytes("hong.xps", data(), Limits())


# --- a Word document saved as XML (.xml) ---------------------------------------------------------------------

# Word 2003's "XML Document" of a provincial plan (corpus 002's header and headings, a commune's task table of 001):
# its header laid out in a borderless table, headings numbered by their style ("I-", "1."), a list bulleted "-", a
# smart tag and a link around words, a footnote, a tracked insertion and deletion and a comment, a table with a lead
# merged down and a total merged across, a running head in the page header, a footer with the page number.
WORD_2003 = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:v="urn:schemas-microsoft-com:vml" \
xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:aml="http://schemas.microsoft.com/aml/2001/core" \
xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:st1="urn:schemas-microsoft-com:office:smarttags" w:macrosPresent="no" w:embeddedObjPresent="no" \
w:ocxPresent="no" xml:space="preserve">
<o:DocumentProperties><o:Author>Văn phòng Tỉnh ủy</o:Author></o:DocumentProperties>
<w:fonts><w:defaultFonts w:ascii="Times New Roman" w:fareast="Times New Roman" w:h-ansi="Times New Roman" \
w:cs="Times New Roman"/></w:fonts>
<w:lists>
<w:listDef w:listDefId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="1"/><w:lvlText w:val="%1-"/></w:lvl>\
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlText w:val="%2."/></w:lvl></w:listDef>
<w:listDef w:listDefId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="23"/><w:lvlText w:val="-"/></w:lvl>\
</w:listDef>
<w:list w:ilfo="1"><w:ilst w:val="0"/></w:list><w:list w:ilfo="2"><w:ilst w:val="1"/></w:list>
</w:lists>
<w:styles>
<w:style w:type="paragraph" w:default="on" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr>\
<wx:font wx:val="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><wx:uiName wx:val="Heading 1"/>\
<w:basedOn w:val="Normal"/><w:pPr><w:pStyle w:val="Heading1"/><w:listPr><w:ilfo w:val="1"/></w:listPr>\
<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><wx:uiName wx:val="Heading 2"/>\
<w:basedOn w:val="Normal"/><w:pPr><w:pStyle w:val="Heading2"/><w:listPr><w:ilvl w:val="1"/><w:ilfo w:val="1"/>\
</w:listPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:default="on" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr>\
<w:tblBorders><w:top w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="auto"/><w:insideH w:val="single" \
w:sz="4" wx:bdrwidth="10" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
<w:docPr><w:view w:val="print"/><w:footnotePr><w:footnote w:type="separator"><w:p><w:r><w:separator/></w:r></w:p>\
</w:footnote></w:footnotePr></w:docPr>
<w:body>
<wx:sect>
<w:tbl><w:tblPr><w:tblW w:w="9360" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="5360"/>\
</w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>TỈNH ỦY ĐỒNG NAI</w:t></w:r></w:p><w:p><w:r><w:t>*</w:t></w:r></w:p><w:p><w:r>\
<w:t>Số 125-KH/TU</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:rPr><w:b/><w:u w:val="single"/></w:rPr><w:t>ĐẢNG CỘNG \
SẢN VIỆT NAM</w:t></w:r></w:p><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Đồng Nai, ngày 15 tháng 01 năm 2026</w:t></w:r></w:p>\
</w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng \
tỉnh </w:t></w:r><st1:place w:st="on"><st1:City w:st="on"><w:r><w:t>Đồng Nai</w:t></w:r></st1:City></st1:place></w:p>
<w:p><w:r><w:t>Căn cứ </w:t></w:r><w:hlink w:dest="https://vanban.chinhphu.vn/"><w:r><w:t>Quyết định số 204-QĐ/TW</w:t>\
</w:r></w:hlink><w:r><w:t>, ngày 29/11/2024 của Ban Bí thư</w:t></w:r><w:r><w:footnote><w:p><w:r><w:t>Về việc phê \
duyệt Đề án Chuyển đổi số trong các cơ quan đảng.</w:t></w:r></w:p></w:footnote></w:r><w:r><w:t>; Ban Thường vụ Tỉnh ủy \
ban hành Kế hoạch như sau:</w:t></w:r></w:p>
<wx:sub-section>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>CĂN CỨ LẬP KẾ HOẠCH</w:t></w:r></w:p>
<w:p><w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="2"/><wx:t wx:val="-"/></w:listPr></w:pPr><w:r><w:t>Nghị \
quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị</w:t></w:r><aml:annotation aml:id="1" w:type="Word.Insertion" \
aml:author="Văn phòng"><aml:content><w:r><w:t> về đột phá phát triển khoa học, công nghệ</w:t></w:r></aml:content>\
</aml:annotation><aml:annotation aml:id="2" w:type="Word.Deletion" aml:author="Văn phòng"><aml:content><w:r>\
<w:delText> (bản dự thảo)</w:delText></w:r></aml:content></aml:annotation><w:r><w:t>;</w:t></w:r><aml:annotation \
aml:id="3" w:type="Word.Comment" aml:author="Văn phòng"><aml:content><w:p><w:r><w:t>Kiểm tra lại số hiệu</w:t></w:r>\
</w:p></aml:content></aml:annotation></w:p>
</wx:sub-section>
<wx:sub-section>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>NHIỆM VỤ</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Quý I (01–03/2026)</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9360" w:type="dxa"/></w:tblPr><w:tblGrid>\
<w:gridCol w:w="700"/><w:gridCol w:w="3660"/><w:gridCol w:w="1700"/><w:gridCol w:w="1600"/><w:gridCol w:w="1700"/>\
</w:tblGrid>
{rows}
</w:tbl>
</wx:sub-section>
<w:sectPr><w:hdr w:type="odd"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>Kế hoạch chuyển đổi số năm 2026\
</w:t></w:r></w:p></w:hdr><w:ftr w:type="odd"><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE\
</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr><w:pgSz w:w="11906" w:h="16838"/>\
</w:sectPr>
</wx:sect>
</w:body>
</w:wordDocument>
"""


def word_2003_xml() -> str:
    def cell(text: str, props: str = "") -> str:
        paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>"
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"

    rows = [[cell(t) for t in XPS_TASKS[0]], [cell(t) for t in XPS_TASKS[1]],
            [cell(t, '<w:vmerge w:val="restart"/>' if k == 2 else "") for k, t in enumerate(XPS_TASKS[4])],
            [cell(t or "", "<w:vmerge/>" if t is None else "") for t in XPS_TASKS[5]],
            [cell("Tổng hợp, báo cáo kết quả quý I", '<w:gridSpan w:val="2"/>'), cell("VP Đảng ủy"), cell("Các chi bộ"),
             cell("Báo cáo quý")]]
    return WORD_2003.replace("{rows}", "\n".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows))


WORD_2003_LINES = [
    "TỈNH ỦY ĐỒNG NAI", "*", "Số 125-KH/TU", "", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Nai, ngày 15 tháng 01 năm 2026", "", "",
    "KẾ HOẠCH", "triển khai thực hiện Đề án Chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai",
    "Căn cứ Quyết định số 204-QĐ/TW, ngày 29/11/2024 của Ban Bí thư (Về việc phê duyệt Đề án Chuyển đổi số trong các "
    "cơ quan đảng.); Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:",
    "# I- CĂN CỨ LẬP KẾ HOẠCH",
    "- Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ;",
    "# II- NHIỆM VỤ", "## 1. Quý I (01–03/2026)", "",
    "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm/Chỉ tiêu",
    "1\tBan hành Chương trình hành động, kế hoạch triển khai chi tiết\tVăn phòng Đảng ủy\tUBND xã\tVăn bản ban hành",
    "4\tTriển khai đồng bộ Sổ tay đảng viên điện tử\tVP Đảng ủy\tCác chi bộ\t100% chi bộ kích hoạt",
    "5\tXây dựng kế hoạch số hóa tài liệu\tVP Đảng ủy\tCác bộ phận\tKế hoạch chi tiết",  # the lead merged down
    "Tổng hợp, báo cáo kết quả quý I\t\tVP Đảng ủy\tCác chi bộ\tBáo cáo quý",  # merged across: in its first column
]


def test_a_word_2003_xml_document_reads_as_the_docx_it_stands_for(tmp_path: Path) -> None:
    """Headings by their style and numbers, the layout table's columns, merged cells, tracked changes as changed, the
    footnote in brackets; the running head and the comment are no text of the plan. No LibreOffice is needed."""
    path = tmp_path / "ke-hoach.xml"
    path.write_text(word_2003_xml(), encoding="utf-8")
    doc = load_document(path)
    assert doc.metadata[META_FILE_TYPE] == "xml"
    assert doc.text.split("\n") == WORD_2003_LINES
    rows = table_rows(doc.text)
    assert [r["Đơn vị chủ trì"] for r in rows[:3]] == ["Văn phòng Đảng ủy", "VP Đảng ủy", "VP Đảng ủy"]


@pytest.mark.parametrize("encode", [
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    lambda s: s.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),  # with its byte-order mark
    lambda s: s.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be"),  # without one
    lambda s: ("\r\n  \t" + s).encode("utf-8"),
], ids=["utf-8 bom", "utf-16", "utf-16-be no bom", "blank before the declaration"])
def test_word_xml_in_any_encoding_reads_the_same(encode: Any) -> None:
    assert load_bytes("ke-hoach.xml", encode(word_2003_xml()), Limits()).text.split("\n") == WORD_2003_LINES


def flat_package(docx_bytes: bytes, progid: str = "Word.Document") -> str:
    """Word 2007's "Word XML Document": the DOCX package's parts in one XML file, XML parts inline, others base64."""
    out = [f'<?xml version="1.0" standalone="yes"?>\n<?mso-application progid="{progid}"?>\n'
           '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">']
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        overrides = dict(re.findall(r'PartName="([^"]+)" ContentType="([^"]+)"', types))
        defaults = dict(re.findall(r'Extension="([^"]+)" ContentType="([^"]+)"', types))
        for name in archive.namelist():
            if name == "[Content_Types].xml":
                continue
            kind = overrides.get(f"/{name}") or defaults.get(name.rsplit(".", 1)[-1], "")
            data = archive.read(name)
            content = (f"<pkg:xmlData>{re.sub(rb'^<[?]xml[^>]*[?]>', b'', data).decode().strip()}</pkg:xmlData>"
                       if name.endswith((".xml", ".rels")) else
                       f"<pkg:binaryData>{base64.b64encode(data).decode()}</pkg:binaryData>")
            out.append(f"<pkg:part pkg:name={quoteattr('/' + name)} pkg:contentType={quoteattr(kind)}>{content}"
                       "</pkg:part>")
    return "\n".join([*out, "</pkg:package>"])


def _plan_with_styles(path: Path) -> Path:
    """A DOCX with a heading style, Word's automatic numbering and a table with a cell merged across."""
    document = docx.Document()
    for text in PARAGRAPHS[:3]:
        document.add_paragraph(text)
    document.add_heading("MỤC ĐÍCH, YÊU CẦU", level=1)
    document.add_paragraph("Nâng cao hiệu quả lãnh đạo, chỉ đạo của Đảng ủy.", style="List Number")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([("STT", "Nội dung", "Đơn vị chủ trì"), ("1", "Rà soát hạ tầng mạng", "UBND xã")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Tổng hợp"
    table.cell(2, 2).text = "Văn phòng Đảng ủy"
    document.save(str(path))
    return path


def test_a_word_xml_package_reads_as_its_docx(tmp_path: Path) -> None:
    source = _plan_with_styles(tmp_path / "ke-hoach.docx")
    doc = load_bytes("ke-hoach.xml", flat_package(source.read_bytes()).encode("utf-8"), Limits())
    assert doc.text == load_document(source).text
    assert doc.text.split("\n")[:5] == [*PARAGRAPHS[:3], "# MỤC ĐÍCH, YÊU CẦU",
                                        "1. Nâng cao hiệu quả lãnh đạo, chỉ đạo của Đảng ủy."]
    assert "Tổng hợp\t\tVăn phòng Đảng ủy" in doc.text


@needs_office
def test_a_word_2003_xml_saved_by_libreoffice_reads_as_the_docx_it_came_from(tmp_path: Path) -> None:
    """LibreOffice writes the 2003 format with its own style names ("Heading_20_1"): the heading is still one."""
    source = _plan_with_styles(tmp_path / "ke-hoach.docx")
    (tmp_path / "out").mkdir()
    subprocess.run([str(soffice()), "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "xml:MS Word 2003 XML", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=300)
    saved = tmp_path / "out" / "ke-hoach.xml"
    assert b'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"' in saved.read_bytes()
    text = load_document(saved).text
    assert text.split("\n")[:4] == [*PARAGRAPHS[:3], "# MỤC ĐÍCH, YÊU CẦU"]
    assert "STT\tNội dung\tĐơn vị chủ trì\n1\tRà soát hạ tầng mạng\tUBND xã\nTổng hợp\t\tVăn phòng Đảng ủy" in text


EXCEL_2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="Nhiệm vụ"><Table><Row><Cell><Data ss:Type="String">Rà soát hạ tầng mạng</Data></Cell></Row>
</Table></Worksheet></Workbook>"""


def _flat_workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return flat_package(buffer.getvalue(), "Excel.Sheet").replace('progid="Excel.Sheet"', 'progid="Word.Document"') \
        .encode()


@pytest.mark.parametrize(("data", "reason"), [
    (lambda: '<?xml version="1.0"?><kehoach><nhiemvu>Rà soát</nhiemvu></kehoach>'.encode(), "không phải tài liệu Word"),
    (lambda: EXCEL_2003.encode(), "không phải tài liệu Word"),
    (lambda: b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><w:wordDocument '
             b'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>', "không phải tài liệu Word"),
    (_flat_workbook, "không phải tài liệu Word"),  # a flattened workbook, however it calls itself
    (lambda: "Kế hoạch chuyển đổi số năm 2026".encode(), "không phải tài liệu Word"),
    (lambda: word_2003_xml()[:2000].encode(), "Word XML bị hỏng"),
], ids=["other xml", "excel 2003", "progid", "flat workbook", "plain text", "truncated"])
def test_xml_that_is_no_word_document_is_refused_in_vietnamese(data: Any, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        load_bytes("du-lieu.xml", data(), Limits())
