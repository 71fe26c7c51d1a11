"""Small presentation helpers for the cycle templates (labels for codes, never decisions)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def trend_label(trend: str | None) -> str:
    return {
        "higher": _("significant hoger dan de vorige meting"),
        "lower": _("significant lager dan de vorige meting"),
        "no_change": _("geen significant verschil met de vorige meting"),
    }.get(trend or "", _("nog geen vergelijking met een eerdere meting"))


@register.filter
def trend_arrow(trend: str | None) -> str:
    return {"higher": "▲", "lower": "▼", "no_change": "="}.get(trend or "", "–")


@register.filter
def expected_label(expected: str) -> str:
    return _("moet omhoog") if expected == "up" else _("moet omlaag")


@register.filter
def unit_suffix(info: Any) -> str:
    return "%" if info is not None and getattr(info, "unit", "") == "percentage" else ""


@register.filter
def verdict_label(verdict: str) -> str:
    return {
        "moved": _("bewoog in de gewenste richting"),
        "mixed": _("deels gewenst, deels ongewenst"),
        "against": _("bewoog de verkeerde kant op"),
        "not_moved": _("niet bewogen"),
        "no_data": _("geen vergelijkbare cijfers"),
    }.get(verdict, verdict)


@register.filter
def judgement_label(judgement: str) -> str:
    return {"better": _("beter"), "worse": _("slechter"), "neutral": _("neutraal")}.get(judgement, judgement)


@register.filter
def unit_text(unit: str | None) -> str:
    """How a context figure's unit follows its number: ``12,5%``, ``262 aantal`` → ``262``."""
    raw = (unit or "").strip()
    if raw.lower() in {"percentage", "procent", "%"}:
        return "%"
    if raw.lower() in {"aantal", "count", ""}:
        return ""
    return f" {raw}"


@register.filter
def target_label(status: str) -> str:
    """The action plan's words for where a measure stands against its target."""
    from kansrijk.cycle.constants import TargetStatus

    return str(dict(TargetStatus.choices).get(status, status))


@register.simple_tag
def cycle_next_steps(municipality: Any) -> list[dict[str, Any]]:
    """The phase under way and the next ones of the municipality's wave schedule (staff dashboard)."""
    from kansrijk.cycle.views import schedule_steps

    return schedule_steps(municipality)
