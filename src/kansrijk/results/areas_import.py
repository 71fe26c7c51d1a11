"""``kansrijk import-areas FILE.geojson``: wijk and buurt boundaries (CBS/PDOK wijk- en buurtkaart).

Reading and validation are :mod:`kansrijk.geo`'s (property spellings of PDOK, CBS shapefiles and
gebiedsindelingen; valid polygons; a consistent hierarchy). Here: only the municipality's own areas are kept,
RD New (EPSG:28992) files are accepted as they are (the map draws them with an identity projection), and
everything is written in one transaction — a faulty file changes nothing. Re-importing updates names,
geometry and residents of existing codes (a municipality loads next year's kaart the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from shapely.geometry import mapping

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, Municipality
from kansrijk.accounts.services import audit
from kansrijk.geo import Area as GeoArea
from kansrijk.geo import GeoError, read_areas


class AreasImportError(Exception):
    """The file cannot be imported; the message names the feature and the fix."""


@dataclass(frozen=True)
class AreasImported:
    wijken: int
    buurten: int
    skipped_other_municipality: int
    crs: str


def _check(areas: tuple[GeoArea, ...], municipality: Municipality) -> tuple[list[GeoArea], int]:
    own = [a for a in areas if a.level in ("wijk", "buurt") and a.gemeente_code == municipality.code]
    skipped = sum(1 for a in areas if a.level in ("wijk", "buurt") and a.gemeente_code != municipality.code)
    if not own:
        raise AreasImportError(
            f"the file holds no wijken or buurten of {municipality.code} ({municipality.name}); download the "
            f"wijk- en buurtkaart of this municipality (PDOK, filter gemeentecode = {municipality.code})"
        )
    wijk_codes = {a.code for a in own if a.level == "wijk"}
    existing = set(
        Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK).values_list("code", flat=True)
    )
    for a in own:
        if a.level == "buurt" and a.parent_code not in wijk_codes | existing:
            raise AreasImportError(
                f"buurt {a.code} lies in wijk {a.parent_code}, which is neither in the file "
                "nor imported before; "
                "add the wijken (or build them from the buurten with kansrijk.geo.dissolve_buurten)"
            )
    return own, skipped


def import_areas(actor: object, municipality: Municipality, path: Path) -> AreasImported:
    """Import the wijken and buurten of ``municipality`` from a GeoJSON file; all or nothing."""
    try:
        parsed = read_areas(path)
    except GeoError as exc:
        raise AreasImportError(f"{path.name}: {exc}") from None
    own, skipped = _check(parsed.areas, municipality)
    with transaction.atomic():
        wijken: dict[str, Area] = {}
        for a in sorted(own, key=lambda a: (a.level != "wijk", a.code)):
            parent = wijken.get(a.parent_code or "") if a.level == "buurt" else None
            if a.level == "buurt" and parent is None:
                parent = Area.objects.get(municipality=municipality, level=AreaLevel.WIJK, code=a.parent_code)
            area, _created = Area.objects.update_or_create(
                municipality=municipality,
                level=a.level,
                code=a.code,
                defaults={
                    "name": a.name,
                    "geometry": mapping(a.geometry),
                    "residents": a.residents,
                    "parent": parent,
                },
            )
            if a.level == "wijk":
                wijken[a.code] = area
        counts = AreasImported(
            wijken=sum(1 for a in own if a.level == "wijk"),
            buurten=sum(1 for a in own if a.level == "buurt"),
            skipped_other_municipality=skipped,
            crs=parsed.crs,
        )
        audit(
            actor,
            "import_areas",
            municipality=municipality,
            file=path.name,
            wijken=counts.wijken,
            buurten=counts.buurten,
            crs=parsed.crs,
        )
    return counts


#: Columns of the PC4 → wijk table (as ``kansrijk synth`` writes it): ``pc4;wijkcode;aandeel``.
PC4_COLUMNS = ("pc4", "wijkcode", "aandeel")


def import_pc4_wijk(actor: object, municipality: Municipality, data: bytes, filename: str) -> int:
    """Replace the municipality's PC4 → wijk table from a Dutch CSV (``;``, decimal comma) or .xlsx; all or
    nothing.

    The table decides a pupil's wijk from the postcode they give (DESIGN.md §4); a PC4 that straddles
    wijken has one row per wijk with the share of its addresses there. Errors name the row and the fix.
    Reading (encoding, separator, Excel without formulas) is fieldwork's, as for every other import.
    """
    from kansrijk.accounts.models import Pc4Wijk
    from kansrijk.fieldwork.tables import ImportFailed, parse_decimal, read_table

    try:
        table = read_table(data, filename)
    except ImportFailed as exc:
        raise AreasImportError(f"{filename}: {exc}") from None
    missing = [c for c in PC4_COLUMNS[:2] if c not in table.headers]
    if missing:
        raise AreasImportError(
            f"{filename}: missing column(s) {', '.join(missing)}; expected pc4;wijkcode;aandeel"
        )
    wijken = {a.code: a for a in Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK)}
    errors: list[str] = []
    rows: list[Pc4Wijk] = []
    for index, values in enumerate(table.rows):
        number = table.row_number(index)
        pc4, wijk_code = values.get("pc4", ""), values.get("wijkcode", "")
        share_text = values.get("aandeel", "") or "1"
        share = parse_decimal(share_text)
        if not (len(pc4) == 4 and pc4.isdigit() and pc4[0] != "0"):
            errors.append(f"row {number}: pc4 {pc4!r} is not a four-digit postcode (e.g. 6211)")
        elif wijk_code not in wijken:
            errors.append(f"row {number}: wijk {wijk_code!r} is unknown; import the areas (GeoJSON) first")
        elif share is None:
            errors.append(f"row {number}: aandeel {share_text!r} is not a number (use a decimal comma: 0,25)")
        elif not 0 < share <= 1:
            errors.append(f"row {number}: aandeel {share_text} must be above 0 and at most 1")
        else:
            rows.append(Pc4Wijk(municipality=municipality, pc4=pc4, wijk=wijken[wijk_code], share=share))
    if errors:
        raise AreasImportError(f"{filename}: nothing imported —\n" + "\n".join(errors[:50]))
    with transaction.atomic():
        Pc4Wijk.objects.filter(municipality=municipality).delete()
        Pc4Wijk.objects.bulk_create(rows)
        audit(actor, "import_pc4_wijk", municipality=municipality, file=filename, rows=len(rows))
    return len(rows)
