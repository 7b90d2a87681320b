"""The locking policy of `AppContext`: asks never wait for a write; writes wait for each other.

Ordering is checked with events, never with timings: a reader that finishes while a writer holds the
write side proves it did not wait for it.
"""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.services.access import AccessService
from assistant.services.container import Services


def test_an_ask_is_answered_while_a_write_is_in_progress(indexed: Services) -> None:
    app = create_app(indexed.settings, indexed)
    ctx = app.state.context
    _, key = AccessService(indexed.registry).add("context-reader", "viewer", "public")
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with ctx.writing():
            holding.set()
            release.wait(300)

    w = threading.Thread(target=writer)
    w.start()
    try:
        assert holding.wait(60)
        with TestClient(app) as client:
            r = client.post("/v1/ask", json={"question": "Ai chủ trì rà soát hạ tầng mạng?"},
                            headers={"Authorization": f"Bearer {key}"})
        assert not release.is_set() and w.is_alive()  # the write was still open when the answer came
        assert r.status_code == 200 and r.json()["answerable"] and r.json()["citations"]
    finally:
        release.set()
        w.join()


def test_writes_are_serialised(indexed: Services) -> None:
    ctx = create_app(indexed.settings, indexed).state.context
    order: list[str] = []
    first_in, second_tried, release = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with ctx.writing():
            order.append("first in")
            first_in.set()
            release.wait(300)
            order.append("first out")

    def second() -> None:
        first_in.wait(60)
        second_tried.set()
        with ctx.writing():
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    assert second_tried.wait(60)
    with ctx.reading():  # a reader gets in while a writer holds the write side and another waits
        order.append("reader")
    release.set()
    for t in threads:
        t.join()
    assert order == ["first in", "reader", "first out", "second in"]
