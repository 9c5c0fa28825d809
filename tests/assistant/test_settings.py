"""Settings read RAPPORT_* and fail fast with a message that names the fix."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.settings import Settings


def test_defaults_are_embedded_and_extractive(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("RAPPORT_LLM_BASE_URL", "RAPPORT_CHROMA_URL", "RAPPORT_DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    settings = Settings()
    assert not settings.uses_llm and settings.chroma_url is None
    assert settings.resolved_database_url.startswith("sqlite:///") and settings.embed_provider == "e5"


def test_environment_is_read_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_LLM_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("RAPPORT_LLM_MODEL", "smollm2")
    monkeypatch.setenv("RAPPORT_LLM_API_KEY", "sk-secret")
    settings = Settings()
    assert settings.uses_llm and settings.llm_model == "smollm2"
    assert "sk-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"llm_base_url": "http://x/v1"}, "RAPPORT_LLM_MODEL"),
        ({"chroma_url": "localhost:8000"}, "http"),
        ({"llm_provider": "azure"}, "RAPPORT_AZURE_ENDPOINT"),
        ({"embed_provider": "openai"}, "RAPPORT_EMBED_BASE_URL"),
        ({"chroma_collection": "ab"}, "at least 3"),
        ({"unknown_setting": 1}, "Extra inputs"),
    ],
)
def test_bad_configuration_names_the_fix(values: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(**values)  # type: ignore[arg-type]


def test_production_needs_a_vault_key_and_the_cli_makes_one() -> None:
    import subprocess
    import sys

    with pytest.raises(ValidationError, match="rapport vault new-key"):
        Settings(environment="production")
    key = subprocess.run([sys.executable, "-m", "api", "vault", "new-key"], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert Settings(environment="production", vault_key=key).vault_key is not None
    from guardrails.vault import Vault

    assert key != Vault.generate_key() and len(key) >= 40
