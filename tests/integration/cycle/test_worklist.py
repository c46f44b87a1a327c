"""The analyst's worklist: municipalities × years with state, submission, completeness,
timeliness and the analysis' progress; filters, export, rates, access, fixed queries."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from balise.accounts.actors import SYSTEM
from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.finance.models import ReportDeadline
from balise.monitoring.actions import record_measurement
from balise.monitoring.workflow import evaluation_for, save_analysis, submit
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Plan
from balise.web.worklist.selectors import Filters, worklist
from tests.factories import user_with_role
from tests.integration.web.plans_support import in_english

TODAY = date(2025, 6, 1)


def small_plan(municipality: str, title: str, indicators: int = 4) -> Plan:
    texts = [f"Nombre d'actions {n} : ≥ {n + 1}/an" for n in range(indicators)]
    outline = PlanOutline(
        kind="pssp",
        title=title,
        municipality=municipality,
        period_start=date(2023, 1, 1),
        period_end=date(2025, 12, 31),
        signed_on=date(2023, 1, 15),
        modules=[
            ModuleOutline(
                title="Cambriolage",
                kind="phenomenon",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title="Agir sur les circonstances",
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title="Visiter",
                                indicators=[IndicatorOutline(text=t, target=parse_target(t)) for t in texts],
                            )
                        ],
                    )
                ],
            )
        ],
    )
    return import_plan(outline, user=SYSTEM).plan


@pytest.fixture
def world(reference):
    ixelles = small_plan("Ixelles", "PSSP Ixelles")
    molenbeek = small_plan("Molenbeek-Saint-Jean", '=HYPERLINK("http://x","PSSP")')
    owner = user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")
    analyst = user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")
    return ixelles, molenbeek, owner, analyst


def indicators(plan: Plan) -> list[Indicator]:
    return list(Indicator.objects.filter(strategic_objective__module__plan=plan).order_by("order", "id"))


def rows_by(user, **filters):
    rows = worklist(user, Filters(years=(2024, 2023), **filters), today=TODAY)
    return {(r.municipality.code, r.year): r for r in rows}


@pytest.mark.django_db
def test_each_municipality_year_shows_state_submission_completeness_reports_and_analysis(world):
    ixelles, _molenbeek, owner, analyst = world
    first, second, *_rest = indicators(ixelles)
    record_measurement(first, "2024", {"amount": "3"}, owner)
    record_measurement(second, "2023", {"amount": "3"}, owner)
    evaluation = submit(evaluation_for(ixelles, 2024), owner)
    save_analysis(
        evaluation, "indicator", first.key, analysis="", colour_code="green", motivation="", user=analyst
    )
    ReportDeadline.objects.create(
        plan=ixelles,
        lineage=ixelles.lineage,
        year=2024,
        kind="activity",
        due_on=date(2025, 3, 31),
        sent_on=date(2025, 3, 1),
    )
    ReportDeadline.objects.create(
        plan=ixelles, lineage=ixelles.lineage, year=2024, kind="financial", due_on=date(2025, 4, 30)
    )
    rows = rows_by(analyst)
    assert set(rows) == {("21009", 2024), ("21009", 2023), ("21012", 2024), ("21012", 2023)}
    row = rows["21009", 2024]
    assert row.state == "submitted" and row.submitted_at is not None
    assert (row.with_values, row.indicators, str(row.completeness)) == (1, 4, "25.0")
    assert (row.assessed, row.total, row.colours) == (1, 4, {"green": 1})
    assert row.reports == {"activity": "on_time", "financial": "late"}
    assert rows["21009", 2023].state == "draft" and rows["21009", 2023].with_values == 1


@pytest.mark.django_db
def test_filters_by_state_colour_and_region(world):
    ixelles, _molenbeek, owner, analyst = world
    evaluation = submit(evaluation_for(ixelles, 2024), owner)
    save_analysis(
        evaluation,
        "indicator",
        indicators(ixelles)[0].key,
        analysis="",
        colour_code="red",
        motivation="x",
        user=analyst,
    )
    assert set(rows_by(analyst, state="submitted")) == {("21009", 2024)}
    assert set(rows_by(analyst, colour="red")) == {("21009", 2024)}
    region = Organisation.objects.get(code="BE-BRU")
    assert len(rows_by(analyst, region=region.pk)) == 4
    other = Organisation.objects.create(kind="region", code="BE-WAL", name_fr="Wallonie")
    assert rows_by(analyst, region=other.pk) == {}


@pytest.mark.django_db
def test_the_page_links_each_cell_to_its_analysis_and_shows_rates(client, world):
    ixelles, _molenbeek, _owner, analyst = world
    in_english(client)
    client.force_login(analyst)
    html = client.get("/worklist/", {"year": "2024"}).content.decode()
    assert f'href="/plans/{ixelles.pk}/monitoring/evaluation/2024/"' in html
    assert "Nationally" in html and "Région de Bruxelles-Capitale" in html
    html = client.get("/worklist/", {"year": "2024", "state": "analysed"}).content.decode()
    assert "No plan in force matches these filters." in html


@pytest.mark.django_db
def test_the_exports_write_user_text_as_text(client, world):
    _ixelles, _molenbeek, _owner, analyst = world
    client.force_login(analyst)
    response = client.get("/worklist/", {"year": "2024", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = {row[2].value: row[2] for row in sheet.iter_rows(min_row=2)}
    cell = titles['=HYPERLINK("http://x","PSSP")']
    assert cell.data_type == "s" and cell.quotePrefix
    response = client.get("/worklist/", {"year": "2024", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert '\'=HYPERLINK("http://x","PSSP")' in [r[2] for r in rows[1:]]


@pytest.mark.django_db
def test_only_analysts_and_regional_coordinators_open_the_worklist(client, world):
    _ixelles, _molenbeek, owner, _analyst = world
    assert client.get("/worklist/").status_code == 302  # to the login page
    client.force_login(owner)
    assert client.get("/worklist/").status_code == 403
    coordinator = user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU")
    client.force_login(coordinator)
    assert client.get("/worklist/").status_code == 200


@pytest.mark.django_db
def test_the_worklist_costs_the_same_queries_for_two_municipalities_or_six(client, world):
    _ixelles, _molenbeek, _owner, analyst = world
    client.force_login(analyst)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/worklist/", {"year": ""}).status_code == 200
        return len(queries)

    few = count()
    for code in ("21001", "21004", "21005", "21006"):
        name = Organisation.objects.get(kind="municipality", code=code).name_fr
        small_plan(name, f"PSSP {name}", indicators=6)
    assert count() == few <= 16


@pytest.mark.django_db
def test_a_police_zones_plan_is_not_in_the_municipalities_worklist(world):
    _ixelles, _molenbeek, _owner, analyst = world
    zone = Organisation.objects.filter(kind="police_zone").first()
    zonal = small_plan("Ixelles", "Plan zonal de sécurité")
    Plan.objects.filter(pk=zonal.pk).update(kind="pzs", municipality=zone)
    rows = worklist(analyst, Filters(years=(2024,)), today=TODAY)
    assert zonal.pk not in {r.plan.pk for r in rows} and len(rows) == 2
