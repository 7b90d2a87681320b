"""Extractive answerer: picks the evidence that answers what is asked and quotes it.

No language model. Units (sentences, list items, table rows, header lines) are scored against the
question; what the question asks (`question.Question`) decides how the answer is composed:

- who / when / which product: the task the best unit belongs to, answered in its own terms — "Sở X
  chủ trì; phối hợp: …; thời gian: Quý III/2026: <task>" — each part citing its exact span;
- which duties of a unit: every task led by that unit in the best document, one cited line each;
- how much: the sentence or row that holds the figure;
- number, date, signer: the header line or the signature block;
- a comparison: what each named plan says.

A preamble, a "Mục đích, yêu cầu" section or a sentence that only announces a list ("… như sau:")
never leads an answer unless the question asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import zip_longest
from typing import Any

from assistant.components.vector_store import ScoredChunk
from assistant.domain import Citation
from assistant.services.answer_type import (
    PLACE_COLUMN,
    asks_where,
    satisfied,
    says_numbered,
    says_place,
    without_document_dates,
)
from assistant.services.evidence import (
    BRACKETED,
    Unit,
    best_window,
    cite_span,
    clip_quote,
    content_terms,
    folded_syllables,
    idf_table,
    split_units,
)
from assistant.services.question import (
    QUESTION_WORDS,
    Question,
    analyse,
    asks_coordinated,
    asks_plan_lead,
    asks_which_ones,
    basis_kind,
    document_asked,
    has_phrase,
    naming_phrase,
    question_parts,
    receiving_units,
    served_units,
    stated_counts,
    without_asides,
    without_courtesy,
    without_setting_verb,
)
from assistant.services.verify import Statement
from assistant.text import UPPER, dictionary_words, fold_accents, fold_tones, has_diacritics, syllables
from assistant.vocab.dates import (
    DAY_RANGE,
    quarters_asked,
    recurs,
    says_date,
    time_mentions,
    without_day_dates,
)
from assistant.vocab.docnum import DOC_NUMBER, kind_code
from assistant.vocab.fields import (
    FIELDS_CLOSING,
    FUNDS_SAID,
    FUNDS_SOURCE,
    GROUP,
    GROUPS,
    OUTER_GROUP,
    SENDS_TO,
    SENT_VIA,
    STT,
    column_duty,
    is_unnamed_column,
    role_label,
    role_of,
    stated_measure,
)
from assistant.vocab.figures import figure_mentions
from assistant.vocab.numbering import is_bullet, marker_style, strip_marker
from assistant.vocab.parts import (
    KINDS,
    PREAMBLE_START,
    PROPOSED_BY,
    announces_list,
    cites_document,
    is_attribution,
    is_frame_section,
    is_recipients,
    is_state_section,
    restates_plan,
    states_grounds,
)
from assistant.vocab.signature import is_authority_line, is_upper, signing_lines
from assistant.vocab.units import (
    HEAD_WORDS,
    expand_abbreviations,
    names_unit,
    places_asked,
    places_named,
    spell_defined,
    subject_units,
    unit_mentions,
    unit_search_key,
)

LEAD_CHARS, SUPPORT_CHARS, LIST_CHARS, TASK_CHARS, LIST_EXPAND_CHARS, DUTY_CHARS = 320, 200, 150, 170, 480, 260
RECORD_CHARS, RECORD_LINE_CHARS = 480, 160  # an item's details said at most; the longest of them kept at least
MAX_LIST_ITEMS = 8
DUTY_PRODUCT_CHARS = 120
MIN_DUTY_CLAUSES = 3  # a paragraph of this many clauses is a list of duties
DOCUMENT_PARTS = ("title", "number", "date", "issuer", "signer")  # what a plan's header, title and signature say
NOT_FOUND = "Không tìm thấy thông tin này trong các tài liệu đã nạp."
DUTIES_HEAD = "có các nhiệm vụ:"
NAMED_SHARE = 0.7  # a plan is named when it alone matches the question at least this well, relative to the best
PLAN_WEIGHT = 0.6  # how much naming a plan (its place, topic, number) outweighs a passage of another plan
HEADING_WEIGHT = 0.15  # a unit under the heading the question names (see `_under_named_heading`)
DEFINES_WEIGHT = 0.5  # a unit spelling out the term the question quotes (see `_defines`)
TOTAL_WEIGHT = 0.3  # a unit stating a total, when a total is asked ("tổng kinh phí …": not each task's cell)
# "tổng kinh phí", "tổng số hộ", "tổng cộng" — in the question (asked) and in a passage or a row (stated), folded
_TOTAL = re.compile(r"\btong (?:cong|so|kinh phi|von|muc|chi|gia tri|khoi luong|dien tich|chieu dai)\b")

_DATE = re.compile(r"\b(?:quý\s+[IV\d]+|tháng\s+\d|ngày\s+\d|năm\s+\d{4}|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}|"
                   r"(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)|thường xuyên|định kỳ)", re.I)
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-]\s*")
_MARKERS = re.compile(r"(?:\s*\[\d+\])+\s*$")


def intents(question: str) -> set[str]:
    return set(analyse(question).intents)


@dataclass
class Draft:
    """Answer before verification: claims with citation numbers, and the cited spans."""

    statements: list[Statement]
    citations: list[Citation]
    best_coverage: float
    units: list[Unit]
    gives_asked: bool = True  # the leading passage holds each kind of fact asked (a figure for a target …)
    lead: Unit | None = None  # the passage the answer leads with
    of_cited: bool = False  # answers of a document the plan cites ("… 32-CTr/TU ban hành ngày nào?"), by its citation


class _Builder:
    """Collects statements and their citations, numbering citations and reusing identical spans."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self.citations: list[Citation] = []

    def number_of(self, doc: str, start: int, end: int) -> int | None:
        """The number of the citation of this span, if it is cited already."""
        return next((c.n for c in self.citations if c.doc_id == doc and c.start == start and c.end == end), None)

    def cite(self, chunk: ScoredChunk, quote: str, start: int) -> int:
        doc = str(chunk.payload.get("doc_id", ""))
        n = self.number_of(doc, start, start + len(quote))
        if n is None:
            n = len(self.citations) + 1
            self.citations.append(cite_span(chunk, n, quote, start))
        return n

    def cite_existing(self, c: Citation) -> int:
        """Renumber a citation of another draft into this one."""
        n = self.number_of(c.doc_id, c.start, c.end)
        if n is None:
            n = len(self.citations) + 1
            self.citations.append(c.model_copy(update={"n": n}))
        return n

    def restate(self, st: Statement, cited: dict[int, Citation]) -> None:
        """A statement of another draft (`cited`: its citations by number), renumbered into this one."""
        self.say(_MARKERS.sub("", st.text).rstrip(), [self.cite_existing(cited[n]) for n in st.citations])

    def say(self, text: str, numbers: list[int]) -> None:
        numbers = list(dict.fromkeys(numbers))
        markers = " ".join(f"[{n}]" for n in numbers)
        self.statements.append(Statement(f"{text} {markers}".strip(), numbers))


class ExtractiveAnswerer:
    def __init__(self, max_quotes: int = 3) -> None:
        self.max_quotes = max_quotes
        self._prior: dict[str, float] = {}
        self._worded: set[str] = set()  # plans whose title shares a word of two syllables (or a number) with the question

    # ------------------------------------------------------------------ ranking

    def named_plan(self, ranked: list[Unit]) -> str | None:
        """The one plan the question names, when one stands out (see `_plan_match`); None otherwise."""
        prior = self._prior
        strong = [d for d, w in prior.items() if w >= NAMED_SHARE and d in self._worded]
        return strong[0] if len(strong) == 1 else None

    def rank_units(self, q: Question, chunks: list[ScoredChunk]) -> list[Unit]:
        units = [u for rank, ch in enumerate(chunks) for u in split_units(ch, rank)]
        bodies = []
        plan_terms: dict[str, set[str]] = {}  # every passage of a plan says what its title and issuer say
        for u in units:
            # who and when, though written apart; the task itself is the unit's own text (a list item of a longer duty)
            task_text = " ".join(f["text"] for r, f in u.fields.items() if r in ("lead", "timing"))
            columns = " ".join(u.cells or {})  # a row says its figures under its columns' names ("Lượng (Tấn)")
            # an item listed under a year says that year, as it says its section's name ("- Đến năm 2027:")
            dating = _dating_item(u)
            folded = folded_syllables(f"{u.text} {u.section} {task_text} {columns} {dating[0] if dating else ''}")
            bodies.append(" ".join(folded))
            if u.doc_id not in plan_terms:
                plan = f"{u.chunk.payload.get('title', '')} {plan_owner(u.chunk.payload)}"
                plan_terms[u.doc_id] = set(folded_syllables(expand_abbreviations(plan)))
            # "Sở KH&CN", "UBND" say the words a question may write out, and the other way round; so does an
            # abbreviation the plan defines ("CTRSH")
            own = f"{u.text} {u.section}"
            spelled = spell_defined(expand_abbreviations(own), u.chunk.payload.get("abbreviations") or {})
            u.terms = set(folded) | plan_terms[u.doc_id] | (set(folded_syllables(spelled)) if spelled != own else set())
        idf = idf_table(units)
        defined = {a: full for ch in chunks for a, full in (ch.payload.get("abbreviations") or {}).items()}
        asked_words = without_document_dates(without_asides(without_setting_verb(without_courtesy(q.text))))
        q_terms = list(dict.fromkeys(content_terms(spell_defined(expand_abbreviations(asked_words), defined))))
        q_bigrams = {f"{a} {b}" for a, b in zip(q_terms, q_terms[1:], strict=False)}
        total = sum(idf.get(t, 3.0) for t in q_terms) or 1.0
        receiving = receiving_units(q)  # "… gửi … cho Sở Công Thương": not whose duty is asked
        named = [unit_search_key(n) for n in q.units if n not in receiving]
        terms, focus = _naming_terms(q)
        prior = self._prior = _plan_match(terms, units, idf, q.references, focus, places_named(q.text))
        self._worded = _worded_plans(terms, units, q.references)
        asked = set(folded_syllables(q.text))
        quoted = _QUOTED.findall(q.text)
        counts = stated_counts(q.text)
        plan_lead = asks_plan_lead(q)
        asks_total = bool(_TOTAL.search(q.folded))
        for u, body in zip(units, bodies, strict=True):
            u.coverage = sum(idf.get(t, 3.0) for t in q_terms if t in u.terms) / total
            bigram = sum(1 for b in q_bigrams if b in body) / (len(q_bigrams) or 1)
            under = _under_named_heading(u, asked) or _under_money_heading(u, q)
            u.score = (u.coverage + 0.35 * bigram + 0.12 / (1 + u.rank) + 0.15 * _intent_fit(u, q)
                       + (HEADING_WEIGHT * _intent_fit(u, q, missing=1.0) if under else 0.0)
                       + (DEFINES_WEIGHT * _defines(u, quoted) if quoted else 0.0)
                       + (DEFINES_WEIGHT * says_counts(u, counts) if counts else 0.0)
                       + (DEFINES_WEIGHT * coordinates_plan(u) if plan_lead else 0.0)
                       + (TOTAL_WEIGHT if asks_total and _TOTAL.search(fold_accents(u.text).lower()) else 0.0)
                       + (HEADING_WEIGHT if _label_said(u, asked) or _labelled_as_asked(u, asked) else 0.0)
                       + 0.3 * _names_unit(u, named) - 0.25 * _boilerplate(u, q) + _document_part(u, q)
                       + PLAN_WEIGHT * prior.get(u.doc_id, 0.0))
        return sorted(units, key=lambda u: -u.score)

    # ------------------------------------------------------------------ drafting

    def draft(self, question: str | Question, chunks: list[ScoredChunk], giving: bool = False,
              passed_over: Unit | None = None) -> Draft:
        """`giving`: only a passage holding each kind of fact asked may lead (a figure for a target …);
        `passed_over`: a passage that led a draft the question was not answered by, not to lead again."""
        q = question if isinstance(question, Question) else analyse(question)
        ranked = self.rank_units(q, chunks)
        if passed_over is not None:
            ranked = [u for u in ranked if (u.doc_id, u.start) != (passed_over.doc_id, passed_over.start)]
        if q.wants("list") and (aside := set_aside(q)):  # "ngoài Sở Y tế còn …": the others' duties
            ranked = [u for u in ranked if not _of_set_aside(u, aside)]
        fitting = [u for u in ranked if (satisfied(q.expect, _claimable(u), _context(u, q), table=u.is_row) or
                                         _counted_by_items(u, ranked, q))
                   and _answers_part(u, q) and (not giving or _gives_asked(u, q))]
        plan = self.named_plan(ranked) if not q.wants("compare") else None
        if plan is not None and _names_no_plan(q) and fitting and \
                next((u.score for u in fitting if u.doc_id == plan), 0.0) < TITLE_ONLY_SHARE * fitting[0].score:
            plan = None  # "Hệ thống thông tin đất đai quốc gia …": a title's words ("quốc gia") said by chance
        if q.wants("recipients") and not q.wants("compare") and ranked and \
                (sent := _recipients(plan or ranked[0].doc_id, ranked)):
            return self._recipients(sent, ranked)
        if (cited := _cited_with_date(q, plan, ranked)) is not None:
            out = _Builder()
            self._quote(q, cited, out, LEAD_CHARS)
            return Draft(out.statements, out.citations, cited.coverage, ranked, True, cited, of_cited=True)
        if plan is not None:  # "Kế hoạch dữ liệu của Hà Nội …": only that plan can answer
            fitting = [u for u in fitting if u.doc_id == plan]
            if q.wants(*DOCUMENT_PARTS):  # its own header and signature, not its covering letter's
                of_asked = _of_document_asked(q, plan, ranked)
                fitting = [u for u in fitting if not (u.header or u.signature) or of_asked(u)]
            if _header_lacks_asked(q, plan, ranked):
                return Draft([], [], 0.0, ranked)
        if q.wants("basis"):  # "… để thực hiện kế hoạch nào?": the grounds the plan states, of that kind, when found
            grounds = [u for u in fitting if _intent_fit(u, q)]
            kind = basis_kind(q)
            fitting = [u for u in grounds if kind in fold_accents(u.text).lower()] or grounds or fitting
        top = next((u for u in ranked if u.doc_id == plan), ranked[0]) if ranked else None
        # a unit's duties, unless other things are counted ("Công an tỉnh … thực hiện mấy dự án …? kể tên")
        subjects = _subjects(q, top) if top and q.wants("list") and not q.wants("compare") and \
            not q.expect.count_nouns else []
        if subjects:  # "Sở Nội vụ được giao nhiệm vụ gì?": only evidence that names that unit can answer
            fitting = [u for u in fitting if _mentions(u, subjects)]
        elif top and q.wants("funding") and not q.wants("list", "compare"):
            fitting = _funding_of(q, top, fitting)
        fitting = _of_names_quoted(q, _of_places_asked(q, fitting))
        if not fitting or fitting[0].score < 0.5 * ranked[0].score:
            # "… ban hành ngày nào? Ai ký?": what the plan's header and signature say answers the parts it has, though
            # no passage holds a date; else nothing retrieved holds the kind of value asked for
            return self._parts_only(q, plan, ranked) if plan else Draft([], [], 0.0, ranked)
        introduced = _list_introduced(q, fitting)
        lead = _expand_list(introduced, ranked, q)
        out = _Builder()
        duties = self._duties(q, subjects, ranked, out) if subjects else []
        listed = bool(duties)
        if listed:
            pass  # a unit's duties are complete as listed: no other passage joins them
        elif (described := self._document_parts(q, plan or lead.doc_id, ranked, out)):
            lead, listed = described, True  # "do ai ký, số hiệu là gì?": each part, from the header or signature
        elif q.wants("signer") and lead.signature:
            out.say(_signature_claim(lead.text), [out.cite(lead.chunk, lead.text, lead.start)])
        elif lead.task and (q.wants("responsibility", "deadline", "funding") and not q.wants("reporting") and
                            _task_answers(lead, q) or _about_task(lead, q)) and \
                not (lead is not introduced and asks_which_ones(q)):  # "… mấy dự án? kể tên": the items it introduces
            self._task(q, lead, out)
        else:
            self._quote(q, lead, out, max(LEAD_CHARS, min(len(lead.text), LIST_EXPAND_CHARS)) if q.wants("list")
                        else LEAD_CHARS)
        if not listed:
            self._supports(q, lead, ranked, fitting, out)
        coverage = max((u.coverage for u in duties), default=lead.coverage)  # a list answers by its best item
        # a header line or signature says nothing of the topic, nor who leads the plan named: its document does
        if _document_part(lead, q) or coordinates_plan(lead) and asks_plan_lead(q):
            coverage = max((u.coverage for u in ranked if u.doc_id == lead.doc_id), default=coverage)
        return Draft(out.statements, out.citations, coverage, ranked, listed or _gives_asked(lead, q), lead)

    def draft_row(self, q: Question, row: Unit, ranked: list[Unit]) -> Draft:
        """An answer of one table row, chosen by what the question ranks it by (`extreme_row`); its plan answers
        as well as its best passage does."""
        out = _Builder()
        self._row(q, row, out)
        coverage = max((u.coverage for u in ranked if u.doc_id == row.doc_id), default=row.coverage)
        return Draft(out.statements, out.citations, coverage, ranked, True, row)

    def _recipients(self, sent: list[Unit], ranked: list[Unit]) -> Draft:
        """"Gửi những cơ quan nào (nơi nhận)?": the plan's "Nơi nhận" list whole, as one quote."""
        out, first, last = _Builder(), sent[0], sent[-1]
        base = int(first.chunk.payload.get("start", 0))  # where the chunk's text begins in the document
        quote = first.chunk.text[first.start - base:last.end - base]
        out.say("Nơi nhận: " + " ".join(u.text for u in sent), [out.cite(first.chunk, quote, first.start)])
        doc = first.doc_id
        return Draft(out.statements, out.citations, max(u.coverage for u in ranked if u.doc_id == doc), ranked, True,
                     first)

    def _parts_only(self, q: Question, doc: str, ranked: list[Unit]) -> Draft:
        out = _Builder()
        said = self._document_parts(q, doc, ranked, out)
        if said is None:
            return Draft([], [], 0.0, ranked)
        return Draft(out.statements, out.citations, max(u.coverage for u in ranked if u.doc_id == doc), ranked, True)

    def _document_parts(self, q: Question, doc: str, ranked: list[Unit], out: _Builder) -> Unit | None:
        """A question asking two or more of a plan's number, date, issuer and signer: each, in that order, from
        the plan's header lines and signature block. The first unit said, or None when fewer than two are asked
        or none is found (one part alone is answered by ranking, which weighs it against the passages)."""
        asked = [p for p in (*DOCUMENT_PARTS, "basis") if q.wants(p)]
        if len(asked) < 2 or asked == ["basis"] or q.wants("compare"):
            return None
        first = None
        of_asked = _of_document_asked(q, doc, ranked)
        for part in asked:
            if part == "basis":  # "…, thực hiện văn bản nào và ai ký?": the grounds the plan states, of the kind asked
                # (a document cited by its number, the first the plan states: "Căn cứ vào khả năng cân đối ngân sách"
                # in a unit's duties cites none)
                grounds = sorted((u for u in ranked if u.doc_id == doc and states_grounds(u.text) and
                                  DOC_NUMBER.search(u.text)), key=lambda u: u.start)
                unit = next((u for u in grounds if basis_kind(q) in fold_accents(u.text).lower()), None)
            else:
                unit = next((u for u in ranked if u.doc_id == doc and of_asked(u) and (
                    u.signature if part == "signer" else _titles(u) if part == "title" else u.header == part)), None)
            if unit is None:
                continue
            if part == "title":  # a title wrapped over lines ("… BẢO VỆ DỮ" / "LIỆU CÁ NHÂN") is said whole
                unit = _whole_title(unit, ranked)
            n = out.cite(unit.chunk, unit.text, unit.start)
            out.say(_signature_claim(unit.text) if unit.signature else _one_line(unit.text), [n])
            first = first or unit
        return first

    def _quote(self, q: Question, u: Unit, out: _Builder, limit: int) -> None:
        """A quote of the unit (the clause range that answers best), under its section's name."""
        if u.is_row and u.task:
            self._task(q, u, out)
            return
        if u.is_row and u.cells:
            self._row(q, u, out)
            return
        if u.record:
            if not u.text.split("\n", 1)[0].rstrip().endswith(":"):
                self._record(u, out)
                return
            limit = max(limit, len(u.text))  # a total and its parts ("… gồm:" / "- Ngân sách tỉnh: …"), said whole
        if (whole := _labelled_paragraph(u, q)) is not None:  # "Đến năm 2028: …" asked by its label: all it says
            out.say(_one_line(whole), [out.cite(u.chunk, whole, u.start)])
            return
        if q.wants("list"):  # "… 03 lễ hội gồm: A, B và C": the whole list
            if (said := _items_said(u.text)) is not None:
                out.say(f"{section_label(u.section)}: {said}" if u.section else said,
                        [out.cite(u.chunk, u.text, u.start)])
                return
            limit = max(limit, _list_chars(u.text))
        if q.wants("basis") and states_grounds(u.text):  # "Thực hiện Nghị quyết số …": the grounds from their start
            offset, quote = 0, clip_quote(u.text, limit)
        else:
            want = q.expect.pattern or (FUNDS_SAID if q.wants("funding") else None)  # where the money comes from
            offset, quote = _from_units(q, u.text, *best_window(u.text, _window_terms(q, u), want, limit), limit)
        # "… (Cơ quan chủ trì: …; phối hợp: …; thời gian: …)": who and when close the task; cut off, they follow
        closing = FIELDS_CLOSING.search(u.text) if q.wants("responsibility", "deadline") else None
        if closing and closing.end() <= offset + len(quote):
            closing = None
        if closing and closing.start() > offset:
            quote = quote[:closing.start() - offset].rstrip()
        numbers = [out.cite(u.chunk, quote, u.start + offset)]
        dating = _dating_item(u)
        dating = dating if dating and dating[0] not in quote else None
        _, within = strip_marker(dating[0]) if dating else (0, "")
        claim = _claim(u, quote, offset, within.rstrip(": "))
        if dating:
            numbers.append(out.cite(u.chunk, dating[0], dating[1]))
        if closing:
            numbers.append(out.cite(u.chunk, closing.group(0), u.start + closing.start()))
            claim = f"{claim} {closing.group(0)}"
        item = _ITEM_LABEL.match(u.text)
        if offset and item and item.end() <= offset:  # "Xã hội hóa/đối tác công - tư: …": what the item is, said
            numbers.append(out.cite(u.chunk, item.group(1), u.start))
            claim = claim.replace("…", f"{item.group(1)}: …", 1)
        heading = u.chunk.payload.get("heading")
        if claim != _flatten(quote) and claim != "…" + _flatten(quote) and heading:
            numbers.append(out.cite(u.chunk, heading["text"], heading["start"]))  # the label comes from it
        out.say(claim, numbers)

    def _row(self, q: Question, u: Unit, out: _Builder) -> None:
        """A table row in its own terms, 'Chỉ tiêu: Diện tích; ĐVT: Ha; Năm 2030: 30.000', citing the row and the
        header row(s) its column names come from. Of a row with a column per year, the years asked."""
        cells = u.cells or {}
        named = {name: value for name, value in cells.items() if name not in (STT, *GROUPS) and value}
        named = _of_years_asked(named, q)
        percent = _in_percent(named)
        measure = _table_measure(u)
        parts = [f"{name}: {value}%" if percent and _column_year(name) and _BARE_FIGURE.fullmatch(value)
                 else f"{name}: {value} {measure}" if measure and _BARE_FIGURE.fullmatch(value) and role_of(name) is None
                 else value if is_unnamed_column(name)  # "Cột 3" is no name the table gives
                 else f"{name}: {value}" for name, value in named.items()]
        groups = [cells[g] for g in (OUTER_GROUP, GROUP) if cells.get(g)]
        text = "".join(f"{g} — " for g in groups) + _clip("; ".join(parts), 360)
        numbers = [out.cite(u.chunk, u.text, u.start)]
        numbers += [out.cite(u.chunk, h["text"], h["start"]) for h in u.chunk.payload.get("header_rows") or []]
        spans = u.chunk.payload.get("cell_spans") or {}
        for key in (OUTER_GROUP, GROUP):  # "Đến năm 2030 — …": the group rows above say it
            if cells.get(key) and spans.get(key):
                numbers.append(out.cite(u.chunk, cells[key], spans[key][0]))
        out.say(text, numbers)

    def _record(self, u: Unit, out: _Builder) -> None:
        """An item's details under its name, 'Xe thang chữa cháy …: Số lượng: 04 xe; Nguồn vốn: …', citing both."""
        numbers = [out.cite(u.chunk, u.text, u.start)]
        heading = u.chunk.payload.get("heading")
        name = ""
        if heading:
            numbers.append(out.cite(u.chunk, heading["text"], heading["start"]))
            name = _NUMBERING.sub("", heading["text"]).strip(" :") + ": "
        pieces = [ln.strip().rstrip(" .;,") for ln in u.text.split("\n") if ln.strip()]
        over = len(name) + sum(len(p) + 2 for p in pieces) - RECORD_CHARS
        if over > 0:  # a long "Nội dung: …" is cut, not the lines after it ("Thời gian hoàn thành: …")
            k = max(range(len(pieces)), key=lambda i: len(pieces[i]))
            pieces[k] = _clip(pieces[k], max(RECORD_LINE_CHARS, len(pieces[k]) - over))
        out.say(_clip(name + "; ".join(pieces), RECORD_CHARS), numbers)

    def _task(self, q: Question, u: Unit, out: _Builder) -> None:
        """'Sở X chủ trì; phối hợp: Y; thời gian: Quý III/2026: <task>', each part cited at its own span."""
        fields = u.fields
        parts: list[tuple[str, int]] = []

        def cite(role: str, limit: int = 300) -> int | None:
            f = fields.get(role)
            if not f:
                return None
            return out.cite(u.chunk, clip_quote(f["text"], limit), f["start"])  # a quote is a prefix, never "…"

        order = ("timing", "lead", "co") if q.wants("deadline") and not q.wants("responsibility") else \
            ("lead", "co", "timing")
        lead_n: int | None = None
        for role in order:
            n = cite(role)
            if n is None:
                continue
            lead_n = n if role == "lead" else lead_n
            value = _clip(fields[role]["text"], 160)
            parts.append((f"{value} chủ trì" if role == "lead" else f"{role_label(role)}: {value}", n))
        # a schedule dates its row by months and says the day in its note ("Tháng 12" / "Trước 10/12/2025")
        if q.wants("deadline") and "note" in fields and _DATE.search(fields["note"]["text"]) and \
                (n := cite("note")) is not None:
            parts.append((f"{role_label('note')}: {_clip(fields['note']['text'], 160)}", n))
        for role in ("product", "funding"):
            # or where it is held, asked ("… tổ chức ở đâu?": "Lễ mít tinh tại thị xã Bến Lạc")
            if role in fields and (q.wants("target", "funding", "product") or role == "product" and q.wants("reporting")
                                   or _about_task(u, q) or asks_where(q.text) and says_place(fields[role]["text"])):
                n = cite(role)
                if n is not None:
                    parts.append((f"{role_label(role)}: {_clip(fields[role]['text'], 160)}", n))
        if u.cells:  # "chỉ tiêu … từng năm và cả giai đoạn", "công suất, tổng mức đầu tư …": the row's figures
            parts += self._figures(q, u, out)
        spans = u.chunk.payload.get("cell_spans") or {}
        field_texts = {f["text"] for f in fields.values()}
        for name, value in (u.cells or {}).items():
            # "… đặt ở đâu?": a row's "Địa bàn thực hiện" cell; "ai theo dõi …?": its "Người theo dõi" cell
            if value and value not in field_texts and name in spans and (
                    asks_where(q.text) and PLACE_COLUMN.search(fold_accents(name).lower()) or _column_asked(name, q)):
                parts.append((f"{name.lower()}: {_clip(value, 160)}", out.cite(u.chunk, value, spans[name][0])))
        task = fields.get("task")
        numbers = [n for _, n in parts]
        text = "; ".join(p for p, _ in parts if p)
        # a part of the plan a unit was given by its number ("… các nhiệm vụ tại mục (IV)(3.4)(a)"): its title, then
        # the passage of it found
        referred = bool(u.task and u.task["source"] == "referred")
        own_lines = bool(task and (not q.intents or referred) and task["start"] < u.start and u.text.strip())
        if own_lines and task and referred:
            numbers.append(out.cite(u.chunk, task["text"], task["start"]))
            text = f"{text} — {task['text'].rstrip(':')}:" if text else f"{task['text'].rstrip(':')}:"
        if own_lines:
            # "… có chức năng gì?", asking no field: a task titled by its heading is said by its own lines
            # ("Nội dung: …"), not by its title again
            task = {"text": u.text, "start": u.start}
        if task:
            # a long task is said by the clauses that answer ("… diễn tập … tối thiểu một lần/năm"), not its opening;
            # "… gửi về đâu?": the whole address, as far as its "(qua Phòng Tham mưu …)"
            where = q.wants("destination")
            want = re.compile("|".join(p.pattern for p in (q.expect.pattern, SENT_VIA) if p)) if where \
                else q.expect.pattern
            limit = LEAD_CHARS if where or own_lines else TASK_CHARS
            if q.wants("list"):  # "Đề nghị … hỗ trợ: (1) …. (2) …": the list
                limit = max(limit, _list_chars(task["text"]))
            # "… các dự án do Bộ Công an chủ trì:" / "- Dự án 1: …" / "- Dự án 2: …": the task's items, each by its start
            items = _items_said(task["text"], LIST_CHARS) if q.wants("list") else None
            if items is not None:
                offset, quote, said = 0, task["text"], items
            else:
                offset, quote = _from_units(q, task["text"], *best_window(task["text"], _window_terms(q, u), want, limit),
                                            limit)
                said = ("…" if offset else "") + quote
            lead = fields.get("lead")
            if not offset and not own_lines and lead and task["text"].startswith(lead["text"]) and lead_n is not None:
                # "Báo … phối hợp tuyên truyền …": the task names its unit itself, in its own words — not "Báo … chủ trì"
                parts = [(p, n) for p, n in parts if n != lead_n]
                numbers = [n for n in numbers if n != lead_n]
                text = "; ".join(p for p, _ in parts if p)
            numbers.append(out.cite(u.chunk, quote, task["start"] + offset))
            text = f"{text} {said}" if text.endswith(":") else f"{text} — {said}" if text else said
        if text:
            out.say(text[0].upper() + text[1:], numbers)

    @staticmethod
    def _figures(q: Question, u: Unit, out: _Builder) -> list[tuple[str, int]]:
        """A task row's figures under columns of no task field ("2026: 1.200; …; Tổng giai đoạn: 5.500"), of the
        years asked when it has a column per year, each cited at its cell: all of them for a target, those whose
        column the question names ("công suất", "tổng mức đầu tư") otherwise."""
        spans = u.chunk.payload.get("cell_spans") or {}
        figures = {name: value for name, value in (u.cells or {}).items() if name in spans and name not in (STT, *GROUPS)
                   and role_of(name) is None and re.search(r"\d", value)}
        if not q.wants("target"):
            asked = set(content_terms(q.text))
            figures = {name: value for name, value in figures.items()
                       if (terms := content_terms(name.split("(")[0])) and set(terms) <= asked}
        figures = _of_years_asked(figures, q)
        if not figures:
            return []
        said = [(f"{name}: {value}", out.cite(u.chunk, value, spans[name][0])) for name, value in figures.items()]
        # the column names ("2026", "Tổng giai đoạn") are the header row's words: it is cited with them
        return said + [("", out.cite(u.chunk, h["text"], h["start"])) for h in u.chunk.payload.get("header_rows") or []]

    def _duties(self, q: Question, named: list[str], ranked: list[Unit], out: _Builder) -> list[Unit]:
        """Every task led by the unit the question names (search keys), in the best document, one line each: the
        units listed, none when the question names no unit leading tasks there."""
        docs = [u.doc_id for u in ranked if _names_unit(u, named)]
        if not docs:
            return []
        doc = docs[0]
        coordinated = asks_coordinated(q)  # "… chỉ là đơn vị phối hợp ở những nhiệm vụ nào?": those it does not lead
        role = _coordinates if coordinated else _leads
        # the first unit the question names that leads tasks there: "Tổ đảng X … theo kế hoạch của Đảng đoàn Y"
        subject = next((n for n in named if any(u.doc_id == doc and u.task and role(u, [n]) for u in ranked)), None)
        if subject is None:
            return []
        seen: set[tuple[int, int]] = set()
        items: list[Unit] = []
        for u in sorted((u for u in ranked if u.doc_id == doc and u.task and role(u, [subject])
                         and not (coordinated and _leads(u, [subject]))), key=lambda u: u.start):
            span = (u.task["start"], u.task["end"]) if u.task else (u.start, u.end)
            if span in seen:
                continue
            seen.add(span)
            items.append(u)
        reports = q.wants("reporting") and _lists_reports(q)
        if reports:
            # "Công an tỉnh phải báo cáo cho những cơ quan nào?": its duties that report — the work itself, before a
            # duty that only delivers a report as its product ("sản phẩm: báo cáo kết quả tiêm phòng")
            items = [u for u in items if "task" in u.fields and _REPORTS.search(u.fields["task"]["text"])] or \
                [u for u in items if _REPORTS.search(_claimable(u))] or items
        if not items:
            return []
        if not coordinated:  # a coordinating unit is named among others: each task says who leads it instead
            who = next(u.fields["lead"] for u in items if "lead" in u.fields)
            n = out.cite(items[0].chunk, who["text"], who["start"])
            out.say(f"{who['text']} {DUTIES_HEAD}", [n])
        said = 0
        for u in items:
            task = u.fields.get("task")
            if task is None or said >= MAX_LIST_ITEMS:
                continue
            enumerated = _enumerated(task["text"])
            clauses = enumerated or _duty_clauses(task["text"])
            if reports:  # of a paragraph of duties, the clauses that report
                clauses = [c for c in clauses if _REPORTS.search(c[1])] or clauses
            if clauses and (len(items) == 1 or "timing" not in u.fields or enumerated):
                # a paragraph of duties ("Là đơn vị thường trực …; xây dựng kế hoạch …; tổ chức tập huấn …"): each
                for offset, clause in clauses[:MAX_LIST_ITEMS - said]:
                    out.say(_one_line(clause), [out.cite(u.chunk, clause, task["start"] + offset)])
                said += len(clauses)
                continue
            said += 1
            offset, quote, item = _duty_line(task["text"], q)  # compose_text puts each item on a "- " line
            numbers = [out.cite(u.chunk, quote, task["start"] + offset)]
            if u.task and u.task["source"] == "referred":
                # a part given by its number ("… các nhiệm vụ tại mục (IV)(5)"): its title, then its items each by
                # its start ("a) Triển khai … bệnh án điện tử …; b) …"), or its first lines when it lists none
                under = sorted((w for w in ranked if _same_task(w, u) and w.start >= task["end"]), key=lambda w: w.start)
                marked = [w for w in under if _marked(w)]
                if len(marked) >= 2:
                    numbers += [out.cite(w.chunk, w.text, w.start) for w in marked[:MAX_SUB_ITEMS]]
                    item = f"{item.rstrip(':')}: " + "; ".join(_clip(_one_line(w.text), SUB_ITEM_CHARS)
                                                                  for w in marked[:MAX_SUB_ITEMS])
                elif under:
                    offset, quote, said_first = _duty_line(under[0].text, q)
                    numbers.append(out.cite(under[0].chunk, quote, under[0].start + offset))
                    item = f"{item.rstrip(':')}: {said_first}"
            details = []  # when, and what it delivers ("Phương án cấp cứu TNGT; 01 tổ cấp cứu …")
            for field, limit in ((("lead", 80),) if coordinated else ()) + (("timing", 80), ("product", DUTY_PRODUCT_CHARS)):
                f = u.fields.get(field)
                if f:
                    details.append(f"{role_label(field)}: {_clip(f['text'], limit)}")
                    numbers.append(out.cite(u.chunk, f["text"], f["start"]))
            out.say(f"{item} ({'; '.join(details)})" if details else item, numbers)
        return items

    def _supports(self, q: Question, lead: Unit, ranked: list[Unit], fitting: list[Unit], out: _Builder) -> None:
        """A few more quotes: one per other document for comparisons, close runners-up otherwise."""
        chosen: list[Unit] = [lead]
        if q.wants("compare"):
            seen = {lead.doc_id}
            for u in fitting:
                if u.doc_id not in seen and u.score >= 0.5 * lead.score and not _boilerplate(u, q):
                    self._quote(q, u, out, SUPPORT_CHARS)
                    seen.add(u.doc_id)
                    chosen.append(u)
        # "những nguồn kinh phí nào", "phương án huy động kinh phí như thế nào": the other items of the part of the
        # plan the lead stands in, when a list is asked for or the question names that part's heading (a unit's
        # heading, "Sở Tài chính", lists that unit's duties: they answer only a question about the unit)
        label = section_label(lead.section)
        whole_part = bool(label) and not lead.is_row and not unit_mentions(label) and (
            q.wants("list") or bool(_under_named_heading(lead, set(folded_syllables(q.text)))))

        limit = self.max_quotes - 1 + (2 if q.wants("list") or whole_part else 0)
        if not (q.wants("list", "compare") or whole_part):
            limit = min(limit, 1)  # one fact asked: the lead answers it, one more passage at most

        def bonus(u: Unit) -> float:
            same = u.doc_id == lead.doc_id and u.section == lead.section
            return u.score + (0.3 if q.wants("list") and same else 0.0)

        # "có những đợt hiến máu cao điểm nào?" answered by a row of a schedule its heading calls "các đợt …": its
        # other rows are the others (not when a unit is asked: its own rows are the list, the ranking finds them;
        # not rows of tasks, when the things asked are named inside them)
        kind = _LISTED_KIND.search(fold_accents(q.text.lower()))
        rows_listed = q.wants("list") and lead.is_row and not q.units and kind is not None and \
            re.search(rf"\b{kind.group(1)}\b", fold_accents(lead.section.lower())) is not None

        def own_item(u: Unit) -> bool:
            if u.doc_id != lead.doc_id or u.section != lead.section:
                return False
            return whole_part and not u.is_row or rows_listed and u.is_row

        # a passage for each period asked that the chosen do not name: "… đạt bao nhiêu vào năm 2027 và năm 2030?"
        # (the first found), "… tăng dần từ quý II đến quý IV như thế nào?" (the one most like the lead: the same
        # body's task, in its words — what is tracked quarter by quarter)
        alike = set(syllables(lead.text))
        periods: list[tuple[Callable[[Unit], bool], Callable[[list[Unit]], Unit]]] = [
            *((lambda u, y=year: y in f"{_claimable(u)} {_context(u, q)}", lambda found: found[0])
              for year in q.expect.years),
            *((lambda u, k=f"Q{n}": k in _quarters_of(u, q),
               lambda found: max(found, key=lambda u: (len(alike & set(syllables(u.text))), bonus(u))))
              for n in quarters_asked(q.text))]
        added = 0
        of_asked = _of_document_asked(q, lead.doc_id, ranked)
        for says, pick in periods:
            if any(says(c) for c in chosen):
                continue
            found = [u for u in fitting if u.doc_id == lead.doc_id and says(u) and not any(_overlaps(u, c) for c in chosen)]
            if found:
                dated = pick(found)
                self._quote(q, dated, out, SUPPORT_CHARS)
                chosen.append(dated)
                added += 1
        for u in sorted(ranked, key=lambda u: (own_item(u), bonus(u)), reverse=True):
            # a list asked is the part's every item ("những căn cứ nào": nine lines of "Căn cứ lập kế hoạch")
            if added >= (MAX_LIST_ITEMS - 1 if own_item(u) and q.wants("list") else limit) or \
                    bonus(u) < 0.65 * lead.score and not (_document_part(u, q) or own_item(u)):
                break
            if not own_item(u) and any(own_item(c) for c in chosen[1:]):
                break  # the lead's list, complete, answers
            if any(_overlaps(u, c) or _same_task(u, c) for c in chosen) or _boilerplate(u, q) or _bare_lead(u) or \
                    q.expect.numbered and not says_numbered(q.expect, f"{_claimable(u)} {_context(u, q)}"):
                continue  # "Đoàn số 3" says nothing of "Đoàn … số 2"
            if q.wants("list") and q.expect.numbers and not any(u is f for f in fitting):
                continue  # "các mục tiêu đến năm 2027 gồm những gì": an item of another year is none of them
            if own_item(u) and not q.wants("list") and q.expect.asks_value and not any(u is f for f in fitting):
                continue  # "… cấp ủy trực thuộc gửi trước ngày nào?": of the part's duties, those giving a date
            if u.doc_id != lead.doc_id:
                continue  # another document only for comparisons (above): the question names one plan
            part = "signer" if u.signature else u.header
            if part and not (q.wants(part) and u.doc_id == lead.doc_id and of_asked(u)):
                continue  # a header line or signature block only when asked for, from the same document (the
                # plan's or its covering letter's, as asked)
            self._quote(q, u, out, LIST_CHARS if q.wants("list") else SUPPORT_CHARS)
            chosen.append(u)
            added += 1


# ---------------------------------------------------------------------------- helpers


_OWN_PARTS = {"number": "doc_number", "date": "issued_date"}
_ASKING_PARTS = {*_OWN_PARTS, "metadata", "deadline"}  # "… ban hành ngày nào" fires "deadline" too


# a plan named only by words its title shares with the question, whose passages answer far worse than another's
TITLE_ONLY_SHARE = 0.7


def _names_no_plan(q: Question) -> bool:
    """The question names no plan: no kind of document ("kế hoạch …"), no number, no proper name ("TP.HCM", "Sơn La":
    a word in capitals after the first)."""
    return not naming_phrase(q.text) and not q.references and not any(
        w[:1].isupper() for w in re.findall(r"\w[\w.]*", q.text)[1:])


def _header_lacks_asked(q: Question, doc: str, ranked: list[Unit]) -> bool:
    """Asked only a plan's number or date of issue, when its header states neither (a Party plan copied without its
    header): a plan's own number and date stand in its header alone, the ones its passages cite are other
    documents' ("Thực hiện Kế hoạch số 54-KH/TU, ngày 04/6/2026 …")."""
    asked = [field for part, field in _OWN_PARTS.items() if q.wants(part)]
    if not asked or not q.intents <= _ASKING_PARTS:
        return False
    payload = next((u.chunk.payload for u in ranked if u.doc_id == doc), {})
    return not any(payload.get(field) for field in asked)


def _cited_with_date(q: Question, doc: str | None, ranked: list[Unit]) -> Unit | None:
    """Asked when a document the plan (or, no plan named, any plan) cites was issued, and by whom ("Chương trình
    hành động 32-CTr/TU … ban hành ngày nào, của cơ quan nào?"): the passage citing it with its date ("Chương trình
    hành động số 32-CTr/TU ngày 18/7/2025 của …"), not the plan's own."""
    asked = document_asked(q.text)
    if not asked or not q.wants("date") or not q.intents <= _ASKING_PARTS | {"responsibility"}:
        return None
    units = [u for u in ranked if doc is None or u.doc_id == doc]
    if not units or any(_own_number(u.chunk) == asked for u in units):
        return None
    digits, code = asked.split()
    dated = re.compile(rf"(?<![\d/]){digits}\s*[-/]\s*{code}[^\s,;]*\s*,?\s*ngay\s+\d")
    return next((u for u in units if dated.search(fold_accents(u.text).lower())), None)


def _expand_list(lead: Unit, units: list[Unit], q: Question) -> Unit:
    """A lead that introduces a list ("…, gồm:", "… như sau:") answers with the items that follow it; asked for a
    list, a lead cut off at a ";" of its enumeration ("… hạ tầng kỹ thuật; trang bị …;") with the rest of it."""
    enumerates = q.wants("list") and lead.text.rstrip().endswith(";")
    if not (lead.text.rstrip().endswith(":") or enumerates) or lead.is_row:
        return lead
    items = sorted((u for u in units if u.chunk is lead.chunk and u.start > lead.start), key=lambda u: u.start)
    base = int(lead.chunk.payload.get("start", 0))
    end = lead.end
    # asked for a list, items too long to say whole are each said by their start (`_items_said`)
    limit = LONG_LIST_CHARS if q.wants("list") and not enumerates else LIST_EXPAND_CHARS
    text = lead.chunk.text
    style = None
    for u in items[:8]:
        if u.end - lead.start > limit or enumerates and "\n" in text[end - base:u.start - base]:
            break  # an enumeration goes on within its paragraph
        mark = marker_style(text[text.rfind("\n", 0, u.start - base) + 1:u.end - base])
        if style is not None and mark != style:
            break  # "d) Hướng dẫn …" after "- Dự án 9 …": the list above goes on
        style = mark
        end = u.end
    if end == lead.end:
        return lead
    text = text[lead.start - base:end - base]
    return Unit(lead.chunk, lead.rank, text, lead.start, end, lead.score, lead.coverage, task=lead.task,
                terms=lead.terms)


def _counted_by_items(u: Unit, units: list[Unit], q: Question) -> bool:
    """"… làm mấy thủ tục …, gồm những thủ tục gì?": how many things a list has, asked with the list, is answered by
    a passage introducing it ("…, gồm:"), its items counted, though it writes no count."""
    if not (asks_which_ones(q) and q.expect.count_nouns) or u.is_row or not u.text.rstrip().endswith(":"):
        return False
    listed = _expand_list(u, units, q)
    items = [line for line in listed.text[len(u.text):].split("\n") if line.strip()]
    return len(items) >= 2 and satisfied(replace(q.expect, count_nouns=()), _claimable(listed), _context(u, q))


def _quarters_of(u: Unit, q: Question) -> set[str]:
    """The quarters a unit is dated by, in its text, its task's timing or its section ("3. Quý III (07-09/2026)"),
    without their years: "Q3"."""
    timing = u.fields.get("timing", {}).get("text", "") if u.task else ""
    return {t.split("/")[0] for t in time_mentions(f"{_claimable(u)} {_context(u, q)} {u.section} {timing}")
            if t.startswith("Q")}


def _list_introduced(q: Question, fitting: list[Unit]) -> Unit:
    """"… tập huấn cho cán bộ về những kỹ năng nào?": a passage introducing a list ("Tổ chức tập huấn … về:") whose
    items name what is asked ("+ Kỹ năng sử dụng phần mềm …", "+ Kỹ năng bảo đảm an toàn thông tin") answers
    before one naming it once ("100% cán bộ được tập huấn kỹ năng số"), when it is found nearly as well."""
    first = fitting[0]
    if not (q.wants("list") and q.listed) or first.text.rstrip().endswith(":"):
        return first
    for u in fitting[1:_INTRO_REACH]:
        if u.score < LIST_INTRO_SHARE * first.score:
            break
        if u.text.rstrip().endswith(":") and not u.is_row:
            items = _expand_list(u, fitting, q).text[len(u.text):].split("\n")
            if sum(has_phrase(fold_accents(line).lower(), q.listed) for line in items) >= 2:
                return u
            # "Trọng tâm:" / "a) …" / "b) …" under the part the first passage is of: a label naming what is asked
            if u.section == first.section and len(items) >= 2 and len(u.text) <= _LABEL_CHARS and \
                    has_phrase(fold_accents(u.text).lower(), q.listed):
                return u
    return first


LIST_INTRO_SHARE, _INTRO_REACH = 0.8, 6
SUB_ITEM_CHARS, MAX_SUB_ITEMS = 90, 10
LONG_LIST_CHARS = 4 * LIST_EXPAND_CHARS  # a list introduced by "…:" whose items are paragraphs of their own


def _items_said(text: str, longer: int = LIST_EXPAND_CHARS) -> str | None:
    """"Một số sản phẩm chủ yếu:" / "+ Tổng sản phẩm Xoài …" / "+ Tổng sản phẩm Nhãn …": a list whose items are
    too long to say whole (the text longer than `longer`) is said as the sentence introducing it and the start of
    each item; None for no such list."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    items = [ln for ln in lines[1:] if strip_marker(ln)[0]]
    if len(items) < 2 or len(text) <= longer:
        return None
    head = _one_line(strip_marker(text[:text.find(items[0])])[1])
    intro = re.split(r"(?<=[.;])\s+", head)[-1]  # "…/năm. Một số sản phẩm trái cây chủ yếu:": the last sentence
    each = [_clip_item(strip_marker(ln)[1].strip(), SUB_ITEM_CHARS) for ln in items[:MAX_SUB_ITEMS]]
    return f"{_clip(intro, LIST_CHARS)} {'; '.join(each)}"


# "… tiến tới thí điểm (2025 - 2026).", "… (Quý IV/2026)": the period an item ends on, in brackets
_ENDS_DATED = re.compile(r"\s*(\([^()]*\b(?:19|20)\d\d\b[^()]*\))[.;]?$")


def _clip_item(text: str, limit: int) -> str:
    """An item too long to say whole is said by its start, and by the period it ends on, which says when."""
    dated = _ENDS_DATED.search(text) if len(text) > limit else None
    return f"{_clip(text[:dated.start()], limit)} {dated.group(1)}" if dated else _clip(text, limit)


def _one_line(text: str) -> str:
    """Lines wrapped short (text copied from the web, e-mail) read as one."""
    return " ".join(text.split())


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of each "; "-separated clause of a paragraph, end marks dropped."""
    out, start = [], 0
    for m in [*re.finditer(r";\s+", text), None]:
        end = m.start() if m else len(text)
        clause = text[start:end].rstrip(" .;")
        if clause.strip():
            out.append((start, clause))
        start = m.end() if m else end
    return out


def _duty_clauses(text: str) -> list[tuple[int, str]]:
    """The duties of a one-line paragraph, each a clause of a few words at least (not "các sở: Tài chính; Y tế; …");
    [] for a paragraph saying one."""
    if "\n" in text.strip():
        return []
    clauses = _clauses(text)
    ok = len(clauses) >= MIN_DUTY_CLAUSES and all(len(c.split()) >= MIN_DUTY_CLAUSES for _, c in clauses)
    return clauses if ok else []


_ITEM_MARK = re.compile(r"(?<![\w(])\((\d{1,2})\)\s+")  # "(1) Bảo đảm …; (2) Trang bị …"


def _enumerated(text: str) -> list[tuple[int, str]]:
    """The items of a duty enumerated in its own sentence ("Đề nghị Văn phòng Tỉnh ủy hỗ trợ: (1) …. (2) …. (3) …"),
    numbered 1, 2, 3 … in order; the first keeps what introduces it. [] for fewer than two."""
    marks = list(_ITEM_MARK.finditer(text))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return []
    starts = [0] + [m.start() for m in marks[1:]]
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(a, text[a:b].rstrip(" .;")) for a, b in zip(starts, ends, strict=True) if text[a:b].strip(" .;")]


def _marked(u: Unit) -> bool:
    """The unit opens a line after a list item's label ("a) …", "- …"): one item of a list."""
    p = u.chunk.payload
    text, at = str(p.get("text", "")), u.start - int(p.get("start", 0))
    label = text[text.rfind("\n", 0, at) + 1:at]
    return bool(label.strip()) and strip_marker(label + "x")[0] == len(label)


# things a plan names by a capitalised kind word, one by one: "Luật Giá", "Nghị định số …", "Đề án …"
_NAMED_THINGS = {folded: re.compile(rf"(?<!\w){word}\s+(?:số\s+)?[{UPPER}\d]") for folded, word in (
    ("luat", "Luật"), ("nghi dinh", "Nghị định"), ("de an", "Đề án"), ("du an", "Dự án"), ("chuong trinh", "Chương trình"),
    ("thong tu", "Thông tư"), ("nghi quyet", "Nghị quyết"), ("quyet dinh", "Quyết định"))}


def _duty_line(text: str, q: Question) -> tuple[int, str, str]:
    """(offset, quote, what is said) of one duty in a unit's list. A duty with its own items ("…, gồm: - Dự án 1 …
    - Dự án 2 …") says its intro and each item briefly; a long one, the clauses that answer the question."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    items = [ln for ln in lines[1:] if strip_marker(ln)[0]]  # its own bulleted items, not lines wrapped short
    if len(items) >= 2:
        head = _one_line(strip_marker(text[:text.find(items[0])])[1])
        each = [_clip_item(strip_marker(ln)[1].strip(), SUB_ITEM_CHARS) for ln in items[:MAX_SUB_ITEMS]]
        return 0, text, f"{_clip(head, LIST_CHARS)} {'; '.join(each)}"
    if len(text) <= DUTY_CHARS:
        return 0, text, _one_line(strip_marker(text)[1])
    terms = set(content_terms(q.text))
    # "… rà soát, kiến nghị sửa đổi những luật nào?": the duty naming them one by one ("Luật Ngân sách nhà nước, Luật
    # Giá, …") is quoted where it names them, as far as its list goes
    kind = _NAMED_THINGS.get(q.listed)
    named = kind if kind is not None and len(kind.findall(text)) >= 2 else None
    offset, quote = best_window(text, terms, named or q.expect.pattern, LIST_EXPAND_CHARS if named else DUTY_CHARS)
    prefix = clip_quote(text, DUTY_CHARS)
    names_more = named is not None and len(named.findall(quote)) > len(named.findall(prefix))
    if not names_more and len(terms & set(folded_syllables(prefix))) >= len(terms & set(folded_syllables(quote))):
        offset, quote = 0, prefix  # a duty says what is to be done first: its start, unless a later part answers more
    said = quote if offset else strip_marker(quote)[1]
    return offset, quote, ("…" if offset else "") + _one_line(said)


def _claimable(u: Unit) -> str:
    """The text a unit can answer with: its own words and those of the task fields it can cite, each on its line
    (a field is no clause of the one before it)."""
    return "\n".join([u.text, *(f["text"] for f in u.fields.values())])


def _plan_match(q_terms: list[str], units: list[Unit], idf: dict[str, float],
                numbers: frozenset[str] = frozenset(), focus: dict[str, float] | None = None,
                places: Sequence[str] = ()) -> dict[str, float]:
    """How well each document's title and issuer match the words of the question, relative to the best one:
    users name a plan by its place and topic ("kế hoạch dân số của Cần Thơ")."""
    return _title_weights(q_terms, [u.chunk for u in units], idf, numbers, focus, places=places)


def _worded_plans(q_terms: list[str], units: list[Unit], numbers: frozenset[str]) -> set[str]:
    """Plans whose title or issuer says two syllables the question says side by side ("dân số", "Cần Thơ"), or that
    it names by their initials ("TP.HCM") or their own number: syllables matched one by one ("phụ" of "phụ lục" and
    of "Chính phủ", "học" of "người học" and of "khoa học") name no plan."""
    pairs = {f"{a} {b}" for a, b in zip(q_terms, q_terms[1:], strict=False)}
    out: set[str] = set()
    for u in units:
        if u.doc_id in out:
            continue
        p = u.chunk.payload
        named = f"{p.get('title', '')} {plan_owner(p)}"
        words = folded_syllables(expand_abbreviations(named))
        own = _own_number(u.chunk)
        if pairs & {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)} or \
                set(q_terms) & (initialisms(named) - {"tp"}) or (own and own in numbers):
            out.add(u.doc_id)
    return out


_NUMBER_MARK = re.compile(r"\bsố(?=\s+\d)", re.IGNORECASE)  # "số" before a document's number names nothing


def _plan_words(chunk: ScoredChunk) -> set[str]:
    p = chunk.payload
    number = str(p.get("doc_number", "")).split("/")[0].split("-")[0]  # "Nghị quyết 57" names 57-NQ/TW
    title = _NUMBER_MARK.sub(" ", without_day_dates(str(p.get("title", ""))))  # "Nghị quyết số 04 ngày 29/01/2025"
    named = f"{title} {plan_owner(p)}"
    return set(folded_syllables(f"{named} {number}")) | initialisms(named)


def initialisms(text: str) -> set[str]:
    """'thành phố Hồ Chí Minh' -> {'hcm', 'tp'}: how users shorten the proper names of places and bodies in a
    plan's title ("TP.HCM"), from runs of three or more capitalised syllables, and "TP" for "thành phố"."""
    out: set[str] = set()
    run: list[str] = []
    for word in [*text.split(), ""]:
        if word[:1].isupper() and word.isalpha():
            run.append(word[0])
            continue
        if len(run) >= 3:
            out.add(fold_accents("".join(run)).lower())
        run = []
    if "thanh pho" in fold_accents(text).lower():
        out.add("tp")
    return out


def _title_weights(q_terms: list[str], chunks: list[ScoredChunk], idf: dict[str, float] | None = None,
                   numbers: frozenset[str] = frozenset(), focus: dict[str, float] | None = None,
                   minimum: float = 0.0, places: Sequence[str] = ()) -> dict[str, float]:
    """`focus`: how much each question word counts; the words the question names its plan with count fully.
    `minimum`: the least match that names a plan at all (none does below it). `places`: those the question names
    ("ở An Hà")."""
    focus = focus or {}
    titles: dict[str, set[str]] = {}
    own: dict[str, str] = {}
    firsts: dict[str, ScoredChunk] = {}
    for c in chunks:  # a plan's first chunk speaks for it (its title and number are on every chunk)
        firsts.setdefault(str(c.payload.get("doc_id", "")), c)
    for d, c in firsts.items():
        titles[d] = _plan_words(c)
        own[d] = _own_number(c)
    if idf is None:  # words shared by every candidate plan ("kế hoạch", "tỉnh") tell them apart less
        df = {t: sum(1 for words in titles.values() if t in words) for t in set(q_terms)}
        idf = {t: 1.0 / n for t, n in df.items() if n}
    weight = {d: sum(idf.get(t, 3.0) * focus.get(t, 1.0) for t in dict.fromkeys(q_terms) if t in words)  # ordered: same sum every run
              for d, words in titles.items()}
    # "… ở An Hà": a plan of another place is not the one named, though its topic's words are the same; the place's
    # own plan is named by it ("Huyện ủy Kỳ Vân yêu cầu …", the issuer alone saying the place)
    said = {d: _says_place(c, places) for d, c in firsts.items()} if places else {}
    if any(said.values()):
        weight = {d: w + PLACE_NAMED if said[d] else w * OTHER_PLACE for d, w in weight.items()}
    else:  # no place named, or none a plan is of: every plan may be the one numbered
        said = dict.fromkeys(firsts, True)
    # "Nghị quyết 57", "Kế hoạch 308": a plan named by its own number outranks any title; plans sharing the number
    # (two district committees' "58-KH/HU") are told apart by their titles' words, as before. Each issuer numbers its
    # own plans: "kế hoạch 214 của Hà Nội" is no commune's "214/KH-UBND" when a plan of Hà Nội is in the index
    boost = 10 * max(weight.values(), default=1.0) + 10
    numbered = [d for d in weight if own[d] and own[d] in numbers and said[d]]
    top = max((weight[d] for d in numbered), default=0.0) or 1.0
    for d in numbered:
        weight[d] += boost * (0.5 + 0.5 * weight[d] / top)
    best = max(weight.values(), default=0.0)
    return {d: w / best for d, w in weight.items()} if best > max(minimum, 0.0) else {}


def _says_place(chunk: ScoredChunk, places: Sequence[str]) -> bool:
    """The plan's title or issuer (or the body above it) names one of the places ("Ủy ban nhân dân tỉnh An Hà")."""
    p = chunk.payload
    named = " " + " ".join(folded_syllables(f"{p.get('title', '')} {plan_owner(p)}")) + " "
    return any(" " + " ".join(folded_syllables(place)) + " " in named for place in places)


def _own_number(chunk: ScoredChunk) -> str:
    """'57-NQ/TW' -> '57 nq', '308/KH-UBND' -> '308 kh': the number and kind a question may name a plan by."""
    number = str(chunk.payload.get("doc_number", ""))
    code = kind_code(number)
    digits = re.match(r"\d+", number)
    return f"{digits.group(0)} {fold_accents(code).lower()}" if digits and code else ""


OTHER_PLACE = 0.25  # a plan of a place other than the one the question names: its title's match counts a quarter
PLACE_NAMED = 1.0  # a plan of the place the question names: as much as a word of its title no other title has
NAMING_MINIMUM = 1.5  # two words of the plan's title no other title has, or more words shared with a few
OUTSIDE_NAMING = 0.25  # a question word outside the phrase that names the plan ("… đặt mục tiêu …") counts less


def _naming_terms(q: Question) -> tuple[list[str], dict[str, float]]:
    """The words that may name the question's plan, abbreviations written out as titles write them ("Kế hoạch CĐS"
    is a plan on "chuyển đổi số"), and how much each counts (`naming_focus`)."""
    text = expand_abbreviations(q.text)
    # "huyện Ô Lâu": a syllable written with a capital inside the question is a name's, though "lâu" asks elsewhere
    named = {fold_accents(w).lower() for w in re.findall(r"\w+", text)[1:] if w[:1].isupper()}
    return [t for t in folded_syllables(text) if t not in QUESTION_WORDS or t in named], naming_focus(text)


def naming_focus(question: str) -> dict[str, float]:
    """Words of the question outside the phrase naming its plan ("kế hoạch dân số Cần Thơ") count less."""
    phrase = set(naming_phrase(question).split())
    if not phrase:
        return {}
    return {t: 1.0 if t in phrase else OUTSIDE_NAMING for t in folded_syllables(question)}


def plan_named(q: Question, plans: dict[str, dict[str, str]]) -> str | None:
    """The one plan of the whole index whose title, issuer or number the question names (see `_title_weights`),
    whether or not the search found its passages: "kế hoạch dân số Cần Thơ" names the Cần Thơ plan."""
    terms, focus = _naming_terms(q)
    chunks = [ScoredChunk(d, 0.0, {"doc_id": d, **p}) for d, p in plans.items()]
    weights = _title_weights(terms, chunks, numbers=q.references, focus=focus, minimum=NAMING_MINIMUM,
                             places=_places_asked(q, plans))
    strong = [d for d, w in weights.items() if w >= NAMED_SHARE]
    if len(strong) > 1:  # "Nghị quyết của Bộ Chính trị về …": the one Bộ Chính trị issued, not one carrying it out
        strong = [d for d in strong if _issuer_named(q, plans[d])] or strong
    return strong[0] if len(strong) == 1 else None


def _issuer_named(q: Question, meta: Mapping[str, Any]) -> bool:
    """The question names the plan as the issuer's own ("… của Bộ Chính trị", "… do Tỉnh ủy ban hành")."""
    issuer = " ".join(folded_syllables(str(meta.get("issuer", ""))))
    asked = f" {' '.join(folded_syllables(q.text))} "
    return bool(issuer) and any(f" {lead} {issuer} " in asked for lead in ("cua", "do"))


def _places_asked(q: Question, plans: dict[str, dict[str, str]]) -> list[str]:
    """The places a question names: after a level word ("ở tỉnh An Hà"), else by a name of two syllables or more
    that a plan's title or issuer gives a place ("Đồng Nai: đến năm nào …" names the plans of Đồng Nai)."""
    said = places_named(q.text)
    if said:
        return said
    known = {p for meta in plans.values() for p in plan_places(meta.get("title", ""), plan_owner(meta))}
    words = f" {' '.join(folded_syllables(q.text))} "
    return [p for p in sorted(known) if f" {' '.join(folded_syllables(p))} " in words]


def plan_owner(meta: Mapping[str, Any]) -> str:
    """Who a plan is of: its issuer and the body its header names above the issuer ("Sở Giáo dục và Đào tạo" of
    "Ủy ban nhân dân tỉnh Phú Lâm"), whose place a question names the plan by."""
    return f"{meta.get('issuer', '')} {meta.get('superior', '')}".strip()


@lru_cache(maxsize=1024)  # each question reads every plan's title: once per plan, not once per question part
def plan_places(title: str, issuer: str) -> tuple[str, ...]:
    """The places of two syllables or more a plan's title or issuer names ("Tỉnh ủy Đồng Nai" -> "Đồng Nai")."""
    return tuple(p for p in places_named(f"{title}\n{issuer}") if len(p.split()) >= 2)


def numbered_plans(q: Question, plans: dict[str, dict[str, str]]) -> list[str]:
    """The plans of the whole index the question names by their own numbers ("KH 144/KH-UBND", "Nghị quyết 57")."""
    own = {d: _own_number(ScoredChunk(d, 0.0, {"doc_id": d, **p})) for d, p in plans.items()}
    return [d for d, n in own.items() if n and n in q.references]


def named_documents(q: Question, chunks: list[ScoredChunk], share: float = 0.5) -> list[str]:
    """The documents a comparison names, best first: those whose title, issuer or number the question names
    nearly as well as the best one's."""
    terms = _naming_terms(q)[0]  # "Đồng Nai", "Cần Thơ": all words
    weights = _title_weights(terms, chunks, numbers=q.references, places=places_named(q.text))
    return [d for d, w in sorted(weights.items(), key=lambda kv: -kv[1]) if w >= share]


def merge_drafts(drafts: list[Draft]) -> Draft:
    """Drafts of one question over several documents, side by side: each keeps its lead and one support."""
    out = _Builder()
    for d in drafts:
        by_n = {c.n: c for c in d.citations}
        for st in d.statements[:2]:
            out.restate(st, by_n)
    units = [u for group in zip_longest(*(d.units for d in drafts)) for u in group if u is not None]  # each plan's best
    answered = [d.best_coverage for d in drafts if d.statements]
    return Draft(out.statements, out.citations, min(answered) if answered else 0.0, units)


def with_parts(draft: Draft, parts: list[Draft]) -> Draft:
    """A question asking two things or more: each part's lead statement follows the answer, unless the answer
    already cites what it quotes."""
    out = _Builder()
    for d in (draft, *parts):
        by_n = {c.n: c for c in d.citations}
        for st in d.statements if d is draft else d.statements[:1]:
            if d is draft or any(out.number_of(by_n[n].doc_id, by_n[n].start, by_n[n].end) is None
                                 for n in st.citations):
                out.restate(st, by_n)
    return Draft(out.statements, out.citations, draft.best_coverage, draft.units, draft.gives_asked, draft.lead)


def _context(u: Unit, q: Question) -> str:
    """Where a unit's implicit words are: its section path, its table's header rows and, unless a target is
    asked for, its document's title (the years of "Kế hoạch … giai đoạn 2026-2030" name the plan; they do
    not date a target, though they do date the plan's budget)."""
    header = u.table_heads
    group = " ".join((u.cells or {}).get(g, "") for g in GROUPS)  # "I. Đến năm 2030" above the row
    title = str(u.chunk.payload.get("title", ""))
    if q.wants("target") and not q.wants("funding") and not _names_period(q.text, title):
        title = ""
    # a header line is of the document its header dates: "Số 3260-KH/ĐĐQH15" of a plan issued "tháng 1/2025"
    dated = " ".join(n for n in q.expect.numbers if says_date(n, u.chunk.text)) if u.header else ""
    return f"{u.section} {title} {header} {group} {_lead_in(u)} {_item_number(u)} {dated}"


def _from_units(q: Question, text: str, offset: int, quote: str, limit: int) -> tuple[int, str]:
    """Which units are asked ("những sở, ngành nào phối hợp"): the quote opens with those its passage opens with
    ("Sở Giáo dục và Đào tạo chỉ đạo …"), not at the clause matching the question best."""
    if offset and q.wants("list") and q.wants("responsibility") and subject_units(text):
        return 0, clip_quote(text, limit)
    return offset, quote


def _item_number(u: Unit) -> str:
    """"số 2" of the item "2. 100% văn bản …" (its label cut off the unit's text): the item a question numbers so
    ("nhiệm vụ số 2", "mục tiêu số 2")."""
    text, start = str(u.chunk.payload.get("text", "")), int(u.chunk.payload.get("start", 0) or 0)
    at = u.start - start
    m = _ITEM_NUMBER.search(text, max(0, at - 8), at) if 0 < at <= len(text) else None
    return f"số {int(m.group(1))}" if m else ""


_ITEM_NUMBER = re.compile(r"(?:^|\n)[ \t]*(\d{1,2})[.)][ \t]*$")


# "Phấn đấu đến năm 2030: …", "…; Năm 2030: …": a label (short, no clause in it) opening a line or a clause
_LABEL = re.compile(r"(?:^|;\s+)([^;:]{1,80}?):\s")
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*(?:-|–|—|đến|den)\s*(?:năm\s+|nam\s+)?((?:19|20)\d\d)")


def _names_period(question: str, title: str) -> bool:
    """"Cả giai đoạn 2026 - 2030, … kết nạp bao nhiêu đảng viên?" asks the targets of the plan's own period (its
    title's "giai đoạn 2026 - 2030"): a target of that plan need not say the years again."""
    periods = {(a, b) for a, b in _PERIOD.findall(title)}
    if any(p in periods for p in _PERIOD.findall(question)):
        return True
    # "Năm 2027 huyện … đặt chỉ tiêu gì" of a plan "… năm 2027": the year of a plan for one year
    years, asked = set(_YEAR.findall(title)), set(_YEAR.findall(question))
    return not periods and len(years) == 1 and asked == years


def _lead_in(u: Unit) -> str:
    """The sentence introducing the list a unit is an item of: "Phấn đấu đến năm 2027:" dates each target below
    it, or each clause after it on its line ("Phấn đấu đến năm 2030: giảm …; 70% trẻ em …"). "" for a unit that
    is no item."""
    p = u.chunk.payload
    before = u.chunk.text[:max(u.start - int(p.get("start", 0)), 0)]
    cut = before.rfind("\n") + 1
    labels = _LABEL.findall(before[cut:])  # the nearest label before the unit: "Năm 2025: …; Năm 2030: <unit>"
    if labels and not _LABEL.match(u.text):
        return labels[-1] + ":"
    outer = _outer_item(u)
    return outer[0] if outer else ""


def _outer_item(u: Unit) -> tuple[str, int] | None:
    """The line (and its start in the document) above the list a bulleted unit is an item of, when it introduces
    it ("…, gồm:"): the line above the list, or the item of an outer list ("- Đến năm 2027:" over "+ 68% …")."""
    start = int(u.chunk.payload.get("start", 0))
    before = u.chunk.text[:max(u.start - start, 0)]
    cut = before.rfind("\n") + 1
    own = before[cut:].strip()
    if not is_bullet(f"{own} …"):  # the unit's own line starts with "- ", "+ ", "• "
        return None
    nested = False  # passed the items of a list inside an item above ours: that item leads them, not ours
    end = cut - 1
    while end > 0:
        begin = before.rfind("\n", 0, end) + 1
        line = before[begin:end].strip()
        if (line and not is_bullet(line)) or (line.endswith(":") and not nested):
            return (line, start + begin + before[begin:end].find(line)) if line.endswith(":") else None
        nested = nested or bool(line) and line[0] != own[0]
        end = begin - 1
    return None


_LABEL_CHARS = 60  # a line leading a list, no longer, is a label ("- Đến năm 2027:"), not a sentence


def _bare_lead(u: Unit) -> bool:
    """"- Đến năm 2027:": a short line leading a list says nothing of its own; its items do."""
    text = strip_marker(u.text.strip())[1]
    return not u.is_row and text.endswith(":") and len(text) <= _LABEL_CHARS


def _dating_item(u: Unit) -> tuple[str, int] | None:
    """"- Đến năm 2027:" over "+ 68% dân số …", or a heading "c) Năm 2027" over "- 100% thông tin …": a short outer
    item or heading naming a year, said with the quotes under it (two years' targets quoted alike would not tell
    which is which)."""
    outer = _outer_item(u)
    if outer is not None:
        dating = is_bullet(outer[0]) and len(outer[0]) <= _LABEL_CHARS and _YEAR.search(outer[0])
        return outer if dating else None
    heading = u.chunk.payload.get("heading")
    # a phase's heading dates what is under it, however long: "3. Giai đoạn 3 - Ra quân … (từ ngày … đến ngày …)"
    if not heading or len(heading["text"]) > _LABEL_CHARS and not DAY_RANGE.search(heading["text"]) or \
            not _YEAR.search(heading["text"]) or \
            _YEAR.search(u.text) or heading["start"] > u.start:
        return None
    return heading["text"], int(heading["start"])


def _of_places_asked(q: Question, fitting: list[Unit]) -> list[Unit]:
    """"… giao cho huyện Ngọc Tuyền … bao nhiêu ha?": a figure asked of a place leads with a passage naming it (its
    row of a table by district) when one fits, not the province's total."""
    if q.wants("compare") or not q.expect.asks_value:
        return fitting
    places = [fold_tones(p).lower() for p in places_asked(q.text)]
    if not places:
        return fitting
    def names(u: Unit) -> bool:  # the place its plan is of (title, issuer) need not be said again
        said = fold_tones(f"{u.section} {u.text} {u.chunk.payload.get('title', '')} "
                          f"{plan_owner(u.chunk.payload)}").lower()
        return all(p in said for p in places)

    naming = [u for u in fitting if names(u)]
    return naming or fitting


def _funding_of(q: Question, top: Unit, fitting: list[Unit]) -> list[Unit]:
    """"Huyện đoàn được bố trí bao nhiêu kinh phí …?", "… kinh phí cho Cuộc thi “…”?": the sum of the whole plan does not
    answer for one unit or one activity; only a passage naming the unit (or leading with it) or the name quoted does."""
    named = _subjects(q, top)
    quoted = [unit_search_key(m) for m in _QUOTED.findall(q.text)]
    if not named and not quoted:
        return fitting
    return [u for u in fitting if (not named or _mentions(u, named))
            and all(n in unit_search_key(_claimable(u)) for n in quoted)]


def _of_document_asked(q: Question, doc: str, ranked: list[Unit]) -> Callable[[Unit], bool]:
    """A file holding a covering letter and the plan it sends has two headers and two signatures: what follows the
    letter's signature (the plan's header, the one with the number its metadata holds, and on) answers for the plan;
    what comes before, for the letter, when the question asks of the letter ("Công văn của Sở Y tế … có số hiệu gì
    và do ai ký?"). Any other file: every unit answers."""
    own = next((str(u.chunk.payload.get("doc_number", "")) for u in ranked if u.doc_id == doc), "")
    numbers = [u for u in ranked if u.doc_id == doc and u.header == "number"]
    at = next((u.start for u in numbers if own and own in u.text), None)
    # the letter ends with its signature, before the plan's header (whose issuer stands above its number)
    signed = [u.end for u in ranked if u.doc_id == doc and u.signature and at is not None and u.start < at]
    if at is None or len(numbers) < 2 or not signed:
        return lambda u: True
    cut = max(signed)
    kind = _KIND_ASKED_FIRST.search(q.folded)
    if kind is not None and kind.group(1) in _LETTERS:
        return lambda u: u.start < cut
    return lambda u: u.start >= cut


# the kind of document a question names first: the one it asks of
_KIND_ASKED_FIRST = re.compile(r"\b(cong van|to trinh|ke hoach|quyet dinh|nghi quyet|chuong trinh|thong bao|de an)\b")
_LETTERS = frozenset(("cong van", "to trinh"))


def _of_names_quoted(q: Question, fitting: list[Unit]) -> list[Unit]:
    """"Hội thi “An toàn - vệ sinh viên giỏi” được tổ chức tại địa điểm nào?": a place, a day or a sum asked of a
    thing the question names in quotes is given by a passage naming it (in its words or its heading), not by the
    place of another event of the plan; of things compared, each passage names its own."""
    quoted = [unit_search_key(m) for m in _QUOTED.findall(q.text)]
    if not quoted or q.expect.pattern is None:
        return fitting
    names = any if q.wants("compare") else all
    return [u for u in fitting if names(n in unit_search_key(f"{u.section} {_claimable(u)}") for n in quoted)]


def _subjects(q: Question, top: Unit) -> list[str]:
    """The units a question asks about in the plan `top` is of."""
    return asked_units(q, top.chunk.payload)


def asked_units(q: Question, meta: Mapping[str, Any]) -> list[str]:
    """The units a question names (search keys), leaving out those that only name the plan `meta` names (its issuer,
    its title: "kế hoạch của Ban Tổ chức Tỉnh ủy Lâm Đồng")."""
    plan = unit_search_key(f"{meta.get('title', '')} {plan_owner(meta)}")
    issuer = unit_search_key(str(meta.get("issuer", "")))

    def names_plan(key: str) -> bool:  # "ban to chuc tinh uy lam dong": its first words are in the title
        words = key.split()
        if issuer and key.startswith(f"{issuer} ") and key[len(issuer):].strip() in plan:
            return True  # "Sở Y tế Đông Hải": the issuer ("Sở Y tế") with the place its title names
        if issuer and any(f"{issuer} ".startswith(" ".join(words[:cut]) + " ") and " ".join(words[cut:]) in plan
                          for cut in range(2, len(words))):
            return True  # "Sở Nông nghiệp Tân Lĩnh": the issuer shortened as staff say it, with the place
        if issuer and any(f" {issuer}".endswith(" " + " ".join(words[:cut])) and " ".join(words[cut:]) in plan
                          for cut in range(2, len(words))):
            return True  # "Tỉnh ủy Lâm Đồng" of a plan of "Ban Tổ chức Tỉnh ủy" (… tỉnh Lâm Đồng): whose body issued it
        return any(" ".join(words[:k]) in plan and " ".join(words[:k]) not in _HEAD_KEYS
                   for k in range(max(2, (2 * len(words) + 2) // 3), len(words) + 1))

    naming = naming_phrase(q.text)  # "kế hoạch của Đảng đoàn Quốc hội … | giao Tổ đảng …": the owner names the plan
    aside = set_aside(q)
    served = served_units(q) + receiving_units(q)
    return [n for n in (unit_search_key(u) for u in q.units if u not in served)
            if n and not names_plan(n) and n not in naming and not any(f"{n} ".startswith(f"{a} ") for a in aside)]


def set_aside(q: Question) -> list[str]:
    """Search keys of the units a question sets aside ("ngoài Sở Y tế còn giao những sở nào?")."""
    return [key for m in _SET_ASIDE.finditer(q.text) if (key := unit_search_key(m.group(1)))]


def set_up(q: Question) -> list[str]:
    """Search keys of the units a question says a task sets up ("Xã phải thành lập Ban Chỉ đạo … trước ngày
    nào?"): what the task makes, not who does it."""
    folded = fold_accents(q.text).lower()
    return [key for u in q.units if (key := unit_search_key(u)) and
            re.search(rf"\b(?:thanh lap|kien toan|cung co)(?: moi)?\s+{re.escape(fold_accents(u).lower())}", folded)]


def _of_set_aside(u: Unit, aside: list[str]) -> bool:
    """A duty the unit set aside leads, or a paragraph opening on its name ("Sở Y tế: …")."""
    opening = f"{unit_search_key(u.text[:80])} "
    section = f" {unit_search_key(section_label(u.section))}"
    return _leads(u, aside) or any(opening.startswith(f"{a} ") or section.endswith(f" {a}") for a in aside)


# "ngoài Sở Y tế còn giao những sở nào?": a unit set aside is not the one asked about
# (typed with its marks: "tru", "ngoai" are also "trụ sở", "đối ngoại")
_SET_ASIDE = re.compile(r"(?<!\w)(?:ngoài|trừ|ngoại trừ)\s+([^,;:?.]+?)(?=\s+(?:còn|thì)\b|[,;:?.]|$)", re.IGNORECASE)


_HEAD_KEYS = frozenset(unit_search_key(h) for h in HEAD_WORDS)  # "uy ban nhan dan" alone names no one body


def _mentions(u: Unit, named: list[str]) -> bool:
    """The unit, its task's fields or its section name one of the units the question names ("Sở Tài chính
    Bắc Ninh" is named by a duty of "Sở Tài chính" in the Bắc Ninh plan)."""
    where = unit_search_key(f"{_claimable(u)} {section_label(u.section)}")
    return any(names_unit(n, where) for n in named) or _leads(u, named)


def _titles(u: Unit) -> bool:
    """A line of the document's title ("BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ"): under the line naming
    its kind ("QUYẾT ĐỊNH"), the lines between said in the title the document was read with."""
    title = _title_key(str(u.chunk.payload.get("title", "")))
    if not title:
        return False
    base = int(u.chunk.payload.get("start", 0))
    lines = [ln.strip(" *_#") for ln in u.chunk.text[:max(0, u.start - base)].split("\n")[:-1]]
    for line in reversed([*lines, u.text]):
        if not line:
            continue
        if line in KINDS and line != u.text:
            return True
        if _title_key(line) not in title:
            return False
    return False


def _title_key(text: str) -> str:
    return " ".join(fold_accents(text).lower().split()).rstrip(".:")


def _whole_title(first: Unit, ranked: list[Unit]) -> Unit:
    """The title's lines from `first` on, in its passage, as one unit."""
    base = int(first.chunk.payload.get("start", 0))
    last = first
    for u in sorted((u for u in ranked if u.chunk is first.chunk and u.start > first.start), key=lambda u: u.start):
        if not _titles(u) or first.chunk.text[last.end - base:u.start - base].strip():
            break
        last = u
    text = first.chunk.text[first.start - base:last.end - base]
    return Unit(first.chunk, first.rank, text, first.start, last.end, first.score, first.coverage, terms=first.terms)


def _document_part(u: Unit, q: Question) -> float:
    """The header line or signature block a metadata question asks about outranks any passage."""
    if u.signature and q.wants("signer") or u.header and q.wants(u.header) or q.wants("title") and _titles(u):
        return 1.0
    return 0.0


def _answers_part(u: Unit, q: Question) -> bool:
    """A signature block says who signed, a header line the number, date or issuer: they answer only that."""
    if u.signature:
        return q.wants("signer")
    return not u.header or q.wants("metadata")


def _task_answers(u: Unit, q: Question) -> bool:
    fields = u.fields
    return (q.wants("responsibility") and "lead" in fields) or (q.wants("deadline", "reporting")
                                                                   and "timing" in fields) or \
        (q.wants("funding") and "funding" in fields)


# "… do đồng chí Tổng Bí thư làm Trưởng Ban", "Văn phòng là cơ quan thường trực": who holds a post is who is asked
_HOLDS_POST = re.compile(r"\b(?:làm|là)\s+(?:phó\s+)?(?:trưởng|tổ trưởng|chủ tịch|chủ nhiệm|giám đốc|thường trực|"
                         r"thành viên|cơ quan thường trực|cơ quan chủ trì|đầu mối)\b")


_RESPONSIBLE_ASKED = re.compile(r"\btrach nhiem cua (?:nhung |cac )?(?:ai|don vi nao|co quan nao|nhung nguoi nao)\b")


def _about_task(u: Unit, q: Question) -> bool:
    """"Kế hoạch nói gì về quản lý bến khách ngang sông?" asks no kind of fact: of a task written field by field
    (its title, who leads, when, what it delivers), all of it."""
    fields = u.fields
    return not q.intents and len(fields.keys() & {"lead", "timing", "product"}) >= 2 and \
        len(fields.get("task", {}).get("text", "")) <= TASK_CHARS  # a long task says more than its fields


def gives_kind_asked(u: Unit, q: Question) -> bool:
    """The unit holds each kind of fact the question asks, and it asks one (who, when, how much …)."""
    return _intent_fit(u, q) >= 1.0


def _gives_asked(u: Unit, q: Question) -> bool:
    """The unit holds each kind of fact asked (a question asking none is given by any unit), or is the paragraph
    the question names by its label ("Đối tượng thực hiện: …" for "đối tượng thực hiện … gồm những ai?")."""
    return _intent_fit(u, q, missing=1.0) >= 1.0 or _labelled_as_asked(u, set(folded_syllables(q.text)))


def _labelled_paragraph(u: Unit, q: Question) -> str | None:
    """The whole line of a unit opening on the label the question asks by ("Đến năm 2028: Kết nối …. Triển khai hoàn
    thành 100% …" for "mục tiêu đến năm 2028 là gì?"), a long line read as a unit per sentence; None when it is not
    so labelled, is one sentence, or is too long to say whole."""
    text, start = str(u.chunk.payload.get("text", "")), int(u.chunk.payload.get("start", 0) or 0)
    at = u.start - start
    if q.expect.asks_value or not 0 <= at < len(text) or not text.startswith(u.text, at) or \
            not _labelled_as_asked(u, set(folded_syllables(q.text))):
        return None  # a figure asked is read as figures are
    end = text.find("\n", at)
    line = text[at:end if end >= 0 else len(text)].rstrip()
    # as far as the next sentence opening on a label of its own ("… . Đến năm 2030: …")
    stop = next((m.start() for m in _NEXT_SENTENCE.finditer(line, len(u.text) - 1) if _LABEL_OPENS.match(line, m.end())),
                len(line))
    line = line[:stop].rstrip()
    return line if len(u.text) < len(line) <= LIST_EXPAND_CHARS else None


_PARAGRAPH_LABEL = re.compile(r"^([^\W\d_][^:\n]{2,60}):\s*\S")  # "Đối tượng thực hiện: Các phòng …"
_LABEL_OPENS = re.compile(_PARAGRAPH_LABEL.pattern[1:])  # the same, where a sentence opens within a line
_NEXT_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _labelled_as_asked(u: Unit, asked: set[str]) -> bool:
    """A paragraph whose label's words (two to six) are all the question's (`asked`, folded)."""
    m = _PARAGRAPH_LABEL.match(u.text)
    words = folded_syllables(m.group(1)) if m else []
    return _LABEL_WORDS <= len(words) <= 6 and set(words) <= asked


def _intent_fit(u: Unit, q: Question, missing: float = 0.0) -> float:
    """The share of the kinds of fact asked (who, when, how much, funding, reporting) the unit gives; `missing`
    when the question asks none of them."""
    if q.wants("signer") and u.signature:
        return 3.0
    if u.header and q.wants(u.header):  # "số hiệu", "ban hành ngày nào", "cơ quan nào ban hành"
        return 3.0
    fields = u.fields
    text = u.text.lower()
    # each kind of fact asked that the unit can give; "hạn báo cáo": a date and a report, not a report alone
    checks = {
        "responsibility": lambda: "lead" in fields or "chủ trì" in text or "chịu trách nhiệm" in text
        or bool(_HOLDS_POST.search(text))
        # "… là tiêu chí đánh giá trách nhiệm của những ai?": those the passage says it is the responsibility of
        or "trách nhiệm của" in text and bool(_RESPONSIBLE_ASKED.search(q.folded)),
        "deadline": lambda: "timing" in fields or _dates_unasked(u.text, q) or _dating_item(u) is not None,
        "frequency": lambda: recurs(f"{u.text} {fields['timing']['text'] if 'timing' in fields else ''}"),
        "target": lambda: bool(figure_mentions(u.text)) or "product" in fields,
        "funding": lambda: _gives_funding(u, q),
        "reporting": lambda: "báo cáo" in text,
        "proposal": lambda: bool(PROPOSED_BY.search(text)),
        "destination": lambda: bool(SENDS_TO.search(text)),
        # "những thủ tục hành chính nào": the unit or its part says what is listed
        "list": lambda: _says_kind(f"{text} {u.section}", q.listed),
        # what the plan carries out: its preamble ("Thực hiện Kế hoạch số 11-KH/BCĐ …") or its "Căn cứ" part
        "basis": lambda: states_grounds(u.text) or not u.section and cites_document(u.text)
        or "can cu" in fold_accents(section_label(u.section)).lower(),
    }
    asked = [(intent, check) for intent, check in checks.items() if q.wants(intent) and (intent != "list" or q.listed)]
    task_funds = "funding" in fields and not FUNDS_SAID.search(section_label(u.section).lower())
    return sum(_TASK_FUNDS if intent == "funding" and task_funds else 1.0
               for intent, check in asked if check()) / len(asked) if asked else missing


def _gives_funding(u: Unit, q: Question) -> bool:
    """A task's funding field, a passage on money, an item of a funding section ("- Ngân sách địa phương: …" under
    "6. Kinh phí thực hiện": the section says what the item is) — naming where the money comes from when that alone
    is asked."""
    funds = str(u.fields["funding"].get("text", "")) if "funding" in u.fields else None
    on_money = funds is not None or bool(FUNDS_SAID.search(f"{u.text.lower()} {section_label(u.section).lower()}"))
    return on_money and (not q.wants_source or bool(FUNDS_SOURCE.search(f"{u.text} {funds or ''}")))


def _says_kind(text: str, kind: str) -> bool:
    """"… gồm những chức năng nào": said by a passage writing "chức năng", not by "các cơ quan chức năng" (agencies:
    a word of its own that ends in it). `kind` folded."""
    if not has_phrase(fold_accents(text).lower(), kind):
        return False
    tokens, n, words = syllables(fold_tones(text)), len(kind.split()), dictionary_words()
    return any(" ".join(map(fold_accents, tokens[i:i + n])) == kind and not any(
        " ".join(tokens[i - k:i + n]) in words for k in (1, 2) if i >= k) for i in range(len(tokens) - n + 1))


# a task's own funding cell ("kinh phí: Chi thường xuyên") answers half a question about funding: "Kinh phí thực
# hiện kế hoạch … từ những nguồn nào?" asks the plan's, which its funding section or a sentence on money states
_TASK_FUNDS = 0.5


def _label_said(u: Unit, asked: set[str]) -> bool:
    """A table row the question names by its label, every word of it ("Ngân sách tỉnh (sự nghiệp y tế …)" for "Ngân
    sách tỉnh bố trí bao nhiêu …"), not a row sharing some of them ("Ngân sách xã, phường")."""
    if not u.is_row or not u.cells:
        return False
    label = next((v for v in u.cells.values() if re.search(r"[^\W\d_]{2}", v)), "")
    words = folded_syllables(BRACKETED.sub(" ", label))
    return len(words) >= _LABEL_WORDS and set(words) <= asked


_LABEL_WORDS = 2  # "Tổng", "Khác": one word names no row


def _dates_unasked(text: str, q: Question) -> bool:
    """The passage says a time the question does not date by itself: "Chủ trì tổ chức Hội chợ … năm 2026" dates
    nothing for "Hội chợ … năm 2026 dự kiến tổ chức khi nào?" (a recurrence, "hằng năm", says when all the same)."""
    said = fold_accents(q.text).lower()
    return any(not re.search(r"\d", m.group(0)) or fold_accents(m.group(0)).lower() not in said
               for m in _DATE.finditer(text))


def _names_unit(u: Unit, named: list[str]) -> float:
    """1 when the unit is about a unit the question names: it leads the task, or heads the section."""
    if not named:
        return 0.0
    if _leads(u, named):
        return 1.0
    label = unit_search_key(section_label(u.section))
    return 0.5 if label and any(n in label or label in n for n in named) else 0.0


_FOOTNOTE = re.compile(r"^\[\d+\]")


def _recipients(doc: str, ranked: list[Unit]) -> list[Unit]:
    """The items of a plan's "Nơi nhận" list found, in their order ("- Bộ Y tế (để b/c);" … "- Lưu: VT.", and an
    "Đồng kính gửi:" after it): not the signature beside them nor the footnotes printed after them."""
    found = sorted((u for u in ranked if u.doc_id == doc and is_recipients(u.section.split(" > ")[0])),
                   key=lambda u: u.start)
    sent: list[Unit] = []
    for u in found:
        if u.signature or is_authority_line(u.text) or _FOOTNOTE.match(u.text) or sent and u.chunk is not sent[0].chunk:
            if sent:
                break
            continue
        if not is_recipients(u.text):  # the "Nơi nhận:" line itself
            sent.append(u)
    return sent


def _names_in(u: Unit, named: list[str], role: str) -> bool:
    """The task's field of that role (its lead, its co-units) names one of the units (search keys)."""
    value = u.fields.get(role)
    if not value:
        return False
    key = unit_search_key(value["text"])
    return any(names_unit(n, key) for n in named if len(n) >= 5)


def _coordinates(u: Unit, named: list[str]) -> bool:
    return _names_in(u, named, "co")


def _leads(u: Unit, named: list[str]) -> bool:
    return _names_in(u, named, "lead")


def _boilerplate(u: Unit, q: Question) -> float:
    """Framing that rarely answers: preamble, 'Mục đích, yêu cầu', a sentence announcing a list."""
    if q.wants("purpose") or u.signature or u.header:
        return 0.0
    if announces_list(u.text):
        return 0.0 if q.wants("list") else 1.0  # "…, gồm:" leads a list answer: its items follow it
    if is_attribution(u.text) and not q.wants("metadata"):
        return 1.0  # "(Kèm theo Kế hoạch số 144/KH-UBND …)" under an annex's title
    if is_frame_section(u.section) and not q.wants("target") or \
            is_recipients(u.section.split(" > ")[0]) and not q.wants("recipients"):
        return 1.0  # framing; or the recipients' list and what follows the signature (footnotes)
    if q.wants("target") and is_state_section(u.section) and not _asks_state(q):
        return 1.0  # "Giai đoạn 2020 - 2025 … kết nạp được 1.036 đảng viên" is a result, not a target
    if not u.section and PREAMBLE_START.match(u.text) and not q.wants("basis", "proposal"):
        return 1.0
    if restates_plan(u.text):  # "Trên đây là Kế hoạch …": the plan's words again, matching any question naming it
        return 1.0
    if _is_title_line(u) and not q.wants("metadata"):  # "XUẤT KHẨU SẢN PHẨM … GIAI ĐOẠN 2026 -" / "2030" under
        return 1.0  # "KẾ HOẠCH": the plan's name matches any question naming the plan, it answers none
    if u.text.rstrip().endswith("?"):  # "… đến ngày 15/3/2026, đúng không chị?": a covering letter asks, states nothing
        return 1.0
    return 0.0


def _is_title_line(u: Unit) -> bool:
    """A line of the title under the bare kind heading ("KẾ HOẠCH"): upper case, or no word at all ("2030")."""
    return u.section.strip().upper() in KINDS and (is_upper(u.text) or not any(ch.isalpha() for ch in u.text))


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _same_task(a: Unit, b: Unit) -> bool:
    return a.task is not None and b.task is not None and a.doc_id == b.doc_id and \
        a.task["start"] == b.task["start"]


def _lists_reports(q: Question) -> bool:
    """The part of the question that asks for a list asks what is reported ("… báo cáo cho những cơ quan nào, vào
    thời hạn nào?"), not a unit's tasks beside it ("giao UBND xã những nhiệm vụ gì, và … báo cáo theo định kỳ nào?")."""
    parts = question_parts(q.text)
    listing = [p for p in ([analyse(p) for p in parts] if parts else [q]) if p.wants("list")]
    return bool(listing) and all(p.wants("reporting") for p in listing)


_REPORTS = re.compile(r"\bbáo cáo\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


# "mỗi năm", "từng năm", "các năm": every year of the row
_EACH_YEAR = re.compile(r"\b(?:moi|tung|hang|cac) nam\b")


def _asked_years(q: Question) -> set[str]:
    """The years a question asks of a row with a column per year ("từ 2026 đến 2030": each year between); none
    (every column) for "mỗi năm". The period naming the plan ("Kế hoạch … giai đoạn 2026-2030, giá trị … năm 2030")
    is not asked when other years are."""
    if _EACH_YEAR.search(q.folded):
        return set()
    naming = naming_phrase(q.text)
    named = {t for t in q.times if t.startswith("R") and all(y in naming for y in _YEAR.findall(t))}
    years: set[str] = set()
    for t in q.times - named if q.times - named else q.times:
        ends = [int(y) for y in _YEAR.findall(t)]
        span = range(ends[0], ends[-1] + 1) if t.startswith("R") and len(ends) == 2 and ends[1] - ends[0] <= 20 else ends
        years |= {str(y) for y in span}
    return years


def _of_years_asked(cells: dict[str, str], q: Question) -> dict[str, str]:
    """A row's cells without the columns of years the question does not ask, when it asks some the row has."""
    asked = _asked_years(q)
    if asked & {_column_year(name) for name in cells}:
        return {name: value for name, value in cells.items() if _column_year(name) in (None, *asked)}
    return cells


_BARE_FIGURE = re.compile(r"\d[\d.,]*")
def _table_measure(u: Unit) -> str:
    """The measure a table's own line states above its header ("triệu đồng"), '' when none or a percentage."""
    return next((m for h in u.chunk.payload.get("header_rows") or [] if (m := stated_measure(h["text"].strip()))
                 and "%" not in m), "")
_PERCENT_NAMED = re.compile(r"\(%\)\s*$")  # "Tỷ lệ người cao tuổi có thẻ BHYT (%)"


def _in_percent(cells: dict[str, str]) -> bool:
    """A row whose figures are percentages by its measure ("ĐVT: %") or its name ("… (%)"): each yearly figure is
    said with its sign ("Năm 2030: 100%"), as the plan means it."""
    return any(role_of(name) == "measure" and value.strip() == "%" or _PERCENT_NAMED.search(value)
               for name, value in cells.items())


def _column_year(name: str) -> str | None:
    """The year a column holds: 'Kế hoạch 2028 - Lượng (Tấn)' -> '2028'; 'GIAI ĐOẠN 2026 - 2030 - Năm 2030', the last
    it names; None for a column of no year ('Sản phẩm', 'ĐVT')."""
    years = _YEAR.findall(name)
    return years[-1] if years else None


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[: space if space > limit // 2 else limit].rstrip(" ,;:") + "…"


def _flatten(quote: str) -> str:
    """Multi-line quotes (a list under its intro line) read as one sentence."""
    lines = [re.sub(r"^[-+•*]\s*", "", ln.strip()) for ln in quote.split("\n") if ln.strip()]
    if len(lines) <= 1:
        return quote
    head, items = lines[0], [ln.rstrip(" .;,") for ln in lines[1:]]
    return f"{head} {'; '.join(items)}"


# a question about what is or has been, not what a plan sets out to reach
_STATE_ASKED = re.compile(r"\b(?:hien nay|hien co|hien tai|da dat|moi dat|dat duoc|ket qua|thuc trang|tinh hinh|truoc day|"
                          r"giai doan truoc|nhung nam qua|nam qua|theo danh gia)\b")  # "theo đánh giá trong kế hoạch"


def _asks_state(q: Question) -> bool:
    return bool(_STATE_ASKED.search(q.folded) or re.search(r"(?<!\w)đã(?!\w)", q.text.lower()))


def _column_asked(name: str, q: Question) -> bool:
    """"ai theo dõi …?" names the row's "Người theo dõi" column by its duty; "bắt đầu … khi nào?" the "Thời gian thực
    hiện - Bắt đầu" column under a two-row header by its second row."""
    who = column_duty(name)
    folded = fold_accents(name).lower().strip()
    sub = re.match(r"^.+ - (.+)$", folded)
    duty = who[1] if who else sub.group(1) if sub else ""
    if len(duty.split()) >= 2 and re.search(rf"\b{re.escape(duty)}\b", q.folded) is not None:
        return True
    # "… từ nguồn nào?": the "Nguồn kinh phí" column, by the word naming the kind asked
    head = re.match(r"[a-z]{3,}", folded)
    return head is not None and re.search(rf"\b{head.group(0)}(?: \w+)? (?:nao|gi)\b", q.folded) is not None


_QUOTED = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")


def _defines(u: Unit, quoted: list[str]) -> float:
    """1 when the unit spells out a term the question quotes ("phương châm “6 rõ, 1 xuyên suốt”: rõ việc, rõ
    người, …"): the passage that defines a term, not one that only invokes it, says what it is."""
    text = fold_tones(u.text.lower())
    return 1.0 if any(re.search(re.escape(fold_tones(t.lower())) + r"[”\"]?\s*(?::|là\b|gồm\b|bao gồm\b)", text)
                      if has_diacritics(t) else
                      re.search(re.escape(t.lower()) + r"[”\"]?\s*(?::|la\b|gom\b|bao gom\b)", fold_accents(text))
                      for t in quoted) else 0.0


# "1. Sở Tài chính (cơ quan chủ trì)", "Là đầu mối chủ trì, tham mưu …", "Chủ trì …, theo dõi, đôn đốc thực hiện Kế
# hoạch": the unit that leads the plan itself (tone placement folded, lower case)
_COORDINATES = re.compile(r"(?:\blà |\()(?:(?:cơ quan|đơn vị) )?(?:đầu mối|thường trực|chủ trì)\b|"
                          r"\bchủ trì\b[^.;]{0,80}?\b(?:theo dõi|đôn đốc|tổ chức (?:triển khai|thực hiện)|triển khai)"
                          r"\b[^.;]{0,60}?\b(?:kế hoạch|chương trình|đề án)\b(?! số)")


def coordinates_plan(u: Unit | None) -> float:
    """1 when the unit says who leads the plan itself, a half when only its heading does ("1. Sở Tài chính (cơ quan
    chủ trì)" above each of its duties)."""
    if u is None:
        return 0.0
    return 1.0 if _COORDINATES.search(fold_tones(u.text).lower()) else \
        0.5 if _COORDINATES.search(fold_tones(section_label(u.section)).lower()) else 0.0


def says_counts(u: Unit | None, counts: list[re.Pattern[str]]) -> bool:
    """The unit says each count of things the question states ("04 dịch vụ công", see `stated_counts`)."""
    return u is not None and all(c.search(fold_accents(u.text).lower()) for c in counts)


def _under_named_heading(u: Unit, asked: set[str]) -> float:
    """1 when the question says every word of the short heading the unit stands under ("Kinh phí thực hiện kế
    hoạch … từ những nguồn nào?" names "6. Kinh phí thực hiện"): what a plan puts under a heading naming a part of
    it is what the heading names. A long heading is a task's title: the question's words weigh it already."""
    label = folded_syllables(section_label(u.section))
    return 1.0 if 2 <= len(label) <= _PART_HEADING_SYLLABLES and set(label) <= asked else 0.0


def _under_money_heading(u: Unit, q: Question) -> float:
    """1 when money is asked and the unit stands under a heading about money ("7. Giải pháp về tài chính",
    "Kinh phí thực hiện"): a plan's funding part says where its money comes from, wherever else it names money."""
    return 1.0 if q.wants("funding") and FUNDS_SAID.search(section_label(u.section).lower()) else 0.0


# "những đợt hiến máu cao điểm nào": the kind of thing a list asks, by its first word (accent-folded)
_LISTED_KIND = re.compile(r"\b(?:nhung|cac) (\w+)\b(?: \w+){0,6}? nao\b")
_PART_HEADING_SYLLABLES = 6  # "Kinh phí thực hiện", "Chế độ thông tin, báo cáo", "Hạt Kiểm lâm các huyện"


# a list said inside a sentence: "gồm: bản Lao Chải, bản Nậm Cang, bản Khuổi Luông và bản Séo Phìn"
_INLINE_LIST = re.compile(r"\b(?:gồm|bao gồm)\s*:?\s*[^,;.]{2,60},[^;.]{2,60}(?:,|\bvà\b)")
_RUN_ON_ITEMS = 4  # clauses joined by "; " in one paragraph that make it a list
# numbered items run on in one paragraph: "Đề nghị Văn phòng … phối hợp, hỗ trợ: (1) …. (2) …"
_NUMBERED_INLINE = re.compile(r"(?<!\w)\(?1\)\s.{2,400}?\s\(?2\)\s")


def _list_chars(text: str) -> int:
    """How much of a paragraph holding a list a list question is answered with (0: it holds none): a list of
    names whole, numbered items or items run on with ";" ("… cho việc đầu tư …; trang bị …; thuê đường truyền …;
    bảo hành, bảo trì …") whole as far as twice that."""
    if _NUMBERED_INLINE.search(text) or text.count("; ") >= _RUN_ON_ITEMS:
        return min(len(text), 2 * LIST_EXPAND_CHARS)
    return min(len(text), LIST_EXPAND_CHARS) if _INLINE_LIST.search(text) else 0


def _window_terms(q: Question, u: Unit) -> set[str]:
    """The question's words that tell one clause of the unit from another: not those naming its plan by its title
    ("… cơ quan thường trực Chương trình bảo đảm cấp nước sạch nông thôn tỉnh Sơn Hà?" asks who is "cơ quan thường
    trực", wherever the plan says "nước sạch nông thôn" again)."""
    terms = set(content_terms(q.text))
    naming = set(naming_phrase(q.text).split()) & set(folded_syllables(str(u.chunk.payload.get("title", ""))))
    return (terms - naming) or terms


def section_label(section: str) -> str:
    """'VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy' -> 'Văn phòng Đảng ủy' (who or what the text is about)."""
    last = _NUMBERING.sub("", section.split(" > ")[-1]).strip(" :")
    return "" if not last or len(last) > 80 or re.search(r"\d", last) else last


def _signature_claim(quote: str) -> str:
    """The block's title and name lines; a "(Đã ký)" of a copy tells no one who signed. Blocks side by side (each
    body of a joint plan signs) are said one after the other."""
    blocks = [", ".join(lines) for block in re.split(r"\n\s*\n", quote) if (lines := signing_lines(block.split("\n")))]
    return "Người ký: " + "; ".join(blocks)


_ITEM_LABEL = re.compile(r"([^:;.\n]{2,80}?):\s")  # "Ngân sách địa phương: chi cho …" names the item it opens


def _claim(u: Unit, quote: str, offset: int = 0, within: str = "") -> str:
    """Text is quoted under its section's name (and the item it is listed `within`, "Đến năm 2027"); a header line
    or a signature as what it is."""
    if u.signature:
        return _signature_claim(quote)
    body = ("…" if offset else "") + _flatten(quote)
    label = section_label(u.section)
    if within:
        return f"{label} — {within}: {body}" if label else f"{within}: {body}"
    if not label or quote.startswith(label) or fold_accents(label).lower() in fold_accents(quote).lower():
        return body
    return f"{label}: {body}"

