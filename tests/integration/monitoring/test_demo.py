from __future__ import annotations

import json
from importlib import resources

import pytest

from balise.demo import DEMO_MEASUREMENTS, load_demo
from balise.monitoring.models import Assessment, Evaluation, Measurement, Transition

pytestmark = pytest.mark.django_db


def demo_rows() -> list[dict]:
    return json.loads(resources.files("balise.demo").joinpath("data", DEMO_MEASUREMENTS).read_text("utf-8"))


def test_the_demo_records_every_measurement_and_plays_the_2023_evaluation(reference):
    load_demo()
    assert Measurement.objects.count() == len(demo_rows())
    e2023 = Evaluation.objects.get(year=2023)
    assert e2023.state == "analysed"
    who = [(t.to_state, t.by.username) for t in Transition.objects.filter(evaluation=e2023)]
    assert who == [("submitted", "evaluateur"), ("analysed", "analyste")]
    analysed = Assessment.objects.filter(evaluation=e2023).exclude(colour=None)
    assert analysed.count() >= 4
    assert {a.colour.code for a in analysed} >= {"green", "orange"}
    assert all(a.motivation for a in analysed)
    assert Assessment.objects.filter(evaluation=e2023).exclude(self_evaluation="").count() >= 4
    # The analyst's colour is not forced to the computed status.
    assert any(a.colour.meaning != a.suggested_status for a in analysed)
    assert Evaluation.objects.get(year=2024).state == "draft"


def test_the_demo_loads_twice_without_duplicates(reference):
    load_demo()
    counts = (Measurement.objects.count(), Assessment.objects.count(), Transition.objects.count())
    load_demo()
    assert (Measurement.objects.count(), Assessment.objects.count(), Transition.objects.count()) == counts
    assert Evaluation.objects.count() == 2


def test_the_demo_has_an_indicator_broken_down_by_sex_and_age_band_whose_totals_are_computed(reference):
    from balise.monitoring.models import MeasurementPart
    from balise.plans.models import IndicatorDimension

    load_demo()
    victims = "Nombre de victimes prises en charge"
    links = IndicatorDimension.objects.filter(indicator__text__startswith=victims)
    assert list(links.values_list("dimension__code", flat=True)) == ["sex", "age_band"]
    key = links.first().indicator.key
    written = [r for r in demo_rows() if "parts" in r]
    assert len(written) == 24
    for m in Measurement.objects.filter(indicator_key=key):
        assert m.amount == sum(p.amount for p in MeasurementPart.objects.filter(measurement=m)) > 0
