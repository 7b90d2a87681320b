"""Score the plan model's targets and reporting duties against a gold set written by hand
(`eval/datasets/targets_duties_gold.jsonl`, written from the texts of 004, 000, ext01, ext03 and ext09 after the
rules were, so every plan in it is held out for these two kinds).

A gold target is an `anchor` that starts with its value as printed ("tối thiểu 95% hồ sơ …"); a predicted target
matches when its value starts inside the anchor. Scored: found (recall, and precision over the predicted targets
of the gold plans' goal sections is not scored: body figures are targets too when the plan asks for them),
comparator and number right, due end right (where the gold gives it). A gold duty is an `anchor` inside the
sentence; a predicted duty matches when its span holds the anchor. Scored: found, and where the gold gives them,
reporter, recipient, channel (`via`, units compared as in `eval.assignments_eval`) and recurrence with its day.

    python -m eval.targets_eval [--gold PATH] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eval.assignments_eval import CORPORA, MAX_BYTES, find_anchor, find_file, load_gold, unit_bag
from ingest.load import load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_prepare_pipeline, prepare

GOLD = Path(__file__).parent / "datasets" / "targets_duties_gold.jsonl"
TARGET_FIELDS = ("comparator", "number", "due_end")
DUTY_FIELDS = ("reporter", "recipient", "via", "recurrence")


def _right(name: str, got: dict[str, Any], want: dict[str, Any]) -> bool:
    if name in ("reporter", "recipient", "via"):
        return unit_bag(got.get(name) or []) == unit_bag(want[name])
    if name == "recurrence":
        return (got.get("recurrence"), got.get("day")) == (want["recurrence"], want.get("day"))
    if name == "number":
        return got.get("number") is not None and abs(float(got["number"]) - float(want["number"])) < 1e-9
    return bool(got.get(name) == want[name])


def score(gold: list[dict[str, Any]], corpora: Iterable[Path] = CORPORA) -> dict[str, Any]:
    pipeline = build_prepare_pipeline()
    plans: dict[str, tuple[str, dict[str, Any]]] = {}
    # (doc, kind) -> {"gold", "found", field: [right, scored]}
    tally: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict[str, Any]] = []
    for g in gold:
        if g["doc"] not in plans:
            prepared = prepare(pipeline, load_document(find_file(g["doc"], list(corpora)), MAX_BYTES))
            plans[g["doc"]] = (prepared.text, prepared.metadata[META_PLAN])
        text, plan = plans[g["doc"]]
        at = find_anchor(text, g["anchor"], g.get("occurrence", 0))
        if at is None:
            raise ValueError(f"{g['id']}: anchor not found: {g['anchor']!r}")
        t = tally[(g["doc"], g["kind"])]
        t["found"][1] += 1
        fields: tuple[str, ...]
        if g["kind"] == "target":
            end = at + len(g["anchor"])
            hit = next((p for p in plan["targets"] if at <= p["value"]["start"] < end), None)
            fields = TARGET_FIELDS
        else:
            hit = next((p for p in plan["duties"] if p["start"] <= at < p["end"]), None)
            fields = DUTY_FIELDS
        if hit is None:
            misses.append({"id": g["id"], "field": "found", "anchor": g["anchor"]})
            continue
        t["found"][0] += 1
        for name in fields:
            if name in g:
                ok = _right(name, dict(hit), g)
                t[name][0] += ok
                t[name][1] += 1
                if not ok:
                    misses.append({"id": g["id"], "field": name, "got": hit.get(name), "want": g[name]})
    return {"documents": {f"{doc} {kind}": {k: {"right": v[0], "of": v[1]} for k, v in t.items()}
                          for (doc, kind), t in tally.items()},
            "total": _total(tally), "misses": misses}


def _total(tally: dict[tuple[str, str], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for (_, kind), t in tally.items():
        for name, (right, of) in t.items():
            cell = out.setdefault(kind, {}).setdefault(name, {"right": 0, "of": 0})
            cell["right"] += right
            cell["of"] += of
    return out


def markdown(result: dict[str, Any]) -> str:
    rows = ["| plan, kind | found | comparator / reporter | number / recipient | due / via | recurrence |",
            "|---|---|---|---|---|---|"]
    for name, t in [*result["documents"].items(), *((f"**all {k}**", v) for k, v in result["total"].items())]:
        names = TARGET_FIELDS if "target" in name else DUTY_FIELDS
        cells = [t.get(n) for n in ("found", *names)]
        rows.append(f"| {name} | " + " | ".join(f"{c['right']}/{c['of']}" if c else "–" for c in cells)
                    + (" | –" if len(cells) == 4 else "") + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Độ chính xác trích xuất chỉ tiêu và chế độ báo cáo.")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="in các trường sai")
    args = parser.parse_args(argv)
    result = score(load_gold(args.gold))
    print(markdown(result))
    if args.misses:
        for m in result["misses"]:
            print(json.dumps(m, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
