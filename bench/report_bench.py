"""Report drafts measured on real plans of both corpus folders: for a unit and a period, does every task of that unit
due in the period appear (counted against the hand-written assignments gold), does every claim carry a citation the
verifier accepts (checked again here, independently of the drafting), are results ever invented, how long a draft
takes (median of `--repeat` drafts, after the plans are ingested through the real pipeline).

    python -m bench.report_bench [--repeat 5] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.domain import TRACKING_DOC_PREFIX, Citation
from assistant.services.assignments import UnitNames
from assistant.services.container import Services
from assistant.services.reports import ReportRequest, _is_report
from assistant.services.verify import Statement, verify
from assistant.settings import Settings
from assistant.vocab.dates import parse_period
from eval.assignments_eval import CORPORA, find_anchor, load_gold

CASES = (  # plan file, unit, period
    ("000_90c218f1079af509.txt", "Văn phòng Đảng ủy", "2026"),
    ("001_ce564b243cd16df3.txt", "UBND xã", "2026"),
    ("ext01.txt", "Sở Khoa học và Công nghệ", "2025"),
    ("ext03.txt", "Sở Tài chính", "2026"),
    ("ext04.txt", "Bộ Công an", "2026"),
    ("ext08.txt", "Công an tỉnh", "2026-01-01..2030-12-31"),
)


def gold_due(source: str, unit: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Gold assignments the unit leads whose deadline falls in the period, or that recur (every occurrence counts)."""
    names = UnitNames()
    out = []
    for g in load_gold():
        if g["doc"] != source or not any(names.matches(unit, u) for u in g["lead"]):
            continue
        due = g["due_end"]
        if (g["recurrence"] == "none" and due and start.isoformat() <= due <= end.isoformat()) or \
                g["recurrence"] not in ("none", "continuous"):
            out.append(g)
    return out


def score(services: Services, doc_id: str, source: str, unit: str, period: str, draft: dict[str, Any]
          ) -> dict[str, Any]:
    text = services.registry.text_of(doc_id)
    claims = [s for s in draft["statements"] if s["kind"] in ("requirement", "result")]
    spans = [(c["start"], c["end"]) for s in claims for c in s["citations"] if c["doc_id"] == doc_id]
    gold = gold_due(source, unit, *parse_period(period))
    found = [g for g in gold if (at := find_anchor(text, g["anchor"], g["occurrence"])) is not None
             and any(a <= at < b for a, b in spans)]
    records = {TRACKING_DOC_PREFIX + i["id"]: "" for i in services.assignments.all_assignments(None)}

    def text_of(d: str) -> str:
        return records.get(d, "") if d.startswith(TRACKING_DOC_PREFIX) else services.registry.text_of(d)

    verified = sum(
        1 for s in claims if s["citations"] and not verify(
            [Statement(s["text"], [c["n"] for c in s["citations"]])],
            [Citation.model_validate(c) for c in s["citations"]], text_of).dropped)
    results = [s for s in draft["statements"] if s["kind"] == "result"]
    sourced = {d.doc_id for d in services.registry.list_documents() if _is_report(d)}
    invented = sum(1 for s in results if not s["citations"] or not all(
        c["doc_id"] in sourced or c["doc_id"].startswith(TRACKING_DOC_PREFIX) for c in s["citations"]))
    return {"plan": source, "unit": unit, "period": draft["period"]["label"], "gold_due": len(gold),
            "gold_appearing": len(found), "missing": [g["anchor"][:60] for g in gold if g not in found],
            "tasks_listed": draft["stats"]["tasks_due"] + draft["stats"]["tasks_ongoing"],
            "claims": len(claims), "claims_cited": sum(1 for s in claims if s["citations"]),
            "claims_verified": verified, "results": len(results), "invented_results": invented,
            "placeholders": draft["stats"]["placeholders"], "unverified_dropped": draft["stats"]["unverified"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = {p.name: p for folder in CORPORA for p in folder.glob("*.txt")}
    rows = []
    with tempfile.TemporaryDirectory(prefix="troly-report-bench-") as tmp:
        services = Services(Settings(data_dir=Path(tmp)))  # type: ignore[call-arg]
        outcomes = services.ingest.ingest_paths([files[name] for name, _, _ in CASES], classification="public")
        ids = {o.source: o.doc_id for o in outcomes}
        for name, unit, period in CASES:
            times, draft = [], {}
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                draft = services.reports.draft(None, ReportRequest("tien-do", ids[name], unit, period), "bench")
                times.append(time.perf_counter() - t0)
            rows.append(score(services, ids[name], name, unit, period, draft) |
                        {"draft_ms_median": round(statistics.median(times) * 1000)})
        services.close()
    head = ("plan", "unit", "period", "gold_due", "gold_appearing", "tasks_listed", "claims", "claims_cited",
            "claims_verified", "results", "invented_results", "placeholders", "unverified_dropped", "draft_ms_median")
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(str(r[h]) for h in head) + " |")
    for r in rows:
        if r["missing"]:
            print(f"{r['plan']}: missing {r['missing']}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
