"""A JSON number sent to a decimal field of the API (amounts, values, days) is read from its digits,
never through a binary float; every other field still gets the number as ``json.loads`` gives it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import RequestFactory
from pydantic import TypeAdapter

from balise.api.errors import JsonParser
from balise.api.schemas import Number


def parsed(body: str) -> Any:
    return JsonParser().parse_body(RequestFactory().post("/", body, content_type="application/json"))


def test_a_json_number_is_rounded_to_the_cent_from_its_digits_not_from_a_float():
    # As floats these are 0.005 and 123456789012.345, which would round up.
    values = parsed('{"small": 0.0049999999999999999, "large": 123456789012.344999999}')
    number = TypeAdapter(Number)
    assert number.validate_python(values["small"]) == Decimal("0.00")
    assert number.validate_python(values["large"]) == Decimal("123456789012.34")


def test_a_json_number_is_still_a_float_to_fields_that_are_not_decimal():
    assert parsed('{"x": 1.5}') == {"x": 1.5}
    assert isinstance(parsed("[2.5]")[0], float)
