"""Writes of context statistics: the category reference list and the import of figures (atomic).

Context figures are shared by every municipality: only administrators (and Balise itself, on
the command line and in the demo) write them; no page does."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from balise.accounts.actors import Actor, require
from balise.accounts.rules import is_administrator
from balise.context import data
from balise.context.models import Category, Figure
from balise.reference.models import Phenomenon


@transaction.atomic
def load_categories(user: Actor) -> int:
    """Create or update the categories and their phenomena; idempotent. Returns their number."""
    require(is_administrator, user)
    phenomena = {p.code: p for p in Phenomenon.objects.all()}
    for item in data.CATEGORIES:
        category, _created = Category.objects.update_or_create(
            code=item.code,
            defaults={
                "source": item.source,
                "name_fr": item.fr,
                "name_nl": item.nl,
                "name_de": item.de,
                "unit": item.unit,
            },
        )
        category.phenomena.set([phenomena[code] for code in item.phenomena if code in phenomena])
    return Category.objects.count()


@dataclass(frozen=True)
class NewFigure:
    category_id: int
    organisation_id: int
    year: int
    value: Decimal


@transaction.atomic
def import_figures(figures: list[NewFigure], source_file: str, user: Actor) -> tuple[int, int]:
    """Store ``figures`` (a later import of the same category, place and year replaces the value).
    Returns (created, updated)."""
    require(is_administrator, user)
    created = updated = 0
    for figure in figures:
        _row, was_created = Figure.objects.update_or_create(
            category_id=figure.category_id,
            organisation_id=figure.organisation_id,
            year=figure.year,
            defaults={"value": figure.value, "source_file": source_file[:255]},
        )
        created += was_created
        updated += not was_created
    return created, updated
