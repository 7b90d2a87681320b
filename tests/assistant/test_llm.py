"""The model-server component: where it may send (settings), how it fails (LlmError), and a real call to
llama.cpp's server with the small packaged model."""

from __future__ import annotations

import pytest
from conftest import ModelServer, free_port, llm_settings, silent_server
from pydantic import ValidationError

from assistant.components.llm import LlmError, OpenAIChat, build_chat_model
from assistant.settings import LlmSettings, Settings, is_loopback

ASK = [{"role": "user", "content": "Viết một câu về chuyển đổi số."}]


@pytest.mark.parametrize(
    ("url", "allowed", "ok"),
    [
        ("http://127.0.0.1:8080/v1", [], True),
        ("http://localhost:11434/v1", [], True),
        ("http://127.3.4.5:8000/v1/", [], True),
        ("http://[::1]:8000/v1", [], True),
        ("http://llm:8000/v1", ["llm"], True),
        ("https://gpu.noi-bo.vn/v1", ["gpu.noi-bo.vn"], True),
        ("http://llm:8000/v1", [], False),  # not listed: questions would leave the machine
        ("https://api.openai.com/v1", [], False),
        ("http://10.0.0.5:8000/v1", ["llm"], False),
        ("ftp://127.0.0.1/v1", [], False),
        ("127.0.0.1:8080", [], False),
    ],
)
def test_only_loopback_or_allowed_hosts(url: str, allowed: list[str], ok: bool) -> None:
    if ok:
        assert LlmSettings(base_url=url, allowed_hosts=allowed).base_url == url.rstrip("/")
    else:
        with pytest.raises(ValidationError):
            LlmSettings(base_url=url, allowed_hosts=allowed)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                                 ("0.0.0.0", False), ("llm", False), ("192.168.1.2", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_defaults_are_off_deterministic_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = LlmSettings()
    assert cfg.base_url is None and build_chat_model(cfg) is None
    assert cfg.temperature == 0.0 and cfg.timeout_s > 0 and cfg.connect_timeout_s > 0
    monkeypatch.setenv("TROLY_LLM__BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("TROLY_LLM__API_KEY", "bi-mat")
    monkeypatch.setenv("TROLY_LLM__ALLOWED_HOSTS", '["llm"]')
    s = Settings()
    assert s.llm.base_url == "http://127.0.0.1:9/v1" and s.llm.allowed_hosts == ["llm"]
    assert "bi-mat" not in repr(s)  # the key is a secret: never in logs or reprs
    assert s.answer.mode == "extractive"


def test_server_down_is_an_llm_error() -> None:
    chat = OpenAIChat(LlmSettings(base_url=f"http://127.0.0.1:{free_port()}/v1", connect_timeout_s=2))
    with pytest.raises(LlmError, match="Không kết nối được"):
        list(chat.stream(ASK))


def test_a_silent_server_times_out() -> None:
    with silent_server() as url:
        chat = OpenAIChat(LlmSettings(base_url=url, timeout_s=1.0))
        with pytest.raises(LlmError, match="quá chậm"):
            list(chat.stream(ASK))


def test_a_real_server_streams_text(model_server: ModelServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # a proxy in the environment must not be used: the question goes straight to the configured host
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{free_port()}")
    chat = OpenAIChat(llm_settings(model_server, max_tokens=16))
    pieces = list(chat.stream(ASK))
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip()
    chat.close()


def test_a_wrong_model_path_is_an_llm_error(model_server: ModelServer) -> None:
    chat = OpenAIChat(llm_settings(model_server, base_url=model_server.url.removesuffix("/v1") + "/khong-co"))
    with pytest.raises(LlmError, match="trả lỗi 404"):
        list(chat.stream(ASK))
