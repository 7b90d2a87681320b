"""Two plans compared, the place named once at the end ("… kế hoạch A và kế hoạch B của tỉnh Trà Sơn"): the place
frames both, so the first plan is the province's own, not another province's plan on the same topic. (Three plans
written for this test.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import services_over

from assistant.services.container import Services

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH {place}\n\nSố: {number}/KH-UBND\n\n{place_title}, ngày 10 tháng 10 năm 2026\n\nKẾ HOẠCH\n"
PLANS = {
    "ps_tra_son.txt": ("TRÀ SƠN", "Trà Sơn", "41", "Phòng cháy, chữa cháy rừng mùa khô năm 2026 - 2027",
                       "Tổng kinh phí là 9,62 tỷ đồng từ ngân sách tỉnh."),
    "ps_ngoc_lam.txt": ("NGỌC LÂM", "Ngọc Lâm", "77", "Phòng cháy, chữa cháy rừng mùa khô năm 2025 - 2026",
                        "Tổng kinh phí dự kiến của kế hoạch phòng cháy, chữa cháy rừng mùa khô là 27,48 tỷ đồng."),
    "rac_tra_son.txt": ("TRÀ SƠN", "Trà Sơn", "52", "Phân loại chất thải rắn sinh hoạt tại nguồn năm 2026",
                        "Tổng kinh phí thực hiện Kế hoạch là 4,3 tỷ đồng từ nguồn sự nghiệp môi trường."),
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("framed")
    files = []
    for name, (place, place_title, number, title, funds) in PLANS.items():
        text = HEADER.format(place=place, number=number, place_title=place_title) + (
            f"{title}\n\nI. MỤC TIÊU\n\nBảo vệ rừng và môi trường trên địa bàn tỉnh.\n\nII. KINH PHÍ\n\n{funds}\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n\nSở Nông nghiệp và Môi trường chủ trì triển khai Kế hoạch.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n")
        (folder / name).write_text(text, encoding="utf-8")
        files.append(folder / name)
    yield from services_over(folder / "index", files)


def test_a_place_named_once_frames_both_plans_compared(plans: Services) -> None:
    r = plans.ask.ask("So sánh tổng kinh phí dự kiến của kế hoạch phòng cháy, chữa cháy rừng mùa khô 2026 - 2027 và "
                      "kế hoạch phân loại chất thải rắn sinh hoạt tại nguồn năm 2026 của tỉnh Trà Sơn.")
    assert r.answerable, r.answer
    assert "9,62 tỷ đồng" in r.answer and "4,3 tỷ đồng" in r.answer and "27,48" not in r.answer
    assert {c.source for c in r.citations} == {"ps_tra_son.txt", "rac_tra_son.txt"}
