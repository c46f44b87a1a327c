"""What the two *Contrat de sécurité et de société* (CSS) project-plan layouts share.

A CSS project plan reads, top to bottom::

    CONTRAT DE SECURITE ET DE SOCIETE / PLAN DE PROJET 2023 / DE LA VILLE/COMMUNE DE <commune>
    ALLOCATION « GENERALE » (or TERRORISME ET EXTREMISME), the royal decree
    Secteur d'activité N : <sector>                        → a module of kind "sector"
      Objectif général … : <text>                          → the module's general objective(s)
      N. Objectif stratégique N – Domaine : <domain>
        <strategic objective text>                         → StrategicObjectiveOutline.title
        <SERVICE LABEL>                                    → .service (GDP, SCAPI, POLE RADICALISME…)
        Objectifs opérationnels | Résultats attendus | Indicateurs
        <table rows>                                       → handed to the layout's table parser

The two layouts differ only in how the table rows were extracted (wrapped lines in seed 002,
damaged tab-separated cells in seed 003), so `parse_css` walks the structure and calls the
layout's table parser on each table's lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.imports.report import DocumentRefused, ImportResult, LineFate, LineLedger
from balise.imports.text import clean, fold
from balise.reference.data import BRUSSELS_MUNICIPALITIES

# A table parser gets the 0-based indices of a table's lines (blank ones included: the wrapped
# layout reads blank lines as a signal) and the document's `vocabulary`, and marks each of its
# lines in the ledger.
TableParser = Callable[[list[int], list[str], LineLedger, frozenset[str]], list[OperationalObjectiveOutline]]

_TAGS = re.compile(r"</?[a-z]+>", re.IGNORECASE)
_SECTOR = re.compile(r"^\s*secteur\s+d.activit[ée]\s*(\d+)\s*:?\s*(.*)$", re.IGNORECASE)
_DOMAIN = re.compile(r"\bdomaine\b\s*:?\s*(.*)$", re.IGNORECASE)
_MUNICIPALITY = re.compile(r"\b(?:DE\s+LA\s+)?VILLE\s*/\s*COMMUNE\s+D[E']\s*(.+)$", re.IGNORECASE)
_YEAR = re.compile(r"PLAN\s+DE\s+PROJET\s+(20\d\d)|pour\s+l.ann[ée]e\s+(20\d\d)", re.IGNORECASE)
_ARTICLE = re.compile(r"\(\s*art\.?\s*\d+\s*\)", re.IGNORECASE)
# A service label is a short line in capitals: "GDP", "GDP/CELL INCIVILITES", "MEDLOC-SCAV-HOTEL SOCIAL".
_SERVICE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9 /&'’.-]{1,48}$")
# Page furniture that survives extraction: a URL tail (".be"), a bare page number.
_FURNITURE = re.compile(r"^(?:\.[a-z]{2,4}|\d{1,3}|page\s+\d+(?:\s*/\s*\d+)?)$", re.IGNORECASE)
# Words that cannot end a sentence: a text ending on one of them is cut and continues elsewhere.
_DANGLING = frozenset("à au aux avec d' dans de des du en et l' la le les ou par pour sur un une".split())
# The end of a target, the point where an indicator is complete ("… : Oui/Non", "… >/= 10/an").
_TARGET_END = r"(?:Oui\s*/\s*Non|\d\s*x?\s*/\s*(?:an|jour|semaine|mois)|heures?\s*/\s*jour|par\s+an|\d\s*%)"
_CLOSED = re.compile(_TARGET_END + r"\s*\.?\s*$", re.IGNORECASE)
_NEXT_INDICATOR = re.compile(_TARGET_END + r"\s*\.?\s+(?:[-–]\s+)?(?=[A-ZÀ-Ý])")
_SLASH_CUT = re.compile(r"/[^\W\d_]+$")  # "recommandation/observat" | "ions : Oui/Non"
_WORD = re.compile(r"[^\W\d_]+")
_HYPHEN_SPACE = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")


def flat(text: str) -> str:
    """A source line as plain text: tabs and HTML tags dropped, whitespace collapsed."""
    return clean(_TAGS.sub("", text.replace("\t", " ")))


def is_table_header(text: str) -> bool:
    key = fold(text)
    return "objectifs op" in key and "resultats attendus" in key and "indicateurs" in key


def is_dangling(text: str) -> bool:
    """``"Améliorer l'expertise en lien avec la"`` ends on an article: its text goes on elsewhere."""
    words = text.lower().replace("’", "'").split()
    return bool(words) and (words[-1] in _DANGLING or words[-1].endswith("'"))


def is_closed(text: str) -> bool:
    """An indicator is complete once its target is written: nothing can follow it in its cell."""
    return bool(_CLOSED.search(clean(text)))


def vocabulary(lines: list[str]) -> frozenset[str]:
    """The words of the whole document, lowercased: the judge of whether a cut word is rejoined."""
    return frozenset(_WORD.findall(" ".join(lines).lower()))


def rejoins(left: str, right: str, words: frozenset[str]) -> bool:
    """Whether ``right`` continues the word that ends ``left`` ("victimisatio" | "n des victimes"):
    only when the rejoined word is used elsewhere in the same document."""
    tail, head = _WORD.findall(left[-40:].lower()), _WORD.findall(right[:40].lower())
    return (
        bool(tail and head) and left[-1:].isalpha() and right[:1].isalpha() and right[:1].islower()
        and tail[-1] + head[0] in words
    )  # fmt: skip


def join_parts(parts: list[str], words: frozenset[str] = frozenset()) -> str:
    """Join the wrapped pieces of one cell.

    Word wraps lines without hyphenating, so a hyphen at a line end belongs to a compound word
    ("psycho-" + "social" → "psycho-social"). PDF extraction however cuts long slash compounds
    without a hyphen ("victimation/victimisatio" + "n des victimes"): a piece ending on a slash
    word is glued to the next one when the rejoined word occurs elsewhere in the document.
    """
    text = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        if text and _SLASH_CUT.search(text) and rejoins(text, part, words):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return clean(_HYPHEN_SPACE.sub("-", text))


def split_indicators(text: str) -> list[str]:
    """Two indicators written in one cell become two: a target followed by a new capitalised
    sentence ("… : Oui/Non Formulation effective … : Oui/Non") or by " - Nombre …"."""
    pieces, start = [], 0
    for match in _NEXT_INDICATOR.finditer(text):
        cut = match.end()
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in (clean(re.sub(r"\s*[-–]\s*$", "", piece)) for piece in pieces) if p]


def indicators_from(text: str) -> list[IndicatorOutline]:
    return [IndicatorOutline(text=t, target=parse_target(t)) for t in split_indicators(text)]


def tidy_item(text: str) -> str:
    """An expected result or indicator: list punctuation (a trailing ";") dropped."""
    return clean(re.sub(r"\s*;\s*$", "", text))


def css_family_score(lines: list[str]) -> float:
    """Evidence, shared by both layouts, that the lines are a CSS project plan (at most 0.2, so
    that the family alone stays well under the 0.3 bar: the table layout must add the rest)."""
    head = fold(" ".join(lines[:40]))
    score = 0.08 if "contrat de securite et de societe" in head else 0.0
    score += 0.04 if "plan de projet" in head else 0.0
    sectors = sum(1 for line in lines if _SECTOR.match(flat(line)))
    domains = sum(1 for line in lines if "strategique" in fold(line) and "domaine" in fold(line))
    return score + 0.04 * min(sectors, 1) + 0.04 * min(domains / 3, 1.0)


def municipality_name(text: str) -> str | None:
    """The official French name of a Brussels municipality, or the cleaned text elsewhere;
    ``None`` for a template placeholder such as "(nom)"."""
    text = clean(text).strip(" :.,")
    if not text or text.startswith("(") or re.fullmatch(r"x+", text, re.IGNORECASE):
        return None
    key = fold(text)
    for municipality in BRUSSELS_MUNICIPALITIES:
        if key in (fold(municipality.fr), fold(municipality.nl)):
            return municipality.fr
    return text


@dataclass
class _State:
    """The walk's position: what the current non-header lines belong to."""

    mode: str = "preamble"  # preamble | sector | general | so_title | table
    module: ModuleOutline | None = None
    so: StrategicObjectiveOutline | None = None
    so_has_table: bool = False
    parts: list[str] = field(default_factory=list)  # text of the pending sector/general/SO title
    table: list[int] = field(default_factory=list)
    legal: bool = False  # inside the royal-decree paragraph of the preamble


class _Walker:
    """Walks the document once, building the outline and marking every line."""

    def __init__(self, lines: list[str], layout: str, parse_table: TableParser) -> None:
        self.lines = lines
        self.layout = layout
        self.parse_table = parse_table
        self.ledger = LineLedger(lines)
        self.outline = PlanOutline(kind="css", title="")
        self.title_parts: list[str] = []
        self.state = _State()
        self.words: frozenset[str] | None = None  # the vocabulary, read at the first table

    def run(self) -> ImportResult:
        for index, raw in enumerate(self.lines):
            self.line(index, raw)
        self.flush()
        if not self.outline.modules:
            raise DocumentRefused(
                _('%(layout)s: no "Secteur d\'activité" heading; not a CSS project plan')
                % {"layout": self.layout}
            )
        self.outline.title = " – ".join(self.title_parts) or "Contrat de sécurité et de société"
        return ImportResult(self.outline, self.layout, self.ledger.finish())

    def line(self, index: int, raw: str) -> None:
        text = flat(raw)
        st = self.state
        if not text:
            st.legal = False
            if st.mode == "table":
                st.table.append(index)
            return
        if self.is_furniture(index):
            self.ledger.skip(index, LineFate.FURNITURE, "page furniture")
            return
        sector = _SECTOR.match(text)
        key = fold(text)
        if sector:
            self.flush()
            st.module = ModuleOutline(title="", kind="sector")
            self.outline.modules.append(st.module)
            st.mode, st.parts = "sector", [sector.group(2)] if sector.group(2) else []
            self.ledger.place(index)
        elif st.mode == "preamble":
            self.preamble(index, text)
        elif re.match(r"^objectifs?\s+genera(?:l|ux)\b", key):
            self.flush()
            st.mode = "general"
            self.ledger.skip(index, LineFate.HEADING, "general objective heading")
        elif re.match(r"^(?:\d+\s+)?objectifs?\s+strategiques?\b", key):
            self.flush()
            domain = _DOMAIN.search(text)
            st.so = StrategicObjectiveOutline(
                title="", domain=(clean(domain.group(1)) or None) if domain else None
            )
            assert st.module is not None  # the preamble ends at the first sector
            st.module.strategic_objectives.append(st.so)
            st.mode, st.so_has_table = "so_title", False
            self.ledger.place(index)
        elif is_table_header(text) and st.so is not None:
            self.flush()
            st.mode, st.so_has_table = "table", True
            self.ledger.skip(index, LineFate.HEADING, "table header")
        elif st.so is not None and st.mode in ("so_title", "table") and _SERVICE.match(text):
            self.service(index, text)
        elif st.mode == "table":
            st.table.append(index)
        else:
            st.parts.append(text)
            self.ledger.place(index)

    def is_furniture(self, index: int) -> bool:
        """A URL tail (".be") anywhere; a bare number only standing alone between blank lines,
        since inside a wrapped table it may be the value of a target cut from its line."""
        text = flat(self.lines[index])
        if not _FURNITURE.match(text):
            return False
        if not text.isdigit():
            return True
        around = self.lines[index - 1 : index] + self.lines[index + 1 : index + 2]
        return not any(line.strip() for line in around)

    def service(self, index: int, label: str) -> None:
        st = self.state
        assert st.so is not None and st.module is not None
        self.flush()
        if st.so_has_table:
            # A second service under the same strategic objective (SCAPI, then MEDLOC-SCAV-HOTEL
            # SOCIAL): the objective is repeated for it, since an objective carries one service.
            st.so = StrategicObjectiveOutline(title=st.so.title, domain=st.so.domain, service=label)
            st.module.strategic_objectives.append(st.so)
            st.so_has_table = False
        elif st.so.service and SequenceMatcher(None, st.so.service, label).ratio() >= 0.7:
            # "TOLL NADICALISME" under "POLE RADICALISME": the label printed again, badly read.
            self.ledger.skip(index, LineFate.FURNITURE, f"repeated service label {st.so.service!r}")
            return
        else:
            st.so.service = label
        st.mode = "so_title"
        self.ledger.place(index)

    def flush(self) -> None:
        """Hand the pending text (or table) to the node it belongs to."""
        st = self.state
        text = clean(" ".join(st.parts))
        if st.mode == "sector" and st.module is not None:
            st.module.title = text or "Secteur d'activité"
        elif st.mode == "general" and st.module is not None and text:
            st.module.general_objectives.append(text)
        elif st.mode == "so_title" and st.so is not None and text:
            st.so.title = clean(f"{st.so.title} {text}")
        elif st.mode == "table" and st.so is not None:
            if self.words is None:  # once per document, not once per table
                self.words = vocabulary(self.lines)
            st.so.operational_objectives.extend(
                self.parse_table(st.table, self.lines, self.ledger, self.words)
            )
        if st.so is not None and not st.so.title:
            st.so.title = "Objectif stratégique"
        st.parts, st.table = [], []

    def preamble(self, index: int, text: str) -> None:
        """Title lines, commune, allocation and the royal decree that precede the first sector."""
        outline, st = self.outline, self.state
        year = _YEAR.search(text)
        if year and outline.period_start is None:
            value = int(year.group(1) or year.group(2))
            outline.period_start, outline.period_end = date(value, 1, 1), date(value, 12, 31)
        if st.legal or re.match(r"^(?:AR|A\.R\.|arr[êe]t[ée] royal)\b", text, re.IGNORECASE):
            st.legal = True
            self.ledger.skip(index, LineFate.HEADING, "legal basis (royal decree)")
            return
        placed = False
        municipality = _MUNICIPALITY.search(text)
        if municipality:
            outline.municipality = municipality_name(municipality.group(1))
            text = text[: municipality.start()].strip()
            placed = outline.municipality is not None
            if not placed:
                self.ledger.skip(index, LineFate.PLACEHOLDER, "municipality placeholder")
        key = fold(text)
        if key.startswith("allocation"):
            self.title_parts.append(clean(_ARTICLE.sub("", text)))
            placed = True
        elif "contrat de securite et de societe" in key and self.title_parts:
            self.ledger.skip(index, LineFate.HEADING, "contract name repeated with its legal article")
            return
        elif key.startswith(("contrat de securite", "plan de projet")):
            self.title_parts.extend(clean(p) for p in re.split(r"(?=PLAN DE PROJET)", text) if p.strip())
            placed = True
        if placed:
            self.ledger.place(index)
        elif text:
            self.ledger.skip(index, LineFate.UNPLACED, "unrecognised line before the first sector")


def parse_css(lines: list[str], layout: str, parse_table: TableParser) -> ImportResult:
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise DocumentRefused(_("%(layout)s: expected a list of text lines") % {"layout": layout})
    return _Walker(lines, layout, parse_table).run()
