"""Stage (a): give every unit of a document a role, with the rule that decided and a confidence.

Rules, strongest first:

1. the user's mapping (unit id, then paragraph style, then label);
2. page furniture found by the reader;
3. a label at the start of the unit ("Indicateur :", "Strategische doelstelling 2: …"), from
   the vocabulary; a label alone announces the role of the units that follow it;
4. in a table: the label in the row's first cell (label/value tables) or the column's header
   (column tables, header rows merged over two rows, any column order);
5. a heading or a numbered line naming a phenomenon is a module;
6. the other headings take the role that labelled headings of the same depth have, or else the
   role their depth implies counting up from the deepest (operational objective, strategic
   objective, module);
7. list items and paragraphs take the role announced by the last label; the rest stays
   unknown (narrative text: listed as unplaced, never guessed into the plan).
"""

from __future__ import annotations

from collections import Counter

from balise.domain.targets import parse_target
from balise.imports.document.model import Block, Document, Kind
from balise.imports.document.normalise import marker_depth
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.tables import read_table
from balise.imports.recognise.units import Assignment
from balise.imports.recognise.vocabulary import (
    HIERARCHY,
    RANK,
    Role,
    is_coordination,
    is_placeholder,
    label_of,
    phenomenon_of,
)

# Roles a label announces for the list that follows it.
LIST_ROLES = {
    Role.RESULT,
    Role.INDICATOR,
    Role.TARGET,
    Role.GENERAL_OBJECTIVE,
    Role.APPROACH,
    Role.OPERATIONAL_OBJECTIVE,
    Role.STRATEGIC_OBJECTIVE,
    Role.IGNORE,
}


def assign(document: Document, mapping: Mapping | None = None) -> list[Assignment]:
    mapping = mapping or Mapping()
    numbered_parents = _numbered_parents(document)
    out: list[Assignment] = []
    context: Role | None = None
    for block in document.blocks:
        if block.is_table:
            out.extend(read_table(block, mapping))
            context = None
            continue
        a = _unit(block, mapping, numbered_parents)
        if a.role is None and a.depth is None and context is not None and not a.label_only:
            a.role, a.confidence, a.rule = context, 0.7, "after label"
        if a.label_only:
            context = a.role
        elif a.depth is not None or a.role in HIERARCHY:
            context = None
        out.append(a)
    _nested_lists(out)
    _resolve_depths(out)
    _apply_unit_roles(out, mapping)
    return out


def _unit(block: Block, mapping: Mapping, numbered_parents: set[str]) -> Assignment:
    if block.furniture:
        return Assignment(block, Role.FURNITURE, block.text, 1.0, block.furniture)
    if block.style and block.style in mapping.styles:
        return Assignment(block, mapping.styles[block.style], block.text, 1.0, "style in mapping")
    found = label_of(block.text, mapping.labels)
    heading = _heading_depth(block, numbered_parents)
    if found:
        role, value = found
        if not value or is_placeholder(value):
            rule = "placeholder" if value else "label"
            return Assignment(block, role, "", 0.9, rule, label_only=True)
        return Assignment(block, role, value, 0.95, "label", depth=heading)
    if heading is not None or block.kind is Kind.PARAGRAPH and len(block.text) < 80:
        if is_coordination(block.text):
            return Assignment(block, Role.MODULE, block.text, 0.9, "coordination", depth=heading)
        if phenomenon_of(block.text):
            return Assignment(block, Role.MODULE, block.text, 0.9, "phenomenon", depth=heading)
    return Assignment(block, None, block.text, 0.0, "", depth=heading)


def _numbered_parents(document: Document) -> set[str]:
    """Numbers like "2." that have numbered children ("2.1"): such lines are headings too."""
    markers = [b.number.rstrip(".") for b in document.blocks if b.number[:1].isdigit()]
    return {m for m in markers if any(o.startswith(m + ".") for o in markers)}


def _heading_depth(block: Block, numbered_parents: set[str]) -> tuple[str, int] | None:
    if block.kind is Kind.HEADING:
        return ("h", block.level or 1)
    if block.kind is Kind.LIST_ITEM and block.number[:1].isdigit():
        depth = marker_depth(block.number)
        if depth >= 2 or block.number.rstrip(".") in numbered_parents:
            return ("n", depth)
    return None


def _nested_lists(assigned: list[Assignment]) -> None:
    """A nested list without labels (the lettered objective, its results one level down, the
    indicators with their targets one level further): counting up from the deepest level, whose
    items carry targets, the levels are indicators, results, operational objectives."""
    run: list[Assignment] = []
    for a in [*assigned, None]:
        if a is not None and a.unit.kind is Kind.LIST_ITEM and a.role is None and a.depth is None:
            run.append(a)
            continue
        if a is not None and a.role is Role.FURNITURE:  # a list goes on after a page break
            continue
        levels = sorted({x.unit.level for x in run})
        if len(levels) >= 2:
            deepest = [x for x in run if x.unit.level == levels[-1]]
            if sum(1 for x in deepest if parse_target(x.text)) >= 0.5 * len(deepest):
                roles = (Role.INDICATOR, Role.RESULT, Role.OPERATIONAL_OBJECTIVE)
                by_level = dict(zip(reversed(levels), roles, strict=False))
                for x in run:
                    if x.unit.level in by_level:
                        x.role, x.confidence, x.rule = by_level[x.unit.level], 0.6, "list level"
        run = []


def _resolve_depths(assigned: list[Assignment]) -> None:
    """Rule 6: unlabelled headings take the role of labelled ones at their depth; else the role
    just above the highest role found under them (a heading over operational objectives is a
    strategic objective), counting up from the deepest heading."""
    votes: dict[tuple[str, int], Counter[Role]] = {}
    for a in assigned:
        if a.depth is not None and a.role in HIERARCHY:
            votes.setdefault(a.depth, Counter())[a.role] += 1
    known = {depth: counter.most_common(1)[0][0] for depth, counter in votes.items()}
    children = _child_roles(assigned)
    for kind in ("h", "n"):
        depths = sorted({a.depth[1] for a in assigned if a.depth and a.depth[0] == kind}, reverse=True)
        pointer = len(HIERARCHY) - 1
        for depth in depths:
            role = known.get((kind, depth))
            if role is None:
                child = children.get((kind, depth))
                if child is not None:
                    pointer = min(pointer, _above(child))
                if pointer < 0:
                    break
                role = known[(kind, depth)] = HIERARCHY[pointer]
            pointer = HIERARCHY.index(role) - 1
    for a in assigned:
        if a.depth is not None and a.role is None and a.depth in known:
            a.role, a.confidence, a.rule = known[a.depth], 0.6, "heading depth"


def _above(child: Role) -> int:
    """Index in HIERARCHY of the parent of ``child``."""
    if child in HIERARCHY:
        return HIERARCHY.index(child) - 1
    return HIERARCHY.index(Role.OPERATIONAL_OBJECTIVE)


def _child_roles(assigned: list[Assignment]) -> dict[tuple[str, int], Role]:
    """Per heading depth, the highest role among the units found directly under its headings."""
    found: dict[tuple[str, int], Role] = {}
    current: tuple[str, int] | None = None
    for a in assigned:
        if a.depth is not None:
            current = a.depth
            continue
        if current is None or a.role not in (*HIERARCHY, Role.RESULT, Role.INDICATOR):
            continue
        best = found.get(current)
        if best is None or RANK[a.role] < RANK[best]:
            found[current] = a.role
    return found


def _apply_unit_roles(assigned: list[Assignment], mapping: Mapping) -> None:
    for a in assigned:
        role = mapping.roles.get(a.unit.id)
        if role is not None:
            a.role, a.confidence, a.rule, a.label_only = role, 1.0, "unit in mapping", False
            if not a.text:
                a.text = a.unit.text
