"""What one API caller may see in one municipality, decided once per request from the role policy.

Nothing here re-derives a role: every answer comes from :func:`kansrijk.accounts.permissions.can` and
:func:`~kansrijk.accounts.permissions.result_schools` (the same rule as the web pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import can, result_schools

from .errors import ApiError
from .services import results_are_public


@dataclass(frozen=True)
class View:
    municipality: Municipality
    unpublished: bool
    schools: frozenset[str] | None  # school codes whose domains may be shown; None: every school
    public: bool = False
    microdata: bool = False  # may see full precision and suppression reasons (analysts)

    @property
    def key(self) -> str:
        """A stable description of the view, part of every ETag (two viewers never share a cached answer)."""
        schools = "*" if self.schools is None else ",".join(sorted(self.schools))
        flags = f"{int(self.unpublished)}|{schools}|{int(self.public)}|{int(self.microdata)}"
        return f"{self.municipality.pk}|{flags}"


def municipality_or_404(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise ApiError(404, "Deze gemeente bestaat niet.")
    return municipality


def require(caller: Any, action: str, municipality: Municipality) -> None:
    if not can(caller, action, municipality):
        raise ApiError(403, "U hebt geen toegang tot dit onderdeel van deze gemeente.")


def staff_view(caller: Any, municipality: Municipality, *, unpublished: bool = False) -> View:
    """The results view of a signed-in caller; ``unpublished`` must be asked for and allowed."""
    require(caller, "view_published_results", municipality)
    if unpublished:
        require(caller, "view_unpublished_results", municipality)
    schools = result_schools(caller, municipality)
    return View(municipality, unpublished, schools, microdata=can(caller, "view_microdata", municipality))


def public_view(code: str) -> View:
    """Published results of a municipality that chose to open them; no school-level figures ever."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None or not results_are_public(municipality):
        raise ApiError(404, "Deze gemeente publiceert geen openbare resultaten.")
    return View(municipality, False, frozenset(), public=True)


def can_action(caller: Any, action: str, municipality: Municipality) -> bool:
    return can(caller, action, municipality)
