"""Score the plan model's assignments against a gold set written by hand (`eval/datasets/assignments_gold.jsonl`).

Each gold line is one assignment of one plan (`split`: "dev" for the plans the rules were developed on,
"heldout" for plans annotated afterwards and scored once): an `anchor` (words of the task as the plan prints them; the
`occurrence`-th match when the words repeat), its lead and co-units as lists, and its normalized timing
(`due_start`, `due_end`, `recurrence`). A predicted assignment matches a gold one when its span holds the
anchor (the smallest such span; each prediction matches once). Reported per field and per document:

- found: recall (matched gold / gold) and precision (matched predictions / predictions);
- lead, co, due: accuracy over the matched pairs (the bars: lead ≥ 0.95, due ≥ 0.95), and precision / recall
  of the non-empty values (a value is right when it equals the gold one).

Units compare as bags of words after abbreviations, titles and tone placement are folded, so "UBND phường" is
"Ủy ban nhân dân phường" and one list split in two places is still the same list.

    python -m eval.assignments_eval [--gold PATH] [--corpus DIR ...] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.vocab.units import strip_title, unit_search_key
from ingest.load import load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_prepare_pipeline, prepare
from ingest.plan import Assignment

GOLD = Path(__file__).parent / "datasets" / "assignments_gold.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = (SHARED / "corpus", SHARED / "corpus-ext")
BARS = {"found_recall": 0.90, "lead_accuracy": 0.95, "due_accuracy": 0.95}
MAX_BYTES = 50 * 1024 * 1024
_STOPWORDS = frozenset(("va", "cac", "voi", "nhung", "cua"))


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def find_anchor(text: str, anchor: str, occurrence: int = 0) -> int | None:
    """Offset of the `occurrence`-th match of `anchor` in `text`, spaces and tabs compared as one space."""
    pattern = r"\s+".join(re.escape(w) for w in anchor.split())
    found = [m.start() for m in re.finditer(pattern, text)]
    return found[occurrence] if occurrence < len(found) else None


def unit_bag(units: Iterable[str]) -> Counter[str]:
    words: Counter[str] = Counter()
    for u in units:
        words.update(w for w in unit_search_key(strip_title(u)).split() if w not in _STOPWORDS)
    return words


def due_of(item: dict[str, Any]) -> tuple[Any, Any, str]:
    return item.get("due_start"), item.get("due_end"), item.get("recurrence") or "none"


@dataclass
class FieldScore:
    right: int = 0  # matched pairs whose values are equal
    pairs: int = 0
    right_filled: int = 0  # equal and non-empty
    predicted: int = 0  # matched pairs with a non-empty prediction
    expected: int = 0  # gold with a non-empty value

    def add(self, ok: bool, predicted: bool, expected: bool) -> None:
        self.pairs += 1
        self.right += ok
        self.right_filled += ok and expected
        self.predicted += predicted
        self.expected += expected

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": _ratio(self.right, self.pairs), "precision": _ratio(self.right_filled, self.predicted),
                "recall": _ratio(self.right_filled, self.expected), "pairs": self.pairs}


@dataclass
class DocScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {k: FieldScore() for k in ("lead", "co", "due")})
    misses: list[dict[str, Any]] = field(default_factory=list)

    def merge(self, other: DocScore) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        for k, f in other.fields.items():
            mine = self.fields[k]
            for name in ("right", "pairs", "right_filled", "predicted", "expected"):
                setattr(mine, name, getattr(mine, name) + getattr(f, name))
        self.misses += other.misses

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                               "found_recall": _ratio(self.matched, self.gold),
                               "found_precision": _ratio(self.matched, self.predicted)}
        for k, f in self.fields.items():
            out[k] = f.as_dict()
        return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def score_document(text: str, assignments: list[Assignment], gold: list[dict[str, Any]]) -> DocScore:
    predicted = [a for a in assignments if a["kind"] == "assigned"]
    score = DocScore(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g in gold:
        at = find_anchor(text, g["anchor"], g.get("occurrence", 0))
        if at is None:
            raise ValueError(f"{g['id']}: anchor not found in the text: {g['anchor']!r}")
        holding = [i for i, a in enumerate(predicted) if a["start"] <= at < a["end"] and i not in used]
        if not holding:
            score.misses.append({"id": g["id"], "field": "found", "anchor": g["anchor"]})
            continue
        i = min(holding, key=lambda j: predicted[j]["end"] - predicted[j]["start"])
        used.add(i)
        a = predicted[i]
        score.matched += 1
        for name, got, want in (("lead", a["lead"], g["lead"]), ("co", a["co"], g["co"])):
            ok = unit_bag(got) == unit_bag(want)
            score.fields[name].add(ok, bool(got), bool(want))
            if not ok:
                score.misses.append({"id": g["id"], "field": name, "got": got, "want": want})
        got_due, want_due = due_of(dict(a)), due_of(g)
        ok = got_due == want_due
        score.fields["due"].add(ok, got_due != (None, None, "none"), want_due != (None, None, "none"))
        if not ok:
            score.misses.append({"id": g["id"], "field": "due", "got": got_due, "want": want_due,
                                 "timing": a["timing"]["text"] if a["timing"] else None})
    for i, a in enumerate(predicted):
        if i not in used:
            score.misses.append({"id": "-", "field": "extra", "task": a["task"]["text"][:90], "lead": a["lead"]})
    return score


def find_file(name: str, corpora: Iterable[Path]) -> Path:
    for folder in corpora:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name} not found in {', '.join(map(str, corpora))}")


def evaluate(gold: list[dict[str, Any]], corpora: Iterable[Path] = CORPORA) -> dict[str, Any]:
    pipeline = build_prepare_pipeline()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    total = DocScore()
    splits: dict[str, DocScore] = {}
    per_doc: dict[str, Any] = {}
    for doc, items in by_doc.items():
        prepared = prepare(pipeline, load_document(find_file(doc, list(corpora)), MAX_BYTES))
        s = score_document(prepared.text, prepared.metadata[META_PLAN]["assignments"], items)
        per_doc[doc] = {**s.as_dict(), "split": items[0].get("split", "dev")}
        total.merge(s)
        splits.setdefault(items[0].get("split", "dev"), DocScore()).merge(s)
    summary = _summary(total)
    return {"total": summary, "splits": {k: _summary(v) for k, v in splits.items()}, "documents": per_doc,
            "misses": total.misses,
            "bars": {k: {"bar": v, "value": summary[k], "met": summary[k] >= v} for k, v in BARS.items()}}


def _summary(score: DocScore) -> dict[str, Any]:
    out = score.as_dict()
    out["lead_accuracy"] = out["lead"]["accuracy"]
    out["due_accuracy"] = out["due"]["accuracy"]
    return out


def markdown(result: dict[str, Any]) -> str:
    head = ("| document | gold | found R | found P | lead acc | lead P/R | co acc | co P/R | due acc | due P/R |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    splits = [(f"**{k}**", v) for k, v in sorted(result["splits"].items())]
    for name, d in [*result["documents"].items(), *splits, ("**all**", result["total"])]:
        rows.append(f"| {name} | {d['gold']} | {d['found_recall']:.3f} | {d['found_precision']:.3f} | "
                    + " | ".join(f"{d[k]['accuracy']:.3f} | {d[k]['precision']:.2f}/{d[k]['recall']:.2f}"
                                 for k in ("lead", "co", "due")) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Độ chính xác trích xuất nhiệm vụ so với bộ chuẩn viết tay.")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, action="append", help="thư mục tài liệu (lặp lại được)")
    parser.add_argument("--json", type=Path, help="ghi kết quả JSON vào tệp này")
    parser.add_argument("--misses", action="store_true", help="in các trường sai")
    args = parser.parse_args(argv)
    result = evaluate(load_gold(args.gold), args.corpus or CORPORA)
    print(markdown(result))
    for name, bar in result["bars"].items():
        print(f"{name}: {bar['value']:.3f} (ngưỡng {bar['bar']}) {'đạt' if bar['met'] else 'CHƯA ĐẠT'}")
    if args.misses:
        for m in result["misses"]:
            print(json.dumps(m, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(b["met"] for b in result["bars"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
