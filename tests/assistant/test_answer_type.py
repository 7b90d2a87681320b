"""What a question asks for, and whether a passage holds it (parametrized tables)."""

from __future__ import annotations

import pytest

from assistant.services.answer_type import expectation, satisfied
from assistant.vocab.dates import FREQUENCY
from assistant.vocab.docnum import DOC_NUMBER


@pytest.mark.parametrize(
    ("question", "passage", "ok"),
    [
        ("Tỷ lệ hồ sơ trực tuyến là bao nhiêu phần trăm?", "Hồ sơ trực tuyến ≥ 50%", True),
        ("Tỷ lệ hồ sơ trực tuyến là bao nhiêu phần trăm?", "Đẩy mạnh dịch vụ công trực tuyến", False),
        ("Số điện thoại đường dây nóng là gì?", "Liên hệ 0912 345 678", True),
        ("Số điện thoại đường dây nóng là gì?", "100% cán bộ được cấp chữ ký số", False),
        ("Tổng kinh phí là bao nhiêu tỷ đồng?", "Kinh phí 2,5 tỷ đồng", True),
        # a count of kinds said by any word for a kind; two days bounding a span
        ("Kế hoạch chia hộ kinh doanh thành mấy loại?", "Phân loại hộ kinh doanh thành 03 nhóm: …", True),
        ("Kế hoạch chia hộ kinh doanh thành mấy loại?", "Tuyên truyền đến 03 tổ dân phố", False),
        ("Kế hoạch chia hộ kinh doanh thành mấy loại?", "Kết nạp 05 đảng viên mới", False),  # "đảng" folds as "dang"
        ("Đợt kiểm tra kéo dài từ ngày nào đến ngày nào?",
         "Đợt kiểm tra từ ngày 01 tháng 4 năm 2026 đến ngày 30 tháng 6 năm 2026", True),
        ("Đợt kiểm tra kéo dài từ ngày nào tới ngày nào?", "hỗ trợ 1/2 - 3/4 số hộ", False),  # shares, no days
        ("Giai đoạn 2 kéo dài từ ngày nào đến ngày nào?", "Giai đoạn 2 (từ ngày 01/4/2026 đến ngày 30/6/2026)", True),
        ("Giai đoạn 2 kéo dài từ ngày nào đến ngày nào?", "gửi danh sách trước ngày 25/3/2026", False),
        ("Tổng kinh phí là bao nhiêu tỷ đồng?", "phân công 01 đồng chí lãnh đạo phụ trách", False),
        ("Tổng kinh phí là bao nhiêu tỷ đồng?", "tỷ lệ 30% kinh phí", False),
        ("Ngày sinh của đồng chí A là ngày nào?", "Kế hoạch số 54-KH/TU, ngày 04/6/2026", False),
        ("Báo cáo gửi trước ngày nào?", "gửi Ban Chỉ đạo trước ngày 25 hằng tháng", True),
        ("Báo cáo gửi trước ngày nào?", "báo cáo định kỳ hằng quý", False),
        # "ngày mấy" asks a day too; the date of a document cited sets no day for anything
        ("Các tổ đảng báo cáo trước ngày mấy hằng quý?", "báo cáo trước ngày 15 của tháng cuối quý", True),
        ("Sở Y tế báo cáo trước ngày mấy hằng tháng?",
         "theo Quyết định số 496/QĐ-TTg ngày 30 tháng 3 năm 2021 của Thủ tướng; định kỳ báo cáo", False),
        ("Sở Y tế báo cáo trước ngày mấy hằng tháng?", "Quyết định số 496/QĐ-TTg ngày 30/3/2021; báo cáo trước 15/12",
         True),
        ("Được cấp bao nhiêu máy tính mới?", "100% máy tính làm việc được cài phần mềm", False),
        ("Được cấp bao nhiêu máy tính mới?", "cấp 15 máy tính cho Văn phòng", True),
        ("Xe thang được đầu tư bao nhiêu chiếc?", "Số lượng: 04 xe", True),  # a classifier counts any noun
        ("Chỉ tiêu số hóa bao nhiêu tài liệu không mật?", "≥70% tài liệu không mật", True),
        ("Năm 2025 bao nhiêu phần trăm hệ thống được đánh giá?", "70% các hệ thống thông tin", False),
        ("Năm 2025 bao nhiêu phần trăm hệ thống được đánh giá?", "40% các hệ thống thông tin (năm 2025)", True),
        ("Ai là Trưởng Ban Chỉ đạo tỉnh?", "Văn phòng Tỉnh ủy là cơ quan thường trực", False),
        # a person chosen for a post is a person by name, not the unit choosing
        ("Kế hoạch chọn ai làm kiến trúc sư trưởng về chuyển đổi số?",
         "Sở Khoa học và Công nghệ chủ trì lựa chọn kiến trúc sư trưởng về chuyển đổi số", False),
        ("Kế hoạch chọn ai làm kiến trúc sư trưởng về chuyển đổi số?",
         "xây dựng Khung Kiến trúc số thành phố Hà Nội", False),  # a city is no person
        ("Ai là Trưởng Ban Chỉ đạo tỉnh?", "Trưởng Ban: đồng chí Trần Văn Bình, Phó Bí thư Tỉnh ủy", True),
        # a place asked by its kind is a place by its name, not "một số thành phố"
        ("Chương trình chọn thành phố nào để thí điểm bản sao số?",
         "Thí điểm triển khai bản sao số cho một số thành phố trực thuộc Trung ương", False),
        ("Diễn tập phòng chống thiên tai ở thôn nào?", "diễn tập tại thôn Cồn Mè, xã Hoà Phước Tây", True),
        ("Những xã nào là vùng trọng điểm cháy?", "các xã Nà Khoang, Phiêng Luông là vùng trọng điểm", True),
        ("Năm 2024 dịch xảy ra ở những xã nào?", "năm 2024 dịch xảy ra tại 27 hộ của 4 xã (Hòa Khê, Lũng Mai)", True),
        ("Những xã nào là trọng điểm về ma túy?", "6/15 xã, thị trấn là trọng điểm (gồm: Pác Lũng, Nà Pheo)", True),
        ("Chương trình chọn thành phố nào để thí điểm?", "xây dựng Chương trình bao gồm Đề án thí điểm", False),
        ("Chương trình chọn thành phố nào để thí điểm bản sao số?", "Bộ Công an, Ngân hàng Nhà nước Việt Nam, Bộ Tài "
         "chính chủ trì", False),  # units are no places
        ("Cơ quan nào chủ trì diễn tập?", "Ban Chỉ huy Quân sự xã chủ trì", True),  # "cơ quan nào" asks no place
        # the head of a team ("tổ trưởng") is a person too
        ("Ai là tổ trưởng Tổ Giúp việc?", "Tổ Giúp việc: tham mưu, đề xuất với Ban Chỉ đạo", False),
        ("Ai là tổ trưởng Tổ Giúp việc?", "Tổ trưởng: đồng chí Trần Văn Bình, Phó Chánh Văn phòng", True),
        # the document a decision replaces is named where it says so, with its number
        ("Quyết định 1587 thay thế quyết định nào?", "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định "
         "số 2210/QĐ-BGDĐT ngày 15 tháng 7 năm 2019", True),
        ("Kế hoạch này thay thế kế hoạch nào ban hành trước đó?", "Kế hoạch này thay thế (Kế hoạch số 464-KH/TU, ngày "
         "08/4/2025)", True),
        ("Kế hoạch này thay thế kế hoạch nào ban hành trước đó?", "Căn cứ Kế hoạch số 12-KH/TU ngày 02/3/2025", False),
        ("Ai chủ trì rà soát hạ tầng mạng?", "UBND xã chủ trì rà soát hạ tầng mạng", True),
        ("Kế hoạch của tỉnh có số hiệu bao nhiêu?", "Số hóa công việc nội bộ, nâng cao hiệu quả hoạt động", False),
        ("Kế hoạch của tỉnh có số hiệu bao nhiêu?", "Số: 308/KH-UBND", True),
        ("Giá nước sạch là bao nhiêu đồng/m³?", "Hỗ trợ chi phí đấu nối tối đa 2.500.000 đồng/hộ", False),
        ("Giá nước sạch là bao nhiêu đồng/m³?", "giá bán lẻ 8.500 đồng/m3", True),
        ("Mức hỗ trợ bao nhiêu đồng/người/tháng?", "hỗ trợ 500.000 đồng/người/tháng", True),
        ("Mức hỗ trợ bao nhiêu đồng/người/tháng?", "hỗ trợ 500.000 đồng/người", False),
        ("gia nuoc sach la bao nhieu dong/m3?", "giá bán lẻ 8.500 đồng/m³", True),
        ("gia nuoc sach la bao nhieu dong/m3?", "tối đa 2.500.000 đồng/hộ", False),
        ("Hội đồng/Ban chỉ đạo nào chủ trì thẩm định?", "Hội đồng thẩm định tỉnh chủ trì thẩm định", True),
        # "bao nhiêu trong kế hoạch …": a preposition after "bao nhiêu" is no noun the passage must count
        ("Tổng tỷ suất sinh là bao nhiêu trong kế hoạch về dân số?", "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ",
         True),
        # pay and rewards are sums of money, "chất lượng" is not pay
        ("Mức lương tối thiểu bao nhiêu cho học viên?", "hỗ trợ học viên tìm việc làm ổn định", False),
        ("Mức lương tối thiểu bao nhiêu cho học viên?", "mức lương tối thiểu 4.500.000 đồng/tháng", True),
        ("Mức tiền thưởng bao nhiêu cho tổ chức cơ sở đảng?", "khen thưởng 05 tổ chức cơ sở đảng", False),
        ("Chất lượng đảng viên mới đạt bao nhiêu phần trăm?", "95% đảng viên mới", True),
        ("Tỷ lệ lao động có thu nhập ổn định đạt bao nhiêu?", "80% lao động có thu nhập ổn định", True),  # a share
        # "đề án", "tài khoản": nouns, though "đề", "tài" fold as the prepositions "để", "tại"
        ("Có bao nhiêu đề án được phê duyệt?", "phê duyệt 05 đề án", True),
        ("Có bao nhiêu đề án được phê duyệt?", "phê duyệt 05 dự án", False),
        # "bao nhiêu ngân sách", "bao nhiêu vốn": a sum of money, no count of budgets
        ("Ưu tiên bố trí bao nhiêu ngân sách tỉnh?", "Ưu tiên bố trí ngân sách tỉnh 15 tỷ đồng", True),
        ("Ưu tiên bố trí bao nhiêu ngân sách tỉnh?", "Bố trí ngân sách tỉnh cho 112 xã", False),
        # a sum for each one: the plan must say it per person, per course
        ("Mỗi trẻ học bơi được ngân sách hỗ trợ bao nhiêu tiền một khóa?", "bố trí ngân sách tỉnh 15 tỷ đồng", False),
        ("Mỗi trẻ học bơi được ngân sách hỗ trợ bao nhiêu tiền một khóa?", "hỗ trợ 500.000 đồng/trẻ/khóa", True),
        ("Mỗi trẻ học bơi được ngân sách hỗ trợ bao nhiêu tiền một khóa?", "mỗi trẻ được hỗ trợ 300.000 đồng", True),
        # a sum for each of another thing answers nothing: a price per cubic metre is no support per household
        ("Giá nước sạch nông thôn là bao nhiêu đồng một khối?", "hỗ trợ một lần 3 triệu đồng/hộ đối với hộ nghèo", False),
        ("Giá nước sạch nông thôn là bao nhiêu đồng một khối?", "giá bán lẻ 8.500 đồng/m³ nước sạch", True),
        # fines and allowances are sums of money, however long the phrase before "bao nhiêu"
        ("muc phat tien toi da khi vi pham quy dinh bao ve du lieu ca nhan theo ke hoach la bao nhieu?",
         "Nghị định xử phạt vi phạm hành chính trong lĩnh vực bảo vệ dữ liệu cá nhân", False),
        # a fine is a sum the plan says is a fine, not a support
        ("Kế hoạch quy định mức phạt tiền bao nhiêu đối với hộ khoan giếng không phép?",
         "hỗ trợ 3.200 bồn chứa nước (mức hỗ trợ 3 triệu đồng/bồn)", False),
        ("Kế hoạch quy định mức phạt tiền bao nhiêu đối với hộ khoan giếng không phép?",
         "phạt tiền từ 5 triệu đồng đến 10 triệu đồng đối với hành vi khoan giếng không phép", True),
        # "mới" is not "mỗi", "phát" is not "phạt"; projects counted are no sum
        ("Chương trình nông thôn mới được bố trí bao nhiêu tiền?", "bố trí 120 tỷ đồng", True),
        ("Kế hoạch quy định mức phạt tiền bao nhiêu đối với hộ khoan giếng không phép?",
         "Hỗ trợ phát triển sản xuất: 20 triệu đồng/hộ", False),
        ("Nguồn vốn đầu tư công được phân bổ cho bao nhiêu dự án?", "phân bổ cho 12 dự án", True),
        ("Nghị định xử phạt vi phạm hành chính có thời hạn ban hành thế nào?",  # no sum asked
         "Nghị định xử phạt vi phạm hành chính: Quý II/2026", True),
        ("Mức bồi dưỡng cho mỗi cán bộ y tế trực tiếp tham gia buổi tiêm chủng là bao nhiêu?",
         "tổ chức tập huấn cho 100% cán bộ tham gia tiêm chủng", False),

        # people are counted by what they are: "bao nhiêu người" is answered by "180 cán bộ", not by "12 lớp"
        ("Lớp tập huấn sơ cấp cứu dành cho bao nhiêu người?", "tập huấn sơ cấp cứu cho 180 cán bộ quản lý", True),
        ("Chương trình đào tạo nghề cho bao nhiêu người?", "đào tạo dưới 3 tháng cho 4.500 lao động nông thôn", True),
        ("Lớp tập huấn sơ cấp cứu dành cho bao nhiêu người?", "tổ chức 12 lớp tập huấn sơ cấp cứu", False),
        # several nouns counted: any of them answers, nothing else does
        ("Mỗi kế hoạch tập huấn bao nhiêu nhà giáo, cán bộ?", "tập huấn sơ cấp cứu cho 180 cán bộ quản lý", True),
        ("Mỗi kế hoạch tập huấn bao nhiêu nhà giáo, cán bộ?", "tổ chức 12 lớp tập huấn", False),
        ("Bồi dưỡng bao nhiêu nhà giáo?", "tập huấn sơ cấp cứu cho 180 cán bộ quản lý", False),
        # a share is of what is asked: a passage saying what each of its shares is of answers for those only
        ("Chỉ tiêu giảm bao nhiêu phần trăm số trường hợp vi phạm nồng độ cồn?",
         "Kéo giảm từ 5% đến 10% số vụ tai nạn giao thông, số người chết so với năm trước", False),
        ("Chỉ tiêu giảm bao nhiêu phần trăm số ca sốt xuất huyết?",  # the plan's words around the asker's
         "Giảm 15% số ca mắc sốt xuất huyết so với năm trước.", True),
        ("Chỉ tiêu giảm bao nhiêu phần trăm số vụ tai nạn giao thông?",
         "Kéo giảm từ 5% đến 10% số vụ tai nạn giao thông, số người chết so với năm trước", True),
        ("Tỷ lệ rác thải nhựa được tái chế là bao nhiêu phần trăm?",
         "Chỉ tiêu: Tỷ lệ hộ gia đình thực hiện phân loại tại nguồn; Đơn vị tính: %; Năm 2027: 90%", False),
        ("Tỷ lệ chất thải rắn sinh hoạt được thu gom là bao nhiêu?", "Tỷ lệ CTRSH được thu gom đạt 95% trở lên", True),
        ("Tỷ lệ chất thải rắn sinh hoạt được thu gom là bao nhiêu?", "Năm 2027: đạt 95% trở lên", True),
        ("Kinh tế số chiếm bao nhiêu phần trăm GRDP?", "Kinh tế số đạt 45% GRDP", True),
        # "chiếm bao nhiêu GRDP" asks a share: a sum of money does not answer it
        ("Kinh tế số chiếm bao nhiêu GRDP đến năm 2030?", "Đến năm 2030, kinh tế số chiếm 45% GRDP tỉnh", True),
        ("Kinh tế số chiếm bao nhiêu GRDP đến năm 2030?", "Quy mô GRDP năm 2030 đạt 250.000 tỷ đồng", False),
        ("Bố trí tối thiểu bao nhiêu % tổng chi ngân sách cho khoa học?", "bố trí ít nhất 3% tổng chi ngân sách hằng năm",
         True),
        # "lượng" before the noun, as "số" is: "85% lượng rác thải …" is a share of the waste asked
        ("Tỷ lệ rác thải sinh hoạt nông thôn được thu gom đạt bao nhiêu?",
         "85% lượng rác thải sinh hoạt ở khu vực nông thôn được thu gom.", True),
        ("Tỷ lệ rác thải nhựa được tái chế là bao nhiêu phần trăm?", "85% lượng chất thải rắn sinh hoạt được thu gom.",
         False),
        # how long: a span of time answers, a date or a period does not
        ("Hồ sơ giấy phải lưu trữ thêm bao nhiêu năm mới được hủy?",
         "ban hành quy định về việc hủy tài liệu giấy sau số hóa trước ngày 15 tháng 12 năm 2026", False),
        ("Chi bộ mới thành lập được hỗ trợ trong mấy năm?", "hỗ trợ 5 triệu đồng/chi bộ/năm trong 03 năm đầu", True),
        ("Phải báo cáo sau bao nhiêu tháng?", "báo cáo kết quả 6 tháng đầu năm 2027", False),
        # how long to the hour or the day: "trong vòng 48 giờ" answers, the moment a duty starts does not
        ("o dich phai xu ly trong vong bao lau tu khi co ket qua xet nghiem?",
         "100% ổ dịch được xử lý trong vòng 48 giờ kể từ khi có kết quả xét nghiệm dương tính", True),
        ("o dich phai xu ly trong vong bao lau tu khi co ket qua xet nghiem?",
         "Thời gian: ngay khi có kết quả xét nghiệm dương tính", False),
        ("Hồ sơ được giải quyết trong mấy ngày?", "giải quyết trước ngày 15/12/2025", False),
        # "bao lâu … một lần" asks how often: a frequency answers
        ("Kế hoạch quy định bao lâu kiểm tra, sao lưu dữ liệu một lần?", "Định kỳ hằng tháng kiểm tra, sao lưu dữ liệu",
         True),
        # "tỉ lệ" typed without diacritics as "ti le" asks a share as "ty le" does
        ("ti le dan so dung nuoc sach dat quy chuan nam 2029 la bao nhieu?",
         "Ghi chú: Chỉ tiêu năm 2029 do Ủy ban nhân dân tỉnh giao trong kế hoạch hằng năm", False),
        # a share's noun typed with diacritics is read as typed: "tái nghiện" is no "tại"
        ("Kế hoạch đặt mục tiêu giảm tỷ lệ tái nghiện xuống còn bao nhiêu phần trăm?",
         "phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường trên toàn tỉnh không ma túy", False),
        ("Kế hoạch đặt mục tiêu giảm tỷ lệ tái nghiện xuống còn bao nhiêu phần trăm?",
         "giảm tỷ lệ tái nghiện xuống dưới 30%", True),
        # the words right before "bao nhiêu phần trăm" name what is measured: a share of other funds is no rate
        ("Quỹ cho doanh nghiệp vay với lãi suất ưu đãi bao nhiêu phần trăm một năm?",
         "Giao Quỹ Đầu tư phát triển tỉnh dành tối thiểu 30% tổng nguồn vốn cho vay hằng năm", False),
        ("Quỹ cho doanh nghiệp vay với lãi suất ưu đãi bao nhiêu phần trăm một năm?",
         "cho vay với lãi suất ưu đãi 4,5%/năm", True),
        # a growth "%/năm" is no share of what is asked
        ("ty le xuat khau chinh ngach dat bao nhieu phan tram?",
         "giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD, tăng bình quân đạt 10 - 13%/năm", False),
        ("ty le xuat khau chinh ngach dat bao nhieu phan tram?", "xuất khẩu chính ngạch đạt 85% giá trị xuất khẩu",
         True),
        # a sum for each one asked in a long question: the plan's budget is no sum for each
        ("Mỗi điểm du lịch cộng đồng được công nhận sẽ được tỉnh thưởng hoặc hỗ trợ bao nhiêu tiền?",
         "Ngân sách tỉnh: khoảng 120 tỷ đồng (bao gồm kinh phí thực hiện chính sách hỗ trợ)", False),
        ("Mỗi điểm du lịch cộng đồng được công nhận sẽ được tỉnh thưởng hoặc hỗ trợ bao nhiêu tiền?",
         "mỗi điểm du lịch cộng đồng được công nhận được thưởng 50 triệu đồng", True),
        # a rate asked as "tỷ lệ" may be said per so many people, not in per cent
        ("Mục tiêu tỷ lệ mắc ngộ độc cấp tính trong các vụ ngộ độc thực phẩm là bao nhiêu?",
         "Tỷ lệ mắc ngộ độc cấp tính trong các vụ ngộ độc thực phẩm dưới 6 người/100.000 dân/năm", True),
        ("Mục tiêu tỷ lệ mắc ngộ độc cấp tính trong các vụ ngộ độc thực phẩm là bao nhiêu?",
         "lấy tối thiểu 1.200 mẫu/năm để phân tích chỉ tiêu an toàn thực phẩm", False),
        # an allowance asked: a budget's sums are no allowance; one the plan says is an allowance answers
        ("Cán bộ phụ trách an toàn thực phẩm cấp xã được hưởng mức phụ cấp bao nhiêu?",
         "Tổng kinh phí dự kiến giai đoạn 2026 - 2030 là 48,6 tỷ đồng, trong đó ngân sách cấp xã 9,4 tỷ đồng", False),
        ("Cán bộ phụ trách an toàn thực phẩm cấp xã được hưởng mức phụ cấp bao nhiêu?",
         "công chức phụ trách an toàn thực phẩm cấp xã được hưởng phụ cấp 500.000 đồng/tháng", True),
        # the thing a measure is of ("tấn sữa"): tonnes of coffee are no tonnes of milk
        ("Sơn La dự kiến xuất khẩu bao nhiêu tấn sữa vào năm 2030?", "Cà phê xuất khẩu năm 2030 đạt trên 39.000 tấn",
         False),
        ("Sơn La dự kiến xuất khẩu bao nhiêu tấn sữa vào năm 2030?", "Sữa tươi xuất khẩu năm 2030 đạt 1.200 tấn", True),
        ("Trồng mới bao nhiêu ha?", "trồng mới 500 ha rừng phòng hộ", True),
        # "mấy bậc" counts as "bao nhiêu bậc" does; "máy" (a machine) counts nothing
        ("Cơ quan có KPI thấp bị hạ mấy bậc khi xếp loại?", "KPI của từng cơ quan làm cơ sở đánh giá xếp loại", False),
        ("Cơ quan có KPI thấp bị hạ mấy bậc khi xếp loại?", "hạ 01 bậc xếp loại cuối năm", True),
        ("Quy trình nghiệp vụ được chia thành mấy nhóm?", "phân loại thành 04 nhóm", True),
        ("Sở cấp máy tính cho những đơn vị nào?", "Sở cấp máy tính cho các xã vùng cao", True),
        # an ordinal: "kỳ họp thứ mấy" is answered by "kỳ họp thứ 10", "Kỳ họp thứ mười chín"
        ("Dự án Bộ luật Hình sự trình Quốc hội ở kỳ họp thứ mấy?", "chủ trì thẩm tra các dự án: Bộ luật Hình sự",
         False),
        ("Dự án Bộ luật Hình sự trình Quốc hội ở kỳ họp thứ mấy?", "trình Quốc hội tại kỳ họp thứ 10", True),
        ("Nghị quyết được thông qua ở kỳ họp thứ mấy?", "được thông qua tại Kỳ họp thứ mười chín", True),
        # a post's holder, by name or by the office holding it; choosing one names nobody
        ("Kiến trúc sư trưởng về chuyển đổi số của Hà Nội theo Kế hoạch 308/KH-UBND là ai?",
         "Lựa chọn kiến trúc sư trưởng về chuyển đổi số, hoàn thành trong năm 2025", False),
        ("Trưởng Ban Chỉ đạo là ai?", "Đồng chí Chủ tịch UBND tỉnh làm Trưởng ban", True),
        ("Trưởng Ban Chỉ đạo là ai?", "Ông Nguyễn Văn An làm Trưởng ban", True),
        # a document asked about a sum names the document, not the sum
        ("Văn phòng được giao tham mưu thực hiện văn bản nào của Chính phủ về mức hỗ trợ cho người làm chuyên trách?",
         "Tham mưu tổ chức thực hiện Nghị định 179/2025/NĐ-CP quy định mức hỗ trợ đối với người làm chuyên trách", True),
        # a fine asked: a budget's sums are no fine
        ("Hộ gia đình đốt thực bì không xin phép bị phạt bao nhiêu tiền?",
         "Tổng kinh phí dự kiến thực hiện Kế hoạch là 2.145 triệu đồng, gồm: ngân sách xã 385 triệu đồng", False),
        # how often a thing is done: a frequency said of it, not of another thing nor a bare "định kỳ"
        ("UBND xã bao lâu phải báo cáo kết quả lên Đảng ủy xã một lần?",
         "Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả thực hiện về Đảng ủy xã để tổng hợp", True),
        ("Tổ đảng báo cáo Đảng đoàn Quốc hội mấy lần một năm?",
         "Thường xuyên nắm tình hình, định kỳ báo cáo UBTVQH, Đảng đoàn Quốc hội khi được yêu cầu", False),
        ("Tổ đảng báo cáo Đảng đoàn Quốc hội mấy lần một năm?",
         "các chỉ tiêu theo Kế hoạch phát triển kinh tế - xã hội hằng năm; báo cáo Đảng đoàn Quốc hội", False),
        ("Ban Chỉ đạo họp định kỳ mấy lần một năm?",
         "Xây dựng kế hoạch hằng năm; định kỳ hằng tháng báo cáo kết quả, gửi Ban Chỉ đạo", False),
        ("Ban Chỉ đạo họp định kỳ mấy lần một năm?", "Ban Chỉ đạo họp định kỳ 6 tháng một lần", True),
        ("Đoàn kiểm tra tổ chức kiểm tra mấy lần trong năm?", "tổ chức kiểm tra ít nhất 02 lần/năm tại các xã", True),
        # "được chi bao nhiêu" asks a sum
        ("Riêng cuộc diễn tập được chi bao nhiêu?", "Ngân sách xã bố trí 85.000.000 đồng cho diễn tập", True),
        ("Riêng cuộc diễn tập được chi bao nhiêu?", "Tổ chức diễn tập tại thôn Bến Đình trong tháng 7/2025", False),
        # a share of the things counted is what a plan needs of them ("cần bao nhiêu trạm y tế …")
        ("Tỉnh cần bao nhiêu trạm y tế cấp xã đủ điều kiện xác định tình trạng nghiện?",
         "Trên 80% số trạm y tế cấp xã trên toàn tỉnh đủ điều kiện xác định tình trạng nghiện ma túy", True),
        # "Tổng kinh phí … là bao nhiêu?", the words apart: a sum, not a share of the funds
        ("Tổng kinh phí để thực hiện kế hoạch năm 2026 là bao nhiêu?", "phấn đấu giải ngân 100% kinh phí được giao",
         False),
        ("Tổng kinh phí để thực hiện kế hoạch năm 2026 là bao nhiêu?", "Tổng kinh phí năm 2026: 4.250 triệu đồng", True),
        ("Kinh phí cho bao nhiêu xã?", "hỗ trợ 12 xã", True),  # a count, though money is named
        # "Ai được chọn làm …": a person, by name
        ("Ai được chọn làm kiến trúc sư trưởng về chuyển đổi số?",
         "Sở Khoa học và Công nghệ chủ trì lựa chọn kiến trúc sư trưởng", False),
        # who approves is not who leads or drafts
        ("Quy chế bảo vệ bí mật nhà nước do ai phê duyệt?", "Văn phòng chủ trì ban hành Quy chế bảo vệ bí mật nhà nước",
         False),
        ("Chiến lược dữ liệu thành phố do cấp nào phê duyệt?",
         "Chiến lược dữ liệu thành phố được UBND Thành phố phê duyệt tại Quyết định số 1229/QĐ-UBND", True),
        # "tại kỳ họp nào": a session by its number
        ("Dự án Luật phải trình Quốc hội tại kỳ họp nào?", "Tổ đảng chủ trì thẩm tra các dự án luật", False),
        ("Dự án Luật phải trình Quốc hội tại kỳ họp nào?", "trình Quốc hội tại Kỳ họp thứ 10", True),
        # a fine asked in a long clause typed without marks is a sum
        ("muc phat toi da doi voi hanh vi vi pham bao ve du lieu ca nhan theo ke hoach trien khai Luat Bao ve du "
         "lieu ca nhan la bao nhieu?", "Xây dựng Nghị định xử phạt vi phạm hành chính về bảo vệ dữ liệu cá nhân", False),
        # "bao nhiêu ngân sách": a share of the budget answers; a sum in "tỷ đồng" is a sum
        ("Dành ít nhất bao nhiêu ngân sách chi sự nghiệp khoa học cho công nghệ chiến lược?",
         "Bố trí ít nhất 15% ngân sách nhà nước chi sự nghiệp khoa học phục vụ nghiên cứu công nghệ chiến lược", True),
        ("Tổng kinh phí chuyển đổi số năm 2026 là bao nhiêu tỷ đồng?", "phấn đấu giải ngân 100% kinh phí được giao",
         False),
        # a province's share of its product is of its GRDP
        ("Kinh tế số chiếm bao nhiêu phần trăm GDP?", "Kinh tế số chiếm 45% GRDP tỉnh.", True),
        # a premise checked ("… trước 31/12/2025 phải không?"): the date stated is what is checked, not repeated
        ("Các bộ gửi kết quả rà soát về Bộ Tư pháp trước 31/12/2025 phải không?",
         "gửi kết quả rà soát về Bộ Công an trước ngày 15 tháng 12 năm 2025", True),
        # where asked: a place the passage says, not the word "địa điểm" alone
        ("Dữ liệu quy hoạch của thành phố được sao lưu dự phòng ở địa điểm nào?",
         "quy định cụ thể chu kỳ sao lưu, địa điểm lưu trữ dự phòng, quy trình phục hồi dữ liệu", False),
        ("Khi phải sơ tán dân, xã bố trí các điểm tập trung ở đâu?",
         "Sơ tán dân đến các điểm tập trung: Trường THCS Hoà Phước Tây, Trường Tiểu học Phước Lộc", True),
        ("trung tam tich hop du lieu cua co quan dang tinh dat o dau?",
         "Nâng cấp Trung tâm tích hợp dữ liệu của cơ quan đảng tỉnh đặt tại Văn phòng Tỉnh ủy", True),
        # where an event is held is a place, never a part of a document
        ("Đợt tập huấn kỹ năng số đợt 2 được tổ chức tại địa điểm nào?",
         "Tổ chức tập huấn kỹ năng số đợt 2, phù hợp với mục tiêu, nhiệm vụ tại kế hoạch này", False),
        ("Đợt tập huấn kỹ năng số đợt 2 được tổ chức tại địa điểm nào?",
         "Tổ chức tập huấn kỹ năng số đợt 2 tại Hội trường Ủy ban nhân dân xã", True),
        ("Danh mục cơ sở dữ liệu dùng chung được nêu ở đâu?", "Danh mục chi tiết tại Phụ lục II kèm theo", True),
        # a fee asked ("mức thù lao … bao nhiêu"): a sum of money
        ("Mức thù lao hằng tháng cho cộng tác viên dân số là bao nhiêu?",
         "Củng cố, kiện toàn đội ngũ cộng tác viên dân số ở thôn, ấp", False),
        # "chỉ tiêu <who> … bao nhiêu": a share given is of those named, not of the chi bộ in the same row
        ("Chỉ tiêu đảng viên sử dụng Sổ tay đảng viên điện tử năm 2026 của xã đặt bao nhiêu?",
         "Triển khai đồng bộ Sổ tay đảng viên điện tử năm 2026; 100% chi bộ kích hoạt", False),
        ("Chỉ tiêu đảng viên sử dụng Sổ tay đảng viên điện tử năm 2026 của xã đặt bao nhiêu?",
         "Năm 2026: 100% các tổ chức đảng, trên 80% đảng viên sử dụng phần mềm Sổ tay đảng viên điện tử", True),
        # a requirement ("yêu cầu … đến 2030 để bao nhiêu xã"): a share of the communes answers how many
        ("Kế hoạch yêu cầu xây dựng lộ trình đến 2030 để bao nhiêu xã, phường tổ chức cai nghiện tự nguyện?",
         "Xây dựng lộ trình thực hiện đến năm 2030, đảm bảo ít nhất 70% xã, phường tổ chức cai nghiện tự nguyện.", True),
        # … unless the count itself is asked
        ("Kế hoạch đặt mục tiêu mỗi năm giảm bao nhiêu cặp tảo hôn (tính theo số cặp)?",
         "giảm 50% số cặp tảo hôn, giảm 60% số cặp hôn nhân cận huyết thống", False),
        # a sanction asked: a passage naming none does not answer
        ("Xã nộp kế hoạch trễ hạn thì bị xử lý kỷ luật thế nào?",
         "Ủy ban nhân dân xã: áp dụng biện pháp xử lý hành chính giáo dục đối với người sử dụng trái phép chất ma túy",
         False),
        ("Đơn vị không báo cáo đúng hạn thì bị xử lý thế nào?",
         "Đơn vị chậm báo cáo sẽ bị kiểm điểm, xem xét xử lý trách nhiệm người đứng đầu.", True),
        # the holder of a post asked by "đồng chí nào": a unit is no name
        ("Trưởng Ban Chỉ đạo chuyển đổi số của xã là đồng chí nào?",
         "Ban Xây dựng Đảng là cơ quan thường trực của Ban Chỉ đạo.", False),
        ("Trưởng Ban Chỉ đạo chuyển đổi số của xã là đồng chí nào?",
         "Đồng chí Nguyễn Văn Hùng, Bí thư Đảng ủy xã, làm Trưởng Ban Chỉ đạo.", True),
        # a sum per course, the ones between written in words of their own
        ("Học sinh hộ nghèo được hỗ trợ bao nhiêu tiền mỗi khóa?",
         "Hỗ trợ 350.000 đồng/học sinh/khóa học bơi đối với học sinh thuộc hộ nghèo.", True),
        ("Học sinh hộ nghèo được hỗ trợ bao nhiêu tiền mỗi khóa?", "Hỗ trợ 350.000 đồng/học sinh/năm học.", False),
        # a fee ("mức phí") is a sum the plan says is a fee
        ("Học sinh được mua bảo hiểm tai nạn với mức phí bao nhiêu?", "Hỗ trợ 350.000 đồng/học sinh/khóa học bơi.",
         False),
        ("Học sinh được mua bảo hiểm tai nạn với mức phí bao nhiêu?",
         "Mức phí bảo hiểm tai nạn 60.000 đồng/học sinh/năm.", True),
        # the days of a schedule ("vào những ngày nào") are days of the week too; a deadline's are not
        ("Rác tái chế được thu gom vào những ngày nào?", "Chất thải tái chế\tMàu trắng\tThứ Tư và Chủ nhật", True),
        ("Hạn nộp báo cáo là ngày nào?", "Các tổ báo cáo vào sáng thứ Hai hằng tuần.", False),
        # points counted of an indicator named by its share: the share is no answer
        ("Chỉ tiêu tỷ lệ người dân có hồ sơ sức khỏe điện tử được tính bao nhiêu điểm khi chấm điểm?",
         "Tỷ lệ người dân có hồ sơ sức khỏe điện tử đạt 95%.", False),
        ("Doanh nghiệp phải đầu tư trung tâm nghiên cứu với tỷ lệ bao nhiêu doanh thu?",
         "Có đầu tư Trung tâm nghiên cứu và phát triển tại Việt Nam với tỷ lệ 1% - 3% doanh thu.", True),
        # things asked "cụ thể" by their names: a passage naming none does not answer
        ("Tỉnh sẽ gắn cảm biến IoT trên những cây cầu cụ thể nào?",
         "Nghiên cứu, ứng dụng IoT gắn cảm biến tại các cầu, đường trọng điểm để giám sát tải trọng.", False),
        ("Tỉnh sẽ gắn cảm biến IoT trên những cây cầu cụ thể nào?", "Gắn cảm biến tại cầu Cao Lãnh, cầu Mỹ Thuận.", True),
        ("Thu phí không dừng lắp tại những trạm thu phí, tuyến đường cụ thể nào?",
         "Hệ thống thu phí điện tử không dừng đối với các phương tiện tham gia giao thông đường bộ.", False),
        ("Kế hoạch giao Sở Y tế những nhiệm vụ cụ thể nào?", "Sở Y tế chủ trì kiểm tra bếp ăn tập thể.", True),
        # a choice the question ends on, the kind after it ("… nào") no side of it
        ("Tiểu dự án 1 truyền thông về phòng, chống ma túy dùng chủ đề hay khẩu hiệu tuyên truyền nào?",
         "Trên 80% cơ quan báo chí có chuyên trang, chuyên mục về phòng, chống ma túy.", False),
        ("Tiểu dự án 1 truyền thông về phòng, chống ma túy dùng chủ đề hay khẩu hiệu tuyên truyền nào?",
         "Truyền thông với chủ đề “Sống khỏe, không ma túy” trên toàn tỉnh.", True),
        # a price asked in its unit, per something ("(đồng/kg)"): a passage on amounts collected gives none
        ("Giá dịch vụ thu gom rác tính theo khối lượng (đồng/kg) áp dụng từ năm 2026 là bao nhiêu?",
         "Báo cáo khối lượng chất thải thu gom theo từng nhóm về Phòng Kinh tế trước ngày 25 hằng tháng.", False),
        ("Giá dịch vụ thu gom rác tính theo khối lượng (đồng/kg) áp dụng từ năm 2026 là bao nhiêu?",
         "Giá dịch vụ thu gom rác tính theo khối lượng từ năm 2026 là 450 đồng/kg.", True),
        # a sum asked over a clause with commas in it ("Quỹ phòng, chống thiên tai"): a share is no sum
        ("Số tiền Quỹ phòng, chống thiên tai mà xã được giao thu trong năm 2026 là bao nhiêu?",
         "Thu Quỹ phòng, chống thiên tai trên địa bàn đạt từ 90% kế hoạch được giao trở lên.", False),
        ("Số tiền Quỹ phòng, chống thiên tai mà xã được giao thu trong năm 2026 là bao nhiêu?",
         "Kế hoạch thu Quỹ phòng, chống thiên tai năm 2026: 185.000.000 đồng.", True),
        # a share asked of a few words, the plan's own between them ("người … đội mũ bảo hiểm"), spelt "tỉ"/"tỷ"
        ("Ti le nguoi doi mu bao hiem ma ke hoach an toan giao thong dat ra la bao nhieu?",
         "Tỷ lệ người đi mô tô, xe gắn máy, xe đạp máy đội mũ bảo hiểm đạt trên 98%.", True),
        ("Tỉ lệ người đội mũ bảo hiểm mà kế hoạch an toàn giao thông đặt ra là bao nhiêu?",
         "Tỷ lệ trẻ em được tiêm đủ mũi đạt trên 95%.", False),
        # how long, to the minute
        ("Xe cấp cứu phải tiếp cận hiện trường tai nạn trong khu vực đô thị trong thời gian bao lâu?",
         "Bảo đảm thời gian tiếp cận hiện trường của xe cấp cứu trong khu vực đô thị không quá 15 phút.", True),
        ("Xe cấp cứu phải tiếp cận hiện trường tai nạn trong khu vực đô thị trong thời gian bao lâu?",
         "Sở Y tế chủ trì, chỉ đạo Trung tâm Cấp cứu 115 tổ chức tốt công tác cấp cứu.", False),
        # "bao nhiêu một con" of a sum (a budget's support): a sum for each, not a count of "một con"
        ("Ngân sách xã hỗ trợ công tiêm bao nhiêu một con?",
         "- Hỗ trợ công tiêm phòng (13.400 con x 4.000 đồng/con)\t53.600.000 đồng", True),
        ("Ngân sách xã hỗ trợ công tiêm bao nhiêu một con?",
         "Tổng đàn lợn 19.300 con, chỉ tiêu tiêm phòng 13.400 con.", False),
        # several places asked ("ở những vị trí nào")
        ("Khi có dịch thì lập chốt kiểm dịch động vật tạm thời ở những vị trí nào?",
         "Lập chốt kiểm dịch động vật tạm thời tại ngã ba Bàu Sen và cầu Tân Quý.", True),
        ("Khi có dịch thì lập chốt kiểm dịch động vật tạm thời ở những vị trí nào?",
         "Ban Chỉ huy Quân sự xã huy động dân quân trực chốt kiểm dịch khi có yêu cầu.", False),
        # three choices the question ends on ("A, B hay C"): a passage says one of them
        ("Hội nghị sơ kết được tổ chức trực tuyến, trực tiếp hay kết hợp?",
         "Hội nghị sơ kết tổ chức theo hình thức trực tuyến kết nối đến các xã.", True),
        ("Hội nghị sơ kết được tổ chức trực tuyến, trực tiếp hay kết hợp?",
         "Văn phòng chủ trì chuẩn bị nội dung hội nghị sơ kết.", False),
        # an address asked: a street or a web address written, not a document's number nor "đường lối"
        ("Địa chỉ trụ sở (số nhà, tên đường) của Đảng đoàn Quốc hội, cơ quan ban hành Kế hoạch 3260-KH/ĐĐQH15, là gì?",
         "Số 3260-KH/ĐĐQH15", False),
        ("Cơ quan thường trực phải cập nhật kết quả lên phần mềm theo dõi Đề án 06 tại địa chỉ nào?",
         "Cập nhật kết quả lên phần mềm theo dõi, giám sát Đề án 06 tại địa chỉ https://dean06.vn.", True),
        ("Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân có địa chỉ truy cập (tên miền) là gì?",
         "Cổng cung cấp thông tin tuyên truyền chủ trương, đường lối, chính sách của Đảng.", False),
        # named by its own name, typed without marks, or asked "tên cụ thể": an acronym of what it is names none
        ("ke hoach chon cong trinh hay du an giao thong cu the nao de thi diem ung dung BIM?",
         "Thí điểm ứng dụng mô hình thông tin công trình BIM trong quản lý dự án xây dựng giao thông.", False),
        ("ke hoach chon cong trinh hay du an giao thong cu the nao de thi diem ung dung BIM?",
         "Thí điểm ứng dụng BIM tại công trình Cầu Cao Lãnh.", True),
        ("Kế hoạch nêu tên cụ thể những hội chợ, triển lãm quốc tế nào doanh nghiệp sẽ tham gia?",
         "Hỗ trợ doanh nghiệp tham gia các hội chợ, triển lãm thương mại quốc tế trong và ngoài nước; phối hợp với Hội "
         "Nông dân tỉnh.", False),
        ("Kế hoạch nêu tên cụ thể những hội chợ, triển lãm quốc tế nào doanh nghiệp sẽ tham gia?",
         "Tổ chức đoàn doanh nghiệp tham gia Hội chợ Canton (Trung Quốc) năm 2026.", True),
        # "… nào về <chủ đề>": the thing asked is told by what it is about
        ("Việc làm sạch dữ liệu phải tuân theo tiêu chuẩn TCVN nào về chất lượng dữ liệu?",
         "Bảo đảm an toàn thông tin theo tiêu chuẩn TCVN 14423:2025 về An ninh mạng.", False),
        ("Việc làm sạch dữ liệu phải tuân theo tiêu chuẩn TCVN nào về chất lượng dữ liệu?",
         "Áp dụng tiêu chuẩn TCVN 12345:2024 về chất lượng dữ liệu.", True),
        # a share of several nouns, the one asked among them
        ("Ban Tổ chức phấn đấu bao nhiêu % cấp xã có cán bộ chuyên trách công nghệ thông tin?",
         "Phấn đấu ít nhất 50% các cơ quan, đơn vị, địa phương cấp xã có cán bộ chuyên trách về công nghệ thông tin.",
         True),
        # "mỗi bên" of a comparison says each plan, not what the share is of
        ("So sánh chỉ tiêu đảng viên dùng Sổ tay đảng viên điện tử của hai kế hoạch, mỗi bên bao nhiêu phần trăm?",
         "100% chi bộ sử dụng ứng dụng Sổ tay đảng viên điện tử; tối thiểu 95% đảng viên thường xuyên sử dụng.", True),
        # when a document loses or takes effect: what it says of its effect, not the day it was signed
        ("Quyết định 2623 ban hành kế hoạch hết hiệu lực vào ngày nào?", "Hà Nội, ngày 29 tháng 11 năm 2025", False),
        ("Quyết định 2623 có hiệu lực từ khi nào?", "Quyết định này có hiệu lực thi hành từ ngày ký ban hành.", True),
        # a level by its number
        ("Hệ thống phải đạt an toàn thông tin cấp độ mấy?", "Đầu tư trang thiết bị tại Sở Tài chính.", False),
        ("Hệ thống phải đạt an toàn thông tin cấp độ mấy?", "Bảo đảm an toàn hệ thống thông tin cấp độ 3.", True),
        # a count's growth is a share of that count, not of what the question asks
        ("Chỉ tiêu giảm tỷ lệ tái nghiện xuống còn bao nhiêu phần trăm?",
         "Hàng năm, số vụ phạm tội về ma túy được phát hiện, bắt giữ tăng trên 03%.", False),
        ("Số vụ phạm tội về ma túy được phát hiện tăng bao nhiêu phần trăm mỗi năm?",
         "Hàng năm, số vụ phạm tội về ma túy được phát hiện, bắt giữ tăng trên 03%.", True),
        # a web address asked is one the passage writes out; a business asked, one it names
        ("Cổng thông tin dữ liệu cá nhân có địa chỉ truy cập (tên miền) là gì?",
         "Xây dựng Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân, cung cấp thông tin tuyên truyền.", False),
        ("Trang thông tin của Ban có tên miền là gì?", "Nâng cấp trang thông tin điện tử (https://btc.lamdong.dcs.vn/)",
         True),
        ("Xã chọn doanh nghiệp nào cung cấp phần mềm kho lưu trữ?", "Xây dựng kho lưu trữ điện tử dùng chung của xã.",
         False),
        ("Xã chọn doanh nghiệp nào cung cấp phần mềm kho lưu trữ?",
         "Thuê dịch vụ kho lưu trữ của Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT).", True),
        # "xã nào" asks a commune's name, not the province's, nor the next cell's unit
        ("Kế hoạch này là của Đảng ủy xã nào?", "Thực hiện Kế hoạch số 54-KH/TU của Tỉnh ủy, tỉnh Thanh Hoá.", False),
        ("Kế hoạch này là của Đảng ủy xã nào?", "Kho lưu trữ của xã\tVăn phòng Đảng ủy\tQuý III/2026", False),
        ("Kế hoạch này là của Đảng ủy xã nào?", "Đảng ủy xã Xuân Lập ban hành Kế hoạch chuyển đổi số.", True),
        # who drafts a law is not who reviews it
        ("Dự án Luật Viên chức do cơ quan nào chủ trì soạn thảo?",
         "Tổ đảng ở Thường trực Ủy ban Pháp luật chủ trì thẩm tra các dự án: Luật Cán bộ, công chức, Luật Viên chức.",
         False),
        ("Dự án Luật Viên chức do cơ quan nào chủ trì soạn thảo?", "Bộ Nội vụ chủ trì soạn thảo dự án Luật Viên chức.",
         True),
        # the order promulgating a law, by its number
        ("Luật này được Chủ tịch nước công bố bằng Lệnh số mấy?", "Số: 2623/QĐ-TTg", False),
        ("Luật này được Chủ tịch nước công bố bằng Lệnh số mấy?", "Căn cứ Lệnh số 12/2025/L-CTN công bố Luật.", True),
        # a technical kind asked (an algorithm, a file format) is one the passage names as such
        ("Giải pháp mã hóa của Ban Cơ yếu dùng thuật toán mã hóa nào?",
         "Triển khai giải pháp mã hóa của Ban Cơ yếu Chính phủ cho 100% cán bộ, công chức.", False),
        ("Giải pháp mã hóa của Ban Cơ yếu dùng thuật toán mã hóa nào?",
         "Dữ liệu được mã hóa bằng thuật toán AES-256 trước khi lưu trữ.", True),
        ("Dữ liệu sau khi đóng gói được chuyển sang định dạng tệp nào?",
         "Đóng gói cơ sở dữ liệu Lotus Notes sang phần mềm Quản lý số hóa.", False),
        # things counted by their numbers, one to the last, say how many there are
        ("Chiến dịch diệt lăng quăng gồm mấy đợt, thời gian từng đợt thế nào?",
         "Tổ chức chiến dịch: đợt 1 từ ngày 15/4/2026 đến ngày 30/4/2026; đợt 2 từ ngày 10/8/2026 đến ngày 25/8/2026.",
         True),
        ("Chiến dịch diệt lăng quăng gồm mấy đợt, thời gian từng đợt thế nào?",
         "Các xã có ổ dịch kéo dài tổ chức thêm đợt 2 của chiến dịch.", False),
        # "địa phương nào" is no ward: bodies named without a place's name answer "những sở, ngành, địa phương nào"
        ("Kế hoạch đề nghị những sở, ngành, địa phương nào phối hợp thực hiện?",
         "Ủy ban nhân dân các xã, phường chủ động xây dựng kế hoạch của địa phương.", True),
        # a thing of a formal kind asked without marks: the passage names one of that kind
        ("Ke hoach yeu cau gui bao cao qua he thong phan mem nao?",
         "Định kỳ hằng năm báo cáo kết quả thực hiện về Sở Xây dựng.", False),
        ("Ke hoach yeu cau gui bao cao qua he thong phan mem nao?",
         "Báo cáo qua phần mềm quản lý văn bản và điều hành của tỉnh.", True),
        # people counted as cases
        ("Năm 2025 có bao nhiêu người tử vong do bệnh dại?", "Năm 2025 ghi nhận 07 trường hợp tử vong do bệnh Dại.", True),
        ("Năm 2025 có bao nhiêu người tử vong do bệnh dại?", "Năm 2025 tỷ lệ tiêm phòng chỉ đạt 48,6%.", False),
        # a day asked with a time slot is a day of a schedule
        ("rac thai nguy hai o phuong Dong Thanh duoc thu gom vao ngay nao, khung gio nao?",
         "Chất thải nguy hại\tThùng màu đỏ\tNgày Chủ nhật cuối tháng\t08h00 - 11h00", True),
        # a choice offered: the passage says one of the options
        ("Hạ tầng lưu trữ được đầu tư theo loại hợp đồng PPP nào (BOT, BOO hay BLT)?",
         "Xem xét hợp tác đầu tư công - tư cho hạ tầng lưu trữ, đường truyền số liệu lớn.", False),
        ("Hạ tầng lưu trữ được đầu tư theo loại hợp đồng PPP nào (BOT, BOO hay BLT)?",
         "Đầu tư hạ tầng lưu trữ theo hình thức hợp đồng BOO.", True),
        # a choice the question ends on, or lists after a colon: a passage says one of its sides
        ("Báo cáo gửi bằng văn bản hay qua phần mềm?", "Gửi báo cáo qua Hệ thống quản lý văn bản và điều hành.", True),
        ("Các lớp tập huấn được tổ chức theo hình thức trực tuyến hay trực tiếp?",
         "Bộ Công an chủ trì tổ chức tập huấn chuyên sâu về bảo vệ dữ liệu cá nhân.", False),
        ("Các lớp tập huấn được tổ chức theo hình thức trực tuyến hay trực tiếp?",
         "Tổ chức tập huấn trực tuyến cho cán bộ các xã.", True),
        ("Thiết bị đầu cuối gồm những loại nào: máy tính để bàn, máy tính xách tay hay máy tính bảng?",
         "100% cơ quan đảng cấp tỉnh được trang bị thiết bị hiện đại, đồng bộ.", False),
        ("Thiết bị đầu cuối gồm những loại nào: máy tính để bàn, máy tính xách tay hay máy tính bảng?",
         "Trang bị máy tính xách tay cho cán bộ chủ chốt.", True),
        # "cao hơn hay thấp hơn", "có hay không": no choice of things a passage says
        ("Chỉ tiêu của tỉnh cao hơn hay thấp hơn?", "Kinh tế số chiếm 45% GRDP tỉnh.", True),
        # a grade by its number, like a level; a month, not a cited document's date
        ("Giáo dục dân số được lồng ghép cho học sinh bắt đầu từ lớp mấy?",
         "Lồng ghép giáo dục dân số cho học sinh, sinh viên trong nhà trường.", False),
        ("Giáo dục dân số được lồng ghép cho học sinh bắt đầu từ lớp mấy?",
         "Lồng ghép giáo dục dân số cho học sinh từ lớp 6.", True),
        ("Xoài xuất khẩu thu hoạch vào những tháng nào trong năm?",
         "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; xuất khẩu xoài đạt 18.000 tấn.", False),
        # when data are closed is no deadline for the report
        ("Số liệu báo cáo tháng được chốt đến ngày nào của tháng?",
         "Định kỳ hằng tháng báo cáo kết quả trước ngày 25 hằng tháng.", False),
        ("Số liệu báo cáo tháng được chốt đến ngày nào của tháng?",
         "Số liệu báo cáo tháng được tính từ ngày 15 tháng trước đến hết ngày 14 tháng báo cáo, chốt ngày 14.", True),
        ("Hạn chót để các xã rà soát danh mục điểm nguy cơ đuối nước là khi nào?",
         "Các xã hoàn thành rà soát danh mục điểm có nguy cơ đuối nước trước ngày 30/6/2026.", True),
        # criteria asked: a passage naming them says so
        ("Một xã được công nhận “không ma túy” khi đáp ứng những tiêu chí nào?",
         "Ủy ban nhân dân xã chỉ đạo triển khai quyết liệt công tác phòng, chống ma túy.", False),
        ("Một xã được công nhận “không ma túy” khi đáp ứng những tiêu chí nào?",
         "Xã đạt tiêu chí: không có người nghiện mới; không có điểm phức tạp về ma túy.", True),
        # a variety of a crop: seeds in general are none ("nhân giống, sản xuất giống mới")
        ("Giống xoài nào được xác định là giống chủ lực để xuất khẩu?",
         "Lựa chọn nhân giống, sản xuất giống mới có năng suất, chất lượng cao.", False),
        ("Giống xoài nào được xác định là giống chủ lực để xuất khẩu?",
         "Phát triển vùng trồng giống xoài GL4 và xoài Đài Loan phục vụ xuất khẩu.", True),
        # a rank asked without marks
        ("Bac Ninh xep thu may ca nuoc ve chi so DTI den nam 2030?",
         "Tỷ lệ người dân trưởng thành có chữ ký số đạt 80%.", False),
        ("Bac Ninh xep thu may ca nuoc ve chi so DTI den nam 2030?", "Đến năm 2030, chỉ số DTI xếp thứ 10 cả nước.", True),
        # the base a change is measured from
        ("Tỉ lệ cắt giảm đó được tính so với số thủ tục của năm gốc nào?",
         "Tỉ lệ cắt giảm thủ tục hành chính nội bộ: 50%.", False),
        ("Tỉ lệ cắt giảm đó được tính so với số thủ tục của năm gốc nào?",
         "Cắt giảm 50% thủ tục hành chính nội bộ so với năm 2024.", True),
        # an extension is granted in words, not read off the deadline
        ("Các sở được gia hạn nộp kế hoạch triển khai đến thời điểm nào?",
         "Các sở xây dựng kế hoạch triển khai (hoàn thành trong tháng 11/2025) gửi về Công an tỉnh.", False),
        ("Các sở được gia hạn nộp kế hoạch triển khai đến thời điểm nào?",
         "Trường hợp chưa hoàn thành, được gia hạn đến hết tháng 12/2025.", True),
        # a total count, not a share of it
        ("Chỉ tiêu sử dụng Sổ tay đảng viên điện tử tính trên tổng số bao nhiêu đảng viên?",
         "Trên 80% đảng viên sử dụng phần mềm Sổ tay đảng viên điện tử.", False),
        ("Chỉ tiêu sử dụng Sổ tay đảng viên điện tử tính trên tổng số bao nhiêu đảng viên?",
         "Đảng bộ xã có tổng số 1.250 đảng viên.", True),
        # a count for each one, not the plan's total
        ("ke hoach phan bo bao nhieu mau xet nghiem nhanh cho moi xa, phuong?",
         "Xét nghiệm nhanh tối thiểu 350 mẫu thực phẩm tại chợ đầu mối.", False),
        ("ke hoach phan bo bao nhieu mau xet nghiem nhanh cho moi xa, phuong?",
         "Mỗi xã, phường lấy tối thiểu 20 mẫu xét nghiệm nhanh.", True),
        ("Mỗi giáo viên phụ trách tối đa bao nhiêu học sinh?", "Mỗi giáo viên phụ trách tối đa 20 học sinh.", True),
        # a sum for each one, asked without marks: the budget's total is none
        ("ke hoach trong cay ho tro bao nhieu tien cho moi ho gia dinh trong cay?",
         "Ngân sách xã: 120.000.000 đồng (mua cây giống, vật tư, phân bón).", False),
        ("ke hoach trong cay ho tro bao nhieu tien cho moi ho gia dinh trong cay?",
         "Hỗ trợ 500.000 đồng/hộ gia đình trồng cây.", True),
        # things asked by name are named with a capital: "nhu cầu đầu tư" names no bridge
        ("Kế hoạch sẽ gắn cảm biến IoT trên những cây cầu cụ thể nào?",
         "Xác định nhu cầu đầu tư chuyển đổi số trong lĩnh vực giao thông.", False),
        ("Kế hoạch sẽ gắn cảm biến IoT trên những cây cầu cụ thể nào?", "Gắn cảm biến tại cầu Mỹ Thuận, cầu Cao Lãnh.",
         True),
        # a standard asked is one the passage writes out by its code
        ("Việc làm sạch dữ liệu phải tuân theo tiêu chuẩn TCVN nào về chất lượng dữ liệu?",
         "Chuẩn hóa, làm sạch dữ liệu, nâng cao chất lượng dữ liệu phục vụ quản lý nhà nước.", False),
        ("Việc làm sạch dữ liệu phải tuân theo tiêu chuẩn TCVN nào về chất lượng dữ liệu?",
         "Làm sạch dữ liệu theo TCVN 12345:2018 về chất lượng dữ liệu.", True),
        # a share of what is quoted ("100% “xã, phường không ma túy”") is of that, not of what is asked
        ("Kế hoạch đặt chỉ tiêu giảm tỷ lệ tái nghiện xuống còn bao nhiêu phần trăm?",
         "Phấn đấu xây dựng 20% xã, phường “không ma túy” ngay trong năm 2025; đến năm 2030 đạt 100% “xã, phường "
         "không ma túy”.", False),
        ("Mùa khô này phải xây mới và tu sửa bao nhiêu km đường băng cản lửa?",  # "mới" is no "mỗi"
         "Xây dựng mới 45 km đường băng cản lửa và tu sửa 120 km đường băng cản lửa hiện có.", True),
        # hours asked, as a clock time or a span: "45 ngày" is none
        ("Báo cáo hằng tháng phải gửi trước mấy giờ của ngày hết hạn?",
         "Triển khai chiến dịch cao điểm 45 ngày đêm tháo gỡ điểm nghẽn.", False),
        ("Báo cáo hằng tháng phải gửi trước mấy giờ của ngày hết hạn?", "Gửi báo cáo trước 16 giờ ngày 25.", True),
        ("Sự cố phải xử lý trong vòng bao nhiêu giờ?", "Xử lý sự cố trong vòng 48 giờ.", True),
        # a level by its number ("cấp mấy"), a figure in the unit bracketed after what is asked
        ("Mô hình bản sao số phải đạt mức độ chi tiết (LOD) cấp mấy?",
         "Xây dựng Đề án thí điểm triển khai bản sao số cho một số thành phố lớn.", False),
        ("Mô hình bản sao số phải đạt mức độ chi tiết (LOD) cấp mấy?", "Mô hình đạt mức độ chi tiết cấp 3.", True),
        ("Mạng 5G sẽ dùng băng tần nào (MHz)?", "Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số.", False),
        ("Mạng 5G sẽ dùng băng tần nào (MHz)?", "Triển khai 5G trên băng tần 3.500 MHz.", True),
        # names given as examples of what is asked: a passage answering names one of them
        ("Ứng dụng Sổ tay đảng viên chạy trên những hệ điều hành nào (Android, iOS)?",
         "Khuyến khích đảng viên sử dụng ứng dụng Sổ tay đảng viên điện tử.", False),
        ("Ứng dụng Sổ tay đảng viên chạy trên những hệ điều hành nào (Android, iOS)?",
         "Ứng dụng chạy trên Android và iOS.", True),
        # "chiếm tối đa bao nhiêu diện tích": a share, which a passage gives in per cent
        ("Mương bao được phép chiếm tối đa bao nhiêu diện tích thửa ruộng?",
         "Diện tích mương bao không vượt quá 20% diện tích thửa ruộng.", True),
        # a month asked: a month or a date, not a day's count
        ("Đợt 2 xuất cảnh vào tháng mấy?", "Hoàn thành trước ngày xuất cảnh 05 ngày.", False),
        ("Đợt 2 xuất cảnh vào tháng mấy?", "Tổ chức xuất cảnh: Đợt 1: tháng 3/2026, Đợt 2: tháng 8/2026.", True),
        # a budget code is written in figures
        ("Kinh phí được hạch toán vào mã chương, loại, khoản nào của mục lục ngân sách?",
         "Kinh phí thực hiện từ nguồn ngân sách nhà nước đã giao năm 2025.", False),
        ("Kinh phí được hạch toán vào mã chương, loại, khoản nào của mục lục ngân sách?",
         "Hạch toán vào Chương 418, loại 340, khoản 341.", True),
        # the investment a business must make is a sum of money
        ("Doanh nghiệp phải có vốn đầu tư tối thiểu bao nhiêu?",
         "Xây dựng cơ chế thu hút doanh nghiệp công nghệ hàng đầu thế giới đặt trụ sở tại Việt Nam.", False),
        # "trong vòng bao lâu" of work to do: a span, or the month it is to be done within — no date of a document
        ("Các sở phải xây dựng kế hoạch triển khai trong vòng bao lâu?",
         "Các sở xây dựng kế hoạch triển khai (hoàn thành trong tháng 11/2025), gửi về Công an tỉnh.", True),
        ("Các sở phải xây dựng kế hoạch triển khai trong vòng bao lâu?",
         "Thực hiện Kế hoạch số 64/KH-UBND ngày 22/8/2025 của Ủy ban nhân dân tỉnh.", False),
        ("Hồ sơ được giải quyết trong bao nhiêu ngày?", "Hoàn thành trong tháng 11/2025.", False),
        # a cut in a cost is a share or a sum, whichever the plan gives
        ("Kế hoạch đặt mục tiêu giảm chi phí văn phòng phẩm, in ấn là bao nhiêu?",
         "Phấn đấu đến hết năm 2026 giảm từ 30% đến 50% chi phí văn phòng phẩm, in ấn.", True),
        # the numbers of the plans it replaces: the passage replacing them
        ("Kế hoạch này thay thế kế hoạch cũ? Nếu thay thế thì thay những kế hoạch số mấy?",
         "Kế hoạch này thay thế Kế hoạch số 464-KH/TU, ngày 07/5/2025 của Ban Thường vụ Tỉnh ủy.", True),
        ("Kế hoạch này thay thế kế hoạch cũ? Nếu thay thế thì thay những kế hoạch số mấy?",
         "Kế hoạch số 464-KH/TU, ngày 07/5/2025 của Ban Thường vụ Tỉnh ủy về chuyển đổi số.", False),
        # a decree asked is cited by its number, not by a standard the passage names instead
        ("Các cơ sở dữ liệu phải bảo đảm an toàn thông tin theo Nghị định nào?",
         "Triển khai các phương án bảo đảm an toàn thông tin theo tiêu chuẩn TCVN 14423:2025.", False),
        ("Các cơ sở dữ liệu phải bảo đảm an toàn thông tin theo Nghị định nào?",
         "Bảo đảm an toàn hệ thống thông tin theo cấp độ theo Nghị định số 85/2016/NĐ-CP.", True),
        # where money is taken from is its source, no place
        ("Các nhiệm vụ làm trong năm 2025 lấy kinh phí ở đâu?",
         "Đối với các nhiệm vụ triển khai trong năm 2025, các bộ chủ động sử dụng nguồn ngân sách nhà nước được giao.",
         True),
        # a clause's label counts nothing: "khoản 7 Điều 8" is no "7 điều"
        ("Dự thảo Nghị định gồm bao nhiêu điều?",
         "Nội dung: bao gồm quy định chi tiết khoản 7 Điều 8 của Luật Bảo vệ dữ liệu cá nhân.", False),
        ("Dự thảo Nghị định gồm bao nhiêu điều?", "Dự thảo Nghị định gồm 5 chương, 32 điều.", True),
        # who may approve, not who advises on the money
        ("Cơ quan nào có thẩm quyền phê duyệt dự toán kinh phí chuyển đổi số của phường?",
         "UBND phường có trách nhiệm tham mưu bố trí đủ kinh phí để triển khai các nhiệm vụ.", False),
        # organisations asked by name: a count of them names none
        ("Nghị quyết nêu đích danh những tổ chức, doanh nghiệp công nghệ hàng đầu thế giới nào cần thu hút?",
         "Thu hút thêm ít nhất 3 tổ chức, doanh nghiệp công nghệ hàng đầu thế giới đặt trụ sở tại Việt Nam.", False),
        # the whole a count is part of need not be said again by the passage giving the parts
        ("Trong 1.250 mét giá tài liệu tồn đọng, bao nhiêu mét giá thuê dịch vụ chỉnh lý?",
         "Thuê dịch vụ chỉnh lý đối với 900 mét giá tài liệu; Trung tâm tự chỉnh lý 350 mét giá.", True),
        # a month the question dates a document by is said by a date in that month
        ("Văn bản triển khai nghị quyết vào tháng 1/2025 có số hiệu gì?", "Số: 03/NQ-CP ngày 09 tháng 01 năm 2025", True),
        ("Văn bản triển khai nghị quyết vào tháng 1/2025 có số hiệu gì?", "Số: 03/NQ-CP ngày 09 tháng 02 năm 2025", False),
        # things asked "cụ thể là … nào" are said by their names, an abbreviation asked by its full form too
        ("Kế hoạch ưu tiên hoàn thiện 11 cơ sở dữ liệu — cụ thể đó là 11 CSDL nào?",
         "Ưu tiên hoàn thiện 11 cơ sở dữ liệu quốc gia và chuyên ngành trọng yếu.", False),
        ("Kế hoạch ưu tiên hoàn thiện 11 cơ sở dữ liệu — cụ thể đó là 11 CSDL nào?",
         "Hoàn thiện Cơ sở dữ liệu Dân cư, Cơ sở dữ liệu Đất đai, CSDL Doanh nghiệp …", True),
        # a unit price is a sum for each: a total is none
        ("Đơn giá thuê dịch vụ chỉnh lý một mét giá tài liệu là bao nhiêu?",
         "Thuê dịch vụ chỉnh lý tài liệu: 2.150 triệu đồng.", False),
        ("Đơn giá thuê dịch vụ chỉnh lý một mét giá tài liệu là bao nhiêu?",
         "Đơn giá thuê chỉnh lý: 2.400.000 đồng/mét giá tài liệu.", True),
        # "bao nhiêu quy trình" counts procedures ("quy" is no "quý" as typed): a passage counting none gives none
        ("Có tổng cộng bao nhiêu quy trình nghiệp vụ phải rà soát, chuẩn hóa?",
         "Rà soát, chuẩn hóa các hồ sơ, tài liệu, quy trình nghiệp vụ và thủ tục nội bộ; thời gian: Quý III/2026.", False),
        ("Có tổng cộng bao nhiêu quy trình nghiệp vụ phải rà soát, chuẩn hóa?",
         "Rà soát, chuẩn hóa 12 quy trình nghiệp vụ trong Quý III/2026.", True),
        # a period asked is two years, however written
        ("Kế hoạch áp dụng cho giai đoạn nào?", "Mục tiêu cụ thể giai đoạn từ năm 2025 đến năm 2028 như sau:", True),
        ("Kế hoạch áp dụng cho giai đoạn nào?", "Đến năm 2030, tỉnh có ít nhất 20 tập dữ liệu mở.", False),
        ("Tài liệu từ năm nào đến năm nào phải số hóa?", "Hoàn thành số hóa tài liệu trước ngày 01/7/2025.", False),
        # a growth rate is a percentage
        ("Tốc độ tăng trưởng bình quân của kinh tế số là bao nhiêu?",
         "Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở chất lượng cao.", False),
        ("Tốc độ tăng trưởng bình quân của kinh tế số là bao nhiêu?",
         "Kinh tế số tăng trưởng bình quân 20%/năm giai đoạn 2026 - 2030.", True),
        # a "chuyên đề" chosen is named as one
        ("Quốc hội chọn chuyên đề giám sát tối cao nào về chuyển đổi số năm 2025?",
         "Giám sát thực hiện các chương trình, đề án về chuyển đổi số quốc gia.", False),
        ("Quốc hội chọn chuyên đề giám sát tối cao nào về chuyển đổi số năm 2025?",
         "Giám sát chuyên đề \"Việc thực hiện chính sách, pháp luật về chuyển đổi số\" năm 2025.", True),
        # metres asked are said by their symbol ("10 m"), not as square metres
        ("Khu hàng tươi sống cách khu hàng khô tối thiểu bao nhiêu mét?", "Cách khu hàng khô tối thiểu 10 m.", True),
        ("Khu hàng tươi sống cách khu hàng khô tối thiểu bao nhiêu mét?", "Diện tích tối thiểu 10 m2.", False),
        # a person asked by post is named; "Đoàn Thanh niên" is a union, "Lâm Đồng có …" a province
        ("Bí thư Chi bộ Khu phố 2 là đồng chí nào?", "Đoàn Thanh niên phường giới thiệu đoàn viên ưu tú.", False),
        ("Bí thư Chi bộ Khu phố 2 là đồng chí nào?", "Tỉnh Lâm Đồng có 124 xã, phường.", False),
        ("Bí thư Chi bộ Khu phố 2 là đồng chí nào?", "Giao đồng chí Trần Văn Lực, Bí thư Chi bộ, chịu trách nhiệm.", True),
    ],
)
def test_satisfied(question: str, passage: str, ok: bool) -> None:
    assert satisfied(expectation(question), passage) is ok


def test_year_may_come_from_the_section_path() -> None:
    exp = expectation("Năm 2025 bao nhiêu phần trăm hệ thống được đánh giá an toàn thông tin?")
    assert satisfied(exp, "40% các hệ thống thông tin", context="2.3. Đối với dữ liệu số > a) Năm 2025")


def test_document_numbers_do_not_count_as_asked_numbers() -> None:
    assert expectation("Kế hoạch 54-KH/TU và Nghị định 179/2025/NĐ-CP yêu cầu gì?").numbers == ()
    assert expectation("Chương trình thực hiện Nghị quyết 57 đặt chỉ tiêu gì đến năm 2045?").numbers == ("2045",)
    assert expectation("chuong trinh thuc hien nghi quyet so 57 dat chi tieu gi den nam 2045?").numbers == ("2045",)
    # kind codes name documents too ("KH 182", "QĐ 2954"); "báo cáo 15 ngày" is a period, not a document
    assert expectation("KH 182 yeu cau hoan thanh khi nao?").numbers == ()
    assert expectation("QĐ 2954 đặt kế hoạch năm 2028 bao nhiêu tấn?").numbers == ("2028",)
    # the year a document of that number was issued names it as its number does
    assert expectation("KH 165/KH-UBND năm 2025 do ai ký?").numbers == ()
    assert expectation("Kế hoạch 165 năm 2025 do ai ký?").numbers == ()
    assert expectation("Báo cáo 15 ngày một lần gửi về đâu?").numbers == ("15",)
    # a date in brackets says which document is meant
    assert expectation("Kế hoạch của Tỉnh ủy (tháng 01/2026) thay thế những kế hoạch nào?").numbers == ()
    assert expectation("Việc nào phải xong trước 30/6/2026?").numbers == ("30/6/2026",)
    assert expectation("Kế hoạch (trước 15/6/2026) phải làm gì?").numbers == ("15/6/2026",)  # a deadline
    # when the document was issued says which document; what must be issued by a date is asked
    assert expectation("Kế hoạch của Tỉnh ủy ban hành tháng 01/2026 thay thế những kế hoạch nào?").numbers == ()
    assert expectation("Nghị định phải ban hành trước ngày 30/6/2026?").numbers == ("30/6/2026",)
    # "Kế hoạch năm 2025 của UBND tỉnh …": the plan named by its year; "kế hoạch năm 2028" of a table's column is asked
    assert expectation("Kế hoạch năm 2025 của UBND tỉnh Đồng Tháp liệt kê những hệ thống nào?").numbers == ()
    assert expectation("Theo Kế hoạch số 12, năm 2028 trồng bao nhiêu ha?").numbers == ("2028",)


@pytest.mark.parametrize(("question", "passage", "ok"), [
    # one of several things of a kind by its number: the passage says which
    ("Đoàn kiểm tra liên ngành số 2 do cơ quan nào chủ trì?", "Đoàn số 2\tChi cục Thủy sản\tChợ đầu mối", True),
    ("Đoàn kiểm tra liên ngành số 2 do cơ quan nào chủ trì?", "Đoàn số 3\tChi cục Quản lý thị trường", False),
    ("Đoàn kiểm tra liên ngành số 2 do cơ quan nào chủ trì?", "Đoàn số 21\tChi cục Quản lý thị trường", False),
    # a part of the document or a form is named so without "số" where it is
    ("Phụ lục số 2 giao Sở Y tế việc gì?", "Sở Y tế chủ trì kiểm tra bếp ăn tập thể", True),
])
def test_a_numbered_thing_is_the_one_its_passage_says(question: str, passage: str, ok: bool) -> None:
    assert satisfied(expectation(question), passage) is ok


def test_a_pupils_plan_of_a_year_asks_no_birth_date() -> None:
    assert expectation("Kế hoạch cho học sinh năm 2026 có số hiệu gì?").pattern is DOC_NUMBER  # a number, not a birth
    assert expectation("Đồng chí Trần Văn Nam sinh năm nào?").pattern is not None


def test_the_dates_naming_a_document_are_no_words_a_passage_must_say() -> None:
    from assistant.services.answer_type import without_document_dates

    assert without_document_dates("Kế hoạch của Tỉnh ủy (tháng 01/2026) thay thế kế hoạch nào?").split() == \
        ["Kế", "hoạch", "của", "Tỉnh", "ủy", "thay", "thế", "kế", "hoạch", "nào?"]
    assert without_document_dates("Kế hoạch CĐS ban hành tháng 01/2026 thay thế kế hoạch nào?").split() == \
        ["Kế", "hoạch", "CĐS", "thay", "thế", "kế", "hoạch", "nào?"]
    assert without_document_dates("Báo cáo gửi trước ngày 15/12/2026?") == "Báo cáo gửi trước ngày 15/12/2026?"
    # a year after the issuer in brackets names the plan; a year alone in brackets may be what is asked
    assert without_document_dates("Theo Kế hoạch … (Tỉnh ủy Đồng Nai, năm 2026), ngân sách tỉnh chi cho gì?").split() == \
        ["Theo", "Kế", "hoạch", "…", ",", "ngân", "sách", "tỉnh", "chi", "cho", "gì?"]
    assert "(năm 2026)" in without_document_dates("Chỉ tiêu (năm 2026) là bao nhiêu?")
    # dates that overlap ("(ban hành ngày 12/3/2026)") are cut once; "nhiệm kỳ 2025-2030" is no signing date
    assert without_document_dates("Kế hoạch (ban hành ngày 12/3/2026) giao Sở Y tế làm gì?").split() == \
        ["Kế", "hoạch", "giao", "Sở", "Y", "tế", "làm", "gì?"]
    assert expectation("Mục tiêu GRDP nhiệm kỳ 2025-2030 là bao nhiêu?").numbers == ("2025", "2030")
    # a document cited by its number and date: the date is the document's
    assert expectation("Quyết định 2820/QĐ-UBND ngày 19/11/2025 của TP.HCM quy định thế nào khi xã chậm trễ?"
                       ).numbers == ()
    assert expectation("Theo Kế hoạch số 54-KH/TU ngày 04 tháng 6 năm 2026, việc nào xong trước 30/9/2026?"
                       ).numbers == ("30/9/2026",)


def test_how_often_a_table_row_says_by_its_column() -> None:
    """"… giám sát véc tơ với tần suất nào?": a row's cell under "Tần suất giám sát véc tơ" says it; the same row
    under a column of something else does not."""
    exp = expectation("Điểm xã Long Điền Tây giám sát véc tơ với tần suất nào?")
    row = "| 6 | Xã Long Điền Tây | Trung tâm Y tế khu vực Long Điền | Hai tháng/lần |"
    assert satisfied(exp, row, "| TT | Điểm giám sát | Đơn vị phụ trách | Tần suất giám sát véc tơ |", table=True)
    assert not satisfied(exp, row, "| TT | Điểm | Đơn vị phụ trách | Tần suất họp giao ban |", table=True)


def test_a_count_asked_of_a_table_row_is_named_by_its_columns_abbreviation() -> None:
    """"bao nhiêu học sinh" of a row under "Số HS được dạy bơi": the column counts pupils."""
    exp = expectation("Cụm khu vực ven biển được giao dạy bơi cho bao nhiêu học sinh?")
    row = "| Cụm III - Khu vực ven biển | 15 | 2.850 | THCS Trần Quốc Toản |"
    assert satisfied(exp, row, "| Cụm trường | Số trường | Số HS được dạy bơi | Trường cụm trưởng |", table=True)
    assert not satisfied(exp, row, "| Cụm trường | Số trường | Số bể bơi | Trường cụm trưởng |", table=True)


def test_a_count_asked_of_a_table_row_is_named_by_its_column_of_the_head_noun() -> None:
    """"mấy bể bơi di động" of a row under "Số bể": the column counts pools by the noun's head."""
    exp = expectation("Xã Cửa Sông được phân bổ mấy bể bơi di động và trường nào tiếp nhận?")
    row = "6\tXã Cửa Sông\tTrường THCS Cửa Sông\t03"
    assert satisfied(exp, row, "STT Xã, phường Trường tiếp nhận Số bể", table=True)
    assert not satisfied(exp, row, "STT Xã, phường Trường tiếp nhận Số lớp", table=True)


def test_a_count_asked_of_a_table_row_names_the_whole_noun() -> None:
    """"mấy thành viên": a row saying "thành lập" under "Tổ 57" counts no members."""
    exp = expectation("Tổ 57 của cơ quan có mấy thành viên?")
    assert not satisfied(exp, "| Tổ 57 của cơ quan | Quyết định thành lập Ban biên tập |", table=True)
    assert satisfied(exp, "| Tổ 57 của cơ quan | 07 | Thành viên |", table=True)


def test_a_count_asked_of_a_table_row_needs_a_figure_not_its_number_or_dates() -> None:
    """"bao nhiêu bình chữa cháy": a task row naming extinguishers but dated "Quý II/2027" counts none."""
    exp = expectation("Huyện trang bị bao nhiêu bình chữa cháy cho đội dân phòng năm 2027?")
    dated = "| 3 | Tập huấn sử dụng bình chữa cháy cho chủ homestay | Phòng Văn hóa | Quý II/2027 |"
    counted = "| 3 | Trang bị bình chữa cháy cho đội dân phòng | Công an huyện | 120 | 2027 |"
    assert not satisfied(exp, dated, table=True)
    assert satisfied(exp, counted, table=True)
    people = expectation("Đợt 1 tập huấn kỹ năng số dự kiến có bao nhiêu người tham dự?")
    share = "| 3 | Tập huấn kỹ năng số đợt 1 cho cán bộ, đảng viên | UBND xã | Quý I (01–03/2026) | 100% CBCC tham gia |"
    assert not satisfied(people, share, table=True)  # "đợt 1", a quarter's months and a share count no one
    assert satisfied(people, "| 3 | Tập huấn kỹ năng số đợt 1 | UBND xã | 120 cán bộ |", table=True)
    # a workbook's row, its cells split by tabs: its number is no count either, nor its shares
    children = expectation("Tỉnh có bao nhiêu trẻ em tử vong do đuối nước?")
    assert not satisfied(children, "2\tMức giảm tỷ suất tử vong do đuối nước ở trẻ em\t%\t5%\t10%", table=True)
    assert satisfied(children, "2\tSố trẻ em tử vong do đuối nước\ttrẻ em\t41\t35", table=True)
    # a bound before the figure ("≥70% …", "Trên 80%") is still a figure cell
    digitised = expectation("Đến Quý IV năm 2026 phải hoàn thành chỉ tiêu số hóa bao nhiêu tài liệu không mật?")
    assert satisfied(digitised, "1\tHoàn thành chỉ tiêu số hóa 2026\tVP Đảng ủy\t≥70% tài liệu không mật", table=True)
    assert not satisfied(digitised, "1\tHoàn thành chỉ tiêu số hóa 2026\tVP Đảng ủy\tCác bộ phận", table=True)


@pytest.mark.parametrize(("question", "ok"), [
    ("Tỷ lệ rác thải nhựa được tái chế là bao nhiêu phần trăm?", False),
    ("Tỷ lệ hộ gia đình thực hiện phân loại tại nguồn là bao nhiêu phần trăm?", True),
    ("Chỉ tiêu phân loại rác tại nguồn là bao nhiêu phần trăm?", True),
])
def test_a_rows_indicator_says_what_its_share_is_of(question: str, ok: bool) -> None:
    """A row's figures stand under a "%" column; its indicator names what they are a share of."""
    row = "| 1 | Tỷ lệ hộ gia đình thực hiện phân loại tại nguồn | % | 60 | 90 |"
    assert satisfied(expectation(question), row, table=True) is ok


@pytest.mark.parametrize(("question", "ok"), [
    ("Tỷ lệ trẻ em gái 11 tuổi được tiêm vắc xin HPV năm 2028 là bao nhiêu?", True),
    ("Tỷ lệ phụ nữ có thai được tiêm vắc xin uốn ván năm 2028 là bao nhiêu?", False),
])
def test_a_rows_bare_figures_with_the_percent_sign_are_its_indicators(question: str, ok: bool) -> None:
    """"≥80%" standing alone in a year's cell is the share the row's indicator names, as a "%" column's figures are."""
    row = "5\tTỷ lệ trẻ em gái 11 tuổi được tiêm vắc xin HPV\t%\t-\t≥70%\t≥80%\t≥85%"
    assert satisfied(expectation(question), row, "STT Chỉ tiêu Đơn vị tính 2026 2027 2028", table=True) is ok


def test_a_target_is_of_the_measure_named_nearest_the_question() -> None:
    """"phụ lục phân công chỉ tiêu phát triển kinh tế số …, chỉ tiêu phủ sóng 5G đặt mức bao nhiêu": the first
    "chỉ tiêu" names the annex, the last what is asked."""
    q = "Trong phụ lục phân công chỉ tiêu phát triển kinh tế số của tỉnh Bắc Ninh, chỉ tiêu phủ sóng 5G đặt mức bao nhiêu?"
    assert expectation(q).share_of == "phu song"
    assert satisfied(expectation(q), "| 2 | Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số. | Sở Khoa học và Công nghệ |",
                     table=True)


@pytest.mark.parametrize(("question", "share"), [
    # a comma between the nouns of one share; "nam" typed with its marks is "nam", not "năm"
    ("Kế hoạch dân số đặt chỉ tiêu bao nhiêu phần trăm nam, nữ thanh niên được tư vấn trước khi kết hôn?",
     "nam nu thanh nien"),
    ("Tỷ lệ tiêm chủng năm 2026 đạt bao nhiêu?", "tiem chung"),  # "năm" ends it
    ("ty le ho ngheo nam 2026 la bao nhieu", "ho ngheo"),  # typed without marks, "nam" may be "năm"
    ("Đến năm 2030, tỷ lệ đô thị hóa, tỷ lệ hộ nghèo là bao nhiêu?", "do thi hoa"),  # a comma before another share
])
def test_what_a_share_is_of(question: str, share: str) -> None:
    assert expectation(question).share_of == share


def test_a_share_of_young_men_and_women_is_said_with_its_comma() -> None:
    q = "Kế hoạch dân số đặt chỉ tiêu bao nhiêu phần trăm nam, nữ thanh niên được tư vấn trước khi kết hôn?"
    assert satisfied(expectation(q), "tỷ lệ phụ thuộc chung đạt khoảng 51%; tỷ lệ nam, nữ thanh niên được tư vấn, khám "
                                     "sức khoẻ trước khi kết hôn đạt 90%")


def test_a_share_of_markets_is_no_share_for_anything() -> None:
    """"Tỷ lệ chợ, siêu thị …" names what its share is of, though "chợ" (markets) folds as "cho" (for)."""
    row = "| 12 | Tỷ lệ chợ, siêu thị bố trí thiết bị lưu chứa chất thải phân loại | % | 80 | 100 |"
    assert not satisfied(expectation("Tỷ lệ rác thải nhựa được tái chế là bao nhiêu phần trăm?"), row, table=True)


@pytest.mark.parametrize(("question", "where"), [
    ("Lễ mít tinh hưởng ứng Ngày ASEAN tổ chức ở đâu?", True),
    ("le mit tinh to chuc o dau?", True),
    ("Trường ở đầu cầu được cấp mấy máy tính?", False),  # "ở đầu" is no "ở đâu", typed with its marks
])
def test_asks_where(question: str, where: bool) -> None:
    from assistant.services.answer_type import asks_where

    assert asks_where(question) is where


@pytest.mark.parametrize(("text", "place"), [
    ("Lễ mít tinh tại thị xã Bến Lạc; tin, bài", True),
    ("gắn cảm biến tại các cầu, đường trọng điểm", True),
    ("Địa điểm: Hội trường Ủy ban nhân dân xã", True),
    ("tổ chức lễ mít tinh như quy định tại Kế hoạch số 12/KH-UBND", False),  # a document cited is no place
    ("Báo cáo kết quả thực hiện", False),
])
def test_says_place(text: str, place: bool) -> None:
    from assistant.services.answer_type import says_place

    assert says_place(text) is place


def test_a_place_called_dong_is_no_money_column() -> None:
    """"Lâm Đồng" in a table's title is no "(triệu đồng)" column: a row numbered 9 gives no sum."""
    exp = expectation("Ban Tổ chức Tỉnh ủy Lâm Đồng dự trù tổng cộng bao nhiêu tiền cho kế hoạch?")
    row = "9\tDự trù kinh phí hằng năm để thực hiện kế hoạch này\tTổ 57 cơ quan\tHằng năm"
    assert not satisfied(exp, row, "Kế hoạch của Ban Tổ chức Tỉnh ủy Lâm Đồng; cộng đồng số", table=True)
    assert satisfied(exp, "9\tDự trù kinh phí\t120", "STT Nội dung Kinh phí (triệu đồng)", table=True)


def test_a_growth_factor_asks_no_frequency() -> None:
    """"tăng gấp bao nhiêu lần" asks a factor, not how often."""
    assert expectation("Doanh thu tăng gấp bao nhiêu lần so với năm 2025?").pattern is not FREQUENCY
    assert expectation("Hội đồng họp mấy lần một năm?").often == "họp"


def test_a_redaction_label_asks_for_no_name() -> None:
    """"[HỌ TÊN]" where the personal-data filter took a name out is no "họ tên" asked."""
    assert expectation("Đào tạo nhân lực du lịch của [HỌ TÊN] có đơn vị nào phối hợp với Sở Nội vụ?").pattern is None
    assert expectation("Họ tên người phụ trách là gì?").pattern is not None


def test_a_share_asked_by_an_abbreviation_is_of_what_it_stands_for() -> None:
    """"trường THPT": a plan writes the share out ("trường trung học phổ thông")."""
    q = "Kế hoạch đặt chỉ tiêu bao nhiêu phần trăm trường THPT có câu lạc bộ đọc sách?"
    assert satisfied(expectation(q), "Ít nhất 70% trường trung học phổ thông có câu lạc bộ đọc sách hoạt động.")
    assert not satisfied(expectation(q), "Ít nhất 70% trường tiểu học có câu lạc bộ đọc sách hoạt động.")
