"""A district plan saved from Word as plain text, written for this test: its numbering lost (headings are the short
lines alone), units' duties under their names, "Chế độ báo cáo:" run in its text, an annex table copied with tabs
(a group row without a tab, a lead cell merged down the rows, a cell's second paragraph on its own line) and a matrix
of units marking who leads ("C") and who coordinates ("P")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "word_export_plan.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("word_export"), [PLAN])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # a target under "Chỉ tiêu chủ yếu năm 2027", a heading only by standing alone
    ("Kế hoạch phòng chống dịch mùa hè năm 2027 của Phòng Y tế Đông Sơn đặt chỉ tiêu giảm bao nhiêu phần trăm số ca "
     "sốt xuất huyết?", ["15%"], []),
    # a unit's duties are the bullets under its name
    ("Theo Kế hoạch 27/KH-PYT, Trung tâm Y tế huyện Đông Sơn có những nhiệm vụ gì?", ["120 nhân viên y tế"], []),
    # the reporting part run in its text
    ("Các xã, thị trấn của huyện Đông Sơn báo cáo tình hình dịch bệnh về đâu, trước ngày nào hằng tháng?",
     ["trước ngày 25 hằng tháng"], []),
    # the lead cell merged with the row above; the product's second paragraph in its row
    ("Trong phụ lục kế hoạch phòng chống dịch của Phòng Y tế Đông Sơn, ai chủ trì phun hóa chất diệt muỗi tại các ổ dịch?",
     ["Trung tâm Y tế huyện"], []),
    # the matrix: the lead and co-units are the columns marked
    ("Theo kế hoạch phòng chống dịch của Phòng Y tế Đông Sơn, ai chủ trì và ai phối hợp kiểm tra vệ sinh an toàn thực "
     "phẩm tại bếp ăn trường học?", ["Phòng Giáo dục và Đào tạo chủ trì", "Trung tâm Y tế huyện"], []),
    # a row's figures in the measure its table states above its header
    ("Năm 2027 ngân sách tỉnh hỗ trợ bao nhiêu cho kế hoạch phòng chống dịch của Phòng Y tế Đông Sơn?",
     ["800 triệu đồng"], []),
])
def test_answered_from_a_word_export(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


def test_where_a_rows_activity_is_held_is_said_with_who_leads_it(plan: Services) -> None:
    """"… tổ chức ở đâu, ai chủ trì?": the row's product cell holds the place ("Lễ ra quân tại Nhà văn hóa …"), so the
    row says it beside its lead, in the statement the answer leads with."""
    r = plan.ask.ask("Lễ ra quân hưởng ứng chiến dịch diệt lăng quăng của huyện Đông Sơn tổ chức ở đâu, ai chủ trì?")
    lead = r.answer.split("\n")[0]
    assert "Nhà văn hóa huyện Đông Sơn" in lead and "Trung tâm Y tế huyện" in lead, r.answer


def test_the_sum_of_the_plan_does_not_answer_for_one_unit(plan: Services) -> None:
    """The plan gives one sum for the whole plan: asked what one unit or one named activity gets, it is not said."""
    assert_answered(plan, "Tổng kinh phí thực hiện kế hoạch phòng chống dịch năm 2027 của Phòng Y tế Đông Sơn là bao "
                          "nhiêu?", ["1.250 triệu đồng"], [])
    assert not plan.ask.ask("Trung tâm Văn hóa - Thông tin huyện Đông Sơn được bố trí bao nhiêu kinh phí cho truyền "
                            "thông phòng chống dịch?").answerable
    assert not plan.ask.ask("Kế hoạch 27/KH-PYT dành bao nhiêu kinh phí cho “Tháng hành động diệt muỗi”?").answerable


def test_a_question_about_the_plan_it_carries_out_is_refused(plan: Services) -> None:
    """88/KH-UBND is only what the plan is based on ("Căn cứ Kế hoạch số 88/KH-UBND …")."""
    assert not plan.ask.ask("Kế hoạch số 88/KH-UBND của UBND huyện Đông Sơn giao phòng nào phun hóa chất diệt muỗi?"
                            ).answerable
