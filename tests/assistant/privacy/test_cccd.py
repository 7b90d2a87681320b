import pytest

from assistant.privacy.recognizers.base import CONTEXT_SCORE
from assistant.privacy.recognizers.cccd import VnCccdRecognizer, is_valid_cccd


@pytest.fixture(scope="module")
def recognizer() -> VnCccdRecognizer:
    return VnCccdRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CCCD: 001085012345", ["001085012345"]),
        ("Số căn cước công dân 079 190 123 456 cấp ngày 10/8/2021", ["079 190 123 456"]),
        ("CCCD số 038.095.004.321, do Cục CS QLHC cấp", ["038.095.004.321"]),
        ("số định danh cá nhân: 0440 3010 0123", ["0440 3010 0123"]),
        ("thẻ căn cước 075-201-000-777", ["075-201-000-777"]),
        ("Người khai: Trần Thị B, 036192001122, giáo viên", ["036192001122"]),  # no context needed
        ("can cuoc cong dan so 001300012345", ["001300012345"]),
        ("hai số 001085012345 và 079190123456", ["001085012345", "079190123456"]),
    ],
)
def test_finds_citizen_id_numbers(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "CCCD: 123085012345",  # 123 is not a province code
        "CCCD: 001585012345",  # century/gender digit 5 (22nd century) cannot be issued yet
        "CCCD: 001399012345",  # born 2099
        "Mã hồ sơ 000.00.31.H26-260312-0001",
        "Số tài khoản 1234 5678 9012 3456",  # longer number: no 12-digit slice of it
        "Nghị quyết số 1662/NQ-UBTVQH15, ngày 16/6/2025",
        "kinh phí 1.250.000.000 đồng",
        "00108501234",  # 11 digits
    ],
)
def test_ignores_other_numbers(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


def test_context_raises_score(recognizer):
    bare = recognizer.analyze("036192001122", ["VN_CCCD"])[0].score
    with_context = recognizer.analyze("CCCD 036192001122", ["VN_CCCD"])[0].score
    assert bare < with_context == CONTEXT_SCORE


@pytest.mark.parametrize(
    "value, valid", [("001085012345", True), ("096301000001", True), ("003085012345", False), ("0010850123", False)]
)
def test_validation(value, valid):
    assert is_valid_cccd(value) is valid
