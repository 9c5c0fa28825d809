"""Forms of a name: one spelling key across case, diacritics and scripts, declension stems, and their endings.

A word is reduced to a Latin skeleton that the usual spellings of one name share: "Bērziņš", "BERZINS" and
"Berzinsh" give "berzins"; "Жуков", "Zhukov" and "Žukovs" give "zukov(s)"; "Мария", "Mariya", "Marija" give
"mariia". Matching then compares skeletons: a profile word yields a few stems (the word minus a nominative
ending), and a word in the text is that person's if it is one of those stems plus a case ending of Latvian,
Russian or Norwegian ("Jāņa" = "ian" + "a", "Иваном" = "ivan" + "om"). The endings are a closed list, so
"Berzinsky" ("berzin" + "ski") and "Ивановка" ("ivanov" + "ka") are other words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Written by hand rather than taken from a transliteration package: the targets are chosen so that the
# English (zh, sh, ch, kh, ts, ya), Latvian (ž, š, č, h, c, ja) and passport (ia, iu) spellings of a Russian
# name meet, which no single standard table does.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "z", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "sc", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}
# Letters NFKD does not decompose, and the Latin spellings that stand for one Cyrillic letter.
_LATIN = {
    "j": "i", "y": "i", "w": "v", "x": "ks", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l",
    "ı": "i", "þ": "th", "ð": "d", "'": "", "’": "", "ʼ": "",
}
_FOLD = str.maketrans({**_CYRILLIC, **_LATIN})
# Applied to Latin letters before _FOLD, so "Исхаков" (s+h) is not read as "sh". "ts" stays at a word's end,
# where it is usually "t" + the nominative "s" ("Roberts"). "aa" and "oe" are the passport spellings of å and ø.
_DIGRAPHS = re.compile(r"shch|zh|sh|ch|kh|ts(?=[a-z])|aa|oe")
_DIGRAPH_MAP = {"shch": "sc", "zh": "z", "sh": "s", "ch": "c", "kh": "h", "ts": "c", "aa": "a", "oe": "o"}
# Russian е is "ye"/"je" at a word's start and after a vowel in English and Latvian: "Yelena", "Andrejevs".
_IE = re.compile(r"(?:^|(?<=[aeiou]))ie")

# Case endings (as skeletons) that may follow a stem: Latvian nouns of all six declensions, Russian nouns and
# adjectival surnames, and the Norwegian and English genitive (the apostrophe folds away: "Hansen's").
ENDINGS = frozenset({
    "", "s", "is", "us", "a", "as", "ai", "am", "u", "um", "i", "im", "e", "es", "ei", "iem", "os", "em",
    "ia", "iu", "om", "ii", "oi", "oiu", "eiu", "ogo", "ego", "omu", "emu", "imi", "ih", "aia", "uiu", "oe", "ie",
})
MAX_ENDING = max(len(e) for e in ENDINGS)
# Nominative endings stripped from a profile word to find its stems (longest first is not needed: all are kept).
_NOMINATIVE = ("aia", "ia", "ii", "oi", "is", "us", "s", "a", "e", "i")
MIN_STEM = 2
_PATRONYMIC = re.compile(r"(?:ovic|evic|ovn|evn|icn)(?:a|u|e|em|om|i|oi|ei|oiu|s)?$")
_CONSONANT = frozenset("bcdfghklmnpqrstvz")

# A word in the original text: letters and combining marks, apostrophes inside; Han characters are not part of
# words (Chinese has no spaces) and are matched separately.
WORD = r"(?:[^\W\d_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|[\u0300-\u036f])+"
WORD_RE = re.compile(rf"{WORD}(?:['’]{WORD})*")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The spelling key of one word: lower case, no diacritics, Cyrillic and Latin variants folded together."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group()], plain)
    return _IE.sub("e", plain.translate(_FOLD))


@lru_cache(maxsize=4096)
def stems(key: str, *, given: bool = False) -> frozenset[str]:
    """The stems a profile word (as a skeleton) declines from: itself and itself minus a nominative ending."""
    found = {key}
    for ending in _NOMINATIVE:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
            found.add(key[: -len(ending)])
    # Latvian 2nd declension palatalises the last consonant: Apsītis -> Apsīša, Briedis -> Brieža, -bis -> -bja.
    if key.endswith("is") and len(key) >= 5:
        base = key[:-2]
        alternation = {"t": base[:-1] + "s", "d": base[:-1] + "z"}.get(base[-1])
        if alternation:
            found.add(alternation)
        elif base[-1] in "bmpv":
            found.add(base + "i")
    # Russian fleeting vowel in given names: Павел -> Павла, Лев -> Льва.
    if given and len(key) >= 3 and key[-2] == "e" and key[-1] in _CONSONANT and key[-3] in _CONSONANT:
        found.add(key[:-2] + key[-1])
    return frozenset(s for s in found if len(s) >= MIN_STEM)


def core_length(key: str) -> int:
    """Length of the shortest stem: how much of the word is left once it is declined."""
    return min(len(s) for s in stems(key))


@lru_cache(maxsize=65536)
def candidate_stems(key: str) -> tuple[str, ...]:
    """Every way to read a text word as stem + known ending."""
    cuts = range(min(MAX_ENDING, len(key) - MIN_STEM) + 1)
    return tuple(key[: len(key) - cut] for cut in cuts if key[len(key) - cut :] in ENDINGS)


def is_patronymic(key: str) -> bool:
    """Ivanovich, Ivanovna, Sergeevicha (skeletons: ivanovic, ivanovna...)."""
    return len(key) >= 6 and _PATRONYMIC.search(key) is not None


def words(text: str) -> list[tuple[int, int]]:
    """Spans of the words of a text, as they stand in it."""
    return [m.span() for m in WORD_RE.finditer(text)]


class Tokens:
    """The words and digit runs of a text, with their spans in it and their skeletons."""

    _ITEM = re.compile(rf"(?P<w>{WORD}(?:['’]{WORD})*)|(?P<n>[0-9０-９]+)")
    _DIGITS = str.maketrans({0xFF10 + i: str(i) for i in range(10)})

    def __init__(self, text: str) -> None:
        self.text = text
        items = [(m.start(), m.end(), m.group(), m.lastgroup == "n") for m in self._ITEM.finditer(text)]
        self.starts = [item[0] for item in items]
        self.ends = [item[1] for item in items]
        self.numeric = [item[3] for item in items]
        self.keys = [word.translate(self._DIGITS) if number else skeleton(word) for _, _, word, number in items]

    def __len__(self) -> int:
        return len(self.keys)

    def gap(self, left: int, right: int) -> str:
        """The text between two tokens."""
        return self.text[self.ends[left] : self.starts[right]]

    def is_word(self, i: int) -> bool:
        """A word token (not digits) at a valid index."""
        return 0 <= i < len(self.keys) and not self.numeric[i]

    def is_initial(self, i: int) -> bool:
        """One or two letters followed by a dot: "B.", "Zh."."""
        short = self.is_word(i) and self.ends[i] - self.starts[i] <= 2
        return short and self.text[self.ends[i] : self.ends[i] + 1] == "."


# Roles a text word can play for one person (bit flags, a word may have several).
GIVEN, FAMILY, FAMILY_ALONE, MIDDLE, GIVEN_INITIAL, FAMILY_INITIAL = 1, 2, 4, 8, 16, 32
# A family name identifies on its own once this much of it is left after declension ("Bērziņa kungs").
FAMILY_ALONE_MIN = 4
_PARTICLES = frozenset({"van", "der", "den", "de", "la", "le", "von", "af", "da", "di", "du", "bin", "ibn"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "kungs", "kundze", "herr", "fru", "gospodin", "gospoza"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_HONORIFICS = ("先生", "女士", "小姐", "太太", "夫人")
_SPACE_GAP = re.compile(r"[^\S\n]*(?:[-‐‑–][^\S\n]*)?")  # spaces or a hyphen, on one line


class PersonNameIndex:
    """People's names by stem, so a text is read once for all of them.

    A run of adjacent words is a person's if it holds their given and family name (either order, with a middle
    name, patronymic or initial between), their family name alone when it is long enough to identify, or one
    name next to the other's initial ("Jānis B.", "Петров И."). A given name alone is not an identifier.
    """

    def __init__(self) -> None:
        self._stems: dict[str, list[tuple[int, int]]] = {}
        self._initials: dict[str, list[tuple[int, int]]] = {}
        self._han: set[str] = set()
        self._people = 0

    def add(self, value: str) -> None:
        """Index one recorded name; "张伟 (Zhang Wei)" or "Иван Петров / Ivan Petrov" give every variant."""
        variants = [v for v in re.split(r"[()/|;]", value) if v.strip()]
        # "Bērziņš, Jānis" is a record's family-first order; other commas separate variants.
        variants = [" ".join(reversed(parts)) if len(parts := v.split(",")) == 2 else v for v in variants]
        variants = [p for v in variants for p in v.split(",") if p.strip()]
        han = [h for v in variants for h in _HAN.findall(v)]
        for name in han:
            self._han.add(name)
            if 2 <= len(name) <= 4:  # 张先生: the family name (two characters in four-character names) + title
                self._han.update(name[: 1 if len(name) < 4 else 2] + title for title in _HONORIFICS)
        for variant in variants:
            if not _HAN.search(variant):
                self._add_latin(variant, family_first=bool(han))

    def _add_latin(self, name: str, *, family_first: bool) -> None:
        parts = [p for p in (WORD_RE.findall(w) for w in name.split()) if p and skeleton(p[0]) not in _TITLES]
        if not parts:
            return
        person = self._people
        self._people += 1
        keys = [[skeleton(p) for p in word] for word in parts]
        roles = [MIDDLE] * len(parts)
        named = [i for i, word in enumerate(keys) if word[0] not in _PARTICLES] or [0]
        if len(named) == 1:
            roles[named[0]] = FAMILY
        elif family_first or (len(named) == 3 and is_patronymic(keys[named[2]][0])):  # Zhang Wei; Петров Иван Иванович
            roles[named[0]], roles[named[1]] = FAMILY, GIVEN
        else:
            roles[named[0]], roles[named[-1]] = GIVEN, FAMILY
        for word, word_keys, role in zip(parts, keys, roles, strict=True):
            for key in word_keys:
                flags = role | (FAMILY_ALONE if role == FAMILY and core_length(key) >= FAMILY_ALONE_MIN else 0)
                for stem in stems(key, given=role == GIVEN):
                    self._stems.setdefault(stem, []).append((person, flags))
            if role in (GIVEN, FAMILY):
                initial = skeleton(word[0][0])
                flag = GIVEN_INITIAL if role == GIVEN else FAMILY_INITIAL
                self._initials.setdefault(initial, []).append((person, flag))

    def han_names(self) -> set[str]:
        """Chinese names (and family name + title), matched character for character."""
        return set(self._han)

    def find(self, tokens: Tokens) -> list[tuple[int, int]]:
        """Spans of the people's names in the text."""
        hits: dict[int, dict[int, int]] = {}
        if not self._stems:
            return []
        for i, key in enumerate(tokens.keys):
            if tokens.numeric[i]:
                continue
            for stem in candidate_stems(key):
                for person, flags in self._stems.get(stem, ()):
                    roles = hits.setdefault(person, {})
                    roles[i] = roles.get(i, 0) | flags
            if len(key) <= 2 and tokens.is_initial(i):
                for person, flags in self._initials.get(key, ()):
                    roles = hits.setdefault(person, {})
                    roles[i] = roles.get(i, 0) | flags
        spans = []
        for roles in hits.values():
            for chain in _chains(tokens, roles):
                if not _identifies(chain, roles):
                    continue
                last = chain[-1]
                after = last + 1
                if tokens.is_word(after) and is_patronymic(tokens.keys[after]) and _linked(tokens, last, after):
                    last = after  # Петрова Мария Ивановна
                spans.append((tokens.starts[chain[0]], tokens.ends[last]))
        return spans


def _chains(tokens: Tokens, roles: dict[int, int]) -> Iterator[list[int]]:
    """Runs of a person's words that stand next to each other (one unknown middle word may sit between)."""
    chain: list[int] = []
    for i in sorted(roles):
        if chain and (_linked(tokens, chain[-1], i) or _sandwich(tokens, chain[-1], i)):
            chain.append(i)
            continue
        if chain:
            yield chain
        chain = [i]
    if chain:
        yield chain


def _linked(tokens: Tokens, left: int, right: int) -> bool:
    """Two words written as parts of one name: spaces or a hyphen between, or the dot of an initial."""
    if right != left + 1 or not tokens.is_word(right):
        return False
    gap = tokens.gap(left, right)
    if _SPACE_GAP.fullmatch(gap):
        return True
    return tokens.is_initial(left) and re.fullmatch(r"\.[^\S\n]*", gap) is not None


def _sandwich(tokens: Tokens, left: int, right: int) -> bool:
    """A middle name, patronymic or initial the profile does not know: "Anna Marija Bērziņa", "И. С. Петров"."""
    middle = left + 1
    if right != left + 2 or not tokens.is_word(middle):
        return False
    if not (_linked(tokens, left, middle) and _linked(tokens, middle, right)):
        return False
    first = tokens.text[tokens.starts[middle]]
    return first.isupper() or is_patronymic(tokens.keys[middle]) or tokens.is_initial(middle)


def _identifies(chain: list[int], roles: dict[int, int]) -> bool:
    """A long family name, or a given name and a family name (either may be an initial, not both)."""
    flags = [roles[i] for i in chain]
    if any(f & FAMILY_ALONE for f in flags):
        return True
    given = [i for i in chain if roles[i] & (GIVEN | GIVEN_INITIAL)]
    family = [i for i in chain if roles[i] & (FAMILY | FAMILY_INITIAL)]
    # Both halves, from different words, and not just two initials.
    full = [i for i in chain if roles[i] & (GIVEN | FAMILY)]
    return any(g != f for g in given for f in family) and bool(full)
