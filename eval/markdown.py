"""summary.md: the evaluation summary as Markdown tables (Vietnamese headings).

Layout: an overview with the quality-gate verdict per gold set (what `troly eval` prints), then per
gold set the metrics of every configuration side by side (with the primary's leave-one-document-out
figures), a per-document and a per-type table; the configurations; the refusal-threshold sweep and
its leave-one-document-out table; the failed questions of each set with expected vs. got.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eval.lodo import UNANSWERABLE
from eval.metrics import METRICS

BREAKDOWN_METRICS: tuple[str, ...] = (
    "hit@1", "hit@5", "mrr", "fact_recall", "correct", "refusal_recall", "refusal_precision", "answer_length",
)
DOCUMENT_METRICS: tuple[str, ...] = ("hit@1", "hit@5", "mrr", "fact_recall", "correct", "answer_length")
_ANSWER_PREVIEW = 400


def _unit(name: str) -> str:
    cls = METRICS.get(name)
    return cls.unit if cls is not None else "rate"


def fmt(name: str, value: float | None) -> str:
    """A metric value as shown in tables: rates with 3 decimals, ms and characters as integers."""
    if value is None:
        return "—"
    return f"{value:.3f}" if _unit(name) == "rate" else f"{value:.0f}"


def cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in body]
    return lines


def render_markdown(summary: Mapping[str, Any], primary_rows: Mapping[str, list[dict[str, Any]]]) -> str:
    """The whole summary.md; ``primary_rows`` are the primary configuration's rows per gold set."""
    sets = summary["datasets"]
    corpus = summary.get("corpus") or {}
    described = ", ".join(
        f"{name} ({b['dataset']['questions']} câu: {b['dataset']['answerable']} có đáp án, "
        f"{b['dataset']['unanswerable']} không có đáp án)"
        for name, b in sets.items()
    )
    lines = ["# Kết quả đánh giá", ""]
    if corpus.get("documents"):
        folders = ", ".join(corpus.get("folders") or [])
        lines += [f"Chỉ mục: {len(corpus['documents'])} tài liệu ({folders}), nạp một lần cho mọi bộ câu hỏi."]
    lines += [f"Bộ câu hỏi: {described}. Cấu hình chính: **{summary['primary']}**.", "", "Ngưỡng chất lượng:"]
    lines += _gate_lines(summary)
    for name, block in sets.items():
        lines += ["", *_dataset_section(name, block, summary)]
    lines += ["", *_configs_section(summary)]
    if "calibration" in summary:
        lines += ["", *_calibration_section(summary)]
    for name, rows in primary_rows.items():
        failed = [r for r in rows if row_failed(r)]
        lines += ["", f"## Câu hỏi chưa đạt — {name} ({len(failed)}/{len(rows)})", ""]
        for row in failed:
            lines += _failed_block(row)
    return "\n".join(lines) + "\n"


def _gate_lines(summary: Mapping[str, Any]) -> list[str]:
    lines = []
    for name, result in summary["quality_gate"]["datasets"].items():
        kind = "bắt buộc" if result["enforced"] else "chưa bắt buộc"
        where = f"- {name} (ngưỡng {result['bars']}, {kind}):"
        if not result["failed"]:
            lines.append(f"{where} ✅ Đạt mọi ngưỡng.")
        else:
            verdict = "❌ Không đạt" if result["enforced"] else "⚠️ Chưa đạt"
            lines.append(f"{where} {verdict}: " + "; ".join(result["failed"]))
    return lines


def _dataset_section(name: str, block: Mapping[str, Any], summary: Mapping[str, Any]) -> list[str]:
    configs = block["configs"]
    primary = summary["primary"]
    ds = block["dataset"]
    lodo = block.get("lodo")
    headers = list(configs)
    lines = [f"## Bộ câu hỏi {name} ({ds['questions']} câu)", "", "### Chỉ số", ""]
    if lodo:
        headers.insert(headers.index(primary) + 1, f"{primary} (LODO)")
    body = []
    for n, info in summary["metric_info"].items():
        values = [fmt(n, configs[c]["metrics"].get(n)) for c in configs]
        if lodo:  # latency of the sweep passes replays retrieval: not a measurement
            lodo_value = None if info.get("unit") == "ms" else lodo["metrics"].get(n)
            values.insert(list(configs).index(primary) + 1, fmt(n, lodo_value))
        body.append([f"{info['description']} (`{n}`)", *values])
    lines += table(["Chỉ số", *headers], body)

    others = [c for c in configs if c != primary]
    shown = [m for m in DOCUMENT_METRICS if m in summary["metric_info"]]
    by_doc = configs[primary]["by_document"]
    lines += ["", f"### Theo tài liệu ({primary})", ""]
    doc_rows = []
    for doc in sorted(by_doc, key=lambda d: (d == UNANSWERABLE, d)):
        v = by_doc[doc]
        if doc == UNANSWERABLE:
            cells = ["—"] * len(shown)
            extra = [f"refusal_recall {fmt('refusal_recall', v.get('refusal_recall'))}"]
        else:
            cells = [fmt(m, v.get(m)) for m in shown]
            extra = [f"{v.get('false_refusals', 0)}/{v.get('questions', 0)}"]
        base = [fmt("correct", configs[c]["by_document"].get(doc, {}).get("correct")) for c in others]
        doc_rows.append([doc, str(v.get("questions", 0)), *cells, *extra, *base])
    lines += table(
        ["Tài liệu", "Số câu", *shown, "Từ chối sai", *(f"correct {c}" for c in others)], doc_rows
    )

    type_metrics = [m for m in BREAKDOWN_METRICS if m in summary["metric_info"]]
    lines += ["", f"### Theo loại câu hỏi ({primary})", ""]
    breakdown = [
        *((t, ds["by_type"].get(t, 0), v) for t, v in configs[primary]["by_type"].items()),
        *((f"nhóm: {g}", ds["by_group"].get(g, 0), v) for g, v in configs[primary]["by_group"].items()),
    ]
    lines += table(
        ["Loại", "Số câu", *type_metrics],
        [[label, str(n), *(fmt(m, v.get(m)) for m in type_metrics)] for label, n, v in breakdown],
    )
    return lines


def _configs_section(summary: Mapping[str, Any]) -> list[str]:
    merged: dict[str, dict[str, Any]] = {}
    for block in summary["datasets"].values():
        for c, entry in block["configs"].items():
            merged.setdefault(c, {}).update(entry["config"])
    keys = sorted({k for cfg in merged.values() for k in cfg})
    if not keys:
        return []
    names = list(merged)
    body = [[k, *(merged[c].get(k, "—") for c in names)] for k in keys]
    return ["## Cấu hình", "", *table(["Tham số", *names], body)]


def _calibration_section(summary: Mapping[str, Any]) -> list[str]:
    cal = summary["calibration"]
    primary = summary["primary"]
    sets = list(summary["datasets"])
    lines = [
        "## Ngưỡng từ chối: quét và hiệu chỉnh bỏ-một-tài-liệu (LODO)",
        "",
        f"Tham số duy nhất hiệu chỉnh trên dữ liệu chuẩn: `{cal['parameter']}` "
        f"(đang đặt {cal['configured']:g}). "
        f"Mục tiêu: {cal['objective']}. LODO: mỗi câu có đáp án được chấm ở ngưỡng chọn trên các câu "
        "không chung tài liệu nào với nó; mỗi câu không có đáp án ở ngưỡng chọn trên mọi câu khác.",
        "",
        f"### Quét ngưỡng ({primary})",
        "",
    ]
    header = ["Ngưỡng"]
    for name in sets:
        header += [f"{name} correct", f"{name} refusal_recall", f"{name} refusal_precision"]
    header += ["Mục tiêu (tất cả)", "Xử lý đúng / tổng số câu"]
    body = []
    for t, entry in cal["sweep"].items():
        row = [t + (" (đang đặt)" if abs(float(t) - cal["configured"]) < 1e-9 else "")]
        for name in sets:
            row += [fmt(m, entry[name].get(m)) for m in ("correct", "refusal_recall", "refusal_precision")]
        row += [fmt("objective", entry["all"].get("objective")), fmt("accuracy", entry["all"].get("accuracy"))]
        body.append(row)
    lines += table(header, body)

    lines += ["", f"### LODO theo tài liệu ({primary})", ""]
    body = []
    for name, block in summary["datasets"].items():
        lodo = block.get("lodo")
        if not lodo:
            continue
        default_docs = block["configs"][primary]["by_document"]
        for doc in sorted(lodo["by_document"], key=lambda d: (d == UNANSWERABLE, d)):
            v = lodo["by_document"][doc]
            d = default_docs.get(doc, {})
            if doc == UNANSWERABLE:
                ts = v.get("thresholds") or []
                when = f"{min(ts):g}–{max(ts):g}" if ts else "—"
                m = "refusal_recall"
                body.append([name, doc, str(v.get("questions", 0)), when, m, fmt(m, d.get(m)), fmt(m, v.get(m)), "—"])
            else:
                t = v.get("threshold")
                body.append([name, doc, str(v.get("questions", 0)), "—" if t is None else f"{t:g}", "correct",
                             fmt("correct", d.get("correct")), fmt("correct", v.get("correct")),
                             f"{v.get('false_refusals', 0)}/{v.get('questions', 0)}"])
        agg_default = block["configs"][primary]["metrics"]
        for m in ("correct", "refusal_recall", "refusal_precision"):
            body.append([name, "**tổng**", str(block["dataset"]["questions"]), "", m,
                         fmt(m, agg_default.get(m)), fmt(m, lodo["metrics"].get(m)), ""])
    lines += table(
        ["Bộ", "Tài liệu", "Số câu", "Ngưỡng LODO", "Chỉ số", f"Ngưỡng đang đặt {cal['configured']:g}", "LODO",
         "Từ chối sai (LODO)"],
        body,
    )
    return lines


def row_failed(row: Mapping[str, Any]) -> bool:
    """A question fails when its answer bar fails: wrong/missing facts or source, no refusal, bad quote."""
    m = row["metrics"]
    if row.get("expected_answerable"):
        bad = m.get("correct") == 0 or m.get("hit@5") == 0
    else:
        bad = m.get("refusal_recall") == 0
    validity = m.get("citation_validity")
    return bool(bad or (validity is not None and validity < 1))


def _failed_block(row: Mapping[str, Any]) -> list[str]:
    facts = " ; ".join(" / ".join(f'"{a}"' for a in alts) for alts in row.get("expected_facts") or []) or "—"
    if row.get("expected_answerable"):
        expected = f"dữ kiện {facts}; nguồn {', '.join(row.get('expected_sources') or [])}"
    else:
        expected = "không có đáp án (phải trả lời 'không tìm thấy')"
    answer = " ".join(str(row.get("answer") or "").split())
    if len(answer) > _ANSWER_PREVIEW:
        answer = answer[:_ANSWER_PREVIEW] + "…"
    cited = ", ".join(dict.fromkeys(str(c.get("source")) for c in row.get("citations") or [])) or "—"
    top = ", ".join((row.get("retrieved") or [])[:3]) or "—"
    outcomes = ", ".join(
        f"{k}={fmt(k, v)}" for k, v in row["metrics"].items() if v is not None and _unit(k) != "ms"
    )
    return [
        f"### {row['id']} ({row['type']}): {cell(row['question'])}",
        "",
        f"- Mong đợi: {expected}",
        f"- Nhận được: answerable={row.get('answerable')}; trích dẫn: {cited}; top 3 truy hồi: {top}",
        f"- Câu trả lời: {answer or '—'}",
        f"- Chỉ số: {outcomes}",
        "",
    ]
