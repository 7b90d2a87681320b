"""The words of the OpenAPI document (/docs, /redoc, /openapi.json) that the routes do not carry: tag
descriptions and FastAPI's own response descriptions ("Successful Response", "Validation Error").

Descriptions read by integrators and client generators are bilingual, Vietnamese first
(`assistant.text.bilingual`); a test walks the whole document and fails on any English-only text.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from assistant.text import bilingual

TAGS: list[dict[str, Any]] = [
    {"name": "system", "description": bilingual("Tình trạng máy chủ.", "Server health.")},
    {"name": "users", "description": bilingual("Tài khoản và khóa API.", "Accounts and API keys.")},
    {"name": "ask", "description": bilingual("Hỏi đáp có trích dẫn.", "Questions answered with citations.")},
    {"name": "documents", "description": bilingual("Tài liệu: danh sách, tải lên, đoạn trích dẫn, xóa.",
                                                   "Documents: list, upload, cited text, delete.")},
    {"name": "audit", "description": bilingual("Nhật ký truy cập.", "Access log.")},
    {"name": "feedback", "description": bilingual("Đánh giá câu trả lời.", "Feedback on answers.")},
    {"name": "index", "description": bilingual("Kiểm tra và sửa chỉ mục.", "Index check and repair.")},
    {"name": "openai", "description": bilingual("Giao diện tương thích API OpenAI.", "OpenAI-compatible API.")},
    {"name": "assignments", "description": bilingual(
        "Nhiệm vụ, chỉ tiêu, chế độ báo cáo, cảnh báo, so sánh kế hoạch, đơn vị.",
        "Assignments, targets, reporting duties, alerts, plan comparison, units.")},
    {"name": "reports", "description": bilingual("Dự thảo báo cáo có trích dẫn.", "Cited report drafts.")},
]
FRAMEWORK_RESPONSES = {
    "Successful Response": bilingual("Thành công.", "Successful Response."),
    "Validation Error": bilingual("Dữ liệu gửi lên không hợp lệ.", "Validation Error."),
}


def install_openapi_texts(app: FastAPI) -> None:
    """Replaces FastAPI's English response descriptions in the generated document (built once, cached)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    for response in operation.get("responses", {}).values():
                        text = response.get("description")
                        response["description"] = FRAMEWORK_RESPONSES.get(text, text)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
