"""Assignments, targets and reporting duties as CSV or XLSX, with Vietnamese column names.

The same items the API returns (already filtered by what the caller may read) become one row each. In the
spreadsheet overdue assignments are tinted red and those due soon amber, the header is frozen and filterable.
Cells a spreadsheet would run as a formula get a leading apostrophe (as in the audit export).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, TextIO

from assistant.services.audit import _cell

Kind = Literal["assignments", "targets", "duties"]


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


Column = tuple[str, Callable[[dict[str, Any]], Any], int]  # header, value, width
COLUMNS: dict[str, list[Column]] = {
    "assignments": [
        ("Mã", lambda i: i["id"], 18), ("Văn bản", lambda i: i["title"] or i["source"], 40),
        ("Số hiệu", lambda i: i["doc_number"], 14), ("Nhiệm vụ", lambda i: i["task"], 70),
        ("Chủ trì", lambda i: _join(i["lead_units"]), 30), ("Phối hợp", lambda i: _join(i["co_units"]), 30),
        ("Thời gian", lambda i: i["timing"], 22), ("Từ ngày", lambda i: i["due_start"] or "", 12),
        ("Hạn", lambda i: i["due_end"] or "", 12), ("Lặp lại", lambda i: i["recurrence"], 12),
        ("Hạn kế tiếp", lambda i: i["next_due"] or "", 12), ("Trạng thái", lambda i: i["status"], 16),
        ("Ghi chú", lambda i: i["note"], 40), ("Sản phẩm", lambda i: i["product"], 30),
        ("Mục", lambda i: i["section"], 40), ("Vị trí", lambda i: f"{i['start']}-{i['end']}", 12),
    ],
    "targets": [
        ("Mã", lambda i: i["id"], 18), ("Văn bản", lambda i: i["title"] or i["source"], 40),
        ("Số hiệu", lambda i: i["doc_number"], 14), ("Chỉ tiêu", lambda i: i["indicator"], 70),
        ("Giá trị", lambda i: i["value"], 18), ("So sánh", lambda i: i["comparator"], 8),
        ("Số", lambda i: "" if i["number"] is None else i["number"], 10), ("Đơn vị tính", lambda i: i["measure"], 14),
        ("Thời hạn", lambda i: i["period"], 20), ("Hạn", lambda i: i["due_end"] or "", 12),
        ("Đơn vị", lambda i: _join(i["lead_units"]), 30), ("Mục", lambda i: i["section"], 40),
    ],
    "duties": [
        ("Mã", lambda i: i["id"], 18), ("Văn bản", lambda i: i["title"] or i["source"], 40),
        ("Đơn vị báo cáo", lambda i: _join(i["reporter"]), 30), ("Gửi tới", lambda i: _join(i["recipient"]), 30),
        ("Qua", lambda i: _join(i["via"]), 20), ("Nội dung", lambda i: i["what"], 40),
        ("Thời hạn", lambda i: i["timing"], 24), ("Lặp lại", lambda i: i["recurrence"], 12),
        ("Hạn kế tiếp", lambda i: i["next_due"] or "", 12), ("Trích dẫn", lambda i: i["quote"], 70),
    ],
}
_OVERDUE, _SOON = "FDE2E2", "FEF3C7"


def rows(kind: Kind, items: Iterable[dict[str, Any]]) -> list[list[Any]]:
    return [[value(i) for _, value, _ in COLUMNS[kind]] for i in items]


def write_csv(kind: Kind, items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """UTF-8 CSV; returns the number of rows written."""
    writer = csv.writer(out)
    writer.writerow([h for h, _, _ in COLUMNS[kind]])
    n = 0
    for row in rows(kind, items):
        writer.writerow([_cell(v) if isinstance(v, str) else v for v in row])
        n += 1
    return n


def write_xlsx(kind: Kind, items: list[dict[str, Any]], path: Path, title: str = "") -> int:
    """One sheet, frozen and filterable header; returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = {"assignments": "Nhiệm vụ", "targets": "Chỉ tiêu", "duties": "Báo cáo"}[kind]
    columns = COLUMNS[kind]
    ws.append([h for h, _, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for item, row in zip(items, rows(kind, items), strict=True):
        ws.append([_cell(v) if isinstance(v, str) else v for v in row])
        tint = _OVERDUE if item.get("overdue") else _SOON if item.get("due_soon") else None
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if tint:
                cell.fill = PatternFill("solid", start_color=tint, end_color=tint)
    for i, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    if title:
        wb.properties.title = title
    wb.save(path)
    return len(items)
