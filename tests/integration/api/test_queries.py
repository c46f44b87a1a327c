"""The tree endpoint reads a plan in a fixed number of queries, whatever its size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actors import SYSTEM
from balise.domain.interchange import outline_from_dict
from balise.plans.actions import import_plan
from tests.integration.api.conftest import outside_document


def big_document(modules: int, objectives: int) -> dict:
    document = outside_document()
    document["title"] = "Grand plan"
    document["modules"] = [
        {
            "title": f"Module {m}",
            "kind": "phenomenon",
            "general_objectives": [f"Objectif général {m}"],
            "strategic_objectives": [
                {
                    "title": f"Objectif stratégique {m}.{s}",
                    "service": f"Service {s}",
                    "operational_objectives": [
                        {
                            "title": f"Objectif opérationnel {m}.{s}.{o}",
                            "results": [f"Résultat {m}.{s}.{o}"],
                            "indicators": [{"text": f"Nombre d'actions : ≥ {o + 1} /an"}],
                        }
                        for o in range(3)
                    ],
                    "indicators": [{"text": "Présence : ≥ 7 h/jour"}],
                }
                for s in range(objectives)
            ],
        }
        for m in range(modules)
    ]
    return document


def queries_for_tree(client, plan_id: int) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/plans/{plan_id}")
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()


@pytest.mark.django_db
def test_the_tree_takes_the_same_number_of_queries_for_a_small_and_a_large_plan(client, owner, plan):
    large = import_plan(outline_from_dict(big_document(modules=12, objectives=5)), user=SYSTEM).plan
    client.force_login(owner)
    small_count, small_tree = queries_for_tree(client, plan.pk)
    large_count, large_tree = queries_for_tree(client, large.pk)
    indicators = sum(
        len(so["indicators"]) + sum(len(oo["indicators"]) for oo in so["operational_objectives"])
        for m in large_tree["modules"]
        for so in m["strategic_objectives"]
    )
    assert (len(small_tree["modules"]), len(large_tree["modules"]), indicators) == (2, 12, 12 * 5 * 4)
    assert small_count == large_count
    # session + user, the caller's memberships, the access check, then `plan_with_tree` (10).
    assert large_count == 14
