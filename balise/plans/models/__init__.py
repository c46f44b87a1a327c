from balise.plans.models.plan import Plan, PlanKind, PlanStatus
from balise.plans.models.regional import PlanMeasure, PlanThematic
from balise.plans.models.tree import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Service,
    StrategicObjective,
)

__all__ = [
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "Module",
    "OperationalObjective",
    "Plan",
    "PlanKind",
    "PlanMeasure",
    "PlanStatus",
    "PlanThematic",
    "Service",
    "StrategicObjective",
]
