import pytest

from assistant.privacy.recognizers.party_card import VnPartyCardRecognizer


@pytest.fixture(scope="module")
def recognizer() -> VnPartyCardRecognizer:
    return VnPartyCardRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Số thẻ đảng viên: 79.123456", ["79.123456"]),
        ("Thẻ đảng viên số 01234567 cấp theo Quyết định của Ban Thường vụ Tỉnh ủy.", ["01234567"]),
        ("số thẻ Đảng 48 012 345", ["48 012 345"]),
        ("thẻ đảng số: 080012345", ["080012345"]),
        ("Đảng viên Ngô Văn Thắng, số thẻ đảng viên 75-001234", ["75-001234"]),
        ("Thẻ ĐV số 12345678", ["12345678"]),
    ],
)
def test_finds_party_card_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ứng dụng Sổ tay đảng viên điện tử; cấp thẻ đảng viên theo quy định.",
        "Thẻ đảng viên: 2026 đợt 1",  # a year is not a card number
        "Quyết định số 204-QĐ/TW, ngày 29/11/2024",
        "01234567",
        "số thẻ đảng viên 1234567",  # seven digits
    ],
)
def test_ignores_plan_text(recognizer, values_of, text):
    assert values_of(recognizer, text) == []
