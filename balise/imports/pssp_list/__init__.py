"""PSSP / SVPP convention written as a numbered list (seed 000 and its Dutch counterpart).

A header (title, "COMMUNE : PSSP …", "periode : 01-01-2020 - 31-12-2022", parties, money), then
modules "I. DISPOSITIF DE COORDINATION", "2. CAMBRIOLAGE"… each with "2.1. Objectifs généraux"
(2.1.1.), "2.2. Objectifs stratégiques" (2.2.1.), and under each strategic objective the lists
"Objectifs opérationnels" / "Résultats" / "Indicateurs"; a signature block closes the document.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balise.domain.outline import PlanOutline
from balise.imports.pssp_list import words
from balise.imports.pssp_list.header import read_header, read_signature, signature_start
from balise.imports.pssp_list.tree import TreeReader, build_modules, is_module_heading
from balise.imports.report import DocumentRefused, ImportResult, LineLedger
from balise.imports.text import clean

NAME = "pssp_list"
DESCRIPTION = gettext_lazy(
    "PSSP/SVPP convention written as a numbered list: strategic objectives numbered "
    "1.2.1., each followed by its operational objectives, results and indicators "
    "(French or Dutch)"
)

# Standalone list headings a document needs before it is confidently this layout.
_HEADINGS_FOR_FULL_SCORE = 6
_NUMBERED_FOR_FULL_SCORE = 3


def detect(lines: list[str]) -> float:
    """Confidence that ``lines`` are this layout: standalone "Résultats"/"Indicateurs" headings
    and 1.2.1.-numbered objectives; the convention header alone (shared with the table layout of
    the national template) is worth little."""
    texts = [clean(line) for line in lines if isinstance(line, str) and "\t" not in line]
    lists = sum(
        1
        for text in texts
        if words.RESULTS_HEADING.match(text)
        or words.INDICATORS_HEADING.match(text)
        or words.OPERATIONAL_HEADING.match(text)
    )
    if not lists:
        return 0.0
    numbered = sum(1 for text in texts if words.OBJECTIVE_NUMBER.match(text))
    sections = any(words.GENERAL_HEADING.match(t) for t in texts) + any(
        words.STRATEGIC_HEADING.match(t) for t in texts
    )
    score = (
        0.45 * min(1.0, lists / _HEADINGS_FOR_FULL_SCORE)
        + 0.35 * min(1.0, numbered / _NUMBERED_FOR_FULL_SCORE)
        + 0.1 * sections
    )
    return round(min(1.0, score), 3)


def parse(lines: list[str]) -> ImportResult:
    try:
        return _parse(lines)
    except DocumentRefused:
        raise
    except Exception as exc:  # the layout contract: only DocumentRefused escapes, naming the layout
        raise DocumentRefused(
            _("%(layout)s: cannot read the document (%(reason)s)")
            % {"layout": NAME, "reason": f"{type(exc).__name__}: {exc}"}
        ) from exc


def _parse(lines: list[str]) -> ImportResult:
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise DocumentRefused(
            _("%(layout)s: expected the document as a list of text lines") % {"layout": NAME}
        )
    first = next((i for i in range(len(lines)) if is_module_heading(lines, i)), None)
    if first is None:
        raise DocumentRefused(
            _("%(layout)s: no numbered module heading such as 'I. DISPOSITIF DE COORDINATION'")
            % {"layout": NAME}
        )
    language = words.language_of(lines)
    ledger = LineLedger(lines)
    header = read_header(lines, first, ledger, language)
    end = signature_start(lines, first)
    modules = build_modules(TreeReader(lines, ledger).read(first, end))
    if not any(module.strategic_objectives for module in modules):
        raise DocumentRefused(
            _("%(layout)s: no numbered strategic objective ('1.2.1. …') under the modules") % {"layout": NAME}
        )
    signed_on = read_signature(lines, end, ledger)
    outline = PlanOutline(
        kind="pssp",
        title=header.title,
        municipality=header.municipality,
        period_start=header.period_start,
        period_end=header.period_end,
        signed_on=signed_on,
        language=language,
        parties=header.parties,
        finance=header.finance,
        modules=modules,
    )
    return ImportResult(outline=outline, layout=NAME, lines=ledger.finish())
