"""Stage (b): build the `PlanOutline` from role-labelled units, and the fate of every unit.

Replaying this stage on corrected roles is how the review step rebuilds the outline. A unit is
PLACED only when its own text becomes a node (or a target, service, domain) of the outline;
nothing is ever glued onto another node's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import Target, TargetKind, parse_target
from balise.imports.document.model import Block, Position
from balise.imports.recognise.units import Assignment
from balise.imports.recognise.vocabulary import (
    Role,
    is_coordination,
    is_theme,
    objective_and_service,
    phenomenon_of,
)
from balise.imports.report import LineFate


@dataclass(frozen=True)
class Fate:
    unit_id: str
    text: str
    fate: LineFate
    role: Role | None
    position: Position
    note: str = ""


_BARE_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def target_of(text: str) -> Target | None:
    """A target written in its own cell; there a bare number ("5") is a count to reach."""
    target = parse_target(text)
    if target is None and _BARE_NUMBER.match(text.strip()):
        target = Target(TargetKind.COUNT, text.strip(), value=Decimal(text.strip().replace(",", ".")))
    return target


_MUNICIPALITY = re.compile(
    r"^(?:commune|ville|gemeente|stad|zone de police|politiezone)\s+"
    r"(?:de\s+|d'|van\s+)?(?P<name>[^\d,;:()]{2,60})$",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"\b(?P<start>20\d\d)\s*[-–/]\s*(?P<end>20\d\d)\b")


# The roles that open a level of the tree (the others attach a detail to an open level).
_LEVELS = frozenset(
    {
        Role.MODULE,
        Role.GENERAL_OBJECTIVE,
        Role.STRATEGIC_OBJECTIVE,
        Role.OPERATIONAL_OBJECTIVE,
        Role.INDICATOR,
    }
)


class _Builder:
    def __init__(self, outline: PlanOutline) -> None:
        self.outline = outline
        self.module: ModuleOutline | None = None
        self.so: StrategicObjectiveOutline | None = None
        self.oo: OperationalObjectiveOutline | None = None
        self.indicator: IndicatorOutline | None = None
        self.fates: list[Fate] = []
        self.titled = False

    def fate(self, unit: Block, text: str, fate: LineFate, role: Role | None, note: str = "") -> None:
        self.fates.append(Fate(unit.id, text or unit.text, fate, role, unit.position, note))

    def preamble(self, unit: Block, text: str) -> bool:
        """Before the first module: the plan's title, municipality and period."""
        municipality = _MUNICIPALITY.match(text)
        if municipality and self.outline.municipality is None:
            self.outline.municipality = municipality.group("name").strip()
            self.fate(unit, text, LineFate.PLACED, None, "municipality")
            return True
        if not self.titled:
            self.titled = True
            self.outline.title = text
            period = _PERIOD.search(text)
            if period and self.outline.period_start is None:
                self.outline.period_start = date(int(period.group("start")), 1, 1)
                self.outline.period_end = date(int(period.group("end")), 12, 31)
            self.fate(unit, text, LineFate.PLACED, None, "plan title")
            return True
        return False

    def ensure_module(self) -> ModuleOutline:
        if self.module is None:
            self.module = ModuleOutline(title=self.outline.title, kind="phenomenon")
            self.outline.modules.append(self.module)
        return self.module

    def ensure_so(self) -> StrategicObjectiveOutline:
        if self.so is None:
            module = self.ensure_module()
            self.so = StrategicObjectiveOutline(title=module.title)
            module.strategic_objectives.append(self.so)
        return self.so

    def add(self, a: Assignment) -> None:
        """One unit's fate: furniture and bare labels are set aside, the preamble fills the
        plan's title, a unit with a role takes its place in the tree or is unplaced, with why."""
        text = " ".join(a.text.split())
        unit = a.unit
        if a.role is Role.FURNITURE:
            return self.fate(unit, text, LineFate.FURNITURE, a.role, a.rule)
        if a.label_only:
            fate = LineFate.PLACEHOLDER if a.rule == "placeholder" else LineFate.HEADING
            return self.fate(unit, unit.text, fate, a.role, a.rule)
        if a.role is None and not self.outline.modules and self.preamble(unit, text):
            return None
        if a.role is None or a.role is Role.IGNORE or not text:
            return self.fate(
                unit, text, LineFate.UNPLACED, a.role, "no role" if a.role is None else "ignored"
            )
        why = self.open_level(a.role, text, unit) if a.role in _LEVELS else self.attach(a.role, text)
        if why:
            return self.fate(unit, text, LineFate.UNPLACED, a.role, why)
        return self.fate(unit, text, LineFate.PLACED, a.role, a.rule)

    def open_level(self, role: Role, text: str, unit: Block) -> str:
        """A module, an objective or an indicator opens under the level above it (made up from
        the plan's title when missing) and closes the levels below; always placed."""
        if role is Role.MODULE:
            kind = (
                "coordination" if is_coordination(text) else "theme" if is_theme(unit.text) else "phenomenon"
            )
            self.module = ModuleOutline(title=text, kind=kind)
            self.outline.modules.append(self.module)
            self.so = self.oo = self.indicator = None
        elif role is Role.GENERAL_OBJECTIVE:
            self.ensure_module().general_objectives.append(text)
        elif role is Role.STRATEGIC_OBJECTIVE:
            title, service = objective_and_service(text)
            self.so = StrategicObjectiveOutline(title=title, service=service)
            self.ensure_module().strategic_objectives.append(self.so)
            self.oo = self.indicator = None
        elif role is Role.OPERATIONAL_OBJECTIVE:
            self.oo = OperationalObjectiveOutline(title=text)
            self.ensure_so().operational_objectives.append(self.oo)
            self.indicator = None
        else:
            self.indicator = IndicatorOutline(text=text, target=parse_target(text))
            (self.oo or self.ensure_so()).indicators.append(self.indicator)
        return ""

    def attach(self, role: Role, text: str) -> str:
        """A detail goes to the open item it belongs to: why it could not, or "" once placed."""
        if role is Role.RESULT:
            if self.oo is None:
                return "result outside an operational objective"
            self.oo.results.append(text)
        elif role is Role.TARGET:
            return self.attach_target(text)
        elif role is Role.SERVICE:
            self.ensure_so().service = text
        elif role is Role.DOMAIN:
            self.ensure_so().domain = text
        elif role is Role.PILOT:
            if self.oo is not None:
                self.oo.pilot = text
            else:
                self.ensure_so().pilot = text
        elif role is Role.APPROACH:
            if self.oo is None or self.oo.approach is not None:
                return "approach outside an operational objective"
            self.oo.approach = text
        elif role is Role.REFERENCE_VALUE:
            if self.indicator is None or self.indicator.reference_value is not None:
                return "no indicator for this reference value"
            self.indicator.reference_value = text
        else:
            return f"{role.value} is not part of the outline"
        return ""

    def attach_target(self, text: str) -> str:
        """A target line is the open indicator's target, if it has none yet and is understood."""
        target = target_of(text)
        if self.indicator is None:
            return "no indicator for this target"
        if target is None:
            return "target not understood"
        if self.indicator.target is not None:
            return "the indicator already has a target"
        self.indicator.target = target
        return ""


def build(assigned: list[Assignment], outline: PlanOutline) -> tuple[PlanOutline, list[Fate]]:
    builder = _Builder(outline)
    for a in assigned:
        builder.add(a)
    _drop_empty_modules(outline, builder.fates)
    return outline, builder.fates


def _drop_empty_modules(outline: PlanOutline, fates: list[Fate]) -> None:
    """A chapter heading read as a module ("Introduction") that holds nothing is not a module,
    unless it names a phenomenon: a plan may list a phenomenon it has no objective for yet."""
    empty = [
        m
        for m in outline.modules
        if not m.strategic_objectives
        and not m.general_objectives
        and not phenomenon_of(m.title)
        and m.kind != "coordination"
    ]
    if not empty:
        return
    titles = {m.title for m in empty}
    outline.modules = [m for m in outline.modules if m not in empty]
    for n, fate in enumerate(fates):
        if fate.role is Role.MODULE and fate.fate is LineFate.PLACED and fate.text in titles:
            fates[n] = Fate(
                fate.unit_id,
                fate.text,
                LineFate.HEADING,
                fate.role,
                fate.position,
                "chapter heading without objectives",
            )
