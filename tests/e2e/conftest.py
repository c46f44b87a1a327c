"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser).

Screenshots are kept under artifacts/e2e/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot(page):
    """``shot("name")`` saves a full-page screenshot as artifacts/e2e/name.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# The test database just after the first load of the demo (SQLite in memory only), copied back
# before each later browser test: the same rows, in milliseconds instead of seconds.
_DEMO_SNAPSHOT: list[sqlite3.Connection] = []


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the demo data loaded (plan, users, measurements). Each browser test
    starts from the demo as loaded: on SQLite in memory the database is copied back from the state
    the first load left (SQLite's backup API); on PostgreSQL the demo is loaded again."""
    from django.db import connection

    from balise.demo import load_demo

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        load_demo()
        return live_server
    connection.ensure_connection()
    if _DEMO_SNAPSHOT:
        _DEMO_SNAPSHOT[0].backup(connection.connection)
    else:
        load_demo()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _DEMO_SNAPSHOT.append(snapshot)
    return live_server


def login(page, base_url: str, username: str, password: str = "demo") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def logout(page) -> None:
    page.locator("header form[action$='/logout/'] button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def in_language(page, base: str, language: str) -> None:
    """Shows the site in ``language`` (Django's language cookie) with a longer wait for a page."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.set_default_timeout(60_000)  # the live server shares a busy machine
