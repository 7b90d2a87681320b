"""Names of units (cơ quan, đơn vị, tổ chức) and how to compare them across documents.

The same unit is written many ways: "Sở KH&CN" / "Sở Khoa học và Công nghệ", "UBND tỉnh" /
"Ủy ban nhân dân tỉnh", "Đảng uỷ" / "Đảng ủy", "BTV" / "Ban Thường vụ". `unit_key` folds these
into one comparison key (abbreviations expanded, tone placement folded, case ignored); an alias
list (admin-extensible) is applied on top by whoever compares. `unit_mentions` finds the names of
units in a sentence by their head words (Sở, Ban, Ủy ban, Công an, Trung tâm …), which is how
administrative Vietnamese names every unit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.text import UPPER, collapse_spaces, fold_accents, fold_tones, segment_folded
from assistant.vocab.dates import YEAR

# abbreviation -> expansion (matched as whole tokens, case-sensitive as printed)
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "BTV": "Ban Thường vụ", "BCH": "Ban Chấp hành", "BCĐ": "Ban Chỉ đạo",
    "VP": "Văn phòng", "VPUB": "Văn phòng Ủy ban nhân dân", "TT": "Trung tâm", "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ", "KH,CN": "khoa học, công nghệ", "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông", "GD&ĐT": "Giáo dục và Đào tạo", "GDĐT": "Giáo dục và Đào tạo",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn", "NN&MT": "Nông nghiệp và Môi trường",
    "TN&MT": "Tài nguyên và Môi trường", "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội", "KH&ĐT": "Kế hoạch và Đầu tư", "CA": "Công an",
    "UBKT": "Ủy ban Kiểm tra", "LĐLĐ": "Liên đoàn Lao động", "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản", "CCB": "Cựu chiến binh", "CQ": "cơ quan", "ĐMST": "đổi mới sáng tạo",
    "CĐS": "chuyển đổi số", "CNTT": "công nghệ thông tin", "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CP": "Chính phủ", "TTg": "Thủ tướng", "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng", "HTX": "hợp tác xã",
    "BHYT": "bảo hiểm y tế", "BHXH": "bảo hiểm xã hội", "BHTN": "bảo hiểm thất nghiệp",
    # the fields plans are about, as staff type them ("kế hoạch PCCC", "chỉ tiêu ATTP")
    "PCCC": "phòng cháy, chữa cháy", "CNCH": "cứu nạn, cứu hộ", "ATTP": "an toàn thực phẩm",
    "VSATTP": "vệ sinh an toàn thực phẩm", "ATGT": "an toàn giao thông", "TTATGT": "trật tự, an toàn giao thông",
    "PCTT": "phòng, chống thiên tai", "TKCN": "tìm kiếm cứu nạn", "NTM": "nông thôn mới",
    "CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính", "DVCTT": "dịch vụ công trực tuyến",
    "BVMT": "bảo vệ môi trường", "DTTS": "dân tộc thiểu số", "KT-XH": "kinh tế - xã hội", "KTXH": "kinh tế - xã hội",
    "KCN": "khu công nghiệp", "CBCCVC": "cán bộ, công chức, viên chức", "CBCC": "cán bộ, công chức",
    "HTCT": "hệ thống chính trị", "PCMT": "phòng, chống ma túy", "CSDL": "cơ sở dữ liệu",
    "ATTT": "an toàn thông tin", "ANTT": "an ninh trật tự", "KTS": "kinh tế số", "XHS": "xã hội số",
    "DVC": "dịch vụ công", "PTNT": "Phát triển nông thôn",
    # a city as staff type it ("UBND TP.HCM", "TP. Cần Thơ")
    "TP.HCM": "Thành phố Hồ Chí Minh", "TPHCM": "Thành phố Hồ Chí Minh", "TP.": "Thành phố", "TP": "Thành phố",
    # a school's people, as tables head their columns ("Số HS được dạy bơi", "Số GV")
    "HS": "học sinh", "GV": "giáo viên",
    # school levels and sectors ("trường THPT", "trung tâm GDNN-GDTX")
    "THPT": "trung học phổ thông", "THCS": "trung học cơ sở", "GDPT": "giáo dục phổ thông",
    "GDMN": "giáo dục mầm non", "GDNN": "giáo dục nghề nghiệp", "GDTX": "giáo dục thường xuyên",
}
# words that head the name of a unit ("Sở Y tế", "Ban Tổ chức Tỉnh ủy", "Công an tỉnh")
HEAD_WORDS = (
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "Ủy ban", "Uỷ ban", "Hội đồng nhân dân", "Hội đồng", "Mặt trận Tổ quốc",
    "Văn phòng", "Ban Thường vụ", "Ban Chỉ đạo", "Ban", "Sở", "Bộ Chỉ huy", "Bộ", "Cục", "Chi cục", "Tổng cục",
    "Công an", "Trung tâm", "Đảng ủy", "Đảng uỷ", "Đảng đoàn", "Ban cán sự", "Chi bộ", "Tổ đảng", "Tỉnh ủy",
    "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Quận ủy", "Thị ủy", "Liên đoàn", "Liên minh", "Hiệp hội",
    "Hội", "Đoàn", "Báo", "Đài", "Viện", "Trường", "Bệnh viện", "Kho bạc", "Ngân hàng", "Thanh tra", "Tòa án",
    "Toà án", "Viện kiểm sát", "Cổng thông tin", "Phòng", "Tổ công tác", "Học viện", "Bưu điện", "Cảnh sát",
    "Bảo hiểm xã hội", "Cục Thuế", "Thuế", "Quân khu", "Bộ đội", "Lãnh đạo", "Tỉnh đoàn", "Thành đoàn",
    "Huyện đoàn", "Tỉnh ủy", "Thành ủy", "Quỹ", "Công ty", "Tổng công ty", "Hợp tác xã", "Chi nhánh", "Xí nghiệp",
    "Nhà máy", "Trạm Y tế", "Trạm y tế", "Hạt Kiểm lâm",
    "Công chức",  # a commune's posts: "Công chức Văn hóa - Xã hội", "Công chức Tư pháp - Hộ tịch"
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "BTV", "BCĐ", "VP", "VPUB", "UBKT", "LĐLĐ", "ĐTN", "HTX",
)
_GROUP_WORDS = ("các", "những", "mọi")  # "các sở, ngành, địa phương": a group, kept as written
_STOP = re.compile(
    r"\s+(?:chủ trì|phối hợp|thực hiện|tham mưu|triển khai|xây dựng|tổ chức|có trách nhiệm|chịu trách nhiệm|"
    r"chú trọng|tập trung|ưu tiên|đẩy mạnh|tăng cường|quan tâm|đôn đốc|vận động|đề ra|(?<![Ll]ắp )đặt|đưa ra|xác định|phê duyệt|lãnh đạo|"
    r"theo dõi|hướng dẫn|báo cáo|đề xuất|tổng hợp|để|nhằm|trong|về việc|trước|sau|khi|đến|theo|tại|cho|với|"
    r"được|là|và các|hoàn thành|giúp|làm|bảo đảm|đảm bảo|phải|cần|có|sẽ|đã|đang|gồm|nào|gì|ra sao|thế nào|"
    r"không|năm|quý|tháng|ngày|hạn|thời hạn|thời gian|khi|bao giờ|và hạn|và thời|giao|đề nghị|yêu cầu|"
    r"ban hành|qua|thông qua|do (?:ai|cơ quan|đơn vị|bộ|sở|ban|ngành|cấp)|những|nhiệm vụ|công việc|việc|"
    r"các (?:nhiệm vụ|việc|nội dung)|nội dung|"
    r"nói|nêu|ghi|kể|(?<!tiền )gửi|(?<!người )nộp|"
    # what the unit does only, also, still ("UBND xã chỉ là đơn vị phối hợp", "Sở Y tế cũng …"), or directs ("Sở Y
    # tế chỉ đạo các bệnh viện"); "Ban chỉ đạo", "Bộ chỉ huy" name
    r"chỉ(?! (?:đạo|huy|thị|tiêu|số)\b)|(?<!Ban )(?<!ban )chỉ đạo|cũng|đều|vẫn|chưa|đứng)\b",  # "… do ai ký", not "tự do"; "Bộ Chính trị nói …": the asker's verb  # lower case: "Ban Tổ chức" is a name
)
_HEAD = re.compile(
    r"(?<![\wÀ-ỹ/-])(?:(?:các|Các|những|Những)\s+)?(?:" + "|".join(
        re.escape(h) for h in sorted(HEAD_WORDS, key=len, reverse=True)) + r")(?![\wÀ-ỹ])"
)
_PUNCT = re.compile(r",(?=\s)|\.(?=\s|$)|[;:()\n“”\"?]")  # "KH,CN&MT" and "Q.1" stay inside a name
# after a one-word head ("Sở", "Ban", "Bộ") a name starts with a capital ("Ban hành" is a verb, "Ban Tổ chức" a unit);
# after these heads an administrative level may follow in lower case ("Công an tỉnh", "Ủy ban nhân dân xã")
_PLACE_LEVELS = ("tỉnh", "thành phố", "xã", "phường", "huyện", "quận", "thị xã", "thị trấn", "đặc khu")
_LEVEL_WORDS = (*_PLACE_LEVELS, "cấp", "các", "trung ương", "cơ sở", "nhân dân", "cán sự", "chỉ đạo", "thường vụ",
                "chấp hành", "kiểm tra")
_ONE_WORD_HEADS = frozenset(("Sở", "Ban", "Bộ", "Cục", "Hội", "Đoàn", "Báo", "Đài", "Viện", "Trường", "Phòng", "Tổ", "Quỹ",
                             "Công chức",
                             "Liên đoàn", "Liên minh", "Hiệp hội", "Chi cục", "Tổng cục", "Học viện", "Bệnh viện"))
# heads that are a whole name: a place may follow ("Tỉnh ủy Lâm Đồng"), what the body does does not ("Huyện đoàn phát
# động phong trào …")
_WHOLE_HEADS = frozenset(("Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy"))
_JOINER_BEFORE = re.compile(r"\s+(?:và|với|hoặc|cùng(?: với)?)\s+$")  # the words joining a unit to the next
_ABBR_TOKEN = re.compile(r"(?<![\w&,\-])(" + "|".join(
    re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])")


# "ở An Hà", "tỉnh Bắc Lĩnh", "xã Khe Nứa": a place named after its level or "ở"/"tại", in capitals
PLACE_LEVEL = r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
VILLAGE_LEVEL = r"(?:thôn|bản|ấp|buôn|làng|xóm|khu phố|tổ dân phố)"  # below a commune: "thôn Bến Đình", "ấp 3"
_COMMITTEE = r"(?:tỉnh|huyện|thành|quận|thị) [uủ][yỷ]"  # a place's Party committee: "Tỉnh ủy Đồng Nai", "Huyện ủy Ô Lâu"
_PLACE = re.compile(r"(?<!\w)(?:(?:ở|tại)\s+(?:(?:" + PLACE_LEVEL + "|" + VILLAGE_LEVEL + r")\s+)?|(?:" + _COMMITTEE + "|" +
                    PLACE_LEVEL + "|" + VILLAGE_LEVEL + r")\s+)(?=((?:[^\W\d_]+ ?){1,4}))", re.IGNORECASE)


# the country: "đặt trụ sở tại Việt Nam" says where, not whose plan (every plan is of somewhere in it)
_COUNTRY = frozenset(("Việt Nam", "Viet Nam"))


def places_named(text: str) -> list[str]:
    """Places a text names: "… ở An Hà do đơn vị nào chủ trì?" -> ["An Hà"] (a unit after "tại" is no place:
    "tại Sở Y tế"; the country is none)."""
    out = []
    for m in _PLACE.finditer(text):
        words = list(itertools.takewhile(lambda w: w[0].isupper(), m.group(1).split()))
        if words and not _HEAD.match(" ".join(words)) and " ".join(words) not in _COUNTRY:
            out.append(" ".join(words))
    return out


def places_asked(text: str) -> list[str]:
    """The places a question names by a name that can be read ("TP.HCM" in capitals is none)."""
    return [p for p in places_named(text) if not any(w.isupper() for w in p.split())]


# "chất thải rắn sinh hoạt (CTRSH)", "… rừng (sau đây viết tắt là PCCCR)": a plan defines its own abbreviations
_DEFINED = re.compile(r"\((?:sau đây (?:gọi|viết) tắt là |viết tắt là |gọi tắt là )?([A-ZĐ][A-Za-zĐđ&]{1,9})\)")
_DEFINING_WORDS = 12  # words before "(…)" the full form is looked for in


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document defines, each with its full form as written: the words just before "(CTRSH)" whose
    initials spell it ("chất thải rắn sinh hoạt"); those every plan uses (UBND, MTTQ …) are known already."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        abbr = m.group(1)
        letters = fold_accents(abbr.replace("&", "")).lower()
        if abbr in ABBREVIATIONS or abbr in out or len(letters) < 2 or not letters.isalpha():
            continue
        words = re.findall(r"\w+", text[max(0, m.start() - 160):m.start()])[-_DEFINING_WORDS:]
        if len(words) >= len(letters) and fold_accents("".join(w[0] for w in words[-len(letters):])).lower() == letters:
            start = text.rfind(words[-len(letters)], max(0, m.start() - 160), m.start())
            out[abbr] = collapse_spaces(text[start:m.start()]).rstrip(" ,")
    return out


# "LCS … là viết tắt của cụm từ gì?", "tên đầy đủ của eCDT là gì?" (accent-folded): the full form of an abbreviation
_EXPANSION_ASKED = re.compile(r"\bviet tat (?:cua )?(?:cum tu |tu |ten |chu )?(?:gi|nao)\b|\bten day du cua\b|"
                              r"\b(?:viet|ghi) day du la gi\b")
_NUMBERED = re.compile(r"\d+\s*[/-][\w/.&-]*")  # "165/KH-UBND": a document's number, no abbreviation asked
_ASKED_REACH = 8  # words before the cue the abbreviation asked about stands within


def expansion_asked(question: str) -> str | None:
    """The abbreviation whose full form a question asks for, as typed (two capitals or more: "LCS", "eCDT"): the
    last one before the cue, or the first after "tên đầy đủ của"."""
    question = _NUMBERED.sub(lambda m: " " * len(m.group(0)), question)
    m = _EXPANSION_ASKED.search(fold_accents(question).lower())
    if m is None:
        return None
    if m.group(0).startswith("ten"):  # "tên đầy đủ của eCDT": the word after
        word = re.match(r"\s*([\w&]+)", question[m.end():])
        return word.group(1) if word and sum(c.isupper() for c in word.group(1)) >= 2 else None
    short = [w for w in re.findall(r"[\w&]+", question[:m.start()])[-_ASKED_REACH:] if sum(c.isupper() for c in w) >= 2]
    return short[-1] if short else None


def spells_out(short: str, text: str) -> bool:
    """The document writes the abbreviation's full form: a known one ("UBND"), one it defines ("… (CTRSH)", "gọi
    tắt là …"), or words bracketed after it ("eCDT (truy xuất nguồn gốc …)"); a plan using "LCS" alone spells none."""
    token = re.escape(short)
    return short in ABBREVIATIONS or short in defined_abbreviations(text) or bool(
        re.search(rf"\([^()]{{0,40}}{token}\)|(?<!\w){token}\s*\((?!\d)[^()]{{6,}}\)|(?:viết|gọi) tắt(?: là)? [“\"]?{token}",
                  text))


def spell_defined(text: str, defined: dict[str, str]) -> str:
    """`text` with the full form of each abbreviation its document defines after it ("CTRSH" -> "CTRSH (chất thải
    rắn sinh hoạt)"): a passage using the short form says the words a question may write out."""
    if not defined:
        return text
    return _defined_token(tuple(sorted(defined, key=len, reverse=True))).sub(
        lambda m: f"{m.group(1)} ({defined[m.group(1)]})", text)


@lru_cache(maxsize=256)  # one pattern per plan's abbreviations, not one per passage ranked
def _defined_token(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, abbreviations)) + r")(?![\w&])")


def expand_abbreviations(name: str) -> str:
    """'Sở KH&CN' -> 'Sở Khoa học và Công nghệ', 'UBND tỉnh' -> 'Ủy ban nhân dân tỉnh'."""
    return _ABBR_TOKEN.sub(lambda m: ABBREVIATIONS[m.group(1)], name)


def topics_spelled_out(text: str) -> str:
    """`text` with the fields it abbreviates written out after it ("kế hoạch PCCC" -> "… phòng cháy, chữa cháy"): a
    plan names its field in full; a unit's abbreviation ("UBND") is left as it is."""
    fields = [ABBREVIATIONS[a] for a in dict.fromkeys(_ABBR_TOKEN.findall(text)) if ABBREVIATIONS[a][:1].islower()]
    return " ".join([text, *fields])


def unit_key(name: str) -> str:
    """Comparison key of a unit name: abbreviations expanded, tone placement folded, lower case,
    punctuation and a leading 'các' dropped. Diacritics are kept (Đà Nẵng is not đa năng)."""
    text = fold_tones(expand_abbreviations(collapse_spaces(name))).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    while words and words[0] in _GROUP_WORDS:
        words.pop(0)
    return " ".join(words)


def unit_search_key(name: str) -> str:
    """Like `unit_key` with diacritics removed too, abbreviations typed in lower case expanded ("ubnd xa") and
    "các"/"những" dropped anywhere ("Ủy ban nhân dân các xã" is "UBND xã"): what a user types matches."""
    words = [_FOLDED_ABBREVIATIONS.get(w, w) for w in fold_accents(unit_key(name)).split()]
    return " ".join(w for w in words if w not in ("cac", "nhung"))


_LEVEL_KEYS = frozenset(fold_accents(level) for level in _PLACE_LEVELS)
# the same levels typed without marks ("phuong bach dang"), longest first
PLACE_LEVEL_FOLDED = "(?:" + "|".join(sorted(_LEVEL_KEYS, key=len, reverse=True)) + ")"
_SPREAD_WORDS = 4  # a name this long may be said with words left out
_BARE_LEVEL_WORDS = 2  # "ubnd xa" ("uy ban nhan dan xa"), not "xa" alone: a name left when the level goes
_FORMAL_GAP = 3  # words a formal name adds between those staff say ("ủy ban | mặt trận tổ quốc | việt nam | huyện")


def names_unit(asked: str, written: str) -> bool:
    """Search keys of a unit as asked and as written name the same unit: one holds the other, or the asked name's
    words stand in order in the written one with a few formal words between ("mat tran to quoc huyen" in "uy ban mat
    tran to quoc viet nam huyen"), the place after its level left out ("… huyen phuc thanh")."""
    if asked in written or written in asked:
        return True
    words = asked.split()
    if len(words) > _BARE_LEVEL_WORDS and words[-1] in _LEVEL_KEYS and not _names_level(written):
        # "ủy ban mttq xã" asked of a commune's plan writing "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã
        # hội": a bare level of the asker's own ("… xã") is left out by a name written with none
        words = words[:-1]
        if " ".join(words) in written:
            return True
    cut = next((i + 1 for i in range(len(words) - 1, 0, -1) if words[i] in _LEVEL_KEYS
                or " ".join(words[i - 1:i + 1]) in _LEVEL_KEYS), len(words))
    words = words[:cut]
    if len(words) < _SPREAD_WORDS:  # "Sở Nội vụ" is not "Sở Tài chính và Nội vụ"
        return False
    seen, at = written.split(), -1
    for w in words:
        nxt = next((j for j in range(at + 1, min(len(seen), at + 2 + _FORMAL_GAP) if at >= 0 else len(seen))
                    if seen[j] == w), None)
        if nxt is None:
            return False
        at = nxt
    return True


def _names_level(key: str) -> bool:
    """A unit's search key names a place level ("ubnd tinh", "phong van hoa xa hoi thi xa"; "xa hoi" is none)."""
    words = key.replace("xa hoi", " ").split()
    return any(w in _LEVEL_KEYS or " ".join(words[i:i + 2]) in _LEVEL_KEYS for i, w in enumerate(words))


@lru_cache(maxsize=1)
def opens_unit_name(line: str) -> bool:
    """A line beginning as a unit's name begins: with a head word ("SỞ", "BAN CHỈ ĐẠO", "UBND", "BCH"), a place level
    ("TỈNH …") or a body of state or Party ("CHÍNH PHỦ", "ĐẢNG BỘ"). A header line that does not goes on with the
    name above it: "BAN CHỈ ĐẠO VẬN ĐỘNG" / "HIẾN MÁU TÌNH NGUYỆN" is one body."""
    words = re.findall(r"\w+", fold_accents(line).upper())
    return any(words[:len(head)] == head for head in _opening_heads())


@lru_cache(maxsize=1)
def _opening_heads() -> list[list[str]]:
    names = (*HEAD_WORDS, *_PLACE_LEVELS, "Đảng bộ", "Ban Chấp hành", "BCH", "Chính phủ", "Quốc hội", "Thủ tướng",
             "Thường trực", "Tổng", "Đại học", "Nhà xuất bản", "Khu")
    return [re.findall(r"\w+", fold_accents(n).upper()) for n in names]


def _head_search_keys() -> list[str]:
    return sorted({unit_search_key(h) for h in HEAD_WORDS}, key=len, reverse=True)


def unit_kind(key: str) -> str:
    """A unit's head and the word after it, from its search key: "uy ban nhan dan phuong" of "UBND phường, xã, đặc
    khu", "so giao" of "Sở Giáo dục và Đào tạo" — what says which unit it is, however the list goes on. "" for a key
    not headed by a unit's head word, or a head alone."""
    head = next((h for h in _head_search_keys() if key.startswith(f"{h} ")), None)
    rest = key[len(head):].split() if head else []
    return f"{head} {rest[0]}" if head and rest else ""


def same_unit(a: str, b: str) -> bool:
    return unit_key(a) == unit_key(b)


def is_group(name: str) -> bool:
    """'Các sở, ngành, địa phương' names a group of units, not one unit."""
    return fold_accents(name.strip()).lower().startswith(("cac ", "nhung ", "moi "))


def unit_mentions(text: str, max_words: int = 12) -> list[str]:
    """Names of units in `text`, in order: 'Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh và
    Sở Tài chính' -> ['Sở Khoa học và Công nghệ', 'Công an tỉnh', 'Sở Tài chính']."""
    heads = list(_HEAD.finditer(text))
    out: list[str] = []
    taken = -1
    for i, m in enumerate(heads):
        if m.start() < taken:
            continue  # "Đảng ủy" inside "Văn phòng Đảng ủy"
        stop = len(text)
        pos = m.end()
        while (punct := _PUNCT.search(text, pos)) is not None:
            stop = punct.start()
            after = text[punct.end():].lstrip()
            # "Sở Văn hóa, Thể thao và Du lịch", "UBND xã, phường": the name goes on after this comma
            if text[punct.start()] == "," and after and not _HEAD.match(after) and (
                    after[0].isupper() or after.startswith(("phường", "xã", "thị trấn", "đặc khu"))):
                word = after.split()[0].rstrip(",;.")
                if not _STOP.match(" " + word) and word.lower() not in ("các", "những"):
                    pos = punct.end()
                    stop = len(text)
                    continue
            break
        verb = _STOP.search(text, m.end(), stop)
        if verb:
            stop = verb.start()
        for nxt in heads[i + 1:]:
            if nxt.start() >= stop:
                break
            # "Công an tỉnh và Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch cùng Báo …": two units
            joiner = _JOINER_BEFORE.search(text, m.end(), nxt.start())
            if joiner:
                stop = joiner.start()
                break
        stop = _name_end(text, m.end(), stop)
        head = re.sub(r"^(?:các|Các|những|Những)\s+", "", m.group(0))
        if fold_tones(head) in _WHOLE_HEADS and re.match(r"\s+[a-zà-ỹđ]+\s+[a-zà-ỹđ]", text[m.end():stop]) and \
                not text[m.end():stop].lstrip().startswith(_LEVEL_WORDS):
            stop = m.end()
        name = collapse_spaces(text[m.start():stop])
        after = text[m.end():stop].lstrip()
        if head in _ONE_WORD_HEADS and after and not after[0].isupper() and not after.startswith(_LEVEL_WORDS) \
                and not re.match(rf"và [{UPPER}]", after):
            continue  # "Ban hành kèm theo …", "Bộ tiêu chí": no unit; "Báo và Phát thanh, Truyền hình Kim Lâm" is one
        taken = m.start() + len(name)
        words = name.split()
        if len(words) > max_words:
            name = " ".join(words[:max_words])
        if len(words) >= 2 or name.isupper():
            out.append(name)
    return list(dict.fromkeys(out))


_NUMBERED_PART = frozenset(("số", "sở", "vực", "hiệu", "đội", "phân"))  # "cơ sở 2", "khu vực 3", "phân hiệu 1"


def _name_end(text: str, start: int, stop: int) -> int:
    """'Ban Tổ chức Tỉnh ủy Lâm Đồng chia quy trình …': a name that ends on a proper name ("Lâm Đồng") is not
    continued by two or more lower-case words — those say what the unit does ("Tỉnh ủy Bình Sơn đặt mục tiêu tỷ lệ
    trẻ em từ 6 …": up to a figure; "… Đồng Tháp định hướng gắn cảm biến IoT": up to a name again)."""
    words = list(re.finditer(r"\S+", text[start:stop]))
    for i in range(len(words) - 1, 0, -1):
        if words[i].group(0)[0].isupper() and words[i - 1].group(0)[0].isupper():
            rest = list(itertools.takewhile(lambda w: not w.group(0)[0].isdigit(), words[i + 1:]))
            if len(rest) < len(words) - i - 1 and rest and rest[-1].group(0).lower() in _NUMBERED_PART:
                return stop  # "Bệnh viện Đa khoa Bình Sơn cơ sở 2": the number is part of the name
            if len(rest) >= 2 and all(w.group(0)[0].islower() for w in rest[:2]):  # "… định hướng gắn cảm biến IoT"
                return start + words[i].end()
            if len(rest) >= 2 and rest[0].group(0) == "về":  # "UBND tỉnh Đồng Tháp về CĐS …": what a plan is about
                return start + words[i].end()
            if len(rest) == 1 == len(words) - i - 1 and rest[0].group(0).isalpha() and rest[0].group(0).islower() \
                    and not rest[0].group(0).startswith(_LEVEL_WORDS):
                return start + words[i].end()  # "Ban Tổ chức Tỉnh ủy Lâm Đồng nói khi nào …": a verb ends it
            break
    return stop


_ITEM_START = re.compile(r"[-+•*–]\s|\d{1,2}[.)]\s")  # "- Phát 05 tin …", "2. Kiểm tra …"


def cell_text(lines: Iterable[str]) -> str:
    """A table cell's paragraphs (or "<br>" parts) as one value: a part opening a unit's name or an item starts
    a new piece ("Phòng Kinh tế và Hạ tầng" / "UBND các xã" -> "…; UBND các xã", which `split_unit_list` reads as two
    units); a part going on with a name or sentence cut over lines ("Đơn vị" / "chủ trì") is joined with a space."""
    out = ""
    for line in (" ".join(ln.split()) for ln in lines):
        if not line:
            continue
        new_piece = out and out[-1] not in ",;:" and (starts_with_unit(line) or _ITEM_START.match(line))
        out = f"{out}; {line}" if new_piece else f"{out} {line}".strip()
    return out


def split_unit_list(cell: str) -> list[str]:
    """A cell naming several units, one per piece: 'Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường'
    -> ['Sở Tài chính', 'Sở Nội vụ', 'các sở, ngành', 'UBND xã, phường']. A piece that does not start
    with a unit's head word continues the previous one ("các sở, ngành" is one group); "và" separates two
    units only when a head word follows it ("Sở Khoa học và Công nghệ" is one)."""
    pieces: list[str] = []
    for piece in re.split(r"\s*[;,\n]\s*", cell.strip(" .;")):
        pieces += [p for p in re.split(r"\s+(?:và|với)\s+(?=" + _HEAD.pattern.replace("(?<![\\wÀ-ỹ])", "")
                                       + ")", piece) if p and p.strip()]
    out: list[str] = []
    for piece in (p.strip() for p in pieces):
        starts_unit = (bool(_HEAD.match(piece)) or (piece[:1].isupper() and len(piece.split()) >= 2)
                       or is_group(piece))
        if out and not starts_unit:
            out[-1] = f"{out[-1]}, {piece}"
        elif piece:
            out.append(piece)
    return out


def unit_phrase(text: str, start: int, max_chars: int = 240) -> tuple[int, int]:
    """(start, end) of the list of units that begins at `start` ("các Sở, ban, ngành của tỉnh; Ủy ban nhân dân
    các xã, phường"), up to the verb that follows it or the end of the clause."""
    end = min(len(text), start + max_chars)
    verb = _STOP.search(text, start, end)
    stop = re.search(r"[.\n]|;\s+(?=[a-zđ])", text[start:end])
    end = min(verb.start() if verb else end, start + stop.start() if stop else end)
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


# abbreviations of three letters or more, as typed in lower case without accents
_FOLDED_ABBREVIATIONS = {fold_accents(k).lower(): fold_accents(v).lower() for k, v in ABBREVIATIONS.items()
                         if len(k) >= 3 and k.isalpha()}
_FOLDED_HEADS = sorted({fold_accents(h).lower() for h in HEAD_WORDS if len(h) > 2}, key=len, reverse=True)
_FOLDED_STOPS = frozenset(("chu", "tri", "phoi", "hop", "thuc", "hien", "phai", "lam", "co", "duoc", "giao", "nhiem",
                           "vu", "gi", "nao", "trong", "theo", "de", "cua", "o", "tai", "ve", "va", "voi", "khi", "han",
                           "bao", "nhieu", "ke", "hoach", "can", "se", "da", "dang", "nhung", "cac", "the",
                           "chuan",  # "truong chuan quoc gia": schools meeting the standard, no one school
                           "gui",  # "gửi": a unit sends, no name holds it
                           "gom"))  # "gồm": what follows a name, never in it


# what a department or ministry is in charge of: "so tai chinh", "bo y te" typed without diacritics are units, though
# "số", "sợ", "bộ" fold alike (Sở, Bộ are too short to head a name otherwise)
_FIELDS = frozenset(("tai chinh", "y te", "noi vu", "tu phap", "xay dung", "cong thuong", "giao duc", "khoa hoc",
                     "nong nghiep", "van hoa", "ngoai vu", "ngoai giao", "giao thong", "lao dong", "tai nguyen",
                     "ke hoach", "thong tin", "du lich", "dan toc", "cong an", "quoc phong"))
# the word before "số"/"bộ" that makes it no unit: "chuyển đổi số y tế", "kinh tế số", "cán bộ y tế", "toàn bộ"
_DIGITAL_OR_STAFF = frozenset(("doi", "te", "hoi", "phu", "dan", "tang", "lieu", "nang", "nghe", "quyen", "nghiep",
                               "dung", "vu", "toan", "can", "dong"))
# a head's syllable starting a verb, typed without diacritics: "báo cáo", "phòng, chống", "phòng cháy"
_VERBS = frozenset((("bao", "cao"), ("phong", "chong"), ("phong", "chay"), ("phong", "ngua"), ("phong", "tranh")))
_NUMERAL = re.compile(r"(?:[ivxl]+|\d)(?![a-z])")
_YEAR = re.compile(YEAR)
# stop syllables that begin words of a name ("Quỹ Bảo vệ và Phát triển rừng", "Bảo hiểm xã hội")
_NAME_WORDS = [["bao", "ve"], ["bao", "hiem"], ["bao", "tang"]]


def unit_mentions_folded(folded: str) -> list[str]:
    """Units in a question typed without diacritics ("ubnd xa phuong o son la phai lam gi"): a head word, then
    the words up to the first word that is no part of a name."""
    words = folded.split()
    inside = _inside_words(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        head = next((h for h in _FOLDED_HEADS if words[i:i + len(h.split())] == h.split()), None) or \
            (words[i] if words[i] in ("so", "bo") and " ".join(words[i + 1:i + 3]) in _FIELDS and
             (i == 0 or words[i - 1] not in _DIGITAL_OR_STAFF) else None)
        if head is not None and " " not in head and (i in inside or (head, " ".join(words[i + 1:i + 2])) in _VERBS
                                                      or i and words[i - 1] == "benh"):
            # a one-syllable head going on a word ("dat dai", "bao cao"; "benh dai" is rabies); "giao ban chi dao"
            # still heads
            head = None
        if head is None:
            i += 1
            continue
        j = i + len(head.split()) + (2 if head in ("so", "bo") else 0)  # "so tai chinh": "tai" is no stop here
        if j < len(words) and _NUMERAL.match(words[j]):
            i = j  # "quy ii/2027", "doan 1": a quarter, a number, no unit
            continue
        while j < len(words) and j - i < 8:
            if _YEAR.fullmatch(words[j]) or words[j] == "nam" and _YEAR.fullmatch(" ".join(words[j + 1:j + 2])):
                break  # "… tinh son nguyen nam 2026": a unit's name holds no year
            if words[j:j + 2] in _NAME_WORDS:
                j += 2
            elif words[j] not in _FOLDED_STOPS:
                j += 1
            else:
                break
        if j - i >= 2:
            out.append(" ".join(words[i:j]))
        i = j
    return out


def _inside_words(words: list[str]) -> set[int]:
    """Positions of syllables that go on a word begun before them ("dat dai", "giai doan", "dang vien"): no unit
    name starts there, though "dai", "doan", "vien" also head "Đài", "Đoàn", "Viện"."""
    inside: set[int] = set()
    syllables = [(k, syllable) for k, w in enumerate(words) for syllable in re.findall(r"\w+", w)]
    at = 0
    for word in segment_folded(" ".join(w for _, w in syllables)):
        parts = word.split("_")
        for offset in range(1, len(parts)):
            if at + offset < len(syllables):
                inside.add(syllables[at + offset][0])
        at += len(parts)
    return inside


# ---------------------------------------------------------------- lists of units as a plan's fields and subjects

# a title before a unit: "Bộ trưởng Bộ Công an", "Chủ tịch Ủy ban nhân dân tỉnh", "Thủ trưởng cơ quan ngang bộ"
_TITLE = re.compile(
    r"^(?:Phó\s+)?(?:Bộ trưởng|Thứ trưởng|Thủ trưởng|Chủ tịch|Tổng Giám đốc|Giám đốc|Cục trưởng|Vụ trưởng|Chủ nhiệm|"
    r"Trưởng ban|Tổ trưởng|Bí thư|Chánh)\s+(?=(?:các\s+)?(?:" + _HEAD.pattern.replace(
        "(?<![\\wÀ-ỹ])", "") + r"|cơ quan|đơn vị|[A-ZĐ]{2,}))"
)
# "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …": the heads of all the ministries
_BARE_TITLES = {"Bộ trưởng": "các bộ", "Các Bộ trưởng": "các bộ"}
# where a list of units ends: the verb of its clause ("Sở Y tế tăng cường …"), a time word or a clause mark
_LIST_STOP = re.compile(  # "Đào tạo", "Ngân hàng" end no list: they end names ("Sở Giáo dục và Đào tạo")
    r"(?<!Đào)(?<!Ngân)\s+(?:chủ trì|phát động|ưu tiên|phối hợp|thực hiện|tham mưu|triển khai|xây dựng|tổ chức|có trách nhiệm|chịu trách nhiệm|theo dõi|"
    r"hướng dẫn|báo cáo|đề xuất|tổng hợp|để|nhằm|trong|về việc|trước|sau|khi|đến|theo|tại|cho|được|là|hoàn thành|"
    r"giúp|làm|bảo đảm|đảm bảo|phải|cần|có|sẽ|đã|đang|gồm|năm|quý|tháng|ngày|tăng cường|tiếp tục|chỉ đạo|thẩm định|"
    r"thu thập|cập nhật|hoàn thiện|nghiên cứu|ban hành|phổ biến|tuyên truyền|vận động|cung cấp|chia sẻ|kết nối|"
    r"quản lý|vận hành|đánh giá|kiểm tra|giám sát|rà soát|đôn đốc|lồng ghép|bố trí|trình|định kỳ|thường xuyên|"
    r"tập trung|chủ động|đưa|phân công|lãnh đạo|chịu|căn cứ|quán triệt|góp ý|tiếp nhận|xử lý|ứng dụng|sử dụng|"
    r"khai thác|đẩy mạnh|nâng cao|phát triển|hỗ trợ|đầu tư|số hóa|số hoá|chuẩn hóa|kiện toàn|thành lập|gửi|phản ánh|"
    r"kiến nghị|công bố|tiến hành|hằng|hàng|mỗi|kịp thời|nghiêm túc|tích cực|phấn đấu|duy trì|tham gia|dựa|xác định|"
    r"thống kê|phát hiện|ngăn chặn|đấu tranh|thực thi|xét xử|truy tố|điều tra|huy động|khuyến khích|thúc đẩy|"
    r"mở rộng|ưu tiên|tuần tra|quyết định|đề nghị|yêu cầu|giao|lập|tạo|hướng tới|kết quả|tình hình|tiến độ|"
    r"việc|nội dung|danh sách|số liệu|thông tin)(?![\wÀ-ỹ])"
)
_CORE_STOP = re.compile(r"(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|là)\b")
_NOUN_AFTER = re.compile(r"(?:\bcác|\bnhững|\bvà|\bhoặc)\s*$")  # "các tổ chức …", "và tổ chức …": nouns
_COMMA_NOUN = re.compile(r"(?:tổ chức|cơ quan|đơn vị|cấp|ngành|ban|đoàn thể|địa phương)(?![\wÀ-ỹ])")
_LIST_END = re.compile(r"[.:()\n“”\"]|;\s+(?=[a-zđ])")
_JOIN_SPLIT = re.compile(r"\s+(?:và|với)\s+(?=(?:các|những)\s|" + _HEAD.pattern.replace("(?<![\\wÀ-ỹ])", "") + ")")
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&]{1,9}$")


def strip_title(name: str) -> str:
    """'Bộ trưởng Bộ Công an' -> 'Bộ Công an': a unit named through the title of its head."""
    name = name.strip()
    if name in _BARE_TITLES:
        return _BARE_TITLES[name]
    m = _TITLE.match(name)
    return name[m.end():] if m else name


def unit_list_at(text: str, start: int, max_chars: int = 240, semicolons: bool = False) -> tuple[int, int]:
    """(start, end) of the list of units that starts at `start`, up to the verb of its clause: 'Ủy ban nhân dân
    các tỉnh, thành phố trực thuộc trung ương tổng hợp, trình …' -> 'Ủy ban nhân dân các tỉnh, thành phố trực
    thuộc trung ương'. A verb word right after 'các' or a comma is a noun ('các tổ chức chính trị - xã hội')."""
    limit = min(len(text), start + max_chars)
    end_mark = _LIST_END.search(text, start, limit)
    if semicolons:
        end_mark = re.compile(r"[.:()\n“”\"]").search(text, start, limit)
    stop = end_mark.start() if end_mark else limit
    pos = start
    while True:
        verb = _LIST_STOP.search(text, pos, stop)
        if verb is None or verb.start() <= start:
            if verb is not None and verb.start() <= start:
                pos = verb.end()
                continue
            break
        word = verb.start() + len(verb.group(0)) - len(verb.group(0).lstrip())
        before = text[start:word]
        after = text[verb.end():verb.end() + 14]
        after_comma = before.rstrip().endswith((",", ";")) and bool(_COMMA_NOUN.match(text, word))
        noun = (bool(_NOUN_AFTER.search(before)) or after_comma) and not _CORE_STOP.match(text, word)
        if text[word:verb.end()] == "có" and after.lstrip().startswith("liên quan"):
            noun = True
        if not noun:
            stop = verb.start()
            break
        pos = verb.end()
    while stop > start and text[stop - 1] in " ,;":
        stop -= 1
    piece = text[start:stop]
    trailing = re.search(r"(?:\s+(?:và|với|hoặc))+$", piece)
    if trailing:
        stop = start + trailing.start()
    return start, stop


def _split_acronyms(piece: str) -> list[str]:
    """'VTV, VOV, TTXVN' -> three units: an acronym alone names a unit."""
    parts = [p.strip() for p in piece.split(",")]
    if len(parts) > 1 and all(_ACRONYM.match(p) for p in parts[1:]):
        return parts
    return [piece]


# "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, …, trên địa bàn Tỉnh": who a group is, said after it
GROUP_QUALIFIER = re.compile(r"\s+(?:trong lĩnh vực|trên địa bàn|tại địa phương|thuộc phạm vi)\s")


def units_of(value: str) -> list[str]:
    """The units a field names, one per item, titles dropped: 'Sở Tài chính, Sở Nội vụ, các sở, ngành' ->
    ['Sở Tài chính', 'Sở Nội vụ', 'các sở, ngành']. A field written as clauses ('Bộ Công an tiến hành rà soát …;
    các bộ, … rà soát …') gives the subject of each clause."""
    value = " ".join(re.sub(r"\([^)]*\)|[*_]", " ", value).split()).strip(" .;,")
    if not value:
        return []
    if _GROUP.match(value) and GROUP_QUALIFIER.match(value, unit_list_at(value, 0)[1]) and not _CORE_STOP.search(value):
        return [value]  # one group, however many commas its qualifier has
    pieces = [q for p in split_unit_list(value) for q in _JOIN_SPLIT.split(p)]
    if any(len(p.split()) > 16 and not _unit_like(p) for p in pieces):  # written as clauses, not as a list
        subjects: list[str] = []
        for clause in re.split(r"\s*;\s*", value):
            a, z = unit_list_at(clause, 0)
            if z > a and starts_with_unit(clause):
                subjects += split_unit_list(clause[a:z])
        pieces = subjects or pieces
    out: list[str] = []
    for p in _rejoin(pieces):
        for unit in _split_acronyms(strip_title(p)):
            if unit and unit not in out:
                out.append(unit)
    return out


def _rejoin(pieces: list[str]) -> list[str]:
    """'Sở Văn hóa' + 'Thể thao và Du lịch' -> one name: a short name after a one-word head continues over a comma
    when the next piece names no unit of its own."""
    out: list[str] = []
    for p in pieces:
        prev = out[-1] if out else ""
        head = _HEAD.match(prev)
        if (head and head.group(0) in _ONE_WORD_HEADS and len(prev.split()) <= 4 and p[:1].isupper()
                and not starts_with_unit(p) and not _ACRONYM.match(p) and len(p.split()) <= 5):
            out[-1] = f"{prev}, {p}"
        else:
            out.append(p)
    return out


def _unit_like(piece: str) -> bool:
    a, z = unit_list_at(piece, 0)
    return z >= len(piece.rstrip(" .;,"))


# "các sở, ngành", "các cấp ủy, tổ chức đảng", "các cơ quan, đơn vị": a group of units ("các phần mềm" is not)
_GROUP = re.compile(
    r"^(?:các|những|mọi)\s+(?:sở|ban|ngành|bộ|cơ quan|đơn vị|địa phương|cấp(?: ủy| uỷ| chính quyền)?|tổ chức|chi bộ|"
    r"đảng bộ|đảng ủy|đảng uỷ|tổ đảng|xã|phường|tỉnh|thành phố|huyện|quận|đoàn thể|hội|doanh nghiệp|trường|cơ sở|"
    r"ủy ban|uỷ ban|trung tâm|thành viên|lực lượng|viện|báo|đài|văn phòng|phòng|chi hội|hợp tác xã|bộ phận)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
# the bodies at the top, named without a head word: "báo cáo Thủ tướng Chính phủ", "trình Quốc hội"
_TOP_BODY = re.compile(r"^(?:Thủ tướng(?: Chính phủ)?|Chính phủ|Quốc hội|Bộ Chính trị|Ban Bí thư|Chủ tịch nước|"
                       r"Ban Chấp hành Trung ương)(?![\wÀ-ỹ])")
# a unit named by its role: "Cơ quan thường trực Tổ công tác …", "Cơ quan chủ trì", "Cơ quan đầu mối"
_ROLE_UNIT = re.compile(r"^Cơ quan (?:thường trực|chủ trì|đầu mối\b|(?=" + _HEAD.pattern.replace("(?<![\\wÀ-ỹ])", "") + r"))")


def starts_with_unit(text: str) -> bool:
    """'Sở Y tế …', 'Các chi bộ, đảng bộ …', 'Sở, ban, ngành liên quan', 'Bộ trưởng Bộ Công an …' open with units;
    'Ban hành …', 'Bộ tiêu chí …', 'Tổ chức …' do not."""
    if _TITLE.match(text) or _GROUP.match(text) or _ROLE_UNIT.match(text) or _TOP_BODY.match(text) \
            or re.match(r"(?:Các )?Bộ trưởng,", text):
        return True
    head = _HEAD.match(text)
    if not head:
        return False
    if head.group(0) == "Lãnh đạo":  # "Lãnh đạo Ban Dân nguyện" names a unit's leaders; "Lãnh đạo, chỉ đạo …" a duty
        return starts_with_unit(text[head.end():].lstrip()) if text[head.end():head.end() + 1] == " " else False
    if text[head.end():head.end() + 1] == "," and head.group(0) in _ONE_WORD_HEADS:
        return True  # "Sở, ban, ngành liên quan": a group written without "các"
    names = unit_mentions(text[:120])
    return bool(names) and text.startswith(names[0].split()[0])


def names_units(phrase: str) -> bool:
    """Whether a phrase after 'phối hợp với' names units: 'Sở Nội vụ …', 'các đơn vị có liên quan', 'lực lượng
    Công an' — not 'làm sạch dữ liệu'."""
    return starts_with_unit(phrase) or bool(unit_mentions(phrase[:80]))


def subject_units(text: str) -> tuple[int, int] | None:
    """(start, end) of the units a sentence opens with, when it says what they do: 'Sở Tài chính chủ trì …',
    'Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung …', 'Bộ trưởng Bộ Công an có trách nhiệm …'.
    None when the sentence does not open with units or they are not followed by what they do."""
    if not starts_with_unit(text):
        return None
    a, z = unit_list_at(text, 0)
    qualified = re.match(r"\s+được\s[^.;:]{1,100}?(?=\s(?:có trách nhiệm|chịu trách nhiệm|là cơ quan)\b)", text[z:]) \
        or re.match(r"\s+được\s[^.;:]{1,60}?(?=\s(?:chủ trì)\b)", text[z:])
    if qualified:  # "Các cơ quan, đơn vị được phân công nhiệm vụ có trách nhiệm …"
        z += qualified.end()
    rest = text[z:].lstrip(" ,")
    if z <= a or not rest or not (_LIST_STOP.match(" " + rest) or _CORE_STOP.match(rest)):
        return None
    return a, z


# Party bodies (Hướng dẫn 36-HD/VPTW applies to their documents; state bodies follow Nghị định 30/2020/NĐ-CP)
_PARTY_BODY = re.compile(r"\bdang\b|\b(?:tinh|thanh|huyen|quan|thi|xa|phuong) uy\b|\bchi bo\b|\bcap uy\b|"
                         r"\bban (?:thuong vu|chap hanh|tuyen giao|dan van|to chuc|kiem tra|noi chinh)\b|\bbtv\b")


def is_party_body(name: str) -> bool:
    """'Đảng ủy xã', 'Văn phòng Tỉnh ủy', 'Ban Tuyên giáo và Dân vận': a body of the Party; 'UBND tỉnh', 'Sở Tài chính':
    a state body."""
    return bool(_PARTY_BODY.search(fold_accents(fold_tones(expand_abbreviations(name))).lower()))
