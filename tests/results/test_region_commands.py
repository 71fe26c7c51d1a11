"""``kansrijk region create|member|staff``: setting up a region from the command line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app

runner = CliRunner()


@pytest.mark.django_db
def test_create_a_region_add_members_with_consent_and_staff(municipality, make_staff) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import AuditEvent
    from kansrijk.results.region_models import Region, RegionMember, RegionStaff

    assert runner.invoke(app, ["region", "create", "ggd-zuid", "GGD Zuid"]).exit_code == 0
    done = runner.invoke(app, ["region", "member", "ggd-zuid", "gm9999", "--consent"])
    assert done.exit_code == 0, done.output
    assert "shares its published results" in done.output
    member = RegionMember.objects.get(region__code="ggd-zuid", municipality=municipality)
    assert member.consents and member.consent_changed_at is not None
    assert AuditEvent.objects.filter(action="region.consent", municipality=municipality).exists()
    assert runner.invoke(app, ["region", "member", "ggd-zuid", "GM9999", "--no-consent"]).exit_code == 0
    member.refresh_from_db()
    assert not member.consents
    make_staff("ggd", "partner")
    assert runner.invoke(app, ["region", "staff", "ggd-zuid", "ggd"]).exit_code == 0
    assert RegionStaff.objects.filter(
        region=Region.objects.get(code="ggd-zuid"), user__username="ggd"
    ).exists()


@pytest.mark.django_db
def test_mistakes_say_what_to_do(municipality) -> None:  # type: ignore[no-untyped-def]
    bad = runner.invoke(app, ["region", "create", "GGD Zuid!", "GGD Zuid"])
    assert bad.exit_code == 2 and "lower-case letters" in bad.output
    missing = runner.invoke(app, ["region", "member", "nergens", "GM9999"])
    assert missing.exit_code == 2 and "kansrijk region create nergens" in missing.output
    runner.invoke(app, ["region", "create", "ggd-zuid", "GGD Zuid"])
    unknown = runner.invoke(app, ["region", "member", "ggd-zuid", "GM0000"])
    assert unknown.exit_code == 2 and "no municipality" in unknown.output
