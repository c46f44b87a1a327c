"""Writes through the pages: the coordinator edits, a partner updates its own outputs, a municipal
plan's editor links objectives; each write shows up in the coverage."""

from __future__ import annotations

from decimal import Decimal

from balise.regional.models import ObjectiveLink, Partner, Project, ProjectMeasure, Subsidy
from balise.regional.selectors import Filters, coverage_table

from .conftest import client_for


def test_the_coordinator_creates_a_project_linked_to_a_primary_and_secondary_measures(world, users):
    m = world.measures
    response = client_for(users["coordinator"]).post(
        f"/regional/{world.regional.pk}/projects/new/",
        {
            "partner": world.partners["asbl_other"].pk,
            "title": "Médiation de rue",
            "description": "Deux médiateurs",
            "year_start": 2021,
            "year_end": 2022,
            "primary": m["3.2"].pk,
            "secondary": [m["1.2"].pk, m["3.2"].pk],
        },
    )
    project = Project.objects.get(title="Médiation de rue")
    assert (
        response.status_code == 302
        and response["Location"] == f"/regional/{world.regional.pk}/projects/{project.pk}/"
    )
    links = {(x.measure.code, x.primary) for x in ProjectMeasure.objects.filter(project=project)}
    assert links == {("3.2", True), ("1.2", False)}  # the primary is not repeated as secondary
    table = coverage_table(world.regional, Filters(2021, 2022))
    assert str(table.cell(3, "other")) == "1/2" and str(table.cell(1, "other")) == "1/3"


def test_a_project_ending_before_it_starts_is_refused_in_place(world, users):
    response = client_for(users["coordinator"]).post(
        f"/regional/{world.regional.pk}/projects/new/",
        {
            "partner": world.partners["stib"].pk,
            "title": "À rebours",
            "year_start": 2023,
            "year_end": 2021,
            "primary": world.measures["3.1"].pk,
        },
    )
    assert response.status_code == 422
    assert "The last year comes before the first year." in response.content.decode()
    assert not Project.objects.filter(title="À rebours").exists()


def test_the_coordinator_adds_a_partner_and_a_subsidy_in_belgian_format(world, users):
    client = client_for(users["coordinator"])
    rp = world.regional.pk
    response = client.post(
        f"/regional/{rp}/partners/", {"name": "  Paradigm.brussels ", "category": "regional_body"}
    )
    assert response.status_code == 302
    partner = Partner.objects.get(name="Paradigm.brussels")
    assert (
        client.post(
            f"/regional/{rp}/partners/", {"name": "paradigm.brussels", "category": "regional_body"}
        ).status_code
        == 422
    )
    response = client.post(
        f"/regional/{rp}/partners/{partner.pk}/subsidies/new/",
        {"year": 2022, "amount": "12 500,50", "legal_basis": "Arrêté du 3 mars 2022", "call": ""},
    )
    assert response.status_code == 302
    assert Subsidy.objects.get(partner=partner).amount_eur == Decimal("12500.50")
    bad = client.post(f"/regional/{rp}/partners/{partner.pk}/subsidies/new/", {"year": 2022, "amount": "-5"})
    assert bad.status_code == 422 and Subsidy.objects.filter(partner=partner).count() == 1


def test_a_municipal_editor_links_an_objective_of_their_plan_and_the_coverage_follows(world, users):
    from balise.plans.models import OperationalObjective

    ObjectiveLink.objects.all().delete()
    operational = OperationalObjective.objects.filter(
        strategic_objective__module__plan=world.municipal_plan
    ).first()
    client = client_for(users["ixelles_editor"])
    url = f"/regional/{world.regional.pk}/links/{world.municipal_plan.pk}/"
    assert operational.title in client.get(url).content.decode()
    response = client.post(url, {"objective": f"oo:{operational.pk}", "measure": world.measures["3.2"].pk})
    assert response.status_code == 302
    assert str(coverage_table(world.regional, Filters(2024, 2024)).cell(3, "local")) == "1/2"
    link = ObjectiveLink.objects.get()
    assert client.post(f"/regional/{world.regional.pk}/links/remove/{link.pk}/").status_code == 302
    assert not ObjectiveLink.objects.exists()


def test_a_reader_sees_links_without_the_form(world, users):
    page = client_for(users["analyst"]).get(f"/regional/{world.regional.pk}/links/{world.municipal_plan.pk}/")
    assert page.status_code == 200 and page.context["form"] is None
    link = ObjectiveLink.objects.get()
    assert (
        client_for(users["analyst"])
        .post(f"/regional/{world.regional.pk}/links/remove/{link.pk}/")
        .status_code
        == 403
    )
    assert ObjectiveLink.objects.exists()


def test_a_partner_dashboard_counts_and_lists_only_its_own_projects(world, users):
    page = client_for(users["partner"]).get(f"/regional/{world.regional.pk}/?from=2021&to=2024")
    html = page.content.decode()
    assert "Visites techno-préventives" in html and "Maraudes" not in html and "Antenne LISA" not in html
    assert page.context["table"].as_strings()[1] == ["3/3", "0/3", "0/3", "0/3", "0/3"]
    # asking for another partner does not widen the view
    other = client_for(users["partner"]).get(
        f"/regional/{world.regional.pk}/?from=2021&to=2024&partner={world.partners['asbl_call'].pk}"
    )
    assert other.context["project_count"] == 0


def test_the_dashboard_filters_by_year_thematic_category_and_partner(world, users):
    client = client_for(users["coordinator"])
    rp = world.regional.pk
    page = client.get(f"/regional/{rp}/?year=2022")
    assert page.context["table"].as_strings()[2] == ["1/2", "1/2", "0/2", "0/2", "0/2"]
    assert page.context["project_count"] == 4
    assert [c.key for c in client.get(f"/regional/{rp}/?category=lisa_antenna").context["table"].columns] == [
        "local"
    ]
    assert list(client.get(f"/regional/{rp}/?thematic=3").context["table"].as_strings()) == [3]
    stib = client.get(f"/regional/{rp}/?partner={world.partners['stib'].pk}&from=2021&to=2024")
    assert stib.context["project_count"] == 1 and str(stib.context["table"].overall) == "1/7"
    amounts = [
        amount for _label, amount in client.get(f"/regional/{rp}/?from=2021&to=2022").context["funding"]
    ]
    assert amounts[0] == Decimal("310000.50") and sum(amounts) == Decimal("335000.50")
