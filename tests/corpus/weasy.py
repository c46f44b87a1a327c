"""A plan as municipalities' web-to-PDF tools print it: HTML written here, rendered by WeasyPrint.

Running header and "Page n sur N" footer on every page, justified and hyphenated text, per strategic
objective a two-column table whose right cell holds a "Résultats attendus" list and an
"Indicateurs" list; the page is small enough that long cells wrap and rows split across pages.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from balise.domain.outline import PlanOutline
from tests.corpus.spec import inline_text

WORDS = {
    "fr": {
        "so": "Objectif stratégique",
        "oo": "Objectif opérationnel",
        "results": "Résultats attendus",
        "indicators": "Indicateurs",
        "page": "Page",
        "of": "sur",
        "general": "Objectif général :",
        "service": "Service porteur :",
        "intro": (
            "Le présent plan traduit les priorités du diagnostic local de sécurité en objectifs "
            "mesurables. Il a été élaboré en concertation avec la zone de police, le CPAS, les écoles "
            "et le secteur associatif, et sera évalué chaque année par l'évaluateur interne."
        ),
    },
    "nl": {
        "so": "Strategische doelstelling",
        "oo": "Operationele doelstelling",
        "results": "Verwachte resultaten",
        "indicators": "Indicatoren",
        "page": "Pagina",
        "of": "van",
        "general": "Algemene doelstelling:",
        "service": "Dienst:",
        "intro": (
            "Dit plan vertaalt de prioriteiten van de lokale veiligheidsdiagnose in meetbare "
            "doelstellingen. Het werd opgesteld in overleg met de politiezone, het OCMW, de scholen en "
            "het middenveld en wordt jaarlijks geëvalueerd door de interne evaluator."
        ),
    },
}

CSS = """
@page {{
  size: A5; margin: 2cm 1.4cm 1.8cm 1.4cm;
  @top-center {{ content: "{header}"; font-size: 7pt; color: #555 }}
  @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages); font-size: 7pt }}
}}
body {{ font-family: "DejaVu Serif", serif; font-size: 9pt; text-align: justify; hyphens: auto }}
h1 {{ font-size: 13pt }}
h2 {{ font-size: 11pt; break-after: avoid }}
h3 {{ font-size: 9.5pt; break-after: avoid }}
table {{ border-collapse: collapse; width: 100% }}
td {{ border: 0.5pt solid #333; padding: 3pt; vertical-align: top; text-align: justify; hyphens: auto }}
td.oo {{ width: 38% }}
tr {{ break-inside: auto }}
ul {{ margin: 0 0 3pt 0; padding-left: 12pt }}
p.label {{ font-weight: bold; margin: 2pt 0 }}
"""


def html_of(outline: PlanOutline) -> str:
    words = WORDS[outline.language]
    header = f"{outline.title} – {outline.municipality}"
    style = CSS.format(header=header.replace('"', "'"), page=words["page"], of=words["of"])
    parts = [
        f'<html lang="{outline.language}"><head><meta charset="utf-8"><style>{style}</style></head><body>',
        f"<h1>{escape(outline.title)}</h1><p>{escape(outline.municipality or '')}</p>",
        f"<p>{escape(words['intro'])}</p>",
    ]
    for m, module in enumerate(outline.modules, 1):
        parts.append(f"<h2>{m}. {escape(module.title)}</h2>")
        parts += [f"<p>{words['general']} {escape(g)}</p>" for g in module.general_objectives]
        for s, so in enumerate(module.strategic_objectives, 1):
            parts.append(f"<h3>{words['so']} {m}.{s} : {escape(so.title)}</h3>")
            if so.service:
                parts.append(f"<p>{words['service']} {escape(so.service)}</p>")
            parts.append("<table>")
            for oo in so.operational_objectives:
                results = "".join(f"<li>{escape(r)}</li>" for r in oo.results)
                indicators = "".join(f"<li>{escape(inline_text(i))}</li>" for i in oo.indicators)
                parts.append(
                    f'<tr><td class="oo">{escape(oo.title)}</td><td>'
                    f'<p class="label">{words["results"]}</p><ul>{results}</ul>'
                    f'<p class="label">{words["indicators"]}</p><ul>{indicators}</ul></td></tr>'
                )
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def two_column_pdf(outline: PlanOutline, path: Path) -> tuple[bool, int]:
    """Write the PDF; returns (targets inline, number of pages rendered)."""
    import weasyprint

    rendered = weasyprint.HTML(string=html_of(outline)).render()
    rendered.write_pdf(path)
    return True, len(rendered.pages)
