"""Export: import → export → import is lossless and the bytes are deterministic."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from kansrijk.instrument import load_xlsform, write_xlsform, xlsform_bytes
from tests.instrument.forms import rich_form


def test_round_trip_is_lossless() -> None:
    first = load_xlsform(rich_form())
    exported = xlsform_bytes(first)
    second = load_xlsform(exported)
    assert second == first
    # a second round gives the same bytes
    assert xlsform_bytes(second) == exported
    # structure survives, not just equality of the dataclass
    assert [p.name for p in second.pages] == ["intro", "bg", "alc", "wb"]
    assert second.item("bg_age").constraint_message == {"nl": "Tussen 10 en 20", "en": "Between 10 and 20"}


def test_export_layout(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "out.xlsx"
    write_xlsform(load_xlsform(rich_form()), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["survey", "choices", "settings", "indicators"]
    header = [c.value for c in wb["survey"][1]]
    assert header[:5] == [
        "type",
        "name",
        "label::Nederlands (nl)",
        "label::English (en)",
        "label::العربية (ar)",
    ]
    settings = [[c.value for c in row] for row in wb["settings"].iter_rows()]
    assert settings == [
        ["form_title", "form_id", "version", "default_language"],
        ["Testvragenlijst", "test_form", "2025.1", "Nederlands (nl)"],
    ]
    types = [r[0].value for r in wb["survey"].iter_rows(min_row=2)]
    assert types[:3] == ["note", "begin group", "integer"]
    assert types.count("begin group") == types.count("end group") == 4


def test_text_that_looks_like_a_number_or_formula_survives() -> None:
    from dataclasses import replace

    ins = load_xlsform(rich_form())
    item = ins.item("intro")
    changed = replace(item, label={"nl": "=1+1 is geen formule"})
    ins2 = replace(ins, version="2024.10", body=(changed, *ins.body[1:]))
    back = load_xlsform(io.BytesIO(xlsform_bytes(ins2)))
    assert back.version == "2024.10"
    assert back.item("intro").label == {"nl": "=1+1 is geen formule"}


def test_document_properties_and_header_style() -> None:
    """Defaults: bold headers, creator Kansrijk, 2000-01-01. A shipped file's generator can pin its own."""
    import datetime as dt

    ins = load_xlsform(rich_form())
    default = load_workbook(io.BytesIO(xlsform_bytes(ins)))
    assert default["survey"]["A1"].font.b and default["indicators"]["A1"].font.b
    assert default.properties.creator == "Kansrijk" and default.properties.title is None
    assert default.properties.created == dt.datetime(2000, 1, 1)

    when = dt.datetime(2025, 1, 1)

    def write() -> bytes:
        return xlsform_bytes(
            ins, creator="a generator", timestamp=when, document_title="Titel", bold_header=False
        )

    data = write()
    assert data == write()
    pinned = load_workbook(io.BytesIO(data))
    assert not any(c.font.b for ws in pinned.worksheets for c in ws[1])
    assert (pinned.properties.creator, pinned.properties.title) == ("a generator", "Titel")
    assert pinned.properties.created == pinned.properties.modified == when
    # every zip entry carries the pinned time too, not only the document properties
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}
    # the properties are the document's, not the form's: the content reads back unchanged
    assert load_xlsform(data) == ins
