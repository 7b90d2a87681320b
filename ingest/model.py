"""Contract between the ingestion stages.

A llama-index ``Document`` flows through the stages. Its ``text`` is replaced by the
normalized text at the normalize stage; from then on every offset refers to it.
Stage outputs live in ``Document.metadata`` under the keys below (plain JSON types).
"""

from __future__ import annotations

from typing import Literal, TypedDict

# metadata keys written by the stages
META_SOURCE = "source"  # load: file name
META_SHA256 = "sha256"  # load: hash of the file bytes
META_FILE_TYPE = "file_type"  # load: txt | md | docx | pdf
META_PAGE_STARTS = "page_starts"  # normalize: offsets where pages 1, 2, ... start (pdf only)
META_HINTS = "heading_hints"  # normalize: {offset of a line: "md1".."md6" | "bold"} (markup that said "heading")
META_BLOCKS = "blocks"  # structure: list[Block]
META_TASKS = "tasks"  # facts: list[ingest.facts.Task]
META_PLAN = "plan"  # plan: ingest.plan.Plan (assignments, targets, reporting duties)
PAGE_BREAK = "\f"  # load puts it between PDF pages; normalize removes it and records page_starts

BlockKind = Literal["heading", "paragraph", "list_item", "table_header", "table_row"]


class Block(TypedDict):
    """One line-level unit of the normalized text, in document order."""

    kind: BlockKind
    start: int  # offset in the normalized text
    end: int  # exclusive; text[start:end] is the block's exact text
    section: str  # section path: "VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy" ("" before the first heading)
    level: int  # heading depth for headings, depth of the enclosing section otherwise
    cells: dict[str, str] | None  # table rows: column name -> cell text (None otherwise)
    cell_spans: dict[str, list[int]] | None  # column name -> [start, end] of the cell's text (inherited too)
