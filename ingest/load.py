"""Stage 1 — load: turn one file into one llama-index ``Document`` holding its raw text.

Readers are small classes registered by file extension. Anything that cannot be read as text raises
``LoadError`` whose message is the Vietnamese reason shown to the user, so a bad file never aborts a
batch. Work per file is bounded before and after parsing (`Limits`): the file size, the unpacked size,
entry count and compression ratio of zip-based formats (checked on the archive's directory, before any
part is inflated), the length of the extracted text, wall time, and text that is not written in a human
language (`ingest.junk`). Files reached while walking a folder are opened without following symlinks.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable, KeysView
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from llama_index.core.readers.base import BaseReader
from llama_index.core.schema import Document

from assistant.settings import IngestSettings
from assistant.text import fold_accents, nfc
from assistant.vocab.dates import PERIOD_COLUMN
from assistant.vocab.fields import role_of
from assistant.vocab.numbering import to_roman
from assistant.vocab.parts import HEADER_MARK, layout_columns, translation_columns
from assistant.vocab.units import cell_text
from ingest import encodings
from ingest.junk import junk_reason
from ingest.model import META_FILE_TYPE, META_SHA256, META_SOURCE, PAGE_BREAK
from ingest.pdf_tables import RuledPages, aslant

MB = 1024 * 1024


class LoadError(Exception):
    """A file that cannot be ingested; ``str(err)`` is the Vietnamese reason."""


@dataclass
class Deadline:
    """Wall time allowed for one file, checked between stages, pages and embedding batches."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    start: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def check(self, stage: str) -> None:
        if self.clock() - self.start > self.seconds:
            raise LoadError(f"Quá thời gian xử lý cho một tệp ({self.seconds:g} giây, ở bước {stage}): "
                            "tệp quá lớn hoặc quá phức tạp, không nạp.")


@dataclass(frozen=True)
class Limits:
    """Bounds of the work done for one file (defaults: those of `IngestSettings`)."""

    max_bytes: int = 50 * MB
    max_unpacked: int = 100 * MB
    max_ratio: float = 100.0
    max_entries: int = 5000
    max_text_chars: int = 2_000_000
    max_seconds: float = 600.0

    @classmethod
    def of(cls, cfg: IngestSettings) -> Limits:
        return cls(max_bytes=round(cfg.max_file_mb * MB), max_unpacked=round(cfg.max_unpacked_mb * MB),
                   max_ratio=cfg.max_compression_ratio, max_entries=cfg.max_archive_entries,
                   max_text_chars=cfg.max_text_chars, max_seconds=cfg.max_seconds)


class FileReader(BaseReader):
    """Reads the bytes of one file into one Document with source, sha256 and file_type."""

    file_type: ClassVar[str]
    zipped: ClassVar[bool] = False  # a zip container (DOCX, XLSX, ODT…): its directory is checked first
    plain: ClassVar[bool] = False  # plain text: its length is known from its size before decoding

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        """Raw text of the file; raises LoadError with a Vietnamese reason."""
        raise NotImplementedError

    def load_data(self, file: Path, extra_info: dict[str, Any] | None = None) -> list[Document]:  # type: ignore[override]
        return [self.load_bytes(Path(file).name, _read_bytes(Path(file)), Limits(), extra_info)]

    def load_bytes(self, name: str, data: bytes, limits: Limits, extra_info: dict[str, Any] | None = None,
                   deadline: Deadline | None = None) -> Document:
        if not data:
            raise LoadError("Tệp rỗng (0 byte): không có nội dung để nạp.")
        if self.zipped:
            check_archive(data, limits, self.file_type)
        if self.plain and len(data) > 4 * limits.max_text_chars:  # a character takes at most 4 bytes
            raise _too_long(len(data) // 4, limits)
        text = self.decode(data, deadline)
        if len(text) > limits.max_text_chars:
            raise _too_long(len(text), limits)
        text = _repaired(nfc(text))  # legacy text that reached a Unicode file without its font (pasted, exported)
        if not text.strip():
            raise LoadError(f"Tệp {self.file_type.upper()} không có nội dung văn bản.")
        if reason := junk_reason(text):
            raise LoadError(reason)
        metadata: dict[str, Any] = {
            META_SOURCE: name,
            META_SHA256: hashlib.sha256(data).hexdigest(),
            META_FILE_TYPE: self.file_type,
        }
        metadata.update(extra_info or {})
        return Document(text=text, metadata=metadata)


R = TypeVar("R", bound=FileReader)
_REGISTRY: dict[str, type[FileReader]] = {}
SUPPORTED_EXTENSIONS: KeysView[str] = _REGISTRY.keys()  # live view: '.docx', '.md', '.pdf', '.txt'


def register(*extensions: str) -> Callable[[type[R]], type[R]]:
    """Class decorator: make a reader responsible for the given extensions ('.txt')."""

    def wrap(cls: type[R]) -> type[R]:
        for ext in extensions:
            _REGISTRY[ext.lower()] = cls
        return cls

    return wrap


def reader_for(path: Path) -> FileReader:
    ext = path.suffix.lower()
    if ext not in _REGISTRY:
        shown = ext or "không có phần mở rộng"
        raise LoadError(
            f"Định dạng tệp không được hỗ trợ ({shown}); chỉ nhận: {', '.join(sorted(SUPPORTED_EXTENSIONS))}."
        )
    return _REGISTRY[ext]()


def load_document(path: Path, max_bytes: int | None = None, *, limits: Limits | None = None,
                  follow_symlinks: bool = True, deadline: Deadline | None = None) -> Document:
    """Pick the reader by extension and load; every refusal is a LoadError. `follow_symlinks=False` for
    files found by walking a folder: a link there may point anywhere on the machine."""
    path = Path(path)
    limits = limits or Limits(max_bytes=max_bytes or Limits.max_bytes)
    _check_file(path)
    reader = reader_for(path)
    _check_size(path.stat().st_size, limits)
    data = _read_bytes(path) if follow_symlinks else _read_no_follow(path)
    return load_bytes(path.name, data, limits, deadline=deadline, reader=reader)


def load_bytes(name: str, data: bytes, limits: Limits, *, deadline: Deadline | None = None,
               reader: FileReader | None = None) -> Document:
    """Load a file's bytes already in memory (uploads): the same checks as `load_document`."""
    reader = reader or reader_for(Path(name))
    _check_size(len(data), limits)
    return reader.load_bytes(name, data, limits, deadline=deadline)


def _too_long(chars: int, limits: Limits) -> LoadError:
    return LoadError(f"Văn bản trích ra quá dài (ít nhất {chars:,} ký tự): giới hạn là {limits.max_text_chars:,} "
                     "ký tự cho một tệp.".replace(",", "."))


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise LoadError(f"Tệp quá lớn ({size / MB:.1f} MB): giới hạn là {limits.max_bytes / MB:g} MB.")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise LoadError(f"Không tìm thấy tệp: {path}.")
    if not path.is_file():
        raise LoadError(f"Đường dẫn không phải là một tệp: {path}.")


def _read_bytes(path: Path) -> bytes:
    _check_file(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise LoadError(f"Không đọc được tệp {path.name}: {err.strerror or err}.") from err


def _read_no_follow(path: Path) -> bytes:
    """Read without following a symlink at the last component (it may have been swapped in since the walk)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as err:
        if path.is_symlink():
            raise LoadError(SYMLINK) from err
        raise LoadError(f"Không đọc được tệp {path.name}: {err.strerror or err}.") from err
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


SYMLINK = "Liên kết tượng trưng (symlink) không được đi theo khi nạp một thư mục: chỉ nạp tệp thật nằm trong thư mục."


def check_archive(data: bytes, limits: Limits, kind: str) -> None:
    """Refuse a zip bomb before inflating anything: entry count, total unpacked size and the compression
    ratio come from the archive's central directory (a part that lies about its size fails its CRC
    check when read, and reading stops at the declared size)."""
    broken = f"Tệp {kind.upper()} bị hỏng hoặc không đúng định dạng (không đọc được cấu trúc nén)."
    if data.count(b"PK\x01\x02") > limits.max_entries:  # counted before zipfile builds one object per entry
        raise LoadError(f"Tệp {kind.upper()} chứa quá nhiều thành phần (hơn {limits.max_entries}): không nạp.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        raise LoadError(broken) from err
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_unpacked:
        raise LoadError(f"Tệp {kind.upper()} khi giải nén quá lớn ({unpacked / MB:.0f} MB): giới hạn là "
                        f"{limits.max_unpacked / MB:g} MB (có thể là bom nén).")
    for info in infos:
        if info.file_size > MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise LoadError(f"Tệp {kind.upper()} có tỉ lệ nén bất thường ({info.file_size / max(info.compress_size, 1):.0f}"
                            f" lần, giới hạn {limits.max_ratio:g} lần): có thể là bom nén, không giải nén.")


# --- plain text -------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_RATIO = 0.01  # real text has almost none; binary data has ~12%
_NOT_TEXT = "Tệp không phải văn bản thuần (có vẻ là dữ liệu nhị phân bị đổi phần mở rộng)."


def decode_text(data: bytes) -> str:
    """Decode text bytes to Unicode: a BOM (UTF-8/16/32), UTF-16 without one, UTF-8 (with lines of legacy
    text read as Windows-1252 repaired), else each line in the legacy code page that reads it best
    (TCVN3, VNI, Windows-1258; see `ingest.encodings`)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise LoadError(f"Tệp có dấu BOM {codec.upper()} nhưng nội dung bị lỗi mã hóa.") from err
            return _check_text(_repaired(text))
    if (text16 := encodings.utf16_without_bom(data)) is not None:
        return _check_text(_repaired(text16))
    if b"\x00" in data:
        raise LoadError(_NOT_TEXT)
    try:
        text = _repaired(data.decode("utf-8"))  # TCVN3's C0 letters are valid UTF-8: `repair` reads them
    except UnicodeDecodeError:
        text = encodings.decode_legacy(data)
    return _check_text(text)


def _repaired(text: str) -> str:
    return encodings.repair(text) if encodings.suspicious(text) else text


def _check_text(text: str) -> str:
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls > _MAX_CONTROL_RATIO * max(len(text), 1):
        raise LoadError(_NOT_TEXT)
    return text


@register(".txt")
class TextReader(FileReader):
    file_type = "txt"
    plain = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        return decode_text(data)


@register(".md")
class MarkdownReader(TextReader):
    file_type = "md"


# --- DOCX -------------------------------------------------------------------------


@register(".docx", ".dotx", ".docm", ".dotm")
class DocxReader(FileReader):
    """Paragraphs and tables in document order, as Word shows them with every tracked change accepted. What Word
    keeps out of the text is written back in: the number of an auto-numbered paragraph ("1.", "a)", "-"), a
    heading style as a markdown heading mark (normalize turns it into a heading hint), a table row as one
    tab-separated line with a merged cell's text in its first grid column (a vertically merged cell repeats in each
    row it spans), a header block (issuer, number, motto) typed in the page header rather than the body, a document
    embedded where it stands (`w:altChunk`), an Excel worksheet inserted as an object (an annex shown as its picture)
    as its table. A template (.dotx) or a macro-enabled file (.docm, .dotm: its macros
    never run) is the same package under another name."""

    file_type = "docx"
    zipped = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        import docx

        from ingest.word_xml import openable_package

        try:
            document = docx.Document(io.BytesIO(openable_package(data)))
            fonts = _Fonts(document)
            _as_shown(document.element.body)
            fonts.read_legacy(document.element.body)
            _footnotes_inline(document)
            numbers = _Numbering(document)
            lines = _blocks(document, numbers, deadline)
            header = _page_header(document, numbers, fonts)
            if header and not set(header) & set(lines[:_HEADER_LINES]):
                lines = [*header, "", *lines]
        except LoadError:
            raise
        except Exception as err:
            raise LoadError("Tệp DOCX bị hỏng hoặc không đúng định dạng Word (.docx).") from err
        return "\n".join(lines).strip("\n")


def _inner_content(container: Any) -> Any:
    """Paragraphs, tables and embedded documents (`w:altChunk`, as an e-office system builds a file: header and
    signature typed, the body a document of its own, given as its bytes) in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = getattr(container, "_body", container)
    for element in parent._element.iterchildren(_w("p"), _w("tbl"), _w("altChunk")):
        if element.tag == _w("p"):
            yield Paragraph(element, parent)
        elif element.tag == _w("tbl"):
            yield Table(element, parent)
        elif (part := parent.part.related_parts.get(element.get(_R_ID))) is not None:
            yield part.blob


def _embedded_lines(blob: bytes, deadline: Deadline | None) -> list[str]:
    """An embedded document's text: a DOCX, a web page or RTF by its reader, anything else as plain text. A zip
    inside a zip is checked as its own archive (the outer check sees only its packed size)."""
    from ingest.formats import embedded_reader

    return _read_embedded(embedded_reader(blob), blob, deadline)


def _read_embedded(reader: FileReader | None, blob: bytes, deadline: Deadline | None) -> list[str]:
    if reader is not None and reader.zipped:
        check_archive(blob, Limits(), reader.file_type)
    text = reader.decode(blob, deadline) if reader is not None else decode_text(blob)
    return ["", *text.split("\n"), ""]


def _blocks(container: Any, numbers: _Numbering, deadline: Deadline | None = None) -> list[str]:
    from docx.table import Table

    lines: list[str] = []
    for block in _inner_content(container):
        if isinstance(block, bytes):
            lines.extend(_embedded_lines(block, deadline))
        elif isinstance(block, Table):
            if lines and lines[-1]:
                lines.append("")
            lines.extend(_table_rows(block))
            lines.append("")
        else:
            lines.append(_paragraph_line(block, numbers))
            lines.extend(_pictured_text(block, deadline))
            for reader, blob in _embedded_objects(block):
                lines.extend(_read_embedded(reader, blob, deadline))
        if deadline is not None and len(lines) % 500 == 0:
            deadline.check("đọc DOCX")
    return lines


def _embedded_objects(paragraph: Any) -> list[tuple[FileReader, bytes]]:
    """Office files inserted as objects where the paragraph stands (Insert → Object: an annex's Excel worksheet shown
    as its picture): the file itself, which holds the table the picture only shows. An object of another kind (a
    Visio drawing) or in the old binary format (Excel 97-2003 inside an OLE container) is not read."""
    from ingest.formats import package_reader

    objects = []
    for obj in paragraph._element.iter(_O_OLE_OBJECT):
        part = paragraph.part.related_parts.get(obj.get(_R_ID))
        if obj.get("Type", "Embed") == "Embed" and part is not None and (reader := package_reader(part.blob)):
            objects.append((reader, part.blob))
    return objects


_PICTURE_MIN = (400, 120)  # pixels wide and high a picture of text is at least (a logo, a seal, a signature is not)
_PICTURE_WIDTH = 2000  # a screenshot is read enlarged to about a scanned page's width
_PICTURE_TEXT = 40  # letters a picture's text has at least to be a passage (a seal's rim reads as a few)


def _pictured_text(paragraph: Any, deadline: Deadline | None) -> list[str]:
    """A table or passage pasted into Word as a picture (a screenshot of a spreadsheet, a scanned annex): its text
    read by OCR where the picture stands, when Tesseract is installed; pictures too small to hold text are not
    read."""
    from ingest import ocr

    blips = paragraph._element.findall(".//" + _A_BLIP)
    if not blips or ocr.tesseract() is None:
        return []
    from PIL import Image

    lines: list[str] = []
    for blip in blips:
        part = paragraph.part.related_parts.get(blip.get(_R_EMBED))
        if part is None or not str(getattr(part, "content_type", "")).startswith("image/"):
            continue
        for frame in ocr.image_frames(part.blob, deadline):
            if frame.width < _PICTURE_MIN[0] or frame.height < _PICTURE_MIN[1]:
                continue
            if frame.width < _PICTURE_WIDTH:
                scale = min(3.0, _PICTURE_WIDTH / frame.width)
                frame = frame.resize((int(frame.width * scale), int(frame.height * scale)), Image.Resampling.LANCZOS)
            text = ocr.recognize(frame, deadline)
            if sum(ch.isalpha() for ch in text) >= _PICTURE_TEXT:
                lines += ["", *text.split("\n"), ""]
    return lines


_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_O_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"


_HEADER_LINES = 15  # a page header already typed in the body stands in its first lines
_HEADER_BLOCK = re.compile(rf"{HEADER_MARK}|^Số\s*:", re.MULTILINE)


def _page_header(document: Any, numbers: _Numbering, fonts: _Fonts) -> list[str]:
    """The first page's header, when it holds the document's header block (a template puts issuer, number and
    motto there): its lines; [] for a running head or page number."""
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:
        return []
    _as_shown(header._element)
    fonts.read_legacy(header._element)
    lines = [line for line in _blocks(header, numbers) if line.strip()]
    return lines if _HEADER_BLOCK.search("\n".join(lines)) else []


class _Fonts:
    """The font each run is set in, as Word resolves it (the run's own, its character style's, its paragraph
    style's through the styles it is based on, the document default) — for text typed in a legacy Vietnamese font,
    which Word stores as the Windows-1252 characters of the font's bytes."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self._styles: dict[str, tuple[str | None, str | None]] = {}  # style id -> (own font, based on)
        self._default_paragraph: str | None = None
        for style in styles.iter(_w("style")):
            based = style.find(_w("basedOn"))
            self._styles[style.get(_w("styleId"))] = (_font_of(style.find(_w("rPr"))),
                                                      based.get(_w("val")) if based is not None else None)
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self._default_paragraph = style.get(_w("styleId"))
        defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self._default = _font_of(defaults)

    def _of_style(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            font, style_id = self._styles[style_id]
            if font:
                return font
        return None

    def read_legacy(self, root: Any) -> None:
        """Every run set in a legacy font rewritten as Unicode, run by run: a file edited over the years mixes
        them with Unicode fonts in one line, so no line-wide guess reads it."""
        by_paragraph: dict[Any, str | None] = {}
        for run in root.iter(_w("r")):
            paragraph = next(run.iterancestors(_w("p")), None)
            if paragraph not in by_paragraph:
                style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}") if paragraph is not None else None
                by_paragraph[paragraph] = (self._of_style(style.get(_w("val")) if style is not None
                                                          else self._default_paragraph) or self._default)
            props = run.find(_w("rPr"))
            char_style = props.find(_w("rStyle")) if props is not None else None
            font = (_font_of(props) or (self._of_style(char_style.get(_w("val"))) if char_style is not None else None)
                    or by_paragraph[paragraph])
            encoding = encodings.legacy_font(font) if font else None
            if encoding is None:
                continue
            if encoding.startswith("tcvn3"):  # byte 0xAD is "ư" there, but Word and LibreOffice keep a soft hyphen
                for mark in list(run.iter(_w("softHyphen"))):
                    letter = run.makeelement(_w("t"), {})
                    letter.text = "\u00ad"
                    run.replace(mark, letter)
            for text in run.iter(_w("t")):
                text.text = encodings.read_in_font(text.text or "", encoding)


def _font_of(props: Any) -> str | None:
    """The font a run-properties element names for Latin text beyond ASCII (where Vietnamese letters are)."""
    fonts = props.find(_w("rFonts")) if props is not None else None
    if fonts is None:
        return None
    return fonts.get(_w("hAnsi")) or fonts.get(_w("ascii"))


# Word's wrappers python-docx reads inside none of: tracked insertions and moves are the text as it now stands;
# content controls, smart tags, custom XML and simple fields hold ordinary text
_UNWRAPPED = ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")
_DELETED = ("del", "moveFrom")  # tracked deletions and the old place of a move: text no longer there


def _as_shown(root: Any) -> None:
    """Accept every tracked change and open every wrapper, in place: a draft in circulation reads as changed."""
    for tag in _DELETED:
        for el in list(root.iter(_w(tag))):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag == _w("trPr"):  # a deleted table row
                row = parent.getparent()
                if row is not None and row.getparent() is not None:
                    row.getparent().remove(row)
            elif parent.tag != _w("rPr"):  # not the mark on a deleted paragraph's end
                parent.remove(el)
    for el in list(root.iter(_w("sdt"))):
        content = el.find(_w("sdtContent"))
        lift(el, list(content) if content is not None else [])
    for tag in _UNWRAPPED:
        for el in list(root.iter(_w(tag))):
            lift(el, list(el))
    _text_boxes_hoisted(root)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes_hoisted(root: Any) -> None:
    """A text box's paragraphs and tables (a header block or a signature drawn in a frame) moved before the paragraph
    the box is anchored to: python-docx reads no text inside a drawing. Word writes each box twice, as a drawing and
    as its old-format fallback: the fallback is dropped."""
    for el in list(root.iter(_MC_FALLBACK)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for box in list(root.iter(_w("txbxContent"))):
        anchor = box.getparent()
        while anchor is not None and anchor.tag != _w("p"):
            anchor = anchor.getparent()
        parent = anchor.getparent() if anchor is not None else None
        if parent is None:
            continue
        at = parent.index(anchor)
        for child in reversed([c for c in box if c.tag in (_w("p"), _w("tbl"))]):
            parent.insert(at, child)


def _footnotes_inline(document: Any) -> None:
    """Each footnote's text in brackets where its mark stands: the note (often the document a sentence cites) is
    part of what the reader reads, and python-docx reads no footnotes."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    marks = list(document.element.body.iter(_w("footnoteReference")))
    if not marks:
        return
    try:
        notes = parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES).blob)
    except KeyError:
        return
    text = {note.get(_w("id")): " ".join("".join(t.text or "" for t in note.iter(_w("t"))).split())
            for note in notes.iter(_w("footnote"))}
    for mark in marks:
        note = text.get(mark.get(_w("id")))
        run = mark.getparent()
        if run is None:
            continue
        if note:
            t = run.makeelement(_w("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = f" ({note})"
            run.replace(mark, t)
        else:
            run.remove(mark)


def lift(el: Any, children: list[Any]) -> None:
    """An XML element replaced by the children given (none: removed)."""
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for child in reversed(children):
        parent.insert(at, child)
    parent.remove(el)


_HEADING_STYLE = re.compile(r"^(?:heading|title|tiêu đề|đề mục)\s*(\d?)$", re.IGNORECASE)


def _paragraph_line(paragraph: Any, numbers: _Numbering) -> str:
    text = paragraph.text
    label = numbers.label(paragraph)
    if label and text.strip() and not text.lstrip().startswith(label):
        text = f"{label} {text.lstrip()}"
    style = _HEADING_STYLE.match((paragraph.style.name if paragraph.style is not None else "") or "")
    if style and text.strip():
        level = int(style.group(1) or 1)
        text = f"{'#' * min(level, 6)} {text.strip()}"
    return text


class _Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows ("1.", "2.1.", "a)", "II.", "-")."""

    _FORMATS: dict[str, Callable[[int], str]] = {
        "decimal": str, "lowerLetter": lambda n: "abcdđeghiklmnopqrstuvxy"[(n - 1) % 23],
        "upperLetter": lambda n: "ABCDEFGHIKLMNOPQRSTUVXY"[(n - 1) % 23],
        "upperRoman": to_roman, "lowerRoman": lambda n: to_roman(n).lower(),
        "decimalZero": lambda n: f"{n:02d}", "none": lambda n: "",  # a level shown without its number
    }

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val"))) if ref is not None else None
            if definition is None:
                continue
            levels = {}
            for lvl in definition.findall(_w("lvl")):
                fmt, txt, start = lvl.find(_w("numFmt")), lvl.find(_w("lvlText")), lvl.find(_w("start"))
                levels[int(lvl.get(_w("ilvl")))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    txt.get(_w("val")) if txt is not None else "%1.",
                    int(start.get(_w("val"))) if start is not None else 1,
                )
            self.levels[num.get(_w("numId"))] = levels

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id or "", [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-"

        def value(level: int) -> str:
            f, _, start = levels.get(level, ("decimal", "", 1))
            n = counters[level] + start - 1 if counters[level] else start
            return self._FORMATS.get(f, str)(n)

        shown = re.sub(r"%(\d)", lambda m: value(int(m.group(1)) - 1), text).strip()
        return shown if any(ch.isalnum() for ch in shown) else ""  # "." of a level without its number: no label

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        """(numId, ilvl) of the paragraph, or of its style when the style carries the numbering."""
        for owner in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
            ppr = owner if owner is None or owner.tag.endswith("pPr") else owner.find(_w("pPr"))
            num_pr = ppr.find(_w("numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id, ilvl = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
            if num_id is not None and num_id.get(_w("val")) != "0":
                return num_id.get(_w("val")), int(ilvl.get(_w("val"))) if ilvl is not None else 0
        return None, 0


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


_GridCell = tuple[Any, list[str]] | None  # a cell's XML element and its lines; None: a merged cell repeated


def _table_rows(table: Any) -> list[str]:
    grid = _cell_grid(table)
    own = {id(cell[0]): cell[1] for cells in grid for cell in cells if cell}
    if len(own) == 1:  # a table of one cell frames what it holds (a header, a boxed note): its lines are lines
        return [" ".join(line.split()) for line in next(iter(own.values())) if line.strip()]
    layout = _layout_columns(grid)
    if layout is not None:
        return layout
    rows = _nested_rows(table, grid) or [[cell_text(cell[1]) if cell else "" for cell in cells] for cells in grid]
    # the header row typed again where the table goes on to a new page ("Lặp lại hàng tiêu đề" done by hand)
    rows = [cells for i, cells in enumerate(rows) if not (i and cells == rows[0] and any(cells))]
    foreign = translation_columns(rows)  # "Task" beside "Nhiệm vụ": the translation column says nothing more
    return ["\t".join(c for i, c in enumerate(cells) if i not in foreign) for cells in rows]  # "Nhóm\t\t\t": a group row


def _nested_rows(table: Any, grid: list[list[_GridCell]]) -> list[list[str]] | None:
    """A table whose groups each table their items inside one cell ("A | Tuyên truyền | [Nhiệm vụ cụ thể | Cơ quan chủ
    trì | … ]"), read as one table: a row per item, its group's cells beside it, under the outer header with the inner
    one in that column's place. None unless two groups or more do so in the same column under the same header."""
    from docx.table import Table

    inner: dict[int, tuple[int, list[list[str]]]] = {}
    for i, row in enumerate(table.rows):
        contents = [list(_inner_content(cell)) for cell in row.cells]  # each cell read once
        held = [(j, blocks) for j, blocks in enumerate(contents) if sum(isinstance(b, Table) for b in blocks) == 1]
        if len(held) == 1:
            j, blocks = held[0]
            # a note or an intro beside the items ("Mục tiêu: …", "Ghi chú: …") has no row to go to: not flattened
            if any(not isinstance(b, Table) and (isinstance(b, bytes) or b.text.strip()) for b in blocks):
                return None
            block = _cell_grid(next(b for b in blocks if isinstance(b, Table)))
            cells = [[cell_text(c[1]) if c else "" for c in r] for r in block]
            if len(cells) >= 2 and len(cells[0]) >= 2 and _layout_columns(block) is None:
                inner[i] = (j, cells)
    columns = {j for j, _ in inner.values()}
    heads = {tuple(cells[0]) for _, cells in inner.values()}
    if len(inner) < 2 or len(columns) != 1 or len(heads) != 1 or 0 in inner:
        return None
    column, head = columns.pop(), list(heads.pop())
    if len({id(c[0]) for c in grid[0] if c}) < 2:  # a title row across the table: no header to join
        return None
    rows: list[list[str]] = []
    for i, grid_row in enumerate(grid):
        outer = [cell_text(c[1]) if c else "" for c in grid_row]
        if column >= len(outer):
            return None
        if i == 0:
            rows.append(outer[:column] + head + outer[column + 1:])
        elif i in inner:
            rows += [outer[:column] + (item + [""] * len(head))[:len(head)] + outer[column + 1:]
                     for item in inner[i][1][1:]]  # an item typed a cell short keeps the columns after it
        else:
            rows.append(outer[:column] + [outer[column]] + [""] * (len(head) - 1) + outer[column + 1:])
    return rows


def _cell_grid(table: Any) -> list[list[_GridCell]]:
    """Each row's cells with their lines, read once; None where a merged cell is repeated once per grid column it
    spans."""
    grid = []
    for row in table.rows:
        cells: list[_GridCell] = []
        previous = None
        for cell in row.cells:
            cells.append((cell._tc, _cell_lines(cell)) if cell._tc is not previous else None)
            previous = cell._tc
        grid.append(cells)
    return grid


def _cell_lines(cell: Any) -> list[str]:
    """A cell's lines in order: its paragraphs' (a line break parts lines too) and a table's inside it, which
    python-docx's cell text leaves out — a header or signature laid out in it read column by column, a table of data
    (a group's tasks tabled in its cell) a line a row, its cells' text joined by " – ". A document embedded in a cell
    is not read."""
    from docx.table import Table

    lines: list[str] = []
    for block in _inner_content(cell):
        if isinstance(block, Table):
            grid = _cell_grid(block)
            layout = _layout_columns(grid)
            lines.extend(layout if layout is not None else
                         (" – ".join(t for cell in cells if cell and (t := " ".join(" ".join(cell[1]).split())))
                          for cells in grid))
        elif not isinstance(block, bytes):
            lines.extend(block.text.split("\n"))
    return lines


def _layout_columns(grid: list[list[_GridCell]]) -> list[str] | None:
    """A header or signature laid out in a borderless table of two or three columns (issuer | motto, "Nơi nhận" |
    "KT. GIÁM ĐỐC"): each column's paragraphs as lines, the left column first, as a typed header reads; None for a
    table of data."""
    return layout_columns([[[" ".join(line.split()) for line in cell[1] if line.strip()] for cell in cells if cell]
                           for cells in grid])


# --- PDF --------------------------------------------------------------------------


@register(".pdf")
class PdfTextReader(FileReader):
    """Text layer of each page, pages separated by PAGE_BREAK."""

    file_type = "pdf"

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        import pypdf

        logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings name no file; LoadError says it all
        if b"%PDF-" not in data[:1024]:
            raise LoadError("Tệp PDF bị hỏng hoặc không đúng định dạng PDF.")
        if b"%%EOF" not in data[-2048:]:
            raise LoadError("Tệp PDF bị hỏng: bị cắt cụt (thiếu phần kết thúc của tệp).")
        try:
            pdf = pypdf.PdfReader(io.BytesIO(data))
            if pdf.is_encrypted and not pdf.decrypt(""):
                raise LoadError("Tệp PDF được bảo vệ bằng mật khẩu: không đọc được nội dung.")
            pages = _read_pages(pdf, data, deadline)
        except LoadError:
            raise
        except Exception as err:
            raise LoadError("Tệp PDF bị hỏng hoặc không đúng định dạng PDF.") from err
        return PAGE_BREAK.join(_with_scanned_pages(data, pages, deadline))


def _read_pages(pdf: Any, data: bytes, deadline: Deadline | None) -> list[str]:
    """Each page's text layer. A page with a table, or after one (the table may go on over it), is read cell by cell
    when its table is ruled, else laid out in columns."""
    pages: list[str] = []
    ruled: RuledPages | None = None
    in_table = False
    try:
        for number, page in enumerate(pdf.pages):
            marks: list[list[str]] = []
            placed: list[tuple[float, float, float]] = []
            # the marks off first: a watermark run onto a table's column names ("… 14:27TTHoạt động") hides them
            text = _without_marks(page.extract_text(visitor_text=_page_visitor(marks, placed)) or "", marks)
            laid = None
            ruled = ruled or RuledPages(data)
            # a table named by its column words, going on from the page before, or drawn as a grid of rules
            if _table_page(text) or in_table or ruled.drawn(number) >= _GRID_LINES:
                laid = ruled.read(number)
            if laid is None and (_table_page(text) or in_table and _TABLE_ROW.match(text.lstrip())):
                laid = _in_columns(page)
            if laid is None and _drawn_out_of_order(placed):
                laid = ruled.read(number, whole=True)
            in_table = laid is not None
            pages.append(_without_marks(laid, marks) if laid is not None else text)
            if deadline is not None:
                deadline.check("đọc PDF")
    finally:
        if ruled is not None:
            ruled.close()
    return pages


def _page_visitor(marks: list[list[str]], placed: list[tuple[float, float, float]]) -> Any:
    """A pypdf text visitor collecting the text drawn turned aslant (neither level nor upright): the diagonal
    watermark a document system prints over each page it hands out ("Nguyễn Văn A - Sở Y tế - 08/01/2026 10:21"),
    a stamp's text — no words of the document. Pieces drawn one after another are one mark, each piece kept: a
    watermark printed three times down the page is three pieces the extraction puts in three places. The level
    pieces go to `placed`, where each starts (x, y) and its height, in the order drawn."""
    last = [False]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        turned = aslant(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
        if turned and text.strip():
            if last[0] and marks:
                marks[-1].append(text)
            else:
                marks.append([text])
        elif text.strip():
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            placed.append((x, y, abs(size * tm[3] * cm[3]) or _LINE_POINTS))
        last[0] = turned or not text.strip() and last[0]

    return visit


_LINE_POINTS = 12.0  # a line's height when the PDF gives no size


def _drawn_out_of_order(placed: list[tuple[float, float, float]]) -> bool:
    """Text drawn above lines drawn before it, starting no further right than they do: a paragraph a spreadsheet
    prints to PDF after the rows below it ("Trên đây là Kế hoạch …" after the signature). A header's or a signature's
    right-hand column drawn after its left-hand one starts further right: that is no disorder."""
    lowest: list[tuple[float, float]] = []  # (y, x) of the pieces drawn so far
    for x, y, height in placed:
        if any(below < y - 2 * height and left >= x - height for below, left in lowest):
            return True
        lowest.append((y, x))
    return False


def _without_marks(text: str, marks: list[list[str]]) -> str:
    """The page's text without the marks drawn aslant over it, wherever the extraction put them: each mark whole,
    then each of its pieces long enough to be no word of the page."""
    whole = {" ".join("".join(m).split()) for m in marks} | {" ".join(p.split()) for m in marks for p in m}
    for mark in sorted(whole, key=len, reverse=True):
        if len(mark) >= _MARK_CHARS:
            text = re.sub(r"\s*".join(re.escape(w) for w in mark.split()), "", text)
    return "\n".join(line for line in text.split("\n") if line.strip() or not line) if marks else text


_MARK_CHARS = 6  # a piece this short ("MẬT", a seal's ring) may be words of the page too: left as it is
_GRID_LINES = 6  # the fewest rules a table of two rows and two columns is drawn with (a header draws one or two)
# "11 Cơ sở ứng dụng …": a table row's number, bare, then its text (a list item is numbered "1.", "1)")
_TABLE_ROW = re.compile(r"^\d{1,3}\s+[^\W\d]")
_NOT_NAMES = re.compile(r"[,;:.]")  # "TT Tỉnh ủy, TT HĐND tỉnh;" (to whom a plan is sent) names no columns


def _table_page(text: str) -> bool:
    """A page holding a table: a line of column names led by "STT" (or "TT", "Số TT"), naming both who leads and who
    co-operates ("Nội dung Đơn vị chủ trì Đơn vị phối hợp", the number column too narrow for "TT" on one line), or
    a schedule's periods ("T3 T4 T5 …")."""
    for line in text.splitlines():
        words = line.split()
        if not words or _NOT_NAMES.search(line):
            continue
        folded = fold_accents(line).lower()
        if "stt" in (role_of(words[0]), role_of(" ".join(words[:2]))) or "chu tri" in folded and "phoi hop" in folded \
                or sum(bool(PERIOD_COLUMN.match(w)) for w in words) >= _PERIOD_COLUMNS:
            return True
    return False


_PERIOD_COLUMNS = 3  # "T3 T4 T5", "Quý I Quý II …" read word by word: three periods in a row name a schedule


def _in_columns(page: Any) -> str | None:
    """The page's text laid out in columns, each piece where the page prints it: a table's cells stay under their
    column names (the plain text runs a row's cells together, "% 90 100 100"). Only for pages with a table: the
    layout of a header or signature block is read better from the plain text."""
    try:
        return str(page.extract_text(extraction_mode="layout"))
    except Exception:  # noqa: BLE001  (pypdf's layout mode fails on some fonts: the plain text stands)
        return None


def _with_scanned_pages(data: bytes, pages: list[str], deadline: Deadline | None) -> list[str]:
    """Pages without a text layer (a scan, or scanned pages inside a typed PDF) read by OCR, in place."""
    from ingest import ocr

    scanned = [i for i, page in enumerate(pages) if not page.strip()]
    if not scanned or (len(scanned) < len(pages) and ocr.tesseract() is None):
        return pages  # no OCR here: the typed pages are still worth ingesting
    for number, text in ocr.ocr_pdf_pages(data, scanned, deadline).items():
        pages[number] = text
    if not any(page.strip() for page in pages):
        raise LoadError("Tệp PDF không có chữ: không có lớp văn bản và nhận dạng ký tự (OCR) bản quét không "
                        "thấy chữ nào.")
    return pages


# readers kept in modules of their own register themselves on import
from ingest import bundle as _bundle  # noqa: E402,F401  (ZIP of attachments)
from ingest import formats as _formats  # noqa: E402,F401  (XLSX, HTML, DOC/ODT)
from ingest import ocr as _ocr  # noqa: E402,F401  (PNG, JPEG, TIFF)
from ingest import word_xml as _word_xml  # noqa: E402,F401
from ingest import xps as _xps  # noqa: E402,F401
