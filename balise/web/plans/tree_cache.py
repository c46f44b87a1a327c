"""The plan tree is the heaviest part of the plan page (hundreds of nodes): each module is
rendered once per state of its own data and served from the cache; a value entered assembles
again only the module of its indicator, not the other modules, and without rendering its tree:
the module's shape (its nodes, each indicator's status left as a slot) is cached by the plan's
revision, only the statuses of its indicators are computed and rendered again.

The cache is the deployment's (`CACHES`: the database by default, so every worker shares it;
redis:// when CACHE_URL says so). A module's key holds everything its HTML depends on: the plan's
``content_revision`` (bumped by every edit of the tree), the language, whether the reader may
edit, the day (statuses of the current year move with the date), the plan's evaluations (their
states and colours), the published figures shown beside phenomenon modules, and the module's own
values (how many, the last change). Its shape's key holds the revision, the language, the editing
right and the published figures. The shell around the modules (tools, thematics of a PGSP) is
cached by revision, language and editing right. The HTML is cached after French typography
(`balise.web.typography.typeset`), compressed, and the CSRF token is a placeholder replaced per
request.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from balise import clock
from balise.context.models import Figure
from balise.context.selectors import NO_FIGURES, trends
from balise.monitoring.models import Assessment, Evaluation, Measurement, Transition
from balise.monitoring.statuses import IndicatorStatus, indicator_statuses
from balise.plans.models import Indicator, Module, Plan, StrategicObjective
from balise.plans.selectors import plan_with_tree
from balise.web.typography import already_set, typeset

CSRF_PLACEHOLDER = "csrf-token-placeholder-3f9c1b7e"
TIMEOUT = 24 * 3600


MODULES_PLACEHOLDER = "<!--modules-placeholder-5d2e8a41-->"
# Where an indicator's status goes in the cached shape of its module (nodes/indicator.html).
_SLOT = re.compile(r"<!--status-slot-(\d+)-->")


def _stamps_sql() -> str:
    """One statement for every stamp the cached tree depends on: per module of the plan (in the
    tree's order) how many values its indicators have (of any version, by key) and their last
    change, and beside each row the same plan-wide stamps, the assessments and transitions of
    the plan's evaluations (colours of every module) and the last import of context figures."""
    q = connection.ops.quote_name
    measurement, indicator, objective = (
        Measurement._meta.db_table,
        Indicator._meta.db_table,
        StrategicObjective._meta.db_table,
    )
    values = (
        f"FROM {q(measurement)} v WHERE v.{q('indicator_key')} IN (SELECT i.{q('key')} "
        f"FROM {q(indicator)} i INNER JOIN {q(objective)} s ON i.{q('strategic_objective_id')} = s.{q('id')} "
        f"WHERE s.{q('module_id')} = m.{q('id')})"
    )
    evaluation = q(Evaluation._meta.db_table)

    def of_lineage(table: str, alias: str) -> str:
        return (
            f"FROM {q(table)} {alias} INNER JOIN {evaluation} e "
            f"ON {alias}.{q('evaluation_id')} = e.{q('id')} WHERE e.{q('lineage')} = %s"
        )

    assessments = of_lineage(Assessment._meta.db_table, "a")
    transitions = of_lineage(Transition._meta.db_table, "t")
    return (
        f"SELECT m.{q('id')}, (SELECT COUNT(v.{q('id')}) {values}), "
        f"(SELECT MAX(v.{q('updated_at')}) {values}), "
        f"(SELECT COUNT(a.{q('id')}) {assessments}), (SELECT MAX(a.{q('updated_at')}) {assessments}), "
        f"(SELECT COUNT(t.{q('id')}) {transitions}), (SELECT MAX(t.{q('id')}) {transitions}), "
        f"(SELECT MAX(f.{q('imported_at')}) FROM {q(Figure._meta.db_table)} f) "
        f"FROM {q(Module._meta.db_table)} m WHERE m.{q('plan_id')} = %s ORDER BY m.{q('order')}, m.{q('id')}"
    )


def stamps(plan: Plan) -> tuple[str, str, list[tuple[int, str]]]:
    """What the cached tree depends on besides the plan's revision, in one query whatever the
    number of modules and values: the plan-wide stamp (evaluations, context figures), the stamp
    of the context figures alone (`balise.context.selectors.stamp`'s meaning: NO_FIGURES when
    none was ever imported), and each module (in the tree's order) with the stamp of its values,
    which changes whenever a value of one of its indicators is entered, changed or deleted."""
    lineage = Evaluation._meta.get_field("lineage").get_db_prep_value(plan.lineage, connection)
    with connection.cursor() as cursor:
        cursor.execute(_stamps_sql(), [lineage, lineage, lineage, lineage, plan.pk])
        rows = cursor.fetchall()
    if not rows:
        return "", NO_FIGURES, []
    _pk, _n, _last, *plan_wide, figures = rows[0]
    figures_stamp = str(figures) if figures is not None else NO_FIGURES
    data = "|".join(str(part) for part in (*plan_wide, figures_stamp))
    return data, figures_stamp, [(pk, f"{n}|{last}") for pk, n, last, *_rest in rows]


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


def _get_many(keys: list[str]) -> dict[str, str]:
    """The HTML cached under ``keys`` (those found), as `_set_many` stored it."""
    return {key: zlib.decompress(value).decode() for key, value in cache.get_many(keys).items()}


def _set_many(html: dict[str, str]) -> None:
    """Cache each HTML compressed: the database cache stores values as base64 text, which the
    plan tree's hundreds of kilobytes made costly to read on every warm page (a fast level:
    HTML shrinks about tenfold at any level)."""
    cache.set_many({key: zlib.compress(value.encode(), 1) for key, value in html.items()}, TIMEOUT)


def _digest(*parts: str) -> str:
    """A short key part for stamps that hold dates as the database writes them (spaces)."""
    return hashlib.blake2b(":".join(parts).encode(), digest_size=12).hexdigest()


def tree_html(request: HttpRequest, plan: Plan, *, can_edit: bool) -> SafeString:
    """The plan tree's HTML: the cached modules, and those whose data changed assembled again
    from their cached shape and their indicators' statuses (the shape, and the shell, rendered
    only when the plan's revision or the context figures changed). Two queries when every part
    is cached (the stamps and the cache), a fixed number more when a value was entered,
    whatever the plan's size."""
    base = ":".join(
        (str(plan.pk), str(plan.content_revision), get_language() or "", "edit" if can_edit else "read")
    )
    plan_wide, figures_stamp, modules = stamps(plan)
    data = f"{clock.today().isoformat()}:{plan_wide}"
    shell_key = f"plan-tree:{base}"
    keys = {pk: f"plan-module:{base}:{pk}:{_digest(data, stamp)}" for pk, stamp in modules}
    cached = _get_many([shell_key, *keys.values()])
    missing = [pk for pk, key in keys.items() if key not in cached]
    shell = None if shell_key in cached else shell_key
    if missing or shell:
        shapes = {pk: f"plan-module-shape:{base}:{pk}:{_digest(figures_stamp)}" for pk in missing}
        cached.update(_assemble(plan, Shapes(can_edit, figures_stamp, shapes, shell, bool(keys)), keys))
    parts = "".join(cached[keys[pk]] for pk, _stamp in modules)
    html = already_set(cached[shell_key].replace(MODULES_PLACEHOLDER, parts))
    if can_edit:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # rendered by our own templates, escaped there


@dataclass(frozen=True)
class Shapes:
    """What `_assemble` renders: the shapes of the ``modules`` (module id → cache key of its
    shape), the shell under the key ``shell`` unless it is None."""

    can_edit: bool
    figures_stamp: str
    modules: dict[int, str]
    shell: str | None
    has_modules: bool


def _assemble(plan: Plan, wanted: Shapes, keys: dict[int, str]) -> dict[str, str]:
    """The modules of ``wanted`` with their statuses of today (one query for the statuses, the
    shapes from the cache or rendered), and the shell if wanted; cached, returned by key."""
    shapes = _get_many(list(wanted.modules.values())) if wanted.modules else {}
    unshaped = [pk for pk, key in wanted.modules.items() if key not in shapes]
    if unshaped or wanted.shell is not None:
        shapes.update(_render(plan.pk, wanted, unshaped))
    badges = _badges(indicator_statuses(plan, modules=list(wanted.modules))) if wanted.modules else {}
    assembled = {
        keys[pk]: _SLOT.sub(lambda slot: badges.get(int(slot.group(1)), ""), shapes[key])
        for pk, key in wanted.modules.items()
    }
    _set_many(assembled)
    if wanted.shell is not None:
        assembled[wanted.shell] = shapes[wanted.shell]
    return assembled


def _badges(statuses: dict[int, IndicatorStatus]) -> dict[int, str]:
    """Each indicator's status badge (`monitoring/_indicator_status.html`), set as the module
    around it would be, by indicator id."""
    template = get_template("monitoring/_indicator_status.html")
    return {pk: typeset(template.render({"st": st, "indicator": pk})) for pk, st in statuses.items()}


def _render(plan_id: int, wanted: Shapes, modules: Collection[int]) -> dict[str, str]:
    """Render the shapes of ``modules`` (ids; each indicator's status left as a slot, its
    statuses change with every value), and the shell unless ``wanted.shell`` is None (the shell
    depends on the plan's revision only, not on its values), cache them; returns them by key."""
    full = plan_with_tree(plan_id, modules=modules)
    attach_context(full, wanted.figures_stamp)
    context = {
        "plan": full,
        "can_edit": wanted.can_edit,
        "status_slots": True,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    rendered = {
        wanted.modules[node.pk]: typeset(
            render_to_string("web/plans/tree/module.html", {**context, "node": node})
        )
        for node in full.modules.all()
    }
    if wanted.shell is not None:
        shell = {**context, "modules_html": mark_safe(MODULES_PLACEHOLDER), "has_modules": wanted.has_modules}
        rendered[wanted.shell] = typeset(render_to_string("web/plans/_tree.html", shell))
    _set_many(rendered)
    return rendered
