"""Periods are named in the reader's language in grids, workbooks and task lists, never as ISO
labels."""

from __future__ import annotations

import pytest
from django.utils import translation

from balise.monitoring.period_names import period_name, short_period_name


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [
        ("fr", "2025-01", "janv. 2025"),
        ("nl", "2025-01", "jan. 2025"),
        ("fr", "2025-Q1", "T1"),
        ("nl", "2025-Q1", "K1"),
        ("fr", "2025-W02", "semaine 2"),
        ("nl", "2025-W02", "week 2"),
        ("fr", "2025", "2025"),
        ("fr", "2025-03-15", "15/03"),
    ],
)
def test_a_period_is_named_in_the_readers_language_in_a_years_columns(language, label, expected):
    with translation.override(language):
        assert short_period_name(label) == expected


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [
        ("fr", "2025-Q1", "T1 2025"),
        ("nl", "2025-Q1", "K1 2025"),
        ("de", "2025-Q1", "Q1 2025"),
        ("fr", "2025-01", "janv. 2025"),
        ("fr", "2025-W02", "semaine 2"),
        ("fr", "2025-03-15", "15/03/2025"),
        ("fr", "not a period", "not a period"),
    ],
)
def test_a_period_named_on_its_own_carries_its_year(language, label, expected):
    with translation.override(language):
        assert period_name(label) == expected
