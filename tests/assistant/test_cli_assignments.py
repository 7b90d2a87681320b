"""`troly assignments | targets | duties | alerts | compare`, `troly units …`, `troly plan rebuild` on a real
registry (the plans stored as ingest stores them), in-process through typer's CliRunner."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, make_settings, running
from openpyxl import load_workbook
from plan_support import SHARED, register
from test_cli import SERVER_START_S, admin_key, process_env, troly, troly_argv

from assistant.components.registry import Registry


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    data_dir = tmp_path_factory.mktemp("plan-cli")
    registry = Registry(make_settings(data_dir).registry_url)
    ids = {name: register(registry, SHARED / path) for name, path in (
        ("004", "corpus/004_ac3b5f093c57f3b4.txt"), ("ext01", "corpus-ext/ext01.txt"), ("hi01", "corpus-ext/hi01.txt"),
        ("ext05", "corpus-ext/ext05.txt"))}
    yield data_dir, ids


def test_assignments_json_filters_and_exports(data: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    data_dir, ids = data
    run = troly(data_dir, "assignments", "--unit", "so khoa hoc va cong nghe", "--role", "lead", "--json")
    body = run.json()
    assert run.code == 0 and body["total"] == len(body["items"]) == 4
    assert {i["doc_id"] for i in body["items"]} == {ids["ext01"]}
    assert set(body["items"][0]) >= {"id", "doc_id", "source", "title", "task", "lead_units", "co_units", "timing",
                                     "due_start", "due_end", "recurrence", "product", "status", "section", "quote",
                                     "start", "end"}
    xlsx, csv_path = tmp_path / "nv.xlsx", tmp_path / "nv.csv"
    run = troly(data_dir, "assignments", "--doc", ids["004"], "--xlsx", str(xlsx), "--csv", str(csv_path))
    assert run.code == 0 and "Đã ghi 16 dòng" in run.flat
    assert load_workbook(xlsx).active.max_row == 17
    rows = list(csv.reader(csv_path.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["Mã", "Văn bản", "Số hiệu", "Nhiệm vụ"] and len(rows) == 17
    run = troly(data_dir, "assignments", "--due-before", "ngày mai")
    assert run.code == 2 and "ngày không hợp lệ" in run.flat


def test_targets_duties_alerts_and_compare(data: tuple[Path, dict[str, str]]) -> None:
    data_dir, ids = data
    targets = troly(data_dir, "targets", "--doc", ids["004"], "--json").json()["items"]
    assert any(t["value"] == "tối thiểu 95%" and t["comparator"] == "≥" for t in targets)
    duties = troly(data_dir, "duties", "--doc", ids["004"]).flat
    assert "Các chi bộ, đảng bộ trực thuộc → Văn phòng Đảng ủy: kết quả thực hiện" in duties
    alerts = troly(data_dir, "alerts", "--days", "366", "--json").json()
    assert alerts["total"] == len(alerts["items"]) and {a["kind"] for a in alerts["items"]} <= {"overdue", "due_soon"}
    found = troly(data_dir, "compare", ids["hi01"], ids["ext05"], "--json").json()
    assert found["matches"] and found["missing"] and set(found) >= {"higher", "lower", "matches", "missing", "later"}
    run = troly(data_dir, "compare", ids["hi01"], "khong-co")
    assert run.code == 1 and "Không tìm thấy tài liệu" in run.flat


def test_units_aliases_apply_without_reingest_and_rebuild(data: tuple[Path, dict[str, str]]) -> None:
    data_dir, _ = data
    name = "Văn phòng cấp ủy phường"
    assert troly(data_dir, "assignments", "--unit", name, "--json").json()["total"] == 0
    run = troly(data_dir, "units", "alias", "Văn phòng Đảng uỷ", name)
    assert run.code == 0 and f"'{name}'" in run.flat
    assert troly(data_dir, "assignments", "--unit", name, "--json").json()["total"] == 4
    assert name in json.dumps(troly(data_dir, "units", "list", "--json").json(), ensure_ascii=False)
    assert troly(data_dir, "units", "unalias", "Văn phòng Đảng uỷ").code == 0
    assert troly(data_dir, "units", "unalias", "không có").code == 1
    run = troly(data_dir, "plan", "rebuild")
    assert run.code == 0 and "4 văn bản" in run.flat


def test_api_url_uses_the_key_saved_by_login(tmp_path: Path) -> None:
    """`troly login` once: the plan and report commands sent to a server with --api-url use that key, as the
    other commands do (a real `troly serve` on a free loopback port, stopped by its pid)."""
    data_dir, port = tmp_path / "data", free_port()
    key, url = admin_key(data_dir), f"http://127.0.0.1:{port}"
    with running([*troly_argv(), "serve", "--host", "127.0.0.1", "--port", str(port)], process_env(data_dir),
                 tmp_path / "serve.log", f"{url}/healthz", SERVER_START_S):
        plan = register(Registry(make_settings(data_dir).registry_url), SHARED / "corpus-ext/ext03.txt")
        assert troly(data_dir, "login", "--api-key", key, "--api-url", url).code == 0
        remote = troly(data_dir, "assignments", "--doc", plan, "--api-url", url, "--json")  # no key given
        assert remote.code == 0, remote.flat
        local = troly(data_dir, "assignments", "--doc", plan, "--json").json()
        assert remote.json() == local and local["total"] >= 20
        out = tmp_path / "bc.json"
        run = troly(data_dir, "report", "--doc", plan, "--unit", "Sở Tài chính", "--period", "2026", "--out", str(out),
                    "--api-url", url)
        assert run.code == 0, run.flat
        draft = json.loads(out.read_text(encoding="utf-8"))
        assert (draft["doc_id"], draft["created_by"], draft["period"]["label"]) == (plan, "kiem-thu", "năm 2026")
        assert troly(data_dir, "logout").code == 0
        refused = troly(data_dir, "targets", "--doc", plan, "--api-url", url)
        assert refused.code == 1 and "Máy chủ trả lỗi 401" in refused.flat and "Traceback" not in refused.flat
