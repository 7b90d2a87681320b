"""Documents the caller may read: list, upload (with classification and units), metadata, cited text,
delete. Uploads and deletes are audited. Uploaded bytes stay in memory (`InMemoryUploads`): nothing of
a file — refused, failed or ingested — is ever written outside what the index stores."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, Query, Request, UploadFile

from assistant.api.context import Ctx
from assistant.api.deps import client_of, forbidden, require
from assistant.api.limits import InMemoryUploads
from assistant.api.schemas import DocumentList, IngestSummary, TextSpan
from assistant.domain import UPLOAD_TYPES, DocumentMeta, IngestOutcome
from assistant.services.access import Permission, Principal, clean_units, readable_classifications
from assistant.settings import CLASSIFICATION_RANK
from assistant.text import bilingual

CONTEXT_CHARS = 400
TAKEN_NAME = ("Tên tệp này đã được dùng cho một tài liệu mà bạn không có quyền thay thế; "
              "hãy đổi tên tệp rồi tải lên lại.")

router = APIRouter(tags=["documents"], route_class=InMemoryUploads)


@router.get("/v1/documents", response_model=DocumentList, summary="Tài liệu mà tài khoản được đọc")
def list_documents(ctx: Ctx, principal: Principal = Depends(require(Permission.READ))) -> DocumentList:
    return DocumentList(documents=[r.to_meta() for r in ctx.services.registry.list_documents()
                                   if principal.may_read(r.classification, r.units or [])])


@router.post("/v1/documents", response_model=IngestSummary, summary="Tải lên và nạp tài liệu")
def upload(
    request: Request,
    background: BackgroundTasks,
    ctx: Ctx,
    files: list[UploadFile] = File(..., description=f"Tệp {', '.join(UPLOAD_TYPES)} (PDF quét và ảnh: OCR)"),
    classification: str | None = Form(None, description="public | internal | restricted "
                                      "(mặc định: mức mặc định khi nạp, không vượt quá mức của người tải lên)"),
    units: list[str] = Form(default=[], description="Đơn vị được đọc tài liệu (trống: mọi đơn vị)"),
    principal: Principal = Depends(require(Permission.UPLOAD)),
) -> IngestSummary:
    svc = ctx.services
    level = upload_classification(classification, ctx.settings.ingest.default_classification, principal)
    if level is None:
        raise forbidden(request, principal, f"nạp tài liệu mức '{classification}' "
                                            f"(mức cao nhất được phép: {principal.clearance})")
    doc_units = clean_units(units)
    if principal.role != "admin" and not set(doc_units) <= set(principal.units):
        raise forbidden(request, principal, "gán tài liệu cho đơn vị ngoài đơn vị của mình")
    limit = int(ctx.settings.ingest.max_file_mb * 1024 * 1024)
    outcomes = []
    for f in files:
        name = svc.ingest.source_name(f.filename or "tai-lieu")
        if any(not (principal.may_read(r.classification, r.units or []) and principal.may_delete(r.uploaded_by))
               for r in svc.registry.by_source(name)):
            outcome = IngestOutcome(source=name, status="refused", reason=TAKEN_NAME)
        else:
            data = f.file.read(limit + 1)
            if len(data) > limit:  # one oversized file fails alone; the rest of the batch goes on
                outcome = IngestOutcome(source=name, status="failed",
                                        reason=f"Tệp quá lớn: giới hạn là {limit / (1024 * 1024):g} MB.")
            else:
                with ctx.writing():
                    outcome = svc.ingest.ingest_bytes(name, data, classification=level, units=doc_units,
                                                      user=principal.name)
            del data
        f.file.close()
        outcomes.append(outcome)
        background.add_task(ctx.audit.record, "upload", user=principal.name, doc_ids=[outcome.doc_id] if
                            outcome.doc_id else [], latency_ms=int(outcome.seconds * 1000),
                            client=client_of(request), detail=f"{outcome.status}: {name}"
                            + (f" — {outcome.reason}" if outcome.reason else ""))
    return IngestSummary(documents=outcomes)


@router.get("/v1/documents/{doc_id}", response_model=DocumentMeta, summary="Thông tin một tài liệu")
def show_document(doc_id: str, ctx: Ctx, principal: Principal = Depends(require(Permission.READ))) -> DocumentMeta:
    return ctx.visible_doc(doc_id, principal)


@router.get("/v1/documents/{doc_id}/text", response_model=TextSpan,
            summary="Đoạn văn được trích dẫn cùng ngữ cảnh xung quanh")
def document_text(
    doc_id: str,
    ctx: Ctx,
    start: int = Query(0, ge=0, description=bilingual("Vị trí bắt đầu.", "Start offset.")),
    end: int | None = Query(None, ge=0, description=bilingual("Vị trí kết thúc (mặc định: cuối văn bản).",
                                                              "End offset (default: end of text).")),
    principal: Principal = Depends(require(Permission.READ)),
) -> TextSpan:
    ctx.visible_doc(doc_id, principal)
    text = ctx.services.registry.text_of(doc_id)
    stop = len(text) if end is None else end
    if start > stop or stop > len(text):
        raise HTTPException(422, detail=f"Vị trí trích dẫn không hợp lệ (độ dài văn bản: {len(text)}).")
    return TextSpan(doc_id=doc_id, start=start, end=stop, text=text[start:stop],
                    before=text[max(0, start - CONTEXT_CHARS):start], after=text[stop:stop + CONTEXT_CHARS],
                    length=len(text))


@router.delete("/v1/documents/{doc_id}",
               summary="Xóa tài liệu (biên tập viên: tài liệu mình tải lên; quản trị: mọi tài liệu)")
def delete_document(doc_id: str, request: Request, background: BackgroundTasks, ctx: Ctx,
                    principal: Principal = Depends(require(Permission.DELETE_OWN))) -> dict[str, str]:
    meta = ctx.visible_doc(doc_id, principal)
    if not principal.may_delete(meta.uploaded_by):
        raise forbidden(request, principal, "xóa tài liệu do người khác nạp")
    with ctx.writing():
        ctx.services.ingest.delete(doc_id)
    background.add_task(ctx.audit.record, "delete", user=principal.name, doc_ids=[doc_id],
                        client=client_of(request), detail=meta.source)
    return {"status": "deleted", "doc_id": doc_id}


def upload_classification(requested: str | None, default: str, principal: Principal) -> str | None:
    """The classification an upload gets: as requested (≤ the uploader's clearance, else None), or the
    ingest default capped at the clearance."""
    if requested is None:
        return default if CLASSIFICATION_RANK[default] <= CLASSIFICATION_RANK[principal.clearance] \
            else principal.clearance
    if requested not in CLASSIFICATION_RANK:
        raise HTTPException(422, detail="Mức phân loại phải là public, internal hoặc restricted.")
    return requested if requested in readable_classifications(principal.clearance) else None
