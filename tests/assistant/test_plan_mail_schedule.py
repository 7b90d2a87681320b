"""Two plans in forms staff bring, written for this test: a Party committee's plan pasted from a forwarded e-mail
(quoted "> ", a mail's fields and signature around it, cut at 72 characters, its task table ruled without a frame),
and a department's plan in Word whose annex is a schedule ("Thời gian thực hiện" merged over "T1" … "T12", an "x"
in each month a task runs, the day due in its note)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

MAIL = Path(__file__).parents[1] / "fixtures" / "forwarded_mail_plan.txt"
TASKS = [
    ("1", "Tiêm phòng Dại chó, mèo", "Chi cục Chăn nuôi và Thú y", "UBND các huyện", (3, 4, 9), ""),
    ("2", "Kiểm dịch động vật tại các trạm đầu mối", "Chi cục Chăn nuôi và Thú y", "Công an tỉnh", tuple(range(1, 13)),
     "Trực 24/24 giờ"),
    ("3", "Tổng kết công tác phòng, chống dịch bệnh động vật năm 2025", "Chi cục Chăn nuôi và Thú y",
     "Các đơn vị thuộc Sở", (12,), "Trước 10/12/2025"),
]


def _schedule_plan(path: Path) -> Path:
    """A Word plan whose annex table has a two-row header: "Thời gian thực hiện" merged over the twelve months."""
    from docx import Document

    doc = Document()
    for line in ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN TỈNH KIM HÀ", "Số: 215/KH-SNN",
                 "Kim Hà, ngày 08 tháng 01 năm 2025", "KẾ HOẠCH",
                 "Phòng, chống dịch bệnh động vật trên địa bàn tỉnh Kim Hà năm 2025", "I. MỤC TIÊU",
                 "Tiêm phòng vắc xin Dại chó, mèo đạt trên 85% tổng đàn.", "II. TỔ CHỨC THỰC HIỆN",
                 "Các đơn vị thực hiện theo lịch tại Phụ lục.", "III. KINH PHÍ",
                 "Tổng kinh phí từ ngân sách tỉnh năm 2025 là 6.842 triệu đồng.", "Phụ lục", "LỊCH TRIỂN KHAI CÁC NHIỆM VỤ NĂM 2025"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=17)
    names = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    for k, name in enumerate(names):
        table.cell(0, k).merge(table.cell(1, k)).text = name
    table.cell(0, 4).merge(table.cell(0, 15)).text = "Thời gian thực hiện"
    for m in range(1, 13):
        table.cell(1, 3 + m).text = f"T{m}"
    table.cell(0, 16).merge(table.cell(1, 16)).text = "Ghi chú"
    for number, task, lead, co, months, note in TASKS:
        cells = table.add_row().cells
        for k, value in enumerate([number, task, lead, co]):
            cells[k].text = value
        for m in months:
            cells[3 + m].text = "x"
        cells[16].text = note
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("mail_schedule")
    yield from services_over(folder / "index", [MAIL, _schedule_plan(folder / "lich_trien_khai.docx")])


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the plan's header under the mail's quote marks: its number, date and signer, not the mail's
    ("Kế hoạch phòng, chống đuối nước của Huyện ủy Tân Mỹ số bao nhiêu, ngày nào, đồng chí nào ký?",
     ["61-KH/HU", "05 tháng 4 năm 2024", "Lê Văn Thuận"], ["Trần Thị Mai"]),
    # a row of the table ruled without a frame, its cells wrapped over three lines
    ("Theo kế hoạch của Huyện ủy Tân Mỹ, việc rà soát, lập danh sách các điểm sông, hồ nguy hiểm do ai chủ trì, ai "
     "phối hợp và xong khi nào?", ["Phòng Giáo dục và Đào tạo", "UBND các xã, thị trấn", "Trước 31/5/2024"], []),
    # a numbered duty whose first line filled the width goes on over the next
    ("Huyện ủy Tân Mỹ bố trí kinh phí phòng, chống đuối nước từ ngân sách huyện mỗi năm bao nhiêu?",
     ["280 triệu đồng"], []),
    # the months marked are the row's time; the note dates it to the day
    ("Theo lịch triển khai của Sở Nông nghiệp tỉnh Kim Hà, tiêm phòng Dại chó, mèo làm vào những tháng nào?",
     ["Tháng 3 - tháng 4, tháng 9"], []),
    ("Theo lịch triển khai của Sở Nông nghiệp tỉnh Kim Hà, ai chủ trì tổng kết công tác phòng, chống dịch bệnh động vật "
     "năm 2025 và phải xong trước ngày nào?", ["Chi cục Chăn nuôi và Thú y", "Trước 10/12/2025"], []),
    # "So sánh X: A … và X của B …": the words repeated after "và" join two parts said alike, each its own plan's
    ("So sánh kinh phí: ngân sách huyện Tân Mỹ bố trí mỗi năm cho phòng, chống đuối nước và ngân sách tỉnh Kim Hà "
     "chi cho phòng, chống dịch bệnh động vật năm 2025 là bao nhiêu?", ["280 triệu đồng", "6.842 triệu đồng"], []),
])
def test_answered_from_its_own_form(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


def test_the_mail_around_the_plan_is_no_part_of_it(plans: Services) -> None:
    """The header read is the plan's; the mail's subject and date are not its title and date."""
    mail = next(d for d in plans.registry.list_documents() if d.source == MAIL.name)
    assert (mail.meta["doc_number"], mail.meta["issued_date"], mail.meta["signer"]) == \
        ("61-KH/HU", "2024-04-05", "Lê Văn Thuận")
    assert mail.meta["issuer"] == "Huyện ủy Tân Mỹ"
