"""Small HTTP client of the troly API for the UI.

The UI is a thin client: everything it shows comes from these calls, made with the
logged-in user's key, so the API's access control applies to the UI unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from assistant.domain import DocumentMeta, IngestOutcome

INVALID_KEY = "Khóa API không hợp lệ"


class ApiError(RuntimeError):
    """An API failure with a Vietnamese message fit to show to the user."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class ApiClient:
    """Calls of one user (its API key) over a shared connection pool."""

    def __init__(self, http: httpx.Client, api_key: str, client_ip: str = "") -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {api_key}"}
        if client_ip:  # the browser's address, for the API's audit trail behind this loopback hop
            self.headers["X-Forwarded-For"] = client_ip

    def _request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        """The one path of every plain call: the user's headers, a refused call as an ApiError."""
        try:
            r = self.http.request(method, url, headers=self.headers, **kw)
        except httpx.HTTPError as exc:
            raise _unreachable(exc) from exc
        _raise_for_status(r)
        return r

    def call(self, method: str, url: str, **kw: Any) -> Any:
        """Any JSON route of the API (the plan tab's lists, tracking and history)."""
        return self._request(method, url, **kw).json()

    def download(self, url: str, params: dict[str, Any]) -> bytes:
        """A file the API makes (exports)."""
        return self._request("GET", url, params=params).content

    def me(self) -> dict[str, Any]:
        return dict(self.call("GET", "/v1/me"))

    def documents(self) -> list[DocumentMeta]:
        return [DocumentMeta.model_validate(d) for d in self.call("GET", "/v1/documents")["documents"]]

    def document(self, doc_id: str) -> DocumentMeta:
        return DocumentMeta.model_validate(self.call("GET", f"/v1/documents/{doc_id}"))

    def text(self, doc_id: str, start: int = 0, end: int | None = None) -> dict[str, Any]:
        params: dict[str, int] = {"start": start} if end is None else {"start": start, "end": end}
        return dict(self.call("GET", f"/v1/documents/{doc_id}/text", params=params))

    def upload(self, name: str, content: bytes, classification: str | None, units: list[str]) -> list[IngestOutcome]:
        """Sends a file held in memory (the UI never keeps a copy on disk)."""
        data: dict[str, Any] = {"units": units}
        if classification:
            data["classification"] = classification
        res = self.call("POST", "/v1/documents", files={"files": (name, content)}, data=data)
        return [IngestOutcome.model_validate(d) for d in res["documents"]]

    def delete(self, doc_id: str) -> None:
        self.call("DELETE", f"/v1/documents/{doc_id}")

    def feedback(self, question: str, answer: str, verdict: str, comment: str,
                 citations: list[dict[str, Any]]) -> dict[str, Any]:
        body = {"question": question, "answer": answer, "verdict": verdict, "comment": comment,
                "citations": citations}
        return dict(self.call("POST", "/v1/feedback", json=body))

    def ask_stream(self, question: str, doc_ids: list[str] | None = None) -> Iterator[tuple[str, Any]]:
        """Yields the server-sent events of /v1/ask/stream as (event name, decoded data)."""
        body = {"question": question, "doc_ids": doc_ids or None}
        try:
            with self.http.stream("POST", "/v1/ask/stream", json=body, headers=self.headers) as r:
                if r.status_code >= 400:
                    r.read()
                    _raise_for_status(r)
                yield from _parse_sse(r.iter_lines())
        except httpx.HTTPError as exc:
            raise _unreachable(exc) from exc


def _unreachable(exc: httpx.HTTPError) -> ApiError:
    return ApiError(f"Không kết nối được tới máy chủ: {exc}")


def _parse_sse(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    event = "message"
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    if data:
        yield event, json.loads("\n".join(data))


def _raise_for_status(r: httpx.Response) -> None:
    if r.status_code < 400:
        return
    if r.status_code == 401:
        raise ApiError(INVALID_KEY, 401)
    try:
        detail = r.json().get("detail", r.text)
    except ValueError:
        detail = r.text
    if not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False)
    if r.status_code == 403:
        raise ApiError(f"Bạn không có quyền thực hiện thao tác này. {detail}".strip(), 403)
    raise ApiError(detail or f"Máy chủ trả lỗi {r.status_code}.", r.status_code)
