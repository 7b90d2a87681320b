"""The OpenAPI document (/docs, /redoc, /openapi.json) speaks Vietnamese: every summary and description —
of operations, parameters, responses, schema fields, tags and the API itself — holds Vietnamese, and where
English is given too (`bilingual`) the Vietnamese comes first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings

from assistant.api.app import create_app

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)
VALUES = {"example", "examples", "default", "enum", "const"}  # data, not text about the API


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return create_app(make_settings(tmp_path_factory.mktemp("openapi"))).openapi()  # type: ignore[no-any-return]


def texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every summary and description string in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in VALUES:
                continue
            if key in ("summary", "description") and isinstance(value, str):
                yield f"{path}.{key}", value
            else:
                yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f"{path}[{i}]")


def test_every_summary_and_description_is_vietnamese_first(spec: dict[str, Any]) -> None:
    found = dict(texts(spec))
    assert len(found) > 200, "the walk must reach operations, parameters, responses and schema fields"
    assert ".paths./v1/ask.post.responses.422.description" in found
    assert ".components.schemas.AskRequest.properties.top_k.description" in found
    english_only = {where: text for where, text in found.items() if not VIETNAMESE.search(text)}
    assert not english_only, english_only
    english_first = {where: text for where, text in found.items() if not VIETNAMESE.search(text.split(" / ")[0])}
    assert not english_first, english_first
    assert all(unicodedata.is_normalized("NFC", text) for text in found.values())


def test_every_operation_has_a_summary_and_every_tag_a_description(spec: dict[str, Any]) -> None:
    described = {t["name"] for t in spec.get("tags", []) if VIETNAMESE.search(t.get("description", ""))}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert VIETNAMESE.search(operation.get("summary", "")), (method, path)  # not FastAPI's "Show Document"
            assert set(operation.get("tags", [])) <= described, (method, path, operation.get("tags"))


def test_framework_response_descriptions_are_replaced(spec: dict[str, Any]) -> None:
    found = dict(texts(spec))
    assert all(not text.startswith(("Successful Response", "Validation Error")) for text in found.values())


def test_a_regression_is_caught(tmp_path: Path) -> None:
    """The check itself fails on an English-only description."""
    app = create_app(make_settings(tmp_path))

    @app.get("/v1/x", summary="Thử", description="Returns nothing.")
    def _x() -> None: ...

    english_only = [w for w, t in texts(app.openapi()) if not VIETNAMESE.search(t)]
    assert english_only == [".paths./v1/x.get.description"]
