"""The convention as a frozen document model: every text final, in the chosen language.

The builder computes it once from the plan; the DOCX and PDF writers only lay it out, so the two
formats say exactly the same thing (and the importer reads both back the same way).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    text: str = ""
    shade: str | None = None  # background colour "#rrggbb" (evaluation colour codes)

    @property
    def ink(self) -> str | None:
        """White text on a dark shade (a deep green or red), else the default black."""
        if not self.shade:
            return None
        red, green, blue = (int(self.shade[i : i + 2], 16) for i in (1, 3, 5))
        return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 150 else None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    # A label row spans the whole table ("Objectif opérationnel : …" above its indicators).
    label: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...]  # per column, in percent of the text width
    kind: str  # "contingent" | "objectives" | "indicators": the writers style them apart


@dataclass(frozen=True)
class Party:
    label: str  # "Entre d'une part :"
    text: str


@dataclass(frozen=True)
class Contingent:
    paragraph: str
    table: Table
    note: str | None  # "* Maximum 366,86 € par ETP"


@dataclass(frozen=True)
class Objective:
    domain: str | None  # "Domaine : …" line (CSS plans)
    title: str
    objectives: Table  # operational objectives | expected results
    caption: str  # "Évaluation 2023", between the two tables (Word would fuse adjacent tables)
    indicators: Table  # indicators | analysis | colour code | motivation


@dataclass(frozen=True)
class ServiceGroup:
    service: str | None  # "Service : …" line
    heading: str  # "Objectifs stratégiques"
    objectives: tuple[Objective, ...]


@dataclass(frozen=True)
class Module:
    mark: str  # "PHENOMENE 2", "COORDINATION", "SECTEUR D'ACTIVITE 1"
    title: str
    description: str | None
    general_heading: str
    general_objectives: tuple[str, ...]
    groups: tuple[ServiceGroup, ...]


@dataclass(frozen=True)
class Convention:
    language: str
    year: int | None  # the evaluation shown in the indicator tables
    heading: str
    title_line: str | None  # "Intitulé : …" when the plan's title is not the heading
    municipality_line: str
    period_line: str | None
    evaluation_line: str | None
    parties: tuple[Party, ...]
    agreed: str
    provisions_heading: str
    annual_clause: str | None
    contingents: tuple[Contingent, ...]
    clauses: tuple[str, ...]  # the numbered clauses after the money
    modules: tuple[Module, ...]
    signature: tuple[str, ...]  # the signature line and the parties' declaration
    signatories: tuple[tuple[str, ...], ...]  # per signing party: "Pour …," then the functions
    page_label: str  # "Page {page} / {pages}" with the numbers left to the writer
    file_stem: str  # "convention-12-fr-2023"

    @property
    def first_clause_number(self) -> int:
        return 2 if self.annual_clause else 1
