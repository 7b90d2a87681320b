"""The Gradio app: login, chat with clickable citations, document management.

A thin client: every handler calls the troly HTTP API with the logged-in user's key
(`ui.client`), so the API's roles, clearances and audit apply to the UI as they are.
The key lives in server-side session state only; nothing but the login form renders
before the key has been checked with `GET /v1/me`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import httpx

from assistant.domain import Citation, DocumentMeta, IngestOutcome
from ui import render
from ui.client import INVALID_KEY, ApiClient, ApiError

EXAMPLES = [
    "Ai chủ trì rà soát hạ tầng mạng?",
    "Văn phòng Đảng ủy phải làm những việc gì?",
    "Hoàn thành số hóa tài liệu lưu trữ trước ngày nào?",
    "Tỷ lệ văn bản được ký số là bao nhiêu?",
]
CAN_UPLOAD = ("editor", "admin")
CLASS_ORDER = list(render.CLASSIFICATION_LABELS)
COPY_JS = """
async (text) => {
  try { await navigator.clipboard.writeText(text || ""); return "Đã sao chép câu trả lời kèm nguồn."; }
  catch (e) {
    const t = document.createElement("textarea"); t.value = text || ""; document.body.appendChild(t);
    t.select(); const ok = document.execCommand("copy"); t.remove();
    return ok ? "Đã sao chép câu trả lời kèm nguồn." : "Không sao chép tự động được: hãy chép từ ô bên dưới.";
  }
}
"""
SCROLL_TO_MARK_JS = """
() => {
  const box = document.querySelector("#troly-source .troly-passage"), mark = box && box.querySelector("mark");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}
"""
CSS = """
.gradio-container { max-width: 1400px !important; }
#troly-login { max-width: 440px; margin: 6vh auto 0 auto; }
.troly-error, #troly-login-msg p { color: #b91c1c; font-weight: 600; }
#troly-cites .wrap { gap: 6px; }
#troly-source { padding-top: 22px; }
#troly-docs, #troly-upload-table, #troly-docs *, #troly-upload-table * { font-family: var(--font) !important; }
#troly-chosen ul { margin: 4px 0; }
.troly-source-head { font-weight: 700; margin-bottom: 6px; }
.troly-source dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 10px 0;
  font-size: 0.92em; }
.troly-source dt { color: #4b5563; }
.troly-source dd { margin: 0; }
.troly-passage { white-space: pre-wrap; line-height: 1.5; border-left: 3px solid #d1d5db; padding-left: 10px;
  max-height: 42vh; overflow-y: auto; position: relative; }
.troly-passage mark { background: #fde68a; color: inherit; padding: 0 1px; }
.troly-source-empty { color: #6b7280; font-style: italic; }
@media (max-width: 640px) { .gradio-container { padding: 4px !important; } }
"""


def theme() -> gr.themes.Base:
    """Default theme on the fonts already installed on the machine: no font is fetched from anywhere."""
    return gr.themes.Default(
        font=[gr.themes.Font("system-ui"), "Segoe UI", "Roboto", "Noto Sans", "Arial", "sans-serif"],
        font_mono=[gr.themes.Font("ui-monospace"), "DejaVu Sans Mono", "Consolas", "monospace"],
    )


def build_ui(api_base_url: str, *, http: httpx.Client | None = None, timeout: float = 600.0) -> gr.Blocks:
    """Blocks of the whole UI; `http` (a client with base_url set) lets tests pass their own transport."""
    pool = http or httpx.Client(base_url=api_base_url.rstrip("/"), timeout=timeout)

    def api(session: dict[str, Any] | None, request: gr.Request | None) -> ApiClient:
        if not session:
            raise gr.Error("Phiên làm việc đã hết. Vui lòng đăng nhập lại.")
        return ApiClient(pool, session["key"], _client_ip(request))

    with gr.Blocks(title="Trợ lý kế hoạch", analytics_enabled=False) as blocks:
        session = gr.State(None)
        turn = gr.State(None)
        docs_state = gr.State([])
        chosen = gr.State([])
        gr.Markdown("## Trợ lý kế hoạch")

        with gr.Column(elem_id="troly-login") as login_box:
            gr.Markdown("### Đăng nhập")
            login_name = gr.Textbox(label="Tên người dùng (không bắt buộc)", elem_id="troly-login-name")
            login_key = gr.Textbox(label="Khóa API", type="password", elem_id="troly-login-key",
                                   placeholder="Khóa do quản trị viên cấp (troly users add …)")
            login_btn = gr.Button("Đăng nhập", variant="primary", elem_id="troly-login-btn")
            login_msg = gr.Markdown("", elem_id="troly-login-msg")

        with gr.Column(visible=False) as main_box:
            with gr.Row(equal_height=True):
                user_md = gr.Markdown("", elem_id="troly-user")
                logout_btn = gr.Button("Đăng xuất", size="sm", scale=0, min_width=110)
            with gr.Tabs():
                with gr.Tab("Hỏi đáp", id="chat"), gr.Row():
                    with gr.Column(scale=3, min_width=320):
                        chatbot = gr.Chatbot(label="Hỏi đáp", elem_id="troly-chat", height=440,
                                             buttons=["copy"], feedback_options=None, latex_delimiters=[],
                                             examples=[{"text": q} for q in EXAMPLES],
                                             placeholder="**Đặt câu hỏi về các văn bản kế hoạch đã nạp**, "
                                                         "hoặc bấm một câu hỏi mẫu:")
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="Nhập câu hỏi…", scale=5,
                                                  elem_id="troly-question", max_length=2000, min_width=200)
                            send_btn = gr.Button("Gửi", variant="primary", scale=1, min_width=80,
                                                 elem_id="troly-send")
                        doc_filter = gr.Dropdown(label="Chỉ hỏi trong các tài liệu (để trống: tất cả)",
                                                 multiselect=True, choices=[], elem_id="troly-doc-filter")
                    with gr.Column(scale=2, min_width=300):
                        cites = gr.Radio(label="Trích dẫn (bấm để xem nguồn)", choices=[], visible=False,
                                         elem_id="troly-cites")
                        source = gr.HTML(render.SOURCE_PLACEHOLDER, elem_id="troly-source",
                                         label="Nguồn", show_label=True, container=True)
                        with gr.Column(visible=False) as after_box:
                            copy_btn = gr.Button("Sao chép câu trả lời kèm nguồn", size="sm",
                                                 elem_id="troly-copy")
                            fb_comment = gr.Textbox(label="Câu trả lời này đúng không? Góp ý (không bắt buộc)",
                                                    lines=1, elem_id="troly-fb-comment")
                            with gr.Row():
                                right_btn = gr.Button("Đúng", size="sm", min_width=70, elem_id="troly-fb-right")
                                wrong_btn = gr.Button("Sai", size="sm", min_width=70, elem_id="troly-fb-wrong")
                            fb_msg = gr.Markdown("", elem_id="troly-fb-msg")
                            with gr.Accordion("Văn bản để sao chép", open=False):
                                copy_box = gr.Textbox(show_label=False, lines=6, interactive=False,
                                                      buttons=["copy"], elem_id="troly-copy-text")

                with gr.Tab("Tài liệu", id="docs"):
                    with gr.Column(visible=False) as upload_box:
                        gr.Markdown("### Tải lên tài liệu")
                        with gr.Row():
                            with gr.Column(min_width=280, scale=2):
                                files = gr.UploadButton("Chọn tệp (.txt, .md, .docx, .pdf) — được chọn nhiều tệp",
                                                        file_count="multiple", elem_id="troly-files",
                                                        file_types=[".txt", ".md", ".docx", ".pdf"])
                                chosen_md = gr.Markdown("Chưa chọn tệp nào.", elem_id="troly-chosen")
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

        # ---- login / logout -------------------------------------------------------------------
        def doc_updates(docs: list[DocumentMeta], query: str = "") -> tuple[Any, ...]:
            choices = render.doc_choices(docs)
            return ([d.model_dump() for d in docs], render.doc_rows(docs, query),
                    gr.update(choices=choices), gr.update(choices=choices, value=None))

        def login(name: str, key: str, request: gr.Request) -> tuple[Any, ...]:
            key = (key or "").strip()
            if not key:
                return (None, gr.skip(), gr.skip(), "Vui lòng nhập khóa API.", *[gr.skip()] * 8)
            client = ApiClient(pool, key, _client_ip(request))
            try:
                me = client.me()
                if name.strip() and name.strip().casefold() != str(me.get("name", "")).casefold():
                    raise ApiError(INVALID_KEY, 401)
                docs = client.documents()
            except ApiError as exc:
                return (None, gr.skip(), gr.skip(), str(exc), *[gr.skip()] * 8)
            user = {"key": key, "name": me.get("name", ""), "role": me.get("role", "viewer"),
                    "clearance": me.get("clearance", "public"), "units": me.get("units") or []}
            rank = CLASS_ORDER.index(user["clearance"]) if user["clearance"] in CLASS_ORDER else 0
            allowed = [(render.CLASSIFICATION_LABELS[c], c) for c in CLASS_ORDER[: rank + 1]]
            role = render.ROLE_LABELS.get(user["role"], user["role"])
            level = render.CLASSIFICATION_LABELS.get(user["clearance"], user["clearance"])
            units = f", đơn vị: {', '.join(user['units'])}" if user["units"] else ""
            badge = f"Đăng nhập: **{render.md_escape(user['name'])}** — {role}, được đọc: {level}{units}"
            return (user, gr.update(visible=False), gr.update(visible=True), "", badge,
                    gr.update(visible=user["role"] in CAN_UPLOAD),
                    gr.update(choices=allowed, value=allowed[min(1, len(allowed) - 1)][1]),
                    *doc_updates(docs), "")

        login_outputs = [session, login_box, main_box, login_msg, user_md, upload_box, up_class,
                         docs_state, docs_table, doc_filter, doc_pick, login_key]
        gr.on([login_btn.click, login_key.submit], login, [login_name, login_key], login_outputs,
              api_visibility="private")

        def logout() -> tuple[Any, ...]:
            """Back to the login form; everything the previous user saw is emptied."""
            empty = gr.update(choices=[], value=None)
            return (None, None, [], [], gr.update(visible=True), gr.update(visible=False), "", [],
                    gr.update(choices=[], value=None, visible=False), render.SOURCE_PLACEHOLDER,
                    gr.update(visible=False), "", "", [], empty, empty, "", gr.update(value="", visible=False), "",
                    gr.update(value=[], visible=False), "Chưa chọn tệp nào.", "", "")

        logout_btn.click(logout, None, [session, turn, docs_state, chosen, login_box, main_box, user_md, chatbot,
                                        cites, source, after_box, copy_box, fb_msg, docs_table, doc_pick, doc_filter,
                                        doc_meta, doc_text, up_summary, up_table, chosen_md, doc_msg, search],
                         api_visibility="private")

        # ---- chat ------------------------------------------------------------------------------
        def ask(q: str, history: list[dict[str, Any]], doc_ids: list[str] | None,
                user: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
            client, q = api(user, request), (q or "").strip()
            if not q:
                yield (gr.skip(),) * 9
                return
            history = [*(history or []), {"role": "user", "content": q},
                       {"role": "assistant", "content": "Đang tìm trong các tài liệu…"}]
            hide = gr.update(choices=[], value=None, visible=False)
            yield history, "", hide, render.SOURCE_PLACEHOLDER, gr.update(visible=False), None, "", "", ""
            text, cited, related, answerable = "", [], [], False
            try:
                for event, data in client.ask_stream(q, doc_ids):
                    if event == "answer":
                        text += data["text"]
                        history[-1] = {"role": "assistant", "content": text}
                        yield (history, *[gr.skip()] * 8)
                    elif event == "citations":
                        cited = [Citation.model_validate(c) for c in data]
                    elif event == "related":
                        related = [Citation.model_validate(c) for c in data]
                    elif event == "done":
                        answerable = bool(data.get("answerable"))
            except ApiError as exc:
                history[-1] = {"role": "assistant", "content": f"Lỗi: {exc}"}
                yield (history, gr.skip(), hide, *[gr.skip()] * 6)
                return
            shown = cited if answerable else related
            parts = (text.strip(), render.sources_markdown(shown, answerable))
            history[-1] = {"role": "assistant", "content": "\n\n".join(x for x in parts if x)}
            label = "Trích dẫn (bấm để xem nguồn)" if answerable else "Có thể liên quan (bấm để xem)"
            chips = gr.update(choices=[(render.cite_label(c), c.n) for c in shown], value=None,
                              visible=bool(shown), label=label)
            state = {"question": q, "answer": text.strip(), "answerable": answerable,
                     "citations": [c.model_dump() for c in shown]}
            yield (history, gr.skip(), chips, render.SOURCE_PLACEHOLDER, gr.update(visible=True), state,
                   render.copy_text(q, text.strip(), shown, answerable), "", "")

        ask_outputs = [chatbot, question, cites, source, after_box, turn, copy_box, fb_comment, fb_msg]
        gr.on([send_btn.click, question.submit], ask, [question, chatbot, doc_filter, session], ask_outputs,
              api_visibility="private")

        def pick_example(evt: gr.SelectData) -> str:
            value = evt.value if isinstance(evt.value, dict) else {}
            return str(value.get("text", ""))

        chatbot.example_select(pick_example, None, question, api_visibility="private").then(
            ask, [question, chatbot, doc_filter, session], ask_outputs, api_visibility="private")

        def clear_chat() -> tuple[Any, ...]:
            return gr.update(choices=[], value=None, visible=False), render.SOURCE_PLACEHOLDER, \
                gr.update(visible=False), None

        chatbot.clear(clear_chat, None, [cites, source, after_box, turn], api_visibility="private")

        def show_source(n: int | None, state: dict[str, Any] | None, user: dict[str, Any] | None,
                        request: gr.Request) -> str:
            if n is None or not state:
                return render.SOURCE_PLACEHOLDER
            c = next((Citation.model_validate(x) for x in state["citations"] if x["n"] == n), None)
            if c is None:
                return render.SOURCE_PLACEHOLDER
            client = api(user, request)
            try:
                return render.source_html(c, client.document(c.doc_id), client.text(c.doc_id, c.start, c.end))
            except ApiError as exc:
                return render.error_html(f"Không mở được nguồn [{n}]: {exc}")

        cites.input(show_source, [cites, turn, session], source, api_visibility="private").then(
            None, js=SCROLL_TO_MARK_JS)
        copy_btn.click(None, copy_box, fb_msg, js=COPY_JS)

        def send_feedback(verdict: str) -> Any:
            def handler(comment: str, state: dict[str, Any] | None, user: dict[str, Any] | None,
                        request: gr.Request) -> str:
                if not state:
                    return "Chưa có câu trả lời để đánh giá."
                try:
                    api(user, request).feedback(state["question"], state["answer"], verdict, (comment or "").strip(),
                                       state["citations"])
                except ApiError as exc:
                    return f"Không gửi được phản hồi: {exc}"
                return f"Đã ghi nhận phản hồi: câu trả lời **{verdict}**. Cảm ơn bạn!"
            return handler

        right_btn.click(send_feedback("đúng"), [fb_comment, turn, session], fb_msg, api_visibility="private")
        wrong_btn.click(send_feedback("sai"), [fb_comment, turn, session], fb_msg, api_visibility="private")

        # ---- documents -------------------------------------------------------------------------
        def refresh(query: str, user: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
            try:
                docs = api(user, request).documents()
            except ApiError as exc:
                raise gr.Error(str(exc)) from exc
            return doc_updates(docs, query)

        refresh_outputs = [docs_state, docs_table, doc_filter, doc_pick]
        refresh_btn.click(refresh, [search, session], refresh_outputs, api_visibility="private")

        def filter_docs(query: str, docs: list[dict[str, Any]]) -> list[list[Any]]:
            return render.doc_rows([DocumentMeta.model_validate(d) for d in docs], query)

        search.change(filter_docs, [search, docs_state], docs_table, api_visibility="private")

        def choose(paths: list[str] | None) -> tuple[list[str], str]:
            names = [Path(p).name for p in paths or []]
            listing = "\n".join(f"- {render.md_escape(n)}" for n in names)
            return list(paths or []), (f"Đã chọn {len(names)} tệp:\n{listing}" if names else "Chưa chọn tệp nào.")

        files.upload(choose, files, [chosen, chosen_md], api_visibility="private")

        def upload(paths: list[str], classification: str, units: str, query: str,
                   user: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
            client = api(user, request)
            chosen_paths = [Path(p) for p in paths or []]
            if not chosen_paths:
                yield "Chưa chọn tệp nào.", *[gr.skip()] * 7
                return
            names = [p.name for p in chosen_paths]
            unit_list = [u.strip() for u in (units or "").split(",") if u.strip()]
            done: dict[int, IngestOutcome] = {}
            for i, path in enumerate(chosen_paths):
                yield (f"Đang nạp tệp {i + 1}/{len(chosen_paths)}: {render.md_escape(names[i])}…",
                       gr.update(value=render.upload_rows(names, done, i), visible=True), *[gr.skip()] * 6)
                try:
                    outcomes = client.upload(path, classification, unit_list)
                    done[i] = outcomes[0] if outcomes else IngestOutcome(source=names[i], status="failed",
                                                                         reason="Máy chủ không trả kết quả.")
                except ApiError as exc:
                    done[i] = IngestOutcome(source=names[i], status="failed", reason=str(exc))
            try:
                updates = doc_updates(client.documents(), query)
            except ApiError:
                updates = (gr.skip(),) * 4
            yield (render.upload_summary(list(done.values())),
                   gr.update(value=render.upload_rows(names, done, None), visible=True), *updates,
                   [], "Chưa chọn tệp nào.")

        upload_btn.click(upload, [chosen, up_class, up_units, search, session],
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

        doc_pick.change(pick, [doc_pick, docs_state, session], [doc_meta, delete_btn, doc_text, confirm_box],
                        api_visibility="private")

        def view(doc_id: str | None, user: dict[str, Any] | None, request: gr.Request) -> Any:
            if not doc_id:
                return gr.update(value="", visible=False)
            try:
                span = api(user, request).text(doc_id)
            except ApiError as exc:
                raise gr.Error(str(exc)) from exc
            return gr.update(value=span["text"], visible=True)

        view_btn.click(view, [doc_pick, session], doc_text, api_visibility="private")

        def ask_delete(doc_id: str | None, docs: list[dict[str, Any]]) -> tuple[Any, ...]:
            d = next((x for x in docs if x["doc_id"] == doc_id), None)
            if d is None:
                return gr.update(visible=False), "", ""
            return gr.update(visible=True), f"Xóa vĩnh viễn «{d['title'] or d['source']}» và mọi đoạn của nó?", ""

        delete_btn.click(ask_delete, [doc_pick, docs_state], [confirm_box, confirm_md, doc_msg],
                         api_visibility="private")
        cancel_btn.click(lambda: gr.update(visible=False), None, confirm_box, api_visibility="private")

        def delete(doc_id: str | None, docs: list[dict[str, Any]], query: str,
                   user: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
            client = api(user, request)
            title = next((x["title"] or x["source"] for x in docs if x["doc_id"] == doc_id), doc_id or "")
            try:
                client.delete(doc_id or "")
                message = f"Đã xóa tài liệu «{title}»."
                updates = doc_updates(client.documents(), query)
            except ApiError as exc:
                message, updates = f"Không xóa được: {exc}", (gr.skip(),) * 4
            return (message, gr.update(visible=False), "", gr.update(visible=False),
                    gr.update(value="", visible=False), *updates)

        confirm_btn.click(delete, [doc_pick, docs_state, search, session],
                          [doc_msg, confirm_box, doc_meta, delete_btn, doc_text, *refresh_outputs],
                          api_visibility="private")

    blocks.queue(default_concurrency_limit=8)
    return blocks


def _client_ip(request: gr.Request | None) -> str:
    return request.client.host if request is not None and request.client else ""
