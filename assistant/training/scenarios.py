"""Training scenarios drawn from synthetic clients: a situation to handle, its learning goal and its policy.

A scenario is read off a client's profile and need signals (a life event, a product gap, an open complaint, a
hand-over, a corporate trade-finance request). Only synthetic clients are ever used: a real client is refused.
The situation names no identifier (no name, id number or account), so a scenario can be shown to any trainee.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.errors import SyntheticClientsOnly, UnknownClient
from assistant.signals import evaluate
from assistant.training.sources import SourceCitation, cite_policy
from knowledge.profile_store import ProfileStore
from knowledge.profiles import ClientProfile
from knowledge.types import Chunk

ScenarioKind = Literal["life_event", "product_gap", "complaint", "handover", "trade_finance"]
KINDS: tuple[ScenarioKind, ...] = ("life_event", "product_gap", "complaint", "handover", "trade_finance")
_GAP_RULES = ("idle_balance", "windfall", "retirement_planning", "deposit_maturing")
_LIFE_RULES = ("coming_of_age", "new_child", "retirement_income_review", "windfall")

# The policy sections each kind rests on (document id, English heading).
POLICIES: dict[ScenarioKind, tuple[tuple[str, str], ...]] = {
    "life_event": (("relationship-management-policy", "Proactive outreach on need signals"),
                   ("suitability-and-fair-selling-policy", "Needs first")),
    "product_gap": (("suitability-and-fair-selling-policy", "Needs first"),
                    ("suitability-and-fair-selling-policy", "Proactive offers and marketing consent")),
    "complaint": (("complaints", "Review and answer"), ("complaints", "Time limits")),
    "handover": (("client-handover-procedure", "Informing the client"),
                 ("client-handover-procedure", "The handover note")),
    "trade_finance": (("corporate-trade-finance", "Who to involve"), ("corporate-trade-finance", "Identifying needs"),
                      ("suitability-and-fair-selling-policy", "Needs first")),
}
TEXTS = Path(__file__).with_name("scenarios.yaml")


@dataclass(frozen=True)
class Scenario:
    """A situation with a synthetic client: what to practise, why, and on which policy passages."""

    id: str
    client_id: str
    kind: ScenarioKind
    language: str  # the client's: the role-play is held in it
    title: str
    learning_goal: str
    situation: tuple[str, ...]  # facts from the profile, without identifiers
    life_event: str | None
    signals: tuple[str, ...]  # need-signal rules that fired
    policies: tuple[SourceCitation, ...]

    def to_dict(self) -> dict[str, object]:
        """The `rapport train scenarios --json` contract."""
        return {"id": self.id, "client_id": self.client_id, "kind": self.kind, "language": self.language,
                "title": self.title, "learning_goal": self.learning_goal, "situation": list(self.situation),
                "life_event": self.life_event, "signals": list(self.signals),
                "policies": [p.to_dict() for p in self.policies]}


def require_synthetic(profile: ClientProfile) -> ClientProfile:
    """The profile, if it is synthetic; training never touches a real client."""
    if not profile.synthetic:
        raise SyntheticClientsOnly(
            f"client {profile.client_id} is a real client: training uses synthetic clients only "
            "(profiles marked synthetic: true)"
        )
    return profile


def training_clients(store: ProfileStore) -> list[ClientProfile]:
    """The clients a trainer or trainee may see: synthetic ones only."""
    return [p for p in store.list(synthetic=True) if p.synthetic]


def training_client(store: ProfileStore, client_id: str) -> ClientProfile:
    """One client for training: unknown ids and real clients are refused."""
    profile = store.get(client_id)
    if profile is None:
        raise UnknownClient(f"no client with id {client_id!r}")
    return require_synthetic(profile)


def scenarios_for(
    profile: ClientProfile, *, today: dt.date, language: str | None = None, chunks: Sequence[Chunk] = (),
) -> list[Scenario]:
    """Every scenario this synthetic client supports, in the order of KINDS."""
    require_synthetic(profile)
    lang = language or profile.preferred_language
    fired = evaluate(profile, today=today, language=lang)
    rule_ids = [s.rule_id for s in fired]
    found: list[tuple[ScenarioKind, tuple[str, ...], str | None]] = []
    event = _latest_event(profile, today)
    if event is not None or any(r in _LIFE_RULES for r in rule_ids):
        found.append(("life_event", tuple(r for r in rule_ids if r in _LIFE_RULES), event))
    if any(r in _GAP_RULES for r in rule_ids):
        found.append(("product_gap", tuple(r for r in rule_ids if r in _GAP_RULES), None))
    if any(c.status in ("open", "in_progress") for c in profile.complaints):
        found.append(("complaint", ("complaint_follow_up",) if "complaint_follow_up" in rule_ids else (), None))
    if profile.kind == "person" and profile.segment in ("premium", "private") and (profile.open_requests or
                                                                                     profile.notes):
        found.append(("handover", (), None))
    if any(p.type == "trade_finance" and p.status == "requested" for p in profile.products):
        found.append(("trade_finance", tuple(r for r in rule_ids if r == "corporate_fx_cover"), None))
    extra = {s.rule_id: (s.policy_doc_id, s.policy_section) for s in fired}
    return [_scenario(profile, kind, lang, rules, ev, chunks, extra) for kind, rules, ev in found]


def generate_scenarios(
    profiles: Iterable[ClientProfile], *, today: dt.date, seed: int = 0, n: int | None = None,
    kinds: Sequence[ScenarioKind] = KINDS, language: str | None = None, chunks: Sequence[Chunk] = (),
) -> list[Scenario]:
    """Scenarios across the synthetic clients (real ones are skipped), each kind in turn; the seed fixes the draw."""
    by_kind: dict[str, list[Scenario]] = {k: [] for k in kinds}
    for profile in profiles:
        if not profile.synthetic:
            continue
        for scenario in scenarios_for(profile, today=today, language=language, chunks=chunks):
            if scenario.kind in by_kind:
                by_kind[scenario.kind].append(scenario)
    rng = random.Random(seed)
    for items in by_kind.values():
        rng.shuffle(items)
    out: list[Scenario] = []
    while any(by_kind.values()) and (n is None or len(out) < n):
        for kind in kinds:
            if by_kind[kind] and (n is None or len(out) < n):
                out.append(by_kind[kind].pop())
    return out


def find_scenario(store: ProfileStore, scenario_id: str, *, today: dt.date, language: str | None = None,
                  chunks: Sequence[Chunk] = ()) -> Scenario:
    """A scenario by id (`kind:client_id`); refused for a real client, UnknownClient when it does not exist."""
    kind, _, client_id = scenario_id.partition(":")
    profile = training_client(store, client_id)
    for scenario in scenarios_for(profile, today=today, language=language, chunks=chunks):
        if scenario.kind == kind:
            return scenario
    raise UnknownClient(f"no scenario {scenario_id!r}; list them with `rapport train scenarios`")


def _scenario(profile: ClientProfile, kind: ScenarioKind, language: str, rules: tuple[str, ...],
              event: str | None, chunks: Sequence[Chunk], extra: dict[str, tuple[str, str]]) -> Scenario:
    sections = list(dict.fromkeys([*POLICIES[kind], *(extra[r] for r in rules if r in extra)]))
    policies = tuple(cite_policy(chunks, doc, section, language) for doc, section in sections)
    return Scenario(
        id=f"{kind}:{profile.client_id}", client_id=profile.client_id, kind=kind, language=profile.preferred_language,
        title=_text("titles", kind, language), learning_goal=_text("goals", kind, language),
        situation=_situation(profile, event),
        life_event=event, signals=rules, policies=policies,
    )


@functools.lru_cache(maxsize=1)
def _texts() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    return data


def _text(group: str, kind: str, language: str) -> str:
    texts = _texts()[group][kind]
    return str(texts.get(language, texts["en"]))


def _latest_event(profile: ClientProfile, today: dt.date) -> str | None:
    """The life event closest to today within a year either way."""
    near = [e for e in profile.life_events if abs((e.on - today).days) <= 366]
    return min(near, key=lambda e: abs((e.on - today).days)).kind if near else None


def _situation(profile: ClientProfile, event: str | None) -> tuple[str, ...]:
    """Facts a trainee may read: structured fields only, never a name, id, account or contact."""
    facts = [f"segment: {profile.segment}", f"kind: {profile.kind}", f"language: {profile.preferred_language}"]
    if profile.date_of_birth is not None:
        facts.append(f"age band: {(dt.date.today().year - profile.date_of_birth.year) // 10 * 10}s")
    if profile.income_band:
        facts.append(f"income band: {profile.income_band}")
    if profile.risk_profile:
        facts.append(f"risk profile: {profile.risk_profile.level}")
    facts.append(f"marketing consent: {'yes' if profile.consents.marketing else 'no'}")
    if profile.vulnerable:
        facts.append("recorded as vulnerable")
    held = sorted({p.type.replace("_", " ") for p in profile.products})
    if held:
        facts.append("products: " + ", ".join(held))
    if event:
        facts.append(f"life event: {event.replace('_', ' ')}")
    if profile.open_requests:
        facts.append(f"open requests: {len(profile.open_requests)}")
    if any(c.status in ("open", "in_progress") for c in profile.complaints):
        facts.append("open complaint")
    return tuple(facts)
