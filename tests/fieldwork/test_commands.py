"""The `kansrijk wave …` and `kansrijk import …` sub-commands."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app as cli
from kansrijk.fieldwork.commands import app
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import SchoolClass, Wave

runner = CliRunner()


@pytest.mark.django_db
def test_wave_life_cycle_from_the_command_line(municipality, tmp_path) -> None:  # type: ignore[no-untyped-def]
    create = runner.invoke(
        app,
        [
            "wave",
            "create",
            "--gemeente",
            "GM9999",
            "--code",
            "GM9999-2027",
            "--name",
            "OKO 2027",
            "--start",
            "2027-03-01",
            "--end",
            "2027-03-31",
            "--grades",
            "2,4",
            "--languages",
            "nl,en",
        ],
    )
    assert create.exit_code == 0, create.output
    schools = tmp_path / "scholen.csv"
    schools.write_bytes("brin;vestiging;naam\n99AA;00;Erasmus College\n".encode("cp1252"))
    assert runner.invoke(cli, ["import", "schools", str(schools), "--gemeente", "GM9999"]).exit_code == 0
    classes = tmp_path / "klassen.csv"
    classes.write_text("school_id;klas;leerjaar;leerlingen\n99AA00;2A;2;25\n")
    result = runner.invoke(
        cli, ["import", "classes", str(classes), "--gemeente", "GM9999", "--wave", "GM9999-2027"]
    )
    assert result.exit_code == 0 and SchoolClass.objects.count() == 1
    for step in ("open", "close", "publish"):
        assert runner.invoke(app, ["wave", step, "-m", "GM9999", "GM9999-2027"]).exit_code == 0
    assert Wave.objects.get().status == WaveStatus.PUBLISHED


@pytest.mark.django_db
def test_domain_errors_exit_2_without_traceback(municipality, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "s.csv"
    bad.write_text("brin;naam\nXXXX;X\n")
    result = runner.invoke(cli, ["import", "schools", str(bad), "--gemeente", "GM9999"])
    assert result.exit_code == 2 and "rij 2" in result.output and "Traceback" not in result.output
    assert runner.invoke(app, ["wave", "open", "-m", "GM9999", "nope"]).exit_code == 2
    again = runner.invoke(
        app,
        [
            "wave",
            "create",
            "-m",
            "GM9999",
            "--code",
            "c",
            "--name",
            "n",
            "--start",
            "2027-03-02",
            "--end",
            "2027-03-01",
        ],
    )
    assert again.exit_code == 2


def test_wave_and_sso_commands_name_the_municipality_with_gemeente_as_the_imports_do() -> None:
    for command in (["wave", "create"], ["wave", "open"], ["wave", "close"], ["wave", "publish"],
                    ["sso", "add"], ["sso", "map"]):  # fmt: skip
        result = runner.invoke(cli, [*command, "--help"], terminal_width=200)
        assert result.exit_code == 0, result.output
        assert "--gemeente" in result.output and "--municipality" not in result.output, command


@pytest.mark.django_db
def test_the_old_option_name_still_works_with_a_warning(municipality) -> None:  # type: ignore[no-untyped-def]
    old = runner.invoke(cli, ["wave", "open", "--municipality", "GM9999", "nope"])
    assert old.exit_code == 2 and "Unknown wave nope in GM9999" in old.output  # parsed, the wave is unknown
    assert "--municipality is now --gemeente" in old.output
    assert "--municipality is now" not in runner.invoke(cli, ["wave", "open", "-m", "GM9999", "nope"]).output
