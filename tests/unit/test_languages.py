from __future__ import annotations

from balise.domain.languages import base_language, pick
from balise.reference import data


def test_a_name_is_picked_in_the_active_language():
    assert pick("de", "Cambriolage", "Inbraak", "Einbruch") == "Einbruch"
    assert pick("nl-be", "Cambriolage", "Inbraak", "Einbruch") == "Inbraak"
    assert pick("fr", "Cambriolage", "Inbraak", "Einbruch") == "Cambriolage"


def test_a_missing_translation_falls_back_to_french():
    assert pick("de", "Ixelles", "Elsene") == "Ixelles"
    assert pick("nl", "Valmont-sur-Senne", "") == "Valmont-sur-Senne"


def test_a_language_that_is_not_a_content_language_reads_french():
    assert base_language("en") == "fr"
    assert base_language(None) == "fr"
    assert base_language("de_BE") == "de"


def test_every_phenomenon_objective_sector_and_thematic_has_a_german_name():
    named = [*data.PHENOMENA, data.COORDINATION, *data.PHENOMENON_OBJECTIVES]
    named += [*data.COORDINATION_OBJECTIVES, *data.CSS_SECTORS]
    missing = [item.code for item in named if not data.GERMAN.get(item.code)]
    missing += [n for n, *_rest in data.PGSP_THEMATICS if not data.GERMAN.get(f"pgsp-{n}")]
    assert not missing
    assert len({data.GERMAN[p.code] for p in data.PHENOMENA}) == 33  # no two phenomena share a name
    assert data.GERMAN["burglary"] == "Einbruch"
