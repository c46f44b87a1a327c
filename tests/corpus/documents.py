"""The catalogue of corpus documents: which plan, written how, with which traits.

A `Spec` writes its file and returns the facts its well-formedness test checks (pages rendered,
hyphenated words…). Documents converted by LibreOffice name the document they come from; they are
converted in one batch after the others are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from balise.domain.outline import PlanOutline
from tests.corpus import pasted, refusals, sheets, weasy, word
from tests.corpus.plans_fr import anderlecht, forest, schaerbeek, seraing
from tests.corpus.plans_nl import mechelen, oostende, vilvoorde
from tests.corpus.plans_zonal import zone_brussel_noord, zone_midi
from tests.corpus.spec import with_inline_targets

Facts = dict[str, int]


@dataclass(frozen=True)
class Spec:
    name: str
    language: str
    traits: tuple[str, ...]
    plan: Callable[[], PlanOutline] | None  # None: not a plan
    write: Callable[[Path], Facts] | None = None  # None: converted by LibreOffice from `source`
    source: str | None = None
    inline_targets: bool = False
    joiner: str = " : "  # between an inline indicator and its target
    facts: Facts = field(default_factory=dict)

    def expected(self) -> PlanOutline | None:
        if self.plan is None:
            return None
        outline = self.plan()
        return with_inline_targets(outline, self.joiner) if self.inline_targets else outline


def _facts(write: Callable[[Path], object]) -> Callable[[Path], Facts]:
    def run(path: Path) -> Facts:
        write(path)
        return {}

    return run


def _weasy(plan: Callable[[], PlanOutline]) -> Callable[[Path], Facts]:
    def run(path: Path) -> Facts:
        _inline, pages = weasy.two_column_pdf(plan(), path)
        return {"pages": pages}

    return run


def _pasted(plan: Callable[[], PlanOutline], seed: int) -> Callable[[Path], Facts]:
    def run(path: Path) -> Facts:
        text = pasted.write_pasted(plan(), path, seed)
        return {"pages": text.pages, "hyphenated": text.hyphenated, "ligatures": text.ligatures}

    return run


def _sheets(shape: Callable[[], list], writer: Callable[[list, Path], None]) -> Callable[[Path], Facts]:
    def run(path: Path) -> Facts:
        made = shape()
        writer(made, path)
        return {"sheets": len(made)}

    return run


def _scan(path: Path) -> Facts:
    return {"pages": refusals.scanned_pdf(path)}


WORD = ("docx", "heading-styles", "header-footer", "text-box", "curly-quotes")
AUTO = (*WORD, "word-auto-numbering", "toc", "merged-header", "vertical-merge", "bullets-in-cells",
        "tracked-changes", "target-column")  # fmt: skip
# A PDF is exported from the final version: no tracked changes left in it.
LO_AUTO = tuple(trait for trait in AUTO[1:] if trait != "tracked-changes")
LO_PDF = ("pdf", "libreoffice", "running-header", "page-numbers")
WEASY = ("pdf", "weasyprint", "running-header", "page-numbers", "justified-hyphenated", "two-column-table",
         "results-and-indicators-in-one-cell", "row-split-across-pages", "inline-targets")  # fmt: skip
PASTED = ("text", "pasted-from-viewer", "crlf", "no-blank-lines", "line-end-hyphens",
          "page-furniture-in-lists", "ligatures", "mixed-bullets", "inline-targets")  # fmt: skip
ZONAL = (
    "zonal-plan",
    "key-value-sheet",
    "action-table",
    "effect-indicator",
    "reference-value",
    "pilot",
    "norm",
)

SPECS: tuple[Spec, ...] = (
    # Forest (FR): Word's automatic numbering and its conversions.
    Spec("forest_numbered.docx", "fr", AUTO, forest, _facts(lambda p: word.numbered_headings(forest(), p))),
    Spec("forest_numbered_lo.pdf", "fr", (*LO_PDF, *LO_AUTO), forest, source="forest_numbered.docx"),
    Spec(
        "forest_numbered.odt", "fr", ("odt", "libreoffice", *AUTO[1:]), forest, source="forest_numbered.docx"
    ),
    Spec("forest_weasy.pdf", "fr", WEASY, forest, _weasy(forest), inline_targets=True),
    Spec("forest_pasted.txt", "fr", PASTED, forest, _pasted(forest, 1), inline_targets=True),
    # Schaerbeek (FR): modules named by the phenomenon only, column tables in other orders, sheets.
    Spec(
        "schaerbeek_columns.docx",
        "fr",
        (
            *WORD,
            "typed-numbering",
            "column-table",
            "column-order:indicator,target,oo,results",
            "service",
            "vertical-merge",
            "target-column",
        ),  # fmt: skip
        schaerbeek,
        _facts(lambda p: word.column_tables(schaerbeek(), p, ("indicator", "target", "oo", "results"))),
    ),
    Spec(
        "schaerbeek_columns_lo.pdf",
        "fr",
        (*LO_PDF, "column-table", "column-order:indicator,target,oo,results", "target-column"),
        schaerbeek,
        source="schaerbeek_columns.docx",
    ),
    Spec(
        "schaerbeek_inline.docx",
        "fr",
        (
            *WORD,
            "typed-numbering",
            "column-table",
            "column-order:oo,indicator,results",
            "dash-lists-in-cells",
            "inline-targets",
        ),  # fmt: skip
        schaerbeek,
        _facts(lambda p: word.column_tables(schaerbeek(), p, ("oo", "indicator", "results"))),
        inline_targets=True,
    ),
    Spec(
        "schaerbeek_flat.xlsx",
        "fr",
        ("xlsx", "flat-table", "hierarchy-columns", "repeated-cells", "target-column"),
        schaerbeek,
        _sheets(lambda: sheets.flat_table(schaerbeek(), merged=False), sheets.write_xlsx),
    ),
    Spec(
        "schaerbeek_modules.ods",
        "fr",
        ("ods", "sheet-per-module", "merged-cells", "target-column"),
        schaerbeek,
        _sheets(lambda: sheets.sheet_per_module(schaerbeek(), merged=True), sheets.write_ods),
    ),
    Spec(
        "schaerbeek_pasted.txt",
        "fr",
        (*PASTED, "service"),
        schaerbeek,
        _pasted(schaerbeek, 2),
        inline_targets=True,
    ),
    # Seraing (FR): long wording, a Walloon city.
    Spec("seraing_weasy.pdf", "fr", WEASY, seraing, _weasy(seraing), inline_targets=True),
    Spec(
        "seraing_pasted.txt",
        "fr",
        (*PASTED, "compound-words"),
        seraing,
        _pasted(seraing, 3),
        inline_targets=True,
    ),
    Spec(
        "seraing_modules.xlsx",
        "fr",
        ("xlsx", "sheet-per-module", "merged-cells", "target-column"),
        seraing,
        _sheets(lambda: sheets.sheet_per_module(seraing(), merged=True), sheets.write_xlsx),
    ),
    Spec(
        "seraing_numbered.docx", "fr", AUTO, seraing, _facts(lambda p: word.numbered_headings(seraing(), p))
    ),
    # Vilvoorde (NL): the SVPP label/value template.
    Spec(
        "vilvoorde_label_value.docx",
        "nl",
        (
            *WORD,
            "label-value-table",
            "merged-title-row",
            "target-row",
            "unfilled-template-block",
            "tab-bullets-in-cells",
        ),  # fmt: skip
        vilvoorde,
        _facts(lambda p: word.label_value_tables(vilvoorde(), p)),
    ),
    Spec(
        "vilvoorde_label_value_lo.pdf",
        "nl",
        (*LO_PDF, "label-value-table", "target-row", "unfilled-template-block"),
        vilvoorde,
        source="vilvoorde_label_value.docx",
    ),
    Spec(
        "vilvoorde_label_value.odt",
        "nl",
        ("odt", "libreoffice", "label-value-table", "target-row", "unfilled-template-block"),
        vilvoorde,
        source="vilvoorde_label_value.docx",
    ),
    Spec("vilvoorde_pasted.txt", "nl", PASTED, vilvoorde, _pasted(vilvoorde, 4), inline_targets=True),
    Spec("vilvoorde_weasy.pdf", "nl", WEASY, vilvoorde, _weasy(vilvoorde), inline_targets=True),
    # Oostende (NL): automatic numbering in Dutch, sheets.
    Spec(
        "oostende_numbered.docx",
        "nl",
        AUTO,
        oostende,
        _facts(lambda p: word.numbered_headings(oostende(), p)),
    ),
    Spec("oostende_numbered_lo.pdf", "nl", (*LO_PDF, *LO_AUTO), oostende, source="oostende_numbered.docx"),
    Spec(
        "oostende_flat.ods",
        "nl",
        ("ods", "flat-table", "hierarchy-columns", "merged-cells", "target-column"),
        oostende,
        _sheets(lambda: sheets.flat_table(oostende(), merged=True), sheets.write_ods),
    ),
    Spec(
        "oostende_modules.xlsx",
        "nl",
        ("xlsx", "sheet-per-module", "repeated-cells", "target-column"),
        oostende,
        _sheets(lambda: sheets.sheet_per_module(oostende(), merged=False), sheets.write_xlsx),
    ),
    Spec(
        "oostende_columns.docx",
        "nl",
        (
            *WORD,
            "typed-numbering",
            "column-table",
            "column-order:results,oo,indicator,target",
            "vertical-merge",
            "target-column",
        ),  # fmt: skip
        oostende,
        _facts(lambda p: word.column_tables(oostende(), p, ("results", "oo", "indicator", "target"))),
    ),
    # Mechelen (NL): Word's automatic lettered and roman lists, general objectives.
    Spec(
        "mechelen_lists.docx",
        "nl",
        (
            *WORD,
            "word-auto-numbering",
            "lettered-list",
            "roman-list",
            "dash-bullets",
            "general-objectives",
            "inline-targets",
        ),  # fmt: skip
        mechelen,
        _facts(lambda p: word.lettered_lists(mechelen(), p)),
        inline_targets=True,
        joiner=": ",
    ),
    Spec(
        "mechelen_lists_lo.pdf",
        "nl",
        (*LO_PDF, "lettered-list", "roman-list", "general-objectives", "inline-targets"),
        mechelen,
        source="mechelen_lists.docx",
        inline_targets=True,
        joiner=": ",
    ),
    Spec(
        "mechelen_pasted.txt",
        "nl",
        (*PASTED, "general-objectives"),
        mechelen,
        _pasted(mechelen, 5),
        inline_targets=True,
    ),  # fmt: skip
    # Anderlecht (FR, zone Midi): the French label/value template.
    Spec(
        "anderlecht_label_value.docx",
        "fr",
        (
            *WORD,
            "label-value-table",
            "merged-title-row",
            "target-row",
            "unfilled-template-block",
            "general-objectives",
        ),  # fmt: skip
        anderlecht,
        _facts(lambda p: word.label_value_tables(anderlecht(), p)),
    ),
    Spec(
        "anderlecht_label_value_lo.pdf",
        "fr",
        (*LO_PDF, "label-value-table", "target-row", "unfilled-template-block", "general-objectives"),
        anderlecht,
        source="anderlecht_label_value.docx",
    ),
    Spec("anderlecht_weasy.pdf", "fr", WEASY, anderlecht, _weasy(anderlecht), inline_targets=True),
    # Zonal security plans (FR zone Midi, NL zone Brussel-Noord).
    Spec(
        "midi_zonal.xlsx",
        "fr",
        ("xlsx", *ZONAL, "transversal-theme", "merged-cells"),
        zone_midi,
        _sheets(lambda: sheets.zonal_sheets(zone_midi()), sheets.write_xlsx),
    ),
    Spec(
        "midi_zonal.docx",
        "fr",
        ("docx", *ZONAL, "transversal-theme", "header-footer"),
        zone_midi,
        _facts(lambda p: word.zonal_sheets(zone_midi(), p)),
    ),  # fmt: skip
    Spec(
        "midi_zonal_lo.pdf", "fr", (*LO_PDF, *ZONAL, "transversal-theme"), zone_midi, source="midi_zonal.docx"
    ),
    Spec("midi_zonal.odt", "fr", ("odt", "libreoffice", *ZONAL), zone_midi, source="midi_zonal.docx"),
    Spec(
        "midi_zonal.ods",
        "fr",
        ("ods", *ZONAL, "transversal-theme", "merged-cells"),
        zone_midi,
        _sheets(lambda: sheets.zonal_sheets(zone_midi()), sheets.write_ods),
    ),
    Spec(
        "noord_zonal.xlsx",
        "nl",
        ("xlsx", *ZONAL, "merged-cells"),
        zone_brussel_noord,
        _sheets(lambda: sheets.zonal_sheets(zone_brussel_noord()), sheets.write_xlsx),
    ),
    Spec(
        "noord_zonal.docx",
        "nl",
        ("docx", *ZONAL, "header-footer"),
        zone_brussel_noord,
        _facts(lambda p: word.zonal_sheets(zone_brussel_noord(), p)),
    ),  # fmt: skip
    Spec("noord_zonal_lo.pdf", "nl", (*LO_PDF, *ZONAL), zone_brussel_noord, source="noord_zonal.docx"),
    # Not plans.
    Spec("letter.docx", "fr", ("docx", "not-a-plan", "letter"), None, _facts(refusals.letter_docx)),
    Spec("letter_lo.pdf", "fr", ("pdf", "libreoffice", "not-a-plan", "letter"), None, source="letter.docx"),
    Spec("crime_figures.xlsx", "fr", ("xlsx", "not-a-plan", "figures"), None, _facts(sheets.figures_sheet)),
    Spec("scan.pdf", "fr", ("pdf", "not-a-plan", "image-only"), None, _scan),
)


# For parametrising tests without building the corpus at collection time.
PLAN_NAMES: tuple[str, ...] = tuple(spec.name for spec in SPECS if spec.plan is not None)
NOT_PLAN_NAMES: tuple[str, ...] = tuple(spec.name for spec in SPECS if spec.plan is None)
