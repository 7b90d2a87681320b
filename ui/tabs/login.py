"""The login form and logout. Nothing but this form renders before the key has been checked with
`GET /v1/me`; logout empties every tab so the next user sees nothing of the previous one's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import render
from ui.client import INVALID_KEY, ApiClient, ApiError
from ui.context import UiContext, client_ip, doc_updates
from ui.tabs.chat import ChatTab
from ui.tabs.documents import DocumentsTab, upload_form


@dataclass
class LoginForm:
    box: gr.Column
    name: gr.Textbox
    key: gr.Textbox
    button: gr.Button
    message: gr.Markdown


def build_login() -> LoginForm:
    with gr.Column(elem_id="troly-login") as login_box:
        gr.Markdown("### Đăng nhập")
        login_name = gr.Textbox(label="Tên người dùng (không bắt buộc)", elem_id="troly-login-name")
        login_key = gr.Textbox(label="Khóa API", type="password", elem_id="troly-login-key",
                               placeholder="Khóa do quản trị viên cấp (troly users add …)")
        login_btn = gr.Button("Đăng nhập", variant="primary", elem_id="troly-login-btn")
        login_msg = gr.Markdown("", elem_id="troly-login-msg")
    return LoginForm(login_box, login_name, login_key, login_btn, login_msg)


def wire_login(ctx: UiContext, form: LoginForm, main_box: gr.Column, user_md: gr.Markdown,
               logout_btn: gr.Button, chat: ChatTab, documents: DocumentsTab) -> None:
    """Login fills the user badge, the upload form and the document lists; logout empties every tab."""

    def login(name: str, key: str, request: gr.Request) -> tuple[Any, ...]:
        key = (key or "").strip()
        if not key:
            return (None, gr.skip(), gr.skip(), "Vui lòng nhập khóa API.", *[gr.skip()] * 8)
        client = ApiClient(ctx.pool, key, client_ip(request))
        try:
            me = client.me()
            if name.strip() and name.strip().casefold() != str(me.get("name", "")).casefold():
                raise ApiError(INVALID_KEY, 401)
            docs = client.documents()
        except ApiError as exc:
            return (None, gr.skip(), gr.skip(), str(exc), *[gr.skip()] * 8)
        user = {"key": key, "name": me.get("name", ""), "role": me.get("role", "viewer"),
                "clearance": me.get("clearance", "public"), "units": me.get("units") or []}
        role = render.ROLE_LABELS.get(user["role"], user["role"])
        level = render.CLASSIFICATION_LABELS.get(user["clearance"], user["clearance"])
        units = f", đơn vị: {', '.join(user['units'])}" if user["units"] else ""
        badge = f"Đăng nhập: **{render.md_escape(user['name'])}** — {role}, được đọc: {level}{units}"
        return (user, gr.update(visible=False), gr.update(visible=True), "", badge, *upload_form(user),
                *doc_updates(docs), "")

    login_outputs = [ctx.session, form.box, main_box, form.message, user_md, documents.upload_box,
                     documents.up_class, *documents.lists, form.key]
    gr.on([form.button.click, form.key.submit], login, [form.name, form.key], login_outputs,
          api_visibility="private")

    def cleared() -> list[tuple[Any, Any]]:
        return [(ctx.session, None), (ctx.docs, []), (form.box, gr.update(visible=True)),
                (main_box, gr.update(visible=False)), (user_md, ""), *chat.cleared(), *documents.cleared()]

    def logout() -> tuple[Any, ...]:
        """Back to the login form; everything the previous user saw is emptied."""
        return tuple(value for _, value in cleared())

    logout_btn.click(logout, None, [component for component, _ in cleared()], api_visibility="private")
