"""The evaluation form saves each field as it changes (the page's script posts with X-Autosave
and reads a JSON answer): saved with the new revision and progress, or refused with why, and
someone else's newer version is sent back instead of being overwritten."""

from __future__ import annotations

import pytest

from balise.monitoring.models import Assessment
from balise.monitoring.workflow import evaluation_for, save_self_evaluation, submit
from tests.integration.monitoring_web.conftest import YEAR, indicator

VISITS = "Nombre de visites techno"
AUTOSAVE = {"HTTP_X_AUTOSAVE": "1"}


def self_url(plan, key) -> str:
    return f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/self/indicator/{key}/"


@pytest.mark.django_db
def test_a_field_saved_as_it_changes_answers_its_revision_and_the_progress(client, plan, evaluator):
    visits = indicator(plan, VISITS)
    client.force_login(evaluator)
    page = client.get(f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/").content.decode()
    assert 'data-progress="self">0/' in page and "data-autosave" in page
    response = client.post(
        self_url(plan, visits.key), {"self_evaluation": "En cours", "revision": "0"}, **AUTOSAVE
    )
    body = response.json()
    assert response.status_code == 200 and body["ok"] and body["revision"] == 1
    assert body["progress"]["self_evaluated"] == 1 and body["progress"]["subjects"] > 1
    assert Assessment.objects.get(subject_key=visits.key).self_evaluation == "En cours"
    again = client.post(self_url(plan, visits.key), {"self_evaluation": "Fini", "revision": "1"}, **AUTOSAVE)
    assert again.json()["revision"] == 2


@pytest.mark.django_db
def test_a_field_changed_by_someone_else_is_sent_back_not_overwritten(client, plan, evaluator, owner):
    visits = indicator(plan, VISITS)
    save_self_evaluation(evaluation_for(plan, YEAR), "indicator", visits.key, "Version d'Ana", owner)
    client.force_login(evaluator)
    response = client.post(
        self_url(plan, visits.key), {"self_evaluation": "La mienne", "revision": "0"}, **AUTOSAVE
    )
    body = response.json()
    assert response.status_code == 409 and not body["ok"]
    assert body["theirs"]["self_evaluation"] == "Version d'Ana" and body["theirs"]["revision"] == 1
    assert Assessment.objects.get(subject_key=visits.key).self_evaluation == "Version d'Ana"


@pytest.mark.django_db
def test_an_autosave_on_a_locked_year_fails_visibly(client, plan, evaluator):
    visits = indicator(plan, VISITS)
    submit(evaluation_for(plan, YEAR), evaluator)
    client.force_login(evaluator)
    response = client.post(
        self_url(plan, visits.key), {"self_evaluation": "Trop tard", "revision": "0"}, **AUTOSAVE
    )
    assert response.status_code == 409 and response.json()["errors"]


@pytest.mark.django_db
def test_an_outsider_autosave_is_refused(client, plan, outsider):
    visits = indicator(plan, VISITS)
    client.force_login(outsider)
    response = client.post(self_url(plan, visits.key), {"self_evaluation": "x", "revision": "0"}, **AUTOSAVE)
    assert response.status_code == 404  # another municipality's plan does not exist for them
