"""`make demo`: synthetic historical waves through the importers, one live wave with a valid code."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from rich.console import Console

from kansrijk.accounts import demo as accounts_demo
from kansrijk.fieldwork import demo
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import ClassSession, Wave


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(settings, tmp_path, client) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    console = Console(file=out, width=200)
    accounts_demo.load(console)
    demo.load(console)
    demo.load(console)
    text = out.getvalue()
    live = Wave.objects.get(status=WaveStatus.OPEN)
    assert (live.window_end - timezone.localdate()).days == demo.LIVE_DAYS
    assert Wave.objects.filter(status=WaveStatus.CLOSED).count() == 3
    code = text.split("/k/")[1].split("/")[0]
    session = ClassSession.objects.get(code=code)
    assert session.in_window() and session.school_class.wave == live
    assert client.get(f"/k/{code}/").status_code == 200
    assert live.classes.count() > 10 and live.enrolment.exists()
