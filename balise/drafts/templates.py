"""Document templates: recognising one, learning what its labels and styles mean from a user's
corrections, and finding the mapping of a municipality that fits a new document."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable

from balise.accounts.models import Organisation
from balise.domain.text import fold
from balise.drafts.models import TemplateMapping
from balise.imports.document.model import Document
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.vocabulary import Role, label_of

# "Jauge : Nombre de visites…", "Chantier 3 - …": a label is a few words before a separator.
_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][^:–—\n]{0,38}?)\s*(?:\d+\s*)?[:–—]\s*(?P<value>.*)$", re.S)

# Paragraph styles every document uses for its body text: they say nothing about a template.
BODY_STYLES = {
    fold(s)
    for s in (
        "Normal",
        "Standard",
        "Default",
        "Body Text",
        "Text Body",
        "List Paragraph",
        "List Bullet",
        "Corps de texte",
        "Paragraphe de liste",
        "Plattetekst",
        "Lijstalinea",
        "Table Contents",
        "Contenu de tableau",
    )
}


def fingerprint(document: Document) -> str:
    """The template a document was written from, as far as it shows: its format and the paragraph
    styles it uses."""
    styles = sorted({u.style for u in document.units() if u.style and not u.furniture})
    return hashlib.sha256(json.dumps([document.format, styles]).encode()).hexdigest()


def label_in(text: str) -> str | None:
    """The label that starts ``text``, if the vocabulary does not already know it."""
    match = _LABEL.match(text)
    if match is None or label_of(text) is not None:
        return None
    return " ".join(match.group("label").split())


def learned(document: Document, roles: dict[str, Role]) -> Mapping:
    """What the user's role corrections say about the template: a label the vocabulary does not
    know means the role given to the unit it starts; else a paragraph style that is not body text
    means that role, unless the user gave units of that style different roles."""
    labels: dict[str, Role] = {}
    by_style: dict[str, set[Role]] = {}
    for unit_id, role in roles.items():
        unit = document.unit(unit_id)
        if unit is None or role in (Role.IGNORE, Role.FURNITURE) and not unit.style:
            continue
        label = label_in(unit.text)
        if label is not None:
            labels[label] = role
        elif unit.style and fold(unit.style) not in BODY_STYLES:
            by_style.setdefault(unit.style, set()).add(role)
    styles = {style: next(iter(found)) for style, found in by_style.items() if len(found) == 1}
    return Mapping(labels=labels, styles=styles)


def _fits(mapping: TemplateMapping, texts: Iterable[tuple[str, str]]) -> int:
    """How many units of a document the mapping's labels or styles speak of."""
    keys = [fold(label).strip() for label in mapping.labels]
    styles = set(mapping.styles)
    hits = 0
    for text, style in texts:
        folded = fold(text)
        if style in styles or any(
            k and folded.startswith(k) and (len(folded) == len(k) or not folded[len(k)].isalnum())
            for k in keys
        ):
            hits += 1
    return hits


def template_for(municipality: Organisation | None, document: Document) -> TemplateMapping | None:
    """The municipality's mapping for the template this document was written from: the same
    fingerprint, else the one whose labels and styles occur most in it (at least once)."""
    if municipality is None:
        return None
    candidates = list(TemplateMapping.objects.filter(municipality=municipality).order_by("-updated_at"))
    print_ = fingerprint(document)
    for candidate in candidates:
        if candidate.fingerprint == print_:
            return candidate
    texts = [(u.text, u.style) for u in document.units() if not u.furniture]
    scored = [(_fits(c, texts), c) for c in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def as_mapping(template: TemplateMapping | None) -> Mapping:
    if template is None:
        return Mapping()
    return Mapping.from_json(json.dumps({"labels": template.labels, "styles": template.styles}))
