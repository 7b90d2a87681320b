"""`troly login` / `troly logout`: the API key of the person at this machine, saved once (mode 0600 under
the user's config directory) and used by every command, so nobody types --api-key again."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli import credentials
from assistant.cli.common import ApiUrlOpt, ConfigOpt, console, fail, settings_from, store_held

INVALID = "Khóa API không hợp lệ hoặc đã bị thu hồi: chưa lưu. Kiểm tra lại khóa (troly users add / bootstrap in ra)."


def login(
    api_key: Annotated[str | None, typer.Option("--api-key", help="Khóa API (không có: hỏi, không hiện khi gõ).")
                       ] = None,
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
) -> None:
    """Lưu khóa API cho người dùng máy này: mọi lệnh troly sau đó dùng khóa này."""
    key = (api_key or typer.prompt("Khóa API", hide_input=True, prompt_suffix=": ")).strip()
    who = _verify(key, config, api_url)
    path = credentials.save_key(key)
    console.print(f"Đã đăng nhập: '{who['name']}' (vai trò {who['role']}, mức đọc {who['clearance']}). "
                  f"Khóa lưu tại {path} (chỉ bạn đọc được); `troly logout` để xóa.", highlight=False)


def logout() -> None:
    """Xóa khóa API đã lưu trên máy này."""
    path = credentials.key_file()
    if credentials.forget_key():
        console.print(f"Đã xóa khóa đã lưu ({path}).", highlight=False)
    else:
        console.print("Chưa có khóa nào được lưu trên máy này.")


def _verify(key: str, config: Any, api_url: str | None) -> dict[str, Any]:
    """Who the key belongs to: asked of the running server (GET /v1/me), else of the registry database."""
    settings = settings_from(config)
    if api_url or settings.api.url or store_held(settings):
        from assistant.backend import BackendError, HttpBackend

        backend = HttpBackend(api_url or settings.api.url or f"http://{settings.api.host}:{settings.api.port}", key)
        try:
            return dict(backend.me())
        except BackendError as exc:
            fail(INVALID if exc.status == 401 else str(exc))
            raise
        finally:
            backend.close()
    from assistant.components.registry import Registry
    from assistant.services.access import AccessService

    if not settings.data_dir.exists():
        fail(f"Chưa có thư mục dữ liệu {settings.data_dir}: chạy `make run` (hoặc `troly users bootstrap`) trước.")
    principal = AccessService(Registry(settings.registry_url)).authenticate(key)
    if principal is None:
        fail(INVALID)
        raise AssertionError  # fail() exits
    return {"name": principal.name, "role": principal.role, "clearance": principal.clearance}
