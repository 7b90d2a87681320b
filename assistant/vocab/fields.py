"""The fields of a task, whether a plan writes them as table columns or as labelled lines.

A task table has columns such as "Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
Sản phẩm"; a plan written field by field says "Nhiệm vụ: … / Cơ quan chủ trì: … / Thời hạn: …".
Both name the same few roles; `role_of` maps a column name or a field label to its role, so that
tables, labelled lines and answers speak of one thing.
"""

from __future__ import annotations

import re

from assistant.text import UPPER, collapse_spaces, fold_accents
from assistant.vocab.numbering import is_bullet, strip_marker
from assistant.vocab.units import HEAD_WORDS

STT = "STT"  # key of a row's number cell, whatever its column is called
GROUP = "Nhóm"  # key of the group value a row inherits ("I. Hạ tầng số" above its rows)
# key of the group that group sits in: "I. Đến năm 2030" above "11. Chỉ tiêu về thủ tục hành chính" above row 11.9
OUTER_GROUP = "Nhóm lớn"
GROUPS = (GROUP, OUTER_GROUP)
_UNNAMED = re.compile(r"Cột \d{1,2}")


def unnamed_column(index: int) -> str:
    """The key of a column its table names nowhere (no header row, or an empty header cell): 'Cột 3'."""
    return f"Cột {index + 1}"


def is_unnamed_column(name: str) -> bool:
    """A key `unnamed_column` made: no name the document gives, so an answer says the cell's value alone."""
    return bool(_UNNAMED.fullmatch(name))
# the row that sums a table ("Tổng cộng", "Cộng", "Toàn thành phố"): it belongs to no group
_TOTAL_LABEL = re.compile(r"^(?:(?:tong cong|tong so|tong|cong)\W*$|toan (?:tinh|thanh pho|huyen|thi xa|quan|xa|"
                          r"phuong|thi tran|nganh|dang bo)\b)")


def is_total_label(cell: str) -> bool:
    return bool(_TOTAL_LABEL.match(fold_accents(cell.strip(" *_")).lower()))
ROLES = ("stt", "task", "lead", "co", "timing", "product", "funding", "note", "measure")
ROLE_LABELS = {  # Vietnamese names used in answers and exports
    "task": "nhiệm vụ", "lead": "chủ trì", "co": "phối hợp", "timing": "thời gian", "product": "sản phẩm",
    "funding": "kinh phí", "note": "ghi chú",
}

# (role, pattern over the accent-folded, lower-cased label); the first match wins, so the specific
# ("don vi tinh" is a unit of measure, not a unit) comes before the general
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("stt", r"^(?:stt|tt|so tt|so thu tu)$"),
        ("measure", r"^(?:dvt|don vi tinh)\b"),
        ("co", r"\bphoi hop\b"),
        ("lead", r"\bchu tri\b|\bchiu trach nhiem\b|\bphu trach\b|\bdau moi\b|^(?:don vi|co quan) (?:thuc hien|"
                 r"trien khai)$|^trach nhiem(?: thuc hien)?$|^(?:don vi|co quan)$|^phan cong(?: thuc hien)?$"),
        ("timing", r"\bthoi (?:gian|han|diem)\b|\btien do\b|\blo trinh\b|\bmoc\b|\bhan hoan thanh\b|"
                   r"\bnam (?:thuc hien|hoan thanh)\b"),
        ("product", r"\bsan pham\b|\bket qua\b|\bchi tieu\b|\bdau ra\b|\bhinh thuc\b|\bmuc tieu\b"),
        ("funding", r"\bkinh phi\b|\bnguon (?:von|luc)\b|\bdu toan\b|\bngan sach\b"),
        ("note", r"\bghi chu\b"),
        ("task", r"\bnoi dung\b|\bnhiem vu\b|\bcong viec\b|\bhoat dong\b|\bgiai phap\b|\bten (?:de an|du an|"
                 r"chuong trinh|nhiem vu)\b|^(?:de an|du an|tieu du an)$|\bcong trinh\b|\bhang muc\b"),
    )
)
# a passage on money ("Ngân sách tỉnh bảo đảm …", "Kinh phí thực hiện", "Giải pháp về tài chính"), any case;
# "Sở Tài chính", "Phòng Kế hoạch - Tài chính" are units
FUNDS_SAID = re.compile(r"kinh phí|ngân sách|nguồn vốn|chi phí|chi trả|(?<!sở )(?<!bộ )(?<!- )(?<!và )tài chính", re.IGNORECASE)
# where money comes from, named: "từ ngân sách phường", "nguồn xã hội hóa", "NSĐP", "chi thường xuyên của đơn vị",
# "đơn vị tự bảo đảm", "hỗ trợ từ Trung ương" — not "bố trí đủ kinh phí", which says money is found, not where
FUNDS_SOURCE = re.compile(r"ngân sách|nguồn|vốn|xã hội ho[áa]|tài trợ|huy động|đóng góp|quỹ|chi thường xuyên|"
                          r"sự nghiệp|đầu tư công|(?<!\w)NS[A-ZĐ]{1,3}(?!\w)|tự (?:bảo đảm|đảm bảo|chi trả|túc|cân đối)|"
                          r"(?-i:(?<!\w)từ\s+[A-ZĐ])", re.IGNORECASE)
# "Nhiệm vụ: …", "Đơn vị chủ trì: …", "- Cơ quan phối hợp: …", "c) Thời gian thực hiện: …", "Thời hạn hoàn thành:"
_LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][^:;.\n]{1,48}?)\s*:\s*(?P<value>.*)$")
_MAX_LABEL_WORDS = 7


# "Số lượng: 04 xe", "Nguồn vốn: ngân sách tỉnh": a short label in capitals opening a line, whatever it names
_SHORT_LABEL = re.compile(r"^\s*[^\W\d_]+(?: [^\W\d_]+){0,3}\s?:\s+\S")


def opens_with_label(line: str) -> bool:
    """A line of an item's labelled details, which starts a line of its own ("ương: Đề xuất …", a word cut by a
    wrap, is no label)."""
    return bool(_SHORT_LABEL.match(line)) and line.lstrip()[0].isupper()


def _fold(label: str) -> str:
    return collapse_spaces(re.sub(r"[^\w\s]", " ", fold_accents(label).lower()))


def role_of(label: str) -> str | None:
    """'Đơn vị chủ trì' -> 'lead', 'Thời gian dự kiến hoàn thành' -> 'timing', 'ĐVT' -> 'measure'; a column named by
    the header rows above it, 'Tổ chức thực hiện - Đơn vị thực hiện - Chủ trì', by its nearest name that says one."""
    folded = _fold(label)
    if not folded:
        return None
    if len(folded.split()) <= _MAX_LABEL_WORDS:
        role = next((role for role, pattern in _ROLE_PATTERNS if pattern.search(folded)), None)
        if role is not None:
            return role
    parts = label.split(" - ")
    return next((r for part in reversed(parts) if (r := role_of(part))), None) if len(parts) > 1 else None


def labelled_field(line: str) -> tuple[str, str, int] | None:
    """(role, value, offset of the value in `line`) of a labelled line such as 'Đơn vị chủ trì: Sở Y tế.';
    None when the line is no field. The label must name a role and be short."""
    m = _LABEL_LINE.match(line)
    if not m:
        return None
    label = m.group("label")
    if len(label.split()) > _MAX_LABEL_WORDS or label.split()[0][0].islower() and not label.startswith("đơn vị"):
        return None
    role = role_of(label)
    if role is None or role in ("stt", "measure"):
        return None
    if role in ("product", "funding") and not _strict_product_label(label):
        return None
    return role, m.group("value").strip(), m.start("value")


# "Đơn vị tính: ha", "(ĐVT: triệu đồng)": a line stating what a table's figures count
_MEASURE_LINE = re.compile(r"^\s*(\()?\s*([^:()]{2,16}):\s*(\S[^:]{0,30}?)\s*(?(1)\))\s*$")
# ... or closing a table's caption: "Bảng 1. Chỉ tiêu diện tích … theo địa phương (Đơn vị tính: ha)"
_MEASURE_TAIL = re.compile(r"\(\s*([^:()]{2,16}):\s*(\S[^:()]{0,30}?)\s*\)\s*$")


def stated_measure(line: str) -> str:
    """The measure a line states ('triệu đồng' of '(ĐVT: triệu đồng)'); '' when it states none."""
    if (m := _MEASURE_LINE.match(line)) is not None and role_of(m.group(2)) == "measure":
        return m.group(3)
    m = _MEASURE_TAIL.search(line)
    return m.group(2) if m is not None and role_of(m.group(1)) == "measure" else ""


_CAPTION = re.compile(r"^\s*(?:Bảng|BẢNG|Biểu|BIỂU)\s+(?:số\s+|SỐ\s+)?\d{1,3}[a-z]?\s*[.:\-–]")


# a table's title on the line above it, numbered or not: "Phân bổ chỉ tiêu tuyển quân năm 2027 theo ấp", "Khu vực có
# nguy cơ cao và điểm sơ tán:" — a few words opening in capitals, no sentence ended inside ("… 80%." says a thing)
_TITLE_LINE = re.compile(rf"^[{UPPER}][^.;!?\n]{{8,140}}(?<![.;,!?])$")
_TITLE_WORDS = 24


def heads_table(line: str) -> bool:
    """The line before a table that belongs to it: its caption ("Bảng 1. Chỉ tiêu … theo địa phương", "Biểu số 02:",
    a title of its own, a list item announcing it: "- Số lượng bể chứa … phân bổ theo từng cụm xã như sau:"), or what
    its figures count ("(Đơn vị tính: ha)")."""
    line = strip_marker(line)[1] if is_bullet(line) else line.strip()
    return bool(_CAPTION.match(line) or stated_measure(line)
                or _TITLE_LINE.match(line) and len(line.split()) <= _TITLE_WORDS)


def is_record_number(line: str) -> bool:
    """'STT: 3' opening a record whose fields follow one per line (an annex a web page shows as records)."""
    m = _LABEL_LINE.match(line.strip())
    return m is not None and role_of(m.group("label")) == "stt" and bool(re.fullmatch(r"\d{1,3}\.?", m.group("value")))


def names_product(label: str) -> bool:
    """'Sản phẩm chính', 'Kết quả', 'Đầu ra' name a task's product outright; 'Mục tiêu', 'Chỉ tiêu' only stand for one."""
    return bool(re.match(r"^(?:san pham|ket qua|dau ra)\b", _fold(label)))


def _strict_product_label(label: str) -> bool:
    """'Sản phẩm:', 'Kết quả dự kiến:', 'Kinh phí:' are fields; 'Mục tiêu cụ thể:' opens a section."""
    return bool(re.match(r"^(?:san pham|ket qua|kinh phi|nguon kinh phi|nguon von|du toan)\b", _fold(label)))


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


# where a second field may start inside one line: "Cơ quan chủ trì: Bộ Công an; Thời hạn: năm 2026"
# (a label holds no " - ": "…; Hội Cựu chiến binh huyện - Thời gian: quý IV" is a value, then the label)
_RUN_START = re.compile(r"(?:^|(?<=[;.])\s+|\s+[-–]\s+)(?P<label>[^\W\d_](?:(?!\s[-–]\s)[^:;.\n]){1,48}?)\s*:\s*")


def field_runs(text: str) -> list[tuple[str, int, int]]:
    """(role, start, end) of each labelled field run together in `text` (offsets of the values);
    [] when `text` does not start with a field label."""
    labelled = [(m.start(), m.end(), role_of(m.group("label"))) for m in _RUN_START.finditer(text)]
    starts = [(a, b, r) for a, b, r in labelled if r is not None and r not in ("stt", "measure")]
    if not starts or starts[0][0] != 0 or labelled_field(text) is None:
        return []
    out = []
    for i, (_, value_start, role) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        value = text[value_start:end].rstrip(" ;.")
        out.append((role, value_start, value_start + len(value)))
    return out


# fields run into a task's sentence, and where a report goes: one vocabulary for reading and answering
FIELDS_CLOSING = re.compile(r"\([^()]*\b(?:chủ trì|phụ trách)\s*:[^()]*\)")  # "(Cơ quan chủ trì: …; phối hợp: …)"
SENT_VIA = re.compile(r"\((?:thông )?qua [^)]+\)")  # "báo cáo UBND tỉnh (qua Sở Nội vụ)"
# where a report goes: "gửi", "nộp", "(qua …)", "báo cáo về …", "báo cáo kết quả thực hiện về Bộ Công an"
# "báo cáo tiến độ … vào thứ Sáu hằng tuần về Cục Thống kê": a body's name, as plans write it, after "về" ("về Bộ
# chỉ số …", "về Hội nhập …" say what it is about)
SENDS_TO = re.compile(r"\b(?:gửi|nộp)\b|\((?:thông )?qua |\bbáo cáo (?:về|cho|lên)\b|"
                      r"\bbáo cáo(?: [^\W\d]+){1,4} (?:về|cho|lên) (?:bộ|sở|ban|ủy ban|uỷ ban|ubnd|văn phòng|phòng|"
                      r"các|cơ quan|đơn vị|trung tâm|công an|thường trực|tỉnh ủy|huyện ủy|đảng ủy)\b|"
                      r"\bbáo cáo(?: \w+){1,12}? (?:về|cho|lên) (?-i:(?:" + "|".join(
                          re.escape(h) for h in sorted(HEAD_WORDS, key=len, reverse=True)) +
                      rf") (?:[{UPPER}]|(?:tỉnh|thành phố|huyện|xã|phường)\b))", re.IGNORECASE)


# a column naming who answers for a task, then the duty: "Người theo dõi", "Cán bộ phụ trách", "Đơn vị thực hiện"
_WHO_COLUMN = re.compile(r"^(?P<who>nguoi|can bo|lanh dao|thanh vien|dong chi|d c|don vi|co quan)\s+(?:duoc giao\s+)?"
                         r"(?P<duty>.+)$")
_PEOPLE = ("nguoi", "can bo", "lanh dao", "thanh vien", "dong chi", "d c")
_OFFICIAL_DUTIES = ("theo doi", "phu trach", "chiu trach nhiem", "dau moi", "chi dao", "giam sat")
_OFFICIAL_DUTY = re.compile(r"^(?:\w+ ){0,3}?(?:" + "|".join(_OFFICIAL_DUTIES) + r")\b")


def column_duty(name: str) -> tuple[str, str] | None:
    """(who, duty) a column head names, accent-folded: "Người theo dõi" -> ("nguoi", "theo doi"); None for a column
    naming no one ("Nội dung", "Họ và tên")."""
    m = _WHO_COLUMN.match(_fold(name))
    return (m.group("who"), m.group("duty").strip()) if m else None


def names_officials(name: str) -> bool:
    """A column of the officials answering for each task ("Người theo dõi", "Lãnh đạo chỉ đạo"): their names are public
    record, as a signer's; never "Họ và tên", "Người được hỗ trợ" (a list of people a plan serves stays private)."""
    duty = column_duty(name)
    # "Cán bộ thú y phụ trách", "Cán bộ địa chính theo dõi": an official's field named before the duty (not of
    # "Người …": "Người dân tham gia theo dõi" are no officials)
    return duty is not None and duty[0] in _PEOPLE and (
        duty[1].startswith(_OFFICIAL_DUTIES) or duty[0] != "nguoi" and _OFFICIAL_DUTY.match(duty[1]) is not None)

