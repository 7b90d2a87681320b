"""Presidio's AnalyzerEngine for Vietnamese, built without any download.

- NLP: `spacy.blank("vi")` — spaCy's Vietnamese tokenizer runs pyvi, whose model ships in the
  pyvi package — plus a component that sets every lemma to the lower-cased token, so presidio's
  context enhancer can compare context words ("sđt", "email"…) with the text.
- Recognizers: ours (see `recognizers`), nothing predefined, no spaCy NER model.
- E-mail: the domain is checked against tldextract's bundled suffix snapshot (no fetch).
- Logging: presidio logs the words around each match at DEBUG level — personal data — so its
  logger is capped at WARNING.
Building loads pyvi (~seconds): do it once per process (`build_analyzer` is cached).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from assistant.privacy.recognizers import build_recognizers
from assistant.privacy.recognizers.base import LANGUAGE

LOWER_LEMMA = "troly_lower_lemma"
PRESIDIO_LOGGER = "presidio-analyzer"


@Language.component(LOWER_LEMMA)
def lower_lemma(doc: Doc) -> Doc:
    """Lemma = lower-cased text: Vietnamese has no inflection, and presidio matches lemmas."""
    for token in doc:
        token.lemma_ = token.lower_
    return doc


def blank_vietnamese() -> Language:
    nlp = spacy.blank(LANGUAGE)  # pyvi tokenizer; no model package, nothing to download
    nlp.add_pipe(LOWER_LEMMA)
    return nlp


class LocalSpacyNlpEngine(SpacyNlpEngine):
    """A SpacyNlpEngine around an already built pipeline: `load()` never resolves a model name."""

    def __init__(self, nlp: Language, language: str = LANGUAGE) -> None:
        super().__init__(
            models=[{"lang_code": language, "model_name": f"blank:{language}"}],
            ner_model_configuration=NerModelConfiguration(),
        )
        self.nlp = {language: nlp}  # type: ignore[assignment]  # presidio declares it None until load()

    def load(self) -> None:
        """Already loaded in __init__."""


@lru_cache(maxsize=1)
def build_analyzer() -> AnalyzerEngine:
    """The process-wide analyzer for language "vi" (cached: built on first use only)."""
    logging.getLogger(PRESIDIO_LOGGER).setLevel(logging.WARNING)  # its DEBUG lines quote the text
    registry = RecognizerRegistry(recognizers=build_recognizers(LANGUAGE), supported_languages=[LANGUAGE])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=LocalSpacyNlpEngine(blank_vietnamese()),
        supported_languages=[LANGUAGE],
    )
