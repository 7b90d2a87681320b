import socket

import pytest
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from assistant.privacy.engine import LOWER_LEMMA, LocalSpacyNlpEngine, blank_vietnamese, build_analyzer
from assistant.privacy.recognizers.email import offline_extractor
from assistant.privacy.redactor import LABELS


def _no_network(*args, **kwargs):
    raise OSError("network access attempted")


@pytest.fixture
def offline(monkeypatch):
    """Any connection attempt fails, as on the organisation's machines."""
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)


def test_builds_and_analyzes_without_network(offline):
    offline_extractor.cache_clear()  # the e-mail suffix data must also load offline
    analyzer = build_analyzer.__wrapped__()  # a fresh engine, not the cached one
    text = "Trần Nam (email tran.nam@gmail.com, SĐT 0912 345 678) trú tại thôn 3, xã Quảng Phú."
    found = {(r.entity_type, text[r.start : r.end]) for r in analyzer.analyze(text, language="vi")}
    assert found == {
        ("PERSON", "Trần Nam"),  # two syllables, no context: underthesea's bundled NER decides
        ("EMAIL_ADDRESS", "tran.nam@gmail.com"),
        ("VN_PHONE", "0912 345 678"),
        ("VN_HOME_ADDRESS", "thôn 3, xã Quảng Phú"),
    }


def test_engine_is_built_once_per_process():
    assert build_analyzer() is build_analyzer()


def test_registry_has_only_the_vietnamese_recognizers():
    analyzer = build_analyzer()
    assert analyzer.supported_languages == ["vi"]
    assert set(analyzer.get_supported_entities("vi")) == set(LABELS)
    assert not any(isinstance(r, SpacyRecognizer) for r in analyzer.registry.recognizers)
    assert isinstance(analyzer.nlp_engine, LocalSpacyNlpEngine)


def test_blank_pipeline_tokenizes_with_pyvi_and_lowercases_lemmas():
    nlp = blank_vietnamese()
    assert nlp.pipe_names == [LOWER_LEMMA]
    doc = nlp("Số Chứng Minh Nhân Dân của ông")
    assert "chứng minh" in [t.lemma_ for t in doc]  # pyvi joins the two syllables of a word
    assert all(t.lemma_ == t.text.lower() for t in doc)


def test_presidio_context_enhancer_sees_lower_cased_lemmas():
    """A context word matches a capitalised word in the text because lemmas are lower-cased."""
    recognizer = PatternRecognizer(
        supported_entity="TEST_CODE",
        patterns=[Pattern("code", r"\bHS\d{4}\b", 0.3)],
        context=["hồ sơ"],
        supported_language="vi",
    )
    analyzer = build_analyzer()
    [with_context] = analyzer.analyze("Mã Hồ Sơ HS1234", language="vi", ad_hoc_recognizers=[recognizer],
                                      entities=["TEST_CODE"])
    [without] = analyzer.analyze("Mã HS1234", language="vi", ad_hoc_recognizers=[recognizer], entities=["TEST_CODE"])
    assert without.score == pytest.approx(0.3)
    assert with_context.score == pytest.approx(0.65)
