"""Instrument versions: import/export use-cases, the staff pages with the item preview, and the CLI.

The XLSForms under test are the shipped OKO-kern file and copies of it edited cell by cell with openpyxl, so
the expected locations (sheet, row, column) are read off the workbook itself, not from the reader under test.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from openpyxl import load_workbook
from typer.testing import CliRunner

from kansrijk.accounts.models import AuditEvent
from kansrijk.fieldwork import instrument_services as isv
from kansrijk.fieldwork.instrument_commands import app
from kansrijk.fieldwork.models import InstrumentVersion
from kansrijk.instrument import default_instrument_path, item_hash, load_xlsform

from .factories import SchoolClassFactory, WaveFactory

BASE = "/gemeente/GM9999/vragenlijsten/"
PYXFORM = Path(__file__).parents[1] / "instrument" / "pyxform_forms"
DEFAULT = default_instrument_path().read_bytes()
runner = CliRunner()


# -- editing a workbook cell by cell ------------------------------------------------------------------------
def _headers(ws: Any) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def survey_row(name: str, data: bytes = DEFAULT) -> int:
    """Excel row number of the survey row that defines ``name``."""
    ws = load_workbook(io.BytesIO(data))["survey"]
    col = _headers(ws)["name"]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, col).value == name:
            return row
    raise KeyError(name)


def edited(
    version: str | None = "2026.1",
    cells: dict[tuple[str, int, str], Any] | None = None,
    data: bytes = DEFAULT,
) -> bytes:
    """A copy of an XLSForm with ``settings.version`` and the given cells (sheet, row, header) replaced."""
    wb = load_workbook(io.BytesIO(data))
    wb["settings"].cell(2, _headers(wb["settings"])["version"]).value = version
    for (sheet, row, header), value in (cells or {}).items():
        wb[sheet].cell(row, _headers(wb[sheet])[header]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ALC_LIFE_ROW = survey_row("alc_life")
NEW_LABEL = {("survey", ALC_LIFE_ROW, "label::Nederlands (nl)"): "Hoe vaak heb je ooit alcohol gedronken?"}


# -- use-cases ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_import_stores_once_and_the_same_bytes_again_is_a_no_op(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    admin = make_staff("beheer", "municipal_admin")
    first = isv.import_instrument(admin, DEFAULT, municipality=municipality, filename="oko_kern.xlsx")
    assert first.created
    stored = InstrumentVersion.objects.get()
    assert (stored.code, stored.version) == ("oko_kern", "2026.1")
    assert stored.sha256 == hashlib.sha256(DEFAULT).hexdigest()
    assert bytes(stored.xlsform) == DEFAULT
    event = AuditEvent.objects.get(action="instrument_import")
    assert event.actor == admin and event.details["version"] == "2026.1"

    again = isv.import_instrument(admin, DEFAULT, municipality=municipality)
    assert not again.created and again.version.pk == stored.pk
    assert InstrumentVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="instrument_import").count() == 1


@pytest.mark.django_db
def test_other_bytes_under_an_existing_version_are_refused() -> None:
    isv.import_instrument(None, DEFAULT)
    changed = edited("2026.1", NEW_LABEL)
    with pytest.raises(isv.InstrumentImportFailed) as caught:
        isv.import_instrument(None, changed)
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("settings", 2, "version")
    assert "settings.version" in error.message
    assert InstrumentVersion.objects.count() == 1
    assert bytes(InstrumentVersion.objects.get().xlsform) == DEFAULT


@pytest.mark.django_db
def test_a_new_version_number_is_stored_beside_the_old_one() -> None:
    isv.import_instrument(None, DEFAULT)
    result = isv.import_instrument(None, edited("2027.1", NEW_LABEL))
    assert result.created and result.version.version == "2027.1"
    assert sorted(InstrumentVersion.objects.values_list("version", flat=True)) == ["2026.1", "2027.1"]


@pytest.mark.django_db
def test_a_form_without_version_or_settings_is_stored_under_its_content_hash() -> None:
    no_version = edited(None)
    stored = isv.import_instrument(None, no_version).version
    assert (stored.code, stored.version) == ("oko_kern", "sha-" + hashlib.sha256(no_version).hexdigest()[:12])
    pyxform = (PYXFORM / "group.xlsx").read_bytes()
    group = isv.import_instrument(None, pyxform, filename="group.xlsx").version
    assert (group.code, group.version) == ("group", "sha-" + hashlib.sha256(pyxform).hexdigest()[:12])


@pytest.mark.django_db
def test_a_wave_offering_dutch_does_not_open_with_a_form_without_dutch() -> None:
    from kansrijk.fieldwork import services

    data = (PYXFORM / "group.xlsx").read_bytes()
    version = isv.import_instrument(None, data, filename="group.xlsx").version
    wave = WaveFactory(instrument=version, languages=["nl", "en"], status="draft")
    SchoolClassFactory(wave=wave)
    with pytest.raises(services.FieldworkError, match="3 teksten van de vragenlijst hebben geen Nederlandse"):
        services.open_wave(None, wave)
    english_only = WaveFactory(instrument=version, languages=["en"], status="draft", code="GM9999-EN")
    SchoolClassFactory(wave=english_only)
    assert services.open_wave(None, english_only).status == "open"


@pytest.mark.django_db
def test_a_wave_does_not_open_with_a_list_that_repeats_a_code() -> None:
    """pyxform's cascading-select example is a valid form, but every choice would be shown twice."""
    from kansrijk.fieldwork import services

    data = (PYXFORM / "choice_filter_test.xlsx").read_bytes()
    version = isv.import_instrument(None, data, filename="choice_filter_test.xlsx").version
    wave = WaveFactory(instrument=version, languages=["nl"], status="draft")
    SchoolClassFactory(wave=wave)
    with pytest.raises(services.FieldworkError, match="Keuzelijst counties heeft een code twee keer"):
        services.open_wave(None, wave)


@pytest.mark.django_db
def test_malformed_file_reports_sheet_row_column_and_stores_nothing() -> None:
    row = survey_row("alc_30d")
    bad = edited("2027.1", {("survey", row, "relevant"): "${bestaat_niet} = '1'"})
    with pytest.raises(isv.InstrumentImportFailed) as caught:
        isv.import_instrument(None, bad)
    located = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert ("survey", row, "relevant") in located, caught.value.errors
    assert any("bestaat_niet" in e.message for e in caught.value.errors)
    assert not InstrumentVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="instrument_import").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"dit is geen werkmap", ("file", None, None)),
        (edited("2027/1"), ("settings", 2, "version")),
    ],
    ids=["not-xlsx", "slash-in-version"],
)
def test_unstorable_files_are_refused(data: bytes, where: tuple[Any, ...]) -> None:
    with pytest.raises(isv.InstrumentImportFailed) as caught:
        isv.import_instrument(None, data)
    assert where in {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert not InstrumentVersion.objects.exists()


@pytest.mark.django_db
def test_too_large_a_file_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isv, "MAX_XLSFORM_BYTES", len(DEFAULT) - 1)
    with pytest.raises(isv.InstrumentImportFailed) as caught:
        isv.import_instrument(None, DEFAULT)
    assert caught.value.errors[0].sheet == "file" and not InstrumentVersion.objects.exists()


@pytest.mark.django_db
def test_export_returns_the_identical_bytes_and_is_audited() -> None:
    second = edited("2027.1", NEW_LABEL)
    isv.import_instrument(None, DEFAULT)
    isv.import_instrument(None, second)
    assert isv.export_instrument(None, isv.get_version("oko_kern", "2026.1")) == DEFAULT
    assert isv.export_instrument(None, isv.get_version("oko_kern", "2027.1")) == second
    assert AuditEvent.objects.filter(action="instrument_export").count() == 2
    with pytest.raises(isv.InstrumentNotFound, match=r"2026\.1, 2027\.1"):
        isv.get_version("oko_kern", "1999.1")


@pytest.mark.django_db
def test_compare_names_the_changed_item_and_the_indicators_that_lose_their_trend() -> None:
    old = isv.import_instrument(None, DEFAULT).version
    new = isv.import_instrument(None, edited("2027.1", NEW_LABEL)).version
    diff = isv.compare_versions(old, new)
    changed = {(c.kind, c.name): c for c in diff.changes}
    assert changed[("item", "alc_life")].parts == ("label",)
    # Every indicator whose expression reads alc_life (counted from the form, not from the diff).
    readers = {i.code for i in load_xlsform(DEFAULT).indicators if "${alc_life}" in i.expression}
    assert readers and {n for k, n in changed if k == "indicator"} >= readers
    assert not readers & diff.comparable_indicators
    assert len(diff.comparable_items) == len(load_xlsform(DEFAULT).items) - 1


# -- pages -------------------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("municipal_admin", 200), ("analyst", 200), ("school_coordinator", 200), ("partner", 403)],
)
def test_list_by_role(staff_client, role, status) -> None:  # type: ignore[no-untyped-def]
    assert staff_client(role).get(BASE).status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, municipality) -> None:  # type: ignore[no-untyped-def]
    assert "/account/" in client.get(BASE)["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("municipal_admin", 302), ("analyst", 403), ("school_coordinator", 403), ("partner", 403)],
)
def test_only_the_municipal_admin_may_upload(staff_client, role, status) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("v2027.xlsx", edited("2027.1", NEW_LABEL))
    response = staff_client(role).post(BASE + "nieuw/", {"bestand": upload})
    assert response.status_code == status
    assert InstrumentVersion.objects.filter(version="2027.1").exists() == (status == 302)


@pytest.mark.django_db
def test_list_shows_versions_the_default_and_which_waves_lock_them(staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("school_coordinator")
    page = client.get(BASE).content.decode()
    default = InstrumentVersion.objects.get()  # the list makes sure the packaged questionnaire is there
    assert default.code == "oko_kern" and "vergrendeld" not in page
    assert default.sha256[:12] in page and "nl en ar pl tr uk" in page
    wave = WaveFactory(municipality=municipality, instrument=default, name="OKO voorjaar")
    page = client.get(BASE).content.decode()
    assert "vergrendeld" in page and wave.name in page
    assert "Nieuwe versie uploaden" not in page  # the coordinator may look, not upload


@pytest.mark.django_db
def test_upload_of_a_malformed_file_lists_the_cells_and_stores_nothing(staff_client) -> None:  # type: ignore[no-untyped-def]
    row = survey_row("alc_30d")
    bad = edited("2027.1", {("survey", row, "relevant"): "${bestaat_niet} = '1'"})
    response = staff_client("municipal_admin").post(
        BASE + "nieuw/", {"bestand": SimpleUploadedFile("fout.xlsx", bad)}
    )
    assert response.status_code == 400
    table = response.content.decode().split('id="ins-problems"')[1]
    cells = re.findall(r'<td class="utrecht-table__cell[^"]*">([^<]*)</td>', table)
    rows = [cells[i : i + 3] for i in range(0, len(cells), 4)]  # sheet, row, column, message
    assert ["survey", str(row), "relevant"] in rows, rows
    assert not InstrumentVersion.objects.filter(version="2027.1").exists()


@pytest.mark.django_db
def test_upload_refuses_a_changed_version_and_other_file_types(staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    client.get(BASE)  # stores the default 2026.1
    conflict = client.post(
        BASE + "nieuw/", {"bestand": SimpleUploadedFile("x.xlsx", edited("2026.1", NEW_LABEL))}
    )
    assert conflict.status_code == 400 and "bestaat al met een andere inhoud" in conflict.content.decode()
    csv = client.post(BASE + "nieuw/", {"bestand": SimpleUploadedFile("x.csv", b"a;b\n")})
    assert csv.status_code == 400 and ".xlsx" in csv.content.decode()
    assert InstrumentVersion.objects.count() == 1
    same = client.post(BASE + "nieuw/", {"bestand": SimpleUploadedFile("oko.xlsx", DEFAULT)})
    assert same.status_code == 302 and InstrumentVersion.objects.count() == 1


@pytest.mark.django_db
def test_version_page_summary_pages_and_indicators(staff_client) -> None:  # type: ignore[no-untyped-def]
    version = isv.import_instrument(None, DEFAULT).version
    page = staff_client("analyst").get(f"{BASE}{version.pk}/").content.decode()
    form = load_xlsform(DEFAULT)
    for ind in form.indicators:
        assert f">{ind.code}</th>" in page
    for item in form.items:
        assert f">{item.name}</a></th>" in page
    assert f"{len(form.pages)}, waarvan" in page
    assert "Middelengebruik" in page and "hoger is slechter" in page  # domain and direction in words


@pytest.mark.django_db
def test_arabic_preview_is_right_to_left_with_disabled_choices(staff_client) -> None:  # type: ignore[no-untyped-def]
    version = isv.import_instrument(None, DEFAULT).version
    form = load_xlsform(DEFAULT)
    item = form.item("alc_life")
    page = staff_client("analyst").get(f"{BASE}{version.pk}/?vraag=alc_life&taal=ar").content.decode()
    container = re.search(r'<div class="ins-preview[^"]*" id="ins-preview" lang="(\w+)" dir="(\w+)">', page)
    assert container and container.groups() == ("ar", "rtl")
    preview = page[container.start() : page.index("ins-preview-facts")]
    assert item.label["ar"] in preview
    radios = re.findall(r'type="radio" name="alc_life" id="[^"]+" value="([^"]+)" disabled', preview)
    assert radios == list(form.choices_of(item).codes)
    assert all(c.label["ar"] in preview for c in form.choices_of(item).choices)
    assert item_hash(form, item) in page
    # the preview is the pupil page's own item (questionnaire.item_view, fieldwork/pupil/item.html)
    assert '<div class="fw-item" data-item="alc_life" data-kind="select_one" id="q-alc_life">' in preview
    assert 'name="getoond"' not in preview and "fw-speak" not in preview


@pytest.mark.django_db
def test_dutch_preview_of_a_number_question_shows_its_conditions(staff_client) -> None:  # type: ignore[no-untyped-def]
    version = isv.import_instrument(None, DEFAULT).version
    form = load_xlsform(DEFAULT)
    item = form.item("alc_first_age")
    page = staff_client("analyst").get(f"{BASE}{version.pk}/?vraag=alc_first_age&taal=nl").content.decode()
    assert 'lang="nl" dir="ltr"' in page
    assert re.search(
        r'<input class="utrecht-textbox[^"]*" type="text"\s+name="alc_first_age"[^>]* disabled', page
    )
    assert item.relevant and escape(item.relevant) in page
    assert item.constraint and escape(item.constraint) in page


@pytest.mark.django_db
def test_unknown_item_or_language_falls_back_with_a_warning(staff_client) -> None:  # type: ignore[no-untyped-def]
    version = isv.import_instrument(None, DEFAULT).version
    page = staff_client("analyst").get(f"{BASE}{version.pk}/?vraag=nope&taal=fr").content.decode()
    assert "geen vraag nope" in page and "geen taal fr" in page
    assert 'lang="nl" dir="ltr"' in page


@pytest.mark.django_db
def test_compare_page_lists_lost_trends(staff_client) -> None:  # type: ignore[no-untyped-def]
    old = isv.import_instrument(None, DEFAULT).version
    new = isv.import_instrument(None, edited("2027.1", NEW_LABEL)).version
    client = staff_client("analyst")
    page = client.get(f"{BASE}vergelijk/?oud={old.pk}&nieuw={new.pk}").content.decode()
    lost = page.split("verliezen hun trend")[1].split("</span>")[0]
    assert "alc_life" in lost and "alc_30d" in lost
    assert "vraagtekst" in page  # what changed about the item, in words
    assert client.get(f"{BASE}vergelijk/?oud=x").status_code == 400


@pytest.mark.django_db
def test_download_returns_the_uploaded_bytes(staff_client) -> None:  # type: ignore[no-untyped-def]
    version = isv.import_instrument(None, DEFAULT).version
    response = staff_client("school_coordinator").get(f"{BASE}{version.pk}/xlsform/")
    assert response.status_code == 200 and response.content == DEFAULT
    assert 'filename="oko_kern-2026.1.xlsx"' in response["Content-Disposition"]
    assert staff_client("partner", username="p").get(f"{BASE}{version.pk}/xlsform/").status_code == 403


# -- command line ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_cli_import_then_export_round_trips_the_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "oko.xlsx"
    source.write_bytes(DEFAULT)
    first = runner.invoke(app, ["import", str(source)])
    assert first.exit_code == 0 and "stored oko_kern version 2026.1" in first.output, first.output
    again = runner.invoke(app, ["import", str(source)])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert InstrumentVersion.objects.count() == 1
    target = tmp_path / "uit.xlsx"
    out = runner.invoke(app, ["export", "oko_kern", "--version", "2026.1", str(target)])
    assert out.exit_code == 0, out.output
    assert target.read_bytes() == DEFAULT


@pytest.mark.django_db
def test_cli_refusals_exit_2_without_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "oko.xlsx").write_bytes(DEFAULT)
    assert runner.invoke(app, ["import", str(tmp_path / "oko.xlsx")]).exit_code == 0
    conflict = tmp_path / "conflict.xlsx"
    conflict.write_bytes(edited("2026.1", NEW_LABEL))
    result = runner.invoke(app, ["import", str(conflict)])
    assert result.exit_code == 2 and "settings, row 2, column version" in result.output
    row = survey_row("alc_30d")
    bad = tmp_path / "fout.xlsx"
    bad.write_bytes(edited("2027.1", {("survey", row, "relevant"): "${bestaat_niet} = '1'"}))
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 2 and f"survey, row {row}, column relevant" in result.output
    assert InstrumentVersion.objects.count() == 1
    for args in (
        ["import", str(tmp_path / "bestaat-niet.xlsx")],
        ["export", "oko_kern", "--version", "1999.1", str(tmp_path / "x.xlsx")],
        ["export", "onbekend", "--version", "1", str(tmp_path / "x.xlsx")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "Traceback" not in result.output, (args, result.output)
    assert not (tmp_path / "x.xlsx").exists()
