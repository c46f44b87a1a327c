"""/api/import-drafts: the review step for scripts, refused to anyone who does not edit the
municipality, JSON 4xx errors with field paths."""

from __future__ import annotations

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balise.drafts.models import ImportDraft, TemplateMapping
from balise.plans.models import Indicator, Plan
from tests.drafts_support import FIRST, SECOND, unknown_template_docx
from tests.integration.api.conftest import client_of

pytestmark = pytest.mark.django_db

URL = "/api/import-drafts"


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def docx(
    title: str = "Plan stratégique de sécurité et de prévention 2026-2027", plan=FIRST
) -> SimpleUploadedFile:
    return SimpleUploadedFile("pssp-ixelles.docx", unknown_template_docx(title, plan))


def created(client: Client, **fields) -> dict:
    response = client.post(URL, {"file": docx(), **fields})
    assert response.status_code == 201, response.content
    return response.json()


def unit(draft: dict, starts: str) -> str:
    return next(i["id"] for i in draft["items"] if i["text"].startswith(starts))


def patch(client: Client, draft_id: int, body: dict):
    return client.patch(f"{URL}/{draft_id}", body, content_type="application/json")


def test_upload_correct_and_confirm_writes_the_plan_only_at_the_end(as_owner):
    draft = created(as_owner)
    assert draft["municipality"] == "21009" and draft["reading"] == "generic"
    assert draft["outline"]["kind"] == "pssp" and not Plan.objects.exists()
    roles = {
        unit(draft, "Chantier : Sensibiliser"): "operational_objective",
        unit(draft, "Jauge : Nombre de séances"): "indicator",
    }
    response = patch(as_owner, draft["id"], {"revision": draft["revision"], "roles": roles})
    assert response.status_code == 200
    corrected = response.json()
    assert corrected["fates"]["unplaced"] == 0 and corrected["revision"] == draft["revision"] + 1
    assert [m["title"] for m in corrected["outline"]["modules"]] == ["Cambriolage", "Nuisances sociales"]
    assert as_owner.get(f"{URL}/{draft['id']}").json()["items"] == corrected["items"]
    response = as_owner.post(f"{URL}/{draft['id']}/confirm")
    assert response.status_code == 201
    plan = Plan.objects.get(pk=response.json()["plan"]["id"])
    assert (
        Indicator.objects.filter(operational_objective__strategic_objective__module__plan=plan).count() == 4
    )
    assert as_owner.get(f"{URL}/{draft['id']}").status_code == 404


def test_the_next_document_of_the_template_arrives_already_mapped(as_owner):
    draft = created(as_owner)
    roles = {
        unit(draft, "Chantier : Sensibiliser"): "operational_objective",
        unit(draft, "Jauge : Nombre de séances"): "indicator",
    }
    patch(as_owner, draft["id"], {"roles": roles})
    as_owner.post(f"{URL}/{draft['id']}/confirm")
    response = as_owner.post(URL, {"file": docx("Plan stratégique 2028-2029", SECOND)})
    second = response.json()
    assert second["template"] == TemplateMapping.objects.get().name
    assert second["fates"]["unplaced"] == 0 and second["is_plan"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "lettre.txt: 2 Absätze gefunden, aber kein Ziel und kein Indikator; das ist also kein Plan"),
        ("fr", "lettre.txt\u00a0: contenu trouvé\u00a0: 2 paragraphes, mais aucun objectif ni indicateur"),
        ("nl", "lettre.txt: 2 alinea's gevonden, maar geen doelstelling of indicator; dit is dus geen plan"),
    ],
)
def test_a_refusal_through_the_api_speaks_the_accept_language_of_the_request(
    owner: AbstractBaseUser, language: str, message: str
) -> None:
    client = client_of(owner)
    letter = SimpleUploadedFile("lettre.txt", b"Madame,\n\nMerci pour votre courrier.\n")

    response = client.post(URL, {"file": letter}, headers={"Accept-Language": language})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == "file" and error["msg"].startswith(message)
    assert not ImportDraft.objects.exists()


def test_a_file_that_is_not_a_plan_is_refused_with_its_field_path(as_owner):
    letter = SimpleUploadedFile("lettre.txt", b"Madame,\n\nMerci pour votre courrier.\n")
    response = as_owner.post(URL, {"file": letter})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == "file" and "not a plan" in error["msg"]
    assert not ImportDraft.objects.exists()


def test_a_missing_file_an_unknown_municipality_or_kind_are_refused_by_field(as_owner):
    assert as_owner.post(URL, {}).json()["detail"][0]["loc"] == "file"
    response = as_owner.post(URL, {"file": docx(), "municipality": "99999"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "municipality"
    response = as_owner.post(URL, {"file": docx(), "kind": "novel"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "kind"


def test_corrections_naming_unknown_units_or_roles_are_refused_by_field_path(as_owner):
    draft = created(as_owner)
    response = patch(as_owner, draft["id"], {"roles": {"b999": "indicator"}})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "roles.b999"
    response = patch(as_owner, draft["id"], {"roles": {"b3": "boss"}})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"].startswith("roles")
    response = patch(as_owner, draft["id"], {"split": {"unit": "b3", "offset": 0}})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "split.offset"
    assert ImportDraft.objects.get().corrections == {}


def test_a_correction_on_an_outdated_revision_is_a_409(as_owner):
    draft = created(as_owner)
    assert (
        patch(as_owner, draft["id"], {"revision": 1, "roles": {"b3": "operational_objective"}}).status_code
        == 200
    )
    response = patch(as_owner, draft["id"], {"revision": 1, "roles": {"b4": "indicator"}})
    assert response.status_code == 409 and "meanwhile" in response.json()["detail"]


def test_confirming_a_reading_without_objectives_is_a_409_and_nothing_is_written(as_owner):
    draft = created(as_owner)
    everything = {i["id"]: "ignore" for i in draft["items"]}
    patch(as_owner, draft["id"], {"roles": everything})
    response = as_owner.post(f"{URL}/{draft['id']}/confirm")
    assert response.status_code == 409 and not Plan.objects.exists()


def test_delete_forgets_the_draft(as_owner):
    draft = created(as_owner)
    assert as_owner.delete(f"{URL}/{draft['id']}").status_code == 204
    assert not ImportDraft.objects.exists()


def test_another_municipalitys_token_can_neither_see_nor_touch_the_draft(as_owner, as_outsider):
    draft = created(as_owner)
    assert as_outsider.get(URL).json() == []
    assert as_outsider.get(f"{URL}/{draft['id']}").status_code == 403
    assert patch(as_outsider, draft["id"], {"roles": {"b3": "indicator"}}).status_code == 403
    assert as_outsider.post(f"{URL}/{draft['id']}/confirm").status_code == 403
    assert as_outsider.delete(f"{URL}/{draft['id']}").status_code == 403
    assert as_outsider.post(URL, {"file": docx(), "municipality": "21009"}).status_code == 403
    assert ImportDraft.objects.get().corrections == {} and not Plan.objects.exists()


def test_anonymous_and_viewers_are_refused(as_owner, as_colleague, anonymous):
    draft = created(as_owner)
    assert anonymous.get(f"{URL}/{draft['id']}").status_code == 401
    assert anonymous.post(URL, {"file": docx()}).status_code == 401
    assert as_colleague.post(URL, {"file": docx()}).status_code == 403
    assert as_colleague.get(f"{URL}/{draft['id']}").status_code == 403


def test_the_openapi_document_states_bounds_and_response_codes(anonymous):
    paths = anonymous.get("/api/openapi.json").json()["paths"]
    assert set(paths[URL]["post"]["responses"]) >= {"201", "401", "403", "413", "422"}
    assert set(paths[f"{URL}/{{draft_id}}"]["patch"]["responses"]) >= {"200", "403", "404", "409", "422"}
    assert set(paths[f"{URL}/{{draft_id}}"]["delete"]["responses"]) >= {"204", "403", "404"}
    parameter = paths[f"{URL}/{{draft_id}}"]["get"]["parameters"][0]
    assert parameter["schema"]["minimum"] == 1


def test_a_token_of_an_editor_of_two_municipalities_must_name_one(as_owner, owner):
    from balise.accounts.models import Membership
    from balise.accounts.roles import Role
    from tests.factories import organisation

    Membership.objects.create(user=owner, organisation=organisation("21012"), role=Role.MUNICIPALITY_EDITOR)
    draft = client_of(owner).post(URL, {"file": docx(), "municipality": "21012"}).json()
    assert draft["municipality"] == "21012"
