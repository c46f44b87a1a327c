"""The modules and their objectives, read with a small state machine.

    2. CAMBRIOLAGE                         module heading, then its description paragraph
    2.1. Objectifs généraux                → 2.1.1. general objectives
    2.2. Objectifs stratégiques            → 2.2.1. strategic objective
    Objectifs opérationnels
    - Conseiller le citoyen …              operational objective
    Résultats
    - Conseiller un maximum de victimes …  results
    Indicateurs
    - Nombre de visites … : ≥ 50 /an       indicators (a target may wrap onto the next line)
    - Informer les commerçants …           next operational objective: a bullet whose next
    Résultats                              line is "Résultats"

Bullets are sometimes indented with a leading space; lines without a bullet continue the item
above (wrapped targets such as "…poste :" / "Oui/Non").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum, auto

from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.imports.pssp_list import words
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import clean, fold, join_wrapped
from balise.reference.data import COORDINATION, PHENOMENA

# Folded titles this close to a reference phenomenon are the same phenomenon
# ("nuisances publiques liees a l'usage de drogue" / "… de drogues").
_PHENOMENON_SIMILARITY = 0.9
# How far below a numbered line its "Objectifs généraux" heading may stand (description lines).
_MODULE_LOOKAHEAD = 6
# Module titles are a phenomenon's name; a longer numbered line is a clause of the convention.
_MODULE_TITLE_MAX = 120


class State(Enum):
    OUTSIDE = auto()
    DESCRIPTION = auto()
    GENERAL = auto()
    STRATEGIC = auto()
    OPERATIONAL = auto()
    RESULTS = auto()
    INDICATORS = auto()


@dataclass
class Text:
    """An item's wrapped source lines, joined when the outline is built."""

    parts: list[str] = field(default_factory=list)

    def value(self) -> str:
        # A trailing "*" is a footnote call (or the end of an emphasis that clean() keeps).
        return join_wrapped(self.parts).rstrip("* ").strip()


@dataclass
class OperationalDraft:
    title: Text
    results: list[Text] = field(default_factory=list)
    indicators: list[Text] = field(default_factory=list)


@dataclass
class StrategicDraft:
    title: Text
    operational: list[OperationalDraft] = field(default_factory=list)


@dataclass
class ModuleDraft:
    heading: str
    description: Text = field(default_factory=Text)
    general: list[Text] = field(default_factory=list)
    strategic: list[StrategicDraft] = field(default_factory=list)


def _is_shouted(title: str) -> bool:
    return any(c.isalpha() for c in title) and title == title.upper()


def is_module_heading(lines: list[str], index: int) -> bool:
    """A short single-level numbered line in capitals, or one followed shortly by its own
    numbered "N.1. Objectifs généraux" (a numbered clause of the convention is neither)."""
    found = words.MODULE_HEADING.match(clean(lines[index]))
    if not found or len(found["title"]) > _MODULE_TITLE_MAX:
        return False
    if _is_shouted(found["title"]):
        return True
    own_section = f"{found['number']}.1"
    seen = 0
    for text in (clean(line) for line in lines[index + 1 :]):
        if not text:
            continue
        if words.GENERAL_HEADING.match(text) and text.startswith(own_section):
            return True
        seen += 1
        if seen > _MODULE_LOOKAHEAD or words.MODULE_HEADING.match(text):
            return False
    return False


def _next_text(lines: list[str], index: int, end: int) -> str:
    for line in lines[index + 1 : end]:
        if text := clean(line):
            return text
    return ""


class TreeReader:
    """Reads lines ``[begin, end)`` into module drafts, marking every line in the ledger."""

    def __init__(self, lines: list[str], ledger: LineLedger) -> None:
        self.lines = lines
        self.ledger = ledger
        self.modules: list[ModuleDraft] = []
        self.state = State.OUTSIDE
        self.last: Text | None = None  # the item a line without bullet continues

    def read(self, begin: int, end: int) -> list[ModuleDraft]:
        for index in range(begin, end):
            text = clean(self.lines[index])
            if text:
                self._line(index, text, end)
        return self.modules

    def _heading(self, index: int, state: State) -> None:
        self.ledger.skip(index, LineFate.HEADING)
        self.state = state
        self.last = None

    def _add(self, index: int, target: list[Text], text: str) -> Text:
        item = Text([text])
        target.append(item)
        self.ledger.place(index)
        self.last = item
        return item

    def _line(self, index: int, text: str, end: int) -> None:
        module = self.modules[-1] if self.modules else None
        heading = words.MODULE_HEADING.match(text)
        if heading is not None and is_module_heading(self.lines, index):
            self.modules.append(ModuleDraft(heading["title"]))
            self.ledger.place(index)
            self.state, self.last = State.DESCRIPTION, None
        elif module is None:
            self.ledger.skip(index, LineFate.UNPLACED, "before the first module")
        elif words.GENERAL_HEADING.match(text):
            self._heading(index, State.GENERAL)
        elif words.STRATEGIC_HEADING.match(text):
            self._heading(index, State.STRATEGIC)
        elif words.OPERATIONAL_HEADING.match(text):
            self._heading(index, State.OPERATIONAL)
        elif words.RESULTS_HEADING.match(text):
            self._heading(index, State.RESULTS)
        elif words.INDICATORS_HEADING.match(text):
            self._heading(index, State.INDICATORS)
        elif numbered := words.OBJECTIVE_NUMBER.match(text):
            self._objective(index, numbered["text"], text, module)
        elif bullet := words.BULLET.match(self.lines[index]):
            self._bullet(index, clean(bullet["text"]), end, module)
        elif self.state is State.DESCRIPTION:
            module.description.parts.append(text)
            self.ledger.place(index)
        elif self.last is not None:
            self.last.parts.append(text)
            self.ledger.place(index)
        else:
            self.ledger.skip(index, LineFate.UNPLACED, f"text outside any list ({self.state.name.lower()})")

    def _objective(self, index: int, body: str, text: str, module: ModuleDraft) -> None:
        # "2.1.1." is a general objective, "2.2.1." a strategic one, whatever heading came before.
        level = text.split(".")[1]
        if level == "1" or (level != "2" and self.state is State.GENERAL):
            self._add(index, module.general, body)
            self.state = State.GENERAL
        else:
            item = self._add(index, [], body)
            module.strategic.append(StrategicDraft(item))
            self.state = State.STRATEGIC

    def _bullet(self, index: int, body: str, end: int, module: ModuleDraft) -> None:
        strategic = module.strategic[-1] if module.strategic else None
        # After the indicators, a bullet heading its own "Résultats" (or "Indicateurs") list is the
        # next operational objective; the last result before "Indicateurs" is still a result.
        following = _next_text(self.lines, index, end)
        opens_objective = (
            self.state is State.OPERATIONAL
            or (self.state is State.RESULTS and words.RESULTS_HEADING.match(following) is not None)
            or (
                self.state is State.INDICATORS
                and (words.RESULTS_HEADING.match(following) or words.INDICATORS_HEADING.match(following))
                is not None
            )
        )
        operational = strategic.operational[-1] if strategic and strategic.operational else None
        if opens_objective and strategic is not None:
            item = self._add(index, [], body)
            strategic.operational.append(OperationalDraft(item))
            self.state = State.OPERATIONAL
        elif self.state is State.RESULTS and operational is not None:
            self._add(index, operational.results, body)
        elif self.state is State.INDICATORS and operational is not None:
            self._add(index, operational.indicators, body)
        elif self.state is State.GENERAL:
            self._add(index, module.general, body)
        elif self.state is State.DESCRIPTION:
            module.description.parts.append(body)
            self.ledger.place(index)
        else:
            self.ledger.skip(index, LineFate.UNPLACED, f"bullet outside any list ({self.state.name.lower()})")


def match_phenomenon(title: str) -> str | None:
    """Reference code of the phenomenon a module title names, in French or Dutch."""
    key = fold(title)
    best, best_ratio = None, 0.0
    for phenomenon in PHENOMENA:
        for name in (phenomenon.fr, phenomenon.nl):
            ratio = difflib.SequenceMatcher(None, key, fold(name)).ratio()
            if ratio > best_ratio:
                best, best_ratio = phenomenon.code, ratio
    return best if best_ratio >= _PHENOMENON_SIMILARITY else None


def module_title(heading: str) -> str:
    """The document's title, de-shouted: ``"VOL DE ET DANS VÉHICULES"`` → ``"Vol de et dans véhicules"``.

    Capitals are re-cased like the reference phenomenon whose name folds to the same words (so
    "COÖRDINATIE" reads "Coördinatie"), else as a sentence; the wording stays the document's.
    """
    title = clean(heading).rstrip("* ")
    if not _is_shouted(title):
        return title
    key = fold(title)
    for name in (n for p in (*PHENOMENA, COORDINATION) for n in (p.fr, p.nl)):
        if fold(name) == key:
            return name
    return title[:1] + title[1:].lower()


def _indicator(text: Text) -> IndicatorOutline:
    value = text.value()
    return IndicatorOutline(text=value, target=parse_target(value))


def build_modules(drafts: list[ModuleDraft]) -> list[ModuleOutline]:
    modules = []
    for draft in drafts:
        title = module_title(draft.heading)
        coordination = any(word in fold(title) for word in words.COORDINATION_WORDS)
        modules.append(
            ModuleOutline(
                title=title,
                kind="coordination" if coordination else "phenomenon",
                description=draft.description.value() or None,
                general_objectives=[text.value() for text in draft.general],
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title=so.title.value(),
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title=oo.title.value(),
                                results=[text.value() for text in oo.results],
                                indicators=[_indicator(text) for text in oo.indicators],
                            )
                            for oo in so.operational
                        ],
                    )
                    for so in draft.strategic
                ],
            )
        )
    return modules
