"""A translation whose text as written is edited after it was attached stays shown, marked
“may be outdated” for the readers of its language; attaching the translation again clears it."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from balise.plans import editing
from balise.plans.models import Module
from balise.plans.translation import attach_translation
from tests.integration.bilingual.translation_documents import version_in
from tests.integration.web.plans_support import draft_plan, people

pytestmark = pytest.mark.django_db

MARK = '<small class="stale"'


@pytest.fixture
def plan(reference):
    return draft_plan()


@pytest.fixture
def users(plan):
    return people()


def page(client, user, plan, language: str) -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def edit_title(module: Module, title: str, user) -> None:
    editing.update_node("module", module.pk, {"title": title}, module.revision, user)


def test_editing_the_french_title_marks_its_dutch_translation_may_be_outdated(client, plan, users):
    document = version_in(plan, "nl")
    attach_translation(users.owner, plan.pk, document, source_name="plan-nl.json")
    assert MARK not in page(client, users.colleague, plan, "nl")
    module = plan.modules.all()[1]
    edit_title(module, "Cambriolages dans les habitations et les commerces", users.owner)
    dutch = page(client, users.colleague, plan, "nl")
    translated = escape(document.modules[1].title)
    assert f'<span lang="nl">{translated}</span> {MARK}' in dutch
    assert dutch.count(MARK) == 1  # only the edited text
    assert MARK not in page(client, users.colleague, plan, "fr")


def test_attaching_the_translation_again_clears_the_mark(client, plan, users):
    attach_translation(users.owner, plan.pk, version_in(plan, "nl"), source_name="plan-nl.json")
    edit_title(plan.modules.all()[0], "Nuisances publiques", users.owner)
    assert MARK in page(client, users.colleague, plan, "nl")
    attach_translation(users.owner, plan.pk, version_in(plan, "nl"), source_name="plan-nl-v2.json")
    assert MARK not in page(client, users.colleague, plan, "nl")


def test_editing_a_text_back_to_what_was_translated_clears_the_mark(client, plan, users):
    attach_translation(users.owner, plan.pk, version_in(plan, "nl"), source_name="plan-nl.json")
    module = plan.modules.all()[0]
    original = module.title
    edit_title(module, "Autre titre", users.owner)
    module.refresh_from_db()
    edit_title(module, original, users.owner)
    assert MARK not in page(client, users.colleague, plan, "nl")


def test_the_mark_is_translated_in_the_dutch_interface(client, plan, users):
    attach_translation(users.owner, plan.pk, version_in(plan, "nl"), source_name="plan-nl.json")
    edit_title(plan.modules.all()[0], "Nuisances publiques", users.owner)
    assert "mogelijk verouderd" in page(client, users.colleague, plan, "nl")
