"""Class session codes: short, unambiguous when read aloud or typed, and forgiving of how pupils type them."""

from __future__ import annotations

import secrets

from .constants import CODE_ALPHABET, CODE_LENGTH

#: A class code in a URL (``/k/<CODE>/…``): lenient on purpose, the view looks the code up.
URL_PATTERN = "[A-Za-z0-9]{4,8}"


def new_code() -> str:
    """A random code of :data:`CODE_LENGTH` symbols from :data:`CODE_ALPHABET` (cryptographic randomness)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a pupil typed → the stored form: upper case, without spaces, dashes or dots."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def is_well_formed(code: str) -> bool:
    """True when ``code`` (normalised) could be a code at all; anything else is a typo, not a guess."""
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def display_code(code: str) -> str:
    """Groups of three for reading aloud and printing: ``KXM 49P``."""
    return f"{code[:3]} {code[3:]}" if len(code) == CODE_LENGTH else code
