"""The default instrument shipped with Kansrijk ("OKO kern"), found through the package, never by a path."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from kansrijk.instrument.model import Instrument
from kansrijk.instrument.xlsform_read import load_xlsform

DEFAULT_INSTRUMENT_CODE = "oko_kern"


def default_instrument_path() -> Path:
    """Path of the shipped XLSForm (``kansrijk/instrument/data/oko_kern.xlsx``)."""
    return Path(str(files("kansrijk.instrument") / "data" / f"{DEFAULT_INSTRUMENT_CODE}.xlsx"))


@cache
def default_instrument() -> Instrument:
    """The default instrument, loaded once through the same importer everybody uses."""
    return load_xlsform(default_instrument_path())
