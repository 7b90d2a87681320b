"""Development loop over gold sets kept outside the repository (questions written for plans we did not read).

`troly eval` scores the two gold sets of the repository on a fresh index with baselines and a threshold
sweep (~10 minutes). Developing a general rule needs something quicker: build one index of every plan
once (real plans and the synthetic documents of held-out sets), ask any number of gold sets on it with
the code of the working tree, and compare two runs answer by answer — which questions were won and lost.

    python -m eval.sets build DATA_DIR FILE_OR_FOLDER... [--again]
    python -m eval.sets ask DATA_DIR SET.jsonl... --dump PREFIX
    python -m eval.sets flips PREFIX_BEFORE PREFIX_AFTER
    python -m eval.sets show PREFIX SET_NAME [ID... | --bad]

A set's name is its file's parent folder when the file is ``questions.jsonl`` (one folder per set, its
documents under ``docs/``), else the file's stem. ``PREFIX.<set>.jsonl`` holds one row per question.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.services.container import Services
from assistant.settings import load_settings
from eval.gold import GoldQuestion, load_gold
from eval.metrics import EvalContext, evaluate
from eval.runner import EVAL_TOP_K, corpus_files

METRICS = ("correct", "refusal_recall", "refusal_precision")


def set_name(path: Path) -> str:
    return path.parent.name if path.name == "questions.jsonl" else path.stem


def _services(data_dir: Path) -> Services:
    return Services(load_settings().model_copy(update={"data_dir": data_dir}))


def build(data_dir: Path, paths: Sequence[Path], again: bool = False) -> int:
    """Ingest every document (classification public) into ``data_dir``; the failures are listed. ``again``: the
    documents already there are read again (after a change to reading), not skipped as unchanged."""
    services = _services(data_dir)
    try:
        files = corpus_files(paths)
        if again:
            names = {f.name for f in files}
            for doc in services.registry.list_documents():
                if doc.source in names:
                    services.ingest.delete(doc.doc_id)
        outcomes = services.ingest.ingest_paths(files, classification="public")
    finally:
        services.close()
    bad = [o for o in outcomes if o.status not in ("ingested", "replaced", "skipped")]
    for o in bad:
        print(f"KHÔNG NẠP ĐƯỢC {o.source}: {o.reason}", file=sys.stderr)
    print(f"{len(outcomes) - len(bad)}/{len(outcomes)} tài liệu đã nạp vào {data_dir}")
    return 1 if bad else 0


def _rate(values: Iterable[float | None]) -> str:
    kept = [v for v in values if v is not None]
    return f"{sum(kept) / len(kept):.3f} ({sum(kept):g}/{len(kept)})" if kept else "—"


def summary(name: str, rows: list[dict[str, Any]]) -> list[str]:
    """One line per set (correct among answerable, refusal recall/precision), then correct by type and source."""
    lines = [f"{name:<14} " + "  ".join(f"{m} {_rate(r['metrics'][m] for r in rows)}" for m in METRICS)]
    for key, label in (("type", "theo loại"), ("source", "theo tài liệu")):
        groups: dict[str, list[float | None]] = defaultdict(list)
        for r in rows:
            if r["expected_answerable"]:
                group = r["type"] if key == "type" else "+".join(r["expected_sources"])
                groups[group].append(r["metrics"]["correct"])
        lines.append(f"  {label}: " + ", ".join(f"{g} {_rate(v).split(' ')[1][1:-1]}" for g, v in sorted(groups.items())))
    return lines


def ask(data_dir: Path, sets: Sequence[Path], dump: Path | None) -> None:
    """Ask every question of every set on the index; print the summary, write the rows when ``dump`` is set."""
    services = _services(data_dir)
    try:
        services.warm_up()
        for path in sets:
            questions: list[GoldQuestion] = load_gold(path)
            responses = [services.ask.ask(q.question, None, EVAL_TOP_K).model_dump() for q in questions]
            rows, _ = evaluate(questions, responses, EvalContext(text_of=services.registry.text_of))
            print("\n".join(summary(set_name(path), rows)), flush=True)
            if dump:
                with Path(f"{dump}.{set_name(path)}.jsonl").open("w", encoding="utf-8") as out:
                    out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    finally:
        services.close()


def _rows(prefix: str, name: str) -> dict[str, dict[str, Any]]:
    with Path(f"{prefix}.{name}.jsonl").open(encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def _right(row: dict[str, Any]) -> bool:
    """Right: correct when answerable, refused when not."""
    return bool(row["metrics"]["correct"]) if row["expected_answerable"] else bool(row["metrics"]["refusal_recall"])


def flips(before: str, after: str) -> None:
    """Questions right in one run and wrong in the other, set by set (sets present in both runs)."""
    names = sorted(p.name[len(Path(after).name) + 1:-6] for p in Path(after).parent.glob(f"{Path(after).name}.*.jsonl"))
    for name in names:
        if not Path(f"{before}.{name}.jsonl").exists():
            continue
        old, new = _rows(before, name), _rows(after, name)
        won = [i for i in new if i in old and _right(new[i]) and not _right(old[i])]
        lost = [i for i in new if i in old and _right(old[i]) and not _right(new[i])]
        same = sum(1 for i in new if i in old and new[i]["answer"] == old[i]["answer"])
        print(f"{name:<14} +{len(won)} -{len(lost)} (giống hệt {same}/{len(new)})  thắng {won}  thua {lost}")


def show(prefix: str, name: str, ids: Sequence[str], bad: bool) -> None:
    for qid, r in _rows(prefix, name).items():
        if (ids and qid not in ids) or (bad and _right(r)):
            continue
        cited = [c.get("source") for c in r.get("citations", [])]
        print(f"=== {qid} [{r['type']}] {'ĐÚNG' if _right(r) else 'SAI'}  nguồn {r['expected_sources']} → {cited}")
        print(f"Q: {r['question']}\nfacts: {r['expected_facts']}\nA: {r['answer']}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.sets", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("build")
    p.add_argument("data_dir", type=Path)
    p.add_argument("paths", type=Path, nargs="+")
    p.add_argument("--again", action="store_true", help="đọc lại cả tài liệu đã có trong chỉ mục")
    p = sub.add_parser("ask")
    p.add_argument("data_dir", type=Path)
    p.add_argument("sets", type=Path, nargs="+")
    p.add_argument("--dump")
    p = sub.add_parser("flips")
    p.add_argument("before")
    p.add_argument("after")
    p = sub.add_parser("show")
    p.add_argument("prefix")
    p.add_argument("name")
    p.add_argument("ids", nargs="*")
    p.add_argument("--bad", action="store_true")
    args = parser.parse_args(argv)
    if args.cmd == "build":
        return build(args.data_dir, args.paths, args.again)
    if args.cmd == "ask":
        ask(args.data_dir, args.sets, Path(args.dump) if args.dump else None)
    elif args.cmd == "flips":
        flips(args.before, args.after)
    else:
        show(args.prefix, args.name, args.ids, args.bad)
    return 0


if __name__ == "__main__":
    sys.exit(main())
