from __future__ import annotations

import pytest

from balise.monitoring.models import ColourCode
from balise.reference.loader import load_reference
from tests.integration.monitoring.conftest import client_of

pytestmark = pytest.mark.django_db


def test_the_default_scale_is_loaded_once_and_keeps_what_an_administrator_changed(reference):
    assert [(c.code, c.meaning) for c in ColourCode.objects.all()] == [
        ("green", "met"),
        ("orange", "partly_met"),
        ("red", "not_met"),
        ("grey", "no_data"),
    ]
    ColourCode.objects.filter(code="grey").update(label_fr="Pas de données")
    load_reference()
    assert ColourCode.objects.count() == 4
    assert ColourCode.objects.get(code="grey").label_fr == "Pas de données"
    assert ColourCode.objects.get(code="green").label_nl == "Bereikt"


@pytest.mark.parametrize("model", ["colourcode", "measurement", "evaluation", "assessment"])
def test_the_admin_lists_monitoring_objects(plan, admin, client, model):
    client.force_login(admin)
    assert client.get(f"/admin/monitoring/{model}/").status_code == 200


def test_the_openapi_document_describes_the_monitoring_endpoints(editor):
    paths = client_of(editor).get("/api/openapi.json").json()["paths"]
    assert "/api/plans/{plan_id}/progress" in paths
    assert "/api/plans/{plan_id}/evaluations/{year}/assessments/{subject}/{key}" in paths
