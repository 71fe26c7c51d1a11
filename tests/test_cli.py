"""The `kansrijk` command lists its sub-commands and runs without a database for --help."""

from __future__ import annotations

from typer.testing import CliRunner

from kansrijk.cli import app


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "serve", "worker", "check-deploy"):
        assert command in result.output
