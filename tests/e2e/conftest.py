"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser).

Screenshots are kept under artifacts/e2e/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.demo_database import load_demo_copy

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


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the demo data loaded (plan, users, measurements). Each browser test
    starts from the demo as loaded: on SQLite in memory a copy of the process's first load
    (tests/demo_database.py); on PostgreSQL the demo is loaded again."""
    load_demo_copy()
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
