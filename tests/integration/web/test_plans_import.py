from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balise.accounts.roles import Role
from balise.plans.models import Plan, PlanStatus
from tests.factories import FIXTURES, user_with_role
from tests.integration.web.plans_support import in_english, people

# A small plan of Ixelles in the PSSP numbered-list layout, with one line that fits nowhere.
PSSP_LIST = """Plan stratégique de sécurité et de prévention

IXELLES : PSSP Ixelles

periode : 01-01-2026 - 31-12-2027

1. CAMBRIOLAGE

1.1. Objectifs généraux

Note de bas de page sans rapport

1.1.1. Réduire le nombre de cambriolages dans les habitations

1.2. Objectifs stratégiques

1.2.1. Agir sur les circonstances et l'environnement criminogènes

Objectifs opérationnels

- Sensibiliser les habitants à la sécurisation de leur logement

Résultats

- Des séances d'information sont organisées

Indicateurs

- Nombre de séances d'information : ≥ 6/an
- Nombre de visites techno-préventives : ≥ 40 /an
"""


@pytest.fixture
def uploads_dir(settings, tmp_path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads"


@pytest.fixture
def users(reference):
    return people()


@pytest.fixture
def owner(client, users, uploads_dir):
    in_english(client)
    client.force_login(users.owner)
    return users.owner


def outside_json(name: str = "outside_plan.json", **changes) -> SimpleUploadedFile:
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    data.update(changes)
    return SimpleUploadedFile(name, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def pssp_text() -> SimpleUploadedFile:
    return SimpleUploadedFile("pssp ixelles.txt", PSSP_LIST.encode("utf-8"), content_type="text/plain")


def token_of(html: str) -> str:
    return html.split('name="token" value="')[1].split('"')[0]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, uploads_dir):
    for response in (client.get("/plans/import/"), client.post("/plans/import/confirm/", {"token": "x"})):
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_viewer_may_not_import(client, users, uploads_dir):
    client.force_login(users.colleague)
    assert client.get("/plans/import/").status_code == 403
    assert client.post("/plans/import/", {"document": outside_json()}).status_code == 403
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_the_report_shows_what_was_found_without_writing_anything_then_confirm_imports(
    client, owner, uploads_dir
):
    assert client.get("/plans/import/").status_code == 200
    report = client.post("/plans/import/", {"document": outside_json()})
    assert report.status_code == 200
    html = report.content.decode()
    assert "<strong>json</strong>" in html and "Every line of the document was placed." in html
    assert '<th>Indicators</th><td class="num">4</td>' in html
    assert '<th>Strategic objectives</th><td class="num">2</td>' in html
    assert not Plan.objects.exists()
    [folder] = list(uploads_dir.iterdir())
    assert folder.name == token_of(html)

    response = client.post("/plans/import/confirm/", {"token": token_of(html)})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert plan.municipality.code == "21009" and plan.source_name == "outside_plan.json"
    assert list(uploads_dir.iterdir()) == []  # the upload is deleted once imported
    assert "Plan imported." in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_text_in_the_pssp_list_layout_reports_its_unplaced_lines(client, owner, uploads_dir):
    report = client.post("/plans/import/", {"document": pssp_text()})
    assert report.status_code == 200
    html = report.content.decode()
    assert "<strong>pssp_list</strong>" in html
    assert '<td class="num">11</td><td>Note de bas de page sans rapport</td>' in html
    assert "text outside any list" in html  # the reason
    assert not Plan.objects.exists()
    assert client.post("/plans/import/confirm/", {"token": token_of(html)}).status_code == 302
    plan = Plan.objects.get()
    assert plan.source_layout == "pssp_list" and plan.status == PlanStatus.DRAFT
    assert plan.modules.get().title.lower() == "cambriolage"


@pytest.mark.django_db
def test_strict_refuses_a_document_with_unplaced_lines(client, owner, uploads_dir):
    response = client.post("/plans/import/", {"document": pssp_text(), "strict": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 line(s) could not be placed" in html
    assert "Note de bas de page sans rapport" in html  # the report still says which
    assert 'name="token"' not in html  # nothing to confirm
    assert not Plan.objects.exists() and list(uploads_dir.iterdir()) == []


@pytest.mark.django_db
def test_an_editor_may_not_import_the_plan_of_another_municipality(client, users, uploads_dir):
    in_english(client)
    client.force_login(users.outsider)  # Molenbeek; the document is Ixelles's plan
    response = client.post("/plans/import/", {"document": outside_json()})
    assert response.status_code == 400
    assert "you may only import plans of your own municipality" in response.content.decode()
    assert not Plan.objects.exists() and list(uploads_dir.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
            "Choose a .txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json file.",
        ),
        (SimpleUploadedFile("vide.txt", b""), "The submitted file is empty."),
        (SimpleUploadedFile("notes.txt", b"Courses : pain, lait\n"), "so this is not a plan"),
        (SimpleUploadedFile("cassé.json", b'{"format": "balise.plan/1", '), "not valid JSON"),
        (SimpleUploadedFile("faux.docx", b"PK\x03\x04 not really a zip"), "The document cannot be imported"),
    ],
)
def test_unreadable_documents_are_reported_on_the_form_never_a_500(
    client, owner, uploads_dir, upload, message
):
    response = client.post("/plans/import/", {"document": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()
    assert not uploads_dir.exists() or list(uploads_dir.iterdir()) == []


@pytest.mark.django_db
def test_a_conflicting_plan_offers_to_store_a_new_version(client, owner, uploads_dir):
    first = client.post("/plans/import/", {"document": outside_json()}).content.decode()
    client.post("/plans/import/confirm/", {"token": token_of(first)})
    changed = outside_json(generator="a second spreadsheet", parties=["La Commune d'Ixelles"])
    report = client.post("/plans/import/", {"document": changed}).content.decode()
    conflict = client.post("/plans/import/confirm/", {"token": token_of(report)})
    assert conflict.status_code == 400
    html = conflict.content.decode()
    assert "already exists" in html and 'name="replace"' in html
    assert Plan.objects.count() == 1
    response = client.post("/plans/import/confirm/", {"token": token_of(html), "replace": "on"})
    assert response.status_code == 302
    newest = Plan.objects.get(version=2)
    assert response.url == f"/plans/{newest.pk}/"
    assert Plan.objects.get(version=1).status == PlanStatus.SUPERSEDED


@pytest.mark.django_db
def test_an_unknown_or_foreign_upload_token_cannot_be_confirmed(client, owner, uploads_dir):
    report = client.post("/plans/import/", {"document": outside_json()}).content.decode()
    token = token_of(report)
    other = Client()
    other.force_login(user_with_role("owner2", Role.MUNICIPALITY_EDITOR, "21009"))
    assert other.post("/plans/import/confirm/", {"token": token}).status_code == 400
    assert client.post("/plans/import/confirm/", {"token": "../../etc"}).status_code == 400
    assert not Plan.objects.exists()
    assert (uploads_dir / token).is_dir()  # still the owner's to confirm


@pytest.mark.django_db
def test_a_plan_kept_in_a_spreadsheet_imports_through_the_generic_recogniser(client, owner, uploads_dir):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["Plan stratégique de sécurité et de prévention 2020-2025"],
        ["Commune d'Ixelles"],
        ["Phénomène", "Objectif stratégique", "Objectif opérationnel", "Indicateur", "Cible"],
        ["Cambriolage", "Réduire les cambriolages", "Sensibiliser les habitants", "Séances", "≥ 10/an"],
        ["Cambriolage", "Réduire les cambriolages", "Sensibiliser les habitants", "Brochures", "≥ 500/an"],
    ):
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("plan ixelles.xlsx", data.getvalue())

    html = client.post("/plans/import/", {"document": upload}).content.decode()

    assert "<strong>generic</strong>" in html
    assert '<th>Indicators</th><td class="num">2</td>' in html
    assert client.post("/plans/import/confirm/", {"token": token_of(html)}).status_code == 302
    plan = Plan.objects.get()
    assert plan.municipality.code == "21009" and plan.source_layout == "generic"
