"""`troly serve`: the API and the UI at /ui in one process (the composition root)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from assistant.cli.common import ConfigOpt, console, fail, settings_from
from assistant.components.vector_store import StoreLockedError


def serve(
    host: Annotated[str | None, typer.Option("--host", help="Địa chỉ lắng nghe (mặc định 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Cổng (mặc định 8000).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Chạy máy chủ API (và giao diện tại /ui)."""
    import uvicorn

    from assistant.api.app import create_app

    settings = settings_from(config)
    try:
        application = create_app(settings)
        store = application.state.services.store  # opens the embedded store now: fails if another process holds it
        recovered = application.state.services.ingest.recover()  # what a crash left half-done
        store.maintain(background=True)  # an index left unoptimized (killed batch, migration) is indexed aside
        application.state.services.warm_up()
    except StoreLockedError as exc:
        fail(str(exc))
        return
    h, p = host or settings.api.host, port or settings.api.port
    from ui.server import mount_ui  # composition root: the UI is a client of this API, mounted at /ui

    mount_ui(application, settings, host=h, port=p)
    if recovered:
        console.print(f"Đã khôi phục {recovered} thay đổi chỉ mục dở dang từ lần chạy trước.")
    console.print(f"Trợ lý kế hoạch: http://{h}:{p}/docs (API), http://{h}:{p}/ui (giao diện)")
    # proxy headers off: X-Forwarded-For from a local caller must not choose the audited address
    uvicorn.run(application, host=h, port=p, proxy_headers=False,
                log_level=os.environ.get("TROLY_LOG_LEVEL", "warning"))
