"""What a question asks: who, when, how much, which duties, which number/date/signer, a comparison.

Cue words are matched on whole words of the accent- and tone-folded question ("ai" is a word of
"Ai chủ trì …", never a piece of "phải" or "triển khai"), so a question typed without diacritics
reads the same as one typed with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.services.answer_type import (
    CITED_NUMBER_CUE,
    DOC_NUMBER_CUE,
    IN_FORCE_ASKED,
    ORDER_CUE,
    PROPOSAL_CUE,
    Expectation,
    checks_premise,
    expectation,
)
from assistant.services.evidence import STOPWORDS
from assistant.text import (
    dictionary_words,
    fold_accents,
    fold_tones,
    has_diacritics,
    is_foreign_word,
    is_word,
    nouns,
    qualifiers,
    segment_folded,
)
from assistant.vocab.dates import FREQUENCY, time_mentions
from assistant.vocab.docnum import DOC_NUMBER, doc_numbers, kind_code, kinds_spelled
from assistant.vocab.units import (
    expand_abbreviations,
    places_named,
    starts_with_unit,
    unit_mentions,
    unit_mentions_folded,
)

# intent -> cue phrases (folded, matched as whole-word sequences)
_CUES: dict[str, tuple[str, ...]] = {
    "responsibility": ("ai", "don vi nao", "co quan nao", "bo phan nao", "chu tri", "phu trach", "chiu trach nhiem",
                       "phoi hop", "dau moi", "thuong truc", "to chuc nao", "so nao", "ban nao",
                       "bo nao", "nganh nao", "don vi gi", "co quan gi"),
    "deadline": ("khi nao", "bao gio", "thoi han", "han chot", "truoc ngay", "thoi gian", "luc nao", "ngay nao",
                 "thang nao", "quy nao", "nam nao", "dinh ky", "hang thang", "bao lau", "tien do", "den han",
                 "hoan thanh truoc", "moc", "hang nam", "hang quy", "thoi diem nao", "han nao", "han cuoi",
                 "deadline"),
    "target": ("bao nhieu", "ty le", "ti le", "chi tieu", "phan tram", "toi thieu", "it nhat", "muc tieu", "%", "o muc nao",
               "muc nao", "dat muc", "kpi"),
    "signer": ("ai ky", "nguoi ky", "ky ban hanh", "ky ke hoach", "ky chuong trinh", "ky van ban", "chuc danh",
               "ky quyet dinh", "ky nghi quyet", "do ai ky", "ky boi"),
    "number": ("so hieu", "so ky hieu", "ky hieu", "so van ban", "mang so", "la so"),
    # what a decision issues, by its title ("Quyết định 2623 ban hành kế hoạch gì?"), or a document's name
    "title": ("ban hanh ke hoach gi", "ban hanh ke hoach nao", "ban hanh chuong trinh gi", "ban hanh de an gi",
              "ten ke hoach", "ten van ban", "trich yeu"),
    "date": ("ngay ban hanh", "ban hanh ngay", "ban hanh ngay nao", "ky ngay", "ban hanh khi nao",
             "ban hanh vao ngay", "ngay ky va", "ngay ky la", "ngay ky ke hoach", "ngay ky van ban"),
    "issuer": ("co quan ban hanh", "do ai ban hanh", "don vi ban hanh", "cap nao ban hanh", "co quan nao ban hanh",
               "ai ban hanh ke hoach", "ai ban hanh quyet dinh", "ai ban hanh nghi quyet", "ai ban hanh chuong trinh",
               "ai ban hanh van ban",
               # "Kế hoạch số 165/KH-UBND là của địa phương nào": whose plan it is, by the place or body issuing it
               "la cua dia phuong nao", "la cua tinh nao", "la cua co quan nao", "la cua don vi nao",
               "thuoc dia phuong nao"),
    "compare": ("so sanh", "khac nhau", "giong nhau", "ca hai", "moi ke hoach", "cac ke hoach", "lan luot",
                "tung ke hoach", "tung van ban", "moi van ban", "ke hoach nao", "van ban nao", "so voi", "khac gi",
                "co gi khac", "khac biet", "moi ben", "tung ben",
                # "Hai KH … (của Ban Tổ chức Tỉnh ủy Lâm Đồng và của xã …) cùng đặt …": two plans, each named after
                "hai ke hoach", "hai kh", "hai chuong trinh", "hai van ban", "hai nghi quyet", "hai quyet dinh"),
    "list": ("nhung viec", "nhung nhiem vu", "nhung gi", "gom nhung", "cac nhiem vu", "liet ke", "viec gi",
             "nhiem vu gi", "lam gi", "nhung noi dung", "cac noi dung", "nhung giai phap", "nhiem vu nao",
             "trach nhiem gi", "co trach nhiem gi", "nhiem vu cua", "nhung nguon", "gom nhung gi", "ke ten"),
    "reporting": ("bao cao",),
    "funding": ("kinh phi", "nguon von", "ngan sach", "nguon kinh phi", "tai chinh cho", "bao nhieu tien", "du toan",
                "du tru", "tong von", "von dau tu", "tien dau", "nguon tien", "lay tien"),
    # how often, not by when: "định kỳ thế nào", "tần suất nào", "bao lâu một lần"
    "frequency": ("dinh ky nao", "dinh ky the nao", "dinh ky nhu the nao", "dinh ky ra sao", "tan suat", "chu ky",
                  "bao lau mot lan", "may lan", "dinh ky bao lau", "theo ky nao"),
    "purpose": ("muc dich", "yeu cau chung", "quan diem"),
    # to whom the document is sent: its "Nơi nhận" list ("… những cơ quan nào (nơi nhận)", "đồng kính gửi")
    # (not "báo cáo … gửi những nơi nào": where a report goes)
    "recipients": ("noi nhan", "dong kinh gui", "kinh gui"),
    "product": ("san pham", "ket qua du kien", "dau ra", "san pham chinh", "ket qua la", "ket qua gi"),
}
# words of the question itself, never of a plan's name ("kế hoạch", "chương trình" do name the kind of plan)
_QUESTION_WORDS_MARKED = frozenset(("ai", "gì", "nào", "bao", "nhiêu", "khi", "là", "của", "và", "các", "những", "có",
                                    "được", "theo", "trong", "cho", "về", "với", "phải", "làm", "thì", "ở", "tại", "đến",
                                    "từ", "hay"))
QUESTION_WORDS = frozenset(fold_accents(w) for w in _QUESTION_WORDS_MARKED)
# words that say what kind of fact is asked (a share, a number, how often, which period), never what it is about
_ASKING_WORDS = frozenset(c for cues in _CUES.values() for c in cues) | {
    "toi da", "tan suat", "chu ky", "chi so", "giai doan", "thoi ky", "thoi diem", "mot lan", "so luong", "cu the",
    "hien nay", "dia chi", "hinh thuc", "phuong thuc", "phan dau", "ke ra", "ke het",
    # "con số 95% là chỉ tiêu gì": the figure quoted, pointed at
    "con so", "so lieu",
    # when the asker stands ("… thay thế những kế hoạch nào trước đây"): a time of the question, not its topic
    "truoc day", "truoc do", "hien tai", "sap toi", "nam ngoai", "nam nay", "nam toi", "nam qua", "vua qua",
    "gan day", "thang truoc", "thang toi", "ky truoc", "ky toi",
    # what is asked of a unit ("chịu trách nhiệm …", "các nhiệm vụ được giao cho …"), never what it is about
    "trach nhiem", "nhiem vu",
    # "kinh phí cho công tác PCCCR": the work of a thing, which is that thing
    "cong tac",
    # what a Party body resolves to do ("Đảng ủy chủ trương khôi phục …"): the verb of a resolution, not its topic
    "chu truong",
    # a document, its parts and its subject, named to find them ("kế hoạch cùng chủ đề")
    "ke hoach", "chuong trinh", "hanh dong", "nghi quyet", "quyet dinh", "de an", "chi thi", "van ban", "cong van",
    "phu luc", "danh muc",
    "bieu mau", "chu de", "linh vuc"}
_KIND_WORD = r"\b(?:ke hoach|chuong trinh|de an|nghi quyet|quyet dinh)\b"
# "NQ 57", not "KH&CN"; "KH 54-KH/TU" with its code (then "… đó" points back to it, as "kế hoạch đó" does)
_NUMBERED_KIND = r"\b(?:kh|nq|qd|ctr) \d+(?>(?: (?:kh|nq|qd|ctr|ct|cthd)(?: [a-z]+\d*)?)?)\b"
_PLAN_WORD = rf"(?:{_KIND_WORD}|{_NUMBERED_KIND})"
# "kế hoạch A và kế hoạch B"; not "Kế hoạch bảo vệ và phát triển rừng … ban hành kèm theo quyết định số mấy" (the
# decision carrying the plan is the same document) nor "… (căn cứ KH 54-KH/TU …)", "(theo KH 54-KH/TU)" (the plan
# carried out)
# "… và nghị quyết còn thành lập …", "kế hoạch này": the plan named first, again
_TWO_PLANS = re.compile(_PLAN_WORD + r".*\b(?:va|voi|so voi|con)\b.*(?<!theo )(?<!can cu )(?<!thuc hien )"
                        r"(?<!trien khai )(?<!chu tri )(?<!xay dung )(?<!cac )(?<!nhung )(?<!chuong trinh )(?<!so )(?<!bo )(?:" + _KIND_WORD + r"(?! (?:co|duoc|dat|giao(?! (?:thong|duc|dich|luu))|quy dinh|la)\b)|"
                        + _NUMBERED_KIND + r")(?! (?:con|cung|nay|do|ay|tren)\b)")
# (a kind word followed at once by what it does names no second plan — "giao" assigns, "giao thông" is a topic: "Nghị quyết … của HĐND tỉnh Sơn Hà và nghị quyết
# có hiệu lực từ ngày nào?" asks twice of one)
# ("… và UBND xã phải xây dựng kế hoạch triển khai": a plan still to be made names none; "Còn các chương trình, kế
# hoạch cũ …": plans of a kind, none by name)
# "kế hoạch triển khai QĐ 06/QĐ-TTg và QĐ 3103/QĐ-BTC": two documents one plan carries out, no two plans asked of
_CITED_DOCUMENT = r"(?:" + _NUMBERED_KIND + r"|(?:quyet dinh|nghi quyet|chi thi|de an|ke hoach)(?: so)? \d+)"
_CARRIED_PAIR = re.compile(r"\b(?:thuc hien|trien khai|can cu|quan triet|cu the hoa)\s+" + _CITED_DOCUMENT +
                           r"[^,;:?]*?\s+va\s+" + _CITED_DOCUMENT)
_WORDS = re.compile(r"[\w%]+")
# "kế hoạch số bao nhiêu", "… số mấy?": the document's number; "kinh tế số bao nhiêu %" asks the digital economy's
# share
_NUMBER_ASKED = re.compile(r"\b(?:ke hoach|quyet dinh|nghi quyet|chuong trinh|van ban|de an|chi thi|co|mang|la)"
                           r" so (?:bao nhieu|may|la gi)\b|\bso (?:bao nhieu|may)\s*(?:[,;?.]|$)"
                           # "… có số và ngày ban hành thế nào?", "cho biết giúp số, ngày ban hành của quyết định …":
                           # the number, asked beside the date
                           r"|\bso\s*(?:va|,)\s*ngay (?:ban hanh|ky)\b")
# "kinh tế số", "chuyển đổi số", "hạ tầng số": "số" after these says digital, it asks no document's number
_DIGITAL = re.compile(r"\b(?:kinh te|xa hoi|chuyen doi|chinh phu|cong dan|ha tang|nen tang|du lieu|ky nang|nang luc|"
                      r"cong nghe|ban do|chinh quyen|doanh nghiep|ung dung|dich vu|thanh toan|hoc lieu) $")


def _number_asked(folded: str) -> bool:
    """ "Kế hoạch số mấy?", "… là số bao nhiêu?"; not "tỷ trọng kinh tế số bao nhiêu?", nor the number of a document
    the plan replaces or carries out ("… thì thay những kế hoạch số mấy?", "… thực hiện theo kế hoạch số mấy của UBND
    tỉnh?"; "… được cụ thể hóa bằng văn bản số mấy?" asks its own)."""
    for m in _numbers_asked(folded):
        kind = _KIND_OPENS.match(m.group(0))  # "ke hoach so may": the kind opens the match
        if not _OTHER_DOCUMENT_BEFORE.search(folded[:m.start()] + (kind.group(0) if kind else "")):
            return True
    return False


def _numbers_asked(folded: str) -> list[re.Match[str]]:
    return [m for m in _NUMBER_ASKED.finditer(folded)
            if not re.match(r"so\b", m.group(0)) or not (_DIGITAL.search(folded[:m.start()]) or _SHARE.search(folded))]


_RATE = re.compile(r"\bbinh quan (?:hang|moi) (?:nam|thang|quy)\b")  # a rate per year, not a yearly deadline


def without_number_asked(text: str) -> str:
    """The question without the words asking a document's number ("… số bao nhiêu, ai ký?"): its "bao nhiêu"
    asks no figure."""
    folded = fold_accents(fold_tones(text)).lower()
    if len(folded) != len(text):  # spans carry over only letter for letter
        return text
    for m in reversed(_numbers_asked(folded)):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


_SHARE = re.compile(r"\b(?:ty le|ti le|ty trong|chi tieu|muc tieu|phan tram|dat)\b")  # "… chữ ký số bao nhiêu?"

# "… được ban hành vào ngày nào?"; not "kế hoạch ban hành kèm QĐ 2623, việc sơ kết được tổ chức vào thời điểm nào?"
_ISSUED_ON = re.compile(r"\bban hanh (?:\w+ ){0,3}?vao (?:nhung )?(?:ngay|thoi diem) nao\b")
# a day asked beside a document's number or signer is its date ("trước ngày nào" is a deadline)
# "… số mấy, ngày nào?", "số hiệu, ngày ký của từng văn bản"
_WHICH_DAY = re.compile(r"(?<!truoc )(?<!han )\bngay (?:nao|may|thang nao|thang nam nao|ky|ban hanh)\b")
# "… được ban hành để thực hiện nghị quyết nào?", "căn cứ những văn bản nào?": what the plan carries out, which its
# preamble says ("Thực hiện Nghị quyết số 12-NQ/TU …")
_SIGNED_BY_POST = re.compile(r"\bnao ky\b(?! (?:ket|hop dong|cam ket|xac nhan|niem)\b)")
# the plan carries out (its own subject, or "để/nhằm …"), not a unit ("Sở Y tế triển khai kế hoạch nào?")
_BASIS = re.compile(r"(?:^(?:ke hoach|chuong trinh|nghi quyet|quyet dinh|de an|chi thi|kh|ctr|nq|qd)\b"  # "KH 165 …"
                    r"(?:(?! giao | can | phai )[\w ])*?"
                    r"|\b(?:de|nham|duoc xay dung|duoc ban hanh) "
                    r"|^(?=(?:thuc hien|trien khai) theo\b))"  # a part: "…, và thực hiện theo kế hoạch nào?"
                    r"(?:thuc hien|trien khai|cu the hoa)\s+(?:\w+\s+){0,2}?(?P<kind>nghi quyet|chi thi|"
                    r"ket luan|quyet dinh|ke hoach|van ban|chuong trinh|de an|luat|nghi dinh|thong tu|huong dan)"
                    r"(?:\s+(?!\d)\w+){0,2}?\s+(?:nao|gi|(?<=\bso )(?:may|bao nhieu))\b"
                    r"|\b(?:can cu(?: vao)?|dua (?:tren|vao))\s+(?:\w+\s+){0,2}?(?P<grounds>nghi quyet|chi thi|ket luan|"
                    r"quyet dinh|ke hoach|van ban|cong van|chuong trinh|de an|luat|nghi dinh|thong tu|huong dan|can cu)"
                    r"(?:\s+(?!\d)\w+){0,2}?\s+(?:nao|gi)\b"
                    # "được lập dựa trên những căn cứ nào?", "căn cứ pháp lý nào"
                    r"|\bcan cu(?: phap ly)? (?:nao|gi)\b")


_FROM_WHERE = r"\b(?:nguon nao|lay tu dau|tu dau)\b"
_MONEY_FROM = re.compile(r"\btien\b.*" + _FROM_WHERE)  # not "dữ liệu lấy từ nguồn nào"
_SOURCE_ASKED = re.compile(_FROM_WHERE + r"|\bnguon gi\b")
_RECIPIENTS_ASKED = re.compile(r"\b(?:noi nhan|(?:dong )?kinh gui)\b")
_WHO_PAYS = re.compile(r"\bai (?:tra|chi tra|chiu|dong|bo|lo) (?:tien|chi phi|kinh phi|phi)\b|\bai (?:chi tra|chiu chi phi)\b")
# "Phòng nào lập báo cáo …": which body does it
_WHICH_BODY = re.compile(r"\b(?:phong|so|ban|bo|xa|phuong|cap|don vi|co quan|to chuc|trung tam|luc luong|nganh|"
                         r"uy ban|chi cuc|cuc|doan|hoi|tram|truong) nao\b")
_SENT_WHERE = re.compile(r"\b(?:gui|nop|chuyen|bao cao)(?: \w+){0,3}? (?:ve|den|len) (?:dau|co quan nao|don vi nao|noi nao)\b"
                         r"|\bgui (?:ai|cho ai|cho co quan nao)\b")
# a decision's preamble ends on who proposed it (Nghị định 30/2020/NĐ-CP): "Theo đề nghị của Giám đốc Sở …",
# "Xét Tờ trình số …"
_PROPOSED = re.compile(r"\b(?:theo|xet) (?:de nghi|to trinh)\b|\bto trinh so\b")


def basis_kind(q: Question) -> str:
    """The kind of document a question asks its plan to carry out ("ke hoach" of "… thực hiện kế hoạch nào?"); ""
    for any ("văn bản nào") or none."""
    m = _BASIS.search(q.folded)
    kind = (m.group("kind") or m.group("grounds") or "") if m else ""
    return "" if kind in ("van ban", "can cu") else kind


def cited_from(folded: str) -> int:
    """Where the question names the document its plan carries out ("…, và thực hiện theo kế hoạch số mấy của UBND
    tỉnh Tân Phong?"): the places named from there on are that document's, not the plan's; len(folded) if none."""
    m = _BASIS.search(folded)
    return m.start("kind") if m and m.group("kind") else m.start("grounds") if m and m.group("grounds") else len(folded)
# "những dự án luật nào" asks for several things; "những ngày nào", "các thời điểm nào" ask when
# "những thủ tục của Đảng nào", "những sản phẩm trái cây xuất khẩu chủ yếu nào" (four words); "các" is as often a
# plain plural ("các trạm bơm phải hoàn thành khi nào"): a shorter reach
_WHICH_ONES = re.compile(r"\b(?:nhung(?! (?:ngay|thang|nam|quy|thoi gian|thoi diem|thoi han|moc)\b)((?: \w+){1,8})|"
                         r"cac(?! (?:ngay|thang|nam|quy|thoi gian|thoi diem|thoi han|moc)\b)((?: \w+){1,5}))"
                         r"(?: cua(?: \w+){1,2}?)? (?:nao|gi)\b")


# "… mấy dự án? kể tên giúp", "liệt kê giúp mình": the things asked for are to be named one by one
_LISTING_VERBS = r"\b(?:ke ten|liet ke|neu ten|ke ra|ke het)\b"
_NAME_THEM = re.compile(_LISTING_VERBS)
_NAMED_ONE_BY_ONE = re.compile(r"(?<!\w)kể (?:ra|hết)\b")
_NAMED_ONE_BY_ONE_FOLDED = re.compile(r"(?<!thiet )(?<!thong )\bke (?:ra|het)\b")


def asks_which_ones(q: Question) -> bool:
    """"… gồm những thủ tục gì", "cụ thể là những cái nào", "… mấy dự án? kể tên": several things are asked for by
    what they are (not a list cued by "nhiệm vụ của …" alone)."""
    return bool(_WHICH_ONES.search(q.folded) or _NAME_THEM.search(q.folded))


# what any plan's list is made of: naming it says nothing of which list is asked
_ANY_LIST = frozenset(("nhiem vu", "viec", "cong viec", "noi dung", "giai phap", "hoat dong", "don vi", "co quan",
                       "chi tieu", "muc tieu", "ke hoach", "van ban", "linh vuc", "nhiem vu giai phap", "trach nhiem",
                       "san pham", "ket qua", "nguon", "nguon kinh phi", "nhom", "phan", "muc", "cai", "thu"))


# what a unit is given to do, counted ("Công an xã chủ trì mấy nhiệm vụ? liệt kê"): its duties listed count them
_DUTIES = frozenset(("nhiem vu", "viec", "cong viec", "noi dung", "hoat dong", "giai phap", "trach nhiem", "nhom"))


def _of_duties(noun: str) -> bool:
    """A folded noun naming duties ("nhiem vu", "viec gi"), not things."""
    return noun in _DUTIES or noun.split()[0] in _DUTIES


# "… bổ sung những trang thiết bị nào cho Văn phòng Đảng ủy, Mặt trận Tổ quốc …": the units things are for, not
# whose duties are asked ("giao cho", "gửi cho" name the doer or the receiver; "những nhiệm vụ nào cho Sở Y tế" its
# duties)
_FOR_UNITS = re.compile(r"(?<!\w)(?<!giao )(?<!công )(?<!gửi )(?<!chuyển )(?<!cấp )cho\s+((?:(?!\s(?:do|của)\s)[^?;:,])+"
                        r"(?:,(?!\s*(?:do|của)\s)\s*[^?;:,]+)*)", re.IGNORECASE)


def served_units(q: Question) -> list[str]:
    """The units named as those that things listed (not duties) are for, in a question typed with its marks (the
    asker's "cho tôi hỏi" is no "cho")."""
    if not q.listed or _of_duties(q.listed) or not has_diacritics(q.text):
        return []
    spans = [m.group(1) for m in _FOR_UNITS.finditer(without_courtesy(q.text))]
    return [u for u in q.units if any(u in s for s in spans)]


# "… phải gửi kế hoạch sử dụng năng lượng cho Sở Công Thương chậm nhất ngày nào?": where a thing is sent, not who
# sends it
_SENT_TO = re.compile(r"\b(?:gui|nop|trinh)\b(?:\s+\S+){0,10}?\s+(?:(?:ve |len |den )?cho|ve|den|toi|len)\s+(.+)")


def receiving_units(q: Question) -> list[str]:
    """The units a question names as those something is sent or handed in to, within one clause, and named nowhere
    else in it ("… nhận báo cáo gửi về Sở Y tế" of a question asking Sở Y tế's duties names it twice)."""
    clauses = [fold_question(c) for c in re.split(r"[,;.?!]", q.text)]
    spans = [m.group(1) for c in clauses for m in _SENT_TO.finditer(c)]
    return [u for u in q.units if any(s.startswith(key := fold_question(u)) for s in spans)
            and q.folded.count(key) == 1]


# "… chỉ đứng vai phối hợp chứ không chủ trì ở những nội dung nào?", "những nhiệm vụ nào UBND xã chỉ là đơn vị phối
# hợp?": the tasks a unit coordinates and does not lead
_ONLY_COORDINATES = re.compile(r"\bchi (?!dao\b|huy\b)(?:\w+ ){0,3}phoi hop\b(?! voi\b)|\bvai (?:tro )?phoi hop\b")


def asks_coordinated(q: Question) -> bool:
    """The tasks a named unit only coordinates are listed (not those it leads, nor whom it works with)."""
    return q.wants("list") and bool(q.units) and _ONLY_COORDINATES.search(q.folded) is not None


_LEADS_PLAN = re.compile(r"\b(?:chu tri|dau moi|thuong truc|tham muu|phu trach|dieu phoi)\b")  # not "làm Trưởng ban"


def asks_plan_lead(q: Question) -> bool:
    """"KH triển khai QĐ 06/QĐ-TTg về CSDL quy hoạch của TP.HCM do sở nào chủ trì?": who leads the plan itself — the
    question names no task, only the plan (every word it is about is in the phrase naming the plan)."""
    if not q.wants("responsibility") or q.wants("list", "deadline", "compare") or not _LEADS_PLAN.search(q.folded):
        return False
    naming = f" {naming_phrase(q.text, commas=True)} "
    # "UBND TP.HCM ban hành kế hoạch …": the issuer names the plan too (folded one character for one)
    if issued := _ISSUED_BY.match(fold_accents(q.text).lower()):
        naming += f"{fold_accents(expand_abbreviations(q.text[:issued.end(1)])).lower()} "

    def named(word: str) -> bool:  # "cơ sở dữ liệu" is named as typed, or by its initials ("CSDL")
        folded = fold_accents(word).lower()
        return f" {folded} " in naming or f" {''.join(s[0] for s in folded.split())} " in naming
    # "đơn vị nào là cơ quan thường trực?": the role asked ("cơ quan thường trực") is no topic of a task
    return naming.strip() != "" and all(named(w) for w in topic_words(_ROLE_ASKED.sub(" ", q.text)))


_ISSUED_BY = re.compile(r"^(.{2,60}?)\s+ban hanh\b")
_ROLE_ASKED = re.compile(r"(?i)(?<!\w)(?:cơ quan|đơn vị|co quan|don vi) (?=(?:thường trực|đầu mối|thuong truc|dau moi)(?!\w))")


def asks_which_plan_only(q: Question) -> bool:
    """A comparison cued by nothing but "kế hoạch nào" / "văn bản nào" ("… thay thế cho những kế hoạch nào?"): when
    the question names one plan, it asks which documents that plan refers to, not which plan answers."""
    return _which_plan_only(q.text) and not _two_askers(q.text) and not _each_place(q.text, q.folded)


def _plans_said(text: str) -> str:
    """The folded question with "KH" typed for "kế hoạch" written out ("KH tạo lập dữ liệu … và KH CSDL …": two
    plans), without an aside setting documents apart ("(ngoài NQ 57 và QĐ 204)": not two plans asked of)."""
    return fold_question(kinds_spelled(_SET_APART.sub(" ", text)))


_SET_APART = re.compile(r"\((?:ngoài|ngoai|trừ|tru|ngoại trừ|ngoai tru|không kể|khong ke)\b[^()]*\)", re.IGNORECASE)


def _which_plan_only(text: str) -> bool:
    folded = fold_question(text)
    return not _TWO_PLANS.search(_plans_said(text)) and not re.search(r"\b(?:hon|hay)\b", folded) and not any(
        has_phrase(folded, c) for c in _CUES["compare"] if c not in ("ke hoach nao", "van ban nao"))


# one field of a task asked alone: its co-units ("những cơ quan nào phối hợp với Bộ Công an", "đơn vị phối hợp là
# ai"), or its product ("sản phẩm là gì", "kết quả đầu ra là văn bản gì") — not who leads it as well
_FIELD_ALONE = (
    ("co", re.compile(r"\b(?:ai|nao|nhung ai)(?: \w+){0,2}? phoi hop\b|\bphoi hop\b(?: \w+){0,8}? (?:la )?(?:ai|nao)\b")),
    ("product", re.compile(r"\b(?:san pham|dau ra)(?: \w+){0,4}? (?:la )?(?:gi|nao)\b")),
)
_LEAD_ASKED = re.compile(r"\b(?:chu tri|chiu trach nhiem|phu trach|dau moi)\b|\bai (?:lam|thuc hien)\b")


def field_asked(text: str) -> str:
    """"co" or "product" when the question asks that one field of a task, else "" (an aside naming who leads,
    "(Bộ TT&TT chủ trì, làm hằng năm)", tells which task)."""
    folded = fold_question(without_asides(text))
    if _LEAD_ASKED.search(folded):
        return ""
    return next((role for role, cue in _FIELD_ALONE if cue.search(folded)), "")


def fold_question(text: str) -> str:
    """'Ai chủ trì hoá …?' -> 'ai chu tri hoa …': tone placement and accents folded, lower case, words only."""
    return " ".join(_WORDS.findall(fold_accents(fold_tones(text)).lower()))


def has_phrase(folded: str, phrase: str) -> bool:
    """`phrase` occurs in `folded` as whole words."""
    return f" {phrase} " in f" {folded} "


@dataclass(frozen=True)
class Question:
    text: str
    folded: str
    intents: frozenset[str]
    units: tuple[str, ...]  # units the question names ("Sở Y tế phải làm gì?")
    times: frozenset[str]  # time tokens of the question (see vocab.dates.time_mentions)
    references: frozenset[str] = frozenset()  # documents named by number: "57 nq" for "Nghị quyết 57", "57-NQ/TW"
    expect: Expectation = field(compare=False, default=None)  # type: ignore[assignment]
    listed: str = ""  # folded, what a list question asks for ("thu tuc hanh chinh" of "những thủ tục hành chính nào")

    def wants(self, *names: str) -> bool:
        return any(n in self.intents for n in names)

    @property
    def wants_source(self) -> bool:
        """"Tiền mua sắm … lấy từ nguồn nào?", "nguồn kinh phí từ đâu?": where money comes from, by name — asked
        alone: of "… lấy từ đâu, ai tham mưu bố trí và mục tiêu giải ngân thế nào?" the passage giving the other
        facts leads, and the part asking the source finds its own."""
        return "funding" in self.intents and bool(_SOURCE_ASKED.search(self.folded)) and not _in_parts(self.text)


# asking syllables of the cues as typed with diacritics: "nạo vét" is not "nào", "giữa kỳ" is not "ký"
_ACCENTED = {"nao": "nào", "gi": "gì"}
# asking for a unit, as written: "bản nào" (which village), "số nào", "bộ nào" of a set ask no one
_WRITTEN = {"ban nao": "ban nào", "so nao": "sở nào", "bo nao": "bộ nào", "nganh nao": "ngành nào",
            "don vi nao": "đơn vị nào", "co quan nao": "cơ quan nào", "to chuc nao": "tổ chức nào",
            "bo phan nao": "bộ phận nào", "don vi gi": "đơn vị gì", "co quan gi": "cơ quan gì",
            "du tru": "dự trù",  # a budget estimate; "dự trữ" (stockpiling rice, sandbags) is none
            # when: not "cây chủ lực nào", "năng lực nào" (lực), "quỹ nào", "mọc"
            "luc nao": "lúc nào", "quy nao": "quý nào", "moc": "mốc", "thang nao": "tháng nào", "ngay nao": "ngày nào"}
_SIGNING = frozenset(("signer", "date"))  # intents whose cues say "ký"; "định kỳ" (deadline) is another word


def _cue_in(words: list[str], typed: list[str] | None, cue: str, intent: str) -> bool:
    """The cue's words occur in a row in the question's folded `words`; when the question was `typed` with
    diacritics (its words, same positions), each asking syllable of the cue is that word as it is written."""
    cue_words = cue.split()
    accented = dict(_ACCENTED, ky="ký") if intent in _SIGNING else _ACCENTED
    if typed is not None and cue in _WRITTEN:
        written = _WRITTEN[cue].split()
        return any(typed[at:at + len(written)] == written for at in range(len(typed) - len(written) + 1))
    for at in range(len(words) - len(cue_words) + 1):
        if cue == "phoi hop" and " ".join(words[max(at - 2, 0):at]) in _KINDS_OF_COORDINATION:
            continue  # "kế hoạch phối hợp", "nội dung phối hợp": a kind of plan or of work, no co-unit asked
        if words[at:at + len(cue_words)] == cue_words and (typed is None or all(  # "Ai ky kế hoạch?": bare is fine
                typed[at + k] in (accented[w], w) for k, w in enumerate(cue_words) if w in accented)):
            return True
    return False


_KINDS_OF_COORDINATION = frozenset(("ke hoach", "chuong trinh", "quy che", "noi dung", "cong tac", "hoat dong",
                                    "co che"))


# a figure measured against a baseline, not two plans: "giảm 75% so với bình quân giai đoạn 2021 - 2025", "cắt giảm
# … so với quy định hiện hành"
_BASELINE = re.compile(r"\bso voi (?:binh quan|trung binh|cung ky|nam|giai doan|thoi ky|ky|hien nay|hien trang|"
                       r"dau ky|thoi diem|truoc|luc|muc(?! tieu)|quy dinh(?: hien hanh)?(?! cua)|ban dau)\b")  # "so với mục tiêu … của NQ 57" is another plan's


# "… so với mục tiêu chung cả nước trong Nghị quyết 57": measured against another document's figure, two plans
_AGAINST = re.compile(r"\bso voi\b(?: \w+){0,12}? (?:" + _KIND_WORD + r" (?:so )?\d+|" + _NUMBERED_KIND + ")")


_ASIDE = re.compile(r"\(([^()]{3,120})\)")


# the asker saying where they work before the question: "Tôi ở Sở Tư pháp một tỉnh, đang được giao …. Theo KH …",
# "Mình làm ở NHNN khu vực XII. …" (up to the end of that clause)
_ASKER_SAYS = re.compile(r"(?:^|(?<=[.?!;]\s))(?:tôi|mình|em|chúng tôi)\s+(?:là|đang|làm|công tác|ở|thuộc)\b[^,.?!;]*",
                         re.IGNORECASE)
# … and the question asking about the asker: "bên mình chủ trì …", "đơn vị tôi phải …", "xã mình cần …"
_ABOUT_ASKER = re.compile(r"\b(?:ben|don vi|co quan|xa|phuong|so|phong|huyen|tinh|cua|chung) (?:toi|minh|em)\b")


_OWN_LEVEL = re.compile(r"\b(xã|phường|thị trấn|huyện|quận|thị xã|tỉnh)\s+(?:chúng tôi|chúng em|mình|tôi|em)\b",
                        re.IGNORECASE)


def without_asker(text: str) -> str:
    """The question with the words in which the asker says who they are blanked, when the rest asks nothing of them:
    "Tôi ở Sở Tư pháp …. Theo KH …, UBND tỉnh gửi kết quả về đâu?" asks of UBND tỉnh, not of Sở Tư pháp; "Mình
    làm ở NHNN khu vực XII. … bên mình chủ trì những chỉ tiêu nào?" asks of the asker's unit and is kept whole."""
    m = _ASKER_SAYS.search(text)
    if m is None or _ABOUT_ASKER.search(fold_question(text[m.end():])):
        return text
    return text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]


_PRONOUN = "(?:toi|em|minh|chau|anh|chi|ban)"
# the asker's courtesy, which says nothing of what is asked: "Cho tôi hỏi, …", "anh/chị cho biết giúp …", "…, liệt
# kê giúp mình", "… ạ?"; and the asking verbs of a list ("kể tên", "liệt kê"); read on the folded question
_COURTESY = re.compile("|".join([
    rf"\b(?:cho|xin|de) {_PRONOUN} (?:duoc )?hoi(?: (?:chut|mot chut))?\b",
    r"\b(?:anh chi|anh/chi|anh|chi|ban)(?: oi)?,? (?:vui long |lam on )?(?:cho (?:(?:toi|em|minh) )?)?biet"
    r"(?: giup| gium)?\b",
    rf"\b{_PRONOUN} (?:muon|can|xin) hoi\b",
    r"\b(?:anh|chi|ban|em) oi\b",
    r"\b(?:vui long|lam on)\b",
    rf"\b(?:giup|gium|ho) {_PRONOUN}\b",
    r"(?<=\w) (?:giup|gium)(?= *(?:[?.!,]|$))",
    _LISTING_VERBS,
]))
_PARTICLE = re.compile(r"(?<!\w)(?:ạ|nhé|nha|nhỉ)(?=\s*[?.!]*\s*$)", re.IGNORECASE)  # "nhà" is no "nha"


def without_courtesy(text: str) -> str:
    """The question with the asker's courtesy and listing verbs blanked: they are no words of what is asked, and a
    passage need not say them."""
    folded = fold_accents(text).lower()
    if len(folded) != len(text):
        return text
    for m in reversed(list(_COURTESY.finditer(folded))):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return _PARTICLE.sub(" ", text)


def without_asides(text: str, mark: str = " ") -> str:
    """The question without the asides that only name its plan ("(ký bởi Phó Bí thư …)", "(kèm QĐ 2820)"): they
    ask nothing and say nothing of what is asked; an aside holding a question word stays."""
    return _ASIDE.sub(lambda m: m.group(0) if asks(m.group(1)) else mark, text)


def without_setting_verb(text: str) -> str:
    """"… đặt mục tiêu bao nhiêu", "… đặt bao nhiêu": the asker's verb for a plan setting a target, which folds as
    the "đạt" of every target line ("Tỷ lệ … đạt 60%") and would find them all alike; "lắp đặt" is kept. So is the
    verb by which a plan sets a unit a task ("… yêu cầu Sở Y tế chú trọng …"): the passage giving the task need not
    say it ("đáp ứng yêu cầu" is no answer)."""
    text = _SETTING.sub(" ", text)
    return _ASSIGNING.sub(lambda m: " " if text[m.end():m.end() + 1].isupper() and starts_with_unit(text[m.end():])
                          else m.group(0), text)


_ASSIGNING = re.compile(r"\byêu cầu\s+")  # "Đề nghị các cơ quan …" opens the part naming bodies asked to help
_SETTING = re.compile(r"(?<!lắp )\bđặt(?= (?:ra )?(?:(?:mục tiêu|chỉ tiêu|mức|tỷ lệ)\b|(?:\w+ ){0,3}?bao nhiêu\b))",
                      re.IGNORECASE)


@lru_cache(maxsize=256)  # one ask reads its question in several checks: parsed once
def analyse(text: str) -> Question:
    folded = fold_question(text)
    # an aside naming the plan ("(ký bởi Phó Bí thư …)", "(ban hành kèm Quyết định …)") asks nothing
    pieces = without_asides(text, "\0").split("\0")
    cue_words = [w for i, p in enumerate(pieces) for w in ([] if i == 0 else ["|"]) + fold_question(p).split()]
    typed = [w for i, p in enumerate(pieces) for w in ([] if i == 0 else ["|"]) + _WORDS.findall(fold_tones(p).lower())] \
        if has_diacritics(text) else None
    intents = {name for name, cues in _CUES.items() if any(_cue_in(cue_words, typed, c, name) for c in cues)}
    if "compare" in intents and folded.count("so voi") == len(_BASELINE.findall(folded)) and \
            not any(has_phrase(folded, c) for c in _CUES["compare"] if c != "so voi") and not _AGAINST.search(folded):
        intents.discard("compare")
    if _TWO_PLANS.search(_CARRIED_PAIR.sub(" ", _plans_said(text))) or _two_askers(text) or _each_place(text, folded):
        intents.add("compare")

    listed = ""
    if which := _WHICH_ONES.search(folded):  # "những dự án luật nào", "các sản phẩm gì": several things are asked for
        intents.add("list")
        kind = (which.group(1) or which.group(2)).strip()
        listed = kind if kind not in _ANY_LIST else ""
    if _NAMED_ONE_BY_ONE.search(fold_tones(text).lower()) if has_diacritics(text) else \
            _NAMED_ONE_BY_ONE_FOLDED.search(folded):
        intents.add("list")  # "… mấy loại? Kể ra giúp mình": named one by one ("thiết kế ra sao" lists nothing)
    if _ISSUED_ON.search(folded) and not IN_FORCE_ASKED.search(folded):
        # "… được ban hành vào những ngày nào?" ("… hết hiệu lực vào ngày nào?" asks no day it was issued)
        intents.add("date")
    if _SIGNED_BY_POST.search(folded):  # "phó chủ tịch nào ký", "đồng chí nào ký"; not "sở nào ký kết"
        intents.add("signer")
    if _BASIS.search(folded):  # "… để thực hiện kế hoạch nào?" asks what the plan carries out, it compares none
        intents.add("basis")
        if _which_plan_only(text):
            intents.discard("compare")
    if _MONEY_FROM.search(folded):  # "Tiền làm chuyển đổi số … lấy từ nguồn nào?": where the money comes from
        intents.add("funding")
    if _RECIPIENTS_ASKED.search(fold_accents(text).lower()):  # asked in an aside too: "… những cơ quan nào (nơi nhận)"
        intents.add("recipients")
    if _WHO_PAYS.search(folded):  # "ai trả tiền vắc xin": who bears the cost, not who leads a task
        intents = (intents | {"funding"}) - {"responsibility"}
    if expectation(text).pattern is FREQUENCY:  # "bao lâu phải báo cáo kết quả … một lần": how often
        intents.add("frequency")
    # "… trước 31/12/2025 phải không?" (not a plan's year: "kế hoạch … năm 2026, có phải … không?")
    if checks_premise(text) and not intents and any(not t.startswith("Y") for t in time_mentions(text)):
        intents.add("deadline")
    if "deadline" in intents and _RATE.search(folded) and not any(
            _cue_in(_RATE.sub(" ", folded).split(), None, c, "deadline") for c in _CUES["deadline"]):
        intents.discard("deadline")  # "tốc độ tăng trưởng bình quân hằng năm … bao nhiêu?": a rate, asked no when
    if "reporting" in intents and not intents & {"deadline", "responsibility"}:
        intents.add("deadline")  # "báo cáo … thế nào?" asks when and to whom
    if _number_asked(fold_accents(fold_tones(text)).lower()):  # punctuation kept: "… số mấy, do ai ký?"
        intents.add("number")
        rest = fold_question(without_number_asked(text))  # "… số bao nhiêu, ai ký?" asks no figure
        if not any(_cue_in(rest.split(), None, c, "target") for c in _CUES["target"]):
            intents.discard("target")
    if DOC_NUMBER_CUE.search(folded) and not any(has_phrase(folded, c) for c in _CUES["target"] if c != "bao nhieu"):
        intents.discard("target")  # "số hiệu bao nhiêu?" asks the document's number, not a figure
    if intents & {"number", "signer", "issuer"} and _WHICH_DAY.search(folded):  # "… số mấy, ngày nào, ai ký?",
        intents.add("date")  # "… số bao nhiêu, ngày nào, đồng chí nào ký?"
    if PROPOSAL_CUE.search(folded) or ORDER_CUE.search(folded):  # a number the preamble cites, not "Số: …"
        intents -= {"number", "metadata"}
    if CITED_NUMBER_CUE.search(folded):  # "… căn cứ Chiến lược … ban hành theo quyết định số mấy, ngày nào?"
        intents = (intents | {"basis"}) - {"number", "metadata", "date", "deadline"}
    if sent := _SENT_WHERE.search(folded):  # "… gửi về đâu?", "báo cáo về cơ quan nào?": where it is sent
        intents.add("destination")
        around = f"{folded[:sent.start()]} {folded[sent.end():]}"
        if not any(_cue_in(around.split(), None, c, "responsibility") for c in _CUES["responsibility"]) and \
                not _WHICH_BODY.search(around):
            intents.discard("responsibility")  # "… và gửi cho ai?": to whom, not who does it
    if _PROPOSED.search(folded) or PROPOSAL_CUE.search(folded):  # "ban hành theo đề nghị của cơ quan nào": who proposed, not who leads a task
        intents = (intents | {"proposal"}) - {"responsibility"}
    if intents & {"number", "date", "issuer", "signer", "title"}:
        intents.add("metadata")
    named = DOC_NUMBER.sub(" ", text)  # "KH 597/KH-UBND Dong Thap …": the issuer's code in a number names no unit
    units = tuple(u for u in unit_mentions(named) if len(u.split()) >= 2) if has_diacritics(text) else \
        tuple(unit_mentions_folded(fold_question(named)))
    # "xã chúng tôi phải làm những gì?": the duties of the asker's own commune are those of its People's Committee,
    # as plans name it; asked of one task ("xã mình phải xong … trước ngày nào?"), the doer is whoever the plan says
    if "list" in intents and not units:
        units = tuple(f"Ủy ban nhân dân {m.group(1).lower()}" for m in _OWN_LEVEL.finditer(text))
    expect = _years_asked(expectation(text), text)
    if "list" in intents and units and expect.count_nouns and \
            all(map(_of_duties, expect.count_nouns)):
        expect = replace(expect, count_nouns=())  # its duties listed are counted
    return Question(text=text, folded=folded, intents=frozenset(intents), units=units,
                    times=frozenset(time_mentions(text)), references=references(text), expect=expect, listed=listed)


_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")


def _years_asked(expect: Expectation, text: str) -> Expectation:
    """A year in the words naming the plan ("Chương trình … chuyển đổi số năm 2026 của xã: năm 2025 … đạt bao
    nhiêu?") says which plan; the year asked outside them is the one a passage must say."""
    naming = set(_YEAR_WORD.findall(naming_phrase(text)))
    asked = [y for y in (*expect.years, *expect.numbers) if _YEAR_WORD.fullmatch(y)]
    if not naming or all(y in naming for y in asked):  # the phrase ran on over what is asked: nothing to tell
        return expect
    years = [y for y in expect.years if y not in naming]
    numbers = [n for n in expect.numbers if n not in naming] + (years if len(years) == 1 else [])
    return replace(expect, years=tuple(years) if len(years) > 1 else (), numbers=tuple(numbers))


_KIND_NAMES = {"ke hoach": "kh", "nghi quyet": "nq", "quyet dinh": "qd", "chi thi": "ct", "chuong trinh": "ctr",
               "huong dan": "hd", "thong bao": "tb", "ket luan": "kl", "de an": "da"}
# "NQ 57", "KH 144", "QĐ 2954": the kind's code names it too ("đã 5 năm" is no "ĐA 5")
_KIND_WORDS = {**_KIND_NAMES, **{code: code for code in _KIND_NAMES.values() if code != "da"}}
_NAMED_BY_NUMBER = re.compile(r"\b(" + "|".join(_KIND_WORDS) + r")(?: so)? ?(\d{1,5})\b")  # "NQ 57", "NQ57"
_KINDS_OF_DOCUMENT = "(?:" + "|".join([*_KIND_NAMES, "van ban"]) + ")"
_KIND_OPENS = re.compile(_KINDS_OF_DOCUMENT + " ")
_OTHER_DOCUMENT_BEFORE = re.compile(r"\b(?:thay(?! doi)(?: the)?|bai bo|thuc hien|trien khai|can cu(?: vao)?)"
                                    r"(?: (?:theo|vao|nhung|cac))? " + _KINDS_OF_DOCUMENT + " $")
_NAMES_A_DOCUMENT = re.compile(r"\b(?:" + "|".join([*_KIND_WORDS, "phu luc", "cthd"]) + r"|so \d+)\b")


def names_a_document(folded: str) -> bool:
    """The (folded) question names a document by its kind, in words or as staff shorten it ("KH CĐS", "theo NQ",
    "CTHĐ", "phụ lục"), or by its number."""
    return bool(_NAMES_A_DOCUMENT.search(folded))


# "Chương trình hành động 32-CTr/TU … ban hành ngày nào?": a question opening on a document named by its number asks
# of that document, which may be one the plan cites
_OPENS_ON_NUMBER = re.compile(r"^(?:(?:theo|trong|cho biet)\s+)?(" + "|".join(_KIND_NAMES) +
                              r")(?: hanh dong)?(?: so)? (\d{1,5})\b")


_NUMBERED_DOCUMENT = re.compile(r"\b(" + "|".join(_KIND_NAMES) + r")(?: hanh dong)?(?: so)? (\d{1,5})\b")
_ISSUED = re.compile(r"\b(?:ban hanh|(?<!dinh )(?<!nhiem )(?<!hoc )ky)\b")  # not "định kỳ", "nhiệm kỳ"


def document_asked(text: str) -> str:
    """'32 ctr' for "Chương trình hành động 32-CTr/TU … ban hành ngày nào?", or for "Trong phần căn cứ của kế hoạch
    …, Quyết định 185-QĐ/TW … được ban hành ngày nào?" (the last document named before "ban hành", unless the plan
    carries it out); '' when no document is the subject."""
    folded = fold_question(text)
    if m := _OPENS_ON_NUMBER.match(folded):
        return f"{m.group(2)} {_KIND_NAMES[m.group(1)]}"
    issued = _ISSUED.search(folded)
    named = [m for m in _NUMBERED_DOCUMENT.finditer(folded, 0, issued.start() if issued else 0)]
    if not named or _CARRIED_OUT.search(folded[:named[-1].start()]):
        return ""
    return f"{named[-1].group(2)} {_KIND_NAMES[named[-1].group(1)]}"


# "Chương trình … thực hiện Nghị quyết 57", "… của Chính phủ về Nghị quyết 57": the number names the document
# carried out, not the one asked about; "theo dõi kết quả / việc / tình hình thực hiện Nghị quyết 57" asks of the
# resolution's own carrying out, which it assigns itself
_CARRIED_OUT = re.compile(r"\b(?:(?<!ket qua )(?<!viec )(?<!tinh hinh )thuc hien|trien khai|cu the hoa|quan triet|ve)(?: (?:cac|cua))?\s*(?:"
                          + "|".join(_KIND_WORDS) + r")?(?: so)?\s*$")


# what a question says of a plan after naming it: "kế hoạch dân số Cần Thơ | đặt mục tiêu …"
_PREDICATE = re.compile(r"\b(?:con|cung|dat|giao|yeu cau|quy dinh|de ra|phan dau|huong toi|bo tri|co (?!quan)|la (?:gi|ai|bao)|"
                        r"duoc|do ai|phai|chia|thay the|ky|gui|bao cao|chu tri|neu|noi|xac dinh|nhu the|ai|nao|gi|bao nhieu)\b")
_MAKING = re.compile(r"\b(?:xay dung|lap|soan thao|du thao)\s+$")  # verbs that make a document
_PLAN_KIND = re.compile(r"\b(?:" + "|".join(["ke hoach", "chuong trinh", "nghi quyet", "quyet dinh", "de an",
                                              "chi thi", "phu luc"]) + r")\b")


# what a question asks with, beside what it asks about: its cue words and a plan's predicates ("đặt", "giao")
_ASKING_SYLLABLES = frozenset(w for phrase in _ASKING_WORDS for w in phrase.split()) | {"dat", "giao", "con", "ra"}


def says_what(part: str) -> bool:
    """The part (typed with diacritics) says what it asks about in words of its own, not only names and cue words:
    "…, còn Đảng ủy xã Tân Lập đặt mục tiêu đón bao nhiêu lượt khách?" does, "…, còn Bắc Ninh đặt bao nhiêu?" not."""
    own = [fold_accents(w).lower() for w in re.findall(r"\w+", part) if w[0].islower()]
    return sum(w not in STOPWORDS and w not in _ASKING_SYLLABLES for w in own) >= _OWN_WORDS


_OWN_WORDS = 2
_WHILE = re.compile(r",?\s+(?:còn|con)\s+|;\s+", re.IGNORECASE)  # "…, còn B …?", "A … trước ngày nào; B … ngày nào?"


def _two_askers(text: str) -> bool:
    """"Sở X đặt mục tiêu bao nhiêu …, còn Đảng ủy xã Y đặt chỉ tiêu bao nhiêu?": each part names its own unit and
    asks, so each unit's plan answers its part."""
    parts = _WHILE.split(text)
    if len(parts) != 2 or not all(asks(p) for p in parts):
        return False
    named = [unit_mentions(p) if has_diacritics(p) else unit_mentions_folded(fold_question(p)) for p in parts]
    return all(named) and not set(named[0]) & set(named[1]) and not _one_body(named[0], named[1])


_EACH_PLACE = re.compile(r"\b(?:moi|tung) (?:noi|ben|dia phuong|tinh|huyen|xa|phuong|thanh pho)\b")


def _each_place(text: str, folded: str) -> bool:
    """"Huyện Kỳ Vân … và huyện Thạch Lũy … mỗi nơi dành bao nhiêu …?": two places named, each asked of on its own —
    each place's plan answers for it."""
    return bool(_EACH_PLACE.search(folded)) and len({fold_tones(p.lower()) for p in places_named(text)}) >= 2


def _one_body(first: Iterable[str], second: Iterable[str]) -> bool:
    """"Các ban đảng Tỉnh ủy Đồng Nai …? Còn Văn phòng Tỉnh ủy …?": an office of the body the other part names is in
    that body's plan (its first two words, "tỉnh ủy", said in the other's name), no second plan to compare."""
    a, b = ([fold_question(u) for u in units] for units in (first, second))
    return any(" ".join(x.split()[:2]) in y for x, y in [*((x, y) for x in a for y in b), *((y, x) for x in a for y in b)]
               if len(x.split()) >= 2)


@lru_cache(maxsize=256)  # asked of each row an answer renders, and by several checks
def naming_phrase(text: str, commas: bool = False) -> str:
    """The words a question names its plan with, accent-folded: from the first kind word ("kế hoạch",
    "chương trình", …) to the predicate or the end of the clause (past commas, when `commas`: "Kế hoạch thu gom,
    phân loại rác thải … của UBND huyện Đông Sa số mấy"). "" when the question names no plan kind."""
    clause = re.split(r"[:;?]" if commas else r"[,:;?]", fold_accents(fold_tones(kinds_spelled(text))).lower())
    for part in clause:
        folded = " ".join(_WORDS.findall(part))
        # "… phải xây dựng kế hoạch cụ thể hóa chương trình X": a document to be made names no plan, the next does
        kind = next((k for k in _PLAN_KIND.finditer(folded) if not _MAKING.search(folded[:k.start()])), None)
        if kind:
            rest = folded[kind.end():]
            end = _PREDICATE.search(rest)
            return folded[kind.start():kind.end() + (end.start() if end else len(rest))].strip()
    return ""


def references(text: str) -> frozenset[str]:
    """Documents a question names by number: 'Nghị quyết 57' and '57-NQ/TW' -> '57 nq'; 'kế hoạch 308' -> '308 kh'.
    A number after "thực hiện", "triển khai", "cụ thể hóa" names the higher document a plan carries out: left out."""
    folded = fold_question(text)
    out = {f"{m.group(2)} {_KIND_WORDS[m.group(1)]}" for m in _NAMED_BY_NUMBER.finditer(folded)
           if not _CARRIED_OUT.search(folded[:m.start()])}
    for number in doc_numbers(text):
        digits = re.match(r"\d+", number)
        at = text.find(number)
        if digits and kind_code(number) and not _CARRIED_OUT.search(fold_question(text[:max(at, 0)])):
            out.add(f"{digits.group(0)} {fold_accents(kind_code(number)).lower()}")
    return frozenset(out)


def topic_words(text: str) -> list[str]:
    """What the question is about: its nouns of two syllables or more ("sầu riêng", "đăng kiểm", "tuổi thọ"),
    without asking words ("tỷ lệ", "số hiệu", "giai đoạn", "chủ đề") or the noun before "gì"/"nào", which names
    the kind of answer ("có những chức năng gì", "những dự án luật nào"). Lower case, tone placement folded. A question typed without
    diacritics has no reliable parts of speech: its words come from pyvi's word list, longest first."""
    # "BTV Tỉnh ủy" is about "Ban Thường vụ Tỉnh ủy", as plans write it out (without diacritics if typed so)
    text = expand_abbreviations(text) if has_diacritics(text) else fold_accents(expand_abbreviations(text))
    text = _SOURCE_FRAME.sub(r"\1", text)  # "Theo đánh giá trong kế hoạch …" says where to look, not what about
    # an abbreviation we cannot write out ("BTC": Ban Tổ chức or Bộ Tài chính) is no word a plan must say
    typed = {a.lower() for a in re.findall(r"(?<!\w)[A-ZĐ]{2,}(?!\w)", text)}
    folded = fold_question(text)
    words = nouns(fold_tones(text)) if has_diacritics(text) else \
        [t.replace("_", " ") for t in segment_folded(text)]
    # office loanwords that ask ("deadline", "KPI") are asking words, as "hạn chót" and "chỉ tiêu" are
    foreign = [w.lower() for w in re.findall(r"(?<![\w-])\w+(?![\w-])", text) if is_foreign_word(w)
               and w.lower() not in _ASKING_LOANWORDS]
    words = [_without_asking_verb(w) for w in words]
    return list(dict.fromkeys([*(fold_tones(w) for w in words if " " in w and _about(fold_tones(w).lower(), folded)
                                 and not typed & set(w.lower().split()) and not _runs_into_name(w, text)
                                 and not _runs_out_of_name(w, text)),
                               *foreign]))


_ASKING_LOANWORDS = frozenset(("deadline", "kpi"))
_SOURCE_FRAME = re.compile(r"\b(theo)\s+(?:đánh giá|nhận định|thống kê|danh gia|nhan dinh|thong ke)\b", re.IGNORECASE)


def _without_asking_verb(word: str) -> str:
    """"dòng Xoài … ghi lượng và giá trị bao nhiêu" tagged "ghi lượng": the asker's verb (ghi, nêu, nói, kể) joined to
    the noun after it is no word of the plan ("ghi nhận", "kể chuyện" are words); "… có hơn một chỉ tiêu dùng con số
    này" tagged "chỉ tiêu dùng": the asking word, the verb after it run in. "tổng phí dự kiến thu": the total of a
    thing, which a table's "Tổng cộng" row gives — the thing is the word ("tổng hợp", "tổng kết" are words)."""
    if is_word(word):
        return word
    verb, _, rest = word.partition(" ")
    if fold_accents(verb).lower() in _DROPPED_HEADS and rest:
        return rest
    syllables = word.split()
    if len(syllables) > 2 and fold_accents(" ".join(syllables[:2])).lower() in _ASKING_WORDS:
        return " ".join(syllables[:2])
    return word


_ASKING_VERBS = frozenset(("ghi", "neu", "noi", "ke"))
_DROPPED_HEADS = _ASKING_VERBS | {"tong"}  # the asker's verb run into a noun, or the total ("tổng") of a thing


def _runs_into_name(word: str, text: str) -> bool:
    """"giao Tổ đảng" tagged "giao tổ": a word typed in lower case, then a capital — a word and the name after it,
    not one word (a name's own syllables may go on in lower case: "Tổ đảng", "Sở Y tế")."""
    found = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, fold_tones(word).split())) + r"(?!\w)",
                      fold_tones(text), re.IGNORECASE)
    syllables = found.group(0).split() if found else []
    return bool(syllables) and syllables[0][:1].islower() and any(w[:1].isupper() for w in syllables[1:])


def _runs_out_of_name(word: str, text: str) -> bool:
    """"Tỉnh Sơn Nguyên đặt …" tagged "Nguyên đặt": the last syllable of a name (a capital after a capital) and the
    word after it, in lower case — no word of any plan ("Sở Y tế" is one: "y tế" is a word)."""
    syllables = fold_tones(word).split()
    if not has_diacritics(word):  # typed without marks, a word's case and the word list tell nothing
        return False
    found = re.search(r"(\w+)\s+" + r"\s+".join(map(re.escape, syllables)) + r"(?!\w)", fold_tones(text), re.IGNORECASE)
    if found is None:
        return False
    said = found.group(0).split()
    return said[0][:1].isupper() and said[1][:1].isupper() and any(w[:1].islower() for w in said[2:]) and \
        fold_tones(word).lower() not in dictionary_words()


def qualifying_words(text: str) -> list[str]:
    """Of a figure asked ("bao nhiêu", "mấy"), what the question says it is of, beside its nouns ("kinh phí để mua
    xe chữa cháy", "trung tâm … bán trú với kinh phí bao nhiêu"): a plan saying none of it gives a figure of another
    thing of the same kind. Typed with diacritics only (without them, parts of speech are guessed); lower case, tone
    placement folded."""
    if not has_diacritics(text) or not _FIGURE_ASKED.search(without_number_asked(text).lower()):
        return []
    text = _SOURCE_FRAME.sub(r"\1", expand_abbreviations(text))
    return list(_qualifying_in(text, text))


def _qualifying_in(span: str, text: str) -> tuple[str, ...]:
    """The qualifying words of `span` (of the question `text`, abbreviations written out) that say what is asked:
    not an abbreviation typed, a verb framing a figure, or a word running out of a name."""
    typed = {a.lower() for a in re.findall(r"(?<!\w)[A-ZĐ]{2,}(?!\w)", text)}
    folded = fold_question(text)
    return tuple(dict.fromkeys(fold_tones(w) for w in qualifiers(fold_tones(span))
                               if _about(fold_tones(w).lower(), folded) and not typed & set(w.split())
                               and not frames_figure(w) and not _runs_out_of_name(w, text)))


@lru_cache(maxsize=256)  # judged with each draft of an ask
def whether_asked(text: str) -> tuple[tuple[str, ...], ...]:
    """"… có phải ghi chú hoặc gắn nhãn là có sử dụng AI không?", "… là bắt buộc hay tự nguyện?": a yes-or-no or
    an either-or question asks whether the plan says a thing, so the thing's qualifying words (verbs, adjectives) are
    what a plan must say to answer, as a figure's are (`qualifying_words`). One list per alternative; typed with
    diacritics only. "cao hơn hay thấp hơn" compares, it asks no alternative."""
    if not has_diacritics(text):
        return ()
    text = _SOURCE_FRAME.sub(r"\1", expand_abbreviations(text))
    last = _SENTENCE_END.split(text.strip())[-1]
    if yes_no := _YES_NO.search(last):
        alternatives = [yes_no.group(1)]
    else:
        clauses = [c for c in _CLAUSE_END.split(last) if _OR.search(c) and not _COMPARED.search(c)]
        alternatives = _OR.split(clauses[-1]) if clauses else []
    return tuple(_qualifying_in(a, text) for a in alternatives)


_SENTENCE_END = re.compile(r"[?.;:]\s+(?=\S)")
_CLAUSE_END = re.compile(r"[,:;()—–]\s*|\s-\s")
_YES_NO = re.compile(r"\bcó\b(.*?)\b(?:hay|hoặc)?\s*không\s*[?.!…]*\s*$", re.IGNORECASE)
_OR = re.compile(r"\bhay(?: là)?\b", re.IGNORECASE)
_COMPARED = re.compile(r"\bhơn\s+hay\b", re.IGNORECASE)


def frames_figure(word: str) -> bool:
    """"phấn đấu", "xã yêu cầu": a verb framing a figure (the tagger may join a neighbour before it)."""
    return any(word.endswith(v) for v in _FRAMING_VERBS)


# verbs any plan frames its figures with, or an asker frames a question with, the bounds of a figure ("số hóa
# tối thiểu bao nhiêu hồ sơ", "giới hạn … ở mức nào") and its amount ("khối lượng bao nhiêu km", "quy mô"): they
# tell no thing from another
_FRAMING_VERBS = frozenset(("dự kiến", "bố trí", "tổng cộng", "phấn đấu", "đề ra", "đặt ra", "thực hiện",
                            "triển khai", "hoàn thành", "tổ chức", "huy động", "sử dụng", "đạt được", "cần thiết",
                            "yêu cầu", "tương ứng", "tương đương",
                            "quy định", "tối thiểu", "tối đa", "ít nhất", "nhiều nhất", "trở lên", "bình quân",
                            "giới hạn", "không vượt quá", "không quá", "khối lượng",
                            # the size or weight of a thing: "quy mô kinh tế số … bao nhiêu % GRDP" is "kinh tế số
                            # chiếm 45% GRDP"
                            "quy mô", "tỷ trọng"))


_FIGURE_ASKED = re.compile(r"\b(?:bao nhiêu|mấy)\b")  # typed with diacritics: "máy" is no "mấy"
_NOT_TOPIC = QUESTION_WORDS - {"bao"}  # "bảo hiểm", "báo cáo": "bao nhiêu", "bao lâu" are asking words already
# the same words as typed with diacritics: "thiên tai" holds no "tại", "tài liệu" no "tại", "bao gói" is a topic
_NOT_TOPIC_MARKED = _QUESTION_WORDS_MARKED - {"bao", "nhiêu"}


# "đơn vị chủ trì", "cơ quan phối hợp", "kết quả thực hiện": the kind of answer asked, or the asker's framing
_ASKED_ROLE_NOUNS = frozenset(("don vi", "co quan", "ket qua"))


def _about(word: str, folded: str) -> bool:
    """A word of the question says what it is about, not what kind of fact it asks for ("những chức năng gì"), nor
    the verb of the task asked about ("ai chủ trì soạn thảo": typed without diacritics, parts of speech are unknown)."""
    key = fold_accents(word)
    glue = _NOT_TOPIC_MARKED if has_diacritics(word) else _NOT_TOPIC
    # "tổng số liều … là bao nhiêu": a total asked, as "số lượng" asks a count ("trên tổng số hồ sơ nào" names one)
    if key == "tong so" and re.search(r"\bbao nhieu\b", folded):
        return False
    return key not in _ASKING_WORDS and all(s.isalpha() and s not in glue for s in word.split()) \
        and not re.search(rf"\b{re.escape(key)}(?: (?!khi |luc )\w+)? (?:gi|nao)\b", folded) \
        and not re.search(rf"\b(?:chu tri|phu trach|phoi hop) {re.escape(key)}\b", folded) \
        and not (key in _ASKED_ROLE_NOUNS and re.search(rf"\b{re.escape(key)} (?:chu tri|phoi hop|thuc hien|trien khai)\b",
                                                         folded))


# words that ask ("… bao nhiêu", "… khi nào", "… về đâu"): with diacritics, and folded for text typed without them
_ASKING = ("ai", "gì", "nào", "bao nhiêu", "bao lâu", "đâu", "thế nào", "ra sao", "mấy")
# "dau" is also "đầu", "dấu"; "may" also "máy" ("máy tính")
_ASKING_FOLDED = tuple(fold_accents(w) for w in _ASKING if w not in ("đâu", "mấy"))
_JOINS = re.compile(r"\s*[,;]\s*(?:(?:và|còn|đồng thời|va|con)\s+)?|\s+(?:và|còn|đồng thời|va|con)\s+")
# a joint that is a conjunction or a semicolon, not a bare comma ("… bao nhiêu phần trăm cơ quan, đơn vị … được
# trang bị …, và thời gian … cắt giảm bao nhiêu?": the comma lists nouns; "và" joins the two things asked); a part
# ending a few words after "bao nhiêu" (as typed, or "mấy") was cut inside what it counts
_CUT_COUNT = re.compile(r"(?:\bbao nhi[eê]u|(?<!\w)mấy)(?:\s+\w+){1,4}$", re.IGNORECASE)
_STRONG_JOINS = re.compile(r"\s*[,;]\s*(?:và|còn|đồng thời|va|con)\s+|\s*;\s*|\s+(?:và|còn|đồng thời|va|con)\s+")


def asks(piece: str, accented: bool | None = None) -> bool:
    """The piece holds a question word ("bao nhiêu", "nào", "ai" …); `accented`: read as typed with diacritics."""
    accented = has_diacritics(piece) if accented is None else accented
    return _asks_by_word(piece, accented) or bool(_TELL_ME.search(fold_accents(piece.lower())))


def _asks_by_word(piece: str, accented: bool) -> bool:
    folded = fold_tones(piece.lower()) if accented else fold_accents(piece.lower())
    return any(re.search(rf"(?<!\w){c}(?!\w)", folded) for c in (_ASKING if accented else _ASKING_FOLDED))


# "Anh/chị cho biết giúp số, ngày ban hành của …": asked by the imperative, with no question word; not a bare "cho
# biết," before the question
_TELL_ME = re.compile(r"\bcho biet(?: giup)?(?: (?:minh|toi|em|voi))? (?!giup\b)\w")


# "… có nói 04 dịch vụ công của Đảng, đó là những việc gì?": a count of things the question takes from the plan
_STATED_COUNT = re.compile(r"(?<![\w.,/:-])(\d{1,3}) ([a-zđà-ỹ]+ [a-zđà-ỹ]+)(?! \d)")
_NAMED_BY = re.compile(r"(?:ke hoach|chuong trinh|nghi quyet|quyet dinh|de an|du an|chi thi|thong bao|cong van|"
                       r"phu luc|muc|phan|dieu|khoan|so)\s*$")
_NOT_COUNTED = frozenset(("nam", "thang", "ngay", "quy", "tuan", "gio", "phut", "lan", "nguoi", "phan", "trieu", "ty",
                          "nghin", "ngan", "dong"))  # spans, times and sums are asked of, not named by a count


def stated_counts(text: str) -> list[re.Pattern[str]]:
    """The counts of things a question states ("04 dịch vụ công", "03 lễ hội"), each as the plan would say it
    (accent-folded, "04" or "4"): the passage saying it is the one the question is about."""
    out = []
    for m in _STATED_COUNT.finditer(text):
        words = fold_accents(m.group(2)).split()
        before = fold_accents(text[max(0, m.start() - 20):m.start()]).lower()
        # "Nghị quyết 57 là …", "Dự án 6 do …": a number naming a document or a part, and no noun counted after it
        if words[0] not in _NOT_COUNTED and words[0] not in STOPWORDS and not _NAMED_BY.search(before):
            out.append(re.compile(rf"(?<![\d.,/]){'0*' + str(int(m.group(1)))}\s+{words[0]}\s+{words[1]}\b"))
    return out


@lru_cache(maxsize=256)
def _in_parts(text: str) -> bool:
    return bool(question_parts(text))


def question_parts(text: str) -> list[str]:
    """The parts of a question asking two things or more, each ending on its own question word ("… cắt giảm bao
    nhiêu, và tỷ lệ … đạt mức nào?" -> two parts); [] when it asks one thing. Each sentence asks on its own
    ("… giao bộ nào xây dựng, triển khai Đề án …? Ở cấp tỉnh, … mang số gì?"): a comma inside one is no joint."""
    accented = has_diacritics(text)
    parts: list[str] = []
    pending = ""  # a sentence asking nothing ("Về Kế hoạch 182?") frames the next one
    for sentence in re.split(r"(?<=\?)\s+", text.strip()):
        sentence = f"{pending} {sentence}".strip()
        if not asks(sentence, accented):
            pending = sentence
            continue
        pending = ""
        joined = _joined_parts(sentence, accented)
        if any(_CUT_COUNT.search(p) or not _asks_by_word(p, accented) for p in joined[:-1]):
            # "bao nhiêu phần trăm cơ quan, đơn vị … , và thời gian …": a comma cut what is counted, listing nouns
            # (or what "cho biết giúp số, ngày ban hành …" asks for); the parts are those "và" joins, then each at
            # its commas
            joined = [p for piece in _joined_parts(sentence, accented, _STRONG_JOINS)
                      for p in _joined_parts(piece, accented) or [piece]] or joined
        parts += joined or _parallel_parts(sentence, accented) or _repeated_frame(sentence, accented) or [sentence]
    if pending and parts:
        parts[-1] += " " + pending
    return parts if len(parts) >= 2 else []


def _joined_parts(text: str, accented: bool, joins: re.Pattern[str] = _JOINS) -> list[str]:
    """One sentence's parts joined by commas and "và", "còn" (`joins`), each holding a question word; a piece
    without one belongs to the part it continues ("Sở Giáo dục và Đào tạo …" is not split)."""
    parts: list[str] = []
    current, at = "", 0
    for m in [*joins.finditer(text), None]:
        end = m.start() if m else len(text)
        current += text[at:end]
        if asks(current, accented) or m is None or parts and ";" in m.group(0):
            # a piece asking nothing belongs to the part it continues ("… thế nào trong tháng 5–6 và từ quý III;")
            if parts and not asks(current, accented):
                parts[-1] += " " + current.strip()
            elif current.strip():
                parts.append(current.strip())
            current = ""
        else:
            current += m.group(0)
        at = m.end() if m else len(text)
    return parts if len(parts) >= 2 else []


# "tỷ lệ A và tỷ lệ B là bao nhiêu?": two measures sharing one question word
_MEASURE_HEADS = ("tỷ lệ", "tỉ lệ", "tỷ số", "tỉ số", "tỷ suất", "tỉ suất", "tổng số", "số lượng", "số lượt", "số",
                  "chỉ tiêu", "mức", "diện tích", "sản lượng", "giá trị", "tốc độ", "mật độ",
                  "kinh phí", "thời hạn", "thời gian", "hạn")
_HEADS = "|".join(sorted({h for head in _MEASURE_HEADS for h in (head, fold_accents(head))}, key=len, reverse=True))
_PARALLEL = re.compile(rf"\s+(?:và|va)\s+({_HEADS})\b", re.IGNORECASE)
_PARALLEL_HEAD = re.compile(rf"(?<!\w)(?:{_HEADS})(?!\w)")


def _parallel_parts(text: str, accented: bool) -> list[str]:
    """"… tỷ lệ người cao tuổi được khám sức khỏe và tỷ lệ có thẻ bảo hiểm y tế là bao nhiêu?": when a measure
    after "và" repeats one named before it and the question word follows both, or follows the first only ("… chỉ
    tiêu gì về A và tỷ lệ B?"), the first measure and the second framed as the first is."""
    for m in _PARALLEL.finditer(text):
        head, before, after = m.group(1).lower(), text[:m.start()], text[m.start(1):]
        if asks(before, accented) == asks(after, accented):
            continue
        # after the question word, the second measure needs no measure of the same kind before it ("… đặt chỉ tiêu
        # gì về xử lý nồng độ cồn và tỷ lệ đội mũ bảo hiểm …")
        first = _PARALLEL_HEAD.search(before.lower()) if asks(before, accented) else \
            re.search(rf"(?<!\w){re.escape(head)}(?!\w)", before.lower())
        if first:  # the second measure keeps what frames both ("Đến năm 2030 xã Vân Nhạn đặt mục tiêu …")
            return [before.strip(), (before[:first.start()] + after).strip()]
    return _listed_measures(text, accented)


_FRAMING = {"cho", "ve", "doi", "voi", "trong", "tai", "o", "cua", "tu", "den", "vao"}  # "cho việc", "đối với"
_AND = re.compile(r"\s*,\s*(?:và|va)\s+|\s+(?:và|va)\s+", re.IGNORECASE)


def _repeated_frame(text: str, accented: bool) -> list[str]:
    """"… đặt thời hạn nào cho việc số hóa hồ sơ, và cho việc rà soát thiết bị?": the two words opening what
    follows "và" open a phrase after the question word before it; the second phrase is asked as the first is."""
    for m in _AND.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        opening = " ".join(after.split()[:2]).lower()
        if len(opening.split()) < 2 or fold_accents(opening.split()[0]) not in _FRAMING or not asks(before, accented) or asks(after, accented):
            continue
        at = before.lower().rfind(f" {opening} ")
        if at > 0 and asks(before[:at], accented):
            return [before.strip(), f"{before[:at].strip()} {after.strip()}"]
    return []


# what a list of measures is made of ("tỷ lệ …, tỷ số … và diện tích …"); "chỉ tiêu", "mức" frame a list, "số"
# alone is in "chuyển đổi số"
_LISTED_HEADS = ("tỷ lệ", "tỉ lệ", "tỷ số", "tỉ số", "tỷ suất", "tỉ suất", "tổng số", "số lượng", "số lượt",
                 "diện tích", "sản lượng", "giá trị", "tốc độ", "mật độ", "kinh phí", "thời hạn", "thời gian")
_NAMED_HEAD = re.compile(r"(?<!\w)(?:{})(?!\w)".format(
    "|".join(sorted({h for head in _LISTED_HEADS for h in (head, fold_accents(head))}, key=len, reverse=True))),
    re.IGNORECASE)
_LISTED = re.compile(rf"\s*,\s*(?:(?:và|va)\s+)?(?={_NAMED_HEAD.pattern})|\s+(?:và|va)\s+(?={_NAMED_HEAD.pattern})",
                     re.IGNORECASE)


def _listed_measures(text: str, accented: bool) -> list[str]:
    """"… đặt mục tiêu tổng tỷ suất sinh, tỷ số giới tính khi sinh và tỷ lệ trẻ sơ sinh … là bao nhiêu?": measures
    of different kinds listed before one question word, each asked in what frames the first."""
    joints = [m for m in _LISTED.finditer(text) if _NAMED_HEAD.search(text[:m.start()])]
    if not joints or not re.search(r"\b(?:và|va)\s*$", joints[-1].group(0), re.IGNORECASE):
        return []  # a list ends on "và"
    first = list(_NAMED_HEAD.finditer(text[:joints[0].start()]))[-1]
    starts = [first.start()] + [j.end() for j in joints]
    ends = [j.start() for j in joints] + [len(text)]
    items = [text[a:b].strip() for a, b in zip(starts, ends, strict=True)]
    if asks(text[:first.start()], accented) or any(asks(item, accented) for item in items[:-1]) \
            or not asks(items[-1], accented):
        return []
    frame = text[:first.start()]
    return [(frame + item).strip() for item in items]
