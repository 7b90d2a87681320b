"""`troly docs list | show | delete`: the documents in the index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import ApiKeyOpt, ApiUrlOpt, ConfigOpt, JsonOpt, console, print_json, session

if TYPE_CHECKING:
    from assistant.domain import DocumentMeta

app = typer.Typer(help="Quản lý tài liệu đã nạp.", no_args_is_help=True)
DocIdArg = Annotated[str, typer.Argument(help="Mã tài liệu (xem `troly docs list`).")]


@app.command("list")
def docs_list(as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
              api_key: ApiKeyOpt = None) -> None:
    """Liệt kê tài liệu đã nạp."""
    with session(config, api_url, api_key) as backend:
        docs = backend.documents()
    if as_json:
        print_json({"documents": [d.model_dump() for d in docs]})
        return
    if not docs:
        console.print("Chưa có tài liệu nào.")
    for d in docs:
        console.print(f"{d.doc_id}  {d.classification:<10} {d.chunks:>4} đoạn  {d.title or d.source}", highlight=False)


@app.command("show")
def docs_show(doc_id: DocIdArg, as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
              api_key: ApiKeyOpt = None) -> None:
    """Xem thông tin một tài liệu."""
    with session(config, api_url, api_key) as backend:
        d = backend.document(doc_id)
    if as_json:
        print_json(d.model_dump())
        return
    _print_meta(d)


def _print_meta(d: DocumentMeta) -> None:
    rows = [("Mã", d.doc_id), ("Tệp", d.source), ("Tiêu đề", d.title), ("Loại", d.doc_type),
            ("Số", d.doc_number), ("Cơ quan ban hành", d.issuer), ("Địa danh", d.place),
            ("Ngày ban hành", d.issued_date), ("Người ký", f"{d.signer_title} {d.signer}".strip()),
            ("Văn bản dẫn chiếu", ", ".join(d.references)), ("Phân loại", d.classification),
            ("Đơn vị", ", ".join(d.units)), ("Số đoạn", str(d.chunks)), ("Nạp lúc", d.ingested_at)]
    for k, v in rows:
        console.print(f"{k:>18}: {v}", highlight=False)


@app.command("delete")
def docs_delete(doc_id: DocIdArg, config: ConfigOpt = None, api_url: ApiUrlOpt = None, api_key: ApiKeyOpt = None
                ) -> None:
    """Xóa một tài liệu khỏi chỉ mục và sổ đăng ký."""
    with session(config, api_url, api_key) as backend:
        backend.delete(doc_id)
    console.print(f"Đã xóa tài liệu {doc_id}.")
