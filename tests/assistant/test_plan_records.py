"""A province's decision carrying its plan for one year, written for this test as such plans are written: the
decision's number, date and signer above the plan, targets that name no year (the plan's own year), a funding
section of several amounts, an annex of items each with labelled detail lines ("Công suất: …", "Nguồn vốn: …"), a
tab-separated table with a column per year under "Đơn vị tính: km", and a task table with figures per year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_answered, services_over

from assistant.services.container import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"
PLANS = [FIXTURES / "canal_decision_plan.txt", FIXTURES / "commune_tourism_plan.md"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    yield from services_over(tmp_path_factory.mktemp("records"), PLANS)


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    # the decision carrying the plan: its number, its date and its signer, each from the header or signature
    ("Kế hoạch kiên cố hóa kênh mương nội đồng tỉnh Hòa Sơn năm 2027 được ban hành kèm theo quyết định số mấy, "
     "ngày nào, ai ký?", ["412/QĐ-UBND", "08 tháng 01 năm 2027", "Hà Văn Toản"], []),
    # a plan for one year: its targets need not say the year again
    ("Năm 2027 tỉnh Hòa Sơn đặt chỉ tiêu tỷ lệ kênh mương loại III được kiên cố hóa là bao nhiêu phần trăm?",
     ["72%"], []),
    # the second part of a question is read in the section that answers it, not in the first part's passage
    ("Tổng kinh phí kế hoạch kiên cố hóa kênh mương Hòa Sơn năm 2027 là bao nhiêu, và kinh phí duy tu, bảo dưỡng "
     "trạm bơm điện mỗi năm là bao nhiêu?", ["126 tỷ đồng", "3,6 tỷ đồng/năm"], []),
    # an annex item's labelled detail lines answer together, under the item's name
    ("Theo phụ lục I của kế hoạch kênh mương Hòa Sơn, trạm bơm Bãi Sậy có công suất bao nhiêu, từ nguồn vốn nào, "
     "năm nào hoàn thành?", ["Bãi Sậy", "800 m3/h", "ngân sách huyện", "2028"], []),
    # a table with a column per year, headed "STT | Huyện | 2027 | …": every year when each year is asked
    ("Theo phụ lục II kế hoạch kênh mương Hòa Sơn, huyện Tân Hòa kiên cố hóa bao nhiêu km kênh mương mỗi năm "
     "từ 2027 đến 2029?", ["2027: 35", "2028: 33", "2029: 30", "Tổng: 98"], []),
    # a task row's figures per year beside who leads it
    ("Trong phụ lục III kế hoạch kênh mương Hòa Sơn, chỉ tiêu nạo vét kênh trục chính từng năm và cả giai đoạn là "
     "bao nhiêu, ai chủ trì?", ["Công ty TNHH MTV Khai thác thủy lợi Hòa Sơn", "2028: 45", "Tổng: 135"], []),
    # a unit's duties, each with when it is due and what it delivers
    ("Ủy ban nhân dân các huyện tỉnh Hòa Sơn có những nhiệm vụ gì trong kế hoạch kiên cố hóa kênh mương năm 2027?",
     ["Tổ chức thi công các tuyến kênh", "sản phẩm: 85 km kênh được nghiệm thu"], []),
    # what a plan says of a task written field by field: all of it, not one field
    ("Kế hoạch kênh mương Hòa Sơn năm 2027 nói gì về vận hành thử nghiệm hệ thống quan trắc mực nước tự động?",
     ["tháng 9/2027", "12 trạm đo mực nước"], []),
    # what a task titled by its heading does, asked with no field: its own lines ("Nội dung: …"), not the title again
    ("Hệ thống quan trắc mực nước tự động trong kế hoạch kênh mương Hòa Sơn năm 2027 có chức năng gì?",
     ["cảnh báo ngập úng"], []),
    # the parts a named part is made of: the headings under it
    ("Phần II của chương trình hành động 12-CTr/ĐU xã Tân Lập gồm những nhóm nhiệm vụ, giải pháp nào?",
     ["Phát triển sản phẩm du lịch", "Ứng dụng khoa học, công nghệ"], ["lễ hội"]),
    # "A …, còn B …?": each unit's own plan answers its part
    ("UBND tỉnh Hòa Sơn đặt chỉ tiêu kiên cố hóa thêm bao nhiêu km kênh mương, còn Đảng ủy xã Tân Lập đặt mục tiêu đón "
     "bao nhiêu lượt khách mỗi năm?", ["85 km", "50.000 lượt khách"], []),
    # typed without diacritics: "de tang" (để tăng) is read as one guessed word no plan says; "so tai chinh" is a unit
    ("Ke hoach kenh muong Hoa Son nam 2027 de tang dien tich tuoi chu dong them bao nhieu ha?", ["1.500 ha"], []),
    # a comparison: the years naming one plan are not asked of the other
    ("So sánh hạn báo cáo năm trong Kế hoạch kênh mương 2027 của tỉnh Hòa Sơn và Chương trình hành động du lịch "
     "2026 - 2030 của xã Tân Lập: hạn là ngày nào ở mỗi kế hoạch?", ["15/12/2027", "10/11"], []),
])
def test_answered_from_its_own_layout(plans: Services, question: str, facts: list[str], not_said: list[str]) -> None:
    assert_answered(plans, question, facts, not_said)


def test_a_figure_asked_of_a_place_is_given_only_by_a_passage_naming_it(plans: Services) -> None:
    """The province's 72% is no figure of huyện Tân Hòa, which the plan names elsewhere (a pumping station, an annex
    row); the plan's own province need not be repeated, and a question may open on its name."""
    r = plans.ask.ask("Kế hoạch kênh mương tỉnh Hòa Sơn năm 2027: huyện Tân Hòa phải đạt tỷ lệ kênh mương loại III được "
                      "kiên cố hóa bao nhiêu phần trăm?")
    assert "72%" not in r.answer, r.answer
    assert_answered(plans, "Năm 2027 tỉnh Hòa Sơn đặt chỉ tiêu tỷ lệ kênh mương loại III được kiên cố hóa là bao "
                           "nhiêu phần trăm?", ["72%"], [])
    assert_answered(plans, "Hòa Sơn đặt chỉ tiêu tỷ lệ kênh mương loại III được kiên cố hóa năm 2027 là bao nhiêu "
                           "phần trăm?", ["72%"], [])


def test_a_question_typed_without_diacritics_is_searched_by_its_folded_terms(plans: Services) -> None:
    """The dense model read accented Vietnamese: typed without diacritics, the sparse index's folded terms find the
    plan (both plans are about places and plans; only one says "tram bom", "cong suat")."""
    r = plans.ask.ask("tram bom Bai Say cua tinh Hoa Son co cong suat bao nhieu?")
    assert r.retrieved[0] == "canal_decision_plan.txt"
    assert r.answerable and "800 m3/h" in r.answer, r.answer


def test_a_part_named_in_a_plan_outside_the_scope_is_not_read(plans: Services) -> None:
    """The plan a question names is found among all plans' titles, which know no scopes: the headings listed come
    only from a plan the caller may read."""
    from assistant.components.vector_store import AccessScope

    canal = next(d for d in plans.registry.list_documents() if d.source == "canal_decision_plan.txt")
    r = plans.ask.ask("Phần II của chương trình hành động 12-CTr/ĐU xã Tân Lập gồm những nhóm nhiệm vụ, giải pháp "
                      "nào?", scope=AccessScope(doc_ids=[canal.doc_id]))
    assert "Phát triển sản phẩm du lịch" not in r.answer
    assert all(c.doc_id == canal.doc_id for c in r.citations)


def test_a_figure_is_given_by_a_passage_saying_what_it_is_of(plans: Services) -> None:
    """The plan's 100% is of pumping stations inspected before the storm season; a share of them maintained is no
    share it sets, though it speaks of maintaining them elsewhere (their upkeep's cost)."""
    r = plans.ask.ask("Năm 2027 tỉnh Hòa Sơn đặt chỉ tiêu tỷ lệ trạm bơm điện được duy tu, bảo dưỡng trước mùa mưa bão "
                      "là bao nhiêu phần trăm?")
    assert not r.answerable and "100%" not in r.answer, r.answer
    assert_answered(plans, "Năm 2027 tỉnh Hòa Sơn đặt chỉ tiêu tỷ lệ trạm bơm điện được kiểm định an toàn trước mùa "
                           "mưa bão là bao nhiêu phần trăm?", ["100%"], [])


def test_the_document_a_decision_replaces(plans: Services) -> None:
    """"… thay thế quyết định nào?" is answered by the article saying so, with the number; a plan that replaces
    nothing says nothing of it."""
    assert_answered(plans, "Quyết định ban hành kế hoạch kênh mương Hòa Sơn năm 2027 thay thế quyết định nào?",
                    ["95/QĐ-UBND"], [])
    r = plans.ask.ask("Chương trình hành động du lịch của Đảng ủy xã Tân Lập thay thế văn bản nào ban hành trước đó?")
    assert not r.answerable, r.answer


def test_a_date_is_of_the_task_its_passage_says(plans: Services) -> None:
    """A task the plan dates nowhere has no deadline, though the tasks beside it have one ("Quý I/2027"): a dated
    passage saying little of the task asked dates another task."""
    r = plans.ask.ask("Kế hoạch kênh mương Hòa Sơn năm 2027 yêu cầu lắp đặt camera giám sát an ninh tại các trạm bơm "
                      "phải hoàn thành khi nào?")
    assert not r.answerable and "2027" not in r.answer, r.answer
    assert_answered(plans, "Kế hoạch kênh mương Hòa Sơn năm 2027 yêu cầu hướng dẫn thiết kế mẫu kênh bê tông đúc sẵn "
                           "cho các xã phải hoàn thành khi nào?", ["Quý I/2027"], [])


def test_a_figure_asked_of_a_district_leads_with_its_row(plans: Services) -> None:
    """The province's target sentence says more of the question's words; the district's row of the table by district
    answers for the district (refused before: the leading passage named no district)."""
    assert_answered(plans, "Chỉ tiêu kiên cố hóa thêm kênh mương nội đồng năm 2027 giao cho huyện Phù Vân là bao nhiêu "
                           "km?", ["Huyện Phù Vân", "2027: 20 km"], [])


def test_plans_compared_are_each_of_their_own_places(plans: Services) -> None:
    """Two plans named by their places: a passage of the province's plan need not name the commune, nor the
    districts the asker adds to the province (a date asked of a place is asked of its plan)."""
    assert_answered(plans, "Hạn báo cáo năm trong Kế hoạch kênh mương 2027 của tỉnh Hòa Sơn (gồm huyện Lạc Khê, huyện "
                           "Tân Hòa) và trong Chương trình hành động du lịch 2026 - 2030 của xã Tân Lập lần lượt là ngày "
                           "nào?", ["15/12/2027", "10/11"], [])


def test_a_deadline_is_of_the_unit_its_task_names(plans: Services) -> None:
    """A unit asked about the deadline of a task led by another, which the task does not name, has none there; the
    unit leading it, or one co-ordinating it, has that deadline."""
    r = plans.ask.ask("Công an tỉnh Hòa Sơn phải tổ chức thi công các tuyến kênh theo danh mục tại Phụ lục II trước "
                      "ngày nào?")
    assert not r.answerable and "30/11/2027" not in r.answer, r.answer
    assert_answered(plans, "Ủy ban nhân dân các huyện phải tổ chức thi công các tuyến kênh theo danh mục tại Phụ lục II "
                           "trước ngày nào?", ["30/11/2027"], [])
    assert_answered(plans, "Sở Nông nghiệp và Môi trường phối hợp hướng dẫn thiết kế mẫu kênh bê tông đúc sẵn cho các "
                           "xã phải xong khi nào?", ["Quý I/2027"], [])


def test_how_often_is_answered_by_a_frequency_of_that_act(plans: Services) -> None:
    """"bao lâu một lần" is answered by "hằng quý" said of the report; a meeting the plan sets no frequency for is
    refused, though the plan reports quarterly."""
    assert_answered(plans, "Ủy ban nhân dân các huyện tỉnh Hòa Sơn bao lâu phải báo cáo kết quả thi công về Sở Nông "
                           "nghiệp và Môi trường một lần?", ["hằng quý"], [])
    r = plans.ask.ask("Sở Nông nghiệp và Môi trường tỉnh Hòa Sơn họp giao ban với các huyện về kênh mương mấy lần một "
                      "năm?")
    assert not r.answerable, r.answer
