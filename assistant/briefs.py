"""Meeting-prep and hand-over briefs: Markdown built straight from the profile, every statement with its source.

Sources are written in brackets so an advisor (and a test) can check each one: `[field: path]` for a profile field,
`[note DATE, AUTHOR]` for an interaction note, `[policy: doc > section]` for the policy a signal rests on, and
`[linked: CLIENT_ID, path]` for a field of a linked client's profile (a link recorded on the other side).
Identifiers (IBANs, card numbers, phones, e-mails) are left out on purpose: a brief is printed and forwarded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.signal_rules import LANGUAGES
from assistant.signals import Signal, evaluate
from knowledge.profiles import ClientProfile, Complaint, Note, Product

__all__ = ["handover_brief", "meeting_brief"]

_KYC_WINDOW_DAYS = 90  # compliance: remind the advisor a quarter ahead of the KYC review
_RECENT_NOTES = 3
_CONCENTRATION_SHARE = Decimal("0.75")  # one holding carrying three quarters of the assets is worth a word
# Lower-case stems, so inflected forms match too ("apsolījām", "договорились", "avtalte").
_COMMITMENT_WORDS = (
    "promised", "promise", "agreed", "will send", "committed",
    "vienojāmies", "apsolīj",
    "lovet", "lovte", "avtalt",
    "обещал", "обещали", "договорились",
    "承诺", "约定", "答应",
)
_CONTACT_WORDS = (
    "contact", "e-mail", "email", "phone", " call",
    "saziņ", "e-past", "zvan",
    "e-post", "kontakt", "telefon", "ringe",
    "электронн", "почт", "звон", "связь", "телефон",
    "电子邮件", "邮件", "电话", "联系", "微信",
)
KEY_DATES = ("opened", "fixed_rate_end", "maturity", "expiry", "review_date")
# Where each statement of a brief comes from: [field: products[P1].maturity], [note DATE, AUTHOR], [policy: …],
# [linked: …]; a field path may itself hold brackets.
SOURCE_MARKER = re.compile(r"\[(?:field|note|policy|linked)[^\[\]]*(?:\[[^\]]*\][^\[\]]*)*\]")
_ASSET_FIELDS = {"current_account": "balance", "savings_account": "balance", "deposit": "amount",
                 "investment": "value", "pension": "value"}


@dataclass(frozen=True)
class _Labels:
    """Headings and fixed phrases in one language; data values stay as recorded."""

    meeting_title: str
    handover_title: str
    who: str
    relationship: str
    recent_notes: str
    open_items: str
    signals: str
    do_not_propose: str
    agenda: str
    compliance: str
    history: str
    key_people: str
    preferences: str
    products: str
    commitments: str
    risks: str
    opportunities: str
    name: str
    segment: str
    language: str
    manager: str
    team: str
    client_since: str
    none: str
    due: str
    status: str
    verdicts: Mapping[str, str]
    dates: Mapping[str, str]
    kyc_due: str
    kyc_overdue: str
    kyc_high: str
    no_marketing: str
    vulnerable: str
    pep: str
    no_reminders: str
    client_role: str
    marketing_consent: str
    yes: str
    no: str
    concentration: str  # {share}: percent
    service_only_note: str


_LABELS: Mapping[str, _Labels] = {
    "en": _Labels(
        meeting_title="Meeting brief", handover_title="Hand-over pack", who="Who",
        relationship="Relationship summary", recent_notes="Recent notes", open_items="Open items",
        signals="Signals", do_not_propose="Do not propose", agenda="Suggested agenda",
        compliance="Compliance reminders", history="Relationship history", key_people="Key people",
        preferences="Preferences", products="Products and dates", commitments="Commitments made", risks="Risks",
        opportunities="Open opportunities", name="Name", segment="Segment", language="Preferred language",
        manager="Relationship manager", team="Team", client_since="Client since", none="Nothing recorded",
        due="due", status="status",
        verdicts={"raise": "may be raised", "service_only": "service information only",
                  "do_not_propose": "do not propose"},
        dates={"opened": "opened", "fixed_rate_end": "fixed rate until", "maturity": "matures",
               "expiry": "expires", "review_date": "review"},
        kyc_due="KYC review due on", kyc_overdue="KYC review overdue since", kyc_high="KYC risk rating is high",
        no_marketing="No marketing consent: service information only",
        vulnerable="Client recorded as vulnerable: no proactive offers",
        pep="Politically exposed person: enhanced due diligence applies", no_reminders="No reminders",
        client_role="client's role", marketing_consent="Marketing consent", yes="yes", no="no",
        concentration="Concentration: {share} % of the assets held with the bank sit in one product",
        service_only_note="service information only",
    ),
    "lv": _Labels(
        meeting_title="Sagatavošanās tikšanās reizei", handover_title="Klienta nodošanas pakete", who="Klients",
        relationship="Attiecību kopsavilkums", recent_notes="Jaunākās piezīmes", open_items="Atvērtie jautājumi",
        signals="Signāli", do_not_propose="Nepiedāvāt", agenda="Ieteicamā darba kārtība",
        compliance="Atbilstības atgādinājumi", history="Attiecību vēsture", key_people="Galvenās personas",
        preferences="Vēlmes", products="Produkti un datumi", commitments="Dotie solījumi", risks="Riski",
        opportunities="Atvērtās iespējas", name="Nosaukums", segment="Segments", language="Vēlamā valoda",
        manager="Klientu vadītājs", team="Komanda", client_since="Klients kopš", none="Nav ierakstu",
        due="termiņš", status="statuss",
        verdicts={"raise": "var ierosināt", "service_only": "tikai servisa informācija",
                  "do_not_propose": "nepiedāvāt"},
        dates={"opened": "atvērts", "fixed_rate_end": "fiksētā likme līdz", "maturity": "termiņš",
               "expiry": "derīgs līdz", "review_date": "pārskatīšana"},
        kyc_due="KYC pārskatīšana jāveic līdz", kyc_overdue="KYC pārskatīšana nokavēta kopš",
        kyc_high="Augsts KYC riska līmenis", no_marketing="Nav piekrišanas mārketingam: tikai servisa informācija",
        vulnerable="Klients atzīmēts kā neaizsargāts: nekādu proaktīvu piedāvājumu",
        pep="Politiski nozīmīga persona: piemēro padziļināto izpēti", no_reminders="Nav atgādinājumu",
        client_role="klienta loma", marketing_consent="Piekrišana mārketingam", yes="jā", no="nē",
        concentration="Koncentrācija: {share} % no aktīviem bankā ir vienā produktā",
        service_only_note="tikai servisa informācija",
    ),
    "no": _Labels(
        meeting_title="Møteforberedelse", handover_title="Overleveringspakke", who="Hvem",
        relationship="Kundeforholdet", recent_notes="Siste notater", open_items="Åpne saker",
        signals="Signaler", do_not_propose="Ikke foreslå", agenda="Forslag til agenda",
        compliance="Påminnelser om etterlevelse", history="Historikk", key_people="Nøkkelpersoner",
        preferences="Preferanser", products="Produkter og datoer", commitments="Løfter og avtaler",
        risks="Risikoer", opportunities="Åpne muligheter", name="Navn", segment="Segment",
        language="Foretrukket språk", manager="Kunderådgiver", team="Team", client_since="Kunde siden",
        none="Ingenting registrert", due="frist", status="status",
        verdicts={"raise": "kan tas opp", "service_only": "kun serviceinformasjon",
                  "do_not_propose": "ikke foreslå"},
        dates={"opened": "åpnet", "fixed_rate_end": "fastrente til", "maturity": "forfall",
               "expiry": "utløper", "review_date": "gjennomgang"},
        kyc_due="KYC-gjennomgang forfaller", kyc_overdue="KYC-gjennomgang forfalt siden",
        kyc_high="Høy KYC-risiko", no_marketing="Mangler markedsføringssamtykke: kun serviceinformasjon",
        vulnerable="Kunden er registrert som sårbar: ingen proaktive tilbud",
        pep="Politisk eksponert person: forsterkede kundetiltak", no_reminders="Ingen påminnelser",
        client_role="kundens rolle", marketing_consent="Markedsføringssamtykke", yes="ja", no="nei",
        concentration="Konsentrasjon: {share} % av midlene i banken står i ett produkt",
        service_only_note="kun serviceinformasjon",
    ),
    "ru": _Labels(
        meeting_title="Подготовка к встрече", handover_title="Пакет передачи клиента", who="Кто",
        relationship="Отношения с клиентом", recent_notes="Последние заметки", open_items="Открытые вопросы",
        signals="Сигналы", do_not_propose="Не предлагать", agenda="Предлагаемая повестка",
        compliance="Напоминания по комплаенсу", history="История отношений", key_people="Ключевые лица",
        preferences="Предпочтения", products="Продукты и даты", commitments="Данные обязательства",
        risks="Риски", opportunities="Открытые возможности", name="Имя", segment="Сегмент",
        language="Предпочитаемый язык", manager="Клиентский менеджер", team="Команда", client_since="Клиент с",
        none="Нет записей", due="срок", status="статус",
        verdicts={"raise": "можно обсудить", "service_only": "только сервисная информация",
                  "do_not_propose": "не предлагать"},
        dates={"opened": "открыт", "fixed_rate_end": "фиксированная ставка до", "maturity": "погашение",
               "expiry": "действует до", "review_date": "пересмотр"},
        kyc_due="Пересмотр KYC до", kyc_overdue="Пересмотр KYC просрочен с", kyc_high="Высокий риск KYC",
        no_marketing="Нет согласия на маркетинг: только сервисная информация",
        vulnerable="Клиент отмечен как уязвимый: никаких активных предложений",
        pep="Публичное должностное лицо: расширенная проверка", no_reminders="Напоминаний нет",
        client_role="роль клиента", marketing_consent="Согласие на маркетинг", yes="да", no="нет",
        concentration="Концентрация: {share} % активов в банке приходится на один продукт",
        service_only_note="только сервисная информация",
    ),
    "zh": _Labels(
        meeting_title="会前简报", handover_title="客户交接材料", who="客户概况", relationship="关系概要",
        recent_notes="最近记录", open_items="待办事项", signals="信号", do_not_propose="不得推荐",
        agenda="建议议程", compliance="合规提醒", history="关系历史", key_people="关键人员", preferences="偏好",
        products="产品与日期", commitments="已作承诺", risks="风险", opportunities="待跟进机会", name="名称",
        segment="客户分层", language="首选语言", manager="客户经理", team="团队", client_since="客户起始日期",
        none="无记录", due="截止", status="状态",
        verdicts={"raise": "可提出", "service_only": "仅限服务信息", "do_not_propose": "不得推荐"},
        dates={"opened": "开立", "fixed_rate_end": "固定利率至", "maturity": "到期", "expiry": "有效期至",
               "review_date": "复核"},
        kyc_due="KYC复核到期日", kyc_overdue="KYC复核已逾期，到期日", kyc_high="KYC风险等级高",
        no_marketing="无营销同意：仅限服务信息", vulnerable="客户被记录为弱势客户：不得主动推荐",
        pep="政治公众人物：须加强尽职调查", no_reminders="无提醒", client_role="客户角色",
        marketing_consent="营销同意", yes="是", no="否", concentration="集中度：在本行资产的 {share} % 集中于单一产品",
        service_only_note="仅限服务信息",
    ),
}


def meeting_brief(
    profile: ClientProfile, *, today: dt.date, linked: Sequence[tuple[str, ClientProfile]] = (),
    advisors: Mapping[str, str] = {}, language: str = "en",
) -> str:
    """Meeting prep: who, relationship, recent notes, open items, signals, suggested agenda, compliance."""
    labels = _labels(language)
    signals = evaluate(profile, today=today, language=language)
    notes = _by_date(profile.notes)[-_RECENT_NOTES:][::-1]  # newest first: the last conversation matters most
    raised = [s for s in signals if s.verdict != "do_not_propose"]
    blocked = [s for s in signals if s.verdict == "do_not_propose"]
    sections = [
        (labels.who, _who(profile, linked, advisors, labels)),
        (labels.relationship, _relationship(profile, labels)),
        (labels.recent_notes, [_note_line(n, advisors) for n in notes] or [_nothing(labels, "notes")]),
        (labels.open_items, _open_items(profile, labels)),
        (labels.signals, [_signal_line(s, labels) for s in raised] or [_nothing(labels, "products")]),
    ]
    body = _render(f"{labels.meeting_title}: {profile.display_name}", sections)
    if blocked:
        body += f"### {labels.do_not_propose}\n\n" + "".join(f"{_blocked_line(s)}\n" for s in blocked) + "\n"
    body += _render(None, [
        (labels.agenda, _agenda(signals, labels) or [_nothing(labels, "products")]),
        (labels.compliance, _compliance(profile, today, labels)),
    ])
    return body


def handover_brief(
    profile: ClientProfile, *, today: dt.date, linked: Sequence[tuple[str, ClientProfile]] = (),
    advisors: Mapping[str, str] = {}, language: str = "en",
) -> str:
    """Hand-over pack: history, key people, preferences, products, commitments, risks, open items, opportunities."""
    labels = _labels(language)
    signals = evaluate(profile, today=today, language=language)
    notes = _by_date(profile.notes)
    commitments = [_quoted(n) for n in notes if _mentions(n.text, _COMMITMENT_WORDS)]
    service = [_signal_line(s, labels) for s in signals if s.kind == "service" or s.verdict == "service_only"]
    opportunities = [_signal_line(s, labels) for s in signals if s.kind == "opportunity" and s.verdict == "raise"]
    sections = [
        (labels.who, _who(profile, (), advisors, labels, people=False)),
        (labels.history, [_note_line(n, advisors) for n in notes] or [_nothing(labels, "notes")]),
        (labels.key_people, _key_people(profile, linked, labels) or [_nothing(labels, "links")]),
        (labels.preferences, _preferences(profile, notes, labels)),
        (labels.products, _relationship(profile, labels)),
        (labels.commitments, commitments or [_nothing(labels, "notes")]),
        (labels.risks, _risks(profile, today, labels)),
        (labels.open_items, [*_open_items(profile, labels), *service]),
        (labels.opportunities, opportunities or [_nothing(labels, "products")]),
    ]
    return _render(f"{labels.handover_title}: {profile.display_name}", sections)


def own_data_summary(profile: ClientProfile, *, language: str = "en") -> str:
    """What a client may read about themself: who they are to the bank, their products and open requests.

    No internal notes, signals, risk flags or verdicts: those are the bank's working papers."""
    labels = _labels(language)
    return _render(f"{labels.who}: {profile.display_name}", [
        (labels.who, _who(profile, (), {}, labels, people=False)),
        (labels.products, _relationship(profile, labels)),
        (labels.open_items, _open_items(profile, labels)),
    ])


# ---- sections ------------------------------------------------------------------------------------------------


def _who(profile: ClientProfile, linked: Sequence[tuple[str, ClientProfile]], advisors: Mapping[str, str],
         labels: _Labels, *, people: bool = True) -> list[str]:
    name_fields = ("company_name",) if profile.kind == "company" else ("given_name", "family_name")
    manager = profile.relationship_manager
    lines = [
        f"- {labels.name}: {profile.display_name} {_fields(*name_fields)}",
        f"- {labels.segment}: {profile.segment} {_field('segment')}",
        f"- {labels.language}: {profile.preferred_language} {_field('preferred_language')}",
        f"- {labels.manager}: {advisors.get(manager, manager)} ({manager}) {_field('relationship_manager')}",
        f"- {labels.team}: {profile.team} {_field('team')}",
    ]
    return lines + _key_people(profile, linked, labels) if people else lines


def _key_people(profile: ClientProfile, linked: Sequence[tuple[str, ClientProfile]], labels: _Labels) -> list[str]:
    lines = []
    for relation, other in linked:
        own = next((link for link in profile.links if link.client_id == other.client_id), None)
        if own is not None:  # recorded here: the relation is this client's role towards the other
            detail = f", {own.detail}" if own.detail else ""
            source = _fields(f"links[{other.client_id}].relation", *([f"links[{other.client_id}].detail"]
                                                                     if own.detail else []))
            lines.append(f"- {other.display_name} ({other.client_id}): {labels.client_role} {relation}{detail} "
                         f"{source}")
            continue
        theirs = next((link for link in other.links if link.client_id == profile.client_id), None)
        detail = f", {theirs.detail}" if theirs and theirs.detail else ""
        path = f"links[{profile.client_id}]"
        source = f"[linked: {other.client_id}, {path}.relation]"
        if detail:
            source += f" [linked: {other.client_id}, {path}.detail]"
        lines.append(f"- {other.display_name} ({other.client_id}): {relation}{detail} {source}")
    for i, contact in enumerate(profile.contacts):
        lines.append(f"- {contact.name}: {contact.role} {_fields(f'contacts[{i}].name', f'contacts[{i}].role')}")
    return lines


def _relationship(profile: ClientProfile, labels: _Labels) -> list[str]:
    dated = [p for p in profile.products if p.opened is not None]
    lines = []
    if dated:
        first = min(dated, key=lambda p: p.opened or dt.date.max)
        lines.append(f"- {labels.client_since}: {_iso(first.opened)} {_field(f'products[{first.product_id}].opened')}")
    lines += [_product_line(p, labels) for p in profile.products]
    return lines or [_nothing(labels, "products")]


def _product_line(product: Product, labels: _Labels) -> str:
    base = f"products[{product.product_id}]"
    parts, paths = [], [f"{base}.name"]
    for key in KEY_DATES:
        value = getattr(product, key, None)
        if value is not None:
            parts.append(f"{labels.dates[key]} {_iso(value)}")
            paths.append(f"{base}.{key}")
    status = getattr(product, "status", None)
    if status is not None:  # trade finance: requested, active or closed
        parts.append(f"{labels.status} {status}")
        paths.append(f"{base}.status")
    dates = f" — {', '.join(parts)}" if parts else ""
    return f"- {product.name} ({product.product_id}, {product.type}){dates} {_fields(*paths)}"


def _open_items(profile: ClientProfile, labels: _Labels) -> list[str]:
    lines = []
    for r in profile.open_requests:
        base = f"open_requests[{r.request_id}]"
        due = f" — {labels.due} {_iso(r.due)}" if r.due else ""
        paths = [f"{base}.summary", *([f"{base}.due"] if r.due else [])]
        lines.append(f"- {r.request_id}: {r.summary}{due} {_fields(*paths)}")
    for c in _open_complaints(profile):
        base = f"complaints[{c.complaint_id}]"
        lines.append(f"- {c.complaint_id}: {c.summary} ({labels.status} {c.status}, {_iso(c.opened_on)}) "
                     f"{_fields(f'{base}.summary', f'{base}.status', f'{base}.opened_on')}")
    return lines or [f"- {labels.none} {_fields('open_requests', 'complaints')}"]


def _signal_line(signal: Signal, labels: _Labels) -> str:
    return f"- {signal.topic} ({labels.verdicts[signal.verdict]}) {_signal_sources(signal)}"


def _blocked_line(signal: Signal) -> str:
    return f"- {signal.topic} — {'; '.join(signal.reasons)} {_signal_sources(signal)}"


def _agenda(signals: Sequence[Signal], labels: _Labels) -> list[str]:
    # Service first, then opportunities the client may hear about; the topics are questions, never a pitch.
    service = [s for s in signals if s.kind == "service" and s.verdict == "raise"]
    fallback = [s for s in signals if s.verdict == "service_only"]
    offers = [s for s in signals if s.kind == "opportunity" and s.verdict == "raise"]
    lines = [f"- {s.topic} {_signal_sources(s)}" for s in service]
    lines += [f"- {s.topic} ({labels.service_only_note}) {_signal_sources(s)}" for s in fallback]
    lines += [f"- {s.topic} {_signal_sources(s)}" for s in offers]
    return lines


def _compliance(profile: ClientProfile, today: dt.date, labels: _Labels) -> list[str]:
    lines = []
    review = profile.kyc.next_review
    if review < today:
        lines.append(f"- {labels.kyc_overdue} {_iso(review)} {_field('kyc.next_review')}")
    elif (review - today).days <= _KYC_WINDOW_DAYS:
        lines.append(f"- {labels.kyc_due} {_iso(review)} {_field('kyc.next_review')}")
    if not profile.consents.marketing:
        lines.append(f"- {labels.no_marketing} {_field('consents.marketing')}")
    if profile.vulnerable:
        lines.append(f"- {labels.vulnerable} {_field('vulnerable')}")
    if profile.kyc.pep:
        lines.append(f"- {labels.pep} {_field('kyc.pep')}")
    return lines or [f"- {labels.no_reminders} {_fields('kyc.next_review', 'consents.marketing', 'kyc.pep')}"]


def _preferences(profile: ClientProfile, notes: Sequence[Note], labels: _Labels) -> list[str]:
    consent = labels.yes if profile.consents.marketing else labels.no
    lines = [
        f"- {labels.language}: {profile.preferred_language} {_field('preferred_language')}",
        f"- {labels.marketing_consent}: {consent} {_field('consents.marketing')}",
    ]
    return lines + [_quoted(n) for n in notes if _mentions(n.text, _CONTACT_WORDS)]


def _risks(profile: ClientProfile, today: dt.date, labels: _Labels) -> list[str]:
    lines = []
    for c in _open_complaints(profile):
        base = f"complaints[{c.complaint_id}]"
        lines.append(f"- {c.complaint_id}: {c.summary} ({labels.status} {c.status}) "
                     f"{_fields(f'{base}.summary', f'{base}.status')}")
    if profile.kyc.next_review < today:
        lines.append(f"- {labels.kyc_overdue} {_iso(profile.kyc.next_review)} {_field('kyc.next_review')}")
    if profile.kyc.risk_rating == "high":
        lines.append(f"- {labels.kyc_high} {_field('kyc.risk_rating')}")
    if profile.kyc.pep:
        lines.append(f"- {labels.pep} {_field('kyc.pep')}")
    if profile.vulnerable:
        lines.append(f"- {labels.vulnerable} {_field('vulnerable')}")
    lines += _concentration(profile, labels)
    return lines or [f"- {labels.none} {_fields('complaints', 'kyc.next_review', 'vulnerable')}"]


def _concentration(profile: ClientProfile, labels: _Labels) -> list[str]:
    # Amounts in different currencies are not comparable without rates, so each currency is judged on its own.
    by_currency: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for p in profile.products:
        name = _ASSET_FIELDS.get(p.type)
        value = getattr(p, name, None) if name else None
        if isinstance(value, Decimal) and value > 0:
            by_currency[p.currency].append((f"products[{p.product_id}].{name}", value))
    lines = []
    for holdings in by_currency.values():
        total = sum((v for _, v in holdings), Decimal(0))
        top = max(v for _, v in holdings)
        if len(holdings) > 1 and top / total >= _CONCENTRATION_SHARE:
            share = round(top * 100 / total)
            lines.append(f"- {labels.concentration.format(share=share)} {_fields(*(p for p, _ in holdings))}")
    return lines


# ---- helpers -------------------------------------------------------------------------------------------------


def _labels(language: str) -> _Labels:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}'; use one of {', '.join(LANGUAGES)}")
    return _LABELS[language]


def _render(title: str | None, sections: Iterable[tuple[str, Sequence[str]]]) -> str:
    out = f"# {title}\n\n" if title else ""
    for heading, lines in sections:
        out += f"## {heading}\n\n" + "".join(f"{line}\n" for line in lines) + "\n"
    return out


def _by_date(notes: Iterable[Note]) -> list[Note]:
    return sorted(notes, key=lambda n: n.on)  # stable: same-day notes keep the CRM's order


def _note_line(note: Note, advisors: Mapping[str, str]) -> str:
    return f"- {_iso(note.on)}, {advisors.get(note.author, note.author)}: {_one_line(note.text)} {_note(note)}"


def _quoted(note: Note) -> str:
    return f"- “{_one_line(note.text)}” {_note(note)}"


def _nothing(labels: _Labels, field: str) -> str:
    return f"- {labels.none} {_field(field)}"


def _open_complaints(profile: ClientProfile) -> list[Complaint]:
    return [c for c in profile.complaints if c.status in ("open", "in_progress")]


def _mentions(text: str, words: Iterable[str]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def _signal_sources(signal: Signal) -> str:
    policy = f"[policy: {signal.policy_doc_id} > {signal.policy_section}]"
    return " ".join([policy, *(_field(e.field) for e in signal.evidence)])


def _field(path: str) -> str:
    return f"[field: {path}]"


def _fields(*paths: str) -> str:
    return " ".join(_field(p) for p in paths)


def _note(note: Note) -> str:
    return f"[note {_iso(note.on)}, {note.author}]"


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())  # a newline inside a note would break the Markdown bullet
