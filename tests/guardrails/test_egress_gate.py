"""EgressGate: refuses payloads with identifiers (counts, never values), passes placeholders, fails closed."""

from __future__ import annotations

import pytest
from stdnum import iban
from stdnum.lv import pvn

from guardrails.egress import EgressGate, EgressVerdict
from guardrails.errors import EgressRefused, GuardrailError
from guardrails.pii import PiiEntity
from guardrails.presidio_engine import PresidioEngine

LANGUAGES = ("en", "lv", "no", "ru", "zh")


@pytest.fixture(scope="module")
def gate() -> EgressGate:
    return EgressGate(PresidioEngine(languages=LANGUAGES), languages=LANGUAGES)


def _iban() -> str:
    number = "LV" + iban.calc_check_digits("LV00HABA0551012345678") + "HABA0551012345678"
    assert iban.is_valid(number)
    return iban.format(number)


def _personas_kods() -> str:
    body = "1611751999"
    code = body + pvn.calc_check_digit_pers(body)
    assert pvn.is_valid(code)
    return f"{code[:6]}-{code[6:]}"


def test_leftover_identifiers_are_refused_with_counts_and_no_values(gate: EgressGate) -> None:
    account, code, email = _iban(), _personas_kods(), "janis.berzins@inbox.lv"
    payload = (
        "System: answer as the bank's advisor.\n"
        f"User <PERSON_1> asks to move money to {account}; personas kods {code}; reply to {email}."
    )
    with pytest.raises(EgressRefused) as refused:
        gate.check(payload)
    verdict = refused.value.verdict
    assert verdict.allowed is False
    assert verdict.counts == {"NATIONAL_ID": 1, "IBAN": 1, "EMAIL": 1}
    for value in (account, code, email, account.replace(" ", ""), code.replace("-", "")):
        assert value not in verdict.reason
        assert value not in str(refused.value)
    assert isinstance(refused.value, GuardrailError)
    assert gate.inspect(payload) == verdict


def test_placeholders_pass(gate: EgressGate) -> None:
    payload = (
        "Summarise for <PERSON_1>: transfer from <IBAN_2> to <IBAN_3>, confirmation sent to <EMAIL>, "
        "call <PHONE_1>; code <NATIONAL_ID_1>, card <CREDIT_CARD_1>, born <DATE_OF_BIRTH_1>. "
        "The 12-month deposit pays 3.45% on amounts from EUR 5 000."
    )
    gate.check(payload)
    assert gate.inspect(payload) == EgressVerdict(allowed=True, counts={}, reason="no personal identifiers found")


class _Exploding:
    def analyze(self, text: str, language: str) -> list[PiiEntity]:
        raise RuntimeError("regex timeout")


def test_a_failing_engine_refuses_fail_closed() -> None:
    gate = EgressGate(_Exploding())
    with pytest.raises(EgressRefused) as refused:
        gate.check("harmless text")
    assert refused.value.verdict == EgressVerdict(allowed=False, counts={}, reason="privacy scan failed")
    assert isinstance(refused.value.__cause__, RuntimeError)
    assert gate.inspect("harmless text").allowed is False


def test_a_non_text_payload_is_refused(gate: EgressGate) -> None:
    with pytest.raises(EgressRefused):
        gate.check(None)  # type: ignore[arg-type]


class _Recording:
    def __init__(self) -> None:
        self.languages: list[str] = []

    def analyze(self, text: str, language: str) -> list[PiiEntity]:
        self.languages.append(language)
        return [PiiEntity("PHONE", 0, 5, 0.9)] if language == "zh" else []


def test_every_language_is_scanned_because_the_payload_language_is_not_trusted() -> None:
    engine = _Recording()
    verdict = EgressGate(engine, languages=LANGUAGES).inspect("13800 is a phone only in Chinese here")
    assert engine.languages == list(LANGUAGES)
    assert verdict.allowed is False and verdict.counts == {"PHONE": 1}


def test_the_same_span_found_in_several_languages_counts_once(gate: EgressGate) -> None:
    verdict = gate.inspect("Ring +47 912 34 567")
    assert verdict.counts == {"PHONE": 1}
