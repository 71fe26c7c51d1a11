"""The one exception of ``kansrijk.geo``: it names the feature and the property at fault."""

from __future__ import annotations


class GeoError(Exception):
    """Area data that cannot be used as it is.

    ``index`` is the 0-based position of the feature in its FeatureCollection (None when the problem is not
    one feature's), ``prop`` the property at fault (or ``"geometry"``).
    """

    def __init__(self, message: str, *, index: int | None = None, prop: str | None = None) -> None:
        self.index = index
        self.prop = prop
        self.message = message
        where = []
        if index is not None:
            where.append(f"feature {index}")
        if prop is not None:
            where.append(f"property {prop!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
