"""Phone numbers: a permissive digit-run regex, then libphonenumber decides per region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import phonenumbers
import regex

from guardrails.recognizers.base import ContextPatternRecognizer, PatternSpec
from guardrails.recognizers.vocabulary import (
    ACCOUNT_WORDS,
    AMOUNT_WORDS,
    PASSPORT_WORDS,
    REFERENCE_WORDS,
    looks_like_amount,
)

_NUMBER = regex.compile(r"[0-9]+")
_NUMBER_SIGN = regex.compile(r"[#№][ ]?$")

# Why not phonenumbers.PhoneNumberMatcher: it is the slow part of stock Presidio (its own big regex,
# once per region). A cheap candidate regex plus parse()/is_valid_number() per candidate is much faster
# and lets us keep CJK-safe boundaries and refuse amounts, dates and digits inside IBANs.
_CANDIDATE = (
    r"(?<![0-9A-Za-z+_@/.,#№\-])"
    r"(?:\+[ ]?|\(\+?)?"
    r"[0-9](?:(?:[ ]?[()][ \-]?|[ .\-])?[0-9])*+"
    r"(?![0-9A-Za-z]|[.,:/\-][0-9])"
)

_DATE_SHAPES = regex.compile(
    r"^(?:(?:19|20)[0-9]{2}[\-./ ][0-9]{1,2}[\-./ ][0-9]{1,2}"
    r"|[0-9]{1,2}[\-./ ][0-9]{1,2}[\-./ ](?:19|20)?[0-9]{2}"
    r"|(?:19|20)[0-9]{2}[ \-](?:19|20)[0-9]{2})$"
    # "2024-0042-17", "2024/118...": a leading year and a dash or slash make a reference, not a number to dial
    r"|^(?:19|20)[0-9]{2}[\-/]"
)
# Digits printed right after "LV80 BANK " belong to an IBAN, checksum valid or not.
_IBAN_PREFIX = regex.compile(r"[A-Z]{2}[0-9]{2}(?:[ ][A-Z0-9]{4})*[ ]$")

# Near these words a valid-looking phone number is more likely the identifier they name.
_ID_WORDS = (
    *ACCOUNT_WORDS, *PASSPORT_WORDS, "iban", "card", "karte", "kort", "карт", "卡号",
    "инн", "inn(?![a-z])", "снилс", "snils", "personas kod", "p\\.k\\.", "personal code", "fødselsnummer",
    "fnr", "personnummer", "d-nummer", "身份证", "证件",
)


class PhoneRecognizer(ContextPatternRecognizer):
    """International (+371, +47, +7, +86 ...) and national numbers of the regions given."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[tuple[PatternSpec, ...]] = (PatternSpec("phone candidate", _CANDIDATE, 0.7),)
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "phone", "tel", "mobile", "cell", "call", "ring", "whatsapp", "telegram", "viber", "sms", "contact",
        "tālr", "mob", "zvan", "telefon", "kontakt", "mobil", "ringe", "телефон", "тел", "моб", "звон",
        "сотов", "связ", "电话", "手机", "联系", "致电", "微信",
    )
    SCORE_CAP = 0.9
    YIELD_TO = _ID_WORDS
    DISQUALIFIERS = (*REFERENCE_WORDS, *AMOUNT_WORDS)

    def __init__(self, supported_language: str = "en", regions: Sequence[str] = ("LV",)) -> None:
        super().__init__(supported_language=supported_language)
        self.regions = tuple(regions)

    def refine_span(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Drop an unbalanced leading "(" so "(29123456)" yields the digits only."""
        value = text[start:end]
        if value.startswith("(") and ")" not in value:
            start += 1
        return start, end

    def validate_result(self, pattern_text: str) -> bool | None:
        """Valid for one of the regions (or internationally with +/00); None keeps the pattern score."""
        groups = _NUMBER.findall(pattern_text)
        digits = "".join(groups)
        if not 7 <= len(digits) <= 15 or _DATE_SHAPES.match(pattern_text):
            return False
        # A lone digit mid-number ("1 2 3 4 5 6 7 8") is counting, not dialling.
        if any(len(g) == 1 for g in groups[1:]):
            return False
        international = pattern_text.lstrip("(").startswith(("+", "00"))
        candidate = "+" + digits[2:] if pattern_text.startswith("00") else pattern_text
        regions: Sequence[str | None] = (None,) if international else self.regions
        for region in regions:
            try:
                number = phonenumbers.parse(candidate, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return None
        return False

    def reject(self, text: str, start: int, end: int) -> bool:
        """Amounts ("EUR 12 000 000"), numbers after "#"/"№", digits inside an IBAN-like grouping."""
        if looks_like_amount(text, start, end):
            return True
        if _NUMBER_SIGN.search(text[max(0, start - 2) : start]):
            return True
        return _IBAN_PREFIX.search(text[max(0, start - 40) : start]) is not None
