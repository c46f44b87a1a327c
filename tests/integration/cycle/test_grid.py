"""The data-entry grid: indicators × the periods of a year for a whole plan, each cell saved as it
changes, a pasted block saved as one write, the revision checked per cell."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.roles import Role
from balise.monitoring.actions import record_measurement
from balise.monitoring.models import IndicatorYearProgress, Measurement
from balise.monitoring.workflow import evaluation_for, submit
from balise.plans.models import Indicator
from tests.factories import user_with_role
from tests.integration.monitoring_web.conftest import YEAR, indicator

VISITS = "Nombre de visites techno"  # ≥ 50 /an: one yearly cell
SHARE = "Part des visites suivies"  # 30%: count / total
PRESENCE = "Présence des gardiens"  # ≥ 7 h/jour: monthly, hours / days
TOOLS = "Existence d'outils"  # Oui/Non


def grid_url(plan) -> str:
    return f"/plans/{plan.pk}/monitoring/grid/?year={YEAR}"


def send(client, plan, *cells: tuple):
    """POST the cells as the page's script does: ``(indicator, period, text[, revision])``."""
    body = {
        "cells": [
            {"key": f"{ind.pk}:{period}", "text": text, "revision": rest[0] if rest else 0}
            for ind, period, text, *rest in cells
        ]
    }
    return client.post(
        f"/plans/{plan.pk}/monitoring/grid/cells/?year={YEAR}",
        json.dumps(body),
        content_type="application/json",
    )


def value(ind, period):
    return Measurement.objects.filter(indicator_key=ind.key, period=period).first()


# The page ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_indicator_gets_the_cells_of_the_period_its_target_is_entered_for(client, plan, owner):
    client.force_login(owner)
    html = client.get(grid_url(plan)).content.decode()
    visits, presence = indicator(plan, VISITS), indicator(plan, PRESENCE)
    assert html.count(f'data-key="{visits.pk}:') == 1  # ≥ 50 /an: one yearly cell
    assert html.count(f'data-key="{presence.pk}:') == 12  # ≥ 7 h/jour: month by month
    assert f'data-key="{presence.pk}:{YEAR}-03"' in html
    assert 'data-shape="ratio"' in html and 'data-shape="hours_in_days"' in html


@pytest.mark.django_db
def test_periods_are_named_in_the_readers_language(client, plan, owner, in_french):
    client.force_login(owner)
    html = client.get(grid_url(plan)).content.decode()
    assert "janv. 2024" in html and f">{YEAR}-01<" not in html


@pytest.mark.django_db
def test_stored_values_are_shown_as_the_cell_writes_them(client, plan, owner):
    record_measurement(indicator(plan, SHARE), "2024", {"numerator": "18", "denominator": "60"}, owner)
    record_measurement(indicator(plan, PRESENCE), "2024-02", {"amount": "140.5", "days": "20"}, owner)
    client.force_login(owner)
    html = client.get(grid_url(plan)).content.decode()
    assert 'value="18 / 60"' in html and 'value="140,5 / 20"' in html


@pytest.mark.django_db
def test_the_grid_page_runs_the_same_number_of_queries_whatever_the_number_of_indicators(client, plan, owner):
    client.force_login(owner)
    client.get(grid_url(plan))  # session, caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(grid_url(plan)).status_code == 200
        return len(queries)

    before = count()
    model = indicator(plan, PRESENCE)
    for n in range(30):
        Indicator.objects.create(
            strategic_objective=model.strategic_objective,
            text=f"Heures de présence {n} : ≥ 7 h/jour",
            order=100 + n,
            target_kind=model.target_kind,
            target_comparator=model.target_comparator,
            target_value=model.target_value,
            target_per=model.target_per,
            target_raw=model.target_raw,
        )
    record_measurement(
        indicator(plan, "Heures de présence 3 "), "2024-01", {"amount": "7", "days": "1"}, owner
    )
    assert count() == before
    assert before <= 15


# Writing ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cell_is_saved_by_the_acting_user_and_the_progress_follows(client, plan, evaluator):
    client.force_login(evaluator)
    visits = indicator(plan, VISITS)
    response = send(client, plan, (visits, "2024", "45"))
    assert response.status_code == 200, response.content
    assert response.json() == {"ok": True, "cells": {f"{visits.pk}:2024": {"text": "45", "revision": 1}}}
    stored = value(visits, "2024")
    assert stored.amount == Decimal("45.00") and stored.entered_by == evaluator
    assert stored.history.first().history_user == evaluator
    progress = IndicatorYearProgress.objects.get(indicator=visits, year=2024)
    assert progress.status == "partly_met"


@pytest.mark.django_db
def test_typing_over_a_value_keeps_its_comment_and_source(client, plan, owner):
    visits = indicator(plan, VISITS)
    record_measurement(
        visits, "2024", {"amount": 45, "comment": "Relevé de mars", "source": "Registre"}, owner
    )
    client.force_login(owner)

    assert send(client, plan, (visits, "2024", "52", 1)).status_code == 200

    stored = value(visits, "2024")
    assert (stored.amount, stored.comment, stored.source) == (Decimal(52), "Relevé de mars", "Registre")


@pytest.mark.django_db
def test_a_cell_is_checked_by_the_kind_of_its_target(client, plan, owner):
    client.force_login(owner)
    visits, share, tools = indicator(plan, VISITS), indicator(plan, SHARE), indicator(plan, TOOLS)
    response = send(client, plan, (visits, "2024", "4,5"))
    assert response.status_code == 422
    assert response.json()["errors"] == {f"{visits.pk}:2024": ["Enter a whole number."]}
    response = send(client, plan, (share, "2024", "18"))
    assert response.json()["errors"][f"{share.pk}:2024"] == ["Out of (total): This value is required."]
    response = send(client, plan, (share, "2024", "70 / 60"))
    assert "cannot exceed" in response.json()["errors"][f"{share.pk}:2024"][0]
    assert send(client, plan, (tools, "2024", "peut-être")).json()["errors"] == {
        f"{tools.pk}:2024": ["Answer yes or no."]
    }
    assert not Measurement.objects.exists()
    assert send(client, plan, (tools, "2024", "oui")).json()["cells"][f"{tools.pk}:2024"]["text"] == "yes"


@pytest.mark.django_db
def test_a_pasted_block_is_one_write_all_or_nothing(client, plan, owner):
    client.force_login(owner)
    presence = indicator(plan, PRESENCE)
    block = [(presence, f"2024-0{m}", f"{140 + m} / 20") for m in (1, 2, 3)]
    response = send(client, plan, *block, (presence, "2024-04", "150 / zéro"))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [f"{presence.pk}:2024-04"]
    assert not Measurement.objects.exists()  # the three good cells were not written either
    response = send(client, plan, *block)
    assert response.status_code == 200
    assert Measurement.objects.filter(indicator_key=presence.key).count() == 3
    assert IndicatorYearProgress.objects.get(indicator=presence, year=2024).status == "met"


@pytest.mark.django_db
def test_a_cell_changed_by_someone_else_since_the_page_was_loaded_is_shown_not_overwritten(
    client, plan, owner, evaluator
):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "52"}, evaluator)  # while the owner's page was open
    client.force_login(owner)
    response = send(client, plan, (visits, "2024", "40", 0))
    assert response.status_code == 409
    assert response.json()["theirs"] == {
        f"{visits.pk}:2024": {"text": "52", "revision": 1, "by": "Eva Luyten"}
    }
    assert value(visits, "2024").amount == Decimal("52.00")
    assert send(client, plan, (visits, "2024", "40", 1)).status_code == 200  # "replace it with mine"
    assert value(visits, "2024").amount == Decimal("40.00")


@pytest.mark.django_db
def test_an_emptied_cell_removes_its_value_unless_it_changed_meanwhile(client, plan, owner):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "52"}, owner)
    client.force_login(owner)
    record_measurement(visits, "2024", {"amount": "53"}, owner, expected_revision=1)
    assert send(client, plan, (visits, "2024", "", 1)).status_code == 409
    response = send(client, plan, (visits, "2024", "", 2))
    assert response.json() == {"ok": True, "cells": {f"{visits.pk}:2024": {"text": "", "revision": 0}}}
    assert value(visits, "2024") is None


@pytest.mark.django_db
def test_a_submitted_year_is_read_only_in_the_grid(client, plan, owner):
    submit(evaluation_for(plan, YEAR), owner)
    client.force_login(owner)
    html = client.get(grid_url(plan)).content.decode()
    assert "gcell-input" not in html
    response = send(client, plan, (indicator(plan, VISITS), "2024", "45"))
    assert response.status_code == 409 and not Measurement.objects.exists()


@pytest.mark.django_db
def test_without_script_the_form_saves_the_changed_cells(client, plan, owner):
    visits, share = indicator(plan, VISITS), indicator(plan, SHARE)
    record_measurement(share, "2024", {"numerator": "1", "denominator": "2"}, owner)
    client.force_login(owner)
    data = {
        "year": YEAR,
        f"cell-{visits.pk}:2024": "51",
        f"was-{visits.pk}:2024": "",
        f"rev-{visits.pk}:2024": "0",
        f"cell-{share.pk}:2024": "1 / 2",
        f"was-{share.pk}:2024": "1 / 2",
        f"rev-{share.pk}:2024": "9",  # unchanged: not written, so not checked
    }
    response = client.post(f"/plans/{plan.pk}/monitoring/grid/cells/", data)
    assert response.status_code == 302
    assert value(visits, "2024").amount == Decimal("51.00") and value(share, "2024").revision == 1
    data[f"cell-{visits.pk}:2024"] = "cinquante"
    data[f"was-{visits.pk}:2024"] = "51"
    data[f"rev-{visits.pk}:2024"] = "1"
    html = client.post(f"/plans/{plan.pk}/monitoring/grid/cells/", data).content.decode()
    assert 'value="cinquante"' in html and "Enter a number." in html


# From the attacker's side ------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_and_writes_nothing(client, plan):
    assert client.get(grid_url(plan))["Location"].startswith("/accounts/login/")
    response = send(client, plan, (indicator(plan, VISITS), "2024", "45"))
    assert response.status_code == 302 and not Measurement.objects.exists()


@pytest.mark.django_db
def test_another_municipality_and_a_partner_get_404_and_write_nothing(client, plan, outsider):
    partner = user_with_role("partner", Role.PARTNER, "5340")
    for user in (outsider, partner):
        client.force_login(user)
        response = client.get(grid_url(plan))
        assert response.status_code == 404 and "Cambriolage" not in response.content.decode()
        assert send(client, plan, (indicator(plan, VISITS), "2024", "45")).status_code == 404
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_readers_of_the_plan_see_values_but_cannot_write(client, plan, owner, colleague, analyst):
    record_measurement(indicator(plan, VISITS), "2024", {"amount": "45"}, owner)
    for user in (colleague, analyst):
        client.force_login(user)
        html = client.get(grid_url(plan)).content.decode()
        assert "gcell-input" not in html and ">45<" in html.replace(" ", "").replace("\n", "")
        response = send(client, plan, (indicator(plan, VISITS), "2024", "1", 1))
        assert response.status_code == 403
    assert value(indicator(plan, VISITS), "2024").amount == Decimal("45.00")


@pytest.mark.django_db
def test_an_indicator_of_another_plan_cannot_be_written_through_this_one(client, plan, owner, outsider):
    from tests.factories import outside_plan

    other = outside_plan()
    client.force_login(owner)
    foreign = Indicator.objects.filter(strategic_objective__module__plan=other).first()
    response = send(client, plan, (foreign, "2024", "1"))
    assert response.status_code == 422 and not Measurement.objects.exists()
