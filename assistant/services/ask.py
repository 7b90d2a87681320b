"""Ask: retrieve → answer → verify → compose. The one path used by CLI, API, UI and eval."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from assistant.components.vector_store import AccessScope, ScoredChunk
from assistant.domain import AskResponse, Citation
from assistant.services.answer_type import asks_where, expectation, figure_kind
from assistant.services.evidence import Unit, clip_quote, content_terms, folded_syllables
from assistant.services.extractive import (
    NOT_FOUND,
    Draft,
    ExtractiveAnswerer,
    asked_units,
    coordinates_plan,
    gives_kind_asked,
    merge_drafts,
    named_documents,
    numbered_plans,
    plan_named,
    plan_owner,
    plan_places,
    says_counts,
    set_up,
    with_parts,
)
from assistant.services.extreme import asks_extreme, extreme_row
from assistant.services.outline import outline, wants_outline
from assistant.services.plan_answer import PlanAnswers
from assistant.services.question import (
    Question,
    analyse,
    asks,
    asks_plan_lead,
    asks_which_plan_only,
    cited_from,
    document_asked,
    field_asked,
    fold_question,
    frames_figure,
    has_phrase,
    naming_phrase,
    qualifying_words,
    question_parts,
    says_what,
    stated_counts,
    topic_words,
    whether_asked,
    without_asker,
)
from assistant.services.retrieval import normalize_question
from assistant.services.verify import Statement, verify
from assistant.settings import AnswerSettings
from assistant.text import (
    fold_accents,
    fold_tones,
    has_diacritics,
    marks_dropped,
    nouns,
    verbs,
    without_tone_marks,
)
from assistant.vocab.dates import lunar_new_year_short, recurs, time_mentions
from assistant.vocab.docnum import DOC_NUMBER, KIND_CODES, doc_numbers, kind_code, number_key
from assistant.vocab.fields import role_label
from assistant.vocab.numbering import numbering
from assistant.vocab.parts import KINDS, states_grounds
from assistant.vocab.signature import signature_span, spell_authority, without_titles
from assistant.vocab.units import (
    HEAD_WORDS,
    PLACE_LEVEL_FOLDED,
    expand_abbreviations,
    expansion_asked,
    places_asked,
    places_named,
    spells_out,
    unit_kind,
    unit_search_key,
)

_LABEL = re.compile(r"\[[^\]]*\]")
_SEGMENT = re.compile(r"[,.;:?!()\[\]]")
_SENTENCE_OPENS = ("", ".", "?", "!")
_OPEN_QUOTES = "“‘\"'"
_HEADER_CHARS = 700
_HEADER_LINES = 60  # a forwarded e-mail or a portal's page puts lines before the header; the title comes within these
_PREAMBLE_CHARS, _PREAMBLE_LINES = 4000, 6  # where a plan states its grounds, and how many
_MAX_COMPARED = 3  # plans answered side by side
# where a comparison joins the plans it names: "… của Đồng Nai và của Cần Thơ", "… so với …", "…, còn …"
# (matched on the accent-folded question, whose offsets are those of the question: typed with or without accents)
# "… và kế hoạch …", "… và KH 182/KH-UBND …": a second document, by its kind's name or its kind's code and number
_PARTS = re.compile(r"\s+(?:va|voi|so voi)\s+(?=(?:ke hoach|chuong trinh|de an|nghi quyet|quyet dinh|o|cua|trong|tai)\b"
                    r"|(?-i:KH)\s+[^\W\d_]"  # "… và KH CSDL quy hoạch của TP.HCM": "KH" typed for "kế hoạch"
                    r"|(?:" + "|".join(sorted({fold_accents(c) for c in KIND_CODES}, key=len, reverse=True)) +
                    r")\s*(?:so\s*)?\d)|,?\s+con\s+|;\s+|\s+so voi\s+", re.IGNORECASE)
# "So sánh A (gắn với …) với B": the last "với" after "so sánh" joins the two
_COMPARED_WITH = re.compile(r"\bso sanh\b.*(\s+voi\s+)", re.IGNORECASE)
# "… bộ nào chủ trì việc bố trí này?": a part pointing back to another is read with it
_REFERS_BACK = re.compile(r"\b(?:nay|do|ay|noi tren)\s*(?:[?,.;]|$)", re.IGNORECASE)
_MIN_PART_WORDS = 3
_PART_DEPTH = 5  # a header (issuer, motto, number, place and date) fits in this
_SELF_CONTAINED = 6  # words a part of a question needs to be read without the first part


class ChunkRetriever(Protocol):
    def retrieve(self, question: str, scope: AccessScope | None, top_k: int | None = None) -> list[ScoredChunk]: ...

    def whole_document(self, doc_id: str, found: list[ScoredChunk]) -> list[ScoredChunk]: ...


class QuestionError(ValueError):
    """Bad question; the message is Vietnamese and safe to show."""


def validate_question(question: object, max_chars: int) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("Câu hỏi không được để trống.")
    q = normalize_question(question)
    if len(q) > max_chars:
        raise QuestionError(f"Câu hỏi quá dài: tối đa {max_chars} ký tự.")
    return q


def critical_terms(question: str) -> list[str]:
    """Proper names (two or more capitalised words in a row, not opening the question):
    the answer must be about them — a plan of another province does not answer."""
    names: list[str] = []
    question = without_asker(_LABEL.sub(" ", question))  # "[SỐ ĐIỆN THOẠI]" is a redaction label, not a name
    question = without_titles(question)  # "Trưởng Ban", "Phó Chủ tịch": offices
    unnumbered = DOC_NUMBER.sub(" ", question)
    pieces = _SEGMENT.split(unnumbered)
    marks = [""] + _SEGMENT.findall(unnumbered)
    for segment, mark in zip(pieces, marks, strict=True):
        run: list[str] = []
        for i, word in enumerate([*segment.split(), ""]):
            token = word.strip("“”\"'")
            # a sentence's first word is capitalised anyway ("? Còn …"), and so is a quote's ("Phần I 'Quan điểm …'")
            opening = i == 0 and mark in _SENTENCE_OPENS or word[:1] in _OPEN_QUOTES
            acronym = len(token) > 1 and token.isupper()  # "UBND TP Hà Nội": a kind of body, then the name
            if token and token[0].isupper() and not opening and token.isalpha() and not acronym:
                run.append(token)
                continue
            if len(run) >= 2:
                names.append(" ".join(run).lower())
            run = []
    return names


def opening_name(question: str) -> str | None:
    """The capitalised words a question opens on ("Cần Thơ giao sở nào …" -> "cần thơ", tones folded), which
    `critical_terms` leaves out: a first word is capitalised anyway, so it may be a name or not."""
    run = list(itertools.takewhile(lambda w: w[:1].isupper() and w.isalpha() and not (len(w) > 1 and w.isupper()),
                                   _LABEL.sub(" ", question).split()))
    return fold_tones(" ".join(run).lower()) if len(run) >= 2 else None


_PLACE_LEVEL_WORD = re.compile(rf"\b{PLACE_LEVEL_FOLDED}\b", re.IGNORECASE)
_PLAIN_PLACE = re.compile(rf"\b({PLACE_LEVEL_FOLDED})\s+([a-z]+ [a-z]+)\b")


def _name_in(name: str, evidence: str, folded: str) -> bool:
    """A name typed with diacritics is in the evidence with them ("Đà Nẵng" is not "đa năng"), but one of its
    syllables may carry other marks: OCR misreads a mark in a scan ("Bạch Đăng" for "Bạch Đằng"), and a name of
    two syllables or more differing in one mark is still that name. `folded` is `evidence` without accents."""
    key = fold_tones(name)
    if key in evidence:
        return True
    syllables = key.split()
    if len(syllables) < 2 or len(folded) != len(evidence):
        return False
    for m in re.finditer(rf"(?<!\w){re.escape(fold_accents(key))}(?!\w)", folded):
        if sum(a != b for a, b in zip(evidence[m.start():m.end()].split(), syllables, strict=False)) <= 1:
            return True
    return False


_KIND_NUMBER = re.compile(r"(?:" + "|".join(map(re.escape, KIND_CODES)) + r")\d{1,5}", re.IGNORECASE)
_CODE = re.compile(r"(?<![\w/-])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{2,6}(?![\w/-])", re.IGNORECASE)


# "… thực hiện Nghị quyết số 09-NQ/HU": the number of what a plan carries out, not of the plan asked about
_CARRIED_OUT = re.compile(r"\b(?:thuc hien|trien khai|cu the hoa|quan triet|can cu|theo tinh than)\s+(?:\S+\s+){0,3}$")


def asked_numbers(question: str) -> list[str]:
    """Keys of the document numbers a question asks about ("Kế hoạch số 35/KH-UBND … giao …"), leaving out those it
    names as carried out."""
    folded = fold_accents(question).lower()
    kinds = {k for k in _KIND_NAMES if re.search(rf"(?<!\w){k}(?!\w)", folded)}
    return [number_key(m.group(0)) for m in DOC_NUMBER.finditer(question)
            if not _CARRIED_OUT.search(fold_accents(question[max(0, m.start() - 40):m.start()]).lower())
            and not _other_kind(m.group(0), kinds)]


# kinds a question names as documents ("báo cáo", "hướng dẫn", "thông báo", "kết luận", "quy định" are verbs as often)
_KIND_NAMES = frozenset(fold_accents(v).lower() for k, v in KIND_CODES.items() if k not in ("BC", "HD", "TB", "KL", "QĐi"))


def _other_kind(number: str, kinds: set[str]) -> bool:
    """"chương trình hành động … (NQ 04-NQ/TU)": a number of a kind the question does not name, beside a kind it
    does, is the number of what the plan asked about carries out."""
    kind = fold_accents(KIND_CODES.get(kind_code(number), "")).lower()
    return bool(kind and kinds and not any(kind in k or k in kind for k in kinds))


def codes_in(question: str) -> list[str]:
    """Names made of letters and digits ("5G", "6G", "IPv6"): the passage that answers says them exactly. "NQ57",
    "KH144" name documents by kind and number, as "NQ 57" does."""
    return [m.lower() for m in _CODE.findall(DOC_NUMBER.sub(" ", question)) if not _KIND_NUMBER.fullmatch(m)]


@dataclass
class AskService:
    retriever: ChunkRetriever
    answerer: ExtractiveAnswerer
    cfg: AnswerSettings
    text_of: Callable[[str], str]
    redactor: Any = None  # assistant.privacy.Redactor; None when privacy is off
    retriever_top_k: int = 10  # default depth when the caller gives none
    plans: PlanAnswers | None = None  # answers from the plan model (a unit's duties, deadlines, targets)
    plan_names: Callable[[], dict[str, dict[str, str]]] = dict  # doc_id -> title, issuer, number of every plan
    _texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    _toneless: dict[str, str] = field(default_factory=dict)
    _cited_only: dict[str, dict[str, bool]] = field(default_factory=dict)

    def ask(self, question: str, scope: AccessScope | None = None, top_k: int | None = None) -> AskResponse:
        t0 = time.perf_counter()
        q = validate_question(question, self.cfg.max_question_chars)
        if self.redactor is not None:  # personal data never reaches a model, a log or the audit
            q = self.redactor.redact(q).text
        parsed = analyse(q)
        # a comparison needs evidence from each document: look deeper before picking one per document
        k = top_k or self.retriever_top_k
        chunks = self.retriever.retrieve(q, scope, k * (2 if parsed.wants("compare") else 1))
        found = chunks[:k]
        names = self.plan_names()
        if parsed.wants("compare") and asks_which_plan_only(parsed) and plan_named(parsed, names) is not None:
            parsed = replace(parsed, intents=parsed.intents - {"compare"})
        chunks = self._named_plan_read(q, parsed, scope, chunks, k, names)
        planned = self.plans.answer(parsed, scope, chunks) if self.plans is not None else None
        if planned is not None:
            return self._finish(planned, found, t0)
        if parsed.wants("list") and parsed.units and chunks:
            chunks = self._whole_duties(plan_named(parsed, names), scope, chunks)
        compared = self._compared_documents(parsed, scope, chunks, names) if parsed.wants("compare") else {}
        if len(compared) >= 2:  # "kế hoạch A và kế hoạch B …": each plan answers for itself, judged on its own part
            docs = list(compared)[:_MAX_COMPARED]
            # what is asked, without the words naming any of the plans, finds each plan's passage beside them
            asked = _asked_of(q, "", docs, names)
            drafts: list[Draft] = []
            like = None  # the kind of figure the first plan gives, which the others' answers give too, when they can
            for d in docs:
                drafts.append(self._compared_draft(q, parsed, compared[d], _asked_of(q, d, docs, names, self.text_of(d)), asked,
                                                   _within(scope, d), k, like))
                if like is None and drafts[-1].statements and parsed.expect.pattern is None:
                    lead = drafts[-1].statements[0].citations
                    like = figure_kind(" ".join(c.quote for c in drafts[-1].citations if c.n in lead))
            draft = merge_drafts(drafts)
        else:
            chunks = self._naming(q, chunks)
            outlined = self._outline(parsed, chunks, names) if chunks else None
            if outlined is not None:  # "Phần thứ hai gồm những nhóm nhiệm vụ nào?": the headings under it
                return self._finish(self._compose(q, outlined), found, t0)
            draft = self.answerer.draft(parsed, self._with_document_parts(chunks, parsed, plan_named(parsed, names)))
            plan = self.answerer.named_plan(draft.units) if chunks else None
            counts = stated_counts(q)
            if plan is not None and not (draft.statements and draft.gives_asked and
                                         draft.best_coverage >= self.cfg.refusal_threshold and
                                         says_counts(draft.lead, counts) and
                                         (coordinates_plan(draft.lead) or not asks_plan_lead(parsed))):
                # the plan asked about is clear; the passage giving the fact asked (or saying what the question says,
                # "04 dịch vụ công …" among them; who leads the plan itself) was not among the first found
                whole = self._with_document_parts(self.retriever.whole_document(plan, chunks), parsed)
                giving = self.answerer.draft(parsed, whole, giving=True)
                if giving.statements and self._answerable(q, giving):
                    draft = giving
                elif not draft.statements:
                    draft = self.answerer.draft(parsed, whole)
                elif parsed.intents <= {"deadline"} and _dates_nothing(q, draft):
                    draft = replace(draft, statements=[])  # "… phải hoàn thành khi nào?": a task the plan dates nowhere
            draft = self._runner_up(q, parsed, draft)
            if asks_extreme(parsed) and (plan := plan or (draft.lead.doc_id if draft.lead else None)):
                draft = self._extreme(parsed, plan, chunks) or draft
            parts = question_parts(q)
            if parts and chunks:  # the whole question may find nothing its parts each find
                draft = self._each_part(q, parts, draft, chunks, scope, names)
        return self._finish(self._compose(q, draft), found, t0)

    def _extreme(self, parsed: Question, plan: str, chunks: list[ScoredChunk]) -> Draft | None:
        """"Xã nào được phân bổ nhiều căn nhất?": the row of the plan's table with the largest figure asked, read
        over the whole table."""
        units = self.answerer.rank_units(parsed, self.retriever.whole_document(plan, chunks))
        row = extreme_row(parsed, units)
        return self.answerer.draft_row(parsed, row, units) if row is not None else None

    def _runner_up(self, q: str, parsed: Question, draft: Draft) -> Draft:
        """"… tập huấn nghiệp vụ trước ngày nào?": the passage led with may not be the one that answers (a table row
        dated for another task) while the next does; that one leads when it answers all the lead was judged by."""
        if not draft.statements or draft.lead is None or self._answerable(q, draft):
            return draft
        chunks = list({id(u.chunk): u.chunk for u in draft.units}.values())
        other = self.answerer.draft(parsed, chunks, passed_over=draft.lead)
        return other if other.statements and self._answerable(q, other) else draft

    def _finish(self, response: AskResponse, found: list[ScoredChunk], t0: float) -> AskResponse:
        if self.redactor is not None and response.answerable:
            vetted = "\n".join(c.quote for c in response.citations)
            response.answer = self.redactor.redact(response.answer, vetted=vetted).text
        # what the search found for the question itself (reading more of a plan is not retrieval)
        response.retrieved = [str(c.payload.get("source", "")) for c in found]
        response.retrieved_sections = [str(c.payload.get("section", "")) for c in found]
        response.latency_ms = int((time.perf_counter() - t0) * 1000)
        return response

    def _each_part(self, q: str, parts: list[str], draft: Draft, chunks: list[ScoredChunk], scope: AccessScope | None,
                   names: dict[str, dict[str, str]]) -> Draft:
        """"… cắt giảm bao nhiêu, và tỷ lệ … đạt mức nào?": each part is read on its own in the plan that answers,
        or in the plan it names ("…? Ở cấp tỉnh, kế hoạch … của Đồng Tháp mang số gì"). A short part ("…, hạn gửi
        khi nào") or one pointing back ("… giao ai chủ trì nhiệm vụ này") is read with the part before it, in the
        plan that part was read in. What the whole question found is said with them, unless that answers nothing:
        then the parts are read again, as if it had said nothing, and answer alone."""
        drafts = self._part_drafts(parts, draft, chunks, scope, names, kept=True)
        # the whole question found little to say, its parts each did (grounds stated share few words with any question)
        if drafts and draft.best_coverage < self.cfg.refusal_threshold and not self._grounds_asked(q, draft):
            found = with_parts(drafts[0], drafts[1:])
        else:
            found = with_parts(draft, drafts)
        if not found.statements or self._answerable(q, found):
            return found
        again = self._part_drafts(parts, draft, chunks, scope, names, kept=False)
        return with_parts(again[0], again[1:]) if again else found

    def _part_drafts(self, parts: list[str], draft: Draft, chunks: list[ScoredChunk], scope: AccessScope | None,
                     names: dict[str, dict[str, str]], kept: bool) -> list[Draft]:
        """Each part's draft; `kept`: the whole question's draft is said with them (what it cites is said already)."""
        first = draft.citations[0].doc_id if draft.citations else \
            plan_named(analyse(" ".join(parts)), names) or str(chunks[0].payload.get("doc_id", ""))
        said = {(c.doc_id, c.start, c.end) for c in draft.citations} if kept else set()
        drafts: list[Draft] = []
        frame, doc = "", first
        for i, part in enumerate(parts):
            short = len(part.split()) < _SELF_CONTAINED
            own_words = not short and not _REFERS_BACK.search(fold_accents(part))
            text = part if own_words or not frame else f"{frame} {part}"
            # a part names its own plan by kind and title or number ("kế hoạch … của Đồng Tháp")
            named = plan_named(analyse(part), names) if len(naming_phrase(part).split()) > 2 else None
            if named is not None and named != doc and self._readable(part, scope, named):
                doc = named
            elif own_words and i:
                doc = first  # a part naming no plan is asked of the plan the question names
            frame = frame if short and frame else text
            asked = analyse(text)
            if short and text != part and (kind := expectation(part).pattern) is not None:
                # "…, ngày nào, tại đâu?": the kind of value the part asks (a place), the day said already
                asked = replace(asked, expect=replace(asked.expect, pattern=kind))
            if short and doc == first and kept and _said_already(draft, asked, part, parts[:i]):
                continue
            # the part's own search in its plan first, then what the whole question found there
            own = _distinct(self.retriever.retrieve(text, _within(scope, doc), self.retriever_top_k)
                            + [c for c in chunks if c.payload.get("doc_id") == doc])
            d = self.answerer.draft(asked, self._with_document_parts(own, asked))
            if not (_adds(d, said) and d.gives_asked):  # the passage giving what the part asks was not found
                whole = self.retriever.whole_document(doc, own)
                read = self.answerer.draft(asked, self._with_document_parts(whole, asked), giving=True)
                if read.statements and (read.gives_asked and not d.gives_asked or read.best_coverage > d.best_coverage):
                    # a passage giving the kind of fact asked, or saying more of the part; in the section the part's
                    # words found ("9. Kinh phí thực hiện": "… bố trí từ ngân sách phường" beside "tham mưu bố trí đủ
                    # kinh phí … mua sắm, nâng cấp thiết bị"), it is found as well as that passage was
                    d = replace(read, best_coverage=max(read.best_coverage, d.best_coverage)) \
                        if _same_section(read, d) else read
            if own_words and named is None and (elsewhere := self._part_elsewhere(text, asked, doc, scope)) and (
                    not (d.statements and self._answerable(text, d))
                    or elsewhere.best_coverage >= d.best_coverage + _ELSEWHERE_MARGIN):
                d = elsewhere
            if not _adds(d, said) and len(d.statements) > 1 and _says_own(d.statements[1], part, parts[:i] + parts[i + 1:]):
                d = replace(d, statements=d.statements[1:])  # its lead is said already, its runner-up says the part
            prior = [draft, *drafts] if kept else drafts
            if text != part and d.statements and _repeats(d, prior, part) and (
                    _names_unsaid(part, d) or _own_unsaid(part, parts[:i], d)):
                # "…, và lập thêm hội đồng nào?": the passage said already, read again for what the part alone names
                # ("Thành lập Hội đồng Tư vấn quốc gia …", a later sentence of it)
                alone = self.answerer.draft(analyse(part), self._with_document_parts(own, analyse(part)))
                if len(alone.statements) > 1 and _names_unsaid(part, alone):  # its runner-up may say it
                    alone = replace(alone, statements=alone.statements[1:])
                if alone.statements and not _names_unsaid(part, alone):
                    d = alone
            if d.statements and (d.best_coverage >= self.cfg.refusal_threshold or self._grounds_asked(text, d)) and \
                    not _repeats(d, prior, part):
                drafts.append(d)
        return drafts

    def _part_elsewhere(self, text: str, asked: Question, doc: str, scope: AccessScope | None) -> Draft | None:
        """"Tỉnh đoàn được giao tổ chức chương trình gì trong kỳ thi tốt nghiệp THPT, và … cuộc thi nào về văn hóa
        đọc?": a part naming no plan that the plan of the question does not answer may be of another plan, the one its
        own search finds first — when that plan answers it."""
        found = self.retriever.retrieve(text, scope, self.retriever_top_k)
        other = str(found[0].payload.get("doc_id", "")) if found else doc
        if other == doc:
            return None
        d = self.answerer.draft(asked, self._with_document_parts([c for c in found if c.payload.get("doc_id") == other],
                                                                 asked))
        return d if d.statements and self._answerable(text, d) else None

    def _outline(self, q: Question, chunks: list[ScoredChunk], names: dict[str, dict[str, str]]) -> Draft | None:
        """The headings under the part of the plan a list question names, read in the whole plan: the plan named
        when the search under the caller's scope found it, else the first one found (never a plan outside the
        scope, which `plan_names` does not know)."""
        found = [str(c.payload.get("doc_id", "")) for c in chunks]
        named = plan_named(q, names)
        doc = named if named in found else found[0]
        if q.units and not asked_units(q, names.get(doc, {})):
            # "Kế hoạch phối hợp giữa BHXH tỉnh và Hội Nông dân tỉnh … gồm những nội dung phối hợp nào?": the units
            # name the plan by who issued it; what is asked is read without them
            rest = q.text
            for unit in q.units:
                rest = rest.replace(unit, " ")
            q = replace(q, units=(), intents=analyse(rest).intents)
        if not wants_outline(q):
            return None
        listed = outline(q, self.retriever.whole_document(doc, chunks), self.text_of(doc))
        return Draft(listed[0], listed[1], listed[2], []) if listed else None

    def _compose(self, q: str, draft: Draft) -> AskResponse:
        if not draft.statements or not self._answerable(q, draft):
            return self._refusal(draft.units)
        checked = verify(draft.statements, draft.citations, self.text_of)
        if not checked.statements:
            return self._refusal(draft.units)
        return AskResponse(answer=compose_text(checked.statements, checked.citations), answerable=True,
                           citations=checked.citations)

    def _answerable(self, q: str, draft: Draft) -> bool:
        if draft.best_coverage < self.cfg.refusal_threshold and not self._grounds_asked(q, draft):
            return False
        # "phủ sóng 6G": a passage about 5G does not answer, though a passage after it names 6G
        leading = draft.statements[0].citations
        quoted = " ".join(c.quote for c in draft.citations if c.n in leading).lower()
        if not all(re.search(rf"(?<!\w){re.escape(code)}(?!\w)", quoted) for code in codes_in(q)):
            return False
        docs = list(dict.fromkeys(c.doc_id for c in draft.citations))
        if (short := expansion_asked(q)) and not any(spells_out(short, self.text_of(d)) for d in docs):
            return False  # "LCS là viết tắt của cụm từ gì?": a plan using "LCS" alone does not say
        cited = " ".join(f"{c.section} {c.quote}" for c in draft.citations if c.n in leading)
        if not self._places_said(q, docs, cited) or not _field_said(q, draft.lead, cited):
            return False
        said = f"{cited} {draft.lead.section} {draft.lead.text} {_task_text(draft.lead)} {draft.lead.table_heads}" \
            if draft.lead else cited
        if _TWO_OF_A_KIND.search(fold_accents(q).lower()):  # "học sinh tiểu học và học sinh THCS": a statement each
            said = " ".join([said, *(c.quote for c in draft.citations)])
        if not self._figure_said(q, docs, said) or draft.lead is not None and not _row_named(q, draft.lead):
            return False
        # the plans that answer must say the question's proper names and what it is about
        return self._names_said(self._critical(q), docs) and self._topic_said(q, docs, draft.best_coverage) and \
            (draft.of_cited or self._holds_numbers(q, docs))

    def _grounds_asked(self, q: str, draft: Draft) -> bool:
        """"Kế hoạch số 52-KH/HU … để thực hiện chỉ thị nào?", "… ban hành theo công văn đề nghị số mấy?": the grounds
        the plan named states answer, though they share few words with a question naming that plan by its number,
        title or issuer."""
        parsed = analyse(q)
        if not parsed.wants("basis", "proposal") or not draft.citations:
            return False
        lead = draft.citations[0]
        # the passage the answer leads with, whose quote may open inside it ("…chống ma túy đến năm 2030 (Nghị quyết …")
        said = draft.lead.text if draft.lead is not None and draft.lead.doc_id == lead.doc_id else lead.quote
        return states_grounds(said.lstrip("…")) and plan_named(parsed, self.plan_names()) == lead.doc_id

    def _places_said(self, q: str, docs: list[str], cited: str) -> bool:
        """"Xã Hòa Khê được cấp bao nhiêu lít hóa chất?": a figure asked of a place is given by a passage naming
        that place, not by the plan's figure for all its communes; the place the plan itself is of need not be
        repeated: its title, issuer or header ("ĐẢNG BỘ XÃ …") says it. Plans compared are named by their places
        ("… của Sở Y tế Vân Khê và … của xã Hoà Phước Tây"): each passage is of its own plan's place."""
        plain = not has_diacritics(q)
        places = places_asked(q) or (self._plain_places(q) if plain else [])
        if places:  # "… thực hiện theo kế hoạch số mấy của UBND tỉnh Tân Phong?": that plan's place, not this one's
            folded = fold_question(q)
            places = [p for p in places if fold_question(p) in folded[:cited_from(folded)]]
        if not places or not expectation(q).asks_value or \
                analyse(q).wants("compare") and len(docs) > 1:
            return True
        own = " ".join(self._own(d) for d in docs)
        evidence = fold_tones(cited.lower())
        if plain:  # "TP Ho Chi Minh": a name typed without marks, in capitals or not
            return all(f" {key} " in f" {fold_accents(own)} " or f" {key} " in f" {fold_accents(evidence)} "
                       for key in (fold_accents(place).lower() for place in places))
        return all(fold_tones(place.lower()) in own or _name_in(place.lower(), evidence, fold_accents(evidence))
                   for place in places)

    def _own(self, doc: str) -> str:
        """What names a plan's own place: its issuer, title and header (lower case, tone placement folded)."""
        meta = self.plan_names().get(doc, {})
        text = self.text_of(doc)
        return fold_tones(f"{plan_owner(meta)} {meta.get('title', '')} {text[:_header_end(text)]}".lower())

    def _places_of(self, q: str) -> list[str]:
        """The places a question typed without marks names (folded), which some plan's title or issuer names."""
        return [] if has_diacritics(q) else [fold_accents(p).lower() for p in self._plain_places(q)]

    def _plain_places(self, q: str) -> list[str]:
        """"… của phuong bach dang …" typed without marks or capitals: the two syllables after a level word, when a
        plan's title or issuer names that place (they may be no name at all: "của xã la bao nhiêu")."""
        known = {fold_accents(place).lower() for n in self.plan_names().values()
                 for place in plan_places(n.get("title", ""), plan_owner(n))}
        return [m.group(2) for m in _PLAIN_PLACE.finditer(fold_accents(q.lower())) if m.group(2) in known]

    def _figure_said(self, q: str, docs: list[str], lead: str) -> bool:
        """"… bao nhiêu phần trăm đảng viên nộp đảng phí trực tuyến?": a figure is of what its passage says; a
        passage giving the share of party members using an app says nothing of paying dues online, though the plan
        says that elsewhere. Of the words saying what the figure is of (beside those naming the plan), the passage
        must say all but one, and more than it leaves out. A deadline is of the task its passage says, likewise: a
        task row dated "06/2025" dates no other task of the annex."""
        parts = question_parts(q)
        if len(parts) > 1:  # several things asked: the passage led with answers the first, which names the task
            if len(parts[0].split()) < _SELF_CONTAINED:
                return True
            q = parts[0]
        exp = expectation(q)
        parsed = analyse(q)
        # who approves a thing is said where that thing is: "Quy chế … do ai phê duyệt?"
        figure = exp.asks_value and (parsed.wants("target", "funding") or bool(exp.act)) and not parsed.wants("deadline")
        dated = parsed.wants("deadline") and not parsed.wants("target", "funding", "list")
        placed = asks_where(q)  # "đợt tập huấn … tổ chức ở đâu?": a place is of the event its passage says
        if not has_diacritics(q) or not (figure or dated or placed) or parsed.wants("compare", "reporting", "metadata"):
            return True  # a report or a comparison: each passage is of its own plan or report
        names = self.plan_names()
        own = fold_tones(" ".join(f"{plan_owner(names.get(d, {}))} {names.get(d, {}).get('title', '')}"
                                  for d in docs).lower())
        typed = fold_tones(expand_abbreviations(q))  # "Sở KH&CN" names a unit: "khoa học" is no topic of the figure
        words = [w for w in dict.fromkeys([*topic_words(q), *qualifying_words(q)]) if not _says(w, own)
                 and not _capitalised(w, typed) and not frames_figure(w)]  # names are checked as names
        if docs and set(docs) <= set(numbered_plans(parsed, {d: names.get(d, {}) for d in docs})):
            # "kế hoạch triển khai CSDL quốc gia về quy hoạch của TP.HCM (QĐ 2820)": a plan named by its number is
            # described by the words around it, in the asker's own terms, not by what the figure is of
            words = _besides(words, naming_phrase(q))
        evidence = fold_tones(lead.lower())
        unsaid = [w for w in words if not _says(w, evidence)]
        if unsaid:
            toneless = without_tone_marks(evidence)
            unsaid = [w for w in unsaid if not _said_other_tones(w, toneless)]
        if dated and not figure:  # a date: the asker may frame it in one word of their own ("… tài liệu lưu trữ lịch sử")
            # and name the task by its actions: "rà soát, đề nghị … trang bị máy tính … cho cán bộ" is the task "rà
            # soát, đề nghị … trang bị các thiết bị đầu cuối" when the passage does each of those things and says
            # some of what the task is of (verbs any task has, "xây dựng", "triển khai", tell none from another)
            acts = [a for a in dict.fromkeys(fold_tones(v) for v in verbs(q))
                    if not _says(a, own) and not frames_figure(a) and a not in _ANY_TASK_VERBS]
            done = len(acts) if len(acts) >= _TASK_ACTS and all(_says(a, evidence) for a in acts) and \
                len(unsaid) < len(words) else 0
            return (len(unsaid) <= 1 or 2 * len(unsaid) < len(words) + done) and self._doer_said(parsed, docs, lead)
        if not figure:  # a place: most of what the event is called ("kỹ năng số" of "tập huấn kỹ năng số") is said
            return not unsaid or 2 * len(unsaid) < len(words)
        return len(unsaid) <= _FIGURE_UNSAID and 2 * len(unsaid) < len(words) or not unsaid

    def _doer_said(self, parsed: Question, docs: list[str], lead: str) -> bool:
        """"UBND các tỉnh phải ban hành kế hoạch chi tiết trước ngày nào?": a deadline is of the unit asked about
        when the task dated names a unit of its kind (as lead, co-unit or the section's unit): a task of Bộ Công an
        and others, naming no provincial committee, dates nothing of theirs. Each unit asked is known by its head
        and the word after it ("ủy ban nhân dân" + "phường"), so a list written in another order, or the plan's own
        "Văn phòng" for "Văn phòng Ban tổ chức", still names it; a unit naming the plan need not be named."""
        names = self.plan_names().get(docs[0], {}) if docs else {}
        plan = f" {unit_search_key(names.get('title', '') + ' ' + plan_owner(names))} "
        issuer = unit_search_key(names.get("issuer", "")).split()[:1]
        said = f" {unit_search_key(lead)} "
        made = set_up(parsed)
        kinds = [kind.rsplit(" ", 1) for key in asked_units(parsed, names) if key not in made
                 if (kind := unit_kind(key)) and f" {kind} " not in plan]
        # "Văn phòng Ban …" of a plan issued by a Ban: the plan's own Văn phòng, which it names by its head alone
        return not kinds or any(f" {head} " in said and ([word] == issuer or f" {word} " in said)
                                for head, word in kinds)

    def _holds_numbers(self, q: str, docs: list[str]) -> bool:
        """"Kế hoạch số 35/KH-UBND của huyện … giao phòng nào …?": a plan naming that number only among the texts it
        is based on ("Căn cứ Kế hoạch số 35/KH-UBND …") is not that plan, and does not answer for it."""
        for key in asked_numbers(q):
            said = [self._numbers_of(d)[key] for d in docs if key in self._numbers_of(d)]
            if said and all(said):
                return False
        return True

    def _numbers_of(self, doc_id: str) -> dict[str, bool]:
        """Each document number a plan names -> whether it names it only in lines stating its grounds (read once)."""
        if doc_id not in self._cited_only:
            if len(self._cited_only) > 256:
                self._cited_only.clear()
            numbers: dict[str, bool] = {}
            for line in self.text_of(doc_id).split("\n"):
                for n in doc_numbers(line):
                    key = number_key(n)
                    numbers[key] = numbers.get(key, True) and states_grounds(line)
            self._cited_only[doc_id] = numbers
        return self._cited_only[doc_id]

    def _topic_said(self, q: str, docs: list[str], coverage: float = 0.0) -> bool:
        """"chỉ tiêu xuất khẩu sầu riêng": a plan that never says "sầu riêng" does not answer, though its coffee
        targets match every other word of the question."""
        q = _LABEL.sub(" ", q)  # "[HỌ TÊN]" is a redaction label, not words the question typed
        texts = [self._folded_text(d) for d in docs]
        accented = has_diacritics(q)
        words = topic_words(q)
        def said(w: str) -> bool:
            return any(_says(w, evidence) if accented else _says(w, folded, whole=True) or _near(w, folded)
                       for evidence, folded in texts) or accented and any(
                _said_other_tones(w, self._toneless_text(d)) for d in docs)

        # of an either-or question, a plan saying one alternative answers it (an alternative of nouns only, "thẻ RFID
        # hay camera", is left to the topic words)
        alternatives = whether_asked(q)
        whether = [] if len(alternatives) > 1 and any(all(map(said, a)) for a in alternatives) else \
            [w for a in alternatives for w in a]
        qualifying = [w for w in dict.fromkeys([*qualifying_words(q), *whether]) if w not in words]
        unsaid = [w for w in self._unnamed(q, words, docs) + qualifying if not said(w)]
        for before, gloss in _GLOSSED.findall(q) if accented else ():  # "thiết bị bay không người lái (drone,
            inside = [w for w in words if w in gloss]  # flycam)": a thing named twice, the plan says it neither way
            ends = [" ".join(fold_tones(before.lower()).split()[-n:]) for n in _GLOSS_LEAD]
            if inside and all(w in unsaid for w in inside) and \
                    not any(_says(e, t, whole=True) for e in ends for t, _ in texts):
                return False
        # typed without diacritics, a question's words are guessed from its syllables ("để tăng" read as one word):
        # of three or more, one may be a guess the plan does not say
        # with diacritics, of four or more, one may be the asker's own word for what the plan names otherwise ("học
        # viên" for "người học"), of six or more two ("biện pháp chống tấn công mạng" for "giải pháp bảo đảm an ninh
        # mạng"), when the passage found says most of the question — never a kind of document ("thông tư hướng dẫn":
        # a plan that names none does not say when one is due), nor a post ("Ai là tổ trưởng …": a plan naming no
        # "tổ trưởng" names none)
        if not unsaid:
            return True
        if not accented:
            return len(unsaid) == 1 and len(words) >= _GUESSED_WORDS
        allowed = sum(len(words) >= n for n in _PARAPHRASED_WORDS)
        return len(unsaid) <= allowed and coverage >= _SAYS_MOST and not any(
            fold_accents(w).lower() in _KIND_NAMES or _POST.search(w) for w in unsaid)

    def _unnamed(self, q: str, words: list[str], docs: list[str]) -> list[str]:
        """The topic words besides those naming the one plan that answers, when its title says most of how the
        question names it ("Kế hoạch thu gom, phân loại rác thải sinh hoạt năm 2025-2026 của UBND huyện Đông Sa …"
        of "Kế hoạch thu gom, … xử lý chất thải rắn sinh hoạt trên địa bàn huyện Đông Sa năm 2025 - 2026"): the
        asker's word for its topic ("rác thải") named it, it is not asked about."""
        naming = naming_phrase(q, commas=True)
        if len(docs) != 1 or not naming:
            return words
        plan = self.plan_names().get(docs[0], {})
        title = set(folded_syllables(expand_abbreviations(f"{plan.get('title', '')} {plan_owner(plan)}")))
        terms = [t for t in content_terms(naming) if not t.isdigit()]
        if not terms or 3 * sum(t in title for t in terms) < 2 * len(terms):
            return words
        return _besides(words, naming)

    def _names_said(self, names: list[str], docs: Iterable[str]) -> bool:
        if not names:
            return True
        texts = [self._folded_text(d) for d in docs]
        evidence, folded = " ".join(t for t, _ in texts), " ".join(f for _, f in texts)
        return all(_named_in(fold_tones(n), evidence, folded) if has_diacritics(n) else _named_in(n, folded)
                   for n in map(lunar_new_year_short, names))

    def _naming(self, q: str, chunks: list[ScoredChunk]) -> list[ScoredChunk]:
        """"… của Tỉnh ủy Thanh Hoá, kế hoạch của xã …": only a plan that says the question's proper names can
        answer (`_answerable`), so when some plans found say them, the others' passages are not weighed."""
        names = self._critical(q)
        found = {str(c.payload.get("doc_id", "")) for c in chunks}
        if names:
            saying = {d for d in found if self._names_said(names, [d])}
        elif places := self._places_of(q):  # "phuong bach dang (hai phong) …": typed without marks or capitals
            saying = {d for d in found if all(f" {p} " in f" {fold_accents(self._own(d))} " for p in places)}
        else:
            return chunks
        return [c for c in chunks if c.payload.get("doc_id") in saying] if saying else chunks

    def _critical(self, q: str) -> list[str]:
        """The question's proper names, and the name opening it ("Cần Thơ giao sở nào …", whose first word is
        capitalised anyway) when a plan's issuer or title says that name."""
        names = critical_terms(q)
        opening = opening_name(q)
        if opening and opening not in names and any(
                opening in fold_tones(f"{plan_owner(n)} {n.get('title', '')}".lower())
                for n in self.plan_names().values()):
            names.append(opening)
        return names

    def _folded_text(self, doc_id: str) -> tuple[str, str]:
        """A plan's text in lower case with tone placement folded, and without accents, followed by its copy with
        abbreviations written out ("trình BTV Huyện ủy", "T/M BAN THƯỜNG VỤ" say "Ban Thường vụ", "thay mặt", as a
        question may write them): folded once, not per ask."""
        if doc_id not in self._texts:
            if len(self._texts) > 256:
                self._texts.clear()
            text = self.text_of(doc_id)
            spelled = lunar_new_year_short(spell_authority(expand_abbreviations(text)))
            evidence = fold_tones((text if spelled == text else f"{text}\n{spelled}").lower())
            self._texts[doc_id] = (evidence, fold_accents(evidence))
        return self._texts[doc_id]

    def _toneless_text(self, doc_id: str) -> str:
        """A plan's folded text without tone marks (`without_tone_marks`), made when first needed."""
        if doc_id not in self._toneless:
            if len(self._toneless) > 64:
                self._toneless.clear()
            self._toneless[doc_id] = without_tone_marks(self._folded_text(doc_id)[0])
        return self._toneless[doc_id]

    def _compared_documents(self, q: Question, scope: AccessScope | None, chunks: list[ScoredChunk],
                            names: dict[str, dict[str, str]]) -> dict[str, str]:
        """The plans a comparison names, each with the part of the question asked of it ("" for the whole).
        Each part ("kế hoạch A …, còn kế hoạch B …") names its own plan by title, issuer or number ("Nghị quyết
        57-NQ/TW" is that resolution, not a plan carrying it out), else the search finds it; without two parts,
        the plans whose titles or own numbers the question names."""
        docs: dict[str, str] = {}
        folded = fold_accents(q.text)
        joins = [m.span() for m in _PARTS.finditer(folded)] or [m.span(1) for m in _COMPARED_WITH.finditer(folded)] \
            or _parallel_join(folded)
        cuts = [0] + [x for span in joins for x in span] + [len(q.text)]
        parts = [q.text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
        accented = has_diacritics(q.text)
        parts = [p for p in parts if len(p.split()) >= _MIN_PART_WORDS] if len(parts) >= 2 else []
        # each part is asked on its own when each asks ("A giao bộ nào …, còn B giao sở nào …?"); a question word
        # ending the last part only ("A và B khác nhau thế nào?", "So sánh X của A với B") is shared
        named: list[tuple[str, str | None]] = []
        # "… kế hoạch A và kế hoạch B của tỉnh Trà Giang": a place named by one part only frames the others too,
        # unless a part names a place of its own ("chương trình của xã …") or is then read as another part's plan
        framing = [p for part in parts for p in places_named(part)]
        resolved = [plan_named(analyse(part), names) for part in parts]
        own = set(resolved) - {None}
        for part, doc in zip(parts, resolved, strict=True):
            if doc is None and framing and not places_named(part) and not _PLACE_LEVEL_WORD.search(fold_accents(part)):
                framed = plan_named(analyse(f"{part} của {' và '.join(dict.fromkeys(framing))}"), names)
                doc = framed if framed not in own else None
            if doc is not None and not self._readable(part, scope, doc):
                doc = None  # named, but outside the caller's scope
            if doc is None:
                found = self.retriever.retrieve(part, scope, _PART_DEPTH)
                doc = str(found[0].payload.get("doc_id")) if found else None
            named.append((part, doc))
        each = all(asks(p, accented) and not _REFERS_BACK.search(fold_accents(p))
                   and _restates(p, names.get(d or "", {}).get("title", "")) for p, d in named)
        for part, doc in named:
            if doc is not None and doc not in docs:
                docs[doc] = part if each else ""
        if len(docs) >= 2:
            return docs
        numbered = [d for d in numbered_plans(q, names) if any(c.payload.get("doc_id") == d for c in chunks)
                    or self._readable(q.text, scope, d)]
        return dict.fromkeys(numbered + named_documents(q, chunks), "")

    def _readable(self, text: str, scope: AccessScope | None, doc_id: str) -> bool:
        """The caller may read the plan named from the whole index (`plan_names` knows no scopes)."""
        return bool(self.retriever.retrieve(text, _within(scope, doc_id), 1))

    def _compared_draft(self, q: str, parsed: Question, part: str, rest: str, asked_only: str, scope: AccessScope,
                        k: int, like: re.Pattern[str] | None = None) -> Draft:
        """One compared plan's answer to the question without the other plans' names (`rest`), or to its own part
        of the question when that reads better ("…, còn kế hoạch B đặt bao nhiêu phần trăm GRDP?" restates what is
        asked; "…, còn kế hoạch B thì sao?" does not). A passage holding the kind of fact asked (its figure, its
        date) leads when the plan has one."""
        drafts = []
        searched: dict[str, list[ScoredChunk]] = {}  # each text searched once

        def search(text: str) -> list[ScoredChunk]:
            if text not in searched:
                searched[text] = self.retriever.retrieve(text, scope, k)
            return searched[text]

        # the years and numbers naming the other plans ("Kế hoạch ATGT 2027 … và Kế hoạch … 2026 - 2030") are not
        # asked of this one
        own = replace(parsed, text=rest, expect=expectation(rest))
        if like is not None and own.expect.pattern is None:  # the figure of the kind another plan answered with
            alike = replace(own, expect=replace(own.expect, pattern=like))
            given = self.answerer.draft(alike, self._with_document_parts(_distinct(search(rest) + search(q)), alike),
                                        giving=True)
            if given.statements and given.best_coverage >= self.cfg.refusal_threshold:
                return given
        for asked, text in ((own, q), *([(analyse(part), part)] if part else [])):
            found = search(text)
            if text == q and asked_only != q:  # "… mỗi văn bản sơ kết vào thời điểm nào?"
                found = _distinct(found + search(asked_only))
            chunks = self._with_document_parts(found, asked)
            giving = self.answerer.draft(asked, chunks, giving=True)
            ok = giving.statements and giving.best_coverage >= self.cfg.refusal_threshold
            drafts.append(giving if ok else self.answerer.draft(asked, chunks))
        return max(drafts, key=lambda d: (bool(d.statements), d.best_coverage))

    def _named_plan_read(self, q: str, parsed: Question, scope: AccessScope | None, chunks: list[ScoredChunk],
                         k: int, names: dict[str, dict[str, str]]) -> list[ScoredChunk]:
        """A question that names one plan ("kế hoạch dân số Cần Thơ …") whose passages the search did not find:
        that plan's best passages (under the caller's scope) join the evidence. When it found some, the words
        naming the plan may have found only its header ("Kế hoạch … Tết … được triển khai trong khoảng thời gian
        nào?"): what is asked, without them, finds the plan's passage that answers."""
        if parsed.wants("compare"):
            return chunks
        plan = plan_named(parsed, names)
        if plan is None:
            return chunks
        if not any(c.payload.get("doc_id") == plan for c in chunks):
            return self.retriever.retrieve(q, _within(scope, plan), k) + chunks
        asked = _asked_of(q, "", [plan], names)
        if len(content_terms(asked)) >= len(content_terms(q)):
            return chunks
        seen = {c.id for c in chunks}
        return chunks + [c for c in self.retriever.retrieve(asked, _within(scope, plan), k) if c.id not in seen]

    def _whole_duties(self, plan: str | None, scope: AccessScope | None, chunks: list[ScoredChunk]
                      ) -> list[ScoredChunk]:
        """"Sở Y tế phải làm gì?": a unit's duties are spread over the plan; read more of the plan the question
        names, else of the best document found."""
        seen = {c.id for c in chunks}
        found = {c.payload.get("doc_id") for c in chunks}
        doc = plan if plan is not None and plan in found else str(chunks[0].payload.get("doc_id", ""))
        more = self.retriever.whole_document(doc, chunks)
        return chunks + [c for c in more if c.id not in seen]

    def _with_document_parts(self, chunks: list[ScoredChunk], q: Question, named: str | None = None
                             ) -> list[ScoredChunk]:
        """'Ai ký …?', 'số hiệu …?', 'ban hành ngày nào?': the signature block or the header of the documents
        found is evidence too, though no passage search finds them; those of the plan the question names first
        ("KH 165/KH-UBND do ai ký?": other plans' signature blocks match "ký" better than its own)."""
        if not q.wants("signer", "metadata", "basis", "proposal"):
            return chunks
        extra = []
        best: dict[str, ScoredChunk] = {}
        for c in sorted(chunks, key=lambda c: c.payload.get("doc_id") != named):  # the plan named, then rank order
            best.setdefault(str(c.payload.get("doc_id")), c)
        for doc_id, first in list(best.items())[:2]:
            text = self.text_of(doc_id)
            spans = []
            if q.wants("signer"):
                sig = signature_span(text)
                if sig:
                    spans.append((sig, "Chữ ký", "text"))
            if q.wants("number", "date", "issuer"):
                spans.append(((0, _header_end(text)), "", "header"))
            # "Thực hiện Nghị quyết số …", "Căn cứ …", "Theo đề nghị của …": the grounds before the plan's parts, which
            # also date the documents cited ("Quyết định 185-QĐ/TW … ban hành ngày nào?")
            if q.wants("basis", "proposal") or q.wants("date") and document_asked(q.text):
                spans += [(span, "", "text") for span in _preamble(text)]
            for (start, end), section, kind in spans:
                payload = {**first.payload, "start": start, "end": end, "section": section, "kind": kind,
                           "text": text[start:end], "tasks": []}
                extra.append(ScoredChunk(f"{doc_id}:{kind}:{start}", first.score, payload))
        return extra + chunks

    def _refusal(self, units: list[Unit]) -> AskResponse:
        related: list[Citation] = []
        seen: set[str] = set()
        for u in units:
            if u.chunk.id in seen or len(related) >= 3:
                continue
            seen.add(u.chunk.id)
            related.append(u.cite(len(related) + 1, clip_quote(u.text)))
        return AskResponse(answer=NOT_FOUND, answerable=False, citations=[], related=related)


# "NQ 57", "Kế hoạch 144": a kind (its code or its name) and a number
_BY_NUMBER = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted({*KIND_CODES, *KIND_CODES.values()},
                                                                               key=len, reverse=True))
                        + r")\s+(?:số\s+)?\d+(?![\w/-])", re.IGNORECASE)


def _parallel_join(folded: str) -> list[tuple[int, int]]:
    """"So sánh kinh phí: ngân sách tỉnh A … và ngân sách huyện B …": a "và" followed by the words the first part
    opened with joins two parts said alike."""
    for m in re.finditer(r"\s+va\s+(\w+ \w+)\b", folded, re.IGNORECASE):
        if re.search(rf"(?:^|[:,]\s*|so sanh\s+(?:\w+\s+){{0,3}}?){re.escape(m.group(1))}\b", folded[:m.start()],
                     re.IGNORECASE):
            return [(m.start(), m.start(1))]
    return []


def _distinct(chunks: list[ScoredChunk]) -> list[ScoredChunk]:
    """Each chunk once, where it first comes."""
    first: dict[str, ScoredChunk] = {}
    for c in chunks:
        first.setdefault(c.id, c)
    return list(first.values())


def _besides(words: list[str], naming: str) -> list[str]:
    """The words besides those of the phrase naming the plan (folded)."""
    return [w for w in words if not has_phrase(naming, fold_question(w))]


def _adds(d: Draft, said: set[tuple[str, int, int]]) -> bool:
    """The draft's lead statement cites a passage the answer does not cite yet."""
    if not d.statements:
        return False
    by_n = {c.n: c for c in d.citations}
    return any((by_n[n].doc_id, by_n[n].start, by_n[n].end) not in said for n in d.statements[0].citations)


def _repeats(d: Draft, answer: list[Draft], part: str) -> bool:
    """The part's lead quotes passages the answer quotes already (the same task, clipped elsewhere), and what it
    quotes beyond them holds no word the part asks about."""
    cited = [c for a in answer for c in a.citations]
    by_n = {c.n: c for c in d.citations}
    beyond = []
    for n in d.statements[0].citations:
        c = by_n[n]
        spans = [(o.start, o.end) for o in cited if o.doc_id == c.doc_id and o.start < c.end and c.start < o.end]
        if not spans:
            return False
        beyond.append("".join(ch for i, ch in enumerate(c.quote, c.start) if not any(a <= i < b for a, b in spans)))
    return not set(content_terms(part)) & set(content_terms(" ".join(beyond)))


# a short part asking for one field of a task ("ai phối hợp", "sản phẩm là gì"): the lead must say that field
_FIELD_ASKED = {"co": r"\bphoi hop\b", "product": r"\b(?:san pham|ket qua)\b", "funding": r"\bkinh phi\b"}


_FIELD_WORDS = {"co": re.compile(r"\bphoi hop\b|\bcung voi\b"), "product": re.compile(r"\bsan pham\b|\bdau ra\b")}


def _field_said(q: str, lead: Unit | None, cited: str) -> bool:
    """"… có những cơ quan nào phối hợp với Bộ Công an?", "… kết quả đầu ra là văn bản gì?": one field of a task
    asked alone is given by the passage led with — its task's field or its words ("phối hợp với …", "Sản phẩm: …");
    a task naming only who leads it has no co-units to give, a row with an empty product cell no product. Of several
    things asked, the passage led with answers the first."""
    parts = question_parts(q)
    role = field_asked(parts[0] if len(parts) > 1 else q)
    if not role or lead is None:
        return True
    return role in lead.fields or bool(_FIELD_WORDS[role].search(fold_question(f"{cited} {lead.text}")))


def _row_named(q: str, row: Unit) -> bool:
    """A row of a table listing things by name (products, places, groups) answers a figure of the thing the question
    names: a cell of its words says a word of the question. "Xi măng và clanke" gives no figure of "mận, mơ", though
    its columns are the years and tonnes asked. A row holding a task's or an indicator's long words is read by them.
    Asked which row ranks first ("Tổ dân phố nào … nhiều … nhất"), the question cannot name it."""
    if not row.is_row or not row.cells or not expectation(q).asks_value or asks_extreme(analyse(q)):
        return True
    named = [v for v in row.cells.values() if re.search(r"[^\W\d_]", v) and not _ROW_NUMBER.fullmatch(v.strip())]
    if not named or any(len(v.split()) > _NAME_WORDS for v in named):
        return True
    asked = set(content_terms(q))
    return any(set(content_terms(v)) & asked for v in named)


_ROW_NUMBER = re.compile(r"[\dIVXivx]+[.)]?")
_NAME_WORDS = 6  # a label this long is a task's or an indicator's words, not a thing's name


def _same_section(a: Draft, b: Draft) -> bool:
    return a.lead is not None and b.lead is not None and a.lead.doc_id == b.lead.doc_id and \
        bool(a.lead.section) and a.lead.section == b.lead.section


def _task_text(unit: Unit) -> str:
    """Every field of the task a passage belongs to ("Sản phẩm: báo cáo rà soát kèm bản đồ …" beside its deadline)."""
    return " ".join(str(f.get("text", "")) for f in unit.fields.values())


def _dates_nothing(q: str, draft: Draft) -> bool:
    """The passage found for a date asked says no time at all (a span asked, "trong vòng bao lâu", is no date)."""
    lead = draft.lead
    return lead is not None and expectation(q).pattern is None and \
        not time_mentions(f"{lead.section} {lead.text} {_task_text(lead)}") and not recurs(lead.text)


def _said_already(draft: Draft, asked: Question, part: str, before: list[str]) -> bool:
    """The answer's lead gives what a short part asks ("…, hạn khi nào?" of a task with its deadline): the kind of
    fact, and the field named ("ai phối hợp": its co-units, not only who leads); of what the part names that the
    parts `before` it do not ("… trước ngày nào và xuất cảnh vào tháng mấy?": another step), it says something."""
    if draft.lead is None or not draft.statements or not gives_kind_asked(draft.lead, asked):
        return False
    said = draft.statements[0].text.lower()
    if _names_unsaid(part, draft):
        return False
    if _own_unsaid(part, before, draft):
        return False
    return all(role_label(role) in said for role, cue in _FIELD_ASKED.items() if re.search(cue, fold_question(part)))


def _own_unsaid(part: str, before: list[str], draft: Draft) -> bool:
    """Of the words the part says and the parts `before` it do not ("… và xuất cảnh vào tháng mấy?"), the draft's
    lead statement says none."""
    return bool(_own_terms(part, before)) and not _says_own(draft.statements[0], part, before)


def _names_unsaid(part: str, draft: Draft) -> bool:
    """The part names a thing ("…, và lập thêm hội đồng nào?") the draft's lead statement does not say."""
    named = [n for n in nouns(part) if has_diacritics(n)]
    said = fold_tones(draft.statements[0].text.lower()) if draft.statements else ""
    return bool(named) and not any(_says(fold_tones(n), said) for n in named)


def _says_own(statement: Statement, part: str, others: list[str]) -> bool:
    """The statement says a word only this part of the question asks ("… và tỷ lệ có thẻ bảo hiểm y tế …": "thẻ")."""
    return bool(_own_terms(part, others) & set(content_terms(expand_abbreviations(statement.text))))


def _own_terms(part: str, others: list[str]) -> set[str]:
    """The words the part asks with that the `others` do not."""
    return set(content_terms(part)) - {t for other in others for t in content_terms(other)}


def _restates(part: str, title: str = "") -> bool:
    """A part says what it asks about, besides the words naming its plan ("…, còn Bắc Ninh trong KH 144 đặt bao
    nhiêu?" and "…, còn Kế hoạch chuyển đổi số … của phường Bạch Đằng đặt mức bao nhiêu?" say nothing of it: the
    rest of the question does; "… đặt chỉ tiêu kiên cố hóa thêm bao nhiêu km kênh mương" does). Words of the title
    of the plan it names name it, past a comma of the title too ("kinh tế số, xã hội số")."""
    typed = fold_tones(part)
    # "ke hoach chuyen doi so … phuong bach dang", up to what is said of it
    named = naming_phrase(part).split() + fold_accents(fold_tones(title)).lower().split()
    topics = topic_words(part)  # none: "Kế hoạch 144 giao sở nào?" asks its own "sở nào"
    # "Bắc Ninh" is a name, not what is asked; "đón bao nhiêu lượt khách" says what is, though no topic word
    words = [w for w in topics if not set(fold_accents(w).lower().split()) <= set(named)]
    own = " ".join(w for w in re.findall(r"\w+", part) if fold_accents(w).lower() not in named)
    return not topics or any(w.title() not in typed for w in words) or has_diacritics(part) and says_what(own)


def _asked_of(question: str, doc: str, docs: list[str], names: dict[str, dict[str, str]], text: str = "") -> str:
    """What a comparison asks of one of its plans: the question without the words that name only the others
    ("… Đồng Nai và … Cần Thơ do ai ký?" asks the Cần Thơ plan "… Cần Thơ do ai ký?"); of no plan (`doc` ""),
    without the words naming any. Words of another plan's title (not its issuer) that this plan's `text` says too,
    outside the phrase naming a plan ("Mục tiêu kinh tế số … của Bắc Ninh" beside "Kế hoạch phát triển kinh tế số …
    Bắc Ninh", asked of Nghị quyết 57 as well), are what is asked of both."""
    def words(d: str) -> set[str]:
        p = names.get(d, {})
        return set(folded_syllables(f"{p.get('title', '')} {plan_owner(p)}"))

    own = words(doc)
    others = set().union(*(words(d) for d in docs if d != doc)) - own
    # an other plan's name is a run of its words ("cơ quan đảng phường Bạch Đằng"): one word of it alone ("đảng"
    # of "đảng viên") may be what is asked
    named = [" ".join(folded_syllables(f"{names.get(d, {}).get('title', '')} {plan_owner(names.get(d, {}))}"))
             for d in docs if d != doc]
    question = _BY_NUMBER.sub(" ", DOC_NUMBER.sub(" ", question))  # "NQ 57", "KH 144/KH-UBND": plans named, found
    tokens = question.split()
    keys = [" ".join(folded_syllables(expand_abbreviations(t))) for t in tokens]  # "NN&MT": "nông nghiệp và môi trường"

    said = [i for i, k in enumerate(keys) if k]  # "2026 - 2030": the dash between is no word
    own_text = f" {' '.join(folded_syllables(text))} " if text else ""
    owners = [" ".join(folded_syllables(plan_owner(names.get(d, {})))) for d in docs if d != doc]  # "Chính phủ"
    naming = f" {naming_phrase(question)} "  # "trong kế hoạch … ngành Tổ chức xây dựng Đảng của xã": names a plan

    def names_other(i: int) -> bool:
        if not keys[i] or not set(keys[i].split()) & others:
            return False
        at = said.index(i)
        if keys[i].replace(" ", "").isdigit():  # a year, period ("2026-2030") or number only another plan's name
            # holds — not a time asked of this one too
            before = [keys[said[j]] for j in range(max(0, at - 2), at)]  # "đến 2030", "đến năm 2030", not "KH năm 2025"
            timed = bool(before) and (before[-1] in _TIME_WORDS or before[-1] == "nam" and before[:1] != before[-1:]
                                      and before[0] in _TIME_WORDS)
            return not (timed and f" {keys[i]} " in own_text)
        runs = [f"{keys[said[j]]} {keys[said[j + 1]]}" for j in (at - 1, at) if 0 <= j < len(said) - 1]
        return any(re.search(rf"(?<!\w){re.escape(r)}(?!\w)", n) for r in runs for n in named) and \
            not any(f" {r} " in own_text and f" {r} " not in naming and not any(f" {r} " in f" {o} " for o in owners)
                    for r in runs)

    # its own full name ("… với mục tiêu trong Kế hoạch phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn
    # 2026 - 2030") says which plan, not what is asked of it: a long run of its title's words is left out too
    # — after a word pointing at a plan ("trong", "của", "theo"…), not a plan to be made ("xây dựng kế hoạch thực
    # hiện Nghị quyết 57 và Chương trình hành động …")
    mine: set[int] = set()
    run: list[int] = []
    for at, i in enumerate([*said, -1] if doc else []):
        if i >= 0 and set(keys[i].split()) <= own and (run or keys[i].split()[0] in _KIND_HEADS and (
                at == 0 or keys[said[at - 1]] in _POINTING)):
            run.append(i)
            continue
        if len(run) >= _OWN_NAME_RUN:
            mine.update(range(run[0], run[-1] + 1))
        run = []
    if mine:  # a year its name holds ("giai đoạn 2026-2030") that another plan's name holds too names that one
        theirs = set().union(*(words(d) for d in docs if d != doc))
        mine.update(i for i in said if keys[i].isdigit() and keys[i] in own and keys[i] in theirs)
    kept = [t for i, t in enumerate(tokens) if not names_other(i) and i not in mine]
    return " ".join(kept) or question


_OWN_NAME_RUN = 6  # words of a plan's own title in a row that name it
_TIME_WORDS = frozenset(("den", "truoc", "toi", "sau"))  # "đến 2030", "đến năm 2030": a year a target is for
_KIND_HEADS = frozenset(("ke", "kh", "chuong", "nghi", "nq", "quyet", "qd", "de", "chi", "van"))  # "kế hoạch", "KH" …
_POINTING = frozenset(("trong", "cua", "theo", "voi", "tai"))


def _named_in(name: str, text: str, folded: str | None = None) -> bool:
    """The name is in the text, or it joins two names the text holds, each of two words or more: "Sở Công Thương
    Sơn La" is the Sở Công Thương of a plan of Sơn La. Typed with diacritics (`folded` is then `text` without
    accents), compared with them, one mark apart at most (see `_name_in`)."""

    def there(part: str) -> bool:
        return _name_in(part, text, folded) if folded is not None else part in text

    words = name.split()
    # "Đảng Lâm Đồng" ("ngành Tổ chức xây dựng Đảng Lâm Đồng"): a one-word head said, then the name of two words or more
    first = 1 if len(words) >= 3 and words[0] in _ONE_WORD_HEADS else 2
    return there(name) or any(there(" ".join(words[:i])) and there(" ".join(words[i:]))
                              for i in range(first, len(words) - 1))


_ONE_WORD_HEADS = {h.lower() for h in HEAD_WORDS if " " not in h} | {"đảng", "tỉnh", "thành", "huyện", "xã", "phường"}


def _capitalised(word: str, typed: str) -> bool:
    """The question writes the word as a name ("Tỉnh ủy Thanh Hoá"), or joined with one ("tỉnh Phú Lâm đặt", a
    place and the verb after it): a syllable of it capitalised."""
    found = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", typed, re.IGNORECASE)
    return bool(found and any(s[0].isupper() for s in found.group(0).split()))


# a thing the asker names, then glosses in brackets by foreign words in lower case ("(drone, flycam)"; "(Sở TT&TT)"
# is a short name, "(kể cả giếng khoan)", "(nước máy)" say what is counted)
_GLOSSED = re.compile(r"((?:[^\W\d]+\s+){2,}[^\W\d]+)\s*\(((?:[a-z]{2,}(?:-[a-z]+)?(?:,\s*|\s+(?:hay|hoặc)\s+)?)+)\)")
_GLOSS_LEAD = (3, 4)  # the thing's words said before its gloss, at least three ("không người lái", "trợ lý ảo")


def _says(word: str, text: str, whole: bool = False) -> bool:
    """The plan says the word, as whole words, wrapped over lines or not ("phòng, chống" is "phòng chống"). A noun
    the tagger made of three syllables or more may join a neighbour ("Đồng Tháp số", "mục tiêu tích"): two of its
    syllables in a row are enough, unless the `whole` word is asked (from pyvi's list, for a question typed without
    diacritics)."""
    syllables = word.split()
    pairs = [syllables] if whole or len(syllables) < 3 else \
        [list(p) for p in zip(syllables, syllables[1:], strict=False)]
    return any(re.search(r"(?<!\w)" + _joined(p) + r"(?!\w)", text) for p in pairs)


def _said_other_tones(word: str, toneless: str) -> bool:
    """A word of two syllables or more said with other tone marks (`toneless`: the text without them) is said: a
    scan's OCR misreads them ("kiếm tra" for "kiểm tra"); one syllable alone differs in meaning by them too often."""
    return " " in word and _says(without_tone_marks(word), toneless)


def _joined(syllables: list[str]) -> str:
    """The syllables in a row, apart by spaces or marks; "phòng dịch" is how users shorten "phòng, chống dịch", so
    the plan's "chống" may stand after "phòng". Among syllables typed with their marks, one typed bare may have
    lost them ("phân loai" for "phân loại")."""
    marked = any(map(has_diacritics, syllables))

    def typed(syllable: str) -> str:
        return marks_dropped(syllable) if marked and not has_diacritics(syllable) else re.escape(syllable)

    out = typed(syllables[0])
    for before, syllable in zip(syllables, syllables[1:], strict=False):
        gap = r"(?:[\s,\-–]+chống)?[\s,\-–]+" if before == "phòng" and syllable != "chống" else r"[\s,\-–]+"
        out += gap + typed(syllable)
    return out


def _near(word: str, text: str) -> bool:
    """Each syllable of the word said within a few words of the one before: typed without diacritics, the words
    of a question are guessed from syllables alone ("của xã hướng tới" read as "xạ hương"), and a plan saying "xã
    theo hướng" says what was typed."""
    gap = rf"(?:[\W_]+\w+){{0,{_NEAR_WORDS}}}?[\W_]+"
    return bool(re.search(r"(?<!\w)" + gap.join(map(re.escape, word.split())) + r"(?!\w)", text))


_NEAR_WORDS = 2
_FIGURE_UNSAID = 1
_TASK_ACTS = 2  # actions that name a task: one verb ("ban hành", "tổ chức") names many
_ANY_TASK_VERBS = frozenset(("xây dựng", "hướng dẫn", "ban hành", "theo dõi", "đôn đốc", "kiểm tra", "báo cáo",
                             "tham mưu", "phối hợp", "chủ trì", "tuyên truyền"))
_ELSEWHERE_MARGIN = 0.25  # how much better another plan must say a part naming no plan than the question's plan
# two things of one kind asked at once: the noun said again after "và" ("tỷ lệ hộ nghèo và tỷ lệ hộ cận nghèo")
_TWO_OF_A_KIND = re.compile(r"\b(\w+ \w+) (?:\w+ ){1,4}?va \1\b")
_POST = re.compile(r"(?<!\w)(?:trưởng|phó|giám đốc|chủ tịch|bí thư|chủ nhiệm|thủ tướng)(?!\w)")  # tone placement folded
_GUESSED_WORDS = 3
_PARAPHRASED_WORDS = (4, 6)  # of four topic words one may be the asker's own, of six two
_SAYS_MOST = 0.5


def _within(scope: AccessScope | None, doc_id: str) -> AccessScope:
    """The caller's scope narrowed to one document (never widened: a document outside it stays outside)."""
    allowed = [doc_id] if scope is None or scope.doc_ids is None or doc_id in scope.doc_ids else []
    return AccessScope(classifications=scope.classifications if scope else None,
                       units=scope.units if scope else None, doc_ids=allowed)


def _preamble(text: str) -> list[tuple[int, int]]:
    """Spans of the lines stating a plan's grounds ("Căn cứ …", "Thực hiện …") after its header and title."""
    start = _header_end(text)
    spans, pos = [], start
    for line in text[start:start + _PREAMBLE_CHARS].split("\n"):
        if numbering(line.strip()) is not None:
            break  # the plan's first part: "Thực hiện …" under it is a task, no ground
        if states_grounds(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans[:_PREAMBLE_LINES]


def _header_end(text: str) -> int:
    """Where a document's header ends: at its kind line ("KẾ HOẠCH"), though lines a forwarded e-mail adds come
    before it; else at the end of a line of the first few hundred characters, never inside a date line."""
    head = "\n".join(text.split("\n", _HEADER_LINES)[:_HEADER_LINES])
    kinds = [head.find("\n" + k) for k in KINDS if head.find("\n" + k) > 0]
    if kinds:
        return min(kinds)
    cut = text.rfind("\n", 0, _HEADER_CHARS)
    return cut if cut > 0 and len(text) > _HEADER_CHARS else min(len(text), _HEADER_CHARS)


def short_title(title: str, limit: int = 90) -> str:
    return title if len(title) <= limit else title[: title.rfind(" ", 0, limit)] + "…"


def compose_text(statements: list[Statement], citations: list[Citation]) -> str:
    """One document: lead + supporting quotes. Several documents: say which says what."""
    by_n = {c.n: c for c in citations}
    docs: dict[str, list[Statement]] = {}
    for s in statements:
        docs.setdefault(by_n[s.citations[0]].doc_id, []).append(s)
    if len(docs) == 1:
        lead, *rest = statements
        return "\n".join([lead.text] + [f"- {s.text}" for s in rest])
    lines = []
    for stmts in docs.values():
        first = by_n[stmts[0].citations[0]]
        lines.append(f"Theo {short_title(first.title or first.source)}:")
        lines += [f"- {s.text}" for s in stmts]
    return "\n".join(lines)
