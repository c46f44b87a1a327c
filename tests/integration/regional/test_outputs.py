"""A project's outputs as data: the coordinator defines them, the partner enters a year's figures
with a narrative and evidence and submits them, the coordinator approves or returns them; only
approved figures count in the coverage and the implementation report. The actions are called
directly, as the pages and the API call them, and from the attacker's side."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from balise import errors
from balise.accounts.actors import SYSTEM
from balise.regional import output_actions as act
from balise.regional.models import OutputDefinition, OutputReport, OutputTransition, OutputValue
from balise.regional.report.data import build_report
from balise.regional.selectors import Filters, coverage_table, project_outputs

State = OutputReport.State


@pytest.fixture
def stib(world):
    """The STIB's metro project (2021-2024, measure 3.1), with one output and nothing entered."""
    project = world.projects["stib"]
    act.define_output(project, "agents formés", SYSTEM, unit="agents", yearly_target=Decimal(100))
    return project


def _agents(project) -> int:
    return OutputDefinition.objects.get(project=project, label="agents formés").pk


def test_the_partner_enters_and_submits_then_the_coordinator_approves(world, users):
    project = world.projects["zone_2023"]  # the zone's bike patrols, 2023
    coordinator, partner = users["coordinator"], users["partner"]
    visits = act.define_output(project, "patrouilles", coordinator, unit="patrouilles", yearly_target="200")
    extra = act.define_output(project, "dont de nuit", coordinator)
    assert [d.label for d in project_outputs(project).definitions] == ["patrouilles", "dont de nuit"]
    report = act.save_outputs(
        project, 2023, {visits.pk: "1 250", extra.pk: "52"}, " Quartiers ouest ", partner
    )
    assert report.state == State.DRAFT and report.narrative == "Quartiers ouest"
    assert {v.definition_id: v.value for v in report.values.all()} == {visits.pk: 1250, extra.pk: 52}
    report = act.submit_outputs(project, 2023, partner)
    assert report.state == State.SUBMITTED
    report = act.approve_outputs(report, coordinator)
    assert report.state == State.APPROVED
    steps = [(t.from_state, t.to_state, t.by) for t in OutputTransition.objects.filter(report=report)]
    assert steps == [("draft", "submitted", partner), ("submitted", "approved", coordinator)]


def test_returned_figures_reopen_for_the_partner_with_the_comment_and_are_resubmitted(world, users, stib):
    partner_user = users["admin"]  # the STIB has no users: an administrator enters on its behalf
    act.save_outputs(stib, 2022, {_agents(stib): 80}, "", partner_user)
    report = act.submit_outputs(stib, 2022, partner_user)
    with pytest.raises(errors.Invalid) as refused:
        act.return_outputs(report, users["coordinator"], "   ")
    assert refused.value.errors == {"comment": ["Say what the partner should complete or correct."]}
    report = act.return_outputs(report, users["coordinator"], "Joindre la liste des agents.")
    year = project_outputs(stib, 2022).year(2022)
    assert year.state == State.RETURNED and year.is_open and year.comment == "Joindre la liste des agents."
    act.save_outputs(stib, 2022, {_agents(stib): 85}, "Liste jointe.", partner_user)
    report = act.submit_outputs(stib, 2022, partner_user)
    assert report.state == State.SUBMITTED
    assert project_outputs(stib, 2022).year(2022).comment == ""  # the comment belonged to the return
    assert OutputTransition.objects.filter(
        report=report, from_state="returned", to_state="submitted"
    ).exists()


def test_submitted_and_approved_figures_are_locked(world, users, stib):
    act.save_outputs(stib, 2022, {_agents(stib): 80}, "", SYSTEM)
    report = act.submit_outputs(stib, 2022, SYSTEM)
    with pytest.raises(act.OutputsLocked, match="submitted"):
        act.save_outputs(stib, 2022, {_agents(stib): 99}, "", SYSTEM)
    with pytest.raises(act.OutputsRefused):
        act.submit_outputs(stib, 2022, SYSTEM)
    act.approve_outputs(report, SYSTEM)
    with pytest.raises(act.OutputsLocked, match="approved"):
        act.save_outputs(stib, 2022, {_agents(stib): 99}, "", SYSTEM)
    with pytest.raises(act.OutputsRefused):
        act.return_outputs(report, SYSTEM, "Trop tard")
    assert OutputValue.objects.get(report=report).value == 80


def test_nothing_to_submit_is_refused(world, stib):
    with pytest.raises(errors.Invalid, match="at least one figure or a narrative"):
        act.submit_outputs(stib, 2022, SYSTEM)
    act.save_outputs(stib, 2022, {}, "", SYSTEM)
    with pytest.raises(errors.Invalid):
        act.submit_outputs(stib, 2022, SYSTEM)
    act.save_outputs(stib, 2022, {}, "Rien à chiffrer cette année : formation reportée.", SYSTEM)
    assert act.submit_outputs(stib, 2022, SYSTEM).state == State.SUBMITTED


def test_figures_are_refused_by_field_and_nothing_is_saved(world, stib):
    with pytest.raises(errors.Invalid) as refused:
        act.save_outputs(stib, 2022, {_agents(stib): "-3"}, "", SYSTEM)
    assert list(refused.value.errors) == [f"values.{_agents(stib)}"]
    with pytest.raises(errors.Invalid) as refused:
        act.save_outputs(stib, 2022, {999999: "3"}, "", SYSTEM)
    assert list(refused.value.errors) == ["values.999999"]
    with pytest.raises(errors.Invalid) as refused:
        act.save_outputs(stib, 2030, {_agents(stib): "3"}, "", SYSTEM)
    assert list(refused.value.errors) == ["year"]
    assert not OutputReport.objects.filter(project=stib).exists()


def test_a_figure_saved_by_someone_else_meanwhile_is_not_overwritten(world, stib):
    act.save_outputs(stib, 2022, {_agents(stib): 80}, "", SYSTEM, expected_revision=0)
    with pytest.raises(errors.StaleEdit):
        act.save_outputs(stib, 2022, {_agents(stib): 81}, "", SYSTEM, expected_revision=0)
    assert OutputValue.objects.get(report__project=stib).value == 80


def test_an_output_with_figures_is_renamed_never_removed(world, users):
    visits = OutputDefinition.objects.get(project=world.projects["zone"])
    with pytest.raises(act.OutputsRefused):
        act.remove_output(visits, users["coordinator"])
    act.change_output(visits, users["coordinator"], label="visites", unit="visites", yearly_target="160")
    visits.refresh_from_db()
    assert (visits.label, visits.yearly_target) == ("visites", Decimal(160))
    with pytest.raises(errors.Invalid, match="already reports"):
        act.define_output(world.projects["zone"], " Visites ", users["coordinator"])


@pytest.mark.parametrize(
    "intruder",
    ["other_partner", "outsider", "analyst", "municipality", "other_coordinator", "anonymous", None],
)
def test_those_who_may_not_handle_a_projects_outputs_are_refused_by_every_write(world, users, stib, intruder):
    user = AnonymousUser() if intruder == "anonymous" else (users[intruder] if intruder else None)
    project = world.projects["zone"]
    visits = OutputDefinition.objects.get(project=project)
    approved = OutputReport.objects.get(project=project, year=2021)
    act.save_outputs(stib, 2022, {_agents(stib): 3}, "", SYSTEM)
    submitted = act.submit_outputs(stib, 2022, SYSTEM)
    before = (OutputValue.objects.count(), OutputDefinition.objects.count(), OutputTransition.objects.count())
    for write in (
        lambda: act.define_output(project, "x", user),
        lambda: act.change_output(visits, user, label="x"),
        lambda: act.remove_output(visits, user),
        lambda: act.save_outputs(project, 2021, {visits.pk: 1}, "", user),
        lambda: act.submit_outputs(project, 2021, user),
        lambda: act.approve_outputs(submitted, user),
        lambda: act.return_outputs(approved, user, "non"),
    ):
        with pytest.raises(PermissionDenied):
            write()
    after = (OutputValue.objects.count(), OutputDefinition.objects.count(), OutputTransition.objects.count())
    assert after == before


def test_a_partner_enters_its_figures_but_neither_defines_nor_approves_them(world, users, stib):
    partner, project = users["partner"], world.projects["zone_2023"]
    with pytest.raises(PermissionDenied):
        act.define_output(project, "x", partner)
    visits = act.define_output(project, "patrouilles", SYSTEM)
    act.save_outputs(project, 2023, {visits.pk: 7}, "", partner)
    report = act.submit_outputs(project, 2023, partner)
    with pytest.raises(PermissionDenied):
        act.approve_outputs(report, partner)
    with pytest.raises(PermissionDenied):
        act.save_outputs(stib, 2022, {_agents(stib): 1}, "", partner)  # another partner's project


def test_the_coverage_counts_a_projects_measures_once_its_figures_are_approved(world, stib):
    def reported() -> dict[int, str]:
        table = coverage_table(world.regional, Filters(2021, 2022))
        return {row.number: str(row.reported) for row in table.rows}

    # The zone's approved visits (1.1*, 1.2, 2.1) count; the STIB's 3.1 has no approved figure.
    assert reported() == {1: "2/3", 2: "1/2", 3: "0/2"}
    act.save_outputs(stib, 2022, {_agents(stib): 80}, "", SYSTEM)
    report = act.submit_outputs(stib, 2022, SYSTEM)
    assert reported()[3] == "0/2"  # submitted: not yet
    act.approve_outputs(report, SYSTEM)
    assert reported()[3] == "1/2"
    assert str(coverage_table(world.regional, Filters(2023, 2023)).row(3).reported) == "0/2"  # other years
    # The funded coverage itself does not depend on figures.
    assert str(coverage_table(world.regional, Filters(2021, 2022)).row(3).overall) == "1/2"


def test_the_implementation_report_gives_approved_figures_only(world, stib):
    def stib_figures():
        report = build_report(world.regional, 2021, 2022)
        measure = next(m for t in report.thematics for m in t.measures if m.code == "3.1")
        return [(o.year, o.label, o.number, o.unit) for o in measure.projects[0].outputs]

    act.save_outputs(stib, 2022, {_agents(stib): 80}, "", SYSTEM)
    assert stib_figures() == []
    report = act.submit_outputs(stib, 2022, SYSTEM)
    assert stib_figures() == []
    act.return_outputs(report, SYSTEM, "Préciser")
    assert stib_figures() == []
    act.approve_outputs(act.submit_outputs(stib, 2022, SYSTEM), SYSTEM)
    assert stib_figures() == [(2022, "agents formés", Decimal(80), "agents")]
