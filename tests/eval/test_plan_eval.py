"""The hand-written gold sets of the plan model are well formed, and the extraction and compare scores hold."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from eval import assignments_eval, compare_eval, targets_eval
from eval.assignments_eval import CORPORA, MAX_BYTES, find_file
from ingest.load import load_document
from ingest.pipeline import build_prepare_pipeline, prepare

_TEXTS: dict[str, str] = {}


def text_of(name: str) -> str:
    if name not in _TEXTS:
        _TEXTS[name] = prepare(build_prepare_pipeline(extract=False), load_document(find_file(name, CORPORA),
                                                                                     MAX_BYTES)).text
    return _TEXTS[name]


def occurrences(doc: str, anchor: str) -> int:
    return len(re.findall(r"\s+".join(re.escape(w) for w in anchor.split()), text_of(doc)))


def test_extraction_gold_covers_nine_plans_of_both_folders_and_its_anchors_resolve() -> None:
    gold = assignments_eval.load_gold()
    docs = Counter(g["doc"] for g in gold)
    assert len(docs) == 9 and sum(1 for d in docs if d.startswith("ext")) == 6  # 3 corpus, 6 corpus-ext
    assert Counter(g["split"] for g in gold) == {"dev": 142, "heldout": 87, "fresh": 27}
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        n = occurrences(g["doc"], g["anchor"])
        assert n == 1 or n > g.get("occurrence", 0) > 0, g["id"]
        assert g["lead"] and g["recurrence"] in ("none", "monthly", "quarterly", "half-yearly", "yearly", "continuous")


def test_compare_gold_two_real_pairs_and_anchors_resolve() -> None:
    gold = compare_eval.load_gold()
    assert {g["pair"] for g in gold} == {"57>ĐĐQH", "57>CP"}
    for g in gold:
        assert occurrences(g["higher_doc"], g["higher"]) == 1, g["id"]
        for low in g["lower"]:
            n = occurrences(g["lower_doc"], low["anchor"])
            assert n == 1 or n > low.get("occurrence", 0), (g["id"], low)


def test_extraction_meets_the_bars() -> None:
    result = assignments_eval.evaluate(assignments_eval.load_gold())
    assert all(bar["met"] for bar in result["bars"].values()), result["bars"]
    for split in ("dev", "heldout", "fresh"):
        assert result["splits"][split]["found_recall"] >= 0.9


@pytest.mark.timeout(600)
def test_compare_scores_hold() -> None:
    result = compare_eval.evaluate(compare_eval.load_gold())
    for pair, score in result["pairs"].items():
        assert score["f1"] >= 0.45 and score["missing_precision"] >= 0.9, (pair, score)


def test_targets_and_duties_gold_and_scores() -> None:
    gold = targets_eval.load_gold(targets_eval.GOLD)
    assert Counter(g["kind"] for g in gold) == {"target": 32, "duty": 9}
    for g in gold:
        assert occurrences(g["doc"], g["anchor"]) >= 1, g["id"]
    total = targets_eval.score(gold)["total"]
    assert total["target"]["found"] == {"right": 32, "of": 32} and total["target"]["comparator"]["right"] == 32
    assert total["duty"]["found"]["right"] >= 8 and total["duty"]["recurrence"] == {"right": 4, "of": 4}
