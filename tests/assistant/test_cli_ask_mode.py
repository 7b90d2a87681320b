"""`troly ask --mode`: the answerer asked for, and what the terminal says when generative fell back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ModelServer
from test_cli import admin, troly, unstamped_fixture

from assistant.cli.ask import FALLBACK_NOTE

QUESTION = "Kế hoạch bảo vệ tài liệu mật trên mạng nào?"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-mode")
    ingested = troly(root / "data", "ingest", str(unstamped_fixture(root)), "--json")
    assert ingested.code == 0, ingested.flat
    return root / "data"


def test_extractive_by_default(data_dir: Path) -> None:
    for args in ((), ("--mode", "extractive")):
        run = troly(data_dir, "ask", QUESTION, "--json", *args, **admin(data_dir))
        assert run.code == 0 and run.json()["answer_mode"] == "extractive"


def test_generative_without_a_model_server_falls_back_and_says_so(data_dir: Path) -> None:
    run = troly(data_dir, "ask", QUESTION, "--json", "--mode", "generative", **admin(data_dir))
    assert run.code == 0 and run.json()["answer_mode"] == "extractive_fallback"
    readable = troly(data_dir, "ask", QUESTION, "--mode", "generative", **admin(data_dir))
    assert readable.code == 0 and " ".join(FALLBACK_NOTE.split()) in readable.flat


def test_an_unknown_mode_is_a_usage_error(data_dir: Path) -> None:
    run = troly(data_dir, "ask", QUESTION, "--mode", "sinh", **admin(data_dir))
    assert run.code == 2 and "--mode" in run.flat


def test_generative_with_the_real_model(data_dir: Path, model_server: ModelServer) -> None:
    run = troly(data_dir, "ask", QUESTION, "--json", "--mode", "generative", TROLY_LLM__BASE_URL=model_server.url,
                TROLY_LLM__MAX_TOKENS="48", TROLY_LLM__TIMEOUT_S="600", **admin(data_dir))
    assert run.code == 0, run.flat
    body = run.json()
    assert body["answer_mode"] in ("generative", "extractive_fallback") and body["answerable"]
    assert body["citations"] and all(c["quote"] for c in body["citations"])
