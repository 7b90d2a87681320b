"""What every command shares: the common options, settings, a backend session, errors and JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from assistant.backend import Backend, BackendError, HttpBackend, LocalBackend
from assistant.components.vector_store import StoreLockedError
from assistant.settings import Settings, load_settings

console = Console()
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình YAML (profile).")]
ApiUrlOpt = Annotated[str | None, typer.Option("--api-url", help="Gửi lệnh tới máy chủ troly này.")]
ApiKeyOpt = Annotated[str | None, typer.Option("--api-key", envvar="TROLY_API_KEY", help="Khóa API.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def settings_from(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except ValueError as exc:
        fail(str(exc))
        raise


def _backend(settings: Settings, api_url: str | None, api_key: str | None) -> Backend:
    """Local services by default (reads only for an admin key: `LocalBackend`); the running server when asked
    to or when it holds the store."""
    if api_url:
        return HttpBackend(api_url, api_key)
    try:
        return LocalBackend(settings, api_key)
    except StoreLockedError as exc:
        url = settings.api.url or f"http://{settings.api.host}:{settings.api.port}"
        err.print(f"[yellow]{exc}[/] Dùng máy chủ {url}.")
        return HttpBackend(url, api_key)


@contextmanager
def session(config: Path | None, api_url: str | None, api_key: str | None) -> Iterator[Backend]:
    """A backend for one command: closed at the end (releases the store lock); its errors are
    shown as one Vietnamese line, never a traceback."""
    try:
        backend = _backend(settings_from(config), api_url, api_key)
    except BackendError as exc:
        fail(str(exc))
        raise
    try:
        yield backend
    except BackendError as exc:
        fail(str(exc))
    finally:
        backend.close()


def registry_from(config: Path | None):  # type: ignore[no-untyped-def]
    """Users and audit live in the registry database (SQLite copes with `troly serve` running alongside)."""
    from assistant.components.registry import Registry

    settings = settings_from(config)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Registry(settings.registry_url)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Lỗi:[/] {message}")
    raise typer.Exit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
