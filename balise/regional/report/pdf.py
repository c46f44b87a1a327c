"""The annual report as a PDF: the HTML document printed by WeasyPrint, offline (charts are
embedded as data URIs, the stylesheet is inline, anything else is refused)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint.urls import URLFetcher

from balise.printing import html_to_pdf
from balise.regional.report.data import RegionalAnnualReport
from balise.typography import typeset_html


def report_html(report: RegionalAnnualReport) -> str:
    """A standalone HTML document (also what the PDF prints)."""
    return render_to_string("regional/report_document.html", {"report": report})


def report_pdf(report: RegionalAnnualReport) -> bytes:
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = typeset_html(report_html(report), get_language())
    # The old heap is frozen while WeasyPrint lays the boxes out, as for the convention.
    return html_to_pdf(document, url_fetcher=fetcher)
