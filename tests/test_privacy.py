"""Privacy by construction: no model or log line keeps an IP address, user agent or name with a response;
the privacy documents come from the actual settings; raw responses go after the retention period."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import reverse

from kansrijk.api.privacy import dpia_markdown, facts, register_markdown
from kansrijk.api.retention import apply_retention
from kansrijk.fieldwork.models import PageSave, Response
from tests.fieldwork.factories import ClassSessionFactory
from tests.fieldwork.helpers import complete_questionnaire

ADDRESS = "203.0.113.77"
AGENT = "KansrijkProbe/9.9 (telefoon van Sanne de Vries)"
FORBIDDEN_FIELD = re.compile(r"ip|addr|agent|remote|name|email|birth|geboorte|phone|telefoon", re.I)


def test_response_models_have_no_field_for_an_address_agent_or_name() -> None:
    related = [Response, PageSave] + [
        m for m in apps.get_models() if any(f.related_model is Response for f in m._meta.get_fields())
    ]
    for model in set(related):
        for f in model._meta.concrete_fields:
            assert not FORBIDDEN_FIELD.search(f.name), f"{model.__name__}.{f.name}"


def test_no_model_stores_ip_addresses_except_axes_placeholder() -> None:
    for model in apps.get_models():
        if model._meta.app_label == "axes":
            continue  # django-axes gets a constant placeholder (accounts.security.no_client_address)
        for f in model._meta.concrete_fields:
            assert not isinstance(f, models.GenericIPAddressField), f"{model.__name__}.{f.name}"


@pytest.mark.django_db
def test_pupil_flow_leaves_no_address_or_agent_in_database_logs_or_cache(caplog) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    session = ClassSessionFactory()
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=ADDRESS)
    client.post("/start/", {"code": "ZZZZZZ"})  # a wrong code: counted by the rate limiter
    with caplog.at_level(logging.DEBUG):
        complete_questionnaire(client, session)
        client.post("/start/", {"code": "QQQQQQ"})
    assert Response.objects.filter(complete=True).count() == 1
    # a failed staff login too (django-axes)
    Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT).post(
        reverse("accounts:login"), {"username": "iemand", "password": "fout-wachtwoord-123"}
    )
    dumped = []
    for model in apps.get_models():
        dumped += [repr(row) for row in model.objects.values()]
    everything = "\n".join(dumped)
    for probe in (ADDRESS, "KansrijkProbe", "Sanne"):
        assert probe not in everything
        assert probe not in caplog.text
        assert not any(probe in str(key) for key in cache._cache)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_privacy_page_and_documents_follow_the_settings(municipality, settings, staff_client) -> None:  # type: ignore[no-untyped-def]
    municipality.retention_years = 7
    municipality.save()
    page = Client().get("/privacy/").content.decode()
    assert "Gemeente Voorbeeld: 7 jaar" in page
    assert "afgerond op 5 seconden" in page  # from PageSave.seconds
    f = facts(municipality)
    assert f.min_n == 30 and f.retention_years == 7
    register = register_markdown(f)
    assert "Ruwe antwoorden: 7 jaar" in register and "Tweestapsverificatie voor microdata: aan" in register
    settings.KANSRIJK = {**settings.KANSRIJK, "REQUIRE_2FA": False}
    assert "tweestapsverificatie UIT" in dpia_markdown(facts(municipality))
    client = staff_client("municipal_admin")
    download = client.get(reverse("api:privacy_document", kwargs={"code": "GM9999", "document": "dpia"}))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/markdown")
    assert "# DPIA" in download.content.decode()


@pytest.mark.django_db
def test_retention_deletes_raw_responses_of_frozen_waves_only(municipality) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import AuditEvent

    session = ClassSessionFactory()
    wave = session.school_class.wave
    complete_questionnaire(Client(), session)
    end = wave.window_end
    municipality.retention_years = 2
    municipality.save()
    just_before = end.replace(year=end.year + 2)
    assert apply_retention(None, municipality, today=just_before, dry_run=False) == []
    after = just_before + dt.timedelta(days=1)
    report = apply_retention(None, municipality, today=after, dry_run=False)
    assert [(r.responses, r.kept_snapshot) for r in report] == [(1, False)]
    assert Response.objects.count() == 1  # not frozen yet: nothing is lost
    wave.snapshot_sha256 = "a" * 64
    wave.save()
    assert [r.responses for r in apply_retention(None, municipality, today=after)] == [1]  # dry run
    assert Response.objects.count() == 1
    apply_retention(None, municipality, today=after, dry_run=False)
    assert Response.objects.count() == 0 and PageSave.objects.count() == 0
    assert AuditEvent.objects.filter(action="retention.delete_responses").count() == 1


@pytest.mark.django_db
def test_privacy_commands(municipality) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from kansrijk.api.commands import app

    runner = CliRunner()
    result = runner.invoke(app, ["register", "GM9999"])
    assert result.exit_code == 0 and "Verwerkingsregister" in result.output
    assert runner.invoke(app, ["dpia", "GM0000"]).exit_code == 2
    assert runner.invoke(app, ["retention", "--today", "morgen"]).exit_code == 2
    assert runner.invoke(app, ["retention"]).exit_code == 0
