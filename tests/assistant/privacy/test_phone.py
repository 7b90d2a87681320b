import pytest

from assistant.privacy.recognizers.phone import VnPhoneRecognizer, is_valid_phone, national_number


@pytest.fixture(scope="module")
def recognizer() -> VnPhoneRecognizer:
    return VnPhoneRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SĐT: 0912345678.", ["0912345678"]),
        ("Điện thoại: 0912 345 678", ["0912 345 678"]),
        ("DĐ 0983.456.789", ["0983.456.789"]),
        ("gọi số 091-234-5678 để được hỗ trợ", ["091-234-5678"]),
        ("ĐT: 0912 34 56 78", ["0912 34 56 78"]),
        ("SĐT/Zalo: 09.1234.5678", ["09.1234.5678"]),
        ("+84 912 345 678", ["+84 912 345 678"]),
        ("+84912345678 (Zalo)", ["+84912345678"]),
        ("+84.912.345.678", ["+84.912.345.678"]),
        ("sđt 84 98 765 4321", ["84 98 765 4321"]),
        ("Liên hệ: (+84) 386 123 456", ["(+84) 386 123 456"]),
        ("Số máy +84 (0) 97 123 4567", ["+84 (0) 97 123 4567"]),
        ("Nhắn tin: 0084 912 345 678", ["0084 912 345 678"]),
        ("SĐT (0912 345 678)", ["0912 345 678"]),
        ("ĐT cơ quan: 024 3825 1234", ["024 3825 1234"]),
        ("Điện thoại bàn (0236) 3822 123", ["(0236) 3822 123"]),
        ("Tel: 028.3829.5678", ["028.3829.5678"]),
        ("+84 (24) 3825 1234", ["+84 (24) 3825 1234"]),
        ("zalo 0708 123 456 hoặc 0387654321", ["0708 123 456", "0387654321"]),
        ("0912345678 0987654321", ["0912345678", "0987654321"]),
        ("sdt:0559876543", ["0559876543"]),
        # a person's number beside a hotline is still theirs
        ("SĐT 0912 345 678 (đường dây nóng cũ)", ["0912 345 678"]),
        ("đường dây nóng do đồng chí Tâm trực, điện thoại 0983.456.789", ["0983.456.789"]),
        ("đường dây nóng do đồng chí Tâm trực, điện thoại 0263.3812.114", ["0263.3812.114"]),
        ("Tổ tiếp nhận tin báo qua đường dây nóng; ông Hùng, điện thoại 0263.3812.114", ["0263.3812.114"]),
    ],
)
def test_finds_phone_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Trước ngày 12/6/2026; Quý III/2026; 01/7/2025",
        "Nghị định số 179/2025/NĐ-CP, Nghị quyết số 1662/NQ-UBTVQH15",
        "Giai đoạn 2026 - 2030, định hướng đến năm 2035",
        "Đường dây nóng 1900 1234",
        "kinh phí 0912345678 đồng",  # money, not a phone
        "0112345678",  # 011 is not a mobile prefix
        "0951234567",  # 095 is no longer in use
        "091234567",  # 9 digits
        "09123456789",  # 11 digits starting 09
        "Mã định danh 000.00.12.H58",
        "https://btc.lamdong.dcs.vn/",
        # an office's hotline, published for citizens to call: no personal identifier
        "báo cáo nhanh tới đường dây nóng 0260.3812.114, sau đó gửi văn bản",
        "duy trì đường dây nóng số 0912 345 678 tiếp nhận phản ánh",
        "Tổng đài: (024) 3825 1234",
        # the clause calls a landline its hotline, however far before
        "Duy trì đường dây nóng tiếp nhận tin báo về bạo lực gia đình của Công an xã, số điện thoại 0235.3861.113.",
    ],
)
def test_ignores_plan_numbers(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


@pytest.mark.parametrize(
    "value, number",
    [("+84 912 345 678", "0912345678"), ("0084912345678", "0912345678"), ("+84 (0) 97 123 4567", "0971234567"),
     ("(024) 3825 1234", "02438251234")],
)
def test_national_number(value, number):
    assert national_number(value) == number
    assert is_valid_phone(value)
