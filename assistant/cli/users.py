"""`troly users add | revoke | list | bootstrap`: accounts and API keys, straight on the registry database
(works with or without a running server)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import credentials
from assistant.cli.common import ConfigOpt, JsonOpt, console, fail, print_json, registry_from, settings_from

app = typer.Typer(help="Quản lý người dùng và khóa API (trực tiếp trên cơ sở dữ liệu đăng ký).",
                  no_args_is_help=True)


def _access(config: Path | None):  # type: ignore[no-untyped-def]
    from assistant.services.access import AccessService

    return AccessService(registry_from(config))


def _print_key(name: str, key: str) -> None:
    console.print(f"Khóa API của '{name}' (chỉ hiện một lần, hãy lưu lại):", highlight=False)
    sys.stdout.write(key + "\n")


@app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Tên tài khoản.")],
    role: Annotated[str, typer.Option("--role", help="viewer | editor | admin")] = "viewer",
    clearance: Annotated[str, typer.Option("--clearance", help="Mức được đọc: public | internal | restricted")
                         ] = "public",
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Đơn vị của người dùng (lặp lại được).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Tạo người dùng và in khóa API một lần duy nhất."""
    from assistant.services.access import UserError

    try:
        info, key = _access(config).add(name, role, clearance, unit or [])
    except UserError as exc:
        fail(str(exc), 2)
        return
    console.print(f"Đã tạo '{info.name}': vai trò {info.role}, mức đọc {info.clearance}"
                  + (f", đơn vị {', '.join(info.units)}" if info.units else "") + ".", highlight=False)
    _print_key(info.name, key)


@app.command("revoke")
def users_revoke(name: Annotated[str, typer.Argument(help="Tên tài khoản.")], config: ConfigOpt = None) -> None:
    """Thu hồi khóa API (máy chủ đang chạy ngừng chấp nhận khóa trong vòng 60 giây)."""
    from assistant.services.access import UserError

    try:
        _access(config).revoke(name)
    except UserError as exc:
        fail(str(exc))
    console.print(f"Đã thu hồi khóa của '{name}'.", highlight=False)


@app.command("list")
def users_list(as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Liệt kê người dùng (không bao giờ in khóa)."""
    from dataclasses import asdict

    users = _access(config).users()
    if as_json:
        print_json({"users": [asdict(u) for u in users]})
        return
    if not users:
        console.print("Chưa có người dùng nào. Chạy `troly users bootstrap` để tạo tài khoản quản trị.")
    for u in users:
        state = f"[red]thu hồi {u.revoked_at[:10]}[/]" if u.revoked_at else "[green]hoạt động[/]"
        console.print(f"{u.name:<20} {u.role:<7} {u.clearance:<11} troly_{u.key_prefix}_…  {state}  "
                      f"{', '.join(u.units)}", highlight=False)


@app.command("bootstrap")
def users_bootstrap(config: ConfigOpt = None) -> None:
    """Lần chạy đầu: tạo tài khoản quản trị 'admin' nếu chưa có quản trị viên nào."""
    from assistant.services.access import UserError

    try:
        key = _access(config).bootstrap()
    except UserError as exc:
        fail(str(exc))
        return
    if key is None:
        console.print("Đã có tài khoản quản trị; dùng khóa đã cấp (hoặc `troly users add`).")
        return
    _print_key("admin", key)
    saved = credentials.save_key(key)  # the person who set the machine up is its admin: CLI works at once
    settings = settings_from(config)
    console.print(
        f"Đã lưu khóa này cho người dùng máy này ở {saved} (chỉ bạn đọc được): các lệnh troly dùng nó, "
        "`troly logout` để xóa. "
        f"Đăng nhập giao diện tại http://{settings.api.host}:{settings.api.port}/ui bằng khóa này; "
        "gọi API với tiêu đề 'Authorization: Bearer <khóa>'. "
        "Tạo thêm người dùng: troly users add TÊN --role viewer --clearance public --unit ĐƠN_VỊ", highlight=False)
