"""Loader: encodings, DOCX/PDF text in order, and a Vietnamese reason for every bad input."""

from __future__ import annotations

import hashlib
import io
import random
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import laid_out_docx, to_cp1258
from pypdf import PdfWriter

from assistant.text import nfc
from ingest.load import (
    SUPPORTED_EXTENSIONS,
    Limits,
    LoadError,
    TextReader,
    _table_page,
    load_bytes,
    load_document,
    reader_for,
)
from ingest.model import META_FILE_TYPE, META_SHA256, META_SOURCE, PAGE_BREAK

CORPUS_NAMES = [
    "000_90c218f1079af509.txt", "001_ce564b243cd16df3.txt", "002_c556544764ad3087.txt",
    "003_cd1a971a82c3f3b2.txt", "004_ac3b5f093c57f3b4.txt",
]
MB = 1024 * 1024
VIETNAMESE = "KẾ HOẠCH\nChuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026: Ủy ban, Tỉnh uỷ, ưu tiên."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def make_pdf(pages: list[list[str]], marks: tuple[str, ...] = (),
             at: tuple[tuple[int, int], ...] = (), placed: tuple[tuple[int, int], ...] = ()) -> bytes:
    """A minimal PDF whose pages carry a real text layer (Type0 font, Identity-H, ToUnicode map); `marks` are
    drawn over each page at 45 degrees, as a document system prints who downloaded it (starting at the points
    `at`, or spread down the page). `placed`: where each line of a page is drawn (x, y), in the order given;
    else one under another."""
    chars = sorted({ord(ch) for page in [*pages, list(marks)] for line in page for ch in line})
    bfchar = "\n".join(f"<{c:04X}> <{c:04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # page tree, filled in once the pages exist
    to_unicode = add(stream(cmap))
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    kids = []
    for lines in pages:
        ops = ["BT /F1 12 Tf 50 780 Td 14 TL"]
        shown = [f"<{''.join(f'{ord(ch):04X}' for ch in line)}> Tj" for line in lines]
        ops.append(" ".join(f"1 0 0 1 {x} {y} Tm {show}" for (x, y), show in zip(placed, shown, strict=True))
                   if placed else " T* ".join(shown))
        ops += [f"0.7071 0.7071 -0.7071 0.7071 {' '.join(map(str, at[i] if at else (120 + 40 * i, 260 + 150 * i)))} Tm "
                f"<{''.join(f'{ord(ch):04X}' for ch in mark)}> Tj" for i, mark in enumerate(marks)]
        content = add(stream(("\n".join(ops) + "\nET").encode()))
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, content)
            )
        )
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids)
    )
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Chuyển đổi số năm 2026")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("STT", "Nội dung", "Đơn vị chủ trì"), ("1", "Rà soát hạ tầng mạng", "UBND xã")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Tổng hợp"
    table.cell(2, 2).text = "Văn phòng Đảng ủy"
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "ke_hoach.docx"
    document.save(str(path))
    return path


# --- text encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: b"\xfe\xff" + t.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(to_cp1258, id="windows-1258"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="utf-8-nfd"),
    ],
)
def test_text_encodings_decode_to_nfc(tmp_path: Path, encode) -> None:
    doc = load_document(write(tmp_path, "plan.txt", encode(VIETNAMESE)), max_bytes=MB)
    assert doc.text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", doc.text)


def test_windows_1258_bytes_really_use_separate_tone_marks() -> None:
    data = to_cp1258("Kế hoạch")
    assert data == b"K\xea\xec hoa\xf2ch"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_slightly_damaged_utf8_stays_utf8(tmp_path: Path) -> None:
    data = VIETNAMESE.encode("utf-8") + b"\xff"  # one stray byte must not turn the file into mojibake
    doc = load_document(write(tmp_path, "plan.txt", data), max_bytes=MB)
    assert doc.text == VIETNAMESE


def test_metadata_and_markdown(tmp_path: Path) -> None:
    data = "# **KẾ HOẠCH**\n\nNội dung chuyển đổi số năm 2026.".encode()
    path = write(tmp_path, "ke-hoach.MD", data)
    doc = load_document(path, max_bytes=MB)
    assert doc.metadata == {
        META_SOURCE: "ke-hoach.MD",
        META_SHA256: hashlib.sha256(data).hexdigest(),
        META_FILE_TYPE: "md",
    }
    assert doc.text == "# **KẾ HOẠCH**\n\nNội dung chuyển đổi số năm 2026."


def test_reader_merges_extra_info(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Noi dung ke hoach chuyen doi so nam 2026")
    [doc] = TextReader().load_data(path, extra_info={"unit": "VPĐU"})
    assert doc.metadata["unit"] == "VPĐU"
    assert doc.metadata[META_FILE_TYPE] == "txt"


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_files_load_verbatim(corpus_dir: Path, name: str) -> None:
    doc = load_document(corpus_dir / name, max_bytes=50 * MB)
    assert doc.text == nfc((corpus_dir / name).read_text(encoding="utf-8"))
    assert doc.metadata[META_SOURCE] == name


def test_registry_covers_the_supported_types() -> None:
    assert sorted(SUPPORTED_EXTENSIONS) == [".doc", ".docm", ".docx", ".dotm", ".dotx", ".eml", ".fodt", ".htm",
                                            ".html", ".jpeg", ".jpg", ".md", ".mht", ".mhtml", ".odt", ".oxps", ".pdf",
                                            ".png", ".pptx", ".rtf", ".tif", ".tiff", ".txt", ".xlsx", ".xml", ".xps",
                                            ".zip"]
    assert reader_for(Path("X.PDF")).file_type == "pdf"


# --- DOCX and PDF -----------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    doc = load_document(make_docx(tmp_path), max_bytes=MB)
    assert doc.text == (
        "KẾ HOẠCH\n"
        "Chuyển đổi số năm 2026\n"
        "\n"
        "STT\tNội dung\tĐơn vị chủ trì\n"
        "1\tRà soát hạ tầng mạng\tUBND xã\n"
        "Tổng hợp\t\tVăn phòng Đảng ủy\n"  # a merged cell's text once, in its first column: positions kept
        "\n"
        "II. TỔ CHỨC THỰC HIỆN"
    )
    assert doc.metadata[META_FILE_TYPE] == "docx"


_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_ENABLED = "application/vnd.ms-word.document.macroEnabled.main+xml"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def retyped(data: bytes, content_type: str) -> bytes:
    """The package with its main part typed as `content_type` (what Word writes for a .dotx or a .docm)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package, zipfile.ZipFile(out, "w") as copy:
        for info in package.infolist():
            part = package.read(info)
            if info.filename == "[Content_Types].xml":
                part = part.replace(_WORD_MAIN.encode(), content_type.encode())
            copy.writestr(info, part)
    return out.getvalue()


@pytest.mark.parametrize(("name", "content_type"), [("ke_hoach.dotx", _TEMPLATE), ("ke_hoach.docm", _MACRO_ENABLED)])
def test_a_word_template_or_macro_enabled_file_is_read_as_its_document(tmp_path: Path, name: str,
                                                                       content_type: str) -> None:
    data = retyped(make_docx(tmp_path).read_bytes(), content_type)
    doc = load_document(write(tmp_path, name, data), max_bytes=MB)
    assert doc.text.startswith("KẾ HOẠCH\nChuyển đổi số năm 2026\n")
    assert "1\tRà soát hạ tầng mạng\tUBND xã" in doc.text


def with_embedded(tmp_path: Path, blob: bytes, content_type: str) -> Path:
    """A file as an e-office system builds it: header and signature typed, the body an embedded document
    (`w:altChunk`) between them."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    outer = docx.Document()
    header = outer.add_paragraph("ỦY BAN NHÂN DÂN TỈNH VÂN KHÊ")
    outer.add_paragraph("CHỦ TỊCH")
    part = Part(PackURI("/word/afchunk1.bin"), content_type, blob, outer.part.package)
    rid = outer.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)
    header._p.addnext(parse_xml(
        '<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
    path = tmp_path / "ke_hoach_eoffice.docx"
    outer.save(str(path))
    return path


def test_an_embedded_docx_body_is_read_where_it_stands(tmp_path: Path) -> None:
    # Word types an embedded DOCX as a main document part: python-docx alone refuses the whole file
    path = with_embedded(tmp_path, make_docx(tmp_path).read_bytes(), _WORD_MAIN)
    lines = load_document(path, max_bytes=MB).text.split("\n")
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH VÂN KHÊ"
    assert lines.index("Chuyển đổi số năm 2026") < lines.index("1\tRà soát hạ tầng mạng\tUBND xã") < \
        lines.index("CHỦ TỊCH")


def test_an_embedded_web_page_body_is_read_where_it_stands(tmp_path: Path) -> None:
    page = "<html><body><p>II. TỔ CHỨC THỰC HIỆN</p><p>Sở Y tế chủ trì.</p></body></html>".encode()
    lines = load_document(with_embedded(tmp_path, page, "application/xhtml+xml"), max_bytes=MB).text.split("\n")
    assert lines.index("ỦY BAN NHÂN DÂN TỈNH VÂN KHÊ") < lines.index("Sở Y tế chủ trì.") < lines.index("CHỦ TỊCH")


def with_object(tmp_path: Path, blobs: list[bytes]) -> Path:
    """Annexes inserted with Insert → Object: each an embedded file (an `o:OLEObject` in a paragraph) shown on the
    page as its picture, the file itself holding the table."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("PHỤ LỤC: CHỈ TIÊU CẤP GIẤY CHỨNG NHẬN THEO THÔN")
    for i, blob in enumerate(blobs, 1):
        holder = document.add_paragraph()
        part = Part(PackURI(f"/word/embeddings/Worksheet{i}.bin"), "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet", blob, document.part.package)
        rid = document.part.relate_to(part, RELATIONSHIP_TYPE.PACKAGE)
        holder._p.append(parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:object>'
            '<o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships" Type="Embed" ProgID="Excel.Sheet.12" r:id="{rid}"/></w:object></w:r>'))
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "ke_hoach_phu_luc_excel.docx"
    document.save(str(path))
    return path


def test_an_excel_worksheet_inserted_as_an_object_is_read_as_its_table(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["STT", "Thôn", "Số hồ sơ", "Thời hạn"], [1, "Thôn Đông", 191, "30/9/2026"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    old_binary = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # Excel 97-2003 in an OLE container: not read
    drawing = io.BytesIO()  # a Visio drawing (another package): not read, the plan still is
    with zipfile.ZipFile(drawing, "w") as z:
        z.writestr("visio/document.xml", "<VisioDocument/>")
    blobs = [buffer.getvalue(), old_binary, drawing.getvalue()]
    lines = load_document(with_object(tmp_path, blobs), max_bytes=MB).text.split("\n")
    assert lines.index("PHỤ LỤC: CHỈ TIÊU CẤP GIẤY CHỨNG NHẬN THEO THÔN") < lines.index("1\tThôn Đông\t191\t30/9/2026") \
        < lines.index("Nơi nhận:")
    assert "STT\tThôn\tSố hồ sơ\tThời hạn" in lines


def test_a_table_inside_a_cell_is_read(tmp_path: Path) -> None:
    """A header built of small tables, and a group's tasks tabled inside its cell: python-docx's cell text leaves
    them out; each inner row is read as a line of its cell, its cells joined."""
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    for cell, lines in zip(header.rows[0].cells, (["ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "Số: 12/KH-UBND"],
                                                  ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hòa An, ngày 18/3/2026"]),
                           strict=True):
        inner = cell.add_table(rows=len(lines), cols=1)
        for row, line in zip(inner.rows, lines, strict=True):
            row.cells[0].text = line
    document.add_paragraph("KẾ HOẠCH")
    tasks = document.add_table(rows=2, cols=2)
    tasks.cell(0, 0).text, tasks.cell(0, 1).text = "Nhóm nhiệm vụ", "Nhiệm vụ cụ thể"
    tasks.cell(1, 0).text = "Tuyên truyền"
    inner = tasks.cell(1, 1).add_table(rows=2, cols=3)
    for row, values in zip(inner.rows, (["1", "Tổ chức hội nghị", "Tháng 5/2026"], ["2", "Phát tờ rơi", "Quý III/2026"]),
                           strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "long-bang.docx"
    document.save(str(path))
    text = load_document(path, max_bytes=MB).text
    assert "Số: 12/KH-UBND" in text and "Hòa An, ngày 18/3/2026" in text, text
    row = next(line for line in text.split("\n") if line.startswith("Tuyên truyền"))
    assert "1 – Tổ chức hội nghị – Tháng 5/2026" in row and "2 – Phát tờ rơi – Quý III/2026" in row, row


def test_groups_tabling_their_items_in_a_cell_read_as_one_table(tmp_path: Path) -> None:
    """Each group tables its tasks inside its row's cell under the same header: one table, a row per task with its
    group beside it, under the outer header with the inner one in that column's place."""
    document = docx.Document()
    tasks = document.add_table(rows=3, cols=3)
    for cell, value in zip(tasks.rows[0].cells, ("TT", "Nhóm nhiệm vụ", "Nội dung"), strict=True):
        cell.text = value
    groups = (("A", "Tuyên truyền", [["Tổ chức hội nghị", "Sở Công Thương", "Tháng 5/2026"]]),
              ("B", "Hỗ trợ doanh nghiệp", [["Kiểm toán năng lượng", "Sở Công Thương", "Quý III/2026"],
                                             ["Hội nghị biểu dương", "Hiệp hội Doanh nghiệp tỉnh", "Tháng 10/2026"]]))
    for row, (number, group, items) in zip(tasks.rows[1:], groups, strict=True):
        row.cells[0].text, row.cells[1].text = number, group
        inner = row.cells[2].add_table(rows=len(items) + 1, cols=3)
        for inner_row, values in zip(inner.rows, [["Nhiệm vụ cụ thể", "Cơ quan phối hợp", "Thời gian"], *items],
                                     strict=True):
            for cell, value in zip(inner_row.cells, values, strict=True):
                cell.text = value
    path = tmp_path / "long-nhom.docx"
    document.save(str(path))
    lines = load_document(path, max_bytes=MB).text.split("\n")
    assert "TT\tNhóm nhiệm vụ\tNhiệm vụ cụ thể\tCơ quan phối hợp\tThời gian" in lines
    assert "B\tHỗ trợ doanh nghiệp\tHội nghị biểu dương\tHiệp hội Doanh nghiệp tỉnh\tTháng 10/2026" in lines


def test_a_note_beside_a_groups_items_keeps_the_table_as_it_was(tmp_path: Path) -> None:
    """A paragraph in the cell beside the inner table ("Ghi chú: …") has no row of its own: nothing is flattened, and
    nothing lost; an item typed a cell short keeps the columns after it."""
    document = docx.Document()
    tasks = document.add_table(rows=3, cols=3)
    for cell, value in zip(tasks.rows[0].cells, ("TT", "Nội dung", "Kinh phí"), strict=True):
        cell.text = value
    for row, number in zip(tasks.rows[1:], ("A", "B"), strict=True):
        row.cells[0].text, row.cells[2].text = number, "500 triệu"
        inner = row.cells[1].add_table(rows=2, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "Nhiệm vụ", "Thời gian"
        inner.cell(1, 0).text, inner.cell(1, 1).text = f"Việc {number}", "Quý II/2026"
    tasks.rows[2].cells[1].add_paragraph("Ghi chú: báo cáo kết quả cùng kỳ báo cáo năm.")
    path = tmp_path / "ghi-chu.docx"
    document.save(str(path))
    text = load_document(path, max_bytes=MB).text
    assert "Ghi chú: báo cáo kết quả cùng kỳ báo cáo năm." in text, text


def test_a_header_laid_out_in_a_table_inside_a_frame_is_read_column_by_column(tmp_path: Path) -> None:
    """A table of one cell frames a header laid out in a table of its own (issuer │ motto): the issuer's lines, then
    the motto's, each a line — not one value run together."""
    document = docx.Document()
    inner = document.add_table(rows=1, cols=1).rows[0].cells[0].add_table(rows=3, cols=2)
    for row, pair in zip(inner.rows, [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                      ("TỈNH HÒA AN", "Độc lập - Tự do - Hạnh phúc"),
                                      ("Số: 12/KH-UBND", "Hòa An, ngày 18/3/2026")], strict=True):
        row.cells[0].text, row.cells[1].text = pair
    path = tmp_path / "khung.docx"
    document.save(str(path))
    lines = load_document(path, max_bytes=MB).text.split("\n")
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Hòa An, ngày 18/3/2026"], lines


def test_pdf_text_per_page_joined_by_page_break(tmp_path: Path) -> None:
    pages = [["KẾ HOẠCH", "Chuyển đổi số năm 2026"], ["II. TỔ CHỨC THỰC HIỆN", "Văn phòng Đảng ủy chủ trì."]]
    doc = load_document(write(tmp_path, "plan.pdf", make_pdf(pages)), max_bytes=MB)
    texts = doc.text.split(PAGE_BREAK)
    assert [t.split("\n") for t in texts] == pages
    assert doc.metadata[META_FILE_TYPE] == "pdf"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_locked_by_an_owner_password_only_is_read(tmp_path: Path, algorithm: str) -> None:
    """A portal's PDF locked against copying and editing opens without a password: its text is read (AES needs
    `cryptography`, which the project installs); a user password still refuses it (tests/robustness)."""
    pages = [["KẾ HOẠCH", "Phổ biến, giáo dục pháp luật năm 2026"], ["Công chức Tư pháp - Hộ tịch chủ trì."]]
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(pages)))
    writer.encrypt(user_password="", owner_password="chu-so-huu", permissions_flag=4, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    doc = load_document(write(tmp_path, "khoa.pdf", buffer.getvalue()), max_bytes=MB)
    assert [t.split("\n") for t in doc.text.split(PAGE_BREAK)] == pages


# --- refusals ---------------------------------------------------------------------


def junk_without_nul() -> bytes:
    return bytes(b for b in random.Random(7).randbytes(4096) if b)


def corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "Tệp rỗng"),
        ("blank.txt", b"  \n\t\n", "không có nội dung văn bản"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "không phải văn bản thuần"),
        ("random.txt", junk_without_nul(), "không phải văn bản thuần"),
        ("broken-bom.txt", b"\xff\xfe" + b"\x00\xd8", "lỗi mã hóa"),
        ("plan.docx", b"PK\x03\x04 truncated", "DOCX bị hỏng"),
        ("other.docx", corrupt_docx(), "DOCX bị hỏng"),
        ("plan.pdf", b"%PDF-1.4\nnot really a pdf", "PDF bị hỏng"),
        ("half.pdf", blank_pdf()[:200], "PDF bị hỏng"),
        ("scan.pdf", blank_pdf(), "nhận dạng ký tự (OCR) bản quét không thấy chữ nào"),
        ("slides.odp", b"PK\x03\x04", "không được hỗ trợ (.odp); chỉ nhận: .doc, .docm, .docx, .dotm, .dotx, .eml"),
        ("slides.pptx", b"PK\x03\x04", "PPTX bị hỏng"),
        ("README", b"text", "không được hỗ trợ (không có phần mở rộng)"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=re.escape(reason)):
        load_document(write(tmp_path, name, data), max_bytes=MB)


def test_empty_docx_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(LoadError, match="Tệp DOCX không có nội dung văn bản"):
        load_document(path, max_bytes=MB)


def test_over_the_size_limit_names_the_limit_in_mb(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"a" * (3 * MB // 2))
    with pytest.raises(LoadError) as err:
        load_document(path, max_bytes=MB)
    assert str(err.value) == "Tệp quá lớn (1.5 MB): giới hạn là 1 MB."


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="Không tìm thấy tệp"):
        load_document(tmp_path / "missing.txt", max_bytes=MB)
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(LoadError, match="không phải là một tệp"):
        load_document(tmp_path / "folder.txt", max_bytes=MB)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", b"text")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)  # running as root, chmod cannot make a file unreadable
    with pytest.raises(LoadError, match="Không đọc được tệp locked.txt: Permission denied"):
        load_document(path, max_bytes=MB)


# --- bounded work ----------------------------------------------------------------------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "limits", "reason"),
    [
        (lambda: _zip({"word/document.xml": b"\0" * (8 * MB)}), Limits(), "tỉ lệ nén bất thường"),
        (lambda: _zip({f"p{i}.xml": bytes(range(256)) * 4096 for i in range(3)}, zipfile.ZIP_STORED),
         Limits(max_unpacked=2 * MB), "khi giải nén quá lớn (3 MB): giới hạn là 2 MB"),
        (lambda: _zip({f"p{i}.xml": b"<a/>" for i in range(30)}, zipfile.ZIP_STORED), Limits(max_entries=20),
         "quá nhiều thành phần (hơn 20)"),
    ],
    ids=["ratio", "unpacked", "entries"],
)
def test_zip_bombs_are_refused_before_inflating(tmp_path: Path, data, limits: Limits, reason: str) -> None:
    with pytest.raises(LoadError, match=re.escape(reason)):
        load_document(write(tmp_path, "bom.docx", data()), limits=limits)


def test_text_length_is_bounded_before_and_after_decoding(tmp_path: Path) -> None:
    text = ("Kế hoạch chuyển đổi số trong các cơ quan đảng, nội dung số " + "x" * 5 + " ") * 200
    with pytest.raises(LoadError, match="quá dài .* giới hạn là 1.000 ký tự"):
        load_document(write(tmp_path, "dai.txt", text.encode()), limits=Limits(max_text_chars=1000))
    with pytest.raises(LoadError, match="Văn bản trích ra quá dài"):
        load_bytes("dai.txt", b"a " * 5000, Limits(max_text_chars=1000))


def test_a_watermark_drawn_aslant_is_no_text_of_the_document(tmp_path: Path) -> None:
    """A plan downloaded from a document system carries, over each page, who downloaded it and when, drawn
    diagonally: the text layer holds it, the plan does not say it."""
    mark = "Nguyễn Văn Tải - Văn phòng Sở Y tế - 08/01/2026 10:21"
    pdf = tmp_path / "tai_ve.pdf"
    pdf.write_bytes(make_pdf([["KẾ HOẠCH", "Tiêm chủng mở rộng năm 2026", "1. Trạm Y tế xã chủ trì tiêm vắc xin sởi.",
                               "2. Hoàn thành trước ngày 30/6/2026."]], marks=(mark, "TÀI LIỆU LƯU HÀNH NỘI BỘ")))
    text = load_document(pdf).text
    assert "Trạm Y tế xã chủ trì tiêm vắc xin sởi." in text and "30/6/2026" in text
    assert "Nguyễn Văn Tải" not in text and "08/01/2026" not in text and "LƯU HÀNH" not in text, text


def test_a_paragraph_drawn_after_the_lines_below_it_reads_where_it_is_printed(tmp_path: Path) -> None:
    """A plan laid out in a spreadsheet and printed to PDF draws its wrapped cells last: the closing paragraph after
    the signature printed below it. Read as drawn, the signer's name ran into "Trên đây là …"; read as printed,
    the paragraph comes first and the signature block ends the page."""
    lines = ["Phối hợp xây dựng tin, bài tuyên truyền về tiêm chủng.", "Nơi nhận:", "KT. GIÁM ĐỐC",
             "- UBND tỉnh;", "PHÓ GIÁM ĐỐC", "- Lưu: VT.", "Phạm Đức Thịnh",
             "Trên đây là Kế hoạch tiêm chủng mở rộng năm 2026 của Sở Y tế."]
    placed = ((50, 760), (50, 700), (350, 700), (50, 684), (350, 684), (50, 668), (350, 640), (50, 730))
    pdf = tmp_path / "bang_tinh.pdf"
    pdf.write_bytes(make_pdf([lines], placed=placed))
    text = load_document(pdf).text
    assert text.index("Trên đây là Kế hoạch") < text.index("Nơi nhận:") < text.index("Phạm Đức Thịnh"), text
    assert "Phạm Đức Thịnh" in text.split("\n")[-1] or "Phạm Đức Thịnh" in text.rstrip().split("\n")[-1], text


def test_columns_drawn_one_after_the_other_keep_the_order_they_are_drawn_in(tmp_path: Path) -> None:
    """A header's right-hand column drawn after its left-hand one is no disorder: each column reads whole."""
    lines = ["UBND TỈNH QUẢNG LÂM", "SỞ Y TẾ", "Số: 284/KH-SYT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH"]
    placed = ((60, 780), (80, 766), (70, 740), (300, 780), (320, 766), (250, 700))
    pdf = tmp_path / "dau.pdf"
    pdf.write_bytes(make_pdf([lines], placed=placed))
    text = load_document(pdf).text
    assert text.index("SỞ Y TẾ") < text.index("Số: 284/KH-SYT") < text.index("CỘNG HÒA"), text


def test_a_plan_written_in_two_languages_side_by_side_reads_in_vietnamese(tmp_path: Path) -> None:
    """A bilingual plan (an investment plan for foreign readers): Vietnamese left, English right, a paragraph a row,
    its header and signature so too; its task table gives each column's translation beside it and repeats its
    header row where it goes on to the next page. The Vietnamese reads as the plan (its headings, its number, its
    signer); the translation and the header typed again are left out."""
    document = docx.Document()

    def two(rows: list[tuple[str, str]]) -> None:
        table = document.add_table(rows=0, cols=2)
        for vi, en in rows:
            row = table.add_row()
            row.cells[0].text, row.cells[1].text = vi, en

    two([("ỦY BAN NHÂN DÂN TỈNH LONG SƠN\nSố: 45/KH-UBND\nLong Sơn, ngày 05 tháng 3 năm 2026",
          "LONG SON PROVINCIAL PEOPLE'S COMMITTEE\nNo. 45/KH-UBND\nLong Son, 05 March 2026")])
    two([("KẾ HOẠCH\nThu hút đầu tư trực tiếp nước ngoài năm 2026", "PLAN\nAttracting foreign direct investment in 2026"),
         ("I. MỤC TIÊU", "I. OBJECTIVES"),
         ("1. Thu hút tối thiểu 350 triệu USD vốn FDI đăng ký mới.", "1. Attract at least USD 350 million of new FDI."),
         ("II. NHIỆM VỤ", "II. TASKS")])
    tasks = document.add_table(rows=0, cols=5)
    header = ("TT", "Nhiệm vụ", "Task", "Đơn vị chủ trì", "Lead agency")
    for values in [header, ("1", "Tổ chức hội nghị xúc tiến đầu tư", "Organise an investment conference", "Sở Tài chính",
                            "Department of Finance"),
                   ("2", "Cập nhật dữ liệu quỹ đất sạch", "Update the clean land data", "Ban Quản lý các khu công nghiệp",
                    "Industrial Parks Management Board"), header,
                   ("3", "Đào tạo lao động cho doanh nghiệp FDI", "Train workers for FDI firms", "Sở Nội vụ",
                    "Department of Home Affairs")]:
        row = tasks.add_row()
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    two([("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Văn Lâm",
          "ON BEHALF OF THE PEOPLE'S COMMITTEE\nVICE CHAIRMAN\nHoang Van Lam")])
    path = tmp_path / "song_ngu.docx"
    document.save(path)
    text = load_document(path).text
    lines = text.split("\n")
    assert "I. MỤC TIÊU" in lines and "Số: 45/KH-UBND" in lines and "Hoàng Văn Lâm" in lines, text
    assert "2\tCập nhật dữ liệu quỹ đất sạch\tBan Quản lý các khu công nghiệp" in lines, text
    assert lines.count("TT\tNhiệm vụ\tĐơn vị chủ trì") == 1, text
    assert "OBJECTIVES" not in text and "Department of Finance" not in text and "Hoang Van Lam" not in text, text


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf([["KẾ HOẠCH", "Chuyển đổi số năm 2026 của các cơ quan đảng"]])
    with pytest.raises(LoadError, match="bị cắt cụt"):
        load_document(write(tmp_path, "cut.pdf", pdf[: len(pdf) - 200]), max_bytes=MB)


def test_a_symlink_is_not_followed_when_walking_a_folder(tmp_path: Path) -> None:
    target = write(tmp_path, "that.txt", "Kế hoạch chuyển đổi số năm 2026 của Đảng ủy phường".encode())
    link = tmp_path / "lien-ket.txt"
    link.symlink_to(target)
    assert load_document(link, max_bytes=MB).text.startswith("Kế hoạch")  # named by the user: followed
    with pytest.raises(LoadError, match="symlink"):
        load_document(link, max_bytes=MB, follow_symlinks=False)


def _plan_docx() -> bytes:
    """A plan as Word writes it: heading styles, automatic numbering, merged cells."""
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    d.add_heading("MỤC ĐÍCH, YÊU CẦU", level=1)
    d.add_paragraph("Bảo đảm an toàn thông tin.", style="List Number")
    d.add_paragraph("Triển khai kho dữ liệu.", style="List Number")
    d.add_heading("TỔ CHỨC THỰC HIỆN", level=1)
    d.add_heading("Văn phòng Đảng ủy", level=2)
    d.add_paragraph("Chủ trì rà soát hạ tầng mạng.", style="List Bullet")
    t = d.add_table(rows=4, cols=4)
    for i, h in enumerate(["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"]):
        t.cell(0, i).text = h
    t.cell(1, 0).merge(t.cell(1, 3)).text = "I. Hạ tầng số"  # merged across: a group row
    for i, v in enumerate(["1", "Rà soát hạ tầng", "Văn phòng Đảng ủy", "Quý III/2026"]):
        t.cell(2, i).text = v
    t.cell(3, 0).text, t.cell(3, 1).text = "2", "Nâng cấp mạng"
    t.cell(2, 2).merge(t.cell(3, 2))  # merged down: both rows have this lead unit
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_structure_from_styles_numbering_and_merged_cells() -> None:
    from ingest.facts import extract_tasks
    from ingest.load import DocxReader
    from ingest.normalize import normalize_with_hints
    from ingest.structure import parse_structure

    text, _, hints = normalize_with_hints(DocxReader().decode(_plan_docx()))
    blocks = parse_structure(text, hints)
    headings = [b["section"] for b in blocks if b["kind"] == "heading"]
    assert headings == ["MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN > Văn phòng Đảng ủy"]
    assert "1. Bảo đảm an toàn thông tin." in text and "2. Triển khai kho dữ liệu." in text
    rows = [b["cells"] for b in blocks if b["kind"] == "table_row"]
    assert rows == [
        {"Nhóm": "Hạ tầng số", "STT": "1", "Nội dung": "Rà soát hạ tầng", "Đơn vị chủ trì": "Văn phòng Đảng ủy",
         "Thời gian": "Quý III/2026"},
        {"Nhóm": "Hạ tầng số", "STT": "2", "Nội dung": "Nâng cấp mạng", "Đơn vị chủ trì": "Văn phòng Đảng ủy"},
    ]
    tasks = [{r: f["text"] for r, f in t["fields"].items()} for t in extract_tasks(text, blocks)]
    assert {"lead": "Văn phòng Đảng ủy", "task": "Chủ trì rà soát hạ tầng mạng"} in tasks


def test_docx_header_and_signature_laid_out_in_tables_read_column_by_column() -> None:
    from ingest.load import DocxReader
    from ingest.metadata import extract_metadata

    text = DocxReader().decode(laid_out_docx(
        "UBND TỈNH HÀ NAM BẮC\nSỞ Y TẾ\n_______", "Số: 512/KH-SYT", "Hà Nam Bắc, ngày 09 tháng 10 năm 2026",
        ["KẾ HOẠCH", "Tiêm chủng mở rộng năm 2027",
         "1. Trung tâm Kiểm soát bệnh tật chủ trì tổ chức tiêm chủng, hoàn thành trong quý IV/2027."],
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nĐoàn Văn Lực"))
    assert text.startswith("UBND TỈNH HÀ NAM BẮC\nSỞ Y TẾ\n_______\nSố: 512/KH-SYT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nĐoàn Văn Lực" in text
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"], meta["issuer"], meta["signer"], meta["signer_title"]) == (
        "512/KH-SYT", "2026-10-09", "Sở Y tế", "Đoàn Văn Lực", "Phó Giám đốc")
    assert meta["title"] == "Kế hoạch tiêm chủng mở rộng năm 2027"


def _decoded(d: object) -> str:
    """The text the DOCX reader gives of a document built here."""
    from ingest.load import DocxReader

    out = io.BytesIO()
    d.save(out)  # type: ignore[attr-defined]
    return DocxReader().decode(out.getvalue())


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MARK = 'w:author="Phòng Kế hoạch" w:date="2026-10-01T08:00:00Z"'


def _tracked(tag: str, n: int, text: str) -> object:
    from docx.oxml import parse_xml

    t = "w:delText" if tag == "del" else "w:t"
    return parse_xml(f'<w:{tag} {_W} w:id="{n}" {_MARK}><w:r><{t} xml:space="preserve">{text}</{t}></w:r></w:{tag}>')


def test_a_draft_with_tracked_changes_reads_as_changed() -> None:
    """A draft in circulation (Word's "Track Changes"): inserted text in, deleted text out, a deleted table row
    gone, a content control's text read."""
    from docx.oxml import parse_xml


    d = docx.Document()
    p = d.add_paragraph("Phấn đấu đến năm 2027 có ")
    p._p.append(_tracked("del", 1, "10.000"))
    p._p.append(_tracked("ins", 2, "12.500"))
    p.add_run(" người tham gia bảo hiểm xã hội tự nguyện.")
    d.add_paragraph()._p.append(_tracked("ins", 3, "Báo cáo kết quả trước ngày 15/12 hằng năm."))
    t = d.add_table(rows=3, cols=2)
    for r, (task, lead) in enumerate([("Nhiệm vụ", "Đơn vị chủ trì"), ("Tuyên truyền", "Bảo hiểm xã hội tỉnh"),
                                      ("Hội thi tuyên truyền viên", "Sở Văn hóa")]):
        t.cell(r, 0).text, t.cell(r, 1).text = task, lead
    t.rows[2]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {_W} w:id="4" {_MARK}/>'))
    d.element.body.insert(0, parse_xml(
        f'<w:sdt {_W}><w:sdtPr><w:alias w:val="Số"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Số: 1846/KH-SLĐTBXH</w:t>'
        '</w:r></w:p></w:sdtContent></w:sdt>'))
    text = _decoded(d)
    assert text.splitlines()[0] == "Số: 1846/KH-SLĐTBXH"
    assert "Phấn đấu đến năm 2027 có 12.500 người tham gia bảo hiểm xã hội tự nguyện." in text
    assert "Báo cáo kết quả trước ngày 15/12 hằng năm." in text
    assert "Tuyên truyền\tBảo hiểm xã hội tỉnh" in text
    assert "10.000" not in text and "Hội thi" not in text


def test_a_header_block_typed_in_the_page_header_is_read_before_the_body() -> None:
    from ingest.metadata import extract_metadata

    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    for line in ["UBND TỈNH BÌNH NGUYÊN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 1846/KH-SLĐTBXH"]:
        section.first_page_header.add_paragraph(line)
    section.header.add_paragraph("Kế hoạch phát triển người tham gia bảo hiểm xã hội tự nguyện")  # running head
    for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Bình Nguyên, ngày 09 tháng 10 năm 2024", "KẾ HOẠCH",
                 "Phát triển người tham gia bảo hiểm xã hội tự nguyện giai đoạn 2025 - 2027",
                 "1. Bảo hiểm xã hội tỉnh chủ trì tuyên truyền, hoàn thành trong quý I/2025."]:
        d.add_paragraph(line)
    text = _decoded(d)
    assert text.startswith("UBND TỈNH BÌNH NGUYÊN\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 1846/KH-SLĐTBXH\n\nCỘNG HÒA")
    assert text.count("Kế hoạch phát triển người tham gia") == 0  # the running head of later pages is no text
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"]) == ("1846/KH-SLĐTBXH", "2024-10-09")
    assert meta["issuer"] == "Sở Lao động - Thương binh và Xã hội"


_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def _text_box(lines: list[str]) -> object:
    """A run holding a text box as Word writes it: the drawing, then the same box again as a VML fallback."""
    from docx.oxml import parse_xml

    content = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return parse_xml(
        f'<w:r {_BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f'<w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>'
        '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_a_header_block_drawn_in_text_boxes_is_read_once_in_place() -> None:
    """Issuer and motto typed in two text boxes anchored to the first paragraph: each box's lines read once, before
    the body, so number, date and issuer are found."""
    from ingest.metadata import extract_metadata

    d = docx.Document()
    anchor = d.add_paragraph()
    anchor._p.append(_text_box(["ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG KHÊ", "Số: 77/KH-UBND"]))
    anchor._p.append(_text_box(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                "Đông Khê, ngày 12 tháng 3 năm 2027"]))
    for line in ["KẾ HOẠCH", "Phòng, chống đuối nước trẻ em năm 2027",
                 "1. Phòng Văn hóa - Xã hội chủ trì mở lớp dạy bơi, hoàn thành trong quý II/2027."]:
        d.add_paragraph(line)
    text = _decoded(d)
    assert text.startswith("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG KHÊ\nSố: 77/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert text.count("Số: 77/KH-UBND") == 1
    meta = extract_metadata(text)
    assert (meta["doc_number"], meta["issued_date"], meta["issuer"]) == (
        "77/KH-UBND", "2027-03-12", "Ủy ban nhân dân huyện Đông Khê")


def test_a_footnote_is_read_where_its_mark_stands() -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml


    d = docx.Document()
    p = d.add_paragraph("Thực hiện Nghị quyết số 05-NQ/HU")
    p._p.append(parse_xml(f'<w:r {_W}><w:footnoteReference w:id="1"/></w:r>'))
    p.add_run(" của Huyện ủy, Ủy ban nhân dân huyện ban hành Kế hoạch.")
    notes = (f'<w:footnotes {_W}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Nghị quyết ngày 02/02/2027 về phòng, chống</w:t>'
             '</w:r><w:r><w:t xml:space="preserve"> đuối nước.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, notes.encode(), d.part.package)
    d.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    assert _decoded(d) == (
        "Thực hiện Nghị quyết số 05-NQ/HU (Nghị quyết ngày 02/02/2027 về phòng, chống đuối nước.) của Huyện ủy, "
        "Ủy ban nhân dân huyện ban hành Kế hoạch.")


def test_a_heading_numbered_without_a_number_shows_only_its_typed_label() -> None:
    """LibreOffice writes its heading styles' outline numbering with the format "none": the heading's typed "I-" is
    its label, no "1" is put before it."""
    from docx.oxml import parse_xml


    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {_W} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="none"/>'
        '<w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text in ["I- MỤC ĐÍCH, YÊU CẦU", "II- MỤC TIÊU"]:
        p = d.add_paragraph(text, style="Heading 1")
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {_W}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    assert _decoded(d).split("\n") == ["# I- MỤC ĐÍCH, YÊU CẦU", "# II- MỤC TIÊU"]


def test_a_docx_cell_in_several_paragraphs_keeps_its_units_apart(tmp_path: Path) -> None:
    """"Phòng Kinh tế và Hạ tầng" / "UBND các xã" in one cell are two units; "Đơn vị" / "chủ trì" is one name."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "Nội dung", "Chủ trì"
    table.cell(0, 2).text = "Đơn vị"
    table.cell(0, 2).add_paragraph("phối hợp")
    table.cell(1, 0).text, table.cell(1, 1).text = "Kiểm tra an toàn PCCC", "Công an huyện"
    table.cell(1, 2).text = "Phòng Kinh tế và Hạ tầng"
    table.cell(1, 2).add_paragraph("UBND các xã")
    path = tmp_path / "cells.docx"
    document.save(str(path))
    text = load_document(path, max_bytes=MB).text
    assert "Nội dung\tChủ trì\tĐơn vị phối hợp" in text
    assert "Kiểm tra an toàn PCCC\tCông an huyện\tPhòng Kinh tế và Hạ tầng; UBND các xã" in text


@pytest.mark.parametrize(("page", "table"), [
    ("TT Nội dung Chủ trì Phối hợp Thời gian", True),
    ("T Nội dung Đơn vị chủ trì Đơn vị phối hợp T3 T4 T5 Sản phẩm", True),  # "TT" cut in a narrow column
    ("Nội dung T3 T4 T5 T6 T7 Sản phẩm", True),  # a schedule's months
    ("- Các sở chủ trì, phối hợp với UBND các huyện triển khai.", False),  # a sentence
    ("Nơi nhận:\n- TT Tỉnh ủy, TT HĐND tỉnh;", False),
])
def test_a_pdf_page_holding_a_table(page: str, table: bool) -> None:
    assert _table_page(page) is table


def test_a_huge_page_is_rendered_within_the_pixel_limit() -> None:
    """A page of 200 × 200 inches (the most PDF allows) rendered to look for ruled tables at 200 dpi would be 1.6
    billion pixels: it is rendered at most MAX_PIXELS, like a scan, and a blank one has no table."""
    from ingest.grid import MAX_PIXELS
    from ingest.pdf_tables import RuledPages

    writer = PdfWriter()
    writer.add_blank_page(14400, 14400)
    buffer = io.BytesIO()
    writer.write(buffer)
    pages = RuledPages(buffer.getvalue())
    try:
        assert pages.read(0) is None
    finally:
        pages.close()
    assert MAX_PIXELS < 14400 * 14400 * (200 / 72) ** 2
