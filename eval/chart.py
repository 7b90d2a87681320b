"""chart.png: metrics per question type, one panel per gold set and configuration (PNG, Agg backend)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

CHART_METRICS: tuple[str, ...] = ("hit@5", "mrr", "fact_recall", "correct", "refusal_recall")


def write_chart(path: Path, summary: Mapping[str, Any]) -> None:
    """Grouped bars: CHART_METRICS per question type, one panel per (gold set, configuration)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = [
        (f"{name} — {config}" if len(summary["datasets"]) > 1 else config, block["dataset"], entry)
        for name, block in summary["datasets"].items()
        for config, entry in block["configs"].items()
    ]
    metrics = [m for m in CHART_METRICS if m in summary["metric_info"]]
    widest = max(len(ds["by_type"]) for _, ds, _ in panels)
    fig = Figure(figsize=(max(8.0, 1.1 * widest + 2), 3.2 * len(panels)), layout="constrained")
    FigureCanvasAgg(fig)
    width = 0.8 / max(1, len(metrics))
    for i, (title, ds, entry) in enumerate(panels):
        types = list(ds["by_type"])
        ax = fig.add_subplot(len(panels), 1, i + 1)
        for j, metric in enumerate(metrics):
            values = [entry["by_type"].get(t, {}).get(metric) for t in types]
            xs = [k + (j - (len(metrics) - 1) / 2) * width for k in range(len(types))]
            ax.bar(xs, [float("nan") if v is None else v for v in values], width, label=metric)
        ax.set_title(title)
        ax.set_xticks(range(len(types)), types, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=len(metrics), fontsize=8)
    fig.savefig(path, dpi=110)
