"""Spreadsheets, saved web pages, old Word and OpenDocument files: built here with openpyxl, python-docx and
LibreOffice, read into the text the later stages expect (table rows with their header, one line per
paragraph), and a Vietnamese reason for each one that cannot be read."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

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
from ingest.model import META_FILE_TYPE
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
    assert {".xlsx", ".html", ".htm", ".doc", ".odt", ".png", ".jpg", ".tif"} <= set(SUPPORTED_EXTENSIONS)
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
@pytest.mark.parametrize("ext", ["doc", "odt", "rtf"])
def test_doc_odt_and_rtf_read_like_the_docx_they_came_from(tmp_path: Path, ext: str) -> None:
    source = plan_docx(tmp_path / "ke-hoach.docx")
    old = convert(source, "rtf" if ext == "rtf" else "odt")
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
