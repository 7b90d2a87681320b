"""The documents tab: upload (editors and admins, within their clearance), search the list, read a
document's text, delete (own uploads; admins any)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.domain import DocumentMeta, IngestOutcome
from ui import render
from ui.client import ApiError
from ui.context import UiContext, doc_updates

CAN_UPLOAD = ("editor", "admin")
CLASS_ORDER = list(render.CLASSIFICATION_LABELS)
NO_FILES = "Chưa chọn tệp nào."


@dataclass
class DocumentsTab:
    lists: list[Any]  # what `doc_updates` fills: documents state, table, chat filter, picker
    upload_box: gr.Column
    up_class: gr.Radio
    chosen: gr.State
    chosen_md: gr.Markdown
    up_summary: gr.Markdown
    up_table: gr.Dataframe
    search: gr.Textbox
    doc_msg: gr.Markdown
    doc_meta: gr.Markdown
    doc_text: gr.Textbox

    def cleared(self) -> list[tuple[Any, Any]]:
        """(component, value) pairs that empty what the previous user saw (fresh updates on every call)."""
        _, docs_table, _, doc_pick = self.lists
        return [(self.chosen, []), (docs_table, []), (doc_pick, gr.update(choices=[], value=None)),
                (self.doc_meta, ""), (self.doc_text, gr.update(value="", visible=False)), (self.up_summary, ""),
                (self.up_table, gr.update(value=[], visible=False)), (self.chosen_md, NO_FILES),
                (self.doc_msg, ""), (self.search, "")]


def upload_form(user: dict[str, Any]) -> tuple[Any, Any]:
    """The upload form for this user: shown to editors and admins, classifications up to their clearance."""
    rank = CLASS_ORDER.index(user["clearance"]) if user["clearance"] in CLASS_ORDER else 0
    allowed = [(render.CLASSIFICATION_LABELS[c], c) for c in CLASS_ORDER[: rank + 1]]
    return (gr.update(visible=user["role"] in CAN_UPLOAD),
            gr.update(choices=allowed, value=allowed[min(1, len(allowed) - 1)][1]))


def discard(paths: Iterable[str]) -> None:
    """Delete Gradio's copies of uploaded files and their per-file folders: the bytes go to the API in memory,
    no copy stays on disk, whatever the outcome."""
    for p in paths:
        path = Path(p)
        path.unlink(missing_ok=True)
        with suppress(OSError):
            path.parent.rmdir()  # Gradio's per-upload folder, once empty


def build_documents(ctx: UiContext, doc_filter: gr.Dropdown) -> DocumentsTab:
    """`doc_filter` (the chat tab's) is refreshed with the list whenever documents change here."""
    with gr.Tab("Tài liệu", id="docs"):
        chosen = gr.State([])  # paths of the files picked for upload
        with gr.Column(visible=False) as upload_box:
            gr.Markdown("### Tải lên tài liệu")
            with gr.Row():
                with gr.Column(min_width=280, scale=2):
                    files = gr.UploadButton("Chọn tệp (.txt, .md, .docx, .pdf) — được chọn nhiều tệp",
                                            file_count="multiple", elem_id="troly-files",
                                            file_types=[".txt", ".md", ".docx", ".pdf"])
                    chosen_md = gr.Markdown(NO_FILES, elem_id="troly-chosen")
                with gr.Column(min_width=260, scale=2):
                    up_class = gr.Radio(label="Phân loại", choices=[], elem_id="troly-classification")
                    up_units = gr.Textbox(label="Đơn vị được đọc (cách nhau bởi dấu phẩy; trống: tất cả)",
                                          elem_id="troly-units")
                    upload_btn = gr.Button("Tải lên và nạp", variant="primary", elem_id="troly-upload")
            up_summary = gr.Markdown("", elem_id="troly-upload-summary")
            up_table = gr.Dataframe(headers=render.UPLOAD_HEADERS, value=[], type="array",
                                    interactive=False, wrap=True, elem_id="troly-upload-table",
                                    visible=False, column_widths=["22%", "10%", "40%", "8%", "20%"])
        gr.Markdown("### Danh sách tài liệu")
        with gr.Row():
            search = gr.Textbox(show_label=False, placeholder="Tìm theo tiêu đề, số, cơ quan ban hành…",
                                scale=4, elem_id="troly-doc-search", min_width=200)
            refresh_btn = gr.Button("Làm mới", scale=1, min_width=90)
        docs_table = gr.Dataframe(headers=render.DOC_HEADERS, value=[], type="array", interactive=False,
                                  wrap=True, elem_id="troly-docs", max_height=360,
                                  column_widths=["32%", "10%", "18%", "8%", "8%", "6%", "8%", "10%"])
        with gr.Row():
            doc_pick = gr.Dropdown(label="Chọn tài liệu", choices=[], scale=4, min_width=240,
                                   elem_id="troly-doc-pick")
            view_btn = gr.Button("Xem nội dung", scale=1, min_width=110, elem_id="troly-view")
            delete_btn = gr.Button("Xóa tài liệu", variant="stop", scale=1, min_width=110,
                                   visible=False, elem_id="troly-delete")
        with gr.Row(visible=False) as confirm_box:
            confirm_md = gr.Markdown("")
            confirm_btn = gr.Button("Xác nhận xóa", variant="stop", scale=0, min_width=120,
                                    elem_id="troly-confirm-delete")
            cancel_btn = gr.Button("Hủy", scale=0, min_width=80)
        doc_msg = gr.Markdown("", elem_id="troly-doc-msg")
        doc_meta = gr.Markdown("", elem_id="troly-doc-meta")
        doc_text = gr.Textbox(label="Nội dung văn bản", lines=14, max_lines=24, interactive=False,
                              visible=False, elem_id="troly-doc-text")

    def refresh(query: str, user: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
        try:
            docs = ctx.api(user, request).documents()
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        return doc_updates(docs, query)

    refresh_outputs = [ctx.docs, docs_table, doc_filter, doc_pick]
    refresh_btn.click(refresh, [search, ctx.session], refresh_outputs, api_visibility="private")

    def filter_docs(query: str, docs: list[dict[str, Any]]) -> list[list[Any]]:
        return render.doc_rows([DocumentMeta.model_validate(d) for d in docs], query)

    search.change(filter_docs, [search, ctx.docs], docs_table, api_visibility="private")

    def choose(paths: list[str] | None, previous: list[str] | None) -> tuple[list[str], str]:
        discard(set(previous or []) - set(paths or []))  # a new choice replaces the files chosen before
        names = [Path(p).name for p in paths or []]
        listing = "\n".join(f"- {render.md_escape(n)}" for n in names)
        return list(paths or []), (f"Đã chọn {len(names)} tệp:\n{listing}" if names else NO_FILES)

    files.upload(choose, [files, chosen], [chosen, chosen_md], api_visibility="private")

    def upload(paths: list[str], classification: str, units: str, query: str,
               user: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        client = ctx.api(user, request)
        chosen_paths = [Path(p) for p in paths or []]
        if not chosen_paths:
            yield NO_FILES, *[gr.skip()] * 7
            return
        names = [p.name for p in chosen_paths]
        unit_list = [u.strip() for u in (units or "").split(",") if u.strip()]
        done: dict[int, IngestOutcome] = {}
        try:
            for i, path in enumerate(chosen_paths):
                yield (f"Đang nạp tệp {i + 1}/{len(chosen_paths)}: {render.md_escape(names[i])}…",
                       gr.update(value=render.upload_rows(names, done, i), visible=True), *[gr.skip()] * 6)
                try:
                    content = path.read_bytes()
                except OSError:
                    done[i] = IngestOutcome(source=names[i], status="failed",
                                            reason="Tệp đã chọn không còn nữa; hãy chọn lại tệp.")
                    continue
                discard([str(path)])
                try:
                    outcomes = client.upload(names[i], content, classification, unit_list)
                    done[i] = outcomes[0] if outcomes else IngestOutcome(source=names[i], status="failed",
                                                                         reason="Máy chủ không trả kết quả.")
                except ApiError as exc:
                    done[i] = IngestOutcome(source=names[i], status="failed", reason=str(exc))
                del content
        finally:
            discard(str(p) for p in chosen_paths)
        try:
            updates = doc_updates(client.documents(), query)
        except ApiError:
            updates = (gr.skip(),) * 4
        yield (render.upload_summary(list(done.values())),
               gr.update(value=render.upload_rows(names, done, None), visible=True), *updates,
               [], NO_FILES)

    upload_btn.click(upload, [chosen, up_class, up_units, search, ctx.session],
                     [up_summary, up_table, *refresh_outputs, chosen, chosen_md], api_visibility="private",
                     show_progress="minimal")

    def select_row(evt: gr.SelectData) -> Any:
        row = evt.row_value or []
        return row[-1] if row else gr.skip()

    docs_table.select(select_row, None, doc_pick, api_visibility="private")

    def pick(doc_id: str | None, docs: list[dict[str, Any]], user: dict[str, Any] | None) -> tuple[Any, ...]:
        d = next((DocumentMeta.model_validate(x) for x in docs if x["doc_id"] == doc_id), None)
        if d is None or not user:
            return "", gr.update(visible=False), gr.update(value="", visible=False), gr.update(visible=False)
        can_delete = user["role"] == "admin" or (user["role"] == "editor" and d.uploaded_by == user["name"])
        return (render.doc_details(d), gr.update(visible=can_delete), gr.update(value="", visible=False),
                gr.update(visible=False))

    doc_pick.change(pick, [doc_pick, ctx.docs, ctx.session], [doc_meta, delete_btn, doc_text, confirm_box],
                    api_visibility="private")

    def view(doc_id: str | None, user: dict[str, Any] | None, request: gr.Request) -> Any:
        if not doc_id:
            return gr.update(value="", visible=False)
        try:
            span = ctx.api(user, request).text(doc_id)
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        return gr.update(value=span["text"], visible=True)

    view_btn.click(view, [doc_pick, ctx.session], doc_text, api_visibility="private")

    def ask_delete(doc_id: str | None, docs: list[dict[str, Any]]) -> tuple[Any, ...]:
        d = next((x for x in docs if x["doc_id"] == doc_id), None)
        if d is None:
            return gr.update(visible=False), "", ""
        return gr.update(visible=True), f"Xóa vĩnh viễn «{d['title'] or d['source']}» và mọi đoạn của nó?", ""

    delete_btn.click(ask_delete, [doc_pick, ctx.docs], [confirm_box, confirm_md, doc_msg], api_visibility="private")
    cancel_btn.click(lambda: gr.update(visible=False), None, confirm_box, api_visibility="private")

    def delete(doc_id: str | None, docs: list[dict[str, Any]], query: str,
               user: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
        client = ctx.api(user, request)
        title = next((x["title"] or x["source"] for x in docs if x["doc_id"] == doc_id), doc_id or "")
        try:
            client.delete(doc_id or "")
            message = f"Đã xóa tài liệu «{title}»."
            updates = doc_updates(client.documents(), query)
        except ApiError as exc:
            message, updates = f"Không xóa được: {exc}", (gr.skip(),) * 4
        return (message, gr.update(visible=False), "", gr.update(visible=False),
                gr.update(value="", visible=False), *updates)

    confirm_btn.click(delete, [doc_pick, ctx.docs, search, ctx.session],
                      [doc_msg, confirm_box, doc_meta, delete_btn, doc_text, *refresh_outputs],
                      api_visibility="private")
    return DocumentsTab(refresh_outputs, upload_box, up_class, chosen, chosen_md, up_summary, up_table, search,
                        doc_msg, doc_meta, doc_text)
