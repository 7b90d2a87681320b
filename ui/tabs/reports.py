"""The "Báo cáo" tab: choose a plan, the kind of report, a unit and a period; read the draft with its placeholders
highlighted and every [n] citation clickable (the cited passage opens beside it, as in chat); download the DOCX.

Everything goes through the HTTP API with the user's key, so a draft never cites what the user may not read.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.domain import TRACKING_DOC_PREFIX, DocumentMeta
from ui import render, report_render
from ui.client import ApiError
from ui.context import UiContext, download_file


def build_reports(ctx: UiContext) -> None:
    with gr.Tab("Báo cáo", id="reports"):
        draft_state = gr.State(None)
        with gr.Row(elem_id="troly-report-form"):
            plan = gr.Dropdown(label="Văn bản kế hoạch", choices=[], min_width=240, scale=3,
                               elem_id="troly-report-doc")
            kind = gr.Dropdown(label="Loại báo cáo", choices=report_render.KINDS, value="tien-do", min_width=180,
                               elem_id="troly-report-kind")
            unit = gr.Dropdown(label="Đơn vị (trống: cả kế hoạch)", choices=[], allow_custom_value=True,
                               min_width=200, elem_id="troly-report-unit")
            period = gr.Textbox(label="Kỳ báo cáo (vd. 2026-Q3, 2026-H1, 2026, Quý III/2026)", min_width=180,
                                elem_id="troly-report-period")
        with gr.Row():
            make_btn = gr.Button("Soạn báo cáo", variant="primary", min_width=140, elem_id="troly-report-make")
            docx_btn = gr.Button("Tải DOCX", min_width=110, elem_id="troly-report-docx")
            docx_file = gr.File(label="Tệp DOCX", visible=False, elem_id="troly-report-file")
        summary = gr.Markdown("", elem_id="troly-report-summary")
        with gr.Row():
            with gr.Column(scale=3):
                view = gr.HTML("", elem_id="troly-report-view")
            with gr.Column(scale=2, elem_id="troly-report-side"):
                source = gr.HTML(render.SOURCE_PLACEHOLDER, elem_id="troly-report-source")
                cites = gr.Radio(label="Trích dẫn (bấm để xem nguồn)", choices=[], visible=False,
                                 elem_id="troly-report-cites")

    def load(user: dict[str, Any] | None, docs: list[dict[str, Any]], request: gr.Request) -> tuple:
        if not user:
            return (gr.update(choices=[], value=None), gr.update(choices=[], value=None), None, "", "",
                    gr.update(choices=[], value=None, visible=False), render.SOURCE_PLACEHOLDER,
                    gr.update(value=None, visible=False))
        try:
            units = ctx.api(user, request).call("GET", "/v1/units")["items"]
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        metas = [DocumentMeta.model_validate(d) for d in docs]
        return (gr.update(choices=render.doc_choices(metas)), gr.update(choices=[u["unit"] for u in units]),
                gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip())

    outputs = [plan, unit, draft_state, summary, view, cites, source, docx_file]
    ctx.session.change(load, [ctx.session, ctx.docs], outputs, api_visibility="private")
    ctx.docs.change(load, [ctx.session, ctx.docs], outputs, api_visibility="private")

    def make(user: dict[str, Any] | None, doc_id: str | None, kind_v: str, unit_v: str | None, period_v: str,
             request: gr.Request) -> tuple:
        if not doc_id:
            raise gr.Error("Chọn văn bản kế hoạch trước.")
        body = {"doc_id": doc_id, "kind": kind_v or "tien-do", "unit": (unit_v or "").strip() or None,
                "period": (period_v or "").strip() or None}
        try:
            draft = ctx.api(user, request).call("POST", "/v1/reports", json=body)
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        return (draft, report_render.summary(draft), report_render.draft_html(draft),
                gr.update(choices=report_render.choices(draft), value=None, visible=True), render.SOURCE_PLACEHOLDER,
                gr.update(value=None, visible=False))

    make_btn.click(make, [ctx.session, plan, kind, unit, period], [draft_state, summary, view, cites, source,
                                                                    docx_file], api_visibility="private")

    def show(n: int | None, draft: dict[str, Any] | None, user: dict[str, Any] | None, request: gr.Request) -> str:
        c = next((c for c in report_render.citations(draft) if c.n == n), None) if draft else None
        if c is None:
            return render.SOURCE_PLACEHOLDER
        if c.doc_id.startswith(TRACKING_DOC_PREFIX):
            return report_render.tracking_html(c)
        client = ctx.api(user, request)
        try:
            return render.source_html(c, client.document(c.doc_id), client.text(c.doc_id, c.start, c.end))
        except ApiError as exc:
            return render.error_html(f"Không mở được nguồn [{n}]: {exc}")

    cites.input(show, [cites, draft_state, ctx.session], source, api_visibility="private")

    def download(draft: dict[str, Any] | None, user: dict[str, Any] | None, request: gr.Request) -> Any:
        if not draft:
            raise gr.Error("Soạn báo cáo trước khi tải.")
        try:
            data = ctx.api(user, request).download(f"/v1/reports/{draft['id']}", params={"format": "docx"})
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        return download_file(f"bao-cao-{draft['id']}.docx", data)

    docx_btn.click(download, [draft_state, ctx.session], docx_file, api_visibility="private")
