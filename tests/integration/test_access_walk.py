"""Every URL of a municipal plan or of its content (an item of its tree, an indicator), page or
API operation, walked from the attacker's side: an anonymous client is sent to log in (pages) or
gets 401 (API); a user of another municipality and a regional partner get 404, as if the plan
did not exist, for every method.

The routes come from the URL resolver, so a new page or API operation is walked without being
listed here; a route whose parameters this file cannot fill fails the test until it can.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from balise.accounts.roles import Role
from balise.accounts.rules import can_view_plan, restrict_plans
from balise.accounts.tokens import issue_token
from balise.plans.models import Indicator, Module, Plan
from tests.factories import organisation as organisation_of
from tests.factories import outside_plan, user_with_role

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
METHODS = ("get", "post", "put", "delete")


def routes(patterns=None, prefix: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


# What a URL can name of a plan: the plan, an item of its tree (with its kind), an indicator.
PLAN_PARAMETERS = ("<int:plan_id>", "<int:node_id>", "<int:parent_id>", "<int:indicator_id>")


def plan_routes() -> list[str]:
    # The regional plan's pages (a municipal plan linked from a regional one) are walked by the
    # regional tests, with a regional plan to link from.
    return sorted(
        {r for r in routes() if any(p in r for p in PLAN_PARAMETERS) and "<int:regional_id>" not in r}
    )


def fill(route: str, values: dict[str, str]) -> str:
    # One regex route (the convention download): its named format group.
    route = route.replace(r"^convention\.(?P<format>docx|pdf)$", "convention.pdf")
    missing = [m["name"] for m in PARAMETER.finditer(route) if m["name"] not in values]
    assert not missing, f"{route}: no value for {missing}; add one to the walk"
    return "/" + PARAMETER.sub(lambda m: values[m["name"]], route)


@pytest.fixture
def plan(reference):
    return outside_plan()  # Ixelles


@pytest.fixture
def values(plan) -> dict[str, str]:
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()
    module = Module.objects.filter(plan=plan).first()
    contingent = plan.contingents.first()
    return {
        "plan_id": str(plan.pk),
        "year": "2024",
        "indicator_id": str(indicator.pk),
        "period": "2024",
        "subject": "indicator",
        "key": str(indicator.key),
        "kind": "module",
        "node_id": str(module.pk),
        "parent_kind": "plan",  # a module is added under the plan itself
        "parent_id": str(plan.pk),
        "contingent_id": str(contingent.pk if contingent else 1),
        "expense_id": "1",
        "fmt": "pdf",
    }


def test_the_walk_covers_pages_and_api_operations_of_a_plan():
    found = plan_routes()
    assert any(r.startswith("api/") for r in found) and any(r.startswith("plans/") for r in found)
    assert len(found) > 40


def test_an_anonymous_client_is_sent_to_log_in_or_refused(client, values):
    for route in plan_routes():
        url = fill(route, values)
        for method in METHODS:
            response = getattr(client, method)(url)
            if route.startswith("api/"):
                assert response.status_code in (401, 405), (method, url, response.status_code)
            else:
                assert response.status_code in (302, 405), (method, url, response.status_code)
                if response.status_code == 302:
                    assert response["Location"].startswith("/accounts/login/"), (method, url)


@pytest.mark.parametrize(
    ("role", "organisation"),
    [(Role.MUNICIPALITY_EDITOR, "21012"), (Role.PARTNER, "5340")],
    ids=["outsider", "partner"],
)
def test_a_user_outside_the_plan_gets_404_on_every_page_and_operation(values, role, organisation):
    user = user_with_role(f"walker-{role}", role, organisation)
    pages = Client()
    pages.force_login(user)
    _token, secret = issue_token(user, "walk")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    nowhere = {**values, **dict.fromkeys(("plan_id", "node_id", "parent_id", "indicator_id"), "999999")}
    for route in plan_routes():
        url = fill(route, values)
        client = api if route.startswith("api/") else pages
        for method in METHODS:
            status = getattr(client, method)(url).status_code
            if status in (400, 422) and route.startswith("api/"):
                # Refused for a missing body or parameter before any plan is read: the same
                # answer as for a plan that does not exist, so nothing leaks.
                assert getattr(client, method)(fill(route, nowhere)).status_code == status, (method, url)
                continue
            assert status in (404, 405), (role, method, url, status)


def test_the_owner_reaches_the_plan_on_the_same_urls(values):
    """The 404s above come from the access rule, not from the values filled in."""
    owner = user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")
    pages = Client()
    pages.force_login(owner)
    for name in ("plans/<int:plan_id>/monitoring/values/", "plans/<int:plan_id>/history/"):
        assert pages.get(fill(name, values)).status_code == 200, name
    # An item's own URL, outside htmx, sends its reader to it on the plan page.
    item = pages.get(fill("plans/nodes/<slug:kind>/<int:node_id>/", values))
    assert (item.status_code, item["Location"]) == (
        302,
        f"/plans/{values['plan_id']}/#node-module-{values['node_id']}",
    )
    _token, secret = issue_token(owner, "walk")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    for name in ("api/nodes/<kind>/<int:node_id>", "api/indicators/<int:indicator_id>/measurements"):
        assert api.get(fill(name, values)).status_code == 200, name


# --- the list filter and the object rule ---------------------------------------------------

PLACES = [  # (kind, municipality NIS code or None): one plan of each shape the rules tell apart
    ("pssp", "21009"),  # Ixelles, zone 5339
    ("pssp", "21012"),  # Molenbeek, zone 5340
    ("css", "21004"),  # Bruxelles, zone 5339
    ("pzs", "21009"),
    ("pzs", "21012"),
    ("pgsp", None),
    ("other", None),
]

ROLES = [
    ("anonymous", None, None),
    ("no role", None, None),
    ("editor", Role.MUNICIPALITY_EDITOR, "21009"),
    ("viewer", Role.MUNICIPALITY_VIEWER, "21012"),
    ("evaluator", Role.INTERNAL_EVALUATOR, "21004"),
    ("analyst", Role.FEDERAL_ANALYST, "IBZ"),
    ("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU"),
    ("partner", Role.PARTNER, "5340"),
    ("zone member", Role.MUNICIPALITY_VIEWER, "5339"),
    ("organisation administrator", Role.ORGANISATION_ADMINISTRATOR, "21009"),
    ("administrator", None, None),
]


def test_every_role_has_its_case_in_the_agreement_of_list_and_object_rule():
    assert {role for _name, role, _organisation in ROLES if role} == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "organisation"), ROLES, ids=[r[0] for r in ROLES])
def test_the_plans_list_shows_exactly_the_plans_the_object_rule_lets_the_role_read(
    reference, name, role, organisation
):
    for kind, code in PLACES:
        Plan.objects.create(
            kind=kind, title=f"{kind} {code}", municipality=organisation_of(code) if code else None
        )
    if name == "anonymous":
        user = AnonymousUser()
    else:
        user = user_with_role(
            name.replace(" ", "-"), role, organisation, is_superuser=name == "administrator"
        )
    plans = list(Plan.objects.select_related("municipality"))
    listed = set(restrict_plans(user, Plan.objects.all()).values_list("pk", flat=True))
    assert listed == {plan.pk for plan in plans if can_view_plan(user, plan)}
    assert name not in ("editor", "analyst", "administrator") or listed  # the walk reads something
