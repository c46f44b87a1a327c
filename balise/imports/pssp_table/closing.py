"""Where the plan body starts and ends, and the closing reference lists after it.

The template ends with the signature block and the lists a drafter picks from (the 33 phenomena
in French then Dutch, the strategic-objective catalogues, the colour code). They are reference
material, not plan content: every line is marked REFERENCE, with the list it belongs to.
"""

from __future__ import annotations

import re
from datetime import date

from balise.imports.pssp_table import vocabulary as vocab
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean, fold

_SIGNATURE = re.compile(r"a ete signe|werd ondertekend|ondertekend te|opgemaakt te")
_LIST_HEADINGS = {
    "phenomenes": "phenomena list",
    "fenomenen": "phenomena list",
    "objectifs strategiques phenomenes": "catalogue of strategic objectives for phenomena",
    "strategische doelstellingen fenomenen": "catalogue of strategic objectives for phenomena",
    "objectifs strategiques coordination": "catalogue of strategic objectives for coordination",
    "strategische doelstellingen coordinatie": "catalogue of strategic objectives for coordination",
    "evaluation code couleur": "colour code",
    "evaluatie kleurcode": "colour code",
}


def body_start(lines: list[str]) -> int:
    """Index of the first module ("COORDINATION", "PHENOMENE 1…", a phenomenon name), else the end."""
    for index, line in enumerate(lines):
        if "\t" in line:
            continue
        first = clean(re.split(r"\*\*", line.strip("* "))[0]) if line.strip() else ""
        if first and (
            fold(first) in vocab.COORDINATION_TITLES
            or vocab.module_mark(first) is not None
            or vocab.phenomenon(first) is not None
        ):
            return index
    return len(lines)


def closing_start(lines: list[str], start: int) -> int:
    """Index of the signature block or of the first reference list after ``start``, else the end."""
    for index in range(start, len(lines)):
        key = fold(lines[index])
        if _SIGNATURE.search(key) or (key in _LIST_HEADINGS and "\t" not in lines[index]):
            return index
    return len(lines)


def mark_closing(lines: list[str], start: int, ledger: LineLedger) -> None:
    note = "signature block"
    for index in range(start, len(lines)):
        key = fold(lines[index])
        if not key:
            if lines[index].strip():
                ledger.mark(index, LineFate.FURNITURE, "punctuation only")
            continue
        if key in _LIST_HEADINGS:
            note = _LIST_HEADINGS[key]
        elif (named := vocab.phenomenon(lines[index])) is not None and named[0].fr != named[0].nl:
            # "Terrorisme" is spelt alike in both lists: it keeps the list it sits in.
            note = f"phenomena list ({named[1]})"
        ledger.mark(index, LineFate.REFERENCE, note)


_SIGNED_ON = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def signature_date(lines: list[str], start: int, ledger: LineLedger) -> date | None:
    """The date the signature line gives ("… a été signé … le 16/12/2022"); the template's
    "__ / __ / ____" gives none."""
    if start >= len(lines) or not _SIGNATURE.search(fold(lines[start])):
        return None
    found = _SIGNED_ON.search(lines[start])
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        signed = date(year, month, day)
    except ValueError:
        return None
    ledger.place(start)
    return signed
