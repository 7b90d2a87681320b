"""App factory: builds the context, installs limits and error handlers, includes the feature routers.

A feature adds a module under `assistant/api/routes/` and one line to `ROUTERS`; this file should not
grow. Routes are thin: they validate, call a service and shape the response. Every route but /healthz
needs an API key (see `assistant.api.deps`); what a caller may read is decided by
`assistant.services.access` and enforced inside the Qdrant query (`scope_for`) and on registry rows
(`Principal.may_read`). Asks, uploads, deletes, refusals and bad keys are audited.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi_offline import FastAPIOffline

from assistant.api.context import AppContext
from assistant.api.errors import install_error_handlers
from assistant.api.limits import BodySizeLimit
from assistant.api.openapi_texts import TAGS, install_openapi_texts
from assistant.api.routes import (
    ask,
    assignments,
    audit,
    documents,
    feedback,
    index,
    openai,
    reports,
    system,
    users,
)
from assistant.services.container import Services
from assistant.settings import Settings
from assistant.text import bilingual

ROUTERS: tuple[APIRouter, ...] = (system.router, ask.router, documents.router, audit.router, feedback.router,
                                  users.router, index.router, openai.router, assignments.router, reports.router)


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    svc = services or Services(settings)
    app = FastAPIOffline(  # /docs and /redoc from the assets the package ships: no CDN, they work offline
        title="Trợ lý kế hoạch API",
        version="0.1.0",
        description=bilingual(
            "Hỏi đáp có trích dẫn trên các văn bản kế hoạch. Mọi trích dẫn trỏ tới đoạn văn gốc. "
            "Mọi đường dẫn trừ /healthz cần khóa API: `Authorization: Bearer troly_…` (`troly users add`).",
            "Cited question answering over plan documents; every citation points into the source text. "
            "Every path but /healthz needs an API key."),
        openapi_tags=TAGS,
    )
    app.state.services = svc  # `troly serve` opens the store and warms the models through it before serving
    app.state.context = AppContext.build(settings, svc)
    app.add_middleware(BodySizeLimit, max_bytes=int(settings.api.max_body_mb * 1024 * 1024))
    install_error_handlers(app)
    install_openapi_texts(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
