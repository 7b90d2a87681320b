"""A provincial plan for the lunar new year forwarded by e-mail (written for this test): its title says "Tết
Nguyên đán Bính Ngọ", staff say "Tết Bính Ngọ"; its task table is typed with spaces between drawn rules; a date
asked of a target is in the target list, while a table row dated for another task ranks first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

MAIL = Path(__file__).parents[1] / "fixtures" / "tet_food_safety_mail.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("tet_mail") / "index", [MAIL])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the plan named as staff name it
    ("Đợt cao điểm bảo đảm an toàn thực phẩm Tết Bính Ngọ của tỉnh Kim Hà kéo dài từ ngày nào đến ngày nào?",
     ["12/12/2025", "12/3/2026"], []),
    ("Theo kế hoạch ATTP Tết Bính Ngọ của Kim Hà, việc chống buôn lậu, hàng giả là thực phẩm tại chợ do ai chủ trì?",
     ["Sở Công Thương", "26/02/2026"], []),
    # the target that dates the training, though the first row of the table found is dated too
    ("Cán bộ, công chức làm công tác an toàn thực phẩm cấp xã ở Kim Hà phải được tập huấn nghiệp vụ kiểm tra "
     "trước ngày nào theo kế hoạch ATTP Tết 2026?", ["08/12/2025"], []),
    # a unit set aside ("ngoài Sở Y tế còn …"): the others' tasks, not its own
    ("Kế hoạch ATTP Tết Bính Ngọ của Kim Hà: ngoài Sở Y tế còn giao những cơ quan nào chủ trì nhiệm vụ gì?",
     ["Sở Công Thương", "Chống buôn lậu"], ["Truyền thông về ATTP", "Kiểm tra liên ngành"]),
])
def test_the_tet_plan_is_answered(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


def test_where_an_event_is_held_is_said_of_that_event(plan: Services) -> None:
    """A place answers "… tổ chức ở đâu?" only in a passage saying the event asked: the training the plan dates but
    places nowhere is not held "tại chợ" (a task row's place) nor anywhere else."""
    assert_answered(plan, "Hội nghị triển khai kế hoạch ATTP Tết Bính Ngọ của Kim Hà được tổ chức ở đâu?",
                    ["Hội trường Sở Y tế"], [])
    r = plan.ask.ask("Theo kế hoạch ATTP Tết Bính Ngọ của Kim Hà, lớp tập huấn nghiệp vụ kiểm tra cho cán bộ, công "
                     "chức cấp xã được tổ chức tại địa điểm nào?")
    assert not r.answerable, r.answer


def test_the_table_typed_between_rules_is_read_as_rows(plan: Services) -> None:
    [doc] = plan.registry.list_documents()
    text = plan.registry.text_of(doc.doc_id)
    assert ("| 3 | Chống buôn lậu, hàng giả là thực phẩm tại chợ | Sở Công Thương | Công an tỉnh; Sở Y tế | "
            "12/12/2025 - 26/02/2026 |") in text


def test_a_lead_that_does_not_answer_gives_way_to_the_next_that_does(plan: Services) -> None:
    """The passage led with may be a table row dated for another task (as in a larger index it ranks first); the
    next passage, the target dating the training, then leads, as it answers all the first was judged by."""
    from assistant.services.question import analyse

    q = ("Cán bộ, công chức làm công tác an toàn thực phẩm cấp xã ở Kim Hà phải được tập huấn nghiệp vụ kiểm tra "
         "trước ngày nào theo kế hoạch ATTP Tết 2026?")
    parsed = analyse(q)
    ask = plan.ask
    chunks = ask.retriever.retrieve(q, None, 10)
    right = ask.answerer.draft(parsed, chunks)
    assert right.lead is not None and "08/12/2025" in right.lead.text
    wrong = ask.answerer.draft(parsed, chunks, passed_over=right.lead)  # what leads when the target ranks lower
    assert wrong.lead is not None and "08/12/2025" not in wrong.lead.text and not ask._answerable(q, wrong)
    assert "08/12/2025" in ask._runner_up(q, parsed, wrong).statements[0].text


def test_a_place_typed_without_marks_is_one_a_plan_names(plan: Services) -> None:
    """"… cua phuong bach dang …" (no marks, no capitals): a place when some plan's title or issuer names it, and
    then a plan that does not say it cannot answer; "cua xa la bao nhieu" names no place."""
    import dataclasses

    [doc] = plan.registry.list_documents()
    names = {**plan.ask.plan_names(), "other": {"title": "Kế hoạch chuyển đổi số năm 2026", "issuer":
                                                 "Đảng ủy phường Bạch Đằng"}}
    ask = dataclasses.replace(plan.ask, plan_names=lambda: names)
    q = "so dien thoai duong day nong ho tro cua phuong bach dang la bao nhieu?"
    assert ask._plain_places(q) == ["bach dang"]
    assert not ask._places_said(q, [doc.doc_id], "Sở Y tế chủ trì, đôn đốc các thành viên triển khai Kế hoạch")
    assert ask._places_said("kinh phi cua tinh kim ha la bao nhieu?", [doc.doc_id], "Kinh phí")
    assert ask._plain_places("chi tieu cua xa la bao nhieu?") == []
