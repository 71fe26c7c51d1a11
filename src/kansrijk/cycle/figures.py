"""What the pages show about a measure: survey indicators (through :mod:`.indicators`), context figures
and the provision per wijk, gathered into plain records the templates print as they are.

Context figures always travel with their source and date retrieved, so every place that shows one can
say where it comes from; figures of a starter set also carry the set's label ("Maastricht, 2018"), and
synthetic figures say that they are synthetic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kansrijk.accounts.models import Area, Municipality

from .indicators import IndicatorInfo, IndicatorStatus, Results, indicator_catalogue, wijk_results
from .models import ActionPointIndicator, ContextFigure, Provision
from .targets import Target, Verdict, context_verdict, survey_verdict


@dataclass(frozen=True)
class ContextValue:
    value: float
    unit: str
    period: str
    source: str
    retrieved: str


@dataclass(frozen=True)
class ContextSummary:
    """One context indicator at municipality level: a gemeente row if imported, else the sum of wijken for
    counts; for rates without a municipal figure only the wijk range is honest."""

    code: str
    description: str
    latest: ContextValue | None
    previous: ContextValue | None
    wijk_range: tuple[float, float] | None
    period: str
    source: str
    retrieved: str
    unit: str
    origin: str = ""  # "Maastricht, 2018" for a starter set; empty for the municipality's own figures
    synthetic: bool = False
    approximate: bool = False


def is_synthetic(source: str) -> bool:
    return source.upper().startswith("SYNTHETISCH")


def origin_of(fig: ContextFigure) -> str:
    from .services import starter_label

    return starter_label(fig.starter_set) if fig.starter_set else ""


def _value(fig: ContextFigure) -> ContextValue:
    assert fig.value is not None
    return ContextValue(fig.value, fig.unit, fig.period, fig.source, fig.retrieved.isoformat())


def context_summary(municipality: Municipality, code: str) -> ContextSummary | None:
    figures = list(
        ContextFigure.objects.filter(municipality=municipality, indicator=code, value__isnull=False)
    )
    if not figures:
        return None
    periods = sorted({f.period for f in figures})
    latest_period = periods[-1]

    def at(period: str) -> ContextValue | None:
        rows = [f for f in figures if f.period == period]
        gemeente = [f for f in rows if f.area_level == "gemeente"]
        if gemeente:
            return _value(gemeente[0])
        wijken = [f for f in rows if f.area_level == "wijk"]
        if wijken and wijken[0].unit.lower() in {"aantal", "count"}:
            first = wijken[0]
            return ContextValue(
                sum(f.value or 0.0 for f in wijken),
                first.unit,
                period,
                first.source,
                first.retrieved.isoformat(),
            )
        return None

    latest_rows = [f for f in figures if f.period == latest_period]
    wijk_values = [f.value for f in latest_rows if f.area_level == "wijk" and f.value is not None]
    ref = latest_rows[0]
    return ContextSummary(
        code=code,
        description=ref.description,
        latest=at(latest_period),
        previous=at(periods[-2]) if len(periods) > 1 else None,
        wijk_range=(min(wijk_values), max(wijk_values)) if wijk_values else None,
        period=latest_period,
        source=ref.source,
        retrieved=ref.retrieved.isoformat(),
        unit=ref.unit,
        origin=origin_of(ref),
        synthetic=is_synthetic(ref.source),
        approximate=any(f.approximate for f in latest_rows),
    )


def context_codes(municipality: Municipality) -> list[tuple[str, str]]:
    """(code, description) of every context indicator imported for the municipality."""
    seen: dict[str, str] = {}
    for code, description in ContextFigure.objects.filter(
        municipality=municipality, value__isnull=False
    ).values_list("indicator", "description"):
        seen.setdefault(code, description)
    return sorted(seen.items())


@dataclass
class MeasureRow:
    """One linked measure of an action point, ready to print."""

    link: ActionPointIndicator
    label: str
    info: IndicatorInfo | None = None
    status: IndicatorStatus | None = None
    context: ContextSummary | None = None
    verdict: Verdict | None = None  # against the action plan's target, when the link has one

    @property
    def unit(self) -> str:
        if self.info is not None:
            return "%" if self.info.unit == "percentage" else ""
        return "%" if self.context is not None and self.context.unit.lower() in {"%", "percentage"} else ""


def _target(link: ActionPointIndicator) -> Target | None:
    if link.target_value is None or link.target_year is None:
        return None
    return Target(link.expected, link.target_value, link.target_year, link.baseline_wave, link.baseline_value)


def measure_rows(
    municipality: Municipality, links: Iterable[ActionPointIndicator], results: Results
) -> list[MeasureRow]:
    catalogue = indicator_catalogue()
    rows = []
    for link in links:
        target = _target(link)
        if link.kind == "survey":
            info = catalogue.get(link.code)
            status = results.get(link.code)
            verdict = survey_verdict(target, status) if target else None
            rows.append(
                MeasureRow(link, info.label if info else link.code, info=info, status=status, verdict=verdict)
            )
        else:
            summary = context_summary(municipality, link.code)
            verdict = None
            if target:
                latest = summary.latest if summary else None
                verdict = context_verdict(
                    target, latest.value if latest else None, latest.period if latest else ""
                )
            rows.append(
                MeasureRow(
                    link, summary.description if summary else link.code, context=summary, verdict=verdict
                )
            )
    return rows


@dataclass(frozen=True)
class Measure:
    """A measure the risk map can show: ``survey:<code>``, ``context:<code>`` or ``aanbod:<category>``."""

    key: str
    label: str
    group: str


def measures(municipality: Municipality) -> list[Measure]:
    from .constants import ProvisionCategory

    out = [
        Measure(f"survey:{c}", i.label, _("Vragenlijst")) for c, i in sorted(indicator_catalogue().items())
    ]
    out += [Measure(f"context:{c}", d, _("Contextcijfers")) for c, d in context_codes(municipality)]
    out += [
        Measure(f"aanbod:{value}", _("Aantal aanbieders: %(soort)s") % {"soort": label}, _("Aanbod"))
        for value, label in ProvisionCategory.choices
    ]
    return out


@dataclass(frozen=True)
class WijkValue:
    """A value in the wijk table; ``note`` explains an empty cell (suppressed, not imported)."""

    value: float | None
    unit: str = ""
    note: str = ""
    ci: tuple[float, float] | None = None


def wijk_values(municipality: Municipality, key: str) -> tuple[dict[str, WijkValue], str]:
    """Values per wijk code for a measure key, and the caption line (source, period, wave)."""
    kind, _sep, code = key.partition(":")
    if kind == "survey":
        info = indicator_catalogue().get(code)
        unit = "%" if info and info.unit == "percentage" else ""
        statuses = wijk_results(municipality, code)
        if not statuses:
            return {}, _("Nog geen gepubliceerde meting.")
        values = {}
        for wijk, st in statuses.items():
            if st.shown:
                ci = (st.ci_low, st.ci_high) if st.ci_low is not None and st.ci_high is not None else None
                values[wijk] = WijkValue(st.estimate, unit, ci=ci)
            else:
                values[wijk] = WijkValue(None, note=st.suppressed_reason or _("niet gepubliceerd"))
        wave = next(iter(statuses.values())).wave
        return values, _("Vragenlijst, meting %(wave)s") % {"wave": wave}
    if kind == "context":
        figures = list(
            ContextFigure.objects.filter(
                municipality=municipality, indicator=code, area_level="wijk", value__isnull=False
            )
        )
        if not figures:
            return {}, _("Geen contextcijfers per wijk geïmporteerd.")
        latest = max(f.period for f in figures)
        rows = [f for f in figures if f.period == latest]
        caption = _("Bron: %(source)s; periode %(period)s; peildatum %(date)s") % {
            "source": rows[0].source,
            "period": latest,
            "date": rows[0].retrieved.isoformat(),
        }
        if rows[0].starter_set:
            caption = f"{caption} ({origin_of(rows[0])})"
        return {f.area_code: WijkValue(f.value, f.unit) for f in rows}, caption
    if kind == "aanbod":
        counts: dict[str, int] = defaultdict(int)
        for area_code in Provision.objects.filter(municipality=municipality, category=code).values_list(
            "area_code", flat=True
        ):
            if area_code:
                counts[area_code] += 1
        return {k: WijkValue(float(v)) for k, v in counts.items()}, _("Aanbodcatalogus van de gemeente")
    return {}, ""


def wijken(municipality: Municipality) -> list[tuple[str, str, object]]:
    """(code, name, geometry) of the wijken: Area rows when they exist, else the codes found in the data."""
    areas = list(Area.objects.filter(municipality=municipality, level="wijk").order_by("code"))
    if areas:
        return [(a.code, a.name, a.geometry) for a in areas]
    codes = set(
        ContextFigure.objects.filter(
            municipality=municipality, area_level="wijk", value__isnull=False
        ).values_list("area_code", flat=True)
    ) | set(
        Provision.objects.filter(municipality=municipality)
        .exclude(area_code="")
        .values_list("area_code", flat=True)
    )
    return [(c, c, None) for c in sorted(codes)]


# --- Figures of a source document (starter sets) -------------------------------------------------------

AREA_LEVEL_LABELS = {
    "gemeente": "gemeente",
    "wijk": "wijk",
    "buurt": "buurt",
    "pc4": "postcodegebied",
    "regio": "regio",
    "land": "Nederland (landelijk)",
}


@dataclass(frozen=True)
class DocumentFigure:
    """A figure as its document states it, for printing: always with its origin label and page."""

    code: str
    description: str
    value: float | None
    unit: str
    period: str
    area_level: str
    area_name: str
    approximate: bool
    page: int | None
    quote: str
    note: str
    origin: str
    source: str
    risk_group: str = ""

    @property
    def area_label(self) -> str:
        level = AREA_LEVEL_LABELS.get(self.area_level, self.area_level)
        return f"{self.area_name} ({level})" if self.area_name and self.area_level != "land" else level


def document_figures(municipality: Municipality, codes: Iterable[str] | None = None) -> list[DocumentFigure]:
    """The starter-set figures loaded into ``municipality`` (optionally only ``codes``), in document order."""
    rows = ContextFigure.objects.filter(municipality=municipality).exclude(starter_set="")
    if codes is not None:
        rows = rows.filter(indicator__in=list(codes))
    return [
        DocumentFigure(
            f.indicator,
            f.description,
            f.value,
            f.unit,
            f.period,
            f.area_level,
            f.area_name,
            f.approximate,
            f.page,
            f.quote,
            f.note,
            origin_of(f),
            f.source,
        )
        for f in rows.order_by("page", "id")
    ]


def example_figures(slug: str = "maastricht-2018") -> list[DocumentFigure]:
    """The figures of a starter set straight from its committed file, for showing it as an example."""
    from .services import STARTER_SETS

    starter = STARTER_SETS[slug]
    data = starter.data()
    return [
        DocumentFigure(
            f["code"],
            f["description"],
            f["value"],
            f["unit"],
            f["period"],
            f["area_level"],
            f["area_name"],
            f["approximate"],
            f["page"],
            f["quote"],
            f.get("note", ""),
            starter.label,
            data["source"],
            f.get("risk_group", ""),
        )
        for f in data["figures"]
    ]


def figure_codes_by_group(slug: str = "maastricht-2018") -> dict[str, list[str]]:
    """Risk-group code → codes of the starter set's figures from that chapter."""
    out: dict[str, list[str]] = defaultdict(list)
    for fig in example_figures(slug):
        if fig.risk_group and fig.code not in out[fig.risk_group]:
            out[fig.risk_group].append(fig.code)
    return dict(out)
