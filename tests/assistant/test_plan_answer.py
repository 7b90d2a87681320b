"""Answers from the plan model on a real index: a unit's duties, what falls due in a period and a target's value
come back as complete lists of the rows the asker may read, each line cited by its exact span; questions of other
kinds (or narrowed by a condition) are answered from passages as before."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest
from conftest import make_settings, services_over
from plan_support import SHARED

from assistant.components.vector_store import AccessScope
from assistant.services.ask import AskService
from assistant.services.container import Services
from assistant.services.plan_answer import PlanAnswers
from assistant.text import fold_tones

PUBLIC = AccessScope(classifications=["public"], units=[])
KHCN = "Sở Khoa học và Công nghệ"


def with_plans(services: Services) -> AskService:
    """The ask service with plan answers on (`answer.plan_answers`, off by default)."""
    return dataclasses.replace(services.ask, plans=PlanAnswers(services.assignments))


def cited(services, response) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(doc_id, start) of every citation, after checking each quote is the stored text and each is marked."""
    for c in response.citations:
        assert services.registry.text_of(c.doc_id)[c.start:c.end] == c.quote
    assert {int(m) for m in re.findall(r"\[(\d+)\]", response.answer)} == {c.n for c in response.citations}
    return [(c.doc_id, c.start) for c in response.citations]


def test_unit_duties_are_the_complete_list_of_the_named_plan(indexed) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask("Văn phòng Đảng ủy phải làm những việc gì theo kế hoạch chuyển đổi số phường Bạch Đằng?")
    doc = next(d.doc_id for d in indexed.registry.list_documents() if d.source.startswith("004_"))
    want = [(i["doc_id"], i["start"]) for i in indexed.assignments.tasks_of_unit("Văn phòng Đảng ủy", None)
            if i["doc_id"] == doc]
    assert r.answerable and len(want) >= 4
    assert sorted(cited(indexed, r)) == sorted(want)
    assert fold_tones(r.answer).startswith(fold_tones(f"Văn phòng Đảng ủy có {len(want)} nhiệm vụ"))
    assert "- Là cơ quan thường trực, tham mưu Ban Thường vụ Đảng uỷ tổ chức triển khai Kế hoạch [" in r.answer


@pytest.mark.parametrize(("question", "unit"), [
    ("van phong dang uy phai lam nhung viec gi?", "Văn phòng Đảng ủy"),  # typed without diacritics
    ("Các chi bộ, đảng bộ trực thuộc phải làm những việc gì?", "Các chi bộ, đảng bộ trực thuộc"),  # a group
])
def test_the_unit_asked_about_is_found_however_typed(indexed, question: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask(question)
    want = indexed.assignments.tasks_of_unit(unit, None)
    assert want and fold_tones(r.answer).startswith(fold_tones(f"{unit} có {len(want)} nhiệm vụ"))
    got = cited(indexed, r)
    assert set(got) <= {(i["doc_id"], i["start"]) for i in want} and len(got) == min(len(want), 40)


def test_tasks_due_in_a_quarter_across_plans(indexed) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask("Những nhiệm vụ nào đến hạn trong Quý III/2026?")
    want = indexed.assignments.due_in("trong Quý III/2026", None)
    assert r.answerable and r.answer.startswith(f"Có {len(want)} nhiệm vụ đến hạn trong Quý III/2026:")
    assert sorted(cited(indexed, r)) == sorted((i["doc_id"], i["start"]) for i in want)
    assert "Xây dựng kho lưu trữ điện tử dùng chung" in r.answer and "hạn Quý III/2026" in r.answer
    assert "trước ngày 20 hằng tháng (20/07/2026)" in r.answer  # a monthly duty: its occurrence in the quarter
    assert len({c.doc_id for c in r.citations}) >= 2 and "Theo Kế hoạch" in r.answer  # grouped by plan


@pytest.mark.parametrize("question", [
    "Quý III/2026 phải xong những việc gì?",  # as staff type it
    "Những việc nào tới hạn trong Quý III/2026?",
])
def test_tasks_due_asked_in_other_words(indexed, question: str) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask(question)
    want = indexed.assignments.due_in("trong Quý III/2026", None)
    assert r.answerable and r.answer.startswith(f"Có {len(want)} nhiệm vụ đến hạn")
    assert sorted(cited(indexed, r)) == sorted((i["doc_id"], i["start"]) for i in want)


def test_target_value_from_the_model(indexed) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask("Chỉ tiêu văn bản không mật được ký số là bao nhiêu?")
    assert r.answerable and r.answer.startswith("Chỉ tiêu") and "100% văn bản không mật được ký số" in r.answer
    assert any(c.source.startswith("004_") and c.quote.startswith("100% văn bản không mật") for c in r.citations)
    cited(indexed, r)


@pytest.mark.parametrize("question", [
    "Công an xã phải làm gì khi có sự cố an ninh mạng?",  # a condition: the passage that says what to do then
    "Theo phụ lục chương trình hành động của xã, quý II ai chủ trì số hóa hồ sơ giai đoạn 1 và chỉ tiêu là bao nhiêu?",
])
def test_other_questions_go_to_the_passages(indexed, question: str) -> None:  # type: ignore[no-untyped-def]
    r = with_plans(indexed).ask(question)
    assert not re.match(r"^(?:.+ có \d+ nhiệm vụ|Có \d+ nhiệm vụ|Chỉ tiêu)", r.answer)


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    settings = make_settings(tmp_path_factory.mktemp("plan-answer"))
    services = Services(settings.model_copy(update={"answer": settings.answer.model_copy(update={"plan_answers": True})}))
    ingest = services.ingest.ingest_paths
    assert ingest([SHARED / "corpus-ext/ext01.txt"], classification="internal", units=[KHCN])[0].status == "ingested"
    assert ingest([SHARED / "corpus/004_ac3b5f093c57f3b4.txt"], classification="public")[0].status == "ingested"
    yield services
    services.close()


def test_answers_from_the_model_keep_the_access_rule(restricted: Services) -> None:
    ext01 = next(d.doc_id for d in restricted.registry.list_documents() if d.source == "ext01.txt")
    question = "Sở Khoa học và Công nghệ phải làm những việc gì?"
    outsider = restricted.ask.ask(question, PUBLIC)
    assert all(c.doc_id != ext01 for c in [*outsider.citations, *outsider.related])
    member = AccessScope(classifications=["public", "internal"], units=[KHCN])
    inside = restricted.ask.ask(question, member)
    want = restricted.assignments.tasks_of_unit(KHCN, member)
    assert want and {i["doc_id"] for i in want} == {ext01}
    assert sorted(cited(restricted, inside)) == sorted((i["doc_id"], i["start"]) for i in want)
    assert inside.answer.startswith(f"Sở Khoa học và Công nghệ có {len(want)} nhiệm vụ")


# a youth union's schedule annex: the months each activity runs ticked, summarized at ingest ("Tháng 3 - tháng 5, …")
SCHEDULE_PLAN = """BAN CHẤP HÀNH ĐOÀN TỈNH ĐÔNG NINH
ĐOÀN TNCS HỒ CHÍ MINH
Số: 12-KH/TĐTN
Đông Ninh, ngày 10 tháng 02 năm 2025

KẾ HOẠCH
Phòng, chống ma túy trong đoàn viên, thanh niên năm 2025

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của đoàn viên, thanh niên về tác hại của ma túy.

II. TỔ CHỨC THỰC HIỆN
Các đơn vị thực hiện theo phụ lục kèm theo.

PHỤ LỤC
| TT | Nội dung | Đơn vị chủ trì | T3 | T4 | T5 | T6 | T7 | T8 | Sản phẩm |
|---|---|---|---|---|---|---|---|---|---|
| 1 | Tổ chức ngoại khóa phòng, chống ma túy tại các trường | Ban Thanh niên trường học | x | x | x | | | | 30 buổi |
| 2 | Cuộc thi video ngắn về thuốc lá điện tử | Ban Tuyên giáo | | x | x | x | | | 50 video |
| 3 | Tập huấn kỹ năng tư vấn tâm lý học đường | Ban Thanh niên trường học | x | | | | | x | 02 lớp |
| 4 | Hoạt động tình nguyện hè tại khu dân cư | Các huyện, thị, thành Đoàn | | | | x | x | x | Báo cáo |
"""


@pytest.fixture(scope="module")
def schedule(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Default settings: answers of a period from the plan model are on, the others off."""
    folder = tmp_path_factory.mktemp("schedule")
    plan = folder / "ke-hoach-12.txt"
    plan.write_text(SCHEDULE_PLAN, encoding="utf-8")
    yield from services_over(folder / "data", [plan, SHARED / "corpus/004_ac3b5f093c57f3b4.txt"])


@pytest.mark.parametrize(("question", "rows"), [
    ("Theo kế hoạch phòng, chống ma túy của Tỉnh Đoàn Đông Ninh, trong tháng 5 có những hoạt động nào?", [1, 2]),
    ("thang 8 tinh doan dong ninh co nhung hoat dong gi trong ke hoach phong chong ma tuy", [3, 4]),
])
def test_what_runs_in_a_month_of_the_plans_year(schedule: Services, question: str, rows: list[int]) -> None:
    """The months ticked, read in the plan's year (2025): every activity running in the month asked, none that
    runs only around it ("Tháng 3, tháng 8" does not run in May); the issuer named is not a unit to filter by."""
    r = schedule.ask.ask(question)
    assert r.answerable and re.match(rf"Có {len(rows)} nhiệm vụ thực hiện trong th", r.answer)
    assert sorted(int(c.quote.split("|")[1]) for c in r.citations) == rows and cited(schedule, r)
    assert "thời gian: Tháng" in r.answer


def test_a_month_nothing_runs_in_is_not_answered_from_the_schedule(schedule: Services) -> None:
    r = schedule.ask.ask("Theo kế hoạch phòng, chống ma túy của Tỉnh Đoàn Đông Ninh, trong tháng 11 có những hoạt động "
                         "nào?")
    assert not r.answer.startswith("Có ")


def test_only_the_period_kinds_are_on_by_default(indexed) -> None:  # type: ignore[no-untyped-def]
    due = indexed.ask.ask("Trong quý III/2026 phải làm xong những việc gì?")  # as staff type it
    want = indexed.assignments.due_in("trong Quý III/2026", None)
    assert due.answer.startswith(f"Có {len(want)} nhiệm vụ đến hạn")
    duties = indexed.ask.ask("Văn phòng Đảng ủy phải làm những việc gì theo kế hoạch chuyển đổi số phường Bạch Đằng?")
    assert not re.match(r"Văn phòng Đảng ủy có \d+ nhiệm vụ", duties.answer)  # `answer.plan_answers` is off
