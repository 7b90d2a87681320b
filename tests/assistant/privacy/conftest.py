"""Shared helpers of the privacy tests: run one recognizer and read back what it found."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from presidio_analyzer import EntityRecognizer

# tests/ mirrors the package names without __init__.py files, so without the repository on
# sys.path "assistant" resolves to the tests/assistant folder (a namespace package) and this
# folder shadows the real assistant/privacy package. Put the repository first and drop any such
# namespace modules. (A project-wide fix: `pythonpath = ["."]` in the pytest options.)
_REPO = str(Path(__file__).resolve().parents[3])
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)
for _name in ("assistant.privacy", "assistant"):
    if _name in sys.modules and getattr(sys.modules[_name], "__file__", None) is None:
        del sys.modules[_name]
importlib.invalidate_caches()


def _values(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.fixture(scope="session")
def values_of() -> Callable[[EntityRecognizer, str], list[str]]:
    """`values_of(recognizer, text)`: the matched substrings, in text order."""
    return _values
