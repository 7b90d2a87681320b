"""The parts a plan's named part is made of.

"Phần thứ hai của Chương trình gồm những nhóm nhiệm vụ, giải pháp chủ yếu nào?" names a heading of
the plan ("I. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU" under "Phần thứ hai"); what it is made of are the
headings right under it, in the plan's order, each cited where the plan writes it. Section paths
come from the stored chunks, so any heading convention the reader knows answers alike.
"""

from __future__ import annotations

from assistant.components.vector_store import ScoredChunk
from assistant.domain import Citation
from assistant.services.evidence import STOPWORDS, cite_span, content_terms, folded_syllables
from assistant.services.question import Question
from assistant.services.verify import Statement
from assistant.vocab.numbering import strip_marker

MIN_PARTS = 2
MAX_PARTS = 12
NAMED_SHARE = 0.8  # of a heading's own words the question must say to name it
_KIND_WORDS = frozenset(("ke", "hoach", "chuong", "trinh", "hanh", "dong", "quyet", "dinh", "nghi", "de", "an"))


def wants_outline(q: Question) -> bool:
    """A question asking which things a part is made of, and nothing of who, when or how much."""
    return q.wants("list") and not q.units and not q.wants("responsibility", "deadline", "target", "funding",
                                                             "reporting", "signer", "metadata", "compare")


def outline(q: Question, chunks: list[ScoredChunk], text: str) -> tuple[list[Statement], list[Citation], float] | None:
    """(statements, citations, coverage) listing the headings under the one heading the question names, of the
    document `chunks` are (every chunk of it) and `text` is; None when the question names no heading with parts."""
    asked = _not_naming_the_plan(q.text, str(chunks[0].payload.get("title", "")) if chunks else "")
    typed = f" {' '.join(folded_syllables(q.text))} "
    children: dict[tuple[str, ...], list[str]] = {}
    for c in sorted(chunks, key=lambda c: int(c.payload.get("start", 0))):
        path = [p for p in str(c.payload.get("section", "")).split(" > ") if p]
        for i in range(len(path) - 1):
            kids = children.setdefault(tuple(path[:i + 1]), [])
            if path[i + 1] not in kids:
                kids.append(path[i + 1])
    best: tuple[tuple[int, int], tuple[str, ...], tuple[str, ...]] | None = None
    for parent in list(children):
        own = _own_words(parent[-1])
        under = _through_lone(parent, children)
        if len(children[under]) < MIN_PARTS or not own or len(own & asked) < NAMED_SHARE * len(own) or \
                len(own) < _FEW_WORDS and not _written_in(parent[-1], typed):
            continue
        key = (sum(len(_own_words(p) & asked) for p in parent), len(parent))
        best = max(best, (key, parent, under)) if best else (key, parent, under)
    if best is None:
        return None
    _, parent, under = best
    naming = set(typed.split()) - asked  # the words naming the plan tell no part apart
    parts = [_own_words(kid) - _own_words(parent[-1]) - naming for kid in children[under]]
    if any(len(own) >= _FEW_WORDS and len(own & asked) >= NAMED_SHARE * len(own) for own in parts):
        return None  # "… giải pháp gì để giảm thiểu tác động tiêu cực …": one part is named, not the list of parts
    chunk = chunks[0]
    at, below = _find_path(text, parent), _find_path(text, under)
    if at is None or below is None:
        return None
    statements: list[Statement] = []
    citations = [cite_span(chunk, 1, parent[-1], at)]
    statements.append(Statement(f"{parent[-1]} gồm: [1]", [1]))
    pos = below + len(under[-1])
    for kid in children[under][:MAX_PARTS]:
        found = text.find(kid, pos)
        if found < 0:
            continue
        n = len(citations) + 1
        citations.append(cite_span(chunk, n, kid, found))
        statements.append(Statement(f"{strip_marker(kid)[1]} [{n}]", [n]))
        pos = found + len(kid)
    if len(statements) <= MIN_PARTS:
        return None
    said = set(folded_syllables(" ".join([*under, *children[under], str(chunk.payload.get("title", ""))])))
    terms = set(content_terms(q.text))
    return statements, citations, len(terms & said) / (len(terms) or 1)


def _not_naming_the_plan(question: str, title: str) -> set[str]:
    """The question's words but those naming the plan by its title, three or more in a row ("kế hoạch chuyển đổi số
    ngành Tổ chức xây dựng Đảng" names no "IX. TỔ CHỨC THỰC HIỆN"; "phần tổ chức thực hiện" does)."""
    words, named = folded_syllables(question), folded_syllables(title)
    runs = {tuple(named[i:i + _NAMING_RUN]) for i in range(len(named) - _NAMING_RUN + 1)}
    covered = {j for i in range(len(words)) if tuple(words[i:i + _NAMING_RUN]) in runs
               for j in range(i, i + _NAMING_RUN)}
    return {w for i, w in enumerate(words) if i not in covered}


_NAMING_RUN = 3
_FEW_WORDS = 3  # a heading of one or two words ("TỔ CHỨC THỰC HIỆN": tổ chức) is named only as it is written


def _written_in(heading: str, typed: str) -> bool:
    """The question writes the heading's words in a row ("phần truyền thông"); "tổ chức triển khai những thủ tục
    …" uses the words of "TỔ CHỨC THỰC HIỆN" as a verb, it names no part."""
    return f" {' '.join(folded_syllables(strip_marker(heading)[1]))} " in typed


def _own_words(heading: str) -> set[str]:
    """A heading's words that say what it is about ("Phần thứ hai: NHIỆM VỤ, GIẢI PHÁP" -> phần, thứ, hai, giải,
    pháp): not its number, nor the kind of document, nor glue words."""
    return {w for w in folded_syllables(strip_marker(heading)[1]) if w not in STOPWORDS and w not in _KIND_WORDS
            and not w.isdigit()}


def _through_lone(path: tuple[str, ...], children: dict[tuple[str, ...], list[str]]) -> tuple[str, ...]:
    """"II. TRUYỀN THÔNG" whose one part is "1. Truyền thông định kỳ": its parts are that part's ("1.1 …", "1.2 …")."""
    while len(children.get(path, [])) == 1 and (lone := (*path, children[path][0])) in children:
        path = lone
    return path


def _find_path(text: str, path: tuple[str, ...]) -> int | None:
    """Where the last heading of `path` is written, each heading found after the one above it."""
    pos = 0
    for heading in path:
        found = text.find(heading, pos)
        if found < 0:
            return None
        pos = found
    return pos
