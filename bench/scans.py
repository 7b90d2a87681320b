"""Scans made here, for the OCR tests and bench: text rendered to A4 page images at 300 dpi in Liberation
Serif (Times New Roman's metrics, what plans are typed in), then a scanner's damage (a slight rotation,
speckles, blur), saved as an image-only PDF or as images; and the character accuracy of what OCR reads
back."""

from __future__ import annotations

import io
import random
import textwrap
from pathlib import Path
from typing import Any

DPI = 300
FONT_FILES = ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = round(0.8 * DPI)
POINTS = 13


def font_file() -> str | None:
    """A serif TrueType font with Vietnamese letters (Debian's fonts-liberation2 or fonts-dejavu)."""
    return next((f for f in FONT_FILES if Path(f).is_file()), None)


def page_lines(text: str, width: int = 80, per_page: int = 36) -> list[list[str]]:
    """The text as printed: markdown marks dropped, paragraphs wrapped, cut into pages."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        clean = " ".join(paragraph.replace("*", "").replace("#", "").replace("|", " ").split())
        lines.extend(textwrap.wrap(clean, width) if clean else [])
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]


def render(lines: list[str]) -> Any:
    """One clean A4 page image (grayscale) with these lines."""
    from PIL import Image, ImageDraw, ImageFont

    path = font_file()
    if path is None:
        raise RuntimeError("no serif font with Vietnamese letters installed (fonts-liberation2)")
    size = round(POINTS * DPI / 72)
    font = ImageFont.truetype(path, size)
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + round(i * size * 1.5)), line, font=font, fill=0)
    return image


def scanner_damage(image: Any, seed: int = 0, angle: float = 0.7, speckles: float = 0.01) -> Any:
    """A flatbed scan of a printout: rotated a little, speckled (black and white dots), slightly blurred."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    image = image.rotate(angle * (1 if rng.random() < 0.5 else -1), resample=Image.Resampling.BICUBIC,
                         fillcolor=255)
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * speckles)):
        pixels[rng.randrange(width), rng.randrange(height)] = 0 if rng.random() < 0.5 else 255
    return image.filter(ImageFilter.GaussianBlur(0.6))


def scan_pages(text: str, seed: int = 0, noisy: bool = True) -> tuple[list[Any], list[str]]:
    """Page images of a text and what each page says (the truth OCR is measured against)."""
    pages = page_lines(text)
    images = [render(lines) for lines in pages]
    if noisy:
        images = [scanner_damage(img, seed + i) for i, img in enumerate(images)]
    return images, ["\n".join(lines) for lines in pages]


def image_pdf(images: list[Any]) -> bytes:
    """A PDF of page images only (no text layer), as a scanner writes it."""
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return buf.getvalue()


def char_accuracy(truth: str, read: str, band: int = 400) -> float:
    """1 − (Levenshtein distance / length of the truth), whitespace runs counted as one space. Edits are
    searched within `band` characters of the diagonal (OCR shifts text by far less), so a page is cheap."""
    a, b = " ".join(truth.split()), " ".join(read.split())
    band = max(band, abs(len(a) - len(b)) + 1)
    far = len(a) + len(b)
    previous = [j if j <= band else far for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [far] * (len(b) + 1)
        if i <= band:
            current[0] = i
        for j in range(max(1, i - band), min(len(b), i + band) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]))
        previous = current
    return 1 - min(previous[-1], far) / max(len(a), 1)
