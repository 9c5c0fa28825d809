"""KnownEntityMatcher: every written form of a client's known identifiers, and nothing else, in all five languages."""

from __future__ import annotations

import functools
import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.known_entities import KnownEntity, KnownEntityMatcher
from guardrails.name_forms import skeleton

PROFILE = (
    KnownEntity("PERSON", "Jānis Bērziņš"),
    KnownEntity("PERSON", "Anna Bērziņa"),
    KnownEntity("PERSON", "Иван Петров"),
    KnownEntity("PERSON", "Мария Иванова"),
    KnownEntity("PERSON", "Ivan Ivanov"),
    KnownEntity("PERSON", "张伟 (Zhang Wei)"),
    KnownEntity("PERSON", "Ole Hansen"),
    KnownEntity("PERSON", "Sergei Zhukov"),
    KnownEntity("PERSON", "Li Na"),
    KnownEntity("ADDRESS", "Brīvības iela 12-5, Rīga, LV-1010"),
    KnownEntity("ADDRESS", "Karl Johans gate 22, 0162 Oslo"),
    KnownEntity("ADDRESS", "Storgata 5, 0155 Oslo"),
    KnownEntity("ADDRESS", "г. Москва, ул. Тверская, д. 7, кв. 12"),
    KnownEntity("ADDRESS", "Flat 2, 12 Baker Street, London"),
    KnownEntity("ADDRESS", "北京市朝阳区建国路88号"),
    KnownEntity("IBAN", "LV80BANK0000435195001"),
    KnownEntity("PHONE", "+371 2912 3456"),
    KnownEntity("PHONE", "+47 912 34 567"),
    KnownEntity("PHONE", "+7 916 123-45-67"),
    KnownEntity("PHONE", "13800138000"),
    KnownEntity("CREDIT_CARD", "4111 1111 1111 1111"),
    KnownEntity("NATIONAL_ID", "140385-12345"),
    KnownEntity("NATIONAL_ID", "11010519491231002X"),
    KnownEntity("ACCOUNT_NUMBER", "8601.11.17947"),
    KnownEntity("PASSPORT", "LV1234567"),
    KnownEntity("EMAIL", "Janis.Berzins@example.lv"),
    KnownEntity("DATE_OF_BIRTH", "1985-03-14"),
)


@pytest.fixture(scope="module")
def matcher() -> KnownEntityMatcher:
    return KnownEntityMatcher(PROFILE)


def _found(matcher: KnownEntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in matcher.find(text)]


# -- every form that must be found: (language, text, type, the exact span) ------------------------------------

FOUND: list[tuple[str, str, str, str]] = [
    # case and diacritics
    ("lv", "Klients JĀNIS BĒRZIŅŠ ieradās.", "PERSON", "JĀNIS BĒRZIŅŠ"),
    ("lv", "klients janis berzins ieradas", "PERSON", "janis berzins"),
    ("en", "Client Janis Berzinsh called.", "PERSON", "Janis Berzinsh"),
    ("en", "Berzins Janis, born in Riga", "PERSON", "Berzins Janis"),
    # Latvian declension
    ("lv", "Jāņa Bērziņa konts ir slēgts.", "PERSON", "Jāņa Bērziņa"),
    ("lv", "Nosūtījām vēstuli Jānim Bērziņam.", "PERSON", "Jānim Bērziņam"),
    ("lv", "Satikām Jāni Bērziņu bankā.", "PERSON", "Jāni Bērziņu"),
    ("lv", "Annas Bērziņas depozīts beidzas.", "PERSON", "Annas Bērziņas"),
    ("lv", "Piezvanījām Annai Bērziņai.", "PERSON", "Annai Bērziņai"),
    ("lv", "Bērziņa kungs vēlas kredītu.", "PERSON", "Bērziņa"),
    ("lv", "Jānis B. atnāca.", "PERSON", "Jānis B"),
    ("lv", "Sveiki, B. Jānis!", "PERSON", "B. Jānis"),
    ("lv", "Anna Marija Bērziņa parakstīja.", "PERSON", "Anna Marija Bērziņa"),
    ("lv", "Ivanovs un Petrovs atnāca.", "PERSON", "Ivanovs"),
    ("lv", "Ivanovs un Petrovs atnāca.", "PERSON", "Petrovs"),
    ("lv", "Sergejs Žukovs zvanīja.", "PERSON", "Sergejs Žukovs"),
    # Russian declension and transliteration
    ("ru", "Счёт Ивана Петрова закрыт.", "PERSON", "Ивана Петрова"),
    ("ru", "Мы написали Ивану Петрову.", "PERSON", "Ивану Петрову"),
    ("ru", "Встреча с Иваном Петровым завтра.", "PERSON", "Иваном Петровым"),
    ("ru", "Мы говорили об Иване Петрове.", "PERSON", "Иване Петрове"),
    ("ru", "Вклад Марии Ивановой истекает.", "PERSON", "Марии Ивановой"),
    ("ru", "Пригласите Марию Иванову.", "PERSON", "Марию Иванову"),
    ("ru", "Господин Петров ждёт.", "PERSON", "Петров"),
    ("ru", "Петров И. И. подписал договор.", "PERSON", "Петров И. И"),
    ("ru", "Иван Сергеевич Петров подписал.", "PERSON", "Иван Сергеевич Петров"),
    ("ru", "Звонил Сергей Жуков.", "PERSON", "Сергей Жуков"),
    ("ru", "Петровы приходили вчера.", "PERSON", "Петровы"),
    ("en", "Mr Ivanov asked about rates.", "PERSON", "Ivanov"),
    ("en", "Mrs Ivanova asked about rates.", "PERSON", "Ivanova"),
    ("en", "Mr Petrov asked about rates.", "PERSON", "Petrov"),
    ("ru", "Иванов спросил о ставках.", "PERSON", "Иванов"),
    # Norwegian genitive
    ("no", "Ole Hansens konto er sperret.", "PERSON", "Ole Hansens"),
    ("no", "Hansens søknad er mottatt.", "PERSON", "Hansens"),
    ("en", "Ole Hansen's account", "PERSON", "Ole Hansen's"),
    # Chinese
    ("zh", "客户张伟的账户", "PERSON", "张伟"),
    ("zh", "张先生今天来了。", "PERSON", "张先生"),
    ("en", "Meeting with Zhang Wei today.", "PERSON", "Zhang Wei"),
    ("en", "Meeting with Wei Zhang today.", "PERSON", "Wei Zhang"),
    ("en", "Li Na opened a deposit.", "PERSON", "Li Na"),
    # addresses: street + house number, any case, diacritics, abbreviation or declension
    ("lv", "Adrese: brivibas iela 12-5, Riga", "ADDRESS", "brivibas iela 12-5"),
    ("lv", "Viņš dzīvo Brīvības ielā 12.", "ADDRESS", "Brīvības ielā 12"),
    ("no", "Adresse: Karl Johans gt. 22, Oslo", "ADDRESS", "Karl Johans gt. 22"),
    ("no", "Hun bor i KARL JOHANS GATE 22.", "ADDRESS", "KARL JOHANS GATE 22"),
    ("no", "Kontoret ligger i Storgt. 5.", "ADDRESS", "Storgt. 5"),
    ("ru", "Адрес: Тверская ул., д. 7", "ADDRESS", "Тверская ул., д. 7"),
    ("ru", "Живёт на ул. Тверской, 7", "ADDRESS", "ул. Тверской, 7"),
    ("en", "He moved to 12 Baker St. last year", "ADDRESS", "12 Baker St"),
    ("zh", "地址是建国路88号。", "ADDRESS", "建国路88号"),
    # numbers, whatever the spacing and case
    ("lv", "Konts lv80 bank 0000 4351 9500 1.", "IBAN", "lv80 bank 0000 4351 9500 1"),
    ("en", "IBAN: LV80-BANK-0000-4351-9500-1", "IBAN", "LV80-BANK-0000-4351-9500-1"),
    ("lv", "Tālrunis +371 2912 3456.", "PHONE", "+371 2912 3456"),
    ("lv", "Tālrunis 29123456.", "PHONE", "29123456"),
    ("lv", "Tālrunis 00371 29 12 34 56.", "PHONE", "00371 29 12 34 56"),
    ("no", "Ring 912 34 567 i dag.", "PHONE", "912 34 567"),
    ("ru", "Звоните 8 (916) 123-45-67.", "PHONE", "8 (916) 123-45-67"),
    ("zh", "手机+86 138 0013 8000", "PHONE", "+86 138 0013 8000"),
    ("zh", "手机13800138000", "PHONE", "13800138000"),
    ("en", "Card 4111-1111-1111-1111 was blocked.", "CREDIT_CARD", "4111-1111-1111-1111"),
    ("en", "Card 4111 11** **** 1111 was blocked.", "CREDIT_CARD", "4111 11** **** 1111"),
    ("en", "Card 411111XXXXXX1111 was blocked.", "CREDIT_CARD", "411111XXXXXX1111"),
    ("lv", "Personas kods 140385 12345.", "NATIONAL_ID", "140385 12345"),
    ("zh", "身份证11010519491231002x", "NATIONAL_ID", "11010519491231002x"),
    ("no", "Kontonummer 8601 11 17947.", "ACCOUNT_NUMBER", "8601 11 17947"),
    ("no", "Kontonummer 86011117947.", "ACCOUNT_NUMBER", "86011117947"),
    ("en", "Passport lv 1234567.", "PASSPORT", "lv 1234567"),
    # e-mail and date of birth
    ("en", "Write to JANIS.BERZINS@EXAMPLE.LV today.", "EMAIL", "JANIS.BERZINS@EXAMPLE.LV"),
    ("en", "Born 1985-03-14.", "DATE_OF_BIRTH", "1985-03-14"),
    ("lv", "Dzimis 14.03.1985.", "DATE_OF_BIRTH", "14.03.1985"),
    ("en", "DOB 14/03/1985", "DATE_OF_BIRTH", "14/03/1985"),
    ("en", "born March 14, 1985", "DATE_OF_BIRTH", "March 14, 1985"),
    ("en", "born 14 March 1985", "DATE_OF_BIRTH", "14 March 1985"),
    ("no", "født 14. mars 1985", "DATE_OF_BIRTH", "14. mars 1985"),
    ("ru", "родился 14 марта 1985 г.", "DATE_OF_BIRTH", "14 марта 1985 г."),
    ("lv", "dzimis 1985. gada 14. martā", "DATE_OF_BIRTH", "1985. gada 14. martā"),
    ("zh", "出生于1985年3月14日", "DATE_OF_BIRTH", "1985年3月14日"),
]


@pytest.mark.parametrize(("language", "text", "kind", "span"), FOUND, ids=[f"{r[0]}-{r[3]}" for r in FOUND])
def test_every_form_is_found(matcher: KnownEntityMatcher, language: str, text: str, kind: str, span: str) -> None:
    assert (kind, span) in _found(matcher, text)


# -- look-alikes that identify no one in this conversation ---------------------------------------------------

NOT_FOUND: list[tuple[str, str]] = [
    ("en", "The annual report is ready."),  # Anna
    ("lv", "Anna ir šeit."),  # a given name alone
    ("en", "We flew to Petrograd."),  # Petrov
    ("ru", "Деревня Ивановка стоит у реки."),  # Иванов + a village suffix
    ("ru", "Иванович пришёл."),  # a patronymic alone
    ("en", "Mr Berzinsky called."),  # a different family
    ("lv", "Jānis Ozols atnāca uz banku."),  # the same given name, another person
    ("lv", "Anna Kalniņa ir cita kliente."),
    ("ru", "Иван Сидоров пришёл."),
    ("en", "Wei Li opened an account."),
    ("zh", "张明是另一位客户。"),
    ("lv", "Viņš dzīvo Rīgā, Brīvības ielā."),  # the city alone, a street without its number
    ("no", "Kontoret ligger i Oslo."),
    ("ru", "Он живёт в Москве на Тверской."),
    ("lv", "Brīvības iela 14 ir cita māja."),
    ("en", "Card ending 1111."),
    ("en", "Card **** **** **** 1111."),  # only four digits shown
    ("en", "Card 4111 11** **** 2222."),
    ("lv", "Zvaniet 2912."),
    ("en", "IBAN LV80BANK00004351950012"),  # a longer number that contains it
    ("en", "Born 1985-03-15, not 14.03.1986."),
    ("en", "Write to janis@example.com or info@example.lv."),
]


@pytest.mark.parametrize(("language", "text"), NOT_FOUND, ids=[f"{r[0]}-{r[1][:24]}" for r in NOT_FOUND])
def test_look_alikes_are_not_found(matcher: KnownEntityMatcher, language: str, text: str) -> None:
    assert _found(matcher, text) == []


# -- offsets point into the text as given ----------------------------------------------------------------------

OFFSETS: list[tuple[str, str, list[tuple[str, int, int]]]] = [
    ("lv", "Met Jāņa Bērziņa today", [("PERSON", 4, 16)]),
    ("ru", "Встреча с Иваном Петровым завтра", [("PERSON", 10, 25)]),
    ("zh", "客户张伟的账户", [("PERSON", 2, 4)]),
    ("zh", "电话１３８００１３８０００，张伟", [("PHONE", 2, 13), ("PERSON", 14, 16)]),
    ("zh", "张伟出生于１９８５年３月１４日。", [("PERSON", 0, 2), ("DATE_OF_BIRTH", 5, 15)]),
    # decomposed diacritics: the span ends after the last combining mark
    ("lv", "Ja\u0304nis Be\u0304rzin\u0327s\u030c", [("PERSON", 0, 17)]),
    # characters that NFKD expands, before the name
    ("en", "ﬁnance: ﬀ Ǆ Jānis Bērziņš", [("PERSON", 12, 25)]),
]


@pytest.mark.parametrize(("language", "text", "expected"), OFFSETS, ids=[r[1][:16] for r in OFFSETS])
def test_offsets_are_exact(
    matcher: KnownEntityMatcher, language: str, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert [(e.type, e.start, e.end) for e in matcher.find(text)] == expected


def test_one_long_text_gives_sorted_disjoint_certain_spans_covering_every_form(matcher: KnownEntityMatcher) -> None:
    text, expected = "", []
    for _, row_text, _, span in FOUND:
        at = len(text) + row_text.index(span)
        expected.append((at, at + len(span)))
        text += row_text + "\n"
    found = matcher.find(text)
    assert all(e.score == 1.0 for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(any(e.start <= s and e.end >= end for e in found) for s, end in expected)


def test_empty_inputs_and_bad_entities() -> None:
    assert KnownEntityMatcher([]).find("Jānis Bērziņš, +371 2912 3456") == []
    assert KnownEntityMatcher(PROFILE).find("") == []
    with pytest.raises(ValueError, match="unknown PII entity type"):
        KnownEntity("EMPLOYER", "SIA Koks")
    with pytest.raises(ValueError, match="empty"):
        KnownEntity("PERSON", "  ")


def test_family_first_records_and_a_date_with_a_two_digit_year() -> None:
    matcher = KnownEntityMatcher(
        [KnownEntity("PERSON", "Bērziņš, Jānis"), KnownEntity("DATE_OF_BIRTH", "14-03-85")]
    )
    assert _found(matcher, "Jāņa Bērziņa konts") == [("PERSON", "Jāņa Bērziņa")]
    assert _found(matcher, "Jānis ir šeit") == []  # the given name did not become a name of its own
    assert _found(matcher, "dzimis 14-03-85") == [("DATE_OF_BIRTH", "14-03-85")]


ADDRESSES: list[tuple[str, str, str]] = [
    # (recorded value, text, the exact span)
    ("Krišjāņa Barona iela 41-3, Rīga", "Dzīvo K. Barona ielā 41.", "K. Barona ielā 41"),
    ("Krišjāņa Barona iela 41-3, Rīga", "Dzīvo Barona ielā 41-3.", "Barona ielā 41-3"),
    ("Ленинский пр-т, д. 5, кв. 10", "Адрес: Ленинский пр-т, д. 5", "Ленинский пр-т, д. 5"),
    ("Ленинский пр-т, д. 5, кв. 10", "на Ленинском проспекте, 5", "Ленинском проспекте, 5"),
    ("Ullevålsveien 12, 0455 Oslo", "Adresse Ullevaalsveien 12", "Ullevaalsveien 12"),
    ("Ullevålsveien 12, 0455 Oslo", "Adresse Ullevålsvn. 12", "Ullevålsvn. 12"),
    ("Rådmann Halmrasts vei 3, 1337 Sandvika", "bor i Rådmann Halmrasts vei 3", "Rådmann Halmrasts vei 3"),
    ("徐汇区漕溪北路88号1203室", "住在上海漕溪北路88号", "漕溪北路88号"),
    ("浦东新区世纪大道100号", "世纪大道 100 号", "世纪大道 100 号"),
    ("221B Baker Street, London", "at 221b Baker Street", "221b Baker Street"),
]


@pytest.mark.parametrize(("value", "text", "span"), ADDRESSES, ids=[r[2] for r in ADDRESSES])
def test_address_forms(value: str, text: str, span: str) -> None:
    assert _found(KnownEntityMatcher([KnownEntity("ADDRESS", value)]), text) == [("ADDRESS", span)]


@pytest.mark.parametrize(
    ("value", "text"),
    [("Krišjāņa Barona iela 41-3, Rīga", "Rīgā, Barona ielā"), ("Krišjāņa Barona iela 41-3, Rīga", "Krišjāņa 41"),
     ("221B Baker Street, London", "221C Baker Street"), ("Ullevålsveien 12, 0455 Oslo", "0455 Oslo"),
     ("徐汇区漕溪北路88号1203室", "徐汇区的漕溪北路很长")],
)
def test_address_parts_that_identify_no_one(value: str, text: str) -> None:
    assert _found(KnownEntityMatcher([KnownEntity("ADDRESS", value)]), text) == []


@pytest.mark.parametrize(
    ("word", "key"),
    [("Žukovs", "zukovs"), ("Жуков", "zukov"), ("Zhukov", "zukov"), ("Мария", "mariia"), ("Marija", "mariia"),
     ("Щербаков", "scerbakov"), ("Shcherbakov", "scerbakov"), ("Andrejevs", "andreevs"), ("Андреев", "andreev")],
)
def test_one_spelling_key_across_scripts(word: str, key: str) -> None:
    assert skeleton(word) == key


# -- property: a known name, in any written form, anywhere in a sentence, is covered ---------------------------

NAME_FORMS = {
    "Jānis Bērziņš": [("Jānis", "Bērziņš"), ("Jāņa", "Bērziņa"), ("Jānim", "Bērziņam"), ("Jāni", "Bērziņu"),
                      ("Janis", "Berzins")],
    "Anna Bērziņa": [("Anna", "Bērziņa"), ("Annas", "Bērziņas"), ("Annai", "Bērziņai"), ("Annu", "Bērziņu")],
    "Kārlis Balodis": [("Kārlis", "Balodis"), ("Kārļa", "Baloža"), ("Kārlim", "Balodim"), ("Kārli", "Balodi")],
    "Иван Петров": [("Иван", "Петров"), ("Ивана", "Петрова"), ("Ивану", "Петрову"), ("Иваном", "Петровым"),
                    ("Иване", "Петрове"), ("Ivan", "Petrov"), ("Ivans", "Petrovs"), ("Иван Сергеевич", "Петров")],
    "Мария Иванова": [("Мария", "Иванова"), ("Марии", "Ивановой"), ("Марию", "Иванову"), ("Marija", "Ivanova"),
                      ("Mariya", "Ivanova"), ("Мария Петровна", "Иванова")],
    "Дмитрий Соколов": [("Дмитрий", "Соколов"), ("Дмитрия", "Соколова"), ("Дмитрием", "Соколовым"),
                        ("Dmitrijs", "Sokolovs"), ("Dmitriy", "Sokolov"), ("Dmitrii", "Sokolov")],
    "Ole Hansen": [("Ole", "Hansen"), ("Ole", "Hansens"), ("Ole", "Hansen's"), ("Oles", "Hansen")],
}
FILLER = (
    "the", "client", "asked", "about", "a", "deposit", "and", "annual", "rate", "klients", "jautāja", "par", "kontu",
    "un", "procentiem", "kunden", "spurte", "om", "lånet", "og", "renten", "клиент", "спросил", "о", "вкладе", "и",
    "ставке",
)
CASES = (str, str.upper, str.lower, str.title)


@functools.cache
def _people() -> KnownEntityMatcher:
    return KnownEntityMatcher(KnownEntity("PERSON", name) for name in NAME_FORMS)


def _strip_diacritics(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, int, int]:
    """A sentence of filler words with one known name inserted; returns it and where the name is."""
    forms = draw(st.sampled_from(list(NAME_FORMS.values())))
    given_name, family = draw(st.sampled_from(forms))
    name = draw(st.sampled_from((f"{given_name} {family}", f"{family} {given_name}", family)))
    name = draw(st.sampled_from(CASES))(name)
    if draw(st.booleans()):
        name = _strip_diacritics(name)
    before = draw(st.lists(st.sampled_from(FILLER), max_size=8))
    after = draw(st.lists(st.sampled_from(FILLER), max_size=8))
    opening, closing = draw(st.sampled_from(("", "(", "«", '"'))), draw(st.sampled_from(("", ",", ".", ")", "!")))
    head = " ".join([*before, ""]) + opening
    return f"{head}{name}{closing} {' '.join(after)}", len(head), len(head) + len(name)


@settings(max_examples=300, deadline=None)
@given(sentences())
def test_a_known_name_in_any_form_is_covered(case: tuple[str, int, int]) -> None:
    text, start, end = case
    found = _people().find(text)
    assert any(e.start <= start and e.end >= end for e in found), (text, text[start:end], found)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="客户的账户余额很高我们今天讨论了存款和贷款", max_size=20), st.integers(0, 20))
def test_a_chinese_name_inside_unspaced_text_is_covered(filler: str, at: int) -> None:
    at = min(at, len(filler))
    text = filler[:at] + "张伟" + filler[at:]
    found = KnownEntityMatcher(PROFILE).find(text)
    assert [(e.type, e.start, e.end) for e in found] == [("PERSON", at, at + 2)]


@pytest.mark.parametrize("text", ["dzimis 19850314.", "born 14031985", "DOB: 1985/03/14"])
def test_a_known_date_of_birth_in_compact_forms(text: str) -> None:
    found = KnownEntityMatcher([KnownEntity("DATE_OF_BIRTH", "1985-03-14")]).find(text)
    assert [(e.type, text[e.start : e.end]) for e in found] == [("DATE_OF_BIRTH", text.split()[-1].rstrip("."))]


def test_compact_digits_that_are_not_the_known_date_are_left_alone() -> None:
    matcher = KnownEntityMatcher([KnownEntity("DATE_OF_BIRTH", "1985-03-14")])
    assert matcher.find("order 19850315 and 14031986, amount 19851403") == []


@pytest.mark.parametrize("text", [
    "Client works at Andreassen & co. since May.", "ANDREASSEN & CO. pays the salary.",
    "Strādā SIA Baltijas Koka Nami.", "strada sia baltijas koka nami", "Работает в ООО «Север Трейд»",
])
def test_company_names_match_as_whole_phrases_in_any_case_and_without_diacritics(text: str) -> None:
    matcher = KnownEntityMatcher([KnownEntity("PERSON", "Andreassen & co."),
                                  KnownEntity("PERSON", "SIA Baltijas Koka Nami"),
                                  KnownEntity("PERSON", "ООО «Север Трейд»")])
    found = matcher.find(text)
    assert found and all(e.type == "PERSON" for e in found)
    assert matcher.find("Koka nami ir skaisti.") == []  # part of the name is not the name


@pytest.mark.parametrize(("text", "piece", "kind"), [
    ("The personal code starts 311078.", "311078", "NATIONAL_ID"),
    ("It ends 16383, put them together.", "16383", "NATIONAL_ID"),
    ("IBAN NO87 4312 for now", "NO87 4312", "IBAN"),
    ("and the rest is 2553 796.", "2553 796", "IBAN"),
])
def test_pieces_of_a_known_number_typed_separately_are_hidden(text: str, piece: str, kind: str) -> None:
    known = [KnownEntity("NATIONAL_ID", "311078-16383"), KnownEntity("IBAN", "NO87 4312 2553 796")]
    matcher = KnownEntityMatcher(known)
    assert [(e.type, text[e.start : e.end]) for e in matcher.find(text)] == [(kind, piece)]


def test_short_or_unrelated_numbers_are_not_pieces() -> None:
    matcher = KnownEntityMatcher([KnownEntity("NATIONAL_ID", "311078-16383")])
    assert matcher.find("In 2026 we paid 150000 EUR for flat 16, code 1638.") == []
