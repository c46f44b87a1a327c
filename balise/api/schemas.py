"""Shapes of what the API reads and writes (they also make the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema

from balise.domain.periods import FIRST_YEAR, LAST_YEAR
from balise.plans.editing import NODE_KINDS

# Bounds every path parameter states in the schema and enforces before any work: a year Balise
# knows (year 0 never reaches `date()`), an id a database column can hold (no overflow).
Year = Annotated[
    int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description=f"a year from {FIRST_YEAR} to {LAST_YEAR}")
]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# The node kinds of `balise.plans.editing`, as used in /api/nodes/{kind}/… URLs.
NodeKindName = Literal[tuple(NODE_KINDS)]  # type: ignore[valid-type]
ParentKindName = Literal[("plan", *NODE_KINDS)]  # type: ignore[valid-type]


class Detail(Schema):
    detail: str


class FieldError(Schema):
    loc: str = Field(description="Path of the faulty field, e.g. modules[3].strategic_objectives[0].title")
    msg: str


class ValidationErrors(Schema):
    detail: list[FieldError]


class Conflict(Schema):
    """An edit refused because the item changed since the client read it (optimistic locking)."""

    detail: str
    current: dict[str, Any] | None = Field(
        None, description="For an edit conflict: the item as it is now, with its current revision"
    )
    submitted: dict[str, Any] | None = Field(None, description="For an edit conflict: the values sent")


class TargetOut(Schema):
    kind: str
    comparator: str | None
    value: str | None = Field(description="Decimal number written as a string")
    per: str | None
    deadline: date | None
    upper: str | None = Field(None, description="A range's upper bound (Decimal as a string)")
    raw: str


class MunicipalityOut(Schema):
    id: int
    code: str
    name: str


class PlanSummary(Schema):
    id: int
    kind: str
    title: str
    status: str
    version: int
    revision: int
    lineage: UUID
    municipality: MunicipalityOut | None
    municipality_name: str = Field(description="The municipality as written, when not matched")
    period_start: date | None
    period_end: date | None
    signed_on: date | None


class PlanPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[PlanSummary]


TRANSLATIONS_DESCRIPTION = (
    "The texts in the plan's other content languages, by language then field: "
    '{"nl": {"title": "…"}}; the fields above hold the text as written, in the plan\'s language'
)


class NodeBase(Schema):
    id: int
    key: UUID = Field(description="Identity kept across versions of the plan")
    kind: str
    revision: int
    order: int
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict, description=TRANSLATIONS_DESCRIPTION
    )


class TextNode(NodeBase):
    text: str


class IndicatorOut(TextNode):
    target: TargetOut | None
    reference_value: str = Field(
        "", description="Zonal plans: the value measured before the plan, as written; empty otherwise"
    )


class OperationalObjectiveOut(NodeBase):
    title: str
    approach: str = Field("", description="Zonal plans: how the action is carried out")
    pilot: str = Field("", description="Zonal plans: who carries the action, when named")
    results: list[TextNode]
    indicators: list[IndicatorOut]


class StrategicObjectiveOut(NodeBase):
    title: str
    domain: str
    service: str | None
    pilot: str = Field("", description="Zonal plans: who steers the objective")
    operational_objectives: list[OperationalObjectiveOut]
    indicators: list[IndicatorOut] = Field(
        description="Indicators attached to the strategic objective itself"
    )


class ModuleOut(NodeBase):
    title: str
    module_kind: str = Field(
        description="coordination, phenomenon, sector or theme (a zonal plan's transversal theme)"
    )
    description: str
    general_objectives: list[TextNode]
    strategic_objectives: list[StrategicObjectiveOut]


class MeasureOut(TextNode):
    code: str


class ThematicOut(NodeBase):
    number: int
    title: str
    measures: list[MeasureOut]


class PlanTree(PlanSummary):
    language: str
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="The title in other languages, and the document each translation was read from "
        '({"nl": {"title": "…", "source": "plan-nl.docx"}})',
    )
    parties: list[Any]
    annual_amount_eur: str | None
    modules: list[ModuleOut]
    thematics: list[ThematicOut]


class TranslationOut(Schema):
    plan_id: int
    language: str = Field(description="The language of the attached translation (fr, nl or de)")
    texts: int = Field(description="How many texts of the plan now have a translation in it")


class PlanHeaderIn(Schema):
    revision: int = Field(description="The plan's revision the client last saw")
    values: dict[str, Any] = Field(
        description="Any of title, period_start, period_end, signed_on, annual_amount_eur"
    )


class ImportOut(Schema):
    plan: PlanSummary
    created: bool
    message: str


class NodeOut(Schema):
    id: int
    kind: str
    plan_id: int
    parent_kind: str
    parent_id: int
    revision: int
    order: int
    values: dict[str, Any]
    target: TargetOut | None = None


class NodeCreateIn(Schema):
    parent_kind: ParentKindName
    parent_id: int
    values: dict[str, Any]


class NodeUpdateIn(Schema):
    revision: int = Field(description="The node's revision the client last saw")
    values: dict[str, Any]


class MoveIn(Schema):
    position: int = Field(ge=0, description="0-based position among the node's siblings")


class VersionOut(PlanSummary):
    created_at: datetime
    supersedes_id: int | None


class SignIn(Schema):
    signed_on: date
