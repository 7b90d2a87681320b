"""Three plans written for this test: a ward's plan whose procedures are listed under "…, gồm:" without a count,
whose targets sit in one numbered list, whose long task names its figure in its last clause, whose "Trọng tâm:"
label leads a) b) c) under a part, and whose signature a scan read across the "Nơi nhận" column; a provincial Party
committee's resolution on the digital economy; and a district's plan carrying it out, whose title repeats the
resolution's. Questions ask how many things a list has and what they are, whose plan a number is with its grounds
and signer, two targets in one sentence, the figure at the end of a task, the items under a label, the resolution
by the body that issued it, and the two plans' digital-economy targets side by side; twins ask what no plan says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"
FILES = [FIXTURES / "ward_digital_plan.txt", FIXTURES / "digital_economy_resolution.txt",
         FIXTURES / "digital_economy_district_plan.txt"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("ward_digital"), FILES)


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # how many, with what they are: the list introduced by "…, gồm:" answers, its items counted
    ("Phường An Khánh sẽ tiếp nhận mấy thủ tục hành chính trên môi trường số, gồm những thủ tục gì?",
     ["Đăng ký khai sinh trực tuyến", "Xác nhận tình trạng hôn nhân"], []),
    # whose plan a number is, what it carries out and who signed it (the signer read beside "Nơi nhận")
    ("Kế hoạch số 37/KH-UBND là của địa phương nào, thực hiện văn bản nào và ai ký?",
     ["PHƯỜNG AN KHÁNH", "12/CT-UBND", "Trịnh Minh Quang"], []),
    # two targets in one sentence, a comma listing nouns inside the first
    ("Kế hoạch chuyển đổi số phường An Khánh năm 2026: bao nhiêu phần trăm cơ quan, đơn vị trong phường được trang "
     "bị máy móc, thiết bị mới, và thời gian giải quyết thủ tục hành chính phải cắt giảm tối thiểu bao nhiêu?", ["70%", "25%"],
     []),
    # a long task's figure in its last clause is what a share asked is answered with
    ("Kế hoạch chuyển đổi số phường An Khánh yêu cầu số hóa kết quả giải quyết thủ tục với tỷ lệ tối thiểu bao "
     "nhiêu hồ sơ?", ["85%"], []),
    # the items under a "Trọng tâm:" label of the part asked
    ("Trong lĩnh vực hạ tầng, kế hoạch chuyển đổi số phường An Khánh đặt ra những trọng tâm nào?",
     ["camera giám sát", "Sao lưu dữ liệu"], []),
    # the resolution the Tỉnh ủy issued, not the district's plan whose title names it
    ("Nghị quyết của Tỉnh ủy Hải Vân về phát triển kinh tế số giao cơ quan nào theo dõi, đánh giá kết quả thực "
     "hiện?", ["Văn phòng Tỉnh ủy"], ["Phòng Kinh tế huyện"]),
    # a plan named with the department that drafted it, by its abbreviation ("Sở KH&CN trình"): a unit's name, no
    # topic the figure's passage must say
    ("KH phát triển kinh tế số huyện Đông Sơn (Phòng KH&CN trình): kinh tế số phải chiếm bao nhiêu % GRDP huyện?",
     ["20% GRDP"], []),
    # each side's digital-economy target, though "kinh tế số" is in one plan's title
    ("Mục tiêu kinh tế số đến năm 2030 của huyện Đông Sơn có cao hơn Nghị quyết 05-NQ/TU không? Mỗi bên là bao "
     "nhiêu?", ["20% GRDP", "25% GRDP"], []),
])
def test_answered_as_written(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


@pytest.mark.parametrize("question", [
    # a clock time: the plan sets a day of the month, no hour
    "Theo kế hoạch chuyển đổi số phường An Khánh, báo cáo hằng tháng phải gửi trước mấy giờ?",
    # a level by its number, a band in MHz, names given as examples: none of them said
    "Kế hoạch chuyển đổi số phường An Khánh yêu cầu bảo đảm an toàn thông tin cấp mấy?",
    "Đường truyền số liệu chuyên dùng của phường An Khánh dùng băng tần nào (MHz)?",
    "Camera giám sát tại trụ sở phường An Khánh dùng phần mềm nào (Hikvision, Dahua)?",
    # a choice the question ends on, a grade by its number, where the money comes from: none said
    "Báo cáo hằng tháng của phường An Khánh gửi bằng văn bản giấy hay qua thư điện tử?",
    "Kế hoạch chuyển đổi số phường An Khánh tập huấn kỹ năng số cho học sinh từ lớp mấy?",
])
def test_what_no_plan_says_is_refused(plans: Services, question: str) -> None:
    r = plans.ask.ask(question)
    assert not r.answerable, r.answer
