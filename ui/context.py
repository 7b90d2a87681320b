"""What every tab shares: the API connection pool, the logged-in session and the documents the user may
read. Tabs get it from `build_ui` and never reach into each other's handlers."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import httpx
from gradio.utils import get_upload_folder

from assistant.domain import DocumentMeta
from ui import render
from ui.client import ApiClient


@dataclass
class UiContext:
    pool: httpx.Client
    session: gr.State  # the user after login: key, name, role, clearance, units; None before
    docs: gr.State  # the documents the user may read, as last fetched (DocumentMeta dumps)

    def api(self, session: dict[str, Any] | None, request: gr.Request | None) -> ApiClient:
        if not session:
            raise gr.Error("Phiên làm việc đã hết. Vui lòng đăng nhập lại.")
        return ApiClient(self.pool, session["key"], client_ip(request))


def download_file(name: str, data: bytes) -> Any:
    """A file offered for download (an export, a report draft), written inside Gradio's cache: the private
    folder of the data directory that `ui.server.confine_uploads` empties at every start, never the system
    temp directory, where plan content would stay behind."""
    path = Path(tempfile.mkdtemp(prefix="tai-ve-", dir=get_upload_folder())) / name
    path.write_bytes(data)
    return gr.update(value=str(path), visible=True)


def doc_updates(docs: list[DocumentMeta], query: str = "") -> tuple[Any, ...]:
    """New values of the document lists (`DocumentsTab.lists`: state, table, chat filter, picker)."""
    choices = render.doc_choices(docs)
    return ([d.model_dump() for d in docs], render.doc_rows(docs, query),
            gr.update(choices=choices), gr.update(choices=choices, value=None))


def client_ip(request: gr.Request | None) -> str:
    return request.client.host if request is not None and request.client else ""
