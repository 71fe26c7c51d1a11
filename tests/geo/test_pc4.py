from __future__ import annotations

import polars as pl
import pytest

from kansrijk.geo import GeoError, Pc4Wijk, Pc4WijkTable


def _table() -> Pc4WijkTable:
    return Pc4WijkTable.from_rows(
        [
            Pc4Wijk("9901", "WK999901"),
            Pc4Wijk("9902", "WK999902", 0.3),
            Pc4Wijk("9902", "WK999903", 0.7),
        ]
    )


def test_largest_share_wins_and_unknown_pc4_is_outside() -> None:
    t = _table()
    assert t.wijk_of("9901") == "WK999901"
    assert t.wijk_of("9902") == "WK999903"
    assert t.wijk_of("1234") == "buiten"
    out = t.assign(pl.Series(["9902", "1234", None, "9901"]))
    assert out.to_list() == ["WK999903", "buiten", None, "WK999901"]


@pytest.mark.parametrize(
    ("rows", "match", "prop"),
    [
        ([Pc4Wijk("0999", "WK999901")], "four-digit", "pc4"),
        ([Pc4Wijk("9901", "WK9999")], "wijk code", "wijkcode"),
        ([Pc4Wijk("9901", "WK999901", 0.5)], "add up to 0.5", "share"),
    ],
)
def test_bad_rows(rows: list[Pc4Wijk], match: str, prop: str) -> None:
    with pytest.raises(GeoError, match=match) as info:
        Pc4WijkTable.from_rows(rows)
    assert info.value.prop == prop
