"""Rejoining strategic-objective titles that the extraction cut in two.

In the template the title sits in a merged cell above its table; when the cell wraps, the end of
the title lands elsewhere: "… et le suivi avec les autorités :" is continued by a loose
"subsidiantes" after the tables, and "… une articulation avec la p" by a one-cell row
"Prévention policière zonale" stuck to the next indicator table. A title is only extended by a
fragment that fits its cut: a lowercase word after a dangling ending, or the rest of a cut word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from balise.domain.outline import IndicatorOutline, StrategicObjectiveOutline

# Words a title cannot end with: an article, preposition or conjunction means the text goes on.
_DANGLING_WORDS = frozenset(
    "à a au aux avec d de des du en entre et l la le les ou par pour sur dans vers "
    "de het een en met van voor op in tot bij naar of".split()
)
_LAST_WORD = re.compile(r"(\w+)\W*$")


@dataclass
class Fragment:
    """A piece of text that may continue a title: a loose paragraph or a one-cell indicator row."""

    index: int  # 0-based line index
    text: str
    # Set when the fragment was first read as an indicator row: taking it removes that indicator.
    indicators: list[IndicatorOutline] | None = None
    indicator: IndicatorOutline | None = None
    used: bool = False


@dataclass
class Titled:
    index: int  # line of the title
    objective: StrategicObjectiveOutline


def _cut(title: str) -> tuple[str, str] | None:
    """How ``title`` is cut: ``("word", "p")`` for a cut word, ``("sentence", "")`` for a dangling
    ending (":", ",", a trailing article or preposition), ``None`` when it looks complete."""
    stripped = title.rstrip()
    if stripped.endswith((":", ",")):
        return ("sentence", "")
    match = _LAST_WORD.search(stripped)
    if match is None or match.end(1) != len(stripped):
        return None
    word = match.group(1)
    if len(word) == 1 and word.lower() not in {"à", "a", "y"} and word.isalpha():
        return ("word", word)
    if word.lower() in _DANGLING_WORDS:
        return ("sentence", "")
    return None


def _joined(title: str, cut: tuple[str, str], fragment: str) -> str | None:
    how, stub = cut
    if how == "word":
        first = fragment.split()[0] if fragment.split() else ""
        if len(first) > len(stub) and first.lower().startswith(stub.lower()):
            return title[: len(title) - len(stub)] + stub + fragment[len(stub) :]
        return None
    if fragment[:1].islower():
        return title.rstrip(" :") + " " + fragment
    return None


def rejoin(titles: list[Titled], fragments: list[Fragment]) -> list[int]:
    """Extend cut titles with the first fitting fragment after them; return the lines used."""
    used_lines = []
    for titled in titles:
        cut = _cut(titled.objective.title)
        if cut is None:
            continue
        for fragment in fragments:
            if fragment.used or fragment.index <= titled.index:
                continue
            joined = _joined(titled.objective.title, cut, fragment.text)
            if joined is None:
                continue
            titled.objective.title = joined
            fragment.used = True
            used_lines.append(fragment.index)
            if fragment.indicators is not None and fragment.indicator is not None:
                fragment.indicators[:] = [i for i in fragment.indicators if i is not fragment.indicator]
            break
    return used_lines
