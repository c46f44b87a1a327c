"""Dashboards: one plan, one municipality across years, the federal overview; and the chart files."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise import charts, clock
from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.rules import (
    MUNICIPAL_READ_ROLES,
    is_administrator,
    is_federal_analyst,
    organisations_with,
)
from balise.accounts.users import AuthenticatedRequest, Visitor
from balise.context.selectors import phenomena_context, rising_places
from balise.monitoring import breakdowns, dashboards, rollups
from balise.monitoring.models import ColourCode
from balise.monitoring.period_names import period_name
from balise.plans.access import plan_for
from balise.plans.models import Plan
from balise.spreadsheets import starts_like_formula


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 1990 <= year <= 2100 else default


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _palette(scale: Iterable[ColourCode]) -> dict[str, str]:
    return {c.meaning: c.hex for c in scale if c.meaning}


def _swatches(scale: Iterable[ColourCode]) -> list[charts.Swatch]:
    return [charts.Swatch(c.code, c.label, c.hex) for c in scale]


@login_required
def plan_dashboard(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    years = dashboards.plan_years(plan)
    year = _year(request, years[-1])
    board = dashboards.plan_dashboard(plan, year, _int(request.GET.get("indicator")))
    palette = _palette(board.scale)
    modules = charts.status_shares_by_module(
        [charts.StatusCounts(m.label, m.counts) for m in board.modules], title=str(year), palette=palette
    )
    trend = None
    if board.indicator is not None and board.target is not None:  # a numeric indicator
        points = [charts.TrendPoint(period_name(r.period), r.value) for r in board.trend]
        trend = charts.indicator_trend(
            charts.Trend(
                board.indicator.text,
                points,
                target=board.expected if board.cumulative else board.target.value,
                target_label=board.target.raw,
                cumulative=board.cumulative,
            )
        )
    objectives = charts.colours_by_objective(
        [charts.ObjectiveColours(o.label, o.colours) for o in board.objectives],
        board.years,
        _swatches(board.scale),
    )
    context = {"board": board, "modules_chart": modules, "trend_chart": trend, "objectives_chart": objectives}
    return render(request, "monitoring/dashboards/plan.html", context)


def _may_see_municipality(user: Visitor, municipality: Organisation) -> bool:
    if is_administrator(user) or is_federal_analyst(user):
        return True
    if municipality.pk in organisations_with(user, MUNICIPAL_READ_ROLES):
        return True
    regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    return municipality.region_id is not None and municipality.region_id in regions


@login_required
def municipality_dashboard(request: AuthenticatedRequest, org_id: int) -> HttpResponse:
    municipality = get_object_or_404(Organisation, pk=org_id, kind=Organisation.Kind.MUNICIPALITY)
    if not _may_see_municipality(request.user, municipality):
        raise Http404  # as for plans: whether it is followed here is not revealed
    years = rollups.municipality_years(municipality.pk)
    per_year: dict[int, dict[str, int]] = {}
    for row in years:
        counts = per_year.setdefault(row.year, dict.fromkeys(charts.STATUSES, 0))
        for status, n in row.counts.items():
            counts[status] += n

    scale = list(ColourCode.objects.all())
    chart = charts.municipality_years(
        [charts.StatusCounts(str(year), counts) for year, counts in per_year.items()],
        title=municipality.name,
        palette=_palette(scale),
    )
    context = {
        "municipality": municipality,
        "years": years,
        "chart": chart if years else None,
        "scale": scale,
        "figures": phenomena_context([pk for pk in (municipality.pk, municipality.police_zone_id) if pk]),
    }
    return render(request, "monitoring/dashboards/municipality.html", context)


def federal_regions(user: Visitor) -> frozenset[int] | None:
    """The regions whose plans the federal overview counts for ``user``: all (None) for federal
    analysts and administrators, their regions for regional coordinators; others are refused."""
    if is_administrator(user) or is_federal_analyst(user):
        return None
    regions = organisations_with(user, {Role.REGIONAL_COORDINATOR})
    if regions:
        return frozenset(regions)
    raise PermissionDenied(_("The federal overview is for federal analysts and regional coordinators."))


def _federal_overview(request: HttpRequest) -> tuple[QuerySet[Plan], rollups.FederalOverview]:
    """The overview for the request's year, phenomenon and reader, and the plans it counts: once
    the overview has checked that its kept counts count the plans in force (`Counted`), the list
    kept with them, which the page's other tables read without working out again which version
    of each plan is in force."""
    year = _year(request, clock.today().year - 1)
    regions = federal_regions(request.user)
    phenomenon = request.GET.get("phenomenon", "")[:80]
    plans = rollups.counted_plans(year, regions)
    return plans, rollups.federal_overview(plans, year, phenomenon, counted=rollups.Counted(regions))


def _chart_state(overview: rollups.FederalOverview) -> str:
    """A digest of what the overview's chart shows (its numbers, labels, colours, language): the
    chart's URL changes with it, so a browser never keeps the chart of an older state."""
    shown = (
        get_language(),
        [(r.key, r.label, r.columns) for r in overview.rows],
        [(c.code, c.label, c.hex, c.meaning) for c in overview.scale],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:20]


def _versus(plans: QuerySet[Plan], rows: list[rollups.OverviewRow]) -> list[tuple[str, int, int]]:
    """Per phenomenon row: the municipalities whose plan addresses it, and among them those whose
    police figures rose (empty when none rose). Three queries at most whatever the number of
    plans: the figures, then, when some rose, the counts per phenomenon (a scan of every plan's
    modules: skipped when no figure rose) and the phenomena of the municipalities that rose."""
    # Compared below with the municipalities addressing each phenomenon, all among ``plans``.
    rising = rising_places(plans.order_by().values("municipality_id"))
    if not rising:
        return []
    addressed = dashboards.addressing_counts(plans)
    risen = dashboards.addressing(plans.filter(municipality_id__in=set().union(*rising.values())))
    return [
        (row.label, addressed.get(code, 0), len(rising.get(code, set()) & risen.get(code, set())))
        for row in rows
        if (code := row.key.removeprefix("phenomenon:")) != row.key
    ]


# Rows of the overview's table per page: one phenomenon across ten thousand municipalities is
# read a page at a time (or downloaded whole as CSV); the totals always count every row.
PAGE_SIZE = 100


def _cells(columns: Iterable[int]) -> SafeString:
    """A row's counts as table cells, written here rather than by a template loop (a thousand
    numbers localised one by one were most of the page's time): whole numbers, nothing to escape
    and nothing to localise (no thousands separator)."""
    return mark_safe("".join(f"<td>{int(n)}</td>" for n in columns))  # integers only


@login_required
def federal_dashboard(request: HttpRequest) -> HttpResponse:
    """The counts come from the maintained tallies; the chart is not drawn here: the page links
    to `federal_chart` by the state of its numbers, drawn once per state and then served cached.
    The table shows `PAGE_SIZE` rows at a time, in the order of their names; its totals and its
    CSV download (`federal_table`) count every row."""
    plans, overview = _federal_overview(request)
    year = overview.year
    years = range(year - 4, year + 2)
    versus = [] if overview.phenomenon else _versus(plans, overview.rows)
    chart_query: dict[str, str | int] = {
        "year": year,
        "phenomenon": overview.phenomenon,
        "v": _chart_state(overview),
    }
    chart = urlencode(chart_query)
    split = breakdowns.breakdown(plans, year, request.GET.get("by", "sex")[:40], overview.phenomenon)
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    table_query: dict[str, str | int] = {"year": year, "phenomenon": overview.phenomenon}
    context = {
        "overview": overview,
        "page": page,
        "table": [(row, _cells(row.columns)) for row in page.object_list],
        "total_cells": _cells(overview.totals.columns),
        "table_csv": urlencode(table_query),
        "chart": chart if overview.rows else None,
        "years": years,
        "versus": versus,
        "breakdown": split,
        "breakdown_rows": [(row, breakdowns.kind_label(row.kind)) for row in split.rows],
    }
    return render(request, "monitoring/dashboards/federal.html", context)


@login_required
def federal_chart(request: HttpRequest, fmt: str) -> HttpResponse:
    """The federal overview's chart for the same filters and the same reader as the page: drawn
    the first time a state of the numbers is asked for, then served from the chart cache."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    _plans, overview = _federal_overview(request)
    chart = charts.federal_overview(
        [charts.PhenomenonCounts(r.label, r.statuses, r.colours) for r in overview.rows],
        _swatches(overview.scale),
        palette=_palette(overview.scale),
    )
    response = HttpResponse(chart.png if fmt == "png" else chart.svg, content_type=CONTENT_TYPES[fmt])
    current = request.GET.get("v") == _chart_state(overview)
    response["Cache-Control"] = "private, max-age=31536000, immutable" if current else "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


@login_required
def federal_table(request: HttpRequest) -> HttpResponse:
    """The overview's whole table as CSV (every municipality of a phenomenon, not one page), for
    the same filters and the same reader as the page, its totals as the last row; a name that a
    spreadsheet would read as a formula is prefixed with an apostrophe."""
    _plans, overview = _federal_overview(request)
    response = HttpResponse("\ufeff", content_type="text/csv; charset=utf-8")  # Excel reads UTF-8
    name = f"overview-{overview.year}-{overview.phenomenon.replace(':', '-') or 'all'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response, lineterminator="\r\n")
    statuses = [_("met"), _("partly met"), _("not met"), _("no data")]
    header = [*statuses, *(c.label for c in overview.scale), _("not assessed")]
    if overview.phenomenon:  # one row per municipality, with its number
        writer.writerow(["id", _("Municipality"), *header])
        writer.writerows([row.key, _text(row.label), *row.columns] for row in overview.rows)
        writer.writerow(["", overview.totals.label, *overview.totals.columns])
    else:
        writer.writerow([_("Phenomenon"), *header])
        writer.writerows([_text(row.label), *row.columns] for row in overview.rows)
        writer.writerow([overview.totals.label, *overview.totals.columns])
    return response


def _text(label: str) -> str:
    return "'" + label if starts_like_formula(label) else label


@login_required
def chart_file(request: AuthenticatedRequest, key: str, fmt: str) -> HttpResponse:
    """A rendered chart by its content hash. The hash is only shown on pages the user may read
    and cannot be guessed; the content never changes for a key, so browsers keep it for a year."""
    chart = charts.cached_chart(key)
    if chart is None or fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(chart.png if fmt == "png" else chart.svg, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
