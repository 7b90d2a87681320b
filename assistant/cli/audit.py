"""`troly audit export`: the access log as CSV (questions already redacted)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import ConfigOpt, err, fail, registry_from

app = typer.Typer(help="Nhật ký truy cập.", no_args_is_help=True)


@app.command("export")
def audit_export(
    since: Annotated[str | None, typer.Option("--since", help="Từ thời điểm (ISO 8601, không có múi giờ = UTC).")
                     ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Trước thời điểm (ISO 8601).")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Chỉ người dùng này.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Định dạng: csv")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Tệp ghi ra (mặc định: màn hình).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Xuất nhật ký truy cập (câu hỏi đã được che dữ liệu cá nhân)."""
    from assistant.services.audit import AuditService, to_utc

    if fmt != "csv":
        fail("--format chỉ hỗ trợ csv.", 2)
    try:
        start, stop = to_utc(since), to_utc(until)
    except ValueError as exc:
        fail(str(exc), 2)
        return
    service = AuditService(registry_from(config))
    if out is None:
        service.export_csv(sys.stdout, user, start, stop)
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        n = service.export_csv(fh, user, start, stop)
    err.print(f"Đã ghi {n} dòng vào {out}.")
