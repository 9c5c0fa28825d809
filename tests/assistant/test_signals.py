"""Need signals: each rule fires inside its window and not outside it; suitability blocks pitches with a reason."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from assistant.signal_rules import LANGUAGES, InvalidSignalRules
from assistant.signals import Signal, evaluate, load_rules
from knowledge.profiles import (
    ClientProfile,
    Complaint,
    Consents,
    Deposit,
    LifeEvent,
    Pension,
    RiskProfile,
    SavingsAccount,
    TradeFinance,
)

TODAY = dt.date(2026, 11, 22)
SAMPLE = Path(__file__).parents[2] / "knowledge" / "sample_bank"
CLIENTS = {p.client_id: p for p in (ClientProfile.model_validate_json(line)
                                    for line in (SAMPLE / "clients.jsonl").read_text(encoding="utf-8").splitlines())}
RULES = load_rules()


def client(client_id: str, **update: Any) -> ClientProfile:
    return CLIENTS[client_id].model_copy(update=update)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def signal(profile: ClientProfile, rule_id: str) -> Signal | None:
    return next((s for s in evaluate(profile, today=TODAY, rules=RULES) if s.rule_id == rule_id), None)


def with_product(profile: ClientProfile, product_id: str, **changes: Any) -> ClientProfile:
    products = tuple(p.model_copy(update=changes) if p.product_id == product_id else p for p in profile.products)
    return profile.model_copy(update={"products": products})


def without_type(profile: ClientProfile, kind: str) -> ClientProfile:
    return profile.model_copy(update={"products": tuple(p for p in profile.products if p.type != kind)})


def _deposit(profile: ClientProfile) -> ClientProfile:
    extra = Deposit(product_id="X-DEP", name="Term deposit 12 months", amount=Decimal(1000), rate=Decimal(2),
                    term_months=12, maturity=days(300))
    return profile.model_copy(update={"products": (*profile.products, extra)})


def _coming_of_age(dob: dt.date) -> ClientProfile:
    return client("C1003", date_of_birth=dob, life_events=())


# (rule, profile that fires, profile just outside the window)
CASES: list[tuple[str, ClientProfile, ClientProfile]] = [
    ("fixed_rate_ending", with_product(CLIENTS["C1001"], "C1001-P05", fixed_rate_end=days(90)),
     with_product(CLIENTS["C1001"], "C1001-P05", fixed_rate_end=days(91))),
    ("deposit_maturing", with_product(CLIENTS["C1002"], "C1002-P05", maturity=days(30)),
     with_product(CLIENTS["C1002"], "C1002-P05", maturity=days(31))),
    ("kyc_review_due", client("C1001", kyc=CLIENTS["C1001"].kyc.model_copy(update={"next_review": days(60)})),
     client("C1001", kyc=CLIENTS["C1001"].kyc.model_copy(update={"next_review": days(61)}))),
    ("card_expiring", with_product(CLIENTS["C1003"], "C1003-P02", expiry="2026-12"),  # valid to 31 Dec: 39 days
     with_product(CLIENTS["C1003"], "C1003-P02", expiry="2027-01")),  # 31 Jan: 70 days
    ("complaint_follow_up",
     client("C1025"),
     client("C1025", complaints=tuple(c.model_copy(update={"status": "resolved"})
                                      for c in CLIENTS["C1025"].complaints))),
    ("risk_profile_review", client("C1001", risk_profile=RiskProfile(level="growth", assessed_on=dt.date(2025, 1, 21))),
     client("C1001", risk_profile=RiskProfile(level="growth", assessed_on=dt.date(2025, 1, 22)))),
    ("retirement_income_review", client("C1005", life_events=(LifeEvent(kind="retirement", on=days(365)),)),
     client("C1005", life_events=(LifeEvent(kind="retirement", on=days(366)),))),
    ("idle_balance", with_product(CLIENTS["C1015"], "C1015-P01", balance=Decimal("56856.01")),  # 6 x 9476
     with_product(CLIENTS["C1015"], "C1015-P01", balance=Decimal("56856.00"))),
    ("retirement_planning", without_type(client("C1005", life_events=(LifeEvent(kind="retirement", on=days(1800)),)),
                                         "pension"),
     without_type(client("C1005", life_events=(LifeEvent(kind="retirement", on=dt.date(2031, 11, 23)),),
                         date_of_birth=dt.date(1980, 1, 1)), "pension")),
    ("coming_of_age", _coming_of_age(dt.date(2009, 3, 22)), _coming_of_age(dt.date(2009, 3, 23))),
    ("new_child", client("C1007", life_events=(LifeEvent(kind="birth", on=days(-180)),)),
     client("C1007", life_events=(LifeEvent(kind="birth", on=days(-181)),))),
    ("windfall", client("C1031", life_events=(LifeEvent(kind="inheritance", on=days(-120)),)),
     client("C1031", life_events=(LifeEvent(kind="inheritance", on=days(-121)),))),
    ("corporate_fx_cover", client("C1011"),
     with_product(with_product(CLIENTS["C1011"], "C1011-P04", counterparty_country="DE"),
                  "C1011-P05", counterparty_country="FI")),
]


def test_every_rule_has_a_case() -> None:
    assert {r.id for r in RULES} == {rule_id for rule_id, _, _ in CASES}


@pytest.mark.parametrize(("rule_id", "inside", "outside"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_inside_its_window_only(rule_id: str, inside: ClientProfile, outside: ClientProfile) -> None:
    fired = signal(inside, rule_id)
    assert fired is not None and fired.verdict == "raise" and fired.evidence
    assert signal(outside, rule_id) is None


OPPORTUNITIES = [(rule_id, inside) for rule_id, inside, _ in CASES
                 if next(r for r in RULES if r.id == rule_id).kind == "opportunity"]
COMPLAINT = Complaint(complaint_id="K-T", opened_on=days(-3), summary="fee", status="open")


def _holding(rule_id: str, profile: ClientProfile) -> ClientProfile:
    family = next(r for r in RULES if r.id == rule_id).product_family
    extra = {
        "deposit": Deposit(product_id="X-H", name="Term deposit 12 months", amount=Decimal(1), rate=Decimal(1),
                           term_months=12, maturity=days(400)),
        "savings_account": SavingsAccount(product_id="X-H", name="Savings account", iban="LV00NLYS0000000000001",
                                          balance=Decimal(1)),
        "childrens_savings": SavingsAccount(product_id="X-H", name="Children's savings account",
                                            iban="LV00NLYS0000000000002", balance=Decimal(1)),
        "pension": Pension(product_id="X-H", name="Nordlys Pension Conservative", value=Decimal(1)),
        "fx_hedging": TradeFinance(product_id="X-H", name="FX forward", instrument="guarantee", amount=Decimal(1),
                                   status="active"),
    }[family or ""]
    return profile.model_copy(update={"products": (*profile.products, extra)})


@pytest.mark.parametrize(("rule_id", "inside"), OPPORTUNITIES, ids=[c[0] for c in OPPORTUNITIES])
@pytest.mark.parametrize(("blocker", "reason"), [
    ("consent", "marketing consent"), ("complaint", "open complaint"), ("vulnerable", "vulnerable"),
    ("held", "already holds"),
])
def test_suitability_blocks_opportunities(rule_id: str, inside: ClientProfile, blocker: str, reason: str) -> None:
    rule = next(r for r in RULES if r.id == rule_id)
    excludes_holders = rule.predicate in ("retirement_within_years", "corporate_foreign_suppliers_without_cover")
    blocked = {
        "consent": lambda p: p.model_copy(update={"consents": Consents(marketing=False, profiling=True)}),
        "complaint": lambda p: p.model_copy(update={"complaints": (COMPLAINT,)}),
        "vulnerable": lambda p: p.model_copy(update={"vulnerable": True}),
        "held": lambda p: _holding(rule_id, p),
    }[blocker](inside)
    fired = signal(blocked, rule_id)
    if blocker == "held" and excludes_holders:
        assert fired is None  # these predicates never fire for a client who already holds the product
        return
    assert fired is not None
    expected = "service_only" if rule.service_fallback and blocker != "held" else "do_not_propose"
    assert fired.verdict == expected
    assert any(reason in r for r in fired.reasons)


def test_risk_profile_that_does_not_fit_blocks_the_pitch() -> None:
    inside = next(p for rule_id, p, _ in CASES if rule_id == "retirement_planning")
    for risk, reason in [(None, "no suitability test"),
                         (RiskProfile(level="conservative", assessed_on=dt.date(2022, 1, 1)), "older than 2 years")]:
        fired = signal(inside.model_copy(update={"risk_profile": risk}), "retirement_planning")
        assert fired is not None and fired.verdict == "do_not_propose"
        assert any(reason in r for r in fired.reasons)


def test_equity_family_needs_a_matching_risk_profile(tmp_path: Path) -> None:
    text = (Path("assistant/signal_rules.yaml")).read_text(encoding="utf-8")
    text = text.replace("product: {family: deposit}\n\n  - id: retirement_planning",
                        "product: {family: equity_fund, min_risk: balanced}\n\n  - id: retirement_planning")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    rules = load_rules(tmp_path / "rules.yaml")
    profile = without_type(with_product(CLIENTS["C1015"], "C1015-P01", balance=Decimal(500000)), "investment")
    conservative = profile.model_copy(update={"risk_profile": RiskProfile(level="conservative", assessed_on=TODAY)})
    fired = next(s for s in evaluate(conservative, today=TODAY, rules=rules) if s.rule_id == "idle_balance")
    assert fired.verdict == "do_not_propose"
    assert any("does not fit equity fund" in r for r in fired.reasons)


@pytest.mark.parametrize("client_id", sorted(CLIENTS))
def test_every_sample_client_evaluates(client_id: str) -> None:
    profile = CLIENTS[client_id]
    signals = evaluate(profile, today=TODAY)
    assert all(s.language == profile.preferred_language for s in signals)
    kinds = [s.kind for s in signals]
    assert kinds == sorted(kinds, key=lambda k: k != "service")  # service first
    if not profile.consents.marketing:
        assert not any(s.kind == "opportunity" and s.verdict == "raise" for s in signals)


def test_without_marketing_consent_no_opportunity_is_raised() -> None:
    for profile in CLIENTS.values():
        silent = profile.model_copy(update={"consents": Consents(marketing=False, profiling=False)})
        assert not any(s.kind == "opportunity" and s.verdict == "raise" for s in evaluate(silent, today=TODAY))


def test_service_signals_come_first_then_by_urgency() -> None:
    signals = evaluate(CLIENTS["C1005"], today=TODAY, rules=RULES)
    assert [s.rule_id for s in signals] == ["deposit_maturing", "kyc_review_due", "retirement_income_review"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_topics_exist_in_every_language(language: str) -> None:
    for rule in RULES:
        assert rule.topic[language].strip().endswith(("?", "？"))
    signals = evaluate(CLIENTS["C1001"], today=TODAY, language=language)
    assert signals and all(s.topic == next(r for r in RULES if r.id == s.rule_id).topic[language] for s in signals)


def test_policies_cited_exist_in_the_sample_bank() -> None:
    headings: dict[str, set[str]] = {}
    for path in (SAMPLE / "documents").rglob("*.en.md"):
        text = path.read_text(encoding="utf-8")
        doc_id = re.search(r"^id:\s*(\S+)", text, re.M)
        assert doc_id
        headings.setdefault(doc_id.group(1), set()).update(re.findall(r"^#{1,6}\s+(.+?)\s*$", text, re.M))
    for rule in RULES:
        assert rule.policy_section in headings.get(rule.policy_doc_id, set()), rule.id


@pytest.mark.parametrize(("change", "message"), [
    (("when: open_complaint", "when: {owns_a_yacht: {days: 3}}"), "rule 'complaint_follow_up': unknown predicate"),
    (("      zh: \"您的投诉仍在处理中：还有什么我们需要了解的吗？我们怎样才能妥善解决？\"\n", ""),
     "rule 'complaint_follow_up': topic is missing in zh"),
    (("{deposit_matures_within: {days: 30}}", "{deposit_matures_within: {weeks: 4}}"),
     "rule 'deposit_maturing': bad parameters"),
])
def test_bad_rules_file_gives_a_clear_error(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = Path("assistant/signal_rules.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "rules.yaml").write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.raises(InvalidSignalRules, match=re.escape(message)):
        load_rules(tmp_path / "rules.yaml")
