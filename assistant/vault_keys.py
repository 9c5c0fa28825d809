"""Where the vault's keys come from: Settings, or in development a key file made once in the data dir."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.settings import Settings
from guardrails.vault import Vault


def vault_keys(settings: Settings) -> list[str]:
    """The current key first, then older ones still accepted for reading."""
    if settings.vault_key is not None:
        return [settings.vault_key.get_secret_value(), *(k.get_secret_value() for k in settings.vault_previous_keys)]
    # Development only (Settings refuses production without a key): a per-installation key, readable by us alone.
    path: Path = settings.data_dir / "vault.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(Vault.generate_key())
    return [path.read_text().strip()]
