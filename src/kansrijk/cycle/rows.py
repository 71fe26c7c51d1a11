"""Validate the rows of a context-figure or provision file into plain records, collecting every error.

The columns are documented (in Dutch, for the people who make the files) in ``docs/manual/beleidscyclus.md``
and in ``kansrijk import context|provision --help``. Context files are exactly what ``kansrijk synth`` writes.
No Django here: the services turn the records into rows, in one transaction, only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from kansrijk.tabular import RowError, Table, parse_bool, parse_date, parse_decimal, split_list
from kansrijk.vocabulary import RISK_GROUP_CODES

CONTEXT_REQUIRED = ("gebiedcode", "indicator", "periode", "waarde", "eenheid", "bron", "peildatum")
CONTEXT_OPTIONAL = ("gebiedsniveau", "omschrijving")
PROVISION_REQUIRED = ("aanbieder", "activiteit", "soort")
PROVISION_OPTIONAL = (
    "omschrijving",
    "locatie",
    "wijkcode",
    "leeftijd_van",
    "leeftijd_tot",
    "kosten_per_jaar",
    "armoederegeling",
    "regeling",
    "themas",
    "risicogroepen",
    "beschermende_factoren",
    "website",
)

AREA_LEVELS = ("gemeente", "wijk", "buurt", "pc4")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

#: words a file may use for the kind of offer → the stored category code
CATEGORY_WORDS: dict[str, str] = {
    "sport": "sport",
    "cultuur": "culture",
    "culture": "culture",
    "jongerenwerk": "youth_work",
    "youth_work": "youth_work",
    "ggz_inloop": "mental_health",
    "inloop": "mental_health",
    "mental_health": "mental_health",
    "armoederegeling": "poverty",
    "poverty": "poverty",
    "opvoeding": "parenting",
    "parenting": "parenting",
    "overig": "other",
    "other": "other",
}


@dataclass(frozen=True)
class ContextRow:
    row: int
    area_code: str
    area_level: str
    indicator: str
    description: str
    period: str
    value: float
    unit: str
    source: str
    retrieved: dt.date


@dataclass(frozen=True)
class ProvisionRow:
    row: int
    provider: str
    activity: str
    category: str
    description: str
    location: str
    area_code: str
    age_min: int | None
    age_max: int | None
    cost_per_year: Decimal | None
    poverty_scheme: bool
    scheme_name: str
    themes: tuple[int, ...]
    risk_groups: tuple[str, ...]
    protective_factors: tuple[str, ...]
    website: str


def _missing_columns(table: Table, required: tuple[str, ...]) -> list[RowError]:
    return [RowError(1, col, "deze kolom ontbreekt in de kopregel") for col in required if not table.has(col)]


def area_level_of(code: str, municipality_code: str) -> str | None:
    """The level a CBS area code (or PC4) has within ``municipality_code``, else None."""
    digits = municipality_code[2:]
    if code == municipality_code:
        return "gemeente"
    if re.fullmatch(rf"WK{digits}\d{{2}}", code):
        return "wijk"
    if re.fullmatch(rf"BU{digits}\d{{4}}", code):
        return "buurt"
    if re.fullmatch(r"[1-9]\d{3}", code):
        return "pc4"
    return None


def parse_context(table: Table, municipality_code: str) -> tuple[list[ContextRow], list[RowError]]:
    """Context figures: one row per area × indicator × period (the columns of ``kansrijk synth``)."""
    errors = _missing_columns(table, CONTEXT_REQUIRED)
    if errors:
        return [], errors
    out: list[ContextRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for offset, raw in enumerate(table.rows):
        if not raw:
            continue
        n = table.first_row + offset
        row_errors: list[RowError] = []
        for col in CONTEXT_REQUIRED:
            if not raw.get(col):
                row_errors.append(RowError(n, col, "is leeg"))
        code = raw.get("gebiedcode", "").upper()
        level = area_level_of(code, municipality_code) if code else None
        if code and level is None:
            row_errors.append(
                RowError(
                    n,
                    "gebiedcode",
                    f"'{code}' is geen gebied van {municipality_code} (bv. WK{municipality_code[2:]}01)",
                )
            )
        stated = raw.get("gebiedsniveau", "").lower()
        if stated and stated not in AREA_LEVELS:
            row_errors.append(RowError(n, "gebiedsniveau", f"kies uit {', '.join(AREA_LEVELS)}"))
        elif stated and level and stated != level:
            row_errors.append(RowError(n, "gebiedsniveau", f"'{code}' is een {level}, geen {stated}"))
        indicator = raw.get("indicator", "")
        if indicator and not _CODE.match(indicator):
            row_errors.append(
                RowError(n, "indicator", "gebruik kleine letters, cijfers en _ (bv. kinderen_armoede)")
            )
        value = retrieved = None
        if raw.get("waarde"):
            try:
                value = float(parse_decimal(raw["waarde"]))
            except ValueError as exc:
                row_errors.append(RowError(n, "waarde", str(exc)))
        if raw.get("peildatum"):
            try:
                retrieved = parse_date(raw["peildatum"])
            except ValueError as exc:
                row_errors.append(RowError(n, "peildatum", str(exc)))
        key = (code, indicator, raw.get("periode", ""))
        if all(key) and key in seen:
            row_errors.append(
                RowError(n, "periode", f"dubbel: hetzelfde gebied, indicator en periode als rij {seen[key]}")
            )
        seen.setdefault(key, n)
        if row_errors:
            errors.extend(row_errors)
            continue
        assert value is not None and retrieved is not None and level is not None
        out.append(
            ContextRow(
                row=n,
                area_code=code,
                area_level=level,
                indicator=indicator,
                description=raw.get("omschrijving", "") or indicator,
                period=raw["periode"],
                value=value,
                unit=raw["eenheid"],
                source=raw["bron"],
                retrieved=retrieved,
            )
        )
    return out, errors


def parse_provision(
    table: Table, municipality_code: str, theme_numbers: frozenset[int] = frozenset({1, 2, 3})
) -> tuple[list[ProvisionRow], list[RowError]]:
    """The provision catalogue: one row per offer (provider × activity × wijk)."""
    from .constants import ProtectiveFactor

    factors = set(ProtectiveFactor.values)
    errors = _missing_columns(table, PROVISION_REQUIRED)
    if errors:
        return [], errors
    out: list[ProvisionRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for offset, raw in enumerate(table.rows):
        if not raw:
            continue
        n = table.first_row + offset
        row_errors = [RowError(n, col, "is leeg") for col in PROVISION_REQUIRED if not raw.get(col)]
        category = CATEGORY_WORDS.get(raw.get("soort", "").lower())
        if raw.get("soort") and category is None:
            row_errors.append(
                RowError(
                    n,
                    "soort",
                    "kies uit sport, cultuur, jongerenwerk, ggz_inloop, armoederegeling, opvoeding, overig",
                )
            )
        area_code = raw.get("wijkcode", "").upper()
        if area_code and area_level_of(area_code, municipality_code) != "wijk":
            row_errors.append(
                RowError(
                    n,
                    "wijkcode",
                    f"'{area_code}' is geen wijk van {municipality_code} (bv. WK{municipality_code[2:]}01)",
                )
            )
        ages: list[int | None] = []
        for col in ("leeftijd_van", "leeftijd_tot"):
            text = raw.get(col, "")
            if not text:
                ages.append(None)
                continue
            if not text.isdigit() or not 0 <= int(text) <= 99:
                row_errors.append(RowError(n, col, f"'{text}' is geen leeftijd in hele jaren"))
                ages.append(None)
            else:
                ages.append(int(text))
        if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
            row_errors.append(RowError(n, "leeftijd_tot", "is lager dan leeftijd_van"))
        cost: Decimal | None = None
        if raw.get("kosten_per_jaar"):
            try:
                cost = parse_decimal(raw["kosten_per_jaar"])
                if cost < 0:
                    row_errors.append(RowError(n, "kosten_per_jaar", "kan niet negatief zijn"))
            except ValueError as exc:
                row_errors.append(RowError(n, "kosten_per_jaar", str(exc)))
        scheme = False
        try:
            scheme = parse_bool(raw.get("armoederegeling", ""))
        except ValueError as exc:
            row_errors.append(RowError(n, "armoederegeling", str(exc)))
        themes: list[int] = []
        for part in split_list(raw.get("themas", "")):
            if not part.isdigit() or int(part) not in theme_numbers:
                row_errors.append(
                    RowError(
                        n,
                        "themas",
                        f"'{part}' is geen thema (kies uit {', '.join(map(str, sorted(theme_numbers)))})",
                    )
                )
            else:
                themes.append(int(part))
        groups = split_list(raw.get("risicogroepen", "").lower())
        for code in groups:
            if code not in RISK_GROUP_CODES:
                row_errors.append(
                    RowError(n, "risicogroepen", f"'{code}' is geen risicogroepcode (bv. armoede)")
                )
        pf = split_list(raw.get("beschermende_factoren", "").lower())
        for code in pf:
            if code not in factors:
                row_errors.append(
                    RowError(
                        n,
                        "beschermende_factoren",
                        f"'{code}' onbekend (kies uit {', '.join(sorted(factors))})",
                    )
                )
        website = raw.get("website", "")
        if website and not re.match(r"^https?://\S+$", website):
            row_errors.append(RowError(n, "website", "begint niet met http:// of https://"))
        key = (raw.get("aanbieder", ""), raw.get("activiteit", ""), area_code)
        if key[0] and key[1] and key in seen:
            row_errors.append(
                RowError(n, "activiteit", f"dubbel: zelfde aanbieder, activiteit en wijk als rij {seen[key]}")
            )
        seen.setdefault(key, n)
        if row_errors:
            errors.extend(row_errors)
            continue
        assert category is not None
        out.append(
            ProvisionRow(
                row=n,
                provider=raw["aanbieder"],
                activity=raw["activiteit"],
                category=category,
                description=raw.get("omschrijving", ""),
                location=raw.get("locatie", ""),
                area_code=area_code,
                age_min=ages[0],
                age_max=ages[1],
                cost_per_year=cost,
                poverty_scheme=scheme,
                scheme_name=raw.get("regeling", ""),
                themes=tuple(themes),
                risk_groups=tuple(groups),
                protective_factors=tuple(pf),
                website=website,
            )
        )
    return out, errors
