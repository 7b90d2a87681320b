"""A joint plan ("Kế hoạch liên tịch"), as two bodies issue one: a Word header of two columns, each body's name
over its own number, the motto and the date merged below; "KẾ HOẠCH LIÊN TỊCH" over the subject; both bodies'
signature blocks side by side, then "Nơi nhận". Both bodies issue it, both signers sign it (neither name is
personal data to hide), and it is known by either number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services
from ingest.load import load_document
from ingest.metadata import extract_metadata
from ingest.normalize import normalize_text

BODY = [
    "KẾ HOẠCH LIÊN TỊCH",
    "Phối hợp tuyên truyền, phổ biến pháp luật về hôn nhân và gia đình cho phụ nữ năm 2026",
    "Thực hiện Chương trình phối hợp số 05/CTrPH-BTP-TWHLHPNVN ngày 12 tháng 3 năm 2024 giữa Bộ Tư pháp và Trung ương "
    "Hội Liên hiệp Phụ nữ Việt Nam, Sở Tư pháp và Hội Liên hiệp Phụ nữ tỉnh thống nhất ban hành Kế hoạch liên tịch "
    "như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Nâng cao hiểu biết pháp luật về hôn nhân và gia đình cho hội viên phụ nữ.",
    "II. CHỈ TIÊU",
    "- 90% chi hội phụ nữ tổ chức ít nhất 02 buổi sinh hoạt chuyên đề pháp luật về hôn nhân và gia đình.",
    "III. NỘI DUNG PHỐI HỢP",
    "1. Biên soạn 5.000 tờ gấp pháp luật về phòng, chống bạo lực gia đình: Sở Tư pháp chủ trì, Hội Liên hiệp Phụ nữ "
    "tỉnh phối hợp; hoàn thành trước ngày 30/4/2026.",
    "2. Tổ chức Hội thi “Phụ nữ tìm hiểu pháp luật” cấp tỉnh: Hội Liên hiệp Phụ nữ tỉnh chủ trì, Sở Tư pháp phối hợp; "
    "tổ chức trong tháng 10/2026.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Hội Liên hiệp Phụ nữ tỉnh tổng hợp báo cáo chung gửi Ủy ban nhân dân tỉnh trước ngày 15/12/2026.",
]


def joint_plan(path: Path) -> Path:
    document = docx.Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "SỞ TƯ PHÁP TỈNH HÀ TIÊN\nSố: 88/KH-STP"
    head.cell(0, 1).text = "HỘI LIÊN HIỆP PHỤ NỮ TỈNH HÀ TIÊN\nSố: 21/KH-HLHPN"
    head.cell(1, 0).merge(head.cell(1, 1)).text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                                   "Hà Tiên, ngày 09 tháng 02 năm 2026")
    for line in BODY:
        document.add_paragraph(line)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "TM. BAN THƯỜNG VỤ\nHỘI LIÊN HIỆP PHỤ NỮ TỈNH\nCHỦ TỊCH\n\nPhạm Thị Hồng Vân"
    sign.cell(0, 1).text = "KT. GIÁM ĐỐC\nSỞ TƯ PHÁP\nPHÓ GIÁM ĐỐC\n\nNguyễn Hữu Thành"
    document.add_paragraph("Nơi nhận:\n- UBND tỉnh;\n- Bộ Tư pháp;\n- Lưu: VT (STP, HLHPN).")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("joint")
    yield from services_over(folder / "data", [joint_plan(folder / "ke_hoach_lien_tich.docx")])


def test_each_body_over_its_number_with_the_motto_below_the_table(tmp_path: Path) -> None:
    """The joint header laid out as two cells only, each body's name over its own number, the motto and the date
    typed under the table: the cells are read one after the other, not run together on one line."""
    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI\nTỈNH VĨNH PHONG\n──────\nSố: 152/KH-BHXH"
    head.cell(0, 1).text = "HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN\nTỈNH VĨNH PHONG\n──────\nSố: 47-KH/HNDT"
    for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Vĩnh Phong, ngày 16 tháng 01 năm 2026", "KẾ HOẠCH PHỐI HỢP",
                 "Tuyên truyền, vận động nông dân tham gia bảo hiểm xã hội tự nguyện năm 2026", "───────",
                 "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức của hội viên nông dân."]:
        document.add_paragraph(line)
    document.save(tmp_path / "phoi_hop.docx")
    meta = extract_metadata(normalize_text(load_document(tmp_path / "phoi_hop.docx").text)[0])
    assert meta["title"] == "Kế hoạch phối hợp tuyên truyền, vận động nông dân tham gia bảo hiểm xã hội tự nguyện năm 2026"
    assert meta["doc_number"] == "152/KH-BHXH" and "47-KH/HNDT" in meta["references"]
    assert meta["issuer"] == "Bảo hiểm xã hội tỉnh Vĩnh Phong và BCH Hội Nông dân tỉnh Vĩnh Phong"


def test_both_bodies_issue_it_under_its_subject(tmp_path: Path) -> None:
    text, _ = normalize_text(load_document(joint_plan(tmp_path / "lien_tich.docx")).text)
    meta = extract_metadata(text)
    assert meta["title"] == ("Kế hoạch liên tịch phối hợp tuyên truyền, phổ biến pháp luật về hôn nhân và gia đình "
                             "cho phụ nữ năm 2026")
    assert meta["issuer"] == "Sở Tư pháp tỉnh Hà Tiên và Hội Liên hiệp Phụ nữ tỉnh Hà Tiên"
    assert (meta["doc_number"], meta["issued_date"], meta["signer"]) == ("88/KH-STP", "2026-02-09", "Nguyễn Hữu Thành")
    assert "21/KH-HLHPN" in meta["references"]


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # both signers, each under the body they sign for (the first is no personal data to hide)
    ("Kế hoạch liên tịch tuyên truyền pháp luật về hôn nhân và gia đình cho phụ nữ năm 2026 do ai ký?",
     ["Phạm Thị Hồng Vân", "Nguyễn Hữu Thành"], ["[HỌ TÊN]", "Người ký: KT. GIÁM ĐỐC, SỞ TƯ PHÁP;"]),
    ("Kế hoạch liên tịch về pháp luật hôn nhân và gia đình cho phụ nữ do những cơ quan nào ban hành?",
     ["SỞ TƯ PHÁP TỈNH HÀ TIÊN", "HỘI LIÊN HIỆP PHỤ NỮ TỈNH HÀ TIÊN"], []),
    ("Kế hoạch liên tịch tuyên truyền pháp luật hôn nhân và gia đình cho phụ nữ có số hiệu là gì?",
     ["88/KH-STP", "21/KH-HLHPN"], []),
    # the plan named by the bodies issuing it; "nội dung phối hợp" asks what is done together, not who co-operates
    ("Kế hoạch liên tịch giữa Sở Tư pháp và Hội Liên hiệp Phụ nữ tỉnh Hà Tiên gồm những nội dung phối hợp nào?",
     ["5.000 tờ gấp", "Phụ nữ tìm hiểu pháp luật"], []),
])
def test_a_joint_plan_is_answered_for_both_bodies(plan: Services, question: str, facts: list[str],
                                                  not_said: list[str]) -> None:
    assert_answered(plan, question, facts, not_said)
