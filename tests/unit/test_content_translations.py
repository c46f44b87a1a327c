"""A plan's translation is matched to the plan by the place of each text in the tree, never by
its words; a tree that differs is refused at its first difference; readers see their language
where a translation exists, else the text as written."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balise.domain.outline import (
    IndicatorOutline,
    MeasureOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
    ThematicOutline,
)
from balise.domain.translations import StructureMismatch, matched_texts, merged, shown, texts

words = st.text(alphabet="abcdefghij éèà", min_size=1, max_size=12).map(lambda s: s.strip() or "x")


@st.composite
def outlines(draw: st.DrawFn) -> PlanOutline:
    def oo() -> OperationalObjectiveOutline:
        return OperationalObjectiveOutline(
            title=draw(words),
            results=draw(st.lists(words, max_size=3)),
            indicators=[IndicatorOutline(text=t) for t in draw(st.lists(words, max_size=3))],
        )

    def so() -> StrategicObjectiveOutline:
        return StrategicObjectiveOutline(
            title=draw(words),
            operational_objectives=[oo() for _ in range(draw(st.integers(0, 3)))],
            indicators=[IndicatorOutline(text=t) for t in draw(st.lists(words, max_size=2))],
        )

    modules = [
        ModuleOutline(
            title=draw(words),
            description=draw(st.none() | words),
            general_objectives=draw(st.lists(words, max_size=2)),
            strategic_objectives=[so() for _ in range(draw(st.integers(0, 3)))],
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    thematics = [
        ThematicOutline(n + 1, draw(words), [MeasureOutline(f"{n}.{i}", draw(words)) for i in range(2)])
        for n in range(draw(st.integers(0, 2)))
    ]
    return PlanOutline(kind="pssp", title=draw(words), modules=modules, thematics=thematics)


def dutch(outline: PlanOutline) -> PlanOutline:
    """The same plan, every text rewritten as its 'Dutch' version."""
    translated = copy.deepcopy(outline)
    translated.language = "nl"
    translated.title = f"NL {outline.title}"
    for module in translated.modules:
        module.title = f"NL {module.title}"
        module.description = module.description and f"NL {module.description}"
        module.general_objectives = [f"NL {g}" for g in module.general_objectives]
        for so in module.strategic_objectives:
            so.title = f"NL {so.title}"
            for indicator in so.indicators:
                indicator.text = f"NL {indicator.text}"
            for oo in so.operational_objectives:
                oo.title = f"NL {oo.title}"
                oo.results = [f"NL {r}" for r in oo.results]
                for indicator in oo.indicators:
                    indicator.text = f"NL {indicator.text}"
    for thematic in translated.thematics:
        thematic.title = f"NL {thematic.title}"
        for measure in thematic.measures:
            measure.text = f"NL {measure.text}"
    return translated


@given(outlines())
def test_every_text_of_a_plan_finds_its_translation_at_the_same_place(outline):
    found = matched_texts(outline, dutch(outline))
    originals = list(texts(outline))
    assert len(found) == len(originals)
    for text in originals:
        assert found[(text.path, text.field)] == f"NL {text.text}"


@given(outlines(), st.data())
def test_a_translation_with_one_node_more_is_refused_where_it_differs(outline, data):
    translated = dutch(outline)
    module = data.draw(st.sampled_from(translated.modules))
    module.strategic_objectives.append(StrategicObjectiveOutline(title="NL extra"))
    where = translated.modules.index(module)
    with pytest.raises(StructureMismatch) as refused:
        matched_texts(outline, translated)
    assert refused.value.path == (("module", where),)
    assert refused.value.level == "strategic_objective"
    assert refused.value.found == refused.value.expected + 1


def test_a_missing_indicator_deep_in_the_tree_is_named_by_its_place():
    def plan(indicators: int) -> PlanOutline:
        oo = OperationalObjectiveOutline(
            "Prévenir", indicators=[IndicatorOutline(f"I{i}") for i in range(indicators)]
        )
        so = StrategicObjectiveOutline(
            "Réduire", operational_objectives=[OperationalObjectiveOutline("A"), oo]
        )
        return PlanOutline(
            kind="pssp",
            title="Plan",
            modules=[ModuleOutline("Coordination"), ModuleOutline("Vols", strategic_objectives=[so])],
        )

    with pytest.raises(StructureMismatch) as refused:
        matched_texts(plan(3), plan(2))
    path = (("module", 1), ("strategic_objective", 0), ("operational_objective", 1))
    assert (refused.value.path, refused.value.level, refused.value.expected, refused.value.found) == (
        path,
        "indicator",
        3,
        2,
    )


def test_an_empty_text_in_the_translation_leaves_the_text_as_written():
    original = PlanOutline(kind="pssp", title="Plan", modules=[ModuleOutline("Vols", description="Les vols")])
    translated = PlanOutline(
        kind="pssp", title="Plan", language="nl", modules=[ModuleOutline("Diefstal", description=None)]
    )
    found = matched_texts(original, translated)
    assert found[((("module", 0),), "title")] == "Diefstal"
    assert ((("module", 0),), "description") not in found


def test_the_reader_sees_the_translation_into_their_language_or_the_text_as_written():
    translations = {"nl": {"title": "Inbraak"}}
    assert shown("Cambriolage", "fr", translations, "title", "nl").text == "Inbraak"
    assert shown("Cambriolage", "fr", translations, "title", "fr").text == "Cambriolage"
    german = shown("Cambriolage", "fr", translations, "title", "de")
    assert (german.text, german.language, german.fallback) == ("Cambriolage", "fr", True)
    # a language Balise does not write plans in reads the plan as written, not as a fallback
    assert shown("Cambriolage", "fr", translations, "title", "en").fallback is False


def test_attaching_a_language_again_replaces_only_that_language():
    existing = {"nl": {"title": "Oud"}, "de": {"title": "Alt"}}
    assert merged(existing, "nl", {"title": "Nieuw"}) == {"nl": {"title": "Nieuw"}, "de": {"title": "Alt"}}
    assert merged(existing, "nl", {}) == {"de": {"title": "Alt"}}
    with pytest.raises(ValueError):
        merged(existing, "en", {"title": "New"})
