"""Match names found in documents to reference rows (accent-, case- and spacing-insensitive)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from balise.accounts.models import Organisation
from balise.domain.text import fold
from balise.reference.models import ObjectiveCatalogueEntry, Phenomenon, Sector


def find_municipality(name: str | None) -> Organisation | None:
    if not name:
        return None
    key = fold(name)
    for org in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY):
        if key in {fold(org.name_fr), fold(org.name_nl), org.code}:
            return org
    return None


# How zonal plans name their police zone: "Zone de police Midi", "ZP 5341", "Politiezone Brussel-Noord".
_ZONE_WORDS = re.compile(r"^(?:zone de police(?: locale)?|zone|zp|politiezone|pz|police zone)\s+")


def find_police_zone(name: str | None) -> Organisation | None:
    if not name:
        return None
    key = _ZONE_WORDS.sub("", fold(name))
    for org in Organisation.objects.filter(kind=Organisation.Kind.POLICE_ZONE):
        names = {fold(org.name_fr), fold(org.name_nl), org.code}
        if key in names or fold(name) in names or (org.code and re.search(rf"\b{org.code}\b", key)):
            return org
    return None


def find_owner(kind: str, name: str | None) -> Organisation | None:
    """The organisation a plan belongs to: its police zone for a zonal plan, else its municipality."""
    return find_police_zone(name) if kind == "pzs" else find_municipality(name)


class ReferenceIndex:
    """Reference rows loaded once per import, looked up by folded name."""

    def __init__(self) -> None:
        self.phenomena = {}
        for p in Phenomenon.objects.all():
            self.phenomena[fold(p.name_fr)] = p
            self.phenomena[fold(p.name_nl)] = p
        self.sectors = {}
        for s in Sector.objects.all():
            self.sectors[fold(s.name_fr)] = s
            self.sectors[fold(s.name_nl)] = s
        self.catalogue = [
            (fold(entry.name_fr), fold(entry.name_nl), entry)
            for entry in ObjectiveCatalogueEntry.objects.all()
        ]

    def phenomenon(self, title: str) -> Phenomenon | None:
        """Exact folded match first, then a close one ("…usage de drogue" for "…drogues")."""
        key = fold(title)
        if key in self.phenomena:
            return self.phenomena[key]
        best, best_ratio = None, 0.0
        for name, phenomenon in self.phenomena.items():
            ratio = SequenceMatcher(None, key, name).ratio()
            if ratio > best_ratio:
                best, best_ratio = phenomenon, ratio
        return best if best_ratio >= 0.9 else None

    def sector(self, title: str) -> Sector | None:
        return self.sectors.get(fold(title))

    def catalogue_entry(self, title: str) -> ObjectiveCatalogueEntry | None:
        """The catalogue objective a title reproduces (tolerates a small wording drift)."""
        key = fold(title)
        best, best_ratio = None, 0.0
        for fr, nl, entry in self.catalogue:
            for name in (fr, nl):
                ratio = SequenceMatcher(None, key, name).ratio()
                if ratio > best_ratio:
                    best, best_ratio = entry, ratio
        return best if best_ratio >= 0.9 else None
