"""The quote window: the clauses of a long passage that answer, ended where a clause ends."""

from __future__ import annotations

import re

import pytest

from assistant.services.evidence import best_window, content_terms

TARGETS = ("Hằng năm, số vụ phạm tội về ma túy tại khu vực biên giới được phát hiện, bắt giữ tăng trên 03%; "
           "số vụ phạm tội về ma túy có tổ chức xuyên quốc gia được phát hiện, bắt giữ tăng trên 03%; "
           "số vụ phạm tội về ma túy lợi dụng không gian mạng được phát hiện, triệt phá tăng trên 05%.")
PERCENT = re.compile(r"\d\s*%")


def window(question: str, text: str, limit: int) -> str:
    offset, quote = best_window(text, set(content_terms(question)), PERCENT, limit)
    assert text[offset:offset + len(quote)] == quote
    return quote


def test_the_clause_with_the_words_only_it_says_is_quoted_whole() -> None:
    """Every clause says "số vụ … tăng"; only the last says "không gian mạng", and its figure is the answer."""
    quote = window("số vụ phạm tội ma túy lợi dụng không gian mạng phải tăng bao nhiêu mỗi năm?", TARGETS, 200)
    assert "lợi dụng không gian mạng" in quote and quote.endswith("tăng trên 05%.")


def test_a_quote_ends_at_a_clause_end_when_one_fits() -> None:
    quote = window("số vụ phạm tội có tổ chức xuyên quốc gia tăng bao nhiêu?", TARGETS, 200)
    assert "xuyên quốc gia" in quote and quote.endswith("tăng trên 03%")
    assert not quote.endswith("được phát hiện")


def test_a_clause_longer_than_the_limit_is_quoted_where_the_value_asked_is() -> None:
    """One clause of 330 characters without a comma; the proposal's number is past the limit from its start."""
    preamble = ("Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ và Bộ trưởng Bộ Thông tin và Truyền thông cùng "
                "Thủ trưởng các cơ quan ngang bộ và cơ quan thuộc Chính phủ có liên quan đến việc triển khai thực hiện "
                "tại Tờ trình số 04/TTr-BKHCN-BTTTT ngày 02 tháng 01 năm 2025 về Chương trình hành động của Chính phủ "
                "thực hiện Nghị quyết của Bộ Chính trị về đột phá phát triển khoa học, công nghệ;")
    proposal = re.compile(r"Tờ trình\s+số\s*\d")
    offset, quote = best_window(preamble, set(content_terms("được ban hành theo tờ trình số mấy?")), proposal, 200)
    assert preamble[offset:offset + len(quote)] == quote and len(quote) <= 200
    assert "Tờ trình số 04/TTr-BKHCN-BTTTT" in quote and not quote.endswith(" ")


def test_a_short_passage_is_quoted_whole() -> None:
    assert window("tăng bao nhiêu?", TARGETS, 1000) == TARGETS


def test_a_unit_giving_every_kind_of_fact_asked_fits_best() -> None:
    """"Hạn báo cáo …": a sentence with the report and its date fits better than one that only mentions reports."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _intent_fit
    from assistant.services.question import analyse

    def unit(text: str):  # type: ignore[no-untyped-def]
        (u,) = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "V"}), 0)
        return u

    both = unit("Định kỳ gửi báo cáo kết quả thực hiện trước ngày 15/11 hằng năm về Sở Tài chính.")
    period = unit("Các cơ quan theo dõi, đánh giá kết quả thực hiện hằng năm.")
    report = unit("Các cơ quan báo cáo kết quả thực hiện về Sở Tài chính.")
    q = analyse("Hạn báo cáo kết quả hằng năm là khi nào?")
    assert q.wants("deadline") and q.wants("reporting")
    assert (_intent_fit(both, q), _intent_fit(period, q), _intent_fit(report, q)) == (1.0, 0.5, 0.5)
    assert _intent_fit(period, analyse("Việc đánh giá kết quả thực hiện khi nào?")) == 1.0  # only a time asked


def test_a_date_the_question_says_itself_dates_nothing_asked() -> None:
    """"Hội chợ … năm 2026 dự kiến tổ chức khi nào?": a duty naming the fair by its year gives no time; the annex row
    "Tháng 11/2026" does."""
    from assistant.services.extractive import _intent_fit
    from assistant.services.question import analyse

    q = analyse("Ai chủ trì tổ chức Hội chợ sản phẩm hợp tác xã năm 2026 và dự kiến tổ chức khi nào?")
    assert _intent_fit(_one_unit("Chủ trì tổ chức Hội chợ sản phẩm hợp tác xã năm 2026; hỗ trợ đưa sản phẩm lên sàn "
                                 "thương mại điện tử."), q) == 0.5
    assert _intent_fit(_one_unit("Sở Công Thương chủ trì tổ chức Hội chợ sản phẩm hợp tác xã trong tháng 11/2026."),
                       q) == 1.0


def test_a_row_the_question_names_by_its_whole_label_is_preferred() -> None:
    """"Ngân sách tỉnh bố trí bao nhiêu …": the row labelled "Ngân sách tỉnh (sự nghiệp y tế năm 2026)", not the row
    "Ngân sách xã, phường (hỗ trợ tổ chức buổi tiêm …)" sharing "ngân sách" and more of the question's topic."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import folded_syllables, split_units
    from assistant.services.extractive import _label_said

    def row(cells: dict[str, str]):  # type: ignore[no-untyped-def]
        text = "| " + " | ".join(cells.values()) + " |"
        payload = {"text": text, "start": 0, "doc_id": "d", "section": "III. KINH PHÍ", "kind": "table_row",
                   "cells": cells}
        (u,) = split_units(ScoredChunk("c", 1.0, payload), 0)
        return u

    asked = set(folded_syllables("Ngân sách tỉnh bố trí bao nhiêu cho công tác tiêm chủng mở rộng năm 2026?"))
    assert _label_said(row({"STT": "2", "Nguồn": "Ngân sách tỉnh (sự nghiệp y tế năm 2026)", "Số tiền": "4.860"}),
                       asked)
    assert not _label_said(row({"STT": "3", "Nguồn": "Ngân sách xã, phường (hỗ trợ tổ chức buổi tiêm)",
                                "Số tiền": "1.150"}), asked)
    assert not _label_said(row({"STT": "1", "Nguồn": "Tiêm", "Số tiền": "9"}), asked)  # one word names no row


def test_an_item_of_a_funding_section_gives_funding() -> None:
    """"- Ngân sách địa phương: …" says nothing of "kinh phí"; its section "6. Kinh phí thực hiện" does."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _intent_fit
    from assistant.services.question import analyse

    def unit(text: str, section: str):  # type: ignore[no-untyped-def]
        (u,) = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": section}), 0)
        return u

    q = analyse("Kinh phí thực hiện kế hoạch gồm những nguồn nào?")
    assert q.wants("funding")
    assert _intent_fit(unit("- Hỗ trợ từ Trung ương theo các chương trình.", "II > 6. Kinh phí thực hiện"), q) == 1.0
    assert _intent_fit(unit("- Hỗ trợ doanh nghiệp chuyển đổi số.", "II > 3. Nhiệm vụ"), q) == 0.0


def test_the_unit_owning_the_plan_named_is_not_the_one_asked_about() -> None:
    """"Kế hoạch của Đảng đoàn Quốc hội … giao Tổ đảng …": the duties asked are the Tổ đảng's, whichever plan the
    best passage found comes from."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _subjects
    from assistant.services.question import analyse

    payload = {"text": "Thể chế là điều kiện tiên quyết.", "start": 0, "doc_id": "d", "section": "",
               "title": "Nghị quyết về đột phá phát triển khoa học, công nghệ", "issuer": "Bộ Chính trị"}
    (top,) = split_units(ScoredChunk("c", 1.0, payload), 0)
    q = analyse("Kế hoạch của Đảng đoàn Quốc hội về Nghị quyết 57 giao Tổ đảng ở Thường trực Ủy ban Pháp luật "
                "thẩm tra những dự án luật nào?")
    [subject] = _subjects(q, top)
    assert subject.startswith("to dang o thuong truc uy ban phap luat")


def test_an_items_labelled_detail_lines_are_one_unit() -> None:
    """"Số lượng: 04 xe / Nguồn vốn: … / Năm đầu tư: …" under "2. Xe thang …": the item's facts answer together;
    lines of any other kind stay units of their own."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    def units(text: str):  # type: ignore[no-untyped-def]
        return split_units(ScoredChunk("c", 1.0, {"text": text, "start": 100, "doc_id": "d", "section": "PHỤ LỤC"}), 0)

    record = "Công suất: 800 m3/h\nNguồn vốn: ngân sách huyện; xã hội hóa\nNăm hoàn thành: 2028"
    (u,) = units(record)
    assert u.record and (u.start, u.end, u.text) == (100, 100 + len(record), record)
    mixed = units("Công suất: 800 m3/h\nTrạm bơm được đầu tư từ ngân sách huyện.")
    assert len(mixed) == 2 and not any(m.record for m in mixed)


def test_a_total_and_its_listed_parts_are_one_unit_beside_their_lines() -> None:
    """"Tổng kinh phí … là 209.000 triệu đồng, gồm:" and the labelled figures under it answer together ("tổng … trong
    đó ngân sách tỉnh bao nhiêu"); each line still answers alone. A list of duties under a colon is no such total."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    def units(text: str):  # type: ignore[no-untyped-def]
        return split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "KINH PHÍ"}), 0)

    total = ("1. Tổng kinh phí đầu tư là 209.000 triệu đồng, gồm:\n\n- Ngân sách tỉnh: 96.100 triệu đồng;\n\n"
             "- Vốn xã hội hóa (doanh nghiệp đầu tư): 69.300 triệu đồng.")
    found = units(total)
    assert [u.text for u in found if u.record] == [total]
    assert len([u for u in found if not u.record]) == 3
    duties = units("Sở Y tế có nhiệm vụ:\n- Chủ trì tập huấn cho cán bộ;\n- Phối hợp kiểm tra các cơ sở.")
    assert not any(u.record for u in duties)


def test_a_line_opening_with_its_assignment_belongs_to_that_task() -> None:
    """"a) Giao Công an huyện chủ trì, …; hoàn thành trước …": the assignment ends at the first ";", the line runs
    on; the line still answers as that task's (its lead, co-units), so a unit's duties list it."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    text = ("a) Giao Công an huyện chủ trì, phối hợp với Ủy ban nhân dân các xã kiểm tra 420 cơ sở theo chỉ tiêu năm; "
            "trong đó kiểm tra đột xuất 10% số cơ sở.")
    task = {"start": 0, "end": text.index(";"), "source": "sentence",
            "fields": {"lead": {"text": "Công an huyện", "start": 8, "end": 21}}}
    (u,) = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "3. Kiểm tra",
                                              "tasks": [task]}), 0)
    assert u.task is task and u.fields["lead"]["text"] == "Công an huyện"


def test_the_issuer_with_its_place_names_the_plan_not_a_unit_asked_about() -> None:
    """"Sở Y tế Đông Hải đề nghị những sở, ngành nào phối hợp …?": the issuer ("Sở Y tế") with the place its title
    names asks of the plan; the units asked are the ones it lists."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _subjects
    from assistant.services.question import analyse

    payload = {"text": "- Sở Tài chính: bố trí kinh phí.", "start": 0, "doc_id": "d", "section": "",
               "title": "Kế hoạch tiêm chủng mở rộng trên địa bàn tỉnh Đông Hải giai đoạn 2026 - 2030",
               "issuer": "Sở Y tế"}
    (top,) = split_units(ScoredChunk("c", 1.0, payload), 0)
    q = analyse("Sở Y tế Đông Hải đề nghị những sở, ngành, địa phương nào phối hợp thực hiện kế hoạch tiêm chủng?")
    assert _subjects(q, top) == []
    q = analyse("Sở Y tế Hà Nam giao những nhiệm vụ gì trong kế hoạch tiêm chủng?")  # another place: another Sở
    assert _subjects(q, top) == ["so y te ha nam"]


def test_a_title_in_quotes_is_not_cut_at_its_comma() -> None:
    text = ("Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Dự án 6: "
            "“Tăng cường đáp ứng y tế trong phòng, chống ma túy” trên địa bàn tỉnh (khi Bộ Y tế có văn bản triển khai).")
    _, quote = best_window(text, set(content_terms("Sở Y tế chủ trì dự án nào về đáp ứng y tế")), None, 120)
    assert "phòng" not in quote or "chống ma túy”" in quote, quote



def test_a_name_stays_with_the_quoted_title_it_announces() -> None:
    """"Dự án 6: “Tăng cường …”": the colon announcing a title in quotes is no clause end to cut at."""
    text = ("Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế tổ chức triển khai "
            "thực hiện Dự án 6: “Tăng cường đáp ứng y tế trong phòng, chống ma túy” trên địa bàn tỉnh (khi Bộ Y tế có "
            "văn bản triển khai).")
    question = "Sở Y tế có phải chủ trì Dự án 6 “Tăng cường đáp ứng y tế trong phòng, chống ma túy” không?"
    _, quote = best_window(text, set(content_terms(question)), None, 170)
    assert "Dự án 6" in quote, quote


@pytest.mark.parametrize(("text", "said"), [
    # little longer than the limit: said whole, the half past the comma answers
    ("Trường hợp không cân đối được kinh phí thực hiện, các đơn vị có văn bản đề xuất, gửi Sở Khoa học và Công nghệ "
     "tổng hợp, chủ trì, phối hợp với Sở Tài chính, báo cáo UBND Thành phố bổ sung kinh phí theo quy định.",
     "bổ sung kinh phí theo quy định."),
    # far longer: still cut, at a clause
    ("Trường hợp không cân đối được kinh phí thực hiện, các đơn vị có văn bản đề xuất, gửi Sở Khoa học và Công nghệ "
     "tổng hợp, chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ, Sở Tư pháp, Văn phòng Ủy ban nhân dân Thành phố và "
     "các cơ quan liên quan, báo cáo UBND Thành phố xem xét, quyết định bổ sung kinh phí theo quy định.", None),
])
def test_a_sentence_little_longer_than_a_quote_is_said_whole(text: str, said: str | None) -> None:
    _, quote = best_window(text, set(content_terms("không cân đối được kinh phí thì đề xuất gửi ai?")), None, 170)
    assert quote.endswith(said) if said else len(quote) <= 170, quote


def test_a_clause_opening_on_its_own_subject_is_not_widened_back() -> None:
    """"…, Sở Tài chính thẩm định …": the clause asked is said from its subject, not with another unit's date."""
    text = ("Sở Xây dựng chủ trì hoàn thành rà soát danh mục công trình trước ngày 30 tháng 6 năm 2026, Sở Tài chính "
            "thẩm định dự toán và báo cáo UBND tỉnh trước ngày 15 tháng 9 năm 2026.")
    question = "Sở Tài chính thẩm định dự toán và báo cáo UBND tỉnh trước ngày nào?"
    _, quote = best_window(text, set(content_terms(question)), None, 170)
    assert quote.startswith("Sở Tài chính") and "30 tháng 6" not in quote, quote


def test_a_provinces_product_is_compared_as_gdp() -> None:
    """"bao nhiêu phần trăm GDP" of a provincial plan: its "GRDP" is the same term."""
    assert content_terms("Kinh tế số chiếm 45% GRDP tỉnh") == content_terms("Kinh tế số chiếm 45% GDP tỉnh")


def test_a_syllable_written_with_y_or_i_is_one_term() -> None:
    """"tỷ lệ" / "tỉ lệ", "kỹ năng" / "kĩ năng", "quy định" / "qui định": both spellings are in use."""
    assert content_terms("Tỷ lệ cán bộ có kỹ năng theo quy định") == content_terms("Tỉ lệ cán bộ có kĩ năng theo qui định")
    assert content_terms("tuy nhiên") != content_terms("tui nhiên")  # "uy" is a rhyme of its own


def test_the_paragraph_a_question_names_by_its_label_gives_what_is_asked() -> None:
    """"Đối tượng thực hiện … gồm những ai?": the paragraph labelled so answers, though it names no one leading."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _gives_asked
    from assistant.services.question import analyse

    def unit(text: str):  # type: ignore[no-untyped-def]
        (u,) = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "III"}), 0)
        return u

    q = analyse("Đối tượng thực hiện của Kế hoạch chuyển đổi số của Ban Tổ chức Tỉnh ủy gồm những ai?")
    assert _gives_asked(unit("Đối tượng thực hiện: Các phòng, văn phòng thuộc Ban Tổ chức Tỉnh ủy."), q)
    assert not _gives_asked(unit("Phạm vi triển khai: Toàn bộ nhiệm vụ chuyển đổi số của ngành."), q)


def test_the_recipients_asked_are_the_list_under_noi_nhan_whole() -> None:
    """"Gửi để báo cáo những cơ quan nào (nơi nhận)?": the "Nơi nhận" list, item by item in one quote; not the
    signature beside it nor a footnote after it, and not the body's passages."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.extractive import ExtractiveAnswerer
    from assistant.services.question import analyse

    body = "Các sở, ngành báo cáo kết quả thực hiện về Sở Y tế trước ngày 15/12 hằng năm để báo cáo Bộ Y tế."
    sent = ("- Văn phòng Chính phủ (để b/c);\n- Bộ Y tế (để b/c);\n- Cổng TTĐT TP;\n- Lưu: VT, MK.\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Ngọc Điệp\n"
            "[1] Quyết định số 1745/QĐ-TTg ngày 15/8/2025 của Thủ tướng Chính phủ.")
    chunks = [ScoredChunk("a", 1.0, {"text": body, "start": 0, "doc_id": "d", "section": "IV. TỔ CHỨC THỰC HIỆN"}),
              ScoredChunk("b", 0.9, {"text": sent, "start": 500, "doc_id": "d", "section": "Nơi nhận"})]
    draft = ExtractiveAnswerer().draft(analyse("Kế hoạch gửi để báo cáo những cơ quan trung ương nào (nơi nhận)?"),
                                       chunks)
    assert draft.statements[0].text.startswith(
        "Nơi nhận: Văn phòng Chính phủ (để b/c); Bộ Y tế (để b/c); Cổng TTĐT TP; Lưu: VT, MK. [1]")
    assert len(draft.statements) == 1 and draft.citations[0].quote.endswith("Lưu: VT, MK.")
    assert draft.citations[0].start == 502  # the quote is the document's text where it stands


def test_a_unit_set_aside_is_not_the_one_asked_about() -> None:
    """"ngoài Sở Y tế còn giao những sở nào?": Sở Y tế is set aside, not asked about (the question's unit parser
    may read "Sở Y tế còn" as one name)."""
    from assistant.services.extractive import asked_units, set_aside
    from assistant.services.question import analyse

    q = analyse("Kế hoạch dân số của Cần Thơ: ngoài Sở Y tế còn giao nhiệm vụ cho những sở nào?")
    assert set_aside(q) == ["so y te"] and asked_units(q, {}) == []
    assert asked_units(analyse("Sở Y tế được giao những nhiệm vụ gì?"), {}) == ["so y te"]


def test_the_body_whose_office_issued_the_plan_names_the_plan() -> None:
    """"BTC Tỉnh ủy Lâm Đồng phân loại …": of a plan issued by "Ban Tổ chức Tỉnh ủy" for "… tỉnh Lâm Đồng", the
    Tỉnh ủy named with the place is whose plan it is, not a unit asked about."""
    from assistant.services.extractive import asked_units
    from assistant.services.question import analyse

    plan = {"title": "Kế hoạch chuyển đổi số của Ban Tổ chức Tỉnh ủy và ngành Tổ chức xây dựng Đảng tỉnh Lâm Đồng",
            "issuer": "Ban Tổ chức Tỉnh ủy"}
    assert asked_units(analyse("BTC Tỉnh ủy Lâm Đồng phân loại quy trình thành 04 nhóm, đó là những nhóm nào?"),
                       plan) == []
    assert asked_units(analyse("Tỉnh đoàn Lâm Đồng được giao những nhiệm vụ gì?"), plan) == ["tinh doan lam dong"]


@pytest.mark.parametrize(("column", "question", "asked"), [
    ("Nguồn kinh phí", "Ban quản lý rừng được bao nhiêu kinh phí, từ nguồn nào?", True),
    ("Nguồn kinh phí", "Ban quản lý rừng được bao nhiêu kinh phí?", False),
    ("Người theo dõi", "Ai theo dõi việc kiểm tra hồ chứa?", True),  # by its duty, as before
    ("Ghi chú", "Ban quản lý rừng được bao nhiêu kinh phí?", False),
])
def test_a_column_asked_by_the_kind_it_names(column: str, question: str, asked: bool) -> None:
    from assistant.services.extractive import _column_asked
    from assistant.services.question import analyse

    assert _column_asked(column, analyse(question)) is asked


def _one_unit(text: str, section: str = "V"):  # type: ignore[no-untyped-def]
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    (u,) = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": section}), 0)
    return u


@pytest.mark.parametrize(("text", "section", "leads"), [
    ("Chủ trì xây dựng, tổ chức thực hiện, theo dõi, đôn đốc thực hiện Kế hoạch.", "IV > 1. Sở Tài chính", 1.0),
    ("Là đầu mối chủ trì, tham mưu Giám đốc Sở triển khai Kế hoạch; tổng hợp số liệu.", "V", 1.0),
    # each duty under a heading naming the plan's lead: a half
    ("Thẩm định, tổng hợp nhu cầu kinh phí.", "IV > 1. Sở Tài chính (cơ quan chủ trì)", 0.5),
    # a task led, not the plan
    ("Chủ trì mua sắm bể bơi lắp ghép, hoàn thành trước ngày 15/5/2026.", "V > 2. Phòng Kế hoạch - Tài chính", 0.0),
])
def test_who_leads_the_plan_itself_says_so(text: str, section: str, leads: float) -> None:
    from assistant.services.extractive import coordinates_plan

    assert coordinates_plan(_one_unit(text, section)) == leads


def test_a_question_a_covering_letter_asks_is_boilerplate() -> None:
    from assistant.services.extractive import _boilerplate
    from assistant.services.question import analyse

    q = analyse("Đợt cao điểm kéo dài từ ngày nào đến ngày nào?")
    assert _boilerplate(_one_unit("Đợt cao điểm tính từ ngày 15/12/2025 đến ngày 15/3/2026, đúng không chị?"), q) == 1
    assert _boilerplate(_one_unit("Thời gian cao điểm: từ ngày 15/12/2025 đến ngày 15/3/2026."), q) == 0


def test_a_list_of_long_items_is_said_by_each_items_start() -> None:
    from assistant.services.extractive import _items_said

    text = ("…tăng bình quân 05 - 06%/năm. Một số sản phẩm trái cây chủ yếu:\n"
            "+ Tổng sản phẩm Xoài tham gia xuất khẩu phấn đấu đến năm 2030 đạt 18.000 tấn; tổng giá trị sản phẩm Xoài "
            "tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD, tốc độ tăng bình quân 08 - 09%/năm. Thị trường "
            "định hướng xuất khẩu: Trung Quốc, Úc, Nhật Bản, Hàn Quốc, Hoa Kỳ...\n"
            "+ Tổng sản phẩm Nhãn tham gia xuất khẩu phấn đấu đến năm 2030 đạt 8.500 tấn; tổng giá trị sản phẩm Nhãn "
            "tham gia xuất khẩu đến năm 2030 dự kiến đạt 30,2 triệu USD, tốc độ tăng bình quân 05 - 06%/năm.")
    said = _items_said(text)
    assert said is not None and said.startswith("Một số sản phẩm trái cây chủ yếu: Tổng sản phẩm Xoài")
    assert "Tổng sản phẩm Nhãn" in said and len(said) < len(text) // 2
    assert _items_said("Một số sản phẩm chủ yếu:\n+ Xoài;\n+ Nhãn.") is None  # short: said whole


def test_a_long_item_keeps_the_period_it_ends_on() -> None:
    """"1. Hoàn thiện hạ tầng … (2025 - 2026)." said by its start: the bracketed period, which says when, stays."""
    from assistant.services.extractive import _items_said

    text = ("Lộ trình chung cho việc chuyển đổi, tích hợp dữ liệu hiện có:\n"
            "1. Hoàn thiện hạ tầng công nghệ thông tin và phần mềm quản lý dữ liệu quy hoạch Thành phố, tùy điều kiện "
            "có thể tiến tới thí điểm (2025 - 2026).\n"
            "2. Thu thập, số hóa, chuẩn hóa cơ sở dữ liệu quy hoạch Thành phố và tích hợp vào Hệ thống quốc gia "
            "(2025 - 2030).\n"
            "3. Rà soát, cải cách thủ tục hành chính trong lĩnh vực quy hoạch, đảm bảo cung cấp dịch vụ công trực tuyến "
            "toàn trình cho người dân và doanh nghiệp (Quý IV/2027).")
    said = _items_said(text, 200)
    assert said is not None
    assert "Thành phố… (2025 - 2026); " in said and "(2025 - 2030)" in said and "(Quý IV/2027)" in said, said


def test_a_quote_ending_at_a_numbered_name_goes_on_to_its_title() -> None:
    """"… tổ chức thực hiện Tiểu dự án 3: Tăng cường … cho học sinh, sinh viên (thuộc Dự án 7 …)": a thing named by
    its number is said with the title it announces, unquoted, up to its bracket."""
    text = ("Chủ trì, phối hợp với các Sở, ban, ngành liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Giáo dục và Đào "
            "tạo tổ chức thực hiện Tiểu dự án 3: Tăng cường công tác tuyên truyền giáo dục pháp luật về phòng, chống ma "
            "túy cho học sinh, sinh viên (thuộc Dự án 7: “Truyền thông, giáo dục về phòng, chống ma túy”) trên địa bàn "
            "tỉnh (khi Bộ Giáo dục và Đào tạo triển khai thực hiện).")
    _, quote = best_window(text, set(content_terms("Sở Giáo dục chủ trì tiểu dự án nào, dành cho ai?")), None, 170)
    assert quote.endswith("cho học sinh, sinh viên"), quote
    assert text.startswith(quote)


def test_a_sentence_goes_on_after_an_abbreviation_before_a_lower_case_word() -> None:
    """"… phòng cháy, v.v. để bảo đảm …" in a long paragraph: a sentence ends before a capital; "đ", "ầ" are no
    capitals, though the range "À-Ỹ" holds them."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    first = ("Các trường học kiểm tra hệ thống điện, nước, phòng cháy, chữa cháy, thiết bị dạy học, nhà vệ sinh, "
             "bếp ăn tập thể, khu nội trú, v.v. để bảo đảm an toàn cho học sinh trước ngày khai giảng năm học mới và "
             "báo cáo kết quả kiểm tra về Phòng Văn hóa - Xã hội trước ngày 25 tháng 8 năm 2026.")
    second = "Ủy ban nhân dân các xã phối hợp với nhà trường huy động lực lượng dân quân dọn vệ sinh trường lớp."
    text = f"{first} {second}"
    assert len(text) > 320  # a paragraph this long is read sentence by sentence
    units = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "II"}), 0)
    assert [u.text for u in units] == [first, second]


def test_a_long_clause_is_not_cut_inside_the_quoted_title_it_ends_on() -> None:
    """"… Dự án 6: “Tăng cường đáp ứng y tế trong phòng, chống ma túy” trên địa bàn …": cut at the limit, the
    quote would end on "chống ma"; a title in quotes closing soon after is said whole."""
    from assistant.services.evidence import best_window

    text = ("Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế tổ chức triển "
            "khai thực hiện Dự án 6: “Tăng cường đáp ứng y tế trong phòng, chống ma túy” trên địa bàn tỉnh (khi Bộ Y "
            "tế có văn bản triển khai)")
    offset, quote = best_window(text, {"du", "an"}, None, 170)
    assert quote.endswith("Dự án 6: “Tăng cường đáp ứng y tế trong phòng, chống ma túy”")
    assert text[offset:offset + len(quote)] == quote


def test_the_lines_of_a_plans_title_answer_no_question_but_its_name() -> None:
    """"XUẤT KHẨU SẢN PHẨM … GIAI ĐOẠN 2026 -" / "2030" under "KẾ HOẠCH": the title matches every question naming
    the plan; it answers only what the plan is called."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units
    from assistant.services.extractive import _boilerplate
    from assistant.services.question import analyse

    text = "XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 -\n2030"
    units = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": "KẾ HOẠCH"}), 0)
    asked = analyse("Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La 2026 - 2030 chọn giống xoài nào để xuất khẩu?")
    assert [_boilerplate(u, asked) for u in units] == [1.0, 1.0]
    assert _boilerplate(units[0], analyse("Kế hoạch xuất khẩu của Sơn La có số hiệu và tên gọi là gì?")) == 0.0
    body = split_units(ScoredChunk("c", 1.0, {"text": "Phát triển vùng trồng xoài.", "start": 0, "doc_id": "d",
                                              "section": "KẾ HOẠCH"}), 0)
    assert _boilerplate(body[0], asked) == 0.0


def test_the_clause_holding_the_value_asked_is_quoted_though_others_say_more_words() -> None:
    """A long task names what the question repeats in its first clauses and the share asked only in its last."""
    task = ("Thường xuyên rà soát, xây dựng cơ chế thu hút doanh nghiệp công nghệ hàng đầu thế giới đặt trụ sở, đầu tư "
            "nghiên cứu, sản xuất tại Việt Nam theo nguyên tắc: sản xuất, kinh doanh trong lĩnh vực Việt Nam đang ưu "
            "tiên; có đầu tư Trung tâm nghiên cứu và phát triển tại Việt Nam với tỷ lệ 1% – 3% doanh thu.")
    quote = window("cơ chế thu hút doanh nghiệp công nghệ hàng đầu thế giới đặt trụ sở tại Việt Nam yêu cầu đầu tư "
                   "Trung tâm nghiên cứu với tỷ lệ bao nhiêu doanh thu?", task, 170)
    assert "1% – 3% doanh thu" in quote


def test_a_line_of_no_letters_is_no_unit() -> None:
    """The rules of dashes under a header's name and motto ("-------") say nothing a question asks."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import split_units

    text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n-------\nSố: 2954/QĐ-UBND\n---------------\n| |"
    units = split_units(ScoredChunk("c", 1.0, {"text": text, "start": 0, "doc_id": "d", "section": ""}), 0)
    assert [u.text for u in units] == ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: 2954/QĐ-UBND"]
