"""The annual report as a Word document (python-docx), from a `RegionalAnnualReport`."""

from __future__ import annotations

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from balise.domain.money import format_eur, format_number
from balise.regional.report.data import MeasureEntry, RegionalAnnualReport
from balise.typography import typeset_docx


def _table(document: WordDocument, header: list[str], rows: list[list[str]], bold_last: bool = False) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
            if bold_last and index == len(rows) - 1:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


class _Appender:
    """Paragraphs added at the end of the body in constant time. python-docx looks for the section
    properties among all the body's children on every `add_paragraph`, which is quadratic: a
    report listing thousands of projects took minutes."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.end = document.element.body.sectPr
        self.styles: dict[str, str] = {}

    def __call__(self, style: str, text: str = "") -> Paragraph:
        if style not in self.styles:
            self.styles[style] = self.document.styles[style].style_id
        element = OxmlElement("w:p")
        self.end.addprevious(element)
        # The style id set on the element: `Paragraph.style = …` scans every style each time.
        element.style = self.styles[style]
        paragraph = Paragraph(element, self.document._body)
        if text:
            paragraph.add_run(text)
        return paragraph


def _measure(add: _Appender, measure: MeasureEntry) -> None:
    paragraph = add("Normal")
    paragraph.add_run(f"{measure.code} ").bold = True
    paragraph.add_run(measure.text)
    if not measure.projects and not measure.objectives:
        add("List Bullet", _("No contribution in these years."))
    for project in measure.projects:
        role = _("primary measure") if project.primary else _("secondary measure")
        item = add("List Bullet")
        item.add_run(project.title).bold = True
        item.add_run(f" — {project.partner} ({project.category}), {project.period}, {role}")
        for output in project.outputs:
            unit = f" {output.unit}" if output.unit else ""
            add("List Bullet 2", f"{output.year} · {output.label}: {format_number(output.number)}{unit}")
    for objective in measure.objectives:
        add("List Bullet", _("Municipal plan: %(objective)s") % {"objective": objective})


def report_docx(report: RegionalAnnualReport) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        _("Annual implementation report %(years)s · %(region)s")
        % {"years": report.years, "region": report.region}
    )

    document.add_heading(_("Coverage of the measures"), level=1)
    document.add_paragraph(
        _("Measures per thematic to which each category of actors contributed at least once in %(years)s.")
        % {"years": report.years}
    )
    coverage = report.coverage
    header = [_("Thematic")] + [str(c.label) for c in coverage.columns] + [_("All actors")]
    rows = [[f"{r.number}. {r.title}"] + [str(c) for c in r.cells] + [str(r.overall)] for r in coverage.rows]
    rows.append([_("Total")] + [str(t) for t in coverage.totals] + [str(coverage.overall)])
    _table(document, header, rows, bold_last=True)
    document.add_picture(io.BytesIO(report.coverage_chart.png), width=Cm(16))

    document.add_heading(_("Contributions per partner category"), level=1)
    header = [_("Category"), _("Partners"), _("Projects"), _("Measures"), _("Subsidies")]
    rows = [
        [c.category, str(c.partners), str(c.projects), str(c.measures), format_eur(c.amount)]
        for c in report.contributions
    ]
    rows.append([_("Total"), "", "", "", format_eur(report.funding_total)])
    _table(document, header, rows, bold_last=True)
    document.add_picture(io.BytesIO(report.funding_chart.png), width=Cm(14))

    if report.missions:
        document.add_heading(_("Transversal missions"), level=1)
        for code, title in report.missions:
            document.add_paragraph(f"{code} {title}".strip(), style="List Bullet")

    document.add_heading(_("Projects per measure"), level=1)
    add = _Appender(document)
    for thematic in report.thematics:
        add("Heading 2", f"{thematic.number}. {thematic.title}")
        for measure in thematic.measures:
            _measure(add, measure)

    typeset_docx(document, get_language())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
