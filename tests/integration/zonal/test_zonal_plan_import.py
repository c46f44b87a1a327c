"""A zonal security plan stored as a plan of its police zone, its zonal fields kept both ways."""

from __future__ import annotations

from balise.accounts.actors import SYSTEM
from balise.accounts.rules import can_edit_plan, can_view_plan
from balise.domain.interchange import dumps, loads
from balise.plans.models import Indicator, Module, OperationalObjective, StrategicObjective
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.corpus.plans_zonal import zone_brussel_noord, zone_midi
from tests.factories import organisation


def test_a_zonal_plan_belongs_to_its_police_zone_whichever_language_names_it(zonal_plan) -> None:
    from balise.plans.actions import import_plan

    assert zonal_plan.kind == "pzs"
    assert zonal_plan.municipality == organisation("5341")
    noord = import_plan(zone_brussel_noord(), user=SYSTEM).plan
    assert noord.municipality == organisation("5344")


def test_priorities_link_to_the_national_phenomena_and_themes_stay_themes(zonal_plan) -> None:
    modules = {m.title: m for m in Module.objects.filter(plan=zonal_plan).select_related("phenomenon")}
    assert modules["Cambriolage"].phenomenon.code == "burglary"
    assert modules["Violence intrafamiliale"].phenomenon.code == "domestic-violence"
    theme = modules["Fonctionnement orienté vers la communauté"]
    assert (theme.kind, theme.phenomenon) == ("theme", None)


def test_pilot_approach_and_reference_value_are_stored_on_their_nodes(zonal_plan) -> None:
    so = StrategicObjective.objects.get(module__plan=zonal_plan, module__title="Cambriolage")
    assert so.pilot == "Directeur des opérations"
    effect = Indicator.objects.get(strategic_objective=so, operational_objective__isnull=True)
    assert (effect.reference_value, effect.target_comparator, effect.target_value) == (
        "1 284 faits (2019)",
        "<=",
        1150,
    )
    action = OperationalObjective.objects.filter(strategic_objective=so).first()
    assert action.approach.startswith("Patrouilles orientées")


def test_the_stored_zonal_plan_gives_back_its_outline_and_interchange_document(zonal_plan) -> None:
    outline = plan_outline(plan_with_tree(zonal_plan.pk))
    assert outline.modules == zone_midi().modules
    assert loads(dumps(outline)).modules == zone_midi().modules
    assert '"pilot": "Directeur des opérations"' in dumps(outline)


def test_plans_of_other_kinds_carry_no_zonal_keys_in_their_interchange_document(forest_plan) -> None:
    text = dumps(plan_outline(plan_with_tree(forest_plan.pk)))
    assert '"pilot"' not in text and '"approach"' not in text and '"reference_value"' not in text


def test_the_zone_and_its_municipalities_read_the_zonal_plan_others_do_not(
    zonal_plan, forest_viewer, zone_member, outsider
) -> None:
    assert can_view_plan(forest_viewer, zonal_plan)
    assert can_view_plan(zone_member, zonal_plan)
    assert not can_view_plan(outsider, zonal_plan)
    assert not can_edit_plan(forest_viewer, zonal_plan)
    assert not can_edit_plan(zone_member, zonal_plan)


def test_the_plan_page_shows_pilot_approach_and_reference_value_in_french(zonal_plan, forest_viewer) -> None:
    from django.test import Client

    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(forest_viewer)
    page = client.get(f"/plans/{zonal_plan.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Pilote\u00a0: Directeur des opérations" in page  # French typography on a French page
    assert "Valeur de référence" in page and "1 284 faits (2019)" in page
    assert "Approche" in page and "Patrouilles orientées" in page


def test_the_api_tree_carries_the_zonal_fields(zonal_plan, forest_viewer) -> None:
    from django.test import Client

    from balise.accounts.tokens import issue_token

    _token, secret = issue_token(forest_viewer, "tests")
    tree = Client(headers={"Authorization": f"Bearer {secret}"}).get(f"/api/plans/{zonal_plan.pk}").json()
    so = tree["modules"][0]["strategic_objectives"][0]
    assert so["pilot"] == "Directeur des opérations"
    assert so["indicators"][0]["reference_value"] == "1 284 faits (2019)"
    assert so["operational_objectives"][0]["approach"].startswith("Patrouilles orientées")
    assert tree["modules"][2]["module_kind"] == "theme"
