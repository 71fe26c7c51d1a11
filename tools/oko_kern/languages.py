"""The six languages of OKO kern, and `L`, which writes one text in all six as a product `Labels` dict.

Texts are written positionally (nl, en, ar, pl, tr, uk) so that every translation sits next to the Dutch
reference wording in the source and a change to one shows up as a readable diff.
"""

from __future__ import annotations

from kansrijk.instrument.model import Labels

#: Language codes in the order the XLSForm's columns are written; Dutch, the reference wording, first.
LANGUAGES: tuple[str, ...] = ("nl", "en", "ar", "pl", "tr", "uk")


def L(nl: str, en: str, ar: str, pl: str, tr: str, uk: str) -> Labels:
    """One text in the six languages, as the ``{language: text}`` labels of `kansrijk.instrument.model`."""
    return dict(zip(LANGUAGES, (nl, en, ar, pl, tr, uk), strict=True))
