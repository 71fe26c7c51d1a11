"""Pages: who sees what (published only for partners, own school only for coordinators), filters, charts."""

from __future__ import annotations

import pytest

from kansrijk.accounts.models import AuditEvent, School
from kansrijk.results import services

URL = "/gemeente/GM9999/resultaten/"


@pytest.mark.django_db
def test_dashboard_shows_estimates_ci_trend_and_reference(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    page = staff_client("partner").get(URL + "?leefdomein=substance_use").content.decode()
    assert "dronk alcohol in de afgelopen 30 dagen" in page
    assert "21,4%" in page and "19,0–23,9" in page  # estimate and 95% CI of alc_30d (factories.TOTALS)
    assert "significant lager" in page  # trend of alc_30d, marked from the analysis's test
    assert 'data-vega-spec-url="' in page


@pytest.mark.django_db
def test_breakdown_shows_suppressed_cells_with_one_neutral_label_never_a_number(
    published, staff_client
) -> None:  # type: ignore[no-untyped-def]
    page = staff_client("partner").get(URL + "?leefdomein=substance_use&uitsplitsing=gender").content.decode()
    assert "jongens" in page and "meisjes" in page
    assert "niet gepubliceerd" in page
    assert "minder dan 30" not in page  # the reason would tell the reader how few pupils there are


@pytest.mark.django_db
def test_partner_sees_nothing_before_publication(waves, fake_pipeline, staff_client) -> None:  # type: ignore[no-untyped-def]
    services.analyse_wave(None, waves[1], background=False)
    assert "nog geen gepubliceerde" in staff_client("partner").get(URL).content.decode()
    page = staff_client("analyst").get(URL).content.decode()
    assert "nog niet is gepubliceerd" in page and "21,4%" in page


@pytest.mark.django_db
def test_partners_get_no_per_school_breakdown(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    page = staff_client("partner").get(URL + "?uitsplitsing=school").content.decode()
    breakdown_select = page.split('id="uitsplitsing"')[1].split("</select>")[0]
    assert 'value="school"' not in breakdown_select and 'value="wijk"' in breakdown_select
    assert "Erasmus College" not in page


@pytest.mark.django_db
def test_chart_specs_are_vega_lite_json(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    spec = client.get(
        URL + "grafiek/leefdomein.json?leefdomein=substance_use&uitsplitsing=total&eenheid=percentage"
    ).json()
    assert spec["$schema"].endswith("v6.json")
    values = spec["data"]["values"]
    assert {round(v["estimate"], 3) for v in values if v["estimate"] is not None} >= {0.214, 0.142}
    trend = client.get(URL + "grafiek/trend.json?indicator=alc_30d").json()
    assert [v["wave"] for v in trend["data"]["values"]] == [
        "OKO 2021 (synthetisch)",
        "OKO 2023 (synthetisch)",
    ]
    kaart = client.get(URL + "grafiek/kaart.json?indicator=alc_30d").json()
    cats = {
        f["properties"]["wijkcode"]: f["properties"]["kansrijk"]["category"] for f in kaart["data"]["values"]
    }
    assert cats["WK999901"] == "higher" and cats["WK999902"] == "suppressed"


@pytest.mark.django_db
def test_table_csv_download_has_the_figures_in_dutch_excel_form(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client("partner").get(URL + "tabel.csv?leefdomein=substance_use&uitsplitsing=total")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("indicator;omschrijving")
    assert "21,4" in text


@pytest.mark.django_db
def test_map_page_has_a_table_view(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    page = staff_client("partner").get(URL + "kaart/?indicator=alc_30d").content.decode()
    assert "Centrum" in page and "significant hoger" in page and "onderdrukt" in page


@pytest.mark.django_db
def test_school_report_only_for_own_school_and_audited(published, staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    own = School.objects.get(municipality=municipality, brin="99AA")
    client = staff_client("school_coordinator", schools=[own])
    assert client.get(URL + "rapporten/school/99AB00.html").status_code == 403
    page = client.get(URL + "rapporten/school/99AA00.html").content.decode()
    assert "Erasmus College" in page and "Het Baken" not in page
    assert AuditEvent.objects.filter(action="results_school_report").exists()


@pytest.mark.django_db
def test_microdata_export_is_for_analysts_and_audited(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    wave = published[1].wave.code
    assert (
        staff_client("municipal_admin", "admin").get(URL + f"exports/{wave}/microdata.csv").status_code == 403
    )
    response = staff_client("analyst").get(URL + f"exports/{wave}/microdata.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("respondent_id;")
    event = AuditEvent.objects.get(action="export_microdata")
    assert event.details["format"] == "csv" and event.details["rows"] > 300


@pytest.mark.django_db
def test_analyst_publishes_from_the_analysis_page(
    waves, fake_pipeline, staff_client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("analyst")
    wave = waves[0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL + f"analyse/{wave.code}/starten/")
    run = wave.analysis_runs.get()
    page = client.get(URL + "analyse/").content.decode()
    assert "Versie 1 publiceren" in page
    client.post(URL + f"analyse/run/{run.pk}/publiceren/", {"note": ""})
    run.refresh_from_db()
    assert run.is_published
    assert staff_client("partner", "p").get(URL + "analyse/").status_code == 403
