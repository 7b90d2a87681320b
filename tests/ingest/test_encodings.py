"""Legacy Vietnamese encodings: the code pages character by character, and every corpus file saved in each
legacy form (TCVN3, VNI, Windows-1258, UTF-16 with and without BOM, mojibake, mixed lines) loads to exactly
the text of its Unicode version."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import to_cp1258

from assistant.text import nfc
from ingest import encodings
from ingest.encodings import VIETNAMESE_LETTERS, encode, score
from ingest.load import Limits, LoadError, decode_text, load_bytes, load_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS_FILES = sorted((CORPUS / "corpus").glob("*.txt")) + sorted((CORPUS / "corpus-ext").glob("*.txt"))

# --- the code pages, character by character -----------------------------------------------------------

# TCVN 5712:1993 (VN3, the ".Vn" fonts): the lower-case letters and the shaped capitals, as the standard
# places them.
TCVN3_STANDARD = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE,
    "ặ": 0xC6, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF,
    "é": 0xD0, "ẹ": 0xD1, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8,
    "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE, "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ồ": 0xE5,
    "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8,
    "ự": 0xF9, "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}

# VNI Windows: base letter + the Windows-1252 characters the VNI fonts draw as marks.
VNI_STANDARD = {
    "à": "aø", "á": "aù", "ả": "aû", "ã": "aõ", "ạ": "aï", "â": "aâ", "ầ": "aà", "ấ": "aá", "ẩ": "aå",
    "ẫ": "aã", "ậ": "aä", "ă": "aê", "ằ": "aè", "ắ": "aé", "ẳ": "aú", "ẵ": "aü", "ặ": "aë", "ê": "eâ",
    "ệ": "eä", "ô": "oâ", "ơ": "ô", "ờ": "ôø", "ư": "ö", "ự": "öï", "đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ",
    "ĩ": "ó", "ị": "ò", "ỵ": "î", "Đ": "Ñ", "Ư": "Ö", "Ơ": "Ô", "Ệ": "EÄ", "Ấ": "AÁ", "Ỵ": "Î",
}


def test_the_alphabet_has_134_letters_beyond_ascii() -> None:
    assert sum(not ch.isascii() for ch in VIETNAMESE_LETTERS) == 134
    assert len(VIETNAMESE_LETTERS) == 134 + 12  # and the plain vowels a e i o u y
    assert all(unicodedata.is_normalized("NFC", ch) for ch in VIETNAMESE_LETTERS)


@pytest.mark.parametrize(("letter", "byte"), sorted(TCVN3_STANDARD.items()))
def test_tcvn3_places_letters_as_the_standard(letter: str, byte: int) -> None:
    assert encode(letter, "tcvn3") == bytes([byte])
    assert encodings.decode_tcvn3(bytes([byte])) == letter


@pytest.mark.parametrize(("letter", "sequence"), sorted(VNI_STANDARD.items()))
def test_vni_writes_letters_as_the_fonts(letter: str, sequence: str) -> None:
    assert encode(letter, "vni") == sequence.encode("cp1252")
    assert encodings.decode_vni(sequence) == letter


@pytest.mark.parametrize("codec", ["tcvn3", "vni"])
@pytest.mark.parametrize("letter", sorted(VIETNAMESE_LETTERS))
def test_every_letter_round_trips(codec: str, letter: str) -> None:
    """Each of the 134 letters comes back from its legacy bytes: through the table, and detected in a line. A capital
    on a code Word's quotes keep ("Ỏ" on "“") is read as a letter among capitals."""
    marks = {encodings.TCVN3_DECODE[b] for b in encodings.CP1252_MARKS}
    word = f"NG{letter}N" if codec == "tcvn3" and letter in marks else f"Ng{letter}n"
    data = encode(word, codec)
    assert nfc(encodings.decode_tcvn3(data) if codec == "tcvn3" else encodings.decode_vni(data.decode("cp1252"))) \
        == word
    line = f"Kế hoạch chuyển đổi số của Đảng ủy phường năm 2026: {word}."
    assert decode_text(encode(line, codec)) == line


def test_tcvn3_is_one_byte_per_letter_and_refuses_what_it_cannot_hold() -> None:
    assert len(encode("Việt Nam ĐẢNG", "tcvn3")) == len("Việt Nam ĐẢNG")
    with pytest.raises(UnicodeEncodeError):
        encode("“trích”", "tcvn3")


@pytest.mark.parametrize(
    "stored, read",
    [
        # Word's quotes and dashes typed in a .Vn font keep their Windows-1252 codes ("“" is VN1's "Ỏ")
        ("môc “Gia ®×nh b×nh yªn” ph¸t", "mục “Gia đình bình yên” phát"),
        ("tõ 01/6 – 30/6", "từ 01/6 – 30/6"),
        ("chñ ®Ò ‘an toµn’", "chủ đề ‘an toàn’"),
    ],
)
def test_tcvn3_keeps_the_marks_word_typed(stored: str, read: str) -> None:
    assert encodings.decode_tcvn3(stored.encode("cp1252")) == read


def test_tcvn3_capitals_on_the_marks_codes_stay_letters_in_words_of_capitals() -> None:
    assert encodings.decode_tcvn3(encode("CÂU HỎI Ở ĐÂU", "tcvn3")) == "CÂU HỎI Ở ĐÂU"


# --- whole files in every legacy form ------------------------------------------------------------------

# Characters a legacy code page cannot hold are typed as their ASCII stand-ins (what a .Vn font user typed).
_STAND_IN = {"“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "–": "-", "≥": ">=", "≤": "<=", "\u00a0": " "}


def _holds(ch: str, codec: str) -> bool:
    try:
        (to_cp1258 if codec == "cp1258" else lambda t: encode(t, codec))(ch)
    except UnicodeEncodeError:
        return False
    return True


def legacy_safe(text: str, codec: str) -> str:
    return "".join(ch if _holds(ch, codec) else _STAND_IN.get(ch, "?") for ch in text)


def read_as_cp1252(data: bytes) -> str:
    """What Windows shows for bytes read as Windows-1252 (its five unused bytes kept as they are)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data)


def alternate(text: str, odd: Callable[[str], bytes]) -> bytes:
    """Every other line in another encoding (a file pieced together from several sources)."""
    return b"".join(odd(line) if i % 2 == 0 else line.encode() for i, line in enumerate(text.splitlines(True)))


Form = tuple[str | None, Callable[[str], bytes]]  # (legacy code page whose repertoire applies, writer)
FORMS: dict[str, Form] = {
    "tcvn3": ("tcvn3", lambda t: encode(t, "tcvn3")),
    "vni": ("vni", lambda t: encode(t, "vni")),
    "windows-1258": ("cp1258", to_cp1258),
    "utf-16-le-no-bom": (None, lambda t: t.encode("utf-16-le")),
    "utf-16-be-no-bom": (None, lambda t: t.encode("utf-16-be")),
    "utf-16-bom": (None, lambda t: t.encode("utf-16")),
    "utf-8-read-as-cp1252": (None, lambda t: read_as_cp1252(t.encode()).encode()),
    "utf-8-read-as-cp1252-twice": (None, lambda t: read_as_cp1252(read_as_cp1252(t.encode()).encode()).encode()),
    "tcvn3-read-as-cp1252": ("tcvn3", lambda t: read_as_cp1252(encode(t, "tcvn3")).encode()),
    "vni-copied-as-unicode": ("vni", lambda t: encode(t, "vni").decode("cp1252").encode()),
    "mixed-utf8-tcvn3": ("tcvn3", lambda t: alternate(t, lambda line: encode(line, "tcvn3"))),
    "mixed-utf8-vni": ("vni", lambda t: alternate(t, lambda line: encode(line, "vni"))),
    "mixed-utf8-windows-1258": ("cp1258", lambda t: alternate(t, to_cp1258)),
}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:8])
def test_legacy_copy_of_corpus_file_loads_identical(tmp_path: Path, path: Path, form: str) -> None:
    codec, write = FORMS[form]
    unicode_text = nfc(path.read_text(encoding="utf-8"))
    if codec is not None:
        unicode_text = legacy_safe(unicode_text, codec)
    original = tmp_path / "unicode.txt"
    original.write_text(unicode_text, encoding="utf-8")
    copy = tmp_path / f"{form}.txt"
    copy.write_bytes(write(unicode_text))
    assert copy.read_bytes() != original.read_bytes()
    assert load_document(copy).text == load_document(original).text


def test_corpus_is_found() -> None:
    assert len(CORPUS_FILES) >= 16


# --- lines and edge cases ------------------------------------------------------------------------------

PLAN = "KẾ HOẠCH\nChuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026.\nVăn phòng Đảng ủy chủ trì."


def test_utf8_file_with_one_windows_1258_line() -> None:
    first, second, third = PLAN.split("\n")
    data = f"{first}\n".encode() + to_cp1258(second + "\n") + third.encode()
    assert decode_text(data) == PLAN


def test_correct_text_in_the_windows_1252_repertoire_is_left_alone() -> None:
    """'Phó Chủ tịch' written correctly must never be 'repaired' into VNI letters (ó is VNI's ĩ)."""
    text = "Bà Trần Thị Mai, Phó Giám đốc.\nCác ý kiến: có, không.\nÔng Lê Văn Tám và bà Hà.\n"
    assert decode_text(text.encode()) == text


def test_english_and_other_scripts_pass_through() -> None:
    text = "Digital transformation plan 2026 — Résumé, naïve café.\nПлан цифровой трансформации.\n数字化转型计划。\n"
    assert decode_text(text.encode()) == text
    assert decode_text(text.encode("utf-16-le")) == text


def test_cyrillic_code_page_goes_to_charset_normalizer() -> None:
    text = ("План цифровой трансформации на 2026 год. Ответственные органы и сроки исполнения задач "
            "определены в приложении к настоящему плану.\n") * 5
    assert decode_text(text.encode("cp1251")) == text


def test_score_tells_vietnamese_from_mojibake() -> None:
    assert score(PLAN) == 1.0
    assert score(read_as_cp1252(PLAN.encode())) < 0.7
    assert score(read_as_cp1252(encode(PLAN, "tcvn3"))) < 0.7


def test_utf16_without_bom_needs_the_zero_bytes_on_one_side() -> None:
    assert encodings.utf16_without_bom(PLAN.encode("utf-16-le")) == PLAN
    assert encodings.utf16_without_bom(PLAN.encode()) is None
    assert encodings.utf16_without_bom(b"\x00" * 40) is None


def test_random_high_bytes_are_still_refused() -> None:
    rng = random.Random(7)
    with pytest.raises(LoadError):
        load_bytes("x.txt", bytes(rng.randint(0xA0, 0xFF) for _ in range(5000)), Limits())


# --- Word files typed in the legacy fonts --------------------------------------------------------------
# Word keeps text typed in a ".Vn" or "VNI-" font as the Windows-1252 characters of the font's bytes ("KÕ ho¹ch"):
# the font's name says how to read it, run by run.


def _as_typed(text: str, codec: str) -> str:
    """What Word stores for text typed in a legacy font: the encoded bytes, each as its Windows-1252 character."""
    return "".join(bytes([b]).decode("cp1252", errors="replace") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(b) for b in encode(text, codec))


def _set_font(props: object, font: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = props.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        props.append(fonts)  # type: ignore[attr-defined]
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


def _docx_bytes(document: object) -> bytes:
    import io

    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


LEGACY_FONTS = [  # font, codec, how the text was typed (the capitals-only cut is typed in lower case)
    (".VnTime", "tcvn3", False), (".VnArial", "tcvn3", False), (".VnCentury Schoolbook", "tcvn3", False),
    (".VnTimeH", "tcvn3", True), (".VnArialH", "tcvn3", True), ("VNI-Times", "vni", False), ("VNI-Helve", "vni", False),
]


@pytest.mark.parametrize(("font", "codec", "capitals"), LEGACY_FONTS, ids=[f[0] for f in LEGACY_FONTS])
def test_a_run_in_a_legacy_font_reads_as_unicode(font: str, codec: str, capitals: bool) -> None:
    import docx

    text = "Ủy ban nhân dân huyện Đông Khê chủ trì thực hiện trước ngày 30/6/2025; Sở Y tế phối hợp."
    document = docx.Document()
    run = document.add_paragraph().add_run(_as_typed(text.lower() if capitals else text, codec))
    _set_font(run._r.get_or_add_rPr(), font)
    read = load_bytes("ke-hoach.docx", _docx_bytes(document), Limits()).text
    assert read == (text.upper() if capitals else text)


def test_a_style_in_a_legacy_font_and_unicode_runs_in_one_line() -> None:
    """A file edited over the years: its Normal style is .VnTime, a later edit typed Unicode in Times New Roman
    into the same line, and the title is in .VnTimeH."""
    import docx

    document = docx.Document()
    _set_font(document.styles["Normal"].element.get_or_add_rPr(), ".VnTime")
    title = document.add_paragraph().add_run(_as_typed("kế hoạch phòng, chống dịch bệnh năm 2025", "tcvn3"))
    _set_font(title._r.get_or_add_rPr(), ".VnTimeH")
    line = document.add_paragraph(_as_typed("Trung tâm Y tế huyện chủ trì; ", "tcvn3"))
    _set_font(line.add_run("Phòng Giáo dục và Đào tạo phối hợp.")._r.get_or_add_rPr(), "Times New Roman")
    unicode_only = document.add_paragraph("Tiếng Việt Unicode trong kiểu chữ mặc định: giữ nguyên, không đọc lại.")
    _set_font(unicode_only.runs[0]._r.get_or_add_rPr(), "Times New Roman")
    read = load_bytes("ke-hoach.docx", _docx_bytes(document), Limits()).text
    assert read.splitlines() == ["KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH NĂM 2025",
                                 "Trung tâm Y tế huyện chủ trì; Phòng Giáo dục và Đào tạo phối hợp.",
                                 "Tiếng Việt Unicode trong kiểu chữ mặc định: giữ nguyên, không đọc lại."]


def test_legacy_text_pasted_without_its_font_is_repaired_line_by_line() -> None:
    """Text copied out of a .Vn document into a Unicode one loses its font: the line-wide repair reads it."""
    import docx

    document = docx.Document()
    document.add_paragraph(_as_typed("Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện tổ chức thực hiện.", "tcvn3"))
    document.add_paragraph("Dòng đã là Unicode.")
    read = load_bytes("ke-hoach.docx", _docx_bytes(document), Limits()).text
    assert read.splitlines() == ["Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện tổ chức thực hiện.",
                                 "Dòng đã là Unicode."]
