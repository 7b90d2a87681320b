"""The "Nhiệm vụ" tab: the assignments the user may read as a filterable board (unit, plan, period, status, typed
search without diacritics), overdue rows red and those due soon amber, the cited passage of a clicked row,
status and notes editable by the editors of the responsible units, XLSX/CSV export and a per-unit chart.

Everything goes through the HTTP API with the user's key, so what the board shows and who may change what are
decided by the server. The tab loads itself when a user logs in and empties itself when they log out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.domain import DocumentMeta
from assistant.vocab.dates import parse_timing
from ui import plan_render, render
from ui.client import ApiError
from ui.context import UiContext, download_file

CAN_EDIT = ("editor", "admin")
PAGE = 500


@dataclass
class AssignmentsTab:
    table: gr.Dataframe
    detail: gr.HTML


def build_assignments(ctx: UiContext) -> AssignmentsTab:
    with gr.Tab("Nhiệm vụ", id="assignments"):
        items_state = gr.State([])
        with gr.Row(elem_id="troly-plan-filters"):
            unit = gr.Dropdown(label="Đơn vị", choices=[], allow_custom_value=True, min_width=200,
                               elem_id="troly-plan-unit")
            plan = gr.Dropdown(label="Văn bản", choices=[], min_width=200, elem_id="troly-plan-doc")
            period = gr.Textbox(label="Thời hạn (vd. Quý III/2026, 2026, 6/2026)", min_width=160,
                                elem_id="troly-plan-period")
            status = gr.Dropdown(label="Trạng thái", choices=["", *plan_render.STATUSES], value="", min_width=150,
                                 elem_id="troly-plan-status")
        with gr.Row():
            search = gr.Textbox(show_label=False, placeholder="Tìm trong nội dung nhiệm vụ (không dấu cũng được)…",
                                scale=4, min_width=200, elem_id="troly-plan-search")
            overdue = gr.Checkbox(label="Chỉ quá hạn", value=False, scale=1, min_width=110, elem_id="troly-plan-overdue")
            apply_btn = gr.Button("Lọc", variant="primary", scale=1, min_width=80, elem_id="troly-plan-apply")
        summary = gr.Markdown("", elem_id="troly-plan-summary")
        table = gr.Dataframe(headers=plan_render.HEADERS, value=[], type="array", interactive=False, wrap=True,
                             max_height=520, elem_id="troly-plan-table",
                             column_widths=plan_render.WIDTHS)
        with gr.Row():
            xlsx_btn = gr.Button("Xuất Excel (XLSX)", size="sm", min_width=120, elem_id="troly-plan-xlsx")
            csv_btn = gr.Button("Xuất CSV", size="sm", min_width=100, elem_id="troly-plan-csv")
            export_file = gr.File(label="Tệp xuất", visible=False, elem_id="troly-plan-file")
        detail = gr.HTML("", elem_id="troly-plan-detail")
        selected = gr.State(None)
        with gr.Column(visible=False, elem_id="troly-plan-edit") as edit_box:
            gr.Markdown("#### Cập nhật tiến độ")
            with gr.Row():
                new_status = gr.Dropdown(label="Trạng thái", choices=plan_render.STATUSES, min_width=160,
                                         elem_id="troly-plan-new-status")
                note = gr.Textbox(label="Ghi chú (khó khăn, kiến nghị)", lines=2, scale=3, min_width=200,
                                  elem_id="troly-plan-note")
            save_btn = gr.Button("Lưu cập nhật", variant="primary", elem_id="troly-plan-save")
        edit_msg = gr.Markdown("", elem_id="troly-plan-msg")
        history = gr.Dataframe(headers=["Lúc", "Người cập nhật", "Trạng thái", "Ghi chú"], value=[], type="array",
                               interactive=False, wrap=True, visible=False, elem_id="troly-plan-history")
        gr.Markdown("### Tổng hợp theo đơn vị")
        chart = gr.BarPlot(value=plan_render.unit_chart([]), x="Đơn vị", y="Số nhiệm vụ", color="Trạng thái",
                           color_map=plan_render.STATUS_COLOURS, x_label_angle=-30, height=320,
                           elem_id="troly-plan-chart", show_label=False)
        unit_table = gr.Dataframe(headers=["Đơn vị", "Chủ trì", "Phối hợp", "Quá hạn", "Hạn gần nhất"], value=[],
                                  type="array", interactive=False, wrap=True, elem_id="troly-plan-units")

    def params(unit_v: str | None, plan_v: str | None, period_v: str, status_v: str | None, search_v: str,
               overdue_v: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"page_size": PAGE}
        if unit_v:
            out["unit"] = unit_v
        if plan_v:
            out["doc_id"] = plan_v
        if period_v and period_v.strip():
            t = parse_timing(period_v.strip())
            if not (t.due_start or t.due_end):
                raise gr.Error("Không hiểu thời hạn. Ví dụ: Quý III/2026, 2026, 6/2026, 01/07/2026.")
            if t.due_start:
                out["due_after"] = t.due_start
            if t.due_end:
                out["due_before"] = t.due_end
        if status_v:
            out["status"] = status_v
        if search_v and search_v.strip():
            out["q"] = search_v.strip()
        if overdue_v:
            out["overdue"] = "true"
        return out

    filters = [unit, plan, period, status, search, overdue]

    def load(user: dict[str, Any] | None, docs: list[dict[str, Any]], unit_v: str | None, plan_v: str | None,
             period_v: str, status_v: str | None, search_v: str, overdue_v: bool, request: gr.Request) -> tuple:
        if not user:  # logged out: the next user sees nothing of this one's
            return ([], [], "", "", gr.update(choices=[], value=None), gr.update(choices=[], value=None), "",
                    gr.update(visible=False), plan_render.unit_chart([]), [], gr.update(value=[], visible=False),
                    None, gr.update(value=None, visible=False))
        client = ctx.api(user, request)
        try:
            data = client.call("GET", "/v1/assignments",
                               params=params(unit_v, plan_v, period_v, status_v, search_v, overdue_v))
            units = client.call("GET", "/v1/units")["items"]
        except ApiError as exc:
            raise gr.Error(str(exc)) from exc
        items = plan_render.urgent_first(data["items"])
        metas = [DocumentMeta.model_validate(d) for d in docs]
        return (items, plan_render.table(items), plan_render.summary(items, data["total"]), "",
                gr.update(choices=[u["unit"] for u in units]), gr.update(choices=render.doc_choices(metas)), "",
                gr.update(visible=False), plan_render.unit_chart(units), plan_render.unit_rows(units),
                gr.update(value=[], visible=False), None, gr.update(visible=False))

    outputs = [items_state, table, summary, detail, unit, plan, edit_msg, edit_box, chart, unit_table, history,
               selected, export_file]

    def reload(user: dict[str, Any] | None, docs: list[dict[str, Any]], unit_v: str | None, plan_v: str | None,
               period_v: str, status_v: str | None, search_v: str, overdue_v: bool, request: gr.Request) -> tuple:
        out = list(load(user, docs, unit_v, plan_v, period_v, status_v, search_v, overdue_v, request))
        out[4] = out[5] = gr.skip()  # keep the filter choices while filtering
        return tuple(out)

    ctx.session.change(load, [ctx.session, ctx.docs, *filters], outputs, api_visibility="private")
    apply_btn.click(reload, [ctx.session, ctx.docs, *filters], outputs, api_visibility="private")
    search.submit(reload, [ctx.session, ctx.docs, *filters], outputs, api_visibility="private")

    def pick(evt: gr.SelectData, items: list[dict[str, Any]], docs: list[dict[str, Any]],
             user: dict[str, Any] | None, request: gr.Request) -> tuple:
        row = evt.row_value or []
        item = plan_render.find(items, str(row[-1])) if row else None
        if item is None or not user:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        client = ctx.api(user, request)
        try:
            span = client.text(item["doc_id"], item["start"], item["end"])
            meta = next((DocumentMeta.model_validate(d) for d in docs if d["doc_id"] == item["doc_id"]), None) \
                or client.document(item["doc_id"])
            hist = client.call("GET", f"/v1/assignments/{item['id']}/history")["items"]
        except ApiError as exc:
            return (render.error_html(str(exc)), None, gr.update(visible=False), gr.skip(), gr.skip(), "",
                    gr.update(visible=False))
        editable = user["role"] in CAN_EDIT
        return (plan_render.panel(item, meta, span), item["id"], gr.update(visible=editable),
                gr.update(value=item["status"]), gr.update(value=item["note"]), "",
                gr.update(value=plan_render.history_rows(hist), visible=bool(hist)))

    table.select(pick, [items_state, ctx.docs, ctx.session],
                 [detail, selected, edit_box, new_status, note, edit_msg, history], api_visibility="private")

    def save(assignment_id: str | None, status_v: str, note_v: str, items: list[dict[str, Any]],
             docs: list[dict[str, Any]], user: dict[str, Any] | None, request: gr.Request) -> tuple:
        if not assignment_id:
            return "Chọn một nhiệm vụ trong bảng trước.", gr.skip(), gr.skip(), gr.skip(), gr.skip()
        client = ctx.api(user, request)
        try:
            item = client.call("PATCH", f"/v1/assignments/{assignment_id}", json={"status": status_v, "note": note_v})
            hist = client.call("GET", f"/v1/assignments/{assignment_id}/history")["items"]
            span = client.text(item["doc_id"], item["start"], item["end"])
        except ApiError as exc:
            return f"Không lưu được: {exc}", gr.skip(), gr.skip(), gr.skip(), gr.skip()
        items = [item if i["id"] == assignment_id else i for i in items]
        meta = next((DocumentMeta.model_validate(d) for d in docs if d["doc_id"] == item["doc_id"]), None) \
            or client.document(item["doc_id"])
        return ("Đã lưu cập nhật.", items, plan_render.table(items), plan_render.panel(item, meta, span),
                gr.update(value=plan_render.history_rows(hist), visible=True))

    save_btn.click(save, [selected, new_status, note, items_state, ctx.docs, ctx.session],
                   [edit_msg, items_state, table, detail, history], api_visibility="private")

    def export(fmt: str) -> Any:
        def handler(user: dict[str, Any] | None, unit_v: str | None, plan_v: str | None, period_v: str,
                    status_v: str | None, search_v: str, overdue_v: bool, request: gr.Request) -> Any:
            client = ctx.api(user, request)
            try:
                query = params(unit_v, plan_v, period_v, status_v, search_v, overdue_v)
                data = client.download("/v1/assignments", params={**query, "format": fmt})
            except ApiError as exc:
                raise gr.Error(str(exc)) from exc
            return download_file(f"nhiem-vu.{fmt}", data)
        return handler

    xlsx_btn.click(export("xlsx"), [ctx.session, *filters], export_file, api_visibility="private")
    csv_btn.click(export("csv"), [ctx.session, *filters], export_file, api_visibility="private")
    return AssignmentsTab(table, detail)
