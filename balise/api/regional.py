"""/api/regional/…: regional plans, the coverage table and its drill-down, funded projects, their
outputs (definitions, yearly figures, files of evidence, approval), subsidies. Same rules as the
pages (`balise.regional.rules`); the actions check the caller themselves."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from balise import errors
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.errors import InvalidInput
from balise.plans.models import PlanMeasure
from balise.regional import actions, output_actions, selectors
from balise.regional.coverage import TABLEAU_1, columns_with
from balise.regional.models import (
    OutputDefinition,
    OutputEvidence,
    OutputReport,
    Partner,
    Project,
    RegionalPlan,
)
from balise.regional.rules import sees_project, updates_outputs
from balise.regional.views.common import project_for, read_filters, regional_for

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


class DefinitionIn(Schema):
    label: str = Field(min_length=1, max_length=300)
    unit: str = Field("", max_length=60)
    yearly_target: schemas.OptionalNumber = None


class FigureIn(Schema):
    definition_id: int
    value: schemas.OptionalNumber = Field(None, description="null removes it")


class YearOutputsIn(Schema):
    values: list[FigureIn] = Field(default_factory=list)
    narrative: str = Field("", max_length=20000)
    revision: int | None = Field(None, ge=0, description="The revision read; refused (409) if it changed")


class ReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=4000)


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
    amount_eur: schemas.Number
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
        data["outputs"] = _outputs(selectors.project_outputs(project), approved_only=True)
    return data


def _definition(d: OutputDefinition) -> dict[str, Any]:
    return {"id": d.pk, "label": d.label, "unit": d.unit, "yearly_target": d.yearly_target}


def _evidence(item: OutputEvidence) -> dict[str, Any]:
    return {"id": item.pk, "name": item.name, "size": item.size, "content_type": item.content_type}


def _year(y: selectors.YearOutputs, *, evidence: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": y.year,
        "state": y.state,
        "revision": y.revision,
        "narrative": y.narrative,
        "comment": y.comment,
        "values": [
            {"definition_id": r.definition.pk, "value": r.value} for r in y.rows if r.value is not None
        ],
    }
    if evidence:
        data["evidence"] = [_evidence(e) for e in y.evidence]
    return data


def _outputs(outputs: selectors.ProjectOutputs, *, approved_only: bool) -> dict[str, Any]:
    """Readers of the region see approved figures only; the partner and coordinators every state."""
    years = [y for y in outputs.years if y.report is not None]
    if approved_only:
        years = [y for y in years if y.state == OutputReport.State.APPROVED]
    return {
        "definitions": [_definition(d) for d in outputs.definitions],
        "years": [_year(y, evidence=not approved_only) for y in years],
    }


@router.get("", response={200: list[dict[str, Any]], 401: schemas.Detail})
def list_regional_plans(request: ApiRequest) -> list[dict[str, Any]]:
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
def coverage(request: ApiRequest, regional_id: schemas.Id, filters: Query[CoverageFilters]) -> dict[str, Any]:
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
    request: ApiRequest, regional_id: schemas.Id, thematic: int, column: str, filters: Query[CoverageFilters]
) -> list[dict[str, Any]]:
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
def list_projects(
    request: ApiRequest, regional_id: schemas.Id, filters: Query[CoverageFilters]
) -> list[dict[str, Any]]:
    """Projects running in the years (a partner sees its own only)."""
    regional, scope = regional_for(request.auth, regional_id)
    chosen, _partner = read_filters(_params(filters), regional, scope)
    return [_project(p) for p in selectors.projects(regional, chosen)[:1000]]


@router.get("/{int:regional_id}/projects/{int:project_id}", response={200: dict[str, Any], **READ_ERRORS})
def get_project(request: ApiRequest, regional_id: schemas.Id, project_id: schemas.Id) -> dict[str, Any]:
    regional, scope = regional_for(request.auth, regional_id)
    project = selectors.project_detail(project_id, regional)
    if not sees_project(scope, project):
        raise Project.DoesNotExist
    return _project(project, outputs=True)


def _measure(regional: RegionalPlan, code: str, field: str) -> PlanMeasure:
    found = selectors.measures_of(regional).select_related("thematic").filter(code=code).first()
    if found is None:
        raise InvalidInput([(field, _("No measure %(code)s in this plan.") % {"code": code})])
    return found


@router.post("/{int:regional_id}/projects", response={201: dict[str, Any], **WRITE_ERRORS})
def create_project(request: ApiRequest, regional_id: schemas.Id, payload: ProjectIn) -> Status:
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


@router.get("/{int:regional_id}/projects/{int:project_id}/outputs", response={200: dict, **READ_ERRORS})
def get_outputs(request: ApiRequest, regional_id: schemas.Id, project_id: schemas.Id) -> dict[str, Any]:
    """What the project reports and its figures per year: every state for its partner and the
    coordinators, approved figures only for the other readers."""
    _regional, scope, project = project_for(request.auth, regional_id, project_id)
    return _outputs(selectors.project_outputs(project), approved_only=not updates_outputs(scope, project))


@router.post(
    "/{int:regional_id}/projects/{int:project_id}/outputs/definitions", response={201: dict, **WRITE_ERRORS}
)
def define_output(
    request: ApiRequest, regional_id: schemas.Id, project_id: schemas.Id, payload: DefinitionIn
) -> Status:
    """A new output the project reports every year (regional coordinators)."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    definition = output_actions.define_output(
        project, payload.label, request.auth, unit=payload.unit, yearly_target=payload.yearly_target
    )
    return Status(201, _definition(definition))


@router.put(
    "/{int:regional_id}/projects/{int:project_id}/outputs/definitions/{int:definition_id}",
    response={200: dict, **WRITE_ERRORS},
)
def change_output(
    request: ApiRequest,
    regional_id: schemas.Id,
    project_id: schemas.Id,
    definition_id: schemas.Id,
    payload: DefinitionIn,
) -> dict[str, Any]:
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    definition = get_object_or_404(OutputDefinition, pk=definition_id, project=project)
    output_actions.change_output(
        definition, request.auth, label=payload.label, unit=payload.unit, yearly_target=payload.yearly_target
    )
    return _definition(definition)


def _year_of(project: Project, year: int) -> selectors.YearOutputs:
    return selectors.project_outputs(project, year).year(year)


@router.put(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}", response={200: dict, **WRITE_ERRORS}
)
def put_outputs(
    request: ApiRequest,
    regional_id: schemas.Id,
    project_id: schemas.Id,
    year: schemas.Year,
    payload: YearOutputsIn,
) -> dict[str, Any]:
    """The year's figures and narrative, kept as a draft (the project's partner or a coordinator)."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    ids = [v.definition_id for v in payload.values]
    if len(set(ids)) != len(ids):
        raise InvalidInput([("values", _("Each output once per year."))])
    output_actions.save_outputs(
        project,
        year,
        {v.definition_id: v.value for v in payload.values},
        payload.narrative,
        request.auth,
        expected_revision=payload.revision,
    )
    return _year(_year_of(project, year))


@router.post(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}/files",
    response={201: dict, **WRITE_ERRORS},
)
def attach_file(
    request: ApiRequest,
    regional_id: schemas.Id,
    project_id: schemas.Id,
    year: schemas.Year,
    file: File[UploadedFile],
) -> Status:
    """A file of evidence for the year (PDF, image, Word, Excel, OpenDocument; bounded size)."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    item = output_actions.attach_evidence(project, year, file, request.auth)
    return Status(201, _evidence(item))


@router.post(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}/submit",
    response={200: dict, **WRITE_ERRORS},
)
def submit_outputs(
    request: ApiRequest, regional_id: schemas.Id, project_id: schemas.Id, year: schemas.Year
) -> dict[str, Any]:
    """Draft or returned → submitted, for the coordinator to approve."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    output_actions.submit_outputs(project, year, request.auth)
    return _year(_year_of(project, year))


def _report(project: Project, year: int) -> OutputReport:
    found = OutputReport.objects.filter(project=project, year=year).first()
    if found is None:
        raise errors.NotFound(_("Nothing was entered for this year."))
    return found


@router.post(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}/approve",
    response={200: dict, **WRITE_ERRORS},
)
def approve_outputs(
    request: ApiRequest, regional_id: schemas.Id, project_id: schemas.Id, year: schemas.Year
) -> dict[str, Any]:
    """Submitted → approved (regional coordinators): the figures then count in the coverage."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    output_actions.approve_outputs(_report(project, year), request.auth)
    return _year(_year_of(project, year))


@router.post(
    "/{int:regional_id}/projects/{int:project_id}/outputs/{int:year}/return",
    response={200: dict, **WRITE_ERRORS},
)
def return_outputs(
    request: ApiRequest,
    regional_id: schemas.Id,
    project_id: schemas.Id,
    year: schemas.Year,
    payload: ReturnIn,
) -> dict[str, Any]:
    """Submitted → returned to the partner with a comment (regional coordinators)."""
    _regional, _scope, project = project_for(request.auth, regional_id, project_id)
    output_actions.return_outputs(_report(project, year), request.auth, payload.comment)
    return _year(_year_of(project, year))


@router.post("/{int:regional_id}/partners/{int:partner_id}/subsidies", response={201: dict, **WRITE_ERRORS})
def grant_subsidy(
    request: ApiRequest, regional_id: schemas.Id, partner_id: schemas.Id, payload: SubsidyIn
) -> Status:
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
