"""Stage 6 — chunk: section-aware chunks whose text is an exact slice of the normalized document.

A chunk never spans two sections: consecutive paragraphs and list items of one section are
merged up to `max_chars` (a block longer than that is cut at sentence ends "; " / ". "), and a
short tail is rebalanced with its neighbour so that it reaches `min_chars` when it can. Every
table row is a chunk of its own, with its cells rendered as "Column: value · …" so that the
embedder and the answerer see the column names. Headings are not chunks: their path is in
metadata["section"] and in the embedded text.

Chunk ids are uuid5 of (doc_id, start, end, kind): the same file always yields the same ids.
"""

from __future__ import annotations

import re
import uuid
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from llama_index.core.bridge.pydantic import Field
from llama_index.core.node_parser.interface import NodeParser
from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.utils import get_tqdm_iterable

from assistant.vocab.fields import heads_table, role_label
from assistant.vocab.numbering import strip_marker
from ingest.facts import Task
from ingest.model import META_BLOCKS, META_FILE_TYPE, META_HINTS, META_PAGE_STARTS, META_TASKS, Block
from ingest.structure import parse_structure, render_cells

CHUNK_NAMESPACE = uuid.UUID("8f6b2a4e-3c1d-5e7f-9a0b-1c2d3e4f5a6b")  # never change: chunk ids derive from it
_TEXT_KINDS = frozenset(("paragraph", "list_item"))
_DOCUMENT_ONLY = (META_BLOCKS, META_PAGE_STARTS, META_HINTS, META_TASKS)  # bulky, never copied into chunks
_RENDER_ROLES = ("task", "lead", "co", "timing", "product")
# what a chunk carries besides its text, as structured fields (the store keeps them in the payload)
STRUCTURED_KEYS = ("rendered", "cells", "cell_spans", "header_rows", "tasks", "heading")
_SENTENCE_END = re.compile(r"[.;!?…]\s+")  # where a long block may be cut


@dataclass
class _Span:
    start: int
    end: int
    section: str
    kind: str = "text"
    rendered: str = ""
    block: Block | None = None  # the table row this chunk is
    header: list[tuple[int, int]] | None = None  # its table's header row(s): where its column names are written


def _caption(text: str, before: Block | None) -> list[Block]:
    """The block before a table when it names the table (its title) or what its figures count."""
    return [before] if before is not None and heads_table(text[before["start"]:before["end"]]) else []


class SectionChunker(NodeParser):
    """Turns structured Documents (metadata['blocks'], ['page_starts'], ['doc_id']) into TextNodes."""

    max_chars: int = Field(default=900, ge=50, description="Longest text chunk (a single longer sentence stays whole).")
    min_chars: int = Field(default=200, ge=0, description="A short last chunk of a section borrows up to this size.")
    include_metadata: bool = Field(
        default=False,
        description="Kept False: the chunker copies the document metadata itself, without the bulky "
        "'blocks' and 'page_starts'.",
    )

    @classmethod
    def class_name(cls) -> str:
        return "SectionChunker"

    def _parse_nodes(self, nodes: Sequence[BaseNode], show_progress: bool = False, **kwargs: Any) -> list[BaseNode]:
        out: list[BaseNode] = []
        for doc in get_tqdm_iterable(nodes, show_progress, "Chunking"):
            out.extend(self.chunk_document(doc))
        return out

    def chunk_document(self, doc: BaseNode) -> list[TextNode]:
        text = doc.get_content()
        blocks: list[Block] = doc.metadata.get(META_BLOCKS) or parse_structure(text)
        doc_id = str(doc.metadata.get("doc_id") or doc.node_id)
        page_starts: list[int] = doc.metadata.get(META_PAGE_STARTS) or [0]
        paged = len(page_starts) > 1 or doc.metadata.get(META_FILE_TYPE) == "pdf"
        tasks: list[Task] = doc.metadata.get(META_TASKS) or []
        inherited = {k: v for k, v in doc.metadata.items() if k not in _DOCUMENT_ONLY}
        source = RelatedNodeInfo(node_id=doc.node_id, metadata={"doc_id": doc_id})
        nodes = []
        grouped = [(t["start"], t["end"]) for t in tasks if t["source"] in ("fields", "item")]
        headings = {b["section"]: (b["start"], b["end"]) for b in blocks if b["kind"] == "heading"}
        for span in self._spans(text, blocks, grouped):
            metadata: dict[str, Any] = {
                **inherited,
                "doc_id": doc_id,
                "section": span.section,
                "start": span.start,
                "end": span.end,
                "page": bisect_right(page_starts, span.start) if paged else None,
                "kind": span.kind,
            }
            if span.section in headings:  # the heading the chunk sits under, citable like any text
                h_start, h_end = headings[span.section]
                metadata["heading"] = {"text": text[h_start:h_end], "start": h_start, "end": h_end}
            if span.block is not None:
                metadata["cells"] = span.block["cells"]
                metadata["cell_spans"] = span.block.get("cell_spans") or {}
                metadata["header_rows"] = [{"text": text[a:b], "start": a, "end": b} for a, b in span.header or []]
            covering = [t for t in tasks if t["start"] < span.end and span.start < t["end"]]
            if covering:
                metadata["tasks"] = covering
            rendered = span.rendered or (_task_and_rest(covering[0], text, span.start, span.end)
                                         if len(covering) == 1 else "")
            if rendered:
                metadata["rendered"] = rendered
            keys = list(metadata)
            nodes.append(
                TextNode(
                    id_=str(uuid.uuid5(CHUNK_NAMESPACE, f"{doc_id}:{span.start}:{span.end}:{span.kind}")),
                    text=text[span.start : span.end],
                    metadata=metadata,
                    start_char_idx=span.start,
                    end_char_idx=span.end,
                    excluded_embed_metadata_keys=keys,  # the embedded text is built by `embed_text`
                    excluded_llm_metadata_keys=keys,
                    relationships={NodeRelationship.SOURCE: source},
                )
            )
        return nodes

    def _spans(self, text: str, blocks: list[Block], grouped: list[tuple[int, int]] | None = None) -> list[_Span]:
        """Runs of one section's text blocks; the blocks of one task written field by field stay together."""
        spans: list[_Span] = []
        run: list[Block] = []
        run_group: tuple[int, int] | None = None
        header: list[Block] = []  # the header row(s) of the table being read
        previous = ""
        before: Block | None = None  # the block before the table: its caption, or "Đơn vị tính: ha" (what it counts)
        for block in blocks:
            if block["kind"] == "table_header" and block["cells"] and set(block["cells"]) == set(block["cells"].values()):
                header = [*header] if previous == "table_header" else _caption(text, before)
                header.append(block)
            elif block["kind"] == "table_row" and block["cells"] and previous not in ("table_header", "table_row") \
                    and not set(block["cells"]) & {name for h in header for name in (h.get("cells") or {})}:
                header = _caption(text, before)  # a table of no header row: a header above names none of its columns
            previous = block["kind"]
            before = block
            group = next((g for g in grouped or [] if g[0] <= block["start"] < g[1]), None)
            if run and (block["kind"] not in _TEXT_KINDS or block["section"] != run[0]["section"]
                        or group != run_group):
                spans += self._pack(text, run, 2 if run_group else 1)
                run = []
            if block["kind"] in _TEXT_KINDS:
                run.append(block)
                run_group = group
            elif block["kind"] == "table_row" and block["cells"]:
                spans.append(_Span(block["start"], block["end"], block["section"], "table_row",
                                   render_cells(block["cells"]), block, [(h["start"], h["end"]) for h in header]))
        if run:
            spans += self._pack(text, run, 2 if run_group else 1)
        return spans

    def _pack(self, text: str, run: list[Block], stretch: int = 1) -> list[_Span]:
        """Greedy merge of one section's text blocks, then a too-short tail borrows from its neighbour."""
        limit = self.max_chars * stretch
        units = _with_their_items(text, [u for b in run for u in self._units(text, b["start"], b["end"])], limit)
        chunks: list[list[tuple[int, int]]] = []
        for unit in units:
            if chunks and unit[1] - chunks[-1][0][0] <= limit:
                chunks[-1].append(unit)
            else:
                chunks.append([unit])
        if len(chunks) > 1:
            prev, last = chunks[-2], chunks[-1]
            while (
                len(prev) > 1
                and last[-1][1] - last[0][0] < self.min_chars
                and last[-1][1] - prev[-1][0] <= limit
                and prev[-2][1] - prev[0][0] >= self.min_chars
            ):
                last.insert(0, prev.pop())
        section = run[0]["section"]
        return [_Span(c[0][0], c[-1][1], section) for c in chunks]

    def _units(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A block, or its sentences packed up to max_chars when the block is longer."""
        if end - start <= self.max_chars:
            return [(start, end)]
        pieces: list[tuple[int, int]] = []
        s = start
        for m in _SENTENCE_END.finditer(text, start, end):
            pieces.append((s, m.start() + 1))
            s = m.end()
        pieces.append((s, end))
        units: list[tuple[int, int]] = []
        for piece in pieces:
            if units and piece[1] - units[-1][0] <= self.max_chars:
                units[-1] = (units[-1][0], piece[1])
            else:
                units.append(piece)
        return units


def _with_their_items(text: str, units: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """"… gồm:" and the items under it ("+ Thu, nộp đảng phí …") are one unit, so no chunk ends inside the list
    (when the whole list fits in one chunk)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        start, end = units[i]
        i += 1
        if text[start:end].rstrip().endswith(":"):
            while i < len(units) and units[i][1] - start <= limit and strip_marker(text[units[i][0]:units[i][1]])[0]:
                end = units[i][1]
                i += 1
        out.append((start, end))
    return out


def embed_text(node: BaseNode, title: str, max_chars: int = 1200) -> str:
    """What the embedder sees: document title, section path, then the rendered row or the chunk text."""
    meta = node.metadata
    body = meta.get("rendered") or node.get_content()
    return "\n".join(part for part in (title, meta.get("section", ""), body) if part)[:max_chars]


def _task_and_rest(task: Task, text: str, start: int, end: int) -> str:
    """A chunk holding one task read field by field, and what else it says: a second item after the task ("- Tổ chức
    “Đợt cao điểm …” từ ngày 01/9/2026 …") is found by its own words, not lost behind the task's rendering."""
    rest = f"{text[start:max(start, task['start'])]} {text[min(end, task['end']):end]}".strip()
    return f"{render_task(task)}\n{rest}" if len(rest) >= _SAYS_MORE else render_task(task)


_SAYS_MORE = 30  # characters beside a task that say something of their own (not its list mark or a short label)


def render_task(task: Task) -> str:
    """'nhiệm vụ: … · chủ trì: … · thời gian: …': a task as the embedder should see it."""
    return " · ".join(f"{role_label(r)}: {task['fields'][r]['text'][:300]}" for r in _RENDER_ROLES if r in task["fields"])
