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


# --- Pages, body text and quotes -------------------------------------------------------------------------
#
# The text is a PDF extraction without form feeds. A page starts with a line indented by exactly one space
# (the extractor's mark of a new text box at the top of a page) or with the running header
# "… pagina N"; a table row such as " 2016 Eerste kwartaal 2017" is indented the same way, so a line that
# starts with a number of three or more digits is not a page start. The pages are numbered from the one
# header that carries a number ("pagina 7"); the second header ("pagina 12") checks the count. On a page the
# footnotes start at the first line at the margin that begins with the next footnote number; from there to
# the end of the page (the footnotes and the list of web addresses) is not body text.

_PAGE_HEADER = re.compile(r"\bpagina\s+(\d+)\b")
_PAGE_START = re.compile(r"^ (?! )(?!\d{3})\S")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+\S")
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Every run of white space (including non-breaking spaces and line breaks) as one space, trimmed."""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


@dataclass(frozen=True)
class Page:
    number: int
    first_line: int  # 0-based index into text.splitlines()
    lines: tuple[str, ...]
    body_lines: int  # how many of ``lines`` are body text; the rest are footnotes and web addresses

    @property
    def body(self) -> str:
        return "\n".join(self.lines[: self.body_lines])

    @property
    def notes(self) -> str:
        return "\n".join(self.lines[self.body_lines :])


def pages(text: str) -> list[Page]:
    """The pages of the document, numbered as its running headers number them."""
    lines = text.splitlines()
    starts: list[int] = []
    anchors: list[tuple[int, int]] = []  # (index in starts, printed page number)
    for i, line in enumerate(lines):
        header = _PAGE_HEADER.search(line) if "Kinderen op de Kaart" in line else None
        if header:
            # the header is the page's first line; blank lines before it still belong to the previous page
            if starts and all(not lines[j].strip() for j in range(starts[-1], i)):
                starts.pop()
            starts.append(i)
            anchors.append((len(starts) - 1, int(header.group(1))))
        elif _PAGE_START.match(line):
            starts.append(i)
    if not anchors:
        raise ValueError("no page header with a number found")
    index, printed = anchors[0]
    offset = printed - index
    for index, printed in anchors[1:]:
        if index + offset != printed:
            raise ValueError(f"page count disagrees with header 'pagina {printed}'")
    out: list[Page] = []
    expected_note = 1
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        chunk = tuple(lines[start:end])
        body = len(chunk)
        for j, line in enumerate(chunk):
            note = _FOOTNOTE.match(line)
            if note and int(note.group(1)) == expected_note:
                body = j
                break
        # count this page's footnotes so the next page looks for the right number
        for line in chunk[body:]:
            note = _FOOTNOTE.match(line)
            if note and int(note.group(1)) == expected_note:
                expected_note += 1
        out.append(Page(k + offset, start, chunk, body))
    return out


def chapter_lines(text: str) -> dict[int, tuple[int, int]]:
    """Chapter number → (first, last + 1) line index of the chapter, headings found as :func:`chapters`."""
    found: list[tuple[int, int]] = []
    expected = 1
    for i, line in enumerate(text.splitlines()):
        heading = _HEADING.match(line)
        if heading and int(heading.group(1)) == expected:
            found.append((expected, i))
            expected += 1
    total = len(text.splitlines())
    return {
        number: (start, found[k + 1][1] if k + 1 < len(found) else total)
        for k, (number, start) in enumerate(found)
    }


def body_text(text: str, chapter_numbers: range = range(FIRST_RISK_CHAPTER, 15)) -> str:
    """The body text of the given chapters, normalised: without footnotes, web-address lists, running
    headers and the chapter headings themselves (the lines up to the first blank line after a heading)."""
    spans = chapter_lines(text)
    wanted = [spans[n] for n in chapter_numbers if n in spans]
    lines = text.splitlines()
    heading_lines: set[int] = set()
    for first, _last in wanted:
        index = first
        while index < len(lines) and lines[index].strip():
            heading_lines.add(index)
            index += 1
    kept: list[str] = []
    for page in pages(text):
        for j, line in enumerate(page.lines[: page.body_lines]):
            index = page.first_line + j
            if index in heading_lines or (_PAGE_HEADER.search(line) and "Kinderen op de Kaart" in line):
                continue
            if any(first <= index < last for first, last in wanted):
                kept.append(line)
    return normalise("\n".join(kept))


def page_of(text: str, quote: str) -> int | None:
    """The page on which ``quote`` (compared whitespace-normalised) begins; None when it does not occur."""
    target = normalise(quote)
    for page in pages(text):
        if target in normalise("\n".join(page.lines)):
            return page.number
    return None
