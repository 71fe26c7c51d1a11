"""The ``kansrijk instrument`` sub-app."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from kansrijk.instrument import load_xlsform, write_xlsform
from kansrijk.instrument.commands import app
from kansrijk.instrument.model import Item
from tests.instrument.forms import HEAD_BAD, rich_form, workbook

runner = CliRunner()


def test_check_valid_form_prints_summary(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(rich_form())
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "test_form version 2025.1" in result.output
    assert "items:       11 to answer" in result.output
    assert "languages:   nl en ar" in result.output
    assert "missing translations" in result.output and "en: 3" in result.output
    assert "minutes for a slow reader" in result.output


def test_check_invalid_form_lists_problems_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook(HEAD_BAD))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "survey, row 2, column type: unknown question type “slider”" in result.output
    assert "survey, row 3, column relevant: unknown item ${x}" in result.output
    assert "Traceback" not in result.output


def test_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_check_against_lists_changes(tmp_path: Path) -> None:
    old_path, new_path = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    old_path.write_bytes(rich_form())
    old = load_xlsform(old_path)
    new = replace(old, version="2027.1", body=(*old.body, Item("extra", "integer", {"nl": "Nieuw?"})))
    write_xlsform(new, new_path)
    result = runner.invoke(app, ["check", str(new_path), "--against", str(old_path)])
    assert result.exit_code == 0, result.output
    assert "Changes since test_form version 2025.1" in result.output
    assert "item extra: added" in result.output
    assert "comparable for trends: 12 items, 2 indicators" in result.output


def test_export(tmp_path: Path) -> None:
    src, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    src.write_bytes(rich_form())
    result = runner.invoke(app, ["normalise", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert load_xlsform(out) == load_xlsform(src)


def test_output_off_a_terminal_is_plain_and_unwrapped(tmp_path: Path) -> None:
    """Log files and CI get plain lines: no Rich markup, no ANSI codes, no wrap at 80 columns."""
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook(HEAD_BAD))
    result = runner.invoke(app, ["check", str(path)], terminal_width=80)
    assert result.exit_code == 2
    line = next(x for x in result.output.splitlines() if "slider" in x)
    assert len(line) > 80
    assert line.startswith("  ✗ survey, row 2, column type: unknown question type “slider”; use select_one")
    assert "[red]" not in result.output and "\x1b[" not in result.output
