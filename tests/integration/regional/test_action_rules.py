"""The regional writes check who acts themselves, through the rules the pages use: the API, the
command line or a future page cannot go around them. Every write is tried by those it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from balise.accounts.actors import SYSTEM
from balise.plans.models import StrategicObjective
from balise.regional import actions, output_actions
from balise.regional.models import ObjectiveLink, OutputValue, Partner, Project, Subsidy

pytestmark = pytest.mark.django_db

NOT_EDITORS = ("partner", "analyst", "municipality", "ixelles_editor", "outsider", "other_coordinator")


def _intruders(users, names):
    return [users[name] for name in names] + [AnonymousUser()]


def _data(world, title="Nouveau projet"):
    return actions.ProjectData(world.partners["stib"], title, 2022, 2022, primary=world.measures["3.2"])


def test_only_the_region_s_coordinators_create_and_change_projects(world, users):
    project = world.projects["stib"]
    for intruder in _intruders(users, NOT_EDITORS):
        with pytest.raises(PermissionDenied):
            actions.create_project(world.regional, _data(world), intruder)
        with pytest.raises(PermissionDenied):
            actions.update_project(project, _data(world, "Détourné"), intruder)
    assert not Project.objects.filter(title__in=["Nouveau projet", "Détourné"]).exists()
    created = actions.create_project(world.regional, _data(world), users["coordinator"])
    assert actions.update_project(created, _data(world, "Renommé"), users["admin"]).title == "Renommé"


def test_only_the_project_s_partner_and_the_coordinators_report_its_outputs(world, users):
    own, others = world.projects["zone_2023"], world.projects["asbl_call"]
    visits = output_actions.define_output(own, "visites", SYSTEM).pk
    rounds = output_actions.define_output(others, "maraudes", SYSTEM).pk
    refused = ("analyst", "municipality", "ixelles_editor", "outsider", "other_coordinator", "other_partner")
    for intruder in _intruders(users, refused):
        with pytest.raises(PermissionDenied):
            output_actions.save_outputs(own, 2023, {visits: Decimal(1)}, "", intruder)
    with pytest.raises(PermissionDenied):
        output_actions.save_outputs(others, 2022, {rounds: Decimal(1)}, "", users["partner"])
    assert not OutputValue.objects.filter(definition_id__in=[visits, rounds]).exists()
    output_actions.save_outputs(own, 2023, {visits: Decimal(3)}, "", users["partner"])
    output_actions.save_outputs(others, 2022, {rounds: Decimal(4)}, "", users["coordinator"])
    assert OutputValue.objects.filter(definition_id__in=[visits, rounds]).count() == 2


def test_only_the_region_s_coordinators_add_partners_and_grant_subsidies(world, users):
    partner = world.partners["lisa"]
    for intruder in _intruders(users, NOT_EDITORS):
        with pytest.raises(PermissionDenied):
            actions.create_partner(world.regional, "Intrus", "association_other", intruder)
        with pytest.raises(PermissionDenied):
            actions.grant_subsidy(partner, 2022, Decimal("1000.00"), intruder)
    assert not Partner.objects.filter(name="Intrus").exists()
    assert not Subsidy.objects.filter(partner=partner).exists()
    actions.grant_subsidy(partner, 2022, Decimal("1000.00"), users["coordinator"])
    assert Subsidy.objects.filter(partner=partner).count() == 1


def test_only_the_coordinators_and_the_plan_s_editors_link_its_objectives(world, users):
    objective = StrategicObjective.objects.filter(module__plan=world.municipal_plan).last()
    measure = world.measures["2.1"]
    link = ObjectiveLink.objects.get(plan=world.municipal_plan)
    refused = ("partner", "analyst", "municipality", "outsider", "other_coordinator")
    for intruder in _intruders(users, refused):
        with pytest.raises(PermissionDenied):
            actions.link_objective(world.regional, measure, objective, intruder)
        with pytest.raises(PermissionDenied):
            actions.unlink_objective(link, intruder)
    assert list(ObjectiveLink.objects.filter(plan=world.municipal_plan)) == [link]
    actions.link_objective(world.regional, measure, objective, users["ixelles_editor"])
    actions.unlink_objective(link, users["coordinator"])
    assert ObjectiveLink.objects.get(plan=world.municipal_plan).measure == measure


def test_another_region_s_coordinator_cannot_take_a_plan_as_their_region_s(world, users):
    with pytest.raises(PermissionDenied):
        actions.attach_regional_plan(world.regional.plan, world.regional.region, users["other_coordinator"])
