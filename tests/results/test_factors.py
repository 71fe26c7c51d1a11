"""The risk and protective factor pages: the numbers of ``kansrijk.analysis.factor_table`` on the run's own
respondents, in words, with disclosure control; the same numbers in the chart spec."""

from __future__ import annotations

import json

import polars as pl
import pytest

from kansrijk.analysis import factor_table
from kansrijk.analysis.factor_frame import respondent_frame, weighting_rules
from kansrijk.reporting.formatting import format_number, format_value
from kansrijk.results import factors, present
from kansrijk.results.services import school_types

URL = "/gemeente/GM9999/resultaten/factoren/"


def _expected(run, outcome: str, factor: str) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The table computed here from the snapshot, independent of the page's cache and labels."""
    frame, design = respondent_frame(
        run.wave.snapshot_path,
        present.instrument_of(run.wave),
        school_types=school_types(run.wave),
        weighting=weighting_rules(run.meta.get("weighting")),
    )
    frame = frame.with_columns(
        pl.col(f"ind__{factor}").cast(pl.Int8),
        pl.col(f"ind__{outcome}").cast(pl.Float64),
        pl.when(pl.col("gender").is_in(["m", "v"])).then(pl.col("gender")).alias("boys_girls"),
    )
    # adjusted for grade and gender (boys and girls: gender x is too rare for a coefficient of its own)
    return factor_table(
        frame, design, f"ind__{outcome}", f"ind__{factor}", reference="0", adjust=["grade", "boys_girls"]
    )


@pytest.mark.django_db
def test_factor_page_shows_the_library_numbers_in_words(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    run = published[-1]
    response = staff_client("partner").get(URL + "?leefdomein=leisure&uitkomst=alc_30d&factor=out_midnight")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Risico- en beschermende factoren: Vrije tijd" in page
    expected = _expected(run, "alc_30d", "out_midnight")
    for row in expected.iter_rows(named=True):
        if row["suppressed"] is None:
            assert format_value(row["estimate"], "percentage", 1, "nl") in page
        if row["adjusted_odds_ratio"] is not None and not row["is_reference"]:
            assert format_number(row["adjusted_odds_ratio"], 2, "nl") in page
    assert "Aandeel dat ‘dronk alcohol in de afgelopen 30 dagen’" in page
    assert 'data-vega-spec-url="/gemeente/GM9999/resultaten/factoren/grafiek.json?' in page


@pytest.mark.django_db
def test_every_ipm_leefdomein_lists_its_classic_pairs(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    for domain in factors.FACTOR_DOMAINS:
        page = client.get(URL + f"?leefdomein={domain}").content.decode()
        assert "De vaste IJslandse factoren" in page, domain
    peers = client.get(URL + "?leefdomein=peers").content.decode()
    assert "de meeste vrienden waren dronken in de afgelopen 30 dagen" in peers


@pytest.mark.django_db
def test_chart_spec_carries_the_same_estimates_and_hides_suppressed_levels(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    run = published[-1]
    response = staff_client("partner").get(URL + "grafiek.json?uitkomst=drunk_30d&factor=peers_drunk_most")
    assert response.status_code == 200
    spec = json.loads(response.content)
    values = [v for d in spec.get("datasets", {}).values() for v in d] or spec["data"]["values"]
    expected = _expected(run, "drunk_30d", "peers_drunk_most")
    shown = {round(v["estimate"], 9) for v in values if v.get("estimate") is not None}
    for row in expected.iter_rows(named=True):
        if row["suppressed"] is None:
            assert round(row["estimate"], 9) in shown
        else:
            assert row["estimate"] is None
    assert len(shown) == expected.filter(pl.col("suppressed").is_null()).height


@pytest.mark.django_db
def test_an_item_as_factor_uses_its_answers_in_questionnaire_order(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    result = factors.factor_result(published[-1], "drunk_30d", "item:par_know_where", "nl")
    assert [lv.code for lv in result.levels] == ["1", "2", "3", "4", "5"]
    assert [lv.label for lv in result.levels][-1] == "bijna altijd"
    assert sum(lv.is_reference for lv in result.levels) == 1
    hidden = [lv for lv in result.levels if lv.suppressed]
    assert all(lv.estimate is None and lv.adjusted_odds_ratio is None for lv in hidden)


@pytest.mark.django_db
def test_unknown_outcome_falls_back_and_unknown_factor_is_refused(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    assert client.get(URL + "?uitkomst=nonsense&factor=nonsense").status_code == 200
    assert client.get(URL + "grafiek.json?uitkomst=drunk_30d&factor=nonsense").status_code == 404


@pytest.mark.django_db
def test_api_answers_the_numbers_of_the_page(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    run = published[-1]
    client = staff_client("partner")
    response = client.get(
        "/api/v1/municipalities/GM9999/factors", {"outcome": "drunk_30d", "factor": "peers_drunk_most"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == "drunk_30d" and body["factor"] == "peers_drunk_most"
    expected = _expected(run, "drunk_30d", "peers_drunk_most")
    by_level = {lv["level"]: lv for lv in body["levels"]}
    for row in expected.iter_rows(named=True):
        got = by_level[row["level"]]
        assert got["isReference"] == row["is_reference"]
        for api_name, name in (
            ("estimate", "estimate"),
            ("ciLow", "ci_low"),
            ("adjustedOddsRatio", "adjusted_odds_ratio"),
            ("adjustedOrCiHigh", "adjusted_or_ci_high"),
            ("pValue", "p_value"),
        ):
            if row[name] is None:
                assert got[api_name] is None
            else:
                assert got[api_name] == pytest.approx(row[name], rel=1e-12)
        # the guarded test (Benjamini–Hochberg over the table, minimal relevant difference), as the library
        assert got["flag"] == row["flag"] and got["adjustedFlag"] == row["adjusted_flag"]
    tested = expected.filter(pl.col("adjusted_flag").is_not_null())
    assert tested.height >= 1 and set(tested["adjusted_flag"]) <= {"higher", "lower", "no_difference"}
    page = client.get(URL + "?leefdomein=peers&uitkomst=drunk_30d&factor=peers_drunk_most").content.decode()
    assert body["sentence"] in page.replace("&#x27;", "'")
    words = {"higher": "(vaker)", "lower": "(minder vaak)", "no_difference": "(geen verschil)"}
    for flag in tested["adjusted_flag"].to_list():
        assert f'data-flag="{flag}">{words[flag]}</span>' in page
    peers = client.get("/api/v1/municipalities/GM9999/results", {"leefdomein": "peers"})
    assert peers.status_code == 200, peers.content  # the new leefdomein is a valid filter
    missing = client.get("/api/v1/municipalities/GM9999/factors", {"outcome": "drunk_30d", "factor": "nope"})
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_council_report_has_the_factor_chapter_with_the_same_numbers(published) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.reporting.documents import Paragraph, Suppressed, Table
    from kansrijk.results import reports

    run = published[-1]
    report = reports.council_report(run, maps=False)
    chapter = next(s for s in report.sections if s.heading == "Risico- en beschermende factoren")
    tables = [b for b in chapter.blocks if isinstance(b, Table)]
    assert [t.caption for t in tables] == [
        "Gezin en ouders: risico- en beschermende factoren",
        "Vrienden: risico- en beschermende factoren",
        "Vrije tijd: risico- en beschermende factoren",
        "School: risico- en beschermende factoren",
    ]
    peers = tables[1]
    result = factors.factor_result(run, "drunk_30d", "peers_drunk_most", "nl")
    row = next(r for r in peers.rows if r[0] == result.factor_label)
    yes = next(lv for lv in result.levels if not lv.is_reference)
    if yes.suppressed:
        assert isinstance(row[2], Suppressed) and isinstance(row[4], Suppressed)
    else:
        assert row[2] == f"ja: {format_value(yes.estimate, 'percentage', 1, 'nl')}"
        assert str(row[4]).startswith(format_number(yes.adjusted_odds_ratio, 2, "nl"))
    sentences = [b.text for b in chapter.blocks if isinstance(b, Paragraph)]
    assert result.sentence in sentences
