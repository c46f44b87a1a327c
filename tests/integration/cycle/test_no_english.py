"""The cycle's pages in French and Dutch hold no English word and no raw enum value (a state,
a status or a report timeliness as stored), whoever reads them and whatever the year's state."""

from __future__ import annotations

import re
from html import unescape

import pytest

from balise.finance.models import ReportDeadline
from balise.monitoring.workflow import evaluation_for, return_to_municipality, submit
from balise.plans.versioning import amend_plan
from tests.integration.monitoring_web.conftest import YEAR

# Words a French or Dutch page never needs (English), and values as the database stores them.
ENGLISH = {
    "the",
    "and",
    "without",
    "with",
    "year",
    "years",
    "indicators",
    "save",
    "saved",
    "submit",
    "worklist",
    "completeness",
    "nationally",
    "returned",
    "draft",
    "submitted",
    "analysed",
    "closed",
    "missing",
    "late",
    "deadline",
    "report",
    "reports",
    "assessed",
}
RAW = {"on_time", "to_do", "partly_met", "not_met", "no_data", "strategic_objective"}


def visible_words(html: str) -> set[str]:
    body = html.split("<main", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return set(re.findall(r"[A-Za-z_]+", text))


def leaks(html: str) -> set[str]:
    words = visible_words(html)
    return {w for w in words if w.lower() in ENGLISH or w in RAW}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_cycles_pages_speak_the_readers_language(client, plan, owner, evaluator, analyst, language):
    client.cookies["django_language"] = language
    ReportDeadline.objects.create(
        plan=plan, lineage=plan.lineage, year=YEAR, kind="activity", due_on="2025-03-31"
    )
    evaluation = submit(evaluation_for(plan, YEAR), evaluator)
    return_to_municipality(evaluation, analyst, "Il manque des valeurs.")
    submit(evaluation, evaluator)
    amend_plan(plan, owner)
    base = f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/"
    pages = {
        owner: ["/", f"/plans/{plan.pk}/", base],
        analyst: ["/worklist/", f"/worklist/?year={YEAR}", base],
    }
    found = {}
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            found[url] = leaks(response.content.decode())
    client.force_login(analyst)
    confirm = client.post(base + "state/", {"action": "analyse"}).content.decode()
    found["confirm analyse"] = leaks(confirm)
    assert {url: words for url, words in found.items() if words} == {}


@pytest.mark.django_db
def test_the_check_sees_english_and_raw_values_when_they_are_there(client, analyst):
    client.cookies["django_language"] = "en"
    client.force_login(analyst)
    assert {"Worklist", "Completeness"} <= leaks(client.get("/worklist/").content.decode())
    assert leaks("<main><p>État : on_time</p></main>") == {"on_time"}
