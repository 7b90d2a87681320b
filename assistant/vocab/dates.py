"""Dates, quarters, months, years, periods and recurrences, as plans write them.

Plans give deadlines in many forms: "Quý III/2026", "quý 3 năm 2026", "trước ngày 15/12/2025",
"ngày 15 tháng 12 năm 2025", "tháng 6/2025", "6/2025", "Năm 2025 - 2026", "giai đoạn 2026-2030",
"6 tháng đầu năm 2026", "Hằng năm", "Thường xuyên", "trước ngày 15 hằng tháng", "định kỳ 6 tháng".
`parse_timing` turns such a text into an interval (`due_start`..`due_end`) and a recurrence;
`time_mentions` turns every time expression of a text into canonical tokens, so that a verifier
can tell "Quý II/2026" from "Quý III/2026" and "tháng 6/2025" from "tháng 6/2026".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from assistant.text import UPPER, fold_accents
from assistant.vocab.numbering import roman_value, to_roman

Recurrence = str  # none | monthly | quarterly | half-yearly | yearly | continuous
RECURRENCES = ("none", "monthly", "quarterly", "half-yearly", "yearly", "continuous")

YEAR = r"(?:19|20)\d{2}"  # a year of a plan, as written
_SEP = r"\s*(?:/|-|năm|,)?\s*"
_QUARTER_NUM = r"(?P<q>IV|I{1,3}|[1-4])"
# "Quý III/2026", "quý 3 năm 2026", "Quý IV-2025", "quý I, II năm 2026" (the last quarter named counts)
_QUARTER = re.compile(
    r"\bqu[ýy]\s+" + _QUARTER_NUM + r"(?:\s*(?:,|-|–|và|đến)\s*(?P<q2>IV|I{1,3}|[1-4]))?"
    r"(?:\s*(?:/|-|–|năm)\s*(?P<y>" + YEAR + r"))?(?![\w/])",
    re.IGNORECASE,
)
# "15/12/2025", "15-12-2025", "ngày 15 tháng 12 năm 2025", "15/12" (the year from context)
# one separator throughout: "07-09/2026" (months 7 to 9 of 2026) is no date
_DATE_NUM = re.compile(r"(?<![\w/.])(?P<d>[0-3]?\d)(?P<sep>[/.\-])(?P<m>[01]?\d)(?:(?P=sep)(?P<y>" + YEAR
                       + r"))?(?![\w/])")
_DATE_WORDS = re.compile(
    r"\bngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s+năm\s+(?P<y>" + YEAR + r"))?", re.IGNORECASE
)
# "tháng 6/2025", "tháng 6 năm 2025", "tháng 12-2025", bare "6/2025"; typed without diacritics "thang 8"
_MONTH = re.compile(
    r"\bth[áa]ng\s+(?P<m>[01]?\d)(?:\s*(?:/|-|n[ăa]m)\s*(?P<y>" + YEAR + r"))?(?![\w/])"
    r"|(?<![\w/.])(?P<m2>[01]?\d)/(?P<y2>" + YEAR + r")(?![\w/])",
    re.IGNORECASE,
)
# "2026–2027", "2026 - 2030", "năm 2025 - 2026", "giai đoạn 2026-2030"
# "2026 - 2030", "2026 đến năm 2030", and typed without diacritics "tu 2026 den 2030"
YEAR_RANGE = re.compile(r"(?<![\d/])(?P<a>" + YEAR + r")\s*(?:-|–|—|đến|den|tới|toi)\s*(?:n[aă]m\s+)?(?P<b>" + YEAR +
                         r")(?!\d)")
# two days bounding a span: "từ ngày 01/6/2026 đến ngày 30/9/2026", "từ ngày 01 tháng 4 năm 2026 đến ngày 30 tháng 6
# năm 2026", "từ 01-4-2026 đến hết 30-6-2026", "01/6 - 30/9/2026" (a dash only between dates with a year: "1/2 - 3/4 số
# hộ" are shares)
_DAY = r"(?:ngày\s+)?(?:[0-3]?\d[/.\-][01]?\d(?:[/.\-]" + YEAR + r")?|[0-3]?\d\s+tháng\s+[01]?\d(?:\s+năm\s+" + YEAR + r")?)"
DAY_RANGE = re.compile(r"(?<![\w/.])(?:(?:từ|tu)\s+" + _DAY + r"\)?\s*(?:đến|den|tới|toi)\s+(?:hết\s+|het\s+)?" + _DAY +
                       r"|[0-3]?\d/[01]?\d(?:/" + YEAR + r")?\s*[-–]\s*[0-3]?\d/[01]?\d/" + YEAR + r")(?![\d/])",
                       re.IGNORECASE)
_YEAR_ALONE = re.compile(r"(?<![\d/.\-])(?P<y>" + YEAR + r")(?![\d/]|\s*[-–]\s*" + YEAR + r")")
_HALF = re.compile(r"\b(?:6|s[áa]u)\s+th[áa]ng\s+(?P<which>đầu|dau|cuối|cuoi)\s+n[ăa]m(?:\s+(?P<y>" + YEAR + r"))?",
                   re.IGNORECASE)

# recurrence cues (accents folded, lower case)
_RECURRENCE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("monthly", re.compile(r"\b(?:hang|moi|dinh ky(?: hang)?) thang\b")),
    ("quarterly", re.compile(r"\b(?:hang|moi|dinh ky(?: hang)?) quy\b|\btheo quy\b")),
    ("half-yearly", re.compile(r"\b(?:dinh ky|hang|moi) (?:6|sau) thang\b|\bnua nam\b|\bsau thang mot lan\b")),
    ("yearly", re.compile(r"\b(?:hang|moi|dinh ky(?: hang)?) nam\b|\bthuong nien\b")),
    ("continuous", re.compile(r"\bthuong xuyen\b|\blien tuc\b|\bsuot\b")),
)
_BEFORE = re.compile(r"\b(?:truoc|cham nhat|khong muon hon|han chot|den)\b")
_FROM = re.compile(r"\b(?:tu|bat dau|ke tu)\b")
# "năm 2025 và các năm tiếp theo", "2026 trở đi": from that year on, with no end
_ONWARD = re.compile(r"\b(?:cac nam (?:tiep theo|sau)|tro di|ve sau)\b")
# "Theo tiến độ được giao của Luật An ninh mạng 2025": the deadline is set elsewhere; a year here names a text
_RELATIVE = re.compile(r"\btheo (?:tien do|huong dan|lo trinh|ke hoach|quy dinh|chi dao|yeu cau)\b")
_EVERY_DAY = re.compile(r"\bngày\s+(?P<d>[0-3]?\d)\s+(?:hằng|hàng|mỗi)\s+(?:tháng|quý)", re.IGNORECASE)


@dataclass(frozen=True)
class Timing:
    """A timing as written and normalized. Dates are ISO strings or None."""

    text: str
    due_start: str | None
    due_end: str | None
    recurrence: Recurrence = "none"
    day: int | None = None  # day of the period for a recurring deadline ("trước ngày 15 hằng tháng")
    month: int | None = None  # month for a yearly deadline ("trước ngày 30/6 hằng năm")


def has_year_range(text: str) -> bool:
    """"giai đoạn 2026-2030", "từ năm 2026 đến năm 2030": two years that are one period, not two asked apart."""
    return bool(YEAR_RANGE.search(text))


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def date_vi(iso: str) -> str:
    """How Vietnamese text writes an ISO date: '2026-01-15' (or a timestamp '2026-01-15T08:00:00+00:00', its
    date as stored) -> '15/01/2026'; partial dates ('2026-01', '2026') keep what they have."""
    parts = [p for p in (iso or "").split("T")[0].split("-") if p]
    return "/".join(reversed(parts))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_number(token: str) -> int:
    return int(token) if token.isdigit() else roman_value(token.upper()) or 0


def quarters_asked(text: str) -> list[int]:
    """The quarters a question asks each of: a range ("từ quý II đến quý IV" -> 2, 3, 4) or two or more named
    ("quý I và quý III"); none for one quarter (it dates what is asked, no list of periods)."""
    m = _QUARTER_RANGE.search(text)
    if m:
        first, last = _quarter_number(m.group(1)), _quarter_number(m.group(2))
        return list(range(first, last + 1)) if 1 <= first < last <= 4 else []
    named = sorted({_quarter_number(t) for m in _QUARTER.finditer(text) for t in (m.group("q"), m.group("q2")) if t})
    return named if len(named) >= 2 else []


_QUARTER_RANGE = re.compile(r"\btừ\s+qu[ýy]\s+(IV|I{1,3}|[1-4])\s+(?:đến|tới|sang)\s+(?:qu[ýy]\s+)?(IV|I{1,3}|[1-4])\b",
                            re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)(" + YEAR + r")(?!\d)", text)]


def parse_timing(text: str, default_year: int | None = None) -> Timing:
    """Interval and recurrence of a deadline text; unknown parts are None ("Ngay sau khi …" -> no dates).

    A bare "trước ngày 15/6" takes `default_year` (the plan's year) when given.
    """
    raw = text.strip()
    folded = fold_accents(raw).lower()
    recurrence = next((name for name, cue in _RECURRENCE_CUES if cue.search(folded)), "none")
    before = bool(_BEFORE.search(folded))
    start: dt.date | None = None
    end: dt.date | None = None
    day = month = None

    every = _EVERY_DAY.search(raw)
    if every:
        day = int(every.group("d"))
    found = [_date_of(m, default_year) for m in (*_DATE_WORDS.finditer(raw), *_DATE_NUM.finditer(raw))]
    dates = [d for d in found if d is not None]
    quarters = list(_QUARTER.finditer(raw))
    months = [m for m in _MONTH.finditer(raw) if not _inside_date(m, raw)]
    half = _HALF.search(raw)
    year_range = YEAR_RANGE.search(raw)

    if dates:
        dates.sort()
        if recurrence == "yearly" and len(dates) == 1:
            day, month = dates[0].day, dates[0].month
        start, end = (None, dates[-1]) if before or len(dates) == 1 else (dates[0], dates[-1])
        if len(dates) == 1 and not before:
            start = dates[0]
    elif quarters:
        years = _years(raw) or ([default_year] if default_year else [])
        q_first = _quarter_number(quarters[0].group("q"))
        last = quarters[-1]
        q_last = _quarter_number(last.group("q2") or last.group("q"))
        y_first = int(quarters[0].group("y") or (years[0] if years else 0))
        y_last = int(last.group("y") or (years[-1] if years else 0))
        if y_first and y_last and 1 <= q_first <= 4 and 1 <= q_last <= 4:
            start = dt.date(y_first, 3 * q_first - 2, 1)
            end = month_end(y_last, 3 * q_last)
            if before:
                start = None
    elif months:
        spans = []
        for m in months:
            mon = int(m.group("m") or m.group("m2"))
            year = m.group("y") or m.group("y2") or (str(_years(raw)[-1]) if _years(raw) else default_year)
            if year and 1 <= mon <= 12:
                spans.append((dt.date(int(year), mon, 1), month_end(int(year), mon)))
        if spans:
            start, end = spans[0][0], spans[-1][1]
            if before:
                start = None
    elif half:
        year = int(half.group("y")) if half.group("y") else (_years(raw) or [default_year or 0])[-1]
        if year:
            first = fold_accents(half.group("which")).lower() == "dau"
            start = dt.date(year, 1 if first else 7, 1)
            end = dt.date(year, 6, 30) if first else dt.date(year, 12, 31)
            if recurrence == "none" and not half.group("y") and not _years(raw):
                recurrence = "half-yearly"
    elif year_range:
        start = dt.date(int(year_range.group("a")), 1, 1)
        end = dt.date(int(year_range.group("b")), 12, 31)
    elif not _RELATIVE.search(folded):
        years = _years(raw)
        if years:
            start, end = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
            if re.search(r"\bden (?:het )?nam\b|\btruoc nam\b", folded):
                start = None
            elif _FROM.search(folded) and len(years) == 1 and not re.search(r"\btrong nam\b", folded):
                end = None
    if _ONWARD.search(folded) and start is not None:
        end = None
        recurrence = "continuous" if recurrence == "none" else recurrence
    return Timing(raw, _iso(start), _iso(end), recurrence, day, month)


# the lunar new year is named by its year's name with or without "Nguyên đán": "Tết Bính Ngọ" is "Tết Nguyên đán Bính Ngọ"
_LUNAR_NEW_YEAR = re.compile(r"(?<!\w)(t[eế]t)\s+nguy[eê]n\s+[dđ][aá]n(?=\s+\w)", re.IGNORECASE)


def lunar_new_year_short(text: str) -> str:
    """"Tết Nguyên đán Bính Ngọ" -> "Tết Bính Ngọ" (typed with or without diacritics), to compare the names."""
    return _LUNAR_NEW_YEAR.sub(r"\1", text)


@functools.lru_cache(maxsize=1024)  # every assignment listed asks its plan's: once per plan
def plan_year(title: str, issued_date: str = "") -> int | None:
    """The year a plan's bare dates ("Tháng 6", "trước ngày 15/6") are in: the one year its title names ("Kế hoạch
    … năm 2026", issued in December 2025), else the year it was issued; None when neither says."""
    years = set(_years(title))
    if len(years) == 1:
        return years.pop()
    m = re.match(r"(\d{4})", issued_date or "")
    return int(m.group(1)) if m else None


_PARTS = re.compile(r"[,;]|\s(?:và|hoặc)\s", re.IGNORECASE)


def active_spans(text: str, default_year: int | None = None) -> list[tuple[dt.date, dt.date]]:
    """When a task runs, as a schedule writes it: "Tháng 3 - tháng 5, tháng 9 - tháng 11" -> March to May and
    September to November (not the months between); a timing of one part its one interval; a deadline with no
    start ("trước ngày 30/6/2026") its day. [] when no date can be read."""
    years = _years(text)
    year = years[-1] if years else default_year
    parts = [p for p in _PARTS.split(text) if p.strip()]
    timings = [parse_timing(p, year) for p in parts] if len(parts) > 1 else []
    if not any(t.due_end for t in timings):  # "Cao điểm Tết và …": read whole
        timings = [parse_timing(text, year)]
    return [(dt.date.fromisoformat(t.due_start or t.due_end), dt.date.fromisoformat(t.due_end))
            for t in timings if t.due_end]


# ---------------------------------------------------------------- a deadline inside a sentence

_TIME = (r"(?:ngày\s+[0-3]?\d(?:\s*/\s*[01]?\d(?:\s*/\s*" + YEAR + r")?|\s+tháng\s+[01]?\d(?:\s+năm\s+" + YEAR
         + r")?)?|quý\s+(?:IV|I{1,3}|[1-4])(?:\s*(?:/|-|–|năm)\s*" + YEAR + r")?|tháng\s+[01]?\d(?:\s*(?:/|năm)\s*"
         + YEAR + r")?|năm\s+" + YEAR + r"(?:\s*[-–]\s*" + YEAR + r")?|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+"
         + YEAR + r")?)")
_EVERY = r"(?:(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)|định kỳ\s+(?:6|sáu)\s+tháng(?:\s+một lần)?|" \
         r"(?<!chi )thường xuyên|thường niên|" \
         r"(?<![\d/])\d{1,2}\s+lần\s*(?:/|một|mỗi|trong)\s*(?:tuần|tháng|quý|năm))"  # "ít nhất 01 lần/năm"
_DATED = re.compile(r"(?<!giai đoạn )(?<!định hướng )(?<!tầm nhìn )"
                    r"(?:(?:(?:cơ bản\s+)?hoàn thành|xong|ban hành|báo cáo|gửi)\s+)?(?:trước|chậm nhất(?:\s+là)?|không muộn hơn|"
                    r"trong|vào|đến hết|đến)\s+" + _TIME + r"(?:\s+" + _EVERY + r")?(?![\w/])", re.IGNORECASE)
_RECURRING = re.compile(r"(?<![\w])" + _EVERY + r"(?![\w])", re.IGNORECASE)
# "(2025 - 2026)", "(2026 trở đi)", "(xuyên suốt 2025 - 2035)" after a roadmap item
_YEARS_NOTE = re.compile(r"\((?:[^()\d]{0,20})" + YEAR + r"(?:\s*[-–]\s*" + YEAR + r")?(?:\s+trở đi)?\)")


# how often, said as a period or a count: "hằng quý", "định kỳ 6 tháng", "6 tháng một lần", "02 lần/năm", "mỗi năm
# 2 lần" — not "thường xuyên" or a bare "định kỳ", which say that it recurs but not how often
FREQUENCY = re.compile(r"(?<![\w])(?:(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm|kỳ|học kỳ)|thường niên|"
                       r"định kỳ\s+(?:\d{1,2}|một|hai|ba|sáu)\s+(?:tuần|tháng|năm)|"
                       r"(?:\d{1,2}|một|hai|ba|sáu)\s+(?:tuần|tháng|quý|năm)\s*(?:một|1|/)\s*lần|"
                       r"(?<![\d/.,])\d{1,2}\s+lần|(?:một|hai|ba|bốn)\s+lần\s*(?:/|một|mỗi|trong)\s*(?:tuần|tháng|quý|năm))"
                       r"(?![\w])", re.IGNORECASE)


# what a plan has done at a frequency: a report, a meeting, an inspection … (tone placement folded, lower case)
RECURRING_ACTS = ("báo cáo", "họp", "giao ban", "hội nghị", "kiểm tra", "giám sát", "thanh tra", "sơ kết", "tổng kết",
                  "đánh giá", "tập huấn", "bồi dưỡng", "diễn tập", "tuyên truyền", "cập nhật", "rà soát", "khảo sát",
                  "thống kê", "sao lưu", "tổng hợp", "kiểm điểm")
_CLAUSES = re.compile(r"[;\n]|\.\s")


# a body's head word just before a capitalised word: a name follows ("Cục Thống kê", "Trung tâm Giám sát …")
_NAMED_BY_HEAD = re.compile(r"(?:(?<![^\W\d_])(?:Cục|Tổng cục|Chi cục|Trung tâm|Ban|Phòng|Sở|Bộ|Viện|Văn phòng|Hội đồng|"
                            r"Ủy ban|Uỷ ban|Đội|Tổ|Hội))\s+$")


def how_often(act: str, text: str) -> bool:
    """A clause of `text` says how often `act` is done ("Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả …"): a
    frequency said of another thing ("kế hoạch … hằng năm") or a bare "định kỳ báo cáo" does not answer, nor one
    nearer another act ("chu kỳ sao lưu, …, tổ chức diễn tập … tối thiểu một lần/năm" is how often drills are);
    acts written together ("họp giao ban") are one; an act's word in a name ("… hằng tuần về Cục Thống kê") is no act."""
    for clause in _CLAUSES.split(text):
        if act not in clause.lower():
            continue
        groups: list[tuple[int, int, set[str]]] = []
        acts = (m for a in RECURRING_ACTS for m in re.finditer(re.escape(a), clause, re.IGNORECASE)
                if not (clause[m.start()].isupper() and _NAMED_BY_HEAD.search(clause, 0, m.start())))
        for m in sorted(acts, key=lambda m: m.start()):
            if groups and m.start() <= groups[-1][1] + 1:
                groups[-1] = (groups[-1][0], max(groups[-1][1], m.end()), groups[-1][2] | {m.group(0).lower()})
            else:
                groups.append((m.start(), m.end(), {m.group(0).lower()}))
        for f in FREQUENCY.finditer(clause):
            nearest = min(groups, key=lambda g: max(g[0] - f.end(), f.start() - g[1], 0), default=None)
            if nearest is not None and act in nearest[2]:
                return True
    return False


# a schedule's period columns: "T3", "Tháng 3", "Quý II", "2026" (one name each)
PERIOD_COLUMN = re.compile(r"^(?:(?P<month>(?:T|Th|Tháng)\s*\.?\s*(?P<m>0?[1-9]|1[0-2]))|(?P<quarter>Quý\s+"
                         + _QUARTER_NUM + r")|(?:Năm\s+)?(?P<year>" + YEAR + r"))$", re.IGNORECASE)


def periods_said(names: list[str]) -> str:
    """"T3", "T4", "T9" -> "Tháng 3 - tháng 4, tháng 9"; "Quý I", "Quý II" -> "Quý I - quý II"; years alike."""
    found = [m for m in (PERIOD_COLUMN.match(n) for n in names) if m]
    if not found:
        return ""
    if found[0].group("month"):
        values, word = [int(m.group("m")) for m in found], "tháng {}"
    elif found[0].group("quarter"):
        values, word = [_quarter_number(m.group("q")) for m in found], "quý {}"
    else:
        values, word = [int(m.group("year")) for m in found], "năm {}"

    def name(v: int) -> str:
        return word.format(to_roman(v) if word.startswith("quý") else v)

    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    said = ", ".join(name(r[0]) if len(r) == 1 else f"{name(r[0])} - {name(r[-1])}" for r in runs)
    return said[:1].upper() + said[1:]


# a day of the week: "Thứ Tư", "thứ 2", "Chủ nhật"
WEEKDAY = r"(?<![a-zà-ỹđ])(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật)"
# "Thứ Sáu, ngày 14/03/2025" (a portal's banner: the day it is read), "…RSSThứ Sáu," glued: a weekday, no place
WEEKDAY_BEFORE_DATE = re.compile(WEEKDAY + r"\s*,$")


def recurs(text: str) -> bool:
    """'hằng quý', 'định kỳ 6 tháng', 'thường xuyên': the text says how often, not only by when."""
    return bool(_RECURRING.search(text))


def deadline_phrase(text: str) -> tuple[int, int] | None:
    """(start, end) of the words of a sentence that say by when or how often: 'Định kỳ trước ngày 20 hằng tháng,
    báo cáo …' -> 'trước ngày 20 hằng tháng'; 'hoàn thành trong năm 2025'; 'định kỳ hằng quý'. The date of a
    cited document ('Nghị quyết số 57-NQ/TW, ngày 22/12/2024') is no deadline: a deadline has its preposition.
    Of several deadlines the last is the duty's ('20% … ngay trong năm 2025; đến năm 2030 đạt 100%': milestones
    lead to it)."""
    spans = [m.span() for m in (*_DATED.finditer(text), *_YEARS_NOTE.finditer(text))]
    recurring = [m.span() for m in _RECURRING.finditer(text)]
    if not spans:
        return recurring[0] if recurring else None
    a, z = max(spans)
    for ra, rz in recurring:  # "hằng năm, trước ngày 15/12": one deadline said in two pieces
        if 0 <= a - rz <= 3 or 0 <= ra - z <= 3:
            a, z = min(a, ra), max(z, rz)
    return a, z


def period_phrase(text: str) -> tuple[int, int] | None:
    """(start, end) of the first period a question names without a preposition: "Quý III/2026 phải xong những việc
    gì?" -> "Quý III/2026" (a quarter, half-year, month or date)."""
    found = [m.span() for p in (_QUARTER, _HALF, _DATE_WORDS, _DATE_NUM, _MONTH) for m in p.finditer(text)]
    return min(found) if found else None


_SENTENCE_END = re.compile(rf"(?<=[^\W\d_]{{2}}[.!?])\s+(?=[{UPPER}])")  # "… năm 2024. Định kỳ …", not "TP. Hồ"


def duty_deadline(text: str) -> tuple[int, int] | None:
    """The deadline of a duty said in several sentences: that of the first sentence saying one ("Xây dựng kế hoạch
    … trước ngày 31/7/2024; bố trí ngân sách …. Định kỳ 6 tháng (trước ngày 10/6) báo cáo …" -> "trước ngày
    31/7/2024"); a later sentence is another duty with its own time."""
    at = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        found = deadline_phrase(text[at:end])
        if found:
            return at + found[0], at + found[1]
        at = m.end() if m else at
    return None


def _date_of(m: re.Match[str], default_year: int | None) -> dt.date | None:
    year = m.group("y") or default_year
    if not year:
        return None
    return _safe_date(int(year), int(m.group("m")), int(m.group("d")))


_DAY_OF = re.compile(r"\bngày\s+(?=[0-3]?\d\b)", re.IGNORECASE)


def without_day_dates(text: str) -> str:
    """`text` with its day dates ("ngày 29/01/2025", "ngày 22 tháng 12 năm 2024") blanked out: in a title they
    date the document a plan carries out and name nothing a user asks about."""
    for pattern in (_DATE_WORDS, _DAY_OF, _DATE_NUM):
        text = pattern.sub(" ", text)
    return text


def without_dates(text: str) -> str:
    """`text` with every date, month, quarter and year blanked out: "Tỷ lệ (tháng 12/2025)", "Chỉ tiêu đến
    31/12/2026", "Quý I/2026" name a table's columns by when, as "Năm 2026" does."""
    for pattern in (_DATE_WORDS, _DATE_NUM, _MONTH, _QUARTER, YEAR_RANGE, _YEAR_ALONE):
        text = pattern.sub(" ", text)
    return text


def _inside_date(m: re.Match[str], text: str) -> bool:
    """'12/2025' inside '15/12/2025' is not a month."""
    return any(d.start() <= m.start() and m.end() <= d.end() for d in _DATE_NUM.finditer(text) if d.group("y"))


# ---------------------------------------------------------------- mentions for verification


def time_mentions(text: str) -> set[str]:
    """Canonical tokens of every time expression: 'Q3/2026', 'Q3', 'M6/2025', 'D2025-12-15', 'Y2026',
    'R2026-2030', 'H1/2026'. Two texts that speak of the same time share tokens."""
    out: set[str] = set()
    spans: list[tuple[int, int]] = []
    for m in _QUARTER.finditer(text):
        year = m.group("y")
        for token in filter(None, (m.group("q"), m.group("q2"))):
            q = _quarter_number(token)
            out.add(f"Q{q}/{year}" if year else f"Q{q}")
        spans.append(m.span())
    for m in (*_DATE_WORDS.finditer(text), *_DATE_NUM.finditer(text)):
        if int(m.group("m")) > 12 or int(m.group("d")) > 31 or int(m.group("d")) == 0:
            continue
        year = m.group("y")
        out.add(f"D{year or '*'}-{int(m.group('m')):02d}-{int(m.group('d')):02d}")
        spans.append(m.span())
    for m in _MONTH.finditer(text):
        if _inside_date(m, text) or any(a <= m.start() < b for a, b in spans):
            continue
        mon = int(m.group("m") or m.group("m2"))
        if 1 <= mon <= 12:
            year = m.group("y") or m.group("y2")
            out.add(f"M{mon}/{year}" if year else f"M{mon}")
        spans.append(m.span())
    for m in _HALF.finditer(text):
        out.add(f"H{1 if m.group('which').lower() == 'đầu' else 2}" + (f"/{m.group('y')}" if m.group("y") else ""))
        spans.append(m.span())
    for m in YEAR_RANGE.finditer(text):
        out.add(f"R{m.group('a')}-{m.group('b')}")
        spans.append(m.span())
    for m in _YEAR_ALONE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):  # the year of "quý 2 năm 2026" is that quarter's
            out.add(f"Y{m.group('y')}")
    return out


_MONTH_OF_YEAR = re.compile(r"(?P<m>0?[1-9]|1[0-2])/(?P<y>" + YEAR + r")")


def says_date(number: str, text: str) -> bool:
    """"(ban hành) tháng 1/2025" of a question: a text dated in that month ("ngày 09 tháng 01 năm 2025") says it; "trước
    01/01/2026": a text writing the day in words ("trước ngày 01 tháng 01 năm 2026") says it."""
    m = _MONTH_OF_YEAR.fullmatch(number)
    if m is None:
        days = {t for t in time_mentions(number) if t.startswith("D")}
        return bool(days) and days <= time_mentions(text)
    mon, year = int(m.group("m")), m.group("y")
    return any(t.startswith(f"D{year}-{mon:02d}-") or t == f"M{mon}/{year}" for t in time_mentions(text))


def mentions_supported(claim: str, evidence: str) -> bool:
    """Every time expression of `claim` is said by `evidence` (a quarter/month/date with its year, or the
    same expression without one)."""
    have = time_mentions(evidence)
    for token in time_mentions(claim):
        if token in have:
            continue
        if token[0] in "QMH" and "/" in token and token.split("/")[0] in have:
            continue  # "Quý III/2026" in the claim, "Quý III" in a quote under a 2026 heading
        if token[0] == "D" and token.startswith("D*") and any(t.endswith(token[6:]) for t in have if t[0] == "D"):
            continue
        return False
    return True


# ---------------------------------------------------------------- periods of a report
_SPEC_QUARTER = re.compile(r"^(?P<y>" + YEAR + r")-?Q(?P<q>[1-4])$", re.IGNORECASE)
_SPEC_HALF = re.compile(r"^(?P<y>" + YEAR + r")-?H(?P<h>[12])$", re.IGNORECASE)
_SPEC_YEAR = re.compile(r"^(?P<y>" + YEAR + r")$")
_SPEC_RANGE = re.compile(r"^(?P<a>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?P<b>\d{4}-\d{2}-\d{2})$")


def period_label(start: dt.date, end: dt.date) -> str:
    """How a report names its period: 'Quý III/2026', '6 tháng đầu năm 2026', 'năm 2026', else the dates."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    whole = start.day == 1 and end == month_end(end.year, end.month)
    if whole and start.year == end.year:
        if months == 3 and start.month % 3 == 1:
            return f"Quý {('I', 'II', 'III', 'IV')[start.month // 3]}/{start.year}"
        if months == 6 and start.month in (1, 7):
            return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {start.year}"
        if months == 12:
            return f"năm {start.year}"
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def parse_period(spec: str) -> tuple[dt.date, dt.date]:
    """A report period: '2026-Q3', '2026-H1', '2026', '2026-01-01..2026-06-30', or as plans write it ('Quý III/2026',
    '6 tháng đầu năm 2026'). ValueError (Vietnamese) when it names no closed interval."""
    raw = spec.strip()
    if m := _SPEC_QUARTER.match(raw):
        y, q = int(m.group("y")), int(m.group("q"))
        return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if m := _SPEC_HALF.match(raw):
        y, first = int(m.group("y")), m.group("h") == "1"
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if first else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if m := _SPEC_YEAR.match(raw):
        return dt.date(int(m.group("y")), 1, 1), dt.date(int(m.group("y")), 12, 31)
    try:
        if m := _SPEC_RANGE.match(raw):
            a, b = dt.date.fromisoformat(m.group("a")), dt.date.fromisoformat(m.group("b"))
            if a <= b:
                return a, b
    except ValueError:
        pass
    t = parse_timing(raw) if not re.match(r"^\d{4}\S", raw) else Timing(raw, None, None)  # a spec mistyped
    if t.due_start and t.due_end and t.recurrence == "none":
        return dt.date.fromisoformat(t.due_start), dt.date.fromisoformat(t.due_end)
    raise ValueError(f"Không hiểu kỳ báo cáo '{spec}'. Ví dụ: 2026-Q3, 2026-H1, 2026, 2026-01-01..2026-06-30, "
                     "Quý III/2026.")


def next_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length that follows (a quarter the next quarter, a year the next year)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == month_end(end.year, end.month):
        first = end + dt.timedelta(days=1)
        last_month = first.month + months - 1
        return first, month_end(first.year + (last_month - 1) // 12, (last_month - 1) % 12 + 1)
    return end + dt.timedelta(days=1), end + (end - start) + dt.timedelta(days=1)
