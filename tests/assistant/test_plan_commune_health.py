"""Two plans written for this test in conventions met in plans of other topics: stages numbered in one
sentence ("đợt 1 … đợt 2 …"), a table under a title line of its own with a column saying how often, a table retyped
line by line with no header row, and bodies asked to help listed under "Đề nghị các cơ quan, đơn vị, địa phương"
(one of them a province's paper and broadcaster, "Báo và Phát thanh, Truyền hình …"); and a plan as shown at
a meeting, its cover dated the day of the meeting above the plan's own header; a plan received as a certified copy
("SAO Y" and the copying department's own number and signer after it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "commune_flood_health_plan.txt"
DECK = Path(__file__).parents[1] / "fixtures" / "conference_deck_plan.txt"  # a plan shown at a meeting, copied to text
COPY = Path(__file__).parents[1] / "fixtures" / "certified_copy_plan.txt"  # a province's plan as a department's "sao y"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("commune_health"), [PLAN, DECK, COPY])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # "mấy đợt": the stages counted by their numbers
    ("Xã Hòa An tổng vệ sinh môi trường năm 2026 mấy đợt, từng đợt từ ngày nào đến ngày nào?",
     ["05/5/2026", "12/5/2026", "20/9/2026", "27/9/2026"], []),
    # "mục tiêu số 2": the item numbered "2." in its list, its label no words of its text
    ("Kế hoạch phòng dịch mùa lũ của xã Hòa An: mục tiêu số 2 đặt ra là gì?", ["dịch tả"], ["hóa chất khử khuẩn"]),
    # how often, said by the column it stands in; the place asked leads
    ("Theo kế hoạch của xã Hòa An, điểm thôn Cồn Trên do ai lấy mẫu nước và với tần suất nào?",
     ["Hai tháng/lần"], []),
    # a row of a table with no header: its cells, not names the table never gives ("Cột 3")
    ("Theo kế hoạch phòng dịch mùa lũ của xã Hòa An, xóm Bãi Giữa ven sông có bao nhiêu hộ và tập kết vật tư ở đâu?",
     ["42 hộ", "Nhà văn hóa thôn Bến Đò"], ["Cột"]),
    # "những cơ quan, đơn vị, địa phương nào": bodies, each by its name as its line opens (no ward is asked)
    ("Kế hoạch phòng dịch mùa mưa lũ của xã Hòa An đề nghị những cơ quan, đơn vị, địa phương nào phối hợp?",
     ["Báo và Phát thanh, Truyền hình Bình Giang", "Trường Trung học cơ sở Hòa An", "Hội Chữ thập đỏ xã"],
     ["Bình Giang chủ trì"]),
])
def test_answered_as_written(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


def test_the_title_line_over_a_table_travels_with_its_rows(plan: Services) -> None:
    """"Điểm lấy mẫu nước và đơn vị thực hiện" above the table names what its rows are: a question naming the table
    so ("theo bảng điểm lấy mẫu nước") is answered from a row, which cites the title with the header."""
    r = plan.ask.ask("Theo bảng điểm lấy mẫu nước của xã Hòa An, thôn Gò Mít lấy mẫu bao lâu một lần?")
    assert r.answerable and "Hằng quý" in r.answer, r.answer
    assert any(c.quote == "Điểm lấy mẫu nước và đơn vị thực hiện" for c in r.citations), r.citations


def test_a_plan_shown_at_a_meeting_is_dated_by_its_header(plan: Services) -> None:
    """The cover of the deck dates the meeting (20/12); the plan's header, beside its number, dates the plan."""
    r = plan.ask.ask("Kế hoạch tiêm chủng mở rộng năm 2027 của xã Hòa An số mấy, ban hành ngày nào, ai ký?")
    assert "77/KH-UBND" in r.answer and "ngày 16 tháng 12 năm 2026" in r.answer and "Đỗ Minh Khoa" in r.answer
    assert "20 tháng 12" not in r.answer, r.answer


def test_a_certified_copy_answers_for_the_plan_it_copies(plan: Services) -> None:
    """Who signed and what number: the plan's, not the copying department's ("Số: 12/SY-SYT", Lê Thị Hoa)."""
    r = plan.ask.ask("Kế hoạch chăm sóc sức khỏe người lao động của An Hà do ai ký?")
    assert "Trần Văn Bình" in r.answer and "Lê Thị Hoa" not in r.answer, r.answer
    r = plan.ask.ask("Kế hoạch chăm sóc sức khỏe người lao động của An Hà có số hiệu là gì?")
    assert "45/KH-UBND" in r.answer and "12/SY-SYT" not in r.answer, r.answer
