import pytest

from assistant.privacy.recognizers.bank_account import VnBankAccountRecognizer


@pytest.fixture(scope="module")
def recognizer() -> VnBankAccountRecognizer:
    return VnBankAccountRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("STK 0071000123456 tại Vietcombank chi nhánh Đồng Nai", ["0071000123456"]),
        ("Số tài khoản: 1903 5678 9012 34 - Techcombank", ["1903 5678 9012 34"]),
        ("tài khoản ngân hàng 123-456-789-0 (Agribank)", ["123-456-789-0"]),
        ("chuyển khoản vào tài khoản số 0451000456789", ["0451000456789"]),
        ("so tai khoan: 19036543210011", ["19036543210011"]),
        ("TK: 0071 000 123 456 - VCB", ["0071 000 123 456"]),
        ("Đảng phí nộp qua STK: 0912345678 (MB Bank)", ["0912345678"]),
    ],
)
def test_finds_account_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0071000123456",  # digits alone are not an account
        "Quản lý tài khoản, xác thực người dùng, kiểm soát truy cập dữ liệu.",
        "Cấp 1.500 tài khoản thư điện tử công vụ",
        "STK 12345",  # too short
        "số tài khoản: xem phụ lục 2",
    ],
)
def test_needs_context_and_digits(recognizer, values_of, text):
    assert values_of(recognizer, text) == []
