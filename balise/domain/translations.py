"""Plan content in a second language: which texts a translation carries, how a translated
document is matched to the plan it translates, and which text a reader is shown.

A plan is written in one language (``PlanOutline.language``); a translation gives, per node and
per field, the text in another content language. Brussels plans exist in French and in Dutch as
two documents with the same structure: the second one is read like any plan, then matched node by
node to the first by its place in the tree (the n-th strategic objective of the m-th module…),
never by guessing from the words. Where the two trees differ, the first difference is named and
nothing is taken.

Standard library only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from balise.domain.languages import CONTENT_LANGUAGES, FALLBACK, base_language
from balise.domain.outline import (
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)

K = TypeVar("K", bound=Hashable)

# A node's place: ((level, index), …) from the plan down, indexes counted from 0.
Path = tuple[tuple[str, int], ...]
# {"nl": {"title": "…"}} as stored beside a node.
Translations = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Text:
    """One translatable text of a plan: where it stands, which field, what it says."""

    path: Path
    field: str
    text: str


@dataclass(frozen=True)
class Shown:
    """The text a reader is shown: in their language, or as written when no translation exists
    (``fallback``: the page marks it and says in which language it is)."""

    text: str
    language: str
    fallback: bool
    # The text as written was changed after this translation of it was attached.
    stale: bool = False


class StructureMismatch(ValueError):
    """The translated document's tree differs from the plan's at ``path`` (``level``: the kind
    of node whose number differs; ``expected``/``found``: how many of them each tree has)."""

    def __init__(self, path: Path, level: str, expected: int, found: int) -> None:
        super().__init__(f"{path}: {expected} {level} expected, {found} found")
        self.path, self.level, self.expected, self.found = path, level, expected, found


def texts(outline: PlanOutline) -> Iterator[Text]:
    """Every translatable text of a plan, in document order, with its place in the tree."""
    yield Text((), "title", outline.title)
    for m, module in enumerate(outline.modules):
        yield from _module(((("module", m),)), module)
    for t, thematic in enumerate(outline.thematics):
        here: Path = (("thematic", t),)
        yield Text(here, "title", thematic.title)
        for n, measure in enumerate(thematic.measures):
            yield Text((*here, ("measure", n)), "text", measure.text)


def _module(here: Path, module: ModuleOutline) -> Iterator[Text]:
    yield Text(here, "title", module.title)
    if module.description:
        yield Text(here, "description", module.description)
    for g, text in enumerate(module.general_objectives):
        yield Text((*here, ("general_objective", g)), "text", text)
    for s, so in enumerate(module.strategic_objectives):
        yield from _strategic(((*here, ("strategic_objective", s))), so)


def _strategic(here: Path, so: StrategicObjectiveOutline) -> Iterator[Text]:
    yield Text(here, "title", so.title)
    for o, oo in enumerate(so.operational_objectives):
        yield from _operational((*here, ("operational_objective", o)), oo)
    for i, indicator in enumerate(so.indicators):
        yield Text((*here, ("indicator", i)), "text", indicator.text)


def _operational(here: Path, oo: OperationalObjectiveOutline) -> Iterator[Text]:
    yield Text(here, "title", oo.title)
    if oo.approach:
        yield Text(here, "approach", oo.approach)
    for r, result in enumerate(oo.results):
        yield Text((*here, ("result", r)), "text", result)
    for i, indicator in enumerate(oo.indicators):
        yield Text((*here, ("indicator", i)), "text", indicator.text)


def _check_same_shape(original: PlanOutline, translation: PlanOutline) -> None:
    """Raise `StructureMismatch` at the first place where the two trees have a different
    number of children."""

    def same(path: Path, level: str, expected: int, found: int) -> None:
        if expected != found:
            raise StructureMismatch(path, level, expected, found)

    same((), "module", len(original.modules), len(translation.modules))
    for m, (a, b) in enumerate(zip(original.modules, translation.modules, strict=True)):
        here: Path = (("module", m),)
        same(here, "general_objective", len(a.general_objectives), len(b.general_objectives))
        same(here, "strategic_objective", len(a.strategic_objectives), len(b.strategic_objectives))
        for s, (sa, sb) in enumerate(zip(a.strategic_objectives, b.strategic_objectives, strict=True)):
            so_here: Path = (*here, ("strategic_objective", s))
            same(so_here, "indicator", len(sa.indicators), len(sb.indicators))
            ooa, oob = sa.operational_objectives, sb.operational_objectives
            same(so_here, "operational_objective", len(ooa), len(oob))
            for o, (oa, ob) in enumerate(zip(ooa, oob, strict=True)):
                oo_here: Path = (*so_here, ("operational_objective", o))
                same(oo_here, "result", len(oa.results), len(ob.results))
                same(oo_here, "indicator", len(oa.indicators), len(ob.indicators))
    same((), "thematic", len(original.thematics), len(translation.thematics))
    for t, (ta, tb) in enumerate(zip(original.thematics, translation.thematics, strict=True)):
        same((("thematic", t),), "measure", len(ta.measures), len(tb.measures))


def matched_texts(original: PlanOutline, translation: PlanOutline) -> dict[tuple[Path, str], str]:
    """The translated text of every field of ``original`` that ``translation`` fills, keyed by
    (place, field). Raises `StructureMismatch` when the trees differ; a text the translation
    leaves empty is not taken (the original is shown there)."""
    _check_same_shape(original, translation)
    wanted = {(t.path, t.field) for t in texts(original)}
    return {
        (t.path, t.field): t.text
        for t in texts(translation)
        if t.text.strip() and (t.path, t.field) in wanted
    }


def shown(written: str, written_in: str, translations: Translations, field: str, reader: str | None) -> Shown:
    """The text of ``field`` for a reader of ``reader``'s language: its translation when one
    exists, else the text as written (a fallback when the reader's language is another one).

    >>> shown("Cambriolage", "fr", {"nl": {"title": "Inbraak"}}, "title", "nl-be")
    Shown(text='Inbraak', language='nl', fallback=False)
    >>> shown("Cambriolage", "fr", {}, "title", "de")
    Shown(text='Cambriolage', language='fr', fallback=True)
    """
    language = base_language(reader)
    source = base_language(written_in)
    if language == source:
        return Shown(written, source, False)
    kept = translations.get(language) or {}
    translated = kept.get(field, "")
    if translated:
        of = kept.get(SOURCE_DIGEST + field)
        return Shown(translated, language, False, stale=of is not None and of != digest(written))
    return Shown(written, source, True)


# translations["nl"]["~title"]: the digest of the title as written when its Dutch text was
# attached. A title edited since then no longer has that digest: its translation is stale, and
# is shown marked “may be outdated” until a translation is attached again. (Translations attached
# before digests were kept have none and are taken as current.)
SOURCE_DIGEST = "~"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def with_digests(translated: Mapping[str, str], written: Mapping[str, str]) -> dict[str, str]:
    """A node's translated fields, each with the digest of the text as written it translates.

    >>> with_digests({"title": "Inbraak"}, {"title": "Cambriolage"})["~title"] == digest("Cambriolage")
    True
    """
    kept = dict(translated)
    for field in translated:
        if field in written:
            kept[SOURCE_DIGEST + field] = digest(written[field])
    return kept


def readable(translations: Translations) -> dict[str, dict[str, str]]:
    """The translated texts without the digests kept beside them (what an API reader is given).

    >>> readable({"nl": {"title": "Inbraak", "~title": "0a1b"}})
    {'nl': {'title': 'Inbraak'}}
    """
    return {
        language: {k: v for k, v in kept.items() if not k.startswith(SOURCE_DIGEST)}
        for language, kept in translations.items()
    }


def stale_fields(translations: Translations, written: Mapping[str, str]) -> dict[str, list[str]]:
    """Per language, the fields whose text as written changed since their translation was attached."""
    return {
        language: stale
        for language, kept in translations.items()
        if (
            stale := [
                field
                for field, text in written.items()
                if kept.get(field) and kept.get(SOURCE_DIGEST + field) not in (None, digest(text))
            ]
        )
    }


def merged(existing: Translations, language: str, fields: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """``existing`` with ``language``'s texts replaced by ``fields`` (a translation attached again
    replaces the previous one of that language, and only it)."""
    if language not in CONTENT_LANGUAGES:
        raise ValueError(f"{language!r} is not a content language")
    result = {lang: dict(values) for lang, values in existing.items() if lang != language}
    if fields:
        result[language] = dict(fields)
    return result


# ---------------------------------------------------------------- which plan a document translates

# Short words that only one content language uses (“de” is French and Dutch, “die” Dutch and
# German: such words tell nothing and are left out).
_WORDS = {
    "fr": "le la les des du et un une pour par dans sur au aux est sont avec qui que ne pas ces leur "
    "entre lors vers chez",
    "nl": "het een van voor met op te door aan bij zijn niet dat om naar ook worden wordt deze onder "
    "tegen binnen",
    "de": "der das und den dem des ein eine einer für mit auf von zu im ist sind nicht durch bei zur "
    "zum werden wird gegen",
}
_STOPWORDS = {language: frozenset(words.split()) for language, words in _WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
# A language is recognised when at least this many of its short words are found, and at least
# twice as many as of the next language's.
_MIN_WORDS = 3


def written_language(lines: Iterable[str]) -> str | None:
    """The content language ``lines`` are written in, told by their short words; ``None`` when
    they have too few of them or two languages are close.

    >>> written_language(["Réduire les cambriolages"])
    >>> written_language(["Réduire le nombre des cambriolages dans les habitations", "Pour la police"])
    'fr'
    >>> written_language(["Het aantal woninginbraken verminderen met de hulp van de buurt voor het jaar"])
    'nl'
    """
    counts = dict.fromkeys(_STOPWORDS, 0)
    for line in lines:
        for word in _WORD.findall(line.lower()):
            for language, words in _STOPWORDS.items():
                if word in words:
                    counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, found), (_second, next_found) = ranked[0], ranked[1]
    if found >= _MIN_WORDS and found >= 2 * next_found:
        return best
    return None


def document_language(outline: PlanOutline) -> str:
    """The language a read document is written in: the one it declares, unless it declares French
    and its texts are plainly in another language — French is what a reading says when it cannot
    tell (`PlanOutline.language`'s default; the recogniser knows no German), while a document that
    names another language (an interchange file, a Dutch reading) is taken at its word."""
    declared = base_language(outline.language)
    if declared != FALLBACK:
        return declared
    return written_language(t.text for t in texts(outline)) or declared


def same_shape(original: PlanOutline, translation: PlanOutline) -> bool:
    """Whether the two trees have the same number of nodes at every place."""
    try:
        _check_same_shape(original, translation)
    except StructureMismatch:
        return False
    return True


def translated_plans(document: PlanOutline, stored: Sequence[tuple[K, PlanOutline]]) -> list[K]:
    """The keys of the ``stored`` plans (already those of the document's municipality) that
    ``document`` is a translation of: written in another language than the document, of the same
    kind, of the same period where both say one, with the same tree, and a tree with something
    in it (an empty outline translates nothing).

    >>> fr = PlanOutline(kind="pssp", title="Plan", language="fr", modules=[ModuleOutline(title="Drogues")])
    >>> nl = PlanOutline(kind="pssp", title="Plan", language="nl", modules=[ModuleOutline(title="Drugs")])
    >>> translated_plans(nl, [(7, fr), (8, nl)])
    [7]
    """
    if not document.modules and not document.thematics:
        return []
    language = document_language(document)
    return [
        key
        for key, plan in stored
        if base_language(plan.language) != language
        and plan.kind == document.kind
        and _same_period(plan, document)
        and same_shape(plan, document)
    ]


def _same_period(a: PlanOutline, b: PlanOutline) -> bool:
    return all(
        x is None or y is None or x == y
        for x, y in ((a.period_start, b.period_start), (a.period_end, b.period_end))
    )


# ---------------------------------------------------------------- translations in the interchange format

_PLURALS = {
    "module": "modules",
    "general_objective": "general_objectives",
    "strategic_objective": "strategic_objectives",
    "operational_objective": "operational_objectives",
    "result": "results",
    "indicator": "indicators",
    "thematic": "thematics",
    "measure": "measures",
}


def place_key(path: Path) -> str:
    """A place named as the interchange format's JSON path of the node.

    >>> place_key((("module", 1), ("strategic_objective", 0), ("indicator", 2)))
    'modules[1].strategic_objectives[0].indicators[2]'
    >>> place_key(())
    ''
    """
    return ".".join(f"{_PLURALS[level]}[{index}]" for level, index in path)


def places(outline: PlanOutline) -> dict[str, set[str]]:
    """Every place of the plan that has a translatable text, with its fields."""
    found: dict[str, set[str]] = {}
    for item in texts(outline):
        found.setdefault(place_key(item.path), set()).add(item.field)
    return found
