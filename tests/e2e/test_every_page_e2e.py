"""Every page each demo role reaches, on a laptop (1366 px) and a phone (390 px): the page never
scrolls sideways (a wide table scrolls in its own box) and axe-core finds no WCAG 2.1 AA violation.

The pages are found as a person finds them: from the home page, following the same-origin links of
the navigation and of each page reached (breadth first, bounded), never a download, the logout,
a form's POST, the admin site (Django's, not ours) or the API's generated documentation. Pages that
differ only by an id are the same template: a few of each are visited, not all.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.e2e.checks import LAPTOP, problems_on_laptop_and_phone
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

MOST_PAGES = 45  # per role, once the navigation and the pages it leads to are in
SAME_TEMPLATE = 2  # pages whose paths differ only by their ids
SKIPPED_PATHS = re.compile(
    r"^/(admin|api|static|media|accounts/logout|demo/.+|healthz|readyz)(/|$)"
    r"|\.(xlsx|xls|csv|ods|odt|pdf|docx|json|jsonld|ttl|zip|png|svg|txt)$"
    r"|/(export|download)(/|\.|$)|/workbook/$"
)
SKIPPED_QUERIES = re.compile(r"(^|&)(format|download|export)=")

ROLES = ["editeur", "lecteur", "evaluateur", "molenbeek", "analyste", "coordinateur", "partenaire", "admin"]


def template_of(path: str) -> str:
    return re.sub(r"\d+", "#", path)


def links_on(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        if SKIPPED_PATHS.search(parts.path) or SKIPPED_QUERIES.search(parts.query):
            continue
        found.append(url)
    return found


def walk(page, base: str, start: list[str]) -> dict[str, list[str]]:
    """Every page reached from ``start``, with what is wrong with it (nothing, for most)."""
    queue = [base + path for path in start]
    seen: set[str] = set()
    templates: Counter[str] = Counter()
    report: dict[str, list[str]] = {}
    while queue and len(report) < MOST_PAGES:
        url = queue.pop(0)
        path = url[len(base) :]
        key = urlsplit(path).path
        if url in seen or templates[template_of(key)] >= SAME_TEMPLATE:
            continue
        seen.add(url)
        page.set_viewport_size(LAPTOP)
        try:
            response = page.goto(url)
        except Exception as error:  # a link that turned out to be a download
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        templates[template_of(key)] += 1
        problems = [] if response.ok else [f"answered {response.status}"]
        if response.ok:
            problems += problems_on_laptop_and_phone(page)
        report[path] = problems
        queue += [link for link in links_on(page, base) if link not in seen]
    return report


def assert_every_page_fits_and_passes_axe(report: dict[str, list[str]]) -> None:
    failing = {path: problems for path, problems in report.items() if problems}
    lines = [f"{path}\n    " + "\n    ".join(problems) for path, problems in failing.items()]
    assert not failing, f"{len(failing)} of {len(report)} pages:\n" + "\n".join(lines)


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_a_role_fits_a_phone_and_a_laptop_and_passes_axe(demo_site, page, username):
    base = demo_site.url
    login(page, base, username)
    report = walk(page, base, ["/"])
    assert len(report) > 3, f"only {sorted(report)} reached as {username}"
    assert_every_page_fits_and_passes_axe(report)


def test_every_page_before_logging_in_fits_a_phone_and_a_laptop_and_passes_axe(demo_site, page, settings):
    settings.BALISE_DEMO = True  # the demo's role picker, as `make demo` serves it
    report = walk(
        page, demo_site.url, ["/accounts/login/", "/demo/", "/accessibility/", "/guide/", "/public/fr/"]
    )
    assert_every_page_fits_and_passes_axe(report)
