"""Enrolment and class imports: errors per row, nothing half-imported, DUO conventions, one file for several
waves."""

from __future__ import annotations

import pytest

from kansrijk.accounts.importers import import_schools
from kansrijk.fieldwork.importers import import_classes, import_enrolment
from kansrijk.fieldwork.models import Enrolment, SchoolClass
from kansrijk.tabular import ImportFileError

from .factories import WaveFactory

SCHOOLS = "brin;vestiging;naam;niveaus\n99AA;00;Erasmus College;vmbo+havo\n99AB;1;Het Baken;vmbo\n"


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
    with pytest.raises(ImportFileError) as exc:
        import_enrolment(None, wave_with_schools, data, "e.csv")
    got = [(p.row, p.column) for p in exc.value.errors]
    assert got == [(2, "school_id"), (3, "leerjaar"), (4, "geslacht"), (5, "aantal"), (7, "")]
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
    with pytest.raises(ImportFileError) as exc:
        import_classes(None, wave, bad, "k.csv")
    assert [(p.row, p.column) for p in exc.value.errors] == [
        (2, "leerlingen"),
        (3, "leerjaar"),
        (5, "klas"),
    ]
    assert SchoolClass.objects.count() == 2


@pytest.mark.django_db
def test_errors_after_a_blank_line_name_the_spreadsheet_row(wave_with_schools) -> None:  # type: ignore[no-untyped-def]
    data = b"school_id;klas;leerjaar;leerlingen\n99AA00;2A;2;26\n\n99AA00;2B;7;26\n"
    with pytest.raises(ImportFileError) as exc:
        import_classes(None, wave_with_schools, data, "k.csv")
    assert [(e.row, e.column) for e in exc.value.errors] == [(4, "leerjaar")]
    assert "rij 4, kolom 'leerjaar'" in str(exc.value)
