"""OKO kern 2026.1 adds the peers leefdomein without breaking a trend: every item and indicator of 2025.1
keeps its comparability hash, the new peer items are there in all six languages, and their indicators are in
the ``peers`` domain."""

from __future__ import annotations

from pathlib import Path

from kansrijk.instrument import instrument_hashes, load_xlsform
from kansrijk.vocabulary import DOMAIN_CODES

DATA = Path(__file__).resolve().parents[2] / "src" / "kansrijk" / "instrument" / "data"
PEER_ITEMS = (
    "peer_smoke",
    "peer_vape",
    "peer_alcohol",
    "peer_drunk",
    "peer_cannabis",
    "peer_attitude_drunk",
    "peer_react_smoke",
    "peer_react_drunk",
    "peer_react_cannabis",
)


def test_every_2025_item_and_indicator_stays_comparable() -> None:
    old = load_xlsform((DATA / "oko_kern-2025.1.xlsx").read_bytes())
    new = load_xlsform((DATA / "oko_kern.xlsx").read_bytes())
    assert (old.version, new.version) == ("2025.1", "2026.1")
    before, after = instrument_hashes(old), instrument_hashes(new)
    for kind in ("items", "indicators"):
        changed = [k for k, h in before[kind].items() if after[kind].get(k) != h]
        assert changed == [], f"{kind} no longer comparable across the version change: {changed}"
    added = set(after["items"]) - set(before["items"])
    assert added == set(PEER_ITEMS) - {"peer_drunk"}


def test_peer_items_in_six_languages_with_indicators_in_the_peers_domain() -> None:
    new = load_xlsform((DATA / "oko_kern.xlsx").read_bytes())
    assert "peers" in DOMAIN_CODES
    for name in PEER_ITEMS:
        item = new.item(name)
        assert all(item.label.get(lang) for lang in ("nl", "en", "ar", "pl", "tr", "uk")), name
        for choice in new.choices_of(item).choices:
            assert all(choice.label.get(lang) for lang in ("nl", "en", "ar", "pl", "tr", "uk")), choice.code
    peers = [i for i in new.indicators if i.domain == "peers"]
    assert len(peers) == 9
    read = {name for i in peers for name in PEER_ITEMS if "${" + name + "}" in i.expression}
    assert read == set(PEER_ITEMS)  # every peer item feeds an indicator
