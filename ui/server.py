"""Mounts the UI on the API's FastAPI app (composition root: `troly serve`).

Gradio writes every uploaded file to its cache folder before a handler sees it. That folder is a private
(0700) directory under the data directory, emptied at every start; the documents tab deletes each copy as
soon as its upload request ends, and Gradio's own sweep removes files chosen but never sent. So no upload
rests outside the data directory, and none stays inside it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import gradio as gr
from fastapi import FastAPI

from assistant.settings import Settings
from ui.app import CSS, build_ui, theme

UI_PATH = "/ui"
UPLOADS = "ui-uploads"  # Gradio's cache, under the data directory
SWEEP = (600, 1800)  # every 10 min, delete cached files older than 30 min (chosen, never uploaded)
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
    confine_uploads(settings.data_dir)
    blocks = build_ui(base)
    blocks.delete_cache = SWEEP
    return gr.mount_gradio_app(
        app, blocks, path=UI_PATH, theme=theme(), css=CSS, footer_links=[], run_history=False,
        max_file_size=int(settings.ingest.max_file_mb * 1024 * 1024), ssr_mode=False, mcp_server=False,
        pwa=False, show_error=True,
    )


def confine_uploads(data_dir: Path) -> Path:
    """Point Gradio's cache (GRADIO_TEMP_DIR, read by Gradio whenever it stores a file) at a fresh private
    folder under the data directory; leftovers of an earlier run are removed."""
    folder = (Path(data_dir) / UPLOADS).resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder
