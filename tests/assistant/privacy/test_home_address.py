import pytest

from assistant.privacy.recognizers.home_address import HomeAddressRecognizer, fold_same_length


@pytest.fixture(scope="module")
def recognizer() -> HomeAddressRecognizer:
    return HomeAddressRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nguyễn Văn Thành, trú tại thôn 3, xã Quảng Phú, tỉnh Đắk Lắk.", ["thôn 3, xã Quảng Phú, tỉnh Đắk Lắk"]),
        (
            "Thường trú: số 12, ngõ 34, phố Huế, phường Bạch Đằng, quận Hai Bà Trưng, Hà Nội; SĐT 0912345678",
            ["số 12, ngõ 34, phố Huế, phường Bạch Đằng, quận Hai Bà Trưng, Hà Nội"],
        ),
        ("Địa chỉ: 45/7 Nguyễn Trãi, P. Bến Thành, Q.1, TP. Hồ Chí Minh.", ["45/7 Nguyễn Trãi, P. Bến Thành, Q.1, TP. Hồ Chí Minh"]),
        (
            "Nơi ở hiện nay: tổ 5, khu phố 2, phường Tân Phong, TP. Biên Hòa, Đồng Nai",
            ["tổ 5, khu phố 2, phường Tân Phong, TP. Biên Hòa, Đồng Nai"],
        ),
        ("tạm trú tại ấp Bình Lợi, xã Tân Bình, sinh năm 1980", ["ấp Bình Lợi, xã Tân Bình"]),
        ("địa chỉ: 123 đường Lê Lợi, thành phố Vinh, là đảng viên", ["123 đường Lê Lợi, thành phố Vinh"]),
        ("dia chi: so 5 ngo 10 pho Hue, Ha Noi", ["so 5 ngo 10 pho Hue, Ha Noi"]),
        ("Ông A (trú tại khu phố 3, phường Bạch Đằng) đã nộp hồ sơ.", ["khu phố 3, phường Bạch Đằng"]),
        ("HKTT: xóm 2, xã Nghi Lộc, huyện Nghi Lộc, Nghệ An", ["xóm 2, xã Nghi Lộc, huyện Nghi Lộc, Nghệ An"]),
        ("trú tại thôn Đông Hòa xã Quảng Phú SĐT 0912345678", ["thôn Đông Hòa xã Quảng Phú"]),
        ("quê quán Nghệ An.", ["Nghệ An"]),
        ("Địa chỉ: Tổ 3, Phường 5, Quận 10, TP.HCM", ["Tổ 3, Phường 5, Quận 10, TP.HCM"]),
        (
            "Nơi ở: Phòng 1203, tòa A2, chung cư Vinhomes, phường Mễ Trì",
            ["Phòng 1203, tòa A2, chung cư Vinhomes, phường Mễ Trì"],
        ),
        # a name in capitals is the place; the question goes on after it, and is no address
        ("người nước ngoài phải cư trú tại Việt Nam tối thiểu bao nhiêu năm mới được xét?", ["Việt Nam"]),
        ("trú tại Hà Nội nhưng làm việc ở đâu?", ["Hà Nội"]),
    ],
)
def test_finds_home_addresses(recognizer, values_of, text, expected):
    assert values_of(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Đảng ủy xã Quảng Phú, phường Bạch Đằng và tỉnh Đồng Nai triển khai đồng bộ.",
        "Cấp địa chỉ thư điện tử công vụ cho 100% cán bộ, công chức.",
        "Cấu hình địa chỉ IP tĩnh cho máy chủ.",
        "Cập nhật phần mềm tại địa chỉ: http://qlcsdldv.dcs.vn/login.",
        "Lấy ý kiến nhận xét của chi ủy, chi bộ đối với đảng viên nơi cư trú.",
        "Thường trực Đảng ủy phường (để báo cáo).",
        "Trụ sở đặt tại đường Trần Hưng Đạo, phường Hoàn Kiếm.",
        "Địa chỉ Website của Ban sẽ được thông báo sau.",
    ],
)
def test_ignores_units_and_other_addresses(recognizer, values_of, text):
    assert values_of(recognizer, text) == []


def test_folding_keeps_offsets():
    text = "Thường trú: số 12, Đồng Nai"
    assert fold_same_length(text) == "thuong tru: so 12, dong nai"
