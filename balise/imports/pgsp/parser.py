"""Parse the safe.brussels PGSP implementation report into a `PlanOutline` of thematics and measures.

Only the annex (the 77 measures) and the thematic titles are plan content. The narrative around
them (partner projects, coverage tables, resolutions) is accounted for as furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from django.utils.translation import gettext as _

from balise.domain.outline import MeasureOutline, PlanOutline, ThematicOutline
from balise.imports.pgsp.measures import Annex, MeasureRow, find_annex, is_measure_header
from balise.imports.pgsp.thematics import find_thematic_titles
from balise.imports.report import DocumentRefused, ImportResult, LineFate, LineLedger
from balise.imports.text import clean, fold
from balise.plans.models import PlanKind
from balise.reference.data import PGSP_THEMATICS

NAME = "pgsp"
PLAN_NAME = "Plan global de sécurité et de prévention"

_PLAN_PERIOD = re.compile(
    r"\b(?:PGSP|Plan\s+global\s+de\s+s[ée]curit[ée]\s+et\s+de\s+pr[ée]vention)\s*(?:\(PGSP\)\s*)?"
    r"(20\d\d)\s*[-–]\s*(?:20)?(\d\d)\b",
    re.IGNORECASE,
)
_ANNEX_ROW = re.compile(r"^\s*(?:<[^>]+>\s*)*M?\d{1,2}\.\d{1,2}\s*(?:<[^>]+>\s*)*\t")
_HEADING = re.compile(r"^\s*#+\s|^\s*\d+\.\s*$")


def detect(lines: list[str]) -> float:
    """Confidence that ``lines`` are a PGSP report: a measure annex weighs most, vocabulary the rest."""
    text = "\n".join(lines)
    score = 0.0
    rows = sum(1 for line in lines if _ANNEX_ROW.match(line))
    score += 0.45 * min(rows / 40, 1.0)
    if any(is_measure_header(line) for line in lines if "\t" in line):
        score += 0.15
    if re.search(r"\bPGSP\b|plan global de s[ée]curit[ée] et de pr[ée]vention", text, re.IGNORECASE):
        score += 0.2
    if len(re.findall(r"Th[ée]matique\s+\d", text, re.IGNORECASE)) >= 5:
        score += 0.1
    if "safe.brussels" in text.lower():
        score += 0.1
    return round(min(score, 1.0), 3)


def plan_period(lines: list[str]) -> tuple[date, date] | None:
    """The plan's years as the report states them most often ("PGSP 2021-2024" → 2021-01-01…2024-12-31)."""
    years: Counter[tuple[int, int]] = Counter()
    for line in lines:
        for match in _PLAN_PERIOD.finditer(line):
            start, end = int(match.group(1)), int(match.group(2))
            end += start // 100 * 100 if end < 100 else 0
            if start <= end:
                years[(start, end)] += 1
    if not years:
        return None
    (start, end), _count = years.most_common(1)[0]
    return date(start, 1, 1), date(end, 12, 31)


def _cover_title(lines: list[str]) -> int | None:
    """Index of the cover line naming the plan ("PLAN GLOBAL DE SÉCURITÉ ET DE PRÉVENTION")."""
    for index, line in enumerate(lines[:40]):
        if fold(line).startswith(fold(PLAN_NAME)):
            return index
    return None


def _thematics(rows: list[MeasureRow], lines: list[str], ledger: LineLedger) -> list[ThematicOutline]:
    named = find_thematic_titles(lines)
    reference = {number: fr for number, fr, _nl, _count in PGSP_THEMATICS}
    numbers = sorted({row.thematic for row in rows} | set(named))
    thematics: dict[int, ThematicOutline] = {}
    for number in numbers:
        if number in named:
            title = named[number].title
            ledger.place(named[number].index)
        else:
            # A thematic with measures that the narrative never names: the plan's own title.
            title = reference.get(number, f"Thématique {number}")
        thematics[number] = ThematicOutline(number=number, title=title)
    for row in rows:
        thematics[row.thematic].measures.append(MeasureOutline(code=row.code, text=row.text))
        for index in row.indices:
            ledger.place(index)
    return [thematics[n] for n in numbers]


def _account_for_annex(annex: Annex, ledger: LineLedger) -> None:
    ledger.skip(annex.heading, LineFate.HEADING, "measure annex")
    for index in annex.header_rows:
        ledger.skip(index, LineFate.HEADING, "measure table header")
    for index in annex.duplicates:
        ledger.skip(index, LineFate.UNPLACED, "measure code repeated in the annex")
    for index in annex.strays:
        ledger.skip(index, LineFate.UNPLACED, "not a measure row, inside the measure annex")
    for index in annex.colophon:
        ledger.skip(index, LineFate.FURNITURE, "colophon")


def parse(lines: list[str]) -> ImportResult:
    annex = find_annex(lines)
    if annex is None:
        raise DocumentRefused(
            _('no PGSP measure annex ("ANNEXE : … MESURES DU PGSP" with measure rows) found')
        )
    ledger = LineLedger(lines)
    _account_for_annex(annex, ledger)

    cover = _cover_title(lines)
    period = plan_period(lines)
    title = PLAN_NAME
    if cover is not None:
        ledger.place(cover)
        # The cover shouts in capitals; the plan's name reads in sentence case.
        title = clean(lines[cover].lstrip("# ")).capitalize()
    if period is not None:
        title = f"{title} {period[0].year}-{period[1].year}"

    outline = PlanOutline(
        kind=PlanKind.PGSP,
        title=title,
        municipality=None,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        thematics=_thematics(annex.rows, lines, ledger),
    )
    # Everything before the annex is the report's narrative: headings stay headings.
    for index in range(annex.heading):
        if _HEADING.match(lines[index]):
            ledger.skip(index, LineFate.HEADING, "narrative heading")
        else:
            ledger.skip(index, LineFate.FURNITURE, "narrative")
    return ImportResult(outline=outline, layout=NAME, lines=ledger.finish())
