"""Vietnamese personal-data recognizers, one small class per entity, registered in RECOGNIZERS."""

from __future__ import annotations

from typing import Protocol

from presidio_analyzer import EntityRecognizer

from assistant.privacy.recognizers.bank_account import VnBankAccountRecognizer
from assistant.privacy.recognizers.base import LANGUAGE
from assistant.privacy.recognizers.cccd import VnCccdRecognizer
from assistant.privacy.recognizers.cmnd import VnCmndRecognizer
from assistant.privacy.recognizers.date_of_birth import DateOfBirthRecognizer
from assistant.privacy.recognizers.email import VnEmailRecognizer
from assistant.privacy.recognizers.home_address import HomeAddressRecognizer
from assistant.privacy.recognizers.party_card import VnPartyCardRecognizer
from assistant.privacy.recognizers.person import PersonRecognizer
from assistant.privacy.recognizers.phone import VnPhoneRecognizer
from assistant.privacy.recognizers.social_insurance import VnSocialInsuranceRecognizer
from assistant.privacy.recognizers.tax_code import VnTaxCodeRecognizer


class RecognizerClass(Protocol):
    """A recognizer class: built with just the language."""

    __name__: str

    def __call__(self, supported_language: str = ...) -> EntityRecognizer: ...


#: Registration order is also the tie-break order when two recognizers claim the same span
#: with the same score: the more specific, context-gated ones come first.
RECOGNIZERS: tuple[RecognizerClass, ...] = (
    VnCccdRecognizer,
    VnCmndRecognizer,
    VnTaxCodeRecognizer,
    VnSocialInsuranceRecognizer,
    VnBankAccountRecognizer,
    VnPartyCardRecognizer,
    VnPhoneRecognizer,
    VnEmailRecognizer,
    DateOfBirthRecognizer,
    HomeAddressRecognizer,
    PersonRecognizer,
)


def build_recognizers(language: str = LANGUAGE) -> list[EntityRecognizer]:
    return [cls(supported_language=language) for cls in RECOGNIZERS]


__all__ = ["RECOGNIZERS", "build_recognizers"]
