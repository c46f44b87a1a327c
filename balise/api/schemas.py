"""Shapes of what the API reads and writes (they also make the OpenAPI document)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema

from balise.domain.periods import FIRST_YEAR, LAST_YEAR
from balise.plans.editing import NODE_KINDS

# Bounds every path parameter states in the schema and enforces before any work: a year Balise
# knows (year 0 never reaches `date()`), an id a database column can hold (no overflow).
Year = Annotated[
    int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description=f"a year from {FIRST_YEAR} to {LAST_YEAR}")
]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# Decimal numbers as the columns keep them (14 digits, 2 decimals): a JSON number, rounded to the
# cent, or a string of digits with at most two decimals. The schema says exactly that, and the
# validator below holds to the same pattern, so that what one accepts the other does too.
MAX_NUMBER = Decimal("999999999999.99")
NUMBER_TEXT = r"^[0-9]{1,12}([.][0-9]{1,2})?$"
# Amounts may also be written the Belgian way: "1 234,56", "1.234,56", "1234,56".
AMOUNT_TEXT = (
    r"^([0-9]{1,12}([.,][0-9]{1,2})?|[0-9]{1,3}( [0-9]{3}){1,3}(,[0-9]{1,2})?"
    r"|[0-9]{1,3}([.][0-9]{3}){1,3},[0-9]{1,2})$"
)
CENT = Decimal("0.01")


def _number_schema(pattern: str, maximum: Decimal, *, nullable: bool, description: str) -> dict[str, Any]:
    kinds: list[dict[str, Any]] = [
        {"type": "number", "minimum": 0, "maximum": float(maximum)},
        {"type": "string", "pattern": pattern},
    ]
    if nullable:
        kinds.append({"type": "null"})
    return {"anyOf": kinds, "description": description}


class JsonNumber(float):
    """A JSON number with a fraction or an exponent as the API's parser reads it: a float to every
    other field (so they behave as with ``json.loads``), that keeps the digits as written for the
    decimal fields below, which read them exactly instead of through binary floating point."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> JsonNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number


def _reader(pattern: str, maximum: Decimal) -> BeforeValidator:
    """Read a JSON number (rounded to the cent) or a string matching ``pattern`` into a Decimal,
    refusing what the schema does not allow with a message in the user's language."""
    compiled = re.compile(pattern)

    def read(value: Any) -> Any:
        if value is None or isinstance(value, Decimal):
            return value
        if isinstance(value, bool):
            raise ValueError(_("Enter a number."))
        if isinstance(value, int | float):
            if isinstance(value, JsonNumber):
                number = Decimal(value.text)
            else:  # an integer, or NaN and Infinity, which json reads as plain floats
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if not number.is_finite() or number < 0 or number > maximum:
                raise ValueError(_("Enter a number from 0 to %(max)s.") % {"max": maximum})
            return number.quantize(CENT, rounding=ROUND_HALF_UP)
        if isinstance(value, str) and compiled.match(value):
            return value
        raise ValueError(_("Enter a number of at most 12 digits and 2 decimals, such as 1234.56."))

    return BeforeValidator(read)


def _describe(maximum: Decimal) -> str:
    return f"a number from 0 to {maximum}, at most two decimals (a JSON number is rounded to the cent)"


_NUMBER = _describe(MAX_NUMBER)
_AMOUNT = _NUMBER + '; or written "1 234,56"'
# A Decimal ≥ 0 of at most two decimals (measurements, regional outputs and subsidies).
Number = Annotated[
    Decimal,
    _reader(NUMBER_TEXT, MAX_NUMBER),
    WithJsonSchema(_number_schema(NUMBER_TEXT, MAX_NUMBER, nullable=False, description=_NUMBER)),
]
OptionalNumber = Annotated[
    Decimal | None,
    _reader(NUMBER_TEXT, MAX_NUMBER),
    WithJsonSchema(_number_schema(NUMBER_TEXT, MAX_NUMBER, nullable=True, description=_NUMBER)),
]
# Days worked: the column keeps 8 digits.
MAX_DAYS = Decimal("999999.99")
DAYS_TEXT = r"^[0-9]{1,6}([.][0-9]{1,2})?$"
OptionalDays = Annotated[
    Decimal | None,
    _reader(DAYS_TEXT, MAX_DAYS),
    WithJsonSchema(_number_schema(DAYS_TEXT, MAX_DAYS, nullable=True, description=_describe(MAX_DAYS))),
]
# An amount in euros: a JSON number or a string, Belgian-written or not ("1 234,56").
Amount = Annotated[
    Decimal | str | None,
    _reader(AMOUNT_TEXT, MAX_NUMBER),
    WithJsonSchema(_number_schema(AMOUNT_TEXT, MAX_NUMBER, nullable=True, description=_AMOUNT)),
]
RequiredAmount = Annotated[
    Decimal | str,
    _reader(AMOUNT_TEXT, MAX_NUMBER),
    WithJsonSchema(_number_schema(AMOUNT_TEXT, MAX_NUMBER, nullable=False, description=_AMOUNT)),
]


# A reporting period, as `balise.domain.periods.parse_period` reads it.
# (Days 29-31 and week 53, valid in some months and years only, are left out of the pattern.)
PERIOD_TEXT = (
    r"^(199[0-9]|20[0-9][0-9]|2100)"
    r"(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?|-W(0[1-9]|[1-4][0-9]|5[0-2]))?$"
)
Period = Annotated[
    str,
    Field(
        pattern=PERIOD_TEXT,
        description="a year (2024), a quarter (2024-Q2), a month (2024-03), a week (2024-W05) or a day",
    ),
]
# Object keys that are ids (rows by indicator id) or months (1-12).
ID_KEY = r"^[1-9][0-9]{0,17}$"
MONTH_KEY = r"^([1-9]|1[0-2])$"

# The node kinds of `balise.plans.editing`, as used in /api/nodes/{kind}/… URLs. The Literal is
# built from NODE_KINDS when the module runs (pydantic validates and documents it); mypy cannot read
# a Literal built at run time, so to it these names are the strings they are.
if TYPE_CHECKING:
    NodeKindName: TypeAlias = str
    ParentKindName: TypeAlias = str
else:
    NodeKindName = Literal[tuple(NODE_KINDS)]
    ParentKindName = Literal[("plan", *NODE_KINDS)]


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


class PlanHeaderValues(Schema):
    """The header fields to change; the others keep their value. Any other name is refused."""

    model_config = {"extra": "forbid"}

    # Left out: unchanged. The default is never validated, so a title sent as null is refused.
    title: str = Field(None, min_length=1, max_length=500, pattern=r"\S")  # type: ignore[assignment]
    period_start: date | None = Field(None, description="the period cannot end before it starts")
    period_end: date | None = None
    signed_on: date | None = None
    annual_amount_eur: OptionalNumber = None


class PlanHeaderIn(Schema):
    revision: int = Field(description="The plan's revision the client last saw")
    values: PlanHeaderValues


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
