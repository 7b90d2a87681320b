"""The chat tab: questions streamed from `/v1/ask/stream`, citation chips that open the cited passage,
copy with sources, and right/wrong feedback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.domain import Citation
from ui import render
from ui.client import ApiError
from ui.context import UiContext

EXAMPLES = [
    "Ai chủ trì rà soát hạ tầng mạng?",
    "Văn phòng Đảng ủy phải làm những việc gì?",
    "Hoàn thành số hóa tài liệu lưu trữ trước ngày nào?",
    "Tỷ lệ văn bản được ký số là bao nhiêu?",
]
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


@dataclass
class ChatTab:
    turn: gr.State
    chatbot: gr.Chatbot
    doc_filter: gr.Dropdown
    cites: gr.Radio
    source: gr.HTML
    after_box: gr.Column
    copy_box: gr.Textbox
    fb_msg: gr.Markdown

    def cleared(self) -> list[tuple[Any, Any]]:
        """(component, value) pairs that empty what the previous user saw (fresh updates on every call)."""
        return [(self.turn, None), (self.chatbot, []), (self.doc_filter, gr.update(choices=[], value=None)),
                (self.cites, gr.update(choices=[], value=None, visible=False)),
                (self.source, render.SOURCE_PLACEHOLDER), (self.after_box, gr.update(visible=False)),
                (self.copy_box, ""), (self.fb_msg, "")]


def build_chat(ctx: UiContext) -> ChatTab:
    with gr.Tab("Hỏi đáp", id="chat"):
        turn = gr.State(None)  # the last answer: question, text, citations (for sources and feedback)
        with gr.Row():
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(label="Hỏi đáp", elem_id="troly-chat", height=440,
                                     buttons=["copy"], feedback_options=None, latex_delimiters=[],
                                     examples=[{"text": q} for q in EXAMPLES],
                                     placeholder="**Đặt câu hỏi về các văn bản kế hoạch đã nạp**, "
                                                 "hoặc bấm một câu hỏi mẫu:")
                with gr.Row():
                    question = gr.Textbox(show_label=False, placeholder="Nhập câu hỏi…", scale=5,
                                          elem_id="troly-question", max_length=2000, min_width=200)
                    send_btn = gr.Button("Gửi", variant="primary", scale=1, min_width=80, elem_id="troly-send")
                doc_filter = gr.Dropdown(label="Chỉ hỏi trong các tài liệu (để trống: tất cả)",
                                         multiselect=True, choices=[], elem_id="troly-doc-filter")
            with gr.Column(scale=2, min_width=300):
                cites = gr.Radio(label="Trích dẫn (bấm để xem nguồn)", choices=[], visible=False,
                                 elem_id="troly-cites")
                source = gr.HTML(render.SOURCE_PLACEHOLDER, elem_id="troly-source",
                                 label="Nguồn", show_label=True, container=True)
                with gr.Column(visible=False) as after_box:
                    copy_btn = gr.Button("Sao chép câu trả lời kèm nguồn", size="sm", elem_id="troly-copy")
                    fb_comment = gr.Textbox(label="Câu trả lời này đúng không? Góp ý (không bắt buộc)",
                                            lines=1, elem_id="troly-fb-comment")
                    with gr.Row():
                        right_btn = gr.Button("Đúng", size="sm", min_width=70, elem_id="troly-fb-right")
                        wrong_btn = gr.Button("Sai", size="sm", min_width=70, elem_id="troly-fb-wrong")
                    fb_msg = gr.Markdown("", elem_id="troly-fb-msg")
                    with gr.Accordion("Văn bản để sao chép", open=False):
                        copy_box = gr.Textbox(show_label=False, lines=6, interactive=False,
                                              buttons=["copy"], elem_id="troly-copy-text")

    def ask(q: str, history: list[dict[str, Any]], doc_ids: list[str] | None,
            user: dict[str, Any] | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        client, q = ctx.api(user, request), (q or "").strip()
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
    gr.on([send_btn.click, question.submit], ask, [question, chatbot, doc_filter, ctx.session], ask_outputs,
          api_visibility="private")

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value if isinstance(evt.value, dict) else {}
        return str(value.get("text", ""))

    chatbot.example_select(pick_example, None, question, api_visibility="private").then(
        ask, [question, chatbot, doc_filter, ctx.session], ask_outputs, api_visibility="private")

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
        client = ctx.api(user, request)
        try:
            return render.source_html(c, client.document(c.doc_id), client.text(c.doc_id, c.start, c.end))
        except ApiError as exc:
            return render.error_html(f"Không mở được nguồn [{n}]: {exc}")

    cites.input(show_source, [cites, turn, ctx.session], source, api_visibility="private").then(
        None, js=SCROLL_TO_MARK_JS)
    copy_btn.click(None, copy_box, fb_msg, js=COPY_JS)

    def send_feedback(verdict: str) -> Any:
        def handler(comment: str, state: dict[str, Any] | None, user: dict[str, Any] | None,
                    request: gr.Request) -> str:
            if not state:
                return "Chưa có câu trả lời để đánh giá."
            try:
                ctx.api(user, request).feedback(state["question"], state["answer"], verdict,
                                                (comment or "").strip(), state["citations"])
            except ApiError as exc:
                return f"Không gửi được phản hồi: {exc}"
            return f"Đã ghi nhận phản hồi: câu trả lời **{verdict}**. Cảm ơn bạn!"
        return handler

    right_btn.click(send_feedback("đúng"), [fb_comment, turn, ctx.session], fb_msg, api_visibility="private")
    wrong_btn.click(send_feedback("sai"), [fb_comment, turn, ctx.session], fb_msg, api_visibility="private")
    return ChatTab(turn, chatbot, doc_filter, cites, source, after_box, copy_box, fb_msg)
