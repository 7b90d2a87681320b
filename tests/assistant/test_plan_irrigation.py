"""How staff ask a district plan whose answers lie past a comma, with a body it reports to, or in one part of a list of
parts, through the real index: a sentence little longer than a quote's length said whole; a unit things are sent to
is not whose duty is asked; "báo cáo … gửi cho ai" asks where, not who; a part named by its words is read, not the
list of parts; a thing the asker names and glosses in brackets, said by the plan neither way, is refused. The plan
is fictional, written for these tests, and stands beside a Party plan of another province."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    files = [FIXTURES / "district_irrigation_plan.txt", FIXTURES / "party_plan_checks.txt"]
    yield from services_over(tmp_path_factory.mktemp("irrigation") / "index", files)


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the sentence's second half answers: quoted whole, not cut at a comma
    ("Theo kế hoạch thủy lợi huyện Tân Phước, nếu đơn vị không cân đối được kinh phí thì đề xuất gửi ai và xử lý "
     "tiếp thế nào?", ["Phòng Tài chính - Kế hoạch", "bổ sung kinh phí"], []),
    # "gửi cho ai" asks where; the weekly report goes to a body whose name holds an act ("Trung tâm Giám sát …")
    ("Trạm Thủy nông Tân Phước báo cáo tình hình vận hành hồ chứa định kỳ thế nào và gửi cho ai?",
     ["thứ Hai hằng tuần", "Trung tâm Giám sát tài nguyên nước"], []),
    # one part named: its items, not the list of the parts
    ("Kế hoạch thủy lợi huyện Tân Phước nêu những giải pháp gì để hạn chế tác động bất lợi của hạn hán, xâm nhập mặn?",
     ["Đắp đập tạm ngăn mặn", "cây màu chịu hạn"], ["Khen thưởng"]),
    # the laws a duty names one by one, late in it: quoted where it names them
    ("Theo kế hoạch thủy lợi huyện Tân Phước, Phòng Tư pháp rà soát, kiến nghị sửa đổi theo những luật nào?",
     ["Luật Thủy lợi", "Luật Đê điều", "Luật Đất đai"], []),
    # a target asked by its label: all the labelled line says, though read a sentence at a time
    ("Theo kế hoạch thủy lợi huyện Tân Phước, mục tiêu đến năm 2027 là gì?",
     ["kiên cố hóa các tuyến kênh mương chính", "95% diện tích lúa được tưới chủ động"], []),
    # a gloss the plan does not use, of a thing it says: answered
    ("Huyện Tân Phước xây dựng phần mềm quản lý vận hành hồ chứa (app) cho hồ nào?", ["Ba Rài"], []),
])
def test_answered(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


def test_a_thing_glossed_in_brackets_and_said_neither_way_is_refused(plans: Services) -> None:
    """"thiết bị bay không người lái (drone, flycam)": the plan checks canals, but names no such device."""
    r = plans.ask.ask("Kế hoạch quản lý, vận hành công trình thủy lợi huyện Tân Phước có sử dụng thiết bị bay không "
                      "người lái (drone, flycam) để khảo sát, kiểm tra kênh mương, cống, trạm bơm không?")
    assert not r.answerable, r.answer


def test_a_unit_things_are_sent_to_is_not_whose_deadline_is_asked(plans: Services) -> None:
    """Phòng Nông nghiệp và Môi trường receives the cooperatives' plans: its own report's day does not lead."""
    r = plans.ask.ask("Các hợp tác xã dùng nước ở huyện Tân Phước phải gửi kế hoạch dùng nước cho Phòng Nông nghiệp "
                      "và Môi trường chậm nhất ngày nào?")
    lead = r.answer.split("\n")[0]
    assert "15 tháng 02 năm 2026" in lead and "28 tháng 02" not in lead, r.answer
