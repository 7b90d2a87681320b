"""Error responses: always `{"detail": "<Vietnamese>"}`, framework defaults ("Not Found") included.

Installed on the app by `install_error_handlers`; routes raise `HTTPException` or the services' own
errors (`QuestionError`, `UserError`) and never shape error bodies themselves.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.schemas import INVALID_CODE_POINTS
from assistant.services.access import UnknownUserError, UserError
from assistant.services.ask import QuestionError
from assistant.text import has_diacritics

log = logging.getLogger(__name__)
_VI_DEFAULTS = {
    400: "Yêu cầu không hợp lệ: không đọc được nội dung gửi lên (JSON sai, lồng quá sâu hoặc không phải UTF-8).",
    404: "Không tìm thấy địa chỉ này.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
    413: "Nội dung gửi lên quá lớn.",
    415: "Kiểu nội dung không được hỗ trợ.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    429: "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
    503: "Máy chủ đang bận. Vui lòng thử lại sau.",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        """Our own details are Vietnamese already; the framework's ("Not Found", "There was an error parsing
        the body") are not: they get the Vietnamese default of their status."""
        detail = exc.detail
        if not isinstance(detail, str) or detail == _phrase(exc.status_code) or not has_diacritics(detail):
            detail = _VI_DEFAULTS.get(exc.status_code, "Yêu cầu không hợp lệ.")
        return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _vi_validation(exc)})

    @app.exception_handler(QuestionError)
    async def _bad_question(_: Request, exc: QuestionError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(UserError)
    async def _bad_user(_: Request, exc: UserError) -> JSONResponse:
        return JSONResponse(status_code=404 if isinstance(exc, UnknownUserError) else 422,
                            content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(status_code=500, content={"detail": "Lỗi máy chủ nội bộ. Vui lòng thử lại sau."})


def _phrase(status: int) -> str:
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""


def _vi_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or str(err.get("ctx", {}).get("field", ""))
        kind = err.get("type", "")
        if kind == "json_invalid":
            parts.append("Nội dung JSON không hợp lệ")
        elif kind == "missing":
            parts.append(f"Thiếu trường bắt buộc '{loc}'")
        elif kind == INVALID_CODE_POINTS:
            parts.append(f"Ký tự không hợp lệ ở '{loc}' (ký tự thay thế đơn lẻ, mã điều khiển hoặc mã không phải "
                         "ký tự Unicode)")
        elif kind in ("literal_error", "enum"):
            allowed = str(err.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", " hoặc ")
            parts.append(f"Giá trị không hợp lệ ở '{loc}': phải là {allowed}")
        else:
            parts.append(f"Giá trị không hợp lệ ở '{loc}'")
    return "Dữ liệu gửi lên không hợp lệ: " + "; ".join(parts) + "."
