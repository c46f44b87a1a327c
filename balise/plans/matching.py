"""Match names found in documents to reference rows (accent-, case- and spacing-insensitive)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import TypeVar

from balise.accounts.models import Organisation
from balise.domain.text import fold
from balise.reference.models import ObjectiveCatalogueEntry, Phenomenon, Sector

T = TypeVar("T")


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


CLOSE = 0.9  # how similar a folded title must be to a reference name to match it


def closest(
    key: str,
    names: Iterable[tuple[str, T]],
    cutoff: float = CLOSE,
    matchers: dict[str, SequenceMatcher] | None = None,
) -> T | None:
    """The value of the name most similar to ``key`` (ratio ≥ ``cutoff``), or None.

    Cheap upper bounds first, as `difflib.get_close_matches` does: a name whose length alone, then
    whose letters, cannot reach the cutoff (or beat the best so far) is never compared in full.
    ``matchers`` keeps one matcher per name across calls (the name's index is built once).
    """
    best, best_ratio = None, cutoff
    kept = {} if matchers is None else matchers
    for name, value in names:
        if 2 * min(len(name), len(key)) < best_ratio * (len(name) + len(key)):
            continue
        if name not in kept:
            kept[name] = SequenceMatcher(None, b=name)
        matcher = kept[name]
        matcher.set_seq1(key)  # key first, as the full comparison does (not symmetric)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = value, ratio
    return best


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
        self.catalogue: dict[str, ObjectiveCatalogueEntry] = {}
        for entry in ObjectiveCatalogueEntry.objects.all():
            self.catalogue.setdefault(fold(entry.name_fr), entry)
            self.catalogue.setdefault(fold(entry.name_nl), entry)
        self.matchers: dict[str, SequenceMatcher] = {}  # one per reference name, for `closest`

    def phenomenon(self, title: str) -> Phenomenon | None:
        """Exact folded match first, then a close one ("…usage de drogue" for "…drogues")."""
        key = fold(title)
        return self.phenomena.get(key) or closest(key, self.phenomena.items(), matchers=self.matchers)

    def sector(self, title: str) -> Sector | None:
        return self.sectors.get(fold(title))

    def catalogue_entry(self, title: str) -> ObjectiveCatalogueEntry | None:
        """The catalogue objective a title reproduces (tolerates a small wording drift)."""
        key = fold(title)
        return self.catalogue.get(key) or closest(key, self.catalogue.items(), matchers=self.matchers)
