from __future__ import annotations

import json

import pytest

from balise.monitoring import workflow
from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Evaluation, Measurement
from tests.factories import assess_every_indicator
from tests.integration.monitoring.conftest import client_of

pytestmark = pytest.mark.django_db


def put(client, url: str, body: dict):
    return client.put(url, json.dumps(body), content_type="application/json")


def post(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def endpoints(plan, ind) -> list[tuple[str, str, dict | None]]:
    base = f"/api/plans/{plan.pk}"
    key = ind["count"].key
    return [
        ("get", f"{base}/progress?year=2024", None),
        ("get", f"/api/indicators/{ind['count'].pk}/measurements", None),
        ("put", f"/api/indicators/{ind['count'].pk}/measurements", {"period": "2024", "amount": "3"}),
        (
            "post",
            f"{base}/measurements/bulk",
            {"period": "2024", "rows": {str(ind["count"].pk): {"amount": 3}}},
        ),
        ("get", f"{base}/evaluations/2024", None),
        ("put", f"{base}/evaluations/2024/assessments/indicator/{key}", {"self_evaluation": "ok"}),
        ("post", f"{base}/evaluations/2024/transitions", {"action": "submit"}),
    ]


def call(client, method: str, url: str, body: dict | None):
    if method == "get":
        return client.get(url)
    return (put if method == "put" else post)(client, url, body)


@pytest.mark.parametrize("who", ["outsider", None])
def test_outsiders_get_404_and_anonymous_401_on_every_endpoint(request, plan, ind, who):
    client = client_of(request.getfixturevalue(who) if who else None)
    for method, url, body in endpoints(plan, ind):
        response = call(client, method, url, body)
        assert response.status_code == (404 if who else 401), (method, url, response.content)
    assert not Measurement.objects.exists()


def test_the_owner_reaches_every_endpoint(plan, ind, editor):
    client = client_of(editor)
    for method, url, body in endpoints(plan, ind):
        response = call(client, method, url, body)
        assert response.status_code == 200, (method, url, response.content)


def test_a_colleague_reads_but_does_not_write(plan, ind, viewer):
    client = client_of(viewer)
    for method, url, body in endpoints(plan, ind):
        assert call(client, method, url, body).status_code == (200 if method == "get" else 403), url


def test_a_federal_analyst_reads_but_never_records_values(plan, ind, analyst):
    client = client_of(analyst)
    assert client.get(f"/api/plans/{plan.pk}/progress?year=2024").status_code == 200
    for method, url, body in endpoints(plan, ind)[2:4]:
        assert call(client, method, url, body).status_code == 403


def test_put_returns_the_value_and_refuses_a_stale_revision_with_409(ind, editor, evaluator):
    url = f"/api/indicators/{ind['count'].pk}/measurements"
    first = put(client_of(editor), url, {"period": "2024", "amount": "12", "revision": 0})
    assert first.status_code == 200 and first.json()["amount"] == "12.00" and first.json()["revision"] == 1
    put(client_of(evaluator), url, {"period": "2024", "amount": "13", "revision": 1})
    stale = put(client_of(editor), url, {"period": "2024", "amount": "14", "revision": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["amount"] == "13.00"


def test_invalid_values_are_422_with_field_paths(plan, ind, editor):
    client = client_of(editor)
    one = put(client, f"/api/indicators/{ind['percent'].pk}/measurements", {"period": "2024", "numerator": 5})
    assert one.status_code == 422
    assert [e["loc"] for e in one.json()["detail"]] == ["denominator"]
    # A negative amount is outside the schema: refused before any indicator is read.
    rows = {str(ind["monthly"].pk): {"amount": -1}, str(ind["daily_hours"].pk): {"amount": 100}}
    bulk = post(client, f"/api/plans/{plan.pk}/measurements/bulk", {"period": "2024-03", "rows": rows})
    assert bulk.status_code == 422
    assert {e["loc"] for e in bulk.json()["detail"]} == {f"rows.{ind['monthly'].pk}.amount"}
    # Within the schema, what the indicator's target needs is checked row by row.
    rows = {str(ind["monthly"].pk): {"amount": 1}, str(ind["daily_hours"].pk): {"amount": 100}}
    bulk = post(client, f"/api/plans/{plan.pk}/measurements/bulk", {"period": "2024-03", "rows": rows})
    assert bulk.status_code == 422
    assert {e["loc"] for e in bulk.json()["detail"]} == {f"rows.{ind['daily_hours'].pk}.days"}


def test_a_locked_year_is_409(plan, ind, editor):
    workflow.submit(workflow.evaluation_for(plan, 2024), editor)
    response = put(
        client_of(editor), f"/api/indicators/{ind['count'].pk}/measurements", {"period": "2024", "amount": 1}
    )
    assert response.status_code == 409


def test_measurements_of_an_indicator_are_listed_by_year(ind, editor):
    record_measurement(ind["count"], "2023", {"amount": "4"}, editor)
    record_measurement(ind["count"], "2024", {"amount": "5"}, editor)
    response = client_of(editor).get(f"/api/indicators/{ind['count'].pk}/measurements?year=2024")
    assert [m["period"] for m in response.json()] == ["2024"]


def test_the_evaluation_goes_through_its_states_by_role(plan, ind, editor, analyst, admin):
    url = f"/api/plans/{plan.pk}/evaluations/2024/transitions"
    assert post(client_of(analyst), url, {"action": "submit"}).status_code == 403
    assert post(client_of(analyst), url, {"action": "analyse"}).status_code == 409  # nothing submitted
    assert post(client_of(editor), url, {"action": "submit"}).json()["state"] == "submitted"
    assert post(client_of(editor), url, {"action": "analyse"}).status_code == 403
    assert post(client_of(editor), url, {"action": "submit"}).status_code == 409
    analysis = put(
        client_of(analyst),
        f"/api/plans/{plan.pk}/evaluations/2024/assessments/indicator/{ind['count'].key}",
        {"analysis": "Bien", "colour": "green", "motivation": "Cible atteinte"},
    )
    assert analysis.status_code == 200 and analysis.json()["colour"] == "green"
    unassessed = post(client_of(analyst), url, {"action": "analyse"})
    assert unassessed.status_code == 409  # every indicator needs a colour first
    assess_every_indicator(Evaluation.objects.get(lineage=plan.lineage, year=2024), analyst)
    assert post(client_of(analyst), url, {"action": "analyse"}).json()["state"] == "analysed"
    assert post(client_of(editor), url, {"action": "reopen", "reason": "x"}).status_code == 403
    no_reason = post(client_of(admin), url, {"action": "reopen", "reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["loc"] == "reason"
    reopened = post(client_of(admin), url, {"action": "reopen", "reason": "Erreur de saisie"}).json()
    assert reopened["state"] == "draft"
    assert [t["to"] for t in reopened["transitions"]] == ["submitted", "analysed", "draft"]


def test_a_self_evaluation_after_submission_is_409(plan, ind, editor):
    url = f"/api/plans/{plan.pk}/evaluations/2024/assessments/indicator/{ind['count'].key}"
    assert put(client_of(editor), url, {"self_evaluation": "Atteint"}).status_code == 200
    workflow.submit(workflow.evaluation_for(plan, 2024), editor)
    assert put(client_of(editor), url, {"self_evaluation": "Changé"}).status_code == 409


def test_progress_lists_every_indicator_with_its_status(plan, ind, editor):
    record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    body = client_of(editor).get(f"/api/plans/{plan.pk}/progress?year=2024").json()
    by_id = {row["indicator_id"]: row for row in body["rows"]}
    assert len(by_id) == len(ind)
    assert (by_id[ind["count"].pk]["status"], by_id[ind["count"].pk]["actual"]) == ("met", "60.00")
    assert body["totals"]["met"] == 1


def test_a_refused_first_assessment_leaves_no_evaluation_row(plan, ind, editor):
    """The first self-evaluation of a year creates its evaluation in the same transaction: a 422
    (unknown subject) or 409 (stale revision) leaves no Evaluation behind."""
    base = f"/api/plans/{plan.pk}/evaluations/2024/assessments/indicator"
    client = client_of(editor)
    unknown = put(client, f"{base}/00000000-0000-4000-8000-000000000000", {"self_evaluation": "x"})
    assert unknown.status_code == 422
    stale = put(client, f"{base}/{ind['count'].key}", {"self_evaluation": "x", "revision": 4})
    assert stale.status_code == 409
    assert not Evaluation.objects.filter(lineage=plan.lineage).exists()
    assert put(client, f"{base}/{ind['count'].key}", {"self_evaluation": "x"}).status_code == 200
    assert Evaluation.objects.filter(lineage=plan.lineage, year=2024).count() == 1
