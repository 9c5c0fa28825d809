"""pseudonymize() and restore(): stable placeholders in, values back out only for viewers who may see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event

from guardrails.pii import PiiEntity
from guardrails.presidio_engine import PresidioEngine
from guardrails.pseudonymizer import Pseudonymized, pseudonymize, restore
from guardrails.vault import Vault

NAME = "Jānis Bērziņš"
IBAN = "LV80 BANK 0000 4351 9500 1"
CODE = "161175-19997"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return create_engine(f"sqlite:///{tmp_path / 'vault.sqlite'}")


@pytest.fixture
def vault(engine: Engine) -> Vault:
    return Vault(engine, keys=[Vault.generate_key()])


def _spans(text: str, *found: tuple[str, str]) -> list[PiiEntity]:
    """Entities for each (type, value): every occurrence of the value in the text."""
    entities = []
    for entity_type, value in found:
        start = text.find(value)
        assert start >= 0, value
        while start >= 0:
            entities.append(PiiEntity(entity_type, start, start + len(value), 0.9))
            start = text.find(value, start + 1)
    return entities


def test_placeholders_are_numbered_per_type_and_stable_across_messages(vault: Vault) -> None:
    first = f"{NAME} wants to move EUR 500 from {IBAN} to Anna Kalniņa; {NAME} confirmed."
    done = pseudonymize(first, _spans(first, ("PERSON", NAME), ("IBAN", IBAN), ("PERSON", "Anna Kalniņa")),
                        vault=vault, conversation_id="c1")
    assert done == Pseudonymized(
        "<PERSON_1> wants to move EUR 500 from <IBAN_1> to <PERSON_2>; <PERSON_1> confirmed.",
        {"PERSON": 3, "IBAN": 1},
    )
    second = "Kalniņa Anna asked JĀNIS BĒRZIŅŠ about LV80BANK0000435195001 and 161175-19997."
    done = pseudonymize(
        second,
        _spans(second, ("PERSON", "Kalniņa Anna"), ("PERSON", "JĀNIS BĒRZIŅŠ"), ("IBAN", "LV80BANK0000435195001"),
               ("NATIONAL_ID", CODE)),
        vault=vault, conversation_id="c1",
    )
    assert done.text == "<PERSON_3> asked <PERSON_1> about <IBAN_1> and <NATIONAL_ID_1>."
    assert done.counts == {"PERSON": 2, "NATIONAL_ID": 1, "IBAN": 1}  # word order is a different name


def test_an_alias_covers_an_inflected_name(vault: Vault) -> None:
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    text = "Jāņa Bērziņa konts; zvanīt Jānim? Nē: Jānis Bērziņš."
    done = pseudonymize(text, _spans(text, ("PERSON", "Jāņa Bērziņa"), ("PERSON", NAME)), vault=vault,
                        conversation_id="c1")
    assert done.text == "<PERSON_1> konts; zvanīt Jānim? Nē: <PERSON_1>."


def test_conversations_do_not_share_placeholders(vault: Vault) -> None:
    text = f"{NAME}, {IBAN}"
    entities = _spans(text, ("PERSON", NAME), ("IBAN", IBAN))
    assert pseudonymize(text, entities, vault=vault, conversation_id="c1").text == "<PERSON_1>, <IBAN_1>"
    other = "Anna Kalniņa"
    assert pseudonymize(other, _spans(other, ("PERSON", other)), vault=vault, conversation_id="c2").text == (
        "<PERSON_1>"
    )
    assert restore("<PERSON_1>", vault=vault, conversation_id="c2") == "Anna Kalniņa"
    assert restore("<PERSON_1>", vault=vault, conversation_id="c1") == NAME


def test_overlaps_are_resolved_and_bad_spans_refused(vault: Vault) -> None:
    text = "LV80 BANK 0000 4351 9500 1!"
    entities = [PiiEntity("PHONE", 10, 26, 0.7), PiiEntity("IBAN", 0, 26, 1.0)]
    assert pseudonymize(text, entities, vault=vault, conversation_id="c1") == Pseudonymized("<IBAN_1>!", {"IBAN": 1})
    assert pseudonymize("Nothing here.", [], vault=vault, conversation_id="c1") == Pseudonymized("Nothing here.", {})
    with pytest.raises(ValueError):
        pseudonymize("short", [PiiEntity("EMAIL", 0, 50, 1.0)], vault=vault, conversation_id="c1")


def test_restore_round_trips_and_respects_what_the_viewer_may_see(vault: Vault) -> None:
    text = f"Pay {NAME} from {IBAN} (code {CODE})."
    done = pseudonymize(text, _spans(text, ("PERSON", NAME), ("IBAN", IBAN), ("NATIONAL_ID", CODE)),
                        vault=vault, conversation_id="c1")
    assert restore(done.text, vault=vault, conversation_id="c1") == text
    hidden = restore(done.text, vault=vault, conversation_id="c1", may_see=lambda t: t == "PERSON")
    assert hidden == f"Pay {NAME} from <IBAN_1> (code <NATIONAL_ID_1>)."
    assert restore(done.text, vault=vault, conversation_id="c1", may_see=lambda t: False) == done.text
    assert restore(done.text, vault=vault, conversation_id="other") == done.text


@pytest.mark.parametrize(
    ("answer", "restored"),
    [
        ("<person_1>", NAME),
        ("<Person_1>", NAME),
        ("**<PERSON_1>**", f"**{NAME}**"),
        ("`<PERSON_1>`", f"`{NAME}`"),
        ("_<PERSON_1>_", f"_{NAME}_"),
        ("\\<PERSON\\_1\\>", NAME),
        ("\\<PERSON_1\\>", NAME),
        ("< PERSON_1 >", NAME),
        ("<**PERSON_1**>", NAME),
        ("< `PERSON_1` >", NAME),
        ("&lt;PERSON_1&gt;", NAME),
        ("＜PERSON_1＞", NAME),
        ("<NATIONAL_ID_1>", CODE),
        ("<national\\_id\\_1>", CODE),
        ("**\\<NATIONAL\\_ID\\_1\\>**", f"**{CODE}**"),
        ("<PERSON_1><NATIONAL_ID_1>", NAME + CODE),
        ("<<PERSON_1>>", f"<{NAME}>"),
    ],
)
def test_restore_survives_the_rewrites_models_make(vault: Vault, answer: str, restored: str) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    vault.placeholder_for("c1", "NATIONAL_ID", CODE)
    assert restore(f"Dear {answer}, hello.", vault=vault, conversation_id="c1") == f"Dear {restored}, hello."


@pytest.mark.parametrize(
    "answer",
    ["<PERSON_2>", "<IBAN_1>", "<FOO_1>", "<PERSON>", "<PERSON_01>", "<PERSON_0>", "PERSON_1", "<PERSON 1>",
     "a < b and c > d", "<PERSON_1", "x <= 3", "Tom & Jerry", "<PERSON_1234567>", "<ＰERSON_1>"],
)
def test_unknown_placeholders_and_other_text_stay_as_written(vault: Vault, answer: str) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    assert restore(answer, vault=vault, conversation_id="c1") == answer


@pytest.mark.parametrize("answer", ["\\<IBAN\\_1\\>", "**<iban_1>**", "&lt;IBAN_1&gt;"])
def test_a_hidden_placeholder_stays_hidden_in_any_written_form(vault: Vault, answer: str) -> None:
    vault.placeholder_for("c1", "IBAN", IBAN)
    assert restore(answer, vault=vault, conversation_id="c1", may_see=lambda t: t != "IBAN") == answer


def test_a_two_kilobyte_message_runs_from_memory_after_the_first_call(vault: Vault, engine: Engine) -> None:
    identifiers = [("PERSON", f"Klients{i} Bērziņš") for i in range(10)] + [
        ("IBAN", f"LV80 BANK 0000 4351 95{i:02d} 1") for i in range(10)
    ]
    filler = "The fixed rate ends soon; discuss the options calmly and cite the policy. "
    text = "".join(f"{filler[: 60]} {value}. " for _, value in identifiers) + filler * 10
    assert len(text) >= 2000
    entities = _spans(text, *identifiers)
    first = pseudonymize(text, entities, vault=vault, conversation_id="c1")
    assert first.counts == {"PERSON": 10, "IBAN": 10}
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    again = pseudonymize(text, entities, vault=vault, conversation_id="c1")
    assert again == first
    assert restore(again.text, vault=vault, conversation_id="c1") == text
    assert statements == []


def test_end_to_end_with_presidio_the_same_phone_in_two_forms_is_one_placeholder(vault: Vault) -> None:
    text = "Tālr. +371 2912 3456; vēlāk zvanīja no 29123456. IBAN LV80BANK0000435195001, e-pasts Janis.Berzins@inbox.lv"
    found = PresidioEngine(languages=("lv",)).analyze(text, "lv")
    done = pseudonymize(text, found, vault=vault, conversation_id="c1")
    assert done.text == "Tālr. <PHONE_1>; vēlāk zvanīja no <PHONE_1>. IBAN <IBAN_1>, e-pasts <EMAIL_1>"
    assert done.counts == {"IBAN": 1, "PHONE": 2, "EMAIL": 1}
