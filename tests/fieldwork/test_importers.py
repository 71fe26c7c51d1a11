"""Imports: errors per row, nothing half-imported, DUO conventions, one file for several waves."""

from __future__ import annotations

import pytest

from kansrijk.accounts.models import AuditEvent, School
from kansrijk.fieldwork.importers import import_classes, import_enrolment, import_schools
from kansrijk.fieldwork.models import Enrolment, SchoolClass
from kansrijk.fieldwork.tables import ImportFailed

from .factories import WaveFactory

SCHOOLS = "brin;vestiging;naam;niveaus\n99AA;00;Erasmus College;vmbo+havo\n99AB;1;Het Baken;vmbo\n"


@pytest.mark.django_db
def test_schools_import_and_update(municipality) -> None:  # type: ignore[no-untyped-def]
    result = import_schools(None, municipality, SCHOOLS.encode("cp1252"), "scholen.csv")
    assert (result.created, result.updated) == (2, 0)
    baken = School.objects.get(brin="99AB")
    assert baken.location == "01" and baken.levels == ["vmbo"]
    again = import_schools(
        None, municipality, SCHOOLS.replace("Het Baken", "De Baak").encode(), "scholen.csv"
    )
    assert (again.created, again.updated) == (0, 2)
    assert School.objects.get(brin="99AB").name == "De Baak"
    assert AuditEvent.objects.filter(action="import_schools").count() == 2


@pytest.mark.django_db
def test_schools_errors_per_row_and_nothing_written(municipality) -> None:  # type: ignore[no-untyped-def]
    bad = (
        "brin;vestiging;naam;niveaus\n99AA;00;Goed;havo\n9XAA;00;Fout BRIN;havo\n"
        "99AC;00;;mbo\n99AA;00;Dubbel;havo\n"
    )
    with pytest.raises(ImportFailed) as exc:
        import_schools(None, municipality, bad.encode(), "s.csv")
    rows = sorted({(p.row, p.column) for p in exc.value.problems})
    assert rows == [(3, "brin"), (4, "naam"), (4, "niveaus"), (5, "brin")]
    assert School.objects.count() == 0  # the valid first row was not written either


@pytest.mark.django_db
def test_missing_column_is_reported(municipality) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFailed) as exc:
        import_schools(None, municipality, b"brin;adres\n99AA;x\n", "s.csv")
    assert "naam" in str(exc.value)


@pytest.fixture
def wave_with_schools(municipality):  # type: ignore[no-untyped-def]
    import_schools(None, municipality, SCHOOLS.encode(), "s.csv")
    return WaveFactory(municipality=municipality, code="GM9999-2025", grades=[2, 4])


@pytest.mark.django_db
def test_enrolment_import_filters_meting_and_replaces(wave_with_schools) -> None:  # type: ignore[no-untyped-def]
    wave = wave_with_schools
    data = (
        "\ufeffmeting;school_id;leerjaar;geslacht;aantal\n"
        "GM9999-2023;99AA00;2;m;1\n"
        "GM9999-2025;99AA00;2;m;1.127\n"
        "GM9999-2025;99AA00;2;v;129\n"
        "GM9999-2025;99AB01;4;Vrouw;30\n"
    ).encode()
    result = import_enrolment(None, wave, data, "inschrijvingen.csv")
    assert (result.created, result.skipped) == (3, 1)
    cells = {(e.school.code, e.grade, e.gender): e.n for e in Enrolment.objects.filter(wave=wave)}
    assert cells == {("99AA00", 2, "m"): 1127, ("99AA00", 2, "v"): 129, ("99AB01", 4, "v"): 30}
    import_enrolment(None, wave, b"school_id;leerjaar;geslacht;aantal\n99AA00;4;m;5\n", "e.csv")
    assert Enrolment.objects.filter(wave=wave).count() == 1  # replaced as a whole


@pytest.mark.django_db
def test_enrolment_errors(wave_with_schools) -> None:  # type: ignore[no-untyped-def]
    data = (
        b"school_id;leerjaar;geslacht;aantal\n99ZZ00;2;m;5\n99AA00;3;m;5\n99AA00;2;x;5\n"
        b"99AA00;2;m;vijf\n99AA00;2;v;5\n99AA00;2;v;6\n"
    )
    with pytest.raises(ImportFailed) as exc:
        import_enrolment(None, wave_with_schools, data, "e.csv")
    got = [(p.row, p.column) for p in exc.value.problems]
    assert got == [(2, "school_id"), (3, "leerjaar"), (4, "geslacht"), (5, "aantal"), (7, None)]
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_classes_import_with_klas_id_and_errors(wave_with_schools) -> None:  # type: ignore[no-untyped-def]
    wave = wave_with_schools
    ok = b"school_id;klas_id;leerjaar;leerlingen\n99AA00;99AA00-2A;2;26\n99AB01;4H;4;24\n"
    assert import_classes(None, wave, ok, "k.csv").created == 2
    assert sorted(SchoolClass.objects.values_list("name", flat=True)) == ["2A", "4H"]
    bad = (
        b"school_id;klas;leerjaar;leerlingen\n99AA00;2B;2;0\n99AA00;2C;5;20\n99AA00;2D;2;20\n99AA00;2D;2;21\n"
    )
    with pytest.raises(ImportFailed) as exc:
        import_classes(None, wave, bad, "k.csv")
    assert [(p.row, p.column) for p in exc.value.problems] == [
        (2, "leerlingen"),
        (3, "leerjaar"),
        (5, "klas"),
    ]
    assert SchoolClass.objects.count() == 2
