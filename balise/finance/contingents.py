"""A contingent's name in the reader's language: the kinds the federal rules know ("Gardiens de la
paix", with their code) are named in each language; a name of the plan's own stays as written."""

from __future__ import annotations

from django.utils.translation import pgettext

from balise.domain import money
from balise.domain.text import fold

_GUARDS = ("gardiens de la paix", "gardien de la paix", "gemeenschapswachten", "gemeenschapswacht")


def contingent_label(name: str) -> str:
    """``"Gardiens de la paix 346"`` → ``"Gemeenschapswachten 346"`` in Dutch."""
    code = money.contingent_code(name)
    kind = fold(name.strip()[: -len(code)] if code else name)
    if kind not in _GUARDS:
        return name
    label = pgettext("contingent kind", "Community guards")
    if label == "Community guards":
        return name  # a language Balise has no word for them in (English): as written
    return f"{label} {code}" if code else label
