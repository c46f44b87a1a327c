"""What every page must be at a laptop's and a phone's width: no sideways scroll of the page
itself (a wide table scrolls in its own box) and no axe-core violation of WCAG 2.1 AA."""

from __future__ import annotations

from tests.e2e.axe import axe_violations

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Beyond the WCAG tags: headings that skip a level, and table headers with no text, which a
# screen reader's user meets as a page with a hole in its outline or an unnamed column.
BEST_PRACTICES = ("heading-order", "empty-table-header")


def overflow(page) -> str | None:
    """What makes the page wider than the window (its outermost too-wide elements that no box of
    their own scrolls or clips), or None when it fits."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            const clipped = e => {
                for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (getComputedStyle(up).overflowX !== "visible") return true;
                }
                return false;
            };
            const wide = [...document.querySelectorAll("body *")].filter(e => {
                const box = e.getBoundingClientRect();
                return box.right > width + 1 && getComputedStyle(e).position !== "fixed" && !clipped(e);
            });
            const outer = wide.filter(e => !wide.includes(e.parentElement)).slice(0, 3);
            const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                + [...e.classList].map(c => "." + c).join("");
            return `${document.documentElement.scrollWidth} px wide: `
                + outer.map(e => `${name(e)} (${Math.round(e.getBoundingClientRect().right)} px)`).join(", ");
        }"""
    )


def problems_at(page, size: dict[str, int]) -> list[str]:
    """The page's horizontal scroll and axe violations once shown at ``size``."""
    page.set_viewport_size(size)
    # Let the page lay itself out again (and balise.js mark the table boxes that now scroll).
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    found = []
    wide = overflow(page)
    if wide:
        found.append(f"horizontal scroll: {wide}")
    found += axe_violations(page, also=BEST_PRACTICES)
    return [f"{size['width']} px: {problem}" for problem in found]


def problems_on_laptop_and_phone(page) -> list[str]:
    """The page at 1366 px then 390 px; the window is left at the laptop's size."""
    found = problems_at(page, LAPTOP) + problems_at(page, PHONE)
    page.set_viewport_size(LAPTOP)
    return found


def assert_fits_and_passes_axe(page) -> None:
    """The page as it is now fits a laptop and a phone and has no axe violation at either size."""
    problems = problems_on_laptop_and_phone(page)
    assert problems == [], f"{page.url}:\n  " + "\n  ".join(problems)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide: {overflow(page)}"
