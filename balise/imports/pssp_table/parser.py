"""Reading a whole PSSP/SVPP 2023-2024 table-template document into a `PlanOutline`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from balise.domain.outline import PlanOutline
from balise.imports.pssp_table import vocabulary as vocab
from balise.imports.pssp_table.closing import body_start, closing_start, mark_closing, signature_date
from balise.imports.pssp_table.modules import read_body
from balise.imports.pssp_table.preamble import read_preamble
from balise.imports.pssp_table.tokens import tokenize
from balise.imports.report import DocumentRefused, ImportResult, LineLedger

NAME = "pssp_table"


def parse(lines: list[str]) -> ImportResult:
    ledger = LineLedger(lines)
    start = body_start(lines)
    end = closing_start(lines, start)
    if start == len(lines):
        raise DocumentRefused(
            _("no module found (expected 'COORDINATION' or 'PHENOMENE 1 …'): not a PSSP table template")
        )
    preamble = read_preamble(lines, start, ledger)
    modules = read_body(tokenize(lines, start, end), lines, ledger)
    mark_closing(lines, end, ledger)
    signed_on = signature_date(lines, end, ledger)
    language = vocab.language_of(lines)
    outline = PlanOutline(
        kind=preamble.kind,  # "pssp" unless the heading names another kind (an SVPP is a PSSP)
        title=preamble.title,
        municipality=preamble.municipality,
        period_start=preamble.period_start,
        period_end=preamble.period_end,
        signed_on=signed_on,
        language=language,
        parties=preamble.parties,
        # No amount and no contingent: a plan without money (a CSS convention), as the JSON says.
        finance=preamble.finance
        if preamble.finance.annual_amount_eur or preamble.finance.contingents
        else None,
        modules=modules,
    )
    return ImportResult(outline=outline, layout=NAME, lines=ledger.finish())
