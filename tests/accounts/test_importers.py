"""What accounts imports: schools, wijk/buurt boundaries and the PC4 → wijk table; all or nothing, errors per
row in Dutch; one ``--gemeente`` option for every ``kansrijk import`` subcommand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kansrijk.accounts.importers import AreasImportError, import_areas, import_pc4_wijk, import_schools
from kansrijk.accounts.models import Area, AuditEvent, Pc4Wijk, School
from kansrijk.cli import app
from kansrijk.tabular import ImportFileError

runner = CliRunner()

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
        "brin;vestiging;naam;niveaus\n99AA;00;Goed;havo\n9XAA;00;Fout BRIN;havo\n\n"
        "99AC;00;;mbo\n99AA;00;Dubbel;havo\n"
    )
    with pytest.raises(ImportFileError) as exc:
        import_schools(None, municipality, bad.encode(), "s.csv")
    rows = sorted({(p.row, p.column) for p in exc.value.errors})
    # the blank line is spreadsheet row 4: the rows after it are 5 and 6
    assert rows == [(3, "brin"), (5, "naam"), (5, "niveaus"), (6, "brin")]
    assert School.objects.count() == 0  # the valid first row was not written either


@pytest.mark.django_db
def test_missing_column_is_reported(municipality) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError) as exc:
        import_schools(None, municipality, b"brin;adres\n99AA;x\n", "s.csv")
    assert [(e.row, e.column) for e in exc.value.errors] == [(1, "naam")]
    assert "kolom ontbreekt" in str(exc.value)


def _square(x: float, y: float, size: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def _areas_file(tmp_path: Path, *, rd_new: bool = False, extra: list[dict[str, Any]] | None = None) -> Path:
    """Two wijken of GM9999 with a buurt each, in WGS84 (near Maastricht) or RD New metres."""
    x0, y0, size = (176_000.0, 317_000.0, 1_000.0) if rd_new else (5.68, 50.84, 0.01)
    features = []
    for i, (wijk, buurt) in enumerate((("WK999901", "BU99990101"), ("WK999902", "BU99990201"))):
        shape = _square(x0 + i * size, y0, size)
        features.append(
            {
                "type": "Feature",
                "properties": {"gemeentecode": "GM9999", "wijkcode": wijk, "wijknaam": f"Wijk {i + 1}"},
                "geometry": shape,
            }
        )
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "gemeentecode": "GM9999",
                    "wijkcode": wijk,
                    "buurtcode": buurt,
                    "buurtnaam": f"Buurt {i + 1}",
                },
                "geometry": shape,
            }
        )
    data: dict[str, Any] = {"type": "FeatureCollection", "features": features + (extra or [])}
    if rd_new:
        data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    path = tmp_path / ("rd.geojson" if rd_new else "areas.geojson")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_areas_import_keeps_the_hierarchy_and_rd_new(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    counts = import_areas(None, municipality, _areas_file(tmp_path, rd_new=True))
    assert (counts.wijken, counts.buurten, counts.crs) == (2, 2, "EPSG:28992")
    buurt = Area.objects.get(code="BU99990201")
    assert buurt.parent is not None and buurt.parent.code == "WK999902"
    assert buurt.geometry["coordinates"][0][0] == [177_000.0, 317_000.0]  # stored as given


@pytest.mark.django_db
def test_areas_of_another_municipality_only_are_refused_in_dutch(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "other.geojson"
    text = _areas_file(tmp_path).read_text(encoding="utf-8").replace("9999", "0935")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AreasImportError, match="het bestand bevat geen wijken of buurten van GM9999"):
        import_areas(None, municipality, path)
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_pc4_table_import_all_or_nothing(municipality) -> None:  # type: ignore[no-untyped-def]
    Area.objects.create(municipality=municipality, level="wijk", code="WK999901", name="Centrum")
    Area.objects.create(municipality=municipality, level="wijk", code="WK999902", name="Noord")
    good = "\ufeffpc4;wijkcode;aandeel\n9901;WK999901;1,0\n9902;WK999901;0,25\n9902;WK999902;0,75\n"
    assert import_pc4_wijk(None, municipality, good.encode(), "pc4.csv") == 3
    shares = sorted(Pc4Wijk.objects.filter(pc4="9902").values_list("wijk__code", "share"))
    assert shares == [("WK999901", 0.25), ("WK999902", 0.75)]
    bad = "pc4;wijkcode;aandeel\n9903;WK999901;1\n0123;WK999901;1\n\n9904;WK999999;1\n9905;WK999902;1,5\n"
    with pytest.raises(ImportFileError) as error:
        import_pc4_wijk(None, municipality, bad.encode("cp1252"), "pc4.csv")
    got = [(e.row, e.column) for e in error.value.errors]
    assert got == [(3, "pc4"), (5, "wijkcode"), (6, "aandeel")]  # row 4 is the blank line
    assert "geen postcode van vier cijfers" in str(error.value)
    assert Pc4Wijk.objects.filter(municipality=municipality).count() == 3  # nothing half-imported


def test_every_import_subcommand_takes_gemeente_and_nothing_else_names_the_municipality() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert result.exit_code == 0
    names = ["schools", "areas", "pc4", "enrolment", "classes", "context", "provision"]
    for name in names:
        assert name in result.output
        sub = runner.invoke(app, ["import", name, "--help"], terminal_width=200)
        assert sub.exit_code == 0, sub.output
        assert "--gemeente" in sub.output and "--municipality" not in sub.output, name
    assert runner.invoke(app, ["import-areas", "--help"]).exit_code != 0  # the stray alias is gone


@pytest.mark.django_db
def test_import_commands_all_or_nothing_exit_2(municipality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = _areas_file(
        tmp_path,
        extra=[{"type": "Feature", "properties": {"buurtcode": "BU99999901"}, "geometry": None}],
    )
    result = runner.invoke(app, ["import", "areas", str(broken), "--gemeente", "GM9999"])
    assert result.exit_code == 2 and "BU99999901" in result.output and "Traceback" not in result.output
    assert not Area.objects.exists()
    result = runner.invoke(app, ["import", "areas", str(_areas_file(tmp_path)), "--gemeente", "GM9999"])
    assert result.exit_code == 0, result.output
    assert Area.objects.filter(level="buurt", parent__code="WK999901").exists()
    pc4 = tmp_path / "pc4.csv"
    pc4.write_text("pc4;wijkcode;aandeel\n9901;WK999901;1\n\n9902;WK999909;1\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "pc4", str(pc4)])  # the only municipality by default
    assert result.exit_code == 2 and "rij 4, kolom 'wijkcode'" in result.output
    schools = tmp_path / "scholen.csv"
    schools.write_bytes(SCHOOLS.encode("cp1252"))
    result = runner.invoke(app, ["import", "schools", str(schools), "--gemeente", "GM9999"])
    assert result.exit_code == 0 and School.objects.count() == 2
    assert runner.invoke(app, ["import", "schools", str(schools), "--gemeente", "GM0001"]).exit_code == 2
