"""How staff ask a commune plan run in phases, through the real index: the groups a plan sorts something into,
asked as "mấy loại"; a phase's first and last day, which only its heading says; the things provided for some units
(not those units' duties); the tasks a unit only coordinates; the largest item of an annex whose groups sum their
items. The plan is fictional, written for these tests, and stands beside a Party plan of another province."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    files = [FIXTURES / "commune_market_plan.txt", FIXTURES / "party_plan_checks.txt"]
    yield from services_over(tmp_path_factory.mktemp("market") / "index", files)


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # "mấy loại" is answered by the groups the plan names; "kể ra" asks them listed
    ("Kế hoạch chỉnh trang chợ Hòa Lộc chia hộ kinh doanh thành mấy loại? Kể ra giúp mình.",
     ["03 nhóm", "hộ kinh doanh theo mùa vụ"], []),
    # the phase's days stand in its heading, over its items
    ("Giai đoạn sắp xếp lại quầy sạp ở chợ Hòa Lộc kéo dài từ ngày nào đến ngày nào?",
     ["01/4/2026", "30/6/2026"], []),
    # things provided for units: not what those units must do
    ("Chợ Hòa Lộc sẽ nâng cấp, bổ sung những trang thiết bị nào cho Ban Quản lý chợ và Đội Kiểm tra trật tự xã?",
     ["mái che", "camera an ninh"], []),
    # the tasks it coordinates, each with who leads it — not the one it leads
    ("Theo kế hoạch chợ Hòa Lộc, Ban Quản lý chợ chỉ là đơn vị phối hợp ở những nhiệm vụ nào?",
     ["Khảo sát hiện trạng quầy sạp", "Tập huấn phòng cháy cho tiểu thương", "Công an xã"],
     ["Thu phí chợ theo mức giá mới"]),
    # a group's row sums its items: the largest item, not the group
    ("Phụ lục kinh phí của kế hoạch chợ Hòa Lộc: hạng mục nào có kinh phí lớn nhất?",
     ["Mái che khu ngành hàng tươi sống", "450"], ["900"]),
])
def test_answered(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


def test_a_task_named_by_its_actions_is_dated(indexed: Services) -> None:
    """"… trang bị máy tính cho cán bộ …" of a task "Rà soát, đề nghị với cấp có thẩm quyền trang bị các thiết bị đầu
    cuối …" (a corpus plan): the asker's words for what is provided differ, the task's three actions are its own."""
    assert_answered(indexed, "Ban Tổ chức Tỉnh ủy Lâm Đồng phải rà soát, đề nghị cấp có thẩm quyền trang bị máy tính "
                             "cho cán bộ trong ngành xong trước ngày nào?", ["30/6/2026"], [])
