"""Importers for enrolment and classes of a wave: all rows are checked first, then written in one transaction.

An import either writes every row or nothing: all problems of a file are collected and raised together as
:class:`~kansrijk.tabular.ImportFileError`, so a municipality fixes its spreadsheet in one go. Column names
follow the files ``kansrijk synth`` writes and DUO's own exports (aliases in each function). Schools, areas
and the PC4 table are accounts' (:mod:`kansrijk.accounts.importers`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from kansrijk.accounts.importers import ImportResult, require_columns, school_key, schools_by_key
from kansrijk.accounts.models import School
from kansrijk.accounts.services import audit
from kansrijk.tabular import ImportFileError, Row, RowError, Table, parse_int, pick, read_table

from .models import Enrolment, SchoolClass, Wave

_GENDERS = {"m": "m", "man": "m", "jongen": "m", "j": "m", "v": "v", "vrouw": "v", "meisje": "v", "f": "v"}


def _wave_filter(table: Table, wave: Wave) -> tuple[list[tuple[int, Row]], int]:
    """Rows of this wave when the file has a ``meting`` column (one file for several waves), else all rows."""
    rows = list(table.numbered())
    if not table.has("meting"):
        return rows, 0
    keep = [(n, r) for n, r in rows if r.get("meting", "") in {wave.code, wave.name, ""}]
    return keep, len(rows) - len(keep)


def import_enrolment(actor: Any, wave: Wave, data: bytes, filename: str) -> ImportResult:
    """Enrolment (DUO): ``school_id`` (or ``brin`` + ``vestiging``), ``leerjaar``, ``geslacht`` (m/v),
    ``aantal``. Replaces the wave's enrolment as a whole; rows of another ``meting`` are skipped."""
    table = read_table(data, filename)
    require_columns(
        table,
        filename,
        {
            "school_id": ("school_id", "brin", "brinnummer"),
            "leerjaar": ("leerjaar",),
            "geslacht": ("geslacht",),
            "aantal": ("aantal", "n", "leerlingen", "aantal_leerlingen"),
        },
    )
    schools = schools_by_key(wave.municipality)
    rows, skipped = _wave_filter(table, wave)
    problems: list[RowError] = []
    cells: dict[tuple[int, int, str], int] = {}
    objects: list[Enrolment] = []
    for n, row in rows:
        key = school_key(row)
        school = None
        if isinstance(key, str):
            problems.append(RowError(n, "school_id", key))
        else:
            school = schools.get(key)
            if school is None:
                problems.append(
                    RowError(
                        n, "school_id", f"school {key[0]}{key[1]} is onbekend; importeer eerst de scholen"
                    )
                )
        grade = parse_int(pick(row, "leerjaar"))
        if grade is None or grade not in wave.grades:
            problems.append(
                RowError(
                    n,
                    "leerjaar",
                    f"leerjaar {pick(row, 'leerjaar')!r} hoort niet bij deze meting "
                    f"(leerjaren {', '.join(map(str, wave.grades))})",
                )
            )
        gender = _GENDERS.get(pick(row, "geslacht").lower())
        if gender is None:
            problems.append(RowError(n, "geslacht", "geslacht moet m of v zijn (DUO telt alleen deze twee)"))
        count = parse_int(pick(row, "aantal", "n", "leerlingen", "aantal_leerlingen"))
        if count is None:
            problems.append(RowError(n, "aantal", f"aantal {pick(row, 'aantal')!r} is geen heel getal"))
        if school is None or grade is None or gender is None or count is None:
            continue
        cell = (school.pk, grade, gender)
        if cell in cells:
            problems.append(
                RowError(n, "", f"{school.code} leerjaar {grade} {gender} staat ook op rij {cells[cell]}")
            )
            continue
        cells[cell] = n
        objects.append(Enrolment(wave=wave, school=school, grade=grade, gender=gender, n=count))
    if problems:
        raise ImportFileError(filename, problems)
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
    require_columns(
        table,
        filename,
        {
            "school_id": ("school_id", "brin", "brinnummer"),
            "klas": ("klas", "klas_id", "klasnaam"),
            "leerjaar": ("leerjaar",),
            "leerlingen": ("leerlingen", "aantal", "verwacht"),
        },
    )
    schools = schools_by_key(wave.municipality)
    rows, skipped = _wave_filter(table, wave)
    problems: list[RowError] = []
    parsed: list[tuple[School, str, int, int]] = []
    names: Counter[tuple[int, str]] = Counter()
    first_row: dict[tuple[int, str], int] = {}
    for n, row in rows:
        key = school_key(row)
        school = None
        if isinstance(key, str):
            problems.append(RowError(n, "school_id", key))
        else:
            school = schools.get(key)
            if school is None:
                problems.append(
                    RowError(
                        n, "school_id", f"school {key[0]}{key[1]} is onbekend; importeer eerst de scholen"
                    )
                )
        name = pick(row, "klas", "klasnaam", "klas_id")
        if school is not None and name.upper().startswith(school.code + "-"):
            name = name[len(school.code) + 1 :]
        if not name or len(name) > 20:
            problems.append(RowError(n, "klas", "geef de klas een naam van hoogstens 20 tekens, bv. 2A"))
        grade = parse_int(pick(row, "leerjaar"))
        if grade is None or grade not in wave.grades:
            problems.append(
                RowError(
                    n,
                    "leerjaar",
                    f"leerjaar {pick(row, 'leerjaar')!r} hoort niet bij deze meting "
                    f"(leerjaren {', '.join(map(str, wave.grades))})",
                )
            )
        expected = parse_int(pick(row, "leerlingen", "aantal", "verwacht"))
        if expected is None or not 1 <= expected <= 60:
            problems.append(
                RowError(
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
                RowError(
                    n,
                    "klas",
                    f"klas {name} van {school.code} staat ook op rij {first_row[(school.pk, name)]}",
                )
            )
            continue
        first_row[(school.pk, name)] = n
        parsed.append((school, name, grade, expected))
    if problems:
        raise ImportFileError(filename, problems)
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
