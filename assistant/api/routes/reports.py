"""Report drafts over HTTP: `POST /v1/reports` drafts one (JSON, Markdown or DOCX), `GET /v1/reports` lists the
caller's drafts, `GET /v1/reports/{id}` downloads one again in any format.

A draft reads through the plan and report services with the caller as reader, so it never cites what the caller
may not read; drafts are stored with who asked and when, shown to their author and admins, and audited.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from assistant.api.context import Ctx
from assistant.api.deps import client_of, require
from assistant.domain import TRACKING_DOC_PREFIX
from assistant.services.access import Permission, Principal
from assistant.services.assignments import NotFound, PlanError
from assistant.services.report_docx import to_docx, to_markdown
from assistant.services.reports import ReportRequest
from assistant.text import bilingual

router = APIRouter(tags=["reports"])
Format = Literal["json", "md", "docx"]
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReportIn(BaseModel):
    kind: Literal["tien-do", "so-ket", "tong-ket", "tom-tat"] = Field(
        "tien-do", description="tiến độ / kết quả thực hiện, sơ kết, tổng kết, tóm tắt kế hoạch")
    doc_id: str = Field(description="Mã văn bản kế hoạch.")
    unit: str | None = Field(None, max_length=255, description="Đơn vị báo cáo (bỏ trống: toàn bộ kế hoạch).")
    period: str | None = Field(None, max_length=80, description=bilingual("Kỳ báo cáo", "Period")
                               + ": 2026-Q3 | 2026-H1 | 2026 | 2026-01-01..2026-06-30")
    body: Literal["auto", "party", "state"] = Field(
        "auto", description="Thể thức: party (Hướng dẫn 36-HD/VPTW), state (Nghị định 30/2020/NĐ-CP), auto theo đơn vị.")
    format: Format = Field("json", description=bilingual("Định dạng", "Format") + ": json | md | docx")


def _render(draft: dict[str, Any], fmt: str) -> Any:
    if fmt == "json":
        return draft
    name = f"bao-cao-{draft['id']}"
    if fmt == "md":
        return Response(to_markdown(draft), media_type="text/markdown; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.md"'})
    return Response(to_docx(draft), media_type=DOCX_MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="{name}.docx"'})


def _cited(draft: dict[str, Any]) -> list[str]:
    return sorted({c["doc_id"] for s in draft["statements"] for c in s["citations"]
                   if not c["doc_id"].startswith(TRACKING_DOC_PREFIX)})


@router.post("/v1/reports", summary="Soạn dự thảo báo cáo có trích dẫn (JSON, Markdown, DOCX)", description=(
    '`{"id", "title", "kind", "doc_id", "unit", "period": {"start", "end", "label"}, "header", "statements": '
    '[{"text", "kind": "heading|requirement|result|placeholder", "citations": [...]}], "stats"}`; '
    + bilingual("mọi nhận định đều qua bộ kiểm chứng trích dẫn.", "every claim is checked by the citation verifier.")))
def create_report(body: ReportIn, request: Request, background: BackgroundTasks, ctx: Ctx,
                  principal: Principal = Depends(require(Permission.READ))) -> Any:
    try:
        draft = ctx.services.reports.draft(principal, ReportRequest(body.kind, body.doc_id, body.unit, body.period,
                                                                    body.body), principal.name)
    except PlanError as exc:
        raise HTTPException(404 if isinstance(exc, NotFound) else 422, detail=str(exc)) from exc
    background.add_task(ctx.audit.record, "report", user=principal.name, client=client_of(request),
                        doc_ids=[draft["doc_id"], *_cited(draft)],
                        detail=f"{draft['id']} {body.kind} {body.unit or ''} {draft['period']['label']}".strip())
    return _render(draft, body.format)


@router.get("/v1/reports", summary="Các dự thảo báo cáo đã soạn")
def list_reports(ctx: Ctx, principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    return {"items": ctx.services.reports.list(principal)}


@router.get("/v1/reports/{report_id}", summary="Tải một dự thảo báo cáo")
def get_report(report_id: str, request: Request, background: BackgroundTasks, ctx: Ctx,
               format: Format = Query("json", description=bilingual("Định dạng", "Format") + ": json | md | docx"),  # noqa: A002
               principal: Principal = Depends(require(Permission.READ))) -> Any:
    try:
        draft = ctx.services.reports.get(principal, report_id)
    except PlanError as exc:
        raise HTTPException(404, detail=str(exc)) from exc
    background.add_task(ctx.audit.record, "report_download", user=principal.name, client=client_of(request),
                        doc_ids=[draft["doc_id"]], detail=f"{report_id}.{format}")
    return _render(draft, format)
