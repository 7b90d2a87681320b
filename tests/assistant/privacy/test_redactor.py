import logging
import unicodedata
from pathlib import Path

import pytest

from assistant.privacy import LABELS, Redactor, public_record_spans
from assistant.privacy.redactor import PIECE_CHARS, _pieces
from assistant.settings import PrivacySettings

RECORD = (
    "Họ và tên: Phạm Văn Dũng; sinh ngày 15/08/1979; CCCD: 034079001234; CMND: 186123456; "
    "SĐT: 0934 567 890; email dung.pv@gmail.com; MST 8012345677; số BHXH 7912345678; "
    "STK 0071000123456; số thẻ đảng viên 79.123456; thường trú: thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa."
)
REDACTED = (
    "Họ và tên: [HỌ TÊN]; sinh ngày [NGÀY SINH]; CCCD: [SỐ CCCD]; CMND: [SỐ CMND]; "
    "SĐT: [SỐ ĐIỆN THOẠI]; email [EMAIL]; MST [MÃ SỐ THUẾ]; số BHXH [SỐ BHXH]; "
    "STK [SỐ TÀI KHOẢN]; số thẻ đảng viên [SỐ THẺ ĐẢNG VIÊN]; thường trú: [ĐỊA CHỈ]."
)

SIGNED_PLAN = """KẾ HOẠCH
chuyển đổi số năm 2026

Giao đồng chí Võ Minh Khoa, Phó Bí thư Thường trực, chỉ đạo; đồng chí Đặng Thu Trang (SĐT 0912 345 678) tổng hợp.
Hoàn thành trước ngày 12/6/2026.

Nơi nhận:
- Đ/c Hoàng Văn Bình, Bí thư Tỉnh ủy (để b/c),
- Văn phòng Tỉnh ủy,
- Lưu VPĐU.

**T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC**

(Đã ký)

**Võ Minh Khoa**
"""


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_every_entity_gets_its_vietnamese_label(redactor):
    result = redactor.redact(RECORD)
    assert result.text == REDACTED
    assert result.counts == dict.fromkeys(LABELS, 1)
    assert result.total == len(LABELS)


def test_questions_without_personal_data_are_unchanged(redactor):
    question = "Văn phòng Đảng ủy phải báo cáo trước ngày 25 hằng tháng theo Kế hoạch số 54-KH/TU?"
    assert redactor.redact(question).text == question
    assert redactor.redact(question).counts == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Same span claimed by an account and a phone number: the context-gated account wins.
        ("Đảng phí nộp qua STK: 0912345678 (MB Bank)", "Đảng phí nộp qua STK: [SỐ TÀI KHOẢN] (MB Bank)"),
        # A street named after a person is part of the longer address span.
        ("Địa chỉ: 12 đường Nguyễn Văn Cừ, phường Bạch Đằng.", "Địa chỉ: [ĐỊA CHỈ]."),
        # A CMND context makes a 12-digit number a CMND, not a CCCD.
        ("CMND số 001085012345", "CMND số [SỐ CMND]"),
    ],
)
def test_overlaps_resolve_to_one_label(redactor, text, expected):
    assert redactor.redact(text).text == expected


def test_input_is_normalised_to_nfc(redactor):
    decomposed = unicodedata.normalize("NFD", "Đồng chí Nguyễn Văn An, SĐT 0912345678")
    assert redactor.redact(decomposed).text == "Đồng chí [HỌ TÊN], SĐT [SỐ ĐIỆN THOẠI]"


def test_corpus_documents_are_unchanged(redactor, corpus_files: list[Path]):
    """Plan content (deadlines, numbers, units, places, URLs) is not personal data; signers are kept."""
    for path in corpus_files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        result = redactor.redact_document(text)
        assert result.counts == {}, path.name
        assert result.text == text, path.name


def test_free_text_redaction_of_the_corpus_only_touches_the_signer(redactor, corpus_files: list[Path]):
    """Without the signature rule the only finding per plan is its signer's name."""
    signers = set()
    for path in corpus_files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        found = redactor.find(text)
        assert [r.entity_type for r in found] == ["PERSON"], path.name
        spans = public_record_spans(text)
        assert any(s <= found[0].start and found[0].end <= e for s, e in spans), path.name
        signers.add(text[found[0].start : found[0].end])
    assert signers == {"Nguyễn Ngọc Thành", "Lê Phú Quốc", "Tôn Ngọc Hạnh", "Trần Văn Nam", "Cao Thị Thanh Xuân"}


def test_signers_and_recipients_are_public_record(redactor):
    result = redactor.redact_document(SIGNED_PLAN)
    assert "Võ Minh Khoa" in result.text  # signer, also where the body names him
    assert result.text.count("Võ Minh Khoa") == 2
    assert "Hoàng Văn Bình" in result.text  # a "Nơi nhận" entry
    assert "Đặng Thu Trang" not in result.text  # a staff member named only in the body
    assert "0912 345 678" not in result.text
    assert "trước ngày 12/6/2026" in result.text
    assert result.counts == {"PERSON": 1, "VN_PHONE": 1}


def test_keep_signers_off_redacts_every_name():
    redactor = Redactor.from_settings(PrivacySettings(keep_signers=False))
    result = redactor.redact_document(SIGNED_PLAN)
    assert "Võ Minh Khoa" not in result.text and "Hoàng Văn Bình" not in result.text
    assert result.counts["PERSON"] == 4
    assert result == redactor.redact(SIGNED_PLAN)


def test_other_personal_data_in_recipients_is_still_redacted(redactor):
    text = "Nơi nhận:\n- Đ/c Hoàng Văn Bình, ĐT 0912345678,\n- Lưu VPĐU.\n"
    result = redactor.redact_document(text)
    assert "Hoàng Văn Bình" in result.text and "0912345678" not in result.text


def test_values_never_reach_the_log(redactor, caplog):
    with caplog.at_level(logging.DEBUG):
        redactor.redact(RECORD)
        redactor.redact_document(SIGNED_PLAN)
    logged = caplog.text
    for value in ("Phạm Văn Dũng", "034079001234", "0934 567 890", "dung.pv@gmail.com", "Đặng Thu Trang"):
        assert value not in logged


def test_long_documents_are_analysed_in_pieces_without_losing_findings(redactor, corpus_files: list[Path]):
    lines = corpus_files[2].read_text(encoding="utf-8").splitlines(keepends=True)
    planted = "Đồng chí Đặng Thu Trang, SĐT 0912 345 678.\n"
    for at in (len(lines), len(lines) // 2, len(lines) // 3, 0):
        lines.insert(at, planted)
    document = unicodedata.normalize("NFC", "".join(lines))
    assert len(document) > 4 * PIECE_CHARS
    result = redactor.redact_document(document)
    assert result.counts == {"PERSON": 4, "VN_PHONE": 4}
    assert result.text == document.replace("Đặng Thu Trang", "[HỌ TÊN]").replace("0912 345 678", "[SỐ ĐIỆN THOẠI]")


@pytest.mark.parametrize("text", ["", "một dòng", "a\n" * 10, ("x" * 50 + "\n") * 500, "y" * 20_000])
def test_pieces_cover_the_text_and_end_at_line_breaks(text):
    pieces = list(_pieces(text, size=1000))
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert all(p.endswith("\n") or len(p) == 1000 for _, p in pieces[:-1])


PLACE_PLAN = """HUYỆN ỦY TRIỆU LÂM
Số 58-KH/HU
KẾ HOẠCH
Nâng cao chất lượng tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước
Văn phòng Huyện ủy tham mưu bố trí kinh phí, trình Thường trực Huyện ủy trước ngày 15/12/2026.
Giao Ban Tổ chức Huyện ủy nghiên cứu, tham mưu thành lập Chi bộ ghép các doanh nghiệp Khu công nghiệp Bắc Triệu Lâm trực thuộc Huyện ủy, trình Ban Thường vụ Huyện ủy trước ngày 30/4/2027; Đảng ủy thị trấn Triệu Lâm hoàn thành việc thành lập chi bộ tại Công ty Cổ phần May xuất khẩu Triệu Lâm và Công ty TNHH Gỗ Phú An trong năm 2026.
Liên hệ đồng chí Đặng Thu Trang.
"""


def test_a_place_the_document_names_as_such_is_never_a_person(redactor):
    """"Triệu Lâm" is a surname and a given name, and "huyện Triệu Lâm" in the same plan: a place wherever it stands."""
    result = redactor.redact_document(PLACE_PLAN)
    assert "Khu công nghiệp Bắc Triệu Lâm trực thuộc" in result.text
    assert "May xuất khẩu Triệu Lâm và" in result.text
    assert "Đặng Thu Trang" not in result.text  # a person is still a person
    assert result.counts == {"PERSON": 1}


DUTY_TABLE = (
    "Phân công theo dõi\n"
    "STT\tNội dung\tĐơn vị chủ trì\tThời hạn\tNgười theo dõi\n"
    "1\tKhám sàng lọc cho người cao tuổi\tTrạm Y tế phường\tHằng quý\tBà Lê Thị Thu Hà\n"
    "2\tTuyên truyền phòng, chống lừa đảo\tCông an phường\tHằng quý\tThiếu tá Huỳnh Tấn Lộc\n"
    "\n"
    "Danh sách hộ được hỗ trợ\n"
    "STT\tHọ và tên\tTổ dân phố\n"
    "1\tBà Nguyễn Thị Mai\tTổ 3\n"
)


def test_an_official_given_a_task_in_a_duty_column_is_public_record_a_beneficiary_is_not(redactor):
    result = redactor.redact_document(DUTY_TABLE)
    assert "Bà Lê Thị Thu Hà" in result.text and "Thiếu tá Huỳnh Tấn Lộc" in result.text
    assert "Nguyễn Thị Mai" not in result.text
    assert result.counts == {"PERSON": 1}
