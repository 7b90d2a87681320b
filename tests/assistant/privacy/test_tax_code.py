import pytest

from assistant.privacy.recognizers.tax_code import VnTaxCodeRecognizer, is_valid_tax_code


@pytest.fixture(scope="module")
def recognizer() -> VnTaxCodeRecognizer:
    return VnTaxCodeRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mã số thuế cá nhân: 8012345677", ["8012345677"]),
        ("MST 0312345673, đăng ký lần đầu năm 2015", ["0312345673"]),
        ("Chi nhánh có MST 0312345673-001", ["0312345673-001"]),
        ("MST: 0312345673 - 001", ["0312345673 - 001"]),
        ("Đơn vị phụ thuộc 0306789127-002 đã đóng mã", ["0306789127-002"]),  # 10-3 with valid check digit
        ("ma so thue: 8007654327", ["8007654327"]),
        ("mã số thuế 3604 567 894", ["3604 567 894"]),
        ("MST 0100109107", ["0100109107"]),  # wrong check digit, but the context says it is a tax code
    ],
)
def test_finds_tax_codes(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0312345673",  # bare 10 digits: could be anything
        "Số hiệu 0306789128-002",  # 10-3 with a wrong check digit and no context
        "SĐT 0912345678",
        "Quyết định số 1234/QĐ-UBND ngày 20/3/2026",
        "MST 031234567",  # nine digits
    ],
)
def test_ignores_other_numbers(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


@pytest.mark.parametrize(
    "value, valid",
    [("0100109106", True), ("0312345673", True), ("0312345673-001", True), ("0100109107", False), ("12345", False)],
)
def test_check_digit(value, valid):
    assert is_valid_tax_code(value) is valid
