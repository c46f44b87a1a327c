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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from balise.domain.languages import CONTENT_LANGUAGES, base_language
from balise.domain.outline import (
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)

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
    translated = (translations.get(language) or {}).get(field, "")
    if translated:
        return Shown(translated, language, False)
    return Shown(written, source, True)


def merged(existing: Translations, language: str, fields: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """``existing`` with ``language``'s texts replaced by ``fields`` (a translation attached again
    replaces the previous one of that language, and only it)."""
    if language not in CONTENT_LANGUAGES:
        raise ValueError(f"{language!r} is not a content language")
    result = {lang: dict(values) for lang, values in existing.items() if lang != language}
    if fields:
        result[language] = dict(fields)
    return result
