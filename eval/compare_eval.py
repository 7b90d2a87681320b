"""Score `troly compare` against a hand-made mapping (`eval/datasets/compare_gold.jsonl`).

Each gold line is one task of a higher plan (its `higher` anchor) and the tasks of a lower plan that carry it
out (`lower` anchors; empty: the lower plan left it out). The plans are read by the ingest pipeline, tasks are
found by their anchors (as in `eval.assignments_eval`), and the matcher of `assistant.services.plan_compare`
runs on all tasks of both plans. Reported per pair and overall:

- pairs: precision / recall of the (higher task, lower task) links, over the higher tasks of the gold;
- missing: precision / recall of "the lower plan has no counterpart" for those higher tasks;
- a threshold sweep, and the threshold chosen on each pair scored on the other (leave one pair out).

    python -m eval.compare_eval [--gold PATH] [--threshold X]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.services.plan_compare import THRESHOLD, similarities
from assistant.vocab.units import same_unit, unit_search_key
from eval.assignments_eval import CORPORA, MAX_BYTES, find_anchor, find_file
from ingest.load import load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_prepare_pipeline, prepare

GOLD = Path(__file__).parent / "datasets" / "compare_gold.jsonl"
SWEEP = tuple(round(0.04 + 0.02 * i, 2) for i in range(15))


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _tasks(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"task": a["task"]["text"], "section": a["section"], "lead_units": a["lead"], "co_units": a["co"],
             "due_end": a["due_end"], "start": a["start"], "end": a["end"]} for a in plan["assignments"]]


def _index(text: str, tasks: list[dict[str, Any]], anchor: dict[str, Any]) -> int | None:
    at = find_anchor(text, anchor["anchor"], anchor.get("occurrence", 0))
    if at is None:
        raise ValueError(f"anchor not found: {anchor}")
    holding = [i for i, t in enumerate(tasks) if t["start"] <= at < t["end"]]
    return min(holding, key=lambda i: tasks[i]["end"] - tasks[i]["start"]) if holding else None


def _links(gold: list[dict[str, Any]], corpora: Iterable[Path]) -> dict[str, Any]:
    """Per pair: the score matrix and the gold links (higher index -> set of lower indices)."""
    pipeline = build_prepare_pipeline()
    read: dict[str, tuple[str, list[dict[str, Any]], str]] = {}

    def doc(name: str) -> tuple[str, list[dict[str, Any]], str]:
        if name not in read:
            prepared = prepare(pipeline, load_document(find_file(name, list(corpora)), MAX_BYTES))
            read[name] = (prepared.text, _tasks(prepared.metadata[META_PLAN]), str(prepared.metadata.get("issuer", "")))
        return read[name]

    pairs: dict[str, Any] = {}
    for g in gold:
        hi_text, hi, _ = doc(g["higher_doc"])
        lo_text, lo, issuer = doc(g["lower_doc"])
        entry = pairs.setdefault(g["pair"], {"higher": hi, "lower": lo, "gold": {}, "unfound": 0,
                                             "scores": similarities(hi, lo, same_unit, issuer, unit_search_key)})
        h = _index(hi_text, hi, {"anchor": g["higher"]})
        if h is None:
            entry["unfound"] += 1 + len(g["lower"])
            continue
        wanted = {_index(lo_text, lo, a) for a in g["lower"]}
        entry["unfound"] += sum(1 for w in wanted if w is None)
        entry["gold"][h] = {w for w in wanted if w is not None}
    return pairs


def _score(entry: dict[str, Any], threshold: float) -> dict[str, Any]:
    tp = fp = fn = 0
    miss_tp = miss_fp = miss_fn = 0
    for h, wanted in entry["gold"].items():
        got = {j for j, s in enumerate(entry["scores"][h]) if s >= threshold}
        tp += len(got & wanted)
        fp += len(got - wanted)
        fn += len(wanted - got)
        miss_tp += not got and not wanted
        miss_fp += not got and bool(wanted)
        miss_fn += bool(got) and not wanted
    fn += entry["unfound"]
    return {"threshold": threshold, "higher_tasks": len(entry["gold"]),
            "links_gold": sum(len(w) for w in entry["gold"].values()) + entry["unfound"],
            "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "f1": _f1(tp, fp, fn),
            "missing_precision": _ratio(miss_tp, miss_tp + miss_fp), "missing_recall": _ratio(miss_tp, miss_tp + miss_fn),
            "unfound_anchors": entry["unfound"]}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0


def evaluate(gold: list[dict[str, Any]], threshold: float = THRESHOLD,
             corpora: Iterable[Path] = CORPORA) -> dict[str, Any]:
    pairs = _links(gold, corpora)
    result: dict[str, Any] = {"threshold": threshold, "pairs": {}, "sweep": {}, "leave_one_pair_out": {}}
    for name, entry in pairs.items():
        result["pairs"][name] = _score(entry, threshold)
        result["sweep"][name] = [_score(entry, t) for t in SWEEP]
    for name, entry in pairs.items():  # the threshold best on the other pairs, scored on this one
        others = [p for n, p in pairs.items() if n != name]
        if not others:
            continue
        best = max(SWEEP, key=lambda t: sum(_score(p, t)["f1"] for p in others))
        result["leave_one_pair_out"][name] = _score(entry, best)
    return result


def markdown(result: dict[str, Any]) -> str:
    rows = ["| pair | higher tasks | gold links | precision | recall | F1 | missing P | missing R |",
            "|---|---|---|---|---|---|---|---|"]
    for name, s in result["pairs"].items():
        rows.append(f"| {name} (τ={s['threshold']}) | {s['higher_tasks']} | {s['links_gold']} | {s['precision']:.3f} | "
                    f"{s['recall']:.3f} | {s['f1']:.3f} | {s['missing_precision']:.3f} | {s['missing_recall']:.3f} |")
    for name, s in result["leave_one_pair_out"].items():
        rows.append(f"| {name}, τ from the other pair ({s['threshold']}) | {s['higher_tasks']} | {s['links_gold']} | "
                    f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['missing_precision']:.3f} | "
                    f"{s['missing_recall']:.3f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Độ chính xác so khớp nhiệm vụ giữa kế hoạch cấp trên và cấp dưới.")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="in bảng quét ngưỡng")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = evaluate(load_gold(args.gold), args.threshold)
    print(markdown(result))
    if args.sweep:
        for name, rows in result["sweep"].items():
            print(name, " ".join(f"{r['threshold']}:{r['precision']:.2f}/{r['recall']:.2f}" for r in rows))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
