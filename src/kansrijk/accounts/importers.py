"""Importers for what accounts owns: schools, wijk/buurt boundaries and the PC4 → wijk table.

Every import checks all rows first and then writes in one transaction: a file with any problem changes
nothing. Tables (CSV in Dutch conventions, Excel) are read by :mod:`kansrijk.tabular` and every problem is a
:class:`~kansrijk.tabular.RowError` naming the spreadsheet row and column; GeoJSON is read and validated by
:mod:`kansrijk.geo` and a problem is an :class:`AreasImportError` naming the feature. Column names follow the
files ``kansrijk synth`` writes and DUO's own exports (aliases in each function).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from shapely.geometry import mapping

from kansrijk.geo import Area as GeoArea
from kansrijk.geo import GeoError, read_areas
from kansrijk.tabular import ImportFileError, Row, RowError, Table, parse_decimal, pick, read_table

from .constants import AreaLevel, SchoolLevel
from .models import Area, Municipality, Pc4Wijk, School
from .services import audit

_BRIN = re.compile(r"^\d{2}[A-Z]{2}$")
_SCHOOL_ID = re.compile(r"^(\d{2}[A-Z]{2})(\d{2})$")
#: How schools write their levels → the codes of ``accounts.constants.SchoolLevel``.
_LEVEL_ALIASES = {
    "praktijkonderwijs": "pro",
    "mavo": "vmbo",
    "vmbo-t": "vmbo",
    "vmbo-gt": "vmbo",
    "vmbo-k": "vmbo",
    "vmbo-b": "vmbo",
    "atheneum": "vwo",
    "gymnasium": "vwo",
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int = 0

    def __str__(self) -> str:
        text = f"{self.created} nieuw, {self.updated} bijgewerkt"
        return text + (f", {self.skipped} rijen van een andere meting overgeslagen" if self.skipped else "")


def require_columns(table: Table, filename: str, required: dict[str, tuple[str, ...]]) -> None:
    """Refuse a file whose header lacks a column (any of its aliases); names every missing one."""
    missing = [label for label, aliases in required.items() if not any(table.has(a) for a in aliases)]
    if missing:
        raise ImportFileError(
            filename,
            [
                RowError(1, label, f"kolom ontbreekt (kopregel: {'; '.join(table.columns)})")
                for label in missing
            ],
        )


def school_key(row: Row) -> tuple[str, str] | str:
    """(brin, vestiging) from ``school_id`` (``99AA00``) or ``brin`` + ``vestiging``; or an error text."""
    school_id = pick(row, "school_id", "brinvest", "brin_vestiging").upper()
    if school_id:
        match = _SCHOOL_ID.match(school_id)
        if not match:
            return f"school_id {school_id!r} moet BRIN + vestigingsnummer zijn, bv. 12AB00"
        return match.group(1), match.group(2)
    brin = pick(row, "brin", "brinnummer", "brincode").upper()
    location = pick(row, "vestiging", "vestigingsnummer", "vestigingscode") or "00"
    if len(brin) == 6 and _SCHOOL_ID.match(brin):
        return brin[:4], brin[4:]
    if not _BRIN.match(brin):
        return f"BRIN {brin!r} moet twee cijfers en twee letters zijn, bv. 12AB"
    location = location.zfill(2)
    if not re.fullmatch(r"\d{2}", location):
        return f"vestigingsnummer {location!r} moet twee cijfers zijn, bv. 00"
    return brin, location


def schools_by_key(municipality: Municipality) -> dict[tuple[str, str], School]:
    return {(s.brin, s.location): s for s in School.objects.filter(municipality=municipality)}


def import_schools(actor: Any, municipality: Municipality, data: bytes, filename: str) -> ImportResult:
    """Schools (BRIN + vestiging): columns ``brin``, ``vestiging``, ``naam``; optional ``niveaus``
    (``vmbo+havo``), ``buurtcode``, ``adres``. Existing schools (same BRIN + vestiging) are updated."""
    table = read_table(data, filename)
    require_columns(
        table,
        filename,
        {
            "brin": ("brin", "brinnummer", "brincode", "school_id"),
            "naam": ("naam", "schoolnaam", "vestigingsnaam", "instellingsnaam"),
        },
    )
    problems: list[RowError] = []
    areas = {a.code: a for a in Area.objects.filter(municipality=municipality, level=AreaLevel.BUURT)}
    valid_levels = set(SchoolLevel.values)
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in table.numbered():
        key = school_key(row)
        if isinstance(key, str):
            problems.append(RowError(n, "brin", key))
            continue
        if key in seen:
            problems.append(RowError(n, "brin", f"school {key[0]}{key[1]} staat ook op rij {seen[key]}"))
            continue
        seen[key] = n
        name = pick(row, "naam", "schoolnaam", "vestigingsnaam", "instellingsnaam")
        if not name:
            problems.append(RowError(n, "naam", "de naam van de school ontbreekt"))
        levels = [
            _LEVEL_ALIASES.get(part.strip().lower(), part.strip().lower())
            for part in re.split(r"[+,/]", pick(row, "niveaus", "niveau", "onderwijstype"))
            if part.strip()
        ]
        levels = list(dict.fromkeys(levels))
        unknown = [lv for lv in levels if lv not in valid_levels]
        if unknown:
            problems.append(
                RowError(
                    n,
                    "niveaus",
                    f"onbekend niveau {', '.join(unknown)}; gebruik {', '.join(sorted(valid_levels))}",
                )
            )
        buurt = pick(row, "buurtcode", "buurt")
        area = None
        if buurt and areas:
            area = areas.get(buurt)
            if area is None:
                problems.append(
                    RowError(
                        n,
                        "buurtcode",
                        f"buurt {buurt!r} is niet bekend in deze gemeente; importeer eerst de gebieden",
                    )
                )
        parsed.append(
            {
                "brin": key[0],
                "location": key[1],
                "name": name,
                "levels": levels,
                "area": area,
                "address": pick(row, "adres"),
            }
        )
    if problems:
        raise ImportFileError(filename, problems)
    created = updated = 0
    with transaction.atomic():
        for item in parsed:
            _, was_created = School.objects.update_or_create(
                municipality=municipality,
                brin=item["brin"],
                location=item["location"],
                defaults={
                    "name": item["name"],
                    "levels": item["levels"],
                    "area": item["area"],
                    "address": item["address"],
                },
            )
            created += was_created
            updated += not was_created
        audit(
            actor,
            "import_schools",
            municipality=municipality,
            created=created,
            updated=updated,
            file=filename,
        )
    return ImportResult(created, updated)


class AreasImportError(Exception):
    """A GeoJSON file of areas cannot be imported; the message names the feature and the fix."""


@dataclass(frozen=True)
class AreasImported:
    wijken: int
    buurten: int
    skipped_other_municipality: int
    crs: str


def _own_areas(areas: tuple[GeoArea, ...], municipality: Municipality) -> tuple[list[GeoArea], int]:
    own = [a for a in areas if a.level in ("wijk", "buurt") and a.gemeente_code == municipality.code]
    skipped = sum(1 for a in areas if a.level in ("wijk", "buurt") and a.gemeente_code != municipality.code)
    if not own:
        raise AreasImportError(
            f"het bestand bevat geen wijken of buurten van {municipality.code} ({municipality.name}); "
            "download de wijk- en buurtkaart van deze gemeente "
            f"(PDOK, filter gemeentecode = {municipality.code})"
        )
    wijk_codes = {a.code for a in own if a.level == "wijk"}
    existing = set(
        Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK).values_list("code", flat=True)
    )
    for a in own:
        if a.level == "buurt" and a.parent_code not in wijk_codes | existing:
            raise AreasImportError(
                f"buurt {a.code} ligt in wijk {a.parent_code}, die niet in het bestand staat en ook niet "
                "eerder is geïmporteerd; voeg de wijken toe (of bouw ze uit de buurten met "
                "kansrijk.geo.dissolve_buurten)"
            )
    return own, skipped


def import_areas(actor: object, municipality: Municipality, path: Path) -> AreasImported:
    """Wijk and buurt boundaries of ``municipality`` from a GeoJSON file (CBS/PDOK wijk- en buurtkaart); all
    or nothing.

    Reading and validation are :mod:`kansrijk.geo`'s (property spellings of PDOK, CBS shapefiles and
    gebiedsindelingen; valid polygons; a consistent hierarchy). Here: only the municipality's own areas are
    kept, RD New (EPSG:28992) files are stored as they are (the maps project them), and everything is written
    in one transaction. Re-importing updates names, geometry and residents of existing codes (a municipality
    loads next year's kaart the same way).
    """
    try:
        parsed = read_areas(path)
    except GeoError as exc:
        raise AreasImportError(f"{path.name}: {exc}") from None
    own, skipped = _own_areas(parsed.areas, municipality)
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
    """
    table = read_table(data, filename)
    require_columns(table, filename, {c: (c,) for c in PC4_COLUMNS[:2]})
    wijken = {a.code: a for a in Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK)}
    errors: list[RowError] = []
    rows: list[Pc4Wijk] = []
    for n, values in table.numbered():
        pc4, wijk_code = values.get("pc4", ""), values.get("wijkcode", "")
        share_text = values.get("aandeel", "") or "1"
        if not (len(pc4) == 4 and pc4.isdigit() and pc4[0] != "0"):
            errors.append(RowError(n, "pc4", f"{pc4!r} is geen postcode van vier cijfers (bv. 6211)"))
            continue
        if wijk_code not in wijken:
            errors.append(
                RowError(
                    n, "wijkcode", f"wijk {wijk_code!r} is onbekend; importeer eerst de gebieden (GeoJSON)"
                )
            )
            continue
        try:
            share = float(parse_decimal(share_text))
        except ValueError as exc:
            errors.append(RowError(n, "aandeel", f"{exc} (gebruik een decimale komma: 0,25)"))
            continue
        if not 0 < share <= 1:
            errors.append(RowError(n, "aandeel", f"{share_text} moet groter dan 0 en hoogstens 1 zijn"))
            continue
        rows.append(Pc4Wijk(municipality=municipality, pc4=pc4, wijk=wijken[wijk_code], share=share))
    if errors:
        raise ImportFileError(filename, errors)
    with transaction.atomic():
        Pc4Wijk.objects.filter(municipality=municipality).delete()
        Pc4Wijk.objects.bulk_create(rows)
        audit(actor, "import_pc4_wijk", municipality=municipality, file=filename, rows=len(rows))
    return len(rows)
