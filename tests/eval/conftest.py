"""The second corpus folder (corpus-ext): plans in other conventions, the ext gold set is written over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# next to the sample corpus (TROLY_TEST_CORPUS, as in tests/conftest.py) unless set on its own
_CORPUS = Path(os.environ.get("TROLY_TEST_CORPUS", REPO.parent / "shared" / "corpus"))
CORPUS_EXT = Path(os.environ.get("TROLY_TEST_CORPUS_EXT", _CORPUS.parent / "corpus-ext"))


@pytest.fixture(scope="session")
def corpus_ext_dir() -> Path:
    if not sorted(CORPUS_EXT.glob("ext*.txt")):
        pytest.fail(f"corpus-ext not found in {CORPUS_EXT} (set TROLY_TEST_CORPUS_EXT)")
    return CORPUS_EXT
