"""Generative answering on the real session index: the model's sentences, the verifier's drops, the
fallbacks (not configured, server down, timeout, nothing survives), personal data kept out of prompts,
and one answer written by the real small model.

Most tests script the model's words (`ScriptedModel`): a real model cannot be made to write a chosen
wrong number or an unmarked sentence, and the drops are what is under test. Everything else is real:
retrieval, the extractive answer, the verifier, Presidio, and — for the server failures — the `openai`
client against real loopback sockets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from conftest import ModelServer, free_port, llm_settings, silent_server

from assistant.components.llm import LlmError, Message, OpenAIChat
from assistant.components.vector_store import ScoredChunk
from assistant.services.container import Services
from assistant.services.generative import (
    Answered,
    GenerativeService,
    Passage,
    Sentence,
    best_span,
    parse_sentence,
    sentences,
    support,
    with_markers,
)
from assistant.settings import LlmSettings

QUESTION = "Ban Xây dựng Đảng chủ trì triển khai những ứng dụng, cơ sở dữ liệu nào?"
GOOD = ("Ban Xây dựng Đảng chủ trì triển khai ứng dụng, cơ sở dữ liệu trong lĩnh vực tuyên giáo, dân vận, "
        "tổ chức xây dựng Đảng [1].")
# what the user sees: the passage says the duty, the heading above it ("Ban Xây dựng Đảng") who leads it
SHOWN = GOOD.replace("[1]", "[1][2]")
OUT_OF_CORPUS = "Giá vàng SJC hôm nay là bao nhiêu?"
MARKERS_AT_END = re.compile(r"(?:\[\d+\])+[.!?…]?$")


@dataclass
class ScriptedModel:
    """Writes `text` in small pieces like a streaming server; records what it was sent."""

    text: str
    piece: int = 7
    calls: list[list[Message]] = field(default_factory=list)
    finished: bool = False

    def stream(self, messages: list[Message]) -> Iterator[str]:
        self.calls.append(messages)
        for i in range(0, len(self.text), self.piece):
            yield self.text[i : i + self.piece]
        self.finished = True


@dataclass
class BrokenModel:
    """Writes `text`, then fails like a server that goes away mid-answer."""

    text: str

    def stream(self, messages: list[Message]) -> Iterator[str]:
        yield self.text
        raise LlmError("Không kết nối được tới máy chủ mô hình.")


def service(indexed: Services, model: object, **cfg: object) -> GenerativeService:
    return GenerativeService(indexed.ask, model, LlmSettings(**{"max_passages": 3, **cfg}),  # type: ignore[arg-type]
                             indexed.registry.text_of, indexed.redactor, indexed.settings.retrieval.top_k)


def run(svc: GenerativeService, question: str = QUESTION) -> tuple[list[str], Answered]:
    events = list(svc.events(question))
    *streamed, last = events
    assert isinstance(last, Answered) and all(isinstance(e, Sentence) for e in streamed)
    return [e.text for e in streamed if isinstance(e, Sentence)], last


def assert_quotes_exact(indexed: Services, answered: Answered) -> None:
    for c in answered.response.citations:
        assert indexed.registry.text_of(c.doc_id)[c.start : c.end] == c.quote


# --- parsing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["Câu một [1]. Câu hai [2].\n"], ["Câu một [1].", "Câu hai [2]."]),
        (["Câu một. [1] [2] Câu", " hai [3]."], ["Câu một. [1] [2]", "Câu hai [3]."]),
        (["Tỷ lệ đạt 60.5% [1]. Tiếp [2]"], ["Tỷ lệ đạt 60.5% [1].", "Tiếp [2]"]),
        (["- Mục một [1]\n- Mục", " hai [1]\n\n"], ["- Mục một [1]", "- Mục hai [1]"]),
        (["Quý III/2026 [1]"], ["Quý III/2026 [1]"]),
        ([""], []),
    ],
)
def test_sentences_out_of_a_stream(pieces: list[str], expected: list[str]) -> None:
    assert list(sentences(iter(pieces))) == expected


@pytest.mark.parametrize(
    ("raw", "body", "numbers"),
    [
        ("- **Văn phòng Đảng ủy** chủ trì [2], [3].", "Văn phòng Đảng ủy chủ trì.", [2, 3]),
        ("Văn phòng chủ trì [1, 2][2].", "Văn phòng chủ trì.", [1, 2]),
        ("1. Hoàn thành trong Quý III/2026 [4]", "Hoàn thành trong Quý III/2026", [4]),
        ("Không có căn cứ.", "Không có căn cứ.", []),
    ],
)
def test_parse_sentence(raw: str, body: str, numbers: list[int]) -> None:
    assert parse_sentence(raw) == (body, numbers)


@pytest.mark.parametrize(
    ("body", "numbers", "expected"),
    [("Văn phòng chủ trì.", [1], "Văn phòng chủ trì [1]."), ("Quý III/2026", [2, 3], "Quý III/2026 [2][3]")],
)
def test_markers_go_before_the_closing_punctuation(body: str, numbers: list[int], expected: str) -> None:
    assert with_markers(body, numbers) == expected


def test_support_counts_the_sentence_words_found_in_the_quote() -> None:
    assert support("Văn phòng chủ trì", "Văn phòng Đảng ủy chủ trì rà soát") == 1.0
    assert support("van phong chu tri", "Văn phòng chủ trì") == 1.0  # accents folded
    assert support("Giá vàng tăng", "Văn phòng chủ trì") == 0.0


def test_best_span_quotes_the_matching_sentence_and_the_one_with_the_number() -> None:
    text = "Mở đầu chung chung. Văn phòng chủ trì số hóa hồ sơ. Mục tiêu khác.\nHoàn thành 70% trong năm."
    chunk = ScoredChunk("c", 1.0, {"doc_id": "d", "start": 100, "end": 100 + len(text)})
    passage = Passage(1, chunk, text, text)
    start, end = best_span("Văn phòng chủ trì số hóa hồ sơ", passage)
    assert text[start - 100 : end - 100] == "Văn phòng chủ trì số hóa hồ sơ."
    start, end = best_span("Văn phòng chủ trì số hóa 70% hồ sơ", passage)
    assert text[start - 100 : end - 100] == "Văn phòng chủ trì số hóa hồ sơ. Mục tiêu khác.\nHoàn thành 70% trong năm."


# --- the verifier decides ---------------------------------------------------------------------------------


def test_only_verified_sentences_are_shown(indexed: Services) -> None:
    scripted = ScriptedModel("\n".join([
        GOOD,
        "Ban Xây dựng Đảng hoàn thành việc này trước ngày 31/12/2029 [1].",  # a date no passage has
        "Kinh phí do ngân sách trung ương cấp toàn bộ.",  # no marker
        "Ban Xây dựng Đảng chủ trì triển khai ứng dụng [7].",  # no passage 7
        "Giá vàng hôm nay tăng mạnh trên thị trường quốc tế [1].",  # not what passage 1 says
    ]))
    streamed, answered = run(service(indexed, scripted))
    r = answered.response
    assert r.answer_mode == "generative" and r.answerable
    assert streamed == [SHOWN] and r.answer == SHOWN
    assert (answered.stats.sentences, answered.stats.dropped) == (5, 4)
    assert [c.n for c in r.citations] == [1, 2]
    assert "tuyên giáo, dân vận" in r.citations[0].quote and len(r.citations[0].quote) < 600
    assert "Ban Xây dựng Đảng" in r.citations[1].quote and "Ban Xây dựng Đảng" not in r.citations[0].quote
    assert_quotes_exact(indexed, answered)
    assert "2029" not in r.answer and "Giá vàng" not in r.answer
    assert r.retrieved  # retrieval is reported as in extractive mode


def test_citations_are_numbered_in_order_of_use(indexed: Services) -> None:
    scripted = ScriptedModel(f"{GOOD}\n{GOOD.replace('[1]', '[1][2]')}\n")
    _, answered = run(service(indexed, scripted))
    cited = answered.response.citations
    assert [c.n for c in cited] == list(range(1, len(cited) + 1))
    for line in answered.response.answer.splitlines():
        assert MARKERS_AT_END.search(line), line
        assert {int(n) for n in re.findall(r"\[(\d+)\]", line)} <= {c.n for c in cited}
    assert_quotes_exact(indexed, answered)


# --- fallbacks --------------------------------------------------------------------------------------------


def test_nothing_survives_falls_back_to_the_extractive_answer(indexed: Services) -> None:
    scripted = ScriptedModel("Kinh phí do ngân sách trung ương cấp.\nGiá vàng tăng mạnh [1].\n")
    streamed, answered = run(service(indexed, scripted))
    assert streamed == []
    assert answered.response.answer_mode == "extractive_fallback"
    assert answered.response.answer == indexed.ask.ask(QUESTION).answer
    assert (answered.stats.sentences, answered.stats.dropped) == (2, 2)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda url: OpenAIChat(LlmSettings(base_url=f"http://127.0.0.1:{free_port()}/v1")), "Không kết nối được"),
        (lambda url: OpenAIChat(LlmSettings(base_url=url, timeout_s=1.0)), "quá chậm"),
        (lambda url: None, "không có mô hình"),
    ],
    ids=["server-down", "timeout", "not-configured"],
)
def test_an_unusable_server_falls_back(indexed: Services, make: object, reason: str) -> None:
    with silent_server() as url:
        streamed, answered = run(service(indexed, make(url)))  # type: ignore[operator]
    assert streamed == []
    assert answered.response.answer_mode == "extractive_fallback" and answered.response.answerable
    assert answered.response.citations == indexed.ask.ask(QUESTION).citations
    assert reason in answered.stats.error


def test_sentences_shown_before_a_failure_stay(indexed: Services) -> None:
    streamed, answered = run(service(indexed, BrokenModel(GOOD + "\n")))
    assert streamed == [SHOWN]
    assert answered.response.answer_mode == "generative" and "Không kết nối được" in answered.stats.error


def test_the_model_is_not_asked_when_the_documents_do_not_answer(indexed: Services) -> None:
    scripted = ScriptedModel(GOOD)
    _, answered = run(service(indexed, scripted), OUT_OF_CORPUS)
    assert scripted.calls == []
    assert answered.response.answer_mode == "extractive_fallback" and not answered.response.answerable


def test_a_repeating_model_is_cut_off(indexed: Services) -> None:
    scripted = ScriptedModel("\n".join([GOOD] * 6))
    streamed, answered = run(service(indexed, scripted))
    assert streamed == [SHOWN] and answered.stats.sentences == 1
    assert not scripted.finished  # it stopped reading: no more tokens are paid for


def test_at_most_max_sentences_are_read(indexed: Services) -> None:
    text = "\n".join(GOOD.replace("[1]", f"(lần {i}) [1]") for i in range(6))
    _, answered = run(service(indexed, ScriptedModel(text), max_sentences=2))
    assert answered.stats.sentences == 2


# --- what the model is sent -------------------------------------------------------------------------------


def test_the_prompt_holds_numbered_passages_and_no_personal_data(indexed: Services,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # today's extractive gate refuses a question that carries a redaction label; it is shown the question
    # without the phone number here, so that the model is asked and what it is sent can be checked
    extractive = indexed.ask.ask
    monkeypatch.setattr(indexed.ask, "ask", lambda q, scope=None, top_k=None: extractive(QUESTION, scope, top_k))
    scripted = ScriptedModel(GOOD)
    run(service(indexed, scripted), QUESTION + " Gọi 0912345678 nếu cần.")
    [messages] = scripted.calls
    system, user = messages[0]["content"], messages[1]["content"]
    assert messages[0]["role"] == "system" and "Chỉ dùng thông tin trong các đoạn trích" in system
    assert "0912345678" not in user and "[SỐ ĐIỆN THOẠI]" in user
    assert re.findall(r"^\[(\d)\] ", user, re.M) == ["1", "2", "3"]
    assert "tuyên giáo, dân vận" in user.split("[2] ")[0]  # the extractive answer's passage comes first


def test_passages_pass_the_personal_data_filter(indexed: Services) -> None:
    text = "Đầu mối liên hệ: đồng chí phụ trách, điện thoại 0912345678, email lan.nguyen@gmail.com."
    svc = GenerativeService(indexed.ask, None, LlmSettings(), lambda _: text, indexed.redactor)
    chunk = ScoredChunk("c", 1.0, {"doc_id": "d", "start": 0, "end": len(text), "text": text})
    [passage] = svc._passages([chunk], []).values()
    assert passage.text == text  # citations still quote the stored text exactly
    assert "0912345678" not in passage.shown and "lan.nguyen@gmail.com" not in passage.shown
    assert "[SỐ ĐIỆN THOẠI]" in passage.shown and "[EMAIL]" in passage.shown


# --- the real small model ---------------------------------------------------------------------------------


def test_a_real_model_answer_is_verified_or_falls_back(indexed: Services, model_server: ModelServer) -> None:
    cfg = llm_settings(model_server)
    svc = GenerativeService(indexed.ask, OpenAIChat(cfg), cfg, indexed.registry.text_of, indexed.redactor,
                            indexed.settings.retrieval.top_k)
    streamed, answered = run(svc)
    assert answered.stats.error == ""  # the server answered
    assert answered.stats.sentences >= 1  # and the model wrote something
    assert answered.stats.dropped == answered.stats.sentences - len(streamed)
    r = answered.response
    if streamed:
        assert r.answer_mode == "generative" and r.answer.splitlines() == streamed
        assert all(MARKERS_AT_END.search(s) for s in streamed)
        assert_quotes_exact(indexed, answered)
    else:
        assert r.answer_mode == "extractive_fallback" and r.answer == indexed.ask.ask(QUESTION).answer
