"""Checks on a model's reply before the asker sees it: it must not repeat its instructions."""

from __future__ import annotations

from collections.abc import Iterable

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_HAN = regex.compile(r"\p{Han}")
SHINGLE_WORDS = 8  # eight words in a row from the instructions is a quotation, not a coincidence
SHINGLE_HAN = 12


def _shingles(text: str) -> set[str]:
    """Runs of SHINGLE_WORDS words (or SHINGLE_HAN Chinese characters), lower-cased."""
    words = [w.lower() for w in _WORD.findall(text)]
    out = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    han = "".join(_HAN.findall(text))
    out |= {han[i : i + SHINGLE_HAN] for i in range(len(han) - SHINGLE_HAN + 1)}
    return out


class InstructionEcho:
    """Finds a reply that quotes the instructions (role prompt, house rules) at length.

    Text that the instructions share with the sources given to the model does not count: quoting a policy that
    the house rules also quote is an answer, not a leak.
    """

    def __init__(self, instructions: str) -> None:
        self._shingles = _shingles(instructions)

    def leaks(self, reply: str, *, sources: Iterable[str] = ()) -> bool:
        """True when the reply repeats a run of the instructions that is not in the sources."""
        found = _shingles(reply) & self._shingles
        if not found:
            return False
        shared: set[str] = set()
        for source in sources:
            shared |= _shingles(source)
        return bool(found - shared)
