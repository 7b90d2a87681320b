"""Liveness (the only route without a key) and who the caller is."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from assistant.api.context import Ctx
from assistant.api.deps import current_principal
from assistant.api.schemas import Health, Me
from assistant.services.access import Principal

router = APIRouter()


@router.get("/healthz", response_model=Health, tags=["system"], summary="Kiểm tra máy chủ còn hoạt động (không cần khóa)")
def healthz(ctx: Ctx) -> Health:
    return Health(status="ok", documents=len(ctx.services.registry.list_documents()))


@router.get("/v1/me", response_model=Me, tags=["users"], summary="Tài khoản đang đăng nhập")
def me(principal: Principal = Depends(current_principal)) -> Me:
    return Me(name=principal.name, role=principal.role, clearance=principal.clearance, units=list(principal.units))
