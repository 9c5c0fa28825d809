"""The README stays true: every setting is documented, and the commands it names exist."""

from __future__ import annotations

from typer.testing import CliRunner

from api.cli import app
from assistant.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    missing = [f"RAPPORT_{name.upper()}" for name in Settings.model_fields
               if f"`RAPPORT_{name.upper()}`" not in README]
    assert missing == []


def test_every_cli_command_the_readme_names_exists() -> None:
    runner = CliRunner()
    for command in ("ingest", "ask", "redact", "serve", "eval", "client", "brief", "vault", "users", "train", "audit"):
        assert f"rapport {command}" in README, command
        assert runner.invoke(app, [command, "--help"]).exit_code == 0, command
