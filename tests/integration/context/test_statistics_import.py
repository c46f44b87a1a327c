"""Importing published crime statistics and Safety Monitor figures, and where they show."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.context.models import Figure
from balise.imports.statistics.importing import import_statistics
from balise.imports.statistics.reading import StatisticsFileError
from tests.factories import outside_plan, user_with_role

WIDE = """Statistiques policières de criminalité
Commune;Catégorie;Sous-catégorie;2021;2022;2023
21009 Ixelles;Vols et extorsions;Cambriolage dans une habitation;410;385;402
Elsene;Vols;Fietsdiefstal;1.204;1 198;-
Atlantis;Vols;Cambriolage dans une habitation;1;2;3
21009;Divers;Catégorie inconnue;1;2;3
21009;Vols;Vol à la tire;;;
"""


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_wide_police_table_is_read_and_every_line_is_accounted_for(reference):
    report = import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=SYSTEM)
    assert report.lines == 7 and report.placed == 3  # header + two lines of figures
    assert [(line, reason.split(" ")[0]) for line, _text, reason in report.unplaced] == [
        (1, "above"),
        (5, "unknown"),
        (6, "unknown"),
        (7, "no"),
    ]
    assert report.created == 5
    burglary = Figure.objects.filter(category__code="burglary-dwelling", organisation__code="21009")
    assert [(f.year, f.value) for f in burglary] == [(2021, 410), (2022, 385), (2023, 402)]
    bicycles = Figure.objects.filter(category__code="bicycle-theft").order_by("year")
    assert [(f.year, f.value) for f in bicycles] == [(2021, 1204), (2022, 1198)]  # Dutch name, Dutch place


@pytest.mark.django_db
def test_a_long_safety_monitor_workbook_per_police_zone_is_read(reference):
    content = xlsx(
        [
            ["Politiezone", "Indicator", "Jaar", "%"],
            ["5340", "Onveiligheidsgevoel", 2018, "12,5"],
            ["ZP 5340", "Sentiment d'insécurité", 2021, 10.8],
        ]
    )
    report = import_statistics("monitor.xlsx", content, user=SYSTEM)
    assert report.unplaced == [] and report.created == 2
    values = Figure.objects.filter(category__code="feeling-unsafe", organisation__code="5340").order_by(
        "year"
    )
    assert [(f.year, f.value) for f in values] == [(2018, Decimal("12.50")), (2021, Decimal("10.80"))]


@pytest.mark.django_db
def test_importing_the_same_figures_again_replaces_them(reference):
    import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=SYSTEM)
    again = import_statistics("ixelles.csv", WIDE.replace("410;", "411;").encode("utf-8"), user=SYSTEM)
    assert again.created == 0 and again.updated == 5
    assert Figure.objects.get(category__code="burglary-dwelling", year=2021).value == 411


@pytest.mark.django_db
def test_a_file_without_a_recognisable_header_is_refused_naming_the_file(reference):
    with pytest.raises(StatisticsFileError, match="notes.csv: no header"):
        import_statistics("notes.csv", b"a;b;c\n1;2;3\n", user=SYSTEM)
    with pytest.raises(StatisticsFileError, match="figures.pdf"):
        import_statistics("figures.pdf", b"%PDF", user=SYSTEM)
    with pytest.raises(StatisticsFileError, match=r"ixelles.csv, line 1"):
        import_statistics("ixelles.csv", WIDE.encode("utf-8"), strict=True, user=SYSTEM)
    assert not Figure.objects.exists()  # strict refusal stores nothing


@pytest.mark.django_db
def test_the_burglary_trend_shows_beside_the_burglary_module_apart_from_the_indicators(reference, client):
    plan = outside_plan()  # Ixelles, with a "Cambriolage" module
    import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=SYSTEM)
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    module = html[html.index("Cambriolage") :]
    aside = module[module.index('class="context-figures"') :]
    aside = aside[: aside.index("</aside>")]
    assert "Cambriolage dans une habitation" in aside or "burglary" in aside.lower()
    assert '<th scope="col">2021</th>' in aside and "410" in aside and "402" in aside
    assert "Fietsdiefstal" not in aside and "Vol de vélo" not in aside  # not a burglary figure


@pytest.mark.django_db
def test_the_municipal_dashboard_lists_the_figures_per_phenomenon_to_its_readers_only(reference, client):
    from balise.accounts.models import Organisation

    import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=SYSTEM)
    ixelles = Organisation.objects.get(code="21009")
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    html = client.get(f"/dashboards/municipalities/{ixelles.pk}/").content.decode()
    section = html[html.index('id="context-figures"') :]
    assert "Cambriolage dans une habitation" in section and "Vol de vélo" in section
    client.force_login(user_with_role("outsider", Role.MUNICIPALITY_VIEWER, "21012"))
    assert client.get(f"/dashboards/municipalities/{ixelles.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_federal_overview_sets_plans_addressing_a_phenomenon_against_rising_figures(reference, client):
    from balise.plans.models import Plan

    plan = outside_plan()  # Ixelles, with a burglary module
    Plan.objects.filter(pk=plan.pk).update(status="signed")
    import_statistics(
        "ixelles.csv", WIDE.encode("utf-8"), user=SYSTEM
    )  # burglary 385 → 402 from 2022 to 2023
    client.force_login(user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"))
    year = plan.period_start.year
    html = client.get(f"/dashboards/federal/?year={year}").content.decode()
    table = html[html.index('id="context-versus"') :]
    table = table[: table.index("</table>")]
    row = table[table.index("Cambriolage") :]
    assert row.split("</tr>")[0].count("<td>1</td>") == 2  # one plan addresses it, figures rise there


def test_the_phenomenon_page_of_a_municipality_shows_its_crime_figures_beside_the_plans(demo_db):
    """The demo: Valmont's PSSP, its zone's plan and its invented police figures."""
    from django.contrib.auth import get_user_model

    from tests.integration.zonal.conftest import logged_in

    editor = get_user_model().objects.get(username="editeur")
    page = logged_in(editor).get("/municipalities/99001/phenomena/burglary/").content.decode()
    figures = page[page.index('class="context-figures"') : page.index('class="side-by-side"')]
    assert "Cambriolage dans une habitation" in figures and "<td>190</td>" in figures
    assert "Vol de vélo" not in figures


@pytest.mark.django_db
def test_only_administrators_import_the_figures_every_municipality_shares(reference):
    intruders = [
        user_with_role("ixelles", Role.MUNICIPALITY_EDITOR, "21009"),
        user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"),
        AnonymousUser(),
    ]
    for intruder in intruders:
        with pytest.raises(PermissionDenied):
            import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=intruder)
    assert not Figure.objects.exists()
    admin = user_with_role("admin", None, None, is_superuser=True)
    assert import_statistics("ixelles.csv", WIDE.encode("utf-8"), user=admin).created == 5
