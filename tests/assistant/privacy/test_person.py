import pytest

from assistant.privacy.recognizers.person import SCORE_CONTEXT, PersonRecognizer


@pytest.fixture(scope="module")
def recognizer() -> PersonRecognizer:
    return PersonRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Giao đồng chí Nguyễn Văn Bình theo dõi, đôn đốc.", ["Nguyễn Văn Bình"]),
        ("Đ/c Trần Thị Bình - chuyên viên Văn phòng Đảng ủy", ["Trần Thị Bình"]),
        ("Bà Cao Thị Thanh Xuân và anh Lê Phú Quốc", ["Cao Thị Thanh Xuân", "Lê Phú Quốc"]),
        ("Anh Tuấn và chị Thu Hà phụ trách nhập liệu.", ["Tuấn", "Thu Hà"]),
        ("ông nguyễn văn an đề nghị cấp lại thẻ", ["nguyễn văn an"]),
        ("Họ tên: LÊ HOÀNG NAM", ["LÊ HOÀNG NAM"]),
        ("Hồ sơ của Đỗ Minh Đức đã được chuyển về Ban Xây dựng Đảng.", ["Đỗ Minh Đức"]),  # no context
        ("Người liên hệ: Phan Thanh Hải", ["Phan Thanh Hải"]),
        ("Đề nghị bà Lê Hoa bổ sung hồ sơ.", ["Lê Hoa"]),
        ("cán bộ Huỳnh Thị Kim Ngân được cử đi học", ["Huỳnh Thị Kim Ngân"]),
        ("Đồng chí Nguyễn văn Hải", ["Nguyễn văn Hải"]),
        ("Phân công: Lý Thanh Tâm phụ trách phần mềm, Mai Anh Đào nhập liệu.", ["Lý Thanh Tâm", "Mai Anh Đào"]),
        ("Đồng chí Y Bih Niê, Phó Bí thư Chi bộ buôn", ["Y Bih Niê"]),
        ("1\tNguyễn Thị Hoa\tChi bộ 2\t0912345678", ["Nguyễn Thị Hoa"]),
        ("Trần Nam đã nộp đơn xin chuyển sinh hoạt đảng.", ["Trần Nam"]),  # underthesea NER confirms
        ("Lê Văn Sáu phụ trách thôn Đông", ["Lê Văn Sáu"]),  # rare given name: underthesea NER
        ("ong nguyen van an hoi ve chi tieu so hoa", ["nguyen van an"]),  # typed without diacritics
        ("dong chi Tran Thi Binh, sdt 0987 654 321", ["Tran Thi Binh"]),
        ("**Nguyễn Ngọc Thành**", ["Nguyễn Ngọc Thành"]),
    ],
)
def test_finds_names(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tham mưu Đồng chí Trưởng Ban Tổ chức Tỉnh ủy ban hành kế hoạch hàng năm.",
        "Phân công 01 đồng chí lãnh đạo phụ trách; các đồng chí thành viên Ban Chỉ đạo.",
        "Tỉnh Lâm Đồng, thành phố Hải Phòng, tỉnh Thanh Hoá, tỉnh Bà Rịa - Vũng Tàu.",
        "Đảng ủy xã Quảng Phú, phường Bạch Đằng và tỉnh Đồng Nai triển khai đồng bộ.",
        "Quán triệt tư tưởng Hồ Chí Minh; Học viện Chính trị quốc gia Hồ Chí Minh.",
        "Trụ sở đặt tại đường Trần Hưng Đạo; Trường THPT Phan Đình Phùng.",
        # a school named after a person, by its level's abbreviation ("TH" tiểu học, "MN" mầm non)
        "Cụm trưởng: TH Nguyễn Bá Ngọc; MN Hoàng Thị Loan; PTDTBT TH Đồng Mỏ.",
        "- Lưu Văn phòng Đảng ủy.",
        "Đồng kính gửi: Văn phòng Trung ương Đảng.",
        "Phạm Vi Triển Khai Và Đối Tượng Áp Dụng",
        "Đào Tạo, Bồi Dưỡng Nguồn Nhân Lực Số",
        "Tăng Cường Công Tác Kiểm Tra, Giám Sát",
        "Đồng chí Bí thư Đảng ủy trực tiếp chỉ đạo; đồng chí Thư ký tổng hợp.",
        "Cán bộ quản lý hồ sơ đảng viên phải bảo mật thông tin cá nhân.",
        "Khẳng định chủ quyền đối với quần đảo Hoàng Sa, Trường Sa.",
        "Nay thông báo để các chi bộ biết, thực hiện.",
        "Ke hoach so 54-KH/TU cua Ban Thuong vu Tinh uy Thanh Hoa",
        "Ủy ban MTTQ Việt Nam phường, Hội Liên hiệp Phụ nữ",
        "so sanh chi tieu trang bi thiet bi dau cuoi cho cap xa",  # "chi" begins "chỉ tiêu", it is not "chị"
        "Lâm Giang, ngày 12 tháng 3 năm 2026",  # the place of the place-and-date line, not Mr Lâm
        # a commune's post, whichever tone placement the word takes ("văn hóa", "văn hoá")
        "Công chức Văn hóa - Xã hội chủ trì tuyên truyền.",
        "Công chức Văn hoá - Xã hội chủ trì tuyên truyền.",
    ],
)
def test_ignores_units_places_and_titles(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


def test_form_of_address_gives_the_highest_score(recognizer):
    [with_context] = recognizer.analyze("đồng chí Đỗ Minh Đức", ["PERSON"])
    [without] = recognizer.analyze("Hồ sơ của Đỗ Minh Đức", ["PERSON"])
    assert with_context.score == SCORE_CONTEXT > without.score


def test_without_ner_two_syllable_names_need_context(values_of):
    plain = PersonRecognizer(use_ner=False)
    assert values_of(plain, "Trần Nam đã nộp đơn") == []
    assert values_of(plain, "ông Trần Nam đã nộp đơn") == ["Trần Nam"]
