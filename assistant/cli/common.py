"""What every command shares: the common options, settings, a backend session, errors and JSON output."""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from assistant.cli import credentials

if TYPE_CHECKING:  # imported where used: `troly --help` and HTTP commands must start fast
    from assistant.backend import Backend, HttpBackend
    from assistant.settings import Settings

B = TypeVar("B", bound="Backend")

console = Console()
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình YAML (profile).")]
ApiUrlOpt = Annotated[str | None, typer.Option("--api-url", help="Gửi lệnh tới máy chủ troly này.")]
ApiKeyOpt = Annotated[str | None, typer.Option("--api-key", envvar="TROLY_API_KEY", help="Khóa API.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def settings_from(config: Path | None) -> Settings:
    from assistant.settings import load_settings

    try:
        return load_settings(config)
    except ValueError as exc:
        fail(str(exc))
        raise


def _backend(settings: Settings, api_url: str | None, api_key: str | None) -> Backend:
    """The running server when asked to or when it holds the store (the normal case while `troly serve`
    runs: no warning, and nothing heavy imported); else the local services (reads only for an admin key:
    `LocalBackend`)."""
    from assistant.backend import HttpBackend

    url = api_url or settings.api.url or f"http://{settings.api.host}:{settings.api.port}"
    if api_url or store_held(settings):
        return HttpBackend(url, api_key)
    from assistant.backend import LocalBackend
    from assistant.components.vector_store import StoreLockedError

    try:
        return LocalBackend(settings, api_key)
    except StoreLockedError:  # taken between the probe and the open
        return HttpBackend(url, api_key)


def store_held(settings: Settings) -> bool:
    """The embedded Edge index is open in another process (`troly serve`): its LOCK file is flock-ed
    (`assistant.components.edge_store`). Probed without importing the store."""
    if settings.qdrant.url or settings.qdrant.engine != "edge":
        return False
    try:
        fd = os.open(settings.edge_path / "LOCK", os.O_RDONLY)
    except OSError:
        return False  # no index yet: nobody holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases a lock this probe took
    return False


@contextmanager
def session(config: Path | None, api_url: str | None, api_key: str | None) -> Iterator[Backend]:
    """A backend for one command: closed at the end (releases the store lock); its errors are
    shown as one Vietnamese line, never a traceback."""
    from assistant.backend import BackendError

    try:
        backend = _backend(settings_from(config), api_url, api_key or credentials.saved_key())
    except BackendError as exc:
        fail(str(exc))
        raise
    with _closing(backend) as opened:
        yield opened


@contextmanager
def remote(api_url: str, api_key: str | None) -> Iterator[HttpBackend]:
    """The server at --api-url for the commands that otherwise read the registry database (plans, reports), with
    the key of every command: --api-key or TROLY_API_KEY, else the one `troly login` saved."""
    from assistant.backend import HttpBackend

    with _closing(HttpBackend(api_url, api_key or credentials.saved_key())) as backend:
        yield backend


@contextmanager
def _closing(backend: B) -> Iterator[B]:
    """Closed at the end; its errors shown as one Vietnamese line."""
    from assistant.backend import BackendError

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
