"""Which header, which event: in a file holding a covering letter and the plan it sends, "Công văn … số mấy, ai
ký?" is answered from the letter's header and signature, "Kế hoạch … số mấy, ai ký?" from the plan's; a place asked
of an event the question names in quotes is given by a passage naming that event (another event's "Địa điểm: …"
does not answer, nor a table whose title says "trên địa bàn" but has no place column); "…, ngày nào, tại đâu?"
asks the place as well as the day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("letter-events"),
                             [FIXTURES / "covering_letter.txt", FIXTURES / "plan_safety_month_events.txt"])


def test_the_letter_asked_answers_from_its_own_header_and_signature(plans: Services) -> None:
    r = plans.ask.ask("Công văn của Sở Nội vụ tỉnh Hòa Lâm triển khai kế hoạch bồi dưỡng kỹ năng số có số hiệu gì và "
                      "do ai ký?")
    first, second = r.answer.splitlines()[:2]
    assert "412/SNV-CCVC" in first and "Trần Minh Khoa" in second and "Lê Văn Thành" not in second


def test_the_plan_asked_answers_from_the_plans_header_and_signature(plans: Services) -> None:
    r = plans.ask.ask("Kế hoạch bồi dưỡng kỹ năng số cho cán bộ, công chức năm 2026 của tỉnh Hòa Lâm có số hiệu gì "
                      "và do ai ký?")
    first, second = r.answer.splitlines()[:2]
    assert "37/KH-UBND" in first and "Lê Văn Thành" in second and "Trần Minh Khoa" not in second


def test_the_place_of_the_event_quoted_is_said_by_its_own_passage(plans: Services) -> None:
    r = plans.ask.ask("Lễ ra quân hưởng ứng Tuần lễ phòng, chống thiên tai cấp tỉnh của Kim Sơn tổ chức tại địa "
                      "điểm nào?")
    assert r.answerable and "Quảng trường Trung tâm" in r.answer
    # the contest's place is said nowhere: neither the ceremony's place nor its table row answers
    r = plans.ask.ask("Cuộc thi “Em vẽ mái nhà an toàn” cấp tỉnh năm 2026 của Kim Sơn được tổ chức tại địa điểm nào?")
    assert not r.answerable, r.answer


def test_a_short_part_asks_its_own_kind_of_fact(plans: Services) -> None:
    """"…, ngày nào, tại đâu?": the place is asked too, though the day is said already."""
    r = plans.ask.ask("Lễ ra quân hưởng ứng Tuần lễ phòng, chống thiên tai cấp tỉnh của Kim Sơn tổ chức ngày nào, tại "
                      "đâu?")
    assert "20/5/2026" in r.answer and "Quảng trường Trung tâm" in r.answer
