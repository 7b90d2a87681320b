"""Unit names: comparison keys (abbreviations, tone placement), mentions in sentences, lists in cells."""

from __future__ import annotations

import pytest

from assistant.vocab.units import (
    cell_text,
    expand_abbreviations,
    is_group,
    names_unit,
    opens_unit_name,
    places_named,
    same_unit,
    split_unit_list,
    subject_units,
    topics_spelled_out,
    unit_mentions,
    unit_mentions_folded,
    unit_phrase,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Đảng uỷ xã", "Đảng ủy xã"),
        ("VP Đảng ủy", "Văn phòng Đảng ủy"),
        ("BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
        ("Sở GD&ĐT", "sở giáo dục và đào tạo"),
    ],
)
def test_same_unit(a: str, b: str) -> None:
    assert same_unit(a, b)


def test_a_field_abbreviated_is_written_out_for_the_search_and_a_unit_is_not() -> None:
    """Staff type "kế hoạch PCCC", "ATTP"; plans name their field in full ("phòng cháy, chữa cháy")."""
    assert topics_spelled_out("Ngân sách UBND phường cho kế hoạch PCCC và ATTP?") == (
        "Ngân sách UBND phường cho kế hoạch PCCC và ATTP? phòng cháy, chữa cháy an toàn thực phẩm")
    assert topics_spelled_out("UBND xã giao ai?") == "UBND xã giao ai?"


def test_different_units_differ() -> None:
    assert not same_unit("Sở Tài chính", "Sở Tư pháp")
    assert expand_abbreviations("UBND xã") == "Ủy ban nhân dân xã"
    # a city as staff type it
    assert expand_abbreviations("UBND TP.HCM") == expand_abbreviations("UBND TPHCM") == \
        "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert expand_abbreviations("UBND TP. Cần Thơ") == "Ủy ban nhân dân Thành phố Cần Thơ"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh và Sở Tài chính triển khai",
         ["Sở Khoa học và Công nghệ", "Công an tỉnh", "Sở Tài chính"]),
        ("Ban Tổ chức Tỉnh ủy và Văn phòng Tỉnh ủy", ["Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy"]),
        ("Tổ đảng ở Thường trực Ủy ban KH,CN&MT", ["Tổ đảng ở Thường trực Ủy ban KH,CN&MT"]),
        ("Ban hành kèm theo Quyết định này", []),  # "Ban hành" is a verb
        ("Bộ tiêu chí đánh giá", []),
        # a name ending on a proper name is not continued by what the unit does
        ("Ban Tổ chức Tỉnh ủy Lâm Đồng chia quy trình nghiệp vụ thành nhóm", ["Ban Tổ chức Tỉnh ủy Lâm Đồng"]),
        ("Ủy ban nhân dân tỉnh Bắc Ninh giao", ["Ủy ban nhân dân tỉnh Bắc Ninh"]),
        ("Văn phòng Đảng ủy phường thực hiện", ["Văn phòng Đảng ủy phường"]),
        # "qua" (by way of) introduces another unit, it does not continue this one
        ("báo cáo Ban Thường vụ Đảng ủy qua cơ quan nào", ["Ban Thường vụ Đảng ủy"]),
        ("báo cáo Ban Thường vụ Đảng ủy (qua Ban Xây dựng Đảng)", ["Ban Thường vụ Đảng ủy", "Ban Xây dựng Đảng"]),
        # "do ai ký", "do cơ quan nào chủ trì": who follows, the name has ended
        ("Nghị quyết 04-NQ/TU của BTV Tỉnh ủy do ai ký?", ["BTV Tỉnh ủy"]),
        ("xây dựng Trung tâm dữ liệu quốc gia do cơ quan nào chủ trì", ["Trung tâm dữ liệu quốc gia"]),
        ("Sở Y tế?", ["Sở Y tế"]),
        ("Văn phòng đăng ký đất đai tỉnh chủ trì", ["Văn phòng đăng ký đất đai tỉnh"]),  # "ký" of "đăng ký"
        ("Ban Quản lý Khu thương mại tự do Đà Nẵng thực hiện", ["Ban Quản lý Khu thương mại tự do Đà Nẵng"]),
        # what the unit does ends its name though a figure follows ("… trẻ em từ 6 đến 16 tuổi")
        ("Tỉnh ủy Bình Sơn đặt mục tiêu tỷ lệ trẻ em từ 6 đến 16 tuổi", ["Tỉnh ủy Bình Sơn"]),
        # funds, companies and cooperatives lead tasks too
        ("Quỹ Bảo vệ và Phát triển rừng tỉnh chủ trì, phối hợp với Công ty Cổ phần Cấp nước Hòa Sơn",
         ["Quỹ Bảo vệ và Phát triển rừng tỉnh", "Công ty Cổ phần Cấp nước Hòa Sơn"]),
        # a commune's posts lead tasks; "cán bộ, công chức" names nobody
        ("Công chức Văn hóa - Xã hội chủ trì, phối hợp Công chức Tư pháp - Hộ tịch",
         ["Công chức Văn hóa - Xã hội", "Công chức Tư pháp - Hộ tịch"]),
        ("tập huấn cho cán bộ, công chức xã", []),
        ("hoàn thành trong Quý II/2027", []),
        # what the question asks of a unit ends its name; a document number's code names no unit
        ("Kế hoạch 58/KH-UBND của UBND xã Thạch Bình giao Hội Liên hiệp Phụ nữ xã những việc gì?",
         ["UBND xã Thạch Bình", "Hội Liên hiệp Phụ nữ xã"]),
        ("Đoàn Thanh niên xã các nhiệm vụ nào", ["Đoàn Thanh niên xã"]),
        # a head that is a whole name takes a place or a level, not what the body does
        ("Huyện đoàn phát động phong trào thanh niên khởi nghiệp", ["Huyện đoàn"]),
        ("Thành đoàn thành phố Hà Nội chủ trì", ["Thành đoàn thành phố Hà Nội"]),
        # after a place's name, lower-case words say what the unit does, up to another name or a question word
        ("Kế hoạch của UBND tỉnh Đồng Tháp định hướng gắn cảm biến IoT tại các cầu", ["UBND tỉnh Đồng Tháp"]),
        ("Kế hoạch của Ban Tổ chức Tỉnh ủy Lâm Đồng nói khi nào thì", ["Ban Tổ chức Tỉnh ủy Lâm Đồng"]),
        # the asker's verb ends a name that is whole ("Bộ Chính trị nói Quỹ đầu tư … ưu tiên …")
        ("Nghị quyết 57 của Bộ Chính trị nói Quỹ đầu tư phát triển công nghiệp chiến lược ưu tiên gì",
         ["Bộ Chính trị"]),
        # "về" after a place's name says what the plan is about, whatever case its words are typed in
        ("Kế hoạch năm 2025 của UBND tỉnh Đồng Tháp về CĐS hạ tầng giao thông", ["UBND tỉnh Đồng Tháp"]),
        ("Ủy ban MTTQ Việt Nam tỉnh chủ trì", ["Ủy ban MTTQ Việt Nam tỉnh"]),
        ("HTX dịch vụ nông nghiệp Tân Lạc Điền được giao vận hành cống", ["HTX dịch vụ nông nghiệp Tân Lạc Điền"]),
        # a head joined to the next name by "và" (a province's paper and broadcaster, merged) is one body
        ("Báo và Phát thanh, Truyền hình Kim Lâm phối hợp tuyên truyền", ["Báo và Phát thanh, Truyền hình Kim Lâm"]),
        ("Ban và các phòng chuyên môn thực hiện", []),
        # a name holding "và" then "cùng" the next unit: two units
        ("Sở Văn hóa, Thể thao và Du lịch cùng Báo và Phát thanh, Truyền hình Cần Thơ tuyên truyền",
         ["Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Cần Thơ"]),
        ("Sở Khoa học và Công nghệ và Sở Tài chính chủ trì", ["Sở Khoa học và Công nghệ", "Sở Tài chính"]),
    ],
)
def test_unit_mentions(text: str, units: list[str]) -> None:
    assert unit_mentions(text) == units


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu",
         ["Sở Tài chính", "Sở Nội vụ", "các sở, ngành", "UBND xã, phường, đặc khu"]),
        ("Sở Khoa học và Công nghệ, Trung tâm Chuyển đổi số Thành phố",
         ["Sở Khoa học và Công nghệ", "Trung tâm Chuyển đổi số Thành phố"]),
        ("Văn phòng Đảng ủy; Ban Xây dựng Đảng", ["Văn phòng Đảng ủy", "Ban Xây dựng Đảng"]),
        ("Công an tỉnh và Sở Tài chính", ["Công an tỉnh", "Sở Tài chính"]),
        ("Các cấp ủy, tổ chức đảng", ["Các cấp ủy, tổ chức đảng"]),
    ],
)
def test_split_unit_list(cell: str, units: list[str]) -> None:
    assert split_unit_list(cell) == units


def test_groups_and_phrases() -> None:
    assert is_group("Các sở, ngành, địa phương") and not is_group("Sở Y tế")
    text = "Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường triển khai"
    a, z = unit_phrase(text, text.find("các Sở"))
    assert text[a:z] == "các Sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường"


@pytest.mark.parametrize(("folded", "units"), [
    ("ubnd xa phuong o son la phai lam gi", ["ubnd xa phuong"]),
    ("doan thanh nien va hoi phu nu phoi hop gi", ["doan thanh nien", "hoi phu nu"]),
    ("vien kiem sat tinh va dai phat thanh lam gi", ["vien kiem sat tinh", "dai phat thanh"]),
    # "đất đai", "giai đoạn", "đảng viên": a syllable going on a word begun before it heads no unit
    ("kinh phi xay dung co so du lieu dat dai ha son gom nhung nguon nao", []),
    ("so hoa ho so dang vien giai doan 2026 do ai chu tri", []),
    ("giao ban chi dao tinh theo doi", ["ban chi dao tinh"]),  # a head of two syllables heads its name anyway
    # "bảo vệ", "bảo hiểm" are words of a name, though "bao" alone ends one ("bao nhiêu"); "quý II" is no unit
    ("giao quy bao ve va phat trien rung nhung viec gi", ["quy bao ve"]),
    ("bao hiem xa hoi tinh phai lam gi", ["bao hiem xa hoi tinh"]),
    ("hoan thanh trong quy ii/2027 do ai chu tri", []),
    # "Sở", "Bộ" typed without diacritics head a name when a department's field follows, not in "chuyển đổi số y tế"
    ("so tai chinh bac ninh duoc giao nhung viec gi", ["so tai chinh bac ninh"]),
    ("bo cong an chu tri viec gi", ["bo cong an"]),
    ("chuyen doi so y te cap xa", []),
    ("can bo y te xa", []),
    # "báo cáo", "phòng, chống" are verbs, not "Báo …", "Phòng …"
    ("so y te phai gui bao cao", ["so y te"]),
    ("ke hoach phong, chong thien tai cua tinh", []),
    # "trường chuẩn quốc gia" are schools meeting a standard, no one school
    ("nghi quyet truong chuan quoc gia huyen ngoc lang ngan sach tinh ho tro bao nhieu", []),
    ("cac don vi thuoc so nong nghiep tan linh gui du toan khi nao", ["so nong nghiep tan linh"]),
    # a name holds no year, nor the "gồm" after it
    ("ban chi dao tinh son nguyen nam 2026 gom nhung ai", ["ban chi dao tinh son nguyen"]),
    # "bệnh dại" typed without marks is rabies, no "Đài"
    ("ke hoach phong, chong benh dai tinh son nguyen gom nhung nhom giai phap nao", []),
    ("dai phat thanh tinh phoi hop tuyen truyen", ["dai phat thanh tinh"]),
])
def test_unit_mentions_typed_without_diacritics(folded: str, units: list[str]) -> None:
    assert unit_mentions_folded(folded) == units


@pytest.mark.parametrize(("sentence", "units"), [
    ("Huyện đoàn phát động phong trào thanh niên khởi nghiệp; hỗ trợ hình thành 15 mô hình.", "Huyện đoàn"),
    ("Phòng Giao dịch Ngân hàng Chính sách xã hội huyện và các tổ chức tín dụng ưu tiên cho vay ưu đãi.",
     "Phòng Giao dịch Ngân hàng Chính sách xã hội huyện và các tổ chức tín dụng"),
    ("Sở Giáo dục và Đào tạo chủ trì tổ chức tập huấn.", "Sở Giáo dục và Đào tạo"),
])
def test_the_units_a_sentence_opens_with(sentence: str, units: str) -> None:
    """What the units do ends the list ("phát động", "ưu tiên"); "Ngân hàng", "Đào tạo" end no list: they end names."""
    span = subject_units(sentence)
    assert span is not None and sentence[span[0]:span[1]] == units


@pytest.mark.parametrize(("text", "places"), [
    ("Phần mềm quản lý bữa ăn bán trú ở An Hà do đơn vị nào chủ trì?", ["An Hà"]),
    ("Tỉnh Bắc Lĩnh đặt mục tiêu gì?", ["Bắc Lĩnh"]),
    ("Ở xã Khe Nứa người dân phải làm gì?", ["Khe Nứa"]),
    ("kế hoạch của UBND tỉnh Đồng Nai và TP. Hồ Chí Minh", ["Đồng Nai", "Hồ Chí Minh"]),
    ("Báo cáo gửi về tại Sở Y tế trước ngày 15/12", []),  # a unit, not a place
    ("tổ chức tại hội trường xã", []),
    # below a commune: a village by its name
    ("Riêng cuộc diễn tập ở thôn Bến Đình được chi bao nhiêu?", ["Bến Đình"]),
    ("Ấp Phú Lợi có bao nhiêu hộ phải sơ tán?", ["Phú Lợi"]),
    # a place's Party committee names its place ("Tỉnh ủy Ban hành" is no place)
    ("Kế hoạch của BTV Tỉnh ủy Đồng Nai về chuyển đổi số", ["Đồng Nai"]),
    ("Huyện uỷ Ô Lâu giao ai chủ trì?", ["Ô Lâu"]),
    ("Tỉnh ủy ban hành kế hoạch khi nào?", []),
    # the country says where, not whose plan
    ("doanh nghiệp công nghệ đặt trụ sở tại Việt Nam", []),
])
def test_places_a_question_names(text: str, places: list[str]) -> None:
    assert places_named(text) == places


@pytest.mark.parametrize(("asked", "written", "same"), [
    ("mat tran to quoc huyen phuc thanh", "uy ban mat tran to quoc viet nam huyen", True),  # formal words between
    ("ban tuyen giao huyen uy", "ban tuyen giao va dan van huyen uy", True),
    ("so y te", "so y te tinh van khe", True),
    ("so noi vu", "so tai chinh va noi vu", False),  # too short a name to be said with words left out
    ("uy ban nhan dan huyen", "uy ban nhan dan tinh", False),
    # a bare level of the asker's own, left out by a name written with none ("xã hội" is no level)
    ("uy ban mat tran to quoc xa", "uy ban mat tran to quoc va to chuc chinh tri xa hoi", True),
    ("uy ban nhan dan xa", "uy ban nhan dan", True),
    ("uy ban nhan dan xa", "uy ban nhan dan thanh pho", False),
])
def test_a_unit_named_as_staff_say_it(asked: str, written: str, same: bool) -> None:
    assert names_unit(asked, written) is same



@pytest.mark.parametrize(("lines", "value"), [
    (["Phòng Kinh tế và Hạ tầng", "UBND các xã"], "Phòng Kinh tế và Hạ tầng; UBND các xã"),  # two units
    (["Đơn vị", "chủ trì"], "Đơn vị chủ trì"),  # a name cut over two lines
    (["UBND huyện", "Minh Lạc"], "UBND huyện Minh Lạc"),  # a place goes on with the unit
    (["Sở Y tế,", "Sở Nội vụ"], "Sở Y tế, Sở Nội vụ"),  # already parted
    (["Tuyên truyền trên Đài truyền thanh", "- Phát 05 tin, bài/tuần"], "Tuyên truyền trên Đài truyền thanh; - Phát 05 "
     "tin, bài/tuần"),  # an item under it
    (["", "  Công an xã  "], "Công an xã"),
])
def test_a_cells_paragraphs_as_one_value(lines: list[str], value: str) -> None:
    assert cell_text(lines) == value


@pytest.mark.parametrize(("text", "defined"), [
    ("phân loại chất thải rắn sinh hoạt (CTRSH) tại nguồn", {"CTRSH": "chất thải rắn sinh hoạt"}),
    ("công tác phòng cháy, chữa cháy rừng (sau đây viết tắt là PCCCR) mùa khô", {"PCCCR": "phòng cháy, chữa cháy rừng"}),
    # an abbreviation every plan uses is known already; letters that spell no words before are no definition
    ("Ủy ban nhân dân (UBND) tỉnh", {}),
    ("Đề án 06 (ĐA) của Chính phủ", {}),
])
def test_abbreviations_a_plan_defines(text: str, defined: dict[str, str]) -> None:
    from assistant.vocab.units import defined_abbreviations, spell_defined

    assert defined_abbreviations(text) == defined
    if defined:
        [(abbr, full)] = defined.items()
        assert spell_defined(f"Tỷ lệ {abbr} được thu gom", defined) == f"Tỷ lệ {abbr} ({full}) được thu gom"


@pytest.mark.parametrize(("question", "short", "plan", "spelled"), [
    ("Thiết bị đo nhanh LCS ở lĩnh vực môi trường là viết tắt của cụm từ gì?", "LCS",
     "triển khai cảm biến IoT, thiết bị đo nhanh LCS thu thập dữ liệu", False),
    ("eCDT viết tắt của từ gì?", "eCDT", "Hệ thống truy xuất nguồn gốc thủy sản khai thác điện tử (eCDT)", True),
    ("Tên đầy đủ của CTRSH là gì?", "CTRSH", "thu gom chất thải rắn sinh hoạt (CTRSH) tại nguồn", True),
    ("Tên đầy đủ của PCCCR là gì?", "PCCCR", "Kế hoạch bảo vệ rừng (sau đây viết tắt là PCCCR)", True),
    # a document's number ("165/KH-UBND") is no abbreviation asked about
    ("KH 165/KH-UBND có tên đầy đủ là gì?", None, "", False),
])
def test_the_full_form_of_an_abbreviation_asked_and_spelt(question: str, short: str | None, plan: str,
                                                           spelled: bool) -> None:
    from assistant.vocab.units import expansion_asked, spells_out

    assert expansion_asked(question) == short
    if short:
        assert spells_out(short, plan) is spelled


@pytest.mark.parametrize(("line", "opens"), [
    ("BAN CHỈ ĐẠO VẬN ĐỘNG", True), ("HIẾN MÁU TÌNH NGUYỆN", False), ("TỈNH VĨNH PHONG", True),
    ("BCH HỘI NÔNG DÂN", True), ("BẢO HIỂM XÃ HỘI", True), ("VỀ AN TOÀN THỰC PHẨM", False), ("UBND TỈNH HÀ NAM", True),
])
def test_a_header_line_opens_a_units_name_by_its_head(line: str, opens: bool) -> None:
    assert opens_unit_name(line) is opens
