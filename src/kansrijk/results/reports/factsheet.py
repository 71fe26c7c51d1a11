"""The fact sheet: one page in plain language (B1) for pupils or parents, with pictograms of ten people."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import polars as pl
from django.utils import translation
from django.utils.translation import gettext as _

from kansrijk.reporting.charts import Chart, TextAlternative
from kansrijk.reporting.documents import Figure, Paragraph, Report, Section

from .. import present
from ..models import AnalysisRun
from . import data
from .common import HEADLINE_INDICATORS, author

#: A person in Vega's unit box (custom shapes are drawn in [-1, 1] and scaled by the mark's size).
PERSON = "M0,-0.98a0.27,0.27 0 1,0 0.01,0z M-0.38,-0.5h0.76l0.12,0.8h-0.24l-0.06,0.7h-0.4l-0.06,-0.7h-0.24z"


def share_words(share: float) -> str:
    """A share as people say it: "ongeveer 3 van de 10", never "ongeveer 0 van de 10" or "10 van de 10"."""
    k = math.floor(share * 10 + 0.5)
    if k == 0:
        if share >= 0.025:
            return _("ongeveer 1 op de 20")
        return _("minder dan 1 op de 20") if share > 0 else _("geen van de")
    if k == 10:
        return _("bijna alle") if share < 1 else _("alle")
    return _("ongeveer %(k)s van de 10") % {"k": k}


def pictogram(share: float, label: str, language: str) -> Chart:
    """Ten people, ``round(share × 10)`` of them coloured: "x of 10 pupils …" as a picture."""
    k = math.floor(share * 10 + 0.5)
    values = [{"i": i, "on": i < k} for i in range(10)]
    words = share_words(share)
    summary = f"{words[:1].upper()}{words[1:]}: {label}"
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": summary,
        "width": 420,
        "height": 60,
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 900, "shape": PERSON},
        "encoding": {
            "x": {"field": "i", "type": "ordinal", "axis": None},
            "color": {
                "field": "on",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [True, False], "range": ["#0072B2", "#CCCCCC"]},
            },
        },
        "config": {"view": {"stroke": None}},
    }
    return Chart(spec, TextAlternative((_("Uitkomst"),), ((summary,),), summary))


def _plain_sentence(info: present.IndicatorInfo, row: Mapping[str, Any], audience: str) -> str | None:
    if row.get("suppressed") is not None or row.get("estimate") is None:
        return None
    if info.unit != "percentage":
        return None
    words = share_words(float(row["estimate"]))
    who = _("jongeren") if audience == "pupils" else _("kinderen")
    base = _("%(share)s %(who)s: %(label)s.") % {
        "share": words[:1].upper() + words[1:],
        "who": who,
        "label": info.label,
    }
    if row.get("trend") == "lower":
        base += " " + _("Dat is minder dan de vorige keer.")
    elif row.get("trend") == "higher":
        base += " " + _("Dat is meer dan de vorige keer.")
    return base


def factsheet(run: AnalysisRun, *, audience: str = "pupils", language: str = "nl") -> Report:
    """One page in plain language (B1): what we learned and what happens next, with pictograms."""
    ctx = data.context(run, language)
    with translation.override(language):
        total = {
            r["indicator"]: r
            for r in ctx.table.filter(pl.col("domain_type") == "total").iter_rows(named=True)
        }
        chosen = [c for c in HEADLINE_INDICATORS if c in total and c in ctx.info][:4]
        if len(chosen) < 4:
            chosen += [
                c for c in ctx.info if c in total and c not in chosen and ctx.info[c].unit == "percentage"
            ][: 4 - len(chosen)]
        learned: list[Any] = []
        for code in chosen:
            sentence = _plain_sentence(ctx.info[code], total[code], audience)
            if sentence is None:
                continue
            learned.append(
                Figure(pictogram(float(total[code]["estimate"]), ctx.info[code].label, language), sentence)
            )
        intro = (
            _(
                "In %(wave)s vulden jongeren van %(municipality)s op school een vragenlijst in. Dank je wel! "
                "Dit is wat we leerden."
            )
            if audience == "pupils"
            else _(
                "In %(wave)s vulden de leerlingen van de middelbare scholen in %(municipality)s "
                "een vragenlijst in. "
                "Dit is wat we leerden over hoe het met hen gaat."
            )
        ) % {"wave": run.wave.name, "municipality": author(run)}
        points = data.linked_action_points(run.wave.municipality, chosen)
        next_lines = [_("De gemeente, scholen, ouders en jongeren gaan samen aan de slag.")]
        next_lines += [_("Actiepunt %(n)s: %(title)s.") % {"n": n, "title": t} for n, t, _c in points[:3]]
        next_lines.append(
            _("Wil je meepraten? Vraag je mentor of kijk op de website van de gemeente.")
            if audience == "pupils"
            else _(
                "Praat erover met uw kind. Wilt u meedenken? Neem contact op met de school of de gemeente."
            )
        )
        return Report(
            title=_("Wat we leerden") if audience == "pupils" else _("Hoe gaat het met onze jongeren?"),
            subtitle=_("%(wave)s — voor leerlingen") % {"wave": run.wave.name}
            if audience == "pupils"
            else _("%(wave)s — voor ouders") % {"wave": run.wave.name},
            sections=(
                Section(_("Wat we leerden"), (Paragraph(intro), *learned)),
                Section(_("Wat gebeurt er nu?"), tuple(Paragraph(line) for line in next_lines)),
            ),
            lang=language,
            author=author(run),
        )
