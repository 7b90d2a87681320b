"""What a lower plan took up of the higher plan it carries out, and what it left out.

Each task of the higher plan is matched to the tasks of the lower plan that say the same work: TF-IDF cosine
over the content syllables and syllable pairs of the task (accents and tone placement folded, function words
dropped), the title of the group it sits under counting half; a lower task led by a unit the higher task names
scores a little more. A higher task with no lower task above the threshold is "missing"; a lower task due later
than the higher task it carries out is "later".

A higher task given to the unit that issued the lower plan ("Đảng đoàn Quốc hội lãnh đạo …" and the plan of the
Đảng đoàn Quốc hội) is what the whole lower plan carries out, and weighs on every lower task. The threshold is the
one that each of the two hand-mapped pairs of real plans picks for the other (`eval/compare_eval.py`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from assistant.services.evidence import content_terms

THRESHOLD = 0.14
MAX_MATCHES = 25
UNIT_BONUS = 0.05
ISSUER_BONUS = 0.12
_SECTION_WEIGHT = 0.5


def _terms(text: str) -> Counter[str]:
    words = content_terms(text)
    bag: Counter[str] = Counter(words)
    bag.update(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    return bag


def _vectors(items: Sequence[dict[str, Any]]) -> list[dict[str, float]]:
    """A task's words, with the titles of the groups it sits under: the nearest half, the others a quarter."""
    out = []
    for item in items:
        bag: dict[str, float] = dict(_terms(item["task"]))
        parts = [p for p in (item.get("section") or "").split(" > ") if p]
        for depth, part in enumerate(reversed(parts)):
            for term, n in _terms(part).items():
                bag[term] = bag.get(term, 0.0) + (_SECTION_WEIGHT if depth == 0 else _SECTION_WEIGHT / 2) * n
        out.append(bag)
    return out


def _weigh(bags: list[dict[str, float]], idf: dict[str, float]) -> list[dict[str, float]]:
    out = []
    for bag in bags:
        vec = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in bag.items() if n > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def implements(lead: str, issuer: str, key: Callable[[str], str]) -> bool:
    """The lower plan's issuer is the unit the higher task is given to: 'Đảng đoàn Quốc hội lãnh đạo …' and the
    plan of the Đảng đoàn Quốc hội; 'Ban cán sự đảng Chính phủ …' and the Government's programme."""
    a, b = key(lead), key(issuer)
    return bool(a and b) and (a == b or a.endswith(" " + b))


def similarities(higher: Sequence[dict[str, Any]], lower: Sequence[dict[str, Any]],
                 same_unit: Callable[[str, str], bool] | None = None, lower_issuer: str = "",
                 key: Callable[[str], str] | None = None) -> list[list[float]]:
    """score[i][j] of higher task i and lower task j. A higher task given to the lower plan's issuer is what the
    whole lower plan carries out: each lower task scores `ISSUER_BONUS` more for it."""
    hb, lb = _vectors(higher), _vectors(lower)
    df: Counter[str] = Counter()
    for bag in (*hb, *lb):
        df.update(set(bag))
    n = len(hb) + len(lb)
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    hv, lv = _weigh(hb, idf), _weigh(lb, idf)
    scores = []
    for i, h in enumerate(hv):
        bonus = ISSUER_BONUS if lower_issuer and key is not None and any(
            implements(u, lower_issuer, key) for u in higher[i].get("lead_units", [])) else 0.0
        row = []
        for j, low in enumerate(lv):
            s = sum(v * low.get(t, 0.0) for t, v in h.items())
            if same_unit is not None and _shares_unit(higher[i], lower[j], same_unit):
                s += UNIT_BONUS
            row.append(s + bonus if s > 0 else s)
        scores.append(row)
    return scores


def _shares_unit(h: dict[str, Any], low: dict[str, Any], same_unit: Callable[[str, str], bool]) -> bool:
    named = [*h.get("lead_units", []), *h.get("co_units", [])]
    return any(same_unit(a, b) for a in named for b in low.get("lead_units", []))


def match(higher: Sequence[dict[str, Any]], lower: Sequence[dict[str, Any]],
          same_unit: Callable[[str, str], bool] | None = None, threshold: float = THRESHOLD, lower_issuer: str = "",
          key: Callable[[str], str] | None = None) -> list[list[tuple[int, float]]]:
    """For each higher task, the (index, score) of the lower tasks that carry it out, best first."""
    scores = similarities(higher, lower, same_unit, lower_issuer, key)
    out = []
    for row in scores:
        found = sorted(((j, s) for j, s in enumerate(row) if s >= threshold), key=lambda p: -p[1])
        out.append(found[:MAX_MATCHES])
    return out


def compare(higher: Sequence[dict[str, Any]], lower: Sequence[dict[str, Any]],
            same_unit: Callable[[str, str], bool] | None = None, threshold: float = THRESHOLD, lower_issuer: str = "",
            key: Callable[[str], str] | None = None) -> dict[str, Any]:
    """`{"matches": [{"higher": …, "lower": [… with "score"]}], "missing": […], "later": [{"higher", "lower"}]}`."""
    found = match(higher, lower, same_unit, threshold, lower_issuer, key)
    matches, missing, later = [], [], []
    for h, pairs in zip(higher, found, strict=True):
        if not pairs:
            missing.append(h)
            continue
        lows = [{**lower[j], "score": round(s, 3)} for j, s in pairs]
        matches.append({"higher": h, "lower": lows})
        for low in lows:
            if h.get("due_end") and low.get("due_end") and low["due_end"] > h["due_end"]:
                later.append({"higher": h, "lower": low})
    return {"matches": matches, "missing": missing, "later": later}

