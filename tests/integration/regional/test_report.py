"""The annual implementation report: its data, the HTML page, the DOCX and the PDF."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document

from balise.regional.report.data import build_report
from tests.jobs import job_file

from .conftest import EXPECTED_2021_2022, client_for


@pytest.fixture
def report(world):
    return build_report(world.regional, 2021, 2022)


def test_the_report_carries_the_coverage_table_of_its_years(report):
    assert report.years == "2021-2022"
    assert report.coverage.as_strings() == EXPECTED_2021_2022


def test_contributions_are_counted_per_partner_category(report):
    rows = {c.category: (c.partners, c.projects, c.measures, c.amount) for c in report.contributions}
    assert rows["police zone"] == (1, 1, 3, Decimal("310000.50"))  # the 2023 project is outside the years
    assert rows["LISA antenna"] == (1, 1, 1, Decimal("0.00"))
    assert rows["regional body"] == (1, 1, 1, Decimal("0.00"))  # its subsidy is of 2023
    assert report.funding_total == Decimal("335000.50")


def test_a_project_is_listed_under_each_of_its_measures_with_outputs_under_the_primary_one(report):
    measures = {m.code: m for t in report.thematics for m in t.measures}
    assert [p.title for p in measures["1.1"].projects] == ["Maraudes", "Visites techno-préventives"]
    primary = measures["1.1"].projects[1]
    assert primary.primary
    assert [(o.year, o.label, o.number) for o in primary.outputs] == [
        (2021, "visites techno-préventives", 188),
        (2022, "visites techno-préventives", 201),
    ]
    secondary = measures["2.1"].projects
    assert [(p.title, p.primary, p.outputs) for p in secondary] == [
        ("Plan local Ixelles", True, ()),
        ("Visites techno-préventives", False, ()),
    ]
    assert measures["1.3"].projects == () and measures["1.3"].objectives[0].startswith("Ixelles · ")
    assert measures["3.2"].projects == () and measures["3.2"].objectives == ()


def test_the_report_page_shows_tables_and_charts(world, users):
    page = client_for(users["analyst"]).get(f"/regional/{world.regional.pk}/report/?from=2021&to=2022")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Annual implementation report 2021-2022" in html
    assert "<strong>3/7</strong>" in html and "data:image/png;base64," in html
    assert "visites techno-préventives: 188" in html
    assert "335\u202f000,50\u00a0€" in html or "335\u202f000,50 €" in html


def test_the_docx_holds_the_coverage_table_projects_outputs_and_charts(world, users):
    client = client_for(users["coordinator"])
    started = client.post(f"/regional/{world.regional.pk}/report.docx", {"from": 2021, "to": 2022})
    response = job_file(client, started)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="plan-regional-test-2021-2024-2021-2022.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.getvalue()))
    coverage = document.tables[0]
    assert [c.text for c in coverage.rows[1].cells] == [
        "1. Intégrité physique",
        *EXPECTED_2021_2022[1],
        "3/3",
    ]
    assert [c.text for c in coverage.rows[-1].cells] == ["Total", "3/7", "3/7", "1/7", "1/7", "0/7", "6/7"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2021 · visites techno-préventives: 188" in text
    assert "Municipal plan: Ixelles · " in text
    assert len(document.inline_shapes) == 2


def test_the_pdf_is_printed_from_the_same_content(world, users):
    from pypdf import PdfReader

    client = client_for(users["coordinator"])
    started = client.post(f"/regional/{world.regional.pk}/report.pdf", {"from": 2021, "to": 2022})
    content = job_file(client, started).getvalue()
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Visites techno-préventives" in text and "3/7" in text and "6/7" in text


def test_the_pdf_lists_each_project_of_a_measure_with_its_approved_figures(world, users):
    """The PDF prints the projects per measure as paragraphs (not the page's lists, for speed):
    the same lines, each project with its role and its figures, the municipal plans' objectives."""
    from pypdf import PdfReader

    client = client_for(users["coordinator"])
    started = client.post(f"/regional/{world.regional.pk}/report.pdf", {"from": 2021, "to": 2022})
    pages = PdfReader(io.BytesIO(job_file(client, started).getvalue())).pages
    lines = [line.strip() for page in pages for line in page.extract_text().splitlines()]
    bullet = "\u2022\u00a0"
    project = bullet + "Visites techno-préventives — Zone de police Bruxelles-Ouest (police zone), 2021-2022,"
    first = lines.index(project)
    assert lines[first + 1 : first + 4] == [
        "primary measure",
        bullet + "2021 · visites techno-préventives: 188 visites",
        bullet + "2022 · visites techno-préventives: 201 visites",
    ]
    second = lines.index("1.2 Mesure un point 2")
    assert lines[second + 1 : second + 3] == [project, "secondary measure"]
    maraudes = "Maraudes — ASBL Rue libre (association (call for projects)), 2022, primary measure"
    assert bullet + maraudes in lines
    assert bullet + "Municipal plan: Ixelles · Assurer un processus d'évaluation permanente du plan" in lines
    assert lines[lines.index("3.2 Former") + 1] == bullet + "No contribution in these years."
