"""The annual report as DOCX (python-docx): the same content as the PDF, charts embedded as PNG.

Cover and summary in A4 portrait, one landscape section for the tables; colour and status cells
are shaded, table headers repeat on every page, images carry their alternative text.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from balise.charts import Chart
from balise.exports.report.data import AnnualReport, IndicatorLine, ModuleSection, colour_for_status
from balise.exports.report.figures import ReportFigures
from balise.typography import typeset_docx

FONT = "DejaVu Sans"
INK = RGBColor(0x1D, 0x24, 0x33)
MUTED = RGBColor(0x5B, 0x64, 0x75)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
COLUMNS_CM = (5.6, 2.3, 2.8, 2.6, 2.0, 2.0, 4.6, 3.6)  # 25.5 cm: the width of A4 landscape


def _shade(cell: _Cell, hex_colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: _Row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _write(
    cell: _Cell, text: str, *, bold: bool = False, colour: RGBColor | None = None, size: float = 8
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour


def _picture(paragraph: Paragraph, chart: Chart, width_cm: float) -> None:
    shape = paragraph.add_run().add_picture(io.BytesIO(chart.png), width=Cm(width_cm))
    shape._inline.docPr.set("descr", chart.alt)  # read aloud by screen readers


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].font.name = FONT


def _cover(document: DocxDocument, report: AnnualReport) -> None:
    document.add_paragraph(_("Annual evaluation report"), style="Subtitle")
    document.add_heading(report.title, level=0)
    year = document.add_paragraph().add_run(str(report.year))
    year.bold, year.font.size = True, Pt(36)
    facts = [
        (_("Municipality"), report.municipality),
        (_("Period of the plan"), report.period),
        (_("Signed on"), report.signed_on),
        (_("Evaluation"), report.state_label),
        (_("Generated on"), report.generated_on),
    ]
    table = document.add_table(rows=0, cols=2)
    for label, value in facts:
        cells = table.add_row().cells
        _write(cells[0], label, colour=MUTED, size=9)
        _write(cells[1], value, bold=label == _("Evaluation"), size=9)
    document.add_heading(_("Steps of the evaluation"), level=2)
    if not report.changes:
        document.add_paragraph(_("The evaluation is still a draft: it has not been submitted yet."))
        return
    table = document.add_table(rows=1, cols=4, style="Table Grid")
    for cell, label in zip(table.rows[0].cells, (_("Date"), _("Change"), _("By"), _("Reason")), strict=True):
        _write(cell, label, bold=True)
    for change in report.changes:
        cells = table.add_row().cells
        for cell, value in zip(cells, (change.at, change.change, change.by, change.reason), strict=True):
            _write(cell, value)


def _summary(document: DocxDocument, report: AnnualReport, figures: ReportFigures) -> None:
    document.add_page_break()
    document.add_heading(_("Summary by module"), level=1)
    head = [_("Module"), *report.status_names, _("Indicators"), _("Colours of the federal analysis")]
    table = document.add_table(rows=1, cols=len(head), style="Table Grid")
    for cell, label in zip(table.rows[0].cells, head, strict=True):
        _write(cell, label, bold=True)
    for module in report.modules:
        cells = table.add_row().cells
        _write(cells[0], module.title, bold=True)
        for cell, (_status, _label, n) in zip(cells[1:-2], module.statuses, strict=True):
            _write(cell, str(n))
        _write(cells[-2], str(module.indicators))
        _write(cells[-1], ", ".join(f"{colour.label}: {n}" for colour, n in module.colours if n))
    totals = report.totals
    cells = table.add_row().cells
    _write(cells[0], _("Total"), bold=True)
    for cell, n in zip(cells[1:-2], totals.values(), strict=True):
        _write(cell, str(n), bold=True)
    _write(cells[-2], str(sum(totals.values())), bold=True)
    if not report.modules:
        document.add_paragraph(_("This plan has no indicators to evaluate."))
    _picture(document.add_paragraph(), figures.statuses, 16)
    document.add_heading(_("Colour of the federal analysis per strategic objective"), level=2)
    if not report.objectives_assessed:
        document.add_paragraph(
            _(
                "No strategic objective has received a colour yet: the federal analysis colours its "
                "indicators (see the tables)."
            )
        )
    _picture(document.add_paragraph(), figures.objectives, 13)


def _indicator_row(table: Table, report: AnnualReport, line: IndicatorLine) -> None:
    cells = table.add_row().cells
    appraisal = line.appraisal
    analysis = appraisal.analysis or "—"
    if appraisal.motivation:
        analysis += "\n" + _("Motivation") + ": " + appraisal.motivation
    texts = (line.text, line.target or "—", line.values, line.progress)
    for cell, text in zip(cells, texts, strict=False):
        _write(cell, text)
    _write(cells[4], line.status_label, bold=True, colour=WHITE)
    _shade(cells[4], colour_for_status(report, line.status))
    if appraisal.colour:
        _write(cells[5], appraisal.colour.label, bold=True, colour=WHITE)
        _shade(cells[5], appraisal.colour.hex)
    else:
        _write(cells[5], _("not assessed"), colour=MUTED)
    _write(cells[6], analysis)
    _write(cells[7], appraisal.self_evaluation or "—")


def _module(
    document: DocxDocument, report: AnnualReport, module: ModuleSection, figures: ReportFigures
) -> None:
    document.add_heading(module.title, level=1)
    summary = " · ".join(f"{label}: {n}" for _status, label, n in module.statuses)
    document.add_paragraph(summary).runs[0].font.color.rgb = MUTED
    head = (
        _("Indicator"),
        _("Target as written"),
        _("Values %(year)s") % {"year": report.year},
        _("Actual / expected"),
        _("Computed status"),
        _("Colour code"),
        _("Federal analysis and motivation"),
        _("Self-evaluation"),
    )
    for objective in module.objectives:
        document.add_heading(objective.title, level=2)
        meta = [_("Computed status") + ": " + objective.status_label]
        if objective.service:
            meta.insert(0, _("Service") + ": " + objective.service)
        if objective.appraisal.colour:
            meta.append(_("Colour code") + ": " + objective.appraisal.colour.label)
        document.add_paragraph(" · ".join(meta))
        if objective.appraisal.analysis:
            document.add_paragraph(_("Federal analysis") + ": " + objective.appraisal.analysis)
        if objective.appraisal.self_evaluation:
            document.add_paragraph(_("Self-evaluation") + ": " + objective.appraisal.self_evaluation)
        table = document.add_table(rows=1, cols=len(head), style="Table Grid")
        table.autofit = False
        for cell, label in zip(table.rows[0].cells, head, strict=True):
            _write(cell, label, bold=True)
            _shade(cell, "#e8edf4")
        _repeat_header(table.rows[0])
        for line in objective.indicators:
            _indicator_row(table, report, line)
        for row in table.rows:
            for cell, width in zip(row.cells, COLUMNS_CM, strict=True):
                cell.width = Cm(width)
        trends = [figures.trends[line.trend] for line in objective.indicators if line.trend]
        for first in range(0, len(trends), 2):
            paragraph = document.add_paragraph()
            for chart in trends[first : first + 2]:
                _picture(paragraph, chart, 12.5)


def _context(document: DocxDocument, report: AnnualReport) -> None:
    """The published crime figures beside each phenomenon module, apart from the indicators."""
    if not report.context:
        return
    document.add_page_break()
    document.add_heading(_("Context: published figures (not indicators of the plan)"), level=1)
    for title, series_list in report.context:
        document.add_heading(title, level=2)
        for series in series_list:
            source = _("police crime statistics") if series.source == "police" else _("Safety Monitor")
            document.add_paragraph(f"{series.category} · {series.place} ({source})")
            table = document.add_table(rows=2, cols=len(series.points) + 1, style="Table Grid")
            _write(table.rows[0].cells[0], _("Year"), bold=True)
            unit = "%" if series.unit == "percent" else _("Recorded facts")
            _write(table.rows[1].cells[0], unit, bold=True)
            for n, (year, value) in enumerate(series.points, start=1):
                _write(table.rows[0].cells[n], str(year), bold=True)
                _write(table.rows[1].cells[n], f"{value.normalize():f}".replace(".", ","))


def render(report: AnnualReport, figures: ReportFigures) -> bytes:
    document = Document()
    _styles(document)
    properties = document.core_properties
    properties.title = f"{_('Annual evaluation report')} {report.year} · {report.title}"
    properties.author = report.municipality
    properties.language = report.language
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    _cover(document, report)
    _summary(document, report, figures)
    wide = document.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Cm(29.7), Cm(21)
    wide.left_margin = wide.right_margin = Cm(1.5)
    for number, module in enumerate(report.modules):
        if number:
            document.add_page_break()
        _module(document, report, module, figures)
    _context(document, report)
    typeset_docx(document, report.language)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
