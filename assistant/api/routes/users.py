"""User accounts and API keys, for admins; every change is audited at once (not in the background)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Request

from assistant.api.context import Ctx
from assistant.api.deps import client_of, require
from assistant.api.schemas import NewUser, UserIn, UserList, UserOut
from assistant.services.access import Permission, Principal

router = APIRouter(tags=["users"])


@router.get("/v1/users", response_model=UserList, summary="Danh sách người dùng (quản trị)")
def list_users(ctx: Ctx, _: Principal = Depends(require(Permission.USERS))) -> UserList:
    return UserList(users=[UserOut(**asdict(u)) for u in ctx.access.users()])


@router.post("/v1/users", response_model=NewUser, status_code=201, summary="Tạo người dùng; khóa API chỉ hiện một lần")
def add_user(body: UserIn, request: Request, ctx: Ctx, principal: Principal = Depends(require(Permission.USERS))
             ) -> NewUser:
    info, key = ctx.access.add(body.name, body.role, body.clearance, body.units)
    ctx.audit.record("user_add", user=principal.name, client=client_of(request),
                     detail=f"{info.name}: {info.role}, {info.clearance}")
    return NewUser(user=UserOut(**asdict(info)), key=key)


@router.delete("/v1/users/{name}", summary="Thu hồi khóa của một người dùng")
def revoke_user(name: str, request: Request, ctx: Ctx, principal: Principal = Depends(require(Permission.USERS))
                ) -> dict[str, str]:
    ctx.access.revoke(name)
    ctx.audit.record("user_revoke", user=principal.name, client=client_of(request), detail=name)
    return {"status": "revoked", "name": name}
