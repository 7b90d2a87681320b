"""How the "Báo cáo" tab shows a draft: the statements as paragraphs with their [n] markers, placeholders
highlighted, headings bold; a summary line; the citation choices; a panel for a tracking-board citation."""

from __future__ import annotations

from html import escape
from typing import Any

from assistant.domain import Citation
from ui import render

KINDS = [("Tiến độ / kết quả thực hiện", "tien-do"), ("Sơ kết", "so-ket"), ("Tổng kết", "tong-ket"),
         ("Tóm tắt kế hoạch", "tom-tat")]


def citations(draft: dict[str, Any]) -> list[Citation]:
    seen: dict[int, Citation] = {}
    for s in draft["statements"]:
        for c in s["citations"]:
            seen.setdefault(c["n"], Citation.model_validate(c))
    return [seen[n] for n in sorted(seen)]


def choices(draft: dict[str, Any]) -> list[tuple[str, int]]:
    return [(render.cite_label(c), c.n) for c in citations(draft)]


def summary(draft: dict[str, Any]) -> str:
    st = draft["stats"]
    period = draft["period"]["label"]
    tasks = st.get("tasks_due", 0) + st.get("tasks_ongoing", 0)
    return (f"**{escape(draft['title'])}**" + (f" — kỳ {period}" if period else "") +
            f"  \n{tasks} nhiệm vụ · {st['claims']} câu có trích dẫn đã kiểm chứng · {st.get('results', 0)} kết quả "
            f"có nguồn · {st['placeholders']} chỗ cần đơn vị bổ sung")


def draft_html(draft: dict[str, Any]) -> str:
    h = draft["header"]
    out = [f'<div class="troly-report"><div class="troly-report-head"><div>{escape(h["superior"])}<br>'
           f'<b>{escape(h["issuer"])}</b><br>{escape(h["number_line"])}</div><div><b>'
           f'{"ĐẢNG CỘNG SẢN VIỆT NAM" if h["body"] == "party" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}</b><br>'
           f'<i>{escape(h["place_date"])}</i></div></div>'
           f'<h3 class="troly-report-title">{escape(h["kind_title"])}<br><small>{escape(h["subject"])}</small></h3>']
    paragraph: list[str] = []
    current = None

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()

    for s in draft["statements"]:
        if s["kind"] == "heading":
            flush()
            out.append(f'<p class="troly-report-h{s.get("level", 1)}"><b>{escape(s["text"])}</b></p>')
            continue
        if s["paragraph"] != current:
            flush()
            current = s["paragraph"]
        text = escape((s.get("label", "") + " " + s["text"]).strip())
        if s["kind"] == "placeholder":
            text = f'<mark class="troly-placeholder">{text}</mark>'
        marks = "".join(f'<sup class="troly-ref">[{c["n"]}]</sup>' for c in s["citations"])
        paragraph.append(f'<span class="troly-{s["kind"]}">{text}{marks}</span>')
    flush()
    out.append("</div>")
    return "".join(out)


def tracking_html(c: Citation) -> str:
    """A result recorded on the tracking board: no document to open, the record itself is the source."""
    return (f'<div class="troly-source"><div class="troly-source-head">[{c.n}] {escape(c.source)}</div>'
            f'<dl><dt>Nhiệm vụ</dt><dd>{escape(c.section)}</dd></dl>'
            f'<div class="troly-passage"><mark>{escape(c.quote)}</mark></div></div>')
