"""A report draft as DOCX in the administrative format, and as Markdown.

Layout after Hướng dẫn 36-HD/VPTW (Party bodies) and Nghị định 30/2020/NĐ-CP (state bodies): A4, margins top and
bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, body 14 pt, justified, first line indented; a header of
two columns — the issuing body (with its superior above it) and the number line on the left, the motto ("ĐẢNG CỘNG
SẢN VIỆT NAM" underlined, or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") and the place and
date in italics on the right; the kind ("BÁO CÁO") and subject centred in bold; the body; then "Nơi nhận" on the
left and the signature block (authority, title, blank name) on the right.

Citations become real footnotes (title, number, section and quote of the source). python-docx has no footnote API,
so the footnotes part (`word/footnotes.xml`) is written here and related to the document part.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
FOOTNOTE_PT = 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def footnote_text(c: dict[str, Any]) -> str:
    """'Kế hoạch …, số 54-KH/TU, mục IV > 2: “quote”.' — enough to find the passage in the source."""
    head = ", ".join(x for x in (c.get("title") or c.get("source", ""),
                                 f"số {c['doc_number']}" if c.get("doc_number") else "",
                                 f"mục {c['section']}" if c.get("section") else "") if x)
    return f"{head}: “{' '.join(str(c.get('quote', '')).split())}”."


def _font(run: Any, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _line(where: Paragraph | _Cell, text: str, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          underline: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    p = where.add_paragraph() if isinstance(where, _Cell) else where
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    _font(p.add_run(text), size, bold, italic, underline)
    return p


class _Footnotes:
    """The footnotes part: separators, then one footnote per reference in the body."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def reference(self, paragraph: Paragraph, text: str) -> None:
        self.notes.append(text)
        run = paragraph.add_run()
        _font(run, BODY_PT)
        run._element.get_or_add_rPr().append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
        run._element.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{len(self.notes)}"/>'))

    def attach(self, document: Any) -> None:
        fonts = (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
                 f'<w:sz w:val="{FOOTNOTE_PT * 2}"/>')
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr>{fonts}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{fonts}</w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, 1))
        xml = (f'<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(xml), document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)


def _no_borders(table: Any) -> None:
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))


def _two_columns(document: Any, left_cm: float, right_cm: float) -> tuple[_Cell, _Cell]:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(left_cm), Cm(right_cm)
    left.paragraphs[0]._element.getparent().remove(left.paragraphs[0]._element)
    right.paragraphs[0]._element.getparent().remove(right.paragraphs[0]._element)
    return left, right


def _header(document: Any, h: dict[str, Any]) -> None:
    left, right = _two_columns(document, 7.0, 9.5)
    if h["superior"]:
        _line(left, h["superior"], 13)
    _line(left, h["issuer"], 13 if h["body"] == "state" else 14, bold=True)
    _line(left, "*" if h["body"] == "party" else "_______", 13)
    _line(left, h["number_line"], 13 if h["body"] == "state" else 14)
    if h["body"] == "party":
        _line(right, PARTY_MOTTO, 15, bold=True, underline=True)
    else:
        _line(right, STATE_MOTTO[0], 13, bold=True)
        _line(right, STATE_MOTTO[1], 14, bold=True, underline=True)
    _line(right, "")
    _line(right, h["place_date"], 14, italic=True)
    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(18)
    _line(title, h["kind_title"], 16, bold=True)
    _line(document.add_paragraph(), h["subject"], BODY_PT, bold=True)
    _line(document.add_paragraph(), "-----", BODY_PT)


def _body(document: Any, statements: list[dict[str, Any]], notes: _Footnotes) -> None:
    paragraph: Paragraph | None = None
    current = None
    for s in statements:
        if s["kind"] == "heading":
            p = document.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.first_line_indent = Cm(1.27)
            _font(p.add_run(s["text"]), BODY_PT, bold=True)
            current, paragraph = None, None
            continue
        if paragraph is None or s["paragraph"] != current:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
            paragraph.paragraph_format.space_after = Pt(6)
            paragraph.paragraph_format.line_spacing = 1.15
            current = s["paragraph"]
        elif paragraph.runs:
            _font(paragraph.add_run(" "), BODY_PT)
        text = (s.get("label", "") + " " + s["text"]).strip()
        run = paragraph.add_run(text)
        _font(run, BODY_PT, italic=s["kind"] == "placeholder")
        if s["kind"] == "placeholder":
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        for c in s["citations"]:
            notes.reference(paragraph, footnote_text(c))


def _closing(document: Any, h: dict[str, Any]) -> None:
    document.add_paragraph()
    left, right = _two_columns(document, 8.0, 8.5)
    _line(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, r in enumerate(h["recipients"]):
        last = i == len(h["recipients"]) - 1
        _line(left, f"- {r.rstrip('.')}{'.' if last else ','}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sig = h["signature"]
    _line(right, sig["authority"], 14, bold=True)
    _line(right, sig["title"], 14, bold=True)
    for _ in range(3):
        _line(right, "")
    _line(right, sig["name"], 14, bold=True)


def to_docx(draft: dict[str, Any]) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    notes = _Footnotes()
    _header(document, draft["header"])
    _body(document, draft["statements"], notes)
    _closing(document, draft["header"])
    notes.attach(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_markdown(draft: dict[str, Any]) -> str:
    """The same draft as Markdown: statements with footnote markers [^n], the sources listed at the end."""
    h = draft["header"]
    motto = PARTY_MOTTO if h["body"] == "party" else " — ".join(STATE_MOTTO)
    out = [f"**{h['superior']}**  \n" if h["superior"] else "", f"**{h['issuer']}** — {motto}  ",
           f"{h['number_line']} — *{h['place_date']}*", "", f"## {h['kind_title']}", f"**{h['subject']}**", ""]
    cited: dict[int, dict[str, Any]] = {}
    paragraph: list[str] = []
    current = None

    def flush() -> None:
        if paragraph:
            out.extend([" ".join(paragraph), ""])
            paragraph.clear()

    for s in draft["statements"]:
        if s["kind"] == "heading":
            flush()
            out.extend([f"{'###' if s.get('level', 1) == 1 else '####'} {s['text']}", ""])
            continue
        if s["paragraph"] != current:
            flush()
            current = s["paragraph"]
        text = (s.get("label", "") + " " + s["text"]).strip()
        if s["kind"] == "placeholder":
            text = f"**{text}**"
        for c in s["citations"]:
            cited[c["n"]] = c
            text += f"[^{c['n']}]"
        paragraph.append(text)
    flush()
    out.append("**Nơi nhận:**")
    out.extend(f"- {r}" for r in h["recipients"])
    sig = h["signature"]
    out.extend(["", f"**{sig['authority']}**  ", f"**{sig['title']}**  ", f"{sig['name']}", ""])
    out.extend(f"[^{n}]: {footnote_text(c)}" for n, c in sorted(cited.items()))
    return "\n".join(x for x in out if x is not None) + "\n"
