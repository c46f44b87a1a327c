"""Pages carry a strict Content-Security-Policy and a Permissions-Policy; production settings
refuse to start without their own secret key, pass `check --deploy`, and log errors as JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from balise.monitoring.models import ColourCode

ROOT = Path(__file__).resolve().parents[3]
# Documents WeasyPrint turns into PDF: never served as HTML, so their <style> is theirs.
PDF_TEMPLATES = {
    "exports/report/templates/report/annual.html",
    "exports/templates/exports/convention.html",
    "exports/templates/exports/_convention_table.html",
    "finance/templates/finance/report_pdf.html",
    "regional/templates/regional/report_document.html",
}
INLINE = re.compile(
    r"<style|\sstyle=|<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")|\son[a-z]+=|hx-on|javascript:"
)


def test_no_served_template_has_inline_script_style_or_event_handler():
    offenders = []
    for path in sorted((ROOT / "balise").rglob("templates/**/*.html")):
        name = str(path.relative_to(ROOT / "balise"))
        if name in PDF_TEMPLATES:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if INLINE.search(line):
                offenders.append(f"{name}:{n}: {line.strip()[:80]}")
    assert offenders == []


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_a_permissions_policy(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


@pytest.mark.django_db
def test_the_colour_scale_is_a_stylesheet_that_carries_only_colours(client):
    ColourCode.objects.create(code="teal", label_fr="sarcelle", label_nl="blauwgroen", hex="#008080")
    # a hostile value within the column's 7 characters
    ColourCode.objects.create(code="evil", label_fr="x", label_nl="x", hex="0}*{b:0")
    response = client.get("/colours.css")
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert ".colour-teal { --c: #008080; --ink: #fff; }" in css
    assert "evil" not in css and "*{" not in css


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no part of a production environment.
    leaked = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leaked}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


STRONG_KEY = "x7Gk2pQ9vL4mN8rT1wY6zA3bC5dE0fH2jK4lM6nP8qR0sT2uV4wX6yZ8aB0cD2eF4"


@pytest.mark.parametrize("key", ["", settings.DEVELOPMENT_SECRET_KEY])
def test_production_refuses_to_start_without_its_own_secret_key(key):
    done = _run("import django; django.setup()", SECRET_KEY=key)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Balise does not start in production without its "
        "own secret key: set the SECRET_KEY environment variable to a long random value (not the "
        "development key)."
    )


def test_check_deploy_with_production_settings_reports_nothing():
    done = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        SECRET_KEY=STRONG_KEY,
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_errors_reach_stderr_as_json_with_their_traceback_and_the_admins_by_e_mail():
    done = _run(
        "import django, logging; django.setup()\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('django.request').error('Internal Server Error: /x', exc_info=True)\n",
        SECRET_KEY=STRONG_KEY,
        ADMINS="ops@example.org",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    records = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    (error,) = [r for r in records if r["logger"] == "django.request"]
    assert error["level"] == "ERROR" and error["message"] == "Internal Server Error: /x"
    assert "ZeroDivisionError: division by zero" in error["exc_info"]
    assert "To: ops@example.org" in done.stdout and "Internal Server Error: /x" in done.stdout
