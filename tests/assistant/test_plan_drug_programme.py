"""A province's plan carrying out a national programme (written for this test), asked as staff ask: a target framed
"Chỉ tiêu xã, phường …" (the tagger cuts "Chỉ | tiêu xã"), the plan named by its year and issuer ("Kế hoạch năm
2025 của UBND tỉnh … về …"), the projects a duty lists (whole, not the duty after them), one inspection team of a
table by its number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "drug_programme_plan.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("drug") / "index", [PLAN])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # "Chỉ | tiêu xã": the word the tagger cut is read whole; "xã" is no word the passage must say twice
    ('Chỉ tiêu xã, phường "không ma túy" của tỉnh Nam Sơn: năm 2026 phấn đấu bao nhiêu %, đến hết 2030 bao nhiêu %?',
     ["25%", "60%"], []),
    # the year and the issuer name the plan: the passage need not say "2025", nor name "UBND tỉnh Nam Sơn về …"
    ("Kế hoạch năm 2025 của UBND tỉnh Nam Sơn về phòng, chống ma túy liệt kê những hệ thống giám sát nào?",
     ["camera nhận dạng khuôn mặt", "cảnh báo sớm nguy cơ tái nghiện"], []),
    # the plan's title, with another of its parts: each from where the plan says it
    ("Kế hoạch 172/KH-UBND của Nam Sơn có tên kế hoạch là gì, ai ký?",
     ["Thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 trên địa bàn tỉnh Nam Sơn",
      "Lò Văn Thành"], []),
    # one team of three by its number: its row, not its neighbour's
    ("Đoàn kiểm tra liên ngành số 2 của tỉnh Nam Sơn do cơ quan nào chủ trì, kiểm tra những đối tượng nào?",
     ["Chi cục Phòng, chống tệ nạn xã hội", "Cơ sở cai nghiện tự nguyện"], ["Thanh tra Sở Y tế"]),
])
def test_the_programme_plan_is_answered(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


def test_the_items_a_duty_lists_lead_the_answer_whole(plan: Services) -> None:
    """The duty "Tổ chức triển khai … các dự án … do Bộ Công an chủ trì …:" leads with each of its items, whole; the
    next duty of the list above ("c) Hướng dẫn, đôn đốc …") is no item of it."""
    r = plan.ask.ask("Kế hoạch phòng, chống ma túy của Nam Sơn triển khai những dự án, tiểu dự án nào do Bộ Công an "
                     "chủ trì?")
    lead = r.answer.split("\n")[0]
    assert "tội phạm về ma túy có tổ chức, xuyên quốc gia”" in lead and "Dự án 2" in lead and "Dự án 5" in lead
    assert "Hướng dẫn, đôn đốc" not in lead
    assert_answered(plan, "Công an tỉnh Nam Sơn tổ chức triển khai những dự án nào do Bộ Công an chủ trì?",
                    ["xuyên quốc gia”", "Dự án 5"], [])


def test_a_place_typed_without_marks_in_capitals_is_the_plans(plan: Services) -> None:
    """"UBND TP Ho Chi Minh", typed without marks: the name in capitals is read as the plan's place is written."""
    doc = plan.registry.list_documents()[0].doc_id
    ask = plan.ask
    assert ask._places_said("Ke hoach cua UBND TP Nam Son yeu cau bao cao truoc ngay nao?", [doc], "")
    assert not ask._places_said("Ke hoach cua UBND TP Bac Son yeu cau bao cao truoc ngay nao?", [doc], "")
