"""The `kansrijk` command lists its sub-commands and runs without a database for --help."""

from __future__ import annotations

from typer.testing import CliRunner

from kansrijk.cli import app


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "serve", "worker", "check-deploy"):
        assert command in result.output


def test_app_commands_are_mounted_without_a_database() -> None:
    result = CliRunner().invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    for command in ("schools", "enrolment", "classes", "context", "provision"):
        assert command in result.output
    assert CliRunner().invoke(app, ["wave", "--help"]).exit_code == 0
