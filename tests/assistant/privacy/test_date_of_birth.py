import pytest

from assistant.privacy.recognizers.date_of_birth import DateOfBirthRecognizer


@pytest.fixture(scope="module")
def recognizer() -> DateOfBirthRecognizer:
    return DateOfBirthRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đồng chí Nguyễn Thị Hồng, sinh ngày 12/3/1985, quê quán Nghệ An.", ["12/3/1985"]),
        ("Ngày sinh: 05-11-1990", ["05-11-1990"]),
        ("Ông Đặng Quốc Bảo, sinh năm 1978, là đảng viên.", ["1978"]),
        ("Năm sinh: 1962", ["1962"]),
        ("sinh ngày 01 tháng 7 năm 1983 tại Thanh Hóa", ["01 tháng 7 năm 1983"]),
        ("Sinh ngày: 3 tháng 12, năm 1990", ["3 tháng 12, năm 1990"]),
        ("ngày sinh 3.4.1975", ["3.4.1975"]),
        ("sinh ngay 12/03/1985", ["12/03/1985"]),
        ("Ngày, tháng, năm sinh: 20/10/2001", ["20/10/2001"]),
        ("Bùi Thanh Tùng (sinh 1992) là đoàn viên", ["1992"]),
        ("sinh tháng 3/1985", ["3/1985"]),
        ("SN: 15/6/1990", ["15/6/1990"]),
        ("học sinh sinh năm 2010", ["2010"]),
    ],
)
def test_finds_birth_dates(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hoàn thành trước ngày 12/6/2026; sơ kết vào Quý III/2026.",
        "Thời gian thực hiện: từ 01/7/2025 đến 31/12/2026.",
        "Kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2026).",
        "Ngày sinh hoạt chi bộ 05/3/2026",
        "Xử lý dứt điểm vướng mắc phát sinh năm 2025.",
        "Quản lý thông tin học sinh 2026",
        "Nghị quyết số 57-NQ/TW, ngày 22/12/2024",
        "Giai đoạn 2026 - 2030",
        "Bố trí từ nguồn NS 2026 và NSNN 2027",  # NS = ngân sách (budget)
    ],
)
def test_ignores_plan_dates(recognizer, values_of, text):
    assert values_of(recognizer, text) == []
