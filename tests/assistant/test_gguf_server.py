"""The local model server: loopback only, the packaged model, the OpenAI routes it serves."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import ModelServer

from assistant.components.gguf_server import packaged_model, start


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_refuses_to_listen_beyond_loopback(host: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="loopback"):
        start(tmp_path / "khong-can.gguf", host, 8080, threads=1, ctx=512)


def test_the_packaged_model_is_a_gguf_file() -> None:
    path = packaged_model()
    with path.open("rb") as fh:
        assert fh.read(4) == b"GGUF"
    assert path.stat().st_size > 100_000_000


def test_serves_the_openai_routes(model_server: ModelServer) -> None:
    models = httpx.get(f"{model_server.url}/models", timeout=10).json()
    assert models["data"] and models["data"][0]["id"]
    assert httpx.get(model_server.url.removesuffix("/v1") + "/health", timeout=10).json() == {"status": "ok"}
