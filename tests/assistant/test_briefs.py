"""Meeting and hand-over briefs on the sample bank: every statement traced to a field, a note or a policy."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.briefs import handover_brief, meeting_brief
from assistant.signals import evaluate
from knowledge.profiles import ClientProfile, Note

TODAY = dt.date(2026, 11, 22)
SAMPLE = Path(__file__).resolve().parents[2] / "knowledge" / "sample_bank"
CLIENTS = {p.client_id: p for p in (ClientProfile.model_validate_json(line)
                                    for line in (SAMPLE / "clients.jsonl").read_text().splitlines() if line.strip())}
ADVISORS = {a["advisor_id"]: a["name"] for a in map(json.loads, (SAMPLE / "advisors.jsonl").read_text().splitlines())}
SOURCE = re.compile(r"\[(field|policy|linked): ([^\]]+)\]|\[(note) ([^\]]+)\]")
Brief = Callable[..., str]


def linked(profile: ClientProfile) -> list[tuple[str, ClientProfile]]:
    """(relation, profile) for every client linked either way, as ProfileStore.linked returns them."""
    pairs = {(link.relation, link.client_id) for link in profile.links}
    pairs |= {(link.relation, other.client_id) for other in CLIENTS.values() for link in other.links
              if link.client_id == profile.client_id}
    return [(relation, CLIENTS[cid]) for relation, cid in sorted(pairs, key=lambda p: (p[1], p[0]))]


def resolve(profile: ClientProfile, path: str) -> object:
    """The value at a brief's field path; items of a tuple are picked by index or by their id."""
    value: object = profile
    for part in path.split("."):
        name, _, key = part.partition("[")
        value = getattr(value, name)
        if key:
            key = key.rstrip("]")
            assert isinstance(value, tuple)
            if key.isdigit():
                value = value[int(key)]
            else:
                ids = ("product_id", "request_id", "complaint_id", "client_id")
                value = next(item for item in value if key in (getattr(item, i, None) for i in ids))
    return value


def sections(text: str) -> dict[str, list[str]]:
    """Lines under each heading (## or ###), by heading text."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("#"):
            current = line.lstrip("#").strip()
            out[current] = []
        elif line.strip():
            out.setdefault(current, []).append(line)
    return out


@pytest.mark.parametrize("brief", [meeting_brief, handover_brief])
@pytest.mark.parametrize("client_id", sorted(CLIENTS))
def test_every_bullet_carries_a_source_that_resolves(brief: Brief, client_id: str) -> None:
    profile = CLIENTS[client_id]
    text = brief(profile, today=TODAY, linked=linked(profile), advisors=ADVISORS, language=profile.preferred_language)
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert bullets
    notes = {(n.on.isoformat(), n.author) for n in profile.notes}
    for line in bullets:
        sources = SOURCE.findall(line)
        assert sources, f"no source on: {line}"
        for match in sources:
            kind, ref = [part for part in match if part]
            if kind == "field":
                assert resolve(profile, ref) is not None, ref
            elif kind == "note":
                on, author = (part.strip() for part in ref.split(","))
                assert (on, author) in notes, ref
            elif kind == "linked":
                other_id, path = (part.strip() for part in ref.split(",", 1))
                assert resolve(CLIENTS[other_id], path) is not None, ref
            else:
                doc, _, section = ref.partition(" > ")
                assert doc and section, ref


def test_corporate_handover_names_team_trade_finance_and_commitments() -> None:
    # The sample record's own commitment (after the trade-finance application) and one added here both appear.
    sample = CLIENTS["C1011"]
    promise = Note(on=dt.date(2026, 11, 12), author="mozols",
                   text="Apsolījām līdz 01.12.2026 nosūtīt akreditīva nosacījumu projektu finanšu direktorei.")
    profile = sample.model_copy(update={"notes": (*sample.notes, promise)})
    request = next(r for r in profile.open_requests if "trade finance" in r.summary.lower())
    text = handover_brief(profile, today=TODAY, linked=linked(profile), advisors=ADVISORS)
    parts = sections(text)
    assert f"- Team: {profile.team} [field: team]" in parts["Who"]
    assert any(request.summary in line and f"[field: open_requests[{request.request_id}].summary]" in line
               and f"[field: open_requests[{request.request_id}].due]" in line for line in parts["Open items"])
    requested = next(p for p in profile.products if p.type == "trade_finance" and p.status == "requested")
    assert any(f"[field: products[{requested.product_id}].status]" in line
               for line in parts["Products and dates"])
    assert f"- “{promise.text}” [note 2026-11-12, mozols]" in parts["Commitments made"]
    own = next(n for n in sample.notes if "Vienojāmies" in n.text)
    assert f"- “{own.text}” [note {own.on.isoformat()}, {own.author}]" in parts["Commitments made"]
    people = parts["Key people"]
    assert any("Chief financial officer" in line and "[field: contacts[1].role]" in line for line in people)
    assert any("(C1001)" in line and "[linked: C1001, links[C1011].relation]" in line for line in people)


@pytest.mark.parametrize("client_id", ["C1016", "C1025", "C1040"])
def test_handover_quotes_commitments_from_the_sample_notes(client_id: str) -> None:
    profile = CLIENTS[client_id]
    text = handover_brief(profile, today=TODAY, linked=linked(profile), advisors=ADVISORS)
    commitments = sections(text)["Commitments made"]
    assert commitments and all(SOURCE.search(line) and line.startswith("- “") for line in commitments)


def _agenda(profile: ClientProfile) -> list[str]:
    return sections(meeting_brief(profile, today=TODAY, advisors=ADVISORS))["Suggested agenda"]


@pytest.mark.parametrize("client_id", [c for c, p in sorted(CLIENTS.items()) if not p.consents.marketing])
def test_no_opportunity_on_the_agenda_without_marketing_consent(client_id: str) -> None:
    profile = CLIENTS[client_id]
    offers = [s for s in evaluate(profile, today=TODAY, language="en")
              if s.kind == "opportunity" and s.verdict != "service_only"]
    agenda = "\n".join(_agenda(profile))
    assert all(s.verdict != "raise" for s in offers)
    assert not any(s.topic in agenda for s in offers)


def test_withdrawing_consent_takes_the_opportunity_off_the_agenda() -> None:
    profile = CLIENTS["C1011"]
    offer = next(s for s in evaluate(profile, today=TODAY, language="en")
                 if s.kind == "opportunity" and s.verdict == "raise")
    assert any(offer.topic in line for line in _agenda(profile))
    withdrawn = profile.model_copy(update={"consents": profile.consents.model_copy(update={"marketing": False})})
    assert not any(offer.topic in line for line in _agenda(withdrawn))
    assert any("No marketing consent" in line for line in sections(
        meeting_brief(withdrawn, today=TODAY))["Compliance reminders"])


def test_do_not_propose_signals_are_listed_with_reasons() -> None:
    profile = CLIENTS["C1016"]  # vulnerable, no marketing consent, holds a deposit
    parts = sections(meeting_brief(profile, today=TODAY, advisors=ADVISORS))
    assert any("client recorded as vulnerable" in line for line in parts["Do not propose"])
    assert any("[field: vulnerable]" in line for line in parts["Compliance reminders"])


@pytest.mark.parametrize(("language", "headings"), [
    ("lv", ["Sagatavošanās tikšanās reizei", "Ieteicamā darba kārtība", "Atbilstības atgādinājumi",
            "Jaunākās piezīmes"]),
    ("zh", ["会前简报", "建议议程", "合规提醒", "最近记录"]),
])
def test_meeting_headings_in_the_requested_language(language: str, headings: list[str]) -> None:
    text = meeting_brief(CLIENTS["C1001"], today=TODAY, language=language)
    assert all(any(h in line for line in text.splitlines() if line.startswith("#")) for h in headings)
    assert "Suggested agenda" not in text


@pytest.mark.parametrize(("language", "headings"), [
    ("lv", ["Klienta nodošanas pakete", "Attiecību vēsture", "Dotie solījumi", "Riski"]),
    ("zh", ["客户交接材料", "关系历史", "已作承诺", "风险"]),
])
def test_handover_headings_in_the_requested_language(language: str, headings: list[str]) -> None:
    text = handover_brief(CLIENTS["C1011"], today=TODAY, language=language)
    assert all(any(h in line for line in text.splitlines() if line.startswith("#")) for h in headings)


def test_recent_notes_are_the_last_three_and_kyc_due_soon_is_reminded() -> None:
    profile = CLIENTS["C1005"]  # four notes; KYC review 2027-01-10, within 90 days
    parts = sections(meeting_brief(profile, today=TODAY, advisors=ADVISORS))
    newest = sorted(profile.notes, key=lambda n: n.on)[-3:]
    assert len(parts["Recent notes"]) == 3
    assert all(any(f"[note {n.on.isoformat()}, {n.author}]" in line for line in parts["Recent notes"])
               for n in newest)
    assert any("KYC review due on 2027-01-10" in line for line in parts["Compliance reminders"])


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        meeting_brief(CLIENTS["C1001"], today=TODAY, language="de")
