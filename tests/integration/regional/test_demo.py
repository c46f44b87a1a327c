"""The regional demo: partners, projects linked to measures, the demo partner's own project."""

from __future__ import annotations

from balise.plans.models import PlanMeasure
from balise.regional.demo import load_regional_demo
from balise.regional.models import Partner, Project, Subsidy
from balise.regional.selectors import Filters, coverage_table


def test_without_an_imported_pgsp_the_demo_creates_77_plain_measures(reference):
    regional = load_regional_demo()
    measures = PlanMeasure.objects.filter(thematic__plan=regional.plan)
    assert measures.count() == 77
    assert measures.get(code="8.7").text == "Mesure 8.7"
    assert regional.region.code == "BE-BRU"


def test_the_demo_counts_in_the_coverage_and_loads_twice_without_duplicates(reference):
    regional = load_regional_demo()
    counts = (Partner.objects.count(), Project.objects.count(), Subsidy.objects.count())
    load_regional_demo()
    assert (Partner.objects.count(), Project.objects.count(), Subsidy.objects.count()) == counts == (6, 6, 7)
    table = coverage_table(regional, Filters(2021, 2022))
    assert str(table.cell(5, "police")) == "2/7" and str(table.totals[0]) == "3/77"


def test_the_demo_partner_user_updates_the_zone_project(demo_db):
    from django.contrib.auth import get_user_model

    from balise.regional.rules import scope_for, updates_outputs

    partner = get_user_model().objects.get(username="partenaire")
    project = Project.objects.get(title="Visites techno-préventives")
    regional = project.regional_plan
    assert updates_outputs(scope_for(partner, regional), project)
