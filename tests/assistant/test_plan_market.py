"""A commune plan in the conventions of Nghị định 30 and questions as staff ask them: a table announced by a list
item ("- Số điểm … được phân bổ theo từng chợ như sau:") and named by it, a day asked in figures that the plan
writes in words, where money comes from (named, not "bố trí đủ kinh phí"), the functions a passage lists without
saying "chức năng" (the plan's "cơ quan chức năng" are agencies), and yes-or-no or either-or questions — answered
when the plan says the thing asked, refused when it says neither."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import fixture_services

from assistant.services.container import Services


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from fixture_services(tmp_path_factory, "market_plan.txt", "riverbank_plan_ocr.txt")


@pytest.mark.parametrize(("question", "facts"), [
    # a table's caption, a list item above it, says what its total row counts
    ("Theo bảng phân bổ điểm kinh doanh của xã Phú An, toàn xã hiện có bao nhiêu điểm và tổng phí dự kiến thu là "
     "bao nhiêu?", ["335", "100.500"]),
    # "trước 01/01/2027" is the plan's "trước ngày 01 tháng 01 năm 2027"
    ("Theo kế hoạch chợ của xã Phú An, trước 01/01/2027 phải ban hành xong văn bản nào do Văn phòng - Thống kê xã "
     "chủ trì?", ["Quy chế quản lý chợ Phú An"]),
    ("Phần mềm quản lý chợ của xã Phú An gồm những chức năng nào?",
     ["quản lý hồ sơ tiểu thương", "theo dõi tiền thuê điểm kinh doanh", "tiếp nhận phản ánh của người mua"]),
    # where money comes from is named: the section's source line, beside the passage naming what it pays for
    ("Tiền lắp đặt camera và sơn kẻ vạch điểm kinh doanh trong kế hoạch chợ của xã Phú An lấy từ nguồn nào, và ai "
     "tham mưu bố trí?", ["ngân sách xã", "Văn phòng - Thống kê xã"]),
    # a yes-or-no question the plan answers, an either-or question one alternative of which it says
    ("Theo kế hoạch chợ của xã Phú An, Ban Quản lý chợ có phải báo cáo kết quả thực hiện về UBND xã không?",
     ["trước ngày 20 hằng tháng"]),
    ("Theo kế hoạch chợ của xã Phú An, Ban Quản lý chợ cập nhật dữ liệu phần mềm hằng tháng hay hằng quý?",
     ["hằng tháng"]),
    # a plan named by its number, described in the asker's words ("về tiểu thương"): those words name the plan
    ("Với kế hoạch về tiểu thương và an toàn chợ của xã Phú An (KH 47/KH-UBND), khu hàng tươi sống phải cách khu "
     "hàng khô tối thiểu là bao nhiêu?", ["10 m"]),
])
def test_what_the_plan_says_is_answered(plans: Services, question: str, facts: list[str]) -> None:
    r = plans.ask.ask(question)
    assert r.answerable, r.answer
    assert all(f in r.answer for f in facts), r.answer


@pytest.mark.parametrize("question", [
    "Theo kế hoạch chợ của xã Phú An, tiểu thương đăng ký điểm kinh doanh mới có phải ký cam kết hoặc bảo lãnh với "
    "UBND xã không?",
    "Theo kế hoạch chợ của xã Phú An, việc tiểu thương đăng ký điểm kinh doanh mới là bắt buộc hay tự nguyện?",
])
def test_whether_the_plan_never_says_is_refused(plans: Services, question: str) -> None:
    r = plans.ask.ask(question)
    assert not r.answerable, r.answer
