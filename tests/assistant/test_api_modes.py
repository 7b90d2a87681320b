"""`mode` on /v1/ask and /v1/ask/stream, and the OpenAI-compatible routes, with FastAPI's TestClient on the
real session index. The model's words are scripted (see test_generative): what is under test is what the
routes let through — verified sentences only, streamed as they pass — and how they report it.
The live server with the official `openai` client is in test_openai_api."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api import add_users, sse
from test_generative import GOOD, QUESTION, SHOWN, ScriptedModel

from assistant.api.app import create_app
from assistant.domain import AnswerMode
from assistant.services.answering import AnsweringService
from assistant.services.container import Services
from assistant.services.generative import GenerativeService
from assistant.settings import LlmSettings

FABRICATED = "Ban Xây dựng Đảng hoàn thành việc này trước ngày 31/12/2029 [1]."
UNMARKED = "Kinh phí do ngân sách trung ương cấp toàn bộ."


class Client:
    def __init__(self, indexed: Services, keys: dict[str, str]) -> None:
        self.http = TestClient(create_app(indexed.settings, indexed))
        self.keys = keys

    def post(self, path: str, body: dict[str, Any], user: str = "modes-viewer") -> Any:
        return self.http.post(path, json=body, headers={"Authorization": f"Bearer {self.keys[user]}"})

    def get(self, path: str, user: str = "modes-viewer") -> Any:
        return self.http.get(path, headers={"Authorization": f"Bearer {self.keys[user]}"})


@pytest.fixture(scope="module")
def client(indexed: Services) -> Client:
    return Client(indexed, add_users(indexed, {"modes-viewer": ("viewer", "public", []),
                                               "modes-admin": ("admin", "restricted", [])}))


@pytest.fixture()
def model(indexed: Services, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedModel]:
    """The session services answer generative questions with a scripted model for one test."""
    scripted = ScriptedModel("")
    generative = GenerativeService(indexed.ask, scripted, LlmSettings(max_passages=3), indexed.registry.text_of,
                                   indexed.redactor, indexed.settings.retrieval.top_k)
    monkeypatch.setitem(indexed.__dict__, "answering", AnsweringService(indexed.ask, generative))
    yield scripted


# --- /v1/ask ------------------------------------------------------------------------------------------------


def test_extractive_stays_the_default(client: Client) -> None:
    for body in ({"question": QUESTION}, {"question": QUESTION, "mode": "extractive"}):
        r = client.post("/v1/ask", body)
        assert r.status_code == 200 and r.json()["answer_mode"] == "extractive"


def test_generative_shows_verified_sentences_only(client: Client, model: ScriptedModel) -> None:
    model.text = "\n".join([GOOD, FABRICATED, UNMARKED])
    body = client.post("/v1/ask", {"question": QUESTION, "mode": "generative"}).json()
    assert (body["answer_mode"], body["answer"], body["answerable"]) == ("generative", SHOWN, True)
    assert [c["n"] for c in body["citations"]] == [1, 2]


def test_generative_without_a_model_falls_back(client: Client) -> None:
    body = client.post("/v1/ask", {"question": QUESTION, "mode": "generative"}).json()
    extractive = client.post("/v1/ask", {"question": QUESTION}).json()
    assert body["answer_mode"] == "extractive_fallback"
    assert (body["answer"], body["citations"]) == (extractive["answer"], extractive["citations"])


@pytest.mark.parametrize("mode", ["sinh", "GENERATIVE", "", 1])
def test_an_unknown_mode_is_refused(client: Client, mode: object) -> None:
    r = client.post("/v1/ask", {"question": QUESTION, "mode": mode})
    assert r.status_code == 422 and "mode" in r.json()["detail"]


# --- /v1/ask/stream -----------------------------------------------------------------------------------------


def test_the_stream_sends_verified_sentences(client: Client, model: ScriptedModel) -> None:
    second = "Các ứng dụng, cơ sở dữ liệu thuộc lĩnh vực tuyên giáo, dân vận, tổ chức xây dựng Đảng [1]."
    model.text = "\n".join([GOOD, FABRICATED, UNMARKED, second])
    events = sse(client.post("/v1/ask/stream", {"question": QUESTION, "mode": "generative"}).text)
    pieces = [data["text"] for name, data in events if name == "answer"]
    assert pieces == [SHOWN, "\n" + second]  # one event per verified sentence, not raw tokens
    assert [name for name, _ in events][-2:] == ["citations", "done"]
    done = events[-1][1]
    assert done["answer_mode"] == "generative" and done["answerable"] is True
    cited = {c["n"] for c in events[-2][1]}
    assert {int(n) for piece in pieces for n in re.findall(r"\[(\d+)\]", piece)} == cited


def test_a_stream_that_falls_back_sends_the_extractive_answer(client: Client, model: ScriptedModel) -> None:
    model.text = UNMARKED
    events = sse(client.post("/v1/ask/stream", {"question": QUESTION, "mode": "generative"}).text)
    extractive = client.post("/v1/ask", {"question": QUESTION}).json()
    assert "".join(d["text"] for n, d in events if n == "answer") == extractive["answer"]
    assert events[-1][1]["answer_mode"] == "extractive_fallback"


def test_a_bad_question_is_a_422_before_any_stream(client: Client) -> None:
    r = client.post("/v1/ask/stream", {"question": "   ", "mode": "generative"})
    assert r.status_code == 422 and r.json()["detail"] == "Câu hỏi không được để trống."


def test_generative_asks_are_audited(client: Client, model: ScriptedModel) -> None:
    model.text = GOOD
    client.post("/v1/ask/stream", {"question": QUESTION + " (luồng)", "mode": "generative"}, user="modes-admin")
    items = client.get("/v1/audit?user=modes-admin&page_size=1", user="modes-admin").json()["items"]
    assert (items[0]["action"], items[0]["question"], items[0]["answerable"]) == ("ask", QUESTION + " (luồng)", True)
    assert items[0]["doc_ids"]


# --- OpenAI-compatible routes -------------------------------------------------------------------------------


def chat(client: Client, *messages: str, model: str = "troly", stream: bool = False) -> Any:
    roles = ["user", "assistant"]
    body = {"model": model, "stream": stream, "temperature": 0.7,  # sampling fields are accepted and ignored
            "messages": [{"role": "system", "content": "Bạn là trợ lý."}]
            + [{"role": roles[i % 2], "content": m} for i, m in enumerate(messages)]}
    return client.post("/v1/chat/completions", body)


def test_models_without_a_model_server(client: Client) -> None:
    body = client.get("/v1/models").json()
    assert body["object"] == "list" and [m["id"] for m in body["data"]] == ["troly"]


def test_a_chat_completion_carries_the_sources_twice(client: Client) -> None:
    r = chat(client, QUESTION)
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "troly"
    [choice] = body["choices"]
    content = choice["message"]["content"]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    extractive = client.post("/v1/ask", {"question": QUESTION}).json()
    assert content.startswith(extractive["answer"] + "\n\nNguồn:\n[1] ")
    assert body["citations"] == extractive["citations"] and body["answer_mode"] == "extractive"


def test_a_follow_up_is_answered_as_the_question_it_stands_for(client: Client) -> None:
    direct = chat(client, "Văn phòng Đảng ủy chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?").json()
    follow = chat(client, QUESTION, "Ban Xây dựng Đảng: …", "còn Văn phòng Đảng ủy thì sao?").json()
    assert follow["citations"] == direct["citations"] and follow["citations"]
    assert follow["choices"][0]["message"]["content"] == direct["choices"][0]["message"]["content"]


def test_a_streamed_chat_completion_uses_openai_chunks(client: Client, model: ScriptedModel) -> None:
    model.text = "\n".join([GOOD, FABRICATED])
    raw = chat(client, QUESTION, model="troly-generative", stream=True).text
    blocks = [b.removeprefix("data: ") for b in raw.strip().split("\n\n")]
    assert blocks[-1] == "[DONE]"
    chunks = [json.loads(b) for b in blocks[:-1]]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"} and len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    content = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert content.startswith(SHOWN + "\n\nNguồn:\n[1] ") and "2029" not in content
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop" and last["answer_mode"] == "generative"
    assert [c["n"] for c in last["citations"]] == [1, 2]


@pytest.mark.parametrize(("body", "status"), [
    ({"model": "gpt-4o", "messages": [{"role": "user", "content": QUESTION}]}, 404),
    ({"model": "troly", "messages": []}, 422),
    ({"model": "troly", "messages": [{"role": "system", "content": "chỉ có lời dặn"}]}, 422),
])
def test_bad_chat_requests(client: Client, body: dict[str, Any], status: int) -> None:
    r = client.post("/v1/chat/completions", body)
    assert r.status_code == status and r.json()["detail"]


def test_chat_needs_a_key(client: Client) -> None:
    r = client.http.post("/v1/chat/completions", json={"model": "troly", "messages": [{"role": "user", "content": "x"}]})
    assert r.status_code == 401
    assert client.http.get("/v1/models", headers={"Authorization": "Bearer troly_sai_khoa"}).status_code == 401


def test_content_parts_are_read_as_text(client: Client) -> None:
    parts = [{"type": "text", "text": "Ban Xây dựng Đảng chủ trì triển khai"},
             {"type": "image_url", "image_url": {"url": "data:,"}},
             {"type": "text", "text": "những ứng dụng, cơ sở dữ liệu nào?"}]
    r = client.post("/v1/chat/completions", {"model": "troly", "messages": [{"role": "user", "content": parts}]})
    assert r.json()["citations"] == chat(client, QUESTION).json()["citations"]


def test_the_answer_mode_enum_matches_the_models() -> None:
    from assistant.api.routes.openai import MODELS

    assert set(MODELS.values()) == set(AnswerMode)
