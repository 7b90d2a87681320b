"""The DOCX of a draft, opened with python-docx: the administrative header, number line, "BÁO CÁO", sections I–V,
"Nơi nhận", the signature block, Times New Roman 13–14, the margins, and a real footnote (in word/footnotes.xml)
for every citation of every body paragraph that makes a claim; and the Markdown of the same draft."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
from plan_support import SHARED, register

from assistant.components.registry import Registry
from assistant.services.assignments import AssignmentService
from assistant.services.report_docx import MARGINS_MM, footnote_text, to_docx, to_markdown
from assistant.services.reports import RESULT_PLACEHOLDER, ReportRequest, ReportService


def draft_of(path: str, unit: str | None, period: str | None, kind: str = "tien-do") -> dict[str, Any]:
    registry = Registry("sqlite://")
    doc_id = register(registry, SHARED / path)
    service = ReportService(registry, AssignmentService(registry), clock=lambda: dt.date(2026, 10, 5))
    return service.draft(None, ReportRequest(kind, doc_id, unit, period), "cli")


@pytest.fixture(scope="module")
def party() -> dict[str, Any]:
    return draft_of("corpus/000_90c218f1079af509.txt", "Văn phòng Đảng ủy", "2026")


def opened(draft: dict[str, Any]) -> Any:
    return Document(io.BytesIO(to_docx(draft)))


def footnotes_of(document: Any) -> dict[str, str]:
    part = document.part.part_related_by(RT.FOOTNOTES)
    assert part.partname == "/word/footnotes.xml" and part.content_type == CT.WML_FOOTNOTES
    root = etree.fromstring(part.blob)  # python-docx reads it as a plain part: parse its XML here
    return {n.get(qn("w:id")): "".join(t.text or "" for t in n.iter(qn("w:t"))) for n in root.iter(qn("w:footnote"))}


def test_party_header_title_and_closing(party: dict[str, Any]) -> None:
    document = opened(party)
    header, closing = document.tables[0], document.tables[-1]
    left, right = (cell.text.split("\n") for cell in header.rows[0].cells)
    assert left == ["BAN THƯỜNG VỤ ĐẢNG ỦY", "VĂN PHÒNG ĐẢNG ỦY", "*", "Số       -BC/…"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and right[-1].startswith("…, ngày")
    motto = header.rows[0].cells[1].paragraphs[0].runs[0]
    assert motto.bold and motto.underline
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "Kết quả thực hiện kế hoạch năm 2026" in texts
    sections = [t for t in texts if t[:4] in ("I. C", "II. ", "III.", "IV. ", "V. Đ")]
    assert sections == ["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                        "III. HẠN CHẾ, KHÓ KHĂN, NGUYÊN NHÂN", "IV. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
                        "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    recipients, signature = (cell.text.split("\n") for cell in closing.rows[0].cells)
    assert recipients[0] == "Nơi nhận:" and recipients[1] == "- Ban Thường vụ Đảng ủy," and recipients[-1] == \
        "- Lưu Văn phòng."
    assert signature[:2] == ["T/M VĂN PHÒNG ĐẢNG ỦY", "[CHỨC VỤ NGƯỜI KÝ]"] and signature[-1] == "[Họ và tên]"


def test_page_fonts_and_margins(party: dict[str, Any]) -> None:
    document = opened(party)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, stored in twips
    for side, mm in MARGINS_MM.items():
        assert round(getattr(section, f"{side}_margin").mm) == mm
    body = [p for p in document.paragraphs if p.text.strip()]
    runs = [r for p in body for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    body_sizes = {r.font.size.pt for p in body if p.text.startswith(("Nhiệm vụ", "1.", "Thực hiện")) for r in p.runs
                  if r.text.strip()}
    assert body_sizes and body_sizes <= {13.0, 14.0}


def test_every_claim_paragraph_carries_its_footnotes(party: dict[str, Any]) -> None:
    document = opened(party)
    notes = footnotes_of(document)
    claims = {s["paragraph"]: [] for s in party["statements"] if s["kind"] in ("requirement", "result")}
    for s in party["statements"]:
        if s["paragraph"] in claims:
            claims[s["paragraph"]] += s["citations"]
    refs_per_paragraph = []
    for p in document.paragraphs:
        refs = [r.get(qn("w:id")) for r in p._p.iter(qn("w:footnoteReference"))]
        if refs:
            refs_per_paragraph.append(refs)
            assert all(notes[i].strip() for i in refs)
        elif p.text.startswith(("Nhiệm vụ", "Thực hiện")) or p.text[:3].rstrip(".").isdigit():
            pytest.fail(f"claim without a footnote: {p.text[:80]}")
    assert [len(r) for r in refs_per_paragraph] == [len(c) for c in claims.values()]
    first = party["statements"][1]
    assert first["kind"] == "requirement" and notes["1"].strip() == footnote_text(first["citations"][0])
    assert first["citations"][0]["quote"].split()[0] in notes["1"]
    placeholder = next(r for p in document.paragraphs for r in p.runs if RESULT_PLACEHOLDER in r.text)
    assert placeholder.italic and placeholder.font.highlight_color is not None


def test_state_body_header_and_markdown() -> None:
    draft = draft_of("corpus-ext/ext03.txt", "Sở Tài chính", "2026-H1")
    document = opened(draft)
    left, right = (cell.text.split("\n") for cell in document.tables[0].rows[0].cells)
    assert left[:2] == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "SỞ TÀI CHÍNH"] and left[-1] == "Số:       /BC-…"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert document.tables[-1].rows[0].cells[1].text.startswith("TM. SỞ TÀI CHÍNH")
    md = to_markdown(draft)
    assert "## BÁO CÁO" in md and "### II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in md and "**Nơi nhận:**" in md
    cited = {c["n"] for s in draft["statements"] for c in s["citations"]}
    assert cited and all(f"[^{n}]: " in md for n in cited)
    assert f"**Kết quả: {RESULT_PLACEHOLDER}**" in md
