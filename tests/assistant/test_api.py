"""HTTP API with FastAPI's TestClient on real indexes: authentication, roles, access control inside
retrieval, uploads, deletes, bad input, limits, audit and feedback.

Asks and reads run on the session index `indexed` (five corpus documents, public; never changed
here). Access control, uploads and deletes use a temp index of three short real excerpts: the
opening of the Bạch Đằng plan as *internal*, of the Lâm Đồng plan as *public*, and of the Đồng Nai
plan as public for unit "xã A" only.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.api.deps import current_principal
from assistant.api.limits import RateLimiter
from assistant.api.routes.documents import TAKEN_NAME, upload_classification
from assistant.services.access import AccessService, Principal
from assistant.services.container import Services
from assistant.settings import ApiSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ANSWERABLE = "Ai chủ trì rà soát hạ tầng mạng?"
OUT_OF_CORPUS = "Giá vàng SJC hôm nay là bao nhiêu?"
VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)
CITATION_FIELDS = {"n", "doc_id", "source", "title", "doc_number", "section", "quote", "start", "end", "page"}


@dataclass
class Api:
    client: TestClient
    keys: dict[str, str]
    services: Services
    docs: dict[str, str] = field(default_factory=dict)

    def auth(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[user]}"}

    def get(self, user: str, url: str, **kw: Any) -> Any:
        return self.client.get(url, headers=self.auth(user), **kw)

    def post(self, user: str, url: str, **kw: Any) -> Any:
        return self.client.post(url, headers=self.auth(user), **kw)

    def delete(self, user: str, url: str) -> Any:
        return self.client.delete(url, headers=self.auth(user))

    def ask(self, user: str, question: str, **kw: Any) -> dict[str, Any]:
        r = self.post(user, "/v1/ask", json={"question": question, **kw})
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]


def add_users(services: Services, users: dict[str, tuple[str, str, list[str]]]) -> dict[str, str]:
    access = AccessService(services.registry)
    return {name: access.add(name, role, clearance, units)[1] for name, (role, clearance, units) in users.items()}


@pytest.fixture(scope="module")
def api(indexed: Services) -> Api:
    keys = add_users(indexed, {
        "api-viewer": ("viewer", "public", []),
        "api-editor": ("editor", "internal", []),
        "api-admin": ("admin", "restricted", []),
    })
    return Api(TestClient(create_app(indexed.settings, indexed)), keys, indexed)


def sse(text: str) -> list[tuple[str, Any]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


# --- authentication and roles --------------------------------------------------------------------

ROUTES = [  # method, path, body (json) ; expected status per role
    ("GET", "/v1/me", None, {"viewer": 200, "editor": 200, "admin": 200}),
    ("POST", "/v1/ask", {"question": ANSWERABLE}, {"viewer": 200, "editor": 200, "admin": 200}),
    ("POST", "/v1/ask/stream", {"question": ANSWERABLE}, {"viewer": 200, "editor": 200, "admin": 200}),
    ("GET", "/v1/documents", None, {"viewer": 200, "editor": 200, "admin": 200}),
    ("POST", "/v1/documents", None, {"viewer": 403, "editor": 422, "admin": 422}),  # 422: no files sent
    ("GET", "/v1/documents/khong-co", None, {"viewer": 404, "editor": 404, "admin": 404}),
    ("GET", "/v1/documents/khong-co/text", None, {"viewer": 404, "editor": 404, "admin": 404}),
    ("DELETE", "/v1/documents/khong-co", None, {"viewer": 403, "editor": 404, "admin": 404}),
    ("GET", "/v1/audit", None, {"viewer": 403, "editor": 403, "admin": 200}),
    ("GET", "/v1/feedback", None, {"viewer": 403, "editor": 403, "admin": 200}),
    ("POST", "/v1/feedback", {"question": "q", "verdict": "đúng"}, {"viewer": 201, "editor": 201, "admin": 201}),
    ("GET", "/v1/users", None, {"viewer": 403, "editor": 403, "admin": 200}),
    ("POST", "/v1/users", {"name": "x", "role": "boss", "clearance": "public"},
     {"viewer": 403, "editor": 403, "admin": 422}),
    ("DELETE", "/v1/users/khong-co", None, {"viewer": 403, "editor": 403, "admin": 404}),
    ("GET", "/v1/index", None, {"viewer": 403, "editor": 403, "admin": 200}),
    ("POST", "/v1/index/repair", None, {"viewer": 403, "editor": 403, "admin": 200}),
]


@pytest.mark.parametrize(("method", "path", "body", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES])
def test_every_route_needs_a_key_and_the_right_role(api: Api, method: str, path: str, body: Any,
                                                    expected: dict[str, int]) -> None:
    anonymous = api.client.request(method, path, json=body)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert "khóa API" in anonymous.json()["detail"]
    wrong = api.client.request(method, path, json=body, headers={"Authorization": "Bearer troly_00000000_sai"})
    assert wrong.status_code == 401 and "không hợp lệ" in wrong.json()["detail"]
    for role, status in expected.items():
        r = api.client.request(method, path, json=body, headers=api.auth(f"api-{role}"))
        assert r.status_code == status, (role, r.text)
        if status == 403:
            assert "không có quyền" in r.json()["detail"]


def test_healthz_is_open(api: Api) -> None:
    r = api.client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


@pytest.mark.parametrize("header", ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ", "troly_abc"])
def test_malformed_authorization_is_401(api: Api, header: str) -> None:
    r = api.client.get("/v1/me", headers={"Authorization": header})
    assert r.status_code == 401 and VIETNAMESE.search(r.json()["detail"])


def test_me(api: Api) -> None:
    assert api.get("api-editor", "/v1/me").json() == {"name": "api-editor", "role": "editor",
                                                       "clearance": "internal", "units": []}


def test_users_api_issues_and_revokes_keys(api: Api) -> None:
    r = api.post("api-admin", "/v1/users", json={"name": "api-new", "role": "viewer", "clearance": "public",
                                                  "units": ["xã A"]})
    assert r.status_code == 201, r.text
    key = r.json()["key"]
    assert r.json()["user"]["units"] == ["xã A"] and key.startswith(f"troly_{r.json()['user']['key_prefix']}_")
    headers = {"Authorization": f"Bearer {key}"}
    assert api.client.get("/v1/me", headers=headers).json()["name"] == "api-new"
    listed = api.get("api-admin", "/v1/users").json()["users"]
    assert "api-new" in {u["name"] for u in listed} and key not in json.dumps(listed)
    assert api.delete("api-admin", "/v1/users/api-new").status_code == 200
    assert api.client.get("/v1/me", headers=headers).status_code == 401  # at once, in this process


# --- ask --------------------------------------------------------------------------------------------


def test_ask_json_shape_and_citations_point_into_the_text(api: Api) -> None:
    body = api.ask("api-viewer", ANSWERABLE)
    assert {"answer", "answerable", "citations", "latency_ms"} <= set(body)
    assert body["answerable"] is True and body["citations"] and isinstance(body["latency_ms"], int)
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == {c["n"] for c in body["citations"]}
    for c in body["citations"]:
        assert set(c) == CITATION_FIELDS
        span = api.get("api-viewer", f"/v1/documents/{c['doc_id']}/text",
                       params={"start": c["start"], "end": c["end"]}).json()
        assert span["text"] == c["quote"]


def test_refusal(api: Api) -> None:
    body = api.ask("api-viewer", OUT_OF_CORPUS)
    assert body["answerable"] is False and body["citations"] == []
    assert body["answer"].startswith("Không tìm thấy")


def test_ask_stream(api: Api) -> None:
    plain = api.ask("api-viewer", ANSWERABLE)
    r = api.post("api-viewer", "/v1/ask/stream", json={"question": ANSWERABLE})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse(r.text)
    names = [name for name, _ in events]
    assert names[0] == "answer" and names[-1] == "done" and "citations" in names
    assert names.index("citations") > max(i for i, n in enumerate(names) if n == "answer")
    assert "".join(d["text"] for n, d in events if n == "answer") == plain["answer"]
    assert next(d for n, d in events if n == "citations") == plain["citations"]
    assert events[-1][1]["answerable"] is True
    last = api.get("api-admin", "/v1/audit", params={"user": "api-viewer", "page_size": 1}).json()["items"][0]
    assert (last["action"], last["question"]) == ("ask", ANSWERABLE)  # audited once the stream is sent


def test_ask_within_chosen_documents(api: Api) -> None:
    docs = api.get("api-viewer", "/v1/documents").json()["documents"]
    chosen = next(d["doc_id"] for d in docs if d["source"] == "004_ac3b5f093c57f3b4.txt")
    body = api.ask("api-viewer", "Chỉ tiêu số hóa tài liệu lưu trữ là gì?", doc_ids=[chosen])
    assert {c["doc_id"] for c in body["citations"] + body["related"]} <= {chosen}


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"question": ""}, 422, "trống"),
        ({"question": "   \n\t "}, 422, "trống"),
        ({"question": "chuyển đổi số " * 200}, 422, "quá dài"),
        ({"question": ANSWERABLE, "top_k": 0}, 422, "top_k"),
        ({"question": ANSWERABLE, "top_k": 999}, 422, "top_k"),
        ({"question": ANSWERABLE, "top_k": "abc"}, 422, "top_k"),
        ({"question": ANSWERABLE, "doc_ids": ["khong-co-tai-lieu-nay"]}, 404, "Không tìm thấy tài liệu"),
        ({}, 422, "Thiếu trường bắt buộc 'question'"),
        ('{"question": "Ai chủ trì', 422, "JSON không hợp lệ"),
        ("[1, 2]", 422, "không hợp lệ"),
        ('{"question": "Ai \\ud800 chủ trì?"}', 422, "Ký tự không hợp lệ ở 'question'"),
        ('{"question": "Ai chủ trì?", "doc_ids": ["\\u0000"]}', 422, "Ký tự không hợp lệ ở 'doc_ids'"),
        (b'{"question": "Ai ch\xff tr\xc3?"}', 400, "không phải UTF-8"),
        (b"[" * 50_000 + b"]" * 50_000, 400, "lồng quá sâu"),
    ],
)
def test_bad_input_is_a_vietnamese_4xx(api: Api, body: Any, status: int, fragment: str) -> None:
    kw = {"content": body, "headers": {**api.auth("api-viewer"), "Content-Type": "application/json"}} \
        if isinstance(body, str | bytes) else {"json": body, "headers": api.auth("api-viewer")}
    r = api.client.post("/v1/ask", **kw)
    assert r.status_code == status, r.text
    assert fragment in r.json()["detail"] and VIETNAMESE.search(r.json()["detail"])


def test_a_crash_is_a_500_without_traceback(api: Api) -> None:
    def boom() -> Principal:
        raise RuntimeError("bí mật nội bộ: /srv/troly/secret.py line 42")

    app = api.client.app
    app.dependency_overrides[current_principal] = boom  # type: ignore[attr-defined]
    try:
        r = TestClient(app, raise_server_exceptions=False).post("/v1/ask", json={"question": ANSWERABLE})
    finally:
        app.dependency_overrides.clear()  # type: ignore[attr-defined]
    assert r.status_code == 500
    assert r.json() == {"detail": "Lỗi máy chủ nội bộ. Vui lòng thử lại sau."}
    assert "Traceback" not in r.text and "secret" not in r.text


# --- documents ----------------------------------------------------------------------------------------


def test_documents_list_show_and_text_with_context(api: Api, corpus_files: list[Path]) -> None:
    docs = api.get("api-viewer", "/v1/documents").json()["documents"]
    sources = {d["source"] for d in docs}
    assert {p.name for p in corpus_files} <= sources
    doc = next(d for d in docs if d["source"] == "003_cd1a971a82c3f3b2.txt")
    shown = api.get("api-viewer", f"/v1/documents/{doc['doc_id']}").json()
    assert shown["doc_id"] == doc["doc_id"] and "Lâm Đồng" in shown["title"] and shown["classification"] == "public"

    span = api.get("api-viewer", f"/v1/documents/{doc['doc_id']}/text", params={"start": 100, "end": 160}).json()
    full = api.services.registry.text_of(doc["doc_id"])
    assert span["text"] == full[100:160] and span["before"] == full[:100] and span["after"] == full[160:560]
    assert span["length"] == len(full)
    whole = api.get("api-viewer", f"/v1/documents/{doc['doc_id']}/text").json()
    assert whole["text"] == full
    bad = api.get("api-viewer", f"/v1/documents/{doc['doc_id']}/text", params={"start": 50, "end": 10})
    assert bad.status_code == 422 and "Vị trí trích dẫn không hợp lệ" in bad.json()["detail"]
    assert api.get("api-viewer", f"/v1/documents/{doc['doc_id']}/text", params={"start": -1}).status_code == 422


# --- limits -----------------------------------------------------------------------------------------------


def test_rate_limit_per_key(api: Api) -> None:
    settings = api.services.settings.model_copy(update={"api": ApiSettings(rate_limit_per_minute=3)})
    client = TestClient(create_app(settings, api.services))
    for _ in range(3):
        assert client.get("/v1/me", headers=api.auth("api-viewer")).status_code == 200
    r = client.get("/v1/me", headers=api.auth("api-viewer"))
    assert r.status_code == 429 and "Quá nhiều yêu cầu" in r.json()["detail"] and int(r.headers["retry-after"]) >= 1
    assert client.get("/v1/me", headers=api.auth("api-editor")).status_code == 200  # another key


def test_repeated_bad_keys_are_slowed_down(api: Api) -> None:
    settings = api.services.settings.model_copy(update={"api": ApiSettings(rate_limit_per_minute=3)})
    client = TestClient(create_app(settings, api.services))
    bad = {"Authorization": "Bearer troly_00000000_sai"}
    assert client.get("/v1/me", headers=api.auth("api-viewer")).status_code == 200
    assert [client.get("/v1/me", headers=bad).status_code for _ in range(4)] == [401, 401, 401, 429]
    assert client.get("/v1/me", headers=api.auth("api-viewer")).status_code == 200  # verified keys go on
    assert client.get("/v1/me", headers=api.auth("api-editor")).status_code == 429  # not yet verified: wait


def test_sliding_window() -> None:
    now = [0.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    assert [limiter.hit("k") for _ in range(3)] == [0, 0, 60]
    now[0] = 30
    assert limiter.hit("k") == 30 and limiter.hit("other") == 0
    now[0] = 60.5  # the two hits at 0 left the window; the refused one at 30 never counted
    assert limiter.hit("k") == 0 and limiter.retry_after("k") == 0
    assert [limiter.hit("k"), limiter.hit("k")] == [0, 60]


def test_request_body_cap(api: Api) -> None:
    settings = api.services.settings.model_copy(update={"api": ApiSettings(max_body_mb=0.01)})  # ~10 KB
    client = TestClient(create_app(settings, api.services))
    headers = {**api.auth("api-editor"), "Content-Type": "application/json"}
    big = json.dumps({"question": "x" * 20_000}).encode()

    by_length = client.post("/v1/ask", content=big, headers=headers)
    assert by_length.status_code == 413 and "quá lớn" in by_length.json()["detail"]
    streamed = client.post("/v1/ask", content=iter([big[:8000], big[8000:16000], big[16000:]]), headers=headers)
    assert streamed.status_code == 413 and "quá lớn" in streamed.json()["detail"]
    upload = client.post("/v1/documents", files={"files": ("lon.txt", b"x" * 20_000)}, headers=api.auth("api-editor"))
    assert upload.status_code == 413
    small = client.post("/v1/ask", json={"question": "x" * 2001}, headers=api.auth("api-editor"))
    assert small.status_code == 422 and "quá dài" in small.json()["detail"]  # under the cap: the question cap


@pytest.mark.parametrize(
    ("requested", "clearance", "expected"),
    [
        (None, "public", "public"),  # default (internal) capped at the uploader's clearance
        (None, "restricted", "internal"),
        ("public", "internal", "public"),
        ("internal", "internal", "internal"),
        ("restricted", "internal", None),
    ],
)
def test_upload_classification(requested: str | None, clearance: str, expected: str | None) -> None:
    assert upload_classification(requested, "internal", Principal("e", "editor", clearance)) == expected


# --- audit and feedback ---------------------------------------------------------------------------------


def test_asks_and_bad_keys_are_audited_with_personal_data_redacted(api: Api) -> None:
    api.ask("api-viewer", ANSWERABLE)
    api.ask("api-viewer", f"{ANSWERABLE} Số điện thoại của tôi là 0912 345 678.")
    api.ask("api-viewer", OUT_OF_CORPUS)
    api.client.get("/v1/documents", headers={"Authorization": "Bearer troly_abcdef12_sai"})

    items = api.get("api-admin", "/v1/audit", params={"user": "api-viewer"}).json()["items"]
    refused, planted, asked = items[:3]
    assert refused["action"] == "refused" and refused["answerable"] is False and refused["question"] == OUT_OF_CORPUS
    assert "0912 345 678" not in planted["question"] and "[SỐ ĐIỆN THOẠI]" in planted["question"]
    assert asked["action"] == "ask" and asked["answerable"] is True and asked["question"] == ANSWERABLE
    assert asked["doc_ids"] and asked["client"] == "testclient" and asked["latency_ms"] > 0 and asked["status"] == 200
    failed = api.get("api-admin", "/v1/audit", params={"action": "login_failed"}).json()["items"][0]
    assert failed["status"] == 401 and failed["user"] == ""
    assert failed["detail"] == "GET /v1/documents (khóa abcdef12…)"  # the public prefix, never the secret


def test_audit_pagination_and_filters(api: Api) -> None:
    for _ in range(3):
        api.ask("api-editor", ANSWERABLE)
    first = api.get("api-admin", "/v1/audit", params={"user": "api-editor", "page_size": 2}).json()
    second = api.get("api-admin", "/v1/audit", params={"user": "api-editor", "page_size": 2, "page": 2}).json()
    assert first["total"] == second["total"] >= 3 and first["page"] == 1 and len(first["items"]) == 2
    assert first["items"][0]["id"] > first["items"][1]["id"] > second["items"][0]["id"]
    assert api.get("api-admin", "/v1/audit", params={"since": "2999-01-01"}).json()["total"] == 0
    until = api.get("api-admin", "/v1/audit", params={"until": "2000-01-01T00:00:00+07:00"}).json()
    assert until["total"] == 0
    bad = api.get("api-admin", "/v1/audit", params={"since": "hôm qua"})
    assert bad.status_code == 422 and "since" in bad.json()["detail"]
    assert api.get("api-admin", "/v1/audit", params={"page_size": 501}).status_code == 422


def test_feedback_is_stored_redacted(api: Api) -> None:
    plain = api.ask("api-viewer", ANSWERABLE)
    r = api.post("api-viewer", "/v1/feedback", json={
        "question": ANSWERABLE, "answer": plain["answer"], "verdict": "SAI",
        "comment": "Sai đơn vị, gọi tôi 0987.654.321", "citations": plain["citations"]})
    assert r.status_code == 201, r.text
    bad = api.post("api-viewer", "/v1/feedback", json={"question": "q", "verdict": "có lẽ"})
    assert bad.status_code == 422 and "verdict" in bad.json()["detail"]

    items = api.get("api-admin", "/v1/feedback", params={"verdict": "sai"}).json()["items"]
    mine = next(i for i in items if i["user"] == "api-viewer" and i["question"] == ANSWERABLE)
    assert mine["verdict"] == "sai" and mine["answer"] == plain["answer"]
    assert mine["citations"] == plain["citations"]
    assert "0987.654.321" not in mine["comment"] and "[SỐ ĐIỆN THOẠI]" in mine["comment"]


# --- access control on a temp index ------------------------------------------------------------------------

EXCERPTS = {  # file in the temp index: (corpus file, lines, classification, units)
    "ke-hoach-noi-bo.txt": ("004_ac3b5f093c57f3b4.txt", 48, "internal", []),
    "ke-hoach-cong-khai.txt": ("003_cd1a971a82c3f3b2.txt", 40, "public", []),
    "ke-hoach-xa-a.txt": ("002_c556544764ad3087.txt", 60, "public", ["xã A"]),
}
INTERNAL_Q = "Phường Bạch Đằng phấn đấu bao nhiêu phần trăm đảng viên thường xuyên sử dụng Sổ tay đảng viên điện tử?"
UNIT_Q = "Kế hoạch chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai căn cứ những văn bản nào?"


def excerpt(path: Path, lines: int) -> str:
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[:lines]) + "\n"


@pytest.fixture(scope="module")
def acl(tmp_path_factory: pytest.TempPathFactory, indexed: Services, corpus_dir: Path) -> Iterator[Api]:
    root = tmp_path_factory.mktemp("acl")
    services = Services(indexed.settings.model_copy(update={"data_dir": root / "data"}))
    docs = {}
    for name, (source, lines, classification, units) in EXCERPTS.items():
        path = root / name
        path.write_text(excerpt(corpus_dir / source, lines), encoding="utf-8")
        outcome = services.ingest.ingest_file(path, classification=classification, units=units)
        assert outcome.status == "ingested", outcome
        docs[name] = outcome.doc_id
    keys = add_users(services, {
        "pub": ("viewer", "public", []),
        "int": ("viewer", "internal", []),
        "unit-a": ("viewer", "public", ["xã A"]),
        "unit-b": ("viewer", "public", ["xã B"]),
        "ed": ("editor", "internal", ["xã A"]),
        "ed2": ("editor", "internal", []),
        "root": ("admin", "restricted", []),
    })
    yield Api(TestClient(create_app(services.settings, services)), keys, services, docs)
    services.close()


def _seen(body: dict[str, Any]) -> set[str]:
    return {c["doc_id"] for c in body["citations"] + body["related"]}


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        ("pub", {"ke-hoach-cong-khai.txt"}),
        ("int", {"ke-hoach-cong-khai.txt", "ke-hoach-noi-bo.txt"}),
        ("unit-a", {"ke-hoach-cong-khai.txt", "ke-hoach-xa-a.txt"}),
        ("unit-b", {"ke-hoach-cong-khai.txt"}),
        ("root", set(EXCERPTS)),
    ],
)
def test_documents_a_user_may_not_read_do_not_exist_for_them(acl: Api, user: str, visible: set[str]) -> None:
    listed = {d["source"] for d in acl.get(user, "/v1/documents").json()["documents"]}
    assert listed & set(EXCERPTS) == visible
    for name, doc_id in acl.docs.items():
        show = acl.get(user, f"/v1/documents/{doc_id}")
        text = acl.get(user, f"/v1/documents/{doc_id}/text", params={"start": 0, "end": 10})
        if name in visible:
            assert show.status_code == 200 and text.status_code == 200
        else:
            unknown = acl.get(user, "/v1/documents/khong-co").json()["detail"].replace("khong-co", doc_id)
            assert show.status_code == text.status_code == 404
            assert show.json()["detail"] == text.json()["detail"] == unknown  # same as a missing document
            r = acl.post(user, "/v1/ask", json={"question": INTERNAL_Q, "doc_ids": [doc_id]})
            assert r.status_code == 404


def test_public_viewer_never_sees_an_internal_chunk(acl: Api) -> None:
    internal = acl.docs["ke-hoach-noi-bo.txt"]
    insider = acl.ask("int", INTERNAL_Q)
    assert insider["answerable"] is True and internal in _seen(insider)  # the question does hit it

    outsider = acl.ask("pub", INTERNAL_Q)
    assert internal not in _seen(outsider) and "ke-hoach-noi-bo.txt" not in outsider["retrieved"]
    assert "95%" not in outsider["answer"] and "Sổ tay đảng viên" not in json.dumps(outsider, ensure_ascii=False)
    events = sse(acl.post("pub", "/v1/ask/stream", json={"question": INTERNAL_Q}).text)
    assert internal not in json.dumps(events)


def test_unit_documents_are_invisible_to_other_units(acl: Api) -> None:
    unit_doc = acl.docs["ke-hoach-xa-a.txt"]
    assert unit_doc in _seen(acl.ask("unit-a", UNIT_Q))
    for user in ("unit-b", "pub"):
        body = acl.ask(user, UNIT_Q)
        assert unit_doc not in _seen(body) and "ke-hoach-xa-a.txt" not in body["retrieved"]


def test_upload_and_delete(acl: Api, tmp_path: Path, corpus_dir: Path) -> None:
    copy = tmp_path / "ke-hoach-bach-dang.txt"
    shutil.copy(corpus_dir / "004_ac3b5f093c57f3b4.txt", copy)
    with copy.open("rb") as fh:
        r = acl.post("ed", "/v1/documents", files={"files": (copy.name, fh, "text/plain")},
                     data={"classification": "internal", "units": ["xã A"]})
    assert r.status_code == 200, r.text
    [outcome] = r.json()["documents"]
    assert outcome["status"] == "ingested" and outcome["chunks"] > 5 and "Bạch Đằng" in outcome["title"]
    doc_id = outcome["doc_id"]
    meta = acl.get("ed", f"/v1/documents/{doc_id}").json()
    assert (meta["uploaded_by"], meta["classification"], meta["units"]) == ("ed", "internal", ["xã A"])
    assert acl.get("ed2", f"/v1/documents/{doc_id}").status_code == 404  # internal, but unit xã A only

    # another editor may neither replace (same file name) nor delete it
    stolen = acl.post("ed2", "/v1/documents", files={"files": (copy.name, b"KE HOACH\nNoi dung khac.\n")})
    assert stolen.json()["documents"][0] == {**stolen.json()["documents"][0], "status": "refused",
                                             "reason": TAKEN_NAME}
    assert acl.get("ed", f"/v1/documents/{doc_id}").json()["sha256"] == meta["sha256"]
    assert acl.delete("unit-a", f"/v1/documents/{doc_id}").status_code == 403  # viewer
    assert acl.delete("ed2", f"/v1/documents/{doc_id}").status_code == 404  # cannot even see it
    assert acl.delete("ed", f"/v1/documents/{acl.docs['ke-hoach-cong-khai.txt']}").status_code == 403  # not hers

    deleted = acl.delete("ed", f"/v1/documents/{doc_id}")
    assert deleted.status_code == 200 and deleted.json() == {"status": "deleted", "doc_id": doc_id}
    assert acl.get("ed", f"/v1/documents/{doc_id}").status_code == 404
    assert acl.services.store.count(doc_id) == 0

    actions = {(i["action"], tuple(i["doc_ids"])) for i in
               acl.get("root", "/v1/audit", params={"user": "ed"}).json()["items"]}
    assert {("upload", (doc_id,)), ("delete", (doc_id,)), ("forbidden", ())} <= actions


def test_upload_limits_by_clearance_and_unit(acl: Api) -> None:
    files = {"files": ("x.txt", b"KE HOACH\n")}
    too_high = acl.post("ed", "/v1/documents", files=files, data={"classification": "restricted"})
    assert too_high.status_code == 403 and "restricted" in too_high.json()["detail"]
    other_unit = acl.post("ed", "/v1/documents", files=files, data={"units": ["xã B"]})
    assert other_unit.status_code == 403 and "đơn vị" in other_unit.json()["detail"]
    unknown = acl.post("ed", "/v1/documents", files=files, data={"classification": "tối mật"})
    assert unknown.status_code == 422 and "public, internal hoặc restricted" in unknown.json()["detail"]
    assert acl.post("unit-a", "/v1/documents", files=files).status_code == 403


def test_bad_files_get_a_vietnamese_reason_and_admin_deletes_any(acl: Api, corpus_dir: Path) -> None:
    small = excerpt(corpus_dir / "001_ce564b243cd16df3.txt", 12).encode()
    r = acl.post("ed2", "/v1/documents", data={"classification": "public"}, files=[
        ("files", ("rong.txt", b"", "text/plain")),
        ("files", ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")),
        ("files", ("mat.txt", (FIXTURES / "stamped_mat.txt").read_bytes(), "text/plain")),
        ("files", ("chuong-trinh.txt", small, "text/plain")),
    ])
    assert r.status_code == 200, r.text
    by_name = {o["source"]: o for o in r.json()["documents"]}
    assert [by_name[n]["status"] for n in ("rong.txt", "anh.png", "mat.txt", "chuong-trinh.txt")] == [
        "failed", "failed", "refused", "ingested"]
    for name in ("rong.txt", "anh.png", "mat.txt"):
        assert VIETNAMESE.search(by_name[name]["reason"]), by_name[name]
    assert "MẬT" in by_name["mat.txt"]["reason"]

    doc_id = by_name["chuong-trinh.txt"]["doc_id"]
    assert acl.get("pub", f"/v1/documents/{doc_id}").status_code == 200  # public, no units
    assert acl.delete("root", f"/v1/documents/{doc_id}").status_code == 200
    assert acl.get("pub", f"/v1/documents/{doc_id}").status_code == 404


def test_framework_errors_are_vietnamese(api: Api) -> None:
    missing = api.client.get("/v1/khong-co", headers=api.auth("api-admin"))
    assert missing.status_code == 404 and missing.json()["detail"] == "Không tìm thấy địa chỉ này."
    wrong_method = api.client.put("/v1/ask", headers=api.auth("api-admin"))
    assert wrong_method.status_code == 405 and "Phương thức" in wrong_method.json()["detail"]
