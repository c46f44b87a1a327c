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
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from balise import clock
from balise.context.models import Figure
from balise.context.selectors import NO_FIGURES, trends
from balise.domain.typography import TYPESET, TYPESET_END
from balise.finance.models import Contingent
from balise.monitoring.models import Assessment, Evaluation, Measurement, Transition
from balise.monitoring.statuses import IndicatorStatus, indicator_statuses
from balise.plans.models import Indicator, Module, Plan, PlanStatus, StrategicObjective
from balise.plans.selectors import plan_with_tree
from balise.web.typography import typeset

CSRF_PLACEHOLDER = "csrf-token-placeholder-3f9c1b7e"
TIMEOUT = 24 * 3600


MODULES_PLACEHOLDER = "<!--modules-placeholder-5d2e8a41-->"
# Where an indicator's status goes in the cached shape of its module (nodes/indicator.html).
_SLOT = re.compile(r"<!--status-slot-(\d+)-->")


def _stamps_sql(*, draft: bool) -> str:
    """One statement for every stamp the plan page depends on besides the plan's own row: per
    module of the plan (in the tree's order) how many values its indicators have (of any
    version, by key) and their last change, and beside each row the same plan-wide stamps, the
    assessments and transitions of the plan's evaluations (colours of every module), the last
    import of context figures, and the plan's other version the page points at (its id and
    number: for a ``draft`` the latest version not a draft, which it amends; otherwise a later
    draft in progress). A plan without modules gives one row whose module is NULL."""
    q = connection.ops.quote_name
    measurement, indicator, objective, plan = (
        Measurement._meta.db_table,
        Indicator._meta.db_table,
        StrategicObjective._meta.db_table,
        Plan._meta.db_table,
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
            f"ON {alias}.{q('evaluation_id')} = e.{q('id')} WHERE e.{q('lineage')} = p.{q('lineage')}"
        )

    assessments = of_lineage(Assessment._meta.db_table, "a")
    transitions = of_lineage(Transition._meta.db_table, "t")
    status, version = q("status"), q("version")
    which = f"o.{status} <> %s" if draft else f"o.{version} > p.{version} AND o.{status} = %s"
    other = (
        f"FROM {q(plan)} o WHERE o.{q('lineage')} = p.{q('lineage')} AND o.{q('id')} <> p.{q('id')} "
        f"AND {which} ORDER BY o.{version} DESC LIMIT 1"
    )
    return (
        f"SELECT m.{q('id')}, (SELECT COUNT(v.{q('id')}) {values}), "
        f"(SELECT MAX(v.{q('updated_at')}) {values}), "
        f"(SELECT COUNT(a.{q('id')}) {assessments}), (SELECT MAX(a.{q('updated_at')}) {assessments}), "
        f"(SELECT COUNT(t.{q('id')}) {transitions}), (SELECT MAX(t.{q('id')}) {transitions}), "
        f"(SELECT MAX(f.{q('imported_at')}) FROM {q(Figure._meta.db_table)} f), "
        f"(SELECT o.{q('id')} {other}), (SELECT o.{version} {other}) "
        f"FROM {q(plan)} p LEFT JOIN {q(Module._meta.db_table)} m ON m.{q('plan_id')} = p.{q('id')} "
        f"WHERE p.{q('id')} = %s ORDER BY m.{q('order')}, m.{q('id')}"
    )


@dataclass(frozen=True)
class OtherVersion:
    """The plan's other version its page points at: the version in force a draft amends, or the
    draft in progress after a version in force."""

    pk: int
    version: int


@dataclass(frozen=True)
class Stamps:
    """What the plan page depends on besides the plan's own row (`stamps`)."""

    plan_wide: str  # the plan's evaluations and the context figures
    figures: str  # the context figures alone (NO_FIGURES when none was ever imported)
    modules: list[tuple[int, str]]  # each module, in the tree's order, with the stamp of its values
    other_version: OtherVersion | None
    contingents: list[tuple[object, ...]]  # the rows of the plan's contingents (the header's table)


def stamps(plan: Plan) -> Stamps:
    """What the cached page depends on besides the plan's row, in one query whatever the number
    of modules and values: the plan-wide stamp (evaluations, context figures), the stamp of the
    context figures alone (`balise.context.selectors.stamp`'s meaning), each module with the
    stamp of its values, which changes whenever a value of one of its indicators is entered,
    changed or deleted, and the other version the page points at; and in a second query the
    rows of its contingents as stored (read raw: the ORM would cost more than the page's cache)."""
    draft = plan.status == PlanStatus.DRAFT
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(_stamps_sql(draft=draft), [PlanStatus.DRAFT.value, PlanStatus.DRAFT.value, plan.pk])
        rows = cursor.fetchall()
        cursor.execute(f"SELECT * FROM {q(Contingent._meta.db_table)} WHERE {q('plan_id')} = %s", [plan.pk])
        contingents = cursor.fetchall()
    if not rows:  # the plan was deleted meanwhile: nothing to show, nothing cached under it
        return Stamps("", NO_FIGURES, [], None, contingents)
    _pk, _n, _last, *plan_wide, figures, other_pk, other_version = rows[0]
    figures_stamp = str(figures) if figures is not None else NO_FIGURES
    data = "|".join(str(part) for part in (*plan_wide, figures_stamp))
    other = OtherVersion(other_pk, other_version) if other_pk is not None else None
    modules = [(pk, f"{n}|{last}") for pk, n, last, *_rest in rows if pk is not None]
    return Stamps(data, figures_stamp, modules, other, sorted(contingents, key=repr))


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


def _get_many(keys: list[str]) -> dict[str, bytes]:
    """The HTML cached under ``keys`` (those found), UTF-8, as `_set_many` stored it."""
    return {key: zlib.decompress(value) for key, value in cache.get_many(keys).items()}


def _set_many(html: dict[str, bytes]) -> None:
    """Cache each HTML (UTF-8) compressed: the database cache stores values as base64 text,
    which the plan tree's hundreds of kilobytes made costly to read on every warm page (a fast
    level: HTML shrinks about tenfold at any level)."""
    cache.set_many({key: zlib.compress(value, 1) for key, value in html.items()}, TIMEOUT)


def _digest(*parts: str) -> str:
    """A short key part for stamps that hold dates as the database writes them (spaces)."""
    return hashlib.blake2b(":".join(parts).encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Fragment:
    """A part of the page cached beside the tree (the plan page's head: title, links, notices,
    header): the key that holds everything it depends on, and how to render it (typeset)."""

    key: str
    render: Callable[[], str]


def page_parts(plan: Plan, state: Stamps, head: Fragment, *, can_edit: bool, csrf_token: str) -> list[bytes]:
    """The plan page's body, UTF-8, in parts to join: ``head``, then the plan tree with
    ``csrf_token`` in its forms. The parts come from the cache in one read; what is missing is
    rendered: the head when what it shows changed, the modules whose data changed assembled again
    from their cached shape and their indicators' statuses (the shape, and the shell, rendered
    only when the plan's revision or the context figures changed). One query when every part is
    cached (the cache), a fixed number more when a value was entered, whatever the plan's size.
    The body is typeset and marked so (`already_set`): the page's middleware passes over it."""
    base = ":".join(
        (str(plan.pk), str(plan.content_revision), get_language() or "", "edit" if can_edit else "read")
    )
    data = f"{clock.today().isoformat()}:{state.plan_wide}"
    shell_key = f"plan-tree:{base}"
    keys = {pk: f"plan-module:{base}:{pk}:{_digest(data, stamp)}" for pk, stamp in state.modules}
    cached = _get_many([head.key, shell_key, *keys.values()])
    if head.key not in cached:
        cached[head.key] = head.render().encode()
        _set_many({head.key: cached[head.key]})
    missing = [pk for pk, key in keys.items() if key not in cached]
    shell = None if shell_key in cached else shell_key
    if missing or shell:
        shapes = {pk: f"plan-module-shape:{base}:{pk}:{_digest(state.figures)}" for pk in missing}
        cached.update(_assemble(plan, Shapes(can_edit, state.figures, shapes, shell, bool(keys)), keys))
    tree = cached[shell_key].replace(CSRF_PLACEHOLDER.encode(), csrf_token.encode())
    before, after = tree.split(MODULES_PLACEHOLDER.encode(), 1)
    modules = [cached[keys[pk]] for pk, _stamp in state.modules]
    return [TYPESET.encode(), cached[head.key], before, *modules, after, TYPESET_END.encode()]


@dataclass(frozen=True)
class Shapes:
    """What `_assemble` renders: the shapes of the ``modules`` (module id → cache key of its
    shape), the shell under the key ``shell`` unless it is None."""

    can_edit: bool
    figures_stamp: str
    modules: dict[int, str]
    shell: str | None
    has_modules: bool


def _assemble(plan: Plan, wanted: Shapes, keys: dict[int, str]) -> dict[str, bytes]:
    """The modules of ``wanted`` with their statuses of today (one query for the statuses, the
    shapes from the cache or rendered), and the shell if wanted; cached, returned by key."""
    shapes = _get_many(list(wanted.modules.values())) if wanted.modules else {}
    unshaped = [pk for pk, key in wanted.modules.items() if key not in shapes]
    if unshaped or wanted.shell is not None:
        shapes.update(_render(plan.pk, wanted, unshaped))
    badges = _badges(indicator_statuses(plan, modules=list(wanted.modules))) if wanted.modules else {}
    assembled = {
        keys[pk]: _SLOT.sub(lambda slot: badges.get(int(slot.group(1)), ""), shapes[key].decode()).encode()
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


def _render(plan_id: int, wanted: Shapes, modules: Collection[int]) -> dict[str, bytes]:
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
        ).encode()
        for node in full.modules.all()
    }
    if wanted.shell is not None:
        shell = {**context, "modules_html": mark_safe(MODULES_PLACEHOLDER), "has_modules": wanted.has_modules}
        rendered[wanted.shell] = typeset(render_to_string("web/plans/_tree.html", shell)).encode()
    _set_many(rendered)
    return rendered
