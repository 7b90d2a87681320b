"""What staff read in the UI, checked without a browser: sources, source panel, copy text, tables."""

from __future__ import annotations

from assistant.domain import Citation, DocumentMeta, IngestOutcome
from ui import render

TITLE = "Kế hoạch chuyển đổi số trong các cơ quan đảng phường Bạch Đằng năm 2026"


def cite(n: int = 1, **kw: object) -> Citation:
    base: dict[str, object] = dict(n=n, doc_id="c438", source="004.txt", title=TITLE, doc_number="54-KH/TU",
                                   section="II. NHIỆM VỤ TRỌNG TÂM NĂM 2026 > 1. Mục tiêu",
                                   quote="Hoàn thành số hoá tài liệu trước ngày 01/7/2025.", start=10, end=58)
    base.update(kw)
    return Citation.model_validate(base)


def meta(**kw: object) -> DocumentMeta:
    base: dict[str, object] = dict(doc_id="c438", source="004.txt", title=TITLE, doc_number="54-KH/TU",
                                   issuer="Ban Thường vụ Đảng ủy phường", issued_date="2026-01-15",
                                   classification="public", chunks=22)
    base.update(kw)
    return DocumentMeta.model_validate(base)


def test_chip_names_document_number_and_innermost_section() -> None:
    assert render.cite_label(cite()) == "[1] 54-KH/TU — 1. Mục tiêu"
    assert render.cite_label(cite(2, doc_number="", section="")) == "[2] Kế hoạch chuyển đổi số tron…"


def test_sources_under_an_answer_and_under_a_refusal() -> None:
    answered = render.sources_markdown([cite()], answerable=True)
    assert answered.startswith("**Nguồn:**") and "- [1] Kế hoạch" in answered and "«" not in answered
    refused = render.sources_markdown([cite()], answerable=False)
    assert refused.startswith("**Có thể liên quan**") and "«Hoàn thành số hoá tài liệu" in refused
    assert render.sources_markdown([], answerable=True) == ""


def test_copy_text_carries_question_answer_and_quotes() -> None:
    text = render.copy_text("Hạn số hóa?", "Trước 01/7/2025 [1]", [cite()], answerable=True)
    assert text.splitlines() == [
        "Câu hỏi: Hạn số hóa?",
        "Trả lời: Trước 01/7/2025 [1]",
        "Nguồn:",
        f"[1] {TITLE}, số 54-KH/TU, mục II. NHIỆM VỤ TRỌNG TÂM NĂM 2026 > 1. Mục tiêu: "
        "«Hoàn thành số hoá tài liệu trước ngày 01/7/2025.»",
    ]


def test_source_panel_highlights_the_quote_and_escapes_document_text() -> None:
    span = {"start": 500, "end": 548, "length": 2000, "text": "Hoàn thành số hoá tài liệu trước ngày 01/7/2025.",
            "before": "cắt giữa từ <b>bảng</b> cũ\n10. ", "after": " Tiếp theo là mục III rất dài"}
    html = render.source_html(cite(), meta(), span)
    assert "<mark>Hoàn thành số hoá tài liệu trước ngày 01/7/2025.</mark>" in html
    assert "&lt;b&gt;bảng&lt;/b&gt;" in html and "<b>" not in html
    assert "…giữa từ" in html and "cắt" not in html  # context starts at a word boundary
    assert "mục III rất…" in html  # and ends at one
    for shown in ("54-KH/TU", "Ban Thường vụ Đảng ủy phường", "15/01/2026", "1. Mục tiêu", "Công khai"):
        assert shown in html


def test_source_panel_without_cut_context_has_no_ellipsis() -> None:
    span = {"start": 4, "end": 10, "length": 14, "text": "quoted", "before": "Đầu ", "after": " end"}
    html = render.source_html(cite(), meta(doc_number=""), span)
    assert "Đầu <mark>quoted</mark> end</div>" in html and "(không ghi số)" in html


def test_document_search_ignores_case_and_diacritics() -> None:
    docs = [meta(), meta(doc_id="x1", title="Chương trình hành động số hóa", doc_number="04-NQ/TU", issuer="Tỉnh ủy")]
    assert [r[-1] for r in render.doc_rows(docs, "bach dang")] == ["c438"]
    assert [r[-1] for r in render.doc_rows(docs, "04-nq")] == ["x1"]
    assert len(render.doc_rows(docs, "")) == 2
    assert render.doc_rows(docs[:1])[0] == [TITLE, "54-KH/TU", "Ban Thường vụ Đảng ủy phường", "15/01/2026",
                                            "Công khai", 22, "đã nạp", "c438"]


def test_upload_progress_rows_and_summary() -> None:
    names = ["a.txt", "b.txt", "mat.txt"]
    assert render.upload_rows(names, {}, 0) == [["a.txt", "đang nạp…", "", "", ""], ["b.txt", "chờ", "", "", ""],
                                                ["mat.txt", "chờ", "", "", ""]]
    done = {0: IngestOutcome(source="a.txt", status="ingested", title="Kế hoạch A", chunks=3),
            1: IngestOutcome(source="b.txt", status="skipped"),
            2: IngestOutcome(source="mat.txt", status="refused", reason="Tài liệu có dấu MẬT.")}
    assert render.upload_rows(names, done, None)[2] == ["mat.txt", "từ chối", "", 0, "Tài liệu có dấu MẬT."]
    assert render.upload_summary(list(done.values())) == (
        "**Kết quả nạp:** đã nạp 1 · bỏ qua 1 · thay thế 0 · từ chối 1 · lỗi 0")


def test_markdown_of_document_facts_is_escaped() -> None:
    text = render.doc_details(meta(title="Kế hoạch *số* [1]"))
    assert "- **Tiêu đề:** Kế hoạch \\*số\\* \\[1\\]" in text and "- **Địa danh, ngày:** 15/01/2026" in text
