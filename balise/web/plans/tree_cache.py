"""The plan tree is the heaviest part of the plan page (hundreds of nodes): render it once per
state and serve the cached HTML.

The key holds everything the rendering depends on: the plan's ``content_revision`` (bumped by
every edit of the tree), the language, whether the reader may edit, the day (statuses of the
current year move with the date) and a stamp of the monitoring data (values and evaluations of
the plan's lineage). The CSRF token is rendered as a placeholder and replaced per request.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max
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

CSRF_PLACEHOLDER = "csrf-token-placeholder-3f9c1b7e"
TIMEOUT = 24 * 3600


def monitoring_stamp(plan: Plan) -> str:
    """Changes whenever a value, an assessment or the state of an evaluation of the plan's
    lineage changes (3 queries)."""
    keys = Indicator.objects.filter(strategic_objective__module__plan=plan).values("key")
    values = Measurement.objects.filter(indicator_key__in=keys).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    assessments = Assessment.objects.filter(evaluation__lineage=plan.lineage).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    transitions = Transition.objects.filter(evaluation__lineage=plan.lineage).aggregate(
        n=Count("id"), last=Max("id")
    )
    return "|".join(
        str(part)
        for part in (
            values["n"],
            values["last"] and values["last"].timestamp(),
            assessments["n"],
            assessments["last"] and assessments["last"].timestamp(),
            transitions["n"],
            transitions["last"],
        )
    )


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

    key = ":".join(
        (
            "plan-tree",
            str(plan.pk),
            str(plan.content_revision),
            get_language() or "",
            "edit" if can_edit else "read",
            clock.today().isoformat(),
            monitoring_stamp(plan),
            figures_stamp := context_stamp(),
        )
    )
    html = cache.get(key)
    if html is None:
        full = plan_with_tree(plan.pk)
        attach_context(full, figures_stamp)
        context = {
            "plan": full,
            "can_edit": can_edit,
            "statuses": indicator_statuses(full),
            "csrf_token": CSRF_PLACEHOLDER,
        }
        html = render_to_string("web/plans/_tree.html", context)
        cache.set(key, html, TIMEOUT)
    if can_edit:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # rendered by our own templates, escaped there
