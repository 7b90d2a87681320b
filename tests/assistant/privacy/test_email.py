import pytest
import tldextract

from assistant.privacy.recognizers.email import VnEmailRecognizer, offline_extractor


@pytest.fixture(scope="module")
def recognizer() -> VnEmailRecognizer:
    return VnEmailRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gửi báo cáo về email nguyenvanan@gmail.com trước ngày 25 hằng tháng.", ["nguyenvanan@gmail.com"]),
        ("Thư điện tử: tran.thi.b@dongnai.gov.vn", ["tran.thi.b@dongnai.gov.vn"]),
        ("E-mail: le_hoa85@yahoo.com.vn", ["le_hoa85@yahoo.com.vn"]),
        ("liên hệ <hoang.minh+ks@outlook.com>", ["hoang.minh+ks@outlook.com"]),
        ("Mail cá nhân NVAn.BTC@Gmail.com", ["NVAn.BTC@Gmail.com"]),
        ("(lanvn@lamdong.dcs.vn) tổng hợp", ["lanvn@lamdong.dcs.vn"]),
    ],
)
def test_finds_email_addresses(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cấp địa chỉ thư điện tử công vụ cho 100% cán bộ",
        "Trang thông tin https://btc.lamdong.dcs.vn/ và www.dongnai.gov.vn",
        "tài khoản admin@localhost",  # no public suffix
        "@Ban Tổ chức Tỉnh ủy",
    ],
)
def test_ignores_non_addresses(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # an office's mailbox published with its hotline: kept, however far the phone number stands between
        ("Duy trì đường dây nóng của Sở Giáo dục và Đào tạo về phòng, chống bạo lực học đường: số điện thoại "
         "0215.3 866 118 và hộp thư điện tử phongchongbaoluc@vankhe.edu.vn.", []),
        ("Quản lý đường dây nóng và hộp thư điện tử tiepnhan@soyte.gov.vn.", []),
        # a person named between: their own address
        ("Đường dây nóng do đồng chí Lê Văn Hòa phụ trách, email lvhoa@gmail.com.", ["lvhoa@gmail.com"]),
        # another sentence: no channel named
        ("Duy trì đường dây nóng. Báo cáo gửi về email nguyenvanan@gmail.com.", ["nguyenvanan@gmail.com"]),
        # a person or a post named anywhere before it, or a free mailbox: a person's own address
        ("Giao đồng chí Nguyễn Văn Nam, Phó Chánh Văn phòng, làm đầu mối tiếp nhận phản ánh, email: namnv@hanam.gov.vn.",
         ["namnv@hanam.gov.vn"]),
        ("Đường dây nóng: Nguyễn Văn Nam - 0912345678 - namnv@danang.gov.vn", ["namnv@danang.gov.vn"]),
        ("Nguyễn Văn An\tTổ trưởng tổ tiếp nhận phản ánh\t0912345678\tannv@danang.gov.vn", ["annv@danang.gov.vn"]),
        ("Ông Trần Văn Hùng phụ trách đường dây nóng, email hungtv1975@gmail.com.", ["hungtv1975@gmail.com"]),
        ("Đường dây nóng tiếp nhận phản ánh qua hộp thư duongdaynong@gmail.com.", ["duongdaynong@gmail.com"]),
    ],
)
def test_an_offices_published_mailbox_is_no_personal_data(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


def test_domain_check_never_fetches_the_suffix_list(recognizer, values_of, monkeypatch):
    """Presidio's default calls tldextract.extract (which downloads); ours uses the bundled snapshot."""

    def forbidden(*args, **kwargs):
        raise AssertionError("default tldextract extractor used")

    monkeypatch.setattr(tldextract, "extract", forbidden)
    extractor = offline_extractor()
    assert extractor.suffix_list_urls == ()
    assert values_of(recognizer, "email: a.b@dcs.vn") == ["a.b@dcs.vn"]
