"""The accessibility statement names WCAG 2.2 AA and says 'voldoet gedeeltelijk' until an audit."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_statement_targets_wcag_22_and_is_partially_compliant(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/toegankelijkheid/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "WCAG 2.2 niveau AA" in html
    assert "Kansrijk voldoet gedeeltelijk aan WCAG 2.2 niveau AA." in html
    assert "Tot een audit iets anders vaststelt" in html
    english = client.get("/toegankelijkheid/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kansrijk partially complies with WCAG 2.2 level AA." in english
