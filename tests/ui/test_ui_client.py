"""The UI's HTTP client against the real API (in process) over the indexed sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from fastapi.testclient import TestClient

from ui.client import INVALID_KEY, ApiClient, ApiError

QUESTION = "Hoàn thành số hóa tài liệu lưu trữ lịch sử trước ngày nào?"


@pytest.fixture(scope="module")
def http(indexed: Any) -> Iterator[httpx.Client]:
    """Starlette's test client speaks httpx's API (its own copy of it): the UI client takes it as is."""
    from assistant.api.app import create_app

    with TestClient(create_app(indexed.settings, services=indexed)) as client:
        yield cast(httpx.Client, client)


@pytest.fixture(scope="module")
def viewer(http: httpx.Client, indexed: Any) -> ApiClient:
    from assistant.services.access import AccessService

    _, key = AccessService(indexed.registry).add("ui-client-viewer", "viewer", "public")
    return ApiClient(http, key, client_ip="10.1.2.3")


def test_me_and_a_bad_key(viewer: ApiClient, http: httpx.Client) -> None:
    assert viewer.me() == {"name": "ui-client-viewer", "role": "viewer", "clearance": "public", "units": []}
    with pytest.raises(ApiError) as err:
        ApiClient(http, "troly_00000000_sai").me()
    assert (str(err.value), err.value.status) == (INVALID_KEY, 401)


def test_stream_gives_the_same_answer_as_ask_and_quotes_match_the_text(viewer: ApiClient, http: httpx.Client) -> None:
    events = list(viewer.ask_stream(QUESTION))
    names = [e for e, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"answer"} and len(names) > 5
    plain = http.post("/v1/ask", json={"question": QUESTION}, headers=viewer.headers).json()
    assert "".join(d["text"] for e, d in events if e == "answer") == plain["answer"]
    assert events[-1][1]["answerable"] is True and "01/7/2025" in plain["answer"]
    first = events[-2][1][0]
    span = viewer.text(first["doc_id"], first["start"], first["end"])
    assert span["text"] == first["quote"] and span["before"] and span["after"]
    assert viewer.document(first["doc_id"]).title == first["title"]


def test_refusal_streams_related_passages(viewer: ApiClient) -> None:
    events = dict(viewer.ask_stream("Kinh phí chuyển đổi số của tỉnh Hà Giang là bao nhiêu?"))
    assert events["done"]["answerable"] is False and events["related"]


def test_documents_and_restricting_a_question_to_one(viewer: ApiClient) -> None:
    docs = viewer.documents()
    assert len(docs) == 5 and {d.classification for d in docs} == {"public"}
    one = docs[0].doc_id
    cites = dict(viewer.ask_stream(QUESTION, [one])).get("citations") or []
    assert {c["doc_id"] for c in cites} <= {one}


def test_viewer_may_not_upload_or_delete_and_gets_vietnamese_reasons(viewer: ApiClient, tmp_path: Path) -> None:
    f = tmp_path / "ke-hoach.txt"
    f.write_text("KẾ HOẠCH thử", encoding="utf-8")
    with pytest.raises(ApiError) as err:
        viewer.upload(f.name, f.read_bytes(), "public", [])
    assert err.value.status == 403 and "không có quyền" in str(err.value)
    with pytest.raises(ApiError) as err:
        viewer.delete(viewer.documents()[0].doc_id)
    assert err.value.status == 403
    with pytest.raises(ApiError) as err:
        viewer.document("khong-co")
    assert err.value.status == 404 and "Không tìm thấy tài liệu" in str(err.value)


def test_feedback_is_accepted(viewer: ApiClient) -> None:
    assert viewer.feedback(QUESTION, "Trước 01/7/2025 [1]", "sai", "thiếu nguồn", []) == {"status": "saved"}


def test_json_calls_and_downloads_share_one_request_path(viewer: ApiClient) -> None:
    listed = viewer.call("GET", "/v1/assignments", params={"page_size": 500})
    rows = viewer.download("/v1/assignments", {"format": "csv"}).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Mã,Văn bản,Số hiệu,Nhiệm vụ") and len(rows) == listed["total"] + 1 > 1
    with pytest.raises(ApiError) as err:
        viewer.download("/v1/reports/khong-co", {"format": "docx"})
    assert err.value.status == 404 and "Không tìm thấy bản dự thảo" in str(err.value)
    with httpx.Client(base_url="http://127.0.0.1:9") as closed:  # nothing listens on the discard port
        offline = ApiClient(closed, "troly_00000000_sai")
        for attempt in (offline.me, lambda: offline.download("/v1/assignments", {"format": "csv"})):
            with pytest.raises(ApiError, match="^Không kết nối được tới máy chủ: ") as err:
                attempt()
            assert err.value.status == 0
