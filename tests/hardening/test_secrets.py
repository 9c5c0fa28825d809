"""Secrets: production refuses to start with keys anyone could guess, no key is ever printed, the vault key rotates
through configuration (new key in RAPPORT_VAULT_KEY, the old one in RAPPORT_VAULT_PREVIOUS_KEYS)."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from pydantic import SecretStr, ValidationError
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from api.cli import app
from assistant.audit import AuditLog
from assistant.settings import Settings, is_placeholder_secret
from assistant.vault_keys import vault_keys
from guardrails.errors import VaultKeyError
from guardrails.vault import Vault, entries
from knowledge.database import make_engine

JWT = {"jwt_issuer": "https://idp.nordlys.example", "jwt_audience": "rapport", "jwt_algorithms": ["HS256"]}
STRONG_JWT = "k" * 16 + "Q7v9pL2xR4mZ8wT1yB6nC3d"  # 39 bytes, not one repeated character
NAMES = {"en": "John Smith", "lv": "Jānis Bērziņš", "no": "Ola Nordmann", "ru": "Иван Петров", "zh": "王伟"}


@pytest.fixture
def vault_key() -> str:
    """A real vault key."""
    return Vault.generate_key()


@pytest.mark.parametrize(("field", "value", "extra", "setting"), [
    ("llm_api_key", "not-needed", {}, "RAPPORT_LLM_API_KEY"),
    ("llm_api_key", "changeme", {}, "RAPPORT_LLM_API_KEY"),
    ("llm_api_key", "sk-...", {}, "RAPPORT_LLM_API_KEY"),
    ("embed_api_key", "YOUR_API_KEY", {}, "RAPPORT_EMBED_API_KEY"),
    ("embed_api_key", "xxxxxxxx", {}, "RAPPORT_EMBED_API_KEY"),
    ("jwt_key", "change-me-" + "0" * 30, JWT, "RAPPORT_JWT_KEY"),
    ("vault_key", "changeme", {}, "RAPPORT_VAULT_KEY"),
    ("vault_key", "c2VjcmV0", {}, "RAPPORT_VAULT_KEY"),  # not a vault key at all
    ("vault_previous_keys", ["<old key>"], {}, "RAPPORT_VAULT_PREVIOUS_KEYS"),
])
def test_production_refuses_guessable_keys_naming_the_setting(
    vault_key: str, field: str, value: object, extra: dict[str, object], setting: str
) -> None:
    values = {"environment": "production", "vault_key": vault_key, **extra, field: value}
    with pytest.raises(ValidationError, match=setting.replace("[", r"\[")) as refused:
        Settings(**values)  # type: ignore[arg-type]
    assert str(value) not in str(refused.value).replace(setting, "")  # the message never repeats the key
    development = {**values, "environment": "development"}
    assert Settings(**development).environment == "development"  # type: ignore[arg-type]  # local setups stay easy


def test_production_needs_a_vault_key() -> None:
    with pytest.raises(ValidationError, match="RAPPORT_VAULT_KEY"):
        Settings(environment="production")


@pytest.mark.parametrize(("key", "algorithms", "refused"), [
    ("s" * 5 + "hort-hmac-key", ["HS256"], True),
    ("31-bytes-long-hmac-key-abcdefgh", ["HS256"], True),
    ("31-bytes-long-hmac-key-abcdefgh", ["RS256", "HS512"], True),
    (STRONG_JWT, ["HS256"], False),
    ("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----", ["RS256", "ES256"], False),
])
def test_production_refuses_a_short_hmac_jwt_key(vault_key: str, key: str, algorithms: list[str],
                                                 refused: bool) -> None:
    values = {**JWT, "environment": "production", "vault_key": vault_key, "jwt_key": key, "jwt_algorithms": algorithms}
    if refused:
        with pytest.raises(ValidationError, match="RAPPORT_JWT_KEY is shorter than 32 bytes"):
            Settings(**values)  # type: ignore[arg-type]
    else:
        assert Settings(**values).jwt_key == SecretStr(key)  # type: ignore[arg-type]


def test_production_starts_with_real_keys(vault_key: str) -> None:
    settings = Settings(environment="production", vault_key=vault_key, vault_previous_keys=[Vault.generate_key()],
                        llm_base_url="https://api.example.com/v1", llm_model="m", llm_api_key="sk-proj-4kQz81Lmx0",
                        jwt_key=STRONG_JWT, **JWT)  # type: ignore[arg-type]
    assert settings.environment == "production" and vault_keys(settings)[0] == vault_key


@pytest.mark.parametrize("value", ["", "   ", "changeme", "Change_Me!", "not-needed", "${LLM_KEY}", "0000000000",
                                   "your-key-here", "EMPTY"])
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder_secret(value)


@pytest.mark.parametrize("value", ["sk-proj-4kQz81Lmx0", STRONG_JWT, "Q7v9pL2x"])
def test_real_looking_keys_are_not_placeholders(value: str, vault_key: str) -> None:
    assert not is_placeholder_secret(value) and not is_placeholder_secret(vault_key)


def test_the_cli_refuses_to_start_and_names_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         vault_key: str) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RAPPORT_ENVIRONMENT", "production")
    monkeypatch.setenv("RAPPORT_VAULT_KEY", vault_key)
    monkeypatch.setenv("RAPPORT_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RAPPORT_LLM_MODEL", "m")
    monkeypatch.setenv("RAPPORT_LLM_API_KEY", "not-needed")
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 2 and "RAPPORT_LLM_API_KEY" in result.stderr
    assert vault_key not in result.output
    monkeypatch.setenv("RAPPORT_LLM_API_KEY", "sk-proj-4kQz81Lmx0")
    AuditLog(make_engine(f"sqlite:///{(tmp_path / 'rapport.sqlite').resolve()}")).record_action("a", "admin", "x", "y")
    started = CliRunner().invoke(app, ["audit", "verify"])
    assert started.exit_code == 0, started.output


def _secret_fields() -> list[str]:
    words = {"key", "keys", "secret", "password", "token"}
    return [name for name in Settings.model_fields if words & set(name.split("_"))]


def test_every_key_field_is_a_secret() -> None:
    assert {"vault_key", "vault_previous_keys", "llm_api_key", "embed_api_key", "jwt_key"} <= set(_secret_fields())
    for name in _secret_fields():
        annotation = Settings.model_fields[name].annotation
        assert SecretStr in {annotation, *typing.get_args(annotation),
                             *(a for arg in typing.get_args(annotation) for a in typing.get_args(arg))}, name


def test_no_key_is_ever_printed(vault_key: str) -> None:
    secrets = {"vault_key": vault_key, "vault_previous_keys": [Vault.generate_key()], "llm_api_key": "sk-proj-4kQz81",
               "embed_api_key": "emb-9fPq2Lx", "jwt_key": STRONG_JWT}
    settings = Settings(**secrets, **JWT, llm_base_url="http://127.0.0.1:9/v1", llm_model="m",  # type: ignore[arg-type]
                        database_url="postgresql://rapport:pg-pass-7Hq@db.internal/rapport")
    values = [vault_key, secrets["vault_previous_keys"][0], "sk-proj-4kQz81", "emb-9fPq2Lx", STRONG_JWT, "pg-pass-7Hq"]
    for shown in (repr(settings), str(settings), settings.model_dump_json(), json.dumps(settings.model_dump(
            mode="json"))):
        for value in values[:-1]:
            assert value not in shown
    assert values[-1] not in repr(settings) and values[-1] not in str(settings)
    assert settings.llm_api_key is not None and settings.llm_api_key.get_secret_value() == "sk-proj-4kQz81"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    """A SQLite database for the vault."""
    return make_engine(f"sqlite:///{tmp_path / 'vault.sqlite'}")


def _tokens(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(entries.c.token).order_by(entries.c.id)).scalars())


def _readable_with(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token)
    except InvalidToken:
        return False
    return True


def test_the_vault_key_rotates_through_configuration(engine: Engine, tmp_path: Path) -> None:
    old, new = Vault.generate_key(), Vault.generate_key()
    before = Vault(engine, keys=vault_keys(Settings(data_dir=tmp_path, vault_key=old)))  # type: ignore[arg-type]
    placed = {lang: before.placeholder_for(f"s-{lang}", "PERSON", name) for lang, name in NAMES.items()}

    # Deployed with the new key, the old one kept for reading: old records read, new ones written under the new key.
    during_settings = Settings(data_dir=tmp_path, vault_key=new, vault_previous_keys=[old])  # type: ignore[arg-type]
    assert vault_keys(during_settings) == [new, old]
    during = Vault(engine, keys=vault_keys(during_settings))
    for lang, name in NAMES.items():
        assert during.value_of(f"s-{lang}", placed[lang]) == ("PERSON", name)
        assert during.placeholder_for(f"s-{lang}", "IBAN", "LV80BANK0000435195001") == "<IBAN_1>"
    tokens = _tokens(engine)
    assert all(_readable_with(old, t) and not _readable_with(new, t) for t in tokens[:5])
    assert all(_readable_with(new, t) and not _readable_with(old, t) for t in tokens[5:]) and len(tokens) == 10

    assert during.rotate(new) == 10  # then everything is re-encrypted and the old key can go
    after = Vault(engine, keys=vault_keys(Settings(data_dir=tmp_path, vault_key=new)))  # type: ignore[arg-type]
    for lang, name in NAMES.items():
        assert after.mapping(f"s-{lang}") == {placed[lang]: ("PERSON", name),
                                              "<IBAN_1>": ("IBAN", "LV80BANK0000435195001")}
    assert all(_readable_with(new, t) and not _readable_with(old, t) for t in _tokens(engine))
    with pytest.raises(VaultKeyError):
        Vault(engine, keys=vault_keys(Settings(data_dir=tmp_path, vault_key=old)))  # type: ignore[arg-type]
