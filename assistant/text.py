"""Vietnamese text helpers shared by ingest, retrieval, answering and eval."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# the body of a regex class of upper-case Vietnamese letters ("[À-Ỹ]" would take "ầ", "đ" and every lower-case one
# between: the range mixes both cases)
UPPER = "A-Z" + _VI_LOWER.upper()
LOWER = "a-z" + _VI_LOWER
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16384)
def fold_accents(text: str) -> str:
    """'Số hóa Đảng' -> 'So hoa Dang': lets questions typed without diacritics match. Cached: an answer's draft
    folds the same passages and titles many times."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def bilingual(vi: str, en: str) -> str:
    """A user-facing text for readers who expect English too (OpenAPI descriptions): Vietnamese first."""
    return f"{vi} / {en}"


def has_diacritics(text: str) -> bool:
    return fold_accents(text) != text


# each lower-case letter with every mark it may carry ("a" stands for "à", "ạ", "ă", "ặ", …)
_MARKED = {base: "".join(sorted({base, *(ch for ch in _VI_LOWER if fold_accents(ch) == base)}))
           for base in "adeiouy"}


def marks_dropped(syllable: str) -> str:
    """A pattern for a lower-case syllable typed without its marks, matching it written with any ("loai" for
    "loại"): one word of a question typed with diacritics may lack its own."""
    return "".join(f"[{_MARKED[ch]}]" if ch in _MARKED else re.escape(ch) for ch in syllable)


def collapse_spaces(text: str) -> str:
    return _WS.sub(" ", text).strip()


def syllables(text: str) -> list[str]:
    """Lower-cased syllables (Vietnamese words are written as space-separated syllables)."""
    return _WORD.findall(nfc(text).lower())


@lru_cache(maxsize=1)
def _pyvi_tokenizer():  # type: ignore[no-untyped-def]
    from pyvi import ViTokenizer  # the model ships inside the package

    return ViTokenizer


def segment_words(text: str) -> list[str]:
    """Word segmentation (pyvi): 'chuyển đổi số' -> ['chuyển_đổi', 'số']; lower-cased, NFC."""
    text = nfc(text).lower()
    if not text.strip():
        return []
    tokens = _pyvi_tokenizer().tokenize(text).split()
    return [t for t in tokens if any(ch.isalnum() for ch in t)]


@lru_cache(maxsize=1024)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """underthesea's POS tags (its CRF model ships in the package), once per text: a question is tagged by
    several checks."""
    from underthesea import pos_tag

    return tuple(pos_tag(nfc(text)))


def nouns(text: str) -> list[str]:
    """Nouns of two syllables or more, lower case: 'chỉ tiêu xuất khẩu sầu riêng' -> ['chỉ tiêu', 'sầu riêng'].
    Verbs ("kể ra", "soạn thảo") are left out."""
    return [w.lower() for w, tag in _recut(_tagged(text)) if tag in _NOUN_TAGS and " " in w]


def verbs(text: str) -> list[str]:
    """Verbs of two syllables or more, lower case: "rà soát, đề nghị … trang bị máy tính" -> ['rà soát', 'đề nghị',
    'trang bị']: the actions that name a task as much as its nouns do."""
    return [w.lower() for w, tag in _tagged(text) if tag == "V" and " " in w]


def _recut(tags: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """"môn Ngữ | văn kỳ" (of "môn Ngữ văn kỳ thi"): two nouns the tagger cut across a word, neither of them a word,
    are cut again around the word their touching syllables make ("môn | Ngữ văn | kỳ")."""
    words = dictionary_words()
    out: list[tuple[str, str]] = []
    for w, tag in tags:
        if out and tag == "N" and out[-1][1] == "N" and " " in w and " " in out[-1][0]:
            before, after = out[-1][0], w
            first, _, rest = after.partition(" ")
            head, _, last = before.rpartition(" ")
            if before.lower() not in words and after.lower() not in words and f"{last} {first}".lower() in words:
                out[-1:] = [(head, "N"), (f"{last} {first}", "N")]
                w = rest
        out.append((w, tag))
    return out


def qualifiers(text: str) -> list[str]:
    """The words that tell one thing from its like, which a noun list misses: a qualifying verb or adjective of two
    syllables or more ("trung tâm … bán trú", "chỉ tiêu tuyển sinh"), with the one-syllable noun it qualifies
    ("xe chữa cháy"). Lower case. One-syllable qualifiers ("bị", "đủ") are left out: the tagger joins them wrongly."""
    tags = _rejoined(_tagged(text))
    out = [w.lower() for w, tag in tags if tag in _QUALIFYING_TAGS and " " in w]
    out += [f"{w} {nxt}".lower() for (w, tag), (nxt, after) in zip(tags, tags[1:], strict=False)
            if tag == "N" and " " not in w and after in _QUALIFYING_TAGS and " " in nxt]
    return out


def _rejoined(tags: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """"Chỉ | tiêu xã, phường": a word the tagger cut, its last syllable joined to the next word, is read whole
    ("chỉ tiêu" | "xã") when the cut syllables make a dictionary word and the joined ones do not."""
    words = dictionary_words()
    out = [list(t) for t in tags]
    for before, after in zip(out, out[1:], strict=False):
        head, _, rest = after[0].partition(" ")
        joined = f"{before[0].rsplit(' ', 1)[-1]} {head}".lower()
        if rest and joined in words and after[0].lower() not in words:
            before[0], after[0] = f"{before[0]} {head}", rest
    return [(w, tag) for w, tag in out]


_NOUN_TAGS = frozenset(("N", "Np", "Ny", "X"))  # noun, proper noun, abbreviation, unknown word
_QUALIFYING_TAGS = frozenset(("V", "A"))  # verb, adjective


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Vietnamese words of two or more syllables from the list pyvi ships ("đào tạo", "phạm vi"…), lower case."""
    from importlib import resources

    text = resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8")
    words = {w for w in (nfc(line).strip().lower() for line in text.splitlines()) if " " in w}
    # the list spells "văn hoá", plans "văn hóa": both tone placements are the word
    return frozenset(words | {fold_tones(w) for w in words} | {_old_placement(w) for w in words})


@lru_cache(maxsize=1)
def _folded_dictionary() -> frozenset[str]:
    return frozenset(fold_accents(w) for w in dictionary_words())


def is_word(word: str) -> bool:
    """`word` is a dictionary word; typed without diacritics, one of the words it may be ("tong ket": "tổng kết")."""
    if has_diacritics(word):
        return fold_tones(word).lower() in dictionary_words()
    return is_folded_word(fold_accents(word).lower())


def is_folded_word(words: str) -> bool:
    """'de an', 'tai khoan': a Vietnamese word of two syllables or more, typed without diacritics."""
    return words in _folded_dictionary()


@lru_cache(maxsize=1)
def _folded_syllables() -> frozenset[str]:
    return frozenset(s for w in _folded_dictionary() for s in w.split())


def is_foreign_word(word: str) -> bool:
    """A word written in Latin letters that no Vietnamese word is made of ("methadone", "chatbot", "blockchain"):
    a term so specific that a plan not saying it does not answer a question about it. Acronyms are not (they
    are written out, "BTV"; typed in lower case, "ubnd", "csdl" have one vowel at most)."""
    return len(word) >= 4 and word.isascii() and word.isalpha() and not word.isupper() \
        and sum(c in "aeiouy" for c in word.lower()) >= 2 and word.lower() not in _folded_syllables()


def in_english(text: str) -> bool:
    """Words in Latin letters with no Vietnamese mark, one of them no Vietnamese syllable spells ("Independence",
    "CHAIRMAN"): English, not Vietnamese typed without its marks nor an acronym ("UBND TP")."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    return not has_diacritics(text) and len(words) >= 2 and \
        any(is_foreign_word(w.lower() if w.isupper() and len(w) >= 5 else w) for w in words)


def segment_folded(text: str, longest: int = 4) -> list[str]:
    """Words of text typed without diacritics from pyvi's word list ("may bay khong nguoi lai" -> ['may_bay',
    'khong_nguoi_lai']): pyvi's model reads words by their marks and joins few without them. A word is kept only
    where matching longest-first from the left and from the right agree ("quang tri toi da bao nhieu" gives no
    "tri toi"); other syllables stay single."""
    words: list[str] = []
    known = _folded_dictionary()
    for clause in re.split(r"[^\w\s]+", nfc(text).lower()):  # a word never spans "tấn, giá" or "đảng - đảng viên"
        syllables = [fold_accents(w) for w in _WORD.findall(clause)]
        both = _longest_first(syllables, known, longest) & {(len(syllables) - b, len(syllables) - a) for a, b in
                                                            _longest_first(syllables[::-1], known, longest, True)}
        i = 0
        while i < len(syllables):
            end = next((b for a, b in both if a == i), i + 1)
            words.append("_".join(syllables[i:end]))
            i = end
    return words


def _longest_first(syllables: list[str], known: frozenset[str], longest: int,
                   reverse: bool = False) -> set[tuple[int, int]]:
    """Spans [a, b) of the words of two syllables or more found matching longest-first (`reverse`: the syllables
    are given right to left)."""
    spans, i = set(), 0
    while i < len(syllables):
        size = next((n for n in range(min(longest, len(syllables) - i), 1, -1)
                     if " ".join(syllables[i:i + n][::-1] if reverse else syllables[i:i + n]) in known), 1)
        if size > 1:
            spans.add((i, i + size))
        i += size
    return spans


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def _tone_table() -> dict[str, str]:
    """'oá' -> 'óa', 'uỷ' -> 'ủy', 'oẻ' -> 'ỏe' (and capitals): one spelling of the two tone placements."""
    table: dict[str, str] = {}
    for first, second in ("oa", "oe", "uy", "OA", "OE", "UY", "Oa", "Oe", "Uy"):
        for tone in _TONE_MARKS:
            new_style = first + nfc(second + tone)
            table[new_style] = nfc(first + tone) + second
    return table


_TONES = _tone_table()
# only where the pair ends the syllable ("hoàng", "khuyến" have one placement); never after "q" ("quý")
_TONE_PAIR = re.compile(r"(?<![qQ])[oOuU][" + "".join(sorted({k[1] for k in _TONES})) + r"](?!\w)")


_OLD_PLACEMENT = {folded: old for old, folded in _TONES.items()}
_FOLDED_PAIR = re.compile(r"(?<![qQ])(?:" + "|".join(sorted(_OLD_PLACEMENT)) + r")(?!\w)")


def _old_placement(text: str) -> str:
    """'hóa' -> 'hoá': the other spelling of what `fold_tones` folds."""
    return _FOLDED_PAIR.sub(lambda m: _OLD_PLACEMENT[m.group(0)], nfc(text))


# folded terms written two ways for one thing, compared as one: a province's product is its GRDP ("45% GRDP tỉnh"
# answers "bao nhiêu phần trăm GDP" of a provincial plan)
SAME_TERMS = {"grdp": "gdp"}
# a syllable of a consonant and "y" alone is written with "i" as well ("tỷ lệ" / "tỉ lệ", "kỹ năng" / "kĩ năng",
# "quy định" / "qui định"): both spellings are in use and compare as one
_Y_ALONE = re.compile(r"^(?:[bcdghklmnprstvx]|ch|gh|kh|ng|nh|ph|th|tr|qu)y$")


@lru_cache(maxsize=65536)  # called for every syllable of every passage weighed
def same_term(folded: str) -> str:
    """One spelling of a folded syllable written two ways ("ty" -> "ti", "grdp" -> "gdp")."""
    return folded[:-1] + "i" if _Y_ALONE.match(folded) else SAME_TERMS.get(folded, folded)


def fold_tones(text: str) -> str:
    """'hoá' -> 'hóa', 'Đảng uỷ' -> 'Đảng ủy': both placements are correct Vietnamese and must compare equal."""
    return _TONE_PAIR.sub(lambda m: _TONES.get(m.group(0), m.group(0)), nfc(text))


_NO_TONES = dict.fromkeys(map(ord, _TONE_MARKS))


def without_tone_marks(text: str) -> str:
    """'kiểm tra' -> 'kiêm tra': the letters with their shapes (ê, ơ, ă) and without their tones, which OCR reads
    least surely ("kiếm tra" for "kiểm tra", "Tố liên gia" for "Tổ liên gia")."""
    return nfc(unicodedata.normalize("NFD", text).translate(_NO_TONES))


def fold_key(text: str) -> str:
    """Comparison key with diacritics kept: NFC, tone placement folded, lower case, spaces collapsed."""
    return collapse_spaces(fold_tones(text)).lower()
