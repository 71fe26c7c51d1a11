"""A region on one installation: consent, the regional role and dashboard, the live reference.

Five municipalities in region "zuid" (GM0005 does not consent), each with a published wave for grades 2 and
4: its municipal total for alc_30d and a school row that a region must never see. Enrolments (grades 2 and
4) 2000, 1000, 3000, 1000 and 4000; published alc_30d 0.25, 0.20, 0.30, 0.10 and 0.90.

Hand-worked: region alc_30d over the four consenting members = (500 + 200 + 900 + 100) / 7000;
GM0001's live reference = the other three consenting members: (200 + 900 + 100) / 5000 = 0.24.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from django.utils import timezone

from kansrijk.analysis.live_reference import pooled
from kansrijk.fieldwork.models import Enrolment
from kansrijk.results import regional
from kansrijk.results.constants import RunStatus
from kansrijk.results.models import AnalysisRun, ResultRow
from kansrijk.results.region_models import Region, RegionStaff
from tests.fieldwork.factories import MunicipalityFactory, SchoolFactory, WaveFactory

MEMBERS = [
    ("GM0001", "Eerstestad", 2000, 0.25, True),
    ("GM0002", "Tweedorp", 1000, 0.20, True),
    ("GM0003", "Driehoven", 3000, 0.30, True),
    ("GM0004", "Vierveen", 1000, 0.10, True),
    ("GM0005", "Vijfhuizen", 4000, 0.90, False),
]


@pytest.fixture
def region(db):  # type: ignore[no-untyped-def]
    zuid = Region.objects.create(code="zuid", name="GGD Zuid")
    for code, name, enrolment, estimate, consents in MEMBERS:
        municipality = MunicipalityFactory(code=code, name=name)
        school = SchoolFactory(municipality=municipality, brin=f"{code[-2:]}ZZ", name=f"College {name}")
        wave = WaveFactory(municipality=municipality, code=f"{code}-oko", grades=[2, 4])
        Enrolment.objects.create(wave=wave, school=school, grade=2, gender="m", n=enrolment // 2)
        Enrolment.objects.create(wave=wave, school=school, grade=4, gender="v", n=enrolment - enrolment // 2)
        Enrolment.objects.create(wave=wave, school=school, grade=3, gender="v", n=999)  # not a target grade
        run = AnalysisRun.objects.create(
            wave=wave, version=1, status=RunStatus.DONE, published_at=timezone.now()
        )
        common = {"run": run, "indicator": "alc_30d", "unit": "percentage", "n": enrolment // 2}
        ResultRow.objects.create(**common, domain_type="total", domain="", estimate=estimate, se=0.01)
        ResultRow.objects.create(**common, domain_type="school", domain=school.code, estimate=0.77, se=0.05)
        regional.set_consent(None, zuid, municipality, consents)
    return zuid


@pytest.mark.django_db
def test_region_table_holds_consenting_members_published_totals_only(region) -> None:  # type: ignore[no-untyped-def]
    view = regional.regional_view(region)
    assert [m.municipality.code for m in view.members] == [
        "GM0003",
        "GM0001",
        "GM0002",
        "GM0004",
        "GM0005",
    ]  # by name
    [(year, grades, table, labels)] = view.tables
    assert labels  # the instrument's indicator labels
    assert grades == "2,4" and year == (timezone.localdate() - dt.timedelta(days=1)).year  # WaveFactory
    assert set(table["domain_type"]) == {"region", "municipality"}  # never a school
    assert "GM0005" not in table["domain"].to_list()  # does not consent
    region_row = table.filter(pl.col("domain_type") == "region").row(0, named=True)
    assert math.isclose(region_row["estimate"], 1700 / 7000, rel_tol=1e-12)
    assert region_row["municipalities"] == 4


@pytest.mark.django_db
def test_live_reference_pools_the_other_consenting_members(region) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.fieldwork.models import Wave

    wave = Wave.objects.get(code="GM0001-oko")
    frame = regional.live_reference(wave)
    assert frame is not None
    assert sorted(frame["gemeentecode"].to_list()) == ["GM0002", "GM0003", "GM0004"]  # own and GM0005 out
    [row] = pooled(frame, {"alc_30d": "percentage"}).iter_rows(named=True)
    assert math.isclose(row["estimate"], 0.24, rel_tol=1e-12) and row["population"] == 5000
    # a municipality that does not share gets no pool of the others either
    assert regional.live_reference(Wave.objects.get(code="GM0005-oko")) is None


@pytest.mark.django_db
def test_fewer_than_three_others_give_no_live_reference(region) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import Municipality
    from kansrijk.fieldwork.models import Wave

    regional.set_consent(None, region, Municipality.objects.get(code="GM0004"), False)
    assert regional.live_reference(Wave.objects.get(code="GM0001-oko")) is None


@pytest.mark.django_db
def test_consent_changes_are_audit_logged(region) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import AuditEvent

    events = AuditEvent.objects.filter(action="region.consent")
    assert events.count() == len(MEMBERS)
    assert events.filter(municipality__code="GM0005").get().details == {"consents": False}


@pytest.mark.django_db
def test_regional_dashboard_for_region_staff_only(client, region, make_staff) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import User

    url = f"/regio/{region.code}/"
    assert client.get(url)["Location"].startswith("/account/inloggen/")
    admin = make_staff("beheerder", "municipal_admin")  # of another municipality: no regional role
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403
    assert client.get("/regio/bestaat-niet/").status_code == 403  # same answer: no probing for regions

    ggd = User.objects.create_user(username="ggd", password="correct-horse-battery")  # no municipality
    RegionStaff.objects.create(region=region, user=ggd)
    client.force_login(ggd, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "GGD Zuid" in html and "Eerstestad" in html and "24,3" in html  # 1700/7000 = 24,3 %
    assert "Vijfhuizen" in html and "90,0" not in html  # listed, but its figures are not shown
    assert "77,0" not in html and "College" not in html  # never a school's figure or name
    assert f'href="{url}"' in client.get("/overzicht/").content.decode()  # the dashboard links to it


@pytest.mark.django_db
def test_analysis_takes_the_live_reference_by_default(region, fake_pipeline) -> None:  # type: ignore[no-untyped-def]
    """The run of GM0001 gets the other members' pool, not an imported file; GM0005 (no consent) gets none."""
    from kansrijk.fieldwork.models import Wave
    from kansrijk.results import services

    for code, expected in (("GM0001", ["GM0002", "GM0003", "GM0004"]), ("GM0005", None)):
        wave = Wave.objects.get(code=f"{code}-oko")
        run = AnalysisRun.objects.create(wave=wave, version=2)
        assert services.execute_run(run).status == RunStatus.DONE, run.error
        reference = fake_pipeline.calls[-1]["reference"]
        if expected is None:
            assert reference is None
        else:
            assert sorted(reference["gemeentecode"].unique().to_list()) == expected
            assert set(reference["bron"]) == {"gepubliceerde cijfers van deelnemende gemeenten (live)"}


def _square(x: float, y: float) -> dict[str, object]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]],
    }


@pytest.mark.django_db
def test_map_of_the_consenting_municipalities(client, region) -> None:  # type: ignore[no-untyped-def]
    """The region's map: each consenting member's outline (the union of its wijken), coloured by its
    published figure; a member that does not consent is not on it."""
    import json

    from kansrijk.accounts.models import Area, Municipality, User

    for i, (code, *_rest) in enumerate(MEMBERS):
        m = Municipality.objects.get(code=code)
        for j in range(2):  # two adjacent wijken: one outline
            Area.objects.create(
                municipality=m, level="wijk", code=f"WK{code[2:]}0{j + 1}", name=f"Wijk {j}",
                geometry=_square(5.0 + 0.2 * i + 0.05 * j, 52.0),
            )  # fmt: skip
    ggd = User.objects.create_user(username="ggd", password="correct-horse-battery")
    RegionStaff.objects.create(region=region, user=ggd)
    year = (timezone.localdate() - dt.timedelta(days=1)).year
    url = f"/regio/zuid/kaart.json?jaar={year}&leerjaren=2,4&indicator=alc_30d"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(ggd, backend="django.contrib.auth.backends.ModelBackend")
    spec = client.get(url).json()
    text = json.dumps(spec, ensure_ascii=False)
    for code, name, *_rest in MEMBERS[:4]:
        assert code in text and name in text
    assert "GM0005" not in text and "Vijfhuizen" not in text
    assert "30,0" in text or "30.0" in text or "0.3" in text  # Driehoven's published 30.0 %
    assert client.get(url.replace("alc_30d", "bestaat_niet")).status_code == 404
    page = client.get("/regio/zuid/").content.decode()
    assert 'data-vega-spec-url="/regio/zuid/kaart.json?' in page
