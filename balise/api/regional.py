"""/api/regional/…: regional plans, the coverage table and its drill-down, funded projects and
their outputs, subsidies. Same rules as the pages (`balise.regional.rules`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from balise.api import schemas
from balise.api.errors import InvalidInput
from balise.regional import actions, selectors
from balise.regional.coverage import TABLEAU_1, columns_with
from balise.regional.models import Partner, Project
from balise.regional.outputs import Output
from balise.regional.rules import sees_project, updates_outputs
from balise.regional.views.common import read_filters, regional_for

router = Router(tags=["regional"])

READ_ERRORS = {401: schemas.Detail, 403: schemas.Detail, 404: schemas.Detail, 422: schemas.ValidationErrors}
WRITE_ERRORS = {**READ_ERRORS, 413: schemas.Detail, 409: schemas.Detail}


class CoverageFilters(Schema):
    year: int | None = Field(None, description="One year (overrides from/to)")
    year_from: int | None = Field(None, alias="from", description="First year (default: the plan's)")
    year_to: int | None = Field(None, alias="to", description="Last year (default: the plan's)")
    thematic: int | None = None
    category: str | None = Field(None, description="A partner category, e.g. police_zone")
    partner: int | None = Field(None, description="A partner id")


class OutputIn(Schema):
    label: str = Field(min_length=1, max_length=300)
    number: Decimal = Field(ge=0, max_digits=14, decimal_places=2)


class OutputsIn(Schema):
    outputs: list[OutputIn]


class ProjectIn(Schema):
    partner_id: int
    title: str = Field(min_length=1, max_length=500)
    description: str = ""
    year_start: int = Field(ge=1990, le=2100)
    year_end: int = Field(ge=1990, le=2100)
    primary: str = Field(description='Code of the primary measure, e.g. "5.3"')
    secondary: list[str] = Field(default_factory=list, description="Codes of secondary measures")


class SubsidyIn(Schema):
    year: int = Field(ge=1990, le=2100)
    amount_eur: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    legal_basis: str = ""
    call: str = ""
    project_id: int | None = None


def _params(filters: CoverageFilters) -> dict[str, str]:
    values = {
        "year": filters.year,
        "from": filters.year_from,
        "to": filters.year_to,
        "thematic": filters.thematic,
        "category": filters.category,
        "partner": filters.partner,
    }
    return {k: str(v) for k, v in values.items() if v is not None}


def _project(project: Project, outputs: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": project.pk,
        "title": project.title,
        "description": project.description,
        "partner": {
            "id": project.partner_id,
            "name": project.partner.name,
            "category": project.partner.category,
        },
        "year_start": project.year_start,
        "year_end": project.year_end,
    }
    if outputs:
        data["measures"] = [
            {"code": x.measure.code, "primary": x.primary} for x in project.measure_links.all()
        ]
        data["outputs"] = [
            {"year": o.year, "label": o.label, "number": o.number} for o in project.outputs.all()
        ]
    return data


@router.get("", response={200: list[dict[str, Any]], 401: schemas.Detail})
def list_regional_plans(request: HttpRequest):
    """The regional plans the caller may open."""
    return [
        {
            "id": rp.pk,
            "plan_id": rp.plan_id,
            "title": rp.plan.title,
            "region": rp.region.code,
            "years": rp.years,
        }
        for rp in selectors.visible_regional_plans(request.auth)
    ]


@router.get("/{int:regional_id}/coverage", response={200: dict[str, Any], **READ_ERRORS})
def coverage(request: HttpRequest, regional_id: schemas.Id, filters: Query[CoverageFilters]):
    """Per thematic and actor category, measures with at least one contribution ("5/9")."""
    regional, scope = regional_for(request.auth, regional_id)
    chosen, _partner = read_filters(_params(filters), regional, scope)
    table = selectors.coverage_table(regional, chosen, columns_with(chosen.category))
    return {
        "year_from": table.year_from,
        "year_to": table.year_to,
        "columns": [
            {"key": c.key, "label": str(c.label), "categories": list(c.categories)} for c in table.columns
        ],
        "rows": [
            {
                "number": r.number,
                "title": r.title,
                "cells": [str(c) for c in r.cells],
                "overall": str(r.overall),
            }
            for r in table.rows
        ],
        "totals": [str(t) for t in table.totals],
        "overall": str(table.overall),
    }


@router.get("/{int:regional_id}/coverage/{int:thematic}/{column}", response={200: list[dict], **READ_ERRORS})
def coverage_cell(
    request: HttpRequest, regional_id: schemas.Id, thematic: int, column: str, filters: Query[CoverageFilters]
):
    """The measures of one cell with the projects and municipal objectives counted there."""
    regional, scope = regional_for(request.auth, regional_id)
    chosen, _partner = read_filters(_params(filters), regional, scope)
    found = next((c for c in TABLEAU_1 if c.key == column), None)
    detail = selectors.coverage_detail(regional, thematic, found, chosen) if found else []
    if not detail:
        raise InvalidInput([("column" if found is None else "thematic", _("Unknown column or thematic."))])
    return [
        {
            "code": d.measure.code,
            "text": d.measure.text,
            "projects": [
                {
                    "id": x.project_id,
                    "title": x.project.title,
                    "partner": x.project.partner.name,
                    "primary": x.primary,
                }
                for x in d.links
            ],
            "objectives": [
                {
                    "plan_id": o.plan_id,
                    "municipality": o.plan.municipality_label,
                    "objective": o.objective_title,
                }
                for o in d.objectives
            ],
        }
        for d in detail
    ]


@router.get("/{int:regional_id}/projects", response={200: list[dict[str, Any]], **READ_ERRORS})
def list_projects(request: HttpRequest, regional_id: schemas.Id, filters: Query[CoverageFilters]):
    """Projects running in the years (a partner sees its own only)."""
    regional, scope = regional_for(request.auth, regional_id)
    chosen, _partner = read_filters(_params(filters), regional, scope)
    return [_project(p) for p in selectors.projects(regional, chosen)[:1000]]


@router.get("/{int:regional_id}/projects/{int:project_id}", response={200: dict[str, Any], **READ_ERRORS})
def get_project(request: HttpRequest, regional_id: schemas.Id, project_id: schemas.Id):
    regional, scope = regional_for(request.auth, regional_id)
    project = selectors.project_detail(project_id, regional)
    if not sees_project(scope, project):
        raise Project.DoesNotExist
    return _project(project, outputs=True)


def _measure(regional, code: str, field: str):
    found = selectors.measures_of(regional).select_related("thematic").filter(code=code).first()
    if found is None:
        raise InvalidInput([(field, _("No measure %(code)s in this plan.") % {"code": code})])
    return found


@router.post("/{int:regional_id}/projects", response={201: dict[str, Any], **WRITE_ERRORS})
def create_project(request: HttpRequest, regional_id: schemas.Id, payload: ProjectIn):
    """A new funded project (regional coordinators)."""
    regional, _scope = regional_for(request.auth, regional_id, edit=True)
    partner = Partner.objects.filter(pk=payload.partner_id, region_id=regional.region_id).first()
    if partner is None:
        raise InvalidInput([("partner_id", _("No such partner in this region."))])
    data = actions.ProjectData(
        partner=partner,
        title=payload.title,
        description=payload.description,
        year_start=payload.year_start,
        year_end=payload.year_end,
        primary=_measure(regional, payload.primary, "primary"),
        secondary=[_measure(regional, c, f"secondary[{i}]") for i, c in enumerate(payload.secondary)],
    )
    project = actions.create_project(regional, data, request.auth)
    return Status(201, _project(selectors.project_detail(project.pk, regional), outputs=True))


@router.put(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}", response={200: dict, **WRITE_ERRORS}
)
def put_outputs(
    request: HttpRequest,
    regional_id: schemas.Id,
    project_id: schemas.Id,
    year: schemas.Year,
    payload: OutputsIn,
):
    """Replace the outputs of a year (the project's partner or a coordinator)."""
    regional, scope = regional_for(request.auth, regional_id)
    project = get_object_or_404(
        Project.objects.select_related("partner"), pk=project_id, regional_plan=regional
    )
    if not sees_project(scope, project):
        raise Project.DoesNotExist
    if not updates_outputs(scope, project):
        raise PermissionDenied
    labels = [" ".join(o.label.split()) for o in payload.outputs]
    if len(set(labels)) != len(labels):
        raise InvalidInput([("outputs", _("Each label once per year."))])
    actions.record_outputs(
        project,
        year,
        [Output(lb, o.number) for lb, o in zip(labels, payload.outputs, strict=True)],
        request.auth,
    )
    return _project(selectors.project_detail(project.pk, regional), outputs=True)


@router.post("/{int:regional_id}/partners/{int:partner_id}/subsidies", response={201: dict, **WRITE_ERRORS})
def grant_subsidy(request: HttpRequest, regional_id: schemas.Id, partner_id: schemas.Id, payload: SubsidyIn):
    """Record a subsidy granted to a partner (regional coordinators)."""
    regional, _scope = regional_for(request.auth, regional_id, edit=True)
    partner = get_object_or_404(Partner, pk=partner_id, region_id=regional.region_id)
    project = None
    if payload.project_id is not None:
        project = Project.objects.filter(pk=payload.project_id, partner=partner).first()
        if project is None:
            raise InvalidInput([("project_id", _("The project is not this partner's."))])
    subsidy = actions.grant_subsidy(
        partner,
        payload.year,
        payload.amount_eur,
        request.auth,
        legal_basis=payload.legal_basis,
        call=payload.call,
        project=project,
    )
    return Status(
        201,
        {
            "id": subsidy.pk,
            "partner_id": partner.pk,
            "year": subsidy.year,
            "amount_eur": subsidy.amount_eur,
            "legal_basis": subsidy.legal_basis,
            "call": subsidy.call,
            "project_id": subsidy.project_id,
        },
    )
