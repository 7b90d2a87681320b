import pytest

from assistant.privacy.recognizers.social_insurance import VnSocialInsuranceRecognizer


@pytest.fixture(scope="module")
def recognizer() -> VnSocialInsuranceRecognizer:
    return VnSocialInsuranceRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Số sổ BHXH: 7912345678", ["7912345678"]),
        ("mã số bảo hiểm xã hội 0123456789 của người lao động", ["0123456789"]),
        ("Mã số BHXH: 01 2345 6789", ["01 2345 6789"]),
        ("Số BHXH 79 12 345 678", ["79 12 345 678"]),
        ("Thẻ BHYT số HS4797912345678, nơi KCB ban đầu: Trạm y tế xã", ["HS4797912345678"]),
        ("Mã thẻ: DN4797932012345", ["DN4797932012345"]),  # card code stands alone
        ("SĐT 0912345678, BHXH 7901234567", ["7901234567"]),  # the phone is not the BHXH number
    ],
)
def test_finds_social_insurance_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "7912345678",
        "Luật Bảo hiểm xã hội số 41/2024/QH15",
        "100% người lao động tham gia BHXH, BHYT",
        "Mã hồ sơ HS-2026-000123",
        "BHXH 791234567",  # nine digits
    ],
)
def test_ignores_without_context_or_shape(recognizer, values_of, text):
    assert values_of(recognizer, text) == []
