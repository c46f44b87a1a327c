"""Importing from the browser: every upload opens the review step, nothing is written before
confirming, the review rebuilds the outline as roles are corrected."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balise.accounts.roles import Role
from balise.drafts.models import ImportDraft, TemplateMapping
from balise.plans.models import Indicator, Plan, PlanStatus
from tests.corpus.refusals import letter_docx, scanned_pdf
from tests.corpus.sheets import figures_sheet
from tests.drafts_support import FIRST, unknown_template_docx
from tests.factories import FIXTURES, user_with_role
from tests.integration.web.plans_support import HTMX, in_english, people

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
def var_dir(settings, tmp_path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / "drafts"


@pytest.fixture
def users(reference):
    return people()


@pytest.fixture
def owner(client, users, var_dir):
    in_english(client)
    client.force_login(users.owner)
    return users.owner


def outside_json(name: str = "outside_plan.json", **changes) -> SimpleUploadedFile:
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    data.update(changes)
    return SimpleUploadedFile(name, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def pssp_text() -> SimpleUploadedFile:
    return SimpleUploadedFile("pssp ixelles.txt", PSSP_LIST.encode("utf-8"), content_type="text/plain")


def unknown_docx() -> SimpleUploadedFile:
    data = unknown_template_docx("Plan stratégique de sécurité et de prévention 2026-2027", FIRST)
    return SimpleUploadedFile("pssp-ixelles.docx", data)


def upload(client: Client, document: SimpleUploadedFile) -> ImportDraft:
    response = client.post("/plans/import/", {"document": document})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ImportDraft.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))
    assert response.url == f"/plans/import/{draft.pk}/"
    return draft


def unit_of(html: str, starts: str) -> str:
    """The id of the review row whose text starts with ``starts``."""
    row = html.split(f'<td class="text">{starts}')[0].rsplit('data-unit="', 1)[1]
    return row.split('"')[0]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, var_dir):
    for response in (
        client.get("/plans/import/"),
        client.get("/plans/import/1/"),
        client.post("/plans/import/1/confirm/"),
        client.post("/plans/import/1/correct/", {"unit": "b1", "role": "indicator"}),
        client.post("/plans/import/1/discard/"),
    ):
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_viewer_may_not_import(client, users, var_dir):
    client.force_login(users.colleague)
    assert client.get("/plans/import/").status_code == 403
    assert client.post("/plans/import/", {"document": outside_json()}).status_code == 403
    assert not Plan.objects.exists() and not ImportDraft.objects.exists()


@pytest.mark.django_db
def test_every_upload_opens_the_review_and_nothing_is_written_until_confirmed(client, owner, var_dir):
    assert client.get("/plans/import/").status_code == 200
    draft = upload(client, outside_json())
    html = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "The plan built from it" in html and "outside_plan.json" in html
    assert not Plan.objects.exists()
    assert not var_dir.exists() or list(var_dir.iterdir()) == []  # the file is gone, the blocks kept

    response = client.post(f"/plans/import/{draft.pk}/confirm/")
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert plan.municipality.code == "21009" and plan.source_name == "outside_plan.json"
    assert not ImportDraft.objects.exists()
    assert "Plan imported." in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_known_layout_shows_its_lines_and_their_fates_and_confirms_in_one_click(client, owner, var_dir):
    draft = upload(client, pssp_text())
    html = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "PSSP/SVPP convention written as a numbered list" in html
    assert '<td class="num">11</td><td>Note de bas de page sans rapport</td><td>unplaced</td>' in html
    assert client.post(f"/plans/import/{draft.pk}/confirm/").status_code == 302
    plan = Plan.objects.get()
    assert plan.source_layout == "pssp_list" and plan.status == PlanStatus.DRAFT
    assert plan.modules.get().title.lower() == "cambriolage"


@pytest.mark.django_db
def test_an_unknown_layout_opens_with_its_blocks_and_two_role_changes_rebuild_the_outline(
    client, owner, var_dir
):
    draft = upload(client, unknown_docx())
    html = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "Chantier : Sensibiliser" in html and "0 indicators" in html
    for starts, role in (
        ("Chantier : Sensibiliser", "operational_objective"),
        ("Jauge : Nombre de séances", "indicator"),
    ):
        unit = unit_of(html, starts)
        response = client.post(
            f"/plans/import/{draft.pk}/correct/", {"unit": unit, "role": role, "action": "role"}, **HTMX
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert html.startswith('<div id="review"')  # the partial only
    assert "3 operational objectives, 4 indicators (4 with a target)" in html
    assert not Plan.objects.exists()
    assert client.post(f"/plans/import/{draft.pk}/confirm/").status_code == 302
    plan = Plan.objects.get()
    assert (
        Indicator.objects.filter(operational_objective__strategic_objective__module__plan=plan).count() == 4
    )
    assert TemplateMapping.objects.get().labels == {"Chantier": "operational_objective", "Jauge": "indicator"}


@pytest.mark.django_db
def test_a_correction_without_javascript_redirects_to_the_review(client, owner, var_dir):
    draft = upload(client, unknown_docx())
    html = client.get(f"/plans/import/{draft.pk}/").content.decode()
    unit = unit_of(html, "Jauge : Nombre de séances")
    response = client.post(f"/plans/import/{draft.pk}/correct/", {"unit": unit, "role": "indicator"})
    assert response.status_code == 302 and response.url == f"/plans/import/{draft.pk}/"


@pytest.mark.django_db
def test_a_correction_naming_an_unknown_unit_or_role_is_refused_on_the_page(client, owner, var_dir):
    draft = upload(client, unknown_docx())
    response = client.post(
        f"/plans/import/{draft.pk}/correct/", {"unit": "b999", "role": "indicator"}, **HTMX
    )
    assert response.status_code == 422 and "No such unit in this document." in response.content.decode()
    response = client.post(f"/plans/import/{draft.pk}/correct/", {"unit": "b3", "role": "boss"}, **HTMX)
    assert response.status_code == 422 and "This role cannot be given here." in response.content.decode()
    draft.refresh_from_db()
    assert draft.corrections == {}


@pytest.mark.django_db
def test_cancel_discards_the_draft(client, owner, var_dir):
    draft = upload(client, unknown_docx())
    response = client.post(f"/plans/import/{draft.pk}/discard/")
    assert response.status_code == 302 and response.url == "/plans/import/"
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()
    assert client.get(f"/plans/import/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_an_outsider_can_neither_see_correct_confirm_nor_cancel_the_draft(client, owner, users, var_dir):
    draft = upload(client, unknown_docx())
    other = Client()
    other.force_login(users.outsider)
    assert other.get(f"/plans/import/{draft.pk}/").status_code == 403
    assert (
        other.post(f"/plans/import/{draft.pk}/correct/", {"unit": "b3", "role": "indicator"}).status_code
        == 403
    )
    assert other.post(f"/plans/import/{draft.pk}/confirm/").status_code == 403
    assert other.post(f"/plans/import/{draft.pk}/discard/").status_code == 403
    assert "pssp-ixelles.docx" not in other.get("/plans/import/").content.decode()
    draft.refresh_from_db()
    assert draft.corrections == {} and not Plan.objects.exists()


@pytest.mark.django_db
def test_a_colleague_editing_the_same_municipality_may_finish_the_review(client, owner, var_dir):
    draft = upload(client, outside_json())
    colleague = Client()
    colleague.force_login(user_with_role("owner2", Role.MUNICIPALITY_EDITOR, "21009"))
    assert colleague.get(f"/plans/import/{draft.pk}/").status_code == 200
    assert colleague.post(f"/plans/import/{draft.pk}/confirm/").status_code == 302


@pytest.mark.django_db
def test_an_editor_may_not_import_the_plan_another_municipality_wrote(client, users, var_dir):
    in_english(client)
    client.force_login(users.outsider)  # Molenbeek; the document is Ixelles's plan
    draft = upload(client, outside_json())
    response = client.post(f"/plans/import/{draft.pk}/confirm/")
    assert response.status_code == 409
    assert "you may only import plans of your own municipality" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("document", "message"),
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
def test_a_file_that_is_not_a_plan_gets_one_sentence_on_the_form_never_a_500(
    client, owner, var_dir, document, message
):
    response = client.post("/plans/import/", {"document": document})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists() and not ImportDraft.objects.exists()
    assert not var_dir.exists() or list(var_dir.iterdir()) == []


@pytest.mark.django_db
def test_a_conflicting_plan_offers_to_store_a_new_version(client, owner, var_dir):
    client.post(f"/plans/import/{upload(client, outside_json()).pk}/confirm/")
    changed = outside_json(generator="a second spreadsheet", parties=["La Commune d'Ixelles"])
    draft = upload(client, changed)
    conflict = client.post(f"/plans/import/{draft.pk}/confirm/")
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "already exists" in html and 'name="replace"' in html
    assert "--replace" not in html  # the command line's hint, not the page's
    assert Plan.objects.count() == 1
    response = client.post(f"/plans/import/{draft.pk}/confirm/", {"replace": "on"})
    assert response.status_code == 302
    newest = Plan.objects.get(version=2)
    assert response.url == f"/plans/{newest.pk}/"
    assert Plan.objects.get(version=1).status == PlanStatus.SUPERSEDED


@pytest.mark.django_db
def test_a_plan_kept_in_a_spreadsheet_imports_through_the_generic_recogniser(client, owner, var_dir):
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
    draft = upload(client, SimpleUploadedFile("plan ixelles.xlsx", data.getvalue()))
    html = client.get(f"/plans/import/{draft.pk}/").content.decode()
    assert "generic recogniser" in html and "2 indicators (2 with a target)" in html
    assert client.post(f"/plans/import/{draft.pk}/confirm/").status_code == 302
    plan = Plan.objects.get()
    assert plan.municipality.code == "21009" and plan.source_layout == "generic"


@pytest.mark.django_db
def test_the_review_page_runs_the_same_number_of_queries_whatever_the_documents_size(
    client, owner, var_dir, django_assert_num_queries
):
    small = upload(client, unknown_docx())
    big_plan = {f"{m} {n}": so for n in range(8) for m, so in FIRST.items()}
    big = upload(
        client,
        SimpleUploadedFile("big.docx", unknown_template_docx("Plan stratégique 2026-2027", big_plan)),
    )
    client.get(f"/plans/import/{small.pk}/")  # session and language warmed up
    for draft in (small, big):
        with django_assert_num_queries(QUERIES):
            assert client.get(f"/plans/import/{draft.pk}/").status_code == 200


# Session, user, memberships, the draft with its municipality and template mapping; the
# municipality the document names and its plans in another language (is it their translation?).
QUERIES = 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        (
            "lettre.docx",
            letter_docx,
            "found 11 paragraphs but no objective or indicator, so this is not a plan",
        ),
        ("chiffres.xlsx", figures_sheet, "found 1 table of 30 cells but no objective or indicator"),
        ("scan.pdf", scanned_pdf, "PDF has no text layer (scanned PDF?); run OCR on it first"),
    ],
)
def test_a_document_that_is_not_a_plan_gets_one_sentence_saying_what_was_found_and_nothing_is_written(
    client, owner, var_dir, tmp_path, name, write, message
):
    path = tmp_path / name
    write(path)

    response = client.post("/plans/import/", {"document": SimpleUploadedFile(name, path.read_bytes())})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists() and not ImportDraft.objects.exists()
    assert not var_dir.exists() or list(var_dir.iterdir()) == []


@pytest.mark.django_db
def test_a_refusal_on_the_import_page_speaks_the_dutch_of_the_interface(
    client: Client, owner: AbstractBaseUser, var_dir: Path, tmp_path: Path
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    scanned_pdf(tmp_path / "scan.pdf")
    letter = SimpleUploadedFile("brief.txt", b"Geachte,\n\nDank voor uw brief.\n")

    scan = client.post(
        "/plans/import/", {"document": SimpleUploadedFile("scan.pdf", (tmp_path / "scan.pdf").read_bytes())}
    )
    not_a_plan = client.post("/plans/import/", {"document": letter})

    assert scan.status_code == not_a_plan.status_code == 400
    assert "scan.pdf: de pdf heeft geen tekstlaag (gescande pdf?)" in scan.content.decode()
    assert "brief.txt: 2 alinea" in not_a_plan.content.decode()
    assert "maar geen doelstelling of indicator; dit is dus geen plan" in not_a_plan.content.decode()
    assert "no objective" not in not_a_plan.content.decode()
    assert not ImportDraft.objects.exists()


@pytest.mark.django_db
def test_the_layout_that_read_a_document_is_described_in_the_users_language_never_by_its_code_name(
    client: Client, owner: AbstractBaseUser, var_dir: Path
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    draft = upload(client, pssp_text())

    review = client.get(f"/plans/import/{draft.pk}/").content.decode()
    client.post(f"/plans/import/{draft.pk}/confirm/")
    plan_page = client.get(f"/plans/{Plan.objects.get().pk}/").content.decode()

    for html in (review, plan_page):
        assert "als genummerde lijst" in html
        assert "pssp_list" not in html and "written as a numbered list" not in html


@pytest.mark.django_db
def test_the_review_of_a_large_upload_polls_until_the_worker_has_read_it(client, owner, var_dir, settings):
    from tests.jobs import run_jobs

    settings.BALISE_IMPORT_BACKGROUND_BYTES = 1000
    draft = upload(client, unknown_docx())
    waiting = client.get(f"/plans/import/{draft.pk}/", **HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "is being read" in waiting
    assert client.post(f"/plans/import/{draft.pk}/confirm/").status_code == 409
    run_jobs()
    ready = client.get(f"/plans/import/{draft.pk}/", **HTMX).content.decode()
    assert (
        ready.startswith('<div id="review"')
        and "every 2s" not in ready
        and "Chantier : Sensibiliser" in ready
    )
