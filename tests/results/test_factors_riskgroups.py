"""How each risk group is doing: the survey definition (suggested from the instrument's tags, editable per
municipality), every indicator for the group against the rest, on the group's page and in the council
report."""

from __future__ import annotations

import polars as pl
import pytest

from kansrijk.accounts.models import AuditEvent
from kansrijk.analysis.factor_frame import respondent_frame, weighting_rules
from kansrijk.analysis.factors import group_profile
from kansrijk.cycle.models import RiskGroup, RiskGroupSurvey
from kansrijk.cycle.riskgroup_survey import profile, suggested
from kansrijk.reporting.formatting import format_value
from kansrijk.results import present
from kansrijk.results.services import school_types

PAGE = "/gemeente/GM9999/cyclus/risicogroep/{}/"


@pytest.fixture
def groups(published, municipality):  # type: ignore[no-untyped-def]
    return {
        code: RiskGroup.objects.create(municipality=municipality, code=code, number=i, title=title)
        for i, (code, title) in enumerate(
            [
                ("armoede", "Kinderen die opgroeien in armoede"),
                ("risicojeugd", "Risicojeugd"),
                ("gesloten_setting", "Jongeren die terugkeren uit een gesloten setting"),
            ],
            start=1,
        )
    }


@pytest.mark.django_db
def test_suggestions_come_from_the_instruments_risk_group_tags(published) -> None:  # type: ignore[no-untyped-def]
    instrument = present.instrument_of(published[-1].wave)
    assert suggested("armoede", instrument) == "fas_low"
    assert suggested("ouder_detentie", instrument) == "parent_detention"
    assert suggested("gesloten_setting", instrument) == ""  # the survey cannot define it


@pytest.mark.django_db
def test_group_profile_numbers_on_the_risk_group_page(groups, published, staff_client) -> None:  # type: ignore[no-untyped-def]
    run = published[-1]
    group = profile(groups["risicojeugd"], "nl")
    assert group is not None and group.indicator == "delinquency" and not group.own
    frame, design = respondent_frame(
        run.wave.snapshot_path,
        present.instrument_of(run.wave),
        school_types=school_types(run.wave),
        weighting=weighting_rules(run.meta.get("weighting")),
    )
    info = present.indicators(present.instrument_of(run.wave), "nl")
    variables = [f"ind__{c}" for c, i in info.items() if i.unit == "percentage" and c != "delinquency"]
    data = frame.with_columns(
        pl.col("ind__delinquency").cast(pl.Boolean).alias("g"),
        *[pl.col(v).cast(pl.Float64) for v in variables],
    )
    expected = group_profile(data, design, "g", variables)
    assert [r.code for r in group.rows] == [v.removeprefix("ind__") for v in expected["variable"].to_list()]
    page = staff_client("partner").get(PAGE.format("risicojeugd")).content.decode()
    assert "Hoe gaat het met deze groep?" in page
    for row, want in zip(group.rows, expected.iter_rows(named=True), strict=True):
        if want["group_suppressed"] is None and want["rest_suppressed"] is None:
            assert row.group == format_value(want["group_estimate"], "percentage", 1, "nl")
            assert row.rest == format_value(want["rest_estimate"], "percentage", 1, "nl")
            assert row.direction == want["direction"]
        else:
            assert row.hidden and row.group == row.rest == "" and row.direction is None
    assert any(r.hidden for r in group.rows)  # a small municipality: some cells are withheld
    # the page's direction is the guarded one (BH over the group's indicators, minimal relevant difference)
    flagged = expected["direction"].is_in(["higher", "lower"]).sum()
    assert flagged <= expected["risk_group_raw"].is_in(["higher", "lower"]).sum()
    assert expected["risk_group_q"].is_not_null().sum() >= 1
    shown = next(r for r in group.rows if not r.hidden)
    assert shown.group in page and shown.rest in page
    undefined = staff_client("partner").get(PAGE.format("gesloten_setting")).content.decode()
    assert "niet met de vragenlijst te omschrijven" in undefined


@pytest.mark.django_db
def test_the_municipality_edits_the_definition_and_it_is_audited(groups, staff_client) -> None:  # type: ignore[no-untyped-def]
    url = PAGE.format("armoede") + "vragenlijst/"
    assert staff_client("partner").post(url, {"indicator": "money_worries"}).status_code == 403
    admin = staff_client("municipal_admin")
    assert admin.post(url, {"indicator": "money_worries"}).status_code == 302
    stored = RiskGroupSurvey.objects.get(risk_group=groups["armoede"])
    assert stored.indicator == "money_worries"
    assert AuditEvent.objects.filter(action="cycle_risk_group_survey").count() == 1
    group = profile(groups["armoede"], "nl")
    assert group is not None and group.indicator == "money_worries" and group.own
    admin.post(url, {"indicator": "nonsense"})
    assert RiskGroupSurvey.objects.get(risk_group=groups["armoede"]).indicator == "money_worries"
    admin.post(url, {"indicator": ""})  # "not from the survey"
    assert profile(groups["armoede"], "nl") is None


@pytest.mark.django_db
def test_council_report_has_the_risk_group_section(groups, published) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.reporting.documents import Table
    from kansrijk.results import reports

    report = reports.council_report(published[-1], maps=False)
    section = next(s for s in report.sections if s.heading == "Hoe gaat het met de risicogroepen?")
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert [t.caption.split(" (")[0] for t in tables] == ["Kinderen die opgroeien in armoede", "Risicojeugd"]
    group = profile(groups["risicojeugd"], "nl")
    assert group is not None
    differ = [r for r in group.rows if not r.hidden and r.direction in ("higher", "lower")]
    assert len(tables[1].rows) == max(len(differ), 1)
    for row, r in zip(tables[1].rows, differ, strict=False):
        assert row[:3] == (r.label, r.group, r.rest)
