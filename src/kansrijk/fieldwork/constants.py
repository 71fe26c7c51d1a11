"""Choices and fixed numbers of the fieldwork app, in one place so a reviewer can judge them together."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WaveStatus(models.TextChoices):
    """The life cycle of a wave; only the transitions in :data:`TRANSITIONS` exist."""

    DRAFT = "draft", _("Concept")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")
    PUBLISHED = "published", _("Gepubliceerd")


#: status → the statuses it may move to (draft → open → closed → published).
TRANSITIONS: dict[str, frozenset[str]] = {
    WaveStatus.DRAFT: frozenset({WaveStatus.OPEN}),
    WaveStatus.OPEN: frozenset({WaveStatus.CLOSED}),
    WaveStatus.CLOSED: frozenset({WaveStatus.PUBLISHED}),
    WaveStatus.PUBLISHED: frozenset(),
}

#: Class session codes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V or Q, so a code read aloud or typed from a
#: projector cannot be misread. 21 symbols, 6 places: 85 million codes.
CODE_ALPHABET = "ACDEFHJKMNPRTWXY34679"
CODE_LENGTH = 6

#: Secondary-school grades (leerjaar).
GRADES = range(1, 7)

#: Seconds per page are rounded to this step (enough to find speeders, too coarse to fingerprint anyone).
SECONDS_STEP = 5
#: A page open longer than this counts as this long (the pupil walked away; the time says nothing).
SECONDS_CAP = 3600

#: Wrong-code limits (per 15 minutes). A class of 30 typing a code from the board makes a few dozen typos;
#: a whole school behind one NAT starting in the same hour perhaps 200. These limits are well above that.
RATE_WINDOW_SECONDS = 15 * 60
WRONG_CODES_PER_ADDRESS = 300
WRONG_CODES_PER_CODE = 60


#: A class session accepts at most this many new respondents (3 × expected + 30): enough for shared
#: laptops and restarts, but one code passed around cannot flood the counts.
def max_starts(expected: int) -> int:
    return 3 * expected + 30


#: Cookie holding the anonymous resume token (scoped to the session's path ``/k/<CODE>/``).
RESUME_COOKIE = "kansrijk_resume"
