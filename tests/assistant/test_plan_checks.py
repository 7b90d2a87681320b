"""How staff check things of a Party plan, through the real index: a numbered list written inside one paragraph
("Đề nghị … hỗ trợ: (1) …. (2) …"), where the money for one thing comes from, a target dated by the heading above
it asked with the plan named by its place alone ("Vân Sơn: …"), how often a unit reports, a date checked against
the plan ("… trước 30/6/2026 phải không?"), and what the plan does not say (who approves what it only has drafted;
how many members a team has). The plans are fictional, written for these tests; a second plan of another province
(`plan_by_reference.txt`) stands beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    files = [FIXTURES / "party_plan_checks.txt", FIXTURES / "plan_by_reference.txt"]
    yield from services_over(tmp_path_factory.mktemp("checks") / "index", files)


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # every numbered item of the paragraph, not its first
    ("Kế hoạch chuyển đổi số của Tỉnh ủy Vân Sơn đề nghị Văn phòng Tỉnh ủy hỗ trợ những việc gì?",
     ["(2) Trang bị máy tính cấu hình cao", "(4) Cấp thiết bị lưu trữ mã hóa", "(5) Nâng cấp cổng thông tin"], []),
    # the clause saying where the money comes from, not the clause after it
    ("Tiền trang bị thiết bị đầu cuối cho cơ quan đảng ở Vân Sơn lấy từ đâu?", ["Ngân sách tỉnh bảo đảm kinh phí"], []),
    # named by its place alone: the Vân Sơn plan, and its year heading dates the target
    ("Vân Sơn: đến năm nào thì 100% thông tin về sức khỏe cán bộ được số hóa?", ["Năm 2027"], ["Hà Lâm"]),
    # "theo kỳ nào": how often
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy Vân Sơn báo cáo kết quả về đâu và theo kỳ nào?",
     ["hằng quý, 6 tháng, năm", "Ban Thường vụ Tỉnh ủy"], []),
    # a wrong date checked: the plan's date answers
    ("Các ban đảng Tỉnh ủy Vân Sơn gửi báo cáo sơ kết 6 tháng về Văn phòng Tỉnh ủy trước 30/6/2026 phải không?",
     ["15/6/2026"], []),
])
def test_answered(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


@pytest.mark.parametrize("question", [
    # the plan names who drafts the rules, not who approves them
    "Quy chế bảo vệ bí mật nhà nước trong môi trường số của Tỉnh ủy Vân Sơn do ai phê duyệt?",
    # a team is set up; its size is said nowhere ("thành lập" is no "thành viên")
    "Tổ giúp việc chuyển đổi số của Tỉnh ủy Vân Sơn có mấy thành viên?",
])
def test_refused(plans: Services, question: str) -> None:
    r = plans.ask.ask(question)
    assert not r.answerable, (question, r.answer)
