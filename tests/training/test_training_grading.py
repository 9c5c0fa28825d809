"""The debrief: scripted hard-sell and needs-first transcripts in five languages, and wording it never saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.container import Rapport
from assistant.training.grading import InvalidTranscript, Line, grade, load_transcript, parse_transcript
from assistant.training.sources import catalog_chunks, normalise

DATA = Path(__file__).resolve().parents[2] / "evals" / "data" / "training"
LANGS = ("en", "lv", "no", "ru", "zh")
POLICY_DOCS = {"suitability-and-fair-selling-policy", "confidentiality-rules"}


def t(text: str) -> Line:
    return Line("trainee", text)


def c(text: str) -> Line:
    return Line("client", text)


@pytest.mark.parametrize("lang", LANGS)
def test_hard_sell_scores_clearly_below_needs_first(lang: str) -> None:
    bad = grade(load_transcript(DATA / f"hard-sell.{lang}.yaml"), language=lang)
    good = grade(load_transcript(DATA / f"needs-first.{lang}.yaml"), language=lang)
    assert good.score - bad.score >= 50, (bad.to_dict(), good.to_dict())
    assert good.passed and not bad.passed
    verdicts = {p.criterion: p.verdict for p in bad.points}
    assert verdicts["needs_first"] == "missed" and verdicts["no_promised_returns"] == "missed"
    assert verdicts["confidentiality"] == "missed" and verdicts["no_pressure"] == "missed"
    assert all(p.verdict == "met" for p in good.points), good.to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_each_point_cites_the_indexed_policy_passage(sample_rapport: Rapport, lang: str) -> None:
    chunks = catalog_chunks(sample_rapport.catalog)
    debrief = grade(load_transcript(DATA / f"hard-sell.{lang}.yaml"), language=lang, policy_chunks=chunks)
    for point in debrief.points:
        assert point.citation.doc_id in POLICY_DOCS
        chunk = sample_rapport.catalog.chunk(point.citation.chunk_id)
        assert chunk is not None and point.citation.excerpt
        assert normalise(point.citation.excerpt) in normalise(chunk.text)
        assert point.citation.section.casefold() in chunk.section.casefold()
        if point.verdict == "missed" and point.criterion != "costs_disclosed":
            assert point.evidence  # the words that decided it


# Wording the cue lists were not written from: each must still be read the right way.
UNSEEN_BAD = {
    "en": ["Hi! I'd suggest you move your money into our new equity fund — it's the most popular product this "
           "quarter and you'll get 9% a year, guaranteed. Let's sign right away."],
    "lv": ["Sveiki! Iesaku pārvietot jūsu naudu uz mūsu jauno akciju fondu — tas ir ļoti populārs, un jūs "
           "saņemsiet 9 % gadā, tas ir garantēts. Parakstīsim uzreiz."],
    "no": ["Hei! Jeg foreslår at du flytter pengene til det nye aksjefondet vårt — det er veldig populært, og "
           "avkastningen er garantert 9 % i året. Signer med en gang."],
    "ru": ["Здравствуйте! Предлагаю перевести ваши деньги в наш новый фонд акций — он очень популярный, доход 9 % "
           "годовых гарантирован. Давайте оформим прямо сейчас, это срочно."],
    "zh": ["您好！建议您把钱转入我们新的股票基金，这是最受欢迎的产品，保证每年9%的收益。请马上签字。"],
}
UNSEEN_GOOD = {
    "en": ["Before I suggest anything, what are you hoping this money will do for you, and over what horizon?",
           "Because you want part of it within a year, I'd recommend the savings account for that part; there is "
           "no fee, and past performance is never a guarantee, so I'm not suggesting a fund."],
    "lv": ["Pirms es ko iesaku — kādi ir jūsu mērķi ar šo naudu un kādā termiņā?",
           "Tā kā jūs minējāt, ka daļa vajadzīga gada laikā, es ieteiktu šai daļai krājkontu; konta maksa ir 0 EUR."],
    "no": ["Før jeg foreslår noe: hva er målet ditt med disse pengene, og hvor lang tidshorisont har du?",
           "Siden du nevnte at du trenger en del innen et år, vil jeg anbefale sparekonto for den delen; det er "
           "ingen gebyr, og prisen er 0 EUR."],
    "ru": ["Прежде чем что-то предлагать: какие у вас цели для этих денег и на какой срок?",
           "Поскольку вы сказали, что часть понадобится в течение года, я бы рекомендовал сберегательный счёт; "
           "комиссия за обслуживание — 0 EUR, а доходность фондов не гарантирована."],
    "zh": ["在推荐之前，想先了解一下：这笔钱您有什么目标？打算放多久？",
           "既然您提到一年内要用一部分，我建议这部分放在储蓄账户；账户管理费为0欧元，基金收益并不保证。"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_unseen_wording_is_read_the_same_way(lang: str) -> None:
    bad = grade([c("..."), *map(t, UNSEEN_BAD[lang])], language=lang)
    turns = UNSEEN_GOOD[lang]
    good = grade([t(turns[0]), c("..."), t(turns[1])], language=lang)
    bad_verdicts = {p.criterion: p.verdict for p in bad.points}
    good_verdicts = {p.criterion: p.verdict for p in good.points}
    assert bad_verdicts["needs_first"] == "missed" and bad_verdicts["no_promised_returns"] == "missed", bad.to_dict()
    assert bad_verdicts["reason_from_situation"] == "missed" and bad_verdicts["no_pressure"] == "missed"
    assert all(v == "met" for v in good_verdicts.values()), good.to_dict()
    assert good.score - bad.score >= 50


def test_another_clients_data_is_a_confidentiality_breach() -> None:
    clean = [t("What are your plans for the next few years?"), c("Saving for a flat.")]
    assert {p.criterion: p.verdict for p in grade(clean).points}["confidentiality"] == "met"
    named = [*clean, t("Anna Kalniņa, who lives next door to you, did the same last year.")]
    verdicts = {p.criterion: p.verdict for p in grade(named, other_names=["Anna Kalniņa"]).points}
    assert verdicts["confidentiality"] == "missed"
    iban = [*clean, t("The transfer went to LV80 BANK 0000 4351 9500 1 last week.")]
    assert {p.criterion: p.verdict for p in grade(iban).points}["confidentiality"] == "missed"
    refused = [*clean, t("I can't tell you anything about other clients, of course.")]
    assert {p.criterion: p.verdict for p in grade(refused).points}["confidentiality"] == "met"


def test_no_proposal_means_no_cost_point() -> None:
    debrief = grade([t("How is the family, and what would you like to achieve this year?"), c("All good.")])
    verdicts = {p.criterion: p.verdict for p in debrief.points}
    assert verdicts["costs_disclosed"] == "not_applicable" and verdicts["reason_from_situation"] == "not_applicable"
    assert debrief.score == 100.0


def test_transcripts_read_from_jsonl_and_yaml(tmp_path: Path) -> None:
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text('{"speaker": "client", "text": "Hello"}\n{"speaker": "trainee", "text": "Hi"}\n',
                     encoding="utf-8")
    assert load_transcript(jsonl) == [Line("client", "Hello"), Line("trainee", "Hi")]
    assert parse_transcript("- {speaker: trainee, text: Hi}\n", jsonl=False) == [Line("trainee", "Hi")]
    with pytest.raises(InvalidTranscript, match="turn 1"):
        parse_transcript("- {speaker: advisor, text: Hi}\n", jsonl=False)
    with pytest.raises(InvalidTranscript, match="no trainee turns"):
        grade([c("Hello")])
