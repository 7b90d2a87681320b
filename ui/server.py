"""Mounts the UI on the API's FastAPI app (composition root: `troly serve`)."""

from __future__ import annotations

import gradio as gr
from fastapi import FastAPI

from assistant.settings import Settings
from ui.app import CSS, build_ui, theme

UI_PATH = "/ui"
_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}


def loopback_url(host: str, port: int) -> str:
    """Where the UI's handlers reach the API: the server's own address, loopback when it listens on all."""
    if host in _ANY_ADDRESS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def mount_ui(app: FastAPI, settings: Settings, *, host: str | None = None, port: int | None = None) -> FastAPI:
    """Adds the Gradio app at /ui; `host`/`port` are those the server really binds (CLI overrides)."""
    base = loopback_url(host or settings.api.host, port or settings.api.port)
    blocks = build_ui(base)
    return gr.mount_gradio_app(
        app, blocks, path=UI_PATH, theme=theme(), css=CSS, footer_links=[], run_history=False,
        max_file_size=int(settings.ingest.max_file_mb * 1024 * 1024), ssr_mode=False, mcp_server=False,
        pwa=False, show_error=True,
    )
