"""The import's review step recognises a stored plan in another language and offers to attach
the document as its translation (browser and API); the plan's translation page goes through the
same drafts, read by a worker when large. Refused to other municipalities and to anonymous users."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from balise.domain.interchange import dumps
from balise.domain.outline import PlanOutline
from balise.drafts.models import ImportDraft
from balise.plans.models import Plan
from tests.integration.api.conftest import client_of
from tests.integration.bilingual.translation_documents import version_in
from tests.integration.web.plans_support import draft_plan, people
from tests.jobs import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def plan(reference):
    return draft_plan()


@pytest.fixture
def users(plan):
    return people()


def upload(outline: PlanOutline, name: str = "plan-nl.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, dumps(outline).encode(), content_type="application/json")


def uploaded(client: Client, outline: PlanOutline) -> ImportDraft:
    response = client.post("/plans/import/", {"document": upload(outline)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportDraft.objects.latest("pk")


def test_the_review_of_a_dutch_version_offers_to_attach_it_to_the_french_plan(client, plan, users):
    client.force_login(users.owner)
    document = version_in(plan, "nl")
    draft = uploaded(client, document)
    page = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "Attach as the translation of" in page and escape(plan.title) in page
    assert "Import as a plan of its own" in page
    plans = Plan.objects.count()
    response = client.post(f"/plans/import/{draft.pk}/attach/", {"plan": plan.pk})
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert Plan.objects.get(pk=plan.pk).translations["nl"]["title"] == document.title
    assert Plan.objects.count() == plans
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()


def test_confirming_it_as_an_import_needs_the_user_to_say_it_is_a_plan_of_its_own(client, plan, users):
    client.force_login(users.owner)
    draft = uploaded(client, version_in(plan, "nl"))
    plans = Plan.objects.count()
    refused = client.post(f"/plans/import/{draft.pk}/confirm/")
    assert refused.status_code == 409 and "another language" in refused.content.decode()
    assert Plan.objects.count() == plans
    assert client.post(f"/plans/import/{draft.pk}/confirm/", {"not_a_translation": "on"}).status_code == 302
    assert Plan.objects.count() == plans + 1


def test_a_document_with_another_structure_is_imported_without_an_offer(client, plan, users):
    client.force_login(users.owner)
    document = version_in(plan, "nl")
    document.modules[0].strategic_objectives[0].operational_objectives.pop()
    draft = uploaded(client, document)
    page = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "Attach as the translation of" not in page and "Confirm the import" in page


def test_an_outsider_can_neither_attach_the_owner_s_draft_nor_attach_to_the_owner_s_plan(client, plan, users):
    client.force_login(users.owner)
    draft = uploaded(client, version_in(plan, "nl"))
    client.force_login(users.outsider)
    assert client.post(f"/plans/import/{draft.pk}/attach/", {"plan": plan.pk}).status_code == 403
    own = uploaded(client, version_in(plan, "nl"))
    assert client.get(f"/plans/import/{own.pk}/").status_code == 200
    assert client.post(f"/plans/import/{own.pk}/attach/", {"plan": plan.pk}).status_code == 403
    client.logout()
    anonymous = client.post(f"/plans/import/{draft.pk}/attach/", {"plan": plan.pk})
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    assert Plan.objects.get(pk=plan.pk).translations == {}


def test_the_api_draft_names_the_plan_it_translates_and_attaches_it(plan, users):
    as_owner, as_outsider = client_of(users.owner), client_of(users.outsider)
    document = version_in(plan, "nl")
    created = as_owner.post("/api/import-drafts", {"file": upload(document)})
    assert created.status_code == 201, created.content
    draft = created.json()
    assert [p["id"] for p in draft["translation_of"]] == [plan.pk]
    assert as_owner.post(f"/api/import-drafts/{draft['id']}/confirm").status_code == 409
    url = f"/api/import-drafts/{draft['id']}/attach-translation?plan={plan.pk}"
    assert as_outsider.post(url).status_code == 403
    assert Client().post(url).status_code == 401
    response = as_owner.post(url)
    assert response.status_code == 200, response.content
    assert response.json()["language"] == "nl" and response.json()["texts"] > 10
    assert Plan.objects.get(pk=plan.pk).translations["nl"]["title"] == document.title


def test_the_api_refuses_a_mismatching_document_naming_file_and_place(plan, users):
    as_owner = client_of(users.owner)
    document = version_in(plan, "nl")
    document.modules.pop()
    draft = as_owner.post("/api/import-drafts", {"file": upload(document, "scheef.json")}).json()
    assert draft["translation_of"] == []
    response = as_owner.post(f"/api/import-drafts/{draft['id']}/attach-translation?plan={plan.pk}")
    assert response.status_code == 422
    assert "scheef.json" in response.content.decode() and "module" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).translations == {}


def test_the_translation_page_goes_through_a_draft_read_by_the_worker_when_large(
    client, plan, users, settings
):
    settings.BALISE_IMPORT_BACKGROUND_BYTES = 1000
    client.force_login(users.owner)
    document = version_in(plan, "nl")
    response = client.post(f"/plans/{plan.pk}/translation/", {"document": upload(document)})
    assert response.status_code == 302
    draft = ImportDraft.objects.get(translation_of=plan)
    assert draft.state == ImportDraft.State.READING
    run_jobs()
    page = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "Attach as the translation of" in page and "Confirm the import" not in page
    assert client.post(f"/plans/import/{draft.pk}/attach/", {"plan": plan.pk}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).translations["nl"]["title"] == document.title


def test_an_outsider_cannot_upload_a_translation_of_another_municipality_s_plan(client, plan, users):
    client.force_login(users.outsider)
    response = client.post(f"/plans/{plan.pk}/translation/", {"document": upload(version_in(plan, "nl"))})
    assert response.status_code == 404
    assert not ImportDraft.objects.filter(translation_of=plan).exists()


def test_the_review_page_with_an_offer_runs_a_fixed_number_of_queries(client, plan, users):
    """The six of any review page, and `plan_with_tree`'s for the one plan in another language."""
    client.force_login(users.owner)
    draft = uploaded(client, version_in(plan, "nl"))
    client.get(f"/plans/import/{draft.pk}/")  # session and language warmed up
    with CaptureQueriesContext(connection) as queries:
        assert "Attach as the translation of" in client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert len(queries) == REVIEW_WITH_OFFER


# Six for any review page, eleven for `plan_with_tree` of the one French plan of the municipality
# (a fixed number whatever its size; one such set per plan in force in another language).
REVIEW_WITH_OFFER = 17
