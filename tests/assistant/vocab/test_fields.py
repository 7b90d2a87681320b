"""Task fields: table column names and labelled lines name the same roles."""

from __future__ import annotations

import pytest

from assistant.vocab.fields import (
    FUNDS_SOURCE,
    SENDS_TO,
    column_duty,
    field_runs,
    heads_table,
    is_total_label,
    labelled_field,
    names_officials,
    role_of,
    stated_measure,
)


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("STT", "stt"), ("TT", "stt"), ("Nội dung", "task"), ("Nhiệm vụ", "task"), ("Nội dung công việc", "task"),
        ("Đơn vị chủ trì", "lead"), ("Cơ quan chủ trì", "lead"), ("Chủ trì", "lead"), ("Cơ quan thực hiện", "lead"),
        ("Đơn vị phối hợp", "co"), ("Phối hợp", "co"), ("Thời gian thực hiện", "timing"), ("Thời hạn", "timing"),
        ("Thời gian dự kiến hoàn thành", "timing"), ("Tiến độ", "timing"), ("Sản phẩm/Chỉ tiêu", "product"),
        ("Kết quả dự kiến", "product"), ("Nguồn kinh phí", "funding"), ("ĐVT", "measure"), ("Đơn vị tính", "measure"),
        ("Ghi chú", "note"), ("Năm 2026", None),
        ("Công trình", "task"), ("Tên công trình", "task"), ("Hạng mục đầu tư", "task"), ("Phân công", "lead"),
        ("Phân công thực hiện", "lead"),
        # named by the header rows above it: its nearest name that says a role
        ("Tổ chức thực hiện - Đơn vị thực hiện - Chủ trì", "lead"), ("Tổ chức thực hiện - Thời gian - Bắt đầu", "timing"),
        ("Số hộ phân loại rác tại nguồn (hộ) - Năm 2025", None),
    ],
)
def test_role_of(label: str, role: str | None) -> None:
    assert role_of(label) == role


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nhiệm vụ: Tham mưu UBND", ("task", "Tham mưu UBND")),
        ("Đơn vị chủ trì: Sở Khoa học và Công nghệ.", ("lead", "Sở Khoa học và Công nghệ.")),
        ("Thời gian thực hiện: Hoàn thành trong năm 2025.", ("timing", "Hoàn thành trong năm 2025.")),
        ("Cơ quan thực hiện:", ("lead", "")),
        ("Mục đích: nâng cao nhận thức", None),
        ("Mục tiêu cụ thể: 100% cơ quan", None),  # opens a section, is no field of a task
        ("Đến năm 2030: 100% cơ quan", None),
    ],
)
def test_labelled_field(line: str, expected: tuple[str, str] | None) -> None:
    found = labelled_field(line)
    assert (found[:2] if found else None) == expected


def test_fields_run_together_on_one_line() -> None:
    text = "Cơ quan chủ trì: Bộ Công an; Thời hạn: năm 2026. Sản phẩm: Nghị định"
    assert [(r, text[a:b]) for r, a, b in field_runs(text)] == [
        ("lead", "Bộ Công an"), ("timing", "năm 2026"), ("product", "Nghị định")]
    assert field_runs("Triển khai rà soát: các cơ sở dữ liệu") == []


@pytest.mark.parametrize(
    ("cell", "total"),
    [("Tổng cộng", True), ("**Tổng cộng**", True), ("Cộng:", True), ("Toàn thành phố", True), ("Toàn tỉnh", True),
     ("Tổng hợp báo cáo", False), ("Công trình cấp nước", False), ("Toàn dân tham gia", False)],
)
def test_total_row_label(cell: str, total: bool) -> None:
    """The row summing a table belongs to no group above it."""
    assert is_total_label(cell) is total


@pytest.mark.parametrize(("column", "duty", "officials"), [
    ("Người theo dõi", ("nguoi", "theo doi"), True),
    ("Cán bộ phụ trách", ("can bo", "phu trach"), True),
    ("Đ/c phụ trách", ("d c", "phu trach"), True),
    ("Lãnh đạo chỉ đạo", ("lanh dao", "chi dao"), True),
    ("Đơn vị thực hiện", ("don vi", "thuc hien"), False),  # a unit, not a person
    ("Người được hỗ trợ", ("nguoi", "duoc ho tro"), False),  # people a plan serves stay private
    # the officials' field before their duty; people of no office ("Người dân …") stay private
    ("Cán bộ thú y phụ trách", ("can bo", "thu y phu trach"), True),
    ("Người dân tham gia theo dõi", ("nguoi", "dan tham gia theo doi"), False),
    ("Họ và tên", None, False),
    ("Nội dung", None, False),
])
def test_a_column_naming_who_answers_for_a_task(column: str, duty: tuple[str, str] | None, officials: bool) -> None:
    assert column_duty(column) == duty
    assert names_officials(column) is officials


@pytest.mark.parametrize(
    ("line", "measure"),
    [
        ("(ĐVT: triệu đồng)", "triệu đồng"), ("Đơn vị tính: ha", "ha"),
        # closing the table's caption, where a line joined to the caption leaves it
        ("Bảng 1. Chỉ tiêu diện tích cây ăn quả theo địa phương (Đơn vị tính: ha, lũy kế)", "ha, lũy kế"),
        ("Bảng 2. Kinh phí thực hiện (ĐVT: triệu đồng)", "triệu đồng"),
        ("Thời gian: Quý II/2026", ""), ("Kế hoạch thực hiện (Kèm theo: Quyết định số 12)", ""),
    ],
)
def test_stated_measure(line: str, measure: str) -> None:
    assert stated_measure(line) == measure


@pytest.mark.parametrize(
    ("line", "heads"),
    [
        ("Bảng 1. Chỉ tiêu diện tích cây ăn quả theo địa phương", True), ("Biểu số 02: Danh mục nhiệm vụ", True),
        ("BẢNG 3 - KINH PHÍ", True), ("(Đơn vị tính: ha)", True),
        ("- Bảng 1 nêu chỉ tiêu của từng địa phương.", False),
        # a title of its own, unnumbered, names the table too; a sentence or a line announcing it does not
        ("Bảng phân công nhiệm vụ", True), ("Phân bổ chỉ tiêu tuyển quân năm 2027 theo ấp", True),
        ("Chỉ tiêu giao cho các ấp như sau:", True),
        ("- Số lượng bể chứa lắp mới năm 2026 được phân bổ theo từng cụm xã, phường như sau:", True),
        ("Tỷ lệ hộ được tiếp cận nước sạch đạt 95%.", False),
        ("Căn cứ Kế hoạch số 12: Ủy ban giao. Các xã thực hiện", False),
        ("năm 2026 các xã thực hiện theo bảng", False),
    ],
)
def test_heads_table(line: str, heads: bool) -> None:
    assert heads_table(line) is heads


@pytest.mark.parametrize(("text", "sends"), [
    ("các xã gửi báo cáo về ubnd huyện", True),
    ("hằng năm hoặc đột xuất báo cáo kết quả thực hiện về bộ công an để tổng hợp", True),  # what is reported between
    ("báo cáo kết quả thực hiện cho thường trực huyện ủy", True),
    ("tổng hợp báo cáo kết quả về việc triển khai kế hoạch", False),  # "về việc": what it is about, not where
    ("xây dựng báo cáo đánh giá tác động môi trường", False),
    # many words between, then a body's name as plans write it
    ("Báo cáo tiến độ thu thập thông tin vào thứ Sáu hằng tuần về Cục Thống kê", True),
    ("báo cáo kết quả thực hiện trong năm về công tác quản lý", False),
    ("báo cáo tham luận tại hội thảo về Hội nhập kinh tế quốc tế", False),  # what it is about
])
def test_where_a_report_goes(text: str, sends: bool) -> None:
    assert bool(SENDS_TO.search(text)) is sends


@pytest.mark.parametrize(("text", "named"), [
    ("Kinh phí thực hiện được bố trí từ ngân sách phường và các nguồn kinh phí hợp pháp khác.", True),
    ("- Hỗ trợ từ Trung ương theo các chương trình.", True),
    ("Kinh phí: NSĐP", True), ("Đơn vị tự bảo đảm kinh phí.", True),
    # money found, not where from; "từ" before a date names no source
    ("UBND phường có trách nhiệm tham mưu bố trí đủ kinh phí để triển khai các nhiệm vụ.", False),
    ("Thực hiện từ ngày 01/01/2027.", False),
])
def test_a_funding_source_is_named(text: str, named: bool) -> None:
    assert bool(FUNDS_SOURCE.search(text)) is named
