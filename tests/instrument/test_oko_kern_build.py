"""The OKO kern build (`tools/oko_kern/build.py`) reproduces the shipped default instrument.

The tool builds `kansrijk.instrument` model objects and writes them with the product's XLSForm writer. What
must hold is that the file it writes reads back — through the same reader every form goes through — as the
shipped instrument, with the same item and indicator hashes (trends across waves rest on them), and that
the bytes stay those of the shipped file: their sha256 identifies version 2026.1 in every stored wave.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from kansrijk.instrument import Group, Item, load_xlsform, xlsform_bytes
from kansrijk.instrument.hashing import instrument_hashes

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "src" / "kansrijk" / "instrument" / "data" / "oko_kern.xlsx"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """The tool's module, imported the way `python tools/oko_kern/build.py` finds its package."""
    tools = str(REPO / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    from oko_kern import build as module

    return module


def test_built_file_reads_back_as_the_shipped_instrument(build: ModuleType, tmp_path: Path) -> None:
    target = tmp_path / "oko_kern.xlsx"
    assert build.main(["--output", str(target)]) == 0
    built, shipped = load_xlsform(target), load_xlsform(SHIPPED)
    assert built == shipped
    assert built == build.instrument()
    hashes = instrument_hashes(built)
    assert hashes == instrument_hashes(shipped)
    assert len(hashes["items"]) == len(shipped.items) and len(hashes["indicators"]) == len(shipped.indicators)
    # same translations everywhere, not only the Dutch wording the hashes cover
    assert [i.label for i in built.items] == [i.label for i in shipped.items]
    assert [c.label for cl in built.choice_lists.values() for c in cl.choices] == [
        c.label for cl in shipped.choice_lists.values() for c in cl.choices
    ]


def test_built_bytes_are_the_shipped_bytes(build: ModuleType) -> None:
    """An unchanged source keeps the shipped sha256 (locked openpyxl), so stored versions stay valid."""
    data = build.workbook_bytes()
    assert data == build.workbook_bytes()
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()


def test_check_accepts_the_shipped_file(build: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--check"]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_check_names_the_item_whose_hash_changed(
    build: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = build.instrument()
    item = source.item("alc_life")
    reworded = replace(item, label={**item.label, "nl": "Heb je ooit een slokje alcohol gehad?"})

    def swap(el: Item | Group) -> Item | Group:
        if isinstance(el, Group):
            return replace(el, children=tuple(swap(c) for c in el.children))
        return reworded if el.name == item.name else el

    stale = tmp_path / "oko_kern.xlsx"
    stale.write_bytes(xlsform_bytes(replace(source, body=tuple(swap(el) for el in source.body))))
    assert build.main(["--check", "--output", str(stale)]) == 1
    err = capsys.readouterr().err
    assert "item alc_life: hash differs" in err
    # the indicator built on the item is no longer comparable either
    assert "indicator alc_life: hash differs" in err
    assert "item alc_30d" not in err


def test_check_reports_a_translation_only_change(build: ModuleType, tmp_path: Path) -> None:
    """Hashes ignore translations; the check still catches a file whose English no longer matches."""
    source = build.instrument()
    first = source.body[0]
    assert isinstance(first, Group)
    changed = replace(first, label={**first.label, "en": "Hello"})
    stale = tmp_path / "oko_kern.xlsx"
    stale.write_bytes(xlsform_bytes(replace(source, body=(changed, *source.body[1:]))))
    assert build.differences(source, load_xlsform(stale)) == [
        "content differs (translations, names, appearance or order)"
    ]
    assert build.main(["--check", "--output", str(stale)]) == 1
