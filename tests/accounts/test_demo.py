"""The demo loader is idempotent: running `make demo` twice neither fails nor duplicates."""

from __future__ import annotations

import pytest
from rich.console import Console

from kansrijk.accounts import demo
from kansrijk.accounts.models import Membership, Municipality, User

pytestmark = pytest.mark.django_db


def test_demo_twice_gives_the_same_data() -> None:
    console = Console(quiet=True)
    first = demo.load(console)
    counts = (Municipality.objects.count(), User.objects.count(), Membership.objects.count())
    second = demo.load(console)
    assert first == second
    assert counts == (Municipality.objects.count(), User.objects.count(), Membership.objects.count())
    assert counts == (1, 4, 4)
    municipality = Municipality.objects.get()
    assert (municipality.code, municipality.name) == ("GM9999", "Gemeente Voorbeeld")


def test_demo_logins_work(client) -> None:  # type: ignore[no-untyped-def]
    logins = demo.load(Console(quiet=True))
    for username, password, _role in logins:
        response = client.post("/account/inloggen/", {"username": username, "password": password})
        assert response.status_code == 302, username
        client.post("/account/uitloggen/")
