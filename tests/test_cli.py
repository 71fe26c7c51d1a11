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


def test_production_server_is_granian_without_client_addresses_in_its_log(settings) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.cli import ACCESS_LOG_FORMAT, _production_server

    settings.KANSRIJK = {**settings.KANSRIJK, "ACCESS_LOG": False}
    command = _production_server("127.0.0.1", 8000, workers=2, threads=4)
    assert command[1:5] == ["-m", "granian", "--interface", "wsgi"]
    assert command[-1] == "kansrijk.web.wsgi:application"
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--blocking-threads") + 1] == "4"
    assert "--respawn-failed-workers" in command and "--access-log" not in command

    settings.KANSRIJK = {**settings.KANSRIJK, "ACCESS_LOG": True}
    logged = _production_server("127.0.0.1", 8000, workers=2, threads=4)
    assert logged[logged.index("--access-log-fmt") + 1] == ACCESS_LOG_FORMAT
    assert "addr" not in ACCESS_LOG_FORMAT and "user_agent" not in ACCESS_LOG_FORMAT.lower()
    assert "headers" not in ACCESS_LOG_FORMAT  # granian's %(headers)s atoms could log any header
