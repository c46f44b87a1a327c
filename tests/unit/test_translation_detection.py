"""Recognising a second-language document of a stored plan (`translated_plans`), the language of
a text (`written_language`), and translations made stale by an edit of the text they translate.

The documents are generated here: a French plan of any shape, and its Dutch or German version
with the same tree, written from short phrase books (not the seed plans)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from balise.domain.outline import (
    IndicatorOutline,
    MeasureOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
    ThematicOutline,
)
from balise.domain.translations import (
    digest,
    document_language,
    readable,
    shown,
    stale_fields,
    translated_plans,
    with_digests,
    written_language,
)

PHRASES = {
    "fr": [
        "Réduire le nombre des cambriolages dans les habitations",
        "Renforcer la présence des gardiens de la paix sur la voie publique",
        "Sensibiliser les jeunes aux risques liés aux drogues",
        "Accompagner les victimes de violences intrafamiliales pour leur sécurité",
        "Nombre de contacts avec les habitants par mois",
        "Améliorer la propreté des quartiers avec les services communaux",
    ],
    "nl": [
        "Het aantal woninginbraken verminderen met de hulp van de buurt",
        "De aanwezigheid van gemeenschapswachten op het openbaar domein versterken",
        "Jongeren bewust maken van de risico's van drugs door preventie",
        "Slachtoffers van intrafamiliaal geweld begeleiden naar de hulpverlening",
        "Aantal contacten met de bewoners per maand voor het project",
        "De netheid van de wijken verbeteren met de gemeentelijke diensten",
    ],
    "de": [
        "Die Zahl der Wohnungseinbrüche mit der Hilfe der Nachbarschaft senken",
        "Die Präsenz der Ordnungshüter auf dem öffentlichen Raum verstärken",
        "Jugendliche für die Risiken von Drogen durch Prävention sensibilisieren",
        "Opfer von häuslicher Gewalt zur Hilfe begleiten und schützen",
        "Zahl der Kontakte mit den Einwohnern pro Monat für das Projekt",
        "Die Sauberkeit der Viertel mit den Gemeindediensten verbessern",
    ],
}


def plan(language: str, shape: list[list[tuple[int, int]]], seed: int = 0, **fields: object) -> PlanOutline:
    """A plan in ``language`` whose module m has one strategic objective per (operational
    objectives, indicators) pair of ``shape[m]``; texts drawn from the phrase book."""
    pick = random.Random(seed).choice
    words = PHRASES[language]
    return PlanOutline(
        kind=str(fields.get("kind", "pssp")),
        title=pick(words),
        municipality="Ixelles",
        language=language,
        period_start=fields.get("start", date(2020, 1, 1)),  # type: ignore[arg-type]
        period_end=fields.get("end", date(2025, 12, 31)),  # type: ignore[arg-type]
        modules=[
            ModuleOutline(
                title=pick(words),
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title=pick(words),
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title=pick(words),
                                results=[pick(words)],
                                indicators=[IndicatorOutline(text=pick(words)) for _ in range(indicators)],
                            )
                            for _ in range(operational)
                        ],
                    )
                    for operational, indicators in module
                ],
            )
            for module in shape
        ],
    )


SHAPES = [
    [[(1, 1)]],
    [[(2, 1), (1, 3)], [(1, 2)]],
    [[(3, 2)], [(1, 1), (1, 1)], [(2, 2)]],
]


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_the_language_of_a_text_is_told_by_its_short_words(language):
    assert written_language(PHRASES[language]) == language


def test_a_text_too_short_or_mixed_has_no_language():
    assert written_language(["Cambriolages", "Drugs"]) is None
    assert written_language([PHRASES["fr"][0], PHRASES["nl"][0]]) is None
    assert written_language([]) is None


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("other", ["nl", "de"])
def test_a_document_in_another_language_with_the_same_tree_translates_the_stored_plan(shape, other):
    stored = plan("fr", shape, seed=1)
    document = plan(other, shape, seed=2)
    assert translated_plans(document, [(41, stored)]) == [41]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_french_plan_is_recognised_as_translating_a_stored_dutch_one(shape):
    assert translated_plans(plan("fr", shape, seed=3), [(5, plan("nl", shape, seed=4))]) == [5]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_document_with_one_node_more_or_less_translates_nothing(shape):
    stored = plan("fr", shape)
    more = plan("nl", shape)
    more.modules[0].strategic_objectives[0].indicators.append(IndicatorOutline(text=PHRASES["nl"][4]))
    fewer = plan("nl", shape)
    fewer.modules[-1].strategic_objectives[-1].operational_objectives[-1].results = []
    extra_module = plan("nl", [*shape, [(1, 1)]])
    for document in (more, fewer, extra_module):
        assert translated_plans(document, [(1, stored)]) == []


def test_a_document_in_the_plan_s_own_language_is_not_its_translation():
    shape = SHAPES[1]
    assert translated_plans(plan("fr", shape, seed=8), [(1, plan("fr", shape, seed=9))]) == []


def test_a_reading_that_says_french_by_default_is_corrected_by_its_dutch_texts():
    document = plan("nl", SHAPES[1])
    document.language = "fr"  # what a reading that cannot tell says
    assert document_language(document) == "nl"
    assert translated_plans(document, [(3, plan("fr", SHAPES[1]))]) == [3]


def test_a_declared_language_other_than_french_is_taken_at_its_word():
    document = plan("fr", SHAPES[0])
    document.language = "de"
    assert document_language(document) == "de"


def test_another_kind_or_period_of_plan_is_not_translated():
    shape = SHAPES[1]
    stored = [(1, plan("fr", shape, kind="pzs")), (2, plan("fr", shape, start=date(2014, 1, 1)))]
    assert translated_plans(plan("nl", shape), stored) == []


def test_a_period_one_document_does_not_state_does_not_prevent_the_match():
    shape = SHAPES[0]
    document = plan("nl", shape)
    document.period_start = document.period_end = None
    assert translated_plans(document, [(9, plan("fr", shape))]) == [9]


def test_only_the_stored_plans_with_the_same_tree_are_offered():
    document = plan("nl", SHAPES[2])
    stored = [(1, plan("fr", SHAPES[0])), (2, plan("fr", SHAPES[2])), (3, plan("fr", SHAPES[1]))]
    assert translated_plans(document, stored) == [2]


def test_an_empty_document_translates_nothing():
    empty = PlanOutline(kind="pssp", title="Plan", language="nl")
    assert translated_plans(empty, [(1, PlanOutline(kind="pssp", title="Plan", language="fr"))]) == []


def test_a_thematic_plan_is_matched_by_its_measures():
    def pgsp(language: str, measures: int) -> PlanOutline:
        words = PHRASES[language]
        return PlanOutline(
            kind="pgsp",
            title=words[0],
            language=language,
            thematics=[
                ThematicOutline(
                    number=1,
                    title=words[1],
                    measures=[MeasureOutline(f"1.{n}", words[n]) for n in range(measures)],
                )
            ],
        )

    assert translated_plans(pgsp("nl", 3), [(1, pgsp("fr", 3))]) == [1]
    assert translated_plans(pgsp("nl", 4), [(1, pgsp("fr", 3))]) == []


# ---------------------------------------------------------------- stale translations


def test_a_translation_of_an_unchanged_text_is_current():
    kept = {"nl": with_digests({"title": "Inbraak"}, {"title": "Cambriolage"})}
    assert shown("Cambriolage", "fr", kept, "title", "nl").stale is False
    assert stale_fields(kept, {"title": "Cambriolage"}) == {}


def test_editing_the_text_as_written_makes_its_translation_stale():
    kept = {
        "nl": with_digests(
            {"title": "Inbraak", "description": "Preventie"},
            {
                "title": "Cambriolage",
                "description": "Prévention",
            },
        )
    }
    text = shown("Cambriolages dans les commerces", "fr", kept, "title", "nl")
    assert (text.text, text.stale, text.fallback) == ("Inbraak", True, False)
    assert stale_fields(kept, {"title": "Cambriolages dans les commerces", "description": "Prévention"}) == {
        "nl": ["title"]
    }


def test_attaching_again_against_the_edited_text_clears_the_stale_mark():
    edited = "Cambriolages dans les commerces"
    again = {"nl": with_digests({"title": "Winkelinbraak"}, {"title": edited})}
    assert shown(edited, "fr", again, "title", "nl").stale is False


def test_a_translation_attached_without_a_digest_is_taken_as_current():
    assert shown("Tout autre texte", "fr", {"nl": {"title": "Inbraak"}}, "title", "nl").stale is False


def test_the_reader_of_the_plan_s_own_language_never_sees_a_stale_mark():
    kept = {"nl": with_digests({"title": "Inbraak"}, {"title": "Cambriolage"})}
    assert shown("Autre", "fr", kept, "title", "fr").stale is False


def test_digests_differ_for_different_texts():
    assert digest("Cambriolage") != digest("Cambriolages")


def test_the_digests_are_not_part_of_the_readable_translations():
    kept = {"nl": with_digests({"title": "Inbraak"}, {"title": "Cambriolage"})}
    assert readable(kept) == {"nl": {"title": "Inbraak"}}
