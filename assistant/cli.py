"""`troly` command line. Thin: parse, call a backend, print (readable or --json)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from assistant.backend import Backend, BackendError, HttpBackend, LocalBackend
from assistant.components.vector_store import StoreLockedError
from assistant.domain import AskResponse, DocumentMeta, IngestOutcome
from assistant.settings import Settings, load_settings

app = typer.Typer(help="Trợ lý kế hoạch — hỏi đáp có trích dẫn trên văn bản kế hoạch.", no_args_is_help=True)
docs_app = typer.Typer(help="Quản lý tài liệu đã nạp.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")
users_app = typer.Typer(help="Quản lý người dùng và khóa API (trực tiếp trên cơ sở dữ liệu đăng ký).",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")
audit_app = typer.Typer(help="Nhật ký truy cập.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
console = Console()
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình YAML (profile).")]
ApiUrlOpt = Annotated[str | None, typer.Option("--api-url", help="Gửi lệnh tới máy chủ troly này.")]
ApiKeyOpt = Annotated[str | None, typer.Option("--api-key", envvar="TROLY_API_KEY", help="Khóa API.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except ValueError as exc:
        _fail(str(exc))
        raise


def _backend(settings: Settings, api_url: str | None, api_key: str | None) -> Backend:
    """Local services by default; the running server when asked to or when it holds the store."""
    if api_url:
        return HttpBackend(api_url, api_key)
    try:
        return LocalBackend(settings)
    except StoreLockedError as exc:
        url = settings.api.url or f"http://{settings.api.host}:{settings.api.port}"
        err.print(f"[yellow]{exc}[/] Dùng máy chủ {url}.")
        return HttpBackend(url, api_key)


@contextmanager
def _session(config: Path | None, api_url: str | None, api_key: str | None) -> Iterator[Backend]:
    """A backend for one command: closed at the end (releases the store lock); its errors are
    shown as one Vietnamese line, never a traceback."""
    backend = _backend(_settings(config), api_url, api_key)
    try:
        yield backend
    except BackendError as exc:
        _fail(str(exc))
    finally:
        backend.close()


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Lỗi:[/] {message}")
    raise typer.Exit(code)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục cần nạp.")],
    classification: Annotated[
        str | None, typer.Option("--classification", help="public | internal | restricted")
    ] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Đơn vị được đọc (lặp lại được).")] = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Nạp tài liệu (.txt, .md, .docx, .pdf) vào chỉ mục."""
    if classification and classification not in ("public", "internal", "restricted"):
        _fail("--classification phải là public, internal hoặc restricted.", 2)
    show = not as_json and sys.stderr.isatty()
    with _session(config, api_url, api_key) as backend, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, disable=not show
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(source: str, done: int, total: int) -> None:
            if source not in tasks:
                tasks[source] = bar.add_task(source, total=total)
            bar.update(tasks[source], completed=done, total=total)

        outcomes = backend.ingest(paths, classification, unit or [], progress=progress)
    if as_json:
        _print_json({"documents": [o.model_dump(include={"source", "doc_id", "title", "status", "reason", "chunks", "pii"})
                                   for o in outcomes]})
    else:
        _print_outcomes(outcomes)
    if any(o.status == "failed" or o.status == "refused" for o in outcomes) or not outcomes:
        raise typer.Exit(1)


def _print_outcomes(outcomes: list[IngestOutcome]) -> None:
    labels = {"ingested": "đã nạp", "skipped": "bỏ qua (không đổi)", "replaced": "đã thay thế",
              "refused": "từ chối", "failed": "lỗi"}
    colors = {"ingested": "green", "replaced": "green", "skipped": "cyan", "refused": "red", "failed": "red"}
    for o in outcomes:
        line = f"[{colors[o.status]}]{labels[o.status]:>18}[/]  {o.source}"
        if o.title:
            line += f" — {o.title}"
        if o.chunks:
            line += f" ({o.chunks} đoạn)"
        if o.reason and o.status in ("refused", "failed"):
            line += f"\n{'':>20}{o.reason}"
        console.print(line, highlight=False)
    if not outcomes:
        err.print("Không có tệp nào để nạp.")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Câu hỏi tiếng Việt.")],
    as_json: JsonOpt = False,
    top_k: Annotated[int | None, typer.Option("--top-k", min=1, max=50, help="Số đoạn truy hồi.")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="Chỉ hỏi trong tài liệu này (lặp lại được).")] = None,
    mode: Annotated[str, typer.Option("--mode", help="extractive | generative")] = "extractive",
    config: ConfigOpt = None,
    api_url: ApiUrlOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Hỏi một câu; câu trả lời kèm nguồn trích dẫn."""
    from assistant.services.ask import QuestionError

    if mode != "extractive":
        _fail("Chế độ sinh câu trả lời (generative) chưa được cấu hình trên máy này; dùng --mode extractive.", 2)
    with _session(config, api_url, api_key) as backend:
        try:
            response = backend.ask(question, top_k, doc)
        except QuestionError as exc:
            _fail(str(exc), 2)
            return
    if as_json:
        _print_json(response.model_dump(exclude={"retrieved", "retrieved_sections"}))
    else:
        _print_answer(response)


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
    console.print(f"\n[dim]{r.latency_ms} ms[/]")


@docs_app.command("list")
def docs_list(as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
              api_key: ApiKeyOpt = None) -> None:
    """Liệt kê tài liệu đã nạp."""
    with _session(config, api_url, api_key) as backend:
        docs = backend.documents()
    if as_json:
        _print_json({"documents": [d.model_dump() for d in docs]})
        return
    if not docs:
        console.print("Chưa có tài liệu nào.")
    for d in docs:
        console.print(f"{d.doc_id}  {d.classification:<10} {d.chunks:>4} đoạn  {d.title or d.source}", highlight=False)


@docs_app.command("show")
def docs_show(doc_id: str, as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
              api_key: ApiKeyOpt = None) -> None:
    """Xem thông tin một tài liệu."""
    with _session(config, api_url, api_key) as backend:
        d = backend.document(doc_id)
    if as_json:
        _print_json(d.model_dump())
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


@docs_app.command("delete")
def docs_delete(doc_id: str, config: ConfigOpt = None, api_url: ApiUrlOpt = None, api_key: ApiKeyOpt = None
                ) -> None:
    """Xóa một tài liệu khỏi chỉ mục và sổ đăng ký."""
    with _session(config, api_url, api_key) as backend:
        backend.delete(doc_id)
    console.print(f"Đã xóa tài liệu {doc_id}.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Địa chỉ lắng nghe (mặc định 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Cổng (mặc định 8000).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Chạy máy chủ API (và giao diện tại /ui)."""
    import uvicorn

    from assistant.api.app import create_app

    settings = _settings(config)
    try:
        application = create_app(settings)
        _ = application.state.services.store  # opens the embedded store now: fails if another process holds it
        application.state.services.warm_up()
    except StoreLockedError as exc:
        _fail(str(exc))
        return
    h, p = host or settings.api.host, port or settings.api.port
    from ui.server import mount_ui  # composition root: the UI is a client of this API, mounted at /ui

    mount_ui(application, settings, host=h, port=p)
    console.print(f"Trợ lý kế hoạch: http://{h}:{p}/docs (API), http://{h}:{p}/ui (giao diện)")
    # proxy headers off: X-Forwarded-For from a local caller must not choose the audited address
    uvicorn.run(application, host=h, port=p, proxy_headers=False,
                log_level=os.environ.get("TROLY_LOG_LEVEL", "warning"))


@app.command("eval")
def eval_command(
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Tệp câu hỏi chuẩn JSONL.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.")] = Path("eval/out"),
    corpus: Annotated[Path, typer.Option("--corpus", envvar="TROLY_CORPUS", help="Thư mục tài liệu mẫu.")] = Path(
        "../shared/corpus"),
    configs: Annotated[str, typer.Option("--configs", help="Cấu hình, cách nhau bởi dấu phẩy.")] = "troly,bm25,dense_default",
    compare: Annotated[tuple[Path, Path] | None, typer.Option("--compare", help="So sánh hai thư mục báo cáo.")] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Thoát mã 1 nếu dưới ngưỡng chất lượng.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Đánh giá độ chính xác trên bộ câu hỏi chuẩn (kèm hai cấu hình đối chứng)."""
    from eval.gold import GoldDataError
    from eval.quality_gate import check_bars
    from eval.report import compare as compare_runs
    from eval.report import load_summary
    from eval.runner import DEFAULT_DATASET, run_evaluation

    if compare:
        console.print(compare_runs(*compare), highlight=False)
        return
    try:
        run_evaluation(_settings(config), corpus, out, dataset or DEFAULT_DATASET,
                       tuple(c.strip() for c in configs.split(",") if c.strip()), show_progress=sys.stderr.isatty())
    except (GoldDataError, FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc))
    console.print((out / "summary.md").read_text(encoding="utf-8").split("\n## ")[0], highlight=False)
    console.print(f"Báo cáo: {out}/summary.md, summary.json, results.jsonl, chart.png")
    failures = check_bars(load_summary(out))
    if failures:
        err.print("[yellow]Dưới ngưỡng chất lượng:[/]\n- " + "\n- ".join(failures))
        if gate:
            raise typer.Exit(1)


def _registry(config: Path | None):  # type: ignore[no-untyped-def]
    """Users and audit live in the registry database (SQLite copes with `troly serve` running alongside)."""
    from assistant.components.registry import Registry

    settings = _settings(config)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Registry(settings.registry_url)


def _access(config: Path | None):  # type: ignore[no-untyped-def]
    from assistant.services.access import AccessService

    return AccessService(_registry(config))


def _print_key(name: str, key: str) -> None:
    console.print(f"Khóa API của '{name}' (chỉ hiện một lần, hãy lưu lại):", highlight=False)
    sys.stdout.write(key + "\n")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Tên tài khoản.")],
    role: Annotated[str, typer.Option("--role", help="viewer | editor | admin")] = "viewer",
    clearance: Annotated[str, typer.Option("--clearance", help="Mức được đọc: public | internal | restricted")
                         ] = "public",
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Đơn vị của người dùng (lặp lại được).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Tạo người dùng và in khóa API một lần duy nhất."""
    from assistant.services.access import UserError

    try:
        info, key = _access(config).add(name, role, clearance, unit or [])
    except UserError as exc:
        _fail(str(exc), 2)
        return
    console.print(f"Đã tạo '{info.name}': vai trò {info.role}, mức đọc {info.clearance}"
                  + (f", đơn vị {', '.join(info.units)}" if info.units else "") + ".", highlight=False)
    _print_key(info.name, key)


@users_app.command("revoke")
def users_revoke(name: Annotated[str, typer.Argument(help="Tên tài khoản.")], config: ConfigOpt = None) -> None:
    """Thu hồi khóa API (máy chủ đang chạy ngừng chấp nhận khóa trong vòng 60 giây)."""
    from assistant.services.access import UserError

    try:
        _access(config).revoke(name)
    except UserError as exc:
        _fail(str(exc))
    console.print(f"Đã thu hồi khóa của '{name}'.", highlight=False)


@users_app.command("list")
def users_list(as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Liệt kê người dùng (không bao giờ in khóa)."""
    from dataclasses import asdict

    users = _access(config).users()
    if as_json:
        _print_json({"users": [asdict(u) for u in users]})
        return
    if not users:
        console.print("Chưa có người dùng nào. Chạy `troly users bootstrap` để tạo tài khoản quản trị.")
    for u in users:
        state = f"[red]thu hồi {u.revoked_at[:10]}[/]" if u.revoked_at else "[green]hoạt động[/]"
        console.print(f"{u.name:<20} {u.role:<7} {u.clearance:<11} troly_{u.key_prefix}_…  {state}  "
                      f"{', '.join(u.units)}", highlight=False)


@users_app.command("bootstrap")
def users_bootstrap(config: ConfigOpt = None) -> None:
    """Lần chạy đầu: tạo tài khoản quản trị 'admin' nếu chưa có quản trị viên nào."""
    from assistant.services.access import UserError

    try:
        key = _access(config).bootstrap()
    except UserError as exc:
        _fail(str(exc))
        return
    if key is None:
        console.print("Đã có tài khoản quản trị; dùng khóa đã cấp (hoặc `troly users add`).")
        return
    _print_key("admin", key)
    settings = _settings(config)
    console.print(
        f"Đăng nhập giao diện tại http://{settings.api.host}:{settings.api.port}/ui bằng khóa này; "
        "gọi API với tiêu đề 'Authorization: Bearer <khóa>'; CLI qua máy chủ: --api-key hoặc TROLY_API_KEY. "
        "Tạo thêm người dùng: troly users add TÊN --role viewer --clearance public --unit ĐƠN_VỊ", highlight=False)


@audit_app.command("export")
def audit_export(
    since: Annotated[str | None, typer.Option("--since", help="Từ thời điểm (ISO 8601, không có múi giờ = UTC).")
                     ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Trước thời điểm (ISO 8601).")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Chỉ người dùng này.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Định dạng: csv")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Tệp ghi ra (mặc định: màn hình).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Xuất nhật ký truy cập (câu hỏi đã được che dữ liệu cá nhân)."""
    from assistant.services.audit import AuditService, to_utc

    if fmt != "csv":
        _fail("--format chỉ hỗ trợ csv.", 2)
    try:
        start, stop = to_utc(since), to_utc(until)
    except ValueError as exc:
        _fail(str(exc), 2)
        return
    service = AuditService(_registry(config))
    if out is None:
        service.export_csv(sys.stdout, user, start, stop)
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        n = service.export_csv(fh, user, start, stop)
    err.print(f"Đã ghi {n} dòng vào {out}.")


def main() -> None:  # pragma: no cover
    app()
