"""Balise's printed documents lay out with its cut user-agent stylesheet as with WeasyPrint's own
(balise.printing)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
import weasyprint

from balise.printing import STYLED_TAGS, html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
# The templates WeasyPrint prints through balise.printing, and what they include.
PRINTED = [
    "balise/exports/templates/exports/convention.html",
    "balise/exports/templates/exports/_convention_table.html",
    "balise/regional/templates/regional/report_document.html",
    "balise/regional/templates/regional/_report_body.html",
    "balise/regional/templates/regional/_report_measures_printed.html",
    "balise/regional/templates/regional/_coverage_table.html",
]

STYLE = """
@page { size: A6; margin: 12mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table.collapsed { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #444; }
"""
BODY = """
<h1>Rapport annuel</h1><h2>Couverture</h2><h3>1. Thématique</h3><h4>Mesure</h4><h5>Note</h5><h6>Fin</h6>
<p>Un <b>gras</b>, un <strong>fort</strong>, une <em>emphase</em>, une <i>italique</i>,
du <code>code</code>, <small>petit</small>, x<sub>2</sub> et y<sup>3</sup>, <u>souligné</u>,
<a href="https://example.org">un lien</a>, <s>barré</s>, <q>cité</q>, <abbr title="abréviation">abr.</abbr>,
<mark>marqué</mark>, <span class="figure">une portée</span>.<br>Après un saut de ligne.</p>
<ul><li>Premier<ul><li>Dessous<ul><li>Encore</li></ul></li></ul></li><li>Second</li></ul>
<ol><li>Un</li><li>Deux<ol><li>Deux un</li></ol></li></ol>
<dl><dt>Terme</dt><dd>Définition</dd></dl>
<blockquote>Une citation assez longue pour aller à la ligne au moins une fois dans la page A6.</blockquote>
<pre>  préformaté   garde   ses espaces</pre><hr>
<section><div><p>Dans une section.</p></div></section>
<table><caption>Légende</caption><colgroup><col style="width: 30%"><col></colgroup>
<thead><tr><th>Catégorie</th><th>Montant</th></tr></thead>
<tbody><tr><th scope="row">Zone de police</th><td>12 000 €</td></tr></tbody>
<tfoot><tr><th>Total</th><td><strong>12 000 €</strong></td></tr></tfoot></table>
<table class="collapsed"><tr><td>Sans</td><td>en-tête</td></tr></table>
"""


def words_and_lines(pdf: bytes) -> list[list[tuple]]:
    """Per page: every word with its place and font, every rectangle and line drawn."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            words = [
                (w["text"], round(w["x0"], 2), round(w["top"], 2), w["fontname"], round(w["size"], 2))
                for w in page.extract_words(extra_attrs=["fontname", "size"])
            ]
            shapes = [
                (kind, round(s["x0"], 2), round(s["top"], 2), round(s["x1"], 2), round(s["bottom"], 2))
                for kind, found in (("rect", page.rects), ("line", page.lines))
                for s in found
            ]
            pages.append(words + sorted(shapes))
    return pages


def test_a_document_of_every_styled_tag_prints_as_with_weasyprints_own_stylesheet() -> None:
    document = f"<!doctype html><html lang='fr'><head><style>{STYLE}</style></head><body>{BODY}</body></html>"

    ours = words_and_lines(html_to_pdf(document))

    assert ours == words_and_lines(weasyprint.HTML(string=document).write_pdf())
    assert len(ours) >= 2  # and the page numbers, counted over the pages, at the same place


def test_the_sample_uses_the_tags_of_the_printed_templates() -> None:
    outside_the_body = {"html", "head", "meta", "title", "style", "body", "img"}
    assert used_tags(BODY) >= used_tags_in_templates() - outside_the_body


def test_every_tag_of_the_printed_templates_is_styled_as_weasyprint_would() -> None:
    assert used_tags_in_templates() <= STYLED_TAGS


@pytest.mark.parametrize("tag", ["form", "input", "details"])
def test_a_tag_left_out_is_not_claimed_styled(tag: str) -> None:
    assert tag not in STYLED_TAGS


def used_tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-z][a-z0-9]*)", html))


def used_tags_in_templates() -> set[str]:
    return set().union(*(used_tags((ROOT / path).read_text(encoding="utf-8")) for path in PRINTED))


def test_the_documents_are_styled_by_balises_stylesheet_not_weasyprints() -> None:
    """WeasyPrint's hook for its stylesheet (``HTML._ua_stylesheets``) is not public: if an upgrade
    renamed it, the documents would silently be styled by WeasyPrint's own again (right, but
    slower). ``hidden`` is one of the rules left out, so it tells the two apart."""
    document = "<!doctype html><html><body><p hidden>Seen only with Balise's stylesheet</p></body></html>"

    def text(pdf: bytes) -> str:
        with pdfplumber.open(io.BytesIO(pdf)) as printed:
            return printed.pages[0].extract_text()

    assert text(html_to_pdf(document)) == "Seen only with Balise's stylesheet"
    assert text(weasyprint.HTML(string=document).write_pdf()) == ""
