"""Timing as plans write it -> interval and recurrence; time mentions that a verifier compares."""

from __future__ import annotations

import pytest

from assistant.vocab.dates import (
    FREQUENCY,
    active_spans,
    date_vi,
    how_often,
    lunar_new_year_short,
    mentions_supported,
    parse_timing,
    period_phrase,
    plan_year,
    says_date,
    time_mentions,
    without_day_dates,
)


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence"),
    [
        ("Quý III/2026", "2026-07-01", "2026-09-30", "none"),
        ("quý 3 năm 2026", "2026-07-01", "2026-09-30", "none"),
        ("Quý IV-2025", "2025-10-01", "2025-12-31", "none"),
        ("Quý I, II năm 2026", "2026-01-01", "2026-06-30", "none"),
        ("Quý III - IV/2026", "2026-07-01", "2026-12-31", "none"),
        ("trước ngày 15/12/2025", None, "2025-12-15", "none"),
        ("ngày 15 tháng 12 năm 2025", "2025-12-15", "2025-12-15", "none"),
        ("tháng 6/2025", "2025-06-01", "2025-06-30", "none"),
        ("6/2025", "2025-06-01", "2025-06-30", "none"),
        ("Tháng 6 năm 2025", "2025-06-01", "2025-06-30", "none"),
        ("2026–2027", "2026-01-01", "2027-12-31", "none"),
        ("Năm 2025 - 2026", "2025-01-01", "2026-12-31", "none"),
        ("Giai đoạn 2026-2030", "2026-01-01", "2030-12-31", "none"),
        ("Năm 2026", "2026-01-01", "2026-12-31", "none"),
        ("Hoàn thành trong năm 2025", "2025-01-01", "2025-12-31", "none"),
        ("Đến năm 2030", None, "2030-12-31", "none"),
        ("Từ năm 2026", "2026-01-01", None, "none"),
        ("6 tháng đầu năm 2026", "2026-01-01", "2026-06-30", "none"),
        ("Hằng năm", None, None, "yearly"),
        ("Thường xuyên", None, None, "continuous"),
        ("Thực hiện thường xuyên .", None, None, "continuous"),
        ("Định kỳ 6 tháng", None, None, "half-yearly"),
        ("hằng quý", None, None, "quarterly"),
        ("Ngay sau khi kế hoạch được ban hành", None, None, "none"),
    ],
)
def test_parse_timing(text: str, start: str | None, end: str | None, recurrence: str) -> None:
    t = parse_timing(text)
    assert (t.due_start, t.due_end, t.recurrence) == (start, end, recurrence)
    assert t.text == text.strip()


def test_recurring_deadlines_keep_their_day() -> None:
    monthly = parse_timing("trước ngày 15 hằng tháng")
    assert (monthly.recurrence, monthly.day) == ("monthly", 15)
    yearly = parse_timing("trước ngày 30/6 hằng năm", default_year=2026)
    assert (yearly.recurrence, yearly.day, yearly.month, yearly.due_end) == ("yearly", 30, 6, "2026-06-30")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Quý II/2026", {"Q2/2026"}),
        ("quý 2 năm 2026", {"Q2/2026"}),
        ("trước ngày 15/12/2025", {"D2025-12-15"}),
        ("tháng 6/2025", {"M6/2025"}),
        ("giai đoạn 2026-2030", {"R2026-2030"}),
        ("6 tháng đầu năm 2026", {"H1/2026"}),
        ("hoàn thành trong năm 2027", {"Y2027"}),
    ],
)
def test_time_mentions(text: str, tokens: set[str]) -> None:
    assert time_mentions(text) == tokens


@pytest.mark.parametrize(
    ("claim", "evidence", "ok"),
    [
        ("hạn Quý II/2026", "Thời gian: Quý III/2026", False),  # Roman numerals differ by one letter
        ("hạn Quý III/2026", "Quý 3 năm 2026", True),  # Roman and Arabic alike
        ("tháng 6/2025", "tháng 6/2026", False),
        ("giai đoạn 2026-2030", "giai đoạn 2026 - 2030", True),
        ("Quý III/2026", "a) Quý III", True),  # the quarter named without its year under a dated heading
        ("trước ngày 15/12", "trước ngày 15/12/2025", True),
    ],
)
def test_mentions_supported(claim: str, evidence: str, ok: bool) -> None:
    assert mentions_supported(claim, evidence) is ok


@pytest.mark.parametrize(("number", "text", "said"), [
    ("1/2025", "Hà Nội, ngày 09 tháng 01 năm 2025", True),
    ("1/2025", "ngày 09/01/2025", True),
    ("1/2025", "tháng 01/2025", True),
    ("1/2025", "ngày 10/11/2025", False),
    ("1/2025", "ngày 09 tháng 01 năm 2026", False),
    ("13/2025", "ngày 13/10/2025", False),  # no month: a number
    # a day asked is said in words or figures, not by another day of its month
    ("01/01/2026", "Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.", True),
    ("01/01/2026", "hoàn thành trước 1/1/2026", True),
    ("01/01/2026", "trước ngày 31 tháng 01 năm 2026", False),
])
def test_a_month_or_day_asked_is_said_in_any_form(number: str, text: str, said: bool) -> None:
    assert says_date(number, text) is said


@pytest.mark.parametrize(
    ("title", "left"),
    [
        ("Chương trình hành động thực hiện Nghị quyết số 04-NQ/TU ngày 29/01/2025 của Ban Thường vụ",
         "Chương trình hành động thực hiện Nghị quyết số 04-NQ/TU của Ban Thường vụ"),
        ("Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị",
         "Nghị quyết số 57-NQ/TW của Bộ Chính trị"),
        ("Kế hoạch chuyển đổi số năm 2026 và giai đoạn 2027 - 2030", "Kế hoạch chuyển đổi số năm 2026 và giai đoạn 2027 - 2030"),
    ],
)
def test_day_dates_blanked_from_titles(title: str, left: str) -> None:
    assert " ".join(without_day_dates(title).split()) == left


@pytest.mark.parametrize(("iso", "shown"), [
    ("2026-01-15", "15/01/2026"), ("2026-01", "01/2026"), ("2026", "2026"), ("", ""),
    ("2026-09-28T08:00:00+00:00", "28/09/2026"),  # a tracking update's timestamp: its date as stored
])
def test_date_vi(iso: str, shown: str) -> None:
    assert date_vi(iso) == shown


@pytest.mark.parametrize(("text", "often"), [
    ("Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả", True),
    ("họp định kỳ 6 tháng một lần", True),
    ("kiểm tra ít nhất 02 lần/năm", True),
    ("tổ chức hội nghị thường niên", True),
    ("mỗi học kỳ tổ chức một buổi ngoại khóa", True),
    # "định kỳ", "thường xuyên" say that it recurs, not how often; a date is no frequency
    ("định kỳ báo cáo UBTVQH", False),
    ("thường xuyên kiểm tra, đôn đốc", False),
    ("hoàn thành trước ngày 30/6/2026, 3 tháng đầu năm", False),
])
def test_frequency(text: str, often: bool) -> None:
    assert bool(FREQUENCY.search(text)) is often


def test_how_often_is_said_of_the_act_asked() -> None:
    """A frequency in the clause saying the act; one of another clause ("kế hoạch hằng năm; định kỳ báo cáo") is not."""
    assert how_often("báo cáo", "định kỳ hằng tháng báo cáo kết quả")
    assert not how_often("báo cáo", "xây dựng kế hoạch hằng năm; định kỳ báo cáo Ban Chỉ đạo")
    assert not how_often("họp", "định kỳ hằng tháng báo cáo kết quả")
    # an act's word in a body's name is no act: the report is weekly, the body "Cục Thống kê"
    assert how_often("báo cáo", "Báo cáo tiến độ thu thập thông tin vào thứ Sáu hằng tuần về Cục Thống kê")
    assert how_often("báo cáo", "- Báo cáo định kỳ hằng tháng về Sở Nội vụ")  # a bullet's act, capitalised
    assert how_often("tập huấn", "Mở lớp Tập huấn nghiệp vụ hằng năm cho cán bộ xã")


@pytest.mark.parametrize(("act", "text", "said"), [
    # the frequency is of the act nearest it: drills once a year, not backups
    ("sao lưu", "quy định cụ thể chu kỳ sao lưu, địa điểm lưu trữ dự phòng, tổ chức diễn tập tối thiểu một lần/năm", False),
    ("diễn tập", "quy định cụ thể chu kỳ sao lưu, địa điểm lưu trữ dự phòng, tổ chức diễn tập tối thiểu một lần/năm", True),
    ("báo cáo", "Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả thực hiện", True),  # the frequency opens the clause
    ("họp", "Tổ chức họp giao ban hằng tháng", True),  # acts written together are one
    ("giao ban", "Tổ chức họp giao ban hằng tháng", True),
])
def test_a_frequency_is_of_the_act_nearest_it(act: str, text: str, said: bool) -> None:
    assert how_often(act, text) is said


@pytest.mark.parametrize(("text", "period"), [
    ("Quý III/2026 phải xong những việc gì?", "Quý III/2026"),
    ("Tháng 6/2026 các xã phải nộp gì?", "Tháng 6/2026"),
    ("6 tháng đầu năm 2026 phải hoàn thành việc nào?", "6 tháng đầu năm 2026"),
    ("Việc nào phải xong?", None),
])
def test_the_period_a_question_names(text: str, period: str | None) -> None:
    span = period_phrase(text)
    assert (text[span[0]:span[1]] if span else None) == period


@pytest.mark.parametrize(("text", "spans"), [
    ("Tháng 3 - tháng 5, tháng 9 - tháng 11", [("2025-03-01", "2025-05-31"), ("2025-09-01", "2025-11-30")]),
    ("Tháng 3, tháng 8", [("2025-03-01", "2025-03-31"), ("2025-08-01", "2025-08-31")]),  # not the months between
    ("Quý II và Quý IV/2026", [("2026-04-01", "2026-06-30"), ("2026-10-01", "2026-12-31")]),
    ("Tháng 4 - 5/2025", [("2025-04-01", "2025-05-31")]),
    ("15/4 - 15/5/2025", [("2025-04-15", "2025-05-15")]),
    ("trước ngày 30/6/2026", [("2026-06-30", "2026-06-30")]),  # no start: its day
    ("Cao điểm Tết Nguyên đán và Tết Trung thu", []),
    ("Thường xuyên", []),
])
def test_when_a_task_runs(text: str, spans: list[tuple[str, str]]) -> None:
    assert [(a.isoformat(), b.isoformat()) for a, b in active_spans(text, 2025)] == spans


@pytest.mark.parametrize(("title", "issued", "year"), [
    ("Kế hoạch chuyển đổi số năm 2026", "2025-12-20", 2026),  # issued the year before the one it plans
    ("Kế hoạch phát triển kinh tế số giai đoạn 2026 - 2030", "2025-11-24", 2025),  # a period: the year of issue
    ("Kế hoạch phòng, chống ma túy", "", None),
])
def test_the_year_of_a_plans_bare_dates(title: str, issued: str, year: int | None) -> None:
    assert plan_year(title, issued) == year


@pytest.mark.parametrize(("text", "short"), [
    ("Bảo đảm an toàn thực phẩm Tết Nguyên đán Bính Ngọ", "Bảo đảm an toàn thực phẩm Tết Bính Ngọ"),
    ("tết nguyên đán bính ngọ", "tết bính ngọ"),
    ("ATTP Tet Nguyen dan Binh Ngo", "ATTP Tet Binh Ngo"),  # typed without diacritics
    ("Tết Nguyên đán", "Tết Nguyên đán"),  # the holiday alone: nothing after it to name
    ("Tết Trung thu", "Tết Trung thu"),
])
def test_the_lunar_new_year_named_by_its_year(text: str, short: str) -> None:
    assert lunar_new_year_short(text) == short
