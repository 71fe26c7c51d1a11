from __future__ import annotations

import pytest

from tests.reporting.frames import DEFAULT_INSTRUMENT


@pytest.fixture(scope="session")
def instrument():  # type: ignore[no-untyped-def]
    from kansrijk.instrument import load_xlsform

    return load_xlsform(DEFAULT_INSTRUMENT)
