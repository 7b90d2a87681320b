"""`troly report`: draft a citation-backed report (tiến độ, sơ kết, tổng kết, tóm tắt) as DOCX, Markdown or JSON.

On the registry database directly (the machine's operator reads everything), or through a server with `--api-url`
and an API key, where the key's access decides which sources the draft may cite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.common import ApiKeyOpt, ApiUrlOpt, ConfigOpt, err, fail, registry_from, remote

KindOpt = Annotated[str, typer.Option("--kind", help="tien-do | so-ket | tong-ket | tom-tat")]
FormatOpt = Annotated[str, typer.Option("--format", help="docx | md | json (mặc định theo đuôi tệp --out).")]


def report(
    doc: Annotated[str, typer.Option("--doc", help="Mã văn bản kế hoạch.")],
    out: Annotated[Path, typer.Option("--out", help="Tệp kết quả (.docx, .md, .json).")],
    kind: KindOpt = "tien-do",
    unit: Annotated[str | None, typer.Option("--unit", help="Đơn vị báo cáo.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="2026-Q3 | 2026-H1 | 2026 | FROM..TO")] = None,
    body: Annotated[str, typer.Option("--body", help="auto | party | state (thể thức văn bản)")] = "auto",
    fmt: FormatOpt = "",
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Soạn dự thảo báo cáo: mọi câu nêu yêu cầu hoặc kết quả đều có trích dẫn nguồn đã kiểm chứng."""
    fmt = fmt or {".docx": "docx", ".md": "md", ".json": "json"}.get(out.suffix.lower(), "docx")
    if fmt not in ("docx", "md", "json"):
        fail("--format phải là docx, md hoặc json.")
    if api_url:
        with remote(api_url, api_key) as backend:
            data = backend.report({"kind": kind, "doc_id": doc, "unit": unit, "period": period, "body": body,
                                   "format": fmt})
        data = _json(json.loads(data)) if fmt == "json" else data  # indented like a local draft
    else:
        data = _local(config, kind, doc, unit, period, body, fmt)
    out.write_bytes(data)
    err.print(f"Đã ghi dự thảo báo cáo vào {out}.")


def _local(config: Path | None, kind: str, doc: str, unit: str | None, period: str | None, body: str,
           fmt: str) -> bytes:
    from assistant.services.assignments import AssignmentService, PlanError
    from assistant.services.report_docx import to_docx, to_markdown
    from assistant.services.reports import ReportRequest, ReportService

    registry = registry_from(config)
    try:
        draft = ReportService(registry, AssignmentService(registry)).draft(
            None, ReportRequest(kind, doc, unit, period, body), "cli")
    except PlanError as exc:
        fail(str(exc))
        raise
    stats = draft["stats"]
    err.print(f"{draft['title']}: {stats['claims']} câu có trích dẫn, {stats['placeholders']} chỗ cần bổ sung.")
    if fmt == "docx":
        return to_docx(draft)
    if fmt == "md":
        return to_markdown(draft).encode("utf-8")
    return _json(draft)


def _json(draft: dict[str, Any]) -> bytes:
    return json.dumps(draft, ensure_ascii=False, indent=2).encode("utf-8")
