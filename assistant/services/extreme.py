""""Xã nào được phân bổ nhiều căn nhất?", "đơn vị nào có chỉ tiêu thấp nhất?": the row of a plan's table holding the
largest (or smallest) figure of the column asked, found over every row of that table — the search finds a few rows,
and the one it ranks first is no more the largest than any other."""

from __future__ import annotations

import re

from assistant.services.evidence import Unit, folded_syllables
from assistant.services.question import Question
from assistant.text import fold_accents
from assistant.vocab.fields import GROUPS, STT

# "nhiều căn nhất", "cao nhất"; "ít nhất 70%", "ít nhất bao nhiêu" is a floor, not a rank
_NOT_RANK = r"(?<!thong)(?<!duy)(?<!dong)(?<!hop)"  # "thống nhất", "duy nhất", "đồng nhất", "hợp nhất"
_MOST = re.compile(r"\b(?:nhieu|cao|lon)(?: \w+){0,6}?" + _NOT_RANK + r" nhat\b")  # "nhiều cơ sở phải kiểm tra PCCC nhất"
_LEAST = re.compile(r"\b(?:it|thap|nho)(?: \w+){0,3}?" + _NOT_RANK + r" nhat\b(?! (?:bao nhieu|la|\d))")
# what the row names: "xã nào", "đơn vị nào", "ấp nào" — the kind of thing each row of the table is
_WHICH = re.compile(r"\b((?:\w+ ){0,1}\w+) nao\b")
_TOTAL = re.compile(r"^(?:tong|cong|toan)\b")  # "Tổng cộng", "Cộng", "Toàn tỉnh": no row of its own
# a figure in Vietnamese notation: "1.465", "2,5", "342"
_FIGURE = re.compile(r"^\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*%?\s*$")


def asks_extreme(q: Question) -> bool:
    return bool((_MOST.search(q.folded) or _LEAST.search(q.folded)) and _WHICH.search(q.folded))


def extreme_row(q: Question, units: list[Unit]) -> Unit | None:
    """Of the table rows in `units` (one document's, ranked), the row with the largest or smallest figure in the
    column whose name the question says most of ("Tổng số (căn)" of "… nhiều căn nhất và tổng số là bao nhiêu
    căn"), among the rows naming the kind of thing asked ("Xã Tân Lập" for "xã nào", not "47 xã, phường còn lại",
    not "Tổng cộng"). None when the question asks no rank or no table answers it."""
    most = _MOST.search(q.folded)
    if not asks_extreme(q):
        return None
    rows = [u for u in units if u.is_row and u.cells]
    if not rows:
        return None
    asked = set(folded_syllables(q.text))
    best: tuple[float, Unit] | None = None
    # rows of one table read with a cell more or less ("I | Mặt hàng nông sản | | 395.000") are still ranked together
    # by the column they share, in the part of the plan the table stands in
    by_column: dict[tuple[str, str], list[Unit]] = {}
    for table in _tables(rows):
        if (column := _column(table, asked)) is not None:
            by_column.setdefault((column, table[0].section), []).extend(table)
    for (column, _), table in by_column.items():
        ranked = [(value, u) for u in _named_rows(table, q) if (value := _number((u.cells or {}).get(column, ""))) is not None]
        if len(ranked) < 2:
            continue
        _, row = (max if most else min)(ranked, key=lambda p: p[0])
        fit = len(asked & set(folded_syllables(column)))
        if best is None or fit > best[0]:
            best = (fit, row)
    return best[1] if best else None


def _tables(rows: list[Unit]) -> list[list[Unit]]:
    """Rows grouped by the table they are of (the same columns), in order."""
    tables: dict[tuple[str, ...], list[Unit]] = {}
    for u in rows:
        tables.setdefault(tuple(k for k in u.cells or {} if k not in GROUPS and k != STT), []).append(u)
    return list(tables.values())


def _column(table: list[Unit], asked: set[str]) -> str | None:
    """The column of figures whose name shares most words with the question (the last of equals: a total
    column closes a table)."""
    names = [k for k in table[0].cells or {} if k not in GROUPS and k != STT]
    figures = [k for k in names if sum(_number((u.cells or {}).get(k, "")) is not None for u in table) * 2 >= len(table)]
    scored = [(len(asked & set(folded_syllables(k))), i, k) for i, k in enumerate(figures)]
    if not scored:
        return None
    fit, _, column = max(scored)
    return column if fit or len(figures) == 1 else None


def _named_rows(table: list[Unit], q: Question) -> list[Unit]:
    """The rows of the kind asked ("xã nào": a label opening on "Xã"), else the rows that are no total."""
    labels = [(u, _label(u)) for u in table]
    kind = _WHICH.search(q.folded)
    words = kind.group(1).split() if kind else []
    for n in (2, 1):  # "đơn vị nào" names its kind in two words, "xã nào" in one
        head = " ".join(words[-n:])
        named = [u for u, label in labels if head and label.startswith(head + " ")]
        if len(named) >= 2:
            return named
    return _items([u for u, label in labels if label and not _TOTAL.match(label)])


def _items(rows: list[Unit]) -> list[Unit]:
    """Rows under groups numbered I, II or A, B ("I | Mặt hàng nông sản | 395.000"): the groups sum their items, they
    are no item to rank."""
    items = [u for u in rows if not _GROUP_NUMBER.fullmatch((u.cells or {}).get(STT, "").strip(" *.()"))]
    return items if 2 <= len(items) < len(rows) else rows


_GROUP_NUMBER = re.compile(r"[IVXL]+|[A-ZĐ]")


def _label(u: Unit) -> str:
    """A row's name: its first cell that is no figure, folded ("xa tan lap")."""
    for key, value in (u.cells or {}).items():
        if key not in GROUPS and key != STT and value and _number(value) is None:
            return fold_accents(value).lower().strip()
    return ""


def _number(cell: str) -> float | None:
    m = _FIGURE.match(cell)
    if m is None:
        return None
    return float(m.group(1).replace(".", "") + (f".{m.group(2)}" if m.group(2) else ""))
