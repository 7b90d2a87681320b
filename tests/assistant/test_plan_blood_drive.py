"""A provincial board's plan written for this test: its header names the board over two lines with no joining word
under the province's committee, targets by group and a schedule of peak drives laid out as tables (the schedule under
"Tổ chức các đợt … theo lịch sau:"), and the duties of each body. Questions ask the drives the schedule lists (each row one of them), one body's
report deadline (of its duties, the one dated), and where the money comes from; a twin asks a choice no line
makes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.components.vector_store import ScoredChunk
from assistant.services.ask import _row_named
from assistant.services.container import Services
from assistant.services.evidence import Unit

FIXTURE = Path(__file__).parents[1] / "fixtures" / "blood_drive_plan.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("blood_drive"), [FIXTURE])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the rows of a schedule its heading calls "các đợt …" are the drives asked, all six
    ("Kế hoạch vận động hiến máu tình nguyện năm 2026 của tỉnh Hà Lan có những đợt hiến máu cao điểm nào?",
     ["Chủ nhật Đỏ", "Lễ hội Xuân hồng", "Hành trình Đỏ", "Tuần lễ hồng khối trường học", "Giọt hồng tri ân"], []),
    # a body's deadline: of its duties, the one giving a date
    ("Theo kế hoạch hiến máu tình nguyện 2026 của Hà Lan, Tỉnh đoàn phải báo cáo kết quả trước ngày nào?",
     ["trước ngày 05 của tháng sau"], ["Phụ trách chỉ tiêu khối"]),
    # a group's target, from the row naming it
    ("Khối doanh nghiệp, khu công nghiệp của tỉnh Hà Lan được giao chỉ tiêu bao nhiêu đơn vị máu năm 2026?",
     ["4.000"], []),
    # where the money comes from
    ("Kinh phí kế hoạch hiến máu năm 2026 của tỉnh Hà Lan được bố trí từ nguồn nào?", ["ngân sách tỉnh"], []),
])
def test_answered_as_written(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


@pytest.mark.parametrize(("question", "named"), [
    ("Kế hoạch năm 2028 đối với mận, mơ xuất khẩu là bao nhiêu tấn?", False),  # the row is of cement
    ("Kế hoạch năm 2028 đối với xi măng xuất khẩu là bao nhiêu tấn?", True),
    ("Ai chủ trì việc xuất khẩu xi măng?", True),  # no figure asked: the row's other cells answer
])
def test_a_row_listing_things_by_name_gives_a_figure_of_the_one_it_names(question: str, named: bool) -> None:
    row = Unit(chunk=ScoredChunk("c1", 1.0, {}), rank=0, text="| 3 | Xi măng và clanke | 18.000 | 3.100 |", start=0,
               end=40, cells={"TT": "3", "Sản phẩm": "Xi măng và clanke", "Kế hoạch 2028 - Lượng (Tấn)": "18.000"})
    assert _row_named(question, row) is named


def test_the_boards_name_over_two_lines_is_the_issuer(plan: Services) -> None:
    (row,) = plan.registry.list_documents()
    doc = row.to_meta()
    assert (doc.issuer, doc.signer) == ("Ban Chỉ đạo vận động hiến máu tình nguyện", "Lê Thị Minh Hằng")


@pytest.mark.parametrize("question", [
    "Chương trình “Chủ nhật Đỏ” của tỉnh Hà Lan năm 2026 tổ chức trực tiếp hay trực tuyến?",
])
def test_what_no_line_says_is_refused(plan: Services, question: str) -> None:
    r = plan.ask.ask(question)
    assert not r.answerable, r.answer
