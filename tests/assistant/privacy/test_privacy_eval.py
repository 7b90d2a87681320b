"""The labelled snippet set and the targets of the controlled-AI issue (eval/privacy_eval.py)."""

from collections import Counter

import pytest

from eval.privacy_eval import DEFAULT_DATASET, STRUCTURED, TARGETS, evaluate_pii, load_snippets, main


@pytest.fixture(scope="module")
def snippets() -> list[dict]:
    return load_snippets(DEFAULT_DATASET)


@pytest.fixture(scope="module")
def report():
    return evaluate_pii(DEFAULT_DATASET)


def test_dataset_shape(snippets):
    kinds = Counter(s["kind"] for s in snippets)
    assert len(snippets) >= 150
    assert min(kinds["positive"], kinds["negative"]) >= 0.45 * len(snippets)
    assert len({s["id"] for s in snippets}) == len(snippets)
    types = {e["type"] for s in snippets for e in s["entities"]}
    assert types == {*STRUCTURED, "PERSON", "VN_HOME_ADDRESS"}
    for s in snippets:
        assert (s["kind"] == "positive") == bool(s["entities"]), s["id"]
        for e in s["entities"]:
            assert e["value"] in s["text"], s["id"]
    negative_categories = Counter(s["category"] for s in snippets if s["kind"] == "negative")
    assert negative_categories["deadline"] >= 20 and negative_categories["doc_number"] >= 15


def test_targets_are_met(report):
    assert report.failures() == []
    summary = report.summary
    assert summary["structured_recall"] >= TARGETS["structured_recall"]
    assert summary["name_recall"] >= TARGETS["name_recall"]
    assert summary["fp_deadline"] == summary["fp_doc_number"] == 0
    assert summary["leaked_snippets"] == 0


def test_table_is_printed(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "| VN_CCCD | [SỐ CCCD] |" in out
    assert "| deadline |" in out and "| doc_number |" in out
    assert "Đạt mọi mục tiêu." in out
