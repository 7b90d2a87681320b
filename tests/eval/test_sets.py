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
