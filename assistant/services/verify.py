"""Citation verifier, shared by every answerer (extractive, generative, report drafts).

A statement survives only if every citation it carries quotes the stored document text exactly
at start:end, and what the statement asserts is in its cited quotes:

- every number, percentage and date;
- every time expression, in its own terms: "Quý II/2026" is not "Quý III/2026", "tháng 6/2025" not
  "tháng 6/2026", a year range not another (Roman and Arabic quarters compare alike);
- the unit named as responsible ("Sở X chủ trì …") is a unit the quotes name.

Citations no statement uses are dropped; markers are renumbered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.domain import Citation
from assistant.vocab.dates import mentions_supported
from assistant.vocab.units import unit_mentions, unit_search_key

_MARKER = re.compile(r"\[(\d+)\]")
# a row's measure said as a percentage: "Tỷ lệ … (%)", "ĐVT: %", a cell of its own ("| % |", "\t%\t")
_PERCENT_MEASURE = re.compile(r"\(%\)|(?:ĐVT|Đơn vị tính)\s*:?\s*%|[|\t]\s*%\s*(?:[|\t]|$)", re.MULTILINE)
_NUMBER = re.compile(r"\d+(?:[.,/–-]\d+)*(?:\s*%)?")
# "Sở X chủ trì", "do Sở X chủ trì", "Sở X là cơ quan chủ trì": who the statement says leads
_LEADS = re.compile(r"(?P<who>[^:;,.\n]{3,120}?)\s+(?:là (?:cơ quan|đơn vị) )?chủ trì\b")


@dataclass
class Statement:
    text: str  # may contain [n] markers that refer to `citations` numbers
    citations: list[int] = field(default_factory=list)


@dataclass
class VerifiedAnswer:
    statements: list[Statement]
    citations: list[Citation]
    dropped: int


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"\s+", "", m) for m in _NUMBER.findall(_MARKER.sub(" ", text))}


def _units_supported(claim: str, quotes: str) -> bool:
    """The unit a statement names as leading a task is named by the quotes (abbreviations and tone
    placement aside: "Sở KH&CN" is "Sở Khoa học và Công nghệ")."""
    have = unit_search_key(quotes)
    for m in _LEADS.finditer(claim):
        named = unit_mentions(m.group("who"))
        if named and unit_search_key(named[-1]) not in have:
            return False
    return True


def supported(statement: str, quotes: str) -> bool:
    """Is what `statement` asserts (numbers, dates, periods, the lead unit) said by `quotes`?"""
    claim = _MARKER.sub(" ", statement)
    have = numbers_in(quotes)
    flat = re.sub(r"\s+", "", quotes)
    # "Năm 2030: 100%" of a row whose measure the quoted header states ("Tỷ lệ … (%)", "ĐVT: %"): the figure is in
    # the row, its sign in the measure
    in_percent = bool(_PERCENT_MEASURE.search(quotes))
    if not all(num in have or num in flat or in_percent and num.endswith("%") and num[:-1] in have
               for num in numbers_in(claim)):
        return False
    return mentions_supported(claim, quotes) and _units_supported(claim, quotes)


def verify(statements: list[Statement], citations: list[Citation], text_of: Callable[[str], str]) -> VerifiedAnswer:
    texts: dict[str, str] = {}
    valid: dict[int, Citation] = {}
    for c in citations:
        if c.doc_id not in texts:
            texts[c.doc_id] = text_of(c.doc_id)
        if c.quote and texts[c.doc_id][c.start : c.end] == c.quote:
            valid[c.n] = c
    kept = [
        s for s in statements
        if s.citations and all(n in valid for n in s.citations)
        and supported(s.text, " ".join(valid[n].quote for n in s.citations))
    ]
    used = sorted({n for s in kept for n in s.citations})
    renumber = {old: i + 1 for i, old in enumerate(used)}
    out_stmts = [
        Statement(_MARKER.sub(lambda m: f"[{renumber.get(int(m.group(1)), 0)}]", s.text),
                  [renumber[n] for n in s.citations])
        for s in kept
    ]
    out_cites = [valid[old].model_copy(update={"n": new}) for old, new in renumber.items()]
    return VerifiedAnswer(out_stmts, out_cites, dropped=len(statements) - len(kept))
