"""Evaluation reports: summary.json, summary.md, chart.png, results JSONL, run comparison.

A run evaluates one or more gold sets (``dev``, ``ext``, …) under several configurations (the
project's pipeline and baselines) on the same index, so a change reads as a ratio. Every metric is
reported per gold set, per question type and per document (the question's expected source;
unanswerable questions form their own group). The *primary* configuration (the project's
pipeline; by default the first one given) gets the per-question ``results.jsonl``, the
failed-question lists, the leave-one-document-out calibration of the refusal threshold
(:mod:`eval.lodo`) and the quality-gate verdict per gold set (:mod:`eval.quality_gate`); every
configuration also gets ``results-<name>.jsonl``. Result rows carry their gold set as ``dataset``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval import quality_gate
from eval.lodo import UNANSWERABLE, Calibration, accuracy, document_keys, group_label, objective
from eval.metrics import METRICS, aggregate_rows
from eval.quality_gate import check_bars, gate

SWEEP_METRICS: tuple[str, ...] = ("correct", "refusal_recall", "refusal_precision", "answer_length")


@dataclass
class RunResult:
    """One configuration's evaluation of one gold set: the rows and aggregates of ``evaluate``."""

    rows: list[dict[str, Any]]
    aggregates: dict[str, float | None]
    config: dict[str, Any] = field(default_factory=dict)  # embedder, fusion, top_k, answerer, ...


Runs = Mapping[str, Mapping[str, RunResult]]  # gold set -> configuration -> result


def write_report(
    out_dir: str | Path,
    runs: Runs,
    primary: str | None = None,
    calibration: Calibration | None = None,
    corpus: Mapping[str, Any] | None = None,
) -> dict[str, Path]:
    """Write every report file into ``out_dir``; returns them by kind."""
    from eval.chart import write_chart
    from eval.markdown import render_markdown

    if not runs or not all(runs.values()):
        raise ValueError("Không có lần chạy nào để báo cáo")
    configs = list(next(iter(runs.values())))
    primary = primary or configs[0]
    if any(primary not in by_config for by_config in runs.values()):
        raise KeyError(f"Không có cấu hình {primary!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = build_summary(runs, primary, calibration, corpus)
    files = {
        "summary_json": out / "summary.json",
        "summary_md": out / "summary.md",
        "chart": out / "chart.png",
        "results": out / "results.jsonl",
    }
    files["summary_json"].write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    files["summary_md"].write_text(
        render_markdown(summary, {name: by_config[primary].rows for name, by_config in runs.items()}),
        encoding="utf-8",
    )
    write_chart(files["chart"], summary)
    _write_jsonl(files["results"], _all_rows(runs, primary))
    for name in configs:
        files[f"results:{name}"] = out / f"results-{_slug(name)}.jsonl"
        _write_jsonl(files[f"results:{name}"], _all_rows(runs, name))
    if calibration is not None:
        files["sweep"] = out / "threshold_sweep.jsonl"
        _write_jsonl(files["sweep"], sweep_rows(calibration))
    return files


def _all_rows(runs: Runs, config: str) -> list[dict[str, Any]]:
    return [{"dataset": name, **row} for name, by_config in runs.items() for row in by_config[config].rows]


# --- summary.json ------------------------------------------------------------------------------------


def build_summary(
    runs: Runs,
    primary: str,
    calibration: Calibration | None = None,
    corpus: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The content of summary.json."""
    every = [run for by_config in runs.values() for run in by_config.values()]
    names = [n for n in METRICS if any(n in run.aggregates for run in every)]
    summary: dict[str, Any] = {
        "primary": primary,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": dict(corpus or {}),
        "metric_info": {
            n: {
                "description": METRICS[n].description,
                "unit": METRICS[n].unit,
                "scope": METRICS[n].scope,
                "higher_is_better": METRICS[n].higher_is_better,
            }
            for n in names
        },
        "datasets": {
            name: dataset_block(name, by_config, primary, calibration) for name, by_config in runs.items()
        },
    }
    if calibration is not None:
        summary["calibration"] = calibration_block(calibration)
    per_set = gate(summary)
    summary["quality_gate"] = {
        "config": primary,
        "enforced": sorted(quality_gate.ENFORCED),
        "failed": check_bars(summary),
        "passed": not check_bars(summary),
        "datasets": per_set,
    }
    return summary


def dataset_block(
    name: str, by_config: Mapping[str, RunResult], primary: str, calibration: Calibration | None
) -> dict[str, Any]:
    rows = by_config[primary].rows
    block: dict[str, Any] = {
        "dataset": {
            "questions": len(rows),
            "answerable": sum(1 for r in rows if r.get("expected_answerable")),
            "unanswerable": sum(1 for r in rows if not r.get("expected_answerable")),
            "by_type": _count(r["type"] for r in rows),
            "by_group": _count(g for r in rows for g in r.get("groups", [])),
            "by_document": _count(k for r in rows for k in document_keys(r)),
        },
        "configs": {
            config: {
                "config": run.config,
                "metrics": run.aggregates,
                "by_type": breakdown(run.rows, lambda r: [r["type"]]),
                "by_group": breakdown(run.rows, lambda r: r.get("groups", [])),
                "by_document": breakdown(run.rows, document_keys),
            }
            for config, run in by_config.items()
        },
    }
    if calibration is not None:
        block["lodo"] = lodo_block(name, calibration)
    return block


def breakdown(
    rows: Sequence[Mapping[str, Any]], keys_of: Callable[[Mapping[str, Any]], Iterable[str]]
) -> dict[str, Any]:
    """Aggregates of every metric per key, plus ``false_refusals``: answerable questions refused."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        for key in keys_of(row):
            groups.setdefault(key, []).append(row)
    return {
        key: {
            **aggregate_rows(members),
            "questions": len(members),
            "false_refusals": sum(
                1 for r in members if r.get("expected_answerable") and r.get("answerable") is False
            ),
        }
        for key, members in groups.items()
    }


def lodo_block(name: str, calibration: Calibration) -> dict[str, Any]:
    """This gold set's leave-one-document-out figures: aggregates, and per document with its threshold."""
    mine = [
        (t, row) for t, row in zip(calibration.lodo.thresholds, calibration.lodo.rows, strict=True)
        if row.get("dataset") == name
    ]
    rows = [row for _, row in mine]
    by_document = breakdown(rows, document_keys)
    for key, entry in by_document.items():
        if key == UNANSWERABLE:
            entry["thresholds"] = sorted({t for t, row in mine if not row.get("expected_answerable")})
        else:
            entry["threshold"] = calibration.lodo.by_group.get(key)
    return {"metrics": aggregate_rows(rows), "by_document": by_document}


def calibration_block(calibration: Calibration) -> dict[str, Any]:
    sweep: dict[str, dict[str, Any]] = {}
    sets = list(dict.fromkeys(r.get("dataset", "") for r in calibration.sweep[calibration.grid[0]]))
    for t in calibration.grid:
        rows = calibration.sweep[t]
        entry = {}
        for name in [*sets, "all"]:
            chosen = rows if name == "all" else [r for r in rows if r.get("dataset") == name]
            entry[name] = {**aggregate_rows(chosen, SWEEP_METRICS), "objective": objective(chosen),
                           "accuracy": accuracy(chosen)}
        sweep[f"{t:.2f}"] = entry
    return {
        "parameter": "answer.refusal_threshold",
        "configured": calibration.configured,
        "grid": calibration.grid,
        "objective": "correct (câu có đáp án) + refusal_recall (câu không có đáp án)",
        "thresholds_by_group": calibration.lodo.by_group,
        "sweep": sweep,
    }


def sweep_rows(calibration: Calibration) -> list[dict[str, Any]]:
    """threshold_sweep.jsonl: per question, whether it was refused and correct at each threshold."""
    out = []
    for i, row in enumerate(calibration.sweep[calibration.grid[0]]):
        out.append({
            "dataset": row.get("dataset"),
            "id": row["id"],
            "type": row["type"],
            "expected_answerable": row.get("expected_answerable"),
            "expected_sources": row.get("expected_sources"),
            "lodo_group": group_label(row),
            "lodo_threshold": calibration.lodo.thresholds[i],
            "by_threshold": {
                f"{t:.2f}": {
                    "refused": calibration.sweep[t][i].get("answerable") is False,
                    "correct": calibration.sweep[t][i]["metrics"].get("correct"),
                }
                for t in calibration.grid
            },
        })
    return out


def _count(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return counts


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


def _datasets_of(summary: Mapping[str, Any]) -> dict[str, Any]:
    """Gold-set blocks of a summary; a summary written before several sets were supported is one set."""
    if "datasets" in summary:
        return dict(summary["datasets"])
    return {"(một bộ)": summary}


def compare(dir_a: str | Path, dir_b: str | Path) -> str:
    """Per-metric differences between two report directories (B − A), as Markdown tables.

    Gold sets and configurations present in both runs are compared by name; when the runs share
    no gold set (or no configuration), the first of each (the primaries) are compared.
    """
    from eval.markdown import fmt, table

    a, b = load_summary(dir_a), load_summary(dir_b)
    sets_a, sets_b = _datasets_of(a), _datasets_of(b)
    set_pairs = [(n, n) for n in sets_a if n in sets_b] or [(next(iter(sets_a)), next(iter(sets_b)))]
    info = {**a.get("metric_info", {}), **b.get("metric_info", {})}
    lines = [f"So sánh A = {dir_a}  →  B = {dir_b}"]
    for set_a, set_b in set_pairs:
        ca, cb = sets_a[set_a]["configs"], sets_b[set_b]["configs"]
        common = [n for n in ca if n in cb]
        prim_a = a.get("primary") if a.get("primary") in ca else next(iter(ca))
        prim_b = b.get("primary") if b.get("primary") in cb else next(iter(cb))
        for name_a, name_b in [(n, n) for n in common] or [(prim_a, prim_b)]:
            ma, mb = ca[name_a]["metrics"], cb[name_b]["metrics"]
            title = name_a if name_a == name_b else f"{name_a} → {name_b}"
            if not set_a == set_b == "(một bộ)":
                title = f"{set_a if set_a == set_b else f'{set_a} → {set_b}'} · {title}"
            body = []
            for metric in [n for n in info if n in ma or n in mb]:
                va, vb = ma.get(metric), mb.get(metric)
                delta = ratio = verdict = "—"
                if va is not None and vb is not None:
                    rate = info[metric].get("unit", "rate") == "rate"
                    delta = f"{vb - va:+.3f}" if rate else f"{vb - va:+.0f}"
                    ratio = f"{vb / va:.2f}×" if va else "—"
                    better = vb > va if info[metric].get("higher_is_better", True) else vb < va
                    verdict = "tốt hơn" if better else ("như cũ" if vb == va else "kém hơn")
                body.append([metric, fmt(metric, va), fmt(metric, vb), delta, ratio, verdict])
            lines += ["", f"## {title}", "", *table(["Chỉ số", "A", "B", "B − A", "B / A", "Đánh giá"], body)]
    return "\n".join(lines) + "\n"
