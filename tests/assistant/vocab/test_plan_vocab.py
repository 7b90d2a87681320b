"""The vocabulary the plan model adds: deadlines inside a sentence, open-ended and relative timings, unit lists in
fields and subjects, titles, figures of targets."""

from __future__ import annotations

import pytest

from assistant.vocab.dates import deadline_phrase, parse_timing, recurs
from assistant.vocab.figures import figure_mentions, states_amount
from assistant.vocab.units import starts_with_unit, strip_title, subject_units, unit_list_at, units_of


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Định kỳ trước ngày 20 hằng tháng, báo cáo kết quả thực hiện về Văn phòng Đảng ủy.", "trước ngày 20 hằng tháng"),
        ("Sở Tài chính định kỳ hằng quý tổng hợp báo cáo Ủy ban nhân dân Thành phố", "định kỳ hằng quý"),
        ("xây dựng kế hoạch (hoàn thành trong tháng 11/2025) gửi về Công an tỉnh", "hoàn thành trong tháng 11/2025"),
        ("thể chế hoá đầy đủ các chủ trương, cơ bản hoàn thành trong năm 2025.", "cơ bản hoàn thành trong năm 2025"),
        ("phấn đấu 20% xã ngay trong năm 2025; đến năm 2030 đạt 100%", "đến năm 2030"),  # the last deadline
        ("Thường xuyên kiểm tra, đánh giá nguy cơ mất an toàn thông tin", "Thường xuyên"),
        ("Hoàn thiện hạ tầng công nghệ thông tin và phần mềm (2025 - 2026).", "(2025 - 2026)"),
        ("quán triệt Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị", None),  # a cited text's date
        ("bố trí kinh phí chi thường xuyên cho các bộ", None),  # recurrent expenditure, a budget term
        ("tổng kết các chương trình giai đoạn đến năm 2030", None),  # a programme's period
    ],
)
def test_deadline_phrase(sentence: str, phrase: str | None) -> None:
    found = deadline_phrase(sentence)
    assert (sentence[found[0]:found[1]] if found else None) == phrase


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence"),
    [
        ("năm 2025 và các năm tiếp theo", "2025-01-01", None, "continuous"),
        ("2026 trở đi", "2026-01-01", None, "continuous"),
        ("Theo tiến độ được giao của Luật An ninh mạng 2025", None, None, "none"),
        ("hoàn thành trong tháng 11/2025", "2025-11-01", "2025-11-30", "none"),
        ("Quý III (07-09/2026)", "2026-07-01", "2026-09-30", "none"),
    ],
)
def test_timing_forms_added(text: str, start: str | None, end: str | None, recurrence: str) -> None:
    t = parse_timing(text)
    assert (t.due_start, t.due_end, t.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize(
    ("value", "units"),
    [
        ("Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu",
         ["Sở Tài chính", "Sở Nội vụ", "các sở, ngành", "UBND xã, phường, đặc khu"]),
        ("Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan",
         ["Văn phòng Chính phủ", "Bộ Tư pháp", "các cơ quan có liên quan"]),
        ("Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Cần Thơ",
         ["Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Cần Thơ"]),
        ("VTV, VOV, TTXVN, các địa phương", ["VTV", "VOV", "TTXVN", "các địa phương"]),
        ("Sở Tài chính (cơ quan chủ trì)", ["Sở Tài chính"]),
        ("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", ["Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội"]),
        ("Bộ Công an tiến hành rà soát các văn bản quy phạm pháp luật có liên quan đến Luật thuộc thẩm quyền; các bộ, "
         "cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương rà soát văn bản",
         ["Bộ Công an", "các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
        ("Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải trên địa bàn tỉnh",  # one group
         ["Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải trên địa bàn tỉnh"]),
    ],
)
def test_units_of_a_field(value: str, units: list[str]) -> None:
    assert units_of(value) == units


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Sở Tài chính chủ trì tổng hợp, trình cấp có thẩm quyền", "Sở Tài chính"),
        ("Sở Giáo dục và Đào tạo chủ trì, phối hợp Huyện đoàn", "Sở Giáo dục và Đào tạo"),  # "tạo" ends no name
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tổng hợp, trình Hội đồng nhân dân",
         "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"),
        ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung quán triệt", "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"),
        ("Bộ trưởng Bộ Công an có trách nhiệm giúp Thủ tướng Chính phủ", "Bộ trưởng Bộ Công an"),
        ("Các cơ quan, đơn vị được phân công nhiệm vụ có trách nhiệm thực hiện nghiêm túc",
         "Các cơ quan, đơn vị được phân công nhiệm vụ"),
        ("Kiện toàn Ban Chỉ đạo chuyển đổi số", None),
        ("Ban hành quy chế hoạt động", None),  # "Ban hành" is a verb
        ("Các phần mềm chuyên ngành về tổ chức đảng", None),  # a group of things, not of units
        ("Lãnh đạo, chỉ đạo rà soát, hoàn thiện pháp luật", None),
    ],
)
def test_subject_units(sentence: str, subject: str | None) -> None:
    found = subject_units(sentence)
    assert (sentence[found[0]:found[1]] if found else None) == subject


def test_titles_lists_and_unit_openings() -> None:
    assert strip_title("Bộ trưởng Bộ Công an") == "Bộ Công an"
    assert strip_title("Chủ tịch Ủy ban nhân dân các tỉnh") == "Ủy ban nhân dân các tỉnh"
    assert strip_title("Bộ trưởng") == "các bộ"
    text = "phối hợp với Sở Y tế và các sở, ban, ngành, địa phương có liên quan tham mưu lồng ghép"
    a, z = unit_list_at(text, text.find("Sở Y tế"))
    assert text[a:z] == "Sở Y tế và các sở, ban, ngành, địa phương có liên quan"
    assert starts_with_unit("Sở, ban, ngành liên quan") and starts_with_unit("Thủ tướng Chính phủ")
    assert not starts_with_unit("Bộ tiêu chí đánh giá")


@pytest.mark.parametrize(
    ("clause", "figures"),
    [
        ("tối thiểu 95% hồ sơ", [("tối thiểu 95%", "≥", 95.0, None, "%")]),
        ("trên 80% đảng viên", [("trên 80%", ">", 80.0, None, "%")]),
        ("giảm từ 30% đến 50% chi phí", [("từ 30% đến 50%", "range", 30.0, 50.0, "%")]),
        ("Số hóa hồ sơ đạt 60–70%", [("60–70%", "range", 60.0, 70.0, "%")]),
        ("Hồ sơ trực tuyến ≥ 50%", [("≥ 50%", "≥", 50.0, None, "%")]),
        ("tổng tỷ suất sinh đạt 2,1 con/phụ nữ", [("2,1 con/phụ nữ", "=", 2.1, None, "con/phụ nữ")]),
        ("Diện tích 26.120 Ha", [("26.120 Ha", "=", 26120.0, None, "Ha")]),
        ("đạt từ 70% trở lên", [("từ 70% trở lên", "≥", 70.0, None, "%")]),
        ("Nghị quyết số 57-NQ/TW năm 2030, Dự án 4, thời kỳ 2021-2030", []),
        # a period's years do not swallow the figure after them
        ("kinh phí giai đoạn 2026–2030 là 486,5 tỷ đồng", [("486,5 tỷ đồng", "=", 486.5, None, "tỷ đồng")]),
    ],
)
def test_figures(clause: str, figures: list[tuple]) -> None:
    assert [(f.text, f.comparator, f.value, f.value_to, f.measure) for f in figure_mentions(clause)] == figures


@pytest.mark.parametrize(("text", "recurring"), [
    ("Hằng năm hoặc đột xuất báo cáo kết quả thực hiện về Bộ Công an", True),
    ("Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả thực hiện về Đảng ủy xã", True),
    ("từ tháng 5 đến hết tháng 6/2026, thực hiện báo cáo hằng tuần", True),
    ("định kỳ 6 tháng báo cáo Ban Chỉ đạo", True),
    ("báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025", False),  # once, by a date
    ("thực hiện ngoại kiểm chất lượng nước ít nhất 01 lần/năm", True),
    ("tổ chức hội nghị kết nối cung - cầu 2 lần trong năm", True),
    ("tập huấn 3 lần cho cán bộ xã", False),  # how many times, not how often
])
def test_how_often_a_text_says(text: str, recurring: bool) -> None:
    assert recurs(text) is recurring


@pytest.mark.parametrize(("text", "amount"), [
    ("Tổng kinh phí thực hiện Kế hoạch giai đoạn 2026 - 2027 là 21,05 tỷ đồng, trong đó:", True),
    ("Ngân sách huyện 18.650 triệu đồng", True),
    ("Giá trị xuất khẩu đạt 186 triệu USD", True),
    ("Xây dựng 02 trung tâm dữ liệu", False),
    ("Cử 03 đồng chí tham gia đoàn kiểm tra", False),
    ("Thành lập 01 Hội đồng thẩm định", False),
    ("Giai đoạn 2026 - 2030", False),
])
def test_states_amount(text: str, amount: bool) -> None:
    assert states_amount(text) is amount
