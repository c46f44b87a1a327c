"""A unit with its role: what stage (a) produces and the review step shows and corrects."""

from __future__ import annotations

from dataclasses import dataclass

from balise.imports.document.model import Block
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.vocabulary import Role, is_coordination, is_placeholder, label_of, phenomenon_of


@dataclass
class Assignment:
    unit: Block
    role: Role | None  # None: no rule applies
    text: str  # the value, without its label
    confidence: float
    rule: str  # the rule that decided, shown in the review step
    label_only: bool = False  # the unit is just a label ("Indicateurs :") or a placeholder
    depth: tuple[str, int] | None = None  # for headings: ("h", level) or ("n", numbering depth)


def flow(blocks: list[Block], mapping: Mapping, role: Role | None, rule: str = "column") -> list[Assignment]:
    """Blocks (of a cell, usually) under ``role``; a label among them switches it: a cell may hold
    "Résultats attendus :" and its list, then "Indicateurs :" and theirs."""
    out = []
    for block in blocks:
        if block.furniture:
            out.append(Assignment(block, Role.FURNITURE, block.text, 1.0, block.furniture))
            continue
        if is_placeholder(block.text):
            out.append(Assignment(block, role, "", 1.0, "placeholder", label_only=True))
            continue
        found = label_of(block.text, mapping.labels)
        if found and (found[0] is not role or not found[1] or is_placeholder(found[1])):
            role = found[0]
            if not found[1] or is_placeholder(found[1]):
                why = "placeholder" if found[1] else "label in cell"
                out.append(Assignment(block, role, "", 0.9, why, label_only=True))
                continue
            out.append(Assignment(block, role, found[1], 0.9, "label in cell"))
            continue
        text = found[1] if found else block.text
        if role is None and (phenomenon_of(text) or is_coordination(text)):
            out.append(Assignment(block, Role.MODULE, text, 0.8, "phenomenon"))
        else:
            out.append(Assignment(block, role, text, 0.85 if role else 0.0, rule if role else ""))
    return out
