"""Every page each demo role can open, in French and in Dutch, holds no English word of Balise's
own vocabulary and no value as the database stores it ("partly_met", "on_time").

Balise's English is the words of its own messages (the msgids of its catalogue); a word of them is
a leak on a French page unless French uses it too (the French catalogue's translations) or the
page shows it as content (the demo's plans, the reference lists, the names of organisations). The
pages are those the roles reach by following links (tests/demo_pages.py), not a list kept by hand.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from html import unescape
from importlib import resources
from pathlib import Path

import pytest
from django.test import Client

from balise.demo import DEMO_USERNAMES
from balise.regional import demo as regional_demo
from tests.demo_pages import walk

LOCALE = Path(__file__).resolve().parents[3] / "locale"
WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
RAW = re.compile(r"(?<![\w.])[a-z]+(?:_[a-z]+)+(?![\w.])")
# French typography: a space before ; ! ? and the colon, and inside « » (none is a slip). Times
# (14:05), addresses and ratios have a digit before the colon.
FRENCH_SLIP = re.compile(r"[^\s\u00a0\u202f\d»]([:;!?])(?=\s)|[^\s\u00a0\u202f]»|«[^\s\u00a0\u202f]")


def _po_texts(language: str, field: str) -> list[str]:
    """The msgids (``field="msgid"``) or translations (``"msgstr"``) of Balise's catalogue."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text("utf-8")
    texts, current = [], None
    for line in text.splitlines():
        if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[", "msgctxt ")):
            if current is not None:
                texts.append(current)
            current = None
            keyword = line.split(" ", 1)[0]
            if keyword.startswith(field) and not (field == "msgid" and keyword == "msgctxt"):
                current = _unquote(line.split(" ", 1)[1])
        elif line.startswith('"') and current is not None:
            current += _unquote(line)
    if current is not None:
        texts.append(current)
    return texts


def _unquote(quoted: str) -> str:
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n")


def _words(texts, *, messages: bool = False) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if messages:  # placeholders and tags are not words of the message
            text = re.sub(r"%\([a-z_]+\)[sd]|\{[^}]*\}|<[^>]+>", " ", text)
        found |= {w.lower() for w in WORD.findall(text)}
    return found


@cache
def english() -> frozenset[str]:
    """Words of Balise's messages that no translation uses (the messages quote French and Dutch
    examples: "entre 20 et 40", "Oui/Non")."""
    translated = set().union(
        *(_words(_po_texts(lang, "msgstr"), messages=True) for lang in ("fr", "nl", "de"))
    )
    return frozenset(_words(_po_texts("fr", "msgid"), messages=True) - translated)


@cache
def allowed(language: str) -> frozenset[str]:
    """Words a page in ``language`` may show: its translations, and the content's words."""
    from balise.accounts.models import Organisation
    from balise.reference.models import Phenomenon, Thematic

    words = _words(_po_texts(language, "msgstr"), messages=True)
    data = resources.files("balise.demo").joinpath("data")
    words |= _words(p.read_text("utf-8") for p in data.iterdir() if p.name.endswith((".json", ".csv")))
    words |= _words(_strings_of(regional_demo.__file__))  # the regional demo's projects and partners
    for model in (Organisation, Phenomenon, Thematic):
        for row in model.objects.values_list("name_fr", "name_nl"):
            words |= _words(row)
    # Proper names and codes of the interface itself (the product, the plans' acronyms, roles
    # of people that keep their usual name, the log in form's "e-mail").
    words |= {"balise", "pssp", "pzs", "pgsp", "css", "ibz", "wcag", "api", "xlsx", "csv", "pdf", "docx"}
    return frozenset(words)


def _strings_of(path: str) -> list[str]:
    """The string literals of a Python module (the demo data written as code)."""
    tree = ast.parse(Path(path).read_text("utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def visible_text(html: str) -> str:
    body = html.split("<main", 1)[-1]
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<(code|kbd|samp|textarea)\b.*?</\1>", " ", body, flags=re.S)  # shown as written
    return unescape(re.sub(r"<[^>]+>", " ", body))


def slips(html: str, language: str) -> set[str]:
    """English words and raw values on the page (and, in French, typography slips)."""
    text = visible_text(html)
    found = set()
    for word in WORD.findall(text):
        if word.lower() in english() and word.lower() not in allowed(language):
            found.add(word)
    found |= set(RAW.findall(text))  # a stored value: "partly_met"
    if language == "fr":
        found |= {f"«{m.group(0)}»" for m in FRENCH_SLIP.finditer(text)}
    return found


@pytest.mark.parametrize("language", ["fr", "nl"])  # one test each: xdist runs them side by side
def test_every_page_of_every_demo_role_speaks_the_readers_language(demo_db, language):
    from django.contrib.auth import get_user_model

    found = {}
    for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES):
        client = Client()
        client.cookies["django_language"] = language
        client.force_login(user)
        pages = walk(client)
        assert len(pages) >= 3, f"{user} reaches only {sorted(pages)}"
        found |= {f"{user} {language} {url}": sorted(slips(html, language)) for url, html in pages.items()}
    leaking = [f"{url}: {' '.join(words)}" for url, words in found.items() if words]
    assert not leaking, "\n".join(leaking)


@pytest.mark.django_db
def test_the_check_sees_english_words_raw_values_and_french_typography_slips():
    assert slips("<main><p>Valeurs saved</p></main>", "fr") == {"saved"}
    assert slips("<main><p>Statut partly_met</p></main>", "nl") == {"partly_met"}
    assert slips("<main><p>État: brouillon</p></main>", "fr") == {"«t:»"}
    assert slips("<main><p>État\u00a0: brouillon à 14:05</p></main>", "fr") == set()
    assert slips("<main><p>«brouillon»</p></main>", "fr") == {"««b»", "«n»»"}
