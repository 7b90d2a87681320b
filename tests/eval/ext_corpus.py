"""The second corpus folder (corpus-ext), next to the sample corpus of tests/conftest.py.

A helper module, not a conftest.py: a second `conftest` module would shadow `from conftest import …`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CORPUS

CORPUS_EXT = Path(os.environ.get("TROLY_TEST_CORPUS_EXT", CORPUS.parent / "corpus-ext"))


def corpus_ext_dir() -> Path:
    """The folder; the test fails loudly (it does not skip) when it is missing."""
    if not sorted(CORPUS_EXT.glob("ext*.txt")):
        pytest.fail(f"corpus-ext not found in {CORPUS_EXT} (set TROLY_TEST_CORPUS_EXT)")
    return CORPUS_EXT
