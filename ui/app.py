"""The Gradio app: a login form, then the tabs (`ui/tabs/`: chat with clickable citations, documents).

A thin client: every handler calls the troly HTTP API with the logged-in user's key
(`ui.client`), so the API's roles, clearances and audit apply to the UI as they are.
The key lives in server-side session state only. This module only composes: a feature adds a tab
module and one call here.
"""

from __future__ import annotations

import gradio as gr
import httpx

from ui.context import UiContext
from ui.tabs.assignments import build_assignments
from ui.tabs.chat import build_chat
from ui.tabs.documents import build_documents
from ui.tabs.login import build_login, wire_login
from ui.tabs.reports import build_reports

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
.troly-overdue { color: #b91c1c; font-weight: 600; }
.troly-soon { color: #b45309; font-weight: 600; }
#troly-plan-table, #troly-plan-table *, #troly-plan-units * { font-family: var(--font) !important; }
.troly-report { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 1.02em; line-height: 1.5;
  max-height: 70vh; overflow-y: auto; padding: 8px 14px; border: 1px solid #e5e7eb; }
.troly-report-head { display: flex; justify-content: space-between; text-align: center; gap: 12px; }
.troly-report-title { text-align: center; }
.troly-report p { text-align: justify; margin: 4px 0; }
.troly-placeholder { background: #fde68a; font-style: italic; }
.troly-ref { color: #1d4ed8; }
@media (max-width: 640px) { .gradio-container { padding: 4px !important; }
  .tab-container button { padding: 4px 6px !important; font-size: 0.92em; } }
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
    with gr.Blocks(title="Trợ lý kế hoạch", analytics_enabled=False) as blocks:
        ctx = UiContext(pool, session=gr.State(None), docs=gr.State([]))
        gr.Markdown("## Trợ lý kế hoạch")
        login = build_login()
        with gr.Column(visible=False) as main_box:
            with gr.Row(equal_height=True):
                user_md = gr.Markdown("", elem_id="troly-user")
                logout_btn = gr.Button("Đăng xuất", size="sm", scale=0, min_width=110)
            with gr.Tabs():
                chat = build_chat(ctx)
                documents = build_documents(ctx, chat.doc_filter)
                build_assignments(ctx)
                build_reports(ctx)
        wire_login(ctx, login, main_box, user_md, logout_btn, chat, documents)
    blocks.queue(default_concurrency_limit=8)
    return blocks
