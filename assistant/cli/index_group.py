"""The `troly index` command group, shared: each maintenance command registers itself in its own module
(`index_rebuild.py` here; `check` / `repair` in theirs), so no module is edited by every feature."""

from __future__ import annotations

import typer

app = typer.Typer(help="Bảo trì chỉ mục (Qdrant): kiểm tra, sửa, dựng lại.", no_args_is_help=True)
