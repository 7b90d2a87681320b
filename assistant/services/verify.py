"""Citation verifier, shared by every answerer.

A statement survives only if every citation it carries quotes the stored document text
exactly at start:end, and every number, percentage and date in the statement appears in
one of its cited quotes. Citations no statement uses are dropped; markers are renumbered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.domain import Citation

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,/–-]\d+)*(?:\s*%)?")


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


def _supported(statement: Statement, cites: dict[int, Citation]) -> bool:
    quotes = " ".join(cites[n].quote for n in statement.citations if n in cites)
    have = numbers_in(quotes)
    return all(num in have or num in re.sub(r"\s+", "", quotes) for num in numbers_in(statement.text))


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
        if s.citations and all(n in valid for n in s.citations) and _supported(s, valid)
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
