"""Gold questions: the JSONL format, its loader/validator and the fact-matching rule.

Format — one JSON object per line (UTF-8, NFC; blank lines are ignored)::

    {"id": "q01",
     "question": "Theo chương trình hành động của xã, đến Quý III/2026 chỉ tiêu số hóa hồ sơ là bao nhiêu?",
     "expected_facts": [["60–70%", "60-70%"]],
     "expected_sources": ["001_ce564b243cd16df3.txt"],
     "answerable": true,
     "type": "target",
     "expected_section": "Quý III",
     "tags": ["table"]}

- ``id``: unique, non-empty.
- ``question``: as a staff member would type it (diacritics optional).
- ``expected_facts``: key facts the answer must contain; each inner list is ONE fact and holds its
  alternatives (any one counts). Every alternative appears in one of the expected sources' text
  after :func:`normalize_for_match` (NFC, case, whitespace, ``≥``/``>=``, ``%`` spacing, dashes,
  LaTeX ``$\\geq 50\\%$``, old/new tone placement ``hoá``/``hóa``), matched on word boundaries.
- ``expected_sources``: acceptable source file names (the ``source`` of a citation).
- ``answerable``: ``false`` when no document contains the answer; then ``type`` is
  ``"unanswerable"`` and both lists are empty.
- ``type``: one of :data:`QUESTION_TYPES`.
- ``expected_section`` (optional): a substring of the section path that holds the answer,
  e.g. ``"4. Văn phòng Đảng ủy"``; enables the section-level retrieval metric.
- ``tags`` (optional): ``"table"`` when the answer sits in a table row. Questions typed without
  diacritics are recognised from the text itself (:func:`question_groups`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from assistant.text import has_diacritics, nfc

QUESTION_TYPES: tuple[str, ...] = (
    "responsibility",  # who leads / coordinates (chủ trì, phối hợp)
    "target",  # chỉ tiêu, percentages
    "deadline",  # thời hạn
    "list",  # "which ... / what are the ..."
    "table",  # a table row read as a whole (chủ trì + thời gian + sản phẩm)
    "reporting",  # how and when reports flow
    "cross_document",  # needs two or more documents
    "metadata",  # signer, number, issuer
    "funding",  # kinh phí sources
    "content",  # what a plan says about a topic
    "unanswerable",  # no document contains the answer
)
TAGS: tuple[str, ...] = ("table",)


class GoldDataError(ValueError):
    """A gold file that cannot be used; the message is Vietnamese and names the line."""


class GoldQuestion(BaseModel):
    """One gold question (see the module docstring for the JSONL format)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    expected_facts: list[list[str]] = []
    expected_sources: list[str] = []
    answerable: bool = True
    type: str
    expected_section: str | None = None
    tags: list[str] = []

    @field_validator("id", "question")
    @classmethod
    def _non_empty(cls, value: str) -> str:
        value = nfc(value).strip()
        if not value:
            raise ValueError("không được để trống")
        return value

    @field_validator("expected_facts")
    @classmethod
    def _facts(cls, facts: list[list[str]]) -> list[list[str]]:
        out = []
        for i, alternatives in enumerate(facts, 1):
            cleaned = [nfc(a).strip() for a in alternatives]
            if not cleaned or not all(cleaned):
                raise ValueError(f"dữ kiện thứ {i} phải là danh sách các cách viết không rỗng")
            out.append(cleaned)
        return out

    @field_validator("expected_sources")
    @classmethod
    def _sources(cls, sources: list[str]) -> list[str]:
        for s in sources:
            if not s.strip() or "/" in s or "\\" in s:
                raise ValueError(f"nguồn phải là tên tệp, không phải đường dẫn: {s!r}")
        return [nfc(s).strip() for s in sources]

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in QUESTION_TYPES:
            raise ValueError(
                f"loại câu hỏi {value!r} không hợp lệ; dùng một trong: {', '.join(QUESTION_TYPES)}"
            )
        return value

    @field_validator("expected_section")
    @classmethod
    def _section(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = nfc(value).strip()
        if not value:
            raise ValueError("expected_section không được là chuỗi rỗng (bỏ trường này đi)")
        return value

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: list[str]) -> list[str]:
        unknown = [t for t in tags if t not in TAGS]
        if unknown:
            raise ValueError(f"nhãn không hợp lệ {unknown}; dùng: {', '.join(TAGS)}")
        return tags

    @model_validator(mode="after")
    def _consistent(self) -> GoldQuestion:
        if self.answerable:
            if self.type == "unanswerable":
                raise ValueError("câu hỏi có đáp án không được mang loại 'unanswerable'")
            if not self.expected_sources:
                raise ValueError("câu hỏi có đáp án phải có ít nhất một expected_sources")
        else:
            if self.type != "unanswerable":
                raise ValueError("câu hỏi không có đáp án (answerable=false) phải mang loại 'unanswerable'")
            if self.expected_facts or self.expected_sources or self.expected_section:
                raise ValueError("câu hỏi không có đáp án phải để trống expected_facts và expected_sources")
        return self


def parse_gold_lines(lines: Iterable[str], origin: str = "<gold>") -> list[GoldQuestion]:
    """Parse JSONL lines; the first bad line raises :class:`GoldDataError` with its number."""
    questions: list[GoldQuestion] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}, dòng {lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldDataError(f"{where}: JSON không hợp lệ ({exc.msg}, cột {exc.colno}).") from exc
        if not isinstance(data, dict):
            raise GoldDataError(f"{where}: mỗi dòng phải là một đối tượng JSON.")
        try:
            question = GoldQuestion.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'câu hỏi'}: {_vi_error(err)}"
                for err in exc.errors()
            )
            raise GoldDataError(f"{where}: {problems}.") from exc
        if question.id in seen:
            raise GoldDataError(f"{where}: id {question.id!r} bị trùng với dòng {seen[question.id]}.")
        seen[question.id] = lineno
        questions.append(question)
    return questions


def load_gold(path: str | Path) -> list[GoldQuestion]:
    """Load and validate a gold JSONL file."""
    p = Path(path)
    if not p.is_file():
        raise GoldDataError(f"Không tìm thấy tệp câu hỏi chuẩn: {p}")
    with p.open(encoding="utf-8") as fh:
        return parse_gold_lines(fh, origin=p.name)


_PYDANTIC_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép",
    "string_type": "phải là chuỗi",
    "bool_type": "phải là true/false",
    "bool_parsing": "phải là true/false",
    "list_type": "phải là danh sách",
}


def _vi_error(err: ErrorDetails) -> str:
    if err["type"] in _PYDANTIC_VI:
        return _PYDANTIC_VI[err["type"]]
    msg = str(err.get("msg", ""))
    return msg.removeprefix("Value error, ")


# --- matching -------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


@lru_cache(maxsize=1)
def _tone_table() -> dict[str, str]:
    """'óa' -> 'oá', 'ủy' -> 'uỷ', 'ỏe' -> 'oẻ': one spelling for both tone placements."""
    table = {}
    for first, second in ("oa", "oe", "uy"):
        for tone in _TONES:
            new_style = unicodedata.normalize("NFC", first + tone) + second
            old_style = first + unicodedata.normalize("NFC", second + tone)
            table[new_style] = old_style
    return table


_LATEX = (("\\geq", "≥"), ("\\ge", "≥"), ("\\leq", "≤"), ("\\le", "≤"), ("\\%", "%"), ("$", ""))
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_TIGHT = re.compile(r"\s*([-/])\s*|\s+(%)|([≥≤])\s+")
_TONE_RE = re.compile("|".join(sorted(_tone_table(), key=len, reverse=True)))


def normalize_for_match(text: str) -> str:
    """Canonical form used to compare facts with answers and documents.

    NFC, lower case, LaTeX comparison signs, ``>=``/``<=`` as ``≥``/``≤``, all dashes as ``-``,
    markdown emphasis removed, every whitespace run (newlines included, so lines broken mid-
    sentence join up) as one space, no spaces around ``-`` and ``/``, before ``%`` or after ``≥``/``≤``,
    one tone placement for oa/oe/uy.
    """
    text = nfc(text)
    for latex, plain in _LATEX:
        text = text.replace(latex, plain)
    text = text.replace(">=", "≥").replace("<=", "≤").replace("*", "")
    text = _DASHES.sub("-", text).lower()
    text = _TONE_RE.sub(lambda m: _tone_table()[m.group(0)], text)
    text = _SPACE.sub(" ", text)
    text = _TIGHT.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return text.strip()


def contains_fact(normalized_text: str, alternatives: Iterable[str]) -> bool:
    """True when one alternative occurs in the (already normalized) text on word boundaries."""
    for alt in alternatives:
        needle = normalize_for_match(alt)
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", normalized_text):
            return True
    return False


def question_groups(question: GoldQuestion) -> list[str]:
    """Breakdown groups beyond the type: its tags and 'no_diacritics' for accent-less questions."""
    groups = list(question.tags)
    if not has_diacritics(question.question):
        groups.append("no_diacritics")
    return groups
