"""The gold sets (dev.jsonl over corpus/, ext.jsonl over corpus-ext/) against the real documents, and the loader/matcher."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from ext_corpus import corpus_ext_dir

from eval.gold import (
    QUESTION_TYPES,
    GoldDataError,
    GoldQuestion,
    contains_fact,
    load_gold,
    normalize_for_match,
    parse_gold_lines,
    question_groups,
)

REPO = Path(__file__).resolve().parents[2]
DEV = REPO / "eval" / "datasets" / "dev.jsonl"
EXT = REPO / "eval" / "datasets" / "ext.jsonl"
TABLE_DOCS = {"000_90c218f1079af509.txt", "001_ce564b243cd16df3.txt", "003_cd1a971a82c3f3b2.txt"}
EXT_TABLE_DOCS = {"ext03.txt", "ext06.txt", "ext07.txt", "ext10.txt"}


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, str]:
    """File name -> normalized text (NFC, lower case, whitespace runs and broken lines joined), both folders."""
    return {
        p.name: normalize_for_match(p.read_text(encoding="utf-8"))
        for folder in (corpus_dir, corpus_ext_dir())
        for p in folder.glob("*.txt")
    }


GOLD = load_gold(DEV)
ANSWERABLE = [q for q in GOLD if q.answerable]
EXT_GOLD = load_gold(EXT)
EXT_ANSWERABLE = [q for q in EXT_GOLD if q.answerable]


def test_size_and_unanswerable_count() -> None:
    assert len(GOLD) >= 60
    assert sum(not q.answerable for q in GOLD) >= 12


def test_every_type_is_used() -> None:
    used = Counter(q.type for q in GOLD)
    assert set(QUESTION_TYPES) <= set(used), set(QUESTION_TYPES) - set(used)


def test_every_document_has_nine_answerable_questions(corpus: dict[str, str]) -> None:
    per_doc = Counter(s for q in ANSWERABLE for s in q.expected_sources)
    for name in sorted(n for n in corpus if n[:3].isdigit()):
        assert per_doc[name] >= 9, (name, per_doc[name])


def test_questions_without_diacritics_and_table_rows() -> None:
    groups = Counter(g for q in GOLD for g in question_groups(q))
    assert groups["no_diacritics"] >= 8
    assert groups["table"] >= 8
    for q in GOLD:
        if "table" in q.tags:
            assert set(q.expected_sources) & TABLE_DOCS, q.id


def test_no_duplicate_ids_or_questions() -> None:
    assert len({q.id for q in GOLD}) == len(GOLD)
    texts = Counter(normalize_for_match(q.question) for q in GOLD)
    assert [t for t, n in texts.items() if n > 1] == []


def test_sources_per_question_kind(corpus: dict[str, str]) -> None:
    for q in ANSWERABLE:
        assert set(q.expected_sources) <= set(corpus), q.id
        if q.type == "cross_document":
            assert len(q.expected_sources) >= 2, q.id
        else:
            assert len(q.expected_sources) == 1, q.id
        assert 1 <= len(q.expected_facts) <= 3, q.id


@pytest.mark.parametrize("q", ANSWERABLE + EXT_ANSWERABLE, ids=lambda q: q.id)
def test_expected_facts_appear_in_an_expected_source(q: GoldQuestion, corpus: dict[str, str]) -> None:
    for alternatives in q.expected_facts:
        for alt in alternatives:
            assert any(contains_fact(corpus[s], [alt]) for s in q.expected_sources), f"{q.id}: {alt!r}"
    if q.expected_section:
        wanted = normalize_for_match(q.expected_section)
        assert any(wanted in corpus[s] for s in q.expected_sources), f"{q.id}: {q.expected_section!r}"


# --- ext.jsonl: the development set over corpus-ext ---------------------------------------------------


def test_ext_size_shares_and_types() -> None:
    n = len(EXT_GOLD)
    used = Counter(q.type for q in EXT_GOLD)
    groups = Counter(g for q in EXT_GOLD for g in question_groups(q))
    assert n >= 100
    assert set(QUESTION_TYPES) <= set(used), set(QUESTION_TYPES) - set(used)
    assert used["unanswerable"] >= n / 10 and groups["no_diacritics"] >= n / 10
    assert used["metadata"] >= 10 and used["list"] >= 8 and used["cross_document"] >= 5


def test_ext_every_plan_has_eight_questions() -> None:
    per_doc = Counter(s for q in EXT_ANSWERABLE for s in q.expected_sources)
    plans = sorted(p.name for p in corpus_ext_dir().glob("ext*.txt"))
    assert len(plans) == 10
    for name in plans:
        assert per_doc[name] >= 8, (name, per_doc[name])
    assert per_doc["hi01.txt"] >= 3


def test_ext_sources_and_fact_counts(corpus: dict[str, str]) -> None:
    for q in EXT_ANSWERABLE:
        assert set(q.expected_sources) <= set(corpus), q.id
        if q.type == "cross_document":
            assert len(q.expected_sources) >= 2 and len(q.expected_facts) >= 2, q.id
        else:
            assert len(q.expected_sources) == 1, q.id
        limit = 5 if q.type == "list" else 3
        assert 1 <= len(q.expected_facts) <= limit, q.id
        if q.type == "list":
            assert len(q.expected_facts) >= 2, f"{q.id}: a list question expects several duties"
        if "table" in q.tags:
            assert set(q.expected_sources) & EXT_TABLE_DOCS, q.id


@pytest.mark.parametrize(
    ("form", "pattern"),
    [
        ("quarter", r"\bquý [ivx]+/\d{4}"),
        ("before a date", r"\btrước ngày \d"),
        ("year", r"^(hoàn thành trong |trong )?năm \d{4}$|^\d{1,2}/\d{4}$"),
        ("yearly", r"\bh[ằà]ng năm\b"),
        ("continuous", r"\bthường xuyên\b"),
        ("year range", r"\d{4} ?- ?\d{4}"),
    ],
)
def test_ext_deadlines_in_every_written_form(form: str, pattern: str) -> None:
    facts = [
        normalize_for_match(alt)
        for q in EXT_ANSWERABLE
        if q.type in ("deadline", "table", "reporting", "responsibility", "cross_document")
        for alts in q.expected_facts
        for alt in alts
    ]
    assert any(re.search(pattern, f) for f in facts), form


def test_no_question_shared_between_dev_and_ext() -> None:
    assert {q.id for q in GOLD}.isdisjoint(q.id for q in EXT_GOLD)
    texts = Counter(normalize_for_match(q.question) for q in GOLD + EXT_GOLD)
    assert [t for t, n in texts.items() if n > 1] == []


# --- loader ------------------------------------------------------------------------------------------

GOOD = {
    "id": "x1",
    "question": "Ai chủ trì?",
    "expected_facts": [["Văn phòng Đảng ủy"]],
    "expected_sources": ["000_90c218f1079af509.txt"],
    "answerable": True,
    "type": "responsibility",
}
NO_ANSWER = {"id": "x2", "question": "Hà Giang?", "answerable": False, "type": "unanswerable"}


def test_parse_good_lines_skips_blank_lines() -> None:
    lines = [json.dumps(GOOD, ensure_ascii=False), "", json.dumps(NO_ANSWER, ensure_ascii=False)]
    questions = parse_gold_lines(lines)
    assert [q.id for q in questions] == ["x1", "x2"]
    assert questions[1].expected_facts == [] and questions[1].expected_sources == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "JSON không hợp lệ"),
        ("[1, 2]", "phải là một đối tượng JSON"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "question"}), "question: thiếu trường bắt buộc"),
        (json.dumps({**GOOD, "type": "chitchat"}), "loại câu hỏi 'chitchat' không hợp lệ"),
        (json.dumps({**GOOD, "expected_sources": []}), "phải có ít nhất một expected_sources"),
        (json.dumps({**GOOD, "expected_facts": [[]]}), "dữ kiện thứ 1"),
        (json.dumps({**GOOD, "expected_sources": ["../shared/corpus/x.txt"]}), "phải là tên tệp"),
        (json.dumps({**NO_ANSWER, "expected_facts": [["x"]]}), "phải để trống expected_facts"),
        (json.dumps({**NO_ANSWER, "type": "target"}), "phải mang loại 'unanswerable'"),
        (json.dumps({**GOOD, "foo": 1}), "foo: trường không được phép"),
        (json.dumps({**GOOD, "tags": ["bang"]}), "nhãn không hợp lệ"),
    ],
)
def test_bad_line_reports_line_number_in_vietnamese(line: str, message: str) -> None:
    with pytest.raises(GoldDataError) as exc:
        parse_gold_lines([json.dumps(NO_ANSWER), line], origin="dev.jsonl")
    assert "dev.jsonl, dòng 2" in str(exc.value)
    assert message in str(exc.value)


def test_duplicate_id_names_both_lines() -> None:
    with pytest.raises(GoldDataError, match=r"dòng 3: id 'x1' bị trùng với dòng 1"):
        parse_gold_lines([json.dumps(GOOD), json.dumps(NO_ANSWER), json.dumps(GOOD)])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldDataError, match="Không tìm thấy tệp"):
        load_gold(tmp_path / "none.jsonl")


# --- matching ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "found"),
    [
        ("Hồ sơ trực tuyến $\\geq 50\\%$", "≥ 50%", True),
        ("Hồ sơ trực tuyến >= 50 %", "≥50%", True),
        ("Đạt 60–70%", "60-70%", True),
        ("Số hóa hồ sơ — Quý III / 2026", "quý iii/2026", True),
        ("VĂN PHÒNG ĐẢNG ỦY", "Văn phòng Đảng uỷ", True),
        ("thông tin về sức khỏe", "sức khoẻ", True),
        ("Kế hoạch số 365-\nKH/TU", "365-KH/TU", True),
        ("cơ quan \n\n  đảng cấp xã", "cơ quan đảng cấp xã", True),
        ("**Văn phòng Đảng ủy:** tham mưu", "Văn phòng Đảng ủy", True),
        ("triển khai kế hoạch", "AI", False),
        ("đạt 160%", "60%", False),
        ("Quý II/2026", "Quý III/2026", False),
        ("Văn phòng Tỉnh ủy", "Văn phòng Đảng ủy", False),
    ],
)
def test_contains_fact(text: str, fact: str, found: bool) -> None:
    assert contains_fact(normalize_for_match(text), [fact]) is found


def test_question_groups_detect_missing_diacritics() -> None:
    plain = GoldQuestion.model_validate(
        {**GOOD, "question": "ai chu tri ra soat ha tang mang?", "tags": ["table"]}
    )
    accented = GoldQuestion.model_validate(GOOD)
    assert question_groups(plain) == ["table", "no_diacritics"]
    assert question_groups(accented) == []
