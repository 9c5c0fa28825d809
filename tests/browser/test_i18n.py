"""The console's UI strings: every language has every string, and every string the pages use exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
LANGUAGES = ("en", "lv", "no", "ru", "zh")
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}
# Keys built at run time from a value the server sends: every value the API contract names.
DYNAMIC = [f"role.{r}" for r in ("advisor", "client", "trainer", "compliance", "admin")] + [
    f"verdict.{v}" for v in ("raise", "service_only", "do_not_propose")] + [
    "mode.extractive", "mode.llm", "brief.meeting", "brief.handover"] + [
    f"error.{s}" for s in (403, 404, 422, 429, 500, 503)]
_USED = re.compile(
    r'(?:i18n(?:Label|Placeholder|Title)?: "|data-i18n="|\bt\("|notice\("\w+", ")([a-z][\w]*\.[\w.]+|[a-z]+)"'
)


def tables() -> dict[str, set[str]]:
    """The keys of each language's table in i18n.js."""
    source = (STATIC / "i18n.js").read_text(encoding="utf-8")
    found = {}
    for lang in LANGUAGES:
        block = re.search(rf"^const {lang} = \{{\n(.*?)^\}};", source, re.S | re.M)
        assert block, lang
        keys = re.findall(r'(?:^\s*|",\s*|\{\s*)"?([A-Za-z][\w.]*)"?\s*:\s*[{"]', block.group(1), re.M)
        found[lang] = set(keys) - PLURAL_FORMS
    return found


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_language_has_every_string(lang: str) -> None:
    keys = tables()
    assert keys[lang] == keys["en"], {"missing": keys["en"] - keys[lang], "extra": keys[lang] - keys["en"]}


def test_every_string_the_console_uses_is_defined() -> None:
    defined = tables()["en"]
    used = {m.group(1) for path in STATIC.glob("*.[jh][st]*") if path.name != "i18n.js"
            for m in _USED.finditer(path.read_text(encoding="utf-8"))}
    assert len(used) > 50  # the pattern still finds the strings
    assert (used | set(DYNAMIC)) - defined == set()
