"""The JSON interchange format ``balise.plan/1``: `PlanOutline` ⇄ plain dict.

Amounts and values are written as decimal strings; numbers are accepted on input; unknown keys
are ignored. `validate` names the JSON path of the first problem, e.g.
``modules[3].strategic_objectives[0].title: required``. See docs/interchange.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from balise.domain.languages import CONTENT_LANGUAGES, base_language
from balise.domain.outline import (
    ContingentOutline,
    FinanceOutline,
    IndicatorOutline,
    MeasureOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
    ThematicOutline,
)
from balise.domain.targets import Period, Target, TargetKind
from balise.domain.translations import SOURCE_DIGEST, places

FORMAT = "balise.plan/1"
CENT = Decimal("0.01")


class InterchangeError(ValueError):
    """Invalid interchange document; ``str()`` is ``"<json path>: <reason>"``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)


# ---------------------------------------------------------------- writing


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def target_to_dict(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    written: dict[str, Any] = {
        "kind": target.kind.value,
        "comparator": target.comparator,
        "value": _number(target.value),
        "per": target.per.value if target.per else None,
        "deadline": _date(target.deadline),
        "raw": target.raw,
    }
    if target.upper is not None:  # a range only: other targets are written as before
        written["upper"] = _number(target.upper)
    return written


def _indicator_to_dict(indicator: IndicatorOutline) -> dict[str, Any]:
    data: dict[str, Any] = {"text": indicator.text, "target": target_to_dict(indicator.target)}
    for key in ("analysis", "colour", "motivation", "reference_value"):
        if getattr(indicator, key):
            data[key] = getattr(indicator, key)
    if indicator.dimensions:
        data["dimensions"] = list(indicator.dimensions)
    return data


def _optional(data: dict[str, Any], **keys: str | None) -> dict[str, Any]:
    """``data`` with the keys that are set: zonal fields stay out of other plans' documents."""
    data.update({key: value for key, value in keys.items() if value})
    return data


def outline_to_dict(outline: PlanOutline) -> dict[str, Any]:
    """The document of ``outline``: thematics and translations only when the plan has them."""
    period = None
    if outline.period_start or outline.period_end:
        period = {"start": _date(outline.period_start), "end": _date(outline.period_end)}
    data: dict[str, Any] = {
        "format": FORMAT,
        "kind": outline.kind,
        "title": outline.title,
        "municipality": outline.municipality,
        "language": outline.language,
        "period": period,
        "signed_on": _date(outline.signed_on),
        "parties": list(outline.parties),
        "finance": None if outline.finance is None else _finance_to_dict(outline.finance),
        "modules": [_module_to_dict(m) for m in outline.modules],
    }
    if outline.thematics:
        data["thematics"] = [
            {
                "number": t.number,
                "title": t.title,
                "measures": [{"code": m.code, "text": m.text} for m in t.measures],
            }
            for t in outline.thematics
        ]
    if outline.translations:
        data["translations"] = {
            language: {place: dict(fields) for place, fields in by_place.items()}
            for language, by_place in outline.translations.items()
        }
    return data


def _finance_to_dict(finance: FinanceOutline) -> dict[str, Any]:
    """The annual allocation and the contingents, amounts as decimal strings."""
    return {
        "annual_amount_eur": _money(finance.annual_amount_eur),
        "contingents": [
            {
                "name": c.name,
                "annual_amount_eur": _money(c.annual_amount_eur),
                "fte": _number(c.fte),
                "monthly_rate_eur": _money(c.monthly_rate_eur),
                "months": c.months,
                "personnel_eur": _money(c.personnel_eur),
                "equipment_eur": _money(c.equipment_eur),
                "equipment_cap_per_fte_eur": _money(c.equipment_cap_per_fte_eur),
            }
            for c in finance.contingents
        ],
    }


def _module_to_dict(module: ModuleOutline) -> dict[str, Any]:
    return {
        "title": module.title,
        "kind": module.kind,
        "description": module.description,
        "general_objectives": list(module.general_objectives),
        "strategic_objectives": [_strategic_objective_to_dict(so) for so in module.strategic_objectives],
    }


def _strategic_objective_to_dict(so: StrategicObjectiveOutline) -> dict[str, Any]:
    """A strategic objective; its pilot only when it has one."""
    return _optional(
        {
            "title": so.title,
            "service": so.service,
            "domain": so.domain,
            "operational_objectives": [
                _operational_objective_to_dict(oo) for oo in so.operational_objectives
            ],
            "indicators": [_indicator_to_dict(i) for i in so.indicators],
        },
        pilot=so.pilot,
    )


def _operational_objective_to_dict(oo: OperationalObjectiveOutline) -> dict[str, Any]:
    """An operational objective; its approach and pilot (zonal plans) only when set."""
    return _optional(
        {
            "title": oo.title,
            "results": list(oo.results),
            "indicators": [_indicator_to_dict(i) for i in oo.indicators],
        },
        approach=oo.approach,
        pilot=oo.pilot,
    )


def dumps(outline: PlanOutline) -> str:
    """Canonical text: stable key order, UTF-8, two-space indent, trailing newline."""
    return json.dumps(outline_to_dict(outline), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- reading


@cache
def schema() -> dict[str, Any]:
    text = resources.files("balise.schemas").joinpath("plan-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _json_path(parts: Iterable[str | int]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def validate(data: Any) -> None:
    """Raise `InterchangeError` naming the JSON path of the first schema violation."""
    # Late: the domain loads nothing outside the standard library; only validation needs jsonschema.
    from jsonschema import Draft202012Validator

    if not isinstance(data, dict):
        raise InterchangeError("", "the document must be a JSON object")
    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    error = errors[0]
    # For oneOf failures, report the most specific underlying error.
    while error.context:
        # the deepest, and a bound broken rather than "is not null" when the type was right
        error = sorted(error.context, key=lambda e: (-len(e.absolute_path), e.validator == "type"))[0]
    path = _json_path(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        raise InterchangeError(f"{path}.{missing}" if path else missing, "required")
    if error.validator == "const" and path == "format":
        raise InterchangeError("format", f"must be {FORMAT!r}")
    if error.validator == "minLength":
        raise InterchangeError(path, "must not be empty")
    bounds = {
        "maxLength": "at most {} characters",
        "maximum": "at most {}",
        "minimum": "at least {}",
        "pattern": "not in the expected form ({})",
    }
    if error.validator in bounds:
        raise InterchangeError(path, bounds[error.validator].format(error.validator_value))
    raise InterchangeError(path, error.message[:300])  # the message quotes the value: keep it short


def _decimal(value: Any, path: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise InterchangeError(path, f"not a decimal number: {value!r}") from exc


def _parse_date(value: Any, path: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise InterchangeError(path, f"not a date (YYYY-MM-DD): {value!r}") from exc


def target_from_dict(data: dict[str, Any] | None, path: str = "target") -> Target | None:
    if data is None:
        return None
    return Target(
        kind=TargetKind(data["kind"]),
        raw=data.get("raw", ""),
        comparator=data.get("comparator"),
        value=_decimal(data.get("value"), f"{path}.value"),
        per=Period(data["per"]) if data.get("per") else None,
        deadline=_parse_date(data.get("deadline"), f"{path}.deadline"),
        upper=_decimal(data.get("upper"), f"{path}.upper"),
    )


def _indicators(items: list[dict[str, Any]], path: str) -> list[IndicatorOutline]:
    return [
        IndicatorOutline(
            text=item["text"],
            target=target_from_dict(item.get("target"), f"{path}[{n}].target"),
            analysis=item.get("analysis"),
            colour=item.get("colour"),
            motivation=item.get("motivation"),
            reference_value=item.get("reference_value"),
            dimensions=tuple(item.get("dimensions", ())),
        )
        for n, item in enumerate(items)
    ]


def outline_from_dict(data: Any) -> PlanOutline:
    """Validate then build the outline; raises `InterchangeError`."""
    validate(data)
    period = data.get("period") or {}
    start = _parse_date(period.get("start"), "period.start")
    end = _parse_date(period.get("end"), "period.end")
    if start and end and end < start:
        raise InterchangeError("period.end", "is before period.start")
    finance = None if data.get("finance") is None else _finance_from_dict(data["finance"])
    modules = [_module_from_dict(m, f"modules[{n}]") for n, m in enumerate(data.get("modules", []))]
    thematics = [
        ThematicOutline(
            number=t["number"],
            title=t["title"],
            measures=[MeasureOutline(code=x["code"], text=x["text"]) for x in t.get("measures", [])],
        )
        for t in data.get("thematics", [])
    ]
    outline = PlanOutline(
        kind=data["kind"],
        title=data["title"],
        municipality=data.get("municipality"),
        period_start=start,
        period_end=end,
        signed_on=_parse_date(data.get("signed_on"), "signed_on"),
        language=data.get("language", "fr"),
        parties=list(data.get("parties", [])),
        finance=finance,
        modules=modules,
        thematics=thematics,
    )
    outline.translations = _translations(data.get("translations") or {}, outline)
    return outline


def _finance_from_dict(f: dict[str, Any]) -> FinanceOutline:
    """The allocation and contingents; an amount that is not a decimal is refused by its path."""
    return FinanceOutline(
        annual_amount_eur=_decimal(f.get("annual_amount_eur"), "finance.annual_amount_eur"),
        contingents=[
            _contingent_from_dict(c, f"finance.contingents[{n}]")
            for n, c in enumerate(f.get("contingents", []))
        ],
    )


def _contingent_from_dict(c: dict[str, Any], path: str) -> ContingentOutline:
    return ContingentOutline(
        name=c["name"],
        annual_amount_eur=_decimal(c.get("annual_amount_eur"), path),
        fte=_decimal(c.get("fte"), f"{path}.fte"),
        monthly_rate_eur=_decimal(c.get("monthly_rate_eur"), path),
        months=c.get("months"),
        personnel_eur=_decimal(c.get("personnel_eur"), path),
        equipment_eur=_decimal(c.get("equipment_eur"), path),
        equipment_cap_per_fte_eur=_decimal(c.get("equipment_cap_per_fte_eur"), path),
    )


def _module_from_dict(m: dict[str, Any], path: str) -> ModuleOutline:
    return ModuleOutline(
        title=m["title"],
        kind=m.get("kind", "phenomenon"),
        description=m.get("description"),
        general_objectives=list(m.get("general_objectives", [])),
        strategic_objectives=[
            _strategic_objective_from_dict(so, f"{path}.strategic_objectives[{n}]")
            for n, so in enumerate(m.get("strategic_objectives", []))
        ],
    )


def _strategic_objective_from_dict(so: dict[str, Any], path: str) -> StrategicObjectiveOutline:
    """A strategic objective, its operational objectives first: a target's error names the
    first bad path in the document's order."""
    oos = [
        OperationalObjectiveOutline(
            title=oo["title"],
            results=list(oo.get("results", [])),
            indicators=_indicators(
                oo.get("indicators", []), f"{path}.operational_objectives[{n}].indicators"
            ),
            approach=oo.get("approach"),
            pilot=oo.get("pilot"),
        )
        for n, oo in enumerate(so.get("operational_objectives", []))
    ]
    return StrategicObjectiveOutline(
        title=so["title"],
        service=so.get("service"),
        domain=so.get("domain"),
        operational_objectives=oos,
        indicators=_indicators(so.get("indicators", []), f"{path}.indicators"),
        pilot=so.get("pilot"),
    )


def _translations(data: dict[str, Any], outline: PlanOutline) -> dict[str, dict[str, dict[str, str]]]:
    """The translations of ``outline``'s texts; a place the plan does not have, a field it has
    no text for, or the plan's own language is refused by its JSON path."""
    known = places(outline)
    own = base_language(outline.language)
    for language, by_place in data.items():
        if language not in CONTENT_LANGUAGES or language == own:
            raise InterchangeError(f"translations.{language}", "not a content language other than the plan's")
        for place, fields in by_place.items():
            if place not in known:
                raise InterchangeError(
                    f"translations.{language}.{place or '(plan)'}", "no such place in this plan"
                )
            for name in fields:
                bare = name.removeprefix(SOURCE_DIGEST)
                if bare not in known[place] and not (place == "" and name == "source"):
                    raise InterchangeError(
                        f"translations.{language}.{place or '(plan)'}.{name}", "no such text here"
                    )
    return {
        language: {place: dict(fields) for place, fields in by_place.items()}
        for language, by_place in data.items()
    }


# A plan of 300 indicators is ~0.5 MB of JSON and 8 levels deep.
MAX_DOCUMENT_CHARS = 20_000_000
MAX_DEPTH = 32


def _no_constant(name: str) -> Any:
    raise InterchangeError("", f"{name} is not a number Balise accepts")


def _finite(text: str) -> Decimal:
    """JSON numbers as exact decimals; 1e400 is refused by the schema's bounds, never rounded to inf."""
    return Decimal(text)


def loads(text: str) -> PlanOutline:
    """The outline of a ``balise.plan/1`` document, bounded before it is parsed: its size, then
    its depth (a 10 000-level nesting must not exhaust the parser's stack), NaN and Infinity
    refused, numbers read as exact decimals."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InterchangeError("", f"the document is larger than {MAX_DOCUMENT_CHARS:,} characters")
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise InterchangeError("", f"the document is nested {depth} levels deep (at most {MAX_DEPTH})")
    try:
        data = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError:  # unreachable after the depth check, kept as the last guard
        raise InterchangeError("", "the document is nested too deeply") from None
    return outline_from_dict(data)


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings, in one pass without parsing."""
    deepest = level = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            if level > deepest:
                deepest = level
                if deepest > MAX_DEPTH:
                    return deepest
        elif char in "]}":
            level -= 1
    return deepest
