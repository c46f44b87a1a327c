"""The values of a plan for one year: progress per indicator, bulk entry of a module's values
for one period (all or nothing), and the edit of one value with optimistic locking.

Writes go through `balise.monitoring.actions`; their messages are shown next to the row and
input they concern. Forms are plain HTML posts (htmx boosts them: no full reload).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from balise.accounts.users import AuthenticatedRequest
from balise.domain.periods import PeriodError, parse_period
from balise.monitoring.actions import bulk_record, delete_measurement, record_measurement, year_of
from balise.monitoring.dimensions import DeclaredDimension, dimensions_of
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.models import Measurement
from balise.monitoring.rules import can_record_values
from balise.monitoring.views.categories import CellRow, cell_rows, place_errors, read_cells
from balise.monitoring.views.common import page
from balise.monitoring.views.entry import fields_for, initial_of, read_row, readable, unchanged
from balise.monitoring.views.screens import ValuesScreen, build_screen
from balise.monitoring.workflow import evaluation_for
from balise.plans.access import plan_for
from balise.plans.models import Indicator, Plan

VALUES_PAGE = "monitoring/values.html"
VALUE_PAGE = "monitoring/value_edit.html"


def values_url(plan_id: int, year: int, module_id: int | None = None, period: str = "") -> str:
    query: dict[str, str | int] = {"year": year}
    if module_id:
        query["module"] = module_id
    if period:
        query["period"] = period
    return f"{reverse('monitoring-values', args=[plan_id])}?{urlencode(query)}"


def _values_context(request: HttpRequest, screen: ValuesScreen, **extra: object) -> dict[str, object]:
    return {
        "plan": screen.plan,
        "screen": screen,
        "may_record": can_record_values(request.user, screen.plan),
        **extra,
    }


@login_required
def values_page(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    return page(request, VALUES_PAGE, _values_context(request, build_screen(plan, request.GET)))


def _split(errors: dict[str, list[str]]) -> tuple[dict[int, dict[str, list[str]]], list[str]]:
    """``{"12.amount": [...], "period": [...]}`` → errors by row and field, and general ones."""
    by_row: dict[int, dict[str, list[str]]] = {}
    general: list[str] = []
    for name, msgs in errors.items():
        row, dot, field = name.partition(".")
        if dot and row.isdigit():
            by_row.setdefault(int(row), {}).setdefault(field, []).extend(msgs)
        else:
            general.extend(msgs)
    return by_row, general


@login_required
@require_POST
def bulk_entry(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    if not can_record_values(request.user, plan):
        raise PermissionDenied
    screen = build_screen(plan, request.POST)
    module_id = screen.module.pk if screen.module else None
    if screen.period is None:
        context = _values_context(request, screen, bulk_errors=[_("Choose a period of the year first.")])
        return page(request, VALUES_PAGE, context, status=422)
    rows, posted = {}, {}
    for entry in screen.entries:
        indicator = entry.row.indicator
        if entry.per_category:  # no input in the bulk form: entered on its value page
            posted[indicator.pk] = entry.values
            continue
        values = read_row(request.POST, f"i{indicator.pk}-", entry.row.target)
        posted[indicator.pk] = values
        if not unchanged(values, entry.measurement):
            rows[indicator.pk] = {**values, "revision": request.POST.get(f"i{indicator.pk}-revision", "")}
    try:
        saved = bulk_record(plan, screen.period.label, rows, request.user)
    except (Invalid, YearLocked, StaleEdit) as exc:
        by_row, general = _split(exc.errors) if isinstance(exc, Invalid) else ({}, [str(exc)])
        for entry in screen.entries:
            entry.values = posted[entry.row.indicator.pk]
            entry.errors = by_row.get(entry.row.indicator.pk, {})
        status = 422 if isinstance(exc, Invalid) else 409
        if isinstance(exc, Invalid) and not general:
            general = [_("Nothing was saved: correct the rows marked below.")]
        return page(
            request, VALUES_PAGE, _values_context(request, screen, bulk_errors=general), status=status
        )
    if saved:
        messages.success(
            request,
            ngettext("%(count)d value saved.", "%(count)d values saved.", len(saved)) % {"count": len(saved)},
        )
    else:
        messages.info(request, _("Nothing to save: no value was changed."))
    return redirect(values_url(plan.pk, screen.year, module_id, screen.period.label))


def _revision(raw: str | None) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0


def _value_context(
    request: HttpRequest,
    plan: Plan,
    indicator: Indicator,
    label: str,
    measurement: Measurement | None,
    *,
    dimensions: Sequence[DeclaredDimension] | None = None,
    cells: list[CellRow] | None = None,
    **extra: object,
) -> dict[str, object]:
    """The value page's context; a POST passes the ``dimensions`` (and its posted ``cells``) it
    has already read, so that they are not read again."""
    year = year_of(parse_period(label))
    evaluation = evaluation_for(plan, year, create=False)
    if dimensions is None:
        dimensions = dimensions_of([indicator.pk]).get(indicator.pk, ())
    if cells is None:
        cells = cell_rows(dimensions, measurement) if dimensions else []
    return {
        "dimensions": dimensions,
        "cells": cells,
        "plan": plan,
        "indicator": indicator,
        "period": label,
        "year": year,
        "measurement": measurement,
        "fields": fields_for(indicator.target),
        "values": initial_of(measurement),
        "errors": {},
        "revision": measurement.revision if measurement else 0,
        "locked": evaluation is not None and evaluation.is_locked,
        "evaluation": evaluation,
        "may_record": can_record_values(request.user, plan),
        "back": _back(plan.pk, indicator, year),
        **extra,
    }


def _back(plan_id: int, indicator: Indicator, year: int) -> str:
    module_id = indicator.strategic_objective.module_id
    return values_url(plan_id, year, module_id) + f"#indicator-{indicator.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(request: AuthenticatedRequest, plan_id: int, indicator_id: int, period: str) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    indicator = get_object_or_404(
        Indicator.objects.select_related("strategic_objective__module"),
        pk=indicator_id,
        strategic_objective__module__plan=plan,
    )
    try:
        label = parse_period(period).label
    except PeriodError:
        raise Http404 from None
    measurement = Measurement.objects.filter(indicator_key=indicator.key, period=label).first()
    if request.method == "GET":
        return page(request, VALUE_PAGE, _value_context(request, plan, indicator, label, measurement))
    if not can_record_values(request.user, plan):
        raise PermissionDenied
    posted = _PostedValue.read(request, indicator)
    try:
        if "delete" in request.POST:
            if measurement is None:
                raise StaleEdit(None)
            delete_measurement(measurement, request.user, posted.revision)
            messages.success(request, _("Value deleted."))
        else:
            record_measurement(
                indicator, label, posted.values, request.user, expected_revision=posted.revision
            )
            messages.success(request, _("Value saved."))
    except (Invalid, StaleEdit, YearLocked) as exc:
        return _value_refused(request, plan, indicator, label, measurement, posted, exc)
    return redirect(_back(plan.pk, indicator, year_of(parse_period(label))))


@dataclass(frozen=True)
class _PostedValue:
    """What the value form sent: the values (by category when the indicator declares
    dimensions: its ``cells``) and the revision the page showed."""

    dimensions: Sequence[DeclaredDimension]
    cells: list[CellRow]
    values: dict[str, Any]
    revision: int

    @classmethod
    def read(cls, request: HttpRequest, indicator: Indicator) -> _PostedValue:
        dimensions = dimensions_of([indicator.pk]).get(indicator.pk, ())
        cells = cell_rows(dimensions, None)
        if dimensions:
            values = read_cells(request.POST, cells, indicator.target)
        else:
            values = read_row(request.POST, "", indicator.target)
        return cls(dimensions, cells, values, _revision(request.POST.get("revision")))


def _value_refused(
    request: HttpRequest,
    plan: Plan,
    indicator: Indicator,
    label: str,
    measurement: Measurement | None,
    posted: _PostedValue,
    exc: Invalid | StaleEdit | YearLocked,
) -> HttpResponse:
    """The form again with why the write was refused: the errors beside their inputs (422),
    the value someone else saved beside yours (409), or the year's lock (409)."""
    dimensions = posted.dimensions
    if isinstance(exc, Invalid):
        context = _value_context(
            request,
            plan,
            indicator,
            label,
            measurement,
            dimensions=dimensions,
            cells=posted.cells if dimensions else None,
            values=posted.values,
            errors=place_errors(exc.errors, posted.cells),
        )
        context["revision"] = posted.revision
        return page(request, VALUE_PAGE, context, status=422)
    if isinstance(exc, StaleEdit):
        context = _value_context(
            request,
            plan,
            indicator,
            label,
            exc.current,
            dimensions=dimensions,
            values=posted.values,
            yours=readable({k: v for k, v in posted.values.items() if k != "parts"}),
            theirs=exc.current,
            conflict=True,
        )
        return page(request, VALUE_PAGE, context, status=409)
    context = _value_context(
        request, plan, indicator, label, measurement, dimensions=dimensions, refused=str(exc)
    )
    return page(request, VALUE_PAGE, context, status=409)
