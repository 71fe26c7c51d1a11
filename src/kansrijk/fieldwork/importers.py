"""Importers for schools, enrolment and classes: all rows are checked first, then written in one transaction.

An import either writes every row or nothing: all problems of a file are collected and raised together as
:class:`~kansrijk.fieldwork.tables.ImportFailed`, so a municipality fixes its spreadsheet in one go. Column
names follow the files ``kansrijk synth`` writes and DUO's own exports (aliases in each function).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from kansrijk.accounts.constants import AreaLevel, SchoolLevel
from kansrijk.accounts.models import Area, Municipality, School
from kansrijk.accounts.services import audit

from .models import Enrolment, SchoolClass, Wave
from .tables import ImportFailed, Problem, Table, parse_int, pick, read_table

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
_GENDERS = {"m": "m", "man": "m", "jongen": "m", "j": "m", "v": "v", "vrouw": "v", "meisje": "v", "f": "v"}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int = 0

    def __str__(self) -> str:
        text = f"{self.created} nieuw, {self.updated} bijgewerkt"
        return text + (f", {self.skipped} rijen van een andere meting overgeslagen" if self.skipped else "")


def _require_columns(table: Table, required: dict[str, tuple[str, ...]]) -> None:
    missing = [label for label, aliases in required.items() if not any(a in table.headers for a in aliases)]
    if missing:
        raise ImportFailed(
            [
                Problem(
                    1, None, f"kolom ontbreekt: {', '.join(missing)} (kopregel: {'; '.join(table.headers)})"
                )
            ]
        )


def _school_key(row: dict[str, str]) -> tuple[str, str] | str:
    """(brin, vestiging) from ``school_id`` (``99AA00``) or ``brin`` + ``vestiging``; or an error text."""
    school_id = pick(row, "schoolid", "brinvest", "brinvestiging").upper()
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


def _wave_filter(table: Table, wave: Wave) -> tuple[list[tuple[int, dict[str, str]]], int]:
    """Rows of this wave when the file has a ``meting`` column (one file for several waves), else all rows."""
    rows = list(enumerate(table.rows))
    if "meting" not in table.headers:
        return rows, 0
    keep = [(i, r) for i, r in rows if r.get("meting", "") in {wave.code, wave.name, ""}]
    return keep, len(rows) - len(keep)


def import_schools(actor: Any, municipality: Municipality, data: bytes, filename: str) -> ImportResult:
    """Schools (BRIN + vestiging): columns ``brin``, ``vestiging``, ``naam``; optional ``niveaus``
    (``vmbo+havo``), ``buurtcode``, ``adres``. Existing schools (same BRIN + vestiging) are updated."""
    table = read_table(data, filename)
    _require_columns(
        table,
        {
            "brin": ("brin", "brinnummer", "brincode", "schoolid"),
            "naam": ("naam", "schoolnaam", "vestigingsnaam", "instellingsnaam"),
        },
    )
    problems: list[Problem] = []
    areas = {a.code: a for a in Area.objects.filter(municipality=municipality, level=AreaLevel.BUURT)}
    valid_levels = set(SchoolLevel.values)
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(table.rows):
        n = Table.row_number(index)
        key = _school_key(row)
        if isinstance(key, str):
            problems.append(Problem(n, "brin", key))
            continue
        if key in seen:
            problems.append(Problem(n, "brin", f"school {key[0]}{key[1]} staat ook op rij {seen[key]}"))
            continue
        seen[key] = n
        name = pick(row, "naam", "schoolnaam", "vestigingsnaam", "instellingsnaam")
        if not name:
            problems.append(Problem(n, "naam", "de naam van de school ontbreekt"))
        levels = [
            _LEVEL_ALIASES.get(part.strip().lower(), part.strip().lower())
            for part in re.split(r"[+,/]", pick(row, "niveaus", "niveau", "onderwijstype"))
            if part.strip()
        ]
        levels = list(dict.fromkeys(levels))
        unknown = [lv for lv in levels if lv not in valid_levels]
        if unknown:
            problems.append(
                Problem(
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
                    Problem(
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
        raise ImportFailed(problems)
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


def _schools_by_key(municipality: Municipality) -> dict[tuple[str, str], School]:
    return {(s.brin, s.location): s for s in School.objects.filter(municipality=municipality)}


def import_enrolment(actor: Any, wave: Wave, data: bytes, filename: str) -> ImportResult:
    """Enrolment (DUO): ``school_id`` (or ``brin`` + ``vestiging``), ``leerjaar``, ``geslacht`` (m/v),
    ``aantal``. Replaces the wave's enrolment as a whole; rows of another ``meting`` are skipped."""
    table = read_table(data, filename)
    _require_columns(
        table,
        {
            "school_id": ("schoolid", "brin", "brinnummer"),
            "leerjaar": ("leerjaar",),
            "geslacht": ("geslacht",),
            "aantal": ("aantal", "n", "leerlingen", "aantalleerlingen"),
        },
    )
    schools = _schools_by_key(wave.municipality)
    rows, skipped = _wave_filter(table, wave)
    problems: list[Problem] = []
    cells: dict[tuple[int, int, str], int] = {}
    objects: list[Enrolment] = []
    for index, row in rows:
        n = Table.row_number(index)
        key = _school_key(row)
        school = None
        if isinstance(key, str):
            problems.append(Problem(n, "school_id", key))
        else:
            school = schools.get(key)
            if school is None:
                problems.append(
                    Problem(
                        n, "school_id", f"school {key[0]}{key[1]} is onbekend; importeer eerst de scholen"
                    )
                )
        grade = parse_int(pick(row, "leerjaar"))
        if grade is None or grade not in wave.grades:
            problems.append(
                Problem(
                    n,
                    "leerjaar",
                    f"leerjaar {pick(row, 'leerjaar')!r} hoort niet bij deze meting "
                    f"(leerjaren {', '.join(map(str, wave.grades))})",
                )
            )
        gender = _GENDERS.get(pick(row, "geslacht").lower())
        if gender is None:
            problems.append(Problem(n, "geslacht", "geslacht moet m of v zijn (DUO telt alleen deze twee)"))
        count = parse_int(pick(row, "aantal", "n", "leerlingen", "aantalleerlingen"))
        if count is None:
            problems.append(Problem(n, "aantal", f"aantal {pick(row, 'aantal')!r} is geen heel getal"))
        if school is None or grade is None or gender is None or count is None:
            continue
        cell = (school.pk, grade, gender)
        if cell in cells:
            problems.append(
                Problem(n, None, f"{school.code} leerjaar {grade} {gender} staat ook op rij {cells[cell]}")
            )
            continue
        cells[cell] = n
        objects.append(Enrolment(wave=wave, school=school, grade=grade, gender=gender, n=count))
    if problems:
        raise ImportFailed(problems)
    with transaction.atomic():
        wave.enrolment.all().delete()
        Enrolment.objects.bulk_create(objects)
        audit(
            actor,
            "import_enrolment",
            municipality=wave.municipality,
            obj=wave,
            rows=len(objects),
            file=filename,
        )
    return ImportResult(created=len(objects), updated=0, skipped=skipped)


def import_classes(actor: Any, wave: Wave, data: bytes, filename: str) -> ImportResult:
    """Classes: ``school_id`` (or ``brin`` + ``vestiging``), ``klas`` (or ``klas_id`` like ``99AA00-2A``),
    ``leerjaar``, ``leerlingen`` (expected). Existing classes with the same name are updated."""
    table = read_table(data, filename)
    _require_columns(
        table,
        {
            "school_id": ("schoolid", "brin", "brinnummer"),
            "klas": ("klas", "klasid", "klasnaam"),
            "leerjaar": ("leerjaar",),
            "leerlingen": ("leerlingen", "aantal", "verwacht"),
        },
    )
    schools = _schools_by_key(wave.municipality)
    rows, skipped = _wave_filter(table, wave)
    problems: list[Problem] = []
    parsed: list[tuple[School, str, int, int]] = []
    names: Counter[tuple[int, str]] = Counter()
    first_row: dict[tuple[int, str], int] = {}
    for index, row in rows:
        n = Table.row_number(index)
        key = _school_key(row)
        school = None
        if isinstance(key, str):
            problems.append(Problem(n, "school_id", key))
        else:
            school = schools.get(key)
            if school is None:
                problems.append(
                    Problem(
                        n, "school_id", f"school {key[0]}{key[1]} is onbekend; importeer eerst de scholen"
                    )
                )
        name = pick(row, "klas", "klasnaam", "klasid")
        if school is not None and name.upper().startswith(school.code + "-"):
            name = name[len(school.code) + 1 :]
        if not name or len(name) > 20:
            problems.append(Problem(n, "klas", "geef de klas een naam van hoogstens 20 tekens, bv. 2A"))
        grade = parse_int(pick(row, "leerjaar"))
        if grade is None or grade not in wave.grades:
            problems.append(
                Problem(
                    n,
                    "leerjaar",
                    f"leerjaar {pick(row, 'leerjaar')!r} hoort niet bij deze meting "
                    f"(leerjaren {', '.join(map(str, wave.grades))})",
                )
            )
        expected = parse_int(pick(row, "leerlingen", "aantal", "verwacht"))
        if expected is None or not 1 <= expected <= 60:
            problems.append(
                Problem(
                    n,
                    "leerlingen",
                    "het verwachte aantal leerlingen moet een heel getal van 1 tot en met 60 zijn",
                )
            )
        if school is None or not name or grade is None or expected is None:
            continue
        names[(school.pk, name)] += 1
        if names[(school.pk, name)] > 1:
            problems.append(
                Problem(
                    n,
                    "klas",
                    f"klas {name} van {school.code} staat ook op rij {first_row[(school.pk, name)]}",
                )
            )
            continue
        first_row[(school.pk, name)] = n
        parsed.append((school, name, grade, expected))
    if problems:
        raise ImportFailed(problems)
    created = updated = 0
    with transaction.atomic():
        for school, name, grade, expected in parsed:
            _, was_created = SchoolClass.objects.update_or_create(
                wave=wave, school=school, name=name, defaults={"grade": grade, "expected": expected}
            )
            created += was_created
            updated += not was_created
        audit(
            actor,
            "import_classes",
            municipality=wave.municipality,
            obj=wave,
            created=created,
            updated=updated,
            file=filename,
        )
    return ImportResult(created, updated, skipped)
