"""Need-signal rules: the YAML the bank edits, and the fixed vocabulary of predicates a rule's `when` may use.

A rule names one predicate with its parameters; the predicate looks at one profile on one day and returns a
`Hit` (the evidence it found and the days left) or None. Product families name what an opportunity could lead to,
so the evaluator can tell whether the client already holds it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import UsageError
from knowledge.profiles import (
    Card,
    ClientProfile,
    CurrentAccount,
    Deposit,
    Investment,
    Loan,
    Mortgage,
    Product,
    RiskLevel,
    SavingsAccount,
    TradeFinance,
)

LANGUAGES = ("en", "lv", "no", "ru", "zh")
DEFAULT_RULES = Path(__file__).with_name("signal_rules.yaml")
Kind = Literal["service", "opportunity"]


class InvalidSignalRules(UsageError):
    """The need-signal rules file is malformed; the message names the rule and the fix."""


@dataclass(frozen=True)
class Evidence:
    """One profile field a signal cites, as a path into the profile and its value as text."""

    field: str
    value: str


@dataclass(frozen=True)
class Hit:
    """What a predicate found: the evidence, and the days left before the event (None: no deadline)."""

    evidence: tuple[Evidence, ...]
    days_left: int | None = None


# --- product families: what an opportunity could lead to ---------------------------------------------------------

FAMILIES: dict[str, Callable[[Product], bool]] = {
    "current_account": lambda p: isinstance(p, CurrentAccount),
    "savings_account": lambda p: isinstance(p, SavingsAccount),
    "childrens_savings": lambda p: isinstance(p, SavingsAccount) and "child" in p.name.lower(),
    "deposit": lambda p: isinstance(p, Deposit),
    "investment": lambda p: isinstance(p, Investment),
    "equity_fund": lambda p: isinstance(p, Investment) and p.risk_class >= 4,
    "pension": lambda p: p.type == "pension",
    "mortgage": lambda p: isinstance(p, Mortgage),
    "loan": lambda p: isinstance(p, Loan),
    "card": lambda p: isinstance(p, Card),
    "credit_line": lambda p: p.type == "credit_line",
    "trade_finance": lambda p: isinstance(p, TradeFinance) and p.status == "active",
    # The profile has no FX-forward product type yet; a hedge is recorded by its name.
    "fx_hedging": lambda p: any(word in p.name.lower() for word in ("fx forward", "fx hedge", "currency hedge")),
}
Family = Literal[
    "current_account", "savings_account", "childrens_savings", "deposit", "investment", "equity_fund", "pension",
    "mortgage", "loan", "card", "credit_line", "trade_finance", "fx_hedging",
]


def held(profile: ClientProfile, family: str) -> list[Product]:
    """The client's products in the family."""
    return [p for p in profile.products if FAMILIES[family](p)]


# --- predicates -------------------------------------------------------------------------------------------------

class _Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Days(_Params):
    days: int = Field(ge=0)


class _NoParams(_Params):
    pass


class _IdleParams(_Params):
    months_of_spending: Decimal = Field(ge=0)
    min_eur: Decimal = Field(ge=0)
    eur_rates: dict[str, Decimal] = {}  # units of the currency per EUR, e.g. NOK: 11.7


class _RetirementParams(_Params):
    years: int = Field(gt=0)
    age: int = Field(default=65, gt=0)  # when no retirement date is recorded
    without: Family | None = None  # fires only if the client holds none of this family
    holding: Family | None = None  # fires only if the client holds this family


class _LifeEventParams(_Params):
    kinds: tuple[str, ...] = Field(min_length=1)
    days_before: int = Field(default=0, ge=0)  # an expected event this many days ahead
    days_after: int = Field(default=0, ge=0)  # an event this many days ago


class _RiskReviewParams(_Params):
    days: int = Field(ge=0)
    valid_years: int = Field(default=2, gt=0)
    holding: Family | None = None


def _pid(product: Product, attribute: str) -> str:
    return f"products[{product.product_id}].{attribute}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _fixed_rate_ends_within(profile: ClientProfile, params: _Days, today: dt.date) -> Hit | None:
    evidence: list[Evidence] = []
    days_left: list[int] = []
    for p in profile.products:
        if isinstance(p, Mortgage | Loan) and p.fixed_rate_end and 0 <= (p.fixed_rate_end - today).days <= params.days:
            days_left.append((p.fixed_rate_end - today).days)
            evidence += [Evidence(_pid(p, "fixed_rate_end"), p.fixed_rate_end.isoformat()),
                         Evidence(_pid(p, "rate"), f"{p.rate} %")]
    return Hit(tuple(evidence), min(days_left)) if days_left else None


def _deposit_matures_within(profile: ClientProfile, params: _Days, today: dt.date) -> Hit | None:
    found = [p for p in profile.products if isinstance(p, Deposit) and 0 <= (p.maturity - today).days <= params.days]
    evidence = [e for p in found for e in (Evidence(_pid(p, "maturity"), p.maturity.isoformat()),
                                           Evidence(_pid(p, "amount"), f"{p.amount} {p.currency}"),
                                           Evidence(_pid(p, "auto_renew"), str(p.auto_renew).lower()))]
    return Hit(tuple(evidence), min((p.maturity - today).days for p in found)) if found else None


def _kyc_review_due_within(profile: ClientProfile, params: _Days, today: dt.date) -> Hit | None:
    days = (profile.kyc.next_review - today).days  # an overdue review is due too, and the most urgent
    if days > params.days:
        return None
    return Hit((Evidence("kyc.next_review", profile.kyc.next_review.isoformat()),
                Evidence("kyc.risk_rating", profile.kyc.risk_rating)), days)


def _card_expires_within(profile: ClientProfile, params: _Days, today: dt.date) -> Hit | None:
    found: list[tuple[Card, int]] = []
    for p in profile.products:
        if isinstance(p, Card):
            year, month = (int(part) for part in p.expiry.split("-"))
            last_day = dt.date(year, month, calendar.monthrange(year, month)[1])  # a card is valid to month end
            if 0 <= (last_day - today).days <= params.days:
                found.append((p, (last_day - today).days))
    evidence = [Evidence(_pid(p, "expiry"), p.expiry) for p, _ in found]
    return Hit(tuple(evidence), min(d for _, d in found)) if found else None


def _child_turns_18_within(profile: ClientProfile, params: _Days, today: dt.date) -> Hit | None:
    evidence: list[Evidence] = []
    days_left: list[int] = []
    if profile.date_of_birth:
        days = (_add_years(profile.date_of_birth, 18) - today).days
        if 0 <= days <= params.days:
            days_left.append(days)
            evidence.append(Evidence("date_of_birth", profile.date_of_birth.isoformat()))
            evidence += [Evidence(f"links[{link.client_id}].detail", link.detail or link.relation)
                         for link in profile.links if link.relation == "household"]
    for i, event in enumerate(profile.life_events):  # a household child's coming of age, recorded as an event
        if event.kind == "coming_of_age" and 0 <= (event.on - today).days <= params.days:
            days_left.append((event.on - today).days)
            evidence.append(Evidence(f"life_events[{i}].on", f"coming_of_age {event.on.isoformat()}"))
    return Hit(tuple(evidence), min(days_left)) if days_left else None


def _retirement_within_years(profile: ClientProfile, params: _RetirementParams, today: dt.date) -> Hit | None:
    if profile.kind != "person":
        return None
    if params.without and held(profile, params.without):
        return None
    if params.holding and not held(profile, params.holding):
        return None
    events = [(i, e) for i, e in enumerate(profile.life_events) if e.kind == "retirement" and e.on >= today]
    if events:
        i, event = min(events, key=lambda pair: pair[1].on)
        when, evidence = event.on, Evidence(f"life_events[{i}].on", f"retirement {event.on.isoformat()}")
    elif profile.date_of_birth:
        when = _add_years(profile.date_of_birth, params.age)
        evidence = Evidence("date_of_birth", profile.date_of_birth.isoformat())
    else:
        return None
    if not today <= when <= _add_years(today, params.years):
        return None
    extra = tuple(Evidence(_pid(p, "name"), p.name) for p in held(profile, params.holding)) if params.holding else ()
    return Hit((evidence, *extra), (when - today).days)


def _idle_balance_above(profile: ClientProfile, params: _IdleParams, today: dt.date) -> Hit | None:
    rates = {"EUR": Decimal(1), **params.eur_rates}
    accounts = [p for p in profile.products if isinstance(p, CurrentAccount) and p.currency in rates]
    total_eur = sum((p.balance / rates[p.currency] for p in accounts), Decimal(0))
    threshold = params.min_eur
    if profile.monthly_spending is not None and profile.currency in rates:
        threshold = max(threshold, params.months_of_spending * profile.monthly_spending / rates[profile.currency])
    if not accounts or total_eur <= threshold:
        return None
    evidence = [Evidence(_pid(p, "balance"), f"{p.balance} {p.currency}") for p in accounts]
    if profile.monthly_spending is not None:
        evidence.append(Evidence("monthly_spending", f"{profile.monthly_spending} {profile.currency}"))
    return Hit(tuple(evidence))


# The currency a counterparty is paid in, by country; the countries the sample bank trades with.
_EURO_AREA = {"AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL",
              "PT", "SI", "SK"}
_CURRENCIES = {"NO": "NOK", "SE": "SEK", "DK": "DKK", "GB": "GBP", "US": "USD", "CN": "CNY", "PL": "PLN",
               "CH": "CHF", "JP": "JPY", "RU": "RUB"}


def _country_currency(country: str) -> str | None:
    return "EUR" if country in _EURO_AREA else _CURRENCIES.get(country)


def _corporate_foreign_suppliers_without_cover(profile: ClientProfile, params: _NoParams, today: dt.date) -> Hit | None:
    if profile.kind != "company" or held(profile, "fx_hedging"):
        return None
    found = [p for p in profile.products if isinstance(p, TradeFinance) and p.status != "closed"
             and p.counterparty_country and _country_currency(p.counterparty_country) not in (None, profile.currency)]
    evidence = [e for p in found for e in (Evidence(_pid(p, "counterparty_country"), p.counterparty_country or ""),
                                           Evidence(_pid(p, "amount"), f"{p.amount} {p.currency}"))]
    return Hit(tuple(evidence)) if found else None


def _open_complaint(profile: ClientProfile, params: _NoParams, today: dt.date) -> Hit | None:
    found = [c for c in profile.complaints if c.status in ("open", "in_progress")]
    evidence = [Evidence(f"complaints[{c.complaint_id}].status", f"{c.status} since {c.opened_on.isoformat()}")
                for c in found]
    # The longer a complaint has been open, the more urgent: days left goes negative.
    return Hit(tuple(evidence), min((c.opened_on - today).days for c in found)) if found else None


def _life_event_within(profile: ClientProfile, params: _LifeEventParams, today: dt.date) -> Hit | None:
    found = [(i, e) for i, e in enumerate(profile.life_events) if e.kind in params.kinds
             and -params.days_after <= (e.on - today).days <= params.days_before]
    evidence = [Evidence(f"life_events[{i}].on", f"{e.kind} {e.on.isoformat()}") for i, e in found]
    return Hit(tuple(evidence)) if found else None


def _risk_profile_expires_within(profile: ClientProfile, params: _RiskReviewParams, today: dt.date) -> Hit | None:
    if profile.risk_profile is None or (params.holding and not held(profile, params.holding)):
        return None
    expires = _add_years(profile.risk_profile.assessed_on, params.valid_years)
    days = (expires - today).days  # an expired profile is due too, and the most urgent
    if days > params.days:
        return None
    return Hit((Evidence("risk_profile.assessed_on", profile.risk_profile.assessed_on.isoformat()),
                Evidence("risk_profile.level", profile.risk_profile.level)), days)


@dataclass(frozen=True)
class Predicate:
    """A condition a rule may name: its parameter schema and the check."""

    params: type[_Params]
    check: Callable[[ClientProfile, Any, dt.date], Hit | None]


PREDICATES: dict[str, Predicate] = {
    "fixed_rate_ends_within": Predicate(_Days, _fixed_rate_ends_within),
    "deposit_matures_within": Predicate(_Days, _deposit_matures_within),
    "kyc_review_due_within": Predicate(_Days, _kyc_review_due_within),
    "card_expires_within": Predicate(_Days, _card_expires_within),
    "child_turns_18_within": Predicate(_Days, _child_turns_18_within),
    "retirement_within_years": Predicate(_RetirementParams, _retirement_within_years),
    "idle_balance_above": Predicate(_IdleParams, _idle_balance_above),
    "corporate_foreign_suppliers_without_cover": Predicate(_NoParams, _corporate_foreign_suppliers_without_cover),
    "open_complaint": Predicate(_NoParams, _open_complaint),
    "life_event_within": Predicate(_LifeEventParams, _life_event_within),
    "risk_profile_expires_within": Predicate(_RiskReviewParams, _risk_profile_expires_within),
}


# --- rules ------------------------------------------------------------------------------------------------------

class _Policy(_Params):
    doc_id: str = Field(min_length=1)
    section: str = Field(min_length=1)


class _ProductTarget(_Params):
    family: Family
    min_risk: RiskLevel | None = None  # the lowest risk profile the family fits; None: no suitability test needed


class _RuleSpec(_Params):
    id: str = Field(min_length=1)
    kind: Kind
    when: str | dict[str, dict[str, Any] | None]
    topic: dict[str, str]
    evidence: tuple[str, ...] = ()
    policy: _Policy
    product: _ProductTarget | None = None
    service_fallback: bool = False  # blocked only by consent, complaint or vulnerability: discuss as service


@dataclass(frozen=True)
class Rule:
    """One need-signal rule, validated."""

    id: str
    kind: Kind
    predicate: str
    params: _Params
    topic: Mapping[str, str]
    evidence: tuple[str, ...]
    policy_doc_id: str
    policy_section: str
    product_family: str | None = None
    min_risk: RiskLevel | None = None
    service_fallback: bool = False

    def match(self, profile: ClientProfile, today: dt.date) -> Hit | None:
        """The predicate's hit on this profile today, if any."""
        return PREDICATES[self.predicate].check(profile, self.params, today)


def load_rules(path: Path | None = None) -> list[Rule]:
    """Read and validate the rules file (default: the bundled one)."""
    source = path or DEFAULT_RULES
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InvalidSignalRules(f"cannot read need-signal rules from {source}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InvalidSignalRules(f"{source}: expected a mapping with a list under 'rules'")
    rules = [parse_rule(raw, position) for position, raw in enumerate(data["rules"], start=1)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise InvalidSignalRules(f"rule '{rule.id}' is defined twice; rule ids must be unique")
        seen.add(rule.id)
    return rules


def parse_rule(raw: object, position: int = 1) -> Rule:
    """One rule from its YAML mapping; errors name the rule (or its position when it has no id)."""
    name = f"rule '{raw['id']}'" if isinstance(raw, dict) and raw.get("id") else f"rule #{position}"
    try:
        spec = _RuleSpec.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'rule'}: {e['msg']}" for e in error.errors())
        raise InvalidSignalRules(f"{name}: {problems}") from None
    missing = [lang for lang in LANGUAGES if not spec.topic.get(lang, "").strip()]
    if missing:
        raise InvalidSignalRules(f"{name}: topic is missing in {', '.join(missing)}")
    stray = [lang for lang in spec.topic if lang not in LANGUAGES]
    if stray:
        raise InvalidSignalRules(f"{name}: topic has unknown languages {', '.join(stray)} (use {', '.join(LANGUAGES)})")
    if isinstance(spec.when, str):
        predicate, raw_params = spec.when, None
    elif len(spec.when) == 1:
        predicate, raw_params = next(iter(spec.when.items()))
    else:
        raise InvalidSignalRules(f"{name}: 'when' must name exactly one predicate")
    if predicate not in PREDICATES:
        raise InvalidSignalRules(f"{name}: unknown predicate '{predicate}' (known: {', '.join(sorted(PREDICATES))})")
    try:
        params = PREDICATES[predicate].params.model_validate(raw_params or {})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        raise InvalidSignalRules(f"{name}: bad parameters for {predicate}: {problems}") from None
    if spec.kind == "opportunity" and spec.product is None:
        raise InvalidSignalRules(f"{name}: an opportunity rule needs 'product' (the family it could lead to)")
    if spec.kind == "service" and (spec.product is not None or spec.service_fallback):
        raise InvalidSignalRules(f"{name}: a service rule has no 'product' or 'service_fallback'")
    unknown = [f for f in spec.evidence if f.split(".")[0] not in ClientProfile.model_fields]
    if unknown:
        raise InvalidSignalRules(f"{name}: evidence names unknown profile fields: {', '.join(unknown)}")
    return Rule(
        id=spec.id, kind=spec.kind, predicate=predicate, params=params, topic=dict(spec.topic),
        evidence=spec.evidence, policy_doc_id=spec.policy.doc_id, policy_section=spec.policy.section,
        product_family=spec.product.family if spec.product else None,
        min_risk=spec.product.min_risk if spec.product else None, service_fallback=spec.service_fallback,
    )
