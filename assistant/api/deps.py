"""Request dependencies: who is calling (Bearer API key), may they, and are they within limits.

Everything comes from the app's context (`assistant.api.context`); tests override `current_principal`
(`app.dependency_overrides[current_principal] = lambda: Principal(...)`) to skip keys.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.context import context_of
from assistant.api.limits import too_many
from assistant.services.access import Permission, Principal, VerificationBusyError, split_key

bearer = HTTPBearer(auto_error=False, description="Khóa API do `troly users add` cấp: `Authorization: Bearer troly_…`")

PERMISSION_VI: dict[Permission, str] = {
    Permission.ASK: "đặt câu hỏi",
    Permission.READ: "xem tài liệu",
    Permission.UPLOAD: "nạp tài liệu",
    Permission.DELETE_OWN: "xóa tài liệu",
    Permission.DELETE_ANY: "xóa tài liệu của người khác",
    Permission.USERS: "quản lý người dùng",
    Permission.AUDIT: "xem nhật ký truy cập",
    Permission.INDEX: "kiểm tra và sửa chỉ mục",
}


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def current_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    """401 without or with a bad key (audited as `login_failed`), 429 over the per-key rate limit."""
    ctx, client = context_of(request), client_of(request)
    key = credentials.credentials if credentials else ""
    principal = ctx.access.cached(key) if key else None
    failures = f"failed:{client}"
    if principal is None:
        # an attempt counts before the slow KDF runs (concurrent bad keys cannot all slip through), and is
        # given back when the key turns out valid
        if wait := ctx.limiter.hit(failures):
            raise too_many(ctx.limiter.limit, wait)
        try:
            principal = ctx.access.authenticate(key) if key else None
        except VerificationBusyError as exc:
            raise HTTPException(503, detail=str(exc), headers={"Retry-After": "2"}) from exc
        if principal is not None:
            ctx.limiter.refund(failures)
    if principal is None:
        parts = split_key(key)
        detail = ("Khóa API không hợp lệ hoặc đã bị thu hồi." if key else
                  "Cần đăng nhập: gửi khóa API trong tiêu đề 'Authorization: Bearer <khóa>'.")
        ctx.audit.record("login_failed", client=client, status=401,
                         detail=f"{request.method} {request.url.path}" + (f" (khóa {parts[0]}…)" if parts else ""))
        raise unauthorized(detail)
    if wait := ctx.limiter.hit(f"user:{principal.name}"):
        raise too_many(ctx.limiter.limit, wait)
    return principal


def forbidden(request: Request, principal: Principal, what: str) -> HTTPException:
    """403 with a Vietnamese reason; the refusal is audited."""
    context_of(request).audit.record("forbidden", user=principal.name, client=client_of(request), status=403,
                                     detail=f"{request.method} {request.url.path}")
    return HTTPException(403, detail=f"Tài khoản '{principal.name}' (vai trò {principal.role}) không có quyền {what}.")


def require(permission: Permission) -> Callable[..., Principal]:
    """Dependency: the caller, if their role grants `permission`; else 403."""

    def dependency(request: Request, principal: Principal = Depends(current_principal)) -> Principal:
        if not principal.can(permission):
            raise forbidden(request, principal, PERMISSION_VI[permission])
        return principal

    dependency.__name__ = f"require_{permission.value}"
    return dependency
