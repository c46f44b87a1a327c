"""Hostile and malformed interchange documents (``balise.plan/1``), written by the tests."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _plan() -> dict:
    return json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))


def _with(change) -> str:
    data = copy.deepcopy(_plan())
    change(data)
    return json.dumps(data)


def _money(text: str) -> str:
    """The plan with a contingent's personnel amount written as the bare JSON token ``text``."""
    marker = "__AMOUNT__"
    return _with(lambda d: d["finance"]["contingents"][0].__setitem__("personnel_eur", marker)).replace(
        f'"{marker}"', text
    )


def _set(path: list, value):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return _with(change)


# (name, text, the field path the refusal names, or "" for the whole document)
def hostile_documents() -> list[tuple[str, str, str]]:
    return [
        ("empty.json", "", ""),
        ("whitespace.json", "   \n ", ""),
        ("binary.json", os.urandom(512).decode("latin-1"), ""),
        ("truncated.json", json.dumps(_plan())[:200], ""),
        ("array.json", "[1, 2, 3]", ""),
        ("nested-arrays.json", "[" * 10_000 + "]" * 10_000, ""),
        ("nested-objects.json", '{"a":' * 10_000 + "1" + "}" * 10_000, ""),
        ("amount-1e400.json", _money("1e400"), "finance.contingents[0].personnel_eur"),
        ("amount-nan.json", _money("NaN"), ""),
        ("amount-infinity.json", _money("Infinity"), ""),
        ("amount-negative.json", _money("-5"), "finance.contingents[0].personnel_eur"),
        ("amount-negative-text.json", _money('"-1500.00"'), "finance.contingents[0].personnel_eur"),
        (
            "amount-huge-text.json",
            _money('"123456789012345678901234567890"'),
            "finance.contingents[0].personnel_eur",
        ),
        ("title-5M.json", _set(["title"], "x" * 5_000_000), "title"),
        ("title-not-text.json", _set(["title"], 5), "title"),
        ("module-title-too-long.json", _set(["modules", 0, "title"], "m" * 501), "modules[0].title"),
        ("year-9999.json", _set(["period"], {"start": "2020-01-01", "end": "9999-12-31"}), "period.end"),
        ("year-0.json", _set(["period"], {"start": "0000-01-01", "end": "2025-12-31"}), "period.start"),
        (
            "months-13.json",
            _with(lambda d: d["finance"]["contingents"][0].__setitem__("months", 13)),
            "finance.contingents[0].months",
        ),
        ("wrong-format.json", _set(["format"], "balise.plan/999"), "format"),
    ]
