"""axe-core run in the page by the browser tests: the WCAG 2.0/2.1 A and AA rules.

The script is evaluated through the DevTools protocol, which the page's strict CSP does not
apply to (no inline script is added to the page)."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, also: tuple[str, ...] = ()) -> list[str]:
    """``["rule-id: help (n nodes: selector…)", …]`` for every violation on the page, by the rules
    of the WCAG tags and the rules named in ``also`` (axe's best practices, e.g. "heading-order")."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "([tags, also]) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " rules: Object.fromEntries(also.map(id => [id, {enabled: true}]))}).then(r => r.violations"
        ".map(v => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ')).join(', ')})`))",
        [TAGS, list(also)],
    )
    return list(found)
