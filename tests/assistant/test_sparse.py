"""Sparse terms: Vietnamese words keep diacritics; folded terms let unaccented questions match."""

from __future__ import annotations

import zlib

import pytest

from assistant.components.sparse import SparseEncoder, document_terms, term_id


def test_words_keep_diacritics() -> None:
    terms = document_terms("Chuyển đổi số trong các cơ quan đảng")
    assert "chuyển_đổi" in terms and "số" in terms
    assert "~chuyen_doi" in terms and "~so" in terms


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("so hoa ho so dang vien", "Số hóa hồ sơ đảng viên, hồ sơ cán bộ"),
        ("ai chu tri ra soat ha tang mang", "UBND xã chủ trì rà soát hạ tầng mạng"),
    ],
)
def test_unaccented_question_matches_accented_passage(question: str, passage: str) -> None:
    enc = SparseEncoder()
    q, d = enc.encode_query(question), enc.encode_document(passage)
    shared = set(q.indices) & set(d.indices)
    assert len(shared) >= 4
    unrelated = enc.encode_document("Kinh phí thực hiện được bố trí từ ngân sách phường")
    assert len(set(q.indices) & set(unrelated.indices)) < len(shared)


def test_accented_question_prefers_words() -> None:
    q = SparseEncoder().encode_query("Ai chủ trì rà soát hạ tầng mạng?")
    weights = dict(zip(q.indices, q.values, strict=True))
    assert weights[term_id("chủ_trì")] == 1.0
    assert weights[term_id("~chu")] < 1.0


def test_stable_ids() -> None:
    assert term_id("số_hóa") == zlib.crc32("số_hóa".encode()) & 0x7FFFFFFF  # same on every machine
    enc = SparseEncoder()
    assert enc.encode_document("Quý III/2026") == enc.encode_document("Quý III/2026")
