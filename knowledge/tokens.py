"""Language-neutral tokens for keyword search: folded words, prefix stems, CJK bigrams."""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")
# Prefix stemming: crude, but robust for inflected lv/ru/no and needs no per-language stemmer.
# Seven letters keep "international" apart from "internet"; a final -s is dropped so "costs" meets "cost".
STEM = 7
_STOP_WORDS = {
    "en": "the a an of to in on for and or is are be it what how much does do can my i you we with at by from",
    "lv": "vai un ir par uz no ar kā cik kas man mans es jūs",
    "no": "og er en et i på for til av med hva hvor mye kan jeg du min det som",
    "ru": "и в на по с о как что сколько это мой я вы для или ли",
}
_STOP = frozenset(word for words in _STOP_WORDS.values() for word in words.split())


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'Pārskaitījums' matches 'parskaitijums'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ё", "е")


def tokenize(text: str) -> list[str]:
    """Tokens of any of the five languages: CJK runs become character bigrams, words become prefix stems."""
    out: list[str] = []
    for match in _TOKEN.finditer(fold(text)):
        word = match.group()
        if _IS_CJK.match(word):
            if len(word) == 1:
                out.append(word)
            out.extend(word[i : i + 2] for i in range(len(word) - 1))
        elif word not in _STOP:
            out.append(word if word.isdigit() else _stem(word))
    return out


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and word.isascii():
        word = word[:-1]
    return word[:STEM]


def is_cjk(text: str) -> bool:
    """True when the text contains CJK characters."""
    return bool(_IS_CJK.search(text))


def measure(text: str) -> int:
    """Length in word-like units: CJK characters count as about two thirds of a word each."""
    cjk = len(_IS_CJK.findall(text))
    words = len(re.findall(r"[^\W_]+", _IS_CJK.sub(" ", text)))
    return words + (cjk * 2) // 3
