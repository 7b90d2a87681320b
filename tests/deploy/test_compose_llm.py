"""deploy/: the model-server compose file and the local LLM profile are what the README says they are
(Docker is not run here: the files are read as compose and settings would read them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from assistant.settings import LlmSettings, load_settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.llm.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("service", "profile"), [("llm-gpu", "gpu"), ("llm-cpu", "cpu")])
def test_model_servers_are_profiles_with_healthchecks(compose: dict[str, Any], service: str, profile: str) -> None:
    s = compose["services"][service]
    assert s["profiles"] == [profile]
    assert s["healthcheck"]["test"][0] == "CMD" and "/health" in " ".join(s["healthcheck"]["test"])
    assert "ports" not in s  # reachable on the compose network only
    assert s["networks"]["default"]["aliases"] == ["llm"]
    assert any(v.endswith(":/models:ro") for v in s["volumes"])  # weights mounted, never downloaded
    assert "8000" in s["command"]


def test_vllm_serves_a_vietnamese_capable_model(compose: dict[str, Any]) -> None:
    command = " ".join(compose["services"]["llm-gpu"]["command"])
    assert "Qwen2.5-7B-Instruct" in command and compose["services"]["llm-gpu"]["environment"]["HF_HUB_OFFLINE"] == "1"


def test_troly_is_pointed_at_the_model_server_and_allowed_to_reach_it(compose: dict[str, Any]) -> None:
    env = compose["services"]["troly"]["environment"]
    cfg = LlmSettings(base_url=env["TROLY_LLM__BASE_URL"], allowed_hosts=json.loads(env["TROLY_LLM__ALLOWED_HOSTS"]))
    assert urlsplit(cfg.base_url).hostname == "llm" and urlsplit(cfg.base_url).port == 8000


def test_the_local_profile_loads() -> None:
    settings = load_settings(DEPLOY / "profiles" / "llm-local.yaml")
    assert settings.llm.base_url == "http://127.0.0.1:8080/v1" and settings.llm.temperature == 0.0
    assert settings.answer.mode == "extractive"
