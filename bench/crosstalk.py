"""Load without cross-talk: many concurrent sessions with mixed roles over HTTP, every answer and stored turn checked.

Advisors of both teams ask about clients of their own portfolio by name and IBAN; clients ask about themselves.
A turn's answer (and everything else in its response), and every turn stored in a session, must never show an
identifier of a client outside the session's client and the people linked to them; with a model that echoes
placeholders, the answer must show the session's own values, restored from the session's own vault entries.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from assistant.privacy import client_people
from assistant.users import User, UserStore
from guardrails.vault import Vault
from knowledge.profile_store import ProfileStore
from knowledge.profiles import ClientProfile, known_identifiers

CHECKED_TYPES = {"PERSON", "IBAN", "EMAIL", "PHONE", "NATIONAL_ID", "CREDIT_CARD", "PASSPORT"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_GAP = re.compile(r"[\s\-.]")

ADVISOR_QUESTIONS = {
    "en": ["Client {name} asks what an international transfer from {iban} costs.",
           "What card fees apply to {name}, account {iban}?"],
    "lv": ["Klients {name} jautā, cik maksā starptautisks pārskaitījums no konta {iban}.",
           "Kādas kartes maksas attiecas uz klientu {name}, konts {iban}?"],
    "no": ["Kunden {name} spør hva en utenlandsbetaling fra {iban} koster.",
           "Hvilke kortgebyrer gjelder for {name}, konto {iban}?"],
    "ru": ["Клиент {name} спрашивает, сколько стоит международный перевод со счёта {iban}.",
           "Какие комиссии по карте у клиента {name}, счёт {iban}?"],
    "zh": ["客户{name}想知道从账户{iban}国际转账的费用。", "客户{name}（账户{iban}）的银行卡费用是多少？"],
}
CLIENT_QUESTIONS = {
    "en": ["I am {name}. What does an international transfer from my account {iban} cost?",
           "This is {name}: which card fees apply to my account {iban}?"],
    "lv": ["Esmu {name}. Cik maksā starptautisks pārskaitījums no mana konta {iban}?",
           "Te {name}: kādas kartes maksas attiecas uz manu kontu {iban}?"],
    "no": ["Jeg er {name}. Hva koster en utenlandsbetaling fra kontoen min {iban}?",
           "Dette er {name}: hvilke kortgebyrer gjelder for kontoen min {iban}?"],
    "ru": ["Я {name}. Сколько стоит международный перевод с моего счёта {iban}?",
           "Это {name}: какие комиссии по карте для моего счёта {iban}?"],
    "zh": ["我是{name}。从我的账户{iban}国际转账要多少钱？", "我是{name}，我的账户{iban}有哪些银行卡费用？"],
}


def compact(text: str) -> str:
    """Text with spaces, dashes and dots removed, case-folded: identifiers match however they were spaced."""
    return _GAP.sub("", text).casefold()


def identifiers(people: Iterable[ClientProfile]) -> set[str]:
    """The compacted identifiers of these people that are specific enough to be evidence of cross-talk."""
    out = set()
    for person in people:
        for found in known_identifiers(person):
            value = compact(found.value)
            if found.type in CHECKED_TYPES and (len(value) >= 6 or (_CJK.search(value) and len(value) >= 2)):
                out.add(value)
    return out


@dataclass(frozen=True)
class Conversation:
    """One session's script: who asks, about which client, what, and which identifiers are its own."""

    user_id: str
    key: str
    role: str
    client: ClientProfile
    questions: tuple[str, ...]
    own: frozenset[str]  # the session's client and the people linked to them
    foreign: frozenset[str]  # every other client's
    expected: tuple[str, ...]  # own values an echoing model's answer must show (name and IBAN)


@dataclass
class LoadReport:
    """What a load run did and every violation it found."""

    turns: int = 0
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    sessions: dict[str, Conversation] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, *, latency_ms: float | None = None, error: str | None = None, violation: str | None = None) -> None:
        """Record one outcome (threads call this concurrently)."""
        with self._lock:
            if latency_ms is not None:
                self.turns += 1
                self.latencies_ms.append(latency_ms)
            if error is not None:
                self.errors.append(error)
            if violation is not None:
                self.violations.append(violation)

    def opened(self, session: str, conversation: Conversation) -> None:
        """Record the session a conversation's first turn opened."""
        with self._lock:
            self.sessions[session] = conversation


def _eligible(profile: ClientProfile) -> bool:
    kinds = {i.type for i in known_identifiers(profile)}
    return profile.kind == "person" and {"PERSON", "IBAN"} <= kinds


def _first(profile: ClientProfile, kind: str) -> str:
    return next(i.value for i in known_identifiers(profile) if i.type == kind)


def plan(profiles: ProfileStore, users: UserStore, *, sessions: int, turns: int) -> list[Conversation]:
    """Sessions for every advisor (both teams, own portfolio) and for clients about themselves, two advisor
    sessions to one client session; creates the load users and their keys."""
    everyone = profiles.list()
    callers: list[tuple[User, ClientProfile]] = []
    portfolios = [(a, [p for p in profiles.list(advisor_id=a.advisor_id) if _eligible(p)])
                  for a in profiles.list_advisors()]
    selves = [p for p in everyone if _eligible(p)]
    advisors = [(a, mine) for a, mine in portfolios if mine]
    keys: dict[str, str] = {}
    for n in range(sessions):
        if n % 3 == 2:
            client = selves[(n // 3) % len(selves)]
            user = User(f"load-{client.client_id}", "client", client.display_name, client_id=client.client_id,
                        language=client.preferred_language)
        else:
            advisor, mine = advisors[n % len(advisors)]
            client = mine[(n // len(advisors)) % len(mine)]
            user = User(f"load-{advisor.advisor_id}", "advisor", advisor.name, advisor_id=advisor.advisor_id)
        if user.user_id not in keys:
            users.add(user)
            keys[user.user_id] = users.issue_key(user.user_id)
        callers.append((user, client))
    out = []
    for n, (user, client) in enumerate(callers):
        people = client_people(profiles, client.client_id)
        own = identifiers(people)
        foreign = identifiers(p for p in everyone if p.client_id not in {q.client_id for q in people}) - own
        templates = (CLIENT_QUESTIONS if user.role == "client" else ADVISOR_QUESTIONS)[client.preferred_language]
        name, iban = _first(client, "PERSON"), _first(client, "IBAN")
        questions = tuple(templates[(n + t) % len(templates)].format(name=name, iban=iban) for t in range(turns))
        out.append(Conversation(user.user_id, keys[user.user_id], user.role, client, questions, frozenset(own),
                                frozenset(foreign), (name, iban)))
    return out


def leaks(text: str, foreign: Iterable[str]) -> list[str]:
    """The foreign identifiers that appear in the text, however it spaces them."""
    flat = compact(text)
    return [value for value in foreign if value in flat]


def _converse(http: httpx.Client, conversation: Conversation, report: LoadReport, expect_echo: bool) -> None:
    headers = {"Authorization": f"Bearer {conversation.key}"}
    session: str | None = None
    for question in conversation.questions:
        body: dict[str, object] = {"question": question}
        if session is not None:
            body["session"] = session
        elif conversation.role == "advisor":
            body["client"] = conversation.client.client_id
        started = time.perf_counter()
        try:
            response = http.post("/v1/chat", json=body, headers=headers)
        except httpx.HTTPError as exc:
            report.add(error=f"{conversation.user_id}: {exc.__class__.__name__}")
            continue
        took = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            problem = f"{conversation.user_id}: HTTP {response.status_code} {response.text[:120]}"
            report.add(latency_ms=took, error=problem)
            continue
        answer = response.json()
        report.add(latency_ms=took)
        if session is None:
            session = str(answer["session"])
            report.opened(session, conversation)
        elif answer["session"] != session:
            report.add(violation=f"{conversation.user_id}: answer from session {answer['session_id']}, not {session}")
        for leaked in leaks(json.dumps(answer, ensure_ascii=False), conversation.foreign):
            report.add(violation=f"session {session}: another client's identifier in an answer ({len(leaked)} chars)")
        missing = [v for v in conversation.expected if compact(v) not in compact(str(answer["answer"]))]
        if expect_echo and missing:
            report.add(violation=f"session {session}: own values not restored in the answer ({len(missing)})")


def drive(base_url: str, conversations: Sequence[Conversation], *, threads: int, expect_echo: bool) -> LoadReport:
    """Run every conversation (its turns in order, conversations concurrently), then check the stored turns."""
    report = LoadReport()
    limits = httpx.Limits(max_connections=threads, max_keepalive_connections=threads)
    with httpx.Client(base_url=base_url, timeout=120, limits=limits) as http:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for done in [pool.submit(_converse, http, c, report, expect_echo) for c in conversations]:
                done.result()
        report.seconds = time.perf_counter() - started
        for session, conversation in report.sessions.items():
            stored = http.get(f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {conversation.key}"})
            if stored.status_code != 200:
                report.add(error=f"session {session}: stored turns HTTP {stored.status_code}")
                continue
            detail = stored.json()
            if detail["client_id"] != conversation.client.client_id:
                report.add(violation=f"session {session}: stored for client {detail['client_id']}")
            if len(detail["turns"]) != len(conversation.questions):
                report.add(violation=f"session {session}: {len(detail['turns'])} stored turns, "
                                     f"{len(conversation.questions)} asked")
            for leaked in leaks(json.dumps(detail, ensure_ascii=False), conversation.foreign):
                report.add(violation=f"session {session}: another client's identifier stored ({len(leaked)} chars)")
    return report


def check_vault(vault: Vault, report: LoadReport) -> None:
    """No placeholder in a session's vault stands for another client's identifier."""
    for session, conversation in report.sessions.items():
        for placeholder, (_, value) in vault.mapping(session).items():
            if compact(value) in conversation.foreign:
                report.add(violation=f"session {session}: {placeholder} stands for another client's value")
