"""Closing a wave queues its analysis (fieldwork announces the snapshot; results listens)."""

from __future__ import annotations

import pytest

from kansrijk.fieldwork import services as fieldwork
from kansrijk.results.models import AnalysisRun
from tests.fieldwork.factories import ClassSessionFactory


@pytest.fixture(autouse=True)
def _snapshot_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.KANSRIJK_SNAPSHOT_DIR = str(tmp_path / "snapshots")


@pytest.mark.django_db(transaction=True)
def test_closing_a_wave_starts_an_analysis_run(municipality) -> None:  # type: ignore[no-untyped-def]
    session = ClassSessionFactory(school_class__wave__municipality=municipality)
    wave = fieldwork.close_wave(None, session.school_class.wave)
    runs = AnalysisRun.objects.filter(wave=wave)
    assert runs.count() == 1
    assert runs.get().version == 1
    # Re-freezing does nothing (snapshots are immutable), so no second run is queued.
    fieldwork.freeze_wave(None, wave)
    assert AnalysisRun.objects.filter(wave=wave).count() == 1


@pytest.mark.django_db
def test_pc4_table_import_all_or_nothing(municipality) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.models import Area, Pc4Wijk
    from kansrijk.results.areas_import import AreasImportError, import_pc4_wijk

    Area.objects.create(municipality=municipality, level="wijk", code="WK999901", name="Centrum")
    Area.objects.create(municipality=municipality, level="wijk", code="WK999902", name="Noord")
    good = "\ufeffpc4;wijkcode;aandeel\n9901;WK999901;1,0\n9902;WK999901;0,25\n9902;WK999902;0,75\n"
    assert import_pc4_wijk(None, municipality, good.encode(), "pc4.csv") == 3
    shares = sorted(Pc4Wijk.objects.filter(pc4="9902").values_list("wijk__code", "share"))
    assert shares == [("WK999901", 0.25), ("WK999902", 0.75)]
    bad = "pc4;wijkcode;aandeel\n9903;WK999901;1\n0123;WK999901;1\n9904;WK999999;1\n9905;WK999902;1,5\n"
    with pytest.raises(AreasImportError) as error:
        import_pc4_wijk(None, municipality, bad.encode("cp1252"), "pc4.csv")
    message = str(error.value)
    assert "row 3" in message and "row 4" in message and "row 5" in message and "row 2" not in message
    assert Pc4Wijk.objects.filter(municipality=municipality).count() == 3  # nothing half-imported
