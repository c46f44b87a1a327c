"""HTML printed to PDF by WeasyPrint, with a user-agent stylesheet cut to what documents use.

WeasyPrint styles every element with its HTML5 user-agent stylesheet before the document's own.
Several of its rules are tried on every element, whatever its tag (``::marker``, the footnote and
note pseudo-elements, ``[dir]``, ``[hidden]``, ``:link``), and a pseudo-element rule gives every
element a second computed style: measured, the styles took a quarter of the regional report's
CPU time at 5 000 projects. `USER_AGENT_CSS` keeps the same rules for the elements Balise's
documents are made of (plus the common ones they may come to use), each selector keyed by its
tag, and leaves out forms, footnotes, notes, ``dir`` and ``hidden``, which no document uses.
The pages are the same (tests/unit/test_printing.py compares every word's place with
WeasyPrint's own stylesheet); the tags of the printed templates are checked against
`STYLED_TAGS`.
"""

from __future__ import annotations

from typing import Any

from weasyprint import CSS, HTML

from balise.heap import long_lived_objects_frozen

# WeasyPrint's html5_ua.css (v70), minus the rules above; same values, same order of origin.
USER_AGENT_CSS = r"""
head, meta, script, style, title, link, base, template { display: none }
address, article, aside, blockquote, body, dd, div, dl, dt, figcaption, figure, footer, h1, h2, h3,
h4, h5, h6, header, hr, html, main, nav, ol, p, pre, section, ul { display: block }
li { display: list-item }
table { display: table }
caption { display: table-caption }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group }
tbody { display: table-row-group }
tfoot { display: table-footer-group }
tr { display: table-row }
td, th { display: table-cell }

blockquote, dl, figure, ol, p, pre, ul { margin-top: 1em; margin-bottom: 1em }
ol ol, ol ul, ul ol, ul ul, ol dl, ul dl, dl ol, dl ul, dl dl { margin-top: 0; margin-bottom: 0 }
body { margin: 8px }
h1 { margin-top: .67em; margin-bottom: .67em }
h2 { margin-top: .83em; margin-bottom: .83em }
h3 { margin-top: 1em; margin-bottom: 1em }
h4 { margin-top: 1.33em; margin-bottom: 1.33em }
h5 { margin-top: 1.67em; margin-bottom: 1.67em }
h6 { margin-top: 2.33em; margin-bottom: 2.33em }
blockquote, figure { margin-left: 40px; margin-right: 40px }
dd { margin-left: 40px }
ol, ul { padding-left: 40px }
table { border-spacing: 2px; border-collapse: separate }
td, th { padding: 1px }

thead, tbody, tfoot { vertical-align: middle }
table > tr { vertical-align: middle }
tr, td, th { vertical-align: inherit }
sub { vertical-align: sub }
sup { vertical-align: super }

html { color-scheme: light }
address, cite, dfn, em, i, var { font-style: italic }
b, strong, th { font-weight: bold }
code, kbd, pre, samp, tt { font-family: monospace }
h1 { font-size: 2em; font-weight: bold }
h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold }
h4 { font-size: 1em; font-weight: bold }
h5 { font-size: .83em; font-weight: bold }
h6 { font-size: .67em; font-weight: bold }
big { font-size: larger }
small, sub, sup { font-size: smaller }
sub, sup { line-height: normal }
a:link { color: blue }
mark { background: yellow; color: black }
table, td, th { border-color: gray }
thead, tbody, tfoot, tr { border-color: inherit }

a:link, a:visited, ins, u { text-decoration: underline }
abbr[title], acronym[title] { text-decoration: dotted underline }
del, s, strike { text-decoration: line-through }
q::before { content: open-quote }
q::after { content: close-quote }
br::before { content: "\A"; white-space: pre-line }
wbr::before { content: "\200B" }
nobr { white-space: nowrap }
hr { border-style: inset; border-width: 1px; color: gray; margin: .5em auto }
pre { white-space: pre }
ol { list-style-type: decimal }
ul { list-style-type: disc }
ol ul, ul ul { list-style-type: circle }
ol ol ul, ol ul ul, ul ol ul, ul ul ul { list-style-type: square }
li::marker { font-variant-numeric: tabular-nums; white-space: pre; text-transform: none }
table { text-indent: initial }
img, svg { overflow: hidden }
table { box-sizing: border-box }

ol, ul { counter-reset: list-item }
h1 { bookmark-level: 1 }
h2 { bookmark-level: 2 }
h3 { bookmark-level: 3 }
h4 { bookmark-level: 4 }
h5 { bookmark-level: 5 }
h6 { bookmark-level: 6 }
h1, h2, h3, h4, h5, h6 { bookmark-label: content(text) }
h1, h2, h3, h4, h5, h6 { hyphens: manual; break-after: avoid; break-inside: avoid }
ol, ul { break-before: avoid }

@page {
  margin: 75px;
  @top-left-corner     { text-align: right;  vertical-align: middle }
  @top-left            { text-align: left;   vertical-align: middle }
  @top-center          { text-align: center; vertical-align: middle }
  @top-right           { text-align: right;  vertical-align: middle }
  @top-right-corner    { text-align: left;   vertical-align: middle }
  @left-top            { text-align: center; vertical-align: top    }
  @left-middle         { text-align: center; vertical-align: middle }
  @left-bottom         { text-align: center; vertical-align: bottom }
  @right-top           { text-align: center; vertical-align: top    }
  @right-middle        { text-align: center; vertical-align: middle }
  @right-bottom        { text-align: center; vertical-align: bottom }
  @bottom-left-corner  { text-align: right;  vertical-align: middle }
  @bottom-left         { text-align: left;   vertical-align: middle }
  @bottom-center       { text-align: center; vertical-align: middle }
  @bottom-right        { text-align: right;  vertical-align: middle }
  @bottom-right-corner { text-align: left;   vertical-align: middle }
}
"""

# Every tag a rule above names: a printed template may use these and no other.
STYLED_TAGS = frozenset(
    "a abbr acronym address article aside b base big blockquote body br caption cite code col "
    "colgroup dd del dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 head header hr "
    "html i img ins kbd li link main mark meta nav nobr ol p pre q s samp script section small "
    "span strike strong style sub sup svg table tbody td template tfoot th thead title tr tt u ul "
    "var wbr".split()
)

# Parsed once per process (WeasyPrint parses its own stylesheet once, at import).
_USER_AGENT = CSS(string=USER_AGENT_CSS)


class _Printed(HTML):
    """WeasyPrint's HTML document with `USER_AGENT_CSS` in place of its own stylesheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [_USER_AGENT]


def html_to_pdf(document: str, url_fetcher: Any = None) -> bytes:
    """The PDF of the HTML ``document`` (``url_fetcher``: WeasyPrint's, for its resources).

    The old heap is frozen while WeasyPrint lays the boxes out (see `balise.heap`)."""
    with long_lived_objects_frozen():
        return _Printed(string=document, url_fetcher=url_fetcher).write_pdf()
