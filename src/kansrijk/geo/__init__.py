"""kansrijk.geo: areas (gemeente → wijk → buurt, PC4) and their boundaries. Plain library, no Django."""

from kansrijk.geo.areas import Area, AreaHierarchy, dissolve_buurten
from kansrijk.geo.codes import OUTSIDE, is_code, is_pc4, level_of
from kansrijk.geo.errors import GeoError
from kansrijk.geo.geojson import (
    RD_NEW,
    WGS84,
    AreaFile,
    areas_from_geojson,
    areas_to_geojson,
    read_areas,
    write_areas,
)
from kansrijk.geo.pc4 import Pc4Wijk, Pc4WijkTable

__all__ = [
    "OUTSIDE",
    "RD_NEW",
    "WGS84",
    "Area",
    "AreaFile",
    "AreaHierarchy",
    "GeoError",
    "Pc4Wijk",
    "Pc4WijkTable",
    "areas_from_geojson",
    "areas_to_geojson",
    "dissolve_buurten",
    "is_code",
    "is_pc4",
    "level_of",
    "read_areas",
    "write_areas",
]
