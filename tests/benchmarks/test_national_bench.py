"""The national benchmark end to end at a small size, so the script does not rot between measuring runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "national_bench.py"


@pytest.mark.slow
def test_four_municipalities_generate_analyse_and_publish(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--municipalities", "4", "--pupils", "1200", "--regions", "1",
         "--jobs", "2", "--json", str(out)],
        check=True, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    figures = json.loads(out.read_text())
    steps = {s["step"]: s for s in figures["steps"]}
    assert list(steps) == ["generate", "analyse", "publish", "baseline"]
    assert steps["generate"]["respondents"] == steps["baseline"]["rows"] > 0
    assert steps["analyse"]["result_rows"] > 0 and steps["analyse"]["jobs"] == 2
    assert steps["publish"]["reference_rows"] > 0  # each of the four pools the other three
    assert steps["publish"]["recoverable_cells"] == 0
    assert figures["total_seconds"] > 0 and figures["peak_mib"] > 0
