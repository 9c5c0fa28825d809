"""'What should I raise with this client today?': the client's need signals as a cited answer, no model needed.

The topics come from the bank's rules over the profile, each with its evidence, the policy it rests on and its
suitability verdict, so the answer is the same data an advisor would check, in the language of the question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from assistant.answer import Citation
from assistant.extractive import Draft
from assistant.signals import Signal
from knowledge.catalog import Catalog
from knowledge.types import Passage

# Phrases that ask for the agenda with a client, per language (matched after folding case and diacritics).
_AGENDA = re.compile(
    "|".join((
        r"\b(what|which)\b.{0,40}\b(raise|discuss|talk about|bring up|cover|suggest|propose)\b",
        r"\banything\b.{0,30}\b(raise|discuss|bring up|mention)\b", r"\bagenda\b", r"\bmeeting prep",
        r"\bpar ko\b.{0,30}\b(runat|parunat|runāt|parunāt|jaraisa|jāraisa)\b", r"\bko\b.{0,25}\b(piedavat|ieteikt)\b",
        r"\bdienas kartib", r"\bhva\b.{0,40}\b(ta opp|ta opp med|snakke om|diskutere|foresla|foreslå)\b",
        r"\bagenda(en)?\b", r"\bо ?ч[её]м\b.{0,40}\b(поговорить|говорить|обсудить|сказать)\b",
        r"\bчто\b.{0,30}\b(обсудить|предложить|поднять)\b", r"\bповестк",
        r"(聊什么|谈什么|讨论什么|说什么|提什么|议程|沟通什么|跟进什么)",
    )),
    re.IGNORECASE,
)
INTRO = {
    "en": "Topics for today, from the client's situation (rules, evidence and policy for each):",
    "lv": "Šodienas tēmas no klienta situācijas (katrai noteikums, pamatojums un politika):",
    "no": "Temaer for i dag, ut fra kundens situasjon (regel, grunnlag og retningslinje for hvert):",
    "ru": "Темы на сегодня, исходя из ситуации клиента (для каждой — основание и политика):",
    "zh": "根据客户情况，今天可以沟通的话题（每项附依据和政策）：",
}
NONE = {
    "en": "No rule fires for this client today: no topic to raise proactively.",
    "lv": "Šodien šim klientam neviens noteikums nav aktuāls: proaktīvu tēmu nav.",
    "no": "Ingen regel slår til for denne kunden i dag: ingen tema å ta opp proaktivt.",
    "ru": "Сегодня для этого клиента ни одно правило не срабатывает: проактивных тем нет.",
    "zh": "今天没有规则适用于该客户：无需主动沟通的话题。",
}
DO_NOT_PROPOSE = {
    "en": "Do not propose", "lv": "Nepiedāvāt", "no": "Ikke foreslå", "ru": "Не предлагать", "zh": "不要推荐",
}
SERVICE_ONLY = {
    "en": "Service only", "lv": "Tikai apkalpošana", "no": "Kun service", "ru": "Только обслуживание",
    "zh": "仅限服务",
}


def is_agenda_question(text: str) -> bool:
    """True when the question asks what to raise or discuss with the client."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return bool(_AGENDA.search(folded) or _AGENDA.search(text.casefold()))


def compose_agenda(signals: Sequence[Signal], *, language: str, catalog: Catalog) -> Draft:
    """The signals as a cited answer: topic, evidence, verdict; each cites the policy passage it rests on."""
    if not signals:
        return Draft(NONE.get(language, NONE["en"]), (), found=True)
    markers: dict[str, int] = {}
    citations: list[Citation] = []
    lines = [INTRO.get(language, INTRO["en"])]
    for signal in signals:
        key = f"{signal.policy_doc_id}#{signal.policy_section}"
        if key not in markers:
            passage = _policy_passage(catalog, signal, language)
            if passage is not None:
                markers[key] = len(markers) + 1
                citations.append(Citation.of(markers[key], passage))
        cite = f" [{markers[key]}]" if key in markers else ""
        evidence = "; ".join(f"{e.field}: {e.value}" for e in signal.evidence)
        if signal.verdict == "do_not_propose":
            why = "; ".join(signal.reasons)
            lines.append(f"- {DO_NOT_PROPOSE.get(language, 'Do not propose')}: {signal.topic} ({why}){cite}")
        elif signal.verdict == "service_only":
            lines.append(f"- {SERVICE_ONLY.get(language, 'Service only')}: {signal.topic} ({evidence}){cite}")
        else:
            lines.append(f"- {signal.topic} ({evidence}){cite}")
    return Draft("\n".join(lines), tuple(citations), found=True)


def _policy_passage(catalog: Catalog, signal: Signal, language: str) -> Passage | None:
    """The indexed passage of the cited policy section, in the asker's language where its heading matches.

    Rules name sections by their English heading; a translation is cited only when its own heading matches,
    never guessed by position, so a citation always points at the section the rule rests on."""
    catalog.refresh()
    best = None
    for record in catalog.documents():
        if record.meta.doc_id != signal.policy_doc_id:
            continue
        for chunk_id in record.chunk_ids:
            chunk = catalog.chunk(chunk_id)
            if chunk is None or signal.policy_section.casefold() not in chunk.section.casefold():
                continue
            if best is None or (chunk.meta.language == language and best.meta.language != language):
                best = chunk
            break
    return Passage(best, 1.0, None, None) if best is not None else None
