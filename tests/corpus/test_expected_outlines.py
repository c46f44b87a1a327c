"""The hand-written expectations themselves: valid, typed as the domain types targets, genre-wide."""

from __future__ import annotations

import pytest

from balise.domain.interchange import dumps, loads, outline_to_dict, validate
from balise.domain.outline import MODULE_KINDS, PlanOutline
from balise.domain.targets import parse_target
from balise.reference.data import COORDINATION, PHENOMENA
from tests.corpus.documents import SPECS
from tests.corpus.plans_fr import forest, schaerbeek, seraing
from tests.corpus.plans_nl import oostende, vilvoorde
from tests.corpus.plans_zonal import zone_brussel_noord, zone_midi

PLANS = {
    f.__name__: f for f in (forest, schaerbeek, seraing, vilvoorde, oostende, zone_midi, zone_brussel_noord)
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_a_hand_written_target_is_what_the_domain_reads_in_its_raw_text(name: str) -> None:
    for indicator in PLANS[name]().iter_indicators():
        assert indicator.target is not None, indicator.text
        parsed = parse_target(indicator.target.raw)
        assert parsed == indicator.target, (indicator.text, parsed, indicator.target)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_an_expected_outline_is_a_valid_interchange_document_and_survives_a_round_trip(name: str) -> None:
    outline = PLANS[name]()
    validate(outline_to_dict(outline))
    assert loads(dumps(outline)) == outline


@pytest.mark.parametrize("name", sorted(PLANS))
def test_phenomenon_modules_are_named_by_the_national_catalogue_in_the_plan_language(name: str) -> None:
    outline: PlanOutline = PLANS[name]()
    catalogue = {getattr(p, outline.language) for p in PHENOMENA}
    for module in outline.modules:
        assert module.kind in MODULE_KINDS
        if module.kind == "phenomenon":
            assert module.title in catalogue, module.title
        elif module.kind == "coordination":
            assert module.title == getattr(COORDINATION, outline.language)


def test_every_plan_has_objectives_results_and_indicators_at_each_level() -> None:
    for name, plan in PLANS.items():
        outline = plan()
        counts = outline.counts()
        assert counts["modules"] >= 2 and counts["operational_objectives"] >= 4, name
        assert counts["indicators"] == counts["targets"] >= 5, name
        if outline.kind == "pssp":
            assert counts["results"] >= counts["operational_objectives"], name


def test_zonal_plans_carry_a_pilot_an_effect_indicator_with_its_reference_and_approaches() -> None:
    for plan in (zone_midi, zone_brussel_noord):
        outline = plan()
        assert outline.kind == "pzs"
        for module in outline.modules:
            for so in module.strategic_objectives:
                assert so.pilot
                assert so.indicators and all(i.reference_value and i.target for i in so.indicators)
                assert all(oo.approach and oo.indicators for oo in so.operational_objectives)


def test_the_corpus_spans_the_genre_in_both_languages_with_documents_that_are_not_plans() -> None:
    plans = [spec for spec in SPECS if spec.plan is not None]
    assert len(SPECS) >= 30
    assert {spec.language for spec in plans} == {"fr", "nl"}
    assert len([spec for spec in SPECS if spec.plan is None]) >= 3
    formats = {spec.name.rsplit(".", 1)[1] for spec in SPECS}
    assert formats >= {"docx", "pdf", "txt", "odt", "xlsx", "ods"}
    assert len({spec.name for spec in SPECS}) == len(SPECS)
    for spec in SPECS:
        if spec.source is not None:
            assert any(other.name == spec.source and other.write for other in SPECS), spec.name
