"""Readers for the other files offices keep plans in: task spreadsheets (.xlsx), saved web pages (.html),
old Word, rich-text and OpenDocument files (.doc, .rtf, .odt, .fodt, converted by LibreOffice); plans printed to XPS,
Word documents saved as XML and bundles of attachments have modules of their own (`ingest.xps`, `ingest.word_xml`,
`ingest.bundle`).

Each emits text the later stages already read: a table row is one tab-separated line (the header row
kept, so its rows become table rows with named columns, like the tables of a plan), a heading or a
paragraph is one line. They register themselves in `ingest.load`'s registry.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import os
import posixpath
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any, ClassVar

from assistant.vocab.numbering import to_roman
from assistant.vocab.units import cell_text
from ingest import encodings
from ingest.html_text import html_to_text
from ingest.load import Deadline, DocxReader, FileReader, LoadError, decode_text, register

# --- XLSX ----------------------------------------------------------------------------------------

_DEFAULT_SHEET = re.compile(r"(?i)(sheet|trang tính|bảng tính)\s*\d*")


@register(".xlsx")
class XlsxReader(FileReader):
    """Each sheet with content: its name (unless a default 'Sheet1'), then its rows, one tab-separated line
    each; a row of one cell (a title, a paragraph of a plan typed down column A) stays a line of its own, unless
    it groups the table rows around it ("A. CÔNG TÁC TUYÊN TRUYỀN"). A merged cell's value stands in every cell it
    covers (a lead merged down over three tasks leads each; a header's "Thời gian" merged over "Bắt đầu" and
    "Hoàn thành" names both) — in a table: a group row merged across, or a header block's issuer, is said once."""

    file_type = "xlsx"
    zipped = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        import openpyxl

        try:  # not read-only: merged ranges are known only to a full workbook
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        except Exception as err:
            raise LoadError("Tệp XLSX bị hỏng hoặc không đúng định dạng bảng tính Excel (.xlsx).") from err
        parts: list[str] = []
        try:
            for sheet in book.worksheets:
                rows = [[_cell_text(c) for c in row] for row in sheet.iter_rows()]
                merged = [(r.min_row, r.max_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges]
                _fill_merged(rows, merged)
                _one_header_row(rows, merged)
                if deadline is not None:
                    deadline.check("đọc XLSX")
                lines = _sheet_lines(rows)
                if lines:
                    named = not _DEFAULT_SHEET.fullmatch(sheet.title.strip())
                    parts.append("\n".join(([sheet.title.strip()] if named else []) + lines))
        except LoadError:
            raise
        except Exception as err:
            raise LoadError("Tệp XLSX bị hỏng hoặc không đúng định dạng bảng tính Excel (.xlsx).") from err
        finally:
            book.close()
        return "\n\n".join(parts)


def _fill_merged(rows: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    """The value of each merged range (1-based rows and columns, inclusive) in every cell it covers, when it opens
    in a row of a table (three cells or more filled): a group row merged across, a header block's issuer merged over
    four columns beside its motto, are said once."""
    waiting = [r for r in ranges if r[0] <= len(rows) and r[2] <= len(rows[r[0] - 1]) and rows[r[0] - 1][r[2] - 1]]
    while waiting:  # a header's second row is a table's row once the names merged down over it stand in it
        counts = [sum(1 for c in row if c) for row in rows]
        ready = [r for r in waiting if counts[r[0] - 1] >= _TABLE_CELLS]
        if not ready:
            return
        for top, bottom, left, right in ready:
            value = rows[top - 1][left - 1]
            for r in range(top - 1, min(bottom, len(rows))):
                for c in range(left - 1, min(right, len(rows[r]))):
                    rows[r][c] = value
        waiting = [r for r in waiting if r not in ready]


def _one_header_row(rows: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    """A header of two or three rows ("STT" merged down over them; "Tổ chức thực hiện" over "Đơn vị thực hiện" over
    "Chủ trì") becomes one row naming each column by what stands above it ("Tổ chức thực hiện - Đơn vị thực hiện -
    Chủ trì"), as a web page's header is read."""
    for top, bottom, _, _ in sorted(ranges):
        heads = [rows[r] for r in range(top - 1, min(bottom, len(rows)))]
        if len(heads) < 2 or any(sum(1 for c in row if c) < _TABLE_CELLS for row in heads) or \
                any(c.replace(".", "").replace(",", "").isdigit() for row in heads for c in row):
            continue
        width = max(len(row) for row in heads)
        rows[top - 1] = [" - ".join(dict.fromkeys(row[j] for row in heads if j < len(row) and row[j]))
                         for j in range(width)]
        for r in range(top, min(bottom, len(rows))):
            rows[r] = [""] * len(rows[r])


_TABLE_CELLS = 3  # a row of a table of tasks or figures fills at least three cells


def _sheet_lines(rows: list[list[str]]) -> list[str]:
    filled = [row for row in rows if any(row)]
    if not filled:
        return []
    width = max(max(i for i, c in enumerate(row) if c) + 1 for row in filled)
    counts = [sum(1 for c in row if c) for row in filled]
    lines: list[str] = []
    for k, row in enumerate(filled):
        cells = (row + [""] * width)[:width]
        grouping = 0 < k < len(filled) - 1 and counts[k - 1] >= _TABLE_CELLS and counts[k + 1] >= _TABLE_CELLS
        if counts[k] == 1 and not grouping:
            lines.append(next(c for c in cells if c))  # a title, or a paragraph of a plan typed in a sheet
            continue
        lines.append("\t".join(cells))
    return lines


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | int):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{value * 100:g}%"
        return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")
    return cell_text(str(value).split("\n"))  # a cell written on several lines is one cell


# --- HTML ----------------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
@register(".html", ".htm")
class HtmlReader(FileReader):
    """The visible text of a saved web page: headings and paragraphs one a line, list items as '-' bullets,
    table rows tab-separated; scripts, styles and the page head left out."""

    file_type = "html"
    plain = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        return html_to_text(_html_text(data))


def _html_text(data: bytes) -> str:
    """The page's declared charset when it decodes; otherwise the text loader's own detection."""
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        try:
            return encodings.repair(data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


# --- a saved e-mail ----------------------------------------------------------------------------

@register(".eml")
class MailReader(FileReader):
    """A saved e-mail (.eml, MIME): its body as sent — the HTML part when it holds a table (the rows keep their
    cells), else the plain-text part; a plan forwarded in it is then read as any plan pasted from a mail. Attachments
    are not opened; their names are said after the body."""

    file_type = "eml"
    plain = True  # decoded text is never longer than the encoded message

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"] or message["Date"]):
            raise LoadError("Tệp .eml không phải thư điện tử (không có dòng From, Subject hay Date).")
        html, plain = message.get_body(("html",)), message.get_body(("plain",))
        markup = _part_text(html) if isinstance(html, EmailMessage) else ""
        text = html_to_text(markup) if markup and (plain is None or "<table" in markup.lower()) else \
            _part_text(plain) if isinstance(plain, EmailMessage) else ""
        if not text.strip():
            raise LoadError("Thư .eml không có nội dung văn bản để đọc (chỉ có tệp đính kèm?).")
        names = [p.get_filename() for p in message.iter_attachments() if p.get_filename()]
        return text + (f"\n\nTệp đính kèm (không đọc): {', '.join(n for n in names if n)}" if names else "")


@register(".mht", ".mhtml")
class WebArchiveReader(FileReader):
    """A web page saved as one file (.mht/.mhtml: Word's "Single File Web Page", a browser's "Save as MHTML"): a
    MIME message whose first HTML part is the page, read as a saved web page; its images and styles are left."""

    file_type = "mht"
    plain = True  # decoded text is never longer than the encoded archive

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        message = email.message_from_bytes(data, policy=email.policy.default)
        page = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        if not isinstance(page, EmailMessage):
            raise LoadError("Tệp .mht không có trang HTML bên trong (không phải trang web lưu thành một tệp).")
        text = html_to_text(_part_text(page))
        if not text.strip():
            raise LoadError("Trang web trong tệp .mht không có nội dung văn bản để đọc.")
        return text


def _part_text(part: EmailMessage) -> str:
    """A MIME part's text by its declared charset; an undeclared or wrong one, by the text loader's detection."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return decode_text(payload) if isinstance(payload, bytes) else ""


# --- PPTX ----------------------------------------------------------------------------------------

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RUNNING = frozenset(("ftr", "sldNum", "dt"))  # a slide's footer, number and date: the same on every slide
_ROW_BAND = 228600  # shapes whose tops lie within a quarter inch (in EMU) are read left to right
# numbering PowerPoint adds to a paragraph without writing it into the text: "1.", "a)", "I."
_AUTO_NUMBER = {"arabicPeriod": "{n}.", "arabicParenR": "{n})", "alphaLcParenR": "{a})", "alphaLcPeriod": "{a}.",
                "romanUcPeriod": "{R}.", "alphaUcPeriod": "{A}."}


@register(".pptx")
class PptxReader(FileReader):
    """A plan presented as slides (PowerPoint .pptx): each slide's text boxes top to bottom and left to right, a
    paragraph a line (with the numbers PowerPoint adds to a numbered list), its tables a tab-separated line per row
    (a cell merged across said in its first column, one merged down in each row it spans); a slide's footer, number
    and date, the same on every slide, are left out, as are the speaker's notes (not what the slides show)."""

    file_type = "pptx"
    zipped = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        from lxml import etree

        parser = xml_parser()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                slides = []
                for name in _slide_names(archive, parser):
                    slide = etree.fromstring(archive.read(name), parser)
                    slides.append("\n".join(_slide_lines(slide, _layout_places(archive, name, parser))))
                    if deadline is not None:
                        deadline.check("đọc PPTX")
        except LoadError:
            raise
        except Exception as err:
            raise LoadError("Tệp PPTX bị hỏng hoặc không đúng định dạng PowerPoint (.pptx).") from err
        return "\n\n".join(s for s in slides if s.strip())


def _slide_names(archive: Any, parser: Any) -> list[str]:
    """The slides' parts in the order the presentation shows them (not their file names' order)."""
    from lxml import etree

    shown = etree.fromstring(archive.read("ppt/presentation.xml"), parser)
    target = _targets(archive, "ppt/presentation.xml", parser)
    return [target[r] for slide in shown.iter(f"{_P}sldId") if (r := slide.get(f"{_R}id")) in target]


def _targets(archive: Any, part: str, parser: Any) -> dict[str, str]:
    """A part's relationships: id -> the path of the part it points to inside the archive."""
    from lxml import etree

    folder, _, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in archive.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(archive.read(rels), parser):
        path = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id", "")] = path.lstrip("/") if path.startswith("/") else posixpath.normpath(f"{folder}/{path}")
    return out


def _layout_places(archive: Any, slide: str, parser: Any) -> dict[str, tuple[int, int]]:
    """Where the slide's layout (or its master) puts each placeholder, by type and by index: a title or a text
    placeholder the slide does not move stands where the layout has it."""
    from lxml import etree

    places: dict[str, tuple[int, int]] = {}
    part = slide
    for _ in range(2):  # the layout, then its master
        part = next((p for p in _targets(archive, part, parser).values() if "slideLayout" in p or "slideMaster" in p),
                    "")
        if not part or part not in archive.namelist():
            break
        for shape in etree.fromstring(archive.read(part), parser).iter(f"{_P}sp"):
            kind, offset = shape.find(f".//{_P}nvPr/{_P}ph"), shape.find(f"./{_P}spPr/{_A}xfrm/{_A}off")
            if kind is None or offset is None:
                continue
            where = (int(offset.get("y", "0")), int(offset.get("x", "0")))
            for key in (f"type:{kind.get('type', 'body')}", f"idx:{kind.get('idx', '')}"):
                places.setdefault(key, where)
    return places


def _slide_lines(slide: Any, places: dict[str, tuple[int, int]]) -> list[str]:
    shapes: list[tuple[tuple[int, int], list[str]]] = []
    tree = slide.find(f"{_P}cSld/{_P}spTree")
    for shape in () if tree is None else tree.iter(f"{_P}sp", f"{_P}graphicFrame"):
        kind = shape.find(f".//{_P}nvPr/{_P}ph")
        role = "" if kind is None else kind.get("type", "body")
        if role in _RUNNING:
            continue
        table = shape.find(f".//{_A}tbl")
        lines = _table_lines(table) if table is not None else _text_lines(shape.find(f"{_P}txBody"))
        if not lines:
            continue
        offset = shape.find(f"./{_P}spPr/{_A}xfrm/{_A}off")
        if offset is None:
            offset = shape.find(f"./{_P}xfrm/{_A}off")
        if offset is not None:
            y, x = int(offset.get("y", "0")), int(offset.get("x", "0"))
        elif kind is not None and (f"idx:{kind.get('idx', '')}" in places or f"type:{role}" in places):
            y, x = places.get(f"idx:{kind.get('idx', '')}") or places[f"type:{role}"]
        else:  # placed nowhere we can read: it keeps its place among the shapes
            y, x = (shapes[-1][0][0] * _ROW_BAND, 0) if shapes else (0, 0)
        shapes.append(((y // _ROW_BAND, x), lines))
    return [line for _, lines in sorted(shapes, key=lambda s: s[0]) for line in lines]


def _text_lines(body: Any) -> list[str]:
    if body is None:
        return []
    lines: list[str] = []
    counts: dict[str, int] = {}
    for paragraph in body.iter(f"{_A}p"):
        text = "".join(node.text or "" if node.tag == f"{_A}t" else "\n" for node in paragraph.iter(f"{_A}t", f"{_A}br"))
        props = paragraph.find(f"{_A}pPr")
        auto = props.find(f"{_A}buAutoNum") if props is not None else None
        if auto is not None and text.strip():
            style = auto.get("type", "arabicPeriod")
            n = counts[style] = counts.get(style, int(auto.get("startAt", "1")) - 1) + 1
            label = _AUTO_NUMBER.get(style, "{n}.").format(n=n, a=chr(96 + min(n, 26)), A=chr(64 + min(n, 26)),
                                                           R=to_roman(n))
            text = f"{label} {text.lstrip()}"
        elif props is not None and props.find(f"{_A}buChar") is not None and text.strip() and \
                not re.match(r"\s*[-–•+*]", text):
            text = f"- {text.lstrip()}"
        lines += [line.strip() for line in text.split("\n") if line.strip()]
    return lines


def _table_lines(table: Any) -> list[str]:
    """Rows as tab-separated lines; a cell merged across (gridSpan, hMerge) said in its first column, a cell merged
    down (rowSpan, vMerge) in each row it covers."""
    rows: list[list[str]] = []
    for row in table.iter(f"{_A}tr"):
        cells: list[str] = []
        for k, cell in enumerate(row.iter(f"{_A}tc")):
            if cell.get("vMerge") == "1" and rows and k < len(rows[-1]):
                cells.append(rows[-1][k])
            elif cell.get("hMerge") == "1":
                cells.append("")
            else:
                body = cell.find(f"{_A}txBody")
                cells.append(cell_text(_text_lines(body)) if body is not None else "")
        rows.append(cells)
    return ["\t".join(cells) for cells in rows if any(cells)]


# --- DOC and ODT through LibreOffice -------------------------------------------------------------

NO_OFFICE = ("Chưa cài LibreOffice (gói Debian libreoffice-writer-nogui, cài bằng `make office`) nên không "
             "chuyển được tệp .{ext} sang DOCX để đọc. Cài LibreOffice, hoặc mở tệp bằng Word/LibreOffice và "
             "lưu thành .docx rồi nạp lại.")
CONVERT_SECONDS = 180.0


def soffice() -> str | None:
    """The LibreOffice binary, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class OfficeReader(FileReader):
    """A word-processor file LibreOffice converts to DOCX, then read as DOCX. The conversion works in a
    private temporary folder (in memory under /dev/shm where there is one) that is always removed."""

    extension: ClassVar[str]
    magic: ClassVar[tuple[bytes, ...]]  # how a real file of this kind starts (checked before converting)

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        if not data.startswith(self.magic):
            if (page := _saved_as_page(data)) is not None:
                return page.decode(data, deadline)
            raise LoadError(f"Tệp {self.extension.upper()} bị hỏng hoặc không đúng định dạng .{self.extension}.")
        binary = soffice()
        if binary is None:
            raise LoadError(NO_OFFICE.format(ext=self.extension))
        shm = Path("/dev/shm")
        work = Path(tempfile.mkdtemp(prefix="troly-office-", dir=shm if shm.is_dir() else None))
        try:
            source = work / f"tai-lieu.{self.extension}"
            source.write_bytes(data)
            seconds = CONVERT_SECONDS
            if deadline is not None:
                seconds = max(1.0, min(seconds, deadline.seconds - (deadline.clock() - deadline.start)))
            command = [binary, "--headless", "--norestore", "--nolockcheck",
                       f"-env:UserInstallation={(work / 'profile').as_uri()}",
                       "--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
            _run_bounded(command, seconds, work, self.extension)
            converted = work / "out" / "tai-lieu.docx"
            if not converted.is_file():
                raise LoadError(f"Tệp .{self.extension.upper()} bị hỏng hoặc không đúng định dạng: LibreOffice "
                                "không chuyển được sang DOCX.")
            return DocxReader().decode(converted.read_bytes(), deadline)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _saved_as_page(data: bytes) -> FileReader | None:
    """A word-processor name on a web page: Word's "Save as Web Page" kept as .doc, a legal-document site's "tải
    .doc" serving its HTML, a "Single File Web Page" (MIME) renamed — read as the page it is."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html")):
        return HtmlReader()
    if head.startswith(b"mime-version:") or b"multipart/related" in head:
        return WebArchiveReader()
    return None


def embedded_reader(data: bytes) -> FileReader | None:
    """The reader of a document embedded in another (Word's altChunk: a DOCX, a web page, RTF; an object inserted
    in Word: an Excel worksheet, a slide deck), known by its first bytes and, for an Office package, by its main
    part; None for plain text."""
    if data.startswith(b"PK\x03\x04"):
        return package_reader(data) or DocxReader()
    if data.startswith(b"{\\rtf"):
        return RtfReader()
    return _saved_as_page(data)


_PACKAGE_MAIN = {"word/document.xml": DocxReader, "xl/workbook.xml": XlsxReader, "ppt/presentation.xml": PptxReader}


def package_reader(data: bytes) -> FileReader | None:
    """An Office package's reader by its main part (a Word document, a workbook, a deck); None for another package
    (a Visio drawing, an OpenDocument file)."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    return next((reader() for main, reader in _PACKAGE_MAIN.items() if main in names), None)


def _run_bounded(command: list[str], seconds: float, cwd: Path, extension: str) -> None:
    """Run LibreOffice in its own process group, killed whole (soffice.bin included) past `seconds`."""
    proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired as err:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise LoadError(f"LibreOffice chuyển tệp .{extension} quá {seconds:g} giây: tệp quá lớn hoặc bị hỏng, "
                        "không nạp.") from err


@register(".doc")
class DocReader(OfficeReader):
    file_type = "doc"
    extension = "doc"
    magic = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")  # Word 97-2003; RTF saved as .doc


@register(".rtf")
class RtfReader(OfficeReader):
    file_type = "rtf"
    extension = "rtf"
    magic = (b"{\\rtf",)


@register(".odt")
class OdtReader(OfficeReader):
    file_type = "odt"
    extension = "odt"
    zipped = True
    magic = (b"PK\x03\x04",)


@register(".fodt")
class FlatOdtReader(OfficeReader):
    """LibreOffice's "Flat XML ODF Text Document": the ODT's parts in one uncompressed XML file."""

    file_type = "fodt"
    extension = "fodt"
    magic = (b"<?xml", b"\xef\xbb\xbf<?xml", b"<office:document")


def xml_parser(huge: bool = False) -> Any:
    """lxml's parser for a file's XML: no entities expanded, no DTD or network fetched."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=huge)


def part_name(base: str, source: str) -> str:
    """A reference ("/Documents/1/FixedDocument.fdoc", "Pages/1.fpage") as a part name, from the part it is in."""
    source = source.split("#", 1)[0].strip()
    if source.startswith("/"):
        return source.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), source))


def xml_name(element: Any) -> tuple[str, str]:
    """(namespace, local name) of an element; ("", "") for a comment or a processing instruction."""
    tag = element.tag
    if not isinstance(tag, str):
        return "", ""
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name
