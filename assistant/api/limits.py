"""Request limits: a per-key sliding-window rate limit and a request body cap (Vietnamese 4xx)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
