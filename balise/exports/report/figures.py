"""The report's charts, drawn by the one rendering path (`balise.charts`).

Called in the report's language: legends and alternative texts are translated when drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from balise import charts
from balise.exports.report.data import AnnualReport


@dataclass(frozen=True)
class ReportFigures:
    statuses: charts.Chart  # status shares per module
    objectives: charts.Chart  # colour per strategic objective across years
    trends: dict[charts.Trend, charts.Chart]  # an indicator line's trend data → its chart


def draw(report: AnnualReport) -> ReportFigures:
    statuses = charts.status_shares_by_module(
        [charts.StatusCounts(m.title, m.status_counts) for m in report.modules],
        title=_("Indicators per status in %(year)s") % {"year": report.year},
        palette=dict(report.palette),
    )
    objectives = charts.colours_by_objective(
        list(report.objective_colours),
        list(report.years),
        [charts.Swatch(c.code, c.label, c.hex) for c in report.scale],
    )
    trends = {trend: charts.indicator_trend(trend) for trend in report.trends}
    return ReportFigures(statuses=statuses, objectives=objectives, trends=trends)
