"""The generic structure recogniser: any arrangement of blocks → roles → `PlanOutline`.

``recognise(document, mapping)`` runs stage (a) (``roles.assign``) then stage (b)
(``build.build``) and returns a ``Reading``: the roles (what the review step shows and lets
the user change), the outline, the fate of every unit, and the share of the document placed.
The review step replays ``rebuild(reading, mapping)`` after each correction.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balise.domain.outline import PlanOutline
from balise.imports.document.model import Block, Document, Kind
from balise.imports.recognise.build import Fate, build
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.roles import assign
from balise.imports.recognise.units import Assignment
from balise.imports.recognise.vocabulary import Role, language, plan_kind
from balise.imports.report import LineFate

# Below this share of the document placed, a reading is a best guess to be reviewed.
CONFIDENT = 0.8


@dataclass
class Reading:
    document: Document
    roles: list[Assignment]
    outline: PlanOutline
    ledger: list[Fate]
    score: float  # placed units / units that are neither furniture nor labels

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT

    def is_plan(self) -> bool:
        counts = self.outline.counts()
        return counts["operational_objectives"] + counts["indicators"] > 0

    def learned(self, given: Mapping | None = None) -> Mapping:
        """The mapping to keep for the next document of this template: ``given`` plus what this
        reading learned of the template's Word styles (a style whose headings all took one role)."""
        by_style: dict[str, set[Role | None]] = {}
        for a in self.roles:
            if a.unit.style and a.unit.kind is Kind.HEADING and not a.label_only:
                by_style.setdefault(a.unit.style, set()).add(a.role)
        styles: dict[str, Role] = {}
        for style, roles in by_style.items():
            (only,) = roles if len(roles) == 1 else (None,)
            if only is not None:
                styles[style] = only
        learned = Mapping(styles=styles)
        return learned.merged(given) if given is not None else learned

    def why_not_a_plan(self) -> str:
        """One sentence saying what was found and why it is not a plan."""
        kinds = self.document.counts()
        found = []
        if kinds["paragraph"] + kinds["heading"] + kinds["list_item"]:
            count = kinds["paragraph"] + kinds["heading"] + kinds["list_item"]
            found.append(ngettext("%(count)d paragraph", "%(count)d paragraphs", count) % {"count": count})
        if kinds["table"]:
            cells = sum(len(r.cells) for b in self.document.blocks if b.is_table for r in b.rows)
            tables = ngettext("%(count)d table", "%(count)d tables", kinds["table"]) % {
                "count": kinds["table"]
            }
            found.append(
                ngettext("%(tables)s of %(count)d cell", "%(tables)s of %(count)d cells", cells)
                % {"tables": tables, "count": cells}
            )
        if len(found) == 2:
            what = _("%(first)s and %(second)s") % {"first": found[0], "second": found[1]}
        else:
            what = found[0] if found else _("no text")
        return _("%(file)s: found %(what)s but no objective or indicator, so this is not a plan") % {
            "file": self.document.source,
            "what": what,
        }


def recognise(document: Document, mapping: Mapping | None = None) -> Reading:
    mapping = mapping or Mapping()
    if mapping.splits:
        document = _split(document, mapping.splits)
    if mapping.joins:
        document = _joined(document, mapping.joins)
    roles = assign(document, mapping)
    return rebuild(document, roles)


def rebuild(document: Document, roles: list[Assignment]) -> Reading:
    texts = [u.text for u in document.units() if not u.furniture]
    head = next((u.text for u in document.units() if not u.furniture and u.text), document.source)
    outline = PlanOutline(
        kind=plan_kind(" ".join(texts[:30])) or "pssp",
        title=head[:200],
        language=language(texts[:400]),
    )
    outline, ledger = build(roles, outline)
    counted = [f for f in ledger if f.fate is not LineFate.FURNITURE and f.fate is not LineFate.HEADING]
    placed = sum(1 for f in counted if f.fate is LineFate.PLACED)
    score = placed / len(counted) if counted else 0.0
    return Reading(document, roles, outline, ledger, score)


def _split(document: Document, splits: dict[str, list[int]]) -> Document:
    """Units cut at character offsets; the pieces follow the unit, ids ``<id>#1``, ``<id>#2``…"""
    document = copy.deepcopy(document)

    def cut(blocks: list[Block]) -> list[Block]:
        out: list[Block] = []
        for block in blocks:
            if block.is_table:
                for row in block.rows:
                    for cell in row.cells:
                        cell.blocks = cut(cell.blocks)
            offsets = [n for n in splits.get(block.id, []) if 0 < n < len(block.text)]
            if not offsets:
                out.append(block)
                continue
            bounds = [0, *offsets, len(block.text)]
            pieces = [block.text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
            for k, piece in enumerate(p for p in pieces if p):
                out.append(
                    dataclasses.replace(block, id=block.id if k == 0 else f"{block.id}#{k}", text=piece)
                )
        return out

    document.blocks = cut(document.blocks)
    return document


def _joined(document: Document, joins: list[list[str]]) -> Document:
    document = copy.deepcopy(document)
    units = {u.id: u for u in document.units()}
    for group in joins:
        members = [units[i] for i in group if i in units]
        if len(members) < 2:
            continue
        first = members[0]
        for other in members[1:]:
            first.text = f"{first.text} {other.text}".strip()
            other.text = ""
            other.furniture = f"joined to {first.id}"
    return document


__all__ = ["Reading", "recognise", "rebuild", "Mapping", "Role", "Assignment", "Kind"]
