"""`troly assignments | targets | duties | alerts | compare` and `troly units …`, `troly plan rebuild`.

On the registry database directly (works while `troly serve` runs, with the full access of the machine's
operator), or through a server's HTTP API with `--api-url` and an API key, where the key's access applies.
`--json` prints `{"total", "items"}` as the API returns it; `--csv OUT` / `--xlsx OUT` write every matching row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.common import (
    ApiKeyOpt,
    ApiUrlOpt,
    ConfigOpt,
    JsonOpt,
    console,
    err,
    fail,
    print_json,
    registry_from,
    remote,
    settings_from,
)

units_app = typer.Typer(help="Đơn vị và tên gọi khác (áp dụng ngay khi đọc, không cần nạp lại).", no_args_is_help=True)
plan_app = typer.Typer(help="Bảo trì mô hình kế hoạch.", no_args_is_help=True)

UnitOpt = Annotated[str | None, typer.Option("--unit", help="Đơn vị (tên chuẩn, tên khác, viết tắt; dấu không bắt buộc).")]
DocOpt = Annotated[str | None, typer.Option("--doc", help="Mã văn bản.")]
CsvOpt = Annotated[Path | None, typer.Option("--csv", help="Ghi ra tệp CSV.")]
XlsxOpt = Annotated[Path | None, typer.Option("--xlsx", help="Ghi ra tệp Excel.")]


def _service(config: Path | None):  # type: ignore[no-untyped-def]
    from assistant.services.assignments import AssignmentService

    return AssignmentService(registry_from(config), settings_from(config).plan)


def _remote(api_url: str, api_key: str | None, path: str, params: dict[str, Any]) -> dict[str, Any]:
    with remote(api_url, api_key) as backend:
        return backend.listing(path, params)


def _emit(kind: str, data: dict[str, Any], as_json: bool, csv_out: Path | None, xlsx_out: Path | None,
          line: Any) -> None:
    from assistant.services.plan_export import write_csv, write_xlsx

    items = data["items"]
    if as_json:
        print_json(data)
    if csv_out is not None:
        with csv_out.open("w", encoding="utf-8-sig", newline="") as fh:
            n = write_csv(kind, items, fh)  # type: ignore[arg-type]
        err.print(f"Đã ghi {n} dòng vào {csv_out}.")
    if xlsx_out is not None:
        n = write_xlsx(kind, items, xlsx_out)  # type: ignore[arg-type]
        err.print(f"Đã ghi {n} dòng vào {xlsx_out}.")
    if not (as_json or csv_out or xlsx_out):
        if not items:
            console.print("Không có kết quả.")
        for item in items:
            console.print(line(item), highlight=False)
        console.print(f"Tổng cộng: {data['total']}", highlight=False)


def _day(value: str | None, name: str) -> Any:
    from assistant.services.assignments import PlanError, parse_day

    try:
        return parse_day(value, name)
    except PlanError as exc:
        fail(str(exc), 2)


def _assignment_line(i: dict[str, Any]) -> str:
    flag = "QUÁ HẠN " if i.get("overdue") else "sắp hạn " if i.get("due_soon") else ""
    due = i.get("next_due") or i.get("due_end") or i.get("timing") or "—"
    return (f"{i['id']}  {flag}[{due}] {', '.join(i['lead_units']) or '—'}: {i['task'][:110]} "
            f"({i['status']}; {i['doc_number'] or i['source']})")


def assignments(
    unit: UnitOpt = None,
    role: Annotated[str, typer.Option("--role", help="lead | co | any")] = "any",
    doc: DocOpt = None,
    due_before: Annotated[str | None, typer.Option("--due-before", help="Hạn đến ngày (YYYY-MM-DD).")] = None,
    due_after: Annotated[str | None, typer.Option("--due-after", help="Hạn từ ngày (YYYY-MM-DD).")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Trạng thái theo dõi.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Từ khóa trong nội dung.")] = None,
    all_tasks: Annotated[bool, typer.Option("--all", help="Cả nhiệm vụ không nêu đơn vị thực hiện.")] = False,
    as_json: JsonOpt = False, csv_out: CsvOpt = None, xlsx_out: XlsxOpt = None,
    config: ConfigOpt = None, api_url: ApiUrlOpt = None, api_key: ApiKeyOpt = None,
) -> None:
    """Nhiệm vụ được giao: ai làm gì, hạn khi nào, tiến độ."""
    if api_url:
        data = _remote(api_url, api_key, "/v1/assignments", {
            "unit": unit, "role": role, "doc_id": doc, "due_before": due_before, "due_after": due_after,
            "status": status, "overdue": overdue, "q": query, "include_items": all_tasks})
    else:
        from assistant.services.assignments import Filters

        filters = Filters(unit=unit, role=role, doc_id=doc, due_before=_day(due_before, "--due-before"),
                          due_after=_day(due_after, "--due-after"), status=status, overdue=overdue, query=query,
                          include_items=all_tasks)
        items = _service(config).all_assignments(None, filters)
        data = {"total": len(items), "items": items}
    _emit("assignments", data, as_json, csv_out, xlsx_out, _assignment_line)


def targets(unit: UnitOpt = None, doc: DocOpt = None,
            query: Annotated[str | None, typer.Option("--query", "-q", help="Từ khóa trong tên chỉ tiêu.")] = None,
            as_json: JsonOpt = False, csv_out: CsvOpt = None, xlsx_out: XlsxOpt = None,
            config: ConfigOpt = None, api_url: ApiUrlOpt = None, api_key: ApiKeyOpt = None) -> None:
    """Chỉ tiêu: chỉ số, giá trị, thời hạn, đơn vị."""
    if api_url:
        data = _remote(api_url, api_key, "/v1/targets", {"unit": unit, "doc_id": doc, "q": query})
    else:
        items = _service(config).targets(None, unit=unit, doc_id=doc, query=query)
        data = {"total": len(items), "items": items}
    _emit("targets", data, as_json, csv_out, xlsx_out,
          lambda t: f"{t['id']}  {t['indicator'][:90]}: {t['value']} [{t['period'] or '—'}] "
                    f"{', '.join(t['lead_units'])} ({t['doc_number'] or t['source']})")


def duties(unit: UnitOpt = None, doc: DocOpt = None, as_json: JsonOpt = False, csv_out: CsvOpt = None,
           xlsx_out: XlsxOpt = None, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
           api_key: ApiKeyOpt = None) -> None:
    """Chế độ báo cáo: ai báo cáo gì, cho ai, khi nào."""
    if api_url:
        data = _remote(api_url, api_key, "/v1/reporting-duties", {"unit": unit, "doc_id": doc})
    else:
        items = _service(config).duties(None, unit=unit, doc_id=doc)
        data = {"total": len(items), "items": items}
    _emit("duties", data, as_json, csv_out, xlsx_out,
          lambda d: f"{d['id']}  {', '.join(d['reporter']) or '—'} → {', '.join(d['recipient']) or '—'}: "
                    f"{d['what'] or 'báo cáo'} [{d['timing'] or '—'}; kế tiếp {d['next_due'] or '—'}]")


def alerts(within_days: Annotated[int | None, typer.Option("--days", help="Số ngày tới.")] = None,
           unit: UnitOpt = None, as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
           api_key: ApiKeyOpt = None) -> None:
    """Cảnh báo: nhiệm vụ quá hạn, sắp đến hạn và kỳ báo cáo sắp tới."""
    if api_url:
        data = _remote(api_url, api_key, "/v1/alerts", {"within_days": within_days, "unit": unit})
    else:
        svc = _service(config)
        items = svc.alerts(None, within_days, unit)
        data = {"today": svc.clock().isoformat(), "total": len(items), "items": items}
    if as_json:
        print_json(data)
        return
    for a in data["items"]:
        item = a["item"]
        what = item.get("task") or f"báo cáo {item.get('what') or ''} cho {', '.join(item.get('recipient', []))}"
        who = ", ".join(item.get("lead_units") or item.get("reporter") or []) or "—"
        console.print(f"{a['label'].upper():12s} {a['due']} ({a['days']:+d} ngày) {who}: {what[:100]}", highlight=False)
    console.print(f"Hôm nay {data['today']}: {data['total']} cảnh báo.", highlight=False)


def compare(higher: Annotated[str, typer.Argument(help="Mã văn bản cấp trên.")],
            lower: Annotated[str, typer.Argument(help="Mã văn bản cấp dưới.")],
            as_json: JsonOpt = False, config: ConfigOpt = None, api_url: ApiUrlOpt = None,
            api_key: ApiKeyOpt = None) -> None:
    """Kế hoạch cấp dưới đã cụ thể hóa những nhiệm vụ nào của văn bản cấp trên, bỏ sót nhiệm vụ nào."""
    if api_url:
        data = _remote(api_url, api_key, "/v1/compare", {"higher": higher, "lower": lower})
    else:
        from assistant.services.assignments import PlanError

        try:
            data = _service(config).compare(None, higher, lower)
        except PlanError as exc:
            fail(str(exc))
            return
    if as_json:
        print_json(data)
        return
    console.print(f"Cấp trên: {data['higher']['title']}\nCấp dưới: {data['lower']['title']}", highlight=False)
    for m in data["matches"]:
        console.print(f"✔ {m['higher']['task'][:100]}  ← {len(m['lower'])} nhiệm vụ", highlight=False)
    for h in data["missing"]:
        console.print(f"✘ CHƯA CÓ: {h['task'][:110]}", highlight=False)
    for pair in data["later"]:
        console.print(f"⚠ MUỘN HƠN: {pair['lower']['task'][:60]} ({pair['lower']['due_end']} > "
                      f"{pair['higher']['due_end']})", highlight=False)
    console.print(f"{len(data['matches'])} nhiệm vụ có nhiệm vụ tương ứng, {len(data['missing'])} chưa có, "
                  f"{len(data['later'])} hạn muộn hơn.", highlight=False)


@units_app.command("list")
def units_list(as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Các đơn vị và số nhiệm vụ (chủ trì / phối hợp, theo trạng thái)."""
    items = _service(config).units(None)
    if as_json:
        print_json({"items": items})
        return
    for u in items:
        console.print(f"{u['unit']}: chủ trì {u['lead']}, phối hợp {u['co']}, quá hạn {u['overdue']}, "
                      f"hạn gần nhất {u['next_due'] or '—'}", highlight=False)


@units_app.command("alias")
def units_alias(alias: Annotated[str, typer.Argument(help="Tên khác hoặc viết tắt, ví dụ 'Sở KH&CN'.")],
                canonical: Annotated[str, typer.Argument(help="Tên chuẩn, ví dụ 'Sở Khoa học và Công nghệ'.")],
                config: ConfigOpt = None) -> None:
    """Thêm (hoặc sửa) một tên gọi khác của đơn vị."""
    from assistant.services.assignments import PlanError

    try:
        row = _service(config).add_alias(alias, canonical, "cli")
    except PlanError as exc:
        fail(str(exc), 2)
        return
    console.print(f"Đã ghi: '{row['alias']}' = '{row['canonical']}'.", highlight=False)


@units_app.command("unalias")
def units_unalias(alias: Annotated[str, typer.Argument(help="Tên gọi khác cần bỏ.")], config: ConfigOpt = None) -> None:
    """Bỏ một tên gọi khác."""
    from assistant.services.assignments import PlanError

    try:
        _service(config).remove_alias(alias)
    except PlanError as exc:
        fail(str(exc))
    console.print(f"Đã bỏ tên gọi khác '{alias}'.", highlight=False)


@units_app.command("aliases")
def units_aliases(as_json: JsonOpt = False, config: ConfigOpt = None) -> None:
    """Danh sách tên gọi khác."""
    items = _service(config).aliases()
    if as_json:
        print_json({"items": items})
        return
    for a in items:
        console.print(f"{a['alias']} = {a['canonical']}", highlight=False)


@plan_app.command("rebuild")
def plan_rebuild(doc: Annotated[list[str] | None, typer.Option("--doc", help="Chỉ văn bản này (lặp lại được).")] = None,
                 config: ConfigOpt = None) -> None:
    """Đọc lại nhiệm vụ, chỉ tiêu, chế độ báo cáo từ văn bản đã lưu (không cần nạp lại, không tính lại vector)."""
    n = _service(config).rebuild(doc or None)
    console.print(f"Đã đọc lại mô hình kế hoạch của {n} văn bản.", highlight=False)
