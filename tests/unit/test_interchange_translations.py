"""The interchange format carries a plan's translations: every translated field, by place."""

from __future__ import annotations

import json

import pytest

from balise.domain.interchange import InterchangeError, dumps, loads
from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.translations import with_digests


def plan() -> PlanOutline:
    return PlanOutline(
        kind="pssp",
        title="Plan de sécurité",
        language="fr",
        modules=[
            ModuleOutline(
                title="Cambriolage",
                general_objectives=["Réduire les cambriolages"],
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title="Prévenir",
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title="Conseils",
                                results=["Des visites"],
                                indicators=[IndicatorOutline(text="Nombre de visites")],
                            )
                        ],
                    )
                ],
            )
        ],
    )


def translated() -> PlanOutline:
    outline = plan()
    outline.translations = {
        "nl": {
            "": {"title": "Veiligheidsplan", "source": "plan-nl.docx"},
            "modules[0]": with_digests({"title": "Inbraak"}, {"title": "Cambriolage"}),
            "modules[0].general_objectives[0]": {"text": "Inbraken verminderen"},
            "modules[0].strategic_objectives[0].operational_objectives[0].results[0]": {"text": "Bezoeken"},
            "modules[0].strategic_objectives[0].operational_objectives[0].indicators[0]": {
                "text": "Aantal bezoeken"
            },
        },
        "de": {"modules[0]": {"title": "Einbruch"}},
    }
    return outline


def test_every_translated_field_survives_a_round_trip():
    outline = translated()
    again = loads(dumps(outline))
    assert again.translations == outline.translations
    assert again == outline


def test_a_plan_without_translations_is_written_as_before():
    assert "translations" not in json.loads(dumps(plan()))


@pytest.mark.parametrize(
    ("translations", "path"),
    [
        ({"nl": {"modules[3]": {"title": "Drugs"}}}, "translations.nl.modules[3]"),
        ({"nl": {"modules[0]": {"description": "Geen"}}}, "translations.nl.modules[0].description"),
        (
            {"nl": {"modules[0].general_objectives[0]": {"title": "x"}}},
            "translations.nl.modules[0].general_objectives[0].title",
        ),
        ({"fr": {"modules[0]": {"title": "Cambriolage"}}}, "translations.fr"),
    ],
)
def test_a_translation_of_a_place_or_field_the_plan_does_not_have_is_refused_by_its_path(translations, path):
    data = json.loads(dumps(plan()))
    data["translations"] = translations
    with pytest.raises(InterchangeError) as refused:
        loads(json.dumps(data))
    assert refused.value.path == path


def test_a_language_that_is_no_content_language_is_refused_by_the_schema():
    data = json.loads(dumps(plan()))
    data["translations"] = {"en": {"": {"title": "Security plan"}}}
    with pytest.raises(InterchangeError, match="translations"):
        loads(json.dumps(data))
