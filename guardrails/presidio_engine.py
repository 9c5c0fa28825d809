"""PiiEngine on Presidio's AnalyzerEngine with our own recognizers and no NLP model."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

from guardrails.pii import PiiEntity, resolve_overlaps
from guardrails.recognizers.account_number import AccountNumberRecognizer
from guardrails.recognizers.cn_resident_id import CnResidentIdRecognizer
from guardrails.recognizers.credit_card import CreditCardRecognizer
from guardrails.recognizers.date_of_birth import DateOfBirthRecognizer
from guardrails.recognizers.email import EmailRecognizer
from guardrails.recognizers.iban import IbanRecognizer
from guardrails.recognizers.lv_personal_code import LvPersonalCodeRecognizer
from guardrails.recognizers.no_fodselsnummer import NoFodselsnummerRecognizer
from guardrails.recognizers.passport import PassportRecognizer
from guardrails.recognizers.phone import PhoneRecognizer
from guardrails.recognizers.ru_inn import RuInnRecognizer
from guardrails.recognizers.ru_passport import RuPassportRecognizer
from guardrails.recognizers.ru_snils import RuSnilsRecognizer

DEFAULT_LANGUAGES = ("en", "lv", "no", "ru", "zh")

# Presidio entity names (fine-grained, per recognizer) -> our ENTITY_TYPES.
ENTITY_MAP = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "CREDIT_CARD",
    "BANK_ACCOUNT": "ACCOUNT_NUMBER",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "LV_PERSONAL_CODE": "NATIONAL_ID",
    "NO_FODSELSNUMMER": "NATIONAL_ID",
    "RU_INN": "NATIONAL_ID",
    "RU_SNILS": "NATIONAL_ID",
    "CN_RESIDENT_ID": "NATIONAL_ID",
    "RU_PASSPORT": "PASSPORT",
    "PASSPORT": "PASSPORT",
}

# Texts whose language is unknown are scanned by one copy of every recognizer under this code
# (ISO 639-2 "multiple languages"): the union, not nothing.
UNION = "mul"

_Factory = Callable[[str], EntityRecognizer]
_GENERIC: tuple[_Factory, ...] = (
    EmailRecognizer, IbanRecognizer, CreditCardRecognizer, AccountNumberRecognizer,
    DateOfBirthRecognizer, PassportRecognizer,
)
_LV: tuple[_Factory, ...] = (LvPersonalCodeRecognizer,)
_NO: tuple[_Factory, ...] = (NoFodselsnummerRecognizer,)
_RU: tuple[_Factory, ...] = (RuInnRecognizer, RuSnilsRecognizer, RuPassportRecognizer)
_CN: tuple[_Factory, ...] = (CnResidentIdRecognizer,)


@dataclass(frozen=True)
class LanguageProfile:
    """Which national identifiers and which national phone formats a language's texts are scanned for."""

    national: tuple[_Factory, ...]
    phone_regions: tuple[str, ...]


# Russian speakers in Latvia write Latvian codes and local numbers in Russian; English is everyone's
# second language, so it gets every national set. Numbers written with +/00 are found in any language;
# the regions only add national formats (not GB/US: their national plans make any 10-digit reference
# number look like a phone).
PROFILES = {
    "en": LanguageProfile((*_LV, *_NO, *_RU, *_CN), ("LV", "NO", "RU", "CN")),
    "lv": LanguageProfile(_LV, ("LV",)),
    "no": LanguageProfile(_NO, ("NO",)),
    "ru": LanguageProfile((*_RU, *_LV), ("RU", "LV")),
    "zh": LanguageProfile(_CN, ("CN",)),
}
_ALIASES = {"nb": "no", "nn": "no", "lav": "lv", "nor": "no", "nob": "no", "rus": "ru", "zho": "zh", "chi": "zh"}

# Full-width digits/letters (common in Chinese input), exotic spaces and dashes, and zero-width
# characters mapped one-to-one onto ASCII, so patterns see "13800138000" and offsets stay put.
_FOLD = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF0B: ord("+"), 0xFF0D: ord("-"), 0xFF20: ord("@"), 0xFF0E: ord("."), 0xFF08: ord("("), 0xFF09: ord(")"),
    **{c: ord(" ") for c in (0x00A0, 0x2007, 0x2009, 0x202F, 0x3000, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)},
    **{c: ord("-") for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212)},
}


class _NoEnhancer(ContextAwareEnhancer):
    """Context is scored inside our recognizers (from raw text); Presidio's lemma enhancer needs spaCy."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class PresidioEngine:
    """Finds identifiers with Presidio pattern recognizers; satisfies guardrails.pii.PiiEngine."""

    def __init__(
        self,
        *,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        allow_list: Iterable[str] = (),
        score_threshold: float = 0.5,
    ) -> None:
        self._languages = tuple(dict.fromkeys(normalise_language(lang) for lang in languages))
        if not self._languages:
            raise ValueError("PresidioEngine needs at least one language")
        self._allow = frozenset(allow_list)
        self._threshold = score_threshold
        codes = [*self._languages, UNION]
        registry = RecognizerRegistry(supported_languages=codes)
        for code in codes:
            for recognizer in _recognizers(self._profile(code), code):
                registry.add_recognizer(recognizer)
        self._analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=NoOpNlpEngine(models=[{"lang_code": code, "model_name": "no_op"} for code in codes]),
            supported_languages=codes,
            default_score_threshold=score_threshold,
            context_aware_enhancer=_NoEnhancer(),
        )

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with their own recognizer set (others fall back to the union)."""
        return self._languages

    def analyze(self, text: str, language: str) -> list[PiiEntity]:
        """Non-overlapping entities, sorted by start; offsets index the text as given."""
        if not text:
            return []
        code = normalise_language(language)
        if code not in self._languages:
            code = UNION
        results = self._analyzer.analyze(text.translate(_FOLD), language=code, score_threshold=self._threshold)
        entities = [
            PiiEntity(type=ENTITY_MAP[r.entity_type], start=r.start, end=r.end, score=round(r.score, 4))
            for r in results
            if text[r.start : r.end] not in self._allow
        ]
        return resolve_overlaps(entities)

    def _profile(self, code: str) -> LanguageProfile:
        if code in PROFILES:
            return PROFILES[code]
        # The union, or a configured language we have no profile for: every configured profile's
        # national identifiers and phone regions (all of them if none is configured).
        pool = [PROFILES[c] for c in self._languages if c in PROFILES] or list(PROFILES.values())
        national = tuple(dict.fromkeys(f for p in pool for f in p.national))
        regions = tuple(dict.fromkeys(r for p in pool for r in p.phone_regions))
        return LanguageProfile(national, regions)


def normalise_language(language: str) -> str:
    """"nb-NO" -> "no", "ZH_cn" -> "zh": the primary subtag, lower-cased, Norwegian variants folded."""
    primary = language.strip().replace("_", "-").split("-", 1)[0].lower()
    return _ALIASES.get(primary, primary)


def _recognizers(profile: LanguageProfile, code: str) -> list[EntityRecognizer]:
    found = [factory(code) for factory in (*_GENERIC, *profile.national)]
    found.append(PhoneRecognizer(supported_language=code, regions=profile.phone_regions))
    for recognizer in found:
        unknown = set(recognizer.supported_entities) - ENTITY_MAP.keys()
        if unknown:
            raise ValueError(f"{type(recognizer).__name__} reports unmapped entities {sorted(unknown)}")
    return found
