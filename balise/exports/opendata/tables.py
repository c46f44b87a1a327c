"""The open-data tables (plans, indicators, values, values by category, evaluations) and their CSV
and JSON forms.

A table is a list of rows of plain values (str, int, Decimal, date, None). The CSV is UTF-8 with a
BOM (spreadsheets then read accents right), comma-separated, every text cell that a spreadsheet
would read as a formula prefixed with an apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from balise.monitoring.breakdowns import CategoryFigure
from balise.publication.selectors import PublicPlan
from balise.spreadsheets import starts_like_formula

COLUMNS: dict[str, tuple[str, ...]] = {
    "plans": (
        "plan_id",
        "title",
        "kind",
        "municipality_nis",
        "municipality",
        "period_start",
        "period_end",
        "signed_on",
        "version",
        "language",
        "published_on",
    ),
    "indicators": (
        "plan_id",
        "indicator_key",
        "module",
        "phenomenon_code",
        "strategic_objective",
        "operational_objective",
        "indicator",
        "target",
    ),
    "values": ("plan_id", "indicator_key", "year", "actual", "expected", "status"),
    "evaluations": ("plan_id", "indicator_key", "year", "colour", "colour_label", "analysis", "motivation"),
    "values_by_category": (
        "plan_id",
        "indicator_key",
        "year",
        "dimension",
        "dimension_name",
        "category",
        "category_name",
        "actual",
        "numerator",
        "denominator",
        "days",
        "done",
    ),
}
TABLES = tuple(COLUMNS)


@dataclass(frozen=True)
class Tables:
    rows: dict[str, list[tuple]]


def category_row(plan_id: int, indicator_key: object, year: int, c: CategoryFigure) -> tuple:
    """A row of the table ``values_by_category``, its columns in the documented order."""
    return (
        plan_id,
        indicator_key,
        year,
        c.dimension,
        c.dimension_name,
        c.category,
        c.category_name,
        c.actual,
        c.figures.numerator,
        c.figures.denominator,
        c.figures.days,
        c.figures.done,
    )


def tables(plans: list[PublicPlan]) -> Tables:
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
    for plan in plans:
        s = plan.summary
        rows["plans"].append(
            (
                s.id,
                s.title,
                s.kind,
                s.municipality_code,
                s.municipality,
                s.period_start,
                s.period_end,
                s.signed_on,
                s.version,
                s.language,
                s.published_at,
            )
        )
        for module in plan.modules:
            for so in module.strategic:
                placed = [(oo.title, i) for oo in so.operational for i in oo.indicators]
                placed += [("", i) for i in so.indicators]
                for oo_title, indicator in placed:
                    rows["indicators"].append(
                        (
                            s.id,
                            indicator.key,
                            module.title,
                            module.phenomenon_code,
                            so.title,
                            oo_title,
                            indicator.text,
                            indicator.target,
                        )
                    )
                    for y in indicator.years:
                        if plan.values_shown:
                            rows["values"].append(
                                (s.id, indicator.key, y.year, y.actual, y.expected, y.status)
                            )
                            rows["values_by_category"] += [
                                category_row(s.id, indicator.key, y.year, c) for c in y.categories
                            ]
                        if plan.evaluation_shown and (y.colour or y.analysis or y.motivation):
                            rows["evaluations"].append(
                                (
                                    s.id,
                                    indicator.key,
                                    y.year,
                                    y.colour,
                                    y.colour_label,
                                    y.analysis,
                                    y.motivation,
                                )
                            )
    return Tables(rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    text = str(value)
    return "'" + text if starts_like_formula(text) else text


def to_csv(data: Tables, table: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    for row in data.rows[table]:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def to_json(data: Tables) -> bytes:
    document = {
        "format": "balise.opendata/1",
        **{
            table: [dict(zip(COLUMNS[table], map(_json_value, row), strict=True)) for row in data.rows[table]]
            for table in TABLES
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
