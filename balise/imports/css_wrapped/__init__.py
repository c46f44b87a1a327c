"""Layout ``css_wrapped``: a *Contrat de sécurité et de société* project plan extracted from PDF,
whose 3-column tables (operational objectives | expected results | indicators) come out wrapped
line by line (seed 002)."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

from balise.imports.css_common import css_family_score, is_table_header, parse_css
from balise.imports.css_wrapped.rows import parse_rows
from balise.imports.report import ImportResult

NAME = "css_wrapped"
DESCRIPTION = gettext_lazy(
    "Security and society contract project plan, read from a PDF: sectors, general "
    "and strategic objectives, three-column tables whose cells are wrapped line by "
    "line"
)

_NUMBERED = re.compile(r"^\s*\d{1,2}\.\s+\S")
_BULLET = re.compile(r"^\s*-\s+\S")


def detect(lines: list[str]) -> float:
    """The CSS family, plus its tables: headers on one line without tabs, and many short wrapped
    lines starting rows ("1. …") and items ("- …")."""
    headers = [line for line in lines if is_table_header(line)]
    if not headers:
        return 0.0
    spaced = sum(1 for line in headers if "\t" not in line)
    tabbed = sum(1 for line in lines if line.count("\t") >= 2)
    short = [line for line in lines if line.strip() and len(line.strip()) <= 40]
    # Wrapped-line evidence only counts as far as the table headers are untabbed: a tabbed CSS
    # plan (css_tabs) is left with the family score alone.
    wrapped = 0.35 * min(spaced / 3, 1.0)
    wrapped += 0.2 * min(sum(1 for line in short if _BULLET.match(line)) / 20, 1.0)
    wrapped += 0.1 * min(sum(1 for line in short if _NUMBERED.match(line)) / 10, 1.0)
    wrapped += 0.1 if tabbed == 0 else 0.0
    score = css_family_score(lines) + wrapped * spaced / len(headers)
    return round(min(score, 1.0), 3)


def parse(lines: list[str]) -> ImportResult:
    return parse_css(lines, NAME, parse_rows)


__all__ = ["DESCRIPTION", "NAME", "detect", "parse"]
