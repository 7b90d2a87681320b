"""Evaluation reports: summary.json, summary.md, a chart per question type, results JSONL, run diffs.

Several configurations (baselines and the project's pipeline) are evaluated on the same questions
and reported side by side so that a change reads as a ratio. The *primary* configuration (the
project's pipeline; by default the first one given) gets the per-question ``results.jsonl``, the
failed-question list and the quality-gate verdict; every configuration also gets
``results-<name>.jsonl``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.metrics import METRICS, aggregate_rows
from eval.quality_gate import check_bars

CHART_METRICS: tuple[str, ...] = ("hit@5", "mrr", "fact_recall", "correct", "refusal_recall")
BREAKDOWN_METRICS: tuple[str, ...] = ("hit@1", "hit@5", "mrr", "fact_recall", "correct", "refusal_recall")
_ANSWER_PREVIEW = 400


@dataclass
class RunResult:
    """One configuration's evaluation: the rows and aggregates of ``evaluate`` plus its settings."""

    rows: list[dict[str, Any]]
    aggregates: dict[str, float | None]
    config: dict[str, Any] = field(default_factory=dict)  # embedder, fusion, top_k, answerer, ...


def write_report(
    out_dir: str | Path, runs: Mapping[str, RunResult], primary: str | None = None
) -> dict[str, Path]:
    """Write every report file into ``out_dir``; returns them by kind."""
    if not runs:
        raise ValueError("Không có lần chạy nào để báo cáo")
    primary = primary or next(iter(runs))
    if primary not in runs:
        raise KeyError(f"Không có cấu hình {primary!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = build_summary(runs, primary)
    files = {
        "summary_json": out / "summary.json",
        "summary_md": out / "summary.md",
        "chart": out / "chart.png",
        "results": out / "results.jsonl",
    }
    files["summary_json"].write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    files["summary_md"].write_text(render_markdown(summary, runs[primary].rows), encoding="utf-8")
    write_chart(files["chart"], summary)
    _write_jsonl(files["results"], runs[primary].rows)
    for name, run in runs.items():
        files[f"results:{name}"] = out / f"results-{_slug(name)}.jsonl"
        _write_jsonl(files[f"results:{name}"], run.rows)
    return files


def build_summary(runs: Mapping[str, RunResult], primary: str) -> dict[str, Any]:
    """The content of summary.json."""
    names = [n for n in METRICS if any(n in run.aggregates for run in runs.values())]
    rows = runs[primary].rows
    summary: dict[str, Any] = {
        "primary": primary,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {
            "questions": len(rows),
            "answerable": sum(1 for r in rows if r.get("expected_answerable")),
            "unanswerable": sum(1 for r in rows if not r.get("expected_answerable")),
            "by_type": _count(r["type"] for r in rows),
            "by_group": _count(g for r in rows for g in r.get("groups", [])),
        },
        "metric_info": {
            n: {
                "description": METRICS[n].description,
                "unit": METRICS[n].unit,
                "scope": METRICS[n].scope,
                "higher_is_better": METRICS[n].higher_is_better,
            }
            for n in names
        },
        "configs": {
            name: {
                "config": run.config,
                "metrics": run.aggregates,
                "by_type": _breakdown(run.rows, lambda r: [r["type"]]),
                "by_group": _breakdown(run.rows, lambda r: r.get("groups", [])),
            }
            for name, run in runs.items()
        },
    }
    summary["quality_gate"] = {"config": primary, "failed": check_bars(summary, primary)}
    return summary


def _count(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return counts


def _breakdown(rows: list[dict[str, Any]], keys_of: Any) -> dict[str, dict[str, float | None]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for key in keys_of(row):
            groups.setdefault(key, []).append(row)
    return {key: aggregate_rows(members) for key, members in groups.items()}


# --- markdown ----------------------------------------------------------------------------------------


def _unit(name: str) -> str:
    cls = METRICS.get(name)
    return cls.unit if cls is not None else "rate"


def fmt(name: str, value: float | None) -> str:
    """A metric value as shown in tables: rates with 3 decimals, ms and characters as integers."""
    if value is None:
        return "—"
    return f"{value:.3f}" if _unit(name) == "rate" else f"{value:.0f}"


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines


def render_markdown(summary: Mapping[str, Any], primary_rows: list[dict[str, Any]]) -> str:
    configs = summary["configs"]
    names = list(configs)
    primary = summary["primary"]
    ds = summary["dataset"]
    lines = [
        "# Kết quả đánh giá",
        "",
        f"Bộ câu hỏi: {ds['questions']} câu ({ds['answerable']} có đáp án, {ds['unanswerable']} không có đáp án). "
        f"Cấu hình chính: **{primary}**.",
        "",
        "## Chỉ số",
        "",
    ]
    body = [
        [f"{info['description']} (`{n}`)", *(fmt(n, configs[c]["metrics"].get(n)) for c in names)]
        for n, info in summary["metric_info"].items()
    ]
    lines += _table(["Chỉ số", *names], body)

    keys = sorted({k for c in names for k in configs[c]["config"]})
    if keys:
        lines += ["", "## Cấu hình", ""]
        lines += _table(
            ["Tham số", *names], [[k, *(configs[c]["config"].get(k, "—") for c in names)] for k in keys]
        )

    shown = [m for m in BREAKDOWN_METRICS if m in summary["metric_info"]]
    lines += ["", f"## Theo loại câu hỏi ({primary})", ""]
    breakdown = [
        *((t, ds["by_type"].get(t, 0), v) for t, v in configs[primary]["by_type"].items()),
        *((f"nhóm: {g}", ds["by_group"].get(g, 0), v) for g, v in configs[primary]["by_group"].items()),
    ]
    lines += _table(
        ["Loại", "Số câu", *shown],
        [[label, str(n), *(fmt(m, v.get(m)) for m in shown)] for label, n, v in breakdown],
    )

    failed_bars = summary["quality_gate"]["failed"]
    lines += ["", f"## Ngưỡng chất lượng ({primary})", ""]
    lines += [f"- ❌ {f}" for f in failed_bars] if failed_bars else ["- ✅ Đạt mọi ngưỡng của DESIGN.md."]

    failed = [r for r in primary_rows if row_failed(r)]
    lines += ["", f"## Câu hỏi chưa đạt ({len(failed)}/{len(primary_rows)})", ""]
    for row in failed:
        lines += _failed_block(row)
    return "\n".join(lines) + "\n"


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
        f"### {row['id']} ({row['type']}): {_cell(row['question'])}",
        "",
        f"- Mong đợi: {expected}",
        f"- Nhận được: answerable={row.get('answerable')}; trích dẫn: {cited}; top 3 truy hồi: {top}",
        f"- Câu trả lời: {answer or '—'}",
        f"- Chỉ số: {outcomes}",
        "",
    ]


# --- chart -------------------------------------------------------------------------------------------


def write_chart(path: Path, summary: Mapping[str, Any]) -> None:
    """Grouped bars: CHART_METRICS per question type, one panel per configuration (PNG, Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    configs = summary["configs"]
    types = list(summary["dataset"]["by_type"])
    metrics = [m for m in CHART_METRICS if m in summary["metric_info"]]
    fig = Figure(figsize=(max(8.0, 1.1 * len(types) + 2), 3.2 * len(configs)), layout="constrained")
    FigureCanvasAgg(fig)
    width = 0.8 / max(1, len(metrics))
    for i, (name, block) in enumerate(configs.items()):
        ax = fig.add_subplot(len(configs), 1, i + 1)
        for j, metric in enumerate(metrics):
            values = [block["by_type"].get(t, {}).get(metric) for t in types]
            xs = [k + (j - (len(metrics) - 1) / 2) * width for k in range(len(types))]
            ax.bar(xs, [float("nan") if v is None else v for v in values], width, label=metric)
        ax.set_title(name)
        ax.set_xticks(range(len(types)), types, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=len(metrics), fontsize=8)
    fig.savefig(path, dpi=110)


# --- files, comparison -------------------------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "run"


def _write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def load_summary(run_dir: str | Path) -> dict[str, Any]:
    path = Path(run_dir) / "summary.json"
    if not path.is_file():
        raise FileNotFoundError(f"Không tìm thấy {path}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def compare(dir_a: str | Path, dir_b: str | Path) -> str:
    """Per-metric differences between two report directories (B − A), as Markdown tables.

    Configurations present in both runs are compared by name; when they share none, the two
    primary configurations are compared with each other.
    """
    a, b = load_summary(dir_a), load_summary(dir_b)
    common = [n for n in a["configs"] if n in b["configs"]]
    pairs = [(n, n) for n in common] or [(a["primary"], b["primary"])]
    info = {**a.get("metric_info", {}), **b.get("metric_info", {})}
    lines = [f"So sánh A = {dir_a}  →  B = {dir_b}"]
    for name_a, name_b in pairs:
        ma, mb = a["configs"][name_a]["metrics"], b["configs"][name_b]["metrics"]
        title = name_a if name_a == name_b else f"{name_a} → {name_b}"
        body = []
        for metric in [n for n in info if n in ma or n in mb]:
            va, vb = ma.get(metric), mb.get(metric)
            delta = ratio = verdict = "—"
            if va is not None and vb is not None:
                delta = f"{vb - va:+.3f}" if info[metric].get("unit", "rate") == "rate" else f"{vb - va:+.0f}"
                ratio = f"{vb / va:.2f}×" if va else "—"
                better = vb > va if info[metric].get("higher_is_better", True) else vb < va
                verdict = "tốt hơn" if better else ("như cũ" if vb == va else "kém hơn")
            body.append([metric, fmt(metric, va), fmt(metric, vb), delta, ratio, verdict])
        lines += ["", f"## {title}", "", *_table(["Chỉ số", "A", "B", "B − A", "B / A", "Đánh giá"], body)]
    return "\n".join(lines) + "\n"
