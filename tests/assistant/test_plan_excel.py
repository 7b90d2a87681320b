"""A district's plan kept entirely in a workbook (`conftest.excel_plan_bytes`: its text down column A, a task annex
under a header of three merged rows with a lead merged down over two tasks, targets by commune), asked as staff ask
through the real index."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import assert_answered, excel_plan_bytes, services_over

from assistant.services.container import Services


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("excel_plan")
    path = folder / "kenh-muong.xlsx"
    path.write_bytes(excel_plan_bytes())
    yield from services_over(folder / "index", [path])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    ("Kế hoạch nạo vét kênh mương của UBND huyện Kim Sơn số mấy, ai ký?", ["41/KH-UBND", "Đặng Văn Lực"], []),
    # the lead merged down over the second task leads it too; its time is the column "… - Hoàn thành"
    ("Ai chủ trì nạo vét kênh N2, N4 ở Kim Sơn, ai phối hợp và xong khi nào?",
     ["Phòng Nông nghiệp chủ trì", "Hợp tác xã Đồng Tiến", "Tháng 5/2025"], []),
    # a commune's figure under the header's two rows ("Chiều dài … (km) - Năm 2026")
    ("Năm 2026 xã Kim Tây phải nạo vét bao nhiêu km kênh?", ["Năm 2026: 7"], []),
])
def test_answered(plan: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)
