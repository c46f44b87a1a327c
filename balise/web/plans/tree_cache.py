"""The plan tree is the heaviest part of the plan page (hundreds of nodes): each module is
rendered once per state of its own data and served from the cache; a value entered renders again
only the module of its indicator, not the other modules.

The cache is the deployment's (`CACHES`: the database by default, so every worker shares it;
redis:// when CACHE_URL says so). A module's key holds everything its HTML depends on: the plan's
``content_revision`` (bumped by every edit of the tree), the language, whether the reader may
edit, the day (statuses of the current year move with the date), the plan's evaluations (their
states and colours), the published figures shown beside phenomenon modules, and the module's own
values (how many, the last change). The shell around the modules (tools, thematics of a PGSP)
is cached by revision, language and editing right. The HTML is cached after French typography
(`balise.web.typography.typeset`), and the CSRF token is a placeholder replaced per request.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.cache import cache
from django.db.models import Count, DateTimeField, F, Func, IntegerField, Max, OuterRef, Subquery
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from balise import clock
from balise.context.selectors import NO_FIGURES, trends
from balise.context.selectors import stamp as context_stamp
from balise.monitoring.models import Assessment, Measurement, Transition
from balise.monitoring.statuses import indicator_statuses
from balise.plans.models import Indicator, Plan
from balise.plans.selectors import plan_with_tree
from balise.web.typography import already_set, typeset

CSRF_PLACEHOLDER = "csrf-token-placeholder-3f9c1b7e"
TIMEOUT = 24 * 3600


MODULES_PLACEHOLDER = "<!--modules-placeholder-5d2e8a41-->"


def evaluations_stamp(plan: Plan) -> str:
    """Changes whenever an assessment or the state of an evaluation of the plan's lineage
    changes (2 queries): colours of every module depend on them."""
    assessments = Assessment.objects.filter(evaluation__lineage=plan.lineage).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    transitions = Transition.objects.filter(evaluation__lineage=plan.lineage).aggregate(
        n=Count("id"), last=Max("id")
    )
    last = assessments["last"]
    return "|".join(
        str(part)
        for part in (assessments["n"], last and last.timestamp(), transitions["n"], transitions["last"])
    )


def module_stamps(plan: Plan) -> list[tuple[int, str]]:
    """The plan's modules in the tree's order, each with a stamp of its values that changes
    whenever a value of one of its indicators (of any version) is entered, changed or deleted:
    one query whatever the number of modules and values."""
    values = Measurement.objects.filter(
        indicator_key__in=Indicator.objects.filter(
            strategic_objective__module=OuterRef(OuterRef("pk"))
        ).values("key")
    ).order_by()
    count = values.annotate(n=Func(F("id"), function="COUNT")).values("n")
    last = values.annotate(last=Func(F("updated_at"), function="MAX")).values("last")
    rows = plan.modules.annotate(
        n=Subquery(count, output_field=IntegerField()),
        last=Subquery(last, output_field=DateTimeField()),
    ).values_list("pk", "n", "last")
    return [(pk, f"{n}|{last and last.timestamp()}") for pk, n, last in rows]


def attach_context(plan: Plan, figures_stamp: str) -> None:
    """Give each phenomenon module the published figures of its phenomenon for the plan's
    municipality and police zone (``module.context_series``): one query, none when no figure
    was ever imported."""
    municipality = plan.municipality
    zone_id = municipality.police_zone_id if municipality is not None else None
    places = [pk for pk in (plan.municipality_id, zone_id) if pk is not None]
    modules = [(m, m.phenomenon_id) for m in plan.modules.all() if m.phenomenon_id is not None]
    wanted = places and modules and figures_stamp != NO_FIGURES
    series = trends(places, [phenomenon for _module, phenomenon in modules]) if wanted else {}
    for module, phenomenon in modules:
        module.context_series = series.get(phenomenon, [])


def tree_html(request: HttpRequest, plan: Plan, *, can_edit: bool) -> SafeString:
    """The plan tree's HTML: the cached modules, and those whose data changed rendered again
    (with their subtrees and statuses only). Six queries when every part is cached (five stamps
    and the cache), about fifteen more when some module is rendered, whatever the plan's size."""
    base = ":".join(
        (str(plan.pk), str(plan.content_revision), get_language() or "", "edit" if can_edit else "read")
    )
    data = ":".join((clock.today().isoformat(), evaluations_stamp(plan), figures_stamp := context_stamp()))
    modules = module_stamps(plan)
    shell_key = f"plan-tree:{base}"
    keys = {pk: f"plan-module:{base}:{pk}:{data}:{stamp}" for pk, stamp in modules}
    cached = cache.get_many([shell_key, *keys.values()])
    missing = [pk for pk, key in keys.items() if key not in cached]
    if missing or shell_key not in cached:
        cached.update(_render(plan.pk, can_edit, figures_stamp, missing, shell_key, keys))
    parts = "".join(cached[keys[pk]] for pk, _stamp in modules)
    html = already_set(cached[shell_key].replace(MODULES_PLACEHOLDER, parts))
    if can_edit:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # rendered by our own templates, escaped there


def _render(
    plan_id: int,
    can_edit: bool,
    figures_stamp: str,
    modules: Collection[int],
    shell_key: str,
    keys: dict[int, str],
) -> dict[str, str]:
    """Render the shell and the ``modules`` (ids) of the plan, cache them; returns them by key."""
    full = plan_with_tree(plan_id, modules=modules)
    attach_context(full, figures_stamp)
    context = {
        "plan": full,
        "can_edit": can_edit,
        "statuses": indicator_statuses(full, modules=modules) if modules else {},
        "csrf_token": CSRF_PLACEHOLDER,
    }
    rendered = {
        keys[node.pk]: typeset(render_to_string("web/plans/tree/module.html", {**context, "node": node}))
        for node in full.modules.all()
    }
    shell = {**context, "modules_html": mark_safe(MODULES_PLACEHOLDER), "has_modules": bool(keys)}
    rendered[shell_key] = typeset(render_to_string("web/plans/_tree.html", shell))
    cache.set_many(rendered, TIMEOUT)
    return rendered
