"""Request limits: a per-key sliding-window rate limit, a request body cap (Vietnamese 4xx), and uploads
parsed in memory."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine
from contextlib import aclosing
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_FILES_PER_REQUEST = 100


class RateLimiter:
    """At most `limit` hits per `window` seconds per key, counted over the last `window` seconds."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def retry_after(self, key: str) -> int:
        """Seconds until `key` may try again; 0 when it is under the limit now."""
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            return 0 if len(hits) < self.limit else max(1, int(hits[0] + self.window - now + 0.999))

    def hit(self, key: str) -> int:
        """Count one request; returns `retry_after` (0: allowed and counted, >0: refused, not counted)."""
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            if len(hits) >= self.limit:
                return max(1, int(hits[0] + self.window - now + 0.999))
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle keys
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window}
            return 0


    def refund(self, key: str) -> None:
        """Take back the last counted hit (an attempt that turned out legitimate)."""
        with self._lock:
            hits = self._hits.get(key)
            if hits:
                hits.pop()


def too_many(limit: int, retry_after: int) -> HTTPException:
    return HTTPException(
        429, detail=f"Quá nhiều yêu cầu: tối đa {limit} yêu cầu mỗi phút. Vui lòng thử lại sau {retry_after} giây.",
        headers={"Retry-After": str(retry_after)},
    )


class BodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, detail=f"Dữ liệu gửi lên quá lớn: tối đa {max_bytes / (1024 * 1024):g} MB.")


class BodySizeLimit:
    """Refuses bodies over `max_bytes`: at once by Content-Length, else while the body streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": BodyTooLarge(self.max_bytes).detail}, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class _MemoryParser(MultiPartParser):
    spool_max_size = sys.maxsize  # never rolls over to a temp file; the body is capped by BodySizeLimit


class _MemoryFormRequest(Request):
    async def _get_form(self, *, max_files: int | float = 1000, max_fields: int | float = 1000,
                        max_part_size: int = 1024 * 1024) -> FormData:
        if self._form is None and self.headers.get("content-type", "").startswith("multipart/form-data"):
            try:
                async with aclosing(self.stream()) as stream:
                    self._form = await _MemoryParser(self.headers, stream, max_files=min(max_files, MAX_FILES_PER_REQUEST),
                                                     max_fields=max_fields, max_part_size=max_part_size).parse()
            except MultiPartException as exc:
                why = (f"quá nhiều tệp trong một lần (tối đa {MAX_FILES_PER_REQUEST})" if "files" in exc.message
                       else "dữ liệu multipart sai định dạng hoặc một trường quá lớn")
                raise HTTPException(400, detail=f"Không đọc được dữ liệu tải lên: {why}.") from exc
        return await super()._get_form(max_files=max_files, max_fields=max_fields, max_part_size=max_part_size)


class InMemoryUploads(APIRoute):
    """Route class of the upload routes: multipart files are held in memory, never spooled to the system
    temp directory (Starlette spills parts over 1 MB to disk), so an upload leaves no file anywhere."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def in_memory(request: Request) -> Response:
            return await handler(_MemoryFormRequest(request.scope, request.receive))

        return in_memory
