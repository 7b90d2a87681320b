"""Questions asking several things, over a real index of plans of other conventions (`../shared/corpus-ext`):
each part is answered from the plan it is asked of, a list is answered whole, a decision's proposer is read in
its preamble and an address in full."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over
from plan_support import SHARED

PLANS = ("ext03.txt", "ext08.txt", "ext09.txt", "ext10.txt")


CLOSING = Path(__file__).parents[1] / "fixtures" / "closing" / "ctr_closing.txt"  # written for the tests


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    files = [SHARED / "corpus-ext" / p for p in PLANS] + [CLOSING]
    yield from services_over(tmp_path_factory.mktemp("parts"), files)


@pytest.mark.parametrize(("question", "facts"), [
    # three measures sharing one question word: each is read on its own
    ("Kế hoạch 165/KH-UBND của Cần Thơ về công tác dân số đặt mục tiêu tổng tỷ suất sinh, tỷ số giới tính khi sinh "
     "và tỷ lệ trẻ sơ sinh được tầm soát bệnh bẩm sinh là bao nhiêu?",
     ["2,1 con/phụ nữ", "109 bé trai/100 bé gái", "90% trẻ sơ sinh"]),
    # the second part names another plan: it is read in that plan
    ("Kế hoạch 182/KH-UBND của Đồng Nai phấn đấu bao nhiêu phần trăm xã, phường không ma túy trong năm 2025; Kế "
     "hoạch 165/KH-UBND của Cần Thơ về công tác dân số giao sở nào tham mưu bố trí kinh phí?",
     ["20% xã, phường", "Sở Tài chính"]),
    # who proposed a decision: the last line of its preamble
    ("Quyết định 2954/QĐ-UBND ban hành Kế hoạch xuất khẩu của Sơn La theo đề nghị của cơ quan nào?",
     ["Theo đề nghị của Sở Công Thương"]),
    # a proposal's number asked of a decision named by its number and title: the preamble's last line, though it
    # shares few of the title's words
    ("Quyết định 2820/QĐ-UBND của TP.HCM về hệ thống thông tin, CSDL quốc gia về quy hoạch được ban hành theo công "
     "văn đề nghị số mấy của Sở Tài chính?", ["11033/STC-CSTH"]),
    # what a plan named by its number carries out: its grounds, quoted from their start
    ("Kế hoạch 182/KH-UBND của Đồng Nai về phòng, chống ma túy được ban hành để triển khai chương trình nào?",
     ["Thực hiện Nghị quyết số 163/2024/QH15"]),
    # a question opening on the place a plan is of names that plan
    ("Cần Thơ giao sở nào lồng ghép giáo dục dân số, sức khỏe sinh sản, giới và giới tính vào nhà trường?",
     ["Sở Giáo dục và Đào tạo"]),
    # where a plan is sent: as far as its "(qua …)"
    ("Kế hoạch 182/KH-UBND của Đồng Nai về ma túy: các sở, ngành xây dựng kế hoạch triển khai xong khi nào và gửi "
     "về đâu?", ["tháng 11/2025", "Phòng Tham mưu"]),
    # who and when close a long task "(Cơ quan chủ trì: …; phối hợp: …; thời gian: …)": said though the quote is cut
    ("Theo chương trình hành động 12-CTr/TU của Tỉnh ủy Hòa Sơn, nhiệm vụ nâng vốn điều lệ Quỹ hỗ trợ hợp tác xã "
     "tỉnh do cơ quan nào chủ trì, ai phối hợp và thời gian thực hiện?",
     ["Ban cán sự đảng UBND tỉnh", "Đảng đoàn HĐND tỉnh", "năm 2028"]),
    # a list asked for: every item under the part of the plan the lead stands in
    ("Kế hoạch kèm Quyết định 2820/QĐ-UBND của TP. Hồ Chí Minh về cơ sở dữ liệu quy hoạch dự kiến những nguồn kinh "
     "phí nào?", ["Ngân sách địa phương", "ngân sách Trung ương", "đầu tư công - tư"]),
])
def test_each_part_is_answered(plans, question: str, facts: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_answered(plans, question, facts, [])


def test_a_short_part_naming_another_thing_is_read_for_it(plans) -> None:  # type: ignore[no-untyped-def]
    """"…, và lập thêm tổ nào?": the paragraph answering the first part goes on to it; the part is read for what it
    names ("Tổ công tác liên ngành"), not taken as said by the sentence quoted already."""
    assert_answered(plans, "Chương trình hành động 12-CTr/TU về kinh tế hợp tác của Tỉnh ủy Hòa Sơn thành lập Ban Chỉ "
                           "đạo do ai làm Trưởng ban, và lập thêm tổ nào?",
                    ["Phó Bí thư Thường trực Tỉnh ủy làm Trưởng ban", "Tổ công tác liên ngành"], [])


def test_a_part_answered_by_the_lead_adds_nothing(plans) -> None:  # type: ignore[no-untyped-def]
    """"… xong khi nào và gửi về đâu?": the task leading the answer says both; no second quote of it follows."""
    r = plans.ask.ask("Theo Kế hoạch 182/KH-UBND Đồng Nai, các sở, ngành, UBND xã, phường xây dựng kế hoạch triển "
                      "khai hoàn thành khi nào và gửi về đâu?")
    assert r.answer.count("hoàn thành trong tháng 11/2025") <= 2, r.answer  # the timing, and the quote holding it


def test_an_aside_naming_the_plan_asks_nothing(plans) -> None:  # type: ignore[no-untyped-def]
    r = plans.ask.ask("Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La (ký bởi Phó Chủ tịch Nguyễn Thành Công) "
                      "phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt bao nhiêu?")
    assert r.answerable and "400 triệu USD" in r.answer, r.answer
    assert not r.answer.startswith("Người ký"), r.answer
