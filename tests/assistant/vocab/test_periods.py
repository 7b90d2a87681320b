"""Report periods as the API takes them and as reports name them; Party and state bodies."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.vocab.dates import next_period, parse_period, period_label
from assistant.vocab.units import is_party_body

D = dt.date


@pytest.mark.parametrize(("spec", "start", "end", "label", "following"), [
    ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "Quý III/2026", "Quý IV/2026"),
    ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31), "Quý IV/2026", "Quý I/2027"),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), "năm 2026", "năm 2027"),
    ("2026-02-01..2026-02-28", D(2026, 2, 1), D(2026, 2, 28), "từ ngày 01/02/2026 đến ngày 28/02/2026",
     "từ ngày 01/03/2026 đến ngày 31/03/2026"),
    ("Quý II/2026", D(2026, 4, 1), D(2026, 6, 30), "Quý II/2026", "Quý III/2026"),
    ("6 tháng cuối năm 2025", D(2025, 7, 1), D(2025, 12, 31), "6 tháng cuối năm 2025", "6 tháng đầu năm 2026"),
])
def test_periods(spec: str, start: dt.date, end: dt.date, label: str, following: str) -> None:
    assert parse_period(spec) == (start, end)
    assert period_label(start, end) == label
    assert period_label(*next_period(start, end)) == following


@pytest.mark.parametrize("spec", ["", "quý sau", "2026-Q5", "2026-06-30..2026-01-01", "hằng quý"])
def test_bad_periods_say_so_in_vietnamese(spec: str) -> None:
    with pytest.raises(ValueError, match="Không hiểu kỳ báo cáo"):
        parse_period(spec)


@pytest.mark.parametrize(("name", "party"), [
    ("Đảng ủy xã Phú Riềng", True), ("Văn phòng Đảng uỷ", True), ("Tỉnh ủy Đồng Nai", True), ("BTV Đảng ủy", True),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", True), ("Chi bộ Văn phòng", True), ("UBND xã", False),
    ("Ủy ban nhân dân thành phố Hồ Chí Minh", False), ("Sở Tài chính", False), ("Bộ Công an", False),
])
def test_party_or_state_body(name: str, party: bool) -> None:
    assert is_party_body(name) is party
