"""The audit trail of a plan: /plans/<id>/history/."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.interchange import outline_from_dict
from balise.plans import editing
from balise.plans.actions import import_plan
from balise.plans.models import ExpectedResult, Indicator, Module, OperationalObjective, Plan
from balise.reference.models import Phenomenon
from balise.web.audit.selectors import HistoryFilter, plan_history
from tests.factories import FIXTURES, user_with_role

# These tests read the French interface, as a Belgian user would.
pytestmark = pytest.mark.usefixtures("in_french")

VISITS = "Nombre de visites techno-préventives : ≥ 50 /an"
NOTHING = "Aucune modification enregistrée ne correspond à ces filtres."


def _outline(visits_target: int = 50, **changes):
    text = (FIXTURES / "outside_plan.json").read_text(encoding="utf-8")
    text = text.replace("≥ 50 /an", f"≥ {visits_target} /an").replace(
        '"value": 50,', f'"value": {visits_target},'
    )
    data = json.loads(text)
    data.pop("signed_on")  # a draft, so that it can be edited
    data.update(changes)
    return outline_from_dict(data)


@pytest.fixture
def plan(reference) -> Plan:
    return import_plan(_outline(), user=SYSTEM).plan


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009", first_name="Ana", last_name="Peeters")


def _visits(plan: Plan) -> Indicator:
    """The indicator of technical prevention visits, whatever its current wording."""
    return Indicator.objects.get(
        strategic_objective__module__plan=plan, text__startswith="Nombre de visites techno"
    )


def _edit_visits(plan: Plan, user, text: str) -> Indicator:
    indicator = _visits(plan)
    return editing.update_node("indicator", indicator.pk, {"text": text}, indicator.revision, user)


def _history(client, plan: Plan, query: str = "") -> str:
    response = client.get(f"/plans/{plan.pk}/history/{query}")
    assert response.status_code == 200
    return response.content.decode()


# Access --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_owner_and_a_colleague_read_the_history(client, plan, owner):
    client.force_login(owner)
    assert "Coordination" in _history(client, plan)
    client.force_login(user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009"))
    assert "Coordination" in _history(client, plan)


@pytest.mark.django_db
def test_another_municipality_gets_a_404_and_no_data(client, plan):
    client.force_login(user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012"))
    response = client.get(f"/plans/{plan.pk}/history/")
    assert response.status_code == 404
    assert "Coordination" not in response.content.decode()


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, plan):
    response = client.get(f"/plans/{plan.pk}/history/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_following_a_key_does_not_reach_plans_the_viewer_cannot_read(client, plan):
    key = _visits(plan).key
    client.force_login(user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012"))
    assert client.get(f"/plans/{plan.pk}/history/?node={key}").status_code == 404


# What is shown -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_import_is_shown_as_created_by_the_system(client, plan, owner):
    client.force_login(owner)
    html = _history(client, plan)
    assert "système/import" in html  # French is the default language
    assert "Créé" in html and VISITS in html


@pytest.mark.django_db
def test_a_change_shows_who_when_and_old_and_new_values(client, plan, owner):
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 60 /an")
    client.force_login(owner)
    html = _history(client, plan)
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "Ana Peeters" in first_row and "Modifié" in first_row
    assert f"<del>{VISITS}</del>" in first_row
    assert "<ins>Nombre de visites techno-préventives : ≥ 60 /an</ins>" in first_row
    # The parsed target changed with the text; Decimal values are shown the Belgian way.
    assert "<del>50</del>" in first_row and "<ins>60</ins>" in first_row
    assert "Révision" not in first_row  # bookkeeping is not a change
    local_now = timezone.localtime()
    assert re.search(rf">{local_now:%d/%m/%Y} \d\d:\d\d</time>", first_row)


@pytest.mark.django_db
def test_numbers_in_changes_are_written_the_belgian_way(client, plan, owner):
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 1250,5 /an")
    client.force_login(owner)
    client.post("/i18n/setlang/", {"language": "nl"})
    assert "<ins>1\u202f250,5</ins>" in _history(client, plan)


@pytest.mark.django_db
def test_a_changed_reference_is_named_not_numbered(client, plan, owner):
    module = Module.objects.get(plan=plan, title="Cambriolage")
    other = Phenomenon.objects.exclude(pk=module.phenomenon_id).first()
    editing.update_node("module", module.pk, {"phenomenon": other.pk}, module.revision, owner)
    client.force_login(owner)
    html = _history(client, plan)
    assert f"<ins>{other.name_fr}</ins>" in html


@pytest.mark.django_db
def test_deleted_nodes_and_their_deleted_children_are_still_listed(client, plan, owner):
    module = Module.objects.get(plan=plan, title="Cambriolage")
    editing.delete_node("module", module.pk, module.revision, owner)
    assert not Indicator.objects.filter(text=VISITS).exists()
    entries = plan_history({plan.pk: plan.version}, HistoryFilter(kind="indicator")).entries
    visits = [(e.type, e.plan_id) for e in entries if e.text == VISITS]
    assert visits == [("deleted", plan.pk), ("created", plan.pk)]
    client.force_login(owner)
    assert "Supprimé" in _history(client, plan, "?kind=module")


@pytest.mark.django_db
def test_the_history_is_read_in_one_query_per_historical_table_whatever_its_size(
    plan, owner, django_assert_num_queries
):
    with django_assert_num_queries(10):
        small = plan_history({plan.pk: plan.version})
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    bulk_create_with_history(
        [ExpectedResult(operational_objective=oo, order=10 + n, text=f"Result {n}") for n in range(150)],
        ExpectedResult,
    )
    for n in range(5):
        _edit_visits(plan, owner, f"Nombre de visites techno-préventives : ≥ {70 + n} /an")
    editing.delete_node("module", Module.objects.get(plan=plan, title="Cambriolage").pk, 1, owner)
    with django_assert_num_queries(10):
        large = plan_history({plan.pk: plan.version})
    assert len(large.entries) > len(small.entries) + 150


@pytest.mark.django_db
def test_the_history_shows_newest_first_a_hundred_per_page(client, plan, owner):
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    bulk_create_with_history(
        [ExpectedResult(operational_objective=oo, order=10 + n, text=f"Result {n}") for n in range(120)],
        ExpectedResult,
    )
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 60 /an")
    client.force_login(owner)
    first = _history(client, plan)
    assert first.count('<tr class="') == 100
    assert first.split("<tbody>")[1].index("≥ 60 /an") < first.split("<tbody>")[1].index("Result")
    second = _history(client, plan, "?page=2")
    assert 0 < second.count('<tr class="') < 100
    assert "Gardiens de la paix 90" in first + second  # contingents belong to the history too


# Filters -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_filters_by_person(client, plan, owner):
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 60 /an")
    client.force_login(owner)
    html = _history(client, plan, f"?person={owner.pk}")
    assert html.count('<tr class="') == 1
    assert "système/import" not in html.split("<tbody>")[1]
    system = _history(client, plan, "?person=system")
    assert "Ana Peeters" not in system.split("<tbody>")[1]


@pytest.mark.django_db
def test_it_filters_by_date_range(client, plan, owner):
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 60 /an")
    client.force_login(owner)
    today = timezone.localdate()
    tomorrow, yesterday = today + datetime.timedelta(days=1), today - datetime.timedelta(days=1)
    assert NOTHING in _history(client, plan, f"?date_from={tomorrow:%Y-%m-%d}")
    assert NOTHING in _history(client, plan, f"?date_to={yesterday:%Y-%m-%d}")
    html = _history(client, plan, f"?date_from={today:%d/%m/%Y}&date_to={today:%Y-%m-%d}")
    assert "<ins>Nombre de visites techno-préventives : ≥ 60 /an</ins>" in html


@pytest.mark.django_db
def test_a_change_keeps_its_old_values_when_the_previous_record_is_outside_the_dates(plan, owner):
    indicator = _visits(plan)
    past = timezone.now() - datetime.timedelta(days=30)
    indicator.history.filter(id=indicator.pk).update(history_date=past)
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 60 /an")
    entries = plan_history(
        {plan.pk: plan.version}, HistoryFilter(date_from=timezone.localdate(), node=indicator.key)
    ).entries
    assert [e.type for e in entries] == ["changed"]
    changes = {change.name: (change.old, change.new) for change in entries[0].changes}
    assert changes["text"] == (VISITS, "Nombre de visites techno-préventives : ≥ 60 /an")
    assert changes["target_value"] == ("50", "60")


@pytest.mark.django_db
def test_it_follows_one_indicator_across_versions_by_its_key(client, plan, owner):
    key = _visits(plan).key
    _edit_visits(plan, owner, VISITS.replace("50", "55"))
    # A new version of the same plan, its document written after the edit: the indicator keeps its key.
    version2 = import_plan(_outline(visits_target=55), replace=True, user=SYSTEM).plan
    assert version2.version == 2 and _visits(version2).key == key
    _edit_visits(version2, owner, VISITS.replace("50", "65"))
    client.force_login(owner)
    html = _history(client, version2, f"?node={key}")
    rows = html.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == 4  # created v1, changed v1, created v2, changed v2
    assert "version 2" in rows[0] and "version 1" in rows[-1]
    assert "Coordination" not in html.split("<tbody>")[1]


@pytest.mark.django_db
def test_it_filters_by_kind_and_node_number(client, plan, owner):
    client.force_login(owner)
    html = _history(client, plan, "?kind=contingent")
    assert html.count('<tr class="') == 1 and "Gardiens de la paix 90" in html
    indicator = _visits(plan)
    html = _history(client, plan, f"?kind=indicator&node={indicator.pk}")
    assert html.count('<tr class="') == 1 and VISITS in html


@pytest.mark.django_db
def test_invalid_filters_are_reported_not_a_500(client, plan, owner):
    client.cookies["django_language"] = "fr"
    client.force_login(owner)
    html = _history(client, plan, "?node=not-a-key&person=x&date_from=2026-13-45&kind=bogus")
    assert "Indiquez l'identité (clé) ou le numéro d'un élément." in html
    assert "Personne inconnue." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "before", "after"), [("fr", "par an", "par mois"), ("nl", "per jaar", "per maand")]
)
def test_a_changed_target_reads_in_the_readers_words_not_as_stored(
    client, plan, owner, language, before, after
):
    _edit_visits(plan, owner, "Nombre de visites techno-préventives : ≥ 5 /mois")
    client.cookies["django_language"] = language
    client.force_login(owner)
    changes = _history(client, plan).split('<ul class="changes">', 1)[1].split("</ul>", 1)[0]
    assert f"<del>{before}</del> → <ins>{after}</ins>" in changes
    assert "<del>year</del>" not in changes and "<ins>month</ins>" not in changes
