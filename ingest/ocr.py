"""Optical character recognition for scans: PDF pages without a text layer and images (PNG, JPEG, TIFF).

Tesseract with its Vietnamese model (Debian's `tesseract-ocr` and `tesseract-ocr-vie`, `make ocr`) reads
one page image at a time, given on its standard input and answered on its standard output: a scan is
never written to disk. Each page keeps its place (pages are joined by PAGE_BREAK, so citations show the
page), and the text goes through the same normalization, gate, redaction and structure as any text:
a "MẬT" stamp on a scan is refused like a typed one.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from typing import Any

from ingest.load import PAGE_BREAK, Deadline, FileReader, LoadError, register

log = logging.getLogger(__name__)

LANGUAGE = "vie"
DPI = 300  # Tesseract reads body text best at 300 dpi
MAX_PIXELS = 60_000_000  # one page image: an A3 page at 600 dpi; more is a decompression bomb
PAGE_SECONDS = 120.0
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
    """Text of one page image (a Pillow image), read by Tesseract from its standard input."""
    binary = require_tesseract("")
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PNG")
    seconds = PAGE_SECONDS
    if deadline is not None:
        seconds = max(1.0, min(seconds, deadline.seconds - (deadline.clock() - deadline.start)))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the machine is shared
    try:
        done = subprocess.run([binary, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", "3"],
                              input=buf.getvalue(), capture_output=True, timeout=seconds, env=env)
    except subprocess.TimeoutExpired as err:
        raise LoadError(f"Nhận dạng ký tự (OCR) một trang quá {seconds:g} giây: bản quét quá lớn hoặc quá "
                        "phức tạp, không nạp.") from err
    if done.returncode != 0:
        raise LoadError("Tesseract không nhận dạng được trang quét này (ảnh hỏng hoặc không đúng định dạng).")
    return done.stdout.decode("utf-8", errors="replace").replace("\f", "").strip("\n")


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
            image = page.render(scale=scale, grayscale=True).to_pil()
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
        return PAGE_BREAK.join(recognize(frame, deadline) for frame in _frames(data, deadline))


def _frames(data: bytes, deadline: Deadline | None) -> Iterator[Any]:
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
