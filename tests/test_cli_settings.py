"""The command line finds its settings: in the folder where ``make demo`` ran the demo settings apply without
any environment; elsewhere a missing setting is one line on what to set; ``--help`` says both in Dutch and
English. Each case runs ``kansrijk`` as a user would, in a fresh process and folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kansrijk.cli import DEMO_MARKER

pytestmark = pytest.mark.slow


def kansrijk(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KANSRIJK_", "DJANGO_", "SECRET_KEY", "DATABASE_URL", "DEBUG"))
    }
    return subprocess.run(
        [sys.executable, "-m", "kansrijk", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_outside_the_demo_folder_one_line_says_what_to_set(tmp_path: Path) -> None:
    result = kansrijk(tmp_path, "report", "GM9999-2023")
    assert result.returncode == 2
    lines = [
        line for line in (result.stdout + result.stderr).splitlines() if line.strip() and "INFO" not in line
    ]
    assert len(lines) == 1, lines
    assert "SECRET_KEY" in lines[0] and "make demo" in lines[0] and "KANSRIJK_DEMO=true" in lines[0]
    assert "Traceback" not in result.stderr


def test_in_the_demo_folder_the_demo_settings_apply(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / DEMO_MARKER).write_text("kansrijk demo\n")
    migrated = kansrijk(tmp_path, "migrate")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert (tmp_path / "var" / "kansrijk.sqlite3").exists()
    # A command that needs the database and settings: it runs and answers about the (empty) demo database.
    listing = kansrijk(tmp_path, "sso", "list")
    assert listing.returncode == 0, listing.stdout + listing.stderr
    assert "local accounts only" in listing.stdout


def test_help_names_the_settings_in_dutch_and_english(tmp_path: Path) -> None:
    result = kansrijk(tmp_path, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "in de map waar `make demo` draaide" in text and "in the folder where `make demo` ran" in text
    assert "SECRET_KEY" in text and "DATABASE_URL" in text and "KANSRIJK_DEMO=true" in text
