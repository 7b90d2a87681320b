"""The index's health, for admins: does the vector store agree with the registry, and repair it if not
(`troly index check|repair` talk to these when a server holds the store). Both are audited."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Request

from assistant.api.context import Ctx
from assistant.api.deps import client_of, require
from assistant.api.schemas import IndexCheck, IndexRepair
from assistant.services.access import Permission, Principal

router = APIRouter(tags=["index"])


@router.get("/v1/index", response_model=IndexCheck, summary="Kiểm tra chỉ mục khớp với sổ đăng ký (quản trị)")
def check_index(request: Request, ctx: Ctx, principal: Principal = Depends(require(Permission.INDEX))) -> IndexCheck:
    with ctx.writing():  # a quiet moment: no ingest half-way
        report = ctx.services.ingest.check()
    ctx.audit.record("index_check", user=principal.name, client=client_of(request),
                     detail=" ".join(f"{k}={v}" for k, v in report.counts().items()))
    return IndexCheck.model_validate(asdict(report))


@router.post("/v1/index/repair", response_model=IndexRepair, summary="Sửa chỉ mục theo sổ đăng ký (quản trị)")
def repair_index(request: Request, ctx: Ctx, principal: Principal = Depends(require(Permission.INDEX))
                 ) -> IndexRepair:
    with ctx.writing():
        result = ctx.services.ingest.repair()
    ctx.audit.record("index_repair", user=principal.name, client=client_of(request), doc_ids=[],
                     detail=f"recovered={result.recovered} removed={len(result.removed)}")
    return IndexRepair.model_validate(result.as_dict())
