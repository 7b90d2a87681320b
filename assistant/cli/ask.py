"""`troly ask`: one question, the answer with its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import ApiKeyOpt, ApiUrlOpt, ConfigOpt, JsonOpt, console, fail, print_json, session
from assistant.domain import AnswerMode

if TYPE_CHECKING:
    from assistant.domain import AskResponse


def ask(
    question: Annotated[str, typer.Argument(help="Câu hỏi tiếng Việt.")],
    as_json: JsonOpt = False,
    top_k: Annotated[int | None, typer.Option("--top-k", min=1, max=50, help="Số đoạn truy hồi.")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="Chỉ hỏi trong tài liệu này (lặp lại được).")] = None,
    mode: Annotated[AnswerMode | None, typer.Option(
        "--mode", help="extractive | generative (mô hình ngôn ngữ, mặc định theo cấu hình answer.mode)")] = None,
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Hỏi một câu; câu trả lời kèm nguồn trích dẫn."""
    with session(config, api_url, api_key) as backend:
        try:
            response = backend.ask(question, top_k, doc, mode)
        except ValueError as exc:
            from assistant.services.ask import QuestionError  # imported only here: local mode, a bad question

            if not isinstance(exc, QuestionError):
                raise
            fail(str(exc), 2)
            return
    if as_json:
        print_json(response.model_dump(exclude={"retrieved", "retrieved_sections"}))
    else:
        _print_answer(response)


FALLBACK_NOTE = " · mô hình ngôn ngữ không dùng được (chưa cấu hình, lỗi, quá chậm hoặc không câu nào được kiểm chứng): trả lời trích xuất"


def _print_answer(r: AskResponse) -> None:
    console.print(r.answer, highlight=False)
    cites = r.citations if r.answerable else r.related
    if cites:
        console.print("\n[bold]Nguồn:[/]" if r.answerable else "\n[bold]Có thể liên quan:[/]")
    for c in cites:
        number = f", số {c.doc_number}" if c.doc_number else ""
        page = f", trang {c.page}" if c.page else ""
        console.print(f"[{c.n}] {c.title or c.source}{number}{page}", highlight=False)
        if c.section:
            console.print(f"    Mục: {c.section}", highlight=False)
        console.print(f"    «{c.quote}»", highlight=False)
    note = FALLBACK_NOTE if r.answer_mode == "extractive_fallback" else ""
    console.print(f"\n[dim]{r.latency_ms} ms{note}[/]")
