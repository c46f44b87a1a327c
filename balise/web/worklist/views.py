"""/worklist/: the analyst's worklist of municipalities × years, and its XLSX/CSV export."""

from __future__ import annotations

from collections import OrderedDict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from balise import clock
from balise.accounts.users import AuthenticatedRequest
from balise.monitoring.models import ColourCode
from balise.web.worklist import export
from balise.web.worklist.forms import WorklistForm
from balise.web.worklist.selectors import may_use_worklist, rates_by_region, worklist

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def worklist_page(request: AuthenticatedRequest) -> HttpResponse:
    if not may_use_worklist(request.user):
        raise PermissionDenied(_("The worklist is for federal analysts and regional coordinators."))
    today = clock.today()
    form = WorklistForm(request.GET, today)
    filters = form.filters()
    rows = worklist(request.user, filters, today=today)
    scale = list(ColourCode.objects.all())
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "csv"):
        stamp = "-".join(str(y) for y in filters.years)
        if fmt == "xlsx":
            response = HttpResponse(export.to_xlsx(rows, scale), content_type=XLSX)
        else:
            response = HttpResponse(export.to_csv(rows, scale), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="balise-worklist-{stamp}.{fmt}"'
        return response
    matrix: OrderedDict = OrderedDict()  # (municipality, plan lineage) → {year: row}
    for row in rows:
        matrix.setdefault((row.municipality.pk, row.plan.lineage), {"first": row, "years": {}})
        matrix[row.municipality.pk, row.plan.lineage]["years"][row.year] = row
    years = sorted(filters.years, reverse=True)
    lines = [
        {"first": entry["first"], "cells": [entry["years"].get(y) for y in years]}
        for entry in matrix.values()
    ]
    context = {
        "form": form,
        "years": years,
        "lines": lines,
        "count": len(rows),
        "rates": rates_by_region(rows, _("Nationally"), _("No region")),
        "query": request.GET.urlencode(),
    }
    return render(request, "web/worklist/worklist.html", context)
