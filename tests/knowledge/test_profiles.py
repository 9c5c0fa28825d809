"""The client profile model, the identifiers it yields, and the sample bank's synthetic clients."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, get_args

import phonenumbers
import pytest
from pydantic import ValidationError
from stdnum import iban, luhn
from stdnum.cn import ric
from stdnum.lv import pvn
from stdnum.no import fodselsnummer, orgnr
from stdnum.ru import inn

from guardrails.pii import ENTITY_TYPES
from knowledge.profiles import (
    Advisor,
    Card,
    ClientProfile,
    CreditLine,
    CurrentAccount,
    Deposit,
    IdentifierType,
    Mortgage,
    SavingsAccount,
    Team,
    TradeFinance,
    known_identifiers,
)
from knowledge.sample_bank import generate_clients as generator

SAMPLE = Path(generator.__file__).resolve().parent
REFERENCE = generator.REFERENCE_DATE


@cache
def _read(name: str) -> tuple[str, ...]:
    return tuple(line for line in (SAMPLE / name).read_text(encoding="utf-8").splitlines() if line)


def sample_clients() -> list[ClientProfile]:
    return [ClientProfile.model_validate_json(line) for line in _read("clients.jsonl")]


def sample_client(client_id: str) -> ClientProfile:
    return next(p for p in sample_clients() if p.client_id == client_id)


def minimal(**changes: Any) -> dict[str, Any]:
    """A valid person as plain data, with changes applied."""
    data: dict[str, Any] = {
        "client_id": "T1", "synthetic": True, "kind": "person", "segment": "retail", "preferred_language": "en",
        "relationship_manager": "a1", "team": "t1", "given_name": "Ada", "family_name": "Lovelace",
        "date_of_birth": "1990-12-10", "kyc": {"risk_rating": "low", "next_review": "2028-01-01"},
    }
    data.update(changes)
    return data


# ---- the model ---------------------------------------------------------------------------------------------------
def test_a_minimal_profile_is_valid_frozen_and_consents_to_nothing() -> None:
    profile = ClientProfile.model_validate(minimal())
    assert profile.display_name == "Ada Lovelace"
    assert not profile.consents.marketing and not profile.consents.profiling
    with pytest.raises(ValidationError):
        profile.segment = "private"  # type: ignore[misc]


@pytest.mark.parametrize("changes", [
    {"nickname": "Ada"},
    {"address": {"street": "1 Main St", "city": "X", "postcode": "1", "country": "GB", "floor": 2}},
    {"products": [{"type": "card", "product_id": "p", "name": "Visa Debit", "card_type": "debit",
                   "number": "4273199384937399", "expiry": "2030-05", "pin": "1234"}]},
    {"kyc": {"risk_rating": "low", "next_review": "2028-01-01", "score": 3}},
], ids=["top level", "address", "product", "kyc"])
def test_unknown_fields_are_rejected(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ClientProfile.model_validate(minimal(**changes))


@pytest.mark.parametrize("changes", [
    {"segment": "vip"},
    {"preferred_language": "de"},
    {"kind": "trust"},
    {"products": [{"type": "crypto_wallet", "product_id": "p", "name": "Coins"}]},
    {"risk_profile": {"level": "aggressive", "assessed_on": "2026-01-01"}},
    {"links": [{"client_id": "T2", "relation": "friend"}]},
    {"national_id": {"scheme": "us_ssn", "value": "123-45-6789"}},
    {"complaints": [{"complaint_id": "k", "opened_on": "2026-01-01", "summary": "s", "status": "closed"}]},
    {"kyc": {"risk_rating": "extreme", "next_review": "2028-01-01"}},
    {"products": [{"type": "card", "product_id": "p", "name": "Visa", "card_type": "debit", "number": "4273-19",
                   "expiry": "2030-05"}]},
    {"products": [{"type": "current_account", "product_id": "p", "name": "A", "iban": "lv00 bank", "balance": "1"}]},
    {"phones": ["29 123 456"]},
], ids=["segment", "language", "kind", "product type", "risk level", "relation", "id scheme", "complaint status",
        "kyc rating", "card number", "iban", "phone not E.164"])
def test_bad_values_are_rejected(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ClientProfile.model_validate(minimal(**changes))


@pytest.mark.parametrize(("changes", "message"), [
    ({"given_name": None}, "needs given_name"),
    ({"company_name": "Acme"}, "has no company_name"),
    ({"kind": "company"}, "needs company_name, registration_number"),
    ({"segment": "corporate"}, "corporate segment is for companies"),
    ({"links": [{"client_id": "T1", "relation": "household"}]}, "linked to itself"),
    ({"products": [{"type": "investment", "product_id": "p", "name": "F", "value": "1", "risk_class": 3}] * 2},
     "product ids must be unique"),
])
def test_a_profile_must_be_consistent(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ClientProfile.model_validate(minimal(**changes))


def test_advisors_and_teams_are_validated_too() -> None:
    with pytest.raises(ValidationError):
        Advisor.model_validate({"advisor_id": "a", "name": "A", "team": "t", "languages": ["de"]})
    with pytest.raises(ValidationError):
        Team.model_validate({"team_id": "t", "name": "T", "city": "Riga", "country": "LV", "size": 4})


# ---- known identifiers ---------------------------------------------------------------------------------------------
def test_identifier_types_are_the_pii_guardrails_entity_types() -> None:
    assert set(get_args(IdentifierType)) == set(ENTITY_TYPES)


def _expected(profile: ClientProfile) -> set[tuple[str, str]]:
    """Every identifying field of a profile, read straight from the fields."""
    found: set[tuple[str, str]] = set()
    if profile.given_name and profile.family_name:
        cjk = re.fullmatch(r"[\u4e00-\u9fff]+", profile.given_name + profile.family_name)
        full = profile.family_name + profile.given_name if cjk else f"{profile.given_name} {profile.family_name}"
        found.add(("PERSON", full))
    for form in profile.name_forms:
        found.add(("PERSON", f"{form.given_name} {form.family_name}"))
        if form.patronymic:
            found.add(("PERSON", f"{form.family_name} {form.given_name} {form.patronymic}"))
    if profile.patronymic:
        found.add(("PERSON", f"{profile.given_name} {profile.patronymic}"))
    if profile.national_id:
        kind = "PASSPORT" if profile.national_id.scheme == "ru_passport" else "NATIONAL_ID"
        found.add((kind, profile.national_id.value))
    if profile.date_of_birth:
        found.add(("DATE_OF_BIRTH", profile.date_of_birth.isoformat()))
    for product in profile.products:
        if isinstance(product, CurrentAccount | SavingsAccount):
            found.add(("IBAN", product.iban))
            if product.iban.startswith("NO"):
                found.add(("ACCOUNT_NUMBER", product.iban[4:]))
        if isinstance(product, Card):
            found.add(("CREDIT_CARD", product.number))
    for account in profile.external_accounts:
        found.add(("IBAN", account.iban) if account.iban else ("ACCOUNT_NUMBER", account.account_number or ""))
    found |= {("PHONE", p) for p in profile.phones} | {("EMAIL", e) for e in profile.emails}
    if profile.address:
        found.add(("ADDRESS", profile.address.street))
    for name in (profile.company_name, profile.employer):
        if name:
            found.add(("PERSON", name))
    if profile.registration_number:
        found.add(("NATIONAL_ID", profile.registration_number))
    for contact in profile.contacts:
        found |= {("PERSON", contact.name), ("PHONE", contact.phone or ""), ("EMAIL", contact.email or "")}
    return found


@pytest.mark.parametrize("client_id", [
    "C1001",  # Latvian, owner of a company, joint household
    "C1013",  # Russian speaker in Riga: Russian cases, passport and Latvian spellings
    "C1019",  # Russian passport instead of a national id
    "C1036",  # English speaker in Oslo with a D-number
    "C1038",  # non-resident in London with a UK account
    "C1045",  # Chinese non-resident with a Chinese bank account
    "C1011",  # Latvian company with contacts
    "C1047",  # Norwegian company with a Chinese-speaking owner
])
def test_known_identifiers_cover_every_identifying_field(client_id: str) -> None:
    profile = sample_client(client_id)
    got = {(k.type, k.value) for k in known_identifiers(profile)}
    assert _expected(profile) <= got, sorted(_expected(profile) - got)
    assert all(k.value == k.value.strip() and k.value for k in known_identifiers(profile))


def test_known_identifiers_add_the_forms_banks_print() -> None:
    got = {(k.type, k.value) for k in known_identifiers(sample_client("C1001"))}
    assert {("PERSON", "Jānis Bērziņš"), ("PERSON", "Jāņa Bērziņa"), ("PERSON", "Jānim Bērziņam"),
            ("PERSON", "Janis Berzins")} <= got
    iban = next(p.iban for p in sample_client("C1001").products if isinstance(p, CurrentAccount))
    assert ("IBAN", " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))) in got
    russian = {k.value for k in known_identifiers(sample_client("C1013")) if k.type == "PERSON"}
    assert {"Андрей Иванов", "Андрея Иванова", "Андрею Иванову", "Андреем Ивановым", "Андрей Николаевич",
            "Иванов Андрей Николаевич", "Andrei Ivanov", "Andrejs Ivanovs", "Andrejam Ivanovam"} <= russian
    chinese = {k.value for k in known_identifiers(sample_client("C1042")) if k.type == "PERSON"}
    assert {"王伟", "Wang Wei", "Wei Wang"} <= chinese


def test_known_identifiers_have_no_duplicates() -> None:
    for profile in sample_clients():
        found = known_identifiers(profile)
        assert len(found) == len(set(found))


# ---- the sample bank ---------------------------------------------------------------------------------------------
def snils_valid(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1), strict=True))
    check = total if total < 100 else 0 if total in (100, 101) else total % 101 % 100
    return len(digits) == 11 and int(digits[:9]) > 1001998 and f"{check:02d}" == digits[9:]


NATIONAL_ID_VALID = {
    "lv_personas_kods": pvn.is_valid,
    "no_fodselsnummer": fodselsnummer.is_valid,
    "ru_inn": lambda v: inn.is_valid(v) and len(v) == 12,
    "ru_snils": snils_valid,
    "cn_resident_id": ric.is_valid,
    "ru_passport": lambda v: re.fullmatch(r"\d{4} \d{6}", v) is not None,  # no check digit exists
    "other": lambda v: re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", v) is not None,  # a UK National Insurance number
}


def test_every_sample_number_has_a_valid_checksum() -> None:
    ibans: list[str] = []
    for profile in sample_clients():
        if profile.national_id:
            assert NATIONAL_ID_VALID[profile.national_id.scheme](profile.national_id.value), profile.national_id
        if profile.registration_number:
            assert {"LV": pvn.is_valid, "NO": orgnr.is_valid}[profile.address.country if profile.address else ""](
                profile.registration_number)
        ibans += [p.iban for p in profile.products if isinstance(p, CurrentAccount | SavingsAccount)]
        ibans += [a.iban for a in profile.external_accounts if a.iban]
        for card in (p for p in profile.products if isinstance(p, Card)):
            assert len(card.number) == 16 and luhn.is_valid(card.number), card.number
        for phone in (*profile.phones, *(c.phone for c in profile.contacts if c.phone)):
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
    assert all(iban.is_valid(number) for number in ibans), [n for n in ibans if not iban.is_valid(n)]
    countries = {number[:2] for number in ibans}
    assert {"LV", "NO"} <= countries and len(countries - {"LV", "NO"}) >= 3


def test_sample_identity_numbers_agree_with_the_profile() -> None:
    for profile in sample_clients():
        nid, born = profile.national_id, profile.date_of_birth
        if nid and born and nid.scheme == "no_fodselsnummer":
            assert fodselsnummer.get_birth_date(nid.value) == born
        if nid and born and nid.scheme == "cn_resident_id":
            assert ric.get_birth_date(nid.value) == born
        if nid and born and nid.scheme == "lv_personas_kods" and not nid.value.startswith("32"):
            assert pvn.get_birth_date(nid.value) == born


def test_the_sample_bank_is_large_and_spread_over_segments_and_languages() -> None:
    clients = sample_clients()
    assert len(clients) >= 40 and all(c.synthetic for c in clients)
    assert len({c.client_id for c in clients}) == len(clients)
    assert {c.segment for c in clients} == {"retail", "premium", "private", "corporate"}
    assert {c.preferred_language for c in clients} == {"en", "lv", "no", "ru", "zh"}
    for language in ("en", "lv", "no", "ru", "zh"):
        assert sum(c.preferred_language == language for c in clients) >= 5, language
    corporate = [c for c in clients if c.segment == "corporate"]
    assert len(corporate) >= 6
    for company in corporate:
        assert company.kind == "company" and company.contacts
        assert any(isinstance(p, CreditLine) for p in company.products)
        assert any(isinstance(p, TradeFinance) and p.status == "requested" for p in company.products)


def test_every_client_is_served_by_a_sample_advisor_who_speaks_their_language() -> None:
    advisors = {a.advisor_id: a for a in map(Advisor.model_validate_json, _read("advisors.jsonl"))}
    teams = {t.team_id for t in map(Team.model_validate_json, _read("teams.jsonl"))}
    assert len(advisors) >= 6 and len(teams) == 2 and {a.team for a in advisors.values()} == teams
    for client in sample_clients():
        manager = advisors[client.relationship_manager]
        assert client.team == manager.team
        assert client.preferred_language in manager.languages
        for note in client.notes:
            assert client.preferred_language in advisors[note.author].languages


SCRIPT = {"ru": r"[а-яё]", "zh": r"[\u4e00-\u9fff]", "lv": r"[āčēģīķļņšūž]", "no": r"\b(og|på|er|kunden)\b"}


def test_sample_notes_are_dated_and_written_in_the_clients_language() -> None:
    for client in sample_clients():
        assert client.notes
        assert [n.on for n in client.notes] == sorted(n.on for n in client.notes)
        for note in client.notes:
            assert note.on <= REFERENCE
            if client.preferred_language in SCRIPT:
                assert re.search(SCRIPT[client.preferred_language], note.text, re.I), note.text


def _within(when: dt.date | None, days: int) -> bool:
    return when is not None and REFERENCE <= when <= REFERENCE + dt.timedelta(days=days)


def test_the_sample_bank_raises_every_kind_of_need_signal() -> None:
    clients = sample_clients()
    eur = {"EUR": 1, "NOK": 11}

    def count(rule: Any) -> int:
        return sum(1 for c in clients if rule(c))

    assert count(lambda c: any(isinstance(p, Mortgage) and _within(p.fixed_rate_end, 90) for p in c.products)) >= 4
    assert count(lambda c: any(isinstance(p, Deposit) and _within(p.maturity, 30) for p in c.products)) >= 4
    assert count(lambda c: c.kind == "person" and any(
        isinstance(p, CurrentAccount) and p.balance > 20000 * eur[p.currency] and c.monthly_spending
        and p.balance > 10 * c.monthly_spending for p in c.products)) >= 4
    assert count(lambda c: c.kyc.next_review <= REFERENCE + dt.timedelta(days=60)) >= 4
    assert count(lambda c: not c.consents.marketing) >= 3
    assert count(lambda c: c.vulnerable) == 1
    assert count(lambda c: any(k.status == "open" for k in c.complaints)) == 1
    assert count(lambda c: c.life_events) >= 8
    assert {e.kind for c in clients for e in c.life_events} >= {
        "marriage", "birth", "coming_of_age", "retirement", "inheritance", "move", "new_job", "company_sale"}


def test_sample_links_tie_households_and_companies_together() -> None:
    clients = {c.client_id: c for c in sample_clients()}
    links = [(c, link) for c in clients.values() for link in c.links]
    assert all(link.client_id in clients for _, link in links)
    assert {link.relation for _, link in links} == {"household", "owner", "director", "employee"}
    assert all(clients[link.client_id].kind == "company" for _, link in links if link.relation != "household")
    children = [c for c, link in links if link.detail == "child"]
    assert any(c.date_of_birth and _within(generator.years_after(c.date_of_birth, 18), 60) for c in children)
    assert sum(link.detail == "spouse" for _, link in links) >= 3


def test_the_generator_reproduces_the_committed_files_byte_for_byte() -> None:
    rendered = generator.render()
    assert set(rendered) == set(generator.OUTPUTS)
    for name, text in rendered.items():
        assert (SAMPLE / name).read_bytes() == text.encode("utf-8"), f"{name} is stale: run the generator"
    assert all(json.loads(line)["synthetic"] is True for line in _read("clients.jsonl"))
