"""The pages each demo role can open, found by following the links of the pages themselves.

From the home page (and a few entry points that a role reaches from its tasks), every link to a
page of the site is followed, breadth first; pages that differ only by their numbers
(``/plans/3/`` and ``/plans/4/``) count as one, so the walk visits one example of each kind of
page a role can open. Files (workbooks, PDFs, charts), the API, the administration, the demo's
own log-in links and the language switch are not pages to walk. Shared by the language test
(Django's test client) and the browser's accessibility walk (which visits the same addresses).
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

# Addresses that are not pages of the walk: files, machine interfaces, other sessions, actions.
SKIP = re.compile(
    r"^/(api|admin|static|media|i18n|demo|accounts/(logout|sso|password/reset)|healthz|readyz|colours\.css)"
    r"|\.(xlsx|csv|pdf|docx|odt|png|svg|json|jsonld|ttl|rdf|xml|zip)$"
    r"|/(chart|report|export|download|file)[^/]*\.[a-z]+$"
)
# Starting points besides the home page: what a role reaches from its tasks and the top bar.
ENTRIES = ("/", "/worklist/", "/finance/", "/regional/", "/dashboards/federal/", "/accounts/preferences/")
# Query strings kept: the ones that choose a year or a filter (a page per year is one pattern).
KEPT_QUERY = re.compile(r"^(year|state|region)=")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def pattern(url: str) -> str:
    """``/plans/{n}/monitoring/evaluation/{n}/``: the kind of page, whatever its numbers."""
    path = urlsplit(url).path
    path = re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27}/", "/{key}/", path)
    return re.sub(r"\d+", "{n}", path)


def links_of(html: str, here: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href, _fragment = urldefrag(href)
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue  # another site
        if not parts.path.startswith("/"):
            if parts.path:
                continue  # relative paths are not written in Balise's pages
            path = urlsplit(here).path  # "?year=2024": this page with another query
        else:
            path = parts.path
        if SKIP.search(path):
            continue
        query = "&".join(q for q in parts.query.split("&") if KEPT_QUERY.match(q))
        found.append(path + (f"?{query}" if query else ""))
    return found


def walk(client: Client, *, limit: int = 60) -> dict[str, str]:
    """``{url: html}`` of the pages the signed-in client can open (status 200, HTML), one per
    pattern, at most ``limit``."""
    seen_patterns: set[str] = set()
    queue = deque(ENTRIES)
    pages: dict[str, str] = {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        key = pattern(url)
        if key in seen_patterns:
            continue
        seen_patterns.add(key)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        queue.extend(links_of(html, url))
    return pages
