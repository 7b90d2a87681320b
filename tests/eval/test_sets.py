"""`python -m eval.sets`: one index built once, gold sets asked on it, two runs compared answer by answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import sets

MAIL = Path(__file__).parents[1] / "fixtures" / "tet_food_safety_mail.txt"
QUESTIONS = [
    {"id": "t1", "question": "Kế hoạch ATTP Tết Bính Ngọ của Kim Hà: chống buôn lậu, hàng giả tại chợ do ai chủ trì?",
     "expected_facts": [["Sở Công Thương"]], "expected_sources": [MAIL.name], "answerable": True,
     "type": "responsibility"},
    {"id": "t2", "question": "Kế hoạch ATTP Tết của Kim Hà có bao nhiêu đoàn kiểm tra cấp huyện?", "expected_facts": [],
     "expected_sources": [], "answerable": False, "type": "unanswerable"},
]


def test_a_set_asked_on_a_built_index_then_two_runs_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TROLY_PROFILE", raising=False)
    folder = tmp_path / "tet_set"
    folder.mkdir()
    gold = folder / "questions.jsonl"
    gold.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8")
    assert sets.main(["build", str(tmp_path / "index"), str(MAIL)]) == 0
    assert sets.main(["ask", str(tmp_path / "index"), str(gold), "--dump", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    assert "1/1 tài liệu đã nạp" in out
    assert "tet_set        correct 1.000 (1/1)  refusal_recall 1.000 (1/1)" in out
    rows = [json.loads(line) for line in (tmp_path / "run.tet_set.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["t1", "t2"] and "Sở Công Thương" in rows[0]["answer"]
    # the same run against itself: nothing won or lost, every answer word for word the same
    sets.main(["flips", str(tmp_path / "run"), str(tmp_path / "run")])
    assert "tet_set        +0 -0 (giống hệt 2/2)" in capsys.readouterr().out
    sets.main(["show", str(tmp_path / "run"), "tet_set", "t1"])
    assert "=== t1 [responsibility] ĐÚNG" in capsys.readouterr().out


SETS = sorted((Path(__file__).parents[2] / "eval" / "datasets" / "sets").glob("*/questions.jsonl"))


@pytest.mark.parametrize("path", SETS, ids=[p.parent.name for p in SETS])
def test_each_kept_set_loads_and_its_facts_are_in_its_sources(path: Path) -> None:
    """Every fact of a kept set is in the text of one of its sources (its own documents under docs/, else a plan
    of the two corpus folders), as the gold format requires; a file renamed without its questions would fail."""
    from conftest import CORPUS
    from ext_corpus import corpus_ext_dir

    from eval.gold import contains_fact, load_gold, normalize_for_match
    from ingest.load import load_document

    texts: dict[str, str] = {}
    folders = [path.parent / "docs", CORPUS, corpus_ext_dir()]

    def text_of(name: str) -> str:
        if name not in texts:
            found = next(f / name for f in folders if (f / name).is_file())
            texts[name] = normalize_for_match(load_document(found).text)
            if found.suffix.lower() == ".pdf":  # the text layer as any reader gets it: what the writer checked, not
                # how well the assistant reads a page (a table cell it reads otherwise is its gap, not the set's)
                import pypdfium2

                pdf = pypdfium2.PdfDocument(found)
                texts[name] += " " + normalize_for_match(" ".join(page.get_textpage().get_text_range() for page in pdf))
        return texts[name]

    questions = load_gold(path)
    assert len(questions) >= 40
    # facts the writer checked against what the loader cannot read yet (a table pasted as a picture)
    listed = path.parent / "beyond_reading.txt"
    beyond = {line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")} if listed.is_file() else set()
    assert beyond <= {q.id for q in questions}
    for q in questions:
        for fact in [] if q.id in beyond else q.expected_facts:
            assert any(contains_fact(text_of(s), fact) for s in q.expected_sources), (q.id, fact)
