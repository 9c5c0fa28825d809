"""Generate the labelled PII eval set deterministically: `.venv/bin/python evals/data/pii/generate.py`.

Every identifier is built with python-stdnum's own check-digit functions (SNILS with the official rule,
which stdnum lacks) and checked again with the validators before it is written; every phone number is
checked with phonenumbers. Negatives are checked to be invalid under every scheme the set uses.
Offsets are computed while the sentence is assembled, never typed by hand.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import string
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban, luhn
from stdnum.cn import ric
from stdnum.lv import pvn
from stdnum.no import fodselsnummer, kontonr
from stdnum.ru import inn

SEED = 20260314
OUT = Path(__file__).resolve().parent
Value = tuple[str | None, str]  # (entity type or None for a negative, surface text)


class Gen:
    """Random identifiers in the formats people actually type, all validated before use."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng = rng
        locale = {"en": "en_GB", "lv": "lv_LV", "no": "no_NO", "ru": "ru_RU", "zh": "zh_CN"}[language]
        self.fake = Faker(locale)
        self.fake.seed_instance(rng.randrange(1 << 30))

    # -- helpers -------------------------------------------------------------------------------
    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def birth_date(self, first: int = 1940, last: int = 2004) -> datetime.date:
        start = datetime.date(first, 1, 1).toordinal()
        return datetime.date.fromordinal(self.rng.randrange(start, datetime.date(last, 12, 31).toordinal()))

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    # -- people ----------------------------------------------------------------------------------
    def person(self) -> str:
        if self.rng.random() < 0.5:
            first, last = self.fake.first_name_female(), self.fake.last_name_female()
        else:
            first, last = self.fake.first_name_male(), self.fake.last_name_male()
        return last + first if self.fake.locales[0] == "zh_CN" else f"{first} {last}"

    def email(self, domains: tuple[str, ...]) -> str:
        user = self.fake.user_name()
        if self.rng.random() < 0.3:
            user = f"{user[:5]}.{user[5:]}" if len(user) > 7 else f"{user}.{self.digits(2)}"
        return f"{user}@{self.rng.choice(domains)}"

    # -- national identifiers -------------------------------------------------------------------
    def lv_code(self, *, new: bool = False, dashed: bool = True) -> str:
        while True:
            if new:
                body = "32" + self.digits(8)
            else:
                born = self.birth_date()
                century = {18: 0, 19: 1, 20: 2}[born.year // 100]
                body = f"{born:%d%m%y}{century}{self.digits(3)}"
            code = body + pvn.calc_check_digit_pers(body)
            if pvn.is_valid(code):
                return f"{code[:6]}-{code[6:]}" if dashed else code

    def fnr(self, *, d_number: bool = False) -> str:
        while True:
            born = self.birth_date(1940, 2006)
            individual = self.rng.randrange(0, 500) if born.year < 2000 else self.rng.randrange(500, 1000)
            day = born.day + (40 if d_number else 0)
            body = f"{day:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}"
            k1 = fodselsnummer.calc_check_digit1(body)
            k2 = fodselsnummer.calc_check_digit2(body + k1)
            number = body + k1 + k2
            if len(number) == 11 and fodselsnummer.is_valid(number):
                return number

    def inn12(self) -> str:
        body = self.pick("77", "78", "50", "54", "66", "39") + self.digits(8)
        number = body + inn.calc_personal_check_digits(body)
        assert inn.is_valid(number)
        return number

    def inn10(self) -> str:
        body = self.pick("77", "78", "50", "54") + self.digits(7)
        number = body + inn.calc_company_check_digit(body)
        assert inn.is_valid(number)
        return number

    def snils(self) -> str:
        while True:
            body = self.digits(9)
            if int(body) > 1001998:
                number = body + snils_check(body)
                return f"{number[:3]}-{number[3:6]}-{number[6:9]} {number[9:]}"

    def ric(self, *, spaced: bool = False) -> str:
        area = self.pick("110105", "110108", "310104", "310115", "440305", "440106", "510107", "330106", "420106")
        while True:
            born = self.birth_date(1950, 2004)
            body = f"{area}{born:%Y%m%d}{self.digits(3)}"
            number = body + ric.calc_check_digit(body + "0")
            if ric.is_valid(number):
                return f"{number[:6]} {number[6:14]} {number[14:]}" if spaced else number

    # -- banking ---------------------------------------------------------------------------------
    def kontonr(self) -> str:
        while True:
            body = self.pick("1503", "1207", "3000", "6011", "9710", "1254", "1506", "1813") + self.digits(6)
            for check in string.digits:
                if kontonr.is_valid(body + check):
                    return body + check

    def kontonr_grouped(self) -> str:
        number = self.kontonr()
        sep = self.pick(".", " ")
        return f"{number[:4]}{sep}{number[4:6]}{sep}{number[6:]}"

    def iban(self, country: str, *, compact: bool | None = None) -> str:
        letters = string.ascii_uppercase
        bban_makers: dict[str, Callable[[], str]] = {
            "LV": lambda: self.pick("HABA", "UNLA", "PARX", "RIKO", "NDEA") + self.digits(13),
            "NO": self.kontonr,
            "DE": lambda: self.digits(18),
            "LT": lambda: self.digits(16),
            "GB": lambda: "".join(self.rng.choice(letters) for _ in range(4)) + self.digits(14),
            "SE": lambda: self.digits(20),
            "FI": lambda: self.digits(14),
        }
        while True:
            bban = bban_makers[country]()
            number = country + iban.calc_check_digits(country + "00" + bban) + bban
            if iban.is_valid(number):
                break
        if compact is None:
            compact = self.rng.random() < 0.35
        return number if compact else iban.format(number)

    def card(self) -> str:
        kind = self.pick("visa", "visa", "mc", "mc2", "mir", "amex", "unionpay", "unionpay19")
        prefix, length = {
            "visa": ("4", 16), "mc": (self.pick("51", "52", "53", "54", "55"), 16), "mc2": ("2221", 16),
            "mir": (self.pick("2200", "2202", "2204"), 16), "amex": (self.pick("34", "37"), 15),
            "unionpay": ("62", 16), "unionpay19": ("6212", 19),
        }[kind]
        while True:
            body = prefix + self.digits(length - len(prefix) - 1)
            number = body + luhn.calc_check_digit(body)
            if luhn.is_valid(number) and len(set(number)) > 1:
                break
        if kind == "amex":
            groups = [number[:4], number[4:10], number[10:]]
        else:
            groups = [number[i : i + 4] for i in range(0, len(number), 4)]
        return self.pick(" ", " ", "-", "").join(groups)

    def ru_account(self) -> str:
        return self.pick("40817810", "40817978", "42301810") + self.digits(12)

    def cn_account(self) -> str:
        number = self.pick("6222", "6217", "6228") + self.digits(15)
        return number if self.rng.random() < 0.6 else " ".join(number[i : i + 4] for i in range(0, 19, 4))

    def ru_passport(self) -> str:
        series, number = f"{self.rng.randrange(1, 99):02d}{self.rng.randrange(0, 25):02d}", self.digits(6)
        if number == "000000":
            number = "100000"
        return self.pick(
            f"{series[:2]} {series[2:]} {number}", f"{series} {number}", f"{series} № {number}", f"{series}{number}"
        )

    def passport(self, country: str) -> str:
        if country == "CN":
            return self.pick("E", "G") + self.digits(8) if self.rng.random() < 0.6 else "EA" + self.digits(7)
        if country == "GB":
            return self.digits(9)
        if country == "NO":
            return self.pick("FH", "FJ", "C") + self.digits(7)
        return self.pick("LA", "LB", "PA") + self.digits(7)

    # -- phones ----------------------------------------------------------------------------------
    def phone(self, country: str, style: str) -> str:
        """style: "local" | "intl" | "landline"; the result is re-validated with phonenumbers."""
        for _ in range(1000):
            text, region = self._phone_text(country, style)
            parsed = phonenumbers.parse(text, None if text.startswith("+") else region)
            if phonenumbers.is_valid_number(parsed):
                return text
        raise RuntimeError(f"could not generate a valid {country} phone")

    def _phone_text(self, country: str, style: str) -> tuple[str, str]:
        d = self.digits
        if country == "LV":
            n = ("6" + self.pick("7", "5", "3") + d(6)) if style == "landline" else ("2" + d(7))
            local = self.pick(n, f"{n[:4]} {n[4:]}", f"{n[:2]} {n[2:5]} {n[5:]}", f"{n[:3]} {n[3:5]} {n[5:]}")
            intl = self.pick(f"+371 {n}", f"+371 {n[:4]} {n[4:]}", f"+371{n}", f"00371 {n}")
        elif country == "NO":
            n = ("2" + self.pick("2", "3") + d(6)) if style == "landline" else (self.pick("4", "9") + d(7))
            local = self.pick(n, f"{n[:3]} {n[3:5]} {n[5:]}", f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}")
            intl = self.pick(f"+47 {n}", f"+47 {n[:3]} {n[3:5]} {n[5:]}", f"+47 {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}")
        elif country == "RU":
            n = ("495" + d(7)) if style == "landline" else ("9" + self.pick("01", "03", "16", "26", "85", "99") + d(7))
            a, b, c, e = n[:3], n[3:6], n[6:8], n[8:]
            local = self.pick(f"8 ({a}) {b}-{c}-{e}", f"8 {a} {b}-{c}-{e}", f"8{n}", f"8-{a}-{b}-{c}-{e}")
            intl = self.pick(f"+7 ({a}) {b}-{c}-{e}", f"+7 {a} {b} {c} {e}", f"+7{n}", f"+7 {a} {b}-{c}-{e}")
        elif country == "CN":
            if style == "landline":
                area = self.pick("10", "21", "20", "755")
                rest = d(8)
                local = self.pick(f"0{area}-{rest}", f"0{area} {rest[:4]} {rest[4:]}")
                intl = f"+86 {area} {rest[:4]} {rest[4:]}"
            else:
                n = "1" + self.pick("3", "5", "8", "9") + d(9)
                local = self.pick(n, n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}")
                intl = self.pick(f"+86 {n[:3]} {n[3:7]} {n[7:]}", f"+86{n}", f"+86-{n[:3]}-{n[3:7]}-{n[7:]}")
        else:  # GB mobile
            n = "7" + self.pick("4", "5", "7", "8", "9") + d(8)
            local = f"0{n[:4]} {n[4:]}"
            intl = self.pick(f"+44 {n[:4]} {n[4:]}", f"+44 {n}")
        return (intl if style == "intl" else local), country if country != "GB" else "GB"

    # -- dates -----------------------------------------------------------------------------------
    def dob(self, style: str) -> str:
        born = self.birth_date()
        months = {
            "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
            "no": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
                   "november", "desember"],
            "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                   "ноября", "декабря"],
            "lv": ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī",
                   "oktobrī", "novembrī", "decembrī"],
        }
        if style == "iso":
            return f"{born:%Y-%m-%d}"
        if style == "dot":
            return self.pick(f"{born:%d.%m.%Y}", f"{born.day}.{born.month:02d}.{born.year}")
        if style == "slash":
            return f"{born:%d/%m/%Y}"
        if style == "cn":
            return self.pick(f"{born.year}年{born.month}月{born.day}日", f"{born:%Y}年{born:%m}月{born:%d}日")
        if style == "en":
            name = months["en"][born.month - 1]
            return self.pick(f"{born.day} {name} {born.year}", f"{name} {born.day}, {born.year}")
        if style == "no":
            return f"{born.day}. {months['no'][born.month - 1]} {born.year}"
        if style == "ru":
            return f"{born.day} {months['ru'][born.month - 1]} {born.year}"
        if style == "lv":
            return f"{born.year}. gada {born.day}. {months['lv'][born.month - 1]}"
        raise ValueError(style)

    # -- negatives: invalid under every scheme in this set --------------------------------------
    def broken(self, value: str) -> str:
        """Change the last digit until no validator accepts the result."""
        for _ in range(50):
            replacement = self.rng.choice([c for c in string.digits if c != value[-1]])
            candidate = value[:-1] + replacement
            if not any_valid(candidate):
                return candidate
        raise RuntimeError("could not break identifier")

    def reference(self) -> str:
        return self.pick(f"2024{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 29):02d}-{self.digits(4)}",
                         f"RF{self.digits(2)} {self.digits(4)} {self.digits(4)}", f"TX-{self.digits(6)}")

    def reference_digits(self) -> str:
        return self.digits(self.rng.choice([8, 9, 10, 12, 14]))


def snils_check(body: str) -> str:
    """СНИЛС check digits (Pension Fund rule), written out independently of guardrails."""
    total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True))
    if total > 101:
        total %= 101
    return "00" if total in (100, 101) else f"{total:02d}"


def any_valid(value: str) -> bool:
    digits = re.sub(r"[^0-9A-Za-z]", "", value)
    snils_ok = len(digits) == 11 and digits.isdigit() and snils_check(digits[:9]) == digits[9:]
    card_ok = digits.isdigit() and 13 <= len(digits) <= 19 and luhn.is_valid(digits)
    return (
        snils_ok or card_ok or iban.is_valid(digits) or pvn.is_valid(digits) or fodselsnummer.is_valid(digits)
        or kontonr.is_valid(digits) or inn.is_valid(digits) or ric.is_valid(digits)
    )


# Templates: {slot} markers are filled by SLOTS[slot](gen) -> (type or None, text).
SlotFn = Callable[[Gen], Value]
COMMON_SLOTS: dict[str, SlotFn] = {
    "card": lambda g: ("CREDIT_CARD", g.card()),
    "lv_code": lambda g: ("NATIONAL_ID", g.lv_code()),
    "lv_code_plain": lambda g: ("NATIONAL_ID", g.lv_code(dashed=False)),
    "lv_code_new": lambda g: ("NATIONAL_ID", g.lv_code(new=True)),
    "fnr": lambda g: ("NATIONAL_ID", g.fnr()),
    "fnr_spaced": lambda g: ("NATIONAL_ID", (lambda n: f"{n[:6]} {n[6:]}")(g.fnr())),
    "dnr": lambda g: ("NATIONAL_ID", g.fnr(d_number=True)),
    "inn12": lambda g: ("NATIONAL_ID", g.inn12()),
    "inn10": lambda g: ("NATIONAL_ID", g.inn10()),
    "snils": lambda g: ("NATIONAL_ID", g.snils()),
    "ric": lambda g: ("NATIONAL_ID", g.ric()),
    "ric_spaced": lambda g: ("NATIONAL_ID", g.ric(spaced=True)),
    "iban_lv": lambda g: ("IBAN", g.iban("LV")),
    "iban_lv_compact": lambda g: ("IBAN", g.iban("LV", compact=True)),
    "iban_no": lambda g: ("IBAN", g.iban("NO")),
    "iban_no_compact": lambda g: ("IBAN", g.iban("NO", compact=True)),
    "iban_any": lambda g: ("IBAN", g.iban(g.pick("LV", "NO", "DE", "LT", "GB", "SE", "FI"))),
    "kontonr_fmt": lambda g: ("ACCOUNT_NUMBER", g.kontonr_grouped()),
    "kontonr_plain": lambda g: ("ACCOUNT_NUMBER", g.kontonr()),
    "ru_account": lambda g: ("ACCOUNT_NUMBER", g.ru_account()),
    "cn_account": lambda g: ("ACCOUNT_NUMBER", g.cn_account()),
    "ru_passport": lambda g: ("PASSPORT", g.ru_passport()),
    "passport_lv": lambda g: ("PASSPORT", g.passport("LV")),
    "passport_no": lambda g: ("PASSPORT", g.passport("NO")),
    "passport_cn": lambda g: ("PASSPORT", g.passport("CN")),
    "passport_gb": lambda g: ("PASSPORT", g.passport("GB")),
    "phone_lv_local": lambda g: ("PHONE", g.phone("LV", "local")),
    "phone_lv_landline": lambda g: ("PHONE", g.phone("LV", "landline")),
    "phone_lv_intl": lambda g: ("PHONE", g.phone("LV", "intl")),
    "phone_no_local": lambda g: ("PHONE", g.phone("NO", "local")),
    "phone_no_landline": lambda g: ("PHONE", g.phone("NO", "landline")),
    "phone_no_intl": lambda g: ("PHONE", g.phone("NO", "intl")),
    "phone_ru_local": lambda g: ("PHONE", g.phone("RU", "local")),
    "phone_ru_intl": lambda g: ("PHONE", g.phone("RU", "intl")),
    "phone_ru_landline": lambda g: ("PHONE", g.phone("RU", "landline")),
    "phone_cn_local": lambda g: ("PHONE", g.phone("CN", "local")),
    "phone_cn_intl": lambda g: ("PHONE", g.phone("CN", "intl")),
    "phone_cn_landline": lambda g: ("PHONE", g.phone("CN", "landline")),
    "phone_gb_intl": lambda g: ("PHONE", g.phone("GB", "intl")),
    "phone_intl_any": lambda g: ("PHONE", g.phone(g.pick("LV", "NO", "RU", "CN", "GB"), "intl")),
    "dob_iso": lambda g: ("DATE_OF_BIRTH", g.dob("iso")),
    "dob_dot": lambda g: ("DATE_OF_BIRTH", g.dob("dot")),
    "dob_slash": lambda g: ("DATE_OF_BIRTH", g.dob("slash")),
    "dob_cn": lambda g: ("DATE_OF_BIRTH", g.dob("cn")),
    "dob_en_text": lambda g: ("DATE_OF_BIRTH", g.dob("en")),
    "dob_no_text": lambda g: ("DATE_OF_BIRTH", g.dob("no")),
    "dob_ru_text": lambda g: ("DATE_OF_BIRTH", g.dob("ru")),
    "dob_lv_text": lambda g: ("DATE_OF_BIRTH", g.dob("lv")),
    "person": lambda g: ("PERSON", g.person()),
    # negatives
    "bad_iban": lambda g: (None, g.broken(g.iban(g.pick("LV", "NO", "DE")))),
    "bad_card": lambda g: (None, g.broken(g.card())),
    "bad_lv_code": lambda g: (None, g.broken(g.lv_code())),
    "bad_fnr": lambda g: (None, g.broken(g.fnr())),
    "bad_kontonr": lambda g: (None, g.broken(g.kontonr_grouped())),
    "bad_inn": lambda g: (None, g.broken(g.pick(g.inn12(), g.inn10()))),
    "bad_snils": lambda g: (None, g.broken(g.snils())),
    "bad_ric": lambda g: (None, g.broken(g.ric()[:-1] + "0")),
    "ref": lambda g: (None, g.reference()),
    "ref_digits": lambda g: (None, g.reference_digits()),
}

DOMAINS = {
    "en": ("gmail.com", "outlook.com", "example.com", "yahoo.co.uk", "proton.me"),
    "lv": ("inbox.lv", "gmail.com", "example.lv", "apollo.lv", "tvnet.lv"),
    "no": ("online.no", "gmail.com", "example.no", "hotmail.no", "live.no"),
    "ru": ("mail.ru", "yandex.ru", "example.ru", "bk.ru", "gmail.com"),
    "zh": ("qq.com", "163.com", "example.cn", "126.com", "sina.com"),
}

def _address_en(g: Gen) -> str:
    street = f"{g.rng.randrange(1, 200)} {g.pick('Baker Street', 'Station Road', 'Church Lane', 'Victoria Road')}"
    return f"{street}, {g.pick('London', 'Leeds', 'Bristol')} {g.pick('NW1 6XE', 'LS1 4AP', 'BS1 5TR')}"


def _address_lv(g: Gen) -> str:
    street = g.pick("Brīvības iela", "Elizabetes iela", "Kr. Barona iela", "Lāčplēša iela", "Rīgas iela")
    house = f"{g.rng.randrange(1, 150)}-{g.rng.randrange(1, 60)}"
    return f"{street} {house}, {g.pick('Rīga', 'Jelgava', 'Liepāja')}, LV-{g.rng.randrange(1001, 3999)}"


def _address_no(g: Gen) -> str:
    return f"{g.fake.street_address()}, {g.fake.postcode()} {g.pick('Oslo', 'Bergen', 'Trondheim', 'Tromsø')}"


def _address_ru(g: Gen) -> str:
    city, street = g.pick("Москва", "Санкт-Петербург", "Рига"), g.pick("Тверская", "Ленина", "Садовая", "Гагарина")
    return f"г. {city}, ул. {street}, д. {g.rng.randrange(1, 120)}, кв. {g.rng.randrange(1, 300)}"


def _address_zh(g: Gen) -> str:
    street = g.pick("北京市朝阳区建国路", "上海市徐汇区漕溪北路", "深圳市南山区科技园路", "成都市武侯区人民南路")
    return f"{street}{g.rng.randrange(1, 300)}号{g.rng.randrange(1, 30)}楼{g.rng.randrange(101, 2505)}室"


ADDRESSES: dict[str, Callable[[Gen], str]] = {
    "en": _address_en, "lv": _address_lv, "no": _address_no, "ru": _address_ru, "zh": _address_zh,
}

TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Hi, it's {person}. My new mobile number is {phone_intl_any} — please update my profile.",
        "Please transfer EUR 2,500 from my current account to {iban_any} by Friday.",
        "Client read out the full card number {card}; I told her never to share it in chat.",
        "Send the mortgage offer to {email} and copy me in.",
        "Date of birth: {dob_iso}. Passport number {passport_gb}.",
        "He was born on {dob_en_text} in Bergen; his fødselsnummer is {fnr}.",
        "Latvian personal code {lv_code} checked against the ID card, all good.",
        "For the KYC file: INN {inn12}, SNILS {snils}.",
        "Her Chinese resident ID is {ric} and her mobile is {phone_cn_local}.",
        "Can you call me back on {phone_no_local} after 3 pm?",
        "Salary goes to Norwegian account {kontonr_fmt} every month.",
        "Russian passport {ru_passport} was issued in 2016, scan attached.",
        "You can reach me at {email} or on {phone_ru_intl}.",
        "DOB {dob_slash} — please correct it in the system, the old one was wrong.",
        "Updated contact details for {person}: {email}, {phone_gb_intl}.",
        "My account number at the Moscow bank is {ru_account}.",
        "The new personal code is {lv_code_new} (issued after 2017).",
        "Beneficiary IBAN: {iban_lv_compact}, name {person}.",
        "Her D-number is {dnr}, she moved to Oslo last year.",
        "Card {card} was declined twice at the airport, can you check?",
        "I live at {address}, and my landline is {phone_lv_intl}.",
        "Client born {dob_dot} asks about the pension savings plan.",
        "Please use my personal email {email} from now on.",
        "ID card number for the record: {ric}.",
        "WhatsApp me at {phone_lv_intl} if the transfer to {iban_any} fails.",
    ],
    "lv": [
        "Labdien! Esmu {person}, mans mobilais ir {phone_lv_local}.",
        "Lūdzu, pārskaitiet 1 500 EUR uz kontu {iban_lv}.",
        "Klienta personas kods: {lv_code}, dzimšanas datums {dob_dot}.",
        "Mans e-pasts ir {email}, rakstiet, lūdzu, tur.",
        "Karte {card} ir nozaudēta, lūdzu, bloķējiet to nekavējoties.",
        "Zvaniet man uz {phone_lv_intl} pēc pulksten trijiem.",
        "Man ir jaunā parauga personas kods {lv_code_new}.",
        "Pases numurs {passport_lv}, derīga līdz 2029. gadam.",
        "Klients dzimis {dob_lv_text}, personas kods {lv_code}.",
        "Saņēmējs: {person}, konts {iban_lv_compact}.",
        "Sazinieties ar mani pa e-pastu {email} vai pa tālruni {phone_lv_local}.",
        "Lūdzu, atjaunojiet manu kontaktinformāciju: {phone_lv_intl}, {email}.",
        "Kredītkartes numurs: {card}, derīguma termiņš 08/27.",
        "Dēls studē Oslo, viņa konts Norvēģijā ir {iban_no}.",
        "Mājas tālrunis {phone_lv_landline}, zvanīt vakarā.",
        "Adrese: {address}, tālr. {phone_lv_local}.",
        "Personas kods {lv_code_plain}, lūdzu, pārbaudiet klienta identitāti.",
        "Mana māsa {person} (dz. {dob_dot}) arī vēlas atvērt kontu.",
        "Rēķinu sūtiet uz {email}, paldies!",
        "Pārskaitījums no {iban_lv} uz {iban_any} vēl nav ienācis.",
        "Lūdzu, piezvaniet uz {phone_lv_local} vai rakstiet uz {email}.",
        "Dzimšanas datums: {dob_iso}; pases Nr. {passport_lv}.",
        "Debetkartes numurs {card} — vai tā ir aktivizēta?",
        "Mans personas kods ir {lv_code}, un tālrunis {phone_lv_intl}.",
    ],
    "no": [
        "Hei, jeg heter {person} og mobilnummeret mitt er {phone_no_local}.",
        "Kontonummeret mitt er {kontonr_fmt}, kan dere sjekke saldoen?",
        "Fødselsnummer: {fnr}. Adresse: {address}.",
        "Send tilbudet til {email}, takk.",
        "Kortnummer {card} er stjålet, vennligst sperr kortet.",
        "Ring meg på {phone_no_intl} etter klokka fire.",
        "Kunden er født {dob_no_text} og har D-nummer {dnr}.",
        "IBAN for utbetaling: {iban_no}.",
        "Passnummer {passport_no}, utstedt i Oslo i fjor.",
        "Fødselsdato {dob_dot}, telefon {phone_no_local}.",
        "Overfør 5 000 kr fra konto {kontonr_plain} til sparekontoen.",
        "E-posten min er {email}, og du når meg på {phone_no_local}.",
        "Min kone {person} har fødselsnummer {fnr}.",
        "Lønnen kommer inn på {iban_no_compact}.",
        "Kan du sende SMS til {phone_no_intl} når lånet er innvilget?",
        "Jeg har fått nytt kort: {card}.",
        "Han ble født {dob_iso} i Tromsø.",
        "Mitt personnummer er {fnr_spaced}.",
        "Betal regningen fra kontoen {kontonr_fmt} og send kvittering til {email}.",
        "Hytta i Latvia betales til {iban_lv}.",
        "Ny e-postadresse: {email}.",
        "Fasttelefon {phone_no_landline}, best etter kl. 18.",
        "Kortet som slutter på 4421 er ikke mitt — mitt kortnummer er {card}.",
        "Send brevet til {address}, mottaker {person}.",
    ],
    "ru": [
        "Здравствуйте, меня зовут {person}, мой телефон {phone_ru_local}.",
        "Паспорт {ru_passport}, выдан ГУ МВД России по г. Москве.",
        "ИНН клиента: {inn12}, СНИЛС {snils}.",
        "Прошу перевести 150 000 ₽ на счёт {ru_account}.",
        "Номер карты {card}, срок действия 12/27.",
        "Дата рождения: {dob_dot}. Место рождения: г. Рига.",
        "Пишите на {email} или звоните {phone_ru_intl}.",
        "Клиент родился {dob_ru_text}, паспорт серия {ru_passport}.",
        "Мой латвийский персональный код {lv_code}.",
        "Мой рижский номер {phone_lv_local}, звоните после шести.",
        "ИНН организации {inn10}, КПП 773601001.",
        "IBAN для перевода в Латвию: {iban_lv}.",
        "Мой e-mail: {email}.",
        "Номер счёта получателя {ru_account}, получатель {person}.",
        "Телефон жены {phone_ru_local}, если я не отвечаю.",
        "Карта {card} заблокирована, прошу перевыпустить.",
        "СНИЛС {snils}, ИНН {inn12}.",
        "Дата рождения {dob_iso}, паспорт {ru_passport}.",
        "Адрес регистрации: {address}.",
        "Свяжитесь со мной по почте {email} или по WhatsApp {phone_ru_intl}.",
        "Мой личный код {lv_code_new}, я получил его в 2019 году.",
        "Оплата картой {card} не прошла.",
        "Перезвоните мне, пожалуйста, на {phone_ru_local}.",
        "Родилась {dob_dot} в Даугавпилсе, телефон {phone_ru_landline}.",
    ],
    "zh": [
        "您好，我是{person}，我的手机号是{phone_cn_local}。",
        "我的身份证号是{ric}，请帮我核实一下。",
        "请把合同发到我的邮箱{email}，谢谢。",
        "银行卡号{card}已经挂失了。",
        "收款账号：{cn_account}，户名{person}。",
        "出生日期：{dob_cn}。",
        "他{dob_cn}出生，护照号{passport_cn}。",
        "请拨打{phone_cn_intl}联系我。",
        "欧元汇款请用IBAN：{iban_any}。",
        "联系电话{phone_cn_landline}，邮箱{email}。",
        "客户身份证{ric_spaced}，手机{phone_cn_local}。",
        "我的新邮箱是{email}。",
        "信用卡{card}昨天被盗刷了。",
        "生日是{dob_iso}，请更新资料。",
        "地址：{address}，电话{phone_cn_local}。",
        "护照号码{passport_cn}，有效期至2030年。",
        "请转账到{iban_lv}，收款人{person}。",
        "我在拉脱维亚的手机是{phone_lv_intl}。",
        "微信同号{phone_cn_local}。",
        "身份证号码：{ric}；出生日期{dob_cn}。",
        "借记卡卡号{card}。",
        "邮件请发至{email}或致电{phone_cn_intl}。",
    ],
}

NEGATIVES: dict[str, list[str]] = {
    "en": [
        "The FX forward FX-2026-0042 settles on 2026-03-14 at a rate of 11.4520.",
        "Your transfer of EUR 12 000 was booked on 14.03.2024 with reference {ref}.",
        "The 12-month deposit pays 3.45% p.a.; the minimum amount is NOK 50 000.",
        "Invoice {ref_digits} is due on 31/03/2024.",
        "I typed the IBAN as {bad_iban} but the bank says it is invalid.",
        "The card number {bad_card} was rejected by the terminal.",
        "Order #{ref_digits} placed on 2024-02-01 for RUB 1 250 000.",
        "Personal code {bad_lv_code} failed validation; please ask the client again.",
        "Portfolio value grew from 1 250 000 to 1 312 500 NOK in Q1 2024.",
        "Fødselsnummer {bad_fnr} does not pass the check digits.",
        "Meeting moved to 2024-05-07 14:30, room 4.12, product code DEP-12M-2025.",
        "INN {bad_inn} is not valid — maybe a typo?",
        "Card limit raised to EUR 15 000; interest 19.9% APR from 01/04/2024.",
        "Transaction ID {ref_digits} for USD 4,750.00 on 03/02/2024.",
    ],
    "lv": [
        "Termiņnoguldījuma likme ir 3,25% gadā, minimālā summa 5 000 EUR.",
        "Maksājums 12 000 EUR tika veikts 2024-03-14, atsauce {ref}.",
        "Produkta kods FX-2026-0042, līguma Nr. 2024/118.",
        "Personas kods {bad_lv_code} nav derīgs, lūdzu, pārbaudiet vēlreiz.",
        "IBAN {bad_iban} neizdevās pārbaudīt, kontrolcipari nesakrīt.",
        "Darījums 14.03.2024 par summu 2 450,00 EUR ir apstiprināts.",
        "Kredītlimits 15 000 EUR, procentu likme 6,9 % gadā.",
        "Kartes numurs {bad_card} nav derīgs.",
        "Rēķina numurs {ref_digits}, apmaksas termiņš 31.03.2024.",
        "Kontā atlikums 45 300,12 EUR uz 01.03.2024.",
        "Tikšanās 2024. gada 7. maijā plkst. 14:30, 4. kabinetā.",
        "Pasūtījums Nr. {ref_digits} tika apmaksāts 2024-02-01.",
    ],
    "no": [
        "Renten på boliglånet er 4,85 % fra 01.04.2024.",
        "Beløpet NOK 45 000 000 ble overført 2024-03-14 med KID {ref_digits}.",
        "Produktkode FX-2026-0042 gjelder fastrente i fem år.",
        "Fødselsnummeret {bad_fnr} er ugyldig, be kunden sjekke det.",
        "Kontonummer {bad_kontonr} har feil kontrollsiffer.",
        "Transaksjonen 15.02.2024 på 12 500 kr er bekreftet, referanse {ref_digits}.",
        "Saldo per 01.03.2024: 245 300,50 kr.",
        "Kortnummeret {bad_card} ble avvist.",
        "Møtet er flyttet til 07.05.2024 kl. 14.30.",
        "Fakturanummer {ref_digits} forfaller 31.03.2024.",
        "Lånebeløp 3 500 000 kr, nedbetalingstid 25 år, effektiv rente 5,12 %.",
        "IBAN {bad_iban} er ikke gyldig.",
    ],
    "ru": [
        "Ставка по вкладу 12,5% годовых, сумма от 50 000 руб.",
        "Платёж на 1 250 000 ₽ проведён 14.03.2024, номер операции {ref}.",
        "Продукт FX-2026-0042, договор № 45-1234/2024.",
        "ИНН {bad_inn} не прошёл проверку.",
        "СНИЛС {bad_snils} указан с ошибкой.",
        "Курс 92,35 руб. за доллар на 01.03.2024.",
        "Номер карты {bad_card} недействителен.",
        "Заказ № {ref_digits} оплачен 2024-02-01.",
        "Остаток на 01.03.2024 составляет 345 000,00 руб.",
        "Встреча перенесена на 07.05.2024 в 14:30.",
        "Кредитный лимит 300 000 рублей, ставка 24,9 %.",
        "Персональный код {bad_lv_code} не проходит проверку.",
    ],
    "zh": [
        "年利率为3.85%，起存金额5万元。",
        "交易日期2024-03-14，金额12,500元，流水号{ref_digits}。",
        "产品代码FX-2026-0042，期限12个月。",
        "身份证号{bad_ric}校验失败，请重新输入。",
        "订单号{ref_digits}已于2024年3月14日支付。",
        "卡号{bad_card}无效。",
        "账户余额为345,000.00元（截至2024-03-01）。",
        "会议改到2024年5月7日14:30。",
        "贷款金额300万元，利率4.2%。",
        "IBAN {bad_iban}校验位不正确。",
    ],
}

PASSES = 3  # each positive template is filled three times with fresh values


def fill(template: str, gen: Gen, language: str) -> tuple[str, list[dict[str, int | str]]]:
    """Substitute every {slot}, recording the exact offsets of labelled values."""
    text = ""
    spans: list[dict[str, int | str]] = []
    cursor = 0
    for match in re.finditer(r"\{(\w+)\}", template):
        text += template[cursor : match.start()]
        slot = match.group(1)
        kind: str | None
        if slot == "email":
            kind, value = "EMAIL", gen.email(DOMAINS[language])
        elif slot == "address":
            kind, value = "ADDRESS", ADDRESSES[language](gen)
        else:
            kind, value = COMMON_SLOTS[slot](gen)
        if kind is not None:
            spans.append({"type": kind, "start": len(text), "end": len(text) + len(value)})
        text += value
        cursor = match.end()
    text += template[cursor:]
    return text, spans


def generate(language: str) -> list[dict[str, object]]:
    rng = random.Random(f"{SEED}-{language}")
    gen = Gen(rng, language)
    rows: list[dict[str, object]] = []
    templates = [t for _ in range(PASSES) for t in TEMPLATES[language]] + NEGATIVES[language]
    for n, template in enumerate(templates, start=1):
        text, spans = fill(template, gen, language)
        rows.append({"id": f"{language}-{n:03d}", "language": language, "text": text, "entities": spans})
    return rows


def main() -> None:
    for language in TEMPLATES:
        rows = generate(language)
        with (OUT / f"{language}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        spans = sum(len(row["entities"]) for row in rows)  # type: ignore[arg-type,misc]
        print(f"{language}: {len(rows)} lines, {spans} labelled spans")


if __name__ == "__main__":
    main()
