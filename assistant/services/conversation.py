"""A chat's follow-up made into a question that stands alone, from the earlier turns.

Retrieval and both answerers see one question. Chat clients send the whole conversation, and staff
ask follow-ups such as "còn Văn phòng Đảng ủy thì sao?" after "Ban Xây dựng Đảng phải làm những
việc gì?". The rule is deterministic (no model call, so it works in extractive mode too):

- Only the users' turns count; the assistant's answers and system prompts are ignored.
- A turn of the form "còn X (thì sao / thế nào / ra sao)?" (also "thế còn X", "vậy còn X") asks the
  previous question again about X. X takes the place of what it stands for in that question:
  1. the role word it swaps with ("chủ trì" ↔ "phối hợp");
  2. else the words of that question starting with X's first word, when it occurs there
     ("Quý III/2026" ← "còn Quý IV"), or the place of the same kind ("xã Tân Hòa" ← "còn phường
     Bạch Đằng": an administrative level and the capitalised name after it);
  3. else the subject the question opens with — the words before its predicate ("phải", "chủ trì",
     "có", …) — when it opens with a name rather than a question word;
  4. else X is put in front: "X: previous question".
- Any other turn is a new question and is taken as it is.

Each follow-up is resolved against the previous turn as resolved, so follow-ups can chain.
"""

from __future__ import annotations

import re

from assistant.text import collapse_spaces, fold_accents

_FOLLOW_UP = re.compile(
    r"^(?:(?:thế|vậy|và|thế thì)\s+)?còn\s+(?P<x>.+?)"
    r"(?:\s*,?\s+(?:thì\s+)?(?:sao|thế nào|như thế nào|ra sao|thì sao))?\s*[?.!]*$",
    re.IGNORECASE,
)
_ROLES = {"chu tri": "phối hợp", "phoi hop": "chủ trì"}
# words that end the subject a question opens with ("Ban Xây dựng Đảng | phải làm những việc gì?")
_PREDICATE = {fold_accents(w) for w in (
    "phải", "chủ trì", "phối hợp", "có", "được", "cần", "làm", "thực hiện", "triển khai", "là", "đã", "sẽ",
    "giao", "đảm nhiệm", "chịu trách nhiệm", "tham mưu",
)}
# administrative levels: "xã Tân Hòa" is replaced whole by "phường Bạch Đằng"
_LEVELS = {fold_accents(w) for w in ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "tỉnh", "thành phố")}
# words a question opens with that are not a subject ("Ai …", "Đến Quý III …", "Theo kế hoạch …")
_OPENERS = {fold_accents(w) for w in (
    "ai", "đến", "theo", "khi", "bao", "những", "các", "có", "trong", "kế", "chương", "tại", "vì", "nội",
    "mục", "thời", "việc", "đơn", "cơ", "hãy", "cho", "năm", "quý", "tháng", "ngày", "số", "tỷ", "tỉ",
)}


def standalone_question(turns: list[str]) -> str:
    """The last turn made standalone; `turns` are the user's messages, oldest first."""
    resolved = ""
    for turn in turns:
        resolved = resolve(collapse_spaces(turn), resolved)
    return resolved


def resolve(turn: str, previous: str) -> str:
    m = _FOLLOW_UP.match(turn)
    if not previous or not m:
        return turn
    x = m.group("x").strip(" ,")
    words = previous.split()
    folded = [fold_accents(w.lower().strip(",;:?")) for w in words]
    x_words = x.split()
    x_folded = fold_accents(x.lower())
    # 1. the role word it swaps with
    swap = _ROLES.get(x_folded)
    if swap is not None:
        for i in range(len(folded) - 1):
            if f"{folded[i]} {folded[i + 1]}" == fold_accents(swap):
                return " ".join([*words[:i], x, *words[i + 2 :]])
    # 2. the words starting with X's first word
    head = fold_accents(x_words[0].lower())
    if head in folded:
        i = folded.index(head)
        tail = words[i + len(x_words) - 1].rstrip()
        end = tail[len(tail.rstrip(",;:?")) :]  # keep the punctuation that closed the replaced words
        return " ".join([*words[:i], x + end, *words[i + len(x_words) :]])
    if head in _LEVELS:
        for i, w in enumerate(folded):
            if w in _LEVELS:
                j = i + 1
                while j < len(words) and words[j][:1].isupper():
                    j += 1
                end = words[j - 1][len(words[j - 1].rstrip(",;:?")) :]
                return " ".join([*words[:i], x + end, *words[j:]])
    # 3. the subject the question opens with
    if words and words[0][:1].isupper() and folded[0] not in _OPENERS:
        for i in range(1, len(words)):
            if folded[i] in _PREDICATE or (i + 1 < len(words) and f"{folded[i]} {folded[i + 1]}" in _PREDICATE):
                return " ".join([x[0].upper() + x[1:], *words[i:]])
    # 4. in front
    return f"{x[0].upper() + x[1:]}: {previous}"
