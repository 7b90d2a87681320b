import pytest

from assistant.privacy.recognizers.cmnd import VnCmndRecognizer


@pytest.fixture(scope="module")
def recognizer() -> VnCmndRecognizer:
    return VnCmndRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CMND số 123456789 do Công an tỉnh Đồng Nai cấp ngày 12/5/2010.", ["123456789"]),
        ("Số chứng minh nhân dân: 271 234 567", ["271 234 567"]),
        ("CMT 012.345.678, cấp tại Hà Nội", ["012.345.678"]),
        ("giấy chứng minh thư số 025123456 (hết hạn)", ["025123456"]),
        ("so CMND: 186-123-456", ["186-123-456"]),
        ("Bà Phạm Thị Thu Hà, CMND 221 345 678, hiện là đảng viên", ["221 345 678"]),
        ("CMND (mẫu 12 số): 123456789012", ["123456789012"]),
    ],
)
def test_finds_identity_card_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "123456789",  # nine digits without context
        "Mã hồ sơ 271234567 đã tiếp nhận",
        "Toàn tỉnh có 123.456.789 lượt truy cập",
        "CMND đã hết hạn; liên hệ số 0912345678",  # the phone number is not a CMND
        "CMND 12345678",  # eight digits
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024",
    ],
)
def test_needs_context_and_nine_digits(recognizer, values_of, text):
    assert values_of(recognizer, text) == []
