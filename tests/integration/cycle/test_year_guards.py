"""Where a year gets locked: Submit, Mark analysed and Close show what is missing and ask for a
confirmation; a year is analysed only when every indicator is assessed; the analyst may return
a submitted year to the municipality, and each side is told by e-mail."""

from __future__ import annotations

import pytest
from django.core import mail

from balise.monitoring.actions import record_measurement
from balise.monitoring.errors import Invalid, TransitionRefused
from balise.monitoring.models import ColourCode, Evaluation
from balise.monitoring.workflow import (
    evaluation_for,
    mark_analysed,
    return_to_municipality,
    save_analysis,
    save_self_evaluation,
    submit,
)
from balise.todo.items import due_items
from tests.factories import assess_every_indicator
from tests.integration.monitoring_web.conftest import YEAR, indicator

VISITS = "Nombre de visites techno"


def url(plan) -> str:
    return f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/state/"


def state(plan) -> str:
    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=YEAR).first()
    return evaluation.state if evaluation else "draft"


@pytest.fixture
def submitted(plan, evaluator):
    return submit(evaluation_for(plan, YEAR), evaluator)


@pytest.mark.django_db
def test_submit_first_shows_what_is_missing_and_locks_only_once_confirmed(client, plan, evaluator, owner):
    record_measurement(indicator(plan, VISITS), "2024", {"amount": "45"}, owner)
    client.force_login(evaluator)
    response = client.post(url(plan), {"action": "submit"})
    html = response.content.decode()
    assert response.status_code == 200 and state(plan) == "draft"
    assert "without any value for the year" in html and "without self-evaluation" in html
    assert VISITS not in html.split('id="no-values"')[1].split("</details>")[0]  # it has a value
    assert 'name="confirm" value="yes"' in html
    assert client.post(url(plan), {"action": "submit", "confirm": "yes"}).status_code == 302
    assert state(plan) == "submitted"


@pytest.mark.django_db
def test_a_year_with_unassessed_indicators_cannot_be_marked_analysed(client, plan, submitted, analyst):
    client.force_login(analyst)
    response = client.post(url(plan), {"action": "analyse"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "without a colour" in html and 'name="confirm"' not in html
    # Posting the confirmation by hand changes nothing either: the rule is the workflow's.
    assert client.post(url(plan), {"action": "analyse", "confirm": "yes"}).status_code == 409
    assert state(plan) == "submitted"
    with pytest.raises(TransitionRefused):
        mark_analysed(submitted, analyst)


@pytest.mark.django_db
def test_red_needs_a_motivation_and_not_evaluable_needs_its_reason(plan, submitted, analyst):
    visits = indicator(plan, VISITS)
    assess_every_indicator(submitted, analyst, colour="grey", motivation="Pas de données en 2024.")
    save_analysis(
        submitted, "indicator", visits.key, analysis="", colour_code="red", motivation="", user=analyst
    )
    with pytest.raises(TransitionRefused):
        mark_analysed(submitted, analyst)
    save_analysis(
        submitted, "indicator", visits.key, analysis="", colour_code="red", motivation="Arrêt.", user=analyst
    )
    assert mark_analysed(submitted, analyst).state == "analysed"


@pytest.mark.django_db
def test_the_colours_that_need_a_motivation_are_configurable(plan, submitted, analyst):
    assess_every_indicator(submitted, analyst, colour="green", motivation="")
    ColourCode.objects.filter(code="green").update(needs_motivation=True)
    with pytest.raises(TransitionRefused):
        mark_analysed(submitted, analyst)
    ColourCode.objects.filter(code="green").update(needs_motivation=False)
    assert mark_analysed(submitted, analyst).state == "analysed"


@pytest.mark.django_db
def test_closing_asks_for_a_confirmation(client, plan, submitted, analyst):
    assess_every_indicator(submitted, analyst)
    mark_analysed(submitted, analyst)
    client.force_login(analyst)
    response = client.post(url(plan), {"action": "close"})
    assert response.status_code == 200 and 'value="close"' in response.content.decode()
    assert state(plan) == "analysed"
    assert client.post(url(plan), {"action": "close", "confirm": "yes"}).status_code == 302
    assert state(plan) == "closed"


@pytest.mark.django_db
def test_the_analyst_returns_a_year_and_the_municipality_resubmits_it(
    client, plan, submitted, analyst, evaluator, owner, django_capture_on_commit_callbacks
):
    owner.email, analyst.email = "ana@ixelles.example", "fe@ibz.example"
    owner.save(), analyst.save()
    client.force_login(analyst)
    assert client.post(url(plan), {"action": "return", "comment": "  "}).status_code == 200
    assert state(plan) == "submitted"  # a return always says why
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(plan), {"action": "return", "comment": "Il manque les visites de mars."})
    assert response.status_code == 302 and state(plan) == "returned"
    assert [m.to for m in mail.outbox] == [["ana@ixelles.example"]]
    assert "Il manque les visites de mars." in mail.outbox[0].body

    # The municipality sees the comment, and the year is open to it again.
    client.force_login(evaluator)
    html = client.get(f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/").content.decode()
    assert "Il manque les visites de mars." in html and 'value="submit"' in html
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024-03", {"amount": "4"}, owner)
    save_self_evaluation(submitted, "indicator", visits.key, "Complété.", evaluator)
    assert [(i.kind, i.state) for i in due_items(owner) if i.kind == "evaluation" and i.year == YEAR] == [
        ("evaluation", "returned")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(plan), {"action": "submit", "confirm": "yes"})
    assert state(plan) == "submitted"
    assert mail.outbox[-1].to == ["fe@ibz.example"]
    transitions = [(t.from_state, t.to_state) for t in submitted.transitions.all()]
    assert transitions[-2:] == [("submitted", "returned"), ("returned", "submitted")]


@pytest.mark.django_db
def test_only_an_analyst_returns_a_year_and_only_a_submitted_one(client, plan, submitted, owner, analyst):
    client.force_login(owner)
    assert client.post(url(plan), {"action": "return", "comment": "non"}).status_code == 403
    with pytest.raises(Invalid):
        return_to_municipality(submitted, analyst, "")
    assess_every_indicator(submitted, analyst)
    mark_analysed(submitted, analyst)
    with pytest.raises(TransitionRefused):
        return_to_municipality(submitted, analyst, "trop tard")
