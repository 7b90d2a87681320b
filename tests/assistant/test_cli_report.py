"""`troly report` on a real registry, in-process: DOCX, Markdown and JSON drafts, and errors in Vietnamese."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_settings
from docx import Document
from plan_support import SHARED, register
from test_cli import troly

from assistant.components.registry import Registry


def test_report_writes_docx_markdown_and_json(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    doc_id = register(Registry(make_settings(data_dir).registry_url), SHARED / "corpus-ext/ext03.txt")
    out = tmp_path / "bc.docx"
    run = troly(data_dir, "report", "--doc", doc_id, "--unit", "Sở Tài chính", "--period", "2026", "--out", str(out))
    assert run.code == 0 and "câu có trích dẫn" in run.flat and "Đã ghi dự thảo báo cáo" in run.flat
    assert "BÁO CÁO" in [p.text for p in Document(str(out)).paragraphs]
    md = tmp_path / "bc.md"
    assert troly(data_dir, "report", "--doc", doc_id, "--kind", "tom-tat", "--out", str(md)).code == 0
    assert md.read_text(encoding="utf-8").count("[^") > 10
    js = tmp_path / "bc.json"
    assert troly(data_dir, "report", "--doc", doc_id, "--kind", "so-ket", "--period", "2026-H1", "--out", str(js)).code == 0
    draft = json.loads(js.read_text(encoding="utf-8"))
    assert draft["kind"] == "so-ket" and draft["period"]["label"] == "6 tháng đầu năm 2026"
    assert {s["kind"] for s in draft["statements"]} >= {"heading", "requirement", "placeholder"}
    bad = troly(data_dir, "report", "--doc", doc_id, "--period", "quý sau", "--out", str(js))
    assert bad.code == 1 and "Không hiểu kỳ báo cáo" in bad.flat
    assert troly(data_dir, "report", "--doc", doc_id, "--format", "pdf", "--out", str(js)).code == 1
