"""The malformed-file corpus: every kind of bad input a user or an attacker can hand to `troly ingest` or
`POST /v1/documents`, generated (never committed as binaries), each with the outcome it must get.

    python tests/robustness/malformed.py OUT_DIR     # writes the files and prints their count

Kinds: empty and whitespace files, random bytes under every extension, text-looking junk (printable noise,
Latin-1 and Windows-1258 noise, base64, hex), truncated and corrupted DOCX/PDF/XLSX, zip bombs (ratio,
unpacked size, entry count, a "paragraph bomb", a part lying about its size), deep and entity-laden XML,
huge lines, control characters, encodings (legitimate ones must still be ingested), stamped documents,
unsupported types, hostile file names and symlinks (folder walks only). Deterministic: one seed.
"""

from __future__ import annotations

import base64
import gzip
import io
import os
import random
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, when run as a script
from conftest import docx_bytes  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MB = 1024 * 1024
SEED = 20260601

# reason fragments (Vietnamese, from ingest.load / ingest.junk / ingest.gate)
EMPTY = "Tệp rỗng"
NO_TEXT = "không có nội dung văn bản"
BINARY = ("không phải văn bản thuần", "không phải văn bản ngôn ngữ tự nhiên", "quá ngắn", "lỗi mã hóa")
SHORT = "quá ngắn"
DOCX_BROKEN = "DOCX bị hỏng"
XLSX_BROKEN = "XLSX bị hỏng"
PPTX_BROKEN = "PPTX bị hỏng"
DOC_BROKEN = "DOC bị hỏng"
ODT_BROKEN = "ODT bị hỏng"
FODT_BROKEN = "FODT bị hỏng"
ZIP_BROKEN = "ZIP bị hỏng"
RTF_BROKEN = "RTF bị hỏng"
IMAGE_BROKEN = "Tệp ảnh bị hỏng"
PDF_BROKEN = "PDF bị hỏng"
UNSUPPORTED = "không được hỗ trợ"
NOT_WORD_XML = "không phải tài liệu Word"
BOMB = ("tỉ lệ nén bất thường", "khi giải nén quá lớn", "quá nhiều thành phần")
TOO_LONG = "quá dài"
REPEATED = "lặp lại bất thường"
STAMPED = "đóng dấu"
SYMLINK = "symlink"


@dataclass(frozen=True)
class Case:
    name: str  # file name (may be hostile); unique in the corpus
    status: str  # ingested | failed | refused
    reasons: tuple[str, ...] = ()  # one of these must be in the reason ("" for ingested)
    data: bytes = b""
    link_to: str | None = None  # a symlink to this path instead of a file
    walk_only: bool = False  # only reachable by walking a folder (symlinks): not for the API

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        if self.link_to is not None:
            os.symlink(self.link_to, path)
        else:
            path.write_bytes(self.data)
        return path


def plan_text() -> str:
    """A small real plan (the stamped fixture without its stamp): 3 chunks."""
    return (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8").replace("**MẬT**\n", "")


def stamped_text() -> str:
    return (FIXTURES / "stamped_mat.txt").read_text(encoding="utf-8")


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica; ASCII text)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    ops = "BT /F1 11 Tf 50 800 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = StreamObject()
    stream.set_data(ops.encode("latin-1"))
    font_dict = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                  NameObject("/BaseFont"): NameObject("/Helvetica")})
    font = writer._add_object(font_dict)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]],
              compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression, compresslevel=9) as z:
        for name, content in members.items():
            if callable(content):
                content(z, name)
            else:
                z.writestr(name, content)
    return buf.getvalue()


def _zeros(total: int) -> Callable[[zipfile.ZipFile, str], None]:
    def write(z: zipfile.ZipFile, name: str) -> None:
        with z.open(name, "w", force_zip64=True) as fh:
            block = b"\0" * MB
            for _ in range(total // MB):
                fh.write(block)

    return write


def docx_parts(document_xml: bytes | Callable[[zipfile.ZipFile, str], None]) -> dict:
    """The parts of a minimal DOCX around a given word/document.xml."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(["KẾ HOẠCH"])))
    parts: dict = {n: base.read(n) for n in base.namelist() if n != "word/document.xml"}
    parts["word/document.xml"] = document_xml
    return parts


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph_bomb(total: int) -> Callable[[zipfile.ZipFile, str], None]:
    """A document.xml of `total` bytes of paragraphs: one sentence repeated (compresses ~250x)."""
    para = "<w:p><w:r><w:t>Kế hoạch chuyển đổi số trong các cơ quan đảng năm 2026.</w:t></w:r></w:p>".encode()

    def write(z: zipfile.ZipFile, name: str) -> None:
        with z.open(name, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document ' + W + b"><w:body>")
            block = para * (MB // len(para))
            for _ in range(total // len(block)):
                fh.write(block)
            fh.write(b"</w:body></w:document>")

    return write


def lying_zip(real: bytes, declared: int) -> bytes:
    """A DOCX whose document.xml declares `declared` bytes in the central directory but holds more."""
    data = bytearray(zip_bytes(docx_parts(real)))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02" + bytes(0), 0)
    while at != -1:
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_len] == name:
            data[at + 24:at + 28] = declared.to_bytes(4, "little")  # uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def build() -> list[Case]:
    rng = random.Random(SEED)
    plan = plan_text()
    good_docx = docx_bytes(plan.splitlines())
    good_pdf = pdf_bytes(["KE HOACH chuyen doi so trong cac co quan dang nam 2026",
                          "I. MUC DICH, YEU CAU", "Bao dam an toan thong tin tren mang cua cac co quan dang."])
    cases: list[Case] = []
    add = cases.append

    # empty and whitespace
    for ext in (".txt", ".md", ".docx", ".pdf"):
        add(Case(f"rong{ext}", "failed", (EMPTY,), b""))
    for i, blank in enumerate([b" ", b"\n\n\n", b"\t \r\n", " \u00a0\u3000 ".encode(), b"\xef\xbb\xbf  \n"]):
        add(Case(f"khoang-trang-{i}.txt", "failed", (NO_TEXT,), blank))
    add(Case("khoang-trang.md", "failed", (NO_TEXT,), b"   \n  \n"))
    # one byte, a few bytes
    for i, tiny in enumerate([b"x", b"\x00", b"1", b".", b"\xff", b"\x1b"]):
        for ext in (".txt", ".md"):
            add(Case(f"mot-byte-{i}{ext}", "failed", (*BINARY, NO_TEXT), tiny))
    add(Case("zero-width.txt", "failed", BINARY, "\u200b\u200c\u200d\ufeff".encode()))

    # random bytes under every extension, several sizes
    sizes = [17, 1024, 64 * 1024, MB]
    expect = {".txt": BINARY, ".md": BINARY, ".docx": (DOCX_BROKEN,), ".pdf": (PDF_BROKEN,), ".xlsx": (XLSX_BROKEN,),
              ".pptx": (PPTX_BROKEN,), ".doc": (DOC_BROKEN,), ".odt": (ODT_BROKEN,), ".rtf": (RTF_BROKEN,), ".html": BINARY, ".png": (IMAGE_BROKEN,),
              ".fodt": (FODT_BROKEN,), ".zip": (ZIP_BROKEN,)}
    for size in sizes:
        blob = rng.randbytes(size)
        for ext, reasons in expect.items():
            add(Case(f"ngau-nhien-{size}{ext}", "failed", reasons, blob))
        for ext in (".exe", ""):
            add(Case(f"ngau-nhien-{size}{ext or '-khong-duoi'}", "failed", (UNSUPPORTED,), blob))
    # random bytes that decode: no NUL, no C0 controls
    for i in range(4):
        add(Case(f"khong-nul-{i}.txt", "failed", BINARY,
                 bytes(rng.choice(range(0x20, 0x100)) for _ in range(8192))))

    # text-looking junk
    junk = {
        "in-duoc.txt": "".join(chr(rng.randint(32, 126)) for _ in range(20_000)).encode(),
        "latin1.txt": bytes(rng.randint(0xA0, 0xFF) for _ in range(20_000)),
        "cp1258-ngau-nhien.txt": bytes(rng.choice([b for b in range(0x20, 0x100) if b not in
                                                   (0x7F, 0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E)])
                                       for _ in range(20_000)),
        "unicode-ngau-nhien.txt": "".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(20_000)).encode(
            "utf-8", "replace"),
        "base64-mot-dong.txt": base64.b64encode(rng.randbytes(60_000)),
        "base64-nhieu-dong.txt": base64.encodebytes(rng.randbytes(60_000)),
        "base64.md": base64.b64encode(rng.randbytes(3000)),
        "hex.txt": rng.randbytes(30_000).hex().encode(),
        "so-lieu.txt": "\n".join("\t".join(str(rng.randint(0, 99999)) for _ in range(8))
                                 for _ in range(2000)).encode(),
        "ky-hieu.txt": "".join(rng.choice("!@#$%^&*()[]{}<>|\\/~`+=-_;:,.?") + rng.choice(" \n")
                               for _ in range(10_000)).encode(),
        "dieu-khien.txt": ("Kế hoạch\x01\x02\x03\x04\x05\x06\x07\x08" * 2000).encode(),
        "ansi.txt": ("\x1b[31mKẾ HOẠCH\x1b[0m\x1b[2J" * 3000).encode(),
        "nul-giua.txt": plan.encode() + b"\x00" * 64 + plan.encode(),
        "mat-khau.txt": b"".join(f"u{i}:x:{i}:{i}:user{i}:/home/u{i}:/usr/sbin/nologin\n".encode()
                                 for i in range(300)),
    }
    for name, data in junk.items():
        add(Case(name, "failed", BINARY, data))
    add(Case("bom-hong.txt", "failed", BINARY, b"\xff\xfe" + b"\x00\xd8" * 10))

    # truncated and corrupted DOCX
    for cut in (0.1, 0.5, 0.9, 0.99):
        add(Case(f"docx-cat-{int(cut * 100)}.docx", "failed", (DOCX_BROKEN,), good_docx[: int(len(good_docx) * cut)]))
    add(Case("docx-thieu-byte-cuoi.docx", "failed", (DOCX_BROKEN,), good_docx[:-1]))
    for i in range(4):
        flipped = bytearray(good_docx)
        for _ in range(64):
            flipped[rng.randrange(30, len(flipped))] ^= 0xFF
        add(Case(f"docx-lat-bit-{i}.docx", "failed", (DOCX_BROKEN, *BINARY, *BOMB, NO_TEXT), bytes(flipped)))
    add(Case("docx-khong-co-document.docx", "failed", (DOCX_BROKEN,), zip_bytes({"hello.txt": b"not word"})))
    add(Case("docx-xml-hong.docx", "failed", (DOCX_BROKEN,), zip_bytes(docx_parts(b"<w:document><w:body><w:p>"))))
    add(Case("docx-lai-xlsx.docx", "failed", (DOCX_BROKEN,),
             zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})))
    deep = b"<w:p>" * 100_000 + b"</w:p>" * 100_000
    add(Case("docx-xml-sau.docx", "failed", (DOCX_BROKEN, NO_TEXT, *BOMB),
             zip_bytes(docx_parts(b'<w:document ' + W + b"><w:body>" + deep + b"</w:body></w:document>"))))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
                         for i in range(1, 10))
              + b']><w:document ' + W + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    add(Case("docx-billion-laughs.docx", "failed", (DOCX_BROKEN, NO_TEXT, *BINARY), zip_bytes(docx_parts(laughs))))
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ' + W
           + b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    add(Case("docx-xxe.docx", "failed", (DOCX_BROKEN, NO_TEXT, *BINARY), zip_bytes(docx_parts(xxe))))

    # zip bombs
    add(Case("bom-ty-le.docx", "failed", BOMB, zip_bytes(docx_parts(_zeros(200 * MB)))))
    add(Case("bom-doan-van.docx", "failed", BOMB, zip_bytes(docx_parts(paragraph_bomb(50 * MB)))))
    add(Case("bom-kich-thuoc.docx", "failed", BOMB, zip_bytes(
        {**docx_parts(zipfile.ZipFile(io.BytesIO(good_docx)).read("word/document.xml")),
         **{f"word/media/anh{i}.bin": rng.randbytes(MB) for i in range(3)},
         **{f"word/media/lon{i}.bin": _zeros(40 * MB) for i in range(3)}})))
    add(Case("bom-nhieu-muc.docx", "failed", BOMB,
             zip_bytes({**docx_parts(zipfile.ZipFile(io.BytesIO(good_docx)).read("word/document.xml")),
                        **{f"customXml/item{i}.xml": b"<a/>" for i in range(6000)}}, zipfile.ZIP_STORED)))
    add(Case("bom-long-nhau.docx", "failed", (DOCX_BROKEN, *BOMB),  # never inflated: the outer part is no XML
             zip_bytes(docx_parts(zip_bytes({"inner.docx": _zeros(150 * MB)})))))
    add(Case("bom-khai-sai.docx", "failed", (DOCX_BROKEN,), lying_zip(
        b'<w:document ' + W + b"><w:body>" + b"<w:p><w:r><w:t>ke hoach</w:t></w:r></w:p>" * 20_000
        + b"</w:body></w:document>", 1000)))

    # other formats under a supported extension
    add(Case("rtf-doi-ten.docx", "failed", (DOCX_BROKEN,), b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}"))
    add(Case("html-doi-ten.pdf", "failed", (PDF_BROKEN,), b"<html><body>KE HOACH</body></html>"))
    add(Case("odt-doi-ten.docx", "failed", (DOCX_BROKEN,),
             zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})))
    add(Case("docx-trong.docx", "failed", (NO_TEXT,), docx_bytes([])))
    add(Case("pdf-mat-khau.pdf", "failed", ("mật khẩu", PDF_BROKEN), _encrypted(good_pdf)))

    # spreadsheets and archives under other names
    xlsx = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    add(Case("bang-tinh.xlsx", "failed", (XLSX_BROKEN,), xlsx))
    add(Case("bang-tinh-cat.xlsx", "failed", (XLSX_BROKEN,), xlsx[: len(xlsx) // 2]))
    add(Case("bang-tinh-doi-ten.txt", "failed", BINARY, xlsx))
    add(Case("trinh-chieu.pptx", "failed", (PPTX_BROKEN,), zip_bytes({"[Content_Types].xml": b"<Types/>"})))
    add(Case("nen.zip", "failed", ("không chứa tài liệu nào đọc được",), zip_bytes({"a.exe": plan.encode()})))
    add(Case("dinh-kem.zip", "ingested", (), zip_bytes({"a.txt": plan.encode()})))  # a bundle of attachments
    add(Case("nen-doi-ten.md", "failed", BINARY, zip_bytes({"a.txt": plan.encode()})))
    add(Case("gzip-doi-ten.txt", "failed", BINARY, gzip.compress(plan.encode() * 20)))

    # truncated and corrupted PDF
    for cut in (0.3, 0.6, 0.9):
        add(Case(f"pdf-cat-{int(cut * 100)}.pdf", "failed", (PDF_BROKEN,), good_pdf[: int(len(good_pdf) * cut)]))
    add(Case("pdf-chi-dau.pdf", "failed", (PDF_BROKEN,), b"%PDF-1.7\n"))
    add(Case("pdf-khong-dau.pdf", "failed", (PDF_BROKEN,), good_pdf[8:]))
    add(Case("pdf-xref-hong.pdf", "failed", (PDF_BROKEN, "OCR", *BINARY),
             good_pdf.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx")))
    for i in range(3):
        flipped = bytearray(good_pdf)
        for _ in range(40):
            flipped[rng.randrange(20, len(flipped) - 10)] = rng.randrange(256)
        add(Case(f"pdf-lat-byte-{i}.pdf", "failed", (PDF_BROKEN, "OCR", *BINARY, NO_TEXT), bytes(flipped)))
    add(Case("pdf-rac.pdf", "failed", (PDF_BROKEN,), b"%PDF-1.4\n" + rng.randbytes(4000) + b"\n%%EOF\n"))
    add(Case("pdf-long-sau.pdf", "failed", (PDF_BROKEN, "OCR"),
             b"%PDF-1.4\n1 0 obj\n" + b"[" * 50_000 + b"]" * 50_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))

    # huge lines
    sentence = "Kế hoạch chuyển đổi số trong các cơ quan đảng năm 2026. "
    add(Case("dong-5mb.txt", "failed", (TOO_LONG,), (sentence * (5 * MB // len(sentence.encode()))).encode()))
    add(Case("dong-1mb-lap.txt", "failed", (REPEATED,), (sentence * (MB // len(sentence.encode()))).encode()))
    add(Case("dong-1mb-a.txt", "failed", BINARY, b"a" * MB))
    add(Case("dong-base64.txt", "failed", (*BINARY, TOO_LONG), base64.b64encode(rng.randbytes(2 * MB))))
    add(Case("mot-dong-van-ban.txt", "ingested", (), " ".join(plan.split()).encode()))  # split like any text

    # control characters in otherwise real text
    salted = "".join(ch + ("\x07" if i % 20 == 0 else "") for i, ch in enumerate(plan))
    add(Case("chuong.txt", "failed", BINARY, salted.encode()))

    # encodings that are real text: ingested (never refuse text to make junk go away)
    add(Case("utf16-bom.txt", "ingested", (), plan.encode("utf-16")))
    add(Case("utf32-bom.md", "ingested", (), b"\xff\xfe\x00\x00" + plan.encode("utf-32-le")))
    add(Case("utf8-bom.txt", "ingested", (), plan.encode("utf-8-sig")))
    add(Case("nfd.txt", "ingested", (), unicodedata.normalize("NFD", plan).encode()))
    add(Case("windows-1258.txt", "ingested", (), _cp1258(plan)))
    add(Case("crlf.txt", "ingested", (), plan.replace("\n", "\r\n").encode()))
    add(Case("word-that.docx", "ingested", (), good_docx))
    add(Case("pdf-that.pdf", "ingested", (), good_pdf))

    # stamped documents: refused, nothing stored
    add(Case("mat.txt", "refused", (STAMPED,), stamped_text().encode()))
    add(Case("mat.docx", "refused", (STAMPED,), docx_bytes(stamped_text().splitlines())))

    # hostile file names (contents: junk, or the plan)
    for name in ["\x1b[31mdo.txt", "ten\ncó-xuống-dòng.txt", "a" * 240 + ".txt", "\u202etxt.exe.txt", "  .txt",
                 "CON.txt", "%00%2e%2e.txt", "ký tự 'trích' \"dẫn\".txt", "tên;rm -rf ~.md", "🔥🔥.txt"]:
        add(Case(name, "failed", BINARY, rng.randbytes(600)))
    add(Case("Kế hoạch có tên dài và dấu.txt", "ingested", (), plan.encode()))

    # unsupported types with text inside
    for ext in (".csv", ".json"):
        add(Case(f"khong-ho-tro{ext}", "failed", (UNSUPPORTED,), plan.encode()))
    add(Case("khong-phai-word.xml", "failed", (NOT_WORD_XML,), plan.encode()))  # only Word's own XML is read
    add(Case("van-ban-thuan.html", "ingested", (), plan.encode()))  # a page with no tags is its text
    add(Case("van-ban-thuan.doc", "failed", (DOC_BROKEN,), plan.encode()))
    add(Case("van-ban-thuan.rtf", "failed", (RTF_BROKEN,), plan.encode()))  # no "{\rtf" header: not converted

    # symlinks met while walking a folder (never followed)
    add(Case("lien-ket-passwd.txt", "failed", (SYMLINK,), link_to="/etc/passwd", walk_only=True))
    add(Case("lien-ket-thu-muc", "failed", (SYMLINK,), link_to="/etc", walk_only=True))
    add(Case("lien-ket-hong.txt", "failed", (SYMLINK,), link_to="/khong/ton/tai.txt", walk_only=True))
    add(Case("lien-ket-vong.md", "failed", (SYMLINK,), link_to="lien-ket-vong.md", walk_only=True))
    add(Case("lien-ket-tai-lieu.txt", "failed", (SYMLINK,), link_to=str(FIXTURES / "stamped_mat.txt"),
             walk_only=True))
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


def _encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="mat-khau-rieng", owner_password="chu-so-huu")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter (with ^, ˘, horn) + separate tone mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
                   + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def write_all(folder: Path, cases: list[Case] | None = None) -> list[tuple[Case, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    return [(case, case.write(folder)) for case in cases or build()]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "malformed")
    written = write_all(out)
    print(f"{len(written)} tệp trong {out}")
