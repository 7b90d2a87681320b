"""Stage 1 — load: turn one file into one llama-index ``Document`` holding its raw text.

Readers are small classes registered by file extension. Anything that cannot be read
as text raises ``LoadError`` whose message is the Vietnamese reason shown to the user,
so a bad file never aborts a batch.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Callable, KeysView
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from llama_index.core.readers.base import BaseReader
from llama_index.core.schema import Document

from assistant.text import nfc
from ingest.model import META_FILE_TYPE, META_SHA256, META_SOURCE, PAGE_BREAK


class LoadError(Exception):
    """A file that cannot be ingested; ``str(err)`` is the Vietnamese reason."""


class FileReader(BaseReader):
    """Reads the bytes of one file into one Document with source, sha256 and file_type."""

    file_type: ClassVar[str]

    def decode(self, data: bytes) -> str:
        """Raw text of the file; raises LoadError with a Vietnamese reason."""
        raise NotImplementedError

    def load_data(self, file: Path, extra_info: dict[str, Any] | None = None) -> list[Document]:  # type: ignore[override]
        data = _read_bytes(Path(file))
        if not data:
            raise LoadError("Tệp rỗng (0 byte): không có nội dung để nạp.")
        text = nfc(self.decode(data))
        if not text.strip():
            raise LoadError(f"Tệp {self.file_type.upper()} không có nội dung văn bản.")
        metadata: dict[str, Any] = {
            META_SOURCE: Path(file).name,
            META_SHA256: hashlib.sha256(data).hexdigest(),
            META_FILE_TYPE: self.file_type,
        }
        metadata.update(extra_info or {})
        return [Document(text=text, metadata=metadata)]


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


def load_document(path: Path, max_bytes: int) -> Document:
    """Pick the reader by extension and load; every refusal is a LoadError."""
    path = Path(path)
    _check_file(path)
    reader = reader_for(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(
            f"Tệp quá lớn ({size / 1_048_576:.1f} MB): giới hạn là {max_bytes / 1_048_576:g} MB."
        )
    return reader.load_data(path)[0]


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
_MIN_UTF8_PER_BROKEN = 10  # valid UTF-8 characters per broken byte for "damaged UTF-8" (not another code page)
_NOT_TEXT = "Tệp không phải văn bản thuần (có vẻ là dữ liệu nhị phân bị đổi phần mở rộng)."


def decode_text(data: bytes) -> str:
    """Decode text bytes: BOM (UTF-8/16/32), else UTF-8, else Windows-1258 (Vietnamese ANSI)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise LoadError(f"Tệp có dấu BOM {codec.upper()} nhưng nội dung bị lỗi mã hóa.") from err
            return _check_text(text)
    if b"\x00" in data:
        raise LoadError(_NOT_TEXT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    return _check_text(text)


def _decode_legacy(data: bytes) -> str:
    """Almost-UTF-8 (a few damaged bytes) stays UTF-8; otherwise the Vietnamese Windows code page."""
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    valid = sum(1 for ch in lossy if ord(ch) > 127) - broken
    if valid >= _MIN_UTF8_PER_BROKEN * broken:
        return lossy.replace("\ufffd", "")
    try:
        return data.decode("cp1258")  # yields combining tone marks; the caller applies NFC
    except UnicodeDecodeError as err:
        raise LoadError(_NOT_TEXT) from err


def _check_text(text: str) -> str:
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls > _MAX_CONTROL_RATIO * max(len(text), 1):
        raise LoadError(_NOT_TEXT)
    return text


@register(".txt")
class TextReader(FileReader):
    file_type = "txt"

    def decode(self, data: bytes) -> str:
        return decode_text(data)


@register(".md")
class MarkdownReader(TextReader):
    file_type = "md"


# --- DOCX -------------------------------------------------------------------------


@register(".docx")
class DocxReader(FileReader):
    """Paragraphs and tables in document order; a table row is one tab-separated line."""

    file_type = "docx"

    def decode(self, data: bytes) -> str:
        import docx
        from docx.table import Table

        try:
            document = docx.Document(io.BytesIO(data))
            lines: list[str] = []
            for block in document.iter_inner_content():
                if isinstance(block, Table):
                    if lines and lines[-1]:
                        lines.append("")
                    lines.extend(_table_rows(block))
                    lines.append("")
                else:
                    lines.append(block.text)
        except Exception as err:
            raise LoadError("Tệp DOCX bị hỏng hoặc không đúng định dạng Word (.docx).") from err
        return "\n".join(lines).strip("\n")


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:  # a merged cell is repeated once per grid column it spans
            if cell._tc is not previous:
                cells.append(" ".join(cell.text.split()))
            previous = cell._tc
        rows.append("\t".join(cells))
    return rows


# --- PDF --------------------------------------------------------------------------


@register(".pdf")
class PdfTextReader(FileReader):
    """Text layer of each page, pages separated by PAGE_BREAK."""

    file_type = "pdf"

    def decode(self, data: bytes) -> str:
        import pypdf

        try:
            pdf = pypdf.PdfReader(io.BytesIO(data))
            if pdf.is_encrypted and not pdf.decrypt(""):
                raise LoadError("Tệp PDF được bảo vệ bằng mật khẩu: không đọc được nội dung.")
            pages = [page.extract_text() or "" for page in pdf.pages]
        except LoadError:
            raise
        except Exception as err:
            raise LoadError("Tệp PDF bị hỏng hoặc không đúng định dạng PDF.") from err
        if not any(page.strip() for page in pages):
            raise LoadError(
                "Tệp PDF không có lớp văn bản (có thể là bản quét): cần nhận dạng ký tự (OCR) "
                "trước khi nạp."
            )
        return PAGE_BREAK.join(pages)
