"""Word lists behind the PERSON and address recognizers.

All entries are compared accent-folded and lower-cased (`key()`), so "Thanh Hoá", "Thanh Hóa"
and "thanh hoa" are the same place. Surnames that are also everyday capitalised words in plans
("Phó", "Văn", "Đồng", "Trung") are left out on purpose: they would turn titles and unit names
into names.
"""

from __future__ import annotations

from assistant.text import fold_accents, nfc


def key(text: str) -> str:
    return " ".join(fold_accents(nfc(text)).lower().split())


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words.split(",") if w.strip())


def _exact(words: str) -> frozenset[str]:
    """Lower-cased with accents kept: surnames differ from common words only by tone ('Đặng'/'đảng')."""
    return frozenset(nfc(w).strip().lower() for w in words.split(",") if w.strip())


SURNAMES = _exact(
    "Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Đinh,Đoàn,Lâm,Trịnh,"
    "Mai,Trương,Đào,Cao,Hà,Lưu,Tạ,Tô,Châu,Lương,Quách,Tôn,Thái,Khúc,Kiều,Hứa,Triệu,Vương,La,Từ,Lại,"
    "Mạc,Đàm,Chu,Phùng,Thân,Tăng,Lò,Nông,Khổng,Bạch,Âu,Thạch,Hầu,Diệp,Doãn,Cù,Lã,Lục,Mẫn,Nghiêm,"
    "Tiêu,Ung,Vi,Bế,Hàn,Khương,Lữ,Nhâm,Phí,Tống,Trình,Viên,Cung,Đới,Giáp,Khuất,Kha,Lô,Luân,Ngọ,"
    "Quản,Tào,Trác,Uông,Vy,Danh,Lăng,Mông,Sầm,Yên,Đàng,Ma,Hoa,Quan,Thi"
)

#: Name openings of Central Highlands peoples ("Y Bih Niê", "Ksor H Bla", "Siu Hương"): they are
#: also ordinary words ("Nay" = now), so they only count right after a form of address.
CONTEXT_ONLY_SURNAMES = _exact("Y,Ksor,Siu,Nay,Rmah,Kpă,Puih,Rơ,Rcom,Niê,Mlô,Êban,Byă,Hdok,Alê,Bdap")

#: Syllables that stand between surname and given name ("Văn", "Thị"…); kept lower-case so a
#: lower-cased name ("nguyễn văn an") can be recognised after "ông", "đồng chí"…
MIDDLE_NAMES = _exact(
    "văn,thị,ngọc,hữu,đức,minh,thanh,thu,quốc,hoàng,xuân,thành,kim,công,đình,bá,quang,anh,hồng,"
    "phương,thùy,thuỳ,mai,bích,diệu,gia,hải,huy,khánh,mạnh,ngân,nhật,như,phúc,quỳnh,thái,"
    "thế,tiến,trọng,trung,tuấn,việt,vĩnh,đăng,duy,hoài,huyền,kiều,lệ,mỹ,nam,phú,tấn,thúy,thuý,"
    "tường,uyên,vân,viết,bảo,cẩm,cao,chí,diễm,hạnh,hiếu,hoa,hương,khắc,lan,liên,linh,long,"
    "minh,nguyên,phi,phước,quý,sỹ,sĩ,tài,thiện,thục,tố,trí,trúc,tú,tùng,vạn,vũ,xuân,yến,hà"
)

#: Common given names: a lower-case "ông nguyễn văn an" is only a name if it ends in one of these.
GIVEN_NAMES = _exact(
    "an,anh,ánh,bảo,bích,bình,cường,chi,chiến,chinh,công,cúc,dung,dũng,duy,duyên,dương,đạt,điệp,"
    "định,đông,đức,giang,hà,hải,hạnh,hằng,hân,hậu,hiền,hiển,hiếu,hiệp,hòa,hoà,hoa,hoài,hoàn,"
    "hoàng,học,hồng,huệ,hùng,hưng,hương,hường,huy,huyền,khang,khanh,khánh,khoa,khôi,kiên,kiệt,"
    "lam,lan,lâm,liên,liêm,linh,loan,lộc,long,luân,lực,ly,lý,mai,mạnh,minh,my,mỹ,nam,nga,ngân,"
    "nghĩa,ngọc,nguyên,nhàn,nhân,nhi,nhung,như,oanh,phát,phong,phú,phúc,phụng,phương,phượng,"
    "quân,quang,quế,quốc,quý,quyên,quyết,quỳnh,sang,sáng,sơn,sương,tài,tâm,tân,thái,thanh,"
    "thành,thảo,thắm,thắng,thiện,thịnh,thoa,thơ,thu,thủy,thuỷ,thúy,thuý,thư,thương,tiến,toàn,"
    "trang,trâm,trí,trinh,trọng,trung,trúc,tú,tuấn,tùng,tuyết,uyên,vân,việt,vinh,vĩnh,vũ,vy,"
    "xuân,yến,ân,bắc,cảnh,cầm,diệp,đào,đoan,hạ,hào,hậu,hòe,kha,khải,lợi,lương,ngoan,nhạn,"
    "phấn,quảng,sinh,sỹ,tình,trà,tư,tường,văn,ý,hùng,lành,lệ,mến,thuận,thức,tịnh,tuân,vượng"
)

#: Forms of address and roles that put a name right after them.
PERSON_CONTEXT = (
    "đồng chí", "đ/c", "đc", "ông", "bà", "anh", "chị", "em", "cô", "chú", "cháu", "ông/bà",
    "họ và tên", "họ tên", "tên", "người liên hệ", "người khai", "người đại diện", "người nhận",
    "đảng viên", "cán bộ", "công chức", "chuyên viên", "học viên", "quần chúng", "thân nhân",
    "vợ", "chồng", "con", "bố", "mẹ", "cha",
)

#: Words that, right before a capitalised phrase, make it a place, a unit or a street.
PLACE_PREFIXES = _keys(
    "tỉnh,thành phố,tp,tp.,huyện,quận,thị xã,thị trấn,xã,phường,thôn,xóm,ấp,bản,làng,khu phố,khu,"
    "tổ dân phố,đường,phố,ngõ,ngách,hẻm,kiệt,sông,núi,đèo,cầu,chợ,trường,bệnh viện,học viện,"
    "đại học,thpt,thcs,th,mn,ptdtbt,ptdtnt,tiểu học,mầm non,trung học,giải thưởng,tư tưởng,chủ tịch,đại tướng,lăng,bảo tàng,quảng trường,đảo,vịnh,hồ,"
    "vùng,miền,quê,huyện ủy,tỉnh ủy,thành ủy,đảng bộ,đảng ủy,công an,"
    "tp ,thủ đô,nhà văn hóa,sân vận động,công viên,khu công nghiệp,cảng,sân bay,trạm,đồn,"
    "tuyến,quốc lộ,tỉnh lộ,nhà máy,công ty,tập đoàn,hợp tác xã,doanh nghiệp,ngân hàng"
)

#: Administrative places written like names ("Lâm Đồng", "Cao Bằng", "Hà Nam"…).
PLACE_NAMES = _keys(
    "Hà Nội,Hà Giang,Cao Bằng,Bắc Kạn,Tuyên Quang,Lào Cai,Điện Biên,Lai Châu,Sơn La,Yên Bái,"
    "Hòa Bình,Thái Nguyên,Lạng Sơn,Quảng Ninh,Bắc Giang,Phú Thọ,Vĩnh Phúc,Bắc Ninh,Hải Dương,"
    "Hải Phòng,Hưng Yên,Thái Bình,Hà Nam,Nam Định,Ninh Bình,Thanh Hóa,Nghệ An,Hà Tĩnh,Quảng Bình,"
    "Quảng Trị,Thừa Thiên Huế,Huế,Đà Nẵng,Quảng Nam,Quảng Ngãi,Bình Định,Phú Yên,Khánh Hòa,"
    "Ninh Thuận,Bình Thuận,Kon Tum,Gia Lai,Đắk Lắk,Đắk Nông,Lâm Đồng,Bình Phước,Tây Ninh,"
    "Bình Dương,Đồng Nai,Bà Rịa,Vũng Tàu,Hồ Chí Minh,Long An,Tiền Giang,Bến Tre,Trà Vinh,"
    "Vĩnh Long,Đồng Tháp,An Giang,Kiên Giang,Cần Thơ,Hậu Giang,Sóc Trăng,Bạc Liêu,Cà Mau,"
    "Bạch Đằng,Hoàn Kiếm,Ba Đình,Đống Đa,Hai Bà Trưng,Thanh Xuân,Cầu Giấy,Tây Hồ,Long Biên,"
    "Hà Đông,Đà Lạt,Nha Trang,Biên Hòa,Hạ Long,Phan Thiết,Phan Rang,Mỹ Tho,Cao Lãnh,Châu Đốc,"
    "Hà Tiên,Lý Sơn,Mai Châu,Lâm Hà,Lâm Thao,Hồ Tây,Hồ Gươm,Bảo Lộc,Hội An,Tam Kỳ,Đồng Hới,"
    "Thủ Đức,Phú Quốc,Côn Đảo,Trường Sa,Hoàng Sa,Tây Nguyên,Nam Bộ,Bắc Bộ,Trung Bộ,Bắc Trung Bộ,"
    "Lê Chân,Ngô Quyền,Hồng Bàng,Kiến An,Đồ Sơn,Dương Kinh,Hải An,Lý Nhân,Hà Trung,Mai Sơn,"
    "Cao Phong,Lương Sơn,Đoan Hùng,Châu Thành,Trần Văn Thời,Triệu Phong,Triệu Sơn,Tô Hiệu,"
    "Lâm Bình,Lê Thủy,Hà Quảng,Đinh Lập,Đinh Văn,Vũ Thư,Hồng Lĩnh,Cao Lộc,Bùi Thị Xuân,Hoa Kỳ,"
    "Thái Lan,Hàn Quốc,La Mã,Liên Xô,Lào,Cao Nguyên,Hà Lan,Châu Á,Châu Âu,Châu Phi,Châu Mỹ,Tô Lịch"
)

#: Historical and national figures whose names are streets, schools, anniversaries — public.
PUBLIC_NAMES = _keys(
    "Hồ Chí Minh,Tôn Đức Thắng,Võ Nguyên Giáp,Trần Hưng Đạo,Lê Lợi,Nguyễn Trãi,Lý Thường Kiệt,"
    "Lý Thái Tổ,Trần Phú,Phan Bội Châu,Phan Chu Trinh,Phan Châu Trinh,Nguyễn Du,Lê Duẩn,"
    "Trường Chinh,Phạm Văn Đồng,Võ Văn Kiệt,Nguyễn Văn Linh,Lê Hồng Phong,Nguyễn Thị Minh Khai,"
    "Hoàng Văn Thụ,Võ Thị Sáu,Nguyễn Văn Trỗi,Lê Văn Tám,Nguyễn Huệ,Quang Trung,Lê Thánh Tông,"
    "Trần Quốc Toản,Ngô Quyền,Đinh Tiên Hoàng,Lê Đại Hành,Nguyễn Tất Thành,Hai Bà Trưng,"
    "Bà Triệu,Lê Quý Đôn,Chu Văn An,Nguyễn Đình Chiểu,Trần Quang Khải,Nguyễn Chí Thanh,"
    "Lê Văn Lương,Nguyễn Lương Bằng,Hoàng Quốc Việt,Trần Khánh Dư,Nguyễn Thái Học,Phùng Hưng,"
    "Lê Thái Tổ,Tô Hiến Thành,Nguyễn Khuyến,Lý Tự Trọng,Nguyễn Thị Định,Trần Đại Nghĩa,"
    "Phan Đình Phùng,Nguyễn Văn Cừ,Hà Huy Tập,Trần Quốc Tuấn,Lê Hữu Trác,Phạm Ngũ Lão,Phạm Hùng,"
    "Nguyễn Bỉnh Khiêm,Lương Thế Vinh,Huỳnh Thúc Kháng,Tôn Thất Tùng,Hồ Tùng Mậu,Phan Đăng Lưu,"
    "Ngô Gia Tự,Nguyễn Hữu Thọ,Lê Anh Xuân,Trần Văn Ơn,Nguyễn Đức Cảnh,Nguyễn Thị Minh Khai,"
    "Tô Lâm,Lương Cường,Trần Thanh Mẫn,Phạm Minh Chính,Nguyễn Phú Trọng"
)

#: Capitalised words that are titles or units, never part of a name: a name stops before them.
TITLE_WORDS = _exact(
    "Trưởng,Phó,Bí,Chủ,Giám,Thường,Ủy,Uỷ,Bộ,Tổng,Chánh,Viện,Thứ,Thiếu,Chuẩn,Thượng,Tỉnh,Huyện,"
    "Quận,Xã,Phường,Ban,Phòng,Sở,Cục,Vụ,Tổ,Đoàn,Hội,Đảng,Nhà,Chính,Các,Những,Mỗi,Toàn,Tất,Người,"
    "Dân,Giáo,Bác,Thầy,Cụ,Tiếng,Mẹ,Lãnh,Cán,Đồng,Hiệu,Kế,Kiểm,Đội,Hợp,Trợ,UBND,HĐND,MTTQ"
)

#: Address words that start a part of a home address ("số 12", "ngõ 34", "thôn Đông"…).
ADDRESS_WORDS = _keys(
    "số,số nhà,nhà,ngõ,ngách,hẻm,kiệt,đường,phố,tổ,tổ dân phố,khu phố,kp,khu,khối,thôn,xóm,ấp,"
    "bản,làng,buôn,plei,xã,phường,thị trấn,thị xã,quận,huyện,thành phố,tp,tp.,tỉnh,p.,q.,tx.,"
    "tt.,h.,x.,phòng,căn hộ,chung cư,tòa,toà,tầng,lô,block,khu đô thị,kđt,khu tập thể,ktt"
)
