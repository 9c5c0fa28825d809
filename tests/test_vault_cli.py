"""`rapport vault rotate`: every entry is re-encrypted under the new key, which then opens the vault alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from assistant.settings import Settings
from assistant.vault_keys import vault_keys
from guardrails.errors import VaultKeyError
from guardrails.vault import Vault
from knowledge.database import make_engine


def test_rotate_re_encrypts_and_replaces_the_development_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    settings = Settings()
    engine = make_engine(settings.resolved_database_url)
    old = vault_keys(settings)[0]
    Vault(engine, keys=[old]).placeholder_for("conv-1", "IBAN", "LV80BANK0000435195001")
    new = Vault.generate_key()
    (tmp_path / "new.key").write_text(new + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["vault", "rotate", "--new-key-file", str(tmp_path / "new.key")])
    assert result.exit_code == 0, result.output
    assert "rotated 1 entries" in result.output and new not in result.output
    assert (settings.data_dir / "vault.key").read_text().strip() == new
    assert Vault(engine, keys=[new]).value_of("conv-1", "<IBAN_1>") == ("IBAN", "LV80BANK0000435195001")
    with pytest.raises(VaultKeyError):
        Vault(engine, keys=[old])
    bad = CliRunner().invoke(app, ["vault", "rotate", "--new-key-file", str(tmp_path / "missing.key")])
    assert bad.exit_code == 2 and "cannot read" in bad.output
    engine.dispose()
