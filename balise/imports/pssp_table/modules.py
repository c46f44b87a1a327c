"""The plan body: modules, general objectives, services, strategic objectives and their tables.

Per module the template gives, in this order: general objectives; each strategic objective's
title followed by its "Objectifs opérationnels | Résultats attendus" table; then, separately,
one "Indicateurs | Analyse SPF IBZ | Evaluation Code couleur" table per strategic objective,
in the same order. A loose line is a title when a table follows it, a service (Médiation
Locale, SCAPI…) when a title or the "Objectifs stratégiques" heading follows it.
"""

from __future__ import annotations

from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.imports.pssp_table import vocabulary as vocab
from balise.imports.pssp_table.continuation import Fragment, Titled, rejoin
from balise.imports.pssp_table.tokens import Kind, Token
from balise.imports.report import LineFate, LineLedger
from balise.imports.text import fold

_SKIPPED = (Kind.SEPARATOR, Kind.MOTIVATION, Kind.PAGE, Kind.CAPTION)


class _Module:
    """One module being read, with the table currently open."""

    def __init__(self, module: ModuleOutline) -> None:
        self.outline = module
        self.section: str | None = None  # "general" | "strategic"
        self.service: str | None = None
        self.table: str | None = None  # "oo" | "ind"
        self.table_objective: StrategicObjectiveOutline | None = None
        self.domain: str | None = None  # "Domaine : …" read for the next strategic objective
        # The operational objective whose indicators the indicator table lists now (a row
        # "Objectif opérationnel : …"), and those already labelled in this table.
        self.table_oo: OperationalObjectiveOutline | None = None
        self.labelled: list[OperationalObjectiveOutline] = []
        self.indicator_tables = 0
        self.columns: dict[str, int] = {}
        self.titles: list[Titled] = []
        self.fragments: list[Fragment] = []

    @property
    def empty(self) -> bool:
        return not (self.outline.general_objectives or self.outline.strategic_objectives)


class BodyReader:
    def __init__(self, tokens: list[Token], lines: list[str], ledger: LineLedger) -> None:
        self.tokens = tokens
        self.lines = lines
        self.ledger = ledger
        self.modules: list[ModuleOutline] = []
        self.current: _Module | None = None
        # A mark ("PHENOMENE n", "COORDINATION") was read: the next text names a module of this kind.
        self.pending_kind: str | None = None
        self.pending_mark: Token | None = None
        self.service_at: int | None = None  # position of the token that named the current service

    def read(self) -> list[ModuleOutline]:
        for position, token in enumerate(self.tokens):
            self._token(position, token)
        self._close_module()
        return self.modules

    # -- dispatch ---------------------------------------------------------------------------------

    def _token(self, position: int, token: Token) -> None:
        mark = self.ledger.mark
        if self.pending_kind == "coordination" and token.kind not in (Kind.TEXT, *_SKIPPED):
            # "COORDINATION" straight followed by its headings: the mark is the title.
            self._open_module(self.pending_mark)
        if token.kind is Kind.SEPARATOR:
            mark(token.index, LineFate.FURNITURE, "table border")
        elif token.kind is Kind.PAGE:
            mark(token.index, LineFate.FURNITURE, "page number")
        elif token.kind is Kind.CAPTION:
            mark(token.index, LineFate.HEADING, "caption of an indicator table")
        elif token.kind is Kind.MOTIVATION:
            mark(token.index, LineFate.HEADING, "evaluation column header detached from its table")
        elif token.kind is Kind.MODULE_MARK:
            mark(token.index, LineFate.HEADING, "module mark")
            self.pending_kind, self.pending_mark = vocab.module_mark(token.text), token
        elif token.kind is Kind.TEXT and (self.pending_kind or self._names_module(token.text)):
            self._open_module(token)
        elif self.current is None:
            mark(token.index, LineFate.UNPLACED, "plan content before the first module")
        elif token.kind in (Kind.GENERAL, Kind.STRATEGIC):
            self._section(position, token)
        elif token.kind is Kind.SERVICE:
            self._service(position, token)
        elif token.kind is Kind.DOMAIN:
            self.current.domain = token.text
            self.ledger.place(token.index)
        elif token.kind is Kind.OO_LABEL:
            self._oo_label(token)
        elif token.kind is Kind.OO_HEADER:
            self._open_oo_table(token)
        elif token.kind is Kind.IND_HEADER:
            self._open_indicator_table(token)
        elif token.kind is Kind.ROW:
            self._row(position, token)
        else:
            self._text(position, token)

    def _section(self, position: int, token: Token) -> None:
        current = self._module()
        current.section = "general" if token.kind is Kind.GENERAL else "strategic"
        current.table = None
        if token.kind is Kind.STRATEGIC and self.service_at != self._previous(position):
            # A heading without a service right before it starts objectives of no service.
            current.service = None
        self.ledger.mark(token.index, LineFate.HEADING, token.text)

    # -- modules ----------------------------------------------------------------------------------

    def _names_module(self, text: str) -> bool:
        return fold(text) in vocab.COORDINATION_TITLES or vocab.phenomenon(text) is not None

    def _open_module(self, token: Token | None) -> None:
        pending, self.pending_kind, self.pending_mark = self.pending_kind, None, None
        if token is None:
            return
        key = fold(token.text)
        match = vocab.phenomenon(token.text)
        if key in vocab.COORDINATION_TITLES:
            kind, title = "coordination", token.text[:1].upper() + token.text[1:].lower()
        elif pending in ("coordination", "sector") or match is None:
            kind, title = pending or "phenomenon", token.text
        else:
            kind, title = "phenomenon", getattr(match[0], match[1])
        current = self.current
        # "COORDINATION" then "Coordination": the template repeats the module name as a sub-title.
        if current is not None and current.empty and fold(current.outline.title) == fold(title):
            self.ledger.mark(token.index, LineFate.HEADING, "module title repeated")
            return
        self._close_module()
        self.current = _Module(ModuleOutline(title=title, kind=kind))
        self.ledger.place(token.index)

    def _close_module(self) -> None:
        current = self.current
        if current is None:
            return
        for index in rejoin(current.titles, current.fragments):
            self.ledger.place(index)
        for fragment in current.fragments:
            if not fragment.used and fragment.indicator is None:
                self.ledger.mark(
                    fragment.index, LineFate.UNPLACED, "loose text between tables, continuing no cut title"
                )
        self.modules.append(current.outline)
        self.current = None

    # -- tables -----------------------------------------------------------------------------------

    def _open_oo_table(self, token: Token) -> None:
        current = self._module()
        current.section = "strategic"
        current.table = "oo"
        objectives = current.outline.strategic_objectives
        current.table_objective = objectives[-1] if objectives else None
        self.ledger.mark(token.index, LineFate.HEADING, "operational objectives table header")

    def _open_indicator_table(self, token: Token) -> None:
        current = self._module()
        current.section = "strategic"
        current.table = "ind"
        objectives = current.outline.strategic_objectives
        # The n-th indicator table of a module belongs to its n-th strategic objective.
        n = current.indicator_tables
        current.table_objective = objectives[n] if n < len(objectives) else None
        current.indicator_tables += 1
        current.table_oo, current.labelled = None, []
        current.columns = vocab.indicator_columns(token.cells)
        self.ledger.mark(token.index, LineFate.HEADING, "indicator table header")

    def _row(self, position: int, token: Token) -> None:
        current = self._module()
        filled = [cell for cell in token.cells if cell]
        if not filled:
            self.ledger.mark(token.index, LineFate.FURNITURE, "empty table row")
        elif current.table is None:
            if len(filled) == 1 and token.cells[0]:
                # A paragraph that kept a tab: read it as loose text.
                self._text(position, Token(token.index, Kind.TEXT, token.cells[0]))
            else:
                self.ledger.mark(token.index, LineFate.UNPLACED, "table row outside any table")
        elif current.table_objective is None:
            reason = (
                "indicator table beyond the module's strategic objectives"
                if current.table == "ind"
                else "operational objectives table without a strategic objective"
            )
            self.ledger.mark(token.index, LineFate.UNPLACED, reason)
        elif current.table == "oo":
            self._oo_row(current.table_objective, token)
        else:
            self._indicator_row(current, current.table_objective, token)

    def _oo_row(self, objective: StrategicObjectiveOutline, token: Token) -> None:
        title, result = token.cells[0], " ".join(cell for cell in token.cells[1:] if cell)
        if title:
            objective.operational_objectives.append(
                OperationalObjectiveOutline(title=title, results=[result] if result else [])
            )
        elif objective.operational_objectives:
            # An empty first cell: another result of the operational objective above.
            objective.operational_objectives[-1].results.append(result)
        else:
            self.ledger.mark(token.index, LineFate.UNPLACED, "result without an operational objective")
            return
        self.ledger.place(token.index)

    def _indicator_row(self, current: _Module, objective: StrategicObjectiveOutline, token: Token) -> None:
        text = token.cells[0]
        if not text:
            self.ledger.mark(token.index, LineFate.UNPLACED, "evaluation cells without an indicator")
            return
        columns = {
            key: (token.cells[at] or None) if at < len(token.cells) else None
            for key, at in current.columns.items()
        }
        indicator = IndicatorOutline(
            text=text,
            target=parse_target(text),
            analysis=columns.get("analysis"),
            colour=columns.get("colour"),
            motivation=columns.get("motivation"),
        )
        indicators = current.table_oo.indicators if current.table_oo else objective.indicators
        indicators.append(indicator)
        self.ledger.place(token.index)
        if self._stuck_to_next_header(token.index) and not any(token.cells[1:]):
            current.fragments.append(Fragment(token.index, text, indicators, indicator))

    def _oo_label(self, token: Token) -> None:
        """ "Objectif opérationnel : <title>" in an indicator table: the rows below are the
        indicators of that operational objective of the table's strategic objective."""
        current = self._module()
        objective = current.table_objective if current.table == "ind" else None
        if objective is None:
            self.ledger.mark(token.index, LineFate.UNPLACED, "operational objective label outside a table")
            return
        same = [oo for oo in objective.operational_objectives if oo.title == token.text]
        # Two objectives of the same title: the labels come in the order of the objectives.
        fresh = [oo for oo in same if not any(oo is seen for seen in current.labelled)]
        chosen = fresh[0] if fresh else same[0] if same else None
        if chosen is None:
            current.table_oo = None
            self.ledger.mark(token.index, LineFate.UNPLACED, "no operational objective of this title")
            return
        current.table_oo = chosen
        current.labelled.append(chosen)
        self.ledger.mark(token.index, LineFate.HEADING, "operational objective of the indicators below")

    def _stuck_to_next_header(self, index: int) -> bool:
        """A one-cell row after a blank line and right above an indicator header: the spilled end
        of a title rather than a row of the table above."""
        lines = self.lines
        if index == 0 or lines[index - 1].strip() or index + 1 >= len(lines):
            return False
        return "\t" in lines[index + 1] and vocab.is_indicator_header(vocab.cells(lines[index + 1]))

    # -- loose text -------------------------------------------------------------------------------

    def _text(self, position: int, token: Token) -> None:
        current = self._module()
        at = self._next(position)
        following = self.tokens[at] if at is not None else None
        after_at = self._next(at) if at is not None else None
        after = self.tokens[after_at] if after_at is not None else None
        same_line = following is not None and following.index == token.index
        in_general = current.section in (None, "general")
        if following is not None and following.kind is Kind.OO_HEADER:
            self._objective(current, token)
        elif following is not None and following.kind is Kind.STRATEGIC and (same_line or not in_general):
            self._service(position, token)
        elif (
            following is not None
            and following.kind is Kind.TEXT
            and after is not None
            and after.kind is Kind.OO_HEADER
            and (same_line or not in_general)
        ):
            self._service(position, token)
        elif current.section == "general":
            current.outline.general_objectives.append(token.text)
            self.ledger.place(token.index)
        elif current.section is None:
            description = current.outline.description
            current.outline.description = f"{description} {token.text}" if description else token.text
            self.ledger.place(token.index)
        else:
            current.fragments.append(Fragment(token.index, token.text))

    def _objective(self, current: _Module, token: Token) -> None:
        objective = StrategicObjectiveOutline(
            title=token.text, service=current.service, domain=current.domain
        )
        current.domain = None
        current.outline.strategic_objectives.append(objective)
        current.titles.append(Titled(token.index, objective))
        current.section = "strategic"
        current.table = None
        self.ledger.place(token.index)

    def _service(self, position: int, token: Token) -> None:
        current = self._module()
        current.service = token.text.rstrip(" .:") if token.kind is Kind.TEXT else token.text
        current.table = None
        self.service_at = position
        self.ledger.place(token.index)

    def _previous(self, position: int) -> int | None:
        """Position of the previous token that carries meaning."""
        for at in range(position - 1, -1, -1):
            if self.tokens[at].kind not in _SKIPPED:
                return at
        return None

    def _next(self, position: int) -> int | None:
        """Position of the next token that carries meaning (borders and loose headers skipped)."""
        for at in range(position + 1, len(self.tokens)):
            if self.tokens[at].kind not in _SKIPPED:
                return at
        return None

    def _module(self) -> _Module:
        assert self.current is not None  # dispatch only reaches here inside a module
        return self.current


def read_body(tokens: list[Token], lines: list[str], ledger: LineLedger) -> list[ModuleOutline]:
    return BodyReader(tokens, lines, ledger).read()
