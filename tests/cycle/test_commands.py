"""``kansrijk import context|provision`` through Typer's runner on the cycle sub-app."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cycle.commands import app
from kansrijk.cycle.models import ContextFigure, Provision

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner()


def test_import_context_ok(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "context.csv"
    path.write_bytes(
        "\ufeffgebiedcode;indicator;omschrijving;periode;waarde;eenheid;bron;peildatum\n"
        "WK999901;kinderen_armoede;Kinderen in armoede;2024;12,5;percentage;CBS;2025-03-01\n".encode()
    )
    result = runner.invoke(app, ["context", str(path), "--gemeente", "GM9999"])
    assert result.exit_code == 0, result.output
    assert "1 rows imported" in result.output
    assert ContextFigure.objects.get().value == 12.5


def test_import_errors_exit_2_and_import_nothing(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "aanbod.csv"
    path.write_text("aanbieder;activiteit;soort\nVV;Voetbal;sport\n;Dans;ballet\n", encoding="cp1252")
    result = runner.invoke(app, ["provision", str(path), "--gemeente", "GM9999"])
    assert result.exit_code == 2
    assert "nothing imported" in result.output
    assert "rij 3, kolom 'aanbieder': is leeg" in result.output
    assert "rij 3, kolom 'soort'" in result.output
    assert Provision.objects.count() == 0
    assert "Traceback" not in result.output


def test_unknown_municipality(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.csv"
    path.write_text("aanbieder;activiteit;soort\n", encoding="utf-8")
    result = runner.invoke(app, ["provision", str(path), "--gemeente", "GM0001"])
    assert result.exit_code == 2 and "unknown municipality GM0001" in result.output


def test_help_documents_the_columns() -> None:
    result = runner.invoke(app, ["context", "--help"])
    assert result.exit_code == 0
    assert "gebiedcode" in result.output and "peildatum" in result.output


def test_import_starter_set(municipality) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["startset", "maastricht-2018", "--gemeente", "GM9999"])
    assert result.exit_code == 0, result.output
    assert "figures of Maastricht, 2018 loaded" in result.output
    assert ContextFigure.objects.filter(starter_set="maastricht-2018").count() > 40
    assert runner.invoke(app, ["startset", "utrecht-2030", "--gemeente", "GM9999"]).exit_code == 2
