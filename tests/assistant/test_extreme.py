"""Which questions ask for the row with the most or the least of something, and how a table's figures are read."""

from __future__ import annotations

import pytest

from assistant.services.extreme import _number, asks_extreme
from assistant.services.question import analyse


@pytest.mark.parametrize(("question", "ranked"), [
    ("Xã nào được phân bổ nhiều căn nhất?", True),
    ("Đơn vị nào có chỉ tiêu thấp nhất?", True),
    ("xa nao it can sua chua nhat", True),
    ("Kế hoạch đặt chỉ tiêu ít nhất bao nhiêu phần trăm?", False),  # a floor, not a rank
    ("Sở nào chủ trì nâng cao năng lực thống nhất quản lý?", False),  # "thống nhất" ranks nothing
    ("Tỷ lệ cao nhất đạt được năm 2025 là bao nhiêu?", False),  # no row asked for ("… nào")
    ("Tổ dân phố nào được phân bổ nhiều cơ sở phải kiểm tra PCCC nhất?", True),  # the figure named at length
])
def test_a_rank_is_asked(question: str, ranked: bool) -> None:
    assert asks_extreme(analyse(question)) is ranked


@pytest.mark.parametrize(("cell", "value"), [
    ("342", 342.0), ("1.465", 1465.0), ("3,5", 3.5), ("12.500,75", 12500.75), ("85%", 85.0),
    ("Xã Tân Lập", None), ("Quý II/2026", None),
])
def test_a_cell_is_read_in_vietnamese_notation(cell: str, value: float | None) -> None:
    assert _number(cell) == value
