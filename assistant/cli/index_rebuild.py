"""`troly index rebuild`: copy every chunk (vectors and payload as stored) into the configured index.

Uses: migrate a data directory of the old layout (qdrant-client local mode, `data/qdrant`) to Qdrant
Edge — also done automatically on first open — or move the embedded index to a Qdrant server or cluster
(`TROLY_QDRANT__URL` set, `--from edge`). The source is never deleted; nothing is re-embedded. Run it
with `troly serve` stopped: the embedded index has one owner at a time.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from assistant.cli.common import ConfigOpt, JsonOpt, err, fail, print_json, settings_from
from assistant.cli.index_group import app


@app.command("rebuild")
def rebuild(
    source: Annotated[str, typer.Option(
        "--from", help="Nguồn: 'legacy' (thư mục data/qdrant kiểu cũ), 'edge' (chỉ mục nhúng) hoặc URL máy chủ Qdrant.",
    )] = "legacy",
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Chép toàn bộ chỉ mục từ nguồn sang chỉ mục đang cấu hình (không nhúng lại, không xóa nguồn)."""
    from assistant.components.edge_store import EdgeStore
    from assistant.components.migrate import MigrationError, copy_points, legacy_dir, migrate_legacy
    from assistant.components.vector_store import ClientStore, QdrantStore, StoreLockedError
    from assistant.services.container import open_store

    settings = settings_from(config)
    cfg = settings.qdrant
    target = cfg.url or ("edge" if cfg.engine == "edge" else "local")
    if source in (target, cfg.url):
        fail("Nguồn và đích là cùng một chỉ mục.", 2)
    if source == "legacy" and legacy_dir(settings.data_dir) is None:
        fail(f"Không có chỉ mục kiểu cũ ở {settings.data_dir / 'qdrant'}: không có gì để chuyển.", 2)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, disable=as_json or not err.is_terminal) as bar:
        task = bar.add_task("Chép chỉ mục", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            if source == "legacy" and not cfg.url and cfg.engine == "edge":
                dst: QdrantStore = EdgeStore(cfg, settings.edge_path)  # opened without the automatic migration
                try:
                    copied = migrate_legacy(cfg, settings.data_dir, dst, progress)
                finally:
                    dst.close()
            else:
                src: QdrantStore
                if source == "legacy":
                    src = ClientStore(cfg.model_copy(update={"url": None}), str(settings.qdrant_path))
                elif source == "edge":
                    src = EdgeStore(cfg, settings.edge_path)
                else:
                    src = ClientStore(cfg.model_copy(update={"url": source}))
                dst = open_store(settings)
                try:
                    copied = copy_points(src, dst, progress=progress)
                finally:
                    src.close()
                    dst.close()
        except StoreLockedError as exc:
            fail(f"{exc} Hãy dừng `troly serve` trước khi dựng lại chỉ mục.")
            raise
        except MigrationError as exc:
            fail(str(exc))
            raise
    if as_json:
        print_json({"source": source, "target": target, "chunks": copied})
    else:
        typer.echo(f"Đã chép {copied} đoạn từ {source} sang {target}.")
