"""Targets (chỉ tiêu): indicator, value, comparator, measure, period and the unit assigned, with exact spans.

Plans state targets three ways, all read here:

- an indicator table: "STT | Chỉ tiêu | ĐVT | Năm 2026 | Năm 2027 …" or "Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì
  theo dõi", a row per indicator, one target per value column (a period column names its period; a group row
  "Đến năm 2030" names the period of the rows below it);
- the product column of a task table when it holds a figure ("Sản phẩm/Chỉ tiêu: Đạt tối thiểu 40%");
- a clause of a goal, a task or a duty: "100% văn bản không mật được ký số …; tối thiểu 95% hồ sơ …",
  "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ" — one target per figure that a comparator, a percentage or
  "đạt …" marks as a target.

The period comes from the clause ("đến năm 2030"), the column or group row, or else the nearest heading that
names one ("1. Mục tiêu đến hết năm 2026"); the unit from the task or table row the target sits in.
"""

from __future__ import annotations

import re
from typing import Literal, TypedDict

from assistant.text import fold_accents
from assistant.vocab.dates import deadline_phrase, parse_timing
from assistant.vocab.figures import Figure, figure_mentions
from assistant.vocab.numbering import strip_marker
from assistant.vocab.parts import is_closing
from assistant.vocab.units import units_of
from ingest.facts import Field, Task, is_end_section, is_framing
from ingest.model import Block
from ingest.structure import SECTION_SEPARATOR, column_roles

TargetSource = Literal["table", "task_table", "text"]
_CLAUSE = re.compile(r"[^;.:\n]+(?:\.\d[^;.:\n]*)*")  # "26.120" and "2,1" stay inside their clause
_WANTS = re.compile(r"(?:đạt|đạt mức|ở mức|chiếm|bằng)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_VALUE_COLUMN = re.compile(r"\b(?:ket qua|muc tieu|gia tri|ke hoach|chi tieu)\b")
_ESTIMATE = re.compile(r"\b(?:uoc|uth|thuc hien|thuc te)\b")  # "ƯTH Năm 2025": an estimate of what was done
_MEASURE_COLUMN = re.compile(r"^(?:dvt|don vi tinh|don vi)$")
_NAMED_PERIOD = re.compile(r"\b(?:năm|giai đoạn)\s+\d{4}(?:\s*[-–]\s*\d{4})?", re.IGNORECASE)


class Target(TypedDict):
    start: int
    end: int
    section: str
    source: TargetSource
    indicator: Field
    value: Field
    comparator: str
    number: float | None
    number_to: float | None
    measure: str
    period: str
    due_start: str | None
    due_end: str | None
    lead: list[str]


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold_accents(name).lower()).split())


def _period(text: str, year: int | None) -> tuple[str, str | None, str | None]:
    t = parse_timing(text, year)
    return (text, t.due_start, t.due_end) if (t.due_start or t.due_end) else ("", None, None)


def _section_period(section: str, year: int | None) -> tuple[str, str | None, str | None]:
    """The period the nearest heading names: 'II. MỤC TIÊU > 1. Mục tiêu đến hết năm 2026' -> 2026."""
    for part in reversed(section.split(SECTION_SEPARATOR)):
        _, rest = strip_marker(part)
        if len(rest.split()) <= 8 and _period(rest, year)[0]:  # "1. Quý I (01–03/2026)", "Năm 2026"
            return _period(rest, year)
        found = deadline_phrase(rest)
        span = found or (lambda m: m.span() if m else None)(_NAMED_PERIOD.search(rest))
        if span:
            period = _period(rest[span[0]:span[1]], year)
            if period[0]:
                return period
    return "", None, None


def _target(text: str, start: int, end: int, section: str, source: TargetSource, indicator: Field, fig: Figure,
            base: int, period: tuple[str, str | None, str | None], lead: list[str]) -> Target:
    return Target(start=start, end=end, section=section, source=source, indicator=indicator,
                  value=Field(text=fig.text, start=base + fig.start, end=base + fig.end), comparator=fig.comparator,
                  number=fig.value, number_to=fig.value_to, measure=fig.measure, period=period[0],
                  due_start=period[1], due_end=period[2], lead=lead)


def _chosen(clause: str, figures: list[Figure]) -> list[Figure]:
    """The figures a clause sets as targets: those it says are to be reached ('đạt khoảng 22%'), else its
    percentages and compared figures ('dưới 15 tuổi đạt khoảng 22%' sets 22%, not 15)."""
    wanted = [f for f in figures if _WANTS.search(clause[:f.start])]
    if wanted:
        return wanted
    return [f for f in figures if f.asserted]


def _lead_at(tasks: list[Task], start: int, end: int) -> list[str]:
    holding = [t for t in tasks if t["start"] <= start and end <= t["end"] and "lead" in t["fields"]]
    if not holding:
        return []
    task = min(holding, key=lambda t: t["end"] - t["start"])
    return units_of(task["fields"]["lead"]["text"])


# ---------------------------------------------------------------- tables


def _table_targets(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[Target]:
    out: list[Target] = []
    group: tuple[str, tuple[str, str | None, str | None]] = ("", ("", None, None))  # (section, period of a group row)
    for b in blocks:
        cells = b.get("cells")
        if b["kind"] not in ("table_row", "table_header") or not cells:
            continue
        spans = b.get("cell_spans") or {}
        roles = column_roles(cells)
        filled = [v for k, v in cells.items() if v.strip() and (_fold(k) not in ("stt", "tt", "nhom")
                                                                  or b["kind"] == "table_header")]
        if b["kind"] == "table_header" and len(cells) > 1:  # the column names
            continue
        if len(filled) == 1:  # "| I | Đến năm 2030 |" (a group row): the period of the rows below
            period = _period(filled[0], year)
            if period[0]:
                group = (b["section"], period)
            continue
        if "task" in roles:
            out += _task_row_targets(text, b, roles, year)
            continue
        indicator_col = next((k for k in cells if _fold(k).startswith(("chi tieu", "ten chi tieu", "noi dung"))), None)
        if indicator_col is None or indicator_col not in spans or not cells[indicator_col].strip():
            continue
        ind_span = spans[indicator_col]
        indicator = Field(text=cells[indicator_col], start=ind_span[0], end=ind_span[1])
        measure_col = next((k for k in cells if _MEASURE_COLUMN.match(_fold(k))), None)
        lead_col = next((k for k in cells if "chu tri" in _fold(k)), None)
        lead = units_of(cells[lead_col]) if lead_col else []
        base_period = group[1] if group[0] == b["section"] else _section_period(b["section"], year)
        values = [k for k in cells if k not in (indicator_col, measure_col, lead_col)
                  and (_VALUE_COLUMN.search(_fold(k)) or _period(k, year)[0]) and not _ESTIMATE.search(_fold(k))
                  and cells[k].strip() and k in spans]
        if not values:  # "| 1 | Kinh tế số chiếm 45% GRDP tỉnh. | Sở Tài chính |": the figure is in the indicator
            for fig in _chosen(indicator["text"], figure_mentions(indicator["text"])):
                out.append(_target(text, b["start"], b["end"], b["section"], "table", indicator, fig,
                                   indicator["start"], base_period, lead))
            continue
        for col in values:
            cell = cells[col]
            figures = figure_mentions(cell)
            fig = figures[0] if figures else Figure(0, len(cell), cell, "=", float("nan"), None, "", False)
            if measure_col and cells.get(measure_col, "").strip():
                fig = Figure(fig.start, fig.end, fig.text, fig.comparator, fig.value, fig.value_to,
                             cells[measure_col].strip(), fig.asserted)
            period = _period(col, year) if _period(col, year)[0] else base_period
            target = _target(text, b["start"], b["end"], b["section"], "table", indicator, fig, spans[col][0], period,
                             lead)
            if not figures:
                target["number"] = None
            out.append(target)
    return out


def _task_row_targets(text: str, b: Block, roles: dict[str, str], year: int | None) -> list[Target]:
    """'Đạt tối thiểu 40%' in the product column of a task row: a target of that row's unit and period."""
    cells, spans = b["cells"] or {}, b.get("cell_spans") or {}
    product = roles.get("product")
    if product is None or product not in spans:
        return []
    figures = [f for f in figure_mentions(cells[product]) if f.asserted]
    if not figures:
        return []
    task_col = roles["task"]
    indicator = Field(text=cells[task_col], start=spans[task_col][0], end=spans[task_col][1])
    lead = units_of(cells[roles["lead"]]) if "lead" in roles else []
    period = _period(cells[roles["timing"]], year) if "timing" in roles else ("", None, None)
    if not period[0]:
        period = _section_period(b["section"], year)
    return [_target(text, b["start"], b["end"], b["section"], "task_table", indicator, f, spans[product][0], period,
                    lead) for f in figures]


# ---------------------------------------------------------------- clauses


def _text_targets(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[Target]:
    out: list[Target] = []
    lead_in: tuple[str, str, tuple[str, str | None, str | None]] | None = None  # "- Phấn đấu đến hết năm 2026:"
    for b in blocks:
        section = b["section"]
        if b["kind"] not in ("paragraph", "list_item") or not section or is_framing(section) \
                or is_end_section(section):
            continue
        piece = text[b["start"]:b["end"]]
        offset, body = strip_marker(piece)
        base = b["start"] + offset
        mark = piece.lstrip()[:1]
        if is_closing(body):
            continue
        if body.rstrip().endswith(":"):
            when = deadline_phrase(body)
            lead_in = (section, mark, _period(body[when[0]:when[1]], year)) if when else None
        elif lead_in is not None and (lead_in[0] != section or lead_in[1] == mark):
            lead_in = None
        for m in _CLAUSE.finditer(body):
            clause = m.group(0)
            chosen = _chosen(clause, figure_mentions(clause))
            if not chosen:
                continue
            lead_pad = len(clause) - len(clause.lstrip())
            trimmed = clause.strip().rstrip(" ,")
            a = base + m.start() + lead_pad
            indicator = Field(text=trimmed, start=a, end=a + len(trimmed))
            when = deadline_phrase(clause)
            period = _period(clause[when[0]:when[1]], year) if when else ("", None, None)
            if not period[0]:
                period = lead_in[2] if lead_in is not None else _section_period(section, year)
            lead = _lead_at(tasks, indicator["start"], indicator["end"])
            for fig in chosen:
                out.append(_target(text, indicator["start"], indicator["end"], section, "text", indicator, fig,
                                   base + m.start(), period, lead))
    return out


def extract_targets(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[Target]:
    """Every target of a document, in text order."""
    found = _table_targets(text, blocks, tasks, year) + _text_targets(text, blocks, tasks, year)
    return sorted(found, key=lambda t: (t["start"], t["value"]["start"]))
