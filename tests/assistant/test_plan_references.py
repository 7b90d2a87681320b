"""A plan that assigns work by where it is written ("Chủ trì triển khai các nhiệm vụ tại mục (II)(1.1)(a)", "Giao
Sở Công Thương chủ trì các nhiệm vụ tại điểm a, b"), dates its targets by the heading above them ("a) Năm 2026"),
names its funds without a sum and cites documents with their dates — asked as staff ask, through the real index.
The plan is fictional, written for this test (`fixtures/plan_by_reference.txt`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.access import Principal
from assistant.services.assignments import Filters
from assistant.services.container import Services

PLAN = Path(__file__).parents[1] / "fixtures" / "plan_by_reference.txt"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("by_reference") / "index", [PLAN])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # "1. Sở Văn hóa …" / "a) Chủ trì triển khai các nhiệm vụ tại mục (II)(1.1)(a)": the part named there is its task
    ("Theo kế hoạch phát triển du lịch nông thôn của tỉnh Hà Lâm, ai chủ trì xây dựng bộ tiêu chí homestay?",
     ["Sở Văn hóa, Thể thao và Du lịch chủ trì", "Ban hành bộ tiêu chí chất lượng homestay"], ["Sở Công Thương"]),
    ("Đơn vị nào lo việc quảng bá điểm đến du lịch nông thôn ở Hà Lâm?",
     ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh chủ trì", "bản đồ số"], []),
    # the duty's co-unit and deadline go with the part it names ("tại mục (II) (1.2), phối hợp …; hoàn thành trước …")
    ("Sở Nội vụ Hà Lâm phải tập huấn kỹ năng đón khách cho người dân xong trước ngày nào?",
     ["30/11/2025", "Mở lớp tập huấn kỹ năng đón khách"], []),
    ("Đào tạo nhân lực du lịch của Hà Lâm có đơn vị nào phối hợp với Sở Nội vụ?",
     ["phối hợp: Sở Văn hóa, Thể thao và Du lịch"], []),
    # a unit's duties, one of them a part given by its number: that part's items, each by its start
    ("Sở Văn hóa, Thể thao và Du lịch Hà Lâm phải làm những gì theo kế hoạch du lịch nông thôn?",
     ["Ban hành bộ tiêu chí chất lượng homestay", "Công nhận điểm du lịch cộng đồng đạt chuẩn"], []),
    # "Giao Sở Công Thương chủ trì các nhiệm vụ tại điểm a, b; UBND thành phố … tại điểm c": the items above it
    ("Tỉnh Hà Lâm giao ai tổ chức phiên chợ nông sản hằng quý?", ["Sở Công Thương chủ trì"], ["Ủy ban nhân dân thành"]),
    ("Ai chủ trì xây dựng chuỗi cửa hàng nông sản an toàn tại thành phố Hà Lâm?",
     ["Ủy ban nhân dân thành phố Hà Lâm chủ trì"], []),
    # two years' targets read alike: the heading above each says which year
    ("Đến năm nào thì 100% hộ làm du lịch cộng đồng ở Hà Lâm được tập huấn kỹ năng đón khách?",
     ["Năm 2027: 100% hộ"], []),
    # where the money comes from, asked in the asker's words
    ("Kinh phí kế hoạch du lịch nông thôn Hà Lâm lấy từ nguồn nào?", ["ngân sách tỉnh"], []),
    # a document the plan cites, asked by its number alone: the citation dates it
    ("Quyết định 412/QĐ-TTg được ban hành ngày nào?", ["03/4/2024"], ["12 tháng 3 năm 2025"]),
])
def test_answered(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)


@pytest.mark.parametrize("question", [
    # one field asked alone, which the task does not have: it names only who leads
    "Việc xây dựng bộ tiêu chí homestay ở Hà Lâm có những đơn vị nào phối hợp?",
    # a sum, where the plan names only where the money comes from
    "Tổng kinh phí thực hiện kế hoạch du lịch và thương mại nông thôn Hà Lâm là bao nhiêu?",
    # a person chosen for a post the plan names no one for
    "Ai được chọn làm trưởng ban chỉ đạo du lịch nông thôn tỉnh Hà Lâm?",
])
def test_refused(plan: Services, question: str) -> None:
    r = plan.ask.ask(question)
    assert not r.answerable, (question, r.answer)


def test_referred_parts_are_tasks_on_the_board(plan: Services) -> None:
    """The assignments board lists each part given by its number under the unit named, with its own title."""
    items = plan.assignments.all_assignments(Principal("admin", "admin", "restricted"), Filters(include_items=True))
    led = {(lead, i["task"]) for i in items for lead in i["lead_units"]}
    assert ("Sở Văn hóa, Thể thao và Du lịch", "Xây dựng bộ tiêu chí homestay") in led
    assert ("Sở Công Thương", "Tổ chức phiên chợ nông sản hằng quý tại trung tâm các huyện") in led
    assert ("Ủy ban nhân dân thành phố Hà Lâm", "Xây dựng chuỗi cửa hàng nông sản an toàn tại thành phố Hà Lâm") in led
    # "… phù hợp với định hướng của ngành (trọng tâm các nhiệm vụ tại mục II)" gives no part to anyone
    assert not any(i["task"].startswith("NHIỆM VỤ") for i in items)
