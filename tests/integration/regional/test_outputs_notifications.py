"""Who hears of a project's outputs, and in which language: the coordinators when figures wait
for their review; the partner's people when they are approved or returned (with the comment)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balise.accounts.preferences import remember_language
from balise.regional import output_actions as act
from balise.regional.models import OutputDefinition


@pytest.fixture
def patrols(world, users):
    """The zone's bike patrols (2023), one output entered by the zone's partner user."""
    for name, address, language in (
        ("coordinator", "coord@safe.brussels", "nl"),
        ("partner", "zone@polbru.example", "fr"),
        ("other_partner", "other@polzone.example", "fr"),
        ("other_coordinator", "coord@wallonie.example", "fr"),
    ):
        users[name].email = address
        users[name].save()
        remember_language(users[name], language)
    project = world.projects["zone_2023"]
    patrols = act.define_output(project, "patrouilles", users["coordinator"], yearly_target=Decimal(200))
    act.save_outputs(project, 2023, {patrols.pk: "120"}, "Quartiers ouest", users["partner"])
    return project


def test_submitted_outputs_are_announced_to_the_regions_coordinators_in_their_language(
    patrols, users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act.submit_outputs(patrols, 2023, users["partner"])

    assert [m.to for m in mailoutbox] == [["coord@safe.brussels"]]  # not the other region's
    assert mailoutbox[0].subject == "Balise: realisaties van 2023 te beoordelen"
    assert "Patrouilles vélo" in mailoutbox[0].body and "/outputs/2023/review/" in mailoutbox[0].body


def test_returned_outputs_reach_the_partner_with_the_comment_in_the_partners_language(
    patrols, users, mailoutbox, django_capture_on_commit_callbacks
):
    report = act.submit_outputs(patrols, 2023, users["partner"])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act.return_outputs(report, users["coordinator"], "Joindre la liste des patrouilles.")

    assert [m.to for m in mailoutbox] == [["zone@polbru.example"]]  # not another zone's partner
    assert mailoutbox[0].subject == "Balise : vos réalisations de 2023 vous sont renvoyées"
    assert "Joindre la liste des patrouilles." in mailoutbox[0].body


def test_approved_outputs_are_announced_to_the_partner(
    patrols, users, mailoutbox, django_capture_on_commit_callbacks
):
    report = act.submit_outputs(patrols, 2023, users["partner"])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act.approve_outputs(report, users["coordinator"])

    assert [m.to for m in mailoutbox] == [["zone@polbru.example"]]
    assert mailoutbox[0].subject == "Balise : vos réalisations de 2023 sont approuvées"


def test_a_refused_return_sends_nothing(patrols, users, mailoutbox, django_capture_on_commit_callbacks):
    report = act.submit_outputs(patrols, 2023, users["partner"])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(act.errors.Invalid):
        act.return_outputs(report, users["coordinator"], "  ")

    assert mailoutbox == []
    assert OutputDefinition.objects.filter(project=patrols).count() == 1
