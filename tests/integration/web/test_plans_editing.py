from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from balise.plans.models import (
    ExpectedResult,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanStatus,
    StrategicObjective,
)
from tests.integration.web.plans_support import HTMX, draft_plan, generated_plan, in_english, people


@pytest.fixture
def plan(reference):
    return draft_plan()


@pytest.fixture
def users(plan):
    return people()


@pytest.fixture
def owner(client, users):
    in_english(client)
    client.force_login(users.owner)
    return users.owner


def indicator(text_start: str = "Nombre de visites") -> Indicator:
    return Indicator.objects.get(text__startswith=text_start)


def edit_url(node, kind: str = "indicator") -> str:
    return f"/plans/nodes/{kind}/{node.pk}/edit/"


# --- who may do what ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_colleague_may_read_but_gets_403_on_every_edit(client, plan, users):
    client.force_login(users.colleague)
    target, oo = indicator(), OperationalObjective.objects.first()
    assert client.get(f"/plans/nodes/indicator/{target.pk}/", **HTMX).status_code == 200
    for method, url, data in (
        ("get", edit_url(target), {}),
        ("post", edit_url(target), {"text": "Piraté : 1/an", "revision": target.revision}),
        ("post", f"/plans/nodes/indicator/{target.pk}/delete/", {"revision": target.revision}),
        ("post", f"/plans/nodes/indicator/{target.pk}/move/", {"direction": "up"}),
        ("post", f"/plans/nodes/indicator/add/operational_objective/{oo.pk}/", {"text": "Nouveau"}),
        ("post", f"/plans/{plan.pk}/header/edit/", {"title": "Piraté", "revision": plan.revision}),
    ):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert indicator().text == target.text


@pytest.mark.django_db
def test_another_municipality_gets_404_on_every_edit(client, plan, users):
    client.force_login(users.outsider)
    target, oo = indicator(), OperationalObjective.objects.first()
    for url, data in (
        (f"/plans/nodes/indicator/{target.pk}/", None),
        (edit_url(target), {"text": "Piraté : 1/an", "revision": target.revision}),
        (f"/plans/nodes/indicator/{target.pk}/delete/", {"revision": target.revision}),
        (f"/plans/nodes/indicator/{target.pk}/move/", {"direction": "up"}),
        (f"/plans/nodes/indicator/add/operational_objective/{oo.pk}/", {"text": "Nouveau"}),
        (f"/plans/{plan.pk}/header/edit/", {"title": "Piraté", "revision": plan.revision}),
    ):
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 404, url
    assert Indicator.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, plan):
    target = indicator()
    for url in (
        edit_url(target),
        f"/plans/nodes/indicator/{target.pk}/delete/",
        f"/plans/{plan.pk}/header/edit/",
    ):
        response = client.post(url, {"revision": 1})
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_signed_plan_refuses_edits_saying_a_new_version_is_needed(client, plan, owner):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED)
    target = indicator()
    response = client.post(edit_url(target), {"text": "Autre : 1/an", "revision": target.revision}, **HTMX)
    assert response.status_code == 409
    assert "create a new version" in response.content.decode()
    assert indicator().text == target.text


@pytest.mark.django_db
def test_an_unknown_kind_of_node_is_a_404(client, plan, owner):
    assert client.get("/plans/nodes/planet/1/edit/").status_code == 404


# --- editing in place ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_edit_form_replaces_the_node_and_carries_its_revision(client, plan, owner):
    target = indicator()
    response = client.get(edit_url(target), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="head-indicator-{target.pk}"' in html and f'hx-post="{edit_url(target)}"' in html
    assert f'name="revision" value="{target.revision}"' in html
    assert "Nombre de visites techno-préventives : ≥ 50 /an</textarea>" in html


@pytest.mark.django_db
def test_saving_an_indicator_reparses_its_target_and_shows_the_new_reading(client, plan, owner):
    target = indicator()
    text = "Nombre de visites techno-préventives : ≥ 80 /an"
    response = client.post(edit_url(target), {"text": text, "revision": target.revision}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<q>≥ 80 /an</q>" in html and "≥ 80 per year" in html
    saved = Indicator.objects.get(pk=target.pk)
    assert saved.target_value == Decimal("80") and saved.target_raw == "≥ 80 /an"
    assert saved.revision == target.revision + 1
    assert f'"revision": "{saved.revision}"' in html  # the delete button knows the new revision


@pytest.mark.django_db
def test_renaming_a_branch_updates_its_title_in_the_summary_too(client, plan, owner):
    so = StrategicObjective.objects.get(title__startswith="Agir")
    response = client.post(
        edit_url(so, "strategic_objective"),
        {"title": "Agir sur l'environnement", "revision": so.revision},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="title-strategic_objective-{so.pk}" hx-swap-oob="true"' in html
    assert "Agir sur l&#x27;environnement" in html


@pytest.mark.django_db
def test_an_invalid_edit_shows_the_message_next_to_the_field_with_422(client, plan, owner):
    target = indicator()
    response = client.post(edit_url(target), {"text": "   ", "revision": target.revision}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="field invalid"' in html and "This field is required." in html
    assert html.index("<textarea") < html.index("This field is required.")
    assert indicator().text == target.text


@pytest.mark.django_db
def test_without_htmx_an_edit_is_a_plain_post_and_a_redirect(client, plan, owner):
    target = indicator()
    page = client.get(edit_url(target)).content.decode()
    assert "<html" in page and "<textarea" in page
    assert "hx-post" not in page.split('class="standalone"')[1]  # a plain form, posted by the browser
    response = client.post(edit_url(target), {"text": "Visites : ≥ 60 /an", "revision": target.revision})
    assert response.status_code == 302
    assert response.url == f"/plans/{plan.pk}/#node-indicator-{target.pk}"
    assert indicator("Visites").target_value == Decimal("60")
    invalid = client.post(edit_url(target), {"text": "", "revision": target.revision + 1})
    assert invalid.status_code == 200 and "This field is required." in invalid.content.decode()


@pytest.mark.django_db
def test_a_stale_edit_shows_both_versions_and_lets_the_user_reapply_theirs(client, plan, owner, users):
    target = indicator()
    other = Client()
    other.force_login(users.owner)
    theirs = "Nombre de visites techno-préventives : ≥ 70 /an"
    assert other.post(edit_url(target), {"text": theirs, "revision": target.revision}).status_code == 302

    mine = "Nombre de visites à domicile : ≥ 90 /an"
    response = client.post(edit_url(target), {"text": mine, "revision": target.revision}, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Their version (saved)" in html and theirs in html
    assert "Your version (not saved)" in html and mine in html
    current = Indicator.objects.get(pk=target.pk)
    assert current.text == theirs
    assert f'name="revision" value="{current.revision}"' in html

    again = client.post(edit_url(target), {"text": mine, "revision": current.revision}, **HTMX)
    assert again.status_code == 200
    assert Indicator.objects.get(pk=target.pk).text == mine


@pytest.mark.django_db
def test_a_request_without_the_csrf_token_is_refused_and_the_htmx_header_is_accepted(plan, users):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users.owner)
    page = browser.get(f"/plans/{plan.pk}/").content.decode()
    token = page.split('hx-headers=\'{"X-CSRFToken": "')[1].split('"')[0]
    target = indicator()
    data = {"text": "Visites : ≥ 5 /an", "revision": target.revision}
    assert browser.post(edit_url(target), data, **HTMX).status_code == 403
    assert browser.post(edit_url(target), data, HTTP_X_CSRFTOKEN=token, **HTMX).status_code == 200


# --- adding --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_adding_an_indicator_appends_it_and_reopens_an_empty_form(client, plan, owner):
    oo = OperationalObjective.objects.get(title__startswith="Réaliser")
    url = f"/plans/nodes/indicator/add/operational_objective/{oo.pk}/"
    form = client.get(url, **HTMX)
    assert form.status_code == 200 and f'hx-target="#list-indicator-operational_objective-{oo.pk}"' in (
        form.content.decode()
    )
    response = client.post(url, {"text": "Nombre de réunions de quartier : 4x/an"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    created = Indicator.objects.get(text__startswith="Nombre de réunions")
    assert created.operational_objective == oo and created.target_value == Decimal("4")
    assert f'<li class="node leaf indicator" id="node-indicator-{created.pk}"' in html
    assert f'id="add-indicator-operational_objective-{oo.pk}" hx-swap-oob="true"' in html
    assert created.order == 2  # after the two indicators already there


@pytest.mark.django_db
def test_an_invalid_addition_is_shown_in_the_form_with_422(client, plan, owner):
    oo = OperationalObjective.objects.first()
    url = f"/plans/nodes/result/add/operational_objective/{oo.pk}/"
    response = client.post(url, {"text": ""}, **HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#add-result-operational_objective-{oo.pk}"
    assert "This field is required." in response.content.decode()
    assert ExpectedResult.objects.filter(operational_objective=oo).count() == 1


@pytest.mark.django_db
def test_adding_branches_renders_them_with_their_own_add_buttons(client, plan, owner):
    module_response = client.post(
        f"/plans/nodes/module/add/plan/{plan.pk}/",
        {"title": "Nuisances sociales", "kind": "phenomenon"},
        **HTMX,
    )
    assert module_response.status_code == 200
    module = Module.objects.get(plan=plan, title="Nuisances sociales")
    assert f'<details class="node module" id="node-module-{module.pk}"' in module_response.content.decode()
    so_response = client.post(
        f"/plans/nodes/strategic_objective/add/module/{module.pk}/",
        {"title": "Réduire les nuisances"},
        **HTMX,
    )
    so = StrategicObjective.objects.get(module=module)
    html = so_response.content.decode()
    assert so_response.status_code == 200
    assert f"/plans/nodes/indicator/add/strategic_objective/{so.pk}/" in html
    assert f"/plans/nodes/operational_objective/add/strategic_objective/{so.pk}/" in html


@pytest.mark.django_db
def test_without_htmx_an_addition_redirects_to_the_new_node(client, plan, owner):
    so = StrategicObjective.objects.get(title__startswith="Agir")
    response = client.post(
        f"/plans/nodes/indicator/add/strategic_objective/{so.pk}/", {"text": "Présence : Oui/Non"}
    )
    created = Indicator.objects.get(text="Présence : Oui/Non")
    assert response.status_code == 302 and response.url.endswith(f"#node-indicator-{created.pk}")
    assert created.operational_objective is None and created.target_kind == "boolean"


@pytest.mark.django_db
def test_a_node_cannot_be_added_under_a_parent_of_the_wrong_kind_or_another_plan(client, plan, owner):
    module = Module.objects.filter(plan=plan).first()
    assert client.post(f"/plans/nodes/result/add/module/{module.pk}/", {"text": "x"}).status_code == 404
    other = generated_plan(1, title="Plan de Molenbeek", municipality="Molenbeek-Saint-Jean")
    other_oo = OperationalObjective.objects.filter(strategic_objective__module__plan=other).first()
    url = f"/plans/nodes/result/add/operational_objective/{other_oo.pk}/"
    assert client.post(url, {"text": "Intrus"}).status_code == 404
    assert not ExpectedResult.objects.filter(text="Intrus").exists()


# --- deleting and moving -------------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_with_htmx_removes_the_node(client, plan, owner):
    target = indicator()
    response = client.post(
        f"/plans/nodes/indicator/{target.pk}/delete/", {"revision": target.revision}, **HTMX
    )
    assert response.status_code == 200 and response.content == b""
    assert not Indicator.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_deleting_a_node_changed_meanwhile_is_refused_and_shows_the_current_version(client, plan, owner):
    target = indicator()
    Indicator.objects.filter(pk=target.pk).update(
        text="Changé entre-temps : 3/an", revision=target.revision + 1
    )
    response = client.post(
        f"/plans/nodes/indicator/{target.pk}/delete/", {"revision": target.revision}, **HTMX
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == f"#head-indicator-{target.pk}"
    assert "Changé entre-temps" in response.content.decode()
    assert Indicator.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_without_htmx_deleting_asks_for_confirmation_first(client, plan, owner):
    so = StrategicObjective.objects.get(title__startswith="Agir")
    url = f"/plans/nodes/strategic_objective/{so.pk}/delete/"
    confirmation = client.get(url)
    assert (
        confirmation.status_code == 200
        and "Everything under it is deleted too." in confirmation.content.decode()
    )
    assert StrategicObjective.objects.filter(pk=so.pk).exists()
    response = client.post(url, {"revision": so.revision})
    assert response.status_code == 302
    assert not StrategicObjective.objects.filter(pk=so.pk).exists()
    assert not Indicator.objects.filter(strategic_objective_id=so.pk).exists()


@pytest.mark.django_db
def test_moving_up_and_down_reorders_the_siblings(client, plan, owner):
    oo = OperationalObjective.objects.get(title__startswith="Réaliser")
    first, second = oo.indicators.order_by("order")
    response = client.post(f"/plans/nodes/indicator/{second.pk}/move/", {"direction": "up"}, **HTMX)
    assert response.status_code == 204
    assert list(oo.indicators.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]
    plain = client.post(f"/plans/nodes/indicator/{second.pk}/move/", {"direction": "down"})
    assert plain.status_code == 302 and plain.url.endswith(f"#node-indicator-{second.pk}")
    assert list(oo.indicators.order_by("order").values_list("pk", flat=True)) == [first.pk, second.pk]
    # Already last: moving further down changes nothing.
    client.post(f"/plans/nodes/indicator/{second.pk}/move/", {"direction": "down"}, **HTMX)
    assert list(oo.indicators.order_by("order").values_list("pk", flat=True)) == [first.pk, second.pk]
    assert (
        client.post(f"/plans/nodes/indicator/{second.pk}/move/", {"direction": "sideways"}).status_code == 400
    )


@pytest.mark.django_db
def test_moving_a_module_reorders_the_modules_of_the_plan(client, plan, owner):
    coordination, burglary = Module.objects.filter(plan=plan).order_by("order")
    assert (
        client.post(f"/plans/nodes/module/{burglary.pk}/move/", {"direction": "up"}, **HTMX).status_code
        == 204
    )
    assert list(Module.objects.filter(plan=plan).order_by("order")) == [burglary, coordination]


# --- the plan header -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_editing_the_header_reads_belgian_amounts_and_updates_the_title(client, plan, owner):
    url = f"/plans/{plan.pk}/header/edit/"
    form = client.get(url, **HTMX).content.decode()
    assert 'type="date"' in form and 'value="2020-01-01"' in form
    data = {
        "title": "PSSP d'Ixelles 2020-2025",
        "period_start": "2020-01-01",
        "period_end": "2025-12-31",
        "annual_amount_eur": "300.000,50",
        "revision": plan.revision,
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "300\u202f000,50 €" in html
    title = '<span lang="fr">PSSP d&#x27;Ixelles 2020-2025</span>'  # in the plan's language
    assert f'<h1 id="title-plan-{plan.pk}" hx-swap-oob="true">{title}</h1>' in html
    plan.refresh_from_db()
    assert plan.annual_amount_eur == Decimal("300000.50") and plan.revision == 2


@pytest.mark.django_db
def test_an_invalid_header_shows_the_message_next_to_the_field(client, plan, owner):
    url = f"/plans/{plan.pk}/header/edit/"
    data = {"period_start": "2025-01-01", "period_end": "2020-01-01", "revision": plan.revision}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "The period cannot end before it starts." in html
    assert html.index('name="period_end"') < html.index("The period cannot end before it starts.")
    plan.refresh_from_db()
    assert plan.period_end.year == 2025


@pytest.mark.django_db
def test_a_stale_header_edit_shows_both_versions(client, plan, owner):
    Plan.objects.filter(pk=plan.pk).update(title="Titre changé par un collègue", revision=plan.revision + 1)
    response = client.post(
        f"/plans/{plan.pk}/header/edit/", {"title": "Mon titre", "revision": plan.revision}, **HTMX
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Titre changé par un collègue" in html and "Mon titre" in html
    assert f'name="revision" value="{plan.revision + 1}"' in html
