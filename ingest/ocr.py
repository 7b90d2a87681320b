"""Optical character recognition for scans: PDF pages without a text layer and images (PNG, JPEG, TIFF).

Tesseract with its Vietnamese model (Debian's `tesseract-ocr` and `tesseract-ocr-vie`, `make ocr`) reads
one page image at a time, given on its standard input and answered on its standard output: a scan is
never written to disk. Each page keeps its place (pages are joined by PAGE_BREAK, so citations show the
page), and the text goes through the same normalization, gate, redaction and structure as any text:
a "MẬT" stamp on a scan is refused like a typed one.

A page with ruled tables (`ingest.grid` finds them: skew undone, ruling lines, cell grid) is read in parts:
the text between tables as a page, each table cell by cell, written back as markdown pipe rows in its place,
so that structure reads its rows with their column names (Đơn vị chủ trì, Thời gian …) as in a typed plan.
"""

from __future__ import annotations

import bisect
import io
import logging
import os
import shutil
import statistics
import subprocess
from collections.abc import Iterator
from functools import cache
from typing import Any

from ingest.grid import MAX_PIXELS
from ingest.load import PAGE_BREAK, Deadline, FileReader, LoadError, register

log = logging.getLogger(__name__)

LANGUAGE = "vie"
DPI = 300  # Tesseract reads body text best at 300 dpi
PAGE_SECONDS = 120.0
_MIN_INK = 25  # dark pixels (after a median) that make a cell or band more than speckles
_PAD = 40  # pixels of white around a cell's ink: a lone digit is misread when cropped tight ("2" read "7)")
_PAPER = 170  # lighter than this is paper in a cell (a blurred speckle), made white
_MAX_STACK = 12000  # pixels: the tallest stack of cells given to Tesseract at once
NO_TESSERACT = ("Chưa cài Tesseract OCR tiếng Việt (gói Debian tesseract-ocr và tesseract-ocr-vie, cài bằng "
                "`make ocr`) nên không nhận dạng được chữ trong bản quét {what}. Cài Tesseract, hoặc nạp bản "
                "có lớp văn bản (DOCX, PDF xuất từ Word).")


@cache
def tesseract() -> str | None:
    """The Tesseract binary, when it is installed with the Vietnamese model."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return binary if LANGUAGE in langs.split() else None


def require_tesseract(what: str) -> str:
    binary = tesseract()
    if binary is None:
        raise LoadError(NO_TESSERACT.format(what=what))
    return binary


def recognize(image: Any, deadline: Deadline | None = None) -> str:
    """Text of one page image (a Pillow image), read by Tesseract from its standard input. The page is
    straightened; with ruled tables, its text outside the tables is read strip by strip and each table cell
    by cell, written as markdown pipe rows in its place; a page without is read whole. The Icelandic eth
    the model has ("Ð", "ð") is Vietnamese Đ/đ, a letter Vietnamese has and Icelandic's look-alike."""
    return _recognize(image, deadline).translate(_ETH)


_ETH = str.maketrans("Ðð", "Đđ")


def _recognize(image: Any, deadline: Deadline | None) -> str:
    require_tesseract("")
    gray = _without_red(image)
    from PIL import Image

    from ingest.grid import find_tables, read_page, straighten

    dark, angle = straighten(gray)
    if angle:  # Tesseract reads straight lines better: a 0.7° skew is a pixel's shift every 80 pixels
        gray = gray.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return read_page(find_tables(dark), gray.height, lambda top, bottom: _strip(gray, top, bottom, deadline),
                     lambda table: _table_text(gray, table, deadline))


_RED = 60  # how much redder than green and blue a pixel is when it is a seal's ink


def _without_red(image: Any) -> Any:
    """The page in grey with its red ink made paper: a red seal stamped over the signer's title ("TM. ỦY BAN NHÂN
    DÂN", "PHÓ CHỦ TỊCH") hides no letter, while black and blue ink, and print under the seal, stay dark."""
    if image.mode in ("L", "1", "I", "I;16", "F"):
        return image.convert("L")
    import numpy as np
    from PIL import Image

    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    gray = np.asarray(image.convert("L")).copy()
    gray[rgb[..., 0] - rgb[..., 1:].max(axis=2) > _RED] = 255
    return Image.fromarray(gray)


def _tesseract(image: Any, psm: str, deadline: Deadline | None) -> str:
    """Tesseract's TSV: every word with its box."""
    binary = require_tesseract("")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    seconds = PAGE_SECONDS
    if deadline is not None:
        seconds = max(1.0, min(seconds, deadline.seconds - (deadline.clock() - deadline.start)))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the machine is shared
    try:
        done = subprocess.run([binary, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", psm, "tsv"],
                              input=buf.getvalue(), capture_output=True, timeout=seconds, env=env)
    except subprocess.TimeoutExpired as err:
        raise LoadError(f"Nhận dạng ký tự (OCR) một trang quá {seconds:g} giây: bản quét quá lớn hoặc quá "
                        "phức tạp, không nạp.") from err
    if done.returncode != 0:
        raise LoadError("Tesseract không nhận dạng được trang quét này (ảnh hỏng hoặc không đúng định dạng).")
    return done.stdout.decode("utf-8", errors="replace")


def _ink(image: Any) -> tuple[int, int, int, int] | None:
    """The box around what is printed in an image, speckles (a 3×3 median) ignored; None when blank."""
    import numpy as np
    from PIL import ImageFilter

    from ingest.grid import DARK

    dark = np.asarray(image.filter(ImageFilter.MedianFilter(3))) < DARK
    if int(dark.sum()) < _MIN_INK:
        return None
    ys, xs = np.nonzero(dark)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _despeckle(cell: Any) -> Any:
    """A cell without a scanner's specks, which Tesseract reads as quotes and dashes ("'VP Đảng ủy"): paper
    fainter than _PAPER made white, and ink with almost no ink around it (under 5 % of a 15×15 window; a
    dot or diacritic has more) made white."""
    import numpy as np
    from PIL import Image, ImageFilter

    from ingest.grid import DARK

    pixels = np.asarray(cell)
    ink = Image.fromarray(np.where(pixels < DARK, 255, 0).astype(np.uint8))
    near = np.asarray(ink.filter(ImageFilter.BoxBlur(7)))
    return Image.fromarray(np.where((pixels > _PAPER) | (near < 13), 255, pixels).astype(np.uint8))


def _strip(gray: Any, top: int, bottom: int, deadline: Deadline | None) -> str:
    """Text of a full-width band of the page (between tables, or the whole page), read like a page (page
    segmentation 3) once its specks are cleared: Tesseract reads a scanner's specks between words as
    punctuation ("_", "~", ":", "|"), before a bullet ("-~ Rà soát") and as marks on letters ("chi" read
    "chỉ")."""
    if bottom - top < 20:
        return ""
    band = gray.crop((0, top, gray.width, bottom))
    if _ink(band) is None:
        return ""
    band = _despeckle(band)
    return _page_text(band, _tesseract(band, "3", deadline))


def _words(tsv: str) -> Iterator[tuple[tuple[str, str, str], tuple[int, int, int, int], str, float]]:
    """Each word Tesseract's TSV output holds: (block, paragraph, line), its box, its text."""
    for line in tsv.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        box = (int(fields[6]), int(fields[7]), int(fields[8]), int(fields[9]))
        yield (fields[2], fields[3], fields[4]), box, fields[11], float(fields[10] or 0)


_SURE = 35.0  # Tesseract's confidence (0–100) under which a short or unlettered "word" is no word
_TALL = 2.0  # a "word" this many times taller than the page's words is a stroke, not print


def _scrawl(word: str, confidence: float, height: int, usual: float) -> bool:
    """A signature's stroke or a seal's edge read as a "word" ("°⁄/2", "“xZ", "Ỷ"): short or no run of letters, and
    Tesseract unsure of it or it far taller than the page's print; a word of the text it is unsure of is kept."""
    return (len(word) <= 3 or not word.isalpha()) and (0 <= confidence < _SURE or height > _TALL * usual)


def _page_text(image: Any, tsv: str) -> str:
    """The text Tesseract prints for a page, from its TSV output (words by a space, lines by a line break,
    paragraphs by a blank line), each word checked on its pixels (`ingest.glyphs`: "≥", the capital I)."""
    from ingest.glyphs import read_word

    out: list[str] = []
    last: tuple[str, str, str] | None = None
    right, tall = 0, 0  # where the line's last word ends, its height
    words = list(_words(tsv))
    usual = statistics.median(box[3] for _, box, _, _ in words) if words else 0.0
    for key, box, word, confidence in words:
        if _scrawl(word.strip(), confidence, box[3], usual):
            continue
        if last is not None:
            # "Nơi nhận:  …  TM. ỦY BAN NHÂN DÂN" on one line: two columns apart, as a typed header spaces them
            apart = box[0] - right > _COLUMN_APART * max(tall, box[3])  # a dash is short: the word before is not
            out.append(("      " if apart else " ") if key == last else "\n" if key[:2] == last[:2] else "\n\n")
        out.append(read_word(word, image, box))
        last, right, tall = key, box[0] + box[2], box[3]
    return "".join(out)


_COLUMN_APART = 3  # a gap between two words of a line wider than three line heights parts two columns


def _table_text(gray: Any, table: Any, deadline: Deadline | None) -> str:
    """A table as markdown pipe rows, each cell read from its image."""
    boxes = [(table.column_of(a), gray.crop((a, row.top, b, row.bottom))) for row in table.rows for a, b in row.cells]
    return str(table.markdown(_read_cells(boxes, deadline)))


def _read_cells(cells: list[tuple[int, Any]], deadline: Deadline | None) -> list[str]:
    """Text of each cell image (with its grid column). The cells of a column are trimmed to their ink,
    faint specks whitened, stacked one above the other with a wide white margin and read by one Tesseract call (a uniform block, page
    segmentation 6, word boxes): each word goes to the cell its box sits in. A call a column, not a cell,
    as Tesseract starts slowly; a column, not the whole table, as a lone "2" under long lines of text is
    misread ("7)", "n4") where it reads right among the other row numbers."""
    from PIL import ImageOps

    texts = [""] * len(cells)
    columns: dict[int, list[tuple[int, Any]]] = {}
    for index, (column, cell) in enumerate(cells):
        box = _ink(cell)
        if box is None:
            continue
        left, top, right, bottom = box
        crop = cell.crop((max(0, left - 2), max(0, top - 2), min(cell.width, right + 2), min(cell.height, bottom + 2)))
        columns.setdefault(column, []).append((index, ImageOps.expand(_despeckle(crop), _PAD, fill=255)))
    for stack in columns.values():
        _read_stack(stack, texts, deadline)
    return texts


def _read_stack(stack: list[tuple[int, Any]], texts: list[str], deadline: Deadline | None) -> None:
    """Fill `texts[index]` for each (index, cell image) of one column, stacks no taller than _MAX_STACK."""
    from PIL import Image

    from ingest.glyphs import read_word

    batches: list[list[tuple[int, Any]]] = [[]]
    for item in stack:
        if batches[-1] and sum(c.height for _, c in batches[-1]) + item[1].height > _MAX_STACK:
            batches.append([])
        batches[-1].append(item)
    for batch in filter(None, batches):
        sheet = Image.new("L", (max(c.width for _, c in batch), sum(c.height for _, c in batch)), 255)
        starts: list[int] = []
        y = 0
        for _, crop in batch:
            sheet.paste(crop, (0, y))
            starts.append(y)
            y += crop.height
        words: dict[int, list[str]] = {}
        for _, box, word, _ in _words(_tesseract(sheet, "6", deadline)):
            slot = bisect.bisect_right(starts, box[1] + box[3] // 2) - 1
            if slot >= 0:
                words.setdefault(batch[slot][0], []).append(read_word(word, sheet, box))
        for index, found in words.items():
            text = " ".join(found)
            if text[:1] in "'‘`" and not any(q in text[1:] for q in "'’`"):
                text = text[1:]  # "'VP Đảng ủy": Tesseract's quote before a capital V at a line start
            texts[index] = text


def ocr_pdf_pages(data: bytes, numbers: list[int], deadline: Deadline | None = None) -> dict[int, str]:
    """Text of the given pages (0-based) of a PDF, rendered at DPI and recognized one by one."""
    import pypdfium2 as pdfium

    require_tesseract("PDF")
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as err:
        raise LoadError("Tệp PDF bị hỏng: không dựng được ảnh trang để nhận dạng ký tự.") from err
    texts: dict[int, str] = {}
    try:
        for done, number in enumerate(numbers, 1):
            page = pdf[number]
            width, height = page.get_size()
            scale = DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            image = page.render(scale=scale).to_pil()  # in colour: a red seal is taken out by its colour
            texts[number] = recognize(image, deadline)
            log.info("OCR trang %d (%d/%d trang quét)", number + 1, done, len(numbers))
            if deadline is not None:
                deadline.check("nhận dạng ký tự (OCR)")
    finally:
        pdf.close()
    return texts


@register(".png", ".jpg", ".jpeg", ".tif", ".tiff")
class ImageReader(FileReader):
    """A scanned page, or a multi-page TIFF (one page per frame, pages kept)."""

    file_type = "image"

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        require_tesseract("ảnh")
        return PAGE_BREAK.join(recognize(frame, deadline) for frame in image_frames(data, deadline))


def image_frames(data: bytes, deadline: Deadline | None) -> Iterator[Any]:
    from PIL import Image, ImageOps

    broken = "Tệp ảnh bị hỏng hoặc không đúng định dạng (PNG, JPEG, TIFF)."
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as err:
        raise LoadError(f"Ảnh quá lớn: giới hạn là {MAX_PIXELS // 1_000_000} triệu điểm ảnh một trang.") from err
    except Exception as err:
        raise LoadError(broken) from err
    for index in range(getattr(image, "n_frames", 1)):
        try:
            image.seek(index)
            if image.width * image.height > MAX_PIXELS:
                raise LoadError(f"Ảnh quá lớn ({image.width}×{image.height} điểm ảnh): giới hạn là "
                                f"{MAX_PIXELS // 1_000_000} triệu điểm ảnh một trang.")
            frame = ImageOps.exif_transpose(image.copy())  # a phone photo stored sideways
        except LoadError:
            raise
        except Exception as err:
            raise LoadError(broken) from err
        log.info("OCR trang ảnh %d", index + 1)
        yield frame
        if deadline is not None:
            deadline.check("nhận dạng ký tự (OCR)")
