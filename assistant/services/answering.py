"""One entry for every asker (API, OpenAI-compatible API, CLI, eval): the answer in the mode asked for.

`extractive` (the default) is `AskService` as it is; `generative` is `GenerativeService`, which falls
back to the extractive answer by itself. Both come out as the same events: verified `Sentence`s while
they are ready (generative only), then `Answered` with the whole response.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass

from assistant.components.vector_store import AccessScope
from assistant.domain import AnswerMode, AskResponse
from assistant.services.ask import AskService
from assistant.services.generative import Answered, GenerativeService, Guard, Sentence


@dataclass
class AnsweringService:
    extractive: AskService
    generative: GenerativeService
    default_mode: AnswerMode = AnswerMode.EXTRACTIVE

    def events(self, question: str, scope: AccessScope | None, top_k: int | None = None,
               mode: AnswerMode | None = None, guard: Guard = nullcontext) -> Iterator[Sentence | Answered]:
        if (mode or self.default_mode) == AnswerMode.GENERATIVE:
            yield from self.generative.events(question, scope, top_k, guard)
            return
        with guard():  # no yield inside: a streamed answer may resume on another thread
            response = self.extractive.ask(question, scope, top_k)
        yield Answered(response)

    def answer(self, question: str, scope: AccessScope | None, top_k: int | None = None,
               mode: AnswerMode | None = None, guard: Guard = nullcontext) -> Answered:
        """The whole answer (with the model's stats), for callers that do not stream."""
        *_, last = self.events(question, scope, top_k, mode, guard)
        assert isinstance(last, Answered)
        return last

    def ask(self, question: str, scope: AccessScope | None, top_k: int | None = None,
            mode: AnswerMode | None = None, guard: Guard = nullcontext) -> AskResponse:
        return self.answer(question, scope, top_k, mode, guard).response
