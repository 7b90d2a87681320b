"""Precision/recall of the personal-data filter on labelled snippets.

Dataset (`eval/datasets/pii_snippets.jsonl`), one object per line:
``{"id", "kind": "positive"|"negative", "category", "text", "entities": [{"type", "value"}]}``.
Positives carry identifiers in real-world forms (spacing, dots, +84, lower-case names…) with
the exact type and value; negatives are plan language (deadlines, document numbers,
percentages, units and places, official URLs) where nothing may be found. Every occurrence of a
labelled value is a gold span; a found span matches a gold span of the same type when they
overlap by at least half of their union (IoU ≥ 0.5).

    python -m eval.privacy_eval [--dataset PATH]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.privacy import LABELS, Redactor
from assistant.text import nfc
from eval.markdown import table

DEFAULT_DATASET = Path(__file__).parent / "datasets" / "pii_snippets.jsonl"
STRUCTURED = (
    "VN_CCCD", "VN_CMND", "VN_PHONE", "EMAIL_ADDRESS", "VN_TAX_CODE", "VN_SOCIAL_INSURANCE",
    "VN_BANK_ACCOUNT", "VN_PARTY_CARD", "DATE_OF_BIRTH",
)
#: Targets of the controlled-AI issue.
TARGETS = {"structured_recall": 0.98, "name_recall": 0.90, "fp_deadline": 0, "fp_doc_number": 0}
_MIN_IOU = 0.5


@dataclass
class EntityScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class PiiReport:
    """Per-entity scores, false positives per negative category, values left in redacted text."""

    entities: dict[str, EntityScore] = field(default_factory=dict)
    negative_fp: Counter[str] = field(default_factory=Counter)
    negative_snippets: Counter[str] = field(default_factory=Counter)
    snippets: int = 0
    leaked: list[str] = field(default_factory=list)  # ids of snippets whose redacted text kept a value

    def group(self, types: Iterable[str]) -> EntityScore:
        total = EntityScore()
        for t in types:
            s = self.entities.get(t, EntityScore())
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    @property
    def summary(self) -> dict[str, float | int | None]:
        return {
            "structured_recall": self.group(STRUCTURED).recall,
            "name_recall": self.group(["PERSON"]).recall,
            "address_recall": self.group(["VN_HOME_ADDRESS"]).recall,
            "precision": self.group(self.entities).precision,
            "fp_deadline": self.negative_fp["deadline"],
            "fp_doc_number": self.negative_fp["doc_number"],
            "fp_negatives": sum(self.negative_fp.values()),
            "leaked_snippets": len(self.leaked),
        }

    def failures(self) -> list[str]:
        """Targets missed, in Vietnamese; empty when all are met."""
        s = self.summary
        errors = []
        for name in ("structured_recall", "name_recall"):
            value = s[name]
            if value is None or value < TARGETS[name]:
                errors.append(f"{name} = {value} < {TARGETS[name]}")
        for name in ("fp_deadline", "fp_doc_number"):
            if s[name] != TARGETS[name]:
                errors.append(f"{name} = {s[name]} (phải bằng 0)")
        return errors

    def to_markdown(self) -> str:
        def f(v: float | None) -> str:
            return "—" if v is None else f"{v:.3f}"

        body = [
            [t, LABELS.get(t, ""), str(s.tp + s.fn), str(s.tp), str(s.fp), str(s.fn), f(s.precision), f(s.recall)]
            for t, s in sorted(self.entities.items())
        ]
        for name, types in (("Cấu trúc (structured)", STRUCTURED), ("Tất cả", list(self.entities))):
            g = self.group(types)
            body.append([f"**{name}**", "", str(g.tp + g.fn), str(g.tp), str(g.fp), str(g.fn),
                         f(g.precision), f(g.recall)])
        lines = [f"Đoạn mẫu: {self.snippets} (âm tính: {sum(self.negative_snippets.values())})", ""]
        lines += table(["Thực thể", "Nhãn", "Gold", "TP", "FP", "FN", "Precision", "Recall"], body)
        lines += ["", "Dương tính giả trên đoạn âm tính (văn bản kế hoạch):", ""]
        lines += table(
            ["Nhóm", "Số đoạn", "FP"],
            [[c, str(n), str(self.negative_fp[c])] for c, n in sorted(self.negative_snippets.items())],
        )
        lines += ["", f"Đoạn còn sót giá trị sau khi che: {len(self.leaked)} {self.leaked or ''}".rstrip()]
        return "\n".join(lines)


def load_snippets(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gold_spans(text: str, entities: list[dict]) -> list[tuple[str, int, int]]:
    spans = []
    for e in entities:
        value = nfc(e["value"])
        start = text.find(value)
        if start < 0:
            raise ValueError(f"value not in text: {e['type']}")
        while start >= 0:
            spans.append((e["type"], start, start + len(value)))
            start = text.find(value, start + 1)
    return spans


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def evaluate_pii(dataset_path: str | Path = DEFAULT_DATASET, redactor: Redactor | None = None) -> PiiReport:
    """Run the redactor's detection over every snippet and score it against the labels."""
    redactor = redactor or Redactor()
    report = PiiReport()
    for snippet in load_snippets(dataset_path):
        text = nfc(snippet["text"])
        report.snippets += 1
        found = [(r.entity_type, r.start, r.end) for r in redactor.find(text)]
        if snippet["kind"] == "negative":
            report.negative_snippets[snippet["category"]] += 1
            report.negative_fp[snippet["category"]] += len(found)
        gold = _gold_spans(text, snippet.get("entities", []))
        unmatched = list(found)
        for g_type, g_start, g_end in gold:
            score = report.entities.setdefault(g_type, EntityScore())
            match = next(
                (p for p in unmatched if p[0] == g_type and _iou((p[1], p[2]), (g_start, g_end)) >= _MIN_IOU), None
            )
            if match:
                unmatched.remove(match)
                score.tp += 1
            else:
                score.fn += 1
        for p_type, _, _ in unmatched:
            report.entities.setdefault(p_type, EntityScore()).fp += 1
        redacted = redactor.redact(text).text
        if any(nfc(e["value"]) in redacted for e in snippet.get("entities", [])):
            report.leaked.append(snippet["id"])
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision/recall của bộ lọc dữ liệu cá nhân.")
    parser.add_argument("--dataset", default=str(DEFAULT_DATASET), help="JSONL of labelled snippets")
    args = parser.parse_args(argv)
    report = evaluate_pii(args.dataset)
    print(report.to_markdown())
    failures = report.failures()
    print("\n" + ("Đạt mọi mục tiêu." if not failures else "Chưa đạt: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
