"""The language model behind the generative answerer: any OpenAI-compatible chat server.

vLLM, Ollama and llama.cpp's server all speak the OpenAI chat API, so one maintained client (the
`openai` package) reaches them. Settings decide where (loopback or `llm.allowed_hosts` only,
checked in `LlmSettings`), how long to wait and how to sample (temperature 0 by default). The client
never retries (a slow server must not double the wait), ignores proxy variables of the environment
(nothing detours through a proxy) and turns every failure into `LlmError`, which the answerer
answers with its extractive fallback. Callers redact what they send; this module sends as given.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, Protocol, cast

from assistant.settings import LlmSettings

Message = dict[str, str]


class LlmError(RuntimeError):
    """The model server is not configured, unreachable, too slow or answered an error."""


class ChatModel(Protocol):
    def stream(self, messages: list[Message]) -> Iterator[str]: ...


class OpenAIChat:
    """Chat completions through the `openai` client, always streamed: the answerer reads sentence by
    sentence and hangs up early (a small model that starts repeating itself costs no more tokens)."""

    def __init__(self, cfg: LlmSettings) -> None:
        import openai

        if not cfg.base_url:
            raise LlmError("Chưa cấu hình máy chủ mô hình ngôn ngữ (TROLY_LLM__BASE_URL).")
        self.cfg = cfg
        self._errors: tuple[type[Exception], ...] = (openai.OpenAIError,)
        self.client = openai.OpenAI(
            base_url=cfg.base_url,
            api_key=cfg.api_key.get_secret_value() if cfg.api_key else "khong-can",  # servers without keys ignore it
            timeout=openai.Timeout(cfg.timeout_s, connect=cfg.connect_timeout_s),
            max_retries=0,
            http_client=openai.DefaultHttpxClient(trust_env=False),
        )

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Text pieces as the server writes them; stops with `LlmError` past `timeout_s` in total."""
        deadline = time.monotonic() + self.cfg.timeout_s
        try:
            chunks = self.client.chat.completions.create(
                model=self.cfg.model, messages=cast(Any, messages),  # plain dicts: the API's message shape
                temperature=self.cfg.temperature, max_tokens=self.cfg.max_tokens, stream=True)
            with chunks:
                for chunk in chunks:
                    if chunk.choices and chunk.choices[0].delta.content:
                        yield chunk.choices[0].delta.content
                    if time.monotonic() > deadline:
                        raise LlmError(f"Máy chủ mô hình trả lời quá {self.cfg.timeout_s:g} giây.")
        except self._errors as exc:
            raise LlmError(_reason(exc)) from exc

    def close(self) -> None:
        self.client.close()


def _reason(exc: Exception) -> str:
    """A short Vietnamese reason for logs (never the prompt: it carries the question)."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "Máy chủ mô hình trả lời quá chậm."
    if isinstance(exc, openai.APIConnectionError):
        return "Không kết nối được tới máy chủ mô hình."
    if isinstance(exc, openai.APIStatusError):
        return f"Máy chủ mô hình trả lỗi {exc.status_code}."
    return f"Lỗi khi gọi máy chủ mô hình: {type(exc).__name__}."


def build_chat_model(cfg: LlmSettings) -> OpenAIChat | None:
    """The configured model server, or None when generative answering is off."""
    return OpenAIChat(cfg) if cfg.base_url else None
