"""Resolving the places and categories named in a statistics file against the database."""

from __future__ import annotations

from balise.accounts.models import Organisation
from balise.context.models import Category
from balise.domain.text import fold


class Resolver:
    """Places by NIS code, zone number or name (any language); categories by code or name."""

    def __init__(self) -> None:
        self.places: dict[str, int] = {}
        for org in Organisation.objects.filter(kind__in=("municipality", "police_zone")):
            for key in (org.code, org.name_fr, org.name_nl, org.name_de):
                if key:
                    self.places.setdefault(fold(key), org.pk)
            if org.kind == "police_zone" and org.code:
                self.places.setdefault(fold(f"zp {org.code}"), org.pk)
                self.places.setdefault(fold(f"pz {org.code}"), org.pk)
        self.categories: dict[str, int] = {}
        for category in Category.objects.all():
            for key in (category.code, category.name_fr, category.name_nl, category.name_de):
                if key:
                    self.categories[fold(key)] = category.pk

    def place(self, text: str) -> int | None:
        key = fold(text)
        if key in self.places:
            return self.places[key]
        code = key.split(" ")[0]  # "21009 Ixelles", "5340 Bruxelles-Ouest"
        return self.places.get(code)

    def category(self, text: str) -> int | None:
        return self.categories.get(fold(text))
