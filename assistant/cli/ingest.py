"""`troly ingest`: files and folders into the index, with a progress bar per file on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli.common import (
    ApiKeyOpt,
    ApiUrlOpt,
    ConfigOpt,
    JsonOpt,
    console,
    err,
    fail,
    print_json,
    session,
)

if TYPE_CHECKING:
    from assistant.domain import IngestOutcome


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục cần nạp.")],
    classification: Annotated[
        str | None, typer.Option("--classification", help="public | internal | restricted")
    ] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Đơn vị được đọc (lặp lại được).")] = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Nạp tài liệu (.txt, .md, .docx, .pdf, .doc, .rtf, .odt, .xlsx, .pptx, .html, .eml, .mht, .xps, Word .xml,
    ảnh quét .png/.jpg/.tif) vào chỉ mục."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if classification and classification not in ("public", "internal", "restricted"):
        fail("--classification phải là public, internal hoặc restricted.", 2)
    show = not as_json and sys.stderr.isatty()
    with session(config, api_url, api_key) as backend, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
        disable=not show
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(source: str, done: int, total: int) -> None:
            if source not in tasks:
                tasks[source] = bar.add_task(source, total=total)
            bar.update(tasks[source], completed=done, total=total)

        outcomes = backend.ingest(paths, classification, unit or [], progress=progress)
    if as_json:
        keys = {"source", "doc_id", "title", "status", "reason", "chunks", "pii", "seconds"}
        print_json({"documents": [o.model_dump(include=keys) for o in outcomes]})
    else:
        _print_outcomes(outcomes)
    if any(o.status == "failed" or o.status == "refused" for o in outcomes) or not outcomes:
        raise typer.Exit(1)


def _print_outcomes(outcomes: list[IngestOutcome]) -> None:
    labels = {"ingested": "đã nạp", "skipped": "bỏ qua (không đổi)", "replaced": "đã thay thế",
              "refused": "từ chối", "failed": "lỗi"}
    colors = {"ingested": "green", "replaced": "green", "skipped": "cyan", "refused": "red", "failed": "red"}
    for o in outcomes:
        line = f"[{colors[o.status]}]{labels[o.status]:>18}[/]  {o.source}"
        if o.title:
            line += f" — {o.title}"
        if o.chunks:
            line += f" ({o.chunks} đoạn)"
        if o.reason and o.status in ("refused", "failed"):
            line += f"\n{'':>20}{o.reason}"
        console.print(line, highlight=False)
    if not outcomes:
        err.print("Không có tệp nào để nạp.")
