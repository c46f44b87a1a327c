"""One statistics file into the database: read, resolve, parse, store (atomic), report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balise.accounts.actors import Actor
from balise.context.actions import NewFigure, import_figures, load_categories
from balise.imports.statistics.matching import Resolver
from balise.imports.statistics.parsing import NoHeader, parse
from balise.imports.statistics.reading import StatisticsFileError, read_rows


@dataclass(frozen=True)
class StatisticsReport:
    name: str
    lines: int  # non-empty lines of the file
    placed: int
    unplaced: list[tuple[int, str, str]]
    created: int
    updated: int


def import_statistics(name: str, content: bytes, *, user: Actor, strict: bool = False) -> StatisticsReport:
    """Store the figures of one file; with ``strict``, nothing is stored when a line is unplaced.

    Raises `StatisticsFileError` (a one-line message naming the file) for an unreadable file.
    """
    rows = read_rows(name, content)
    load_categories(user)
    resolver = Resolver()
    try:
        parsed = parse(rows, resolver.place, resolver.category)
    except NoHeader as error:
        raise StatisticsFileError(_("%(file)s: %(reason)s") % {"file": name, "reason": error}) from None
    lines = sum(1 for row in rows if any(cell.strip() for cell in row))
    if strict and parsed.unplaced:
        line, _text, reason = parsed.unplaced[0]
        raise StatisticsFileError(
            ngettext(
                "%(file)s, line %(line)s: %(reason)s (%(count)d line unplaced)",
                "%(file)s, line %(line)s: %(reason)s (%(count)d lines unplaced)",
                len(parsed.unplaced),
            )
            % {"file": name, "line": line, "reason": reason, "count": len(parsed.unplaced)}
        )
    figures = [NewFigure(f.category, f.place, f.year, f.value) for f in parsed.figures]
    created, updated = import_figures(figures, name, user)
    return StatisticsReport(name, lines, parsed.placed_lines, parsed.unplaced, created, updated)
