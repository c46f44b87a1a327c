"""The default colour scale of evaluations (configurable afterwards in the Django admin)."""

from __future__ import annotations

from dataclasses import dataclass

from balise.domain.progress import Status
from balise.monitoring.models import ColourCode


@dataclass(frozen=True)
class DefaultColour:
    code: str
    label_fr: str
    label_nl: str
    hex: str
    meaning: str
    label_de: str = ""
    needs_motivation: bool = False


DEFAULT_COLOURS = (
    DefaultColour("green", "Atteint", "Bereikt", "#2e7d32", Status.MET.value, "Erreicht"),
    DefaultColour(
        "orange",
        "Partiellement atteint",
        "Gedeeltelijk bereikt",
        "#ef6c00",
        Status.PARTLY_MET.value,
        "Teilweise erreicht",
        True,
    ),
    DefaultColour(
        "red", "Non atteint", "Niet bereikt", "#c62828", Status.NOT_MET.value, "Nicht erreicht", True
    ),
    DefaultColour(
        "grey", "Non évaluable", "Niet evalueerbaar", "#757575", Status.NO_DATA.value, "Nicht bewertbar", True
    ),
)


def load_colour_scale() -> int:
    """Create the default colours that are missing; returns how many were created.

    Existing rows are left alone: an administrator may have renamed or recoloured them.
    """
    created = 0
    for order, colour in enumerate(DEFAULT_COLOURS):
        _row, was_created = ColourCode.objects.get_or_create(
            code=colour.code,
            defaults={
                "label_fr": colour.label_fr,
                "label_nl": colour.label_nl,
                "label_de": colour.label_de,
                "hex": colour.hex,
                "meaning": colour.meaning,
                "order": order,
                "needs_motivation": colour.needs_motivation,
            },
        )
        created += was_created
    return created
