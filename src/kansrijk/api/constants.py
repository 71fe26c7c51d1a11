"""Fixed numbers and choices of the api app, in one place so a reviewer can judge them together."""

from __future__ import annotations

from kansrijk.accounts.constants import Role

#: Roles a token can carry. A school coordinator is bound to schools, which a token is not: coordinators use
#: the API with their own session instead.
TOKEN_ROLES = (Role.MUNICIPAL_ADMIN, Role.ANALYST, Role.PARTNER)

#: Every token starts with this, so a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "kr_"  # noqa: S105 - a public marker, not a secret
#: Characters of the random lookup part stored in clear (``prefix``); the rest is secret.
LOOKUP_LENGTH = 8
#: Bytes of randomness in the secret part (``secrets.token_urlsafe``).
SECRET_BYTES = 32
#: ``last_used_at`` is written at most this often per token, so reads do not become writes.
LAST_USED_RESOLUTION_SECONDS = 300

#: Largest page of a list endpoint; the default page is smaller.
MAX_PAGE = 500
DEFAULT_PAGE = 100

#: How long a browser or proxy may reuse a public answer (seconds).
PUBLIC_MAX_AGE = 300
