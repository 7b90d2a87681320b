"""`troly doctor`: is this machine ready? Each part checked on its own, said in Vietnamese with what to do
when something is wrong; exit status 1 when anything is an error (warnings alone are 0)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from assistant.cli import credentials
from assistant.cli.common import ConfigOpt, JsonOpt, console, print_json, settings_from, store_held

if TYPE_CHECKING:
    from assistant.settings import Settings

Level = Literal["ok", "warning", "error"]
MIN_FREE_GB = 2.0


@dataclass
class Check:
    name: str
    level: Level
    message: str


def doctor(as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Kiểm tra máy: thư mục dữ liệu, chỉ mục, sổ đăng ký, mô hình, Tesseract, LibreOffice, LLM, dung lượng đĩa."""
    settings = settings_from(config)
    checks = [_run(name, check, settings) for name, check in CHECKS]
    if as_json:
        print_json({"checks": [asdict(c) for c in checks], "ok": all(c.level != "error" for c in checks)})
    else:
        marks = {"ok": "[green]✓[/]", "warning": "[yellow]![/]", "error": "[red]✗[/]"}
        for c in checks:
            console.print(f"{marks[c.level]} {c.name}: {c.message}", highlight=False)
        errors = sum(c.level == "error" for c in checks)
        console.print("\nMọi thứ sẵn sàng." if not errors else f"\nCó {errors} lỗi cần xử lý (xem ✗ ở trên).")
    if any(c.level == "error" for c in checks):
        raise typer.Exit(1)


def _run(name: str, check: Callable[[Settings], tuple[Level, str]], settings: Settings) -> Check:
    try:
        level, message = check(settings)
    except Exception as exc:  # a check that breaks is itself the finding
        level, message = "error", f"kiểm tra không chạy được: {exc}"
    return Check(name, level, message)


def _data_dir(settings: Settings) -> tuple[Level, str]:
    path = settings.data_dir.resolve()
    if not path.exists():
        return "warning", f"{path} chưa có (được tạo khi nạp tài liệu lần đầu hoặc `make run`)."
    probe = path / ".troly-doctor"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return "error", f"{path} không ghi được ({exc.strerror or exc}): kiểm tra quyền của thư mục."
    return "ok", f"{path}, ghi được."


def _store(settings: Settings) -> tuple[Level, str]:
    if store_held(settings):
        return _server(settings, "chỉ mục đang do máy chủ troly mở")
    if settings.qdrant.engine == "edge" and not settings.qdrant.url and not settings.edge_path.exists():
        return "warning", "chỉ mục chưa có: nạp tài liệu bằng `troly ingest THƯ_MỤC`."
    from assistant.services.container import open_store

    store = open_store(settings)
    try:
        count = store.count()
    finally:
        store.close()
    where = settings.qdrant.url or str(settings.edge_path)
    return ("ok" if count else "warning"), f"{where}: {count} đoạn văn bản" + ("" if count else " (chưa nạp gì)") + "."


def _server(settings: Settings, why: str) -> tuple[Level, str]:
    import httpx

    url = settings.api.url or f"http://{settings.api.host}:{settings.api.port}"
    try:
        health = httpx.get(f"{url}/healthz", timeout=5).json()
    except (httpx.HTTPError, ValueError) as exc:
        return "error", f"{why} nhưng {url} không trả lời ({exc}): dừng tiến trình đó rồi chạy lại `troly serve`."
    return "ok", f"{why} tại {url}: đang chạy, {health.get('documents', '?')} tài liệu."


def _registry(settings: Settings) -> tuple[Level, str]:
    if settings.database_url is None and not (settings.data_dir / "registry.db").exists():
        return "warning", "chưa có sổ đăng ký: `make run` hoặc `troly users bootstrap` tạo nó cùng tài khoản quản trị."
    from assistant.components.registry import Registry
    from assistant.services.access import AccessService

    registry = Registry(settings.registry_url)
    documents = len(registry.list_documents())
    access = AccessService(registry)
    admin, users = access.has_admin(), len(access.users())
    if not admin:
        return "error", f"{documents} tài liệu, {users} người dùng, chưa có quản trị viên: chạy `troly users bootstrap`."
    return "ok", f"{documents} tài liệu, {users} người dùng (có quản trị viên)."


def _key(settings: Settings) -> tuple[Level, str]:
    path = credentials.key_file()
    if credentials.saved_key() is None:
        if path.exists():
            return "error", f"{path} đọc được bởi người khác nên không được dùng: `troly login` để lưu lại."
        return "warning", "chưa lưu khóa API trên máy này: `troly login` (các lệnh cần khóa sẽ báo lỗi 401)."
    return "ok", f"đã lưu ở {path} (chỉ bạn đọc được)."


def _models(settings: Settings) -> tuple[Level, str]:
    from assistant.components.embeddings import build_embedder

    embedder = build_embedder(settings.embedding)
    vector = embedder.embed_query("Kiểm tra mô hình nhúng tiếng Việt")
    return "ok", f"mô hình nhúng {embedder.name} chạy được ({len(vector)} chiều), không cần tải gì."


def _tesseract(settings: Settings) -> tuple[Level, str]:
    from ingest.ocr import tesseract

    binary = tesseract()
    if binary is None:
        return "warning", ("chưa cài Tesseract tiếng Việt: PDF quét và ảnh sẽ không nạp được (`make ocr`: "
                           "tesseract-ocr, tesseract-ocr-vie).")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    return "ok", f"{version}, có tiếng Việt: đọc được PDF quét và ảnh."


def _office(settings: Settings) -> tuple[Level, str]:
    from ingest.formats import soffice

    if soffice() is None:
        return "warning", "chưa cài LibreOffice: tệp .doc, .rtf và .odt sẽ không nạp được (`make office`)."
    return "ok", "có LibreOffice: đọc được .doc, .rtf và .odt."


def _llm(settings: Settings) -> tuple[Level, str]:
    url = settings.llm.base_url
    if not url:
        return "ok", "chưa cấu hình (chỉ dùng chế độ trích xuất, không cần LLM)."
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/models", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        return "error", f"máy chủ LLM {url} không trả lời ({exc}): kiểm tra TROLY_LLM__BASE_URL."
    return "ok", f"máy chủ LLM {url} trả lời."


def _disk(settings: Settings) -> tuple[Level, str]:
    path = next((p for p in [settings.data_dir.resolve(), *settings.data_dir.resolve().parents] if p.exists()),
                Path("/"))
    free = shutil.disk_usage(path).free / 1024**3
    if free < MIN_FREE_GB:
        return "error", f"chỉ còn {free:.1f} GB trống ở {path}: cần ít nhất {MIN_FREE_GB:g} GB để nạp và lập chỉ mục."
    return "ok", f"còn {free:.1f} GB trống ở {path}."


CHECKS: list[tuple[str, Callable[[Settings], tuple[Level, str]]]] = [
    ("Thư mục dữ liệu", _data_dir),
    ("Chỉ mục", _store),
    ("Sổ đăng ký", _registry),
    ("Khóa API", _key),
    ("Mô hình", _models),
    ("Tesseract (OCR)", _tesseract),
    ("LibreOffice", _office),
    ("Máy chủ LLM", _llm),
    ("Dung lượng đĩa", _disk),
]
