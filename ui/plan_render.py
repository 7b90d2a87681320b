"""Pure formatting for the "Nhiệm vụ" tab: table rows with their deadline state, the colours, the alert
summary, the assignment panel and the per-unit chart data. Everything from documents is escaped here."""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd

from assistant.domain import STATUSES as TASK_STATUSES
from assistant.domain import Citation, DocumentMeta
from assistant.vocab.dates import date_vi
from ui.render import shorten, source_html

STATUSES = list(TASK_STATUSES)
HEADERS = ["Hạn", "Chủ trì", "Nhiệm vụ", "Trạng thái", "Mã"]
WIDTHS: list[str | int] = ["17%", "20%", "43%", "12%", "8%"]
SHORT_ID = 8  # a row shows the first characters of its id; the tab finds the item by them
COLOURS = {"quá hạn": "#fde2e2", "sắp đến hạn": "#fef3c7"}
STATUS_COLOURS = {"chưa triển khai": "#9ca3af", "đang thực hiện": "#3b82f6", "hoàn thành": "#16a34a", "chậm": "#dc2626",
                  "vướng mắc": "#f59e0b"}
RECURRENCE_VI = {"monthly": "hằng tháng", "quarterly": "hằng quý", "half-yearly": "6 tháng/lần", "yearly": "hằng năm",
                 "continuous": "thường xuyên"}


def state(item: dict[str, Any]) -> str:
    if item.get("overdue"):
        return "quá hạn"
    if item.get("due_soon"):
        return "sắp đến hạn"
    return "hoàn thành" if item.get("status") == "hoàn thành" else ""


def due_label(item: dict[str, Any]) -> str:
    due = item.get("next_due") or item.get("due_end")
    label = date_vi(due) if due else (item.get("timing") or "—")
    recurrence = RECURRENCE_VI.get(item.get("recurrence", "none"))
    return f"{label} ({recurrence})" if recurrence and due else recurrence or label


def urgent_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Overdue, then due soon, then by the next deadline; done ones and those without a date last."""
    return sorted(items, key=lambda i: (not i.get("overdue"), not i.get("due_soon"), i.get("status") == "hoàn thành",
                                        i.get("next_due") or i.get("due_end") or "9999"))


def rows(items: list[dict[str, Any]]) -> list[list[Any]]:
    """Deadline (with its state), lead, task, status, short id: the co-units and the plan are in the panel."""
    return [[f"{state(i)} · {due_label(i)}" if state(i) and state(i) != "hoàn thành" else due_label(i),
             ", ".join(i["lead_units"]) or "—", shorten(i["task"], 120), i["status"], i["id"][:SHORT_ID]]
            for i in items]


def find(items: list[dict[str, Any]], short_id: str) -> dict[str, Any] | None:
    return next((i for i in items if short_id and i["id"].startswith(short_id)), None)


def table(items: list[dict[str, Any]]) -> Any:
    """The rows, overdue ones red and those due soon amber (a pandas Styler the Dataframe renders)."""
    frame = pd.DataFrame(rows(items), columns=HEADERS)
    colours = [COLOURS.get(state(i)) for i in items]

    def paint(row: pd.Series) -> list[str]:
        colour = colours[int(row.name)]  # type: ignore[call-overload]
        return [f"background-color: {colour}" if colour else ""] * len(row)

    return frame.style.apply(paint, axis=1)


def summary(items: list[dict[str, Any]], total: int) -> str:
    overdue = sum(1 for i in items if i.get("overdue"))
    soon = sum(1 for i in items if i.get("due_soon"))
    shown = f"{len(items)}/{total}" if total > len(items) else str(total)
    return (f"**{shown}** nhiệm vụ · <span class='troly-overdue'>{overdue} quá hạn</span> · "
            f"<span class='troly-soon'>{soon} sắp đến hạn</span>")


def panel(item: dict[str, Any], meta: DocumentMeta, span: dict[str, Any]) -> str:
    """The assignment's facts, then its passage with the cited span highlighted (the chat's source panel)."""
    facts = [("Chủ trì", ", ".join(item["lead_units"])), ("Phối hợp", ", ".join(item["co_units"])),
             ("Thời gian", item["timing"]), ("Hạn", due_label(item)), ("Sản phẩm", item["product"]),
             ("Trạng thái", item["status"]), ("Ghi chú", item["note"])]
    rows_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    cite = Citation(n=1, doc_id=item["doc_id"], source=item["source"], title=item["title"],
                    doc_number=item["doc_number"], section=item["section"], quote=item["quote"], start=item["start"],
                    end=item["end"])
    return (f'<div class="troly-source"><div class="troly-source-head">{escape(shorten(item["task"], 200))}</div>'
            f'<dl>{rows_html}</dl></div>' + source_html(cite, meta, span))


def history_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    return [[date_vi(h["at"][:10]) + h["at"][10:16].replace("T", " "), h["user"], h["status"], h["note"]]
            for h in reversed(items)]


def unit_chart(units: list[dict[str, Any]], top: int = 12) -> pd.DataFrame:
    """Long table for a stacked bar chart: the units leading most assignments, counted by status."""
    out = [{"Đơn vị": shorten(u["unit"], 32), "Trạng thái": status, "Số nhiệm vụ": int(n)}
           for u in units[:top] for status, n in u["by_status"].items()]
    frame = pd.DataFrame(out, columns=["Đơn vị", "Trạng thái", "Số nhiệm vụ"])
    return frame.astype({"Số nhiệm vụ": "int64"})


def unit_rows(units: list[dict[str, Any]], top: int = 12) -> list[list[Any]]:
    return [[u["unit"], u["lead"], u["co"], u["overdue"], date_vi(u["next_due"]) if u["next_due"] else "—"]
            for u in units[:top]]
