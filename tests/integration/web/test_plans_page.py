from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.plans.models import Plan, PlanStatus
from tests.integration.web.plans_support import draft_plan, generated_plan, in_english, people

NNBSP = "\u202f"  # the Belgian thousands separator


@pytest.fixture
def plan(reference):
    return draft_plan()


@pytest.fixture
def users(plan):
    return people()


def page(client, user, plan: Plan) -> tuple[int, str]:
    in_english(client)
    client.force_login(user)
    response = client.get(f"/plans/{plan.pk}/")
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, plan):
    response = client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_another_municipality_gets_a_404_and_no_data(client, plan, users):
    status, html = page(client, users.outsider, plan)
    assert status == 404
    assert "Cambriolage" not in html


@pytest.mark.django_db
def test_the_header_shows_money_the_belgian_way_with_computed_contingent_amounts(client, plan, users):
    status, html = page(client, users.colleague, plan)
    assert status == 200
    assert f"250{NNBSP}000,00 €" in html  # annual allocation
    assert f"7{NNBSP}560,00 €" in html  # personnel: 1.5 FTE × 420 × 12, computed
    assert f"8{NNBSP}110,29 €" in html  # total with equipment
    assert "01/01/2020 – 31/12/2025" in html
    assert "Gardiens de la paix 90" in html and "Ixelles" in html


@pytest.mark.django_db
def test_the_tree_shows_every_level_with_targets_as_written_and_as_read(client, plan, users):
    status, html = page(client, users.colleague, plan)
    assert status == 200
    for text in (
        "Mettre en oeuvre le plan stratégique",  # general objective
        "Agir sur les circonstances et l&#x27;environnement criminogènes",  # strategic objective
        "Service: Conseillers en prévention vol",
        "Réaliser des visites techno-préventives",  # operational objective
        "Visites réalisées à domicile",  # expected result
    ):
        assert text in html
    assert html.count("<details") >= 5
    assert "<q>≥ 50 /an</q>" in html and "≥ 50 per year" in html
    assert "<q>≥ 7 h/jour</q>" in html and f"≥ 7{NNBSP}h per day" in html
    assert f"30{NNBSP}%" in html
    assert "National catalogue" in html  # the objective reproduces the catalogue's wording


@pytest.mark.django_db
def test_a_colleague_reads_the_draft_without_any_editing_tool(client, plan, users):
    status, html = page(client, users.colleague, plan)
    assert status == 200
    assert "/edit/" not in html and "/delete/" not in html and "/add/" not in html


@pytest.mark.django_db
def test_the_owner_of_a_draft_gets_the_editing_tools(client, plan, users):
    status, html = page(client, users.owner, plan)
    assert status == 200
    assert f'hx-get="/plans/{plan.pk}/header/edit/"' in html
    assert "/plans/nodes/indicator/add/operational_objective/" in html
    assert 'data-move="up"' in html and "hx-confirm=" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html  # htmx requests carry the CSRF token


@pytest.mark.django_db
@pytest.mark.parametrize("status", [PlanStatus.SIGNED, PlanStatus.SUPERSEDED])
def test_a_signed_or_superseded_plan_is_read_only_even_for_its_owner(client, plan, users, status):
    Plan.objects.filter(pk=plan.pk).update(status=status)
    code, html = page(client, users.owner, plan)
    assert code == 200
    assert "it is read-only" in html and "create a new version of the plan" in html
    assert "/edit/" not in html and "/add/" not in html


@pytest.mark.django_db
def test_the_plan_page_links_to_its_versions_and_history(client, plan, users):
    _status, html = page(client, users.colleague, plan)
    assert f'href="/plans/{plan.pk}/versions/"' in html
    assert f'href="/plans/{plan.pk}/history/"' in html


@pytest.mark.django_db
def test_the_plan_page_costs_the_same_queries_whatever_the_plan_size(client, plan, users):
    from balise.monitoring.actions import record_measurement
    from balise.plans.models import Indicator

    small, large = generated_plan(1, title="Petit plan"), generated_plan(6, title="Grand plan")
    in_english(client)
    client.force_login(users.owner)
    counts = {}
    for name, target in (("small", small), ("large", large)):
        indicator = Indicator.objects.filter(strategic_objective__module__plan=target).order_by("pk").last()
        for visit in ("first", "warm", "cold"):  # cold: right after a value is entered
            if visit == "cold":
                record_measurement(indicator, str(target.period_start.year), {"amount": "4"}, users.owner)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/plans/{target.pk}/")
            assert response.status_code == 200
            counts[name, visit] = len(queries)
    assert large.pk != small.pk
    # Warm: session, user, plan, membership, the stamps (the tree's and the other version's) and
    # the contingents they are read with (the tests' cache is in memory, the database cache adds
    # one read; 7 before the page's head was cached beside the tree). Cold adds the
    # statuses of the module's indicators and the evaluations (20 before the module's shape was
    # cached apart from its statuses: its subtree was fetched and rendered again).
    assert counts["small", "first"] == counts["large", "first"] == 20
    assert counts["small", "warm"] == counts["large", "warm"] == 6
    assert counts["small", "cold"] == counts["large", "cold"] == 9


@pytest.mark.django_db
def test_a_viewer_never_gets_an_editors_tools_from_the_cached_tree(client, plan, users):
    from django.test import Client

    editor = Client()
    in_english(editor)
    editor.force_login(users.owner)
    edited = editor.get(f"/plans/{plan.pk}/").content.decode()  # the editor's render is cached first
    assert "/plans/nodes/indicator/add/operational_objective/" in edited
    for _visit in ("first", "again"):
        status, html = page(client, users.colleague, plan)
        assert status == 200
        assert "/add/" not in html and "/edit/" not in html and "/delete/" not in html
        assert 'data-move="up"' not in html and 'id="node-actions"' not in html
        assert "csrfmiddlewaretoken" not in html.split('id="plan-tree"')[1]


@pytest.mark.django_db
def test_the_cached_tree_shows_an_edit_and_a_new_value_at_once(client, plan, users):
    from balise.monitoring.actions import record_measurement
    from balise.plans import editing
    from balise.plans.models import Indicator

    client.force_login(users.owner)
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()
    assert indicator.text in client.get(f"/plans/{plan.pk}/").content.decode()
    editing.update_node(
        "indicator", indicator.pk, {"text": "Texte revu : ≥ 12/an"}, indicator.revision, users.owner
    )
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Texte revu : ≥ 12/an" in html and indicator.text not in html
    before = html
    record_measurement(
        Indicator.objects.get(pk=indicator.pk), str(plan.period_start.year), {"amount": "3"}, users.owner
    )
    assert client.get(f"/plans/{plan.pk}/").content.decode() != before


@pytest.mark.django_db
def test_the_cached_tree_carries_each_visitors_own_csrf_token(client, plan, users):
    from django.test import Client

    other = Client()
    client.force_login(users.owner)
    other.force_login(users.owner)
    first = client.get(f"/plans/{plan.pk}/").content.decode()
    second = other.get(f"/plans/{plan.pk}/").content.decode()
    assert "csrf-token-placeholder" not in first + second
    token = lambda html: html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]  # noqa: E731
    assert token(first) != token(second)


@pytest.mark.django_db
def test_a_value_entered_assembles_again_only_the_module_of_its_indicator(client, users, monkeypatch):
    from balise.monitoring.actions import record_measurement
    from balise.plans.models import Indicator
    from balise.web.plans import tree_cache

    plan = generated_plan(3)
    client.force_login(users.owner)
    rendered: list[list[int]] = []
    statuses: list[list[int]] = []
    real_tree, real_statuses = tree_cache.plan_with_tree, tree_cache.indicator_statuses
    monkeypatch.setattr(
        tree_cache,
        "plan_with_tree",
        lambda pk, modules: rendered.append(list(modules)) or real_tree(pk, modules),
    )
    monkeypatch.setattr(
        tree_cache,
        "indicator_statuses",
        lambda plan, modules: statuses.append(list(modules)) or real_statuses(plan, modules=modules),
    )
    first = client.get(f"/plans/{plan.pk}/").content.decode()
    assert len(rendered[0]) == len(statuses[0]) == 3  # every module the first time
    assert client.get(f"/plans/{plan.pk}/").status_code == 200 and len(rendered) == len(statuses) == 1
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).order_by("pk").last()
    record_measurement(indicator, str(plan.period_start.year), {"amount": "30"}, users.owner)
    again = client.get(f"/plans/{plan.pk}/").content.decode()
    assert len(rendered) == 1  # no tree rendered: the module's shape is cached
    assert statuses[1] == [indicator.strategic_objective.module_id]
    assert again != first and "status-slot" not in again
    assert again.count('class="node module"') == first.count('class="node module"') == 3


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("can_edit", [True, False])
def test_a_module_assembled_from_its_shape_is_the_module_rendered_whole(users, language, can_edit):
    from django.template.loader import render_to_string
    from django.utils import translation

    from balise.context.selectors import NO_FIGURES
    from balise.monitoring.actions import record_measurement
    from balise.monitoring.statuses import indicator_statuses
    from balise.plans.models import Indicator
    from balise.plans.selectors import plan_with_tree
    from balise.web.plans import tree_cache
    from balise.web.typography import typeset

    plan = generated_plan(2)
    indicators = list(Indicator.objects.filter(strategic_objective__module__plan=plan).order_by("pk"))
    year = str(plan.period_start.year)
    record_measurement(indicators[0], year, {"amount": "30"}, users.owner)
    with translation.override(language):
        head = tree_cache.Fragment("test-head", lambda: "")

        def body() -> str:
            parts = tree_cache.page_parts(
                plan, tree_cache.stamps(plan), head, can_edit=can_edit, csrf_token=""
            )
            return b"".join(parts).decode()

        body()  # the shapes are rendered and cached
        record_measurement(indicators[-1], year, {"amount": "3"}, users.owner)
        html = body()  # assembled from a shape
        full = plan_with_tree(plan.pk)
        tree_cache.attach_context(full, NO_FIGURES)
        context = {"plan": full, "can_edit": can_edit, "statuses": indicator_statuses(full)}
        for node in full.modules.all():
            whole = typeset(render_to_string("web/plans/tree/module.html", {**context, "node": node}))
            assert 'class="indicator-status"' in whole
            assert whole in html


@pytest.mark.django_db
def test_the_cached_tree_keeps_french_typography_and_is_not_set_twice(client, plan, users):
    from balise.plans import editing
    from balise.plans.models import Indicator

    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()
    editing.update_node(
        "indicator", indicator.pk, {"text": "Vols: moins de 5/an"}, indicator.revision, users.owner
    )
    client.force_login(users.colleague)
    client.cookies["django_language"] = "fr"
    for _visit in ("rendered", "cached"):
        html = client.get(f"/plans/{plan.pk}/").content.decode()
        assert "Vols\u00a0: moins de 5/an" in html
        assert "\u00a0\u00a0:" not in html


@pytest.mark.django_db
def test_the_cached_head_follows_what_it_shows_whoever_changed_it(client, plan, users):
    """The page's head is cached by the rows it shows, not by a revision its writers bump: a
    contingent or a status changed behind the pages' back, or a new version, shows at once."""
    from balise.finance.models import Contingent
    from balise.plans.versioning import amend_plan

    editor = users.owner
    assert "Gardiens de la paix 90" in page(client, users.colleague, plan)[1]  # the head is cached
    Contingent.objects.filter(plan=plan).update(name="Gardiens de la paix 91")
    html = page(client, users.colleague, plan)[1]
    assert "Gardiens de la paix 91" in html and "Gardiens de la paix 90" not in html
    assert "it is read-only" not in page(client, editor, plan)[1]
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED)
    assert "it is read-only" in page(client, editor, plan)[1]
    assert "in progress" not in page(client, editor, plan)[1]
    draft = amend_plan(Plan.objects.get(pk=plan.pk), editor)
    html = page(client, editor, plan)[1]
    assert f'href="/plans/{draft.pk}/"' in html and "draft v2 in progress" in html
    assert "This draft amends version 1" in page(client, editor, draft)[1]
