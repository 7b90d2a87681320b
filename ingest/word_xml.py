"""Word documents saved as XML ("Word 2003 XML Document", Word 2007's flat "Word XML Document"): made the DOCX
they stand for and read as DOCX. Registers itself in `ingest.load`'s registry."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from typing import Any

from ingest import encodings
from ingest.formats import part_name, xml_name, xml_parser
from ingest.load import Deadline, DocxReader, FileReader, LoadError, lift, register

# --- Word XML: "Word 2003 XML Document" and Word 2007's "Word XML Document" ------------------------

_WORDML_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
_WX = "http://schemas.microsoft.com/office/word/2003/auxHint"
_AML = "http://schemas.microsoft.com/aml/2001/core"
_FLAT = "http://schemas.microsoft.com/office/2006/xmlPackage"
_WORDML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_ROOTS = {(_WORDML_2003, "wordDocument"), (_FLAT, "package")}
_NOT_WORD_XML = ("Tệp .xml này không phải tài liệu Word: chỉ nhận tệp XML do Word lưu (“Word XML Document” hoặc “Word "
                 "2003 XML Document”), không nhận dữ liệu XML khác. Hãy lưu văn bản thành .docx rồi nạp lại.")
_WORD_XML_BROKEN = "Tệp Word XML bị hỏng hoặc không đúng định dạng tài liệu Word lưu dưới dạng XML."


@register(".xml")
class WordXmlReader(FileReader):
    """A Word document saved as one XML file: "Word 2003 XML Document" (WordprocessingML 2003) or Word 2007's "Word
    XML Document" (the DOCX package flattened into XML). Either is made, in memory, the DOCX package it stands for
    (2003's lists, merged cells, tracked changes, notes and smart tags rewritten as DOCX writes them) and read as
    DOCX: heading styles, numbering, merged cells and layout tables read the same. LibreOffice is not used: its
    import of the 2003 format renames the styles ("wHeading1"), garbles numbering ("1%.1.") and drops cells merged
    down. Any other XML is refused, by its root element, before it is read."""

    file_type = "xml"

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        root = _word_xml_root(data)
        try:
            package = _flat_docx(root) if xml_name(root) == (_FLAT, "package") else _wordml_docx(root)
        except LoadError:
            raise
        except Exception as err:
            raise LoadError(_WORD_XML_BROKEN) from err
        try:
            return DocxReader().decode(package, deadline)
        except LoadError as err:
            if err.__cause__ is None:  # the time allowed ran out: no broken file
                raise
            raise LoadError(_WORD_XML_BROKEN) from err


_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL)
_ROOT_TAG = re.compile(r"<(?:([\w.-]+):)?([\w.-]+)([^>]*)>")
_PROGID = re.compile(r"""<\?mso-application\s+progid\s*=\s*["']([^"']+)["']""")


def _word_xml_root(data: bytes) -> Any:
    """The document's root element, once its first tag (and Word's "mso-application" mark, when there is one) says
    Word wrote it. The text's encoding is found by its byte-order mark, its zero bytes (UTF-16 without a mark) or its
    declaration; blank space before the declaration is let be."""
    from lxml import etree

    text = _xml_unicode(data).lstrip("\ufeff \t\r\n")
    head, at = text[:65536], 0
    while (item := _PROLOG.match(head, at)) is not None:
        at = item.end()
    root = _ROOT_TAG.match(head[at:].lstrip())
    progid = _PROGID.search(head[:at])
    if root is None or (progid is not None and not progid.group(1).startswith("Word.")):
        raise LoadError(_NOT_WORD_XML)
    declared = re.search(rf"""\sxmlns{':' + root.group(1) if root.group(1) else ''}\s*=\s*["']([^"']*)["']""",
                         root.group(3))
    if (declared.group(1) if declared else "", root.group(2)) not in _WORD_ROOTS:
        raise LoadError(_NOT_WORD_XML)
    body = re.sub(r"^<\?xml[^>]*\?>", "", text)  # the text is decoded: its declared encoding says no more
    try:
        return etree.fromstring(body.encode("utf-8"), xml_parser(huge=True))  # a picture's base64 may pass 10 MB
    except etree.XMLSyntaxError as err:
        raise LoadError(_WORD_XML_BROKEN) from err


def _xml_unicode(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise LoadError(_WORD_XML_BROKEN) from err
    if (text := encodings.utf16_without_bom(data)) is not None:
        return text
    declared = re.match(rb"""\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""", data)
    try:
        return data.decode(declared.group(1).decode("ascii") if declared else "utf-8")
    except (LookupError, UnicodeDecodeError) as err:
        raise LoadError(_WORD_XML_BROKEN) from err


_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WML_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"


def _flat_docx(root: Any) -> bytes:
    """Word 2007's one-file XML package as the DOCX it flattens: each part written back under its name, an XML part
    as it stands, a binary one from its base64; a package whose main part is no Word document is refused."""
    from lxml import etree

    parts: dict[str, tuple[str, bytes]] = {}
    for part in root:
        if xml_name(part) != (_FLAT, "part"):
            continue
        name = (part.get(f"{{{_FLAT}}}name") or "").lstrip("/")
        xml, binary = part.find(f"{{{_FLAT}}}xmlData"), part.find(f"{{{_FLAT}}}binaryData")
        if xml is not None and len(xml):
            content = etree.tostring(xml[0], xml_declaration=True, encoding="UTF-8", standalone=True)
        elif binary is not None:
            content = base64.b64decode("".join((binary.text or "").split()))
        else:
            continue
        if name:
            parts[name] = (part.get(f"{{{_FLAT}}}contentType") or "", content)
    main = main_part(parts["_rels/.rels"][1]) if "_rels/.rels" in parts else None
    if main not in parts or "wordprocessingml" not in parts[main][0]:
        raise LoadError(_NOT_WORD_XML)  # a flattened workbook or presentation
    return _package(parts)  # a template's or a macro-enabled document's main part: retyped by `openable_package`


def main_part(rels: bytes) -> str | None:
    """The part a package's relationships name as its main document ("word/document.xml")."""
    from lxml import etree

    return next((part_name("", rel.get("Target") or "") for rel in etree.fromstring(rels, xml_parser())
                 if (rel.get("Type") or "").endswith("/officeDocument")), None)


# a Word package's main part, as a document, a template, a macro-enabled document or template types it
_MAIN_TYPES = frozenset((_DOCX_MAIN, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                         "application/vnd.ms-word.document.macroEnabled.main+xml",
                         "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"))


def openable_package(data: bytes) -> bytes:
    """The package as python-docx opens it: a template's or a macro-enabled file's main part typed as a document's
    (macros never run); a document embedded in it (`w:altChunk`: an e-office system's body, typed as a main part as
    Word types it) typed as bytes, read where its altChunk stands. Unchanged when nothing needs it."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = "/" + (main_part(package.read("_rels/.rels")) or "word/document.xml")
        types = etree.fromstring(package.read("[Content_Types].xml"), xml_parser())
        changed = False
        for override in types.iter(f"{{{_CONTENT_TYPES}}}Override"):
            kind = override.get("ContentType")
            if kind in _MAIN_TYPES and kind != (want := _DOCX_MAIN if override.get("PartName") == main else _OPAQUE):
                override.set("ContentType", want)
                changed = True
        if not changed:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                copy.writestr(info, etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
                              if info.filename == "[Content_Types].xml" else package.read(info))
        return out.getvalue()


_OPAQUE = "application/octet-stream"


def _package(parts: dict[str, tuple[str, bytes]]) -> bytes:
    """The parts (name -> content type, bytes) as a zip package with its [Content_Types].xml."""
    from xml.sax.saxutils import quoteattr

    types = "".join(f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(kind)}/>"
                    for name, (kind, _) in parts.items() if kind and not name.endswith(".rels"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_CONTENT_TYPES}">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
                         f'+xml"/><Default Extension="xml" ContentType="application/xml"/>{types}</Types>')
        for name, (_, content) in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Word 2003's number formats by code, as DOCX names them
_NFC = {"0": "decimal", "1": "upperRoman", "2": "lowerRoman", "3": "upperLetter", "4": "lowerLetter", "5": "ordinal",
        "6": "cardinalText", "7": "ordinalText", "22": "decimalZero", "23": "bullet", "255": "none"}
_RENAMED = {"vmerge": "vMerge", "hmerge": "hMerge", "listPr": "numPr", "ilfo": "numId"}  # 2003 name -> DOCX name
_RENAMED_ATTRS = {"h-ansi": "hAnsi", "fareast": "eastAsia"}
_HEADER_TYPES = {"odd": "default", "even": "even", "first": "first"}


def _w03(tag: str) -> str:
    return f"{{{_WORDML_2003}}}{tag}"


def _wordml_docx(root: Any) -> bytes:
    """Word 2003's XML document as the DOCX package Word 2007 makes of it: its body, styles (with the default font
    as document defaults), lists (as numbering) and page headers in parts of their own, 2003's names changed to
    DOCX's. The 2003 vocabulary is otherwise DOCX's own, in another namespace."""
    from lxml import etree

    body = root.find(_w03("body"))
    if body is None:
        raise LoadError(_WORD_XML_BROKEN)
    for data in list(root.iter(_w03("binData"), _w03("docOleData"))):  # pictures' bytes: no text in them
        data.getparent().remove(data)
    _as_docx_body(root, body)
    nsmap = {"w": _WORDML_2003, "r": _OFFICE_RELS}
    parts: dict[str, tuple[str, Any]] = {}
    rels: list[tuple[str, str]] = []  # (relationship type, target)
    styles = root.find(_w03("styles"))
    if styles is not None:
        defaults = root.find(f"{_w03('fonts')}/{_w03('defaultFonts')}")
        if defaults is not None:  # the font of text set in no other: DOCX keeps it in the styles' defaults
            document_defaults = etree.Element(_w03("docDefaults"))
            fonts = etree.SubElement(etree.SubElement(etree.SubElement(document_defaults, _w03("rPrDefault")),
                                                      _w03("rPr")), _w03("rFonts"))
            for attr, value in defaults.attrib.items():
                name = attr.rpartition("}")[2]
                fonts.set(_w03(_RENAMED_ATTRS.get(name, name)), value)
            styles.insert(0, document_defaults)
        parts["word/styles.xml"] = (_WML_PART.format("styles"), styles)
        rels.append(("styles", "styles.xml"))
    numbering = _numbering(root.find(_w03("lists")))
    if numbering is not None:
        parts["word/numbering.xml"] = (_WML_PART.format("numbering"), numbering)
        rels.append(("numbering", "numbering.xml"))
    for section in list(body.iter(_w03("sectPr"))):
        for note in list(section.iter(_w03("ftr"))):
            section.remove(note)
        for header in list(section.findall(_w03("hdr"))):
            name = f"header{len(parts) + 1}.xml"
            reference = etree.Element(_w03("headerReference"))
            reference.set(_w03("type"), _HEADER_TYPES.get(header.get(_w03("type"), "odd"), "default"))
            reference.set(f"{{{_OFFICE_RELS}}}id", f"rId{len(rels) + 1}")
            section.replace(header, reference)
            header.attrib.pop(_w03("type"), None)
            parts[f"word/{name}"] = (_WML_PART.format("header"), header)
            rels.append(("header", name))
    document = etree.Element(_w03("document"), nsmap=nsmap)
    document.append(body)
    final = body.find(_w03("sectPr"))
    body.append(final if final is not None else etree.Element(_w03("sectPr")))  # a DOCX's body ends on its section
    parts["word/document.xml"] = (_DOCX_MAIN, document)
    relationships = "".join(f'<Relationship Id="rId{k}" Type="{_OFFICE_RELS}/{kind}" Target="{target}"/>'
                            for k, (kind, target) in enumerate(rels, 1))
    package_rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    files: dict[str, tuple[str, bytes]] = {
        name: (kind, etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
               .replace(_WORDML_2003.encode(), _WORDML.encode()))
        for name, (kind, element) in parts.items()}
    files["_rels/.rels"] = ("", f'<Relationships xmlns="{package_rels}"><Relationship Id="rId1" Type="{_OFFICE_RELS}/'
                                'officeDocument" Target="word/document.xml"/></Relationships>'.encode())
    files["word/_rels/document.xml.rels"] = ("", f'<Relationships xmlns="{package_rels}">{relationships}'
                                                 '</Relationships>'.encode())
    return _package(files)


def _as_docx_body(root: Any, body: Any) -> None:
    """2003's ways rewritten in place as DOCX's: tracked insertions in and deletions out (comments and bookmarks
    too), a note's text in brackets where its mark stands, links, smart tags and the auxiliary wrappers ("wx:sect")
    opened, lists' and merged cells' elements renamed, a style named the OpenDocument way ("Heading_20_1", as
    LibreOffice saves this format) named as Word names it."""
    from lxml import etree

    for note in list(root.iter(f"{{{_AML}}}annotation")):
        content = note.find(f"{{{_AML}}}content") if note.get(_w03("type")) == "Word.Insertion" else None
        lift(note, list(content) if content is not None else [])
    for note in list(body.iter(_w03("footnote"), _w03("endnote"))):
        text = " ".join("".join(t.text or "" for t in note.iter(_w03("t"))).split())
        mark = etree.Element(_w03("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        mark.text = f" ({text})" if text else ""
        if note.getparent() is not None:
            note.getparent().replace(note, mark)
    for link in list(body.iter(_w03("hlink"))):
        lift(link, list(link))
    blocks = {_w03("p"), _w03("tbl"), _w03("r"), _w03("sectPr"), _w03("tr"), _w03("tc")}
    for element in list(root.iter()):
        namespace, name = xml_name(element)
        parent = element.getparent()
        if parent is None or not namespace:
            continue
        if namespace == _WX:  # a section's or a border group's wrapper, else a hint of how Word showed the text
            lift(element, list(element) if any(c.tag in blocks for c in element) else [])
        elif namespace != _WORDML_2003 and parent.tag in {_w03("p"), _w03("body"), _w03("tc"), _w03("tr")} and \
                any(c.tag in blocks for c in element.iter()):  # a smart tag or custom XML around text
            lift(element, list(element))
        elif namespace == _WORDML_2003:
            element.tag = _w03(_RENAMED.get(name, name))
            for attr in [a for a in element.attrib if a.rpartition("}")[2] in _RENAMED_ATTRS]:
                value = element.attrib.pop(attr)
                element.set(_w03(_RENAMED_ATTRS[attr.rpartition("}")[2]]), value)
            if name == "name" and parent.tag == _w03("style"):
                element.set(_w03("val"), element.get(_w03("val"), "").replace("_20_", " "))


def _numbering(lists: Any) -> Any:
    """2003's list definitions as DOCX numbering: each listDef an abstractNum (its levels' format codes named), each
    list a num pointing at its definition."""
    from lxml import etree

    if lists is None:
        return None
    numbering = etree.Element(_w03("numbering"), nsmap={"w": _WORDML_2003})
    for definition in lists.findall(_w03("listDef")):
        abstract = etree.SubElement(numbering, _w03("abstractNum"))
        abstract.set(_w03("abstractNumId"), definition.get(_w03("listDefId"), "0"))
        for level in definition.findall(_w03("lvl")):
            code = level.find(_w03("nfc"))
            if code is not None:
                code.tag = _w03("numFmt")
                code.set(_w03("val"), _NFC.get(code.get(_w03("val"), "0"), "decimal"))
            abstract.append(level)
    for item in lists.findall(_w03("list")):
        num = etree.SubElement(numbering, _w03("num"))
        num.set(_w03("numId"), item.get(_w03("ilfo"), "0"))
        definition = item.find(_w03("ilst"))
        etree.SubElement(num, _w03("abstractNumId")).set(_w03("val"), definition.get(_w03("val"), "0")
                                                       if definition is not None else "0")
        for override in item.findall(_w03("lvlOverride")):
            num.append(override)
    return numbering
