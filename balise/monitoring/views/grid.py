"""The data-entry grid of a plan: the page, and the write of cells (one typed, or a pasted block).

The page is a plain form (Save writes every changed cell); balise.js saves each cell as it
changes and a pasted block as one write, through the same endpoint answering JSON. Writes go
through `balise.monitoring.actions.record_cells`: all or nothing, revisions checked per cell.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from balise.accounts.users import AuthenticatedRequest
from balise.domain.cells import CellShape, shape_of
from balise.domain.disaggregation import cell_label
from balise.monitoring.actions import CellWrite, category_key, record_cells, split_key
from balise.monitoring.dimensions import all_cells, dimensions_of, parts_of
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.grid import PlanGrid, cell_text, plan_grid
from balise.monitoring.models import Measurement
from balise.monitoring.rules import can_record_values
from balise.monitoring.selectors import plan_years
from balise.monitoring.views.common import chosen_year, page
from balise.monitoring.views.entry import FIELD_LABELS
from balise.plans.access import plan_for
from balise.plans.models import Indicator, Plan

GRID_PAGE = "monitoring/grid.html"
MOST_CELLS = 5000  # a pasted block larger than a plan's year is a mistake


def grid_url(plan_id: int, year: int) -> str:
    return f"{reverse('monitoring-grid', args=[plan_id])}?{urlencode({'year': year})}"


def _context(request: HttpRequest, grid: PlanGrid, **extra: Any) -> dict[str, Any]:
    return {
        "plan": grid.plan,
        "grid": grid,
        "years": plan_years(grid.plan),
        "may_record": can_record_values(request.user, grid.plan) and not grid.locked,
        "typed": {},
        "cell_errors": {},
        **extra,
    }


@login_required
def grid_page(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    year = chosen_year(request.GET.get("year"), plan_years(plan))
    return page(request, GRID_PAGE, _context(request, plan_grid(plan, year)))


def _cells_of_form(post: Any) -> list[CellWrite]:
    """``cell-<indicator>:<period>`` inputs whose text differs from ``was-…`` (the no-script form)."""
    cells = []
    for name, text in post.items():
        if not name.startswith("cell-"):
            continue
        key = name.removeprefix("cell-")
        if text.strip() == post.get(f"was-{key}", "").strip():
            continue
        cells.append(_cell(key, text, post.get(f"rev-{key}")))
    return cells


def _cell(key: str, text: Any, revision: Any) -> CellWrite:
    indicator, period, category = split_key(str(key))
    try:
        return CellWrite(int(indicator), period, str(text or ""), int(revision or 0), category)
    except ValueError:
        raise Invalid({f"{key}.cell": [_("This cell is not part of the grid.")]}) from None


def _cells_of_json(body: bytes) -> list[CellWrite]:
    try:
        sent = json.loads(body)
        return [_cell(c["key"], c.get("text", ""), c.get("revision", 0)) for c in sent["cells"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Invalid({"cells": [_("The cells sent could not be read.")]}) from None


def _by_cell(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """``{"12:2025-01.denominator": ["This value is required."]}`` → messages per cell, each
    naming its field when the cell holds two ("Out of (total): This value is required.")."""
    result: dict[str, list[str]] = {}
    for name, msgs in errors.items():
        key, _dot, field = name.rpartition(".")
        key = key or name
        label = FIELD_LABELS.get(field) if field in ("numerator", "denominator", "days") else None
        result.setdefault(key, []).extend(f"{label}: {m}" if label else m for m in msgs)
    return result


def _shapes(plan: Plan, keys: list[str]) -> dict[int, tuple[Indicator, CellShape]]:
    """The indicators of ``plan`` named by cell keys, with the shape of their cells (one query)."""
    pks = {int(split_key(k)[0]) for k in keys if split_key(k)[0].isdigit()}
    found = Indicator.objects.filter(pk__in=pks, strategic_objective__module__plan=plan)
    return {i.pk: (i, shape_of(i.target)) for i in found}


def _theirs(plan: Plan, errors: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """The values saved by someone else in the cells refused for their revision (four queries:
    the indicators, their values, and the values per category of those broken down)."""
    keys = [name.rpartition(".")[0] for name in errors if name.endswith(".revision")]
    shapes = _shapes(plan, keys)
    if not shapes:
        return {}
    stored = {
        (m.indicator_key, m.period): m
        for m in Measurement.objects.filter(
            indicator_key__in=[i.key for i, _shape in shapes.values()],
            period__in=[split_key(k)[1] for k in keys],
        ).select_related("entered_by")
    }
    parts = parts_of(m for m in stored.values() if any(split_key(k)[2] for k in keys))
    found: dict[str, dict[str, Any]] = {}
    for key in keys:
        pk, period, category = split_key(key)
        indicator, shape = shapes[int(pk)]
        measurement = stored.get((indicator.key, period))
        shown: Any = measurement
        if category and measurement is not None:
            shown = next(
                (p for c, p in parts.get(measurement.pk, {}).items() if cell_label(c) == category), None
            )
        found[key] = {
            "text": cell_text(shape, shown),
            "revision": measurement.revision if measurement else 0,
            "by": _name(measurement.entered_by) if measurement and measurement.entered_by else "",
        }
    return found


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _saved(plan: Plan, saved: dict[str, Measurement | None]) -> dict[str, dict[str, Any]]:
    """The text and revision now in each cell written; for a disaggregated indicator, in its total
    and in every one of its categories for that period (their revision is the value's)."""
    shapes = _shapes(plan, list(saved))
    declared = dimensions_of(list(shapes))
    parts = parts_of(m for m in saved.values() if m is not None and m.indicator_id in declared)
    cells = {}
    for key, measurement in saved.items():
        pk, period, _category = split_key(key)
        _indicator, shape = shapes[int(pk)]
        revision = measurement.revision if measurement else 0
        cells[key] = {"text": cell_text(shape, measurement), "revision": revision}
        stored = parts.get(measurement.pk, {}) if measurement else {}
        for cell in all_cells(declared.get(int(pk), ())):
            cells[category_key(int(pk), period, cell_label(cell))] = {
                "text": cell_text(shape, stored.get(cell)),
                "revision": revision,
            }
    return cells


@login_required
@require_POST
def grid_cells(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    as_json = request.content_type == "application/json"
    year = chosen_year(request.GET.get("year") or request.POST.get("year"), plan_years(plan))
    cells: list[CellWrite] = []
    try:
        cells = _cells_of_json(request.body) if as_json else _cells_of_form(request.POST)
        if len(cells) > MOST_CELLS:
            raise Invalid({"cells": [_("At most %(count)d cells at once.") % {"count": MOST_CELLS}]})
        saved = record_cells(plan, cells, request.user)
    except PermissionDenied:
        if not as_json:
            raise
        return JsonResponse(
            {"ok": False, "message": _("You may not record values of this plan.")}, status=403
        )
    except Invalid as exc:
        by_cell, theirs = _by_cell(exc.errors), _theirs(plan, exc.errors)
        if as_json:
            return JsonResponse(
                {"ok": False, "errors": by_cell, "theirs": theirs}, status=409 if theirs else 422
            )
        typed = {c.key: c.text for c in cells}
        context = _context(request, plan_grid(plan, year), typed=typed, cell_errors=by_cell)
        context["form_errors"] = [_("Nothing was saved: correct the cells marked below.")]
        return page(request, GRID_PAGE, context, status=422)
    except (YearLocked, StaleEdit) as exc:
        if as_json:
            return JsonResponse({"ok": False, "message": str(exc)}, status=409)
        messages.error(request, str(exc))
        return redirect(grid_url(plan.pk, year))
    if as_json:
        return JsonResponse({"ok": True, "cells": _saved(plan, saved)})
    if saved:
        messages.success(
            request,
            ngettext("%(count)d value saved.", "%(count)d values saved.", len(saved)) % {"count": len(saved)},
        )
    else:
        messages.info(request, _("Nothing to save: no value was changed."))
    return redirect(grid_url(plan.pk, year))
