"""Vietnamese text in whatever encoding an office saved it: to Unicode NFC.

Plans written before Unicode was mandatory (Decision 72/2002/QĐ-TTg) come in the fonts' own encodings:
**TCVN3** (TCVN 5712:1993, the ".Vn" fonts — "ABC"): one byte per letter, upper-case toned letters on
C0/C1 positions; **VNI Windows** (the "VNI-" fonts): an ASCII base letter followed by Windows-1252
characters standing for the marks ("Vieät" = Việt); **Windows-1258**: base letter plus a combining tone
mark. They also come *already mis-decoded*: TCVN3/VNI text read as Windows-1252 and saved as UTF-8 (a copy
out of a Word file set in a .Vn or VNI font), UTF-8 read as Windows-1252 and saved again ("Káº¿ hoáº¡ch"),
UTF-16 without a byte-order mark, and files whose lines were saved in different encodings.

How one is told from another: every candidate decoding is scored by how much of its text is written in
valid Vietnamese syllables (`score`); ASCII words and other scripts are neutral, letters and symbols that
no Vietnamese syllable holds count against it. The best candidate wins, line by line where lines differ,
and text that already scores well is never touched. Text that is no Vietnamese in any legacy encoding
goes to charset-normalizer (Cyrillic, Chinese… code pages).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# --- the Vietnamese alphabet ------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng (the order TCVN3/VNI tables use)
_BASE_VOWELS = "aăâeêioôơuưy"


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


LOWER = [_with_tone(v, t) for v in _BASE_VOWELS for t in ("", *_TONE_MARKS)] + ["đ"]
VIETNAMESE_LETTERS = frozenset(LOWER + [ch.upper() for ch in LOWER])  # 134 beyond ASCII, and a e i o u y

# --- TCVN3 (TCVN 5712:1993, VN1 table: lower case as in the ".Vn" fonts, upper case where VN1 puts it) ---

_TCVN3_HIGH = (  # bytes 0x80..0xFF
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự", 0x13: "Ỳ", 0x14: "Ỷ",
              0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
TCVN3_DECODE: tuple[str, ...] = tuple(
    _TCVN3_LOW.get(b, chr(b)) if b < 0x80 else _TCVN3_HIGH[b - 0x80] for b in range(256)
)
_TCVN3_C0_TEXT = re.compile("[" + "".join(map(chr, _TCVN3_LOW)) + "]")
_TCVN3_ENCODE = {ch: bytes([b]) for b, ch in enumerate(TCVN3_DECODE) if b >= 0x80 or b in _TCVN3_LOW}

# --- VNI Windows: base letter + mark characters (Windows-1252) ------------------------------

_VNI_TONE = {"lower": "øùûõï", "upper": "ØÙÛÕÏ"}  # huyền, sắc, hỏi, ngã, nặng
_VNI_HAT = {"lower": ("â", "àáåãä"), "upper": ("Â", "ÀÁÅÃÄ")}  # circumflex, then circumflex + tone
_VNI_BREVE = {"lower": ("ê", "èéúüë"), "upper": ("Ê", "ÈÉÚÜË")}
_VNI_SINGLE = {  # letters VNI writes as one character
    "đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö",
    "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "Ì": "Ì", "Í": "Í", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "ỵ": "î", "Ỵ": "Î",
}


def _vni_table() -> dict[str, str]:
    table = dict(_VNI_SINGLE)
    for case, convert in (("lower", str.lower), ("upper", str.upper)):
        tones = _VNI_TONE[case]
        for vowel in "aeouy" if case == "lower" else "AEOUY":
            for tone, mark in zip(_TONE_MARKS, tones, strict=True):
                table.setdefault(_with_tone(vowel, tone), vowel + mark)
        for vowels, (plain, toned) in ((("a", "e", "o"), _VNI_HAT[case]), (("a",), _VNI_BREVE[case])):
            for v in vowels:
                base = convert(v)
                shaped = _with_tone(base, "\u0302" if plain in "âÂ" else "\u0306")
                table[shaped] = base + plain
                for tone, mark in zip(_TONE_MARKS, toned, strict=True):
                    table[_with_tone(shaped, tone)] = base + mark
        for horn in ("ơ", "ư") if case == "lower" else ("Ơ", "Ư"):
            for tone, mark in zip(_TONE_MARKS, tones, strict=True):
                table[_with_tone(horn, tone)] = _VNI_SINGLE[horn] + mark
    return table


VNI_ENCODE: dict[str, str] = _vni_table()  # every one of the 134 letters
_VNI_DECODE = {v: k for k, v in VNI_ENCODE.items()}
_VNI_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)))


def encode(text: str, codec: str) -> bytes:
    """Text in a legacy encoding ('tcvn3', 'vni'; anything else is a Python codec). Characters the legacy
    encoding cannot hold raise UnicodeEncodeError, as Python's codecs do."""
    text = unicodedata.normalize("NFC", text)
    if codec == "tcvn3":
        out = bytearray()
        for i, ch in enumerate(text):
            if ch in _TCVN3_ENCODE:
                out += _TCVN3_ENCODE[ch]
            elif ord(ch) < 0x80 and ord(ch) not in _TCVN3_LOW:
                out.append(ord(ch))
            else:
                raise UnicodeEncodeError("tcvn3", text, i, i + 1, "not in TCVN3")
        return bytes(out)
    if codec == "vni":
        return "".join(VNI_ENCODE.get(ch, ch) for ch in text).encode("cp1252")
    return text.encode(codec)


# Word's typographic quotes, dashes and ellipsis typed in a .Vn font keep their Windows-1252 codes, where VN1 puts
# capital toned letters ("“Gia đình bình yên”" is no "ỎGia đình bình yênÕ")
CP1252_MARKS = {0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—"}


def decode_tcvn3(data: bytes) -> str:
    chars = [TCVN3_DECODE[b] for b in data]
    for i, b in enumerate(data):
        if b in CP1252_MARKS and not _in_capitals(chars, i):
            chars[i] = CP1252_MARKS[b]
    return unicodedata.normalize("NFC", "".join(chars))


def _in_capitals(chars: list[str], i: int) -> bool:
    """The letter at `i` stands in a word of capitals ("HỎI"): a capital beside small letters or alone is a mark."""
    start, end = i, i + 1
    while start > 0 and (chars[start - 1].isalpha() or unicodedata.combining(chars[start - 1])):
        start -= 1
    while end < len(chars) and (chars[end].isalpha() or unicodedata.combining(chars[end])):
        end += 1
    others = [c for c in chars[start:i] + chars[i + 1:end] if c.isalpha()]
    return bool(others) and not any(c.islower() for c in others)


def decode_vni(text: str) -> str:
    """VNI marks (already read as Windows-1252 characters) folded into their letters."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


# --- how Vietnamese is a text? -----------------------------------------------------------------

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_ABBREVIATION = re.compile("[BCDĐGHKLMNPQRSTVX]+")  # QĐ, HĐND, BCĐ: consonants only, upper case
_NUCLEI_TEXT = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy "
                "ưa ưi ưu ươ yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu")
_NUCLEI = sorted(_NUCLEI_TEXT.split(), key=len, reverse=True)  # the vowel clusters of rhymes, tones aside
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|[cmnpt])?")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_TONES = frozenset(_TONE_MARKS)
# characters a legacy file read with the wrong code page is full of and Vietnamese text never holds
_MARKERS = frozenset(
    "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f"
    "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f"
    "¡¢£¤¥¦§¨ª¬\u00ad®¯²³´µ¶¸¹º¼½¾¿ÄÅÆÇËÎÏÑÖØÛÜÞßäåæçëîïñöøûüþÿ‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ\ufffd"
    "\u0001\u0002\u0004\u0005\u0006\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    if _ABBREVIATION.fullmatch(word):
        return True
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def score(text: str) -> float:
    """Share of the evidence that says 'Vietnamese, correctly decoded' (1.0 = all of it; ASCII-only text,
    which every decoding agrees on, is 1.0 too)."""
    good = bad = 0
    for word in _LETTER_RUN.findall(text):
        if word.isascii() or not any("LATIN" in unicodedata.name(ch, "") for ch in word):
            good += len(word)  # English words, abbreviations, other scripts: no evidence either way
        elif _is_syllable(word):
            good += 2 * len(word)  # a Vietnamese syllable with its marks is strong evidence
        else:
            bad += len(word)
    bad += 2 * sum(1 for ch in text if ch in _MARKERS or unicodedata.category(ch) == "Mn")
    return good / (good + bad) if good + bad else 1.0


def suspicious(text: str) -> bool:
    """Worth a second look: holds characters no correctly decoded Vietnamese text holds."""
    return any(ch in _MARKERS for ch in text) or any(ord(ch) > 0x7F and ch not in VIETNAMESE_LETTERS
                                                    and unicodedata.category(ch).startswith("L")
                                                    and "LATIN" in unicodedata.name(ch, "") for ch in text)


# --- candidates --------------------------------------------------------------------------------

def _cp1252_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 reading came from (the five undefined bytes map to themselves)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def _utf8_misread(text: str) -> str | None:
    """UTF-8 read as Windows-1252, as many times as it was (up to three)."""
    result = None
    for _ in range(3):
        raw = _cp1252_bytes(text)
        if raw is None:
            break
        try:
            text = result = raw.decode("utf-8")
        except UnicodeDecodeError:
            break
    return result


def _tcvn3_misread(text: str) -> str | None:
    raw = _cp1252_bytes(text)
    return decode_tcvn3(raw) if raw is not None else None


_TEXT_CANDIDATES: dict[str, Callable[[str], str | None]] = {
    "utf-8 read as cp1252": _utf8_misread,
    "tcvn3 read as cp1252": _tcvn3_misread,
    "vni read as cp1252": decode_vni,
}
MARGIN = 0.15  # a repair must beat what is there by this much of the score


def legacy_font(font: str) -> str | None:
    """The legacy encoding a font's name says its text is in (a word processor stores such text as the
    Windows-1252 characters of its bytes): "tcvn3" for the ".Vn" fonts (".VnTime"), "tcvn3-capitals" for their
    capitals-only cut, whose name ends in "H" (".VnTimeH" draws the lower-case codes as capitals), "vni" for the
    "VNI-" fonts; None for any other font: its text is Unicode."""
    name = font.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3-capitals" if name.endswith("H") else "tcvn3"
    if name.lower().startswith("vni-"):
        return "vni"
    return None


def read_in_font(text: str, encoding: str) -> str:
    """Text set in a legacy font (see `legacy_font`) as Unicode NFC."""
    if encoding == "vni":
        return unicodedata.normalize("NFC", decode_vni(text))
    read = _tcvn3_misread(text)
    if read is None:  # a character no code page byte stands for: not TCVN3 text after all
        return text
    return read.upper() if encoding == "tcvn3-capitals" else read


def repair(text: str) -> str:
    """Unicode text with lines that are legacy text read as Windows-1252: those lines repaired.

    Only a line written entirely in Windows-1252's repertoire can be such a reading (correct Vietnamese
    almost always holds a letter beyond it: ư, ơ, đ, ạ, ế…). The fix that most improves those lines taken
    together is applied to each of them it does not make worse (a short line alone is weak evidence);
    a line that another fix reads far better gets that one. Twice, for text read wrongly twice."""
    for _ in range(2):  # a second pass for lines the first one moved closer
        lines = text.splitlines(keepends=True)
        marked = [i for i, line in enumerate(lines)
                  if (not line.isascii() or _TCVN3_C0_TEXT.search(line)) and _cp1252_bytes(line) is not None]
        if not marked:
            return text
        joined = "".join(lines[i] for i in marked)
        base = score(joined)
        ranked = sorted(((score(c), name) for name, fix in _TEXT_CANDIDATES.items()
                         if (c := fix(joined)) is not None and c != joined), reverse=True)
        chosen = ranked[0][1] if ranked and ranked[0][0] > base + MARGIN else None
        changed = False
        for i in marked:
            fixed = _repair_line(lines[i], chosen)
            changed |= fixed != lines[i]
            lines[i] = fixed
        text = "".join(lines)
        if not changed:
            break
    return text


def _repair_line(line: str, preferred: str | None) -> str:
    original = score(line)
    best, best_score = line, original
    if preferred is not None and (c := _TEXT_CANDIDATES[preferred](line)) is not None and score(c) >= original:
        best, best_score = unicodedata.normalize("NFC", c), score(c)
    for fix in _TEXT_CANDIDATES.values():
        c = fix(line)
        if c is not None and (s := score(c)) > max(best_score, original + 2 * MARGIN):
            best, best_score = unicodedata.normalize("NFC", c), s
    return best


# --- bytes -----------------------------------------------------------------------------------

_BYTE_CODECS: dict[str, Callable[[bytes], str]] = {
    "cp1258": lambda b: unicodedata.normalize("NFC", b.decode("cp1258", errors="replace")),
    "tcvn3": decode_tcvn3,
    "vni": lambda b: decode_vni(b.decode("cp1252", errors="replace")),
    "cp1252": lambda b: b.decode("cp1252", errors="replace"),
}
_MIN_UTF8_PER_BROKEN = 10  # valid UTF-8 characters per broken byte for "damaged UTF-8" (not another code page)
GOOD = 0.8  # a decoding scoring this well is taken


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 (LE or BE) without a byte-order mark: text in Latin script has a zero byte in every ASCII
    character, always on the same side."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0) / half, data[1::2].count(0) / half
    codec = "utf-16-le" if odd > 0.3 and even < 0.02 else "utf-16-be" if even > 0.3 and odd < 0.02 else None
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_legacy(data: bytes) -> str:
    """Bytes that are not (all) UTF-8: each line in the encoding that reads it best."""
    lines = data.splitlines(keepends=True)
    legacy = [line for line in lines if not _is_utf8(line)]
    whole = b"".join(legacy)
    lossy = whole.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    if sum(1 for ch in lossy if ord(ch) > 127) - broken >= _MIN_UTF8_PER_BROKEN * broken:
        return "".join(_utf8_or(line, lambda b: b.decode("utf-8", errors="replace").replace("\ufffd", ""))
                       for line in lines)  # damaged UTF-8: drop the broken bytes
    ranked = sorted(((score(decode(whole)), name) for name, decode in _BYTE_CODECS.items()), reverse=True)
    file_codec = ranked[0][1]
    if ranked[0][0] < GOOD and (other := _charset_normalizer(data)) is not None and score(other) > ranked[0][0]:
        return other
    return "".join(_utf8_or(line, lambda b: _best_line(b, file_codec)) for line in lines)


def _best_line(line: bytes, file_codec: str) -> str:
    """A line decoded with the file's codec, unless another one reads this line far better."""
    chosen = _BYTE_CODECS[file_codec](line)
    chosen_score = score(chosen)
    for name, decode in _BYTE_CODECS.items():
        if name != file_codec and (text := decode(line)) and score(text) > chosen_score + 2 * MARGIN:
            chosen, chosen_score = text, score(text)
    return chosen


def _utf8_or(line: bytes, fallback: Callable[[bytes], str]) -> str:
    return line.decode("utf-8") if _is_utf8(line) else fallback(line)


_TCVN3_C0 = re.compile(b"[" + bytes(_TCVN3_LOW) + b"]")


def _is_utf8(line: bytes) -> bool:
    """Valid UTF-8 and no C0 control character that TCVN3 uses for a letter."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _TCVN3_C0.search(line) is None


def _charset_normalizer(data: bytes) -> str | None:
    """Another language's code page (Cyrillic, Chinese, …): charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000]).best()
    if match is None or match.encoding in ("utf_8", "ascii"):
        return None
    try:
        return data.decode(match.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
