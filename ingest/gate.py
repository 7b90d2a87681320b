"""Stage 4 — classification gate: documents stamped MẬT / TỐI MẬT / TUYỆT MẬT are refused.

State secrets must never reach the index, the registry or a language model. The stamp is
a short line of its own near the top ("MẬT", "**TỐI MẬT**", "Độ mật: Mật"); sentences that
merely talk about "mạng mật" or "tài liệu mật, tối mật" are ordinary content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import collapse_spaces, nfc
from ingest.metadata import CELL_SPLIT, find_title_line

STAMP_LINES = 40  # the stamp sits in the header: within the first non-empty lines ...
STAMP_CHARS = 3000  # ... and the first characters of the document

_DECORATION = re.compile(r"<[^>]+>|[*#_\[\]()\"“”]")
_STAMP = re.compile(
    r"^(?:ĐỘ MẬT\s*[:\-–]?\s*)?(?P<stamp>TUYỆT MẬT|TỐI MẬT|MẬT)"
    r"(?:\s*[,\-–/]?\s*(?:THƯỢNG KHẨN|KHẨN|HỎA TỐC|HOẢ TỐC)(?: HẸN GIỜ)?)?\s*\.?$"
)
# A stamp glued to another header line by a line-joining export ("Số 99-KH/TU MẬT"): printed in
# capitals at the start or the end of the line, and not part of a word such as BẢO MẬT or MẬT MÃ.
_GLUED_END = re.compile(r"(?:^|(?P<before>\S+)\s)(?P<stamp>TUYỆT MẬT|TỐI MẬT|MẬT)$")
_GLUED_START = re.compile(r"^(?P<stamp>TUYỆT MẬT|TỐI MẬT|MẬT)\s(?P<after>\S+)")
_WORDS_BEFORE_MAT = frozenset(("BÍ", "BẢO", "MẠNG", "CƠ", "ĐỘ", "CẤP"))
_WORDS_AFTER_MAT = frozenset(("MÃ", "KHẨU", "THIẾT", "THÁM", "VỤ"))


class ClassifiedDocumentError(Exception):
    """A stamped document; the message names the stamp only, never any content."""

    def __init__(self, stamp: str) -> None:
        self.stamp = stamp
        super().__init__(
            f"Tài liệu được đóng dấu {stamp}: không được phép nạp vào hệ thống "
            "(tài liệu bí mật nhà nước không được lưu trữ, lập chỉ mục hay xử lý bằng AI)."
        )


def find_classification_stamp(text: str) -> str | None:
    """'MẬT' | 'TỐI MẬT' | 'TUYỆT MẬT' when the header carries that stamp, else None."""
    lines = nfc(text[:STAMP_CHARS]).splitlines()
    title = find_title_line(lines)
    header_end = title[0] if title else 0  # lines above the title hold only header elements
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > STAMP_LINES:
            break
        for cell in CELL_SPLIT.split(line.strip()):
            match = _STAMP.match(_plain(cell).upper())
            if match:
                return match.group("stamp")
        if index < header_end:
            stamp = _glued_stamp(_plain(line))
            if stamp:
                return stamp
    return None


def _plain(text: str) -> str:
    return collapse_spaces(_DECORATION.sub(" ", text))


def _glued_stamp(line: str) -> str | None:
    end = _GLUED_END.search(line)
    if end and end.group("before") not in _WORDS_BEFORE_MAT:
        return end.group("stamp")
    start = _GLUED_START.match(line)
    if start and start.group("after") not in _WORDS_AFTER_MAT:
        return start.group("stamp")
    return None


class ClassificationGate(TransformComponent):
    """Raises ClassifiedDocumentError for a stamped document, so the pipeline stores nothing of it."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            stamp = find_classification_stamp(node.get_content())
            if stamp:
                raise ClassifiedDocumentError(stamp)
        return nodes
