"""Need signals: run the bank's rules over a profile and give each hit a topic, evidence, policy and verdict.

Service signals (a product the client holds needs attention) are always raised. An opportunity is a topic that
could lead to a product; suitability decides whether it may be pitched: no marketing consent, an open complaint,
a vulnerable client, a risk profile that does not fit or a product already held means do not propose. A rule
marked `service_fallback` is discussed as service instead when only consent, a complaint or vulnerability block it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.signal_rules import (
    LANGUAGES,
    Evidence,
    InvalidSignalRules,
    Rule,
    held,
    load_rules,
)
from knowledge.profiles import ClientProfile

__all__ = ["Evidence", "InvalidSignalRules", "Rule", "Signal", "evaluate", "load_rules"]

Verdict = Literal["raise", "service_only", "do_not_propose"]
_RISK_ORDER = {"conservative": 0, "balanced": 1, "growth": 2}
_RISK_PROFILE_YEARS = 2  # suitability policy: a risk profile is valid for 2 years


@dataclass(frozen=True)
class Signal:
    """A topic worth raising with the client, why, on what policy, and whether it may be pitched."""

    rule_id: str
    kind: Literal["service", "opportunity"]
    topic: str
    language: str
    evidence: tuple[Evidence, ...]
    policy_doc_id: str
    policy_section: str
    verdict: Verdict
    reasons: tuple[str, ...]  # why it may not be pitched; empty when raised
    days_left: int | None = None  # urgency: days to the event, negative when overdue


def evaluate(
    profile: ClientProfile, *, today: dt.date, rules: Sequence[Rule] | None = None, language: str | None = None,
) -> list[Signal]:
    """Every rule that fires on the profile today, service first, then the most urgent."""
    lang = language or profile.preferred_language
    if lang not in LANGUAGES:
        raise InvalidSignalRules(f"unknown language '{lang}'; use one of {', '.join(LANGUAGES)}")
    signals: list[Signal] = []
    for rule in load_rules() if rules is None else rules:
        hit = rule.match(profile, today)
        if hit is None:
            continue
        verdict, reasons = suitability(profile, rule, today)
        evidence = dict.fromkeys((*hit.evidence, *_cited(profile, rule.evidence)))  # ordered, no repeats
        signals.append(Signal(
            rule_id=rule.id, kind=rule.kind, topic=rule.topic[lang], language=lang, evidence=tuple(evidence),
            policy_doc_id=rule.policy_doc_id, policy_section=rule.policy_section, verdict=verdict, reasons=reasons,
            days_left=hit.days_left,
        ))
    order = {id(s): i for i, s in enumerate(signals)}
    return sorted(signals, key=lambda s: (s.kind != "service", s.days_left is None, s.days_left or 0, order[id(s)]))


def suitability(profile: ClientProfile, rule: Rule, today: dt.date) -> tuple[Verdict, tuple[str, ...]]:
    """Whether a rule's topic may be pitched to this client, and the reasons when not."""
    if rule.kind == "service":
        return "raise", ()
    soft: list[str] = []  # the topic may still be discussed as service
    if not profile.consents.marketing:
        soft.append("no marketing consent: service information only")
    open_complaints = [c.complaint_id for c in profile.complaints if c.status in ("open", "in_progress")]
    if open_complaints:
        soft.append(f"open complaint {', '.join(open_complaints)}: resolve it before any offer")
    if profile.vulnerable:
        soft.append("client recorded as vulnerable: no proactive offers")
    hard: list[str] = []
    if rule.min_risk is not None:
        hard += _risk_mismatch(profile, rule, today)
    if rule.product_family:
        products = held(profile, rule.product_family)
        if products:
            ids = ", ".join(p.product_id for p in products)
            hard.append(f"already holds {rule.product_family.replace('_', ' ')} ({ids})")
    if not soft and not hard:
        return "raise", ()
    if rule.service_fallback and not hard:
        return "service_only", tuple(soft)
    return "do_not_propose", (*soft, *hard)


def _risk_mismatch(profile: ClientProfile, rule: Rule, today: dt.date) -> list[str]:
    risk = profile.risk_profile
    family = (rule.product_family or "product").replace("_", " ")
    if risk is None:
        return [f"no suitability test on record: {family} needs a risk profile"]
    reasons = []
    if _expiry(risk.assessed_on) < today:
        reasons.append(f"risk profile from {risk.assessed_on.isoformat()} is older than {_RISK_PROFILE_YEARS} years")
    if rule.min_risk and _RISK_ORDER[risk.level] < _RISK_ORDER[rule.min_risk]:
        reasons.append(f"risk profile {risk.level} does not fit {family} (needs {rule.min_risk} or higher)")
    return reasons


def _expiry(assessed_on: dt.date) -> dt.date:
    try:
        return assessed_on.replace(year=assessed_on.year + _RISK_PROFILE_YEARS)
    except ValueError:  # 29 February
        return assessed_on.replace(year=assessed_on.year + _RISK_PROFILE_YEARS, day=28)


def _cited(profile: ClientProfile, paths: Sequence[str]) -> list[Evidence]:
    """The values of the profile fields a rule asks to cite; absent fields are left out."""
    cited = []
    for path in paths:
        value: object = profile
        for part in path.split("."):
            value = getattr(value, part, None)
        if isinstance(value, tuple):  # goals, life events: their descriptions, not their repr
            value = "; ".join(str(getattr(item, "description", item)) for item in value) or None
        if value is not None:
            cited.append(Evidence(path, value.isoformat() if isinstance(value, dt.date) else str(value)))
    return cited
