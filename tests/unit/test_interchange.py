from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from balise.domain.interchange import InterchangeError, dumps, loads, outline_from_dict, outline_to_dict
from balise.domain.outline import (
    ContingentOutline,
    FinanceOutline,
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import Period, Target, TargetKind


def small_outline() -> PlanOutline:
    return PlanOutline(
        kind="pssp",
        title="PSSP de Test",
        municipality="Testville",
        period_start=date(2020, 1, 1),
        period_end=date(2022, 12, 31),
        signed_on=date(2022, 12, 16),
        parties=["L'Etat", "La Commune de Testville"],
        finance=FinanceOutline(
            annual_amount_eur=Decimal("592354.64"),
            contingents=[
                ContingentOutline(
                    name="Gardiens de la paix 346",
                    fte=Decimal("2"),
                    monthly_rate_eur=Decimal("420"),
                    months=12,
                    personnel_eur=Decimal("10080"),
                    equipment_eur=Decimal("733.72"),
                    annual_amount_eur=Decimal("10813.72"),
                )
            ],
        ),
        modules=[
            ModuleOutline(
                title="Coordination",
                kind="coordination",
                general_objectives=["Mettre en oeuvre le plan"],
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title="Assurer le suivi",
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title="Recruter",
                                results=["Postes pourvus"],
                                indicators=[
                                    IndicatorOutline(
                                        text="Réunions : ≥ 50 /an",
                                        target=Target(
                                            kind=TargetKind.COUNT,
                                            raw="≥ 50 /an",
                                            comparator=">=",
                                            value=Decimal("50"),
                                            per=Period.YEAR,
                                        ),
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )


def test_an_outline_survives_the_round_trip_through_json():
    outline = small_outline()
    assert loads(dumps(outline)) == outline


def test_amounts_are_written_as_decimal_strings_to_the_cent():
    data = outline_to_dict(small_outline())
    assert data["finance"]["annual_amount_eur"] == "592354.64"
    assert data["finance"]["contingents"][0]["personnel_eur"] == "10080.00"
    assert (
        data["modules"][0]["strategic_objectives"][0]["operational_objectives"][0]["indicators"][0]["target"][
            "value"
        ]
        == "50"
    )


def test_numbers_are_accepted_on_input():
    data = outline_to_dict(small_outline())
    data["finance"]["annual_amount_eur"] = 592354.64
    outline = outline_from_dict(json.loads(json.dumps(data)))
    assert outline.finance.annual_amount_eur == Decimal("592354.64")


def test_unknown_keys_are_ignored():
    data = outline_to_dict(small_outline())
    data["producer"] = "another system"
    data["modules"][0]["colour"] = "blue"
    assert outline_from_dict(data) == small_outline()


def test_a_missing_title_is_reported_with_its_json_path():
    data = outline_to_dict(small_outline())
    del data["modules"][0]["strategic_objectives"][0]["title"]
    with pytest.raises(InterchangeError) as error:
        outline_from_dict(data)
    assert str(error.value) == "modules[0].strategic_objectives[0].title: required"


def test_a_wrong_target_kind_is_reported_with_its_json_path():
    data = outline_to_dict(small_outline())
    oo = data["modules"][0]["strategic_objectives"][0]["operational_objectives"][0]
    oo["indicators"][0]["target"]["kind"] = "colour"
    with pytest.raises(InterchangeError) as error:
        outline_from_dict(data)
    assert str(error.value).startswith(
        "modules[0].strategic_objectives[0].operational_objectives[0].indicators[0].target.kind:"
    )


def test_an_unknown_format_is_refused():
    data = outline_to_dict(small_outline())
    data["format"] = "balise.plan/2"
    with pytest.raises(InterchangeError, match="^format: must be 'balise.plan/1'"):
        outline_from_dict(data)


def test_invalid_json_names_line_and_column():
    with pytest.raises(InterchangeError, match="line 1, column"):
        loads('{"format": ')


def test_a_period_ending_before_it_starts_is_refused():
    data = outline_to_dict(small_outline())
    data["period"] = {"start": "2022-01-01", "end": "2021-01-01"}
    with pytest.raises(InterchangeError, match="^period.end: is before period.start"):
        outline_from_dict(data)


def _with_dimensions(*codes) -> dict:
    data = outline_to_dict(small_outline())
    oo = data["modules"][0]["strategic_objectives"][0]["operational_objectives"][0]
    oo["indicators"][0]["dimensions"] = list(codes)
    return data


def test_an_indicator_carries_its_dimensions_through_the_round_trip():
    outline = outline_from_dict(_with_dimensions("sex", "age_band"))
    indicator = outline.modules[0].strategic_objectives[0].operational_objectives[0].indicators[0]
    assert indicator.dimensions == ("sex", "age_band")
    assert loads(dumps(outline)) == outline


def test_an_indicator_without_dimensions_writes_none():
    assert "dimensions" not in json.dumps(outline_to_dict(small_outline()))


@pytest.mark.parametrize("codes", [("sex", "sex"), ("sex age",), (3,)])
def test_dimensions_must_be_distinct_codes(codes):
    with pytest.raises(InterchangeError) as error:
        outline_from_dict(_with_dimensions(*codes))
    assert ".indicators[0].dimensions" in str(error.value)
