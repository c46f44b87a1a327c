"""Word documents of a plan, in the templates municipalities and police zones use.

Each writer takes the hand-written outline and returns whether it prints targets inline (the
expected outline then is `with_inline_targets`) — see `tests.corpus.documents`.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT

from balise.domain.outline import OperationalObjectiveOutline, PlanOutline, StrategicObjectiveOutline
from tests.corpus import docx_parts as parts
from tests.corpus.spec import inline_text

LABELS = {
    "fr": {
        "oo": "Objectif opérationnel",
        "results": "Résultats attendus",
        "evaluation": "Évaluation",
        "indicator": "Indicateur",
        "target": "Cible",
        "toc": "Table des matières",
        "page": "Page",
        "of": "sur",
        "so": "Objectif stratégique",
        "service": "Service porteur",
        "module": "Module",
        "municipality": "Commune de",
        "period": "Période",
        "note": "Version approuvée par le conseil communal du 24 juin 2020",
    },
    "nl": {
        "oo": "Operationele doelstelling",
        "results": "Verwachte resultaten",
        "evaluation": "Evaluatie",
        "indicator": "Indicator",
        "target": "Streefwaarde",
        "toc": "Inhoudstafel",
        "page": "Pagina",
        "of": "van",
        "so": "Strategische doelstelling",
        "service": "Dienst",
        "module": "Module",
        "municipality": "Gemeente",
        "period": "Periode",
        "note": "Versie goedgekeurd door de gemeenteraad van 24 juni 2020",
    },
}


def _cover(document: Document, outline: PlanOutline, words: dict[str, str]) -> None:
    document.add_paragraph(parts.curly(outline.title), style="Title")
    document.add_paragraph(f"{words['municipality']} {outline.municipality}")
    assert outline.period_start and outline.period_end
    cover = document.add_paragraph(f"{words['period']} {outline.period_start.year}-{outline.period_end.year}")
    parts.text_box(cover, words["note"])


def _furniture(document: Document, outline: PlanOutline, words: dict[str, str], pages: int) -> None:
    parts.running_header(document, f"{outline.title} – {outline.municipality}")
    parts.page_footer(document, outline.municipality or "", words["page"], words["of"], pages)


# --- 1. automatic numbering, one table per strategic objective ---------------------------------


def numbered_headings(outline: PlanOutline, path: Path) -> bool:
    """Heading 1/2 linked to Word's automatic multilevel list, a table of contents, and per
    strategic objective a table with a two-row merged header: objective and results merged down
    the rows of their indicators, results as bulleted paragraphs, the target in its own column.
    One operational objective is edited with track changes, one result deleted."""
    words = LABELS[outline.language]
    document = docx.Document()
    parts.link_headings_to_multilevel_list(document)
    bullets = parts.bullet_list(document)
    _cover(document, outline, words)
    entries = []
    for m, module in enumerate(outline.modules, 1):
        entries.append((1, f"{m}.\t{module.title}", 2 + m))
        entries += [
            (2, f"{m}.{s}.\t{so.title}", 2 + m) for s, so in enumerate(module.strategic_objectives, 1)
        ]
    parts.table_of_contents(document, words["toc"], entries)
    tracked = False
    for module in outline.modules:
        document.add_heading(parts.curly(module.title), level=1)
        for so in module.strategic_objectives:
            document.add_heading(parts.curly(so.title), level=2)
            if so.service:
                document.add_paragraph(f"{words['service']} : {so.service}")
            tracked = _objective_table(document, so, words, bullets, track=not tracked) or tracked
    _furniture(document, outline, words, pages=2 + len(outline.modules))
    document.save(str(path))
    return False


def _objective_table(
    document: Document, so: StrategicObjectiveOutline, words: dict[str, str], bullets: int, track: bool
) -> bool:
    rows = sum(max(1, len(oo.indicators)) for oo in so.operational_objectives)
    table = document.add_table(rows=2 + rows, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, sub = table.rows[0].cells, table.rows[1].cells
    head[0].text, head[1].text, head[2].text = words["oo"], words["results"], words["evaluation"]
    sub[2].text, sub[3].text = words["indicator"], words["target"]
    head[0].merge(sub[0])
    head[1].merge(sub[1])
    head[2].merge(head[3])
    for cell in (*head, *sub):
        parts.shade(cell)
    parts.repeat_header(table.rows[0])
    parts.repeat_header(table.rows[1])
    row = 2
    used_track = False
    for oo in so.operational_objectives:
        span = max(1, len(oo.indicators))
        first = table.cell(row, 0)
        paragraph = first.paragraphs[0]
        if track and not used_track:
            _tracked_title(paragraph, oo)
            used_track = True
        else:
            paragraph.add_run(parts.curly(oo.title))
        parts.cell_paragraphs(table.cell(row, 1), [parts.curly(r) for r in oo.results], bullets=bullets)
        if track and used_track and len(oo.results) == 1:
            parts.deleted_paragraph(table.cell(row, 1).add_paragraph(), "Un rapport intermédiaire est publié")
        for n, indicator in enumerate(oo.indicators):
            table.cell(row + n, 2).text = parts.curly(indicator.text)
            table.cell(row + n, 3).text = indicator.target.raw if indicator.target else ""
        if span > 1:
            first.merge(table.cell(row + span - 1, 0))
            table.cell(row, 1).merge(table.cell(row + span - 1, 1))
        row += span
    document.add_paragraph()
    return used_track


def _tracked_title(paragraph, oo: OperationalObjectiveOutline) -> None:
    """The title typed with its last word replaced under track changes."""
    head, _, last = oo.title.rpartition(" ")
    parts.tracked_text(
        paragraph, [("", parts.curly(head) + " "), ("del", "provisoires "), ("ins", parts.curly(last))]
    )


# --- 2. typed numbering, columns in any order, targets printed inline or in a column -------------

COLUMNS = {"oo", "results", "indicator", "target"}


def column_tables(outline: PlanOutline, path: Path, order: tuple[str, ...]) -> bool:
    """Headings typed "Module 2 – …", per strategic objective a table whose first row (merged)
    names the objective and its service, then a header row in ``order``; without a "target"
    column the target ends the indicator's text. Results are "- " paragraphs in the cell."""
    words = LABELS[outline.language]
    inline = "target" not in order
    document = docx.Document()
    _cover(document, outline, words)
    for m, module in enumerate(outline.modules, 1):
        document.add_heading(f"{words['module']} {m} – {module.title}", level=1)
        for s, so in enumerate(module.strategic_objectives, 1):
            table = document.add_table(rows=2, cols=len(order))
            table.style = "Table Grid"
            title = f"{words['so']} {m}.{s} : {parts.curly(so.title)}"
            merged = table.cell(0, 0).merge(table.cell(0, len(order) - 1))
            merged.text = title
            if so.service:
                merged.add_paragraph(f"{words['service']} : {so.service}")
            header = {
                "oo": words["oo"],
                "results": words["results"],
                "indicator": words["indicator"] + "s",
                "target": words["target"],
            }
            for c, column in enumerate(order):
                table.cell(1, c).text = header[column]
                parts.shade(table.cell(1, c))
            for oo in so.operational_objectives:
                if inline:
                    _oo_row(table, order, oo)
                else:
                    _oo_rows_per_indicator(table, order, oo)
            document.add_paragraph()
    _furniture(document, outline, words, pages=1 + len(outline.modules))
    document.save(str(path))
    return inline


def _oo_row(table, order: tuple[str, ...], oo: OperationalObjectiveOutline) -> None:
    """One row per operational objective; indicators as "- " paragraphs ending with their target."""
    cells = table.add_row().cells
    for c, column in enumerate(order):
        if column == "oo":
            cells[c].text = parts.curly(oo.title)
        elif column == "results":
            parts.cell_paragraphs(cells[c], [f"- {parts.curly(r)}" for r in oo.results])
        elif column == "indicator":
            texts = [parts.curly(inline_text(i)) for i in oo.indicators]
            parts.cell_paragraphs(cells[c], [f"- {t}" for t in texts])


def _oo_rows_per_indicator(table, order: tuple[str, ...], oo: OperationalObjectiveOutline) -> None:
    first_row = len(table.rows)
    for n, indicator in enumerate(oo.indicators or [None]):
        cells = table.add_row().cells
        for c, column in enumerate(order):
            if column == "oo" and n == 0:
                cells[c].text = parts.curly(oo.title)
            elif column == "results" and n == 0:
                parts.cell_paragraphs(cells[c], [f"- {parts.curly(r)}" for r in oo.results])
            elif column == "indicator" and indicator:
                cells[c].text = parts.curly(indicator.text)
            elif column == "target" and indicator and indicator.target:
                cells[c].text = indicator.target.raw
    last_row = len(table.rows) - 1
    if last_row > first_row:
        for c, column in enumerate(order):
            if column in ("oo", "results"):
                table.cell(first_row, c).merge(table.cell(last_row, c))


# --- 3. Dutch SVPP: a two-column label/value table per strategic objective ------------------------


LABEL_VALUE = {
    "nl": {
        "phenomenon": "Fenomeen: ",
        "general": "Algemene doelstelling: ",
        "so": "Strategische doelstelling {s}: ",
        "oo": "Operationele doelstelling",
        "results": "Resultaat(en)",
        "indicator": "Indicator",
        "target": "Streefwaarde",
        "blank": "Strategische doelstelling …:",
    },
    "fr": {
        "phenomenon": "Phénomène : ",
        "general": "Objectif général : ",
        "so": "Objectif stratégique {s} : ",
        "oo": "Objectif opérationnel",
        "results": "Résultat(s) attendu(s)",
        "indicator": "Indicateur",
        "target": "Valeur cible",
        "blank": "Objectif stratégique … :",
    },
}


def label_value_tables(outline: PlanOutline, path: Path) -> bool:
    """Per strategic objective a two-column table: a merged title row "Strategische doelstelling
    2: …", then "Operationele doelstelling 2.1" / "Resultaat(en)" / "Indicator" / "Streefwaarde"
    rows (or the French template's labels). Each module ends with the template's unfilled block,
    which is not part of the plan."""
    document = docx.Document()
    words, labels = LABELS[outline.language], LABEL_VALUE[outline.language]
    _cover(document, outline, words)
    for m, module in enumerate(outline.modules, 1):
        heading = module.title if module.kind == "coordination" else f"{labels['phenomenon']}{module.title}"
        document.add_heading(parts.curly(heading), level=1)
        for general in module.general_objectives:
            document.add_paragraph(f"{labels['general']}{parts.curly(general)}")
        for s, so in enumerate(module.strategic_objectives, 1):
            rows: list[tuple[str, list[str]]] = []
            for o, oo in enumerate(so.operational_objectives, 1):
                rows.append((f"{labels['oo']} {m}.{s}.{o}", [parts.curly(oo.title)]))
                rows.append((labels["results"], [f"\u2022\t{parts.curly(r)}" for r in oo.results]))
                for indicator in oo.indicators:
                    rows.append((labels["indicator"], [parts.curly(indicator.text)]))
                    rows.append((labels["target"], [indicator.target.raw if indicator.target else ""]))
            _label_table(document, labels["so"].format(s=s) + parts.curly(so.title), rows)
        _label_table(
            document,
            labels["blank"],
            [
                (f"{labels['oo']} …", ["…"]),
                (labels["results"], [""]),
                (labels["indicator"], [""]),
                (labels["target"], [""]),
            ],
        )
    _furniture(document, outline, words, pages=1 + len(outline.modules))
    document.save(str(path))
    return False


def _label_table(document: Document, title: str, rows: list[tuple[str, list[str]]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=2)
    table.style = "Table Grid"
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = title
    parts.shade(merged)
    for r, (label, values) in enumerate(rows, 1):
        table.cell(r, 0).text = label
        parts.cell_paragraphs(table.cell(r, 1), values)
    document.add_paragraph()


# --- 4. lettered lists: objectives "a)", results "i.", indicators "–", all Word numbering -------------


def lettered_lists(outline: PlanOutline, path: Path, joiner: str = ": ") -> bool:
    """Headings linked to the automatic multilevel list; under each strategic objective, the
    operational objectives as an automatic "a)" list, their results at level "i." and their
    indicators (target at the end) as "–" bullets; general objectives as a labelled paragraph."""
    words, labels = LABELS[outline.language], LABEL_VALUE[outline.language]
    document = docx.Document()
    parts.link_headings_to_multilevel_list(document)
    items = parts.lettered_list(document)
    _cover(document, outline, words)
    for module in outline.modules:
        document.add_heading(parts.curly(module.title), level=1)
        for general in module.general_objectives:
            document.add_paragraph(f"{labels['general']}{parts.curly(general)}")
        for so in module.strategic_objectives:
            document.add_heading(parts.curly(so.title), level=2)
            for oo in so.operational_objectives:
                parts.number_paragraph(document.add_paragraph(parts.curly(oo.title)), items, 0)
                for result in oo.results:
                    parts.number_paragraph(document.add_paragraph(parts.curly(result)), items, 1)
                for indicator in oo.indicators:
                    text = parts.curly(inline_text(indicator, joiner))
                    parts.number_paragraph(document.add_paragraph(text), items, 2)
    _furniture(document, outline, words, pages=1 + len(outline.modules))
    document.save(str(path))
    return True


# --- 5. zonal security plan: a key/value sheet and an action table per priority ------------------

ZONAL = {
    "fr": {
        "priority": "Priorité",
        "theme": "Thème transversal",
        "so": "Objectif stratégique",
        "effect": "Indicateur d'effet",
        "reference": "Valeur de référence",
        "target": "Cible 2025",
        "pilot": "Pilote",
        "columns": ("Objectif opérationnel", "Approche", "Indicateur de résultat", "Norme"),
    },
    "nl": {
        "priority": "Prioriteit",
        "theme": "Transversaal thema",
        "so": "Strategische doelstelling",
        "effect": "Effectindicator",
        "reference": "Referentiewaarde",
        "target": "Streefwaarde 2025",
        "pilot": "Trekker",
        "columns": ("Operationele doelstelling", "Aanpak", "Resultaatsindicator", "Norm"),
    },
}


def zonal_sheets(outline: PlanOutline, path: Path) -> bool:
    words = ZONAL[outline.language]
    document = docx.Document()
    document.add_paragraph(outline.title, style="Title")
    document.add_paragraph(outline.municipality or "")
    for p, module in enumerate(outline.modules, 1):
        label = words["theme"] if module.kind == "theme" else f"{words['priority']} {p}"
        document.add_heading(f"{label} : {parts.curly(module.title)}", level=1)
        for so in module.strategic_objectives:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for key, value in zonal_key_values(so, words):
                cells = table.add_row().cells
                cells[0].text, cells[1].text = key, parts.curly(value)
                parts.shade(cells[0])
            document.add_paragraph()
            actions = document.add_table(rows=1, cols=4)
            actions.style = "Table Grid"
            for c, name in enumerate(words["columns"]):
                actions.cell(0, c).text = name
                parts.shade(actions.cell(0, c))
            for row in zonal_action_rows(so):
                cells = actions.add_row().cells
                for c, value in enumerate(row):
                    cells[c].text = parts.curly(value)
            document.add_paragraph()
    parts.running_header(document, outline.title)
    parts.page_footer(
        document,
        outline.municipality or "",
        "Page" if outline.language == "fr" else "Pagina",
        "sur" if outline.language == "fr" else "van",
        len(outline.modules) + 1,
    )
    document.save(str(path))
    return False


def zonal_key_values(so: StrategicObjectiveOutline, words: dict) -> list[tuple[str, str]]:
    """The rows of a priority's sheet: one effect indicator, its reference value, target, pilot."""
    rows = [(words["so"], so.title)]
    for indicator in so.indicators:
        rows += [
            (words["effect"], indicator.text),
            (words["reference"], indicator.reference_value or ""),
            (words["target"], indicator.target.raw if indicator.target else ""),
        ]
    rows.append((words["pilot"], so.pilot or ""))
    return rows


def zonal_action_rows(so: StrategicObjectiveOutline) -> list[tuple[str, str, str, str]]:
    rows = []
    for oo in so.operational_objectives:
        for n, indicator in enumerate(oo.indicators):
            rows.append(
                (
                    oo.title if n == 0 else "",
                    (oo.approach or "") if n == 0 else "",
                    indicator.text,
                    indicator.target.raw if indicator.target else "",
                )
            )
    return rows
