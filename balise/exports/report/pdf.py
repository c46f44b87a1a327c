"""The annual report as PDF: the HTML template rendered by Django's engine, then WeasyPrint.

The template is read from this package (not through INSTALLED_APPS), charts are embedded as PNG
data URIs, and the URL fetcher only accepts ``data:``: a report never touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from django.template import engines
from django.utils.translation import gettext as _

from balise.charts import STATUSES, Chart
from balise.exports.report.data import AnnualReport, colour_for_status
from balise.exports.report.figures import ReportFigures
from balise.typography import typeset_html

if TYPE_CHECKING:  # WeasyPrint is imported late (see below)
    from weasyprint.urls import URLFetcher

TEMPLATE = "templates/report/annual.html"


@dataclass(frozen=True)
class Image:
    uri: str
    alt: str


def _image(chart: Chart) -> Image:
    # PNG rather than SVG: matplotlib's SVG (text drawn as paths) triples WeasyPrint's time
    # (5,8 s against 1,8 s for the demo plan) for no visible gain at 144 dpi.
    return Image(chart.png_data_uri(), chart.alt)


def html(report: AnnualReport, figures: ReportFigures) -> str:
    """The report's HTML, in the active language."""
    text = resources.files("balise.exports.report").joinpath(TEMPLATE).read_text(encoding="utf-8")
    template = engines["django"].from_string(text)
    modules = [
        (
            module,
            [
                (
                    objective,
                    [(line, colour_for_status(report, line.status)) for line in objective.indicators],
                    [_image(figures.trends[line.trend]) for line in objective.indicators if line.trend],
                )
                for objective in module.objectives
            ],
        )
        for module in report.modules
    ]
    totals = report.totals
    context = {
        "report": report,
        "statuses_chart": _image(figures.statuses),
        "objectives_chart": _image(figures.objectives),
        "modules": modules,
        "totals": [totals[s] for s in STATUSES],
        "total": sum(totals.values()),
        "not_assessed": _("not assessed"),
        "objectives_assessed": report.objectives_assessed,
    }
    return template.render(context)


def offline_fetcher() -> URLFetcher:
    """WeasyPrint's fetcher restricted to ``data:`` URIs (the embedded charts)."""
    # Late: WeasyPrint (Pango, fonts) takes seconds to import; only PDF rendering needs it.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def render(report: AnnualReport, figures: ReportFigures) -> bytes:
    # Late: WeasyPrint (Pango, fonts) takes seconds to import; only PDF rendering needs it.
    from weasyprint import HTML

    document = typeset_html(html(report, figures), report.language)
    return HTML(string=document, url_fetcher=offline_fetcher()).write_pdf()
