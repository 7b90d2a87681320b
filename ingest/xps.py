"""Plans printed to XPS (.xps, .oxps: Windows' "Microsoft XPS Document Writer"): read from where each line is
printed, a ruled table row by row. Registers itself in `ingest.load`'s registry."""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from assistant.vocab.parts import layout_columns
from assistant.vocab.units import cell_text
from ingest.formats import part_name, xml_name, xml_parser
from ingest.load import PAGE_BREAK, Deadline, FileReader, LoadError, register
from ingest.pdf_tables import aslant

# --- XPS -----------------------------------------------------------------------------------------

_XPS = ("http://schemas.microsoft.com/xps/2005/06", "http://schemas.openxps.org/oxps/v1.0")
_XPS_START = tuple(f"{ns}/fixedrepresentation" for ns in _XPS)  # the package's link to its document sequence
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_XPS_BROKEN = "Tệp {kind} bị hỏng hoặc không đúng định dạng tài liệu XPS (.xps, .oxps)."
_NOT_XPS = ("Tệp {kind} không phải tài liệu XPS (không có danh sách trang FixedDocumentSequence): chỉ nhận tệp in ra "
            "bằng “Microsoft XPS Document Writer” hoặc lưu dưới dạng XPS/OpenXPS.")


@register(".xps")
class XpsReader(FileReader):
    """A plan printed to a file with Windows' "Microsoft XPS Document Writer" (Word → In → XPS), or saved as XPS or
    OpenXPS: no text flow is kept, only where each run of glyphs is printed. The pages are read in the order the
    document lists them, each printed line a line (its runs left to right); a table drawn with ruling lines is read
    cell by cell, a tab-separated line a row (a cell's wrapped lines one value, a merged cell's text in its first
    column), as a PDF's ruled table is; a header or signature laid out side by side is read column by column, as a
    DOCX's layout table is; pages are parted by PAGE_BREAK, as a PDF's."""

    file_type = "xps"
    zipped = True

    def decode(self, data: bytes, deadline: Deadline | None = None) -> str:
        from lxml import etree

        kind = self.file_type.upper()
        parser = xml_parser()
        pages: list[str] = []
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = _Parts(archive)
                for name in _xps_pages(parts, parser, kind):
                    page = _XpsPage(parts, name, parser)
                    page.walk(etree.fromstring(parts.read(name), parser))
                    pages.append("\n".join(_page_lines(page.runs, page.rules)))
                    if deadline is not None:
                        deadline.check("đọc XPS")
        except LoadError:
            raise
        except Exception as err:
            raise LoadError(_XPS_BROKEN.format(kind=kind)) from err
        return PAGE_BREAK.join(pages)


@register(".oxps")
class OxpsReader(XpsReader):
    file_type = "oxps"


_PIECE = re.compile(r"(.+)/\[(\d+)\](?:\.last)?\.piece")


class _Parts:
    """An OPC package's parts by name: names compared without case or percent-escapes, as OPC compares them, and a
    part stored interleaved ("[0].piece" … "[3].last.piece") read whole."""

    def __init__(self, archive: Any) -> None:
        self._archive = archive
        self._members: dict[str, list[tuple[int, str]]] = {}
        for name in archive.namelist():
            key = _part_key(name)
            piece = _PIECE.fullmatch(key)
            if piece is not None:
                self._members.setdefault(piece.group(1), []).append((int(piece.group(2)), name))
            else:
                self._members.setdefault(key, [(0, name)])

    def has(self, name: str) -> bool:
        return _part_key(name) in self._members

    def read(self, name: str) -> bytes:
        return b"".join(self._archive.read(member) for _, member in sorted(self._members[_part_key(name)]))


def _part_key(name: str) -> str:
    from urllib.parse import unquote

    return unquote(name.split("#", 1)[0]).lstrip("/").lower()


def _xps_pages(parts: _Parts, parser: Any, kind: str) -> list[str]:
    """The pages' parts in the order the document sequence and its documents list them (not their names' order;
    a page listed twice is read once)."""
    from lxml import etree

    start = None
    if parts.has("_rels/.rels"):
        for rel in etree.fromstring(parts.read("_rels/.rels"), parser):
            if rel.get("Type") in _XPS_START and rel.get("TargetMode") != "External":
                start = part_name("", rel.get("Target", ""))
    if start is None and parts.has("FixedDocumentSequence.fdseq"):
        start = "FixedDocumentSequence.fdseq"
    if start is None or not parts.has(start):
        raise LoadError(_NOT_XPS.format(kind=kind))
    sequence = etree.fromstring(parts.read(start), parser)
    if xml_name(sequence) not in {(ns, "FixedDocumentSequence") for ns in _XPS}:
        raise LoadError(_NOT_XPS.format(kind=kind))
    pages: list[str] = []
    for reference in sequence:
        if xml_name(reference)[1] != "DocumentReference" or not reference.get("Source"):
            continue
        name = part_name(start, reference.get("Source"))
        for content in etree.fromstring(parts.read(name), parser):
            if xml_name(content)[1] == "PageContent" and content.get("Source"):
                pages.append(part_name(name, content.get("Source")))
    return list(dict.fromkeys(pages))


Matrix = tuple[float, float, float, float, float, float]  # m11, m12, m21, m22, dx, dy
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    """The transform of a child (`inner`) placed in its parent's space (`outer`): inner first, then outer."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a2 * a1 + c2 * b1, b2 * a1 + d2 * b1, a2 * c1 + c2 * d1, b2 * c1 + d2 * d1,
            a2 * e1 + c2 * f1 + e2, b2 * e1 + d2 * f1 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix(text: str) -> Matrix:
    values = [float(v) for v in _NUMBER.findall(text)]
    return (values[0], values[1], values[2], values[3], values[4], values[5]) if len(values) == 6 else _IDENTITY


@dataclass
class _Run:
    """One Glyphs element as printed on the page: where its baseline runs (x0 to x1 at `base`), its size."""

    x0: float
    x1: float
    base: float
    size: float
    text: str


@dataclass
class _Rule:
    """A straight level or upright line drawn on the page (a table's border): at `at`, from `a` to `b`."""

    level: bool
    at: float
    a: float
    b: float


Figure = tuple[list[tuple[float, float]], list[bool], bool]  # points, each segment straight or not, closed


class _XpsPage:
    """Walks one FixedPage: its text runs and the ruling lines it draws, in page units (1/96 inch), every Canvas's
    and element's RenderTransform applied, resources (a transform or a geometry named by key) looked up."""

    def __init__(self, parts: _Parts, name: str, parser: Any) -> None:
        self.parts, self.name, self.parser = parts, name, parser
        self.runs: list[_Run] = []
        self.rules: list[_Rule] = []

    def walk(self, element: Any, matrix: Matrix = _IDENTITY, scope: dict[str, Any] | None = None) -> None:
        """The runs and rules inside `element` (a page, a canvas), drawn through `matrix`, its resources `scope`."""
        scope = self._resources(element, {}) if scope is None else scope
        for child in element:
            namespace, name = xml_name(child)
            if namespace == _MC and name == "AlternateContent":  # what a reader of the base format reads
                chosen = next((c for c in child if xml_name(c)[1] == "Fallback"), None)
                if chosen is None:
                    chosen = next((c for c in child if xml_name(c)[1] == "Choice"), None)
                if chosen is not None:
                    self.walk(chosen, matrix, scope)
            elif namespace not in _XPS:
                continue
            elif name == "Canvas":
                inner = self._resources(child, scope)
                self.walk(child, _times(self._transform(child, inner), matrix), inner)
            elif name == "Glyphs":
                self._glyphs(child, matrix, scope)
            elif name == "Path":
                self._path(child, matrix, scope)

    def _resources(self, element: Any, inherited: dict[str, Any]) -> dict[str, Any]:
        from lxml import etree

        own = next((c for c in element if xml_name(c)[1].endswith(".Resources")), None)
        dictionary = next((c for c in own if xml_name(c)[1] == "ResourceDictionary"), None) if own is not None else None
        if dictionary is None:
            return inherited
        if dictionary.get("Source"):  # a dictionary kept in a part of its own
            dictionary = etree.fromstring(self.parts.read(part_name(self.name, dictionary.get("Source"))), self.parser)
        keyed = {value: c for c in dictionary for attr, value in c.attrib.items() if attr.endswith("}Key")}
        return {**inherited, **keyed}

    @staticmethod
    def _resource(value: str, resources: dict[str, Any]) -> Any:
        found = re.fullmatch(r"\{\s*StaticResource\s+([^}\s]+)\s*\}", value.strip())
        return resources.get(found.group(1)) if found else None

    def _transform(self, element: Any, resources: dict[str, Any], attribute: str = "RenderTransform") -> Matrix:
        value = element.get(attribute)
        if value is None:
            prop = next((c for c in element if xml_name(c)[1].endswith(f".{attribute}")), None)
            found = next((c for c in prop if xml_name(c)[1] == "MatrixTransform"), None) if prop is not None else None
            return _matrix(found.get("Matrix", "")) if found is not None else _IDENTITY
        if value.lstrip().startswith("{"):
            found = self._resource(value, resources)
            return _matrix(found.get("Matrix", "")) if found is not None else _IDENTITY
        return _matrix(value)

    def _glyphs(self, element: Any, matrix: Matrix, resources: dict[str, Any]) -> None:
        text = element.get("UnicodeString") or ""
        text = text[2:] if text.startswith("{}") else text  # "{}" escapes a string that opens with "{"
        if not text.strip():
            return
        m = _times(self._transform(element, resources), matrix)
        if aslant(m[0], m[1]):  # a watermark drawn across the page: no words of the document
            return
        em = float(element.get("FontRenderingEmSize") or 0)
        x, y = float(element.get("OriginX") or 0), float(element.get("OriginY") or 0)
        width = _advance(text, element.get("Indices") or "", em)
        if int(element.get("BidiLevel") or 0) % 2:  # right to left: the run reaches back from its origin
            width = -width
        (x0, y0), (x1, y1) = _apply(m, x, y), _apply(m, x + width, y)
        size = max(em * math.hypot(m[2], m[3]), 1.0)
        self.runs.append(_Run(min(x0, x1), max(x0, x1), (y0 + y1) / 2, size, text))

    def _path(self, element: Any, matrix: Matrix, resources: dict[str, Any]) -> None:
        def painted(what: str) -> bool:
            return element.get(what) is not None or any(xml_name(c)[1] == f"Path.{what}" for c in element)

        stroked, filled = painted("Stroke"), painted("Fill")
        if not stroked and not filled:
            return
        m = _times(self._transform(element, resources), matrix)
        for points, straight, closed in self._geometry(element, resources):
            drawn = [_apply(m, x, y) for x, y in points]
            if stroked:
                ends = list(zip(drawn, drawn[1:] + drawn[:1], strict=True))
                for (p, q), line in zip(ends, straight + [closed], strict=False):
                    if line:
                        self._rule(p, q)
            if filled and drawn:  # a border Word draws as a thin filled bar
                xs, ys = [p[0] for p in drawn], [p[1] for p in drawn]
                width, height = max(xs) - min(xs), max(ys) - min(ys)
                if height <= _THIN and width >= _MIN_RULE:
                    self.rules.append(_Rule(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
                elif width <= _THIN and height >= _MIN_RULE:
                    self.rules.append(_Rule(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))

    def _rule(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        if abs(p[1] - q[1]) <= _STRAIGHT and abs(p[0] - q[0]) >= _MIN_RULE:
            self.rules.append(_Rule(True, (p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
        elif abs(p[0] - q[0]) <= _STRAIGHT and abs(p[1] - q[1]) >= _MIN_RULE:
            self.rules.append(_Rule(False, (p[0] + q[0]) / 2, min(p[1], q[1]), max(p[1], q[1])))

    def _geometry(self, element: Any, resources: dict[str, Any]) -> list[Figure]:
        data = element.get("Data")
        if data is not None and not data.lstrip().startswith("{"):
            return _figures(data)
        geometry = self._resource(data, resources) if data is not None else None
        if geometry is None:
            prop = next((c for c in element if xml_name(c)[1] == "Path.Data"), None)
            geometry = next((c for c in prop if xml_name(c)[1] == "PathGeometry"), None) if prop is not None else None
        if geometry is None:
            return []
        figures = _figures(geometry.get("Figures") or "")
        for figure in geometry:
            if xml_name(figure)[1] != "PathFigure":
                continue
            points, straight = [_point(figure.get("StartPoint") or "0,0")], []
            for segment in figure:
                kind = xml_name(segment)[1]
                ends = [_point(p) for p in _pairs(segment.get("Points") or segment.get("Point") or "")]
                step = {"PolyBezierSegment": 3, "PolyQuadraticBezierSegment": 2}.get(kind, 1)
                for end in ends[step - 1::step]:
                    points.append(end)
                    straight.append(kind == "PolyLineSegment")
            figures.append((points, straight, figure.get("IsClosed") == "true"))
        m = self._transform(geometry, resources, "Transform")
        return [([_apply(m, x, y) for x, y in points], straight, closed) for points, straight, closed in figures]


_THIN = 3.0  # a filled bar this thin (in page units, 1/96 inch) is a rule
_MIN_RULE = 4.0  # shorter marks are dots or a letter's stroke, not borders
_STRAIGHT = 0.5  # how far a level line's ends may differ in height


def _pairs(text: str) -> list[str]:
    values = _NUMBER.findall(text)
    return [f"{x},{y}" for x, y in zip(values[0::2], values[1::2], strict=False)]


def _point(text: str) -> tuple[float, float]:
    values = [float(v) for v in _NUMBER.findall(text)]
    return (values[0], values[1]) if len(values) >= 2 else (0.0, 0.0)


_PATH_TOKEN = re.compile(rf"[A-Za-z]|{_NUMBER.pattern}")
_PATH_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "S": 4, "A": 7}


def _figures(data: str) -> list[Figure]:
    """XPS's abbreviated path syntax ("F1 M 96,200 L 700,200 700,201 96,201 Z"): each figure's points, whether each
    segment is straight (a curve is no border), whether it is closed."""
    tokens = _PATH_TOKEN.findall(data)
    figures: list[Figure] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in "Ff":  # "F0"/"F1": the fill rule
            i += 2
            continue
        if token.isalpha():
            i += 1
            command = token
            if token in "Zz" and figures:
                figures[-1] = (figures[-1][0], figures[-1][1], True)
                x, y = figures[-1][0][0]
            continue
        upper = command.upper()
        count = _PATH_ARGS.get(upper, 0)
        if not count or i + count > len(tokens) or any(t.isalpha() for t in tokens[i:i + count]):
            break  # numbers where no command takes them: the path is read as far as it makes sense
        values = [float(t) for t in tokens[i:i + count]]
        i += count
        relative = command.islower()
        if upper == "H":
            nx, ny = values[0] + (x if relative else 0.0), y
        elif upper == "V":
            nx, ny = x, values[0] + (y if relative else 0.0)
        else:
            nx, ny = values[-2] + (x if relative else 0.0), values[-1] + (y if relative else 0.0)
        if upper == "M":
            figures.append(([(nx, ny)], [], False))
            command = "l" if relative else "L"  # pairs after a move draw lines
        else:
            if not figures or figures[-1][2]:  # drawing on after a closed figure starts a new one where it ended
                figures.append(([(x, y)], [], False))
            figures[-1][0].append((nx, ny))
            figures[-1][1].append(upper in "LHV")
        x, y = nx, ny
    return figures


def _advance(text: str, indices: str, em: float) -> float:
    """How far a run of glyphs reaches along its baseline: the advance widths its Indices give (in hundredths of the
    em), a guess from the character for glyphs without one. "(2:1)" maps two characters to one glyph."""
    total, at, shared = 0.0, 0, 0
    for entry in indices.split(";") if indices.strip() else []:
        cluster = re.match(r"\s*\((\d+)(?::(\d+))?\)", entry)
        if cluster is not None:
            entry = entry[cluster.end():]
            at += int(cluster.group(1))
            shared = int(cluster.group(2) or 1) - 1  # the cluster's other glyphs take no characters of their own
        elif shared:
            shared -= 1
        else:
            at += 1
        fields = entry.split(",")
        width = fields[1].strip() if len(fields) > 1 else ""
        total += float(width) / 100 * em if width else _guess(text[at - 1] if 0 < at <= len(text) else "") * em
    return total + sum(_guess(ch) * em for ch in text[at:])


def _guess(ch: str) -> float:
    """A character's width in ems in a text face like Times New Roman, for a glyph whose width the file leaves out."""
    if not ch or ch.isspace():
        return 0.25
    if ch.isupper():
        return 0.68
    return 0.5 if ch.isdigit() else 0.47 if ch.isalpha() else 0.3


# --- a printed page as lines ---------------------------------------------------------------------

_SAME_LINE = 0.4  # ems two runs' baselines may differ by and print one line (a raised footnote mark is on it)
_WORD_GAP = 0.12  # ems of blank between two runs that part two words
_COLUMN_GAP = 1.5  # ems of blank between two runs that part two cells or columns (a space, even justified, is less)
_BLOCK_REACH = 1.9  # ems from one line to the next of a header or signature laid out in columns
_CELL_PAD = 7.7  # a table cell's inner margin on each side (Word's default, 0.08 inch)
_JOIN = 3.0  # page units two rules may stand apart and still meet, or be one rule
_MAX_RULES = 2000  # more lines drawn on a page is a drawing, not tables: the page is read line by line
_LIST_MARK = re.compile(r"[-–•+*·]|\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-zđ][.)]|[IVXLC]{1,6}[.)-]")


def _page_lines(runs: list[_Run], rules: list[_Rule]) -> list[str]:
    """A page's text top to bottom: its ruled tables row by row, the other lines as printed (header and signature
    blocks laid out in columns read column by column), a blank line around each table as DOCX tables have."""
    tables = _tables(rules) if len(rules) <= _MAX_RULES else []
    loose = [run for run in _unique(runs) if not any(table.place(run) for table in tables)]
    placed = [(table.ys[0], ["", *rows, ""]) for table in tables if (rows := table.rows())]
    placed += _laid_out(_printed_lines(loose))
    lines = [line for _, block in sorted(placed, key=lambda p: p[0]) for line in block]
    return [line for i, line in enumerate(lines) if line or (0 < i < len(lines) - 1 and lines[i - 1])]


def _unique(runs: list[_Run]) -> list[_Run]:
    """Each run once: a writer that fakes bold prints a run twice, a hair apart."""
    seen: list[_Run] = []
    for run in runs:
        if not any(r.text == run.text and abs(r.x0 - run.x0) < 1 and abs(r.base - run.base) < 1 for r in seen[-8:]):
            seen.append(run)
    return seen


def _printed_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into printed lines by their baselines, top to bottom, each line's runs left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.base, r.x0)):
        last = lines[-1][-1] if lines else None
        if last is not None and run.base - last.base <= _SAME_LINE * max(run.size, last.size):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


def _joined(runs: list[_Run]) -> str:
    """A line's runs as one text: runs that touch run on ("Đả" + "ng"), runs a space apart take one."""
    text, reach = runs[0].text, runs[0].x1
    for run in runs[1:]:
        gap = run.x0 - reach
        if gap > _WORD_GAP * max(run.size, runs[0].size) and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
        reach = max(reach, run.x1)
    return text.strip()


def _pieces(line: list[_Run]) -> list[list[_Run]]:
    """A printed line cut where its runs stand far apart (a borderless table's cells, a header's two columns); a
    list item's number or bullet and the tab after it cut nothing."""
    out = [[line[0]]]
    for run in line[1:]:
        if run.x0 - _reach(out[-1]) > _COLUMN_GAP * max(run.size, out[-1][-1].size) and \
                not _LIST_MARK.fullmatch(_joined(out[-1])):
            out.append([run])
        else:
            out[-1].append(run)
    return out


def _laid_out(lines: list[list[_Run]]) -> list[tuple[float, list[str]]]:
    """The lines outside ruled tables, each with where it stands: a line's pieces far apart parted by a tab (a
    borderless table's row), and a header or signature laid out in two or three columns (issuer | motto, "Nơi nhận"
    | "T/M BAN THƯỜNG VỤ") read column by column, the left one first, as a DOCX layout table is."""
    pieces = [_pieces(line) for line in lines]
    out: list[tuple[float, list[str]]] = []
    i = 0
    while i < len(lines):
        block = _column_block(lines, pieces, i)
        if block is not None:
            end, bounds = block
            columns: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
            for k in range(i, end):
                for piece in pieces[k]:
                    columns[sum(b < (piece[0].x0 + _reach(piece)) / 2 for b in bounds)].append(_joined(piece))
            read = layout_columns([columns])
            if read is not None:
                out.append((lines[i][0].base, read))
                i = end
                continue
        out.append((lines[i][0].base, ["\t".join(_joined(p) for p in pieces[i])]))
        i += 1
    return out


def _column_block(lines: list[list[_Run]], pieces: list[list[list[_Run]]], i: int) -> tuple[int, list[float]] | None:
    """Where a block of lines laid out in columns that starts at line `i` ends, and where its columns part: from a
    line of two or three pieces, the lines close below it whose pieces each stand clear of the blank between two
    columns (the blank narrowed by each line taken in)."""
    if not 2 <= len(pieces[i]) <= 3:
        return None
    gaps = [[_reach(a), b[0].x0] for a, b in zip(pieces[i], pieces[i][1:], strict=False)]
    end = i + 1
    while end < len(lines):
        size = max(r.size for r in lines[end - 1] + lines[end])
        if lines[end][0].base - lines[end - 1][0].base > _BLOCK_REACH * size or len(pieces[end]) > len(pieces[i]):
            break
        narrowed = [list(gap) for gap in gaps]
        for piece in pieces[end]:
            for gap in narrowed:
                if (piece[0].x0 + _reach(piece)) / 2 < (gap[0] + gap[1]) / 2:
                    gap[0] = max(gap[0], _reach(piece))
                else:
                    gap[1] = min(gap[1], piece[0].x0)
        if any(lo >= hi for lo, hi in narrowed):
            break
        gaps = narrowed
        end += 1
    return end, [(lo + hi) / 2 for lo, hi in gaps]


def _reach(runs: list[_Run]) -> float:
    return max(r.x1 for r in runs)


@dataclass
class _Table:
    """A table drawn with ruling lines: its column and row bounds, its rules, and the runs in each cell (by its top row,
    left column, bottom row and right column)."""

    xs: list[float]
    ys: list[float]
    upright: list[_Rule]
    level: list[_Rule]
    cells: dict[tuple[int, int, int, int], list[_Run]] = field(default_factory=dict)

    def place(self, run: _Run) -> bool:
        """Put a run in the cell its start stands in; False when it stands in none."""
        x = run.x0 + min(run.size * 0.3, (run.x1 - run.x0) / 2)
        y = run.base - run.size * 0.3
        if not (self.xs[0] - _JOIN < x < self.xs[-1] + _JOIN and self.ys[0] - _JOIN < y < self.ys[-1] + _JOIN):
            return False
        left = [r.at for r in self.upright if r.at <= x and r.a - _JOIN <= y <= r.b + _JOIN]
        right = [r.at for r in self.upright if r.at > x and r.a - _JOIN <= y <= r.b + _JOIN]
        top = [r.at for r in self.level if r.at <= y and r.a - _JOIN <= x <= r.b + _JOIN]
        bottom = [r.at for r in self.level if r.at > y and r.a - _JOIN <= x <= r.b + _JOIN]
        if not (left and right and top and bottom):
            return False
        key = (_nearest(self.ys, max(top)), _nearest(self.xs, max(left)), _nearest(self.ys, min(bottom)),
               _nearest(self.xs, min(right)))
        if key[0] >= key[2] or key[1] >= key[3]:
            return False
        self.cells.setdefault(key, []).append(run)
        return True

    def rows(self) -> list[str]:
        """One tab-separated line a row: a cell merged across in its first column, one merged down in each row it
        covers (as a DOCX table is read); a header or signature laid out in a ruled table, column by column."""
        if not self.cells:
            return []
        width = len(self.xs) - 1
        grid: list[list[list[str]]] = [[[] for _ in range(width)] for _ in range(len(self.ys) - 1)]
        first: list[list[list[str]]] = [[[] for _ in range(width)] for _ in range(len(self.ys) - 1)]
        for (top, left, bottom, right), runs in self.cells.items():
            paragraphs = _cell_paragraphs(runs, self.xs[right] - self.xs[left] - 2 * _CELL_PAD)
            first[top][left] = paragraphs
            for row in range(top, bottom):
                grid[row][left] = paragraphs
        layout = layout_columns(first) if width <= 3 else None
        if layout is not None:
            return layout
        return ["\t".join(cell_text(cell) for cell in row) for row in grid if any(row)]


def _cell_paragraphs(runs: list[_Run], room: float) -> list[str]:
    """A cell's printed lines as its paragraphs: a line goes on the one above when the first word of it would not
    have fitted there (the line was wrapped), else it starts a paragraph of its own."""
    paragraphs: list[str] = []
    previous: list[_Run] | None = None
    for line in _printed_lines(runs):
        text = _joined(line)
        if previous is not None and paragraphs:
            word = line[0].text.strip().split(" ")[0]
            word_width = (line[0].x1 - line[0].x0) * len(word) / max(len(line[0].text), 1)
            used = max(r.x1 for r in previous) - previous[0].x0
            if used + (_guess(" ") + 0.5) * line[0].size + word_width > room:
                paragraphs[-1] = f"{paragraphs[-1]} {text}"
                previous = line
                continue
        paragraphs.append(text)
        previous = line
    return [" ".join(p.split()) for p in paragraphs]


def _nearest(values: list[float], value: float) -> int:
    return min(range(len(values)), key=lambda k: abs(values[k] - value))


def _merged(rules: list[_Rule]) -> list[_Rule]:
    """Rules drawn in pieces (a border drawn cell by cell) joined into one where they meet on one line."""
    out: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.at / _JOIN), r.a)):
        last = out[-1] if out else None
        if last is not None and abs(last.at - rule.at) <= _JOIN and rule.a <= last.b + _JOIN:
            out[-1] = _Rule(rule.level, (last.at + rule.at) / 2, last.a, max(last.b, rule.b))
        else:
            out.append(rule)
    return out


def _bounds(values: list[float]) -> list[float]:
    """Positions of rules closer than a few units (a double border) as one bound."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= 2 * _JOIN:
            continue
        out.append(value)
    return out


def _tables(rules: list[_Rule]) -> list[_Table]:
    """The tables the rules draw: level and upright rules that meet, grouped; a group of two columns or more is a
    table. An outer border left undrawn (a style ruled inside only) is taken where the rules end."""
    level, upright = _merged([r for r in rules if r.level]), _merged([r for r in rules if not r.level])
    group = list(range(len(level) + len(upright)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    for i, h in enumerate(level):
        for j, v in enumerate(upright):
            if h.a - _JOIN <= v.at <= h.b + _JOIN and v.a - _JOIN <= h.at <= v.b + _JOIN:
                group[root(i)] = root(len(level) + j)
    members: dict[int, list[_Rule]] = {}
    for k, rule in enumerate(level + upright):
        members.setdefault(root(k), []).append(rule)
    tables: list[_Table] = []
    for found in members.values():
        hs, vs = [r for r in found if r.level], [r for r in found if not r.level]
        if not hs or not vs:
            continue
        left, right = min(r.a for r in hs), max(r.b for r in hs)
        top, bottom = min(r.a for r in vs), max(r.b for r in vs)
        vs += [_Rule(False, x, top, bottom) for x in (left, right) if all(abs(r.at - x) > 2 * _JOIN for r in vs)]
        hs += [_Rule(True, y, left, right) for y in (top, bottom) if all(abs(r.at - y) > 2 * _JOIN for r in hs)]
        xs, ys = _bounds([r.at for r in vs]), _bounds([r.at for r in hs])
        if len(xs) >= 3 and len(ys) >= 2:
            tables.append(_Table(xs, ys, vs, hs))
    return sorted(tables, key=lambda t: t.ys[0])
