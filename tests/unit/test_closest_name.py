"""The close-name match skips hopeless candidates but picks what a full comparison would."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from balise.plans.matching import closest

words = st.text(alphabet="abcdeé -", min_size=0, max_size=30)


def brute_force(key: str, names: list[str], cutoff: float) -> str | None:
    best, best_ratio = None, 0.0
    for name in names:
        ratio = SequenceMatcher(None, key, name).ratio()
        if ratio > best_ratio:
            best, best_ratio = name, ratio
    return best if best_ratio >= cutoff else None


@settings(max_examples=400)
@given(words, st.lists(words, max_size=12, unique=True), st.sampled_from([0.5, 0.8, 0.9]))
def test_it_finds_the_closest_name_a_full_comparison_finds(key, names, cutoff):
    assert closest(key, [(n, n) for n in names], cutoff) == brute_force(key, names, cutoff)


def test_a_small_wording_drift_still_matches_and_another_objective_does_not():
    names = [("prevenir les cambriolages", 1), ("reduire les nuisances", 2)]
    assert closest("prevenir les cambriolage", names) == 1
    assert closest("lutter contre la drogue", names) is None
