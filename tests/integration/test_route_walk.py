"""Every URL pattern of the project and every operation of the API's OpenAPI schema, walked from
the attacker's side (GET and POST for pages, each operation's own method for the API):

- an anonymous visitor reaches only the routes of PUBLIC, with the status written there; every
  other page sends them to log in (the admin to its own login), every other API operation
  answers 401, and no page or operation shows the victim's plan or fails (5xx);
- an editor of another municipality (Molenbeek) gets 403 or 404 on every object of Ixelles, of
  its people and of another region's regional plan; the pages that name no object (lists,
  dashboards, the worklist) answer without naming Ixelles' plan;
- a partner of the Brussels regional plan (the police zone) reads only PARTNER_READS of its
  regional plan, and is refused everything about another partner's project, Ixelles' plan and
  Ixelles' people.

A route added without this file knowing it is private: the anonymous walk fails if it answers
200, and a route whose parameters cannot be filled fails every walk until a value is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.models import Membership, Organisation
from balise.accounts.roles import Role
from balise.accounts.tokens import issue_token
from balise.api.api import api
from balise.domain.outline import MeasureOutline, PlanOutline, ThematicOutline
from balise.drafts.models import ImportDraft
from balise.jobs.models import Job
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Module, PlanMeasure, StrategicObjective
from balise.reference.models import Phenomenon
from balise.regional import actions as regional_actions
from balise.regional import output_actions
from balise.regional.models import ObjectiveLink
from tests.factories import organisation, outside_plan, user_with_role
from tests.integration.test_access_walk import routes

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)|\([^)]*\)")

# What an anonymous visitor may GET, and the answer they get (with the walk's values). A public
# route is one decided here: every other route is private.
PUBLIC: dict[str, int] = {
    "accessibility/": 200,
    "guide/": 200,
    "colours.css": 200,
    "healthz": 200,
    "readyz": 503,  # no worker is running: not ready
    "i18n/setlang/": 405,  # POST only
    "accounts/login/": 200,
    "accounts/sso/": 404,  # no single sign-on configured
    "accounts/sso/callback/": 404,
    "accounts/sso/refused/": 403,
    "accounts/password/reset/": 200,
    "accounts/password/reset/sent/": 200,
    "accounts/password/reset/<uidb64>/<token>/": 200,  # says the link is invalid
    "accounts/password/reset/done/": 200,
    "people/invitations/<str:token>/": 410,  # no such invitation (or no longer)
    "demo/": 404,  # the demo login exists only in a demo installation
    "demo/<str:username>/": 405,  # POST only (and 404 then)
    "admin/login/": 200,
    "admin/logout/": 302,  # to the admin's login
    "public/": 302,  # to the visitor's language
    "public/^(?P<lang>fr|nl|de)/$": 200,
    "public/^(?P<lang>fr|nl|de)/municipalities/(?P<code>[0-9A-Za-z-]{1,20})/$": 404,  # nothing published
    "public/^(?P<lang>fr|nl|de)/phenomena/(?P<code>[a-z0-9-]{1,60})/$": 200,
    "public/^(?P<lang>fr|nl|de)/plans/(?P<plan_id>[0-9]{1,10})/$": 404,  # not published
    r"public/^catalogue\.(?P<extension>jsonld|ttl)$": 200,
    r"public/^data/(?P<scope>all)/(?P<name>[a-z_]{1,24}\.(?:csv|json))$": 200,
    r"public/^data/(?P<scope>municipalities)/(?P<key>[0-9A-Za-z-]{1,20})/(?P<name>[a-z_]{1,24}\.(?:csv|json))$": 404,  # noqa: E501
    r"public/^data/(?P<scope>plans)/(?P<key>[0-9]{1,10})/(?P<name>[a-z_]{1,24}\.(?:csv|json))$": 404,
    "api/docs": 200,
    "api/openapi.json": 200,
    "api/<path:rest>": 404,  # an API address that does not exist
}

# The parameters naming an object of someone (a plan and its content, a regional plan and its
# partners' work, an organisation and its people, a user's drafts, jobs and tokens).
OBJECTS = {
    "plan_id", "node_id", "parent_id", "indicator_id", "contingent_id", "expense_id",
    "regional_id", "project_id", "definition_id", "partner_id", "link_id", "evidence_id",
    "org_id", "organisation_id", "membership_id", "user_id", "draft_id", "job_id", "token_id",
    "code", "phenomenon", "key", "username", "object_id", "content_type_id", "id",
}  # fmt: skip

# What the police zone, partner of the Brussels regional plan, reads of it by design: the plan's
# dashboard and coverage (whose measures are covered by whom), and its own partner's list.
PARTNER_READS = {
    "regional/<int:regional_id>/",
    "regional/<int:regional_id>/coverage/<int:thematic>/<slug:column>/",
    "GET /api/regional/{regional_id}/coverage",
    "GET /api/regional/{regional_id}/coverage/{thematic}/{column}",
    "GET /api/regional/{regional_id}/projects",
}


def page_routes() -> list[str]:
    """Every page; the API's operations are walked from its schema (the URL patterns of the API
    name paths, not methods)."""
    return sorted(r for r in set(routes()) if not _is_operation(r))


def _is_operation(route: str) -> bool:
    return route.startswith("api/") and route not in PUBLIC


def operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/")
    return sorted((method.upper(), path) for path, ops in schema["paths"].items() for method in ops)


def parameters(route: str) -> set[str]:
    names = {m["name"] for m in PARAMETER.finditer(route)} | {
        m["name"] for m in re.finditer(r"\{(?P<name>\w+)\}", route)
    }
    return names | {m["name"] or "?" for m in REGEX_GROUP.finditer(route)}


def fill(route: str, values: dict[str, str]) -> str:
    """The URL of ``route`` naming the walk's objects."""
    if route.startswith("admin/"):  # Django's own patterns: any object, the admin refuses first
        route = route.replace("(?P<app_label>", "(plans").replace("(?P<url>", "(nowhere")
        route = re.sub(
            r"\([^)]*\)",
            lambda m: m[0][1:].split("|")[0] if "plans" in m[0] or "nowhere" in m[0] else "1",
            route,
        )
        route = PARAMETER.sub("1", route).replace("^", "").replace("$", "")
        return "/" + route
    missing = sorted(n for n in parameters(route) if n not in values)
    assert not missing, f"{route}: no value for {missing}; add one to the walk"
    route = _fill_groups(route, values).replace("^", "").replace("$", "").replace("\\.", ".")
    route = re.sub(r"\{(\w+)\}", lambda m: values[m[1]], route)
    return ("" if route.startswith("/") else "/") + PARAMETER.sub(
        lambda m: values.get(f"{m['converter']}:{m['name']}", values[m["name"]]), route
    )


def _fill_groups(route: str, values: dict[str, str]) -> str:
    """Each named group of a regex route (nested groups included) replaced by its value."""
    while (start := route.find("(?P<")) >= 0:
        name = route[start + 4 : route.index(">", start)]
        depth, end = 0, start
        for end in range(start, len(route)):
            depth += {"(": 1, ")": -1}.get(route[end], 0)
            if depth == 0:
                break
        route = route[:start] + values[name] + route[end + 1 :]
    return route


# --- the victims ------------------------------------------------------------------------------


def regional_plan(region: Organisation, title: str):
    outline = PlanOutline(
        kind="pgsp",
        title=title,
        municipality=None,
        period_start=date(2021, 1, 1),
        period_end=date(2024, 12, 31),
        thematics=[ThematicOutline(1, "Intégrité physique", [MeasureOutline("1.1", "Mesure un")])],
    )
    plan = import_plan(outline, user=SYSTEM).plan
    return regional_actions.attach_regional_plan(plan, region, SYSTEM), PlanMeasure.objects.get(
        thematic__plan=plan
    )


@dataclass
class Victims:
    values: dict[str, str]
    secret: str  # a title only readers of Ixelles' plan may see


def victims(regional, measure, attacker_organisation: Organisation | None) -> Victims:
    """Ixelles' plan, an editor of Ixelles with their draft, job and token, and in ``regional`` a
    partner (not the attacker's) with its project, outputs and subsidy."""
    plan = outside_plan()  # Ixelles
    ixelles = organisation("21009")
    editor = user_with_role("ixelles-editor", Role.MUNICIPALITY_EDITOR, "21009")
    if attacker_organisation is not None:
        regional_actions.create_partner(
            regional, "Zone de police", "police_zone", SYSTEM, attacker_organisation
        )
    partner = regional_actions.create_partner(regional, "ASBL Rue libre", "association_call", SYSTEM)
    project = regional_actions.create_project(
        regional,
        regional_actions.ProjectData(
            partner=partner,
            title="Maraudes",
            year_start=2022,
            year_end=2022,
            description="",
            primary=measure,
            secondary=[],
        ),
        SYSTEM,
    )
    definition = output_actions.define_output(project, "maraudes", SYSTEM, unit="sorties")
    objective = StrategicObjective.objects.filter(module__plan=plan).first()
    # Written as stored: only Brussels' plans may be linked to Brussels' regional plan.
    link = ObjectiveLink.objects.create(
        measure=measure, strategic_objective=objective, plan=plan, primary=True
    )
    draft = ImportDraft.objects.create(
        created_by=editor, municipality=ixelles, kind="pssp", source_name="pssp.docx"
    )
    job = Job.objects.create(
        kind=Job.Kind.ANNUAL_REPORT, state=Job.State.DONE, requested_by=editor, plan=plan
    )
    token, _secret = issue_token(editor, "editor's")
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()
    module = Module.objects.filter(plan=plan).first()
    contingent = plan.contingents.first()
    values = {
        "plan_id": str(plan.pk),
        "year": "2022",
        "indicator_id": str(indicator.pk),
        "period": "2024",
        "subject": "indicator",
        "key": "0" * 64,  # a chart's hash
        "uuid:key": str(indicator.key),
        "kind": "module",
        "node_id": str(module.pk),
        "parent_kind": "plan",
        "parent_id": str(plan.pk),
        "contingent_id": str(contingent.pk if contingent else 1),
        "expense_id": "1",
        "fmt": "pdf",
        "format": "pdf",
        "regional_id": str(regional.pk),
        "project_id": str(project.pk),
        "definition_id": str(definition.pk),
        "partner_id": str(partner.pk),
        "link_id": str(link.pk),
        "evidence_id": "1",
        "thematic": "1",
        "column": "police",
        "org_id": str(ixelles.pk),
        "organisation_id": str(ixelles.pk),
        "membership_id": str(Membership.objects.get(user=editor).pk),
        "user_id": str(editor.pk),
        "draft_id": str(draft.pk),
        "job_id": str(job.pk),
        "token_id": str(token.pk),
        "code": "21009",
        "phenomenon": Phenomenon.objects.order_by("pk").first().code,
        "username": editor.username,
        "token": "no-such-token",
        "uidb64": "MQ",
        "lang": "fr",
        "extension": "jsonld",
        "scope": "",  # filled from the route's own regex below
        "name": "plans.csv",
        "rest": "no/such/operation",
    }
    return Victims(values, plan.title)


def _values_for(route: str, values: dict[str, str]) -> dict[str, str]:
    """The public data routes name their scope in the pattern; the key of a plan is a number."""
    if "/phenomena/(?P<code>" in route:
        return {**values, "code": values["phenomenon"]}
    scope = re.search(r"\(\?P<scope>(\w+)\)", route)
    if scope is None:
        return values
    key = {"plans": values["plan_id"], "municipalities": "21009"}.get(scope[1], "")
    return {**values, "scope": scope[1], "key": key}


# --- the walks --------------------------------------------------------------------------------


def test_every_route_and_operation_can_be_named_by_the_walk(reference):
    values = victims(*regional_plan(organisation("BE-BRU"), "Plan régional 2021-2024"), None).values
    for route in page_routes():
        fill(route, _values_for(route, values))
    for _method, path in operations():
        fill(path, values)
    assert set(PUBLIC) <= set(routes()), set(PUBLIC) - set(routes())
    assert len(page_routes()) > 300 and len(operations()) > 50


def test_an_anonymous_visitor_reaches_only_the_public_routes(reference, client):
    regional, measure = regional_plan(organisation("BE-BRU"), "Plan régional 2021-2024")
    victim = victims(regional, measure, None)
    for route in page_routes():
        url = fill(route, _values_for(route, victim.values))
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            status = response.status_code
            assert status < 500 or route in PUBLIC and status == PUBLIC[route], (method, url, status)
            if route in PUBLIC:
                if method == "get":
                    assert status == PUBLIC[route], (url, status)
            elif route.startswith("admin/"):
                assert _sends_to(response, "/admin/login/"), (method, url, status)
            else:
                assert status in (302, 405), (method, url, status)
                assert status == 405 or _sends_to(response, "/accounts/login/"), (method, url, status)
            if status == 200:
                assert victim.secret not in response.content.decode(errors="replace"), (method, url)
    for method, path in operations():
        status = client.generic(method, fill(path, victim.values)).status_code
        assert status == 401, (method, path, status)


def _sends_to(response, path: str) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path.startswith(path)


def _walk_as(user, victim: Victims, reads: set[str]) -> int:
    """Walk every route and operation as ``user``; returns how many requests were made."""
    pages = Client()
    pages.force_login(user)
    _token, secret = issue_token(user, "walk")
    api_client = Client(headers={"Authorization": f"Bearer {secret}"})
    nowhere = {
        **victim.values,
        **{name: "999999" for name, value in victim.values.items() if name in OBJECTS and value.isdigit()},
    }
    made = 0
    for route in page_routes():
        url = fill(route, _values_for(route, victim.values))
        for method in ("get", "post"):
            response = getattr(pages, method)(url)
            made += 1
            status = response.status_code
            assert status < 500 or route in PUBLIC and status == PUBLIC[route], (method, url, status)
            if status == 200:
                assert victim.secret not in response.content.decode(errors="replace"), (method, url)
            if route == "accounts/logout/":
                pages.force_login(user)
            if route in PUBLIC:
                continue
            if route in reads and method == "get":
                assert status == 200, (url, status)  # the table of reads stays true
            elif route.startswith("admin/"):
                assert _sends_to(response, "/admin/login/"), (method, url, status)
            elif parameters(route) & OBJECTS and route not in reads:
                assert status in (403, 404, 405), (method, url, status)
    for method, path in operations():
        url = fill(path, victim.values)
        status = api_client.generic(method, url).status_code
        made += 1
        assert status < 500, (method, url, status)
        if f"{method} {path}" in reads:
            assert status == 200, (method, url, status)
        elif parameters(path) & OBJECTS:
            if status in (400, 422):
                # Refused for a missing body before any object is read: the same answer as for
                # objects that do not exist, so nothing leaks.
                assert api_client.generic(method, fill(path, nowhere)).status_code == status, (method, url)
                continue
            assert status in (403, 404), (method, url, status)
    return made


def test_an_editor_of_another_municipality_is_refused_every_object_of_ixelles_and_another_region(reference):
    wallonia = Organisation.objects.create(kind="region", code="BE-WAL", name_fr="Région wallonne")
    victim = victims(*regional_plan(wallonia, "Plan régional wallon 2021-2024"), None)
    outsider = user_with_role("molenbeek-walker", Role.MUNICIPALITY_EDITOR, "21012")  # Molenbeek
    assert _walk_as(outsider, victim, reads=set()) > 2 * len(page_routes())


def test_a_partner_reads_only_its_part_of_its_regional_plan(reference):
    zone = organisation("5340")
    victim = victims(*regional_plan(organisation("BE-BRU"), "Plan régional 2021-2024"), zone)
    partner = user_with_role("zone-walker", Role.PARTNER, "5340")
    assert _walk_as(partner, victim, reads=PARTNER_READS) > 2 * len(page_routes())
