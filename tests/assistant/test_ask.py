"""Ask on a real index of the corpus: answers lead with the fact, cite verifiable quotes,
refuse what the documents do not say, work without diacritics, honour document filters."""

from __future__ import annotations

import re

import pytest

from assistant.components.vector_store import AccessScope
from assistant.services.ask import (
    QuestionError,
    _asked_of,
    _header_end,
    _name_in,
    _named_in,
    _says,
    asked_numbers,
    codes_in,
    critical_terms,
    validate_question,
)
from assistant.services.extractive import NOT_FOUND, intents
from assistant.text import fold_accents, fold_tones


def ask(indexed, question: str, **kw):  # type: ignore[no-untyped-def]
    return indexed.ask.ask(question, **kw)


def assert_verifiable(indexed, response) -> None:  # type: ignore[no-untyped-def]
    assert response.citations
    for c in response.citations:
        assert indexed.registry.text_of(c.doc_id)[c.start : c.end] == c.quote
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", response.answer)}
    assert markers == {c.n for c in response.citations}


def test_table_row_answered_in_its_own_terms(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Theo phụ lục chương trình hành động của xã, quý II ai chủ trì số hóa hồ sơ giai đoạn 1 và chỉ tiêu là bao nhiêu?")
    assert r.answerable
    assert "VP Đảng ủy chủ trì" in r.answer and "40%" in r.answer
    assert r.citations[0].source.startswith("001_")
    assert_verifiable(indexed, r)


def test_responsibility_names_the_unit(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Trong kế hoạch của phường Bạch Đằng, cơ quan nào là cơ quan thường trực tham mưu Ban Thường vụ?")
    assert r.answerable and "Văn phòng Đảng uỷ" in r.answer
    assert r.citations[0].source.startswith("004_")
    assert len(r.answer) < 600
    assert_verifiable(indexed, r)


def test_question_without_diacritics(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "phuong bach dang: cac chi bo bao cao ket qua ve van phong dang uy truoc ngay nao?")
    assert r.answerable and "trước ngày 20 hằng tháng" in r.answer
    assert_verifiable(indexed, r)


def test_signer_question(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Ai ký kế hoạch triển khai Đề án chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai?")
    assert "Tôn Ngọc Hạnh" in r.answer
    assert_verifiable(indexed, r)


def test_the_parts_a_plan_has_are_answered_when_it_lacks_one(indexed) -> None:  # type: ignore[no-untyped-def]
    """The programme carries no date of its own: who signed it is still said, the date is not made up."""
    r = ask(indexed, "Chương trình hành động chuyển đổi số năm 2026 của xã thực hiện Nghị quyết 04-NQ/TU ban hành "
                     "ngày nào, ai ký?")
    assert r.answerable and "Lê Phú Quốc" in r.answer
    assert not re.search(r"ngày \d|\d{1,2}/\d{1,2}/\d{4}", r.answer.split("\n")[0])  # it claims no date
    assert_verifiable(indexed, r)


def test_a_plan_only_carrying_out_the_number_asked_does_not_answer_for_it(indexed) -> None:  # type: ignore[no-untyped-def]
    """001 names 04-NQ/TU only as what it carries out ("Thực hiện Nghị quyết số 04-NQ/TU …"): asked what that
    resolution sets, it is not that resolution; asked as what it carries out, it answers."""
    r = ask(indexed, "Nghị quyết số 04-NQ/TU của Ban Thường vụ Tỉnh ủy đặt chỉ tiêu số hóa hồ sơ bao nhiêu phần trăm?")
    assert not r.answerable and r.answer == NOT_FOUND
    r = ask(indexed, "Chương trình hành động thực hiện Nghị quyết số 04-NQ/TU của xã đặt chỉ tiêu số hóa hồ sơ quý II bao "
                     "nhiêu phần trăm?")
    assert r.answerable and "40%" in r.answer


@pytest.mark.parametrize(("question", "keys"), [
    ("Kế hoạch số 35/KH-UBND của UBND huyện Yên Thạch giao phòng nào thẩm định?", ["35/KH-UBND"]),
    ("Kế hoạch thực hiện Nghị quyết số 09-NQ/HU của Huyện ủy giao ai chủ trì?", []),
    ("ke hoach trien khai nghi quyet 57-NQ/TW cua tinh", []),
    # the resolution a programme of action carries out, named beside it: not the programme's own number
    ("ubnd xa bao cao chuong trinh hanh dong chuyen doi so (NQ 04-NQ/TU) ve dau?", []),
    ("Quyết định 2623/QĐ-TTg ban hành kế hoạch nào?", ["2623/QD-TTG"]),
    ("Nghị quyết 57-NQ/TW đặt mục tiêu gì?", ["57-NQ/TW"]),
    ("Báo cáo kết quả 308/KH-UBND gửi đâu?", ["308/KH-UBND"]),  # "báo cáo" asks, it names no document
])
def test_the_numbers_a_question_asks_about(question: str, keys: list[str]) -> None:
    assert asked_numbers(question) == keys


def test_what_a_plan_carries_out_is_in_its_preamble(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Tỉnh ủy Đồng Nai ban hành kế hoạch chuyển đổi số trong các cơ quan đảng để thực hiện kế hoạch "
                     "nào của Ban Chỉ đạo?")
    assert r.answerable and "11-KH/BCĐ" in r.answer.split("\n")[0]
    assert_verifiable(indexed, r)


def test_comparison_says_which_document_says_what(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Hạn gửi báo cáo định kỳ hằng tháng ở tỉnh Đồng Nai và ở phường Bạch Đằng khác nhau thế nào?")
    assert "trước ngày 25 hằng tháng" in r.answer and "trước ngày 20 hằng tháng" in r.answer
    assert r.answer.count("Theo ") >= 2
    assert {c.source[:3] for c in r.citations} >= {"002", "004"}


def test_only_a_plan_saying_the_names_asked_answers(indexed) -> None:  # type: ignore[no-untyped-def]
    """Lâm Đồng's plan has the closer sentence on signatures, but only the plan carrying out Thanh Hoá's plan
    says "Thanh Hoá": its passage answers rather than nothing."""
    r = ask(indexed, "Kế hoạch thực hiện Kế hoạch 54-KH/TU của Tỉnh ủy Thanh Hoá đặt chỉ tiêu bao nhiêu phần trăm cán bộ, "
                     "công chức ngành Tổ chức xây dựng Đảng được cấp chữ ký số chuyên dùng?")
    assert r.answerable and "100% cán bộ, công chức ngành Tổ chức xây dựng Đảng được cấp" in r.answer
    assert {c.source[:3] for c in r.citations} == {"000"}
    assert_verifiable(indexed, r)


def test_closing_paragraph_answers_whom_difficulties_go_to(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Kế hoạch tổng thể ngành Tổ chức xây dựng Đảng của xã: gặp khó khăn, vướng mắc thì báo cáo "
                     "Ban Thường vụ Đảng ủy qua cơ quan nào?")
    assert r.answerable and "(qua Ban Xây dựng Đảng)" in r.answer
    assert_verifiable(indexed, r)


@pytest.mark.parametrize(
    "question",
    [
        "Kinh phí chuyển đổi số của tỉnh Hà Giang là bao nhiêu?",
        "Số điện thoại di động của đồng chí Nguyễn Ngọc Thành là gì?",
        "Tổng kinh phí chuyển đổi số năm 2026 của phường Bạch Đằng là bao nhiêu tỷ đồng?",
        "Ai là Trưởng Ban Chỉ đạo chuyển đổi số tỉnh Đồng Nai?",  # the signer of its plan is no answer
    ],
)
def test_refusal_with_related_passages(indexed, question: str) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, question)
    assert not r.answerable and r.answer == NOT_FOUND and r.citations == []
    assert r.related and all(indexed.registry.text_of(c.doc_id)[c.start : c.end] == c.quote for c in r.related)


def test_a_plan_without_a_header_states_no_number_or_date_of_its_own(indexed) -> None:  # type: ignore[no-untyped-def]
    """004 was copied without its header: the numbers and dates its preamble cites are other documents'; 002's
    header states its month."""
    r = ask(indexed, "Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026 mang số hiệu bao "
                     "nhiêu và được ký ngày nào?")
    assert not r.answerable and r.answer == NOT_FOUND, r.answer
    r = ask(indexed, "Kế hoạch chuyển đổi số trong các cơ quan đảng của Tỉnh ủy Đồng Nai ban hành ngày nào?")
    assert r.answerable and "tháng 01 năm 2026" in r.answer, r.answer  # its header leaves the day blank


def test_when_a_document_the_plan_carries_out_was_issued(indexed) -> None:  # type: ignore[no-untyped-def]
    """Asked of the resolution 001 carries out, by its number: the date its citation gives, not 001's own (none)."""
    r = ask(indexed, "Nghị quyết 04-NQ/TU của Ban Thường vụ Tỉnh ủy về chuyển đổi số năm 2026 ban hành ngày nào?")
    assert r.answerable and "04-NQ/TU ngày 29/01/2026" in r.answer, r.answer
    assert {c.source[:3] for c in r.citations} == {"001"}


def test_a_plan_that_never_says_what_is_asked_about_does_not_answer(indexed) -> None:  # type: ignore[no-untyped-def]
    """The same question about two objects: the plan sets a target for terminal devices, none for drones."""
    asked = "Kế hoạch của Tỉnh ủy Đồng Nai đặt chỉ tiêu bao nhiêu phần trăm cơ quan đảng cấp xã được trang bị {}?"
    r = ask(indexed, asked.format("thiết bị đầu cuối"))
    assert r.answerable and "80% cơ quan đảng cấp xã" in r.answer
    assert_verifiable(indexed, r)
    r = ask(indexed, asked.format("máy bay không người lái"))
    assert not r.answerable and r.answer == NOT_FOUND


def test_each_part_of_a_two_part_question_is_answered(indexed) -> None:  # type: ignore[no-untyped-def]
    """The first part's passage says 30%; the second part's share is in another passage of the same plan."""
    r = ask(indexed, "Chương trình chuyển đổi số năm 2026 của xã yêu cầu giảm bao nhiêu phần trăm thời gian giải "
                     "quyết thủ tục hành chính, còn hồ sơ dịch vụ công trực tuyến phải đạt tỷ lệ bao nhiêu?")
    assert r.answerable and "30% thời gian giải quyết" in r.answer and "đạt từ 70% trở lên" in r.answer
    assert_verifiable(indexed, r)


def test_whole_document_reads_every_chunk_found_first(indexed) -> None:  # type: ignore[no-untyped-def]
    """The second pass of a question whose plan is clear: every chunk of that plan, the ones found first."""
    doc = next(d for d in indexed.registry.list_documents() if d.source.startswith("004_"))
    found = indexed.retriever.retrieve("Văn phòng Đảng ủy báo cáo ai?", AccessScope(doc_ids=[doc.doc_id]), 2)
    whole = indexed.retriever.whole_document(doc.doc_id, found)
    assert [c.id for c in whole[:2]] == [c.id for c in found]
    assert len({c.id for c in whole}) == len(whole) == indexed.store.count(doc.doc_id)
    rest = [int(c.payload["start"]) for c in whole[2:]]
    assert rest == sorted(rest) and all(c.text and c.payload["doc_id"] == doc.doc_id for c in whole)


def test_reporting_answer_quotes_recipient_and_time(indexed) -> None:  # type: ignore[no-untyped-def]
    r = ask(indexed, "Theo kế hoạch của Tỉnh ủy Đồng Nai, Tổ Giúp việc gửi báo cáo về đâu và trước ngày nào hằng tháng?")
    assert r.answerable and "trước ngày 25 hằng tháng" in r.answer
    assert_verifiable(indexed, r)


@pytest.mark.parametrize(("name", "text", "present"), [
    ("sở công thương sơn la", "ủy ban nhân dân tỉnh sơn la … sở công thương tổng hợp", True),
    ("sở công thương sơn la", "sở công thương tổng hợp", False),  # the plan's place is not there
    ("hà nội", "hà tĩnh, nội vụ", False),  # a two-word name is never split
    # "ngành Tổ chức xây dựng Đảng Lâm Đồng": a one-word head, then a place of two words
    ("đảng lâm đồng", "ban tổ chức tỉnh ủy lâm đồng … xây dựng đảng", True),
    ("đảng lâm đồng", "tỉnh ủy thanh hoá … xây dựng đảng", False),
    ("bắc trà my", "huyện nam trà my … phía bắc", False),  # only a unit's head word stands apart
    ("đà nẵng", "đà nẵng", True),
])
def test_a_name_may_join_a_unit_and_a_place(name: str, text: str, present: bool) -> None:
    assert _named_in(name, text) is present


def test_document_filter_restricts_sources(indexed) -> None:  # type: ignore[no-untyped-def]
    doc = next(d for d in indexed.registry.list_documents() if d.source.startswith("004_"))
    r = ask(indexed, "Ai chủ trì rà soát hạ tầng?", scope=AccessScope(doc_ids=[doc.doc_id]))
    assert r.retrieved and set(r.retrieved) == {doc.source}


def test_top_k_bounds_retrieval(indexed) -> None:  # type: ignore[no-untyped-def]
    assert len(ask(indexed, "Văn phòng Đảng ủy chủ trì những việc gì?", top_k=3).retrieved) <= 3


@pytest.mark.parametrize("bad", ["", "   ", "x" * 2001, None])
def test_bad_questions_raise_vietnamese_errors(bad: object) -> None:
    with pytest.raises(QuestionError, match="Câu hỏi"):
        validate_question(bad, 2000)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Theo kế hoạch của Tỉnh ủy Đồng Nai, Tổ Giúp việc gửi báo cáo", ["đồng nai", "tổ giúp"]),
        ("Thành phố Đà Nẵng đặt mục tiêu gì?", ["đà nẵng"]),
        ("Kế hoạch 54-KH/TU yêu cầu gì?", []),
        ("Gọi [SỐ ĐIỆN THOẠI] hỏi ai chủ trì?", []),
        # an office is no name: "Trưởng Ban Chỉ đạo" is not said as such, "Phó Chủ tịch" neither
        ("Theo Nghị quyết 57, ai làm Trưởng Ban Chỉ đạo Trung ương?", []),
        ("Ai là Phó Chủ tịch UBND tỉnh Đồng Nai?", ["đồng nai"]),
        ("Tổng Bí thư Tô Lâm ký nghị quyết nào?", ["tô lâm"]),
        # "UBND", "TP": a kind of body, written short; the name is the place
        ("Kế hoạch của UBND TP Hà Nội có số hiệu gì?", ["hà nội"]),
        # each sentence opens with a capital: "Còn Văn phòng" names no one
        ("Các ban đảng báo cáo trước ngày mấy? Còn Văn phòng Tỉnh ủy Đồng Nai báo cáo khi nào?", ["đồng nai"]),
        # so does a quote: "Phần I 'Quan điểm chỉ đạo'" names no one
        ("Phần I 'Quan điểm chỉ đạo' trong Chương trình của Đảng ủy xã Tân Hòa nêu gì?", ["tân hòa"]),
    ],
)
def test_critical_terms(question: str, names: list[str]) -> None:
    assert critical_terms(question) == names


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Cơ quan thường trực trong kế hoạch của xã và trong kế hoạch của phường là cơ quan nào?", {"compare"}),
        ("So sánh chỉ tiêu giữa hai kế hoạch", {"compare"}),
        ("Ai chủ trì rà soát hạ tầng mạng?", {"responsibility"}),
        ("Báo cáo gửi trước ngày nào?", {"deadline"}),
        ("Ai ký kế hoạch này?", {"signer"}),
        ("Phường triển khai những thủ tục hành chính nào, gồm những gì?", {"list"}),
    ],
)
def test_intents(question: str, expected: set[str]) -> None:
    assert expected <= intents(question)


@pytest.mark.parametrize(("question", "codes"), [
    ("Chỉ tiêu phủ sóng 6G đến năm 2030 là bao nhiêu?", ["6g"]),
    ("Hệ thống chuyển sang IPv6 trước Quý III/2026?", ["ipv6"]),
    ("Kế hoạch 57-NQ/TW giao gì ngày 15/12/2025, năm 2030?", []),
])
def test_letter_digit_names_must_be_quoted(question: str, codes: list[str]) -> None:
    assert codes_in(question) == codes


PLANS = {
    "ct": {"title": "Kế hoạch thực hiện Chỉ thị số 27/CT-TTg về tăng cường công tác dân số trong tình hình mới",
           "issuer": "Ủy ban nhân dân thành phố Cần Thơ", "doc_number": "165/KH-UBND"},
    "dn": {"title": "Kế hoạch triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030",
           "issuer": "Ủy ban nhân dân tỉnh Đồng Nai", "doc_number": "182/KH-UBND"},
    "qh": {"title": "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW", "issuer": "Đảng đoàn Quốc hội",
           "doc_number": "3260-KH/ĐĐQH15"},
    "bn": {"title": "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh", "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh",
           "doc_number": "144/KH-UBND"},
}


@pytest.mark.parametrize(("question", "plan"), [
    # the words after "kế hoạch" name the plan; "mục tiêu … năm 2030" further on must not pull another title
    ("ke hoach dan so can tho dat muc tieu tuoi tho trung binh den nam 2030 la bao nhieu?", "ct"),
    ("ke hoach cua dang doan quoc hoi giao to dang uy ban kinh te tham tra luat nao?", "qh"),
    ("Kế hoạch 182 giao ai chủ trì?", "dn"),
    ("Ai chủ trì rà soát hạ tầng mạng?", None),
])
def test_the_plan_a_question_names_among_all_plans(question: str, plan: str | None) -> None:
    from assistant.services.extractive import plan_named
    from assistant.services.question import analyse

    assert plan_named(analyse(question), PLANS) == plan


def test_a_plan_of_another_place_is_not_the_one_named() -> None:
    """The question's topic words fit a traceability plan of Bình Nguyên best; it asks about An Hà."""
    from assistant.services.extractive import plan_named
    from assistant.services.question import analyse

    plans = {
        "tx": {"title": "Kế hoạch triển khai truy xuất nguồn gốc nông sản, thực phẩm trên địa bàn tỉnh Bình Nguyên "
                        "giai đoạn 2026 - 2028", "issuer": "Sở Nông nghiệp và Môi trường", "doc_number": "88/KH-SNNMT"},
        "at": {"title": "Kế hoạch bảo đảm an toàn thực phẩm tại bếp ăn tập thể trong các cơ sở giáo dục trên địa bàn "
                        "tỉnh An Hà giai đoạn 2026 - 2028", "issuer": "Ủy ban nhân dân tỉnh An Hà",
               "doc_number": "187/KH-UBND"},
    }
    asked = "Phần mềm truy xuất nguồn gốc thực phẩm ở {} do đơn vị nào chủ trì xây dựng?"
    assert plan_named(analyse(asked.format("An Hà")), plans) == "at"
    assert plan_named(analyse(asked.format("Bình Nguyên")), plans) == "tx"


def test_a_number_with_another_place_names_no_plan_of_that_number() -> None:
    """Each issuer numbers its own plans: "kế hoạch 214 của Hà Nội" (typed without marks: Hà Nội's plan carrying out
    Nghị quyết 214) is not a commune's "214/KH-UBND", though that plan has the number and Hà Nội's has another."""
    from assistant.services.extractive import plan_named
    from assistant.services.question import analyse

    plans = {
        "hn": {"title": "Kế hoạch triển khai thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ",
               "issuer": "Ủy ban nhân dân thành phố Hà Nội", "doc_number": "308/KH-UBND"},
        "xa": {"title": "Kế hoạch tuyển chọn và gọi công dân nhập ngũ năm 2027", "issuer": "Ủy ban nhân dân xã Phú Đông",
               "doc_number": "214/KH-UBND"},
    }
    assert plan_named(analyse("ke hoach 214 cua ha noi: ai chu tri bao dam an toan thong tin?"), plans) == "hn"
    assert plan_named(analyse("ke hoach 214 cua xa Phu Dong giao ai kham suc khoe?"), plans) == "xa"
    assert plan_named(analyse("Kế hoạch 214 giao ai khám sức khỏe?"), plans) == "xa"


def test_plans_sharing_a_number_are_told_apart_by_their_titles_in_either_order() -> None:
    """Two district committees' plans both numbered "58-KH/HU": the one whose title the question's other words name
    (the directive it carries out) is the plan asked about, whichever the index lists first."""
    from assistant.services.extractive import plan_named
    from assistant.services.question import analyse

    a = {"title": "Kế hoạch thực hiện Chỉ thị số 21-CT/TU về phòng, chống ma túy", "issuer": "Huyện ủy Ngọc Lãng",
         "doc_number": "58-KH/HU"}
    b = {"title": "Kế hoạch tổ chức Đại hội thể dục thể thao huyện", "issuer": "Huyện ủy Đồng Vọng",
         "doc_number": "58-KH/HU"}
    question = analyse("Theo kế hoạch 58-KH/HU thực hiện Chỉ thị 21 về phòng, chống ma túy, ai chủ trì kiểm tra?")
    assert plan_named(question, {"a": a, "b": b}) == "a"
    assert plan_named(question, {"b": b, "a": a}) == "a"


@pytest.mark.parametrize(("question", "names"), [
    ("Hệ thống thông tin đất đai quốc gia sẽ được mở rộng dung lượng lưu trữ tối thiểu bao nhiêu?", False),
    ("Tổng kinh phí dự kiến để xây dựng cơ sở dữ liệu quy hoạch của TP.HCM là bao nhiêu tỷ đồng?", True),
    ("Kế hoạch chuyển đổi số giao ai chủ trì?", True),
    ("Nghị quyết 57 đặt mục tiêu gì?", True),
])
def test_a_question_naming_no_plan(question: str, names: bool) -> None:
    """A plan matched only by words its title shares with such a question ("quốc gia") is no plan it names."""
    from assistant.services.extractive import _names_no_plan
    from assistant.services.question import analyse

    assert _names_no_plan(analyse(question)) is not names


def test_a_comparison_asks_each_plan_without_the_others_names() -> None:
    from assistant.services.ask import _asked_of

    q = "ke hoach phong chong ma tuy dong nai va ke hoach dan so can tho do ai ky?"
    assert _asked_of(q, "ct", ["dn", "ct"], PLANS) == "ke hoach va ke hoach dan so can tho do ai ky?"
    # its own full name, opening the question, says which plan
    assert _asked_of(q, "dn", ["dn", "ct"], PLANS).endswith("do ai ky?") and "can tho" not in _asked_of(q, "dn", ["dn", "ct"], PLANS)


@pytest.mark.parametrize(("name", "short"), [
    ("Ủy ban nhân dân thành phố Hồ Chí Minh", {"hcm", "tp"}),  # "TP.HCM"
    ("Kế hoạch của Ban Tổ chức Tỉnh ủy Lâm Đồng", set()),  # two-syllable runs are not shortened
])
def test_initialisms_of_names_in_titles(name: str, short: set[str]) -> None:
    from assistant.services.extractive import initialisms

    assert initialisms(name) == short


def test_a_duty_with_its_own_items_says_each_and_wrapped_lines_stay_one_duty() -> None:
    from assistant.services.extractive import _duty_line
    from assistant.services.question import analyse

    q = analyse("Công an tỉnh thực hiện những dự án nào?")
    items = "- Tổ chức thực hiện các dự án sau:\n- Dự án 1: Phòng ngừa tội phạm.\n- Dự án 2: Ứng dụng công nghệ.\n"
    offset, quote, said = _duty_line(items, q)
    assert (offset, quote) == (0, items) and "Dự án 1" in said and "Dự án 2" in said
    wrapped = "- Lựa chọn ít nhất 01 doanh\nnghiệp, hợp tác xã làm đầu mối thu gom\nsản phẩm."
    offset, quote, said = _duty_line(wrapped, q)
    assert said == "Lựa chọn ít nhất 01 doanh nghiệp, hợp tác xã làm đầu mối thu gom sản phẩm."
    long = "- Lựa chọn doanh nghiệp thu gom, " + "bảo đảm chất lượng sản phẩm, " * 12 + "phục vụ xuất khẩu."
    offset, quote, said = _duty_line(long, q)
    assert offset == 0 and long.startswith(quote) and said.startswith("Lựa chọn doanh nghiệp")


@pytest.mark.parametrize(("name", "evidence", "found"), [
    ("bạch đằng", "kế hoạch phường bạch đằng năm 2026", True),
    ("bạch đằng", "kế hoạch phường bạch đăng năm 2026", True),  # a scan: OCR misread one mark
    ("đà nẵng", "ứng dụng đa năng", False),  # two syllables differ: another word
    ("lâm đồng", "tỉnh lâm đồng nai", True),
    ("hà nội", "tỉnh hà nam", False),
])
def test_a_name_matches_with_one_mark_misread(name: str, evidence: str, found: bool) -> None:
    folded = fold_accents(fold_tones(evidence))
    assert _name_in(name, fold_tones(evidence), folded) is found


@pytest.mark.parametrize(("word", "whole", "said"), [
    ("đăng kiểm", False, False),
    ("đánh giá", False, True),  # wrapped over two lines in the plan
    ("đồng tháp số", False, True),  # the tagger joined a neighbour: two syllables in a row are enough
    ("bao hiem y te", True, False),  # a word of the list, typed without diacritics: the whole word
    ("phong chong", True, True),  # "phòng, chống" as plans write it
    ("phòng dịch", False, True),  # users shorten "phòng, chống dịch"
    ("phòng bệnh", False, False),
    ("kiểm tra", False, True),
    ("kiem tra", False, False),  # with marks the plan's words are read as typed
    ("đánh gia", False, True),  # one syllable typed without its marks among marked ones
    ("phong khám", False, True),
    ("kiểm tre", False, False),
])
def test_a_plan_says_a_word(word: str, whole: bool, said: bool) -> None:
    plan = "kế hoạch chuyển đổi số tỉnh đồng tháp: kiểm tra, đánh\ngiá an toàn; bao hiem xa hoi, y te co so, phong, chong" \
        "; phòng, chống dịch; phòng khám bệnh"
    assert _says(word, plan, whole=whole) is said


def test_an_abbreviated_plan_name_answers_each_part(indexed) -> None:  # type: ignore[no-untyped-def]
    """"Kế hoạch CĐS …": the question's abbreviation counts as the words the passages write out, so the part asking
    which plan is carried out is answered beside the deadline."""
    r = ask(indexed, "Kế hoạch CĐS của phường Bạch Đằng năm 2026 thực hiện kế hoạch nào của Thành ủy Hải Phòng, và hạn "
                     "hoàn thành số hóa tài liệu lưu trữ của Đảng ủy phường là ngày nào?")
    assert r.answerable and "01/7/2025" in r.answer and "35-KH/TU" in r.answer
    assert_verifiable(indexed, r)


def test_a_duty_enumerated_in_its_sentence_is_listed_item_by_item(indexed) -> None:  # type: ignore[no-untyped-def]
    """"Đề nghị Văn phòng Tỉnh ủy phối hợp, hỗ trợ: (1) …. (2) …. (6) …": each item, not the first 260 characters."""
    r = ask(indexed, "Ban Tổ chức Tỉnh ủy Lâm Đồng đề nghị Văn phòng Tỉnh ủy hỗ trợ những việc gì trong kế hoạch chuyển đổi số?")
    assert r.answerable
    for item in ("chữ ký số chuyên dùng công vụ", "USB cơ yếu", "trang thông tin điện tử"):
        assert item in r.answer, (item, r.answer)
    assert_verifiable(indexed, r)


def test_a_share_compared_is_the_share_of_what_is_asked(indexed) -> None:  # type: ignore[no-untyped-def]
    """"tỷ lệ đảng viên …": "trên 80% đảng viên" answers, a task row delivering "100% chi bộ kích hoạt" does not."""
    r = ask(indexed, "So sánh tỷ lệ đảng viên sử dụng Sổ tay đảng viên điện tử giữa chương trình hành động của xã thực "
                     "hiện Nghị quyết 04-NQ/TU và kế hoạch chuyển đổi số của phường Bạch Đằng.")
    assert "trên 80% đảng viên" in r.answer and "95% đảng viên" in r.answer, r.answer
    assert_verifiable(indexed, r)


def test_one_word_of_the_askers_own_is_no_reason_to_refuse_a_kind_of_document_is(indexed) -> None:  # type: ignore[no-untyped-def]
    """"nhân viên" for the plan's "cán bộ, công chức": of four topic words one may be the asker's own when the passage
    found says most of the question; a kind of document the plan never names ("thông tư") is never waived."""
    r = ask(indexed, "Theo chương trình hành động chuyển đổi số của xã, kỹ năng số của nhân viên được nâng cao thế nào "
                     "và tiêu chí công nghệ thông tin được đưa vào đâu?")
    assert r.answerable and "tập huấn, bồi dưỡng nâng cao kỹ năng số cho cán bộ, công chức" in r.answer
    r = ask(indexed, "Theo chương trình hành động chuyển đổi số của xã, kỹ năng số của cán bộ được nâng cao theo thông "
                     "tư hướng dẫn và tiêu chí công nghệ thông tin được đưa vào đâu?")
    assert not r.answerable


def test_the_header_ends_at_the_title_though_an_e_mail_comes_before_it() -> None:
    """A forwarded e-mail puts lines before the header: the header still ends at the kind line, the date line whole."""
    mail = "---------- Forwarded message ---------\nTừ: Văn phòng <[EMAIL]>\n\n" + "Kính gửi các chi bộ. " * 40
    text = (f"{mail}\n\nĐẢNG ỦY XÃ PHONG NẬM\nSố 14-CTr/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Phong Nậm, ngày 15 tháng 4 năm 2026\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 07-NQ/TU")
    end = _header_end(text)
    assert text[:end].rstrip().endswith("Phong Nậm, ngày 15 tháng 4 năm 2026")
    plain = "Kế hoạch không có phần đầu, ngày 15 tháng 4 năm 2026\n" * 40  # no kind line: cut at a line's end
    assert plain[_header_end(plain) - 4:_header_end(plain) + 1] == "2026\n"


def test_what_a_comparison_asks_without_any_plan_named() -> None:
    """Of no plan: the words naming each compared plan, by title or issuer written short ("NN&MT"), left out."""
    names = {"a": {"title": "Nghị quyết phê duyệt Chương trình cấp nước sạch nông thôn tỉnh Sơn Hà", "issuer": "Hội đồng nhân dân tỉnh Sơn Hà"},
             "b": {"title": "Kế hoạch truy xuất nguồn gốc nông sản tỉnh Bình Nguyên", "issuer": "Sở Nông nghiệp và Môi trường"}}
    q = "Nghị quyết nước sạch nông thôn của HĐND tỉnh Sơn Hà và kế hoạch truy xuất nguồn gốc nông sản của Sở NN&MT Bình Nguyên mỗi văn bản sơ kết vào thời điểm nào?"
    asked = _asked_of(q, "", ["a", "b"], names)
    assert "sơ kết vào thời điểm nào" in asked
    assert not any(w in asked for w in ("nước sạch", "truy xuất", "Sơn Hà", "Bình Nguyên", "NN&MT"))


def test_what_a_comparison_asks_of_a_plan_named_in_full() -> None:
    """A plan's own full name says which plan it is, not what is asked of it; its topic words said before, as what
    is asked ("quy mô kinh tế số đến năm 2030"), are kept."""
    names = {"nq": {"title": "Nghị quyết về đột phá phát triển khoa học, công nghệ và chuyển đổi số quốc gia",
                    "issuer": "Bộ Chính trị"},
             "bn": {"title": "Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030",
                    "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh"}}
    q = ("So sánh mục tiêu quy mô kinh tế số đến năm 2030 của Nghị quyết 57-NQ/TW với mục tiêu trong Kế hoạch phát "
         "triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030.")
    assert _asked_of(q, "bn", ["nq", "bn"], names) == "So sánh mục tiêu quy mô kinh tế số đến năm 2030 của với mục tiêu trong"



def test_an_items_details_cut_to_fit_keep_their_last_lines() -> None:
    """"Nhiệm vụ 6: …" read field by field: its long "Nội dung" is cut, not the time after it."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.evidence import Unit
    from assistant.services.extractive import ExtractiveAnswerer, _Builder

    text = ("Nội dung: " + "Kiểm tra việc chấp hành quy định về điều kiện bảo đảm an toàn thực phẩm, " * 6 + "lấy mẫu.\n"
            "Đơn vị chủ trì: Sở Y tế.\nĐơn vị phối hợp: Công an tỉnh.\n"
            "Thời gian hoàn thành: 04 đợt mỗi năm, vào tháng 3, tháng 5, tháng 9 và tháng 11.")
    chunk = ScoredChunk("c", 1.0, {"doc_id": "d", "text": text, "start": 0})
    out = _Builder()
    ExtractiveAnswerer()._record(Unit(chunk, 0, text, 0, len(text), record=True), out)
    [said] = out.statements
    assert "tháng 3, tháng 5, tháng 9 và tháng 11" in said.text and len(said.text) <= 481


def test_the_plans_a_plan_replaces_are_read_past_its_closing_formula(indexed) -> None:  # type: ignore[no-untyped-def]
    """"Trên đây là Kế hoạch …" names the plan again and answers nothing; the sentence after it says what it replaces
    (and "trước đây" is when the asker stands, no word the plan must say)."""
    r = ask(indexed, "Kế hoạch chuyển đổi số trong các cơ quan đảng tỉnh Đồng Nai thay thế những kế hoạch nào trước đây?")
    assert r.answerable and "464-KH/TU" in r.answer and "365-KH/TU" in r.answer, r.answer
    assert not r.answer.startswith(("Trên đây", "TỔ CHỨC THỰC HIỆN: Trên đây")), r.answer
    assert_verifiable(indexed, r)


@pytest.mark.parametrize(("question", "second"), [
    ("So sánh kinh phí: ngân sách tỉnh Kim Sa chi cho phòng dịch năm 2025 và ngân sách huyện Đồng Vọng bố trí mỗi "
     "năm cho phòng, chống ma túy là bao nhiêu?", "ngân sách huyện Đồng Vọng"),
    ("So sánh chỉ tiêu tiêm phòng của tỉnh A và chỉ tiêu tiêm phòng của tỉnh B", "chỉ tiêu tiêm phòng của tỉnh B"),
    ("Sở Y tế và Sở Giáo dục phối hợp việc gì?", None),  # "và" joining two units names no second part
])
def test_a_comparison_of_two_parts_said_alike_is_cut_where_the_words_repeat(question: str, second: str | None) -> None:
    from assistant.services.ask import _parallel_join
    from assistant.text import fold_accents

    joins = _parallel_join(fold_accents(question))
    assert (question[joins[0][1]:].startswith(second) if second else not joins), joins


def test_the_plan_named_gives_its_signature_block_first() -> None:
    """"KH 165/KH-UBND … do ai ký?": other plans' signature blocks match "ký" better than anything of the plan named;
    the block of the plan named is read first (the drafter judges the first documents' blocks)."""
    from assistant.components.vector_store import ScoredChunk
    from assistant.services.ask import AskService
    from assistant.services.extractive import ExtractiveAnswerer
    from assistant.services.question import analyse
    from assistant.settings import AnswerSettings

    texts = {d: f"ỦY BAN NHÂN DÂN\nTỈNH {d.upper()}\nSố: 1{i}/KH-UBND\n\nKẾ HOẠCH\nViệc {d}\n\nNội dung.\n\n"
                f"Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn {d.capitalize()}"
             for i, d in enumerate(("an", "binh", "cuong"))}
    service = AskService(None, ExtractiveAnswerer(4), AnswerSettings(), texts.__getitem__)  # type: ignore[arg-type]
    chunks = [ScoredChunk(f"{d}:0", 1.0 - i / 10, {"doc_id": d, "text": "Nội dung.", "start": 0})
              for i, d in enumerate(("an", "binh", "cuong"))]
    parts = service._with_document_parts(chunks, analyse("KH 12/KH-UBND do ai ký?"), "cuong")
    signed = [c.payload["doc_id"] for c in parts if c.payload.get("section") == "Chữ ký"]
    assert signed == ["cuong", "an"]


def test_a_question_searched_again_is_embedded_once(indexed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A question is searched again within the plan it names (and asked again by others): its vector is kept, the
    model runs once; the hits are the same."""
    retriever = indexed.ask.retriever
    embedded: list[str] = []
    embed = retriever.embedder.embed_query
    monkeypatch.setattr(retriever.embedder, "embed_query", lambda q: embedded.append(q) or embed(q))
    question = "Ai chủ trì rà soát hạ tầng mạng của các cơ quan đảng phường Bạch Đằng (lần hỏi thử)?"
    first = [c.id for c in retriever.retrieve(question, None, 5)]
    again = [c.id for c in retriever.retrieve(question, None, 5)]
    assert first == again and first and len(embedded) == 1
