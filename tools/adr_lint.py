"""ADR lint: Kansrijk's OpenAPI document against the NL API Design Rules (``make lint``).

Generates the document from the code (no server, no database) and runs Spectral from npm
(``@stoplight/spectral-cli``, installed by ``npm ci``) with the ruleset in ``tools/adr-ruleset.yaml``.
Warnings fail as well as errors. ``--write FILE`` keeps the document (e.g. to read it); exit code 0 means
every rule holds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULESET = ROOT / "tools" / "adr-ruleset.yaml"
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"


def document() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings_test")
    import django

    django.setup()
    from kansrijk.api.adr import document_json
    from kansrijk.api.api import api

    return document_json(api)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the OpenAPI document to this file")
    args = parser.parse_args(argv)
    if not SPECTRAL.exists():
        print("ADR lint needs Spectral: run `npm ci` (or `make bootstrap`) first.", file=sys.stderr)
        return 2
    text = document()
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "openapi.json"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(  # noqa: S603 - fixed program and arguments
            [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--fail-severity", "warn", str(path)],
            check=False,
        )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
