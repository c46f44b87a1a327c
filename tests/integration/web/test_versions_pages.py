from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.plans import editing
from balise.plans.models import Indicator, Plan, PlanStatus
from balise.plans.versioning import amend_plan, sign_plan
from tests.factories import outside_plan, user_with_role


@pytest.fixture
def plan(reference) -> Plan:
    return outside_plan()


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009", first_name="Anne", last_name="Dupont")


@pytest.fixture
def colleague(reference):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009")


def versions_url(plan: Plan) -> str:
    return reverse("plan-versions", args=[plan.pk])


def compare_url(plan: Plan, a: Plan | int, b: Plan | int) -> str:
    a_id, b_id = (x if isinstance(x, int) else x.pk for x in (a, b))
    return f"{reverse('plan-compare', args=[plan.pk])}?a={a_id}&b={b_id}"


def reworded_draft(plan: Plan, user) -> Plan:
    draft = amend_plan(plan, user)
    visits = Indicator.objects.get(
        strategic_objective__module__plan=draft, text__startswith="Nombre de visites"
    )
    editing.update_node(
        "indicator", visits.pk, {"text": "Nombre de visites préventives : ≥ 80 /an"}, visits.revision, user
    )
    gone = Indicator.objects.get(strategic_objective__module__plan=draft, text__startswith="Part des visites")
    editing.delete_node("indicator", gone.pk, gone.revision, user)
    return draft


# ---------------------------------------------------------------- the list


@pytest.mark.django_db
def test_the_owner_sees_the_versions_and_may_amend_a_signed_plan(client, plan, owner):
    client.force_login(owner)
    html = client.get(versions_url(plan)).content.decode()
    assert "v1" in html and "30/06/2020" in html
    assert reverse("plan-amend", args=[plan.pk]) in html
    assert reverse("plan-sign", args=[plan.pk]) not in html


@pytest.mark.django_db
def test_a_colleague_sees_the_versions_and_who_created_them_but_no_buttons(client, plan, owner, colleague):
    draft = amend_plan(plan, owner)
    client.force_login(colleague)
    response = client.get(versions_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "v1" in html and "v2" in html and "Anne Dupont" in html
    assert reverse("plan-amend", args=[draft.pk]) not in html
    assert reverse("plan-sign", args=[draft.pk]) not in html
    assert compare_url(draft, plan, draft).replace("&", "&amp;") in html


@pytest.mark.django_db
def test_another_municipality_and_anonymous_visitors_get_nothing(client, plan, outsider):
    urls = [versions_url(plan), compare_url(plan, plan, plan)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    for action in ("plan-amend", "plan-sign"):
        response = client.post(reverse(action, args=[plan.pk]), {"signed_on": "2024-01-01"})
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
    for action in ("plan-amend", "plan-sign"):
        assert client.post(reverse(action, args=[plan.pk]), {"signed_on": "2024-01-01"}).status_code == 404
    assert Plan.objects.count() == 1


# ---------------------------------------------------------------- amend and sign


@pytest.mark.django_db
def test_amending_redirects_to_the_new_draft(client, plan, owner):
    client.force_login(owner)
    response = client.post(reverse("plan-amend", args=[plan.pk]))
    draft = Plan.objects.get(lineage=plan.lineage, version=2)
    assert response.status_code == 302 and response.url == reverse("plan-detail", args=[draft.pk])
    assert draft.status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_a_viewer_may_not_amend_or_sign(client, plan, owner, colleague):
    draft = amend_plan(plan, owner)
    client.force_login(colleague)
    assert client.post(reverse("plan-amend", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plan-sign", args=[draft.pk]), {"signed_on": "2024-01-01"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_amending_a_draft_is_refused_with_the_reason(client, plan, owner):
    draft = amend_plan(plan, owner)
    client.force_login(owner)
    response = client.post(reverse("plan-amend", args=[draft.pk]))
    assert response.status_code == 409
    assert "Only a signed plan can be amended" in response.content.decode()
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_amend_is_post_only(client, plan, owner):
    client.force_login(owner)
    assert client.get(reverse("plan-amend", args=[plan.pk])).status_code == 405


@pytest.mark.django_db
def test_the_owner_signs_a_draft_which_supersedes_the_previous_version(client, plan, owner):
    draft = amend_plan(plan, owner)
    client.force_login(owner)
    html = client.get(versions_url(draft)).content.decode()
    assert reverse("plan-sign", args=[draft.pk]) in html and 'type="date"' in html
    response = client.post(reverse("plan-sign", args=[draft.pk]), {"signed_on": "2024-03-01"})
    assert response.status_code == 302 and response.url == versions_url(draft)
    draft.refresh_from_db()
    plan.refresh_from_db()
    assert (draft.status, draft.signed_on, plan.status) == (
        PlanStatus.SIGNED,
        date(2024, 3, 1),
        PlanStatus.SUPERSEDED,
    )


@pytest.mark.django_db
def test_signing_without_a_valid_date_shows_the_form_again(client, plan, owner):
    draft = amend_plan(plan, owner)
    client.force_login(owner)
    response = client.post(reverse("plan-sign", args=[draft.pk]), {"signed_on": "not a date"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


# ---------------------------------------------------------------- compare


@pytest.mark.django_db
def test_the_comparison_shows_a_word_diff_a_target_change_and_a_removal(client, plan, owner, colleague):
    draft = reworded_draft(plan, owner)
    client.force_login(colleague)
    response = client.get(compare_url(draft, plan, draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>techno-préventives</del>" in html and "<ins>préventives</ins>" in html
    assert "<del>≥ 50 /an</del> → <ins>≥ 80 /an</ins>" in html
    assert 'class="change removed"' in html and "Part des visites suivies de travaux : 30%" in html
    assert "Cambriolage" in html


@pytest.mark.django_db
def test_the_comparison_shows_an_added_indicator(client, plan, owner):
    draft = amend_plan(plan, owner)
    oo = draft.modules.get(title="Coordination").strategic_objectives.get().operational_objectives.get()
    editing.create_node(
        "indicator", "operational_objective", oo.pk, {"text": "Réunions tenues : 4x/an"}, owner
    )
    client.force_login(owner)
    html = client.get(compare_url(draft, plan, draft)).content.decode()
    assert 'class="change added"' in html and "Réunions tenues : 4x/an" in html


@pytest.mark.django_db
def test_without_parameters_the_comparison_is_with_the_previous_version(client, plan, owner):
    draft = reworded_draft(plan, owner)
    client.force_login(owner)
    html = client.get(reverse("plan-compare", args=[draft.pk])).content.decode()
    assert "<del>techno-préventives</del>" in html


@pytest.mark.django_db
def test_a_plan_of_another_lineage_cannot_be_compared(client, plan, owner):
    draft = amend_plan(plan, owner)
    other = outside_plan_of_another_period()
    client.force_login(owner)
    assert client.get(compare_url(draft, plan, other)).status_code == 404
    assert client.get(compare_url(draft, 999999, draft)).status_code == 404
    assert client.get(f"{reverse('plan-compare', args=[draft.pk])}?a=abc&b={draft.pk}").status_code == 404


def outside_plan_of_another_period() -> Plan:
    from balise.domain.interchange import loads
    from balise.plans.actions import import_plan
    from tests.factories import FIXTURES

    outline = loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    outline.period_start = outline.period_start.replace(year=2026)
    outline.period_end = outline.period_end.replace(year=2027)
    return import_plan(outline, user=SYSTEM).plan


@pytest.mark.django_db
def test_the_pages_of_a_signed_then_superseded_lineage_list_three_versions(client, plan, owner):
    third = amend_plan(sign_plan(amend_plan(plan, owner), owner, date(2023, 1, 1)), owner)
    client.force_login(owner)
    html = client.get(versions_url(plan)).content.decode()
    assert all(f"v{n}" in html for n in (1, 2, 3))
    # The amend button belongs to the latest version only.
    assert reverse("plan-amend", args=[plan.pk]) not in html
    assert reverse("plan-sign", args=[third.pk]) in client.get(versions_url(third)).content.decode()
