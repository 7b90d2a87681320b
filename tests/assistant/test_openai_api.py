"""The OpenAI-compatible API of a live `troly serve` on loopback, used through the official `openai` client,
with the real model server (llama.cpp + the small packaged GGUF model) behind `troly-generative`.

The index holds two short real excerpts: the opening of the Bạch Đằng plan as *internal* and of the Lâm
Đồng plan as *public*; a viewer with public clearance must never see the internal one, whatever the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openai
import pytest
from conftest import ModelServer, free_port, make_settings, running
from test_api import EXCERPTS, INTERNAL_Q, add_users, excerpt
from test_cli import process_env, troly_argv

from assistant.services.container import Services

START_S = 300
USED = ("ke-hoach-noi-bo.txt", "ke-hoach-cong-khai.txt")


@dataclass
class Live:
    url: str  # API root for OpenAI clients: http://127.0.0.1:PORT/v1
    keys: dict[str, str]
    docs: dict[str, str]  # file name -> doc_id

    def client(self, user: str) -> openai.OpenAI:
        return openai.OpenAI(base_url=self.url, api_key=self.keys.get(user, user), max_retries=0, timeout=900)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, model_server: ModelServer) -> Iterator[Live]:
    root = tmp_path_factory.mktemp("openai-live")
    data_dir = root / "data"
    services = Services(make_settings(data_dir))
    docs = {}
    for name in USED:
        source, lines, classification, units = EXCERPTS[name]
        path = root / name
        path.write_text(excerpt(corpus_dir / source, lines), encoding="utf-8")
        outcome = services.ingest.ingest_file(path, classification=classification, units=units)
        assert outcome.status == "ingested", outcome
        docs[name] = outcome.doc_id
    keys = add_users(services, {"xem": ("viewer", "public", []), "quan-tri": ("admin", "restricted", [])})
    services.close()
    port = free_port()
    env = process_env(data_dir, TROLY_LLM__BASE_URL=model_server.url, TROLY_LLM__MAX_TOKENS="48",
                      TROLY_LLM__MAX_PASSAGES="2", TROLY_LLM__PASSAGE_CHARS="500", TROLY_LLM__TIMEOUT_S="600")
    with running([*troly_argv(), "serve", "--host", "127.0.0.1", "--port", str(port)], env, root / "serve.log",
                 f"http://127.0.0.1:{port}/healthz", START_S):
        yield Live(f"http://127.0.0.1:{port}/v1", keys, docs)


def seen(extra: dict[str, object]) -> set[str]:
    return {str(c["doc_id"]) for key in ("citations", "related") for c in extra.get(key) or []}  # type: ignore[attr-defined]


def test_models_are_the_answer_modes(live: Live) -> None:
    assert [m.id for m in live.client("xem").models.list()] == ["troly", "troly-generative"]


def test_a_bad_key_is_401(live: Live) -> None:
    with pytest.raises(openai.AuthenticationError) as err:
        live.client("troly_saikhoa_khongdung").chat.completions.create(
            model="troly", messages=[{"role": "user", "content": INTERNAL_Q}])
    assert err.value.status_code == 401
    with pytest.raises(openai.AuthenticationError):
        live.client("troly_saikhoa_khongdung").models.list()


def test_an_answer_with_its_sources(live: Live) -> None:
    done = live.client("quan-tri").chat.completions.create(
        model="troly", messages=[{"role": "user", "content": INTERNAL_Q}])
    content = done.choices[0].message.content or ""
    extra = done.model_extra or {}
    assert done.object == "chat.completion" and done.choices[0].finish_reason == "stop"
    assert extra["answer_mode"] == "extractive" and extra["answerable"] is True
    assert "\n\nNguồn:\n[1] " in content and "[1]" in content.split("Nguồn:")[0]
    assert live.docs["ke-hoach-noi-bo.txt"] in seen(extra)


def test_the_viewer_clearance_holds(live: Live) -> None:
    internal = live.docs["ke-hoach-noi-bo.txt"]
    client = live.client("xem")
    done = client.chat.completions.create(model="troly", messages=[{"role": "user", "content": INTERNAL_Q}])
    assert internal not in seen(done.model_extra or {})
    assert "Sổ tay đảng viên" not in (done.choices[0].message.content or "").split("Có thể liên quan:")[0]
    stream = client.chat.completions.create(model="troly-generative", stream=True,
                                            messages=[{"role": "user", "content": INTERNAL_Q}])
    last = list(stream)[-1]
    assert internal not in seen(last.model_extra or {})


def test_a_streamed_generative_answer(live: Live) -> None:
    stream = live.client("quan-tri").chat.completions.create(
        model="troly-generative", stream=True,
        messages=[{"role": "user", "content": "Kế hoạch chuyển đổi số nào?"},
                  {"role": "assistant", "content": "…"},
                  {"role": "user", "content": INTERNAL_Q}])
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert {c.object for c in chunks} == {"chat.completion.chunk"} and len({c.id for c in chunks}) == 1
    content = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    extra = last.model_extra or {}
    assert last.choices[0].finish_reason == "stop"
    assert extra["answer_mode"] in ("generative", "extractive_fallback") and extra["answerable"] is True
    assert "\n\nNguồn:\n[1] " in content
    cited = {int(c["n"]) for c in extra["citations"]}
    assert cited == set(range(1, len(cited) + 1))
    assert live.docs["ke-hoach-noi-bo.txt"] in seen(extra)
