"""Vault: stable placeholders per conversation, encrypted at rest, key rotation, erasure; on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import OperationalError

import guardrails.vault as vault_module
from guardrails.errors import GuardrailError, VaultKeyError, VaultUnavailable
from guardrails.vault import Vault, canonical_form, entries, metadata

POSTGRES_URL = os.environ.get("RAPPORT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

NAME = "Jānis Bērziņš"
IBAN = "LV80 BANK 0000 4351 9500 1"
PHONE = "+371 2912 3456"
CODE = "161175-19997"
EMAIL = "janis.berzins@inbox.lv"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database: a SQLite file, or a throwaway schema in PostgreSQL (unreachable PostgreSQL fails)."""
    if request.param == "sqlite":
        sqlite = create_engine(f"sqlite:///{tmp_path / 'vault.sqlite'}")
        yield sqlite
        sqlite.dispose()
        return
    url = POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"vault_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        pytest.fail(f"PostgreSQL is unreachable at {url} (set RAPPORT_TEST_POSTGRES_URL): {exc}")
    postgres = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield postgres
    finally:
        postgres.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def key() -> str:
    return Vault.generate_key()


@pytest.fixture
def vault(engine: Engine, key: str) -> Vault:
    return Vault(engine, keys=[key])


def _raw(engine: Engine) -> str:
    """Every row of every vault table as text, plus the SQLite file's bytes: what a stolen dump shows."""
    with engine.connect() as conn:
        dump = "\n".join(repr(row) for table in metadata.sorted_tables for row in conn.execute(select(table)))
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database:
        dump += Path(database).read_bytes().decode("latin-1")
    return dump


def test_numbering_is_per_type_in_order_of_first_appearance(vault: Vault) -> None:
    assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
    assert vault.placeholder_for("c1", "IBAN", IBAN) == "<IBAN_1>"
    assert vault.placeholder_for("c1", "PERSON", "Anna Kalniņa") == "<PERSON_2>"
    assert vault.placeholder_for("c1", "EMAIL", EMAIL) == "<EMAIL_1>"
    assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
    assert vault.placeholder_for("c1", "IBAN", "LV97 HABA 0551 0123 4567 8") == "<IBAN_2>"
    assert vault.mapping("c1") == {
        "<PERSON_1>": ("PERSON", NAME), "<IBAN_1>": ("IBAN", IBAN), "<PERSON_2>": ("PERSON", "Anna Kalniņa"),
        "<EMAIL_1>": ("EMAIL", EMAIL), "<IBAN_2>": ("IBAN", "LV97 HABA 0551 0123 4567 8"),
    }


@pytest.mark.parametrize(
    ("entity_type", "first", "again"),
    [
        ("PERSON", "Jānis Bērziņš", "JANIS BERZINS"),
        ("PERSON", "Jānis Bērziņš", "jānis  bērziņš"),
        ("PERSON", "Søren Ødegård", "Soren Odegard"),
        ("PERSON", "Пётр Иванов", "ПЁТР ИВАНОВ"),
        ("IBAN", "LV80 BANK 0000 4351 9500 1", "LV80BANK0000435195001"),
        ("IBAN", "LV80 BANK 0000 4351 9500 1", "lv80-bank-0000-4351-9500-1"),
        ("PHONE", "+371 2912 3456", "29123456"),
        ("PHONE", "+371 2912 3456", "00371 29 123 456"),
        ("PHONE", "+7 912 345-67-89", "8 (912) 345 67 89"),
        ("PHONE", "+47 912 34 567", "91234567"),
        ("NATIONAL_ID", "161175-19997", "16117519997"),
        ("EMAIL", "Janis.Berzins@Inbox.LV", "janis.berzins@inbox.lv"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "4111-1111-1111-1111"),
        ("DATE_OF_BIRTH", "12.03.1985", "1985-03-12"),
        ("DATE_OF_BIRTH", "12.03.1985", "1985年3月12日"),
    ],
)
def test_surface_forms_of_one_identifier_share_a_placeholder(
    vault: Vault, entity_type: str, first: str, again: str
) -> None:
    placeholder = vault.placeholder_for("c1", entity_type, first)
    assert vault.placeholder_for("c1", entity_type, again) == placeholder
    assert vault.value_of("c1", placeholder) == (entity_type, first)  # the value as first seen


@pytest.mark.parametrize(
    ("entity_type", "one", "other"),
    [
        ("PERSON", "Jānis Bērziņš", "Anna Bērziņa"),
        ("PHONE", "+371 2912 3456", "+371 2912 3457"),
        ("IBAN", "LV80 BANK 0000 4351 9500 1", "LV80 BANK 0000 4351 9500 2"),
        ("EMAIL", "janis.berzins@inbox.lv", "janisberzins@inbox.lv"),
    ],
)
def test_different_identifiers_get_different_placeholders(vault: Vault, entity_type: str, one: str, other: str) -> None:
    assert vault.placeholder_for("c1", entity_type, one) != vault.placeholder_for("c1", entity_type, other)


def test_the_type_is_part_of_the_identity(vault: Vault) -> None:
    assert vault.placeholder_for("c1", "ACCOUNT_NUMBER", "29123456") == "<ACCOUNT_NUMBER_1>"
    assert vault.placeholder_for("c1", "PHONE", "29123456") == "<PHONE_1>"


def test_conversations_are_independent(vault: Vault) -> None:
    assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
    assert vault.placeholder_for("c2", "PERSON", "Anna Kalniņa") == "<PERSON_1>"
    assert vault.placeholder_for("c2", "PERSON", NAME) == "<PERSON_2>"
    assert vault.value_of("c1", "<PERSON_1>") == ("PERSON", NAME)
    assert vault.value_of("c2", "<PERSON_1>") == ("PERSON", "Anna Kalniņa")
    assert vault.value_of("c1", "<PERSON_2>") is None


def test_an_alias_registered_first_maps_an_inflected_form_to_the_canonical_placeholder(vault: Vault) -> None:
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    vault.alias("c1", "PERSON", NAME, "Jānim Bērziņam")
    assert vault.placeholder_for("c1", "PERSON", "JĀŅA BĒRZIŅA") == "<PERSON_1>"
    assert vault.placeholder_for("c1", "PERSON", "Jānim Bērziņam") == "<PERSON_1>"
    assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
    assert vault.mapping("c1") == {"<PERSON_1>": ("PERSON", NAME)}
    assert vault.placeholder_for("c2", "PERSON", "Jāņa Bērziņa") == "<PERSON_1>"  # aliases are per conversation
    assert vault.value_of("c2", "<PERSON_1>") == ("PERSON", "Jāņa Bērziņa")


def test_an_alias_joins_a_form_seen_before_the_canonical_one(vault: Vault) -> None:
    assert vault.placeholder_for("c1", "PERSON", "Jāņa Bērziņa") == "<PERSON_1>"
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")  # idempotent
    assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"


def test_an_alias_cannot_merge_two_placeholders(vault: Vault) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    vault.placeholder_for("c1", "PERSON", "Anna Kalniņa")
    with pytest.raises(ValueError, match=r"<PERSON_1> and <PERSON_2>") as refused:
        vault.alias("c1", "PERSON", NAME, "Anna Kalniņa")
    assert "Kalni" not in str(refused.value) and "Bērz" not in str(refused.value)


def test_a_restart_keeps_every_placeholder(engine: Engine, key: str) -> None:
    first = Vault(engine, keys=[key])
    first.placeholder_for("c1", "PERSON", NAME)
    first.placeholder_for("c1", "IBAN", IBAN)
    first.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    again = Vault(engine, keys=[key])
    assert again.value_of("c1", "<IBAN_1>") == ("IBAN", IBAN)
    assert again.placeholder_for("c1", "IBAN", IBAN.replace(" ", "")) == "<IBAN_1>"
    assert again.placeholder_for("c1", "PERSON", "Jāņa Bērziņa") == "<PERSON_1>"
    assert again.placeholder_for("c1", "PERSON", "Anna Kalniņa") == "<PERSON_2>"


def test_two_vaults_on_one_database_never_hand_out_a_placeholder_twice(engine: Engine, key: str) -> None:
    one, other = Vault(engine, keys=[key]), Vault(engine, keys=[key])  # two API workers
    assert one.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
    assert other.mapping("c1") == {"<PERSON_1>": ("PERSON", NAME)}  # `other` now caches the conversation
    assert one.placeholder_for("c1", "PERSON", "Anna Kalniņa") == "<PERSON_2>"
    assert other.placeholder_for("c1", "PERSON", "Pēteris Ozols") == "<PERSON_3>"  # retried past the taken slot
    assert other.placeholder_for("c1", "PERSON", "ANNA KALNIŅA") == "<PERSON_2>"
    assert one.value_of("c1", "<PERSON_3>") == ("PERSON", "Pēteris Ozols")


def test_the_tables_hold_no_plaintext_and_no_unkeyed_hash(vault: Vault, engine: Engine) -> None:
    identifiers = [("PERSON", NAME), ("IBAN", IBAN), ("PHONE", PHONE), ("NATIONAL_ID", CODE), ("EMAIL", EMAIL)]
    for entity_type, value in identifiers:
        vault.placeholder_for("client-7f3a", entity_type, value)
    vault.alias("client-7f3a", "PERSON", NAME, "Jāņa Bērziņa")
    dump = _raw(engine)
    assert "vault_entries" in dump or engine.dialect.name != "sqlite"  # the file dump did read the database
    for entity_type, value in [*identifiers, ("PERSON", "Jāņa Bērziņa")]:
        digits = "".join(c for c in value if c.isdigit())
        form = canonical_form(entity_type, value)
        # Word parts of 6+ characters: a 4-digit group like "9500" turns up in random base64 by chance.
        needles = [value, value.casefold(), form, digits, *(p for p in value.split() if len(p) > 5)]
        needles += [hashlib.sha256(s.encode()).hexdigest() for s in (value, form)]
        for needle in needles:
            assert not needle or needle not in dump, f"{entity_type} readable in the vault tables"
    assert "Berzin" not in dump and "berzin" not in dump and "29123456" not in dump
    assert "client-7f3a" not in dump and "PERSON" not in dump


def test_a_wrong_key_is_a_clear_error(engine: Engine, key: str) -> None:
    Vault(engine, keys=[key]).placeholder_for("c1", "PERSON", NAME)
    wrong = Vault.generate_key()
    with pytest.raises(VaultKeyError, match="cannot decrypt") as refused:
        Vault(engine, keys=[wrong])
    assert isinstance(refused.value, GuardrailError)
    assert wrong not in str(refused.value) and key not in str(refused.value)


@pytest.mark.parametrize("bad", ["", "not-a-key", "c2VjcmV0", b"\x00" * 32])
def test_a_malformed_key_is_a_clear_error(engine: Engine, bad: str | bytes) -> None:
    with pytest.raises(VaultKeyError, match="generate_key"):
        Vault(engine, keys=[bad])


def test_keys_must_be_a_list(engine: Engine, key: str) -> None:
    for keys in ([], key):
        with pytest.raises(VaultKeyError, match="list of keys"):
            Vault(engine, keys=keys)


def test_rotation_re_encrypts_and_re_indexes_everything(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "_PAGE", 2)  # several pages
    old, new = Vault.generate_key(), Vault.generate_key()
    vault = Vault(engine, keys=[old])
    vault.placeholder_for("c1", "PERSON", NAME)
    vault.placeholder_for("c1", "IBAN", IBAN)
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    vault.placeholder_for("c2", "PHONE", PHONE)
    assert vault.rotate(new) == 3
    assert vault.value_of("c1", "<IBAN_1>") == ("IBAN", IBAN)  # the rotating instance keeps working
    assert vault.placeholder_for("c1", "PERSON", "Jāņa Bērziņa") == "<PERSON_1>"
    rotated = Vault(engine, keys=[new])  # the index was rebuilt: lookups by value work under the new key alone
    assert rotated.placeholder_for("c1", "IBAN", IBAN.replace(" ", "")) == "<IBAN_1>"
    assert rotated.placeholder_for("c1", "PERSON", "jāņa bērziņa") == "<PERSON_1>"
    assert rotated.placeholder_for("c2", "PHONE", "29123456") == "<PHONE_1>"
    assert rotated.mapping("c1") == {"<PERSON_1>": ("PERSON", NAME), "<IBAN_1>": ("IBAN", IBAN)}
    with pytest.raises(VaultKeyError):
        Vault(engine, keys=[old])
    with engine.connect() as conn:
        tokens = conn.execute(select(entries.c.token)).scalars().all()
    assert len(tokens) == 3
    for token in tokens:
        with pytest.raises(InvalidToken):
            Fernet(old).decrypt(token)


def test_a_vault_opened_with_new_and_old_keys_reads_entries_written_under_either(engine: Engine) -> None:
    old, new = Vault.generate_key(), Vault.generate_key()
    Vault(engine, keys=[old]).placeholder_for("c1", "PERSON", NAME)
    during = Vault(engine, keys=[new, old])
    assert during.placeholder_for("c1", "PERSON", "JANIS BERZINS") == "<PERSON_1>"
    assert during.placeholder_for("c1", "PERSON", "Anna Kalniņa") == "<PERSON_2>"  # written under the new key
    restarted = Vault(engine, keys=[new, old])
    assert restarted.mapping("c1") == {"<PERSON_1>": ("PERSON", NAME), "<PERSON_2>": ("PERSON", "Anna Kalniņa")}
    assert restarted.placeholder_for("c1", "PERSON", "anna kalnina") == "<PERSON_2>"
    assert restarted.rotate(new) == 2
    assert Vault(engine, keys=[new]).mapping("c1") == restarted.mapping("c1")


def test_forget_erases_one_conversation(vault: Vault, engine: Engine, key: str) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    vault.placeholder_for("c1", "IBAN", IBAN)
    vault.alias("c1", "PERSON", NAME, "Jāņa Bērziņa")
    vault.placeholder_for("c2", "PERSON", "Anna Kalniņa")
    assert vault.forget("c1") == 2
    assert vault.mapping("c1") == {} and vault.value_of("c1", "<PERSON_1>") is None
    assert Vault(engine, keys=[key]).mapping("c1") == {}
    assert vault.value_of("c2", "<PERSON_1>") == ("PERSON", "Anna Kalniņa")
    assert vault.placeholder_for("c1", "PERSON", "Pēteris Ozols") == "<PERSON_1>"  # numbering starts again
    assert vault.forget("nobody") == 0
    with engine.connect() as conn:
        assert len(conn.execute(select(entries)).all()) == 2


@pytest.mark.parametrize("placeholder", ["<PERSON_2>", "<FOO_1>", "<PERSON>", "PERSON_1", "<person_1>", "<PERSON_01>"])
def test_value_of_anything_else_is_none(vault: Vault, placeholder: str) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    assert vault.value_of("c1", placeholder) is None


def test_misuse_is_a_value_error(vault: Vault) -> None:
    with pytest.raises(ValueError, match="unknown PII entity type"):
        vault.placeholder_for("c1", "NAME", NAME)
    with pytest.raises(ValueError, match="non-empty"):
        vault.placeholder_for("c1", "PERSON", "  ")


def test_known_identifiers_are_served_from_memory(vault: Vault, engine: Engine) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    vault.placeholder_for("c1", "IBAN", IBAN)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for _ in range(3):
        assert vault.placeholder_for("c1", "PERSON", NAME) == "<PERSON_1>"
        assert vault.placeholder_for("c1", "IBAN", IBAN.replace(" ", "")) == "<IBAN_1>"
        assert vault.value_of("c1", "<IBAN_1>") == ("IBAN", IBAN)
    assert statements == []


def test_a_failing_database_is_vault_unavailable(tmp_path: Path) -> None:
    broken = create_engine(f"sqlite:///{tmp_path / 'missing' / 'vault.sqlite'}")
    with pytest.raises(VaultUnavailable) as failed:
        Vault(broken, keys=[Vault.generate_key()])
    assert isinstance(failed.value, GuardrailError)


def test_an_invented_placeholder_costs_one_indexed_probe(vault: Vault, engine: Engine) -> None:
    vault.placeholder_for("c1", "PERSON", NAME)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert vault.value_of("c1", "<PERSON_7>") is None
    assert len(statements) == 1 and "slot" in statements[0]


def test_an_alias_that_is_only_another_spelling_is_harmless(vault: Vault) -> None:
    vault.alias("c1", "PERSON", NAME, "JANIS BERZINS")
    assert vault.mapping("c1") == {"<PERSON_1>": ("PERSON", NAME)}


def test_concurrent_writers_agree_on_one_mapping(engine: Engine, key: str) -> None:
    workers = [Vault(engine, keys=[key]) for _ in range(2)]  # two processes' vaults, used from four threads
    names = [f"Klients {i}" for i in range(30)]

    def work(n: int) -> dict[str, str]:
        vault, order = workers[n % 2], names if n % 2 else names[::-1]
        return {name: vault.placeholder_for("c1", "PERSON", name) for name in order}

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(4)))
    assert all(result == results[0] for result in results)
    assert sorted(results[0].values()) == sorted(f"<PERSON_{i}>" for i in range(1, 31))
    assert Vault(engine, keys=[key]).mapping("c1") == {p: ("PERSON", name) for name, p in results[0].items()}
