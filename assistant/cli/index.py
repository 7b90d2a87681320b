"""`troly index check | repair`: does the vector store agree with the registry, and make it so (admins).

Locally this is the admin-only local mode (an admin's `--api-key`, audited); when a server holds the store
the same checks run in it (`GET /v1/index`, `POST /v1/index/repair`).
"""

from __future__ import annotations

from typing import Any

import typer

from assistant.cli.common import ApiKeyOpt, ApiUrlOpt, ConfigOpt, JsonOpt, console, print_json, session
from assistant.cli.index_group import app

COUNT_KEYS = ("documents", "points", "orphan_points", "missing_points", "stale_points", "pending")
LABELS = {"documents": "tài liệu", "points": "đoạn trong kho vector", "orphan_points": "đoạn mồ côi",
          "missing_points": "đoạn bị thiếu", "stale_points": "đoạn cũ/sai nhãn", "pending": "thay đổi dở dang"}


def _counts(report: dict[str, Any]) -> dict[str, int]:
    return {k: int(report[k]) for k in COUNT_KEYS}


def _print_counts(counts: dict[str, int]) -> None:
    for key in COUNT_KEYS:
        console.print(f"{LABELS[key]:>24}: {counts[key]}", highlight=False)


def _healthy(counts: dict[str, int]) -> bool:
    return not any(counts[k] for k in ("orphan_points", "missing_points", "stale_points", "pending"))


@app.command("check")
def index_check(as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
                api_key: ApiKeyOpt = None) -> None:
    """So khớp kho vector với sổ đăng ký; mã thoát 1 khi có sai lệch."""
    with session(config, api_url, api_key) as backend:
        report = backend.check_index()
    counts = _counts(report)
    if as_json:
        print_json(counts)
    else:
        _print_counts(counts)
        for p in report.get("problems", []):
            console.print(f"  {p['doc_id']}  {p['source']}: thiếu {p['missing']}, cũ/sai nhãn {p['stale']}",
                          highlight=False)
        console.print("Chỉ mục khớp với sổ đăng ký." if _healthy(counts) else
                      "Có sai lệch: chạy `troly index repair` để sửa.")
    if not _healthy(counts):
        raise typer.Exit(1)


@app.command("repair")
def index_repair(as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
                 api_key: ApiKeyOpt = None) -> None:
    """Sửa chỉ mục: bỏ đoạn mồ côi và đoạn cũ, gán lại nhãn, gỡ tài liệu thiếu đoạn (cần nạp lại)."""
    with session(config, api_url, api_key) as backend:
        result = backend.repair_index()
    if as_json:
        print_json(result)
        return
    console.print("Trước khi sửa:")
    _print_counts(_counts(result["before"]))
    console.print("Sau khi sửa:")
    _print_counts(_counts(result["after"]))
    for source in result["removed_documents"]:
        console.print(f"Đã gỡ tài liệu thiếu đoạn, cần nạp lại: {source}", highlight=False)
