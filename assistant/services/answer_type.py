"""What kind of value a question asks for, and whether a passage contains one.

"Bao nhiêu phần trăm" wants a percentage, "số điện thoại" a phone number, "bao nhiêu tỷ
đồng" an amount of money, "Năm 2025 …" a passage about 2025. A passage without such a
value cannot answer the question, however many words it shares with it: this is what
keeps the assistant from answering questions the documents do not answer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import (
    LOWER,
    SAME_TERMS,
    UPPER,
    fold_accents,
    fold_tones,
    has_diacritics,
    is_folded_word,
    nfc,
)
from assistant.vocab.dates import (
    DAY_RANGE,
    FREQUENCY,
    RECURRING_ACTS,
    WEEKDAY,
    YEAR,
    YEAR_RANGE,
    has_year_range,
    how_often,
    says_date,
)
from assistant.vocab.docnum import DOC_NUMBER, KIND_CODES, without_dated_references
from assistant.vocab.parts import KINDS
from assistant.vocab.units import PLACE_LEVEL, VILLAGE_LEVEL, expand_abbreviations

# a share: "45%", "5‰", or a rate per so many ("dưới 6 người/100.000 dân/năm", "12/1.000 trẻ đẻ sống")
_PERCENT = re.compile(r"\d\s*[%‰]|\d[\d.,]*\s*(?:[^\W\d]+\s*){0,2}/\s*1(?:0{1,2})?[.,]000\b")
_NUMBER = re.compile(r"\d")
_SUM = r"(?:tỷ|triệu|nghìn|ngàn)(?!\s*lệ)\b|đồng(?!\s*chí)\b|vnđ\b|vnd\b"  # "3.000 triệu", "85.000.000 đồng"
_MONEY = re.compile(r"\d[\d.,]*\s*(?:" + _SUM + ")", re.I)
# "dành bao nhiêu ngân sách …": a sum, or a share of the budget ("ít nhất 15% ngân sách nhà nước")
_BUDGET = re.compile(r"\d[\d.,]*\s*(?:" + _SUM + r"|%\s*(?:tổng\s+)?(?:chi\s+)?(?:ngân sách|nguồn vốn|vốn)\b)", re.I)
# in a column's name: "Kinh phí (triệu đồng)", "ĐVT: đồng", "(USD)" — not "Lâm Đồng", "cộng đồng", "đồng bộ"
_MONEY_UNIT = re.compile(r"\b(?:tỷ|triệu|nghìn|ngàn)\s+(?:đồng|usd)\b|[(:]\s*(?:đồng|usd|vnđ|vnd)\b|\b(?:usd|vnđ|vnd)\b",
                         re.I)
_PHONE = re.compile(r"(?:\+84|0)\d(?:[\s.-]?\d){7,10}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# when a document takes or loses effect ("… có hiệu lực từ khi nào?", "… hết hiệu lực vào ngày nào?"): what the
# passage says of its effect, not the day it was signed
IN_FORCE_ASKED = re.compile(r"\b(?:co|het) hieu luc\b(?: \w+){0,3}? (?:khi nao|ngay nao|tu bao gio|den bao gio|luc nao|"
                            r"bao gio)\b")
_IN_FORCE = re.compile(r"hiệu lực", re.IGNORECASE)
_EXPIRES = re.compile(r"hết hiệu lực|hết hạn|chấm dứt hiệu lực", re.IGNORECASE)
# "an toàn hệ thống thông tin cấp độ mấy?": a level by its number
_LEVEL = re.compile(r"\bcấp(?: độ)?\s+(?:\d+|[IVX]+)\b", re.IGNORECASE)
# a business by its name ("Công ty Cổ phần …", "Tập đoàn Công nghiệp - Viễn thông Quân đội", "Tổng công ty …")
_COMPANY = re.compile(r"\b(?:[Cc]ông ty|[Tt]ập đoàn|[Tt]ổng [Cc]ông ty|[Dd]oanh nghiệp|[Nn]hà thầu|[Nn]hà cung cấp)"
                      rf"\s+(?:[{UPPER}]|\()")
# a web address: "https://…", "www.…", or a host name ending in a domain ("btc.lamdong.dcs.vn", "dichvucong.gov.vn")
_WEB_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|org|net|gov)\b", re.I)
_DAY = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{4})?(?!\d)|ngày\s+\d{1,2}", re.I)
# "thu gom vào những ngày nào?", "thứ mấy?": days of a schedule — of the week ("Thứ Tư và Chủ nhật"), or every day
_SCHEDULE_DAYS = re.compile(_DAY.pattern + "|" + WEEKDAY + r"|hằng ngày|hàng ngày", re.I)
# (a day asked with a time slot, "vào ngày nào, khung giờ nào", is a day of a schedule too)
_SCHEDULE_ASKED = re.compile(r"\bnhung ngay nao\b|\bthu may\b|\bngay nao trong tuan\b|\bngay nao\b.*\bkhung gio\b")
# "… tổ chức ở đâu?", "địa điểm nào?": where ("tái đầu tư", "ở đầu cầu" are not, typed with their marks)
_WHERE_ASKED = (re.compile(r"\b(?:ở đâu|tại đâu|địa điểm|địa bàn nào|vị trí nào|nơi nào|khu vực nào)\b"),
                re.compile(r"\b(?:o dau|tai dau|dia diem|dia ban nao|vi tri nao|noi nao|khu vuc nao)\b"))
# the place a text says ("tại thị xã Bến Lạc", "tại các cầu, đường trọng điểm", "Địa điểm: Hội trường …"), not the
# document it cites ("tại Tờ trình số 07 …")
_DOCUMENT_PART = "|".join(KINDS) + r"|văn bản|mục|điểm|khoản|điều|phụ lục"  # "tại Tờ trình số 07", "tại Phụ lục II"
_AT_PLACE = re.compile(r"\b(?:tại|ở)\s+(?!(?:đây|đó|này|" + _DOCUMENT_PART + r")\b)\w|địa điểm\s*:|"
                       r"\b(?:điểm|nơi)\b[^\W\d]*(?:\s+[^\W\d]+){0,3}\s*:\s*[A-ZĐ]|"
                       r"\bvị trí(?:\s+[^\W\d]+){0,2}\s*:\s*\w", re.I)  # "Vị trí trồng: ven đường …"


def asks_where(question: str) -> bool:
    typed = fold_tones(question.lower())
    return bool(_WHERE_ASKED[0].search(typed) if has_diacritics(question) else
                _WHERE_ASKED[1].search(fold_accents(typed)))


def says_place(text: str) -> bool:
    return bool(_AT_PLACE.search(text))


# where something is, said: a place ("tại …", "ở …", "Địa điểm: …", "các điểm tập trung: Trường …"), or for a list or a
# text, the part of a document that holds it ("danh mục chi tiết tại Phụ lục II …")
_WHERE_SAID = re.compile(_AT_PLACE.pattern + r"|\b(?:tại|ở)\s+(?:" + _DOCUMENT_PART + r")\b", re.I)
# a column holding where each row is done (on the folded header): "Địa điểm xây dựng", "Địa bàn", "Nơi thực hiện"
PLACE_COLUMN = re.compile(r"\b(?:dia ban|dia diem|vi tri(?! viec lam)|noi thuc hien|khu vuc)\b")
# a place by its name after its level ("xã Nà Khoang", "4 xã (Hòa Khê, …)", "thôn Cồn Mè") or opening a list
# ("(gồm: Pác Lũng, …)")
_NAME_START = rf"[{UPPER}]"  # a proper name's first letter: "Ô Môn", "Ân Thi" as "Xuân Lập"
_PLACE_NAME = re.compile(r"\b(?i:" + PLACE_LEVEL + r"|thôn|bản|ấp)\s*[(:]?\s*" + _NAME_START + r"|\(gồm\s*:?\s*" + _NAME_START +
                         r"|\bgồm\s*:\s*" + _NAME_START)
# "xã nào" is answered by a commune's name ("xã Xuân Lập", "phường Bạch Đằng"), not by the province's ("tỉnh Thanh
# Hoá"): the levels that answer each level asked (accent-folded as asked)
_COMMUNE, _DISTRICT = "xã|phường|thị trấn|đặc khu", "huyện|quận|thị xã|thành phố|TP\\.?"
_LEVELS_ANSWERING = {"xa": _COMMUNE, "phuong": _COMMUNE, "huyen": _DISTRICT, "quan": _DISTRICT, "thi xa": _DISTRICT,
                     "thanh pho": f"{_DISTRICT}|tỉnh", "tinh": "tỉnh|thành phố|TP\\.?", "thon": VILLAGE_LEVEL,
                     "ap": VILLAGE_LEVEL}


@lru_cache(maxsize=16)
def _place_of_level(level: str) -> re.Pattern[str]:
    alternatives = _LEVELS_ANSWERING.get(level.strip(), PLACE_LEVEL)
    # the name on the same line ("xã Xuân Lập", "xã: Xuân Lập"), not the next cell's ("… của xã\tVăn phòng …")
    return re.compile(rf"\b(?i:{alternatives})[ ]?[(:]?[ ]?{_NAME_START}|\(gồm\s*:?\s*{_NAME_START}|\bgồm\s*:\s*{_NAME_START}")


_ADDRESS = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:gov\.vn|vn|com|org|net)\b|\b[Ss]ố\s+\d+\w*\s*,?\s*(?:đường|phố|"
                      r"ngõ|hẻm)\b|\b(?:[Đđ]ường|[Pp]hố)\s+[" + UPPER + r"]|\b(?:[Đđ]ịa chỉ|[Tt]rụ sở)\s*:")
_BIRTH = re.compile(r"sinh\s+(?:ngày|năm)|ngày\s+sinh", re.I)
_ID_NUMBER = re.compile(r"\b\d{9,12}\b")


def _span(units: str, digits: int) -> re.Pattern[str]:
    """A span of time in the given units ("03 năm", "sáu tháng", "48 giờ"), not a date ("tháng 12 năm 2025") nor a
    period ("6 tháng đầu năm")."""
    return re.compile(r"(?<![\d/.])(?:\d{1," + str(digits) + r"}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:" + units + r")\b"
                      r"(?!\s*(?:\d|đầu năm|cuối năm))", re.I)


_PERIOD = re.compile(YEAR_RANGE.pattern + r"|\bgiai\s+đoạn\s+(?:\d\b|[IVX]+\b|đến\s+năm\s+" + YEAR + ")", re.IGNORECASE)
_DURATION = _span("năm|tháng", 2)  # "03 năm", "05 năm đầu", "sáu tháng"
_SPAN = _span("phút|giờ|ngày|tuần|tháng|năm", 3)  # "không quá 15 phút", "trong vòng 48 giờ", "07 ngày làm việc"
# "phải xây dựng kế hoạch trong vòng bao lâu": a span, or the month or quarter the work is to be done within ("trong
# tháng 11/2025", "trong Quý I/2026")
_WITHIN = re.compile(_SPAN.pattern + r"|\btrong\s+(?:tháng|quý)\s+(?:\d{1,2}|[IVX]+)\b", re.I)
_HOURS = re.compile(r"(?<![\d/.,])\d{1,3}\s*(?:giờ|h(?=\d{2}\b|\b))", re.IGNORECASE)  # "16 giờ", "16h00", "48 giờ"
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tôn", "Cao", "Đinh", "Trịnh", "Mai", "Lâm", "Hà", "Đoàn", "Lương", "Tạ", "Chu", "Văn", "Vương", "Thái", "Triệu", "Quách"]
# "Nguyễn Văn A", not "thành phố Hà Nội", nor capitals a lower-case word goes on from: a unit ("Đoàn Thanh niên",
# "Đoàn Luật sư"), a place and its verb ("Lâm Đồng có …"); a name of three syllables or more before a verb is still
# found by its first two ("Lê Văn Tám làm …" gives "Lê Văn")
_PERSON = re.compile(r"(?<![Pp]hố )(?<![Tt]ỉnh )(?<!TP\. )(?<!TP )\b(?:" + "|".join(_SURNAMES) + r")(?:\s+" + _NAME_START
                     + r"[^\s,.;:]*(?![^\s,.;:])){1,3}(?![^\S\n]+[" + LOWER + r"])")
# a sanction: discipline, being held to account, a fine ("xử lý hành chính" of drug users is no sanction of a unit)
_SANCTION = re.compile(r"kỷ luật|kiểm điểm|xử lý trách nhiệm|xử lý nghiêm|xem xét xử lý|xử phạt|phạt tiền|chế tài|"
                       r"truy cứu", re.IGNORECASE)
# a post's holder: a person by name, or by the office that holds the post ("Đồng chí Chủ tịch UBND tỉnh làm Trưởng ban")
_HOLDER = re.compile(_PERSON.pattern + r"|\b[Đđ]ồng chí\s+(?:Phó\s+)?(?:Bí thư|Chủ tịch|Giám đốc|Trưởng|Chánh)\b")
_CRITICAL_NUMBER = re.compile(r"\b\d+(?:[./]\d+)+\b|\b\d{2,}\b")
_YEAR = re.compile(r"(?:19|20)\d\d")

# "… theo tờ trình số mấy?", "… tại công văn số mấy?": the number of a proposal the preamble cites ("Xét đề nghị
# của … tại Tờ trình số 04/TTr-…"), not the plan's own number
_NUMBER_ASKED = r" so (?:may|nao|bao nhieu|hieu|ky hieu)\b"  # "… số mấy?", "… số hiệu nào?" (folded)
PROPOSAL_CUE = re.compile(r"\b(?:to trinh|cong van)\b(?: \w+){0,8}?" + _NUMBER_ASKED)
_PROPOSAL_NUMBER = re.compile(r"(?:[Tt]ờ trình|[Cc]ông văn)\s+số\s*:?\s*\d")
# "Luật … được công bố bằng Lệnh số mấy?", "… đăng Công báo số mấy?": the order promulgating a law, the gazette
# issue publishing a text, which a plan cites ("Lệnh số 12/2025/L-CTN") if it cites it at all — not its own number
ORDER_CUE = re.compile(r"\b(?:lenh|cong bao)\b(?: \w+){0,3}?" + _NUMBER_ASKED)
_ORDER_NUMBER = re.compile(r"(?:[Ll]ệnh|[Cc]ông báo)\s+số\s*:?\s*\d")

# "… thay thế quyết định nào?", "bãi bỏ văn bản nào?", "thay những kế hoạch số mấy?": the document it replaces,
# which its last article or its closing names ("Quyết định này … thay thế Quyết định số 2210/QĐ-BGDĐT …", "Kế hoạch
# này thay thế (Kế hoạch số …")
_REPLACED_CUE = re.compile(r"\b(?:thay(?! doi)(?: the)?|bai bo)(?: cho)?(?: \w+){0,3}? (?:nao|gi|so may|so bao nhieu)\b")
_REPLACES = re.compile(r"(?:thay thế|bãi bỏ)\W{0,3}(?:[^\W\d_]+\s+){0,6}?số\s*:?\s*\d", re.I)

_STANDARD = re.compile(r"\b(?:TCVN|QCVN|ISO|IEC|TCN)\s*[\d/:.-]*\d")
_MONTH = re.compile(r"(?i:tháng)\s*\d{1,2}\b|\b\d{1,2}\s*/\s*(?:19|20)\d\d\b")  # "tháng 8/2026", "15/7/2026"
_BUDGET_CODE = re.compile(r"(?i:mã|chương|loại|khoản|tiểu mục|mục)\s*(?:số\s*)?:?\s*\d{2,}")
_EXTENDED = re.compile(r"gia hạn|kéo dài (?:thời hạn|thời gian)|lùi (?:thời hạn|hạn|thời gian)", re.IGNORECASE)
# the base of a change: "giảm 10% so với năm 2025", "so với cùng kỳ năm trước", "lấy năm 2020 làm năm gốc"
_BASELINE = re.compile(r"so với\s+(?:năm|cùng kỳ|kỳ|thời điểm|mức|số liệu)[^.;|\t\n]{0,30}?(?:\d{4}|trước)|năm gốc|"
                       r"năm cơ sở", re.IGNORECASE)
# "mức lương tối thiểu bao nhiêu", "tiền thưởng … bao nhiêu", "số tiền Quỹ phòng, chống thiên tai … là bao nhiêu": a
# sum of money, over the words of one clause (commas within it) ("chất lượng", "số lượng" are not pay; "chi phí … giảm bao nhiêu %", "nguồn vốn gồm bao
# nhiêu nguồn" are no sums, nor "… cho bao nhiêu dự án": see `expectation`; "giảm chi phí in ấn … bao nhiêu": a
# change, by a share or a sum)
_PAY_CUE = re.compile(r"(?<!giam )(?<!tang )(?<!tiet kiem )\b(?:muc luong|tien luong|tien thuong|muc thuong|so tien|phu cap|tro cap|thu lao|hoc phi|le phi|chi phi|"
                      r"muc phat|phat tien|tien phat|muc boi duong|thu nhap|tong von|nguon von|von dau tu|muc phi|phi bao hiem|muc dong)\b(?:,? \w+){0,40}? "
                      r"bao nhieu\b(?!\s*(?:phan tram|%|lan|nguon))")
# a question asking a document's number, on the accent-folded question
DOC_NUMBER_CUE = re.compile(r"\bso (?:ky )?hieu\b|\bky hieu\b|\bmang so\b|\bso van ban\b")
# (cue in the accent-folded question, value the passage must contain)
# "… phải thực hiện theo Nghị định nào?": a document of that kind, which the passage cites by its number (a law by
# its name) — not a standard or a plan the passage names instead
_BY_ITS_NUMBER = r"\s+(?:số\s*:?\s*)?\d"  # "Nghị định số 13/2023/NĐ-CP", "Thông tư 02/2024/…"
_CITED_KINDS = {"nghi dinh": r"Nghị định" + _BY_ITS_NUMBER, "thong tu": r"Thông tư" + _BY_ITS_NUMBER,
                "chi thi": r"Chỉ thị" + _BY_ITS_NUMBER, "luat": r"Luật\s+(?:số\s*\d|[A-ZĐ])"}
# the number of a document the plan is based on, named by what it issued ("căn cứ Chiến lược chuyển đổi số của Bộ
# Xây dựng ban hành theo quyết định số mấy", "thực hiện Đề án … được phê duyệt tại Quyết định số nào"): the preamble
# cites it by kind and number, not the plan's own "Số: …"
CITED_NUMBER_CUE = re.compile(r"\b(?:can cu|thuc hien|trien khai|cu the hoa)\b(?: \w+){1,14}? (?:duoc )?"
                              r"(?:ban hanh|phe duyet) (?:theo|tai|kem theo) (?:quyet dinh|nghi quyet|chi thi|thong tu|"
                              r"nghi dinh|van ban|ke hoach) (?:so may|so nao|so bao nhieu|so hieu (?:gi|nao|la gi)|nao|gi)\b")
_CITED_NUMBER = re.compile(r"(?:Quyết định|Nghị quyết|Chỉ thị|Thông tư|Nghị định|Kế hoạch|Văn bản)" + _BY_ITS_NUMBER)
_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (CITED_NUMBER_CUE, _CITED_NUMBER),
    *((re.compile(rf"\b{kind} (?:nao|gi|so may|so bao nhieu)\b"), re.compile(said))
      for kind, said in _CITED_KINDS.items()),
    # "địa chỉ trụ sở … là gì?", "cập nhật … tại địa chỉ nào?": a street address or a web address the passage
    # writes, not an "địa chỉ tin cậy" counted
    (re.compile(r"\bdia chi\b(?! tin cay| thu| email).*\b(?:la gi|o dau|nao)\s*\??\s*$|\b(?:tai|o) dia chi nao\b"),
     _ADDRESS),
    (PROPOSAL_CUE, _PROPOSAL_NUMBER),
    (ORDER_CUE, _ORDER_NUMBER),
    # a document's number ("… có số hiệu gì?"): "Số hóa …" and "hiệu quả" share its syllables, not its value
    (DOC_NUMBER_CUE, DOC_NUMBER),
    # "… áp dụng cho giai đoạn nào?", "từ năm nào đến năm nào?": a period — two years ("2026 - 2030", "từ năm 2025 đến
    # năm 2028"), a phase by its number ("giai đoạn 2", "giai đoạn II"), or one up to a year ("giai đoạn đến năm 2030")
    (re.compile(r"\b(?:giai doan|thoi ky) nao\b|\btu nam nao den nam nao\b"), _PERIOD),
    # "… kéo dài từ ngày nào đến ngày nào?": two days, the first and the last ("từ ngày 01/6/2026 đến ngày 30/9/2026")
    (re.compile(r"\btu ngay nao (?:den|toi) (?:het )?ngay nao\b"), DAY_RANGE),
    (re.compile(r"so dien thoai|duong day nong|hotline"), _PHONE),
    (re.compile(r"\bemail\b|thu dien tu cua|dia chi thu"), _EMAIL),
    # "… chọn doanh nghiệp nào cung cấp phần mềm?": a business, which the passage names
    (re.compile(r"\b(?:doanh nghiep|cong ty|tap doan|nha cung cap|nha thau|hang) nao\b"), _COMPANY),
    # "… có địa chỉ truy cập (tên miền) là gì?": a web address, which the passage writes out
    (re.compile(r"\bten mien\b|\bdia chi (?:truy cap|trang|website|web|cong)\b|\bduong (?:dan|link)\b|\burl\b"),
     _WEB_ADDRESS),
    (re.compile(r"\bcccd\b|can cuoc|\bcmnd\b|chung minh nhan dan|so the dang"), _ID_NUMBER),
    # a person's birth, not "học sinh năm 2026"
    (re.compile(r"\bngay sinh\b|\bnam sinh\b|\bsinh (?:ngay|nam) (?:nao|bao nhieu|may)\b"), _BIRTH),
    (re.compile(r"\bhet hieu luc\b(?: \w+){0,3}? (?:khi nao|ngay nao|bao gio|luc nao)\b"), _EXPIRES),
    (IN_FORCE_ASKED, _IN_FORCE),
    (re.compile(r"\bcap do (?:may|bao nhieu|nao)\b"), _LEVEL),  # not "cấp máy tính"
    (re.compile(r"\bngay (?:nao|may|bao nhieu)\b|\bmung may\b|han chot"), _DAY),  # "trước ngày mấy hằng quý"
    (re.compile(r"\bthang (?:may|nao)\b(?! (?:lan|ngay)\b)"), _MONTH),  # "xuất cảnh vào tháng mấy": a month, a date
    # "bao lâu báo cáo một lần", "họp mấy lần một năm", "định kỳ bao lâu": how often, not by when
    (re.compile(r"\bbao lau\b(?:,? \w+){0,20}? (?:mot|1) lan\b|(?<!gap )\b(?:may|bao nhieu) lan\b|\btan suat\b|"
                r"\bdinh ky (?:bao lau|the nao|ra sao)\b|\b(?:theo|moi|tung) ky nao\b"), FREQUENCY),
    # how long ("lưu trữ thêm bao nhiêu năm", "hỗ trợ trong mấy tháng"): a span of time, not a date or a year
    (re.compile(r"\b(?:bao nhieu|may) (?:nam|thang)\b(?! (?:nao|gi|mot lan)\b| ?\d)"), _DURATION),
    # "gửi trước mấy giờ", "trong bao nhiêu giờ": hours, as a clock time or a span ("16 giờ", "16h30", "48 giờ"),
    # not "45 ngày"
    (re.compile(r"\b(?:bao nhieu|may) gio\b(?! (?:nao|gi|mot lan)\b| ?\d)"), _HOURS),
    # "xử lý trong vòng bao lâu": a span to the minute or the day, or the month it is due within — not a date
    (re.compile(r"\bbao lau\b(?!(?:,? \w+){0,20}? (?:mot|1) lan\b)"), _WITHIN),
    # "mấy ngày", "bao nhiêu phút": a span
    (re.compile(r"\b(?:bao nhieu|may) (?:ngay|tuan|phut)\b(?! (?:nao|gi|mot lan)\b| ?\d)"), _SPAN),
    # "… tuân theo tiêu chuẩn TCVN nào?": a standard by its code and number, which the passage writes out
    (re.compile(r"\b(?:tieu chuan|quy chuan)(?: ky thuat)?(?: (?:quoc gia|tcvn|qcvn|iso))? (?:nao|gi|so may)\b|"
                r"\b(?:tcvn|qcvn|iso) (?:nao|gi|so may)\b"), _STANDARD),
    # "… được gia hạn đến khi nào?": an extension, which the passage grants in words
    (re.compile(r"\bgia han\b"), _EXTENDED),
    # "… được tính so với năm gốc nào?": the base a change is measured from, which the passage states
    (re.compile(r"\bnam goc\b|\bnam co so\b|\bso voi (?:nam|ky|thoi diem|muc) nao\b"), _BASELINE),
    (re.compile(r"bao nhieu (?:ngan sach|von)\b"), _BUDGET),
    (re.compile(r"bao nhieu (?:ty(?! le)|trieu|tien|dong)\b|ty dong|trieu dong|muc ho tro|bao nhieu kinh phi|kinh phi la bao nhieu"
                # "… được chi bao nhiêu?", "cấp bao nhiêu?": a sum, when nothing counted follows
                r"|\b(?:duoc )?(?:chi|cap|bo tri|phan bo) bao nhieu\s*(?:[?.]|$)"
                # "Tổng kinh phí để thực hiện kế hoạch … năm 2026 là bao nhiêu?": the sum of the funds named
                # ("… kinh phí chi cho nghiên cứu … đạt bao nhiêu?" reaches a share)
                r"|\b(?:kinh phi|von|ngan sach|tong muc dau tu)\b(?: [\w/-]+){0,20}? (?:la|het|can|khoang|du kien) "
                r"bao nhieu\s*(?:[?.]|$)"),
     _MONEY),
    # "chiếm bao nhiêu GRDP": a share, however it is named
    # a growth rate too ("tốc độ tăng trưởng bình quân … là bao nhiêu": "10 - 13%/năm")
    (re.compile(r"bao nhieu phan tram|t[yi] le|bao nhieu %|phan tram|chiem(?: toi (?:da|thieu)| khoang| it nhat)? bao nhieu|bao nhieu (?:gdp|grdp)\b"
                r"|\b(?:toc do tang(?: truong)?|tang truong binh quan)\b.*\bbao nhieu\b"),
     _PERCENT),
    (_PAY_CUE, _MONEY),
    # "ai là tổ trưởng …", "chọn ai làm kiến trúc sư trưởng", "ai được chọn làm …": a person, by name
    (re.compile(r"\bai la (?:(?:to|thu|hieu|vien) )?(?:truong|pho|bi thu|chu tich|giam doc|chanh)"
                r"|\b(?:chon|cu|bo nhiem|de cu) ai\b|\bai (?:(?:se )?duoc |se )?(?:chon|cu|bo nhiem|de cu) (?:lam|giu)\b"
                # "Kiến trúc sư trưởng … của thành phố là ai?": the holder of a post, by name
                r"|\b(?:truong|giam doc|chu tich|bi thu|chanh van phong)\b[^?.;]{0,90}? la (?:ai|dong chi nao|ong nao|ba nao)\b"
                r"|(?<!\[)\bho (?:va )?ten\b(?!\])"), _HOLDER),  # not the redaction label "[HỌ TÊN]"
    # "… trễ hạn thì bị xử lý kỷ luật thế nào?", "chế tài gì?": a sanction, which the passage names
    (re.compile(r"\b(?:xu ly ky luat|hinh thuc ky luat|bi ky luat|ky luat (?:the nao|ra sao|gi)|bi xu ly|che tai|"
                r"bi phat|xu phat)\b"), _SANCTION),
    # "đợt tập huấn … được tổ chức tại địa điểm nào?": where an event is held is a place, never a part of a document
    # ("… tại kế hoạch này")
    (re.compile(r"\b(?:to chuc|dien ra|hop|dien tap|khai giang)\b(?: [\w/-]+){0,4}? (?:o|tai) (?:dau|dia diem nao|"
                r"noi nao)\b"), _AT_PLACE),
    # "tổ chức ở đâu?", "sao lưu dự phòng ở địa điểm nào?": a place the passage says ("tại …", "ở …", "Địa điểm: …",
    # "các điểm tập trung: Trường …"), not the word "địa điểm" alone
    # ("ở những vị trí nào": several places)
    (re.compile(r"\b(?:o|tai) (?:(?:nhung|cac) )?(?:dau|dia diem nao|noi nao|vi tri nao)\b|\bdia diem (?:nao|o dau)\b"),
     _WHERE_SAID),
    # "thí điểm ở thành phố nào?", "diễn tập ở thôn nào?": a place by its name, not "một số thành phố"; "địa phương
    # nào" is no ward ("những sở, ngành, địa phương nào phối hợp" asks bodies)
    (re.compile(r"(?<!\bco )(?<!\bdia )\b(?:thanh pho|tinh|huyen|thi xa|xa|phuong|quan|thon|ap) nao\b"), _PLACE_NAME),
    (_REPLACED_CUE, _REPLACES),
    # "hạch toán vào mã chương, loại, khoản nào": a budget code, which the passage writes in figures
    (re.compile(r"\bma (?:chuong|loai|khoan|muc|tieu muc|nganh kinh te|noi dung kinh te)\b"), _BUDGET_CODE),
)
# the number of a clause, an article, a chapter ("khoản 7", "Điều 8"), before a figure read as a count (folded)
_NOT_A_LABEL = r"(?<!khoan )(?<!diem )(?<!muc )(?<!dieu )(?<!chuong )(?<!phan )"
# "lấy kinh phí ở đâu", "nguồn vốn ở đâu": where money comes from (folded)
_MONEY_FROM = re.compile(r"\b(?:kinh phi|von|tien|ngan sach)\b(?: \w+){0,2} (?:o|tai) dau\b")
_WHICH_DOCUMENT = re.compile(r"\b(?:van ban|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|huong dan|de an|luat) nao\b")
# a target or a requirement: "chỉ tiêu", "phải đạt", "yêu cầu … đến 2030 để bao nhiêu xã …"
_TARGET = re.compile(r"\b(?:chi tieu|t[yi] le|muc tieu|phai|phan dau|dat|toi thieu|it nhat|yeu cau|"
                     r"den (?:nam )?(?:19|20)\d\d)\b")
# a count itself, not a share of it: "tính theo số …", "trên tổng số bao nhiêu đảng viên"
_BY_COUNT = re.compile(r"\b(?:tinh theo so|theo so luong|so luong cu the|so tuyet doi|tong so)\b")
_NEEDED = re.compile(r"(?<!\w)cần(?!\w)")  # "cần bao nhiêu trạm y tế …" (as typed: "cán bộ" folds alike)
_COUNT = re.compile(r"\b(?:bao nhieu|may) ([a-z]+(?: [a-z]+)?)")  # "mấy" only as typed with its marks (`_count`)
# units a quantity is measured in: the word after one names the thing measured ("bao nhiêu tấn sữa")
_MEASURES = frozenset(("tan", "ta", "kg", "ha", "hecta", "km", "m2", "m3", "lit", "khoi", "con", "cay", "qua"))
# "kỳ họp thứ mấy", "lần thứ mấy": an ordinal of the noun before it, as a plan writes one ("kỳ họp thứ 9", "thứ IX",
# "thứ mười chín")
# "… chủ trì dự án nào?", "đề tài gì?", "cập nhật lên phần mềm nào?": a thing of a formal kind, which a passage names
# when it names one (not a kind of plan, which the plan's own title says; not "hệ thống", "nền tảng", "ứng dụng",
# said of one thing alike); "giống xoài nào": a variety of that crop ("giống xoài …"), not seeds of any
_KIND_ASKED = re.compile(r"\b(?:(tieu du an|du an|de an|de tai|cong trinh|phan mem|tieu chi|thuat toan|giao thuc|"
                         r"dinh dang)(?: (?:tep|file|ma hoa|du lieu))?"  # "thuật toán mã hóa nào", "định dạng tệp nào"
                         r"(?: (?:hay|hoac) [a-z]+(?: [a-z]+){0,2})?|"
                         r"(giong(?: [a-z]+){1,2})|"
                         # "chuyên đề giám sát tối cao nào": a topic chosen as a "chuyên đề", which the passage names so
                         r"(chuyen de)(?: [a-z]+){0,4}?) (?:nao|gi)\b")
# "những cây cầu cụ thể nào", "chọn công trình hay dự án giao thông cụ thể nào", "nêu tên cụ thể những hội chợ, triển
# lãm quốc tế nào", "nêu đích danh những tổ chức … nào": things asked by their own names (the phrase after the
# word that opens it, at most seven words; ten after "tên cụ thể", "đích danh")
_NAMED_ASKED = re.compile(r"\b(?:(?:nhung|cac|chon|tai|o|tren) ((?:[a-z]+,? ){0,6}?[a-z]+) cu the nao|"
                          r"(?:ten cu the|dich danh) (?:cua )?(?:nhung |cac )?((?:[a-z]+,? ){0,9}?[a-z]+) nao|"
                          # "… 11 cơ sở dữ liệu … — cụ thể đó là 11 CSDL nào?", "cụ thể là những bệnh nào"
                          r"cu the (?:do |thi )?la (?:nhung |cac )?(?:\d+ )?((?:[a-z]+ ){0,3}?[a-z]+) nao)\b")
_ALTERNATIVES = re.compile(r",\s*|\s+(?:hay|hoac|va)\s+")
# a word counting one thing ("cây cầu", "ngôi trường"): the noun after it names the thing as well
_CLASSIFIERS = frozenset(("cay", "con", "chiec", "buc", "ngoi", "toa", "cai", "tam", "can"))
# kinds asked "cụ thể" that have no names of their own: tasks, contents, units … are answered by what a plan says
_ANY_KIND = frozenset(("nhiem vu", "viec", "cong viec", "noi dung", "giai phap", "hoat dong", "don vi", "co quan",
                       "chi tieu", "muc tieu", "san pham", "ket qua", "bien phap", "yeu cau", "trach nhiem",
                       "cai", "thu"))  # "cụ thể là những cái nào": which ones, of what the question names before
# "Quy chế … do ai phê duyệt?", "… được thẩm định bởi cơ quan nào?": who approves is not who drafts or leads
_APPROVALS = r"(phe duyet|tham dinh|nghiem thu|cong nhan|soan thao)"  # drafting a law is not reviewing it
_ACT_ASKED = re.compile(r"\b(?:ai|cap nao|co quan nao|don vi nao|ben nao)\s+(?:se\s+)?(?:co tham quyen\s+)?(?:chu tri\s+)?"
                        + _APPROVALS +
                        r"\b|\b" +
                        _APPROVALS + r"\s+(?:boi\s+)?(?:ai|cap nao|co quan nao|don vi nao|ben nao)\b|"
                        r"\bso lieu\b.*?\b(?<!han )(chot)\b(?= .*\b(?:ngay|khi|thoi diem) nao\b)")
# ("số liệu … chốt đến ngày nào": when data are closed, no deadline; "hạn chót" is the deadline itself)
_ORDINAL_ASKED = re.compile(r"\b(?:([a-z]+(?: [a-z]+)?) thu may|(?:ky|phien) (hop) nao)\b")  # "tại kỳ họp nào"
_ORDINAL_SAID = r"\s+thu\s+(?:\d+|[ivxlc]+\b|muoi|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin)"
# "là bao nhiêu trong kế hoạch …": a preposition follows, no noun counted
_PREPOSITIONS_WRITTEN = ("trong", "theo", "tại", "ở", "đến", "vào", "cho", "khi", "để", "với", "về", "từ", "hay", "hoặc")
_PREPOSITIONS = {fold_accents(w) for w in _PREPOSITIONS_WRITTEN}
# words after "bao nhiêu" that count nothing by themselves, as written (classifiers: "bao nhiêu chiếc" is answered
# by "04 xe"): "bao nhiêu quy trình" counts procedures, "bao nhiêu quý", "bao nhiêu so với …" none
_GENERIC_WRITTEN = frozenset(("phần", "tỷ", "tỉ", "triệu", "tiền", "đồng", "là", "ngày", "lần", "mỗi", "năm", "tháng",
                              "quý", "số", "so", "con", "phải", "được", "thì", "và", "của", "chiếc", "cái",
                              *_PREPOSITIONS_WRITTEN))
_GENERIC_COUNT_WORDS = {fold_accents(w) for w in _GENERIC_WRITTEN}


# a measure counted, as plans write it by its symbol: "bao nhiêu mét" is answered by "tối thiểu 10 m" (not "10 m2")
_SYMBOLS = {"met": r"(?:met|m(?![\w²³]))", "met vuong": r"(?:met vuong|m2|m²)", "met khoi": r"(?:met khoi|m3|m³)",
            "hecta": r"(?:hecta|hec ta|ha)\b", "kilomet": r"(?:kilomet|ki lo met|km)\b", "kilogam": r"(?:kilogam|kg)\b",
            "lit": r"(?:lit|l)\b",
            # kinds counted by either word for a kind: "xếp … thành mấy loại" is answered by "phân loại thành 04 nhóm"
            # ("dạng" folds as "đảng", "đang")
            "loai": r"(?:loai|nhom)\b", "nhom": r"(?:nhom|loai)\b"}
_MORE_NOUN = re.compile(r"\s*(?:,|/|\bhoac\b|\bva\b)\s*([a-z]+(?: [a-z]+)?)")


def _generic(written: str, q: str, at: int) -> bool:
    """The word at `at` of the folded question `q` counts nothing by itself — as typed in `written` (same
    positions), when typed with its marks."""
    found = re.match(r"\w*", q[at:])
    word = found.group(0) if found else ""
    typed = written[at : at + len(word)]
    return word in _GENERIC_COUNT_WORDS and (typed in _GENERIC_WRITTEN or not has_diacritics(written))


def _more_nouns(written: str, q: str, at: int) -> list[str]:
    """The nouns listed after the one counted: "bao nhiêu nhà giáo, cán bộ" -> ['can bo']."""
    out = []
    while (m := _MORE_NOUN.match(q, at)) and not _generic(written, q, m.start(1)):
        out.append(m.group(1))
        at = m.end()
    return out


# nouns that count people (accent-folded): what "bao nhiêu người" asks is said as "180 cán bộ", "4.500 lao động"
_PEOPLE = (r"(?:nguoi|can bo|cong chuc|vien chuc|giao vien|nha giao|hoc sinh|sinh vien|hoc vien|tre(?: em)?|dang vien|"
           r"doan vien|hoi vien|thanh vien|lao dong|cong nhan|nong dan|dai bieu|cu tri|benh nhan|chuyen gia|"
           r"tinh nguyen vien|nhan vien|bac si|"
           r"truong hop|ca|luot)")  # people counted as cases ("07 trường hợp tử vong", "11.842 lượt người")


@dataclass(frozen=True)
class Expectation:
    pattern: re.Pattern[str] | None  # a value of this shape must be in the passage
    count_nouns: tuple[str, ...]  # folded nouns after "bao nhiêu": the passage must say "<number> <noun>" of one
    numbers: tuple[str, ...]  # numbers/years named in the question: the passage must be about them
    target: bool = False  # asks for a target or requirement (chỉ tiêu, tỷ lệ, phải đạt): a share may answer a count
    per: re.Pattern[str] | None = None  # an amount per something, on the passage's accent-folded text
    share_of: str = ""  # folded words of "tỷ lệ đảng viên sử dụng …" (up to four): the passage's share is of them
    years: tuple[str, ...] = ()  # "vào năm 2027 và năm 2030": years asked each on its own; a passage names one
    yearly: bool = False  # "… bao nhiêu phần trăm một năm": a rate "%/năm" answers
    measured: str = ""  # "bao nhiêu tấn sữa": the thing measured (as typed), said in the passage
    ordinal: str = ""  # "kỳ họp thứ mấy": the passage says "họp thứ <n>" (folded noun's last word)
    often: str = ""  # "họp mấy lần một năm": what is done how often (tones folded); the passage says it with a frequency
    kind: str = ""  # "chủ trì dự án nào": the kind of thing asked (as typed), which the passage names
    act: str = ""  # "do cấp nào phê duyệt": an act of approval (folded), which the passage says; leading is no approving
    counted: bool = False  # "(tính theo số cặp)", "số lượng": the count itself is asked, a share does not answer
    about: tuple[str, ...] = ()  # "tiêu chuẩn TCVN nào về chất lượng dữ liệu": folded words the passage says
    numbered: str = ""  # "Đoàn kiểm tra liên ngành số 2": the number of the thing asked about; the passage says "số 2"
    options: tuple[str, ...] = ()  # "giá hiện hành hay giá so sánh?": the choices offered (folded); a passage says one
    named: tuple[str, ...] = ()  # "những cây cầu cụ thể nào": words a name follows ("cầu"); the passage says a name

    @property
    def asks_value(self) -> bool:
        """A value of some shape is asked (a sum, a share, a count, a date…, who approves), not only words."""
        return self.pattern is not None or bool(self.count_nouns) or self.per is not None or bool(self.act) or \
            bool(self.named)


# "cấp mấy", "cấp độ mấy", "lớp mấy", "bậc mấy" as typed ("cấp máy tính" issues computers): a rank by its number
_RANK_ASKED = re.compile(r"(?<!\w)(cấp(?: độ)?|lớp|bậc|hạng|tầng|khối) mấy(?!\w)")
# "… sử dụng băng tần nào (MHz)?", "… dài bao nhiêu (km)?", "giá … (đồng/kg) là bao nhiêu?": the unit a figure asked
# is in, bracketed after it, per something or not
_UNIT_ASKED = re.compile(r"\(((?:mhz|ghz|khz|mbps|gbps|gb/s|mb/s|kw|mw|kwh|mwh|km|m2|m3|m²|m³|ha|kg|tấn|tỷ đồng|triệu đồng|"
                         r"đồng|usd|%)(?:/\w+)?)\)")

# "Nghị quyết 57", "Quyết định số 06", "Đề án 06": a number that names a document, not the fact asked about
# on the accent-folded question: "Nghị quyết 57", "nghi quyet so 57", "KH 182"; "Kế hoạch năm 2025 của UBND tỉnh …"
# names a plan by its year and issuer or topic ("kế hoạch năm 2028 bao nhiêu tấn" asks a year's planned figure)
_DOC_REFERENCE = re.compile(
    r"\b(?:nghi quyet|quyet dinh|chi thi|ke hoach|de an|chuong trinh|nghi dinh|thong tu|luat|ket luan|cong van|"
    r"huong dan|thong bao|" + "|".join(fold_accents(c).lower() for c in KIND_CODES if c != "BC") +
    r")\s+(?:so\s+)?(?:nam\s+(?:19|20)\d\d(?=\s+(?:cua|ve)\b)|\d+(?:\s+nam\s+(?:19|20)\d\d)?)\b")
# "165/KH-UBND năm 2025", "54-KH/TU (năm 2026)": the year a document of that number was issued names it too
_NUMBER_YEAR = re.compile(DOC_NUMBER.pattern + r"(?:,?\s*\(?(?:ban hành\s+)?năm\s+" + YEAR + r"\)?)?")


# "Kế hoạch … của Tỉnh ủy (tháng 01/2026)", "… (Tỉnh ủy Đồng Nai, năm 2026)": a date in brackets, or a year after the
# issuer, says which document, not what is asked about
_DATED_ASIDE = re.compile(r"\((?![^()]*\b(?:truoc|han|den|cham nhat)\b)(?:(?:[^()]*?\s)?(?:\d{1,2}/)?\d{1,2}/\d{4}|"
                          r"[^()]*,\s*(?:nam\s+)?(?:19|20)\d\d)\)")


# "Kế hoạch … ban hành tháng 01/2026", "… ký ngày 12/3/2026": when the document was issued says which document
# ("ký" only before "ngày": "nhiệm kỳ 2025-2030", "định kỳ 6 tháng" fold alike and date nothing)
_ISSUED_ON = re.compile(r"\b(?:ban hanh\s+(?:vao\s+)?(?:ngay|thang|nam)?|ky\s+(?:vao\s+)?ngay)\s*"
                        r"\d{1,4}(?:[/.\-]\d{1,4}){0,2}\b")


_DATE_AFTER_NUMBER = re.compile(r"\s*,?\s*(?:ban hanh\s+)?ngay\s+\d{1,2}(?:[/.\-]\d{1,2}[/.\-]\d{2,4}|\s+thang\s+\d{1,2}"
                                r"\s+nam\s+\d{4})")


def without_document_dates(question: str) -> str:
    """The question without the dates that say which document it means ("Kế hoạch … (tháng 01/2026)", "… ban hành
    ngày 12/3/2026"): no passage need say them."""
    question = nfc(question)
    folded = fold_accents(question).lower()  # one character for one (NFC): spans hold in the question as typed
    keep = [True] * len(question)
    for pattern in (_DATED_ASIDE, _ISSUED_ON):
        for m in pattern.finditer(folded):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    for m in DOC_NUMBER.finditer(question):  # "Quyết định 2820/QĐ-UBND ngày 19/11/2025": the document's own date
        if dated := _DATE_AFTER_NUMBER.match(folded, m.end()):
            keep[dated.start():dated.end()] = [False] * (dated.end() - dated.start())
    return "".join(c if k else " " for c, k in zip(question, keep, strict=True))


# "bao nhiêu đồng/m³", "mức hỗ trợ … đồng/người/tháng" (accent-folded): an amount per something
_PER_ASKED = re.compile(r"\b(?:bao nhieu|muc)\s+(?:\w+\s+){0,3}?(?:(?:ty|trieu|nghin|ngan)\s+)?(?:dong|usd|vnd)\s*/\s*"
                        r"([^\s?.,;:()]+)")


# "mỗi trẻ … được hỗ trợ bao nhiêu tiền", "bao nhiêu tiền một khóa": a sum for each one, however the plan writes it
_EACH_ASKED = re.compile(r"\bmỗi (?!năm|tháng|quý|kỳ)(?P<each>\w+)\b(?: \w+){0,14}? bao nhiêu (?:tiền|đồng)\b"
                         r"|\bbao nhiêu (?:tiền|đồng) (?:một|mỗi|cho mỗi) (?!năm|tháng|quý)(?P<per>\w+)")
# typed without marks, only where "mỗi" cannot be "mới": after the sum asked, "cho mỗi" ("… bao nhieu tien cho moi ho")
_EACH_ASKED_FOLDED = re.compile(r"\bbao nhieu (?:tien|dong) (?:cho moi|cho tung) (?!nam|thang|quy)(?P<per>\w+)")
# "bao nhiêu một con" where a sum is asked of (a budget, a support, a cost): a sum for each, as typed with marks
_EACH_BARE = re.compile(r"\bbao nhiêu (?:một|mỗi) (?!năm|tháng|quý|lần|ngày|tuần)(?P<per>\w+)|"
                        # "đơn giá thuê … một mét giá … là bao nhiêu": a price is a sum for each
                        r"\bđơn giá\b(?: \w+){0,6}? (?:một|mỗi) (?!năm|tháng|quý|lần|ngày|tuần)(?P<each>\w+)")
_SUM_CONTEXT = re.compile(r"\b(?:ngan sach|kinh phi|ho tro|chi phi|tien|muc chi|don gia|gia)\b")
# "500.000 đồng/người", "mỗi lớp 5 triệu đồng", "… đồng cho mỗi học viên" (accent-folded)
_SUM = r"\d[\d.,]*\s*(?:(?:tỷ|triệu|nghìn|ngàn)\s+)?(?:đồng|usd|vnd)\b"  # on a passage in lower case
_SAME_UNIT = {"khối": "khối|m3|m³", "m3": "khối|m3|m³", "m³": "khối|m3|m³"}  # one cubic metre, written either way


def _each_amount(match: re.Match[str]) -> re.Pattern[str]:
    """A sum for each one the question names: "bao nhiêu đồng một khối" is not answered by "3 triệu đồng/hộ", though
    that is a sum for each household."""
    unit = next(g for g in match.groupdict().values() if g)  # "each" or "per", whichever the question filled
    units = _SAME_UNIT.get(unit, re.escape(unit))
    # the ones between may be written in words of their own ("350.000 đồng/học sinh/khóa học")
    pattern = _SUM + r"(?:\s*/\s*[^\s/;.,]+(?: [^\s/;.,]+){0,2}){0,2}?\s*(?:/|(?:cho )?(?:mỗi|một)\b)\s*" \
        r"(?:" + units + r")(?!\w)|\bmỗi\s+(?:" + units + r")\b[^;.]{0,60}?" + _SUM
    # asked without marks: read on the passage's folded words
    return re.compile(fold_accents(pattern) if match.re is _EACH_ASKED_FOLDED else pattern)


# a kind of money asked — a fine, an allowance, a wage, a fee: the sum must be one the plan says is of that kind
# ("phạt tiền từ 5 đến 10 triệu đồng", "phụ cấp 500.000 đồng/tháng"), not a budget or a support (asked words
# accent-folded -> the word the passage writes)
_KIND_OF_PAY = (
    (re.compile(r"\b(?:muc phat|phat tien|tien phat|xu phat|bi phat)\b"), "phạt"),
    (re.compile(r"\bphu cap\b"), "phụ cấp"), (re.compile(r"\btro cap\b"), "trợ cấp"),
    (re.compile(r"\b(?:muc|tien|bang) luong\b"), "lương"), (re.compile(r"\b(?:tien|muc) thuong\b|\bthuong bao nhieu\b"), "thưởng"),
    (re.compile(r"\bhoc phi\b"), "học phí"), (re.compile(r"\ble phi\b"), "lệ phí"),
    (re.compile(r"\bthu lao\b"), "thù lao"), (re.compile(r"\b(?:muc phi|phi bao hiem)\b"), "phí"),
)


def _amount_of(kind: str) -> re.Pattern[str]:
    """A sum or share the passage (lower case, tone placement folded) says is `kind`, in the same clause."""
    return re.compile(rf"\b{kind}\b[^.;]{{0,80}}?(?:\d[\d.,]*\s*%|{_SUM})|(?:\d[\d.,]*\s*%|{_SUM})[^.;]{{0,40}}?"
                      rf"\b{kind}\b")


def _pay_asked(q: str) -> re.Pattern[str] | None:
    return next((_amount_of(kind) for asked, kind in _KIND_OF_PAY if asked.search(q)), None)


def _per(unit: str) -> re.Pattern[str]:
    """An amount of money per `unit` in a passage's accent-folded text ('m3' and 'm³' alike); '2.500.000 đồng/hộ'
    does not give a price per m³."""
    per = re.sub(r"[3³]", "[3³]", re.sub(r"[2²]", "[2²]", re.escape(unit)))
    return re.compile(r"\d[\d.,]*\s*(?:(?:ty|trieu|nghin|ngan)\s+)?(?:dong|usd|vnd)\s*/\s*" + per + r"(?!\w)")


# "… trước 31/12/2025 phải không?", "chỉ tiêu là 80% đúng không?": staff check a premise; the date or figure it
# states is what is checked, not what the passage answering must repeat
_CHECKS_PREMISE = re.compile(r"\b(?:phai khong|dung khong|co dung|dung chua|phai chang|co phai)\b")


def checks_premise(question: str) -> bool:
    return bool(_CHECKS_PREMISE.search(fold_accents(question.lower())))


@lru_cache(maxsize=256)  # one ask reads its question in several checks: parsed once
def expectation(question: str) -> Expectation:
    q = fold_accents(question.lower())
    per = _PER_ASKED.search(q)
    cue, pattern = next(((c, p) for c, p in _CUES if c.search(q)), (None, None)) if not per else (None, None)
    if pattern in (_MONEY, _BUDGET, _PERCENT) and _WHICH_DOCUMENT.search(q):
        pattern = None  # "… thực hiện văn bản nào của Chính phủ về mức hỗ trợ …": a document is asked, not a sum
    if pattern in (_WHERE_SAID, _AT_PLACE) and _MONEY_FROM.search(q):
        pattern = None  # "… lấy kinh phí ở đâu?": where money comes from is its source, no place
    if pattern is _DAY and _SCHEDULE_ASKED.search(q):
        pattern = _SCHEDULE_DAYS
    if pattern is _PLACE_NAME and cue is not None and (level := cue.search(q)):
        pattern = _place_of_level(level.group(0).rsplit(" ", 1)[0])
    nouns: tuple[str, ...] = ()
    written = fold_tones(nfc(question)).lower()  # as typed, one character for one with `q`
    if pattern is None and (rank := _RANK_ASKED.search(written)):  # "đạt mức độ chi tiết cấp mấy?", "từ lớp mấy?"
        pattern = re.compile(rf"(?<!\w){rank.group(1)}\s+(?:\d+|[IVX]+)\b", re.IGNORECASE)
    if pattern is None and (unit := _UNIT_ASKED.search(written)):  # "băng tần nào (MHz)?": a figure in that unit
        pattern = re.compile(r"\d[\d.,]*\s*" + re.escape(unit.group(1)) + r"(?!\w)", re.IGNORECASE)
    m = _count(written, q)
    bare = _EACH_BARE.search(written) if _SUM_CONTEXT.search(q) else None
    if bare and m and m.start() == bare.start():
        m = None  # "ngân sách hỗ trợ … bao nhiêu một con": a sum for each, nothing counted
    counts = m is not None and not _generic(written, q, m.start(1))
    if cue is _PAY_CUE and m and counts and m.group(1) != "doi voi":
        pattern = None  # "vốn … được phân bổ cho bao nhiêu dự án": projects are counted
    if pattern is _PERCENT and m and counts and not _SHARE_ASKED.search(q) \
            and not re.search(r"\bt[yi] le(?: \w+){0,2} $", q[:m.start()]):
        # "chỉ tiêu tỷ lệ … được tính bao nhiêu điểm": points are counted, the share names the indicator ("với tỷ lệ
        # bao nhiêu doanh thu" asks the share)
        pattern = None
    if pattern is None and m and (counts or m.group(1).split()[0] in _PREPOSITIONS and is_folded_word(m.group(1))):
        # "bao nhiêu đề án", "… tài khoản": a noun, though "đề", "tài" fold as "để", "tại"; "bao nhiêu nhà giáo, cán
        # bộ", "… học sinh/sinh viên": each noun named may be what is counted
        nouns = (m.group(1), *_more_nouns(written, q, m.end()))
    # document numbers ("54-KH/TU") name a document, not the fact asked about
    named = _DOC_REFERENCE.sub(" ", fold_accents(_NUMBER_YEAR.sub(" ", without_document_dates(question))).lower())
    named = without_document_dates(named)
    # "tỷ lệ đảng viên …"; "Chỉ tiêu đảng viên sử dụng Sổ tay … đặt bao nhiêu?": a share given is of those named
    share_of = _share_asked(question) if pattern is _PERCENT else \
        _share_asked(question, _TARGET_OF) if pattern is None and not nouns and "bao nhieu" in q else ""
    each = (_EACH_ASKED.search(fold_tones(question).lower()) if has_diacritics(question) else
            _EACH_ASKED_FOLDED.search(q)) or bare
    numbers = [] if _CHECKS_PREMISE.search(q) else _CRITICAL_NUMBER.findall(named)
    named_heads = _named_heads(q, written, nfc(question)) if pattern is None else ()
    # "Trong 1.250 mét giá …, bao nhiêu mét giá thuê …", "… cụ thể đó là 11 CSDL nào?": the whole of what is counted
    # or named, whose parts are asked — the passage giving them need not say it
    counted = [*nouns, *map(fold_accents, named_heads)]
    numbers = [n for n in numbers if not any(re.search(rf"(?<![\d.,]){re.escape(n)} {re.escape(c)}\b", named)
                                             for c in counted)]
    years = tuple(n for n in numbers if _YEAR.fullmatch(n))
    if len(years) < 2 or has_year_range(named):  # "giai đoạn 2026-2030" is one period: both are said
        years = ()
    ordinal = _ORDINAL_ASKED.search(q)  # "xep thu may" typed without marks asks a rank all the same
    often = next((act for act in RECURRING_ACTS if re.search(rf"(?<!\w){act}(?!\w)", written)), "") \
        if pattern is FREQUENCY and has_diacritics(question) else ""
    kind = _KIND_ASKED.search(q) if pattern is None and not m else None  # typed without marks, compared folded
    return Expectation(pattern, nouns, tuple(n for n in numbers if n not in years), target=bool(_TARGET.search(q) or _NEEDED.search(written)),
                       share_of=share_of, years=years, yearly=bool(_YEARLY.search(q)),
                       measured=_measured(written, m) if m and not pattern else "",
                       ordinal=(ordinal.group(1) or ordinal.group(2)).split()[-1] if ordinal else "", often=often,
                       kind=written[kind.start(kind.lastindex or 1):kind.end(kind.lastindex or 1)] if kind else "",
                       act=next((g for g in act.groups() if g), "") if (act := _ACT_ASKED.search(q)) else "",
                       per=_per(per.group(1)) if per else _each_amount(each) if each
                       else _pay_asked(q) if pattern is _MONEY else _count_each(written) if nouns else None,
                       counted=bool(_BY_COUNT.search(q)),
                       numbered=next((m.group(2) for m in _NUMBERED_THING.finditer(named)
                                      if m.group(1) not in _NUMBERED_PARTS), ""),
                       about=_about_asked(q), options=_options(q, question), named=named_heads)


def _named_heads(q: str, written: str, typed: str) -> tuple[str, ...]:
    """"gắn cảm biến trên những cây cầu cụ thể nào?": each thing asked is said by its name ("cầu Mỹ Thuận"), not as
    "các cầu trọng điểm": the words a name follows, as typed (folded when typed without marks), an abbreviation
    written out as well ("CSDL": "cơ sở dữ liệu"). Kinds with no names of their own (tasks, contents, units) are
    answered by what a plan says."""
    found = _NAMED_ASKED.search(q)
    if found is None:
        return ()
    group = found.lastindex or 1
    phrase = written[found.start(group):found.end(group)]
    spelled = fold_tones(expand_abbreviations(typed[found.start(group):found.end(group)])).lower()
    phrase = re.sub(r"^(?:những|nhung|các|cac) ", "", phrase)
    heads: list[str] = [spelled] if spelled != phrase else []
    for alternative in _ALTERNATIVES.split(phrase):
        words, folded = alternative.split(), fold_accents(alternative).split()
        if not words or " ".join(folded[:2]) in _ANY_KIND or folded[0] in _ANY_KIND:
            continue
        heads += [alternative, " ".join(words[:2])]
        if len(words) == 1 or len(words) == 2 and folded[0] in _CLASSIFIERS:
            heads.append(words[-1])
    return tuple(dict.fromkeys(heads))


def says_named(heads: tuple[str, ...], text: str) -> bool:
    """The passage names one of the things asked: one of `heads` followed by a name ("Hội chợ Canton", "cầu Rạch
    Miễu", "đường ĐT.848"; not an acronym of what it is, "công trình BIM")."""
    for head in heads:
        said = fold_tones(text) if has_diacritics(head) else fold_accents(text)
        if re.search(rf"(?<!\w)(?i:{re.escape(head)})\s+(?:[{UPPER}](?![{UPPER}\s])|[^\s,;]*\d)", said):
            return True
    return False


# "phân bổ bao nhiêu mẫu cho mỗi xã, phường?": a count for each one, not the plan's total (accent-folded)
# (not "mỗi năm", a rate; not "mỗi kế hoạch", "mỗi bên", each plan compared)
_NOT_EACH = r"(?!(?:năm|nam|tháng|thang|quý|quy|kỳ|ky|lần|lan|bên|ben|nơi|noi|kế hoạch|ke hoach|văn bản|van ban|" \
            r"chương trình|chuong trinh|nghị quyết|nghi quyet|quyết định|quyet dinh|đề án|de an)(?!\w))"
# "mỗi", "từng" as typed ("xây mới và …" is no "mỗi"); typed without marks, only after "cho", "ở", "tại"
_EACH_COUNTED = re.compile(rf"(?<!\w)bao nhiêu(?!\w)(?: \w+){{1,8}}? (?:cho |ở |tại )?(?:mỗi|từng) {_NOT_EACH}(\w+)|"
                           rf"(?<!\w)(?:mỗi|từng) {_NOT_EACH}(\w+)(?!\w)(?: \w+){{0,8}}? bao nhiêu(?!\w)")
_EACH_COUNTED_FOLDED = re.compile(rf"\bbao nhieu\b(?: \w+){{1,8}}? (?:cho|o|tai|tren) (?:moi|tung) {_NOT_EACH}(\w+)")


def _count_each(written: str) -> re.Pattern[str] | None:
    """A count for each one asked, as a passage writes it: "20 mẫu/xã", "mỗi xã 20 mẫu", "… 20 mẫu cho mỗi xã".
    `written`: the question in lower case as typed (its marks tell "mỗi" from "mới")."""
    m = _EACH_COUNTED.search(written) if has_diacritics(written) else _EACH_COUNTED_FOLDED.search(written)
    if m is None:
        return None
    each = re.escape(fold_accents(next(g for g in m.groups() if g)))
    return re.compile(rf"\d[\d.,]*\s*[^\W\d]+(?: [^\W\d]+){{0,3}}?\s*/\s*{each}\b|"
                      rf"\b(?:moi|tung|mot|1) {each}\b[^;.]{{0,60}}?\d|\d[^;.]{{0,60}}?\b(?:moi|tung|mot|1) {each}\b")


# "TCVN nào về chất lượng dữ liệu", "chuyên mục gì về thiên tai": the thing asked is told by what it is about
_ABOUT_ASKED = re.compile(r"\b(?:nao|gi) ve ((?:[a-z]+ ){0,4}[a-z]+)")
_ABOUT_ENDS = frozenset(("theo", "cua", "trong", "nam", "tai", "de", "va", "cho", "khi", "o", "duoc", "la", "thi"))


# "loại hợp đồng PPP nào (BOT, BOO hay BLT)?": a choice the question lists in brackets; a passage answers by saying
# one of them. So too a choice the question ends on, after a colon or dash ("… gồm những loại nào: máy tính để bàn,
# máy tính xách tay hay máy tính bảng?") or as its last words ("… tổ chức theo hình thức trực tuyến hay trực
# tiếp?": the words before "hay" as many as after it)
_BRACKETED_CHOICE = re.compile(r"\(([^()]*\b(?:hay|hoac)\b[^()]*)\)\s*\??\s*$")
_LISTED_CHOICE = re.compile(r"[:—–]\s*([^:—–()]*\bhay\b[^:—–()]*?)\s*\??\s*$")
# ("… dùng chủ đề hay khẩu hiệu tuyên truyền nào?": the kind asked after the choice is no side of it)
_LAST_CHOICE = re.compile(r"((?:\w+ ){1,4})hay ((?:\w+ ){0,3}(?!(?:gi|nao)\b)\w+)(?: (?:gi|nao))?\s*\??\s*$")
_NOUN_WORDS = 2
# three choices the question ends on: "A, B hay C?" (each of a few words)
_SERIES_CHOICE = re.compile(r"((?:\w+ ){0,5}\w+), ((?:\w+ ){0,4}\w+) (?:hay|hoac) ((?:\w+ ){0,4}\w+)\s*\??\s*$")
# "… hay không?", "… hay làm gì?", "cao hơn hay thấp hơn?", "trước hay sau …?", "đúng hay sai?": no choice of things
# (as typed: "máy tính" is no "mấy", "Dũng" no "đúng"; typed without marks, only the words that cannot be names)
_NOT_A_CHOICE = frozenset(("không", "chưa", "sao", "gì", "nào", "ai", "bao", "mấy", "hơn", "trước", "sau", "đúng",
                           "sai", "rồi"))
_NOT_A_CHOICE_FOLDED = frozenset(("khong", "chua", "gi", "nao", "ai", "bao", "hon"))
# words that lead an option without telling it from the others ("bằng văn bản hay qua phần mềm")
_OPTION_LEADS = frozenset(("bang", "qua", "theo", "la", "duoc", "cua", "tai", "o", "vao", "do", "tu", "thuoc", "ve"))


# "… chạy trên những hệ điều hành nào (Android, iOS)?": names given as examples of what is asked; a passage answering
# names one of them
_BRACKETED_NAMES = re.compile(r"\(((?:[^(),]*[A-Z][^(),]*,\s*)+[^(),]*[A-Z][^(),]*)\)\s*\??\s*$")


def _options(q: str, question: str = "") -> tuple[str, ...]:
    if (named := _BRACKETED_NAMES.search(question)) and all(len(n.split()) <= 2 for n in named.group(1).split(",")):
        return tuple(fold_accents(n.strip()).lower() for n in named.group(1).split(","))
    typed = fold_tones(nfc(question)).lower()
    marked = has_diacritics(question) and len(typed) == len(q)  # one character for one: spans hold in both
    if m := _BRACKETED_CHOICE.search(q) or _LISTED_CHOICE.search(q):
        cuts = [m.start(1), *(i for c in re.finditer(r",|\bhay\b|\bhoac\b", m.group(1))
                              for i in (m.start(1) + c.start(), m.start(1) + c.end())), m.end(1)]
        spans = list(zip(cuts[::2], cuts[1::2], strict=True))  # the pieces between commas and "hay"
    elif m := _SERIES_CHOICE.search(q):  # "… thuộc về Nhà nước, tổ chức chủ trì hay cá nhân nhà khoa học?"
        middle = len(re.findall(r"\w+", m.group(2)))  # as many words before the comma and after "hay" as between
        first, third = list(re.finditer(r"\w+", m.group(1)))[-middle:], list(re.finditer(r"\w+", m.group(3)))[:middle]
        spans = [(m.start(1) + first[0].start(), m.end(1)), m.span(2), (m.start(3), m.start(3) + third[-1].end())]
    elif m := _LAST_CHOICE.search(q):
        after = list(re.finditer(r"\w+", q[m.start(2):m.end(2)]))
        # "chủ đề hay khẩu hiệu tuyên truyền nào": the kinds offered, each by its noun (two words), not the words after
        if q[m.end(2):].strip(" ?"):
            after = after[:_NOUN_WORDS]
        last = len(after)
        before = list(re.finditer(r"\w+", q[:m.start(2)]))[:-1][-last:]  # as many words before "hay" as after
        spans = [(before[0].start(), before[-1].end()), (m.start(2), m.start(2) + after[-1].end())] if before else []
    else:
        return ()
    options = []
    for a, b in spans:
        words, written = q[a:b].split(), (typed[a:b] if marked else q[a:b]).split()
        while words and words[0] in _OPTION_LEADS:
            words, written = words[1:], written[1:]
        if not words or (_NOT_A_CHOICE if marked else _NOT_A_CHOICE_FOLDED).intersection(written):
            return ()
        options.append(" ".join(words))
    if len(options) < 2:
        return ()
    return tuple(options)


def _about_asked(q: str) -> tuple[str, ...]:
    found = _ABOUT_ASKED.search(q)
    words = list(itertools.takewhile(lambda w: w not in _ABOUT_ENDS, found.group(1).split())) if found else []
    return tuple(words) if len(words) >= 2 else ()


# "Đoàn kiểm tra liên ngành số 2", "Tổ công tác số 1", "Cụm số 3": one of several things of a kind, by its number (a
# number of one digit: longer ones are numbers any passage must say already)
_NUMBERED_THING = re.compile(r"\b(\w+) so (\d)\b(?![./]\d)")
# a part of a document or a form ("Phụ lục số 2", "Mẫu số 3", "Dự án số 6") is named so without "số" in its text
_NUMBERED_PARTS = frozenset(("luc", "muc", "phan", "dieu", "khoan", "bieu", "mau", "chuong", "diem", "trang", "an",
                             "hieu", "hoach", "dinh", "quyet", "ban", "thi", "tu", "van", "ky"))


def _enumerated(noun: str, folded: str) -> bool:
    """"đợt 1 từ ngày 15/4 …; đợt 2 từ ngày 10/8 …": the things counted by their numbers, one to the last (how many
    there are, as "02 đợt" says it)."""
    numbers = set(re.findall(rf"\b{noun}\s+(\d{{1,2}}|[ivx]{{1,4}})\b", folded))
    return len(numbers) >= 2 and bool(numbers & {"1", "i"})


def _count(written: str, q: str) -> re.Match[str] | None:
    """"bao nhiêu X", or "mấy X" as typed with its marks ("máy tính" folds alike)."""
    return next((m for m in _COUNT.finditer(q) if m.group(0).startswith("bao") or written[m.start():m.start() + 3]
                 == "mấy"), None)


def _measured(written: str, m: re.Match[str]) -> str:
    """"bao nhiêu tấn sữa": the thing measured, as typed (tone placement folded): a plan's tonnes of coffee are no
    tonnes of milk."""
    words = m.group(1).split()
    if len(words) < 2 or words[0] not in _MEASURES or words[1] in _GENERIC_COUNT_WORDS:
        return ""
    return written[m.start(1):m.end(1)].split()[1]


_NOT_A_COUNT = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b[Qq]uý\s+[IVX]+\b")
# a cell holding a figure: "12", "≥70% tài liệu", "Trên 80%", "Tối thiểu 95 hồ sơ"
_FIGURE_CELL_START = re.compile(r"\s*(?:[≥≤><~+]=?|(?:trên|dưới|tối thiểu|tối đa|ít nhất|khoảng|đạt)\s)?\s*\d",
                                re.IGNORECASE)
_ROW_NUMBER_CELL = re.compile(r"^\s*(?:\|\s*\d{1,3}\s*\||\d{1,3}\.?\t)")  # "| 2 |", "2<tab>": the row's number


# "tỷ lệ đảng viên sử dụng …", "bao nhiêu phần trăm số trường hợp vi phạm …": what the share is of (up to two words;
# "tỷ lệ này", "tỷ lệ bao nhiêu", "bao nhiêu phần trăm so với …" name nothing)
_OF_WHICH = r"(?:(?:so|cac|nhung|tong so|tong luong|tong|luong)\s+)?"  # "… số vụ", "… tổng chi", "… lượng rác thải": the noun after
_SHARE_OF = re.compile(r"\b(?:t[yi] le|bao nhieu (?:phan tram|%))\s+" + _OF_WHICH + r"([a-z]+(?:(?:, (?!t[yi] |chi )| )[a-z]+){0,3})")
_TARGET_OF = re.compile(r"\bchi tieu\s+(?:ve\s+)?" + _OF_WHICH + r"([a-z]+(?: [a-z]+){0,3})")  # "chỉ tiêu đảng viên …"
# what a passage's share is of: "tỷ lệ hộ gia đình …", "10% số vụ tai nạn …", "30% tổng nguồn vốn" (accent-folded,
# case kept; "95% trở lên", "13%/năm", "80% so với …" say nothing of it)
# (what it is of may be quoted: "100% “xã, phường không ma túy”")
_SHARE_SAID = re.compile(r"\b(?P<rate>(?i:t[yi] le))?(?(rate)|\d[\d.,]*\s*%)\s+" + _OF_WHICH +
                         r"[“\"'(]?(?P<w1>[^\W\d_]+)(?: (?P<w2>[^\W\d_]+))?")


# a count, then how much it grows or falls: the share is of that count
_GROWTH_OF = re.compile(r"\b[Ss]o\s+(?P<w>[^\W\d_]+)[^.;%\d]{0,120}?\b(?:tang|giam)\b[^.;%\d]{0,20}?\d[\d.,]*\s*%")
_SHARE_FIGURE = re.compile(r"(?<![\d.,])\d[\d.,]*\s*%(?!\s*(?:đến|den|-|–|tới|toi)\s*\d)")  # "từ 5% đến 10% số vụ": one figure


def _share_asked(question: str, asked: re.Pattern[str] = _SHARE_OF) -> str:
    """Folded; a word typed with its diacritics is read as typed: "tỷ lệ tái nghiện" is of "tái nghiện", though
    "tái" folds as "tại"."""
    # "trường THPT": a plan writes the share out ("trường trung học phổ thông")
    written = fold_tones(nfc(expand_abbreviations(question))).lower()
    folded = fold_accents(written)  # one character for one: spans hold in the written text
    # a target: the last named, nearest what is asked ("phụ lục phân công chỉ tiêu …, chỉ tiêu phủ sóng 5G đặt mức
    # bao nhiêu"); a share: the first ("bao nhiêu phần trăm hộ … và tỷ lệ chất thải … là bao nhiêu": one each part)
    found = list(asked.finditer(folded))
    m = (found[-1] if asked is _TARGET_OF else found[0]) if found else None
    # "bao nhiêu phần trăm nam, nữ thanh niên …": a comma between the nouns of one share
    words = [w.rstrip(",") for w in written[m.start(1):m.end(1)].split()] if m else []
    accented = has_diacritics(question)  # typed with its marks, "nam" is "nam", not "năm"
    kept = list(itertools.takewhile(lambda w: _names_a_share(w, accented), words))
    if not kept and accented and (before := _MEASURE_BEFORE.search(folded)):
        # "… vay với lãi suất ưu đãi bao nhiêu phần trăm": the words right before, back to the clause's verb, name
        # what is measured (typed without diacritics, "tai nạn" reads as "tại" and ends no clause)
        kept = list(itertools.takewhile(lambda w: _names_a_share(w, accented),
                                        reversed(written[:before.start()].split()[-4:])))[::-1]
    return " ".join(fold_accents(w) for w in kept)


def _names_a_share(word: str, accented: bool) -> bool:
    return word.isalpha() and word not in (_NOT_SHARED_WRITTEN if accented else _NOT_SHARED)


_SHARE_ASKED = re.compile(r"bao nhieu (?:phan tram|%|gdp|grdp)|chiem(?: toi (?:da|thieu)| khoang| it nhat)? bao nhieu|phan tram|%")  # not "tỷ lệ" alone
_YEARLY = re.compile(r"\b(?:mot|moi|hang) nam\b|/\s*nam\b")  # on the folded question
_MEASURE_BEFORE = re.compile(r"(?<=[^\W\d]) bao nhieu (?:phan tram|%)")


# words saying nothing of what a share is of, as a passage writes them ("cho" is "for", "chợ" a market) and folded,
# as a question may be typed
_NOT_SHARED_WRITTEN = frozenset([
    "này", "đó", "bao", "nhiêu", "là", "đạt", "phải", "được", "của", "trong", "theo", "mức", "thế", "nào", "chung",
    "trên", "tới", "ít", "từ", "đến", "và", "ở", "tại", "cho", "về", "vào", "với", "khi", "năm", "mỗi", "một", "hằng",
    "hàng", "giảm", "tăng", "hay", "hoặc", "còn", "thì", "cần", "trở", "lên", "chiếm", "xuống", "sẽ", "nhất", "đặt",
    "ra", "cụ", "thể", "chính", "chủ", "yếu", "gì", "đề", "tối", "thiểu", "đa", "khoảng",  # bounds: "tối thiểu …"
    "bên"])  # "mỗi bên bao nhiêu phần trăm": each plan compared
_NOT_SHARED = frozenset(fold_accents(w) for w in _NOT_SHARED_WRITTEN)


_SHARE_WINDOW = 80  # characters after a share's figure holding the words that say what it is of


def _pairs(text: str, limit: int = 4) -> set[str]:
    """Two words running ("sot xuat", "xuat huyet") among the first `limit` of the text; one word alone."""
    words = re.findall(r"[^\W\d_]+", text)[:limit]
    return {" ".join(words[i:i + 2]) for i in range(max(len(words) - 1, 1))} if words else set()


def _another_share(text: str, asked: set[str]) -> bool:
    """The passage says what each of its shares is of, in words of which no two running are the question's (`asked`,
    folded pairs): "Kéo giảm 5% đến 10% số vụ tai nạn", "Tỷ lệ hộ gia đình … | 90%" for "số trường hợp vi phạm …",
    "Tỷ lệ chất thải rắn …" for "rác thải nhựa"; but "15% số ca mắc sốt xuất huyết" is of "số ca sốt xuất huyết",
    and an abbreviation the plan defines ("tỷ lệ CTRSH …") may be of anything."""
    text = nfc(text)
    folded = fold_accents(text)  # one character for one: spans hold in the text as written
    rates, figures = 0, 0
    for m in _SHARE_SAID.finditer(folded):
        words = [w for w in (m.group("w1"), m.group("w2")) if w]
        if text[m.start("w1"):m.end("w1")].lower() in _NOT_SHARED_WRITTEN:
            continue
        said = folded[m.start("w1"):m.start("w1") + _SHARE_WINDOW].lower()
        if any(w.isupper() and len(w) > 1 for w in words) or _pairs(said, 6) & asked:
            return False
        rates += bool(m.group("rate"))
        figures += not m.group("rate")
    for m in _GROWTH_OF.finditer(folded):  # "số vụ phạm tội … được bắt giữ tăng trên 03%": that count grows
        if _pairs(folded[m.start("w"):m.start("w") + _SHARE_WINDOW].lower(), 6) & asked:
            return False
        figures += 1
    return rates > 0 or figures > 0 and figures >= len(_SHARE_FIGURE.findall(folded))


_BARE_FIGURE = re.compile(r"[≥≤<>~]?\s*\d[\d.,]*\s*%")


def _share_said(share: str, text: str, yearly: bool = False) -> bool:
    """A share of what `share` names (folded; its first two words the noun): "trên 80% đảng viên", "tỷ lệ đảng viên … 80%", or the noun before the figure in
    its clause ("đảng viên sử dụng … đạt 80%"); named only in another clause or cell ("Sổ tay đảng viên … | 100%
    chi bộ kích hoạt"), or not at all in a passage saying what its shares are of, the share is another's."""
    noun = " ".join(share.split()[:2])
    folded = fold_accents(text.lower())
    said = "|".join(re.escape(n) for n in (noun, *(k for k, v in SAME_TERMS.items() if v == noun)))
    said = f"(?:{said})"
    if _said_between(share.split(), folded):
        return True
    if not re.search(rf"\b{said}\b", folded):
        return not _another_share(text, _pairs(share))
    if not re.search(r"\d\s*%", folded):
        return True  # a row's figures stand under a "%" column: nothing says the share is another's
    for clause in re.split(r"[.;\t\n|]", folded):
        if _BARE_FIGURE.fullmatch(clause.strip()):
            return True  # "Tỷ lệ trẻ em gái 11 tuổi … | % | ≥70% | ≥80%": a row's bare figure is its indicator's
        for m in re.finditer(r"\d[\d.,]*\s*%" + ("" if yearly else r"(?!\s*/\s*nam\b)"), clause):  # "13%/năm" grows
            # "50% các cơ quan, đơn vị, địa phương cấp xã có …": the noun among the few the figure is of
            if re.match(rf"\s*{_OF_WHICH}(?:[^\W\d_]+,?\s+){{0,6}}?{said}\b", clause[m.end():]) or \
                    re.search(rf"\b{said}\b", clause[:m.start()]):
                return True
    return False


_SPELLED_BETWEEN = 10  # words a plan writes between those a question names a share by


def _said_between(words: list[str], folded: str) -> bool:
    """The three or four words a share is asked of, in their order with a plan's own between, before a figure of
    its clause: "tỷ lệ người đội mũ bảo hiểm" is of "người đi mô tô, xe gắn máy … đội mũ bảo hiểm đạt trên 98%"."""
    if len(words) < 3:
        return False
    gap = rf"(?:[\s,]+[^\W\d_]+){{0,{_SPELLED_BETWEEN}}}?[\s,]+"
    spelled = re.compile(r"\b" + gap.join(re.escape(w) for w in words) + r"\b")
    return any(spelled.search(clause[:m.start()])
               for clause in re.split(r"[.;\t\n|]", folded) for m in re.finditer(r"\d[\d.,]*\s*%", clause))


def _says_word(word: str, text: str) -> bool:
    """A word as typed: with its marks, as written (tone placement folded); without them, folded."""
    if has_diacritics(word):
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", fold_tones(text).lower()) is not None
    return re.search(rf"\b{re.escape(word)}\b", fold_accents(text).lower()) is not None


def says_numbered(exp: Expectation, text: str) -> bool:
    """The passage names the numbered thing asked ("Đoàn số 2"), or none is asked."""
    return not exp.numbered or bool(re.search(rf"\bso {exp.numbered}(?![\d./])", fold_accents(text).lower()))


def figure_kind(text: str) -> re.Pattern[str] | None:
    """The kind of figure a passage gives — a share ("30% GDP"), a sum of money — or None: plans compared are
    compared like with like ("45% GRDP", not "05 bộ dữ liệu mở")."""
    return next((kind for kind in (_PERCENT, _MONEY) if kind.search(text)), None)


def satisfied(exp: Expectation, text: str, context: str = "", table: bool = False) -> bool:
    """`text` is the passage; `context` (section path, title, a table's header rows) may carry the asked-about
    year. In a table row the unit of a figure stands in its own cell or in the header ("ĐVT: Ha")."""
    # a table writes the unit of its figures in a cell or its header: "| % | ≥ 95 |", "Doanh thu (triệu đồng)"
    table_unit = table and re.search(r"\d", text) and (exp.pattern is _PERCENT and "%" in f"{text} {context}" or
                                                        exp.pattern in (_MONEY, _BUDGET) and _MONEY_UNIT.search(context)) \
        or table and exp.pattern in (_WHERE_SAID, _AT_PLACE) and any(  # a column's name, not the title's "trên địa bàn"
            PLACE_COLUMN.search(fold_accents(cell).lower()) for cell in re.split(r"[|\t]", context)[1:])
    # "(ban hành kèm Quyết định … ngày 20/11/2025)": a document's date is no day or month of the thing asked
    probe = without_dated_references(text) if exp.pattern in (_DAY, _SCHEDULE_DAYS, _MONTH) else text
    if exp.pattern is DAY_RANGE:  # a phase's days stand in its heading ("Giai đoạn 3 - … (từ ngày … đến ngày …)")
        probe = f"{text} {context}"
    if exp.pattern is not None and not exp.pattern.search(probe) and not table_unit:
        return False
    # an amount per m³ is read on the folded passage; a sum for each, a fine, on its words ("phạt", not "phát")
    if exp.per is not None and not exp.per.search(fold_accents(text).lower()) and not exp.per.search(
            fold_tones(text).lower()):
        return False
    if exp.count_nouns:
        folded = fold_accents(text.lower())
        # "bao nhiêu người": "180 cán bộ quản lý" is a count
        first = "(?:" + "|".join(_PEOPLE if n.split()[0] == "nguoi" else _SYMBOLS.get(n, _SYMBOLS.get(
            n.split()[0], re.escape(n.split()[0]))) for n in exp.count_nouns) + ")"
        # "bao nhiêu trạm y tế phải đạt …": "trên 80% trạm"; not when the count itself is asked ("tính theo số cặp")
        percent = r"(?:%\s*)?" if exp.target and not exp.counted else ""
        # "khoản 7 Điều 8" labels a clause, it counts no articles
        in_words = re.search(_NOT_A_LABEL + r"\d+\s*" + percent + r"(?:(?:so|cac|nhung)\s+)?" + first, folded) or \
            _enumerated(first, folded)
        if table and not in_words:  # not counted in a cell's words ("| 3 | Tập huấn … cho 260 bác sĩ |"): a figure
            # of the row (not its number, a year or a date) and the noun in the row or its header ("Xã, phường" for
            # "bao nhiêu xã phường"; "thành lập" is no "thành viên"; a measure, "tấn cà phê", is named in its own cell
            # or the header; a column "Số bể" counts "bể bơi di động" by its head noun)
            around = " ".join(re.findall(r"\w+", fold_accents(expand_abbreviations(f"{text} {context}").lower())))
            whole = "(?:" + "|".join(_PEOPLE if n.split()[0] == "nguoi" else re.escape(n.split()[0])
                                     if n.split()[0] in _MEASURES else f"{re.escape(n)}|so {re.escape(n.split()[0])}"
                                     for n in exp.count_nouns) + ")"
            # a cell holding a figure ("12", "4.500 lao động"), not a number inside words ("đợt 1") or a share
            figures = _ROW_NUMBER_CELL.sub("|", _NOT_A_COUNT.sub(" ", text if percent else _SHARE_FIGURE.sub(" ", text)))
            if not (any(_FIGURE_CELL_START.match(c) for c in re.split(r"[|\t]", figures))
                    and re.search(rf"\b{whole}\b", around)):
                return False
        elif not in_words:
            return False
    if exp.share_of and not _share_said(exp.share_of, text, exp.yearly):
        return False
    if exp.measured and not _says_word(exp.measured, f"{text} {context}"):
        return False
    # a table says it by its column: "| Xã Long Điền Tây | … | Hai tháng/lần |" under "Tần suất giám sát véc tơ"
    if exp.often and not how_often(exp.often, fold_tones(text)) and not (
            table and exp.often in fold_tones(context).lower() and FREQUENCY.search(text)):
        return False
    if exp.kind and not _says_word(exp.kind, f"{text} {context}"):
        return False
    if exp.act and not re.search(rf"\b{exp.act}\b", fold_accents(f"{text} {context}".lower())):
        return False
    if exp.ordinal and not re.search(rf"\b{exp.ordinal}{_ORDINAL_SAID}", fold_accents(text.lower())):
        return False
    where = text + " " + context
    if exp.about and not all(re.search(rf"\b{w}\b", fold_accents(where).lower()) for w in exp.about):
        return False
    if exp.options and not any(re.search(rf"\b{re.escape(o)}\b", fold_accents(expand_abbreviations(where)).lower())
                               or re.search(rf"\b{re.escape(o)}\b", fold_accents(where).lower()) for o in exp.options):
        return False
    if not says_numbered(exp, where):
        return False
    if exp.named and not says_named(exp.named, text):
        return False
    return all(n in where or says_date(n, where) for n in exp.numbers) and \
        (not exp.years or any(y in where for y in exp.years))
