"""The numbers in the tables under the charts, on the known dataset of conftest.py."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise import charts
from balise.accounts.actors import SYSTEM
from balise.exports.opendata.tables import COLUMNS
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.plans.actions import import_plan
from balise.plans.models import Indicator

from .conftest import BURGLARY, COORDINATION, client_for, outline, record


class Tables(HTMLParser):
    """Rows of cell texts of each table with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = dict(attrs).get("id")
            self.tables[self.current] = []
        elif tag == "tr" and self.current:
            self.tables[self.current].append([])
        elif tag in ("td", "th") and self.current:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[self.current][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    assert response.status_code == 200
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def test_the_plan_dashboard_counts_indicators_per_status_and_module(world, users):
    got = tables(client_for(users["colleague"]).get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024"))
    assert got["modules-table"][1:] == [
        ["Coordination", "1", "0", "1", "0", "2"],
        ["Cambriolage", "1", "1", "0", "1", "3"],
    ]


def test_a_yearly_count_is_shown_month_by_month_with_its_running_total(world, users):
    response = client_for(users["owner"]).get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024")
    rows = tables(response)["trend-table"][1:]
    assert response.context["board"].indicator.text == "Nombre de réunions du comité : ≥ 4/an"
    assert len(rows) == 12
    # named for people, not "2024-03"
    assert rows[2] == ["Mar. 2024", "2", "2"] and rows[8] == ["Sept. 2024", "1", "3"] and rows[11][2] == "3"


def test_the_trend_picker_selects_another_indicator(world, users):
    board = (
        client_for(users["owner"]).get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024").context["board"]
    )
    percent = next(pk for pk, text in board.choices if "%" in text)
    response = client_for(users["owner"]).get(
        f"/dashboards/plans/{world.ixelles.pk}/?year=2024&indicator={percent}"
    )
    assert tables(response)["trend-table"][1:] == [["2024", "40"]]  # 12 / 30
    assert "≥ 30%" in response.content.decode()


def test_the_colours_of_each_strategic_objective_are_listed_per_year(world, users):
    got = tables(client_for(users["owner"]).get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024"))
    header, coordination, burglary = got["colours-table"]
    assert header[:3] == ["Strategic objective", "2023", "2024"]
    assert coordination[:3] == ["Coordonner", "Partiellement atteint", "Atteint"]
    assert burglary[1:3] == ["not assessed", "not assessed"]


def test_the_municipality_dashboard_lists_each_year_of_the_plan(world, users):
    rows = tables(
        client_for(users["owner"]).get(f"/dashboards/municipalities/{world.ixelles.municipality_id}/")
    )
    by_year = {row[0]: row for row in rows["years-table"][1:]}
    # 2024: met 2, partly 1, not met 1, no data 1; colours green 1, orange 0, red 1, grey 0, not assessed 3
    assert by_year["2024"][3:] == ["2", "1", "1", "1", "1", "0", "1", "0", "3"]
    assert by_year["2023"][3:7] == ["0", "0", "0", "5"]


def test_the_federal_overview_table_counts_per_phenomenon_with_totals(world, users):
    got = tables(client_for(users["analyst"]).get("/dashboards/federal/?year=2024"))["overview-table"]
    assert got[1] == ["Coordination", "2", "0", "1", "1", "1", "0", "1", "0", "2"]
    assert got[2] == ["Cambriolage", "1", "1", "0", "4", "0", "0", "0", "0", "6"]
    assert got[3] == ["Total", "3", "1", "1", "5", "1", "0", "1", "0", "8"]


def test_the_federal_page_never_draws_its_chart_and_the_chart_is_drawn_once_per_state(world, users):
    import re

    client = client_for(users["analyst"])
    drawn = charts.RENDERS["federal_overview"]
    page = client.get("/dashboards/federal/?year=2024").content.decode()
    assert charts.RENDERS["federal_overview"] == drawn  # the request of the page draws nothing
    url = re.search(r'<img src="([^"]+)"', page).group(1).replace("&amp;", "&")
    first = client.get(url)
    assert first["Content-Type"] == "image/svg+xml" and b"<svg" in first.content
    assert "immutable" in first["Cache-Control"]
    assert charts.RENDERS["federal_overview"] == drawn + 1
    assert client.get(url).content == first.content
    assert client.get(url.replace("chart.svg", "chart.png")).content.startswith(b"\x89PNG")
    assert charts.RENDERS["federal_overview"] == drawn + 1  # same numbers: served from the cache


def test_the_federal_chart_is_refused_to_whoever_may_not_see_the_overview(world, users):
    from django.test import Client

    assert Client().get("/dashboards/federal/chart.svg?year=2024").status_code == 302  # to the login
    assert client_for(users["outsider"]).get("/dashboards/federal/chart.svg?year=2024").status_code == 403
    assert client_for(users["analyst"]).get("/dashboards/federal/chart.gif?year=2024").status_code == 404


def test_one_phenomenon_across_municipalities_is_shown_a_page_at_a_time_with_totals_over_all(
    world, users, monkeypatch
):
    from balise.monitoring import views_dashboards

    client = client_for(users["analyst"])
    whole = tables(client.get("/dashboards/federal/?year=2024&phenomenon=coordination"))["overview-table"]
    assert [row[0] for row in whole[1:]] == ["Ixelles", "Molenbeek-Saint-Jean", "Total"]
    monkeypatch.setattr(views_dashboards, "PAGE_SIZE", 1)
    first = client.get("/dashboards/federal/?year=2024&phenomenon=coordination")
    second = client.get("/dashboards/federal/?year=2024&phenomenon=coordination&page=2")
    assert tables(first)["overview-table"] == [whole[0], whole[1], whole[3]]  # the totals count both
    assert tables(second)["overview-table"] == [whole[0], whole[2], whole[3]]
    html = first.content.decode().replace("&amp;", "&")
    assert 'href="?year=2024&phenomenon=coordination&page=2#overview-table"' in html
    assert 'rel="prev"' not in html and 'rel="prev"' in second.content.decode()


def test_the_whole_overview_table_downloads_as_csv_for_the_readers_of_the_overview_only(world, users):
    client = client_for(users["analyst"])
    page = client.get("/dashboards/federal/?year=2024&phenomenon=coordination")
    url = "/dashboards/federal/table.csv?year=2024&phenomenon=coordination"
    assert f'href="{url}"' in page.content.decode().replace("&amp;", "&")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    shown = tables(page)["overview-table"]
    assert [row[1:] for row in rows] == [["Municipality", *shown[0][1:]], *shown[1:]]
    assert rows[1][0] == str(world.ixelles.municipality_id) and rows[-1][0] == ""
    by_phenomenon = client.get("/dashboards/federal/table.csv?year=2024")
    rows = list(csv.reader(io.StringIO(by_phenomenon.content.decode("utf-8-sig"))))
    assert rows[1:] == tables(client.get("/dashboards/federal/?year=2024"))["overview-table"][1:]
    assert client_for(users["outsider"]).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302  # to the login page


FILTERS = ["", "coordination", "phenomenon:burglary", "sector:prevention", "other", "nonsense"]


def test_the_federal_page_runs_as_many_queries_for_ten_plans_as_for_two_for_every_filter(world, users):
    from balise.plans.actions import import_plan

    from .conftest import COORDINATION, outline, record

    client = client_for(users["analyst"])

    def queries() -> list[int]:
        counts = []
        for phenomenon in FILTERS:
            with CaptureQueriesContext(connection) as captured:
                url = f"/dashboards/federal/?year=2024&phenomenon={phenomenon}"
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    for n in range(8):
        record(import_plan(outline("Ixelles", f"PSSP {n}"), user=SYSTEM).plan, COORDINATION)
    assert queries() == few
    # session, user, roles, the overview's counts (and the check that they count the plans in
    # force: two queries, eight more when the plans in force changed), the context table, four
    # for the breakdown by sex (its dimension and categories, the indicators that declare it, sums)
    assert max(few) <= 24


@pytest.mark.parametrize("kind", ["pzs", "plpp", "other"])
def test_the_federal_overview_counts_only_federal_plans_not_a_zonal_or_regional_one(world, users, kind):
    before = tables(client_for(users["analyst"]).get("/dashboards/federal/?year=2024"))["overview-table"]
    other = import_plan(replace(outline("Ixelles", f"Plan {kind} d'Ixelles"), kind=kind), user=SYSTEM).plan
    record(other, {**COORDINATION, **BURGLARY})

    response = client_for(users["analyst"]).get("/dashboards/federal/?year=2024")

    assert tables(response)["overview-table"] == before
    assert response.context["overview"].plans == 2


def _split_plan():
    """A second plan of Ixelles whose visits and share are broken down by sex and age band."""
    plan = import_plan(outline("Ixelles", "PSSP Ixelles ventilé"), user=SYSTEM).plan
    found = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    visits = found["Nombre de visites techno-préventives : ≥ 50/an"]
    share = found["Part des visites suivies de travaux : ≥ 30%"]
    for indicator in (visits, share):
        set_dimensions(indicator, ["sex", "age_band"], SYSTEM)
    for period, cells in (
        ("2024-03", [("female", "18-25", 3), ("male", "18-25", 1)]),
        ("2024-04", [("female", "26-64", 2)]),
    ):
        parts = [{"categories": {"sex": s, "age_band": a}, "amount": n} for s, a, n in cells]
        record_measurement(visits, period, {"parts": parts}, SYSTEM)
    parts = [
        {"cell": "age_band=18-25|sex=female", "numerator": 2, "denominator": 4},
        {"cell": "age_band=18-25|sex=male", "numerator": 90, "denominator": 100},
    ]
    record_measurement(share, "2024", {"parts": parts}, SYSTEM)
    return plan, visits, share


def test_the_plan_dashboard_breaks_each_disaggregated_indicator_down_by_each_of_its_dimensions(world, users):
    plan, visits, share = _split_plan()
    got = tables(client_for(users["owner"]).get(f"/dashboards/plans/{plan.pk}/?year=2024"))
    assert got[f"categories-{visits.pk}"][1:] == [
        ["Sexe", "Femme", "5"],  # reference names have no English: the French one is shown
        ["", "Homme", "1"],
        ["Tranche d'âge", "18 à 25 ans", "4"],
        ["", "26 à 64 ans", "2"],
    ]
    # a percentage per category is recomputed from its counts (2 of 4 for women), never averaged
    assert got[f"categories-{share.pk}"][1:3] == [["Sexe", "Femme", "50 %"], ["", "Homme", "90 %"]]


def test_the_plan_dashboard_runs_the_same_queries_whatever_the_number_of_disaggregated_indicators(
    world, users, django_assert_num_queries
):
    plan, visits, _share = _split_plan()
    client = client_for(users["owner"])
    url = f"/dashboards/plans/{plan.pk}/?year=2024&indicator={visits.pk}"
    client.get(url)  # session, charts drawn
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    found = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    meetings = found["Nombre de réunions du comité : ≥ 4/an"]
    set_dimensions(meetings, ["sex"], SYSTEM)
    record_measurement(meetings, "2024", {"parts": [{"cell": "sex=other", "amount": 4}]}, SYSTEM)
    with django_assert_num_queries(len(before)):
        assert client.get(url).status_code == 200


def test_the_values_per_category_download_holds_the_open_data_columns_for_readers_of_the_plan_only(
    world, users
):
    plan, visits, share = _split_plan()
    url = f"/plans/{plan.pk}/documents/values-by-category.csv?year=2024"
    html = client_for(users["colleague"]).get(f"/dashboards/plans/{plan.pk}/?year=2024").content.decode()
    assert f'href="{url}"' in html.replace("&amp;", "&")
    response = client_for(users["colleague"]).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS["values_by_category"])
    assert [(r["indicator_key"], r["dimension"], r["category"], r["actual"]) for r in rows[:4]] == [
        (str(visits.key), "sex", "female", "5"),
        (str(visits.key), "sex", "male", "1"),
        (str(visits.key), "age_band", "18-25", "4"),
        (str(visits.key), "age_band", "26-64", "2"),
    ]
    share_rows = [
        (r["category"], r["numerator"], r["denominator"])
        for r in rows
        if r["indicator_key"] == str(share.key)
    ]
    assert share_rows[:2] == [("female", "2", "4"), ("male", "90", "100")]
    for attacker in ("outsider", "partner"):  # another municipality's editor, a partner
        assert client_for(users[attacker]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page
