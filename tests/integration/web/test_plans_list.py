from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

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
from balise.plans.actions import import_plan
from balise.plans.models import Plan, PlanStatus
from balise.reference.models import Phenomenon
from tests.factories import outside_plan, user_with_role
from tests.integration.web.plans_support import HTMX, in_english, people


def molenbeek_contract() -> Plan:
    """A draft CSS of Molenbeek for 2023 with a "Nuisances sociales" module."""
    text = "Nombre de médiations de voisinage : ≥ 20/an"
    outline = PlanOutline(
        kind="css",
        title="Contrat de sécurité et de société 2023",
        municipality="Molenbeek-Saint-Jean",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        modules=[
            ModuleOutline(
                title="Nuisances sociales",
                kind="phenomenon",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title="Diminuer les comportements à risque",
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title="Offrir une médiation", indicators=[IndicatorOutline(text=text)]
                            )
                        ],
                    )
                ],
            )
        ],
    )
    return import_plan(outline, user=SYSTEM).plan


@pytest.fixture
def plans(reference):
    return outside_plan(), molenbeek_contract()


@pytest.fixture
def analyst(client, plans):
    """Reads every plan, so that filters are what decides."""
    user = user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")
    in_english(client)
    client.force_login(user)
    return user


def titles(client, **params) -> set[str]:
    html = client.get("/", params).content.decode()
    return {
        title
        for title in ("Commune d&#x27;Exemple", "Contrat de sécurité et de société 2023")
        if title in html
    }


IXELLES_TITLE = "Commune d&#x27;Exemple"
MOLENBEEK_TITLE = "Contrat de sécurité et de société 2023"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, plans):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_each_municipality_lists_only_the_plans_it_may_read(client, plans):
    users = people()
    in_english(client)
    for user, visible, hidden in (
        (users.owner, IXELLES_TITLE, MOLENBEEK_TITLE),
        (users.colleague, IXELLES_TITLE, MOLENBEEK_TITLE),
        (users.outsider, MOLENBEEK_TITLE, IXELLES_TITLE),
    ):
        client.force_login(user)
        html = client.get("/").content.decode()
        assert visible in html and hidden not in html


@pytest.mark.django_db
def test_the_municipality_filter_offers_only_municipalities_the_user_can_read(client, plans):
    in_english(client)
    client.force_login(people().colleague)
    html = client.get("/").content.decode()
    assert ">Ixelles</option>" in html and "Molenbeek" not in html


@pytest.mark.django_db
def test_it_filters_by_kind_status_and_municipality(client, analyst, plans):
    molenbeek = Organisation.objects.get(code="21012")
    assert titles(client) == {IXELLES_TITLE, MOLENBEEK_TITLE}
    assert titles(client, kind="css") == {MOLENBEEK_TITLE}
    assert titles(client, status=PlanStatus.SIGNED) == {IXELLES_TITLE}
    assert titles(client, municipality=molenbeek.pk) == {MOLENBEEK_TITLE}
    assert titles(client, kind="css", status=PlanStatus.SIGNED) == set()


@pytest.mark.django_db
def test_the_year_filter_keeps_plans_whose_period_covers_that_year(client, analyst, plans):
    assert titles(client, year=2023) == {IXELLES_TITLE, MOLENBEEK_TITLE}  # 2020-2025 covers 2023
    assert titles(client, year=2021) == {IXELLES_TITLE}


@pytest.mark.django_db
def test_the_phenomenon_filter_keeps_plans_having_a_module_of_that_phenomenon(client, analyst, plans):
    burglary = Phenomenon.objects.get(name_fr="Cambriolage")
    nuisances = Phenomenon.objects.get(name_fr="Nuisances sociales")
    assert titles(client, phenomenon=burglary.pk) == {IXELLES_TITLE}
    assert titles(client, phenomenon=nuisances.pk) == {MOLENBEEK_TITLE}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("techno-préventives", {IXELLES_TITLE}),  # an indicator
        ("médiation", {MOLENBEEK_TITLE}),  # an operational objective
        ("comportements risque", {MOLENBEEK_TITLE}),  # every word, anywhere
        ("outils de suivi", {IXELLES_TITLE}),
        ("ixelles", {IXELLES_TITLE}),  # the municipality
        ("contrat", {MOLENBEEK_TITLE}),  # the title
        ("introuvable", set()),
    ],
)
def test_the_search_looks_in_titles_municipalities_objectives_and_indicators(
    client, analyst, words, expected
):
    assert titles(client, q=words) == expected


@pytest.mark.django_db
def test_an_invalid_filter_value_is_ignored_rather_than_an_error(client, analyst, plans):
    response = client.get("/", {"municipality": "abc", "year": "never", "kind": "css"})
    assert response.status_code == 200
    assert MOLENBEEK_TITLE in response.content.decode()


@pytest.mark.django_db
def test_htmx_gets_only_the_results_and_a_browser_the_whole_page(client, analyst, plans):
    partial = client.get("/", {"kind": "css"}, **HTMX)
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.lstrip().startswith('<section id="plan-results"') and "<html" not in html
    assert MOLENBEEK_TITLE in html and IXELLES_TITLE not in html
    full = client.get("/", {"kind": "css"}).content.decode()
    assert "<html" in full and 'hx-get="/"' in full and 'hx-target="#plan-results"' in full


def bare_plans(count: int) -> None:
    Plan.objects.bulk_create(
        Plan(kind="pssp", title=f"Lot {n:03d}", municipality_name="Nulle part", period_start=date(2024, 1, 1))
        for n in range(count)
    )


@pytest.mark.django_db
def test_the_list_is_paginated_by_fifty(client, analyst, plans):
    bare_plans(60)
    first = client.get("/", {"q": "lot"}).content.decode()
    assert "60 plans" in first and "Page 1 of 2" in first
    assert first.count('href="/plans/') == 50
    second = client.get("/", {"q": "lot", "page": 2}).content.decode()
    assert second.count('href="/plans/') == 10
    assert "q=lot&amp;page=1" in second  # the filters survive paging


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_whatever_the_number_of_plans(client, analyst, plans):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", {"q": "lot", "year": 2024}).status_code == 200
        return len(queries)

    bare_plans(3)
    few = count_queries()
    bare_plans(120)
    assert count_queries() == few
    assert few <= 12
    assert escape("Lot 001") in client.get("/", {"q": "lot"}).content.decode()
