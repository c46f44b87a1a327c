"""Schemathesis over every operation of the API, in process, counting what its checks find.

Shared by the bounded run of the suite (tests/integration/api/test_fuzz.py, a few examples per
operation) and ``benchmarks/fuzz_api.py`` (≥ 100 per operation). Each operation is driven with
schema-valid data (positive) and schema-invalid data (negative), once with the path parameters
Hypothesis draws and once with the ids of existing objects, so that requests reach the validators
behind the 404s. Every check schemathesis has runs on each answer; the failures are counted by kind.
Deterministic: Hypothesis is derandomised and keeps no example database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from balise.accounts.actors import SYSTEM

# What each kind of failure says about the API, as the issue counts them.
KINDS = {
    "ServerError": "5xx",
    "UndefinedStatusCode": "undocumented status",
    "JsonSchemaError": "schema violation",
    "MalformedJson": "schema violation",
    "MissingContentType": "schema violation",
    "UndefinedContentType": "schema violation",
    "MalformedMediaType": "schema violation",
    "ContentDeserializationError": "schema violation",
    "MissingHeaders": "schema violation",
    "AcceptedNegativeData": "invalid data accepted",
    "RejectedPositiveData": "valid data refused",
}
COLUMNS = (
    "5xx",
    "schema violation",
    "undocumented status",
    "invalid data accepted",
    "valid data refused",
    "other",
)


@dataclass
class OperationResult:
    label: str
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # one message per kind, to fix it


def load_schema() -> Any:
    """The API's OpenAPI document served by the Django application itself (WSGI, no network)."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


def _known(operation: Any, ids: Mapping[str, Any]) -> dict[str, Any] | None:
    names = {p.name for p in operation.path_parameters}
    if not names or not names <= set(ids):
        return None
    return {name: ids[name] for name in names}


def _record(result: OperationResult, case: Any, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    result.cases += 1
    result.statuses[response.status_code] += 1
    try:
        case.validate_response(response, headers=headers)
    except FailureGroup as group:
        for failure in group.exceptions:
            kind = KINDS.get(type(failure).__name__, "other")
            result.failures[kind] += 1
            first = f"{case.method} {case.formatted_path} → {response.status_code}: {failure.title}"
            body = response.text[:300] if response.status_code < 500 else ""
            result.examples.setdefault(kind, f"{first} {str(failure.message)[:200]} {body}")


def _drive(strategy: Any, examples: int, result: OperationResult, headers: dict[str, str]) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        _record(result, case, headers)

    run()


MODES = {"positive": GenerationMode.POSITIVE, "negative": GenerationMode.NEGATIVE}


def fuzz(
    examples: int,
    headers: dict[str, str],
    ids: Mapping[str, Any] | None = None,
    operations: str = "",
    modes: tuple[str, ...] = tuple(MODES),
) -> list[OperationResult]:
    """Run every operation (whose label contains ``operations``) with ``examples`` cases per mode
    (``modes``: positive, negative) and per path choice (drawn, known ``ids``), sending ``headers``."""
    schema = load_schema()
    results = []
    for item in schema.get_all_operations():
        operation = item.ok()
        if operations not in operation.label:
            continue
        result = OperationResult(operation.label)
        choices: list[dict[str, Any] | None] = [None]
        known = _known(operation, ids or {})
        if known:
            choices.append(known)
        for mode in modes:
            for path_parameters in choices:
                strategy = operation.as_strategy(generation_mode=MODES[mode], path_parameters=path_parameters)
                _drive(strategy, examples, result, headers)
        results.append(result)
    return results


def table(results: list[OperationResult]) -> str:
    """One line per operation: cases, then the count of each kind of failure."""
    width = max(len(r.label) for r in results)
    head = f"{'operation':<{width}} {'cases':>6} " + " ".join(f"{c[:12]:>12}" for c in COLUMNS)
    lines = [head]
    for r in results:
        counts = " ".join(f"{r.failures.get(c, 0):>12}" for c in COLUMNS)
        lines.append(f"{r.label:<{width}} {r.cases:>6} {counts}")
    totals = " ".join(f"{sum(r.failures.get(c, 0) for r in results):>12}" for c in COLUMNS)
    lines.append(f"{'total':<{width}} {sum(r.cases for r in results):>6} {totals}")
    return "\n".join(lines)


def prepare_site() -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
    """A signed plan of Ixelles 2023-2025 with one indicator of each kind, its editor's token; returns
    the headers of each caller (the editor, anonymous) and the ids of existing objects by path
    parameter name."""
    from balise.accounts.roles import Role
    from balise.accounts.tokens import issue_token
    from balise.plans.actions import import_plan
    from balise.plans.models import Indicator
    from tests.factories import user_with_role
    from tests.integration.monitoring.conftest import monitoring_outline

    plan = import_plan(monitoring_outline(), user=SYSTEM).plan
    editor = user_with_role("fuzz-editor", Role.MUNICIPALITY_EDITOR, "21009")
    _token, secret = issue_token(editor, "fuzz")
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).order_by("pk").first()
    assert indicator is not None
    callers = {"editor": {"Authorization": f"Bearer {secret}"}, "anonymous": {}}
    ids = {"plan_id": plan.pk, "indicator_id": indicator.pk, "year": 2024}
    return callers, ids
