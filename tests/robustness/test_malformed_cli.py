"""The malformed-file corpus through `troly ingest FOLDER` (a real CLI child): every file gets its outcome and
reason, the batch goes on, no file takes 30 s, the store and registry still agree, and once the few real
texts of the corpus are deleted again the earlier document answers exactly as before. Symlinks inside the
folder are reported, never followed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import crashkit
import malformed
from harness import add_admin, child_env, sampled_rss

from ingest.load import SUPPORTED_EXTENSIONS

OUT = Path(__file__).resolve().parent / "out"
EARLIER = "004_ac3b5f093c57f3b4.txt"
QUESTION = "Ban Xây dựng Đảng chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"
HANG_S = 30


def run(forks: Any, data: Path, out: Path, *argvs: list[str]) -> tuple[int, str, float]:
    """`troly ARGV…` in a child; (exit status, stdout of the last command, RSS growth in MB)."""
    out.unlink(missing_ok=True)
    proc = crashkit.start(forks, crashkit.run_cli, [list(a) for a in argvs], child_env(data), str(out))
    with sampled_rss(proc.pid) as rss:
        code = crashkit.finished(proc, 1800)
    return code, out.read_text(encoding="utf-8") if out.exists() else "", rss.growth_mb


def test_malformed_corpus_through_the_cli(forks: Any, tmp_path: Path, corpus_dir: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out.json"
    key = add_admin(data)
    earlier = tmp_path / "truoc" / EARLIER
    earlier.parent.mkdir()
    earlier.write_text((corpus_dir / EARLIER).read_text(encoding="utf-8")[:3000], encoding="utf-8")
    code, text, _ = run(forks, data, out, ["ingest", str(earlier), "--json"])
    assert code == 0, text
    doc_id = json.loads(text)["documents"][0]["doc_id"]
    ask = ["ask", QUESTION, "--json", "--doc", doc_id, "--api-key", key]
    code, before, _ = run(forks, data, out, ask)
    assert code == 0, before

    folder = tmp_path / "hong"
    written = malformed.write_all(folder)
    assert len(written) >= 150
    # the folder walk takes the supported types and reports symlinks; the other types are named explicitly
    walked = sorted((cp for cp in written if cp[0].walk_only or cp[1].suffix.lower() in SUPPORTED_EXTENSIONS),
                    key=lambda cp: str(cp[1]))
    named = [cp for cp in written if cp not in walked]
    code, text, growth = run(forks, data, out, ["ingest", str(folder), *(str(p) for _, p in named), "--json"])
    outcomes = json.loads(text)["documents"]
    assert code == 1  # some files failed; the batch went on to the end
    expected = [case for case, _ in walked + named]
    assert len(outcomes) == len(expected) == len(written)
    wrong = [(case.name, o["status"], o["reason"]) for case, o in zip(expected, outcomes, strict=True)
             if o["status"] != case.status or (case.reasons and not any(f in o["reason"] for f in case.reasons))]
    assert wrong == []

    code, after, _ = run(forks, data, out, ask, ["index", "check", "--json", "--api-key", key])
    check = json.loads(after)
    assert (check["orphan_points"], check["missing_points"], check["stale_points"], check["pending"]) == (0, 0, 0, 0)
    # the files the batch rightly ingested change the collection's term statistics (IDF); without them the
    # earlier document must answer exactly as before
    added = [["docs", "delete", o["doc_id"], "--api-key", key] for o in outcomes if o["status"] == "ingested"]
    code, again, _ = run(forks, data, out, *added, ask)
    assert code == 0, again
    assert json.loads(again)["answer"] == json.loads(before)["answer"]
    assert json.loads(again)["citations"] == json.loads(before)["citations"]

    seconds = sorted(((o.get("seconds", 0), o["source"]) for o in outcomes), reverse=True)
    assert seconds[0][0] < HANG_S, seconds[:5]
    OUT.mkdir(exist_ok=True)
    (OUT / "malformed-cli.json").write_text(json.dumps(
        {"files": len(outcomes), "rss_growth_mb_whole_batch": growth, "slowest": seconds[:5],
         "by_status": {s: sum(o["status"] == s for o in outcomes) for s in ("ingested", "failed", "refused")}},
        ensure_ascii=False, indent=1))
