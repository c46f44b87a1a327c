from balise.plans.models.plan import FEDERAL_KINDS, Plan, PlanKind, PlanStatus
from balise.plans.models.regional import PlanMeasure, PlanThematic
from balise.plans.models.tree import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    IndicatorDimension,
    Module,
    OperationalObjective,
    Service,
    StrategicObjective,
)

__all__ = [
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "IndicatorDimension",
    "Module",
    "OperationalObjective",
    "Plan",
    "FEDERAL_KINDS",
    "PlanKind",
    "PlanMeasure",
    "PlanStatus",
    "PlanThematic",
    "Service",
    "StrategicObjective",
]
