"""OCR bench: the corpus as noisy scans only. Every corpus file is printed to A4 pages (bench/scans.py),
damaged like a flatbed scan and saved as an image-only PDF (tables as ruled grids); then (1) the character
accuracy of what the loader's OCR reads back, page by page (its table rows read as their cells joined by
spaces, `bench.scans.plain`), and (2) the gold set answered from the scans, next to the same gold
set answered from the text files. Writes bench/out/ocr.json.

    python -m bench.ocr_bench ../shared/corpus [--no-gold] [--no-accuracy] [--no-text]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.scans import char_accuracy, image_pdf, plain, scan_pages
from ingest.load import PAGE_BREAK, load_document

OUT = Path(__file__).resolve().parent / "out"
GOLD_KEYS = ("correct", "fact_recall", "cited_source", "mrr")


def make_scans(corpus: Path, folder: Path) -> dict[str, list[str]]:
    """One scanned PDF per corpus file (same stem), and what each of its pages says."""
    truths: dict[str, list[str]] = {}
    for i, path in enumerate(sorted(corpus.glob("*.txt"))):
        images, pages = scan_pages(path.read_text(encoding="utf-8"), seed=100 * i)
        (folder / f"{path.stem}.pdf").write_bytes(image_pdf(images))
        truths[path.stem] = pages
    return truths


def accuracy(folder: Path, truths: dict[str, list[str]]) -> dict[str, Any]:
    per_page: list[float] = []
    seconds = 0.0
    for stem, pages in truths.items():
        started = time.monotonic()
        read = load_document(folder / f"{stem}.pdf").text.split(PAGE_BREAK)
        seconds += time.monotonic() - started
        per_page.extend(char_accuracy(t, plain(r)) for t, r in zip(pages, read, strict=True))
        print(f"{stem}: {len(pages)} trang, độ chính xác ký tự {statistics.mean(per_page[-len(pages):]):.4f}")
    return {"pages": len(per_page), "char_accuracy_mean": round(statistics.mean(per_page), 4),
            "char_accuracy_min": round(min(per_page), 4), "ocr_seconds_per_page": round(seconds / len(per_page), 2)}


def gold(corpus: Path, scans: Path, work: Path, text: bool = True) -> dict[str, Any]:
    """The gold set over the text corpus and over the scans (its expected sources renamed to the PDFs)."""
    from assistant.settings import load_settings
    from eval.runner import DEV_DATASET, run_evaluation

    dataset = work / "gold-scans.jsonl"
    lines = DEV_DATASET.read_text(encoding="utf-8").splitlines()  # the gold set of the five sample plans
    renamed = [json.dumps({**q, "expected_sources": [s.replace(".txt", ".pdf") for s in q["expected_sources"]]},
                          ensure_ascii=False) for q in map(json.loads, filter(None, lines))]
    dataset.write_text("\n".join(renamed) + "\n", encoding="utf-8")
    settings = load_settings(None)
    result: dict[str, Any] = {}
    for name, folder, data in (("text", corpus, DEV_DATASET), ("scans", scans, dataset)):
        if name == "text" and not text:
            continue
        runs = run_evaluation(settings, folder, work / f"report-{name}", dataset=data, configs=("troly",),
                              show_progress=False, thresholds=())  # no refusal-threshold sweep: not measured here
        run = next(iter(runs.values()))["troly"]
        result[name] = {k: run.aggregates.get(k) for k in GOLD_KEYS}
        result[name]["not_correct"] = [r["id"] for r in run.rows if r["metrics"].get("correct") == 0.0]
        print(name, result[name])
    if "text" in result:
        result["points_lost"] = {k: round(100 * ((result["text"][k] or 0) - (result["scans"][k] or 0)), 1)
                                 for k in GOLD_KEYS}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-gold", action="store_true", help="character accuracy only")
    parser.add_argument("--no-accuracy", action="store_true", help="gold set only")
    parser.add_argument("--no-text", action="store_true", help="gold set over the scans only, not the text files")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="troly-ocr-bench-") as tmp:
        scans = Path(tmp) / "scans"
        scans.mkdir()
        truths = make_scans(args.corpus, scans)
        if not args.no_accuracy:
            report["ocr"] = accuracy(scans, truths)
        if not args.no_gold:
            report["gold"] = gold(args.corpus, scans, Path(tmp), text=not args.no_text)
    OUT.mkdir(exist_ok=True)
    (OUT / "ocr.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
