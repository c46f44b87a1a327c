"""The evaluation page of a year: state, history, buttons per role, self-evaluation, analysis."""

from __future__ import annotations

import re

import pytest

from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Assessment, Evaluation
from balise.monitoring.workflow import evaluation_for, mark_analysed, save_analysis, submit
from tests.factories import assess_every_indicator
from tests.integration.monitoring_web.conftest import YEAR, indicator

VISITS = "Nombre de visites techno"


def page_url(plan, year: int = YEAR) -> str:
    return f"/plans/{plan.pk}/monitoring/evaluation/{year}/"


def act(client, plan, action: str, **data):
    return client.post(page_url(plan) + "state/", {"action": action, **data})


def block(html: str, key) -> str:
    match = re.search(rf'<article class="subject [^"]*" id="s-{key}">(.*?)</article>', html, re.S)
    assert match, f"no block for {key}"
    return match.group(1)


def revision_in(html: str) -> str:
    """The revision the page's form carries, as a browser would send it back."""
    return re.search(r'name="revision" value="(\d+)"', html).group(1)


def state(plan) -> str:
    return Evaluation.objects.get(lineage=plan.lineage, year=YEAR).state


@pytest.mark.django_db
def test_the_whole_flow_from_self_evaluation_to_reopening(client, plan, owner, evaluator, analyst, admin):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "45"}, owner)

    client.force_login(evaluator)
    html = client.get(page_url(plan)).content.decode()
    assert 'value="submit"' in html and 'value="reopen"' not in html
    url = f"{page_url(plan)}self/indicator/{visits.key}/"
    response = client.post(url, {"self_evaluation": "Presque atteint : 45 visites.", "revision": "0"})
    assert response.status_code == 302 and f"#s-{visits.key}" in response["Location"]
    assert act(client, plan, "submit", confirm="yes").status_code == 302
    assert state(plan) == "submitted"

    client.force_login(analyst)
    html = client.get(page_url(plan)).content.decode()
    assert "Presque atteint : 45 visites." in block(html, visits.key)
    assert 'value="analyse"' in html and 'value="submit"' not in html
    response = client.post(
        f"{page_url(plan)}analysis/indicator/{visits.key}/",
        {
            "analysis": "Bon suivi.",
            "colour": "orange",
            "motivation": "90 % de la cible.",
            "revision": revision_in(block(html, visits.key)),
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(subject_key=visits.key)
    assert (assessment.colour.code, assessment.motivation) == ("orange", "90 % de la cible.")
    assess_every_indicator(Evaluation.objects.get(lineage=plan.lineage, year=YEAR), analyst)
    assert act(client, plan, "analyse", confirm="yes").status_code == 302
    assert act(client, plan, "close", confirm="yes").status_code == 302
    assert state(plan) == "closed"

    client.force_login(admin)
    html = client.get(page_url(plan)).content.decode()
    assert 'value="reopen"' in html and 'name="reason"' in html
    assert act(client, plan, "reopen", reason="Erreur dans les visites de mars").status_code == 302
    assert state(plan) == "draft"
    html = client.get(page_url(plan)).content.decode()
    history = html.split('class="list transitions-history"')[1].split("</table>")[0]
    assert "Erreur dans les visites de mars" in history
    assert "Eva Luyten" in history and "Fé Deral" in history
    assert history.count("<tr>") == 5  # header + submitted, analysed, closed, reopened
    # Nothing is overwritten: the analysis is still there after the reopening.
    assert "Bon suivi." in block(html, visits.key)


@pytest.mark.django_db
def test_an_illegal_transition_is_refused_with_its_message_and_a_409(client, plan, analyst):
    client.force_login(analyst)
    response = act(client, plan, "close")  # a draft cannot be closed
    assert response.status_code == 409
    assert 'class="notice error"' in response.content.decode()
    # Refused before the year's first write: no evaluation row is left behind.
    assert not Evaluation.objects.filter(lineage=plan.lineage, year=YEAR).exists()


@pytest.mark.django_db
def test_only_an_administrator_reopens_and_always_with_a_reason(client, plan, evaluator, analyst, admin):
    submit(evaluation_for(plan, YEAR), evaluator)
    client.force_login(analyst)
    assert act(client, plan, "reopen", reason="s'il vous plaît").status_code == 403
    client.force_login(evaluator)
    response = act(client, plan, "reopen", reason="oubli")
    assert response.status_code == 403
    assert 'class="notice error"' in response.content.decode()
    client.force_login(admin)
    response = act(client, plan, "reopen", reason="  ")
    assert response.status_code == 200  # shown again with the message next to the reason (htmx: 422)
    assert "field-error" in response.content.decode()
    assert state(plan) == "submitted"


@pytest.mark.django_db
def test_a_colleague_reads_the_evaluation_but_cannot_submit_or_write(client, plan, colleague):
    client.force_login(colleague)
    html = client.get(page_url(plan)).content.decode()
    assert 'value="submit"' not in html and "<textarea" not in html
    assert act(client, plan, "submit").status_code == 403
    visits = indicator(plan, VISITS)
    response = client.post(f"{page_url(plan)}self/indicator/{visits.key}/", {"self_evaluation": "x"})
    assert response.status_code == 403
    assert not Evaluation.objects.exists() and not Assessment.objects.exists()


@pytest.mark.django_db
def test_another_municipality_and_anonymous_see_nothing(client, plan, outsider):
    response = client.get(page_url(plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    assert client.get(page_url(plan)).status_code == 404
    assert act(client, plan, "submit").status_code == 404
    assert client.get(page_url(plan, 1999)).status_code == 404  # outside the plan, even for the owner


@pytest.mark.django_db
def test_a_municipality_cannot_analyse_and_an_analyst_cannot_self_evaluate(client, plan, owner, analyst):
    visits = indicator(plan, VISITS)
    submit(evaluation_for(plan, YEAR), owner)
    client.force_login(owner)
    response = client.post(f"{page_url(plan)}analysis/indicator/{visits.key}/", {"colour": "green"})
    assert response.status_code == 403
    client.force_login(analyst)
    response = client.post(f"{page_url(plan)}self/indicator/{visits.key}/", {"self_evaluation": "x"})
    assert response.status_code == 403
    assert not Assessment.objects.filter(colour__isnull=False).exists()


@pytest.mark.django_db
def test_a_self_evaluation_after_submission_is_refused_with_a_409_beside_it(client, plan, evaluator):
    visits = indicator(plan, VISITS)
    submit(evaluation_for(plan, YEAR), evaluator)
    client.force_login(evaluator)
    response = client.post(f"{page_url(plan)}self/indicator/{visits.key}/", {"self_evaluation": "trop tard"})
    assert response.status_code == 409
    assert "notice error" in block(response.content.decode(), visits.key)


@pytest.mark.django_db
def test_the_suggested_colour_is_a_hint_never_saved_unless_chosen(client, plan, owner, evaluator, analyst):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "55"}, owner)  # met → green suggested
    submit(evaluation_for(plan, YEAR), evaluator)
    client.force_login(analyst)
    html = block(client.get(page_url(plan)).content.decode(), visits.key)
    assert re.search(r'<option value="green"[^>]*data-suggested="true"', html)
    assert not re.search(r'<option value="green"[^>]*selected', html)
    assert re.search(r'<option value=""\s*>', html)  # nothing chosen yet
    response = client.post(
        f"{page_url(plan)}analysis/indicator/{visits.key}/",
        {"analysis": "Vu.", "colour": "", "motivation": ""},
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(subject_key=visits.key)
    assert assessment.colour is None and assessment.suggested_status == "met"


@pytest.mark.django_db
def test_past_years_are_listed_with_their_state_and_colours(client, plan, owner, evaluator, analyst):
    visits = indicator(plan, VISITS)
    evaluation = submit(evaluation_for(plan, 2023), evaluator)
    save_analysis(
        evaluation,
        "indicator",
        visits.key,
        analysis="",
        colour_code="red",
        motivation="Cible manquée.",
        user=analyst,
    )
    assess_every_indicator(evaluation, analyst)
    mark_analysed(evaluation, analyst)
    client.force_login(owner)
    html = client.get(page_url(plan)).content.decode()
    past = html.split('class="past"')[1].split("</section>")[0]
    assert f'href="/plans/{plan.pk}/monitoring/evaluation/2023/"' in past
    assert "state-analysed" in past and "Non atteint: 1" in past


@pytest.mark.django_db
def test_a_refused_first_self_evaluation_leaves_no_evaluation_row(client, plan, evaluator):
    """The first write of a year creates its evaluation in the write's transaction: refused (an
    unknown subject, 422 to htmx; a stale revision, 409), nothing of the year is kept."""
    visits = indicator(plan, VISITS)
    client.force_login(evaluator)
    unknown = "00000000-0000-4000-8000-000000000000"
    response = client.post(
        f"{page_url(plan)}self/indicator/{unknown}/", {"self_evaluation": "x"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    stale = {"self_evaluation": "x", "revision": "3"}
    response = client.post(f"{page_url(plan)}self/indicator/{visits.key}/", stale)
    assert response.status_code == 409
    response = client.post(
        f"{page_url(plan)}self/indicator/{visits.key}/", stale, headers={"X-Autosave": "1"}
    )
    assert response.status_code == 409
    assert not Evaluation.objects.filter(lineage=plan.lineage).exists()
    assert not Assessment.objects.exists()
