"""The quality bars of DESIGN.md as data, checked against an evaluation summary (`make eval`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Bar:
    metric: str
    op: Literal[">=", "<", "=="]
    threshold: float
    label: str  # Vietnamese, shown when the bar fails

    def passes(self, value: float) -> bool:
        if self.op == ">=":
            return value >= self.threshold
        if self.op == "<":
            return value < self.threshold
        return abs(value - self.threshold) < 1e-9


BARS: tuple[Bar, ...] = (
    Bar("hit@5", ">=", 0.97, "tài liệu đúng trong 5 kết quả đầu"),
    Bar("mrr", ">=", 0.85, "MRR mức tài liệu"),
    Bar("correct", ">=", 0.85, "đủ dữ kiện và trích dẫn đúng nguồn trên câu có đáp án"),
    Bar("answer_length", "<", 600, "độ dài trung vị câu trả lời (ký tự)"),
    Bar("refusal_recall", ">=", 0.90, "trả lời 'không tìm thấy' cho câu không có đáp án"),
    Bar("citation_validity", "==", 1.0, "trích dẫn khớp nguyên văn tài liệu"),
)


def summary_metrics(summary: Mapping[str, Any], config: str | None = None) -> Mapping[str, Any]:
    """Aggregates of one configuration from a summary.json, a config block or a flat aggregate dict."""
    if "configs" in summary:
        name = config or summary.get("primary") or next(iter(summary["configs"]))
        if name not in summary["configs"]:
            raise KeyError(f"Không có cấu hình {name!r} trong kết quả đánh giá")
        return summary_metrics(summary["configs"][name])
    if isinstance(summary.get("metrics"), Mapping):
        return summary["metrics"]
    return summary


def check_bars(summary: Mapping[str, Any], config: str | None = None) -> list[str]:
    """Vietnamese descriptions of the bars that fail (empty list: the gate passes)."""
    metrics = summary_metrics(summary, config)
    failed = []
    for bar in BARS:
        value = metrics.get(bar.metric)
        need = f"cần {bar.op} {bar.threshold:g}"
        if value is None:
            failed.append(f"{bar.metric}: chưa đo được ({bar.label}; {need})")
        elif not bar.passes(float(value)):
            failed.append(f"{bar.metric} = {float(value):.3f}, {need} ({bar.label})")
    return failed
