"""Read the numbered action points out of the text of *Kinderen op de Kaart* (2018).

The document numbers every action point once, ``(N)``, and repeats a point under another risk group as
``(idem N)`` or sometimes as plain ``(N)`` again; three points carry ``(zie collegevoorstel thema T)``. The
markers are irregular (``(idem  7)``, ``Gezonde Jeugd.(38)`` without a space, a theme reference broken over
two lines), so the parser joins each chapter's action-point section into one string before matching.

Chapters 2–14 are the thirteen risk groups in the order of :data:`kansrijk.vocabulary.RISK_GROUPS`. A
chapter heading is a line that starts with white space and the *next* chapter number; footnotes start at the
margin and are therefore never taken for a heading. Plain Python, no Django: the fixture test uses it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kansrijk.vocabulary import RISK_GROUPS

_HEADING = re.compile(r"^[ \t\u00a0\f]+(\d{1,2})\s+(\S.*?)\s*$")
_ACTIONS = re.compile(r"^\s*-?\s*Actiepunt", re.IGNORECASE)
_MARKER = re.compile(r"\(\s*(idem\s*)?(\d{1,3})\s*\)", re.IGNORECASE)
_THEME = re.compile(r"collegevoorstel\s+thema\s+(\d+)", re.IGNORECASE)
FIRST_RISK_CHAPTER = 2


@dataclass(frozen=True)
class Marker:
    number: int
    idem: bool


@dataclass
class Chapter:
    number: int
    heading: str
    markers: list[Marker] = field(default_factory=list)
    themes: dict[int, set[int]] = field(default_factory=dict)  # action point → theme numbers

    @property
    def risk_group(self) -> str | None:
        index = self.number - FIRST_RISK_CHAPTER
        return RISK_GROUPS[index].code if 0 <= index < len(RISK_GROUPS) else None


def chapters(text: str) -> list[Chapter]:
    """The chapters of the document with the action-point markers found in each."""
    found: list[Chapter] = []
    sections: list[list[str]] = []
    in_actions = False
    expected = 1
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading and int(heading.group(1)) == expected:
            found.append(Chapter(expected, heading.group(2)))
            sections.append([])
            expected += 1
            in_actions = False
            continue
        if not found:
            continue
        if _ACTIONS.match(line):
            in_actions = True
            continue
        if in_actions:
            sections[-1].append(line.strip())
    for chapter, lines in zip(found, sections, strict=True):
        joined = " ".join(part for part in lines if part)
        last: int | None = None
        events = sorted(
            [(m.start(), "marker", m) for m in _MARKER.finditer(joined)]
            + [(m.start(), "theme", m) for m in _THEME.finditer(joined)],
            key=lambda e: e[0],
        )
        for _, kind, match in events:
            if kind == "marker":
                last = int(match.group(2))
                chapter.markers.append(Marker(last, bool(match.group(1))))
            elif last is not None:
                chapter.themes.setdefault(last, set()).add(int(match.group(1)))
    return found


def action_point_risk_groups(text: str) -> dict[int, set[str]]:
    """Action point number → the risk-group codes of the chapters where its number or ``idem`` appears."""
    out: dict[int, set[str]] = defaultdict(set)
    for chapter in chapters(text):
        if chapter.risk_group is None:
            continue
        for marker in chapter.markers:
            out[marker.number].add(chapter.risk_group)
    return dict(out)


def action_point_themes(text: str) -> dict[int, set[int]]:
    """Action point number → the council-proposal themes it refers to (``zie collegevoorstel thema T``)."""
    out: dict[int, set[int]] = defaultdict(set)
    for chapter in chapters(text):
        for number, themes in chapter.themes.items():
            out[number] |= themes
    return dict(out)
