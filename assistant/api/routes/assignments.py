"""The plan model over HTTP: assignments (list, one, tracking, history, export), targets, reporting duties,
deadline alerts, lower-plan comparison and unit aliases.

Every route reads through `AssignmentService` with the caller as reader, so a row of a document the caller may
not read is absent from lists, exports, alerts and comparisons and answers 404 by id, like the document itself.
Tracking changes and exports are audited.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from assistant.api.context import Ctx
from assistant.api.deps import client_of, forbidden, require
from assistant.domain import MAX_PAGE_SIZE
from assistant.services.access import Permission, Principal
from assistant.services.assignments import Filters, Forbidden, NotFound, PlanError, parse_day
from assistant.services.plan_export import Kind, write_csv, write_xlsx
from assistant.text import bilingual

router = APIRouter(tags=["assignments"])
Format = Literal["json", "csv", "xlsx"]
_MEDIA = {"csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class TrackingIn(BaseModel):
    status: str | None = Field(None, description="chưa triển khai | đang thực hiện | hoàn thành | chậm | vướng mắc")
    note: str | None = Field(None, max_length=2000, description="Khó khăn, kiến nghị (lọc dữ liệu cá nhân trước khi lưu).")
    evidence_doc_id: str | None = Field(None, description="Mã tài liệu minh chứng đã nạp (chuỗi rỗng để bỏ).")


class AliasIn(BaseModel):
    alias: str = Field(description="Tên viết tắt hoặc tên khác, ví dụ 'Sở KH&CN'.")
    canonical: str = Field(description="Tên chuẩn, ví dụ 'Sở Khoa học và Công nghệ'.")


def _raise(exc: PlanError) -> HTTPException:
    return HTTPException(404 if isinstance(exc, NotFound) else 422, detail=str(exc))


def _export(ctx: Ctx, request: Request, background: BackgroundTasks, principal: Principal, kind: Kind,
            items: list[dict[str, Any]], fmt: str) -> Response:
    name = {"assignments": "nhiem-vu", "targets": "chi-tieu", "duties": "bao-cao"}[kind]
    if fmt == "csv":
        out = io.StringIO()
        write_csv(kind, items, out)
        body = out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheets read Vietnamese right
    else:
        with tempfile.TemporaryDirectory(prefix="troly-export-") as tmp:
            path = Path(tmp) / f"{name}.xlsx"
            write_xlsx(kind, items, path)
            body = path.read_bytes()
    background.add_task(ctx.audit.record, "export", user=principal.name, client=client_of(request),
                        doc_ids=sorted({i["doc_id"] for i in items}), detail=f"{kind}.{fmt}: {len(items)} dòng")
    return Response(body, media_type=_MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@router.get("/v1/assignments", summary="Nhiệm vụ được giao (lọc, phân trang, xuất CSV/XLSX)", description=(
    "`{\"total\", \"page\", \"page_size\", \"items\"}`; " + bilingual("mỗi mục có", "an item has")
    + ": id, doc_id, source, title, task, lead_units, co_units, timing, due_start, due_end, recurrence, next_due, "
    "overdue, due_soon, product, status, note, section, quote, start, end ("
    + bilingual("quote là nguyên văn văn bản đã lưu từ start đến end", "the quote is the exact stored text at start:end")
    + ")."))
def list_assignments(
    request: Request,
    background: BackgroundTasks,
    ctx: Ctx,
    unit: str | None = Query(None, description="Đơn vị (tên chuẩn, tên gọi khác hoặc viết tắt; dấu không bắt buộc)"),
    role: Literal["lead", "co", "any"] = Query("any", description="Vai trò của đơn vị: chủ trì, phối hợp hoặc cả hai"),
    doc_id: str | None = Query(None, description="Chỉ nhiệm vụ của văn bản này"),
    due_after: str | None = Query(None, description="Hạn từ ngày (YYYY-MM-DD)"),
    due_before: str | None = Query(None, description="Hạn đến ngày (YYYY-MM-DD)"),
    status: str | None = Query(None, description="Trạng thái theo dõi"),
    overdue: bool = Query(False, description="Chỉ nhiệm vụ quá hạn"),
    q: str | None = Query(None, max_length=200, description="Từ khóa trong nội dung (dấu không bắt buộc)"),
    include_items: bool = Query(False, description="Cả nhiệm vụ không nêu đơn vị thực hiện"),
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
    format: Format = Query("json", description="json | csv | xlsx (xuất toàn bộ kết quả lọc)"),  # noqa: A002
    principal: Principal = Depends(require(Permission.READ)),
) -> Any:
    svc = ctx.services.assignments
    try:
        filters = Filters(unit=unit, role=role, doc_id=doc_id, due_after=parse_day(due_after, "due_after"),
                          due_before=parse_day(due_before, "due_before"), status=status, overdue=overdue, query=q,
                          include_items=include_items)
    except PlanError as exc:
        raise _raise(exc) from exc
    if format != "json":
        return _export(ctx, request, background, principal, "assignments", svc.all_assignments(principal, filters),
                       format)
    return svc.list_assignments(principal, filters, page, page_size)


@router.get("/v1/assignments/{assignment_id}", summary="Một nhiệm vụ")
def get_assignment(assignment_id: str, ctx: Ctx, principal: Principal = Depends(require(Permission.READ))
                   ) -> dict[str, Any]:
    try:
        return ctx.services.assignments.get(principal, assignment_id)
    except PlanError as exc:
        raise _raise(exc) from exc


@router.patch("/v1/assignments/{assignment_id}", summary="Cập nhật tiến độ: trạng thái, ghi chú, minh chứng",
              description=bilingual("Biên tập viên của đơn vị chủ trì hoặc phối hợp và quản trị viên; mọi thay đổi "
                                    "được lưu vào lịch sử và ghi nhật ký.",
                                    "Editors of the lead or co-units and admins; every change is kept in the history "
                                    "and audited."))
def track_assignment(assignment_id: str, body: TrackingIn, request: Request, background: BackgroundTasks, ctx: Ctx,
                     principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    svc = ctx.services.assignments
    try:
        item = svc.update(principal, assignment_id, body.status, body.note, body.evidence_doc_id)
    except Forbidden as exc:
        raise forbidden(request, principal, "cập nhật tiến độ nhiệm vụ này") from exc
    except PlanError as exc:
        raise _raise(exc) from exc
    background.add_task(ctx.audit.record, "assignment_update", user=principal.name, doc_ids=[item["doc_id"]],
                        client=client_of(request), detail=f"{assignment_id}: {item['status']}")
    return item


@router.get("/v1/assignments/{assignment_id}/history", summary="Lịch sử cập nhật của một nhiệm vụ")
def assignment_history(assignment_id: str, ctx: Ctx, principal: Principal = Depends(require(Permission.READ))
                       ) -> dict[str, Any]:
    try:
        return {"items": ctx.services.assignments.history(principal, assignment_id)}
    except PlanError as exc:
        raise _raise(exc) from exc


@router.get("/v1/targets", summary="Chỉ tiêu", description=(
    "`{\"total\", \"items\"}`; " + bilingual("mỗi mục có", "an item has")
    + ": indicator, value, comparator, number, number_to, measure, period, due_end, lead_units, quote, start, end."))
def list_targets(request: Request, background: BackgroundTasks, ctx: Ctx,
                 unit: str | None = Query(None), doc_id: str | None = Query(None),
                 q: str | None = Query(None, max_length=200, description="Từ khóa trong tên chỉ tiêu"),
                 format: Format = Query("json"),  # noqa: A002
                 principal: Principal = Depends(require(Permission.READ))) -> Any:
    items = ctx.services.assignments.targets(principal, unit=unit, doc_id=doc_id, query=q)
    if format != "json":
        return _export(ctx, request, background, principal, "targets", items, format)
    return {"total": len(items), "items": items}


@router.get("/v1/reporting-duties", summary="Chế độ báo cáo: ai báo cáo gì, cho ai, khi nào", description=(
    "`{\"total\", \"items\"}`; " + bilingual("mỗi mục có", "an item has")
    + ": reporter, recipient, via, what, timing, recurrence, day, next_due, quote."))
def list_duties(request: Request, background: BackgroundTasks, ctx: Ctx,
                unit: str | None = Query(None, description="Đơn vị báo cáo hoặc nhận báo cáo"),
                doc_id: str | None = Query(None), format: Format = Query("json"),  # noqa: A002
                principal: Principal = Depends(require(Permission.READ))) -> Any:
    items = ctx.services.assignments.duties(principal, unit=unit, doc_id=doc_id)
    if format != "json":
        return _export(ctx, request, background, principal, "duties", items, format)
    return {"total": len(items), "items": items}


@router.get("/v1/alerts", summary="Cảnh báo: nhiệm vụ quá hạn, sắp đến hạn; kỳ báo cáo sắp tới", description=(
    "`{\"today\", \"total\", \"items\"}`; " + bilingual("mỗi mục có", "an item has")
    + ": kind (overdue | due_soon), label, due, days, item_type (assignment | reporting_duty), "
    + bilingual("và chính mục đó", "and the item itself") + "."))
def alerts(ctx: Ctx, within_days: int | None = Query(None, ge=0, le=366, description="Số ngày tới (mặc định: cấu hình)"),
           unit: str | None = Query(None), principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    svc = ctx.services.assignments
    items = svc.alerts(principal, within_days, unit)
    return {"today": svc.clock().isoformat(), "total": len(items), "items": items}


@router.get("/v1/compare", summary="Kế hoạch cấp dưới đã cụ thể hóa gì của văn bản cấp trên, bỏ sót gì",
            description=bilingual("Kết quả", "Result") + ": `{\"higher\", \"lower\", \"matches\": [{\"higher\", "
            "\"lower\": [...]}], \"missing\": [...], \"later\": [...]}`.")
def compare_plans(ctx: Ctx, higher: str = Query(..., description="Mã văn bản cấp trên"),
                  lower: str = Query(..., description="Mã văn bản cấp dưới"),
                  principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    try:
        return ctx.services.assignments.compare(principal, higher, lower)
    except PlanError as exc:
        raise _raise(exc) from exc


@router.get("/v1/units", summary="Đơn vị và số nhiệm vụ theo trạng thái (đã áp dụng tên gọi khác)")
def units(ctx: Ctx, principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    return {"items": ctx.services.assignments.units(principal)}


@router.get("/v1/units/aliases", summary="Danh sách tên gọi khác của đơn vị")
def aliases(ctx: Ctx, principal: Principal = Depends(require(Permission.READ))) -> dict[str, Any]:
    return {"items": ctx.services.assignments.aliases()}


def _alias_admin(request: Request, principal: Principal = Depends(require(Permission.READ))) -> Principal:
    """Only admins change the alias list (a 403 is audited as any other)."""
    if principal.role != "admin":
        raise forbidden(request, principal, "sửa danh sách tên gọi khác của đơn vị")
    return principal


@router.post("/v1/units/aliases", summary="Thêm tên gọi khác (quản trị viên)")
def add_alias(body: AliasIn, request: Request, background: BackgroundTasks, ctx: Ctx,
              principal: Principal = Depends(_alias_admin)) -> dict[str, Any]:
    try:
        row = ctx.services.assignments.add_alias(body.alias, body.canonical, principal.name)
    except PlanError as exc:
        raise _raise(exc) from exc
    background.add_task(ctx.audit.record, "unit_alias", user=principal.name, client=client_of(request),
                        detail=f"{row['alias']} = {row['canonical']}")
    return row


@router.delete("/v1/units/aliases/{alias}", summary="Bỏ một tên gọi khác (quản trị viên)")
def remove_alias(alias: str, request: Request, background: BackgroundTasks, ctx: Ctx,
                 principal: Principal = Depends(_alias_admin)) -> dict[str, str]:
    try:
        ctx.services.assignments.remove_alias(alias)
    except PlanError as exc:
        raise _raise(exc) from exc
    background.add_task(ctx.audit.record, "unit_alias", user=principal.name, client=client_of(request),
                        detail=f"bỏ {alias}")
    return {"status": "deleted", "alias": alias}
