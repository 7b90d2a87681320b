"""What a question asks, read on whole words of the folded question (with or without diacritics)."""

from __future__ import annotations

import pytest

from assistant.services.question import (
    analyse,
    asks_coordinated,
    asks_which_ones,
    document_asked,
    field_asked,
    fold_question,
    has_phrase,
    names_a_document,
    question_parts,
    receiving_units,
    served_units,
    topic_words,
    whether_asked,
    without_asker,
    without_courtesy,
    without_setting_verb,
)


@pytest.mark.parametrize(
    ("question", "wanted", "not_wanted"),
    [
        ("Ai chủ trì rà soát hạ tầng mạng?", {"responsibility"}, set()),
        # "KH" typed for "kế hoạch" names two plans; "Sở KH&CN" none
        ("KH tạo lập dữ liệu của Hà Nội và KH CSDL quy hoạch của TP.HCM giao sở nào làm đầu mối?", {"compare"},
         set()),
        ("Báo cáo năm của KH CĐS giao thông Đồng Tháp và KH kinh tế số Bắc Ninh gửi về sở nào?", {"compare"}, set()),
        ("Sở KH&CN và Sở KH-ĐT phối hợp việc gì?", set(), {"compare"}),
        # documents set apart in an aside are not plans compared
        ("Kế hoạch của Tỉnh ủy Đồng Nai căn cứ vào những văn bản nào (ngoài NQ 57 và QĐ 204)?", {"basis"},
         {"compare"}),
        ("KH chia hộ kinh doanh thành mấy loại? Kể ra giúp mình.", {"list"}, set()),  # "kể ra" lists
        ("Hệ thống camera được thiết kế ra sao?", set(), {"list"}),  # "thiết kế ra sao" does not
        ("Sở KH và ĐT và Sở KH và CN phối hợp việc gì?", set(), {"compare"}),  # "KH" of a unit's name
        ("ai chu tri ra soat ha tang mang?", {"responsibility"}, set()),
        ("Các đơn vị phải triển khai giai đoạn nào?", set(), {"responsibility"}),  # "ai" inside words
        ("Kết quả được báo cáo tại kỳ họp nào?", set(), {"signer"}),  # "ai ky" across "tại kỳ"
        ("Đến Quý III chỉ tiêu số hóa là bao nhiêu?", {"target"}, set()),
        ("Kế hoạch dân số Cần Thơ có số hiệu là gì?", {"number", "metadata"}, set()),
        ("Kế hoạch xuất khẩu của Sơn La do ai ký?", {"signer", "metadata"}, set()),
        ("Kế hoạch ban hành ngày nào?", {"date", "metadata"}, set()),
        ("Sở Y tế phải làm những việc gì?", {"list"}, set()),
        ("Các bộ gửi báo cáo 6 tháng trước những ngày nào?", {"deadline"}, {"list"}),
        ("Tổ đảng thẩm tra những dự án luật nào?", {"list"}, set()),
        ("So sánh kế hoạch của xã với kế hoạch của tỉnh", {"compare"}, set()),
        ("Các cơ quan gửi báo cáo về đâu?", {"reporting", "deadline"}, set()),
        ("Kinh phí thực hiện lấy từ nguồn nào?", {"funding"}, set()),
        # how often, not only by when
        ("UBND xã báo cáo kết quả định kỳ thế nào, gửi về đâu?", {"reporting", "frequency"}, set()),
        ("bao cao tien do theo tan suat nao?", {"frequency"}, set()),
        ("Báo cáo gửi trước ngày nào?", {"deadline"}, {"frequency"}),
        # issued on which days (the documents' dates), not a task's deadline to issue something
        ("Hai văn bản được ban hành vào những ngày nào, ai ký từng văn bản?", {"date", "signer", "compare"}, set()),
        ("Nghị định phải ban hành trước ngày nào?", {"deadline"}, {"date"}),
        # "kinh tế số bao nhiêu phần trăm" asks the digital economy's share; "… số mấy, do ai ký?" the number
        ("Bắc Ninh đặt tỷ trọng kinh tế số bao nhiêu phần trăm GRDP?", {"target"}, {"number", "metadata"}),
        ("Quyết định ban hành kế hoạch số mấy, do ai ký?", {"number", "signer"}, set()),
        ("Chương trình hành động của Huyện ủy có số là gì?", {"number", "metadata"}, set()),
        # the number of the proposal the preamble cites, not the plan's own
        ("Kế hoạch được ban hành theo tờ trình của Sở Khoa học và Công nghệ số mấy?", set(), {"number", "metadata"}),
        # "kinh tế số bao nhiêu?" with no unit after it: the share still, not a number
        ("Kế hoạch của Bắc Ninh đặt tỷ trọng kinh tế số bao nhiêu?", {"target"}, {"number"}),
        ("Kế hoạch của UBND tỉnh là số bao nhiêu?", {"number"}, set()),
        ("Tỷ lệ cán bộ được cấp chữ ký số bao nhiêu?", {"target"}, {"number"}),
        # two plans named by their kinds' codes are compared
        ("Mục tiêu kinh tế số: NQ 57 đặt bao nhiêu, còn KH 144 đặt bao nhiêu?", {"compare", "target"}, set()),
        # who signed, asked by the signer's post ("phó chủ tịch nào ký", "đồng chí nào ký, ở cương vị gì")
        ("Quyết định số bao nhiêu, phó chủ tịch nào ký?", {"number", "signer"}, set()),
        ("Kế hoạch do đồng chí nào ký, ở cương vị gì?", {"signer", "metadata"}, set()),
        ("ke hoach 1245 do ai ky, voi chuc vu gi?", {"signer"}, set()),
        ("Sở nào ký kết quy chế phối hợp với Công an tỉnh?", set(), {"signer"}),  # "ký kết" is no signing
        ("Cán bộ giữ chức vụ lãnh đạo phải làm gì?", set(), {"signer"}),
        # what the plan carries out, said by its preamble
        ("Ke hoach duoc ban hanh de thuc hien nghi quyet nao cua tinh?", {"basis"}, set()),
        ("Chương trình được xây dựng căn cứ những văn bản nào?", {"basis"}, set()),
        ("Sở Y tế triển khai kế hoạch nào trong năm 2026?", set(), {"basis"}),  # a unit's work, not the plan's
        # "dựa trên …": the grounds asked as a kind of document, or as "căn cứ" itself
        ("Kế hoạch được lập dựa trên những căn cứ nào?", {"basis"}, set()),
        ("còn dựa trên công văn nào của Bộ Y tế?", {"basis"}, set()),
        ("Xã dựa vào tiêu chí nào để chọn hộ được hỗ trợ?", set(), {"basis"}),
        ("KH 165/KH-UBND năm 2025 thực hiện chỉ thị nào, ai ký?", {"basis", "signer"}, set()),  # the kind as its code
        # "… và KH 54-KH/TU đó …" points back to the plan carried out: no second plan to compare
        ("ai ký kế hoạch chuyển đổi số của xã thực hiện KH 54-KH/TU của Thanh Hóa, và KH 54-KH/TU đó ban hành ngày "
         "nào", {"signer", "date"}, {"compare"}),
        ("Các xã cần thực hiện chương trình gì để đạt chuẩn nông thôn mới?", set(), {"basis"}),
        # a day asked beside the number or signer is the document's date; the decision carrying a plan, the plan
        # carried out, are no second plan to compare
        ("Kế hoạch bảo vệ và phát triển rừng được ban hành kèm theo quyết định số mấy, ngày nào, ai ký?",
         {"date", "number", "signer"}, {"compare"}),
        ("Kế hoạch CĐS của xã năm 2026 và giai đoạn 2027-2030 (căn cứ KH 54-KH/TU) yêu cầu gì?", set(), {"compare"}),
        ("Công an xã được giao những nhiệm vụ gì trong kế hoạch của xã năm 2026 và giai đoạn 2027-2030 (theo KH "
         "54-KH/TU)?", {"list"}, {"compare", "responsibility"}),
        # targets handed to a ward are asked, not who leads; what a task delivers asked as "kết quả là …"
        ("Theo bảng chỉ tiêu giao cho các phường, xã, phường Vọng Giang được giao những chỉ tiêu gì?", {"target"},
         {"responsibility"}),
        ("Nhiệm vụ thành lập Ủy ban Dữ liệu quốc gia do ai chủ trì, kết quả là văn bản gì?",
         {"responsibility", "product"}, set()),
        ("Phường Bạch Đằng triển khai những thủ tục hành chính nào của Đảng trên môi trường số?", {"list"}, set()),
        ("Kế hoạch ATGT của huyện và kế hoạch bảo vệ rừng của tỉnh: hạn báo cáo năm là ngày nào?", {"compare"}, set()),
        # each part names its own unit and asks: each unit's plan answers its part
        ("Sở Nông nghiệp và Môi trường đặt mục tiêu bao nhiêu, còn Đảng ủy xã Phước An đặt chỉ tiêu bao nhiêu?",
         {"compare", "target"}, set()),
        ("Sở Y tế chủ trì việc gì, còn phối hợp những việc nào?", set(), {"compare"}),
        # two places, each asked of on its own ("mỗi nơi"): each place's plan answers; one place's communes are not
        ("Huyện Kỳ Vân (PCCC rừng) và huyện Thạch Lũy (dịch tả lợn) mỗi nơi dành bao nhiêu ngân sách huyện?",
         {"compare", "funding"}, set()),
        ("Kế hoạch của huyện Thạch Lũy giao mỗi xã làm gì?", set(), {"compare"}),
        # an office of the body the other sentence names is in that body's plan: nothing to compare
        ("Các ban đảng Tỉnh ủy Đồng Nai báo cáo trước ngày mấy? Còn Văn phòng Tỉnh ủy báo cáo trước ngày mấy?", set(),
         {"compare"}),
        # "bản nào" asks which villages, "ban nào" which board; typed without marks, either may be meant
        ("Đến năm 2030, những bản nào của xã được công nhận là điểm du lịch cộng đồng?", {"list"}, {"responsibility"}),
        ("Ban nào của Đảng ủy theo dõi việc này?", {"responsibility"}, set()),
        ("ban nao cua Dang uy theo doi viec nay?", {"responsibility"}, set()),
        # a kind word followed by what it does names no second plan; "thời điểm nào" asks when
        ("Ai ký Nghị quyết nước sạch của HĐND tỉnh Sơn Hà và nghị quyết có hiệu lực từ ngày nào?", {"signer"},
         {"compare"}),
        ("Kế hoạch A của tỉnh và kế hoạch B của huyện sơ kết vào thời điểm nào?", {"compare", "deadline"}, set()),
        # a figure set against another document's compares two plans; against a past year it does not
        ("Mục tiêu kinh tế số đến năm 2030 của tỉnh Bắc Ninh so với mục tiêu chung trong Nghị quyết 57-NQ/TW thế nào?",
         {"compare"}, set()),
        ("Kế hoạch giảm bao nhiêu phần trăm số vụ tai nạn so với năm 2025?", set(), {"compare"}),
        # "so với mục tiêu …" is another document's target, however far its name; "so với mức năm 2025" a baseline
        ("Bắc Ninh đặt mục tiêu kinh tế số chiếm bao nhiêu GRDP đến năm 2030, so với mục tiêu quy mô kinh tế số quốc "
         "gia năm 2030 trong Nghị quyết 57-NQ/TW?", {"compare"}, set()),
        ("Chi phí in ấn giảm bao nhiêu so với mức năm 2025?", set(), {"compare"}),
        ("Ba lễ hội mà Đảng ủy xã chủ trương khôi phục là những lễ hội nào?", {"list"}, set()),
        # what is listed may be qualified by whose it is ("… của Đảng nào?")
        ("Phường triển khai những thủ tục hành chính của Đảng nào trên môi trường số?", {"list"}, set()),
        # "số bao nhiêu" asks the document's number, no figure
        ("Kế hoạch phòng chống thiên tai của xã Hoà Phước Tây số bao nhiêu, ai ký?", {"number", "signer"}, {"target"}),
        ("Kế hoạch số mấy, đặt tỷ lệ bao nhiêu?", {"number", "target"}, set()),
        # stockpiling sandbags ("dự trữ") is no budget estimate ("dự trù"), though both fold alike
        ("Mỗi xã ven sông phải dự trữ tối thiểu bao nhiêu bao tải?", {"target"}, {"funding"}),
        ("Văn phòng dự trù kinh phí thế nào?", {"funding"}, set()),
        ("van phong du tru kinh phi the nao?", {"funding"}, set()),
        # "cây ăn quả chủ lực nào" asks which trees, not when ("lúc nào")
        ("Sở xác định những loại cây ăn quả chủ lực nào để làm VietGAP?", set(), {"deadline"}),
        ("Tổ công tác họp lúc nào?", {"deadline"}, set()),
        # "đặt hạn nào" asks a deadline; "bao lâu … một lần", "mấy lần" how often
        ("Về số hóa hồ sơ đảng viên, kế hoạch của Ban Tổ chức đặt hạn nào?", {"deadline"}, set()),
        ("UBND xã bao lâu phải báo cáo kết quả lên Đảng ủy xã một lần?", {"frequency"}, set()),
        ("Ban Chỉ đạo họp định kỳ mấy lần một năm?", {"frequency"}, set()),
        # a document's date asked beside its number and signer, however the signer is asked
        ("Kế hoạch của Huyện ủy Đồng Vọng số bao nhiêu, ngày nào, đồng chí nào ký?", {"number", "date", "signer"},
         set()),
        ("to cong tac hop luc nao?", {"deadline"}, set()),
        # "theo kỳ nào" asks how often; a date checked ("… trước 31/12/2025 phải không?") asks by when
        ("UBND xã phải báo cáo kết quả về đâu và theo kỳ nào?", {"frequency", "destination"}, set()),
        ("Các bộ gửi kết quả rà soát về Bộ Tư pháp trước 31/12/2025 phải không?", {"deadline"}, set()),
        # "khác gì với" sets two plans side by side; "những … nào" of four words asks a list
        ("Phường dùng phương châm “6 rõ” gồm những gì, khác gì với phương châm trong kế hoạch của xã?", {"compare"},
         set()),
        ("Sơn La đến 2030 có những sản phẩm trái cây xuất khẩu chủ yếu nào?", {"list"}, set()),
        # "ngày ký" of the plan asks its date; the day a contract is signed does not
        ("Kế hoạch của Hà Nội có số hiệu gì, ngày ký và ai ký?", {"number", "date", "signer"}, set()),
        ("Báo cáo gửi trước ngày ký hợp đồng?", set(), {"date"}),
        # the number of the order promulgating a law is no number of the plan
        ("Theo Quyết định 2623/QĐ-TTg, Luật này được công bố bằng Lệnh số mấy?", set(), {"number", "metadata"}),
        # office loanwords: "deadline" asks by when, "KPI" a target
        ("Deadline nộp báo cáo của xã?", {"deadline"}, set()),
        ("KPI số hóa hồ sơ của phường?", {"target"}, set()),
        # whose plan it is, by the place or body issuing it; what a task yields; each side of two plans
        ("Kế hoạch số 165/KH-UBND là của địa phương nào, thực hiện văn bản nào và ai ký?",
         {"issuer", "basis", "signer"}, set()),
        ("Nhiệm vụ xây dựng cơ sở dữ liệu do ai chủ trì, hoàn thành khi nào và cho ra kết quả gì?",
         {"product", "responsibility", "deadline"}, set()),
        ("Mục tiêu kinh tế số của Bắc Ninh có cao hơn Nghị quyết 57 không? Mỗi bên là bao nhiêu?", {"compare"},
         set()),
        # "kế hoạch phối hợp", "nội dung phối hợp": kinds of plan and of work; "đơn vị nào phối hợp" asks co-units
        ("Kế hoạch phối hợp năm 2026 gồm những nội dung phối hợp nào?", {"list"}, {"responsibility"}),
        ("Việc tập huấn do đơn vị nào phối hợp?", {"responsibility"}, set()),
        # the number of a document the plan is based on, named by what it issued: not the plan's own
        ("KH chuyển đổi số của tỉnh Đồng Tháp căn cứ Chiến lược chuyển đổi số của Bộ Xây dựng ban hành theo quyết "
         "định số mấy, ngày nào?", {"basis"}, {"number", "date", "metadata"}),
        # "ban hành" naming the plan asks no day it was issued; "… được ban hành vào ngày nào?" does
        ("Theo kế hoạch ban hành kèm QĐ 2623/QĐ-TTg, việc sơ kết, tổng kết thi hành Luật được tổ chức vào thời điểm "
         "nào?", set(), {"date", "metadata"}),
        ("Kế hoạch 54-KH/TU được Tỉnh ủy ban hành vào ngày nào?", {"date", "metadata"}, set()),
        # the number of the plan it carries out is asked, not its own; a part asking it alone asks the same
        ("Kế hoạch Tháng hành động vì trẻ em của xã Thạnh Lộc thực hiện theo kế hoạch số mấy của UBND tỉnh?",
         {"basis"}, {"number", "metadata"}),
        ("thực hiện theo kế hoạch số mấy của UBND tỉnh Tân Phong?", {"basis"}, {"number"}),
        ("Kế hoạch triển khai Nghị quyết 57 có số bao nhiêu?", {"number"}, {"basis"}),
        # a rate per year asks no yearly deadline
        ("Tốc độ tăng trưởng bình quân hằng năm của kinh tế số được đặt ra là bao nhiêu?", {"target"}, {"deadline"}),
    ],
)
def test_intents(question: str, wanted: set[str], not_wanted: set[str]) -> None:
    q = analyse(question)
    assert wanted <= q.intents
    assert not (not_wanted & q.intents)


def test_the_issuers_code_in_a_document_number_names_no_unit() -> None:
    assert analyse("KH 597/KH-UBND Dong Thap: nen tang thu phi gom nhung he thong nao?").units == ()
    assert analyse("Kế hoạch 182/KH-UBND giao Công an tỉnh làm gì?").units == ("Công an tỉnh",)


def test_folding_and_named_units() -> None:
    assert fold_question("Hoá đơn của Đảng uỷ?") == fold_question("Hóa đơn của Đảng ủy") == "hoa don cua dang uy"
    assert has_phrase("ai chu tri", "ai") and not has_phrase("phai trien khai", "ai")
    q = analyse("Sở Y tế phải làm những việc gì trong Quý III/2026?")
    assert q.units == ("Sở Y tế",)
    assert "Q3/2026" in q.times


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Nghị quyết 57 đặt mục tiêu gì cho năm 2030?", {"57 nq"}),
        ("Kế hoạch số 308/KH-UBND giao ai chủ trì?", {"308 kh"}),
        ("So sánh Nghị quyết 57-NQ/TW và Kế hoạch 308", {"57 nq", "308 kh"}),
        # the number of the document a plan carries out does not name the plan asked about
        ("Chương trình hành động của Chính phủ thực hiện Nghị quyết 57 đặt chỉ tiêu gì?", set()),
        ("Kế hoạch triển khai Nghị quyết số 57-NQ/TW của tỉnh giao ai chủ trì?", set()),
        ("ke hoach cu the hoa nghi quyet 57 cua tinh uy co may nhiem vu?", set()),
        ("Chương trình hành động của Chính phủ về Nghị quyết 57 yêu cầu báo cáo khi nào?", set()),
        # the carrying out of a resolution, monitored: the resolution assigns it itself
        ("Cơ quan nào theo dõi, đánh giá kết quả thực hiện Nghị quyết 57-NQ/TW?", {"57 nq"}),
        ("Ai theo dõi việc thực hiện Nghị quyết 57?", {"57 nq"}),
        # a kind's code names a document as its name does ("đã 5 năm" is no "ĐA 5")
        ("NQ 57 toàn quốc đặt bao nhiêu, còn Bắc Ninh trong KH 144 đặt bao nhiêu?", {"57 nq", "144 kh"}),
        ("QĐ 2954 đặt kế hoạch năm 2028 bao nhiêu tấn?", {"2954 qd"}),
        ("Chương trình thực hiện NQ 57 đặt chỉ tiêu gì?", set()),
        ("da 5 nam thuc hien ma chua xong?", set()),
    ],
)
def test_references_name_documents_by_number(question: str, named: set[str]) -> None:
    assert analyse(question).references == frozenset(named)


@pytest.mark.parametrize(("question", "phrase"), [
    ("Kế hoạch dân số Cần Thơ đặt mục tiêu gì?", "ke hoach dan so can tho"),
    ("Theo kế hoạch của phường Bạch Đằng, ai chủ trì?", "ke hoach cua phuong bach dang"),
    ("Kế hoạch xuất khẩu của Sơn La là gì?", "ke hoach xuat khau cua son la"),
    ("Sở Y tế có nhiệm vụ gì?", ""),
    # a plan's kind typed as its code ("KH", "QĐ"), not a number's code nor "KH&CN"
    ("KH của TP.HCM về CSDL quy hoạch do sở nào chủ trì?", "ke hoach cua tp hcm ve csdl quy hoach do so"),
    ("Sở KH&CN có nhiệm vụ gì?", ""),
    # a plan the units must draw up names no plan: the programme it gives effect to does
    ("Các chi bộ phải xây dựng kế hoạch cụ thể hóa chương trình cán bộ trẻ của huyện trước ngày nào?",
     "chuong trinh can bo tre cua huyen truoc ngay"),
])
def test_naming_phrase(question: str, phrase: str) -> None:
    from assistant.services.question import naming_phrase

    assert naming_phrase(question) == phrase


@pytest.mark.parametrize(("question", "about", "not_about"), [
    # nouns of two syllables or more say what the question is about
    ("Theo kế hoạch xuất khẩu của Sơn La, chỉ tiêu xuất khẩu sầu riêng năm 2030 là bao nhiêu tấn?", ["sầu riêng"],
     ["kế hoạch", "chỉ tiêu", "bao nhiêu"]),
    # asking words ("tỷ lệ"), plan kinds and the kind of answer ("hệ thống nào") are not the topic
    ("Kế hoạch giao thông kể ra những hệ thống nào thuộc nền tảng thu phí?", ["giao thông", "nền tảng"],
     ["kế hoạch", "hệ thống"]),
    ("Chương trình đặt tỷ lệ học sinh có học bạ số là bao nhiêu?", ["học sinh"], ["tỷ lệ", "chương trình"]),
    # the source framed ("theo đánh giá trong kế hoạch") is no topic
    ("Theo đánh giá trong kế hoạch phòng chống dại, năm 2025 có bao nhiêu người tử vong?", [], ["đánh giá"]),
    # a name's last syllable and the verb after it are no word ("Sở Y tế": "y tế" is one)
    ("Tỉnh Sơn Nguyên đặt chỉ tiêu tỷ lệ tiêm phòng vắc xin Dại là bao nhiêu?", ["vắc xin"], ["nguyên đặt"]),
    ("Sở Y tế tỉnh Đồng Nai chủ trì dự án nào về cai nghiện?", ["y tế"], []),
    # the noun before "gì"/"nào" names the kind of answer
    ("Cổng thông tin quốc gia có những chức năng gì?", ["quốc gia"], ["chức năng"]),
    ("Tổ đảng ở Ủy ban Pháp luật thẩm tra những dự án luật nào?", ["pháp luật"], ["dự án"]),
    # without diacritics: words of pyvi's list, longest first, never across punctuation; the verb after "chủ trì"
    ("ke hoach dan so dat muc tieu tuoi tho trung binh la bao nhieu?", ["dan so", "tuoi tho", "trung binh"],
     ["ke hoach", "muc tieu"]),
    ("ai chu tri soan thao nghi dinh?", ["nghi dinh"], ["soan thao"]),
    # "thiên tai" holds no "tại": with diacritics the glue words are told apart by their marks
    ("Kế hoạch phòng, chống thiên tai của tỉnh giao Sở Xây dựng những nhiệm vụ gì?", ["thiên tai"], []),
    # the verb of a target and the kind "chương trình hành động" are no topic, typed either way
    ("xa phan dau dat chuan nong thon moi kieu mau vao nam nao theo chuong trinh hanh dong?", ["nong thon"],
     ["phan dau", "hanh dong"]),
    # "bảo hiểm" is no "bao nhiêu"; "… khi nào" asks when, it names no kind of answer
    ("to dang tham tra luat bao hiem y te khi nao?", ["bao hiem y te"], []),
    ("xuat khau xoai bao nhieu tan, gia tri bao nhieu?", ["xuat khau", "gia tri"], ["tan gia"]),
    # a word is kept where matching from the left and from the right agree: no "tri toi" of "Quang Tri toi da"
    ("muc ho tro chi phi lan dau o Quang Tri toi da bao nhieu?", ["ho tro", "chi phi"], ["tri toi", "da bao"]),
    # an abbreviation is about what it stands for; one that stands for two things is no word a plan must say
    ("Chương trình của xã thực hiện Nghị quyết của BTV Tỉnh ủy ban hành ngày nào?", ["thường vụ"], ["btv tỉnh"]),
    ("Kế hoạch CĐS của BTC Tỉnh ủy Lâm Đồng chia các quy trình nghiệp vụ thành mấy nhóm, gồm những nhóm nào?",
     ["quy trình"], ["btc tỉnh"]),
    ("chuong trinh cua xa thuc hien nghi quyet cua BTV tinh uy", ["thuong vu"], ["btv tinh"]),
    # a word no Vietnamese word is made of is what the question is about; an acronym is not
    ("Kế hoạch đặt mục tiêu bao nhiêu cơ sở điều trị methadone?", ["methadone"], ["kế hoạch"]),
    ("ha noi giao so nao xay dung chatbot tra cuu du lieu?", ["chatbot"], []),
    ("Sở nào chủ trì triển khai GIS và CSDL?", [], ["gis", "csdl"]),
    ("ubnd xa phuong o son la phai lam gi", [], ["ubnd"]),  # an acronym typed in lower case
    # when the asker stands is no topic: a plan need not say "trước đây" to say what it replaces
    ("Kế hoạch chuyển đổi số của Đồng Nai thay thế những kế hoạch nào trước đây?", ["đồng nai"], ["trước đây"]),
    ("Năm ngoái Thạch Lũy phải tiêu hủy bao nhiêu con lợn, tổng khối lượng bao nhiêu?", ["khối lượng"],
     ["năm ngoái"]),
    # a verb typed before a name is no word with the name's first syllable ("giao Tổ đảng" is no "giao tổ")
    ("Kế hoạch 3260 giao Tổ đảng ở Thường trực Ủy ban Pháp luật rà soát những dự án luật nào?", ["pháp luật"],
     ["giao tổ"]),
    # the asker's verb joined to the noun after it ("ghi lượng") is no word of the plan; "ghi nhận" is a word
    ("Phụ lục 02 của Sơn La: dòng Xoài năm 2026 ghi lượng và giá trị bao nhiêu?", ["giá trị"], ["ghi lượng"]),
    # the total of a thing is the thing: a table's "Tổng cộng" row gives it ("tổng đài" is a word)
    ("Toàn xã hiện có bao nhiêu điểm và tổng phí dự kiến thu là bao nhiêu?", [], ["tổng phí"]),
    ("Số điện thoại tổng đài hỗ trợ tiểu thương là gì?", ["tổng đài"], []),
    ("Bảng chỉ tiêu ghi nhận bao nhiêu sáng kiến?", ["sáng kiến"], []),
    # "công tác PCCCR" is the work of fighting forest fires: what it is about is the rest
    ("Tổng kinh phí cho công tác PCCCR mùa khô của tỉnh Bình Lâm là bao nhiêu?", ["bình lâm"], ["công tác"]),
    # office loanwords that ask are asking words, not what a plan must say
    ("Deadline để xã xây dựng kế hoạch triển khai là khi nào?", [], ["deadline"]),
    ("kpi ve ho so truc tuyen cua tinh la bao nhieu", [], ["kpi"]),
    # two nouns the tagger cut across a word ("môn Ngữ | văn kỳ") are cut again around it
    ("Bài thi tự luận môn Ngữ văn kỳ thi tốt nghiệp THPT 2026 được chấm ở đâu?", ["ngữ văn"], ["văn kỳ", "môn ngữ"]),
    # the figure pointed at ("con số") and the asking word run into a verb ("chỉ tiêu dùng") are no topic
    ('Trong kế hoạch của phường Bạch Đằng, con số "tối thiểu 95%" là chỉ tiêu gì? Có hơn một chỉ tiêu dùng con số '
     'này?', ["bạch đằng"], ["con số", "chỉ tiêu dùng"]),
    # typed without diacritics, "tong ket" may be "tổng kết", a word: no total ("tổng") of a thing
    ("viec so ket, tong ket thi hanh Luat duoc to chuc vao thoi diem nao", ["tong ket"], ["ket"]),
])
def test_topic_words(question: str, about: list[str], not_about: list[str]) -> None:
    words = topic_words(question)
    assert set(about) <= set(words) and not set(not_about) & set(words)


@pytest.mark.parametrize(("question", "parts"), [
    ("Kế hoạch đặt mục tiêu cắt giảm thời gian bao nhiêu, và tỷ lệ hồ sơ trực tuyến đạt mức nào?",
     ["Kế hoạch đặt mục tiêu cắt giảm thời gian bao nhiêu", "tỷ lệ hồ sơ trực tuyến đạt mức nào?"]),
    ("Báo cáo theo chu kỳ nào, hạn gửi khi nào và gửi về đâu?",
     ["Báo cáo theo chu kỳ nào", "hạn gửi khi nào", "gửi về đâu?"]),
    ("ke hoach yeu cau hoan thanh khi nao va gui ve co quan nao?",
     ["ke hoach yeu cau hoan thanh khi nao", "gui ve co quan nao?"]),
    # one question word: one part, whatever the commas and "và" ("Sở Giáo dục và Đào tạo")
    ("Sở Giáo dục và Đào tạo, Sở Y tế được giao những nhiệm vụ nào?", []),
    ("Ai chủ trì rà soát, chuẩn hóa dữ liệu?", []),
    # "đầu" of "thiết bị đầu cuối" is not "đâu" when typed without diacritics
    ("trang bi thiet bi dau cuoi va may tinh bao nhieu?", []),
    # two measures sharing one question word: the second framed as the first is
    ("Đến năm 2030 xã Vân Nhạn đặt mục tiêu tỷ lệ người được khám sức khỏe và tỷ lệ có thẻ bảo hiểm y tế là bao nhiêu?",
     ["Đến năm 2030 xã Vân Nhạn đặt mục tiêu tỷ lệ người được khám sức khỏe",
      "Đến năm 2030 xã Vân Nhạn đặt mục tiêu tỷ lệ có thẻ bảo hiểm y tế là bao nhiêu?"]),
    ("Tỷ lệ hộ dùng nước sạch và số công trình mới là bao nhiêu?", []),  # no measure repeated
    ("Năm 2027 huyện Sơn Khê đặt chỉ tiêu gì về nồng độ cồn và tỷ lệ đội mũ bảo hiểm trên đường huyện?",
     ["Năm 2027 huyện Sơn Khê đặt chỉ tiêu gì về nồng độ cồn",
      "Năm 2027 huyện Sơn Khê đặt tỷ lệ đội mũ bảo hiểm trên đường huyện?"]),
    # a piece asking nothing before ";" belongs to the part before it
    ("Chế độ báo cáo thế nào trong tháng 5–6/2026 và từ quý III/2026; Ban báo cáo Trung ương trước ngày nào?",
     ["Chế độ báo cáo thế nào trong tháng 5–6/2026 từ quý III/2026", "Ban báo cáo Trung ương trước ngày nào?"]),
    # each sentence asks on its own: a comma inside the first is no joint
    ("Kế hoạch giao sở nào xây dựng, vận hành cổng dữ liệu? Báo cáo gửi về đâu?",
     ["Kế hoạch giao sở nào xây dựng, vận hành cổng dữ liệu?", "Báo cáo gửi về đâu?"]),
    # measures of different kinds listed before one question word ("…, … và …"), each in the frame of the first
    ("Huyện Tân Lạc đặt mục tiêu tỷ suất chết trẻ sơ sinh, tỷ số giới tính khi sinh và tỷ lệ tiêm chủng là bao nhiêu?",
     ["Huyện Tân Lạc đặt mục tiêu tỷ suất chết trẻ sơ sinh", "Huyện Tân Lạc đặt mục tiêu tỷ số giới tính khi sinh",
      "Huyện Tân Lạc đặt mục tiêu tỷ lệ tiêm chủng là bao nhiêu?"]),
    # a comma before a measure is no list without "và" ending it
    ("Trong phụ lục chỉ tiêu của Kế hoạch 12, tỷ lệ hộ có nước sạch giao ai chủ trì?", []),
    # "…, và cho việc …": the phrase after "và" repeats the one after the question word
    ("Sở Nội vụ đặt thời hạn nào cho việc số hóa hồ sơ, và cho việc rà soát biên chế?",
     ["Sở Nội vụ đặt thời hạn nào cho việc số hóa hồ sơ", "Sở Nội vụ đặt thời hạn nào cho việc rà soát biên chế?"]),
    # "mấy" asks ("trước ngày mấy", "số mấy"); typed without its marks it is also "máy" and asks nothing
    ("Các ban đảng báo cáo trước ngày mấy? Còn Văn phòng Tỉnh ủy báo cáo trước ngày mấy?",
     ["Các ban đảng báo cáo trước ngày mấy?", "Còn Văn phòng Tỉnh ủy báo cáo trước ngày mấy?"]),
    ("cac xa bao cao khi nao? trang bi may tinh cho xa", []),
    # a comma lists nouns ("cơ quan, đơn vị"); "và" joins the two things asked
    ("Bao nhiêu phần trăm cơ quan, đơn vị trong xã được trang bị thiết bị mới, và thời gian giải quyết thủ tục phải "
     "cắt giảm tối thiểu bao nhiêu?",
     ["Bao nhiêu phần trăm cơ quan, đơn vị trong xã được trang bị thiết bị mới",
      "thời gian giải quyết thủ tục phải cắt giảm tối thiểu bao nhiêu?"]),
    # "cho biết giúp số, ngày ban hành …" asks by the imperative; its comma lists what it asks for
    ("Anh/chị cho biết giúp số, ngày ban hành của quyết định ban hành kế hoạch, và luật này có hiệu lực từ ngày nào?",
     ["Anh/chị cho biết giúp số, ngày ban hành của quyết định ban hành kế hoạch",
      "luật này có hiệu lực từ ngày nào?"]),
])
def test_question_parts(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts



@pytest.mark.parametrize(("question", "only"), [
    ("Kế hoạch của Tỉnh ủy thay thế cho những kế hoạch nào trước đó?", True),
    ("Kế hoạch của Tỉnh ủy thay thế cho các văn bản nào?", True),  # a plan it names decides (see AskService)
    ("Kế hoạch nào đặt chỉ tiêu kinh tế số cao hơn?", False),  # "cao hơn": plans are weighed against each other
    ("So sánh kế hoạch của xã với kế hoạch của tỉnh: kế hoạch nào đặt mục tiêu cao hơn?", False),
    ("Kế hoạch 144 và Nghị quyết 57, văn bản nào đặt mục tiêu cao hơn?", False),
])
def test_a_comparison_cued_only_by_which_plan(question: str, only: bool) -> None:
    from assistant.services.question import asks_which_plan_only

    q = analyse(question)
    assert "compare" in q.intents
    assert asks_which_plan_only(q) is only


@pytest.mark.parametrize(("question", "wanted", "not_wanted"), [
    # a decision's preamble says who proposed it: not who leads a task
    ("Quyết định 15/QĐ-UBND ban hành kế hoạch theo đề nghị của cơ quan nào?", {"proposal"}, {"responsibility"}),
    ("Kế hoạch ban hành theo tờ trình số mấy?", {"proposal"}, set()),
    # an aside naming the plan asks nothing ("ký bởi" is no signer question)
    ("Kế hoạch chuyển đổi số của Tỉnh ủy (ký bởi Phó Bí thư Trần Văn A) thay thế những kế hoạch nào?", set(),
     {"signer", "metadata"}),
    ("Kế hoạch chuyển đổi số (ai ký?) ban hành ngày nào?", {"signer", "date"}, set()),
    # "… và nghị quyết còn thành lập …": the resolution named first, again, compares nothing
    ("Nghị quyết 57-NQ/TW giao ai làm Trưởng Ban, và nghị quyết còn thành lập hội đồng nào?", set(), {"compare"}),
    ("Nghị quyết 57-NQ/TW và nghị quyết 03/NQ-CP giao ai chủ trì?", {"compare"}, set()),
    # where a report or a plan is sent
    ("Các xã gửi báo cáo năm trước ngày nào và gửi về đâu?", {"destination", "deadline"}, set()),
    ("cac so bao cao ket qua ve co quan nao?", {"destination"}, set()),
    # "có số và ngày ban hành": the plan's number beside its date; "cơ sở" is no number
    ("Kế hoạch đào tạo nghề của Sở Giáo dục tỉnh Hòa Lâm có số và ngày ban hành thế nào?", {"number", "date"}, set()),
    ("Anh/chị cho biết giúp số, ngày ban hành của quyết định ban hành kế hoạch thi hành Luật Bảo vệ dữ liệu cá nhân?",
     {"number", "date"}, set()),
    ("Kế hoạch chuyển đổi số, ngày ban hành là khi nào?", {"date"}, {"number"}),  # "chuyển đổi số": digital
    ("Kế hoạch hỗ trợ bao nhiêu cơ sở giáo dục nghề nghiệp?", set(), {"number"}),
    # two documents one plan carries out ("triển khai QĐ 06 … và QĐ 3103 …"), "chủ trì kế hoạch" the same plan again
    ("Kế hoạch triển khai QĐ 06/QĐ-TTg và QĐ 3103/QĐ-BTC về CSDL quy hoạch giao sở nào làm cơ quan chủ trì kế hoạch?",
     {"responsibility"}, {"compare"}),
    ("Kế hoạch 54-KH/TU và KH 12-KH/HU giao ai chủ trì?", {"compare"}, set()),
    # a premise checked in a plan named by its year asks no date
    ("Trong kế hoạch chuyển đổi số phường Bạch Đằng năm 2026, có phải Ủy ban Kiểm tra Đảng ủy được giao xây dựng kế "
     "hoạch kiểm tra, giám sát việc thực hiện Nghị quyết 57 và Quyết định 204 không?", set(), {"deadline", "compare"}),
    # measured against the rules in force, not against another plan
    ("Chương trình hành động của xã: đến hết năm 2026 phải cắt giảm thời gian giải quyết thủ tục hành chính bao nhiêu "
     "so với quy định hiện hành?", {"target"}, {"compare"}),
    # who pays is asked of money, not of who leads a task
    ("Ở xã Phước Hưng, ai trả tiền vắc xin dịch tả lợn châu Phi?", {"funding"}, {"responsibility"}),
    # to whom the document is sent: its "Nơi nhận"
    ("KH 165/KH-UBND gửi để báo cáo những cơ quan trung ương nào (nơi nhận)?", {"recipients"}, set()),
    ("Kế hoạch có đồng kính gửi cơ quan Trung ương nào không?", {"recipients"}, set()),
    # a plan still to be made, plans of a kind: no second plan named
    ("Sau khi UBND tỉnh ban hành KH 182/KH-UBND, các sở và UBND xã phải xây dựng kế hoạch triển khai trong vòng bao "
     "lâu?", set(), {"compare"}),
    ("NQ 03/NQ-CP: các bộ phải xây dựng kế hoạch thực hiện khi nào? Còn các chương trình, kế hoạch cũ thì hạn bao "
     "giờ?", set(), {"compare"}),
    # "Hai KH … (của A và của B)": two plans
    ("Hai KH chuyển đổi số (của Ban Tổ chức Tỉnh ủy Lâm Đồng và của xã) cùng đặt mục tiêu giảm chi phí in ấn bao "
     "nhiêu?", {"compare"}, set()),
    # the numbers of the plans it replaces are not its own
    ("Kế hoạch này thay thế kế hoạch cũ? Nếu thay thế thì thay những kế hoạch số mấy?", set(), {"number"}),
    ("Kế hoạch chuyển đổi số của tỉnh số mấy?", {"number"}, set()),
])
def test_intents_of(question: str, wanted: set[str], not_wanted: set[str]) -> None:
    intents = analyse(question).intents
    assert wanted <= intents and not (not_wanted & intents), intents


@pytest.mark.parametrize(("question", "asked"), [
    ("Chương trình hành động 32-CTr/TU về kinh tế tư nhân ban hành ngày nào?", "32 ctr"),
    ("Nghị quyết số 57-NQ/TW của Bộ Chính trị ký ngày nào?", "57 nq"),
    ("Theo Kế hoạch 308 của Hà Nội, ai chủ trì?", "308 kh"),
    ("Kế hoạch của tỉnh thực hiện Chương trình hành động 32-CTr/TU ban hành ngày nào?", ""),  # the plan's own date
    # the document named last before "ban hành", the question opening on the plan
    ("Trong phần căn cứ của kế hoạch Đồng Nai, Quyết định 185-QĐ/TW được ban hành ngày nào, của cơ quan nào?",
     "185 qd"),
])
def test_the_document_a_question_opens_on(question: str, asked: str) -> None:
    assert document_asked(question) == asked


@pytest.mark.parametrize(("question", "qualifying"), [
    # what a figure asked is of, told by a verb or adjective the noun list misses
    ("Phường Thủy Tiên dành bao nhiêu kinh phí để mua xe chữa cháy?", ["xe chữa cháy"]),
    ("Phường dự kiến xây trung tâm chăm sóc người cao tuổi bán trú với kinh phí bao nhiêu?", ["bán trú"]),
    ("Trường được giao chỉ tiêu tuyển sinh bao nhiêu người?", ["tuyển sinh"]),
    # a figure's bound tells nothing of what it is of, whatever word the tagger joins it to
    ("Cả giai đoạn 2026 - 2028, tỉnh Hà Sơn phấn đấu số hóa tối thiểu bao nhiêu hồ sơ địa chính?", []),
    # "tương ứng tỷ lệ bao nhiêu": a word framing the second figure, not what it is of
    ("Đến năm 2027, huyện Ngọc Lãng có bao nhiêu trường đạt chuẩn quốc gia, tương ứng tỷ lệ bao nhiêu?", []),
    # the words asking a document's number ask no figure ("Tây số" is no noun)
    ("Kế hoạch phòng chống thiên tai của xã Hoà Phước Tây số bao nhiêu, ai ký?", []),
    # a name's last syllable and the verb after it ("Sơn Nguyên đặt") say nothing of what the figure is of
    ("Tỉnh Sơn Nguyên đặt chỉ tiêu tỷ lệ tiêm phòng cho đàn chó năm 2026 là bao nhiêu?", []),
    # no figure asked: the words of a task are the plan's or the asker's, not what a figure is of
    ("Phường nào chủ trì mua xe chữa cháy?", []),
    # typed without diacritics, parts of speech are guessed: none
    ("phuong danh bao nhieu kinh phi de mua xe chua chay?", []),
])
def test_qualifying_words(question: str, qualifying: list[str]) -> None:
    from assistant.services.question import qualifying_words

    assert set(qualifying) <= set(qualifying_words(question)) and (qualifying or not qualifying_words(question))


@pytest.mark.parametrize(("question", "cut"), [
    # "Chỉ | tiêu xã": a word the tagger cut, its end joined to the next word, is read whole ("chỉ tiêu" | "xã")
    ('Chỉ tiêu xã, phường "không ma túy" của tỉnh Nam Sơn năm 2026 phấn đấu bao nhiêu %?', "tiêu xã"),
    ("Tỷ lệ người dân có sổ sức khỏe điện tử đạt bao nhiêu?", "khỏe điện tử"),
])
def test_a_word_the_tagger_cut_is_read_whole(question: str, cut: str) -> None:
    from assistant.services.question import qualifying_words

    assert cut not in qualifying_words(question)


# a bound ("giới hạn … ở mức nào") and an amount ("khối lượng bao nhiêu km") frame a figure, whatever it is of
@pytest.mark.parametrize("word", ["giới hạn", "khối lượng", "không vượt quá", "tối đa", "phấn đấu", "quy mô"])
def test_words_framing_a_figure(word: str) -> None:
    from assistant.services.question import frames_figure

    assert frames_figure(word) and not frames_figure("diện tích")


@pytest.mark.parametrize(("question", "role"), [
    ("Việc xây dựng Cổng thông tin quốc gia có những cơ quan nào phối hợp với Bộ Công an?", "co"),
    ("Đơn vị phối hợp là ai?", "co"),
    ("Nhiệm vụ này (Bộ TT&TT chủ trì) có kết quả đầu ra là văn bản gì?", "product"),  # the aside names the task
    ("Ai chủ trì và ai phối hợp lập bản đồ số?", ""),  # who leads is asked as well
    ("Sở Y tế chủ trì việc gì?", ""),
])
def test_one_field_asked_alone(question: str, role: str) -> None:
    assert field_asked(question) == role



@pytest.mark.parametrize(("question", "numbers"), [
    # a year naming the plan says which plan; the year asked outside it is what a passage must say
    ("Chương trình hành động về chuyển đổi số năm 2026 của xã: năm 2025 tỷ lệ hồ sơ trực tuyến đã đạt bao nhiêu "
     "phần trăm?", ("2025",)),
    # every year inside the words read as naming the plan (they ran on over what is asked): each is asked, as typed
    ("Kế hoạch lụt bão 2012 của huyện Thạch Đài đánh giá thiệt hại do thiên tai năm 2011 thế nào?", ()),
])
def test_the_years_naming_a_plan_are_not_asked(question: str, numbers: tuple[str, ...]) -> None:
    assert analyse(question).expect.numbers == numbers
    assert analyse(question).expect.years in ((), ("2012", "2011"))


@pytest.mark.parametrize(("question", "kept"), [
    # the asker's unit is context when the question asks of another: its name is left out
    ("Tôi ở Sở Tư pháp một tỉnh, đang được giao rà soát văn bản. Theo KH của Thủ tướng, UBND tỉnh gửi kết quả về đâu?",
     ", đang được giao rà soát văn bản. Theo KH của Thủ tướng, UBND tỉnh gửi kết quả về đâu?"),
    # … and kept when the question asks of the asker ("bên mình")
    ("Mình làm ở NHNN khu vực XII. Theo phụ lục KH 144, bên mình chủ trì những chỉ tiêu nào?",
     "Mình làm ở NHNN khu vực XII. Theo phụ lục KH 144, bên mình chủ trì những chỉ tiêu nào?"),
    ("Sở Tư pháp chủ trì những việc gì?", "Sở Tư pháp chủ trì những việc gì?"),
])
def test_the_askers_own_unit_is_context(question: str, kept: str) -> None:
    assert " ".join(without_asker(question).split()) == kept


@pytest.mark.parametrize(("question", "names"), [
    ("Theo KH CĐS của BTCTU Lâm Đồng, việc nào phải xong trong tháng 5/2026?", True),  # the kind's code
    ("Phụ lục kèm CTHĐ của xã giao những việc gì?", True),
    ("Quý III/2026 phải xong những việc gì?", False),
])
def test_a_document_named_by_its_kind(question: str, names: bool) -> None:
    assert names_a_document(fold_question(question)) is names


@pytest.mark.parametrize(("question", "counts"), [
    ("Chương trình có nói 04 dịch vụ công của Đảng, đó là những việc gì?", ["04 dịch vụ công", "4 dịch vụ"]),
    ("Tỉnh thành lập 12 đoàn kiểm tra liên ngành gồm những ngành nào?", ["12 đoàn kiểm tra"]),
    # spans, sums and names are no count of things
    ("Trong 5 năm tới, KH 308 Hà Nội hỗ trợ 300 triệu đồng cho việc gì?", []),
])
def test_counts_a_question_states(question: str, counts: list[str]) -> None:
    from assistant.services.question import stated_counts
    from assistant.text import fold_accents

    found = stated_counts(question)
    assert len(found) == (1 if counts else 0)
    assert all(found[0].search(fold_accents(c).lower()) for c in counts)


@pytest.mark.parametrize(("question", "lead"), [
    ("KH triển khai QĐ 06/QĐ-TTg về CSDL quốc gia về quy hoạch của TP.HCM do sở nào chủ trì?", True),
    ("Kế hoạch phòng, chống đuối nước cho học sinh năm 2026 của Sở GD&ĐT Hà Lan do phòng nào làm đầu mối?", True),
    # a task named beside the plan: who leads that task
    ("Kế hoạch chuyển đổi số của phường Bạch Đằng: ai chủ trì tổ chức Hội nghị sơ kết?", False),
    ("Kế hoạch chuyển đổi số của phường Bạch Đằng đặt những chỉ tiêu nào?", False),
    # the role asked ("cơ quan thường trực") is no task
    ("Trong kế hoạch phân loại rác năm 2026 của phường Đông Thành, đơn vị nào là cơ quan thường trực?", True),
    # the issuer before "ban hành" names the plan too; two documents it carries out are no two plans compared
    ("UBND TP.HCM ban hành kế hoạch triển khai QĐ 06/QĐ-TTg và QĐ 3103/QĐ-BTC về CSDL quốc gia về quy hoạch: giao sở "
     "nào làm cơ quan chủ trì kế hoạch?", True),
])
def test_who_leads_the_plan_itself(question: str, lead: bool) -> None:
    from assistant.services.question import asks_plan_lead

    assert asks_plan_lead(analyse(question)) is lead


def test_the_holder_of_a_post_is_no_lead_of_the_plan() -> None:
    from assistant.services.question import asks_plan_lead

    assert not asks_plan_lead(analyse("Chương trình hành động 12-CTr/TU của Tỉnh ủy Hòa Sơn thành lập Ban Chỉ đạo do ai "
                                      "làm Trưởng ban?"))


@pytest.mark.parametrize("question", [
    "Chỉ tiêu phủ sóng 5G đến năm 2030 trong Chương trình hành động thực hiện Nghị quyết 57 là bao nhiêu?",
    "Nghị quyết 57 có số hiệu gì?", "Trong kế hoạch của Đồng Nai, sở nào chủ trì Dự án 6 tăng cường đáp ứng y tế?",
])
def test_a_number_naming_a_document_or_part_is_no_count(question: str) -> None:
    from assistant.services.question import stated_counts

    assert stated_counts(question) == []


@pytest.mark.parametrize(("question", "units"), [
    # the asker's own commune, district or province is its People's Committee, as plans name it
    ("xã chúng tôi ở Cần Thơ phải làm những gì theo kế hoạch dân số?", ("Ủy ban nhân dân xã",)),
    ("Phường mình phải làm những gì theo kế hoạch?", ("Ủy ban nhân dân phường",)),
    # one task asked of it: its doer is whoever the plan names (a Party committee's board, a department …)
    ("Xã mình phải thành lập Ban Chỉ đạo trước ngày nào?", ("Ban Chỉ đạo",)),
    ("Sở Y tế phải làm gì?", ("Sở Y tế",)),
    # the verb after a body ends its name: "Bộ Chính trị đề ra …" names "Bộ Chính trị"
    ("Nghị quyết của Bộ Chính trị đề ra cơ chế đặc biệt về những vấn đề gì?", ("Bộ Chính trị",)),
])
def test_the_askers_own_level_is_its_committee(question: str, units: tuple[str, ...]) -> None:
    assert analyse(question).units == units


@pytest.mark.parametrize(("question", "kept", "dropped"), [
    # the asker's verb for setting a target folds as the "đạt" of every target line: it finds nothing
    ("Kế hoạch đặt mục tiêu quy mô kinh tế số bao nhiêu?", "mục tiêu quy mô", "đặt"),
    ("Bắc Ninh đặt bao nhiêu % GRDP?", "bao nhiêu", "đặt"),
    ("Xã phải lắp đặt bao nhiêu camera?", "lắp đặt", ""),  # a word of its own
])
def test_the_setting_verb_is_no_term(question: str, kept: str, dropped: str) -> None:
    text = without_setting_verb(question)
    assert kept in text and (not dropped or f" {dropped} " not in f" {text} ")


@pytest.mark.parametrize(("question", "left"), [
    ("Cho tôi hỏi, anh chị cho biết giúp kế hoạch phòng chống ma túy của Đồng Nai giao Công an tỉnh làm gì ạ?",
     ", kế hoạch phòng chống ma túy của Đồng Nai giao Công an tỉnh làm gì ?"),
    ("KH 308 giao Sở KH&CN làm đơn vị chủ trì mấy nhiệm vụ? liệt kê giúp mình",
     "KH 308 giao Sở KH&CN làm đơn vị chủ trì mấy nhiệm vụ?"),
    ("Em muốn hỏi chị ơi kế hoạch 308 giao Sở KH&CN những việc gì nhé", "kế hoạch 308 giao Sở KH&CN những việc gì"),
    ("cho em hoi ke hoach xay nha giup ho ngheo?", "ke hoach xay nha giup ho ngheo?"),  # "giúp hộ nghèo" is asked
    # words that look like courtesy and are what is asked
    ("Trẻ em được hỗ trợ gì ở nhà?", "Trẻ em được hỗ trợ gì ở nhà?"),
    ("Chỉ thị 27 giao chị em phụ nữ làm gì?", "Chỉ thị 27 giao chị em phụ nữ làm gì?"),
    ("Ban chỉ đạo cho biết kết quả gì?", "Ban chỉ đạo cho biết kết quả gì?"),
])
def test_the_askers_courtesy_is_no_word_of_what_is_asked(question: str, left: str) -> None:
    assert " ".join(without_courtesy(question).split()) == left


@pytest.mark.parametrize(("question", "which", "counted"), [
    # a count asked with the things named one by one: the passage introducing them answers by its items
    ("Công an tỉnh được giao thực hiện mấy dự án, tiểu dự án do Bộ Công an chủ trì? kể tên giúp", True, ("du an",)),
    # a unit's duties counted: listed, they are counted
    ("KH 308 giao Sở KH&CN chủ trì mấy nhiệm vụ? liệt kê giúp mình", True, ()),
    ("Sở Y tế phải làm những việc gì?", True, ()),
    ("Kế hoạch giao bao nhiêu nhiệm vụ? kể tên", True, ("nhiem vu",)),
])
def test_things_counted_and_named_one_by_one(question: str, which: bool, counted: tuple[str, ...]) -> None:
    q = analyse(question)
    assert asks_which_ones(q) is which
    assert q.expect.count_nouns[:1] == counted


@pytest.mark.parametrize(("question", "date"), [
    ("Đảng đoàn Quốc hội và Chính phủ ban hành văn bản nào — cho hỏi số hiệu, ngày ký của từng văn bản?", True),
    ("Kế hoạch 597 số hiệu gì, ngày ban hành nào?", True),
    ("Kế hoạch 597 có số hiệu là gì?", False),
])
def test_the_day_a_document_was_signed_asked_with_its_number(question: str, date: bool) -> None:
    assert ("date" in analyse(question).intents) is date


@pytest.mark.parametrize(("question", "alternatives"), [
    # yes or no: what the plan must say to answer either way
    ("Văn bản do AI hỗ trợ soạn thảo có phải ghi chú là có sử dụng AI không?", [["ghi chú"]]),
    # either or: each alternative, one of which a plan says to answer
    ("Việc khám sức khỏe trước khi kết hôn là bắt buộc hay tự nguyện?", [["bắt buộc"], ["tự nguyện"]]),
    # compared, asked without diacritics, or asked outright: no alternative
    ("Chỉ tiêu của Cần Thơ cao hơn hay thấp hơn chỉ tiêu quốc gia?", []),
    ("kham suc khoe truoc khi ket hon la bat buoc hay tu nguyen?", []),
    ("Ai chủ trì khám sức khỏe trước khi kết hôn?", []),
])
def test_whether_asked(question: str, alternatives: list[list[str]]) -> None:
    got = whether_asked(question)
    assert len(got) == len(alternatives)
    assert all(set(want) <= set(have) for want, have in zip(alternatives, got, strict=True)), got


@pytest.mark.parametrize(("question", "units", "coordinated"), [
    ("Ban Xây dựng Đảng chỉ đứng vai phối hợp chứ không chủ trì ở những nội dung nào?", ("Ban Xây dựng Đảng",), True),
    ("Những nhiệm vụ nào UBND xã chỉ là đơn vị phối hợp?", ("UBND xã",), True),
    ("nhung nhiem vu nao ubnd xa chi la don vi phoi hop?", None, True),  # typed without marks: "chi" may be "chỉ đạo"
    ("Sở Y tế phối hợp với những đơn vị nào?", ("Sở Y tế",), False),  # who it works with, not its tasks
    ("Sở Y tế chỉ phối hợp với những đơn vị nào?", ("Sở Y tế",), False),
    ("Những nhiệm vụ nào Sở Y tế chỉ đạo và phối hợp?", ("Sở Y tế",), False),  # "chỉ đạo" directs
    ("Sở Y tế có những nhiệm vụ gì?", ("Sở Y tế",), False),
])
def test_the_tasks_a_unit_only_coordinates_are_asked(question: str, units: tuple[str, ...] | None,
                                                     coordinated: bool) -> None:
    """A unit's name ends before "chỉ" (only): "UBND xã chỉ là …" names "UBND xã"."""
    q = analyse(question)
    assert units is None or q.units == units
    assert asks_coordinated(q) is coordinated


@pytest.mark.parametrize(("question", "served"), [
    ("Kế hoạch yêu cầu bổ sung những trang thiết bị nào cho Văn phòng Đảng ủy, Mặt trận Tổ quốc?",
     ["Văn phòng Đảng ủy", "Mặt trận Tổ quốc"]),
    ("Cho tôi hỏi, Sở Y tế cần mua sắm những thiết bị nào?", []),  # the asker's "cho tôi hỏi"
    ("Máy lọc nước mua cho trạm y tế xã, do Sở Y tế hay UBND xã chủ trì những gói thầu nào?", []),
    ("Kế hoạch giao cho Sở Y tế những nhiệm vụ nào?", []),  # duties, and "giao cho" names the doer
])
def test_units_things_are_for_are_not_asked_of(question: str, served: list[str]) -> None:
    assert served_units(analyse(question)) == served


@pytest.mark.parametrize(("question", "units", "receiving"), [
    ("Các cơ sở phải gửi kế hoạch sử dụng năng lượng năm 2026 cho Sở Công Thương chậm nhất ngày nào?",
     ("Sở Công Thương",), ["Sở Công Thương"]),
    ("Sở Y tế gửi báo cáo về UBND tỉnh trước ngày nào?", ("Sở Y tế", "UBND tỉnh"), ["UBND tỉnh"]),  # ends before "gửi"
    ("Sở Y tế nộp hồ sơ cho Sở Nội vụ khi nào?", ("Sở Y tế", "Sở Nội vụ"), ["Sở Nội vụ"]),
    ("Sở Y tế chủ trì, phối hợp với Sở Nội vụ những việc gì?", ("Sở Y tế", "Sở Nội vụ"), []),
    ("Bộ Chính trị đặt mục tiêu gì đến năm 2030?", ("Bộ Chính trị",), []),  # the name ends before "đặt"
    ("Sau khi nhận hồ sơ gửi đến, Sở Tài chính phải làm gì?", ("Sở Tài chính",), []),  # another clause
    ("Sở Y tế có trách nhiệm gì khi nhận báo cáo gửi về Sở Y tế?", ("Sở Y tế",), []),  # named as the doer too
    ("Phòng Tuyên truyền và hỗ trợ người nộp thuế có nhiệm vụ gì?", ("Phòng Tuyên truyền và hỗ trợ người nộp thuế",),
     []),
])
def test_units_things_are_sent_to_are_not_asked_of(question: str, units: tuple[str, ...],
                                                   receiving: list[str]) -> None:
    q = analyse(question)
    assert q.units == units
    assert receiving_units(q) == receiving


@pytest.mark.parametrize(("question", "who"), [
    ("Thống kê tỉnh báo cáo tiến độ định kỳ thế nào và gửi cho ai?", False),  # to whom, not who
    ("Ai tổng hợp báo cáo và gửi cho ai?", True),
    ("Phòng nào lập báo cáo và gửi cho ai?", True),
    ("Sở nào chủ trì, báo cáo gửi về đâu?", True),
])
def test_whom_a_report_is_sent_to_asks_no_doer(question: str, who: bool) -> None:
    q = analyse(question)
    assert q.wants("destination")
    assert q.wants("responsibility") is who


def test_a_total_asked_is_no_topic() -> None:
    """"Tổng số liều … là bao nhiêu?": the sum asked, as "số lượng" asks a count; a table says "Tổng cộng"."""
    words = topic_words("Tổng số liều vắc xin Dại phân bổ cho đàn chó, mèo toàn tỉnh Sơn Nguyên năm 2026 là bao nhiêu?")
    assert "tổng số" not in words and "vắc xin" in words, words
    words = topic_words("Chỉ tiêu hồ sơ trực tuyến ≥60% được tính theo công thức nào, trên tổng số hồ sơ nào?")
    assert "tổng số" in words, words  # which total: a topic
