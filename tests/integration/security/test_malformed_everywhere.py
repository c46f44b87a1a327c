"""The whole malformed corpus (source documents, workbooks, interchange documents: empty, binary,
truncated, zip and XML bombs, huge, wrong extension, macro-enabled renamed, hostile JSON) through
every entry point that takes a file: `balise import` (exit 2, one line), the plan import page (the
unreadable files; readable ones become a draft to review) and the workbook upload page (400 with
the reason), the API's plan import (4xx JSON). Nothing is
written, no traceback is shown, and no uploaded file is left behind (the import's own folder,
VAR_DIR/uploads, and Django's temporary upload folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balise.cli import EXIT_BAD_INPUT, main
from balise.drafts.models import ImportDraft
from balise.monitoring.models import Evaluation, Measurement
from balise.plans.models import Plan
from tests.hostile.documents import hostile_documents
from tests.hostile.plan_documents import hostile_plan_documents
from tests.hostile.workbooks import hostile_workbooks
from tests.integration.workbook.conftest import ind, owner, plan  # noqa: F401

CORPUS: list[tuple[str, bytes]] = [
    *hostile_plan_documents(),
    *hostile_workbooks(),
    *((name, text.encode("utf-8", "surrogatepass")) for name, text, _path in hostile_documents()),
]


# The plan import page reads any readable workbook or interchange document into a draft for the
# review step (a table of words may be a plan no reading knows): it must refuse the files that
# cannot be read at all, which are these.
_WORKBOOKS = hostile_workbooks()
_UNREADABLE = [name for name, _data in _WORKBOOKS].index("wrong-format.xlsx")
PAGE_CORPUS = [*hostile_plan_documents(), *_WORKBOOKS[:_UNREADABLE]]


def test_the_corpus_has_every_kind_of_malformed_file_and_at_least_forty():
    names = [name for name, _data in CORPUS]
    assert len(names) >= 40 and len(set(names)) == len(names)
    for kind in ("empty", "binary", "truncated", "bomb", "laughs", "macro", "renamed", "nested"):
        assert any(kind in name for name in names), kind
    assert any(len(data) > 2_500_000 or "bomb" in name for name, data in CORPUS)  # huge


@pytest.fixture
def temporary_uploads(settings, tmp_path) -> Path:
    """Django writes uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to this folder while a request runs."""
    folder = tmp_path / "django-uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def _no_file_left(settings, temporary_uploads: Path) -> None:
    left = [p for p in Path(settings.VAR_DIR).rglob("*") if p.is_file()]
    left += list(temporary_uploads.iterdir())
    assert not left, left


def _plans_before() -> int:
    return Plan.objects.count()


@pytest.mark.django_db
def test_balise_import_refuses_every_file_with_exit_2_and_one_line(tmp_path, capsys, plan):  # noqa: F811
    before = _plans_before()
    for name, data in CORPUS:
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["import", str(path)]) == EXIT_BAD_INPUT, name
        err = capsys.readouterr().err.strip()
        assert f"{name}: " in err and "Traceback" not in err and len(err.splitlines()) == 1, (name, err)
        path.unlink()
    assert Plan.objects.count() == before


@pytest.mark.django_db
def test_the_plan_import_page_refuses_every_file_and_keeps_no_upload(
    client,
    owner,  # noqa: F811
    settings,
    temporary_uploads,
):
    # Every file read during the request (a large one is otherwise kept for a worker to read the
    # same way, in the review's own tests).
    settings.BALISE_IMPORT_BACKGROUND_BYTES = 10**9
    client.force_login(owner)
    for name, data in PAGE_CORPUS:
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = client.post("/plans/import/", {"document": upload})
        html = response.content.decode()
        assert response.status_code == 400, (name, response.status_code)
        assert 'role="alert"' in html, name  # the reason, beside the field or above the form
        assert "Traceback" not in html, name
        _no_file_left(settings, temporary_uploads)
    assert Plan.objects.count() == 0 and ImportDraft.objects.count() == 0


@pytest.mark.django_db
def test_the_workbook_upload_page_refuses_every_file_and_keeps_no_upload(
    client,
    plan,  # noqa: F811
    owner,  # noqa: F811
    settings,
    temporary_uploads,
):
    client.force_login(owner)
    url = f"/plans/{plan.pk}/monitoring/workbook/upload/"
    for name, data in CORPUS:
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = client.post(url, {"workbook": upload})
        assert response.status_code == 400, (name, response.status_code)
        assert "Traceback" not in response.content.decode(), name
        _no_file_left(settings, temporary_uploads)
    assert Measurement.objects.count() == 0 and Evaluation.objects.count() == 0


@pytest.mark.django_db
def test_the_api_plan_import_refuses_every_file_with_a_json_4xx(client, owner):  # noqa: F811
    client.force_login(owner)
    for name, data in CORPUS:
        response = client.post("/api/plans", data, content_type="application/json")
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert response["Content-Type"].startswith("application/json"), name
        assert "detail" in response.json(), name
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_the_api_import_draft_upload_refuses_every_file_with_a_json_4xx_and_keeps_no_upload(
    client,
    owner,  # noqa: F811
    settings,
    temporary_uploads,
):
    settings.BALISE_IMPORT_BACKGROUND_BYTES = 10**9  # read during the request, as on the page
    client.force_login(owner)
    for name, data in PAGE_CORPUS:
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = client.post("/api/import-drafts", {"file": upload})
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert response["Content-Type"].startswith("application/json"), name
        body = response.json()
        assert body["detail"] and "Traceback" not in response.content.decode(), name
        _no_file_left(settings, temporary_uploads)
    assert Plan.objects.count() == 0 and ImportDraft.objects.count() == 0


@pytest.mark.django_db
def test_balise_restore_refuses_every_file_with_exit_2_and_one_line_writing_nothing(
    tmp_path,
    capsys,
    settings,
):
    # The operators' entry point that takes a file: `balise restore` into an empty database.
    for name, data in CORPUS:
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["restore", str(path)]) == EXIT_BAD_INPUT, name
        err = capsys.readouterr().err.strip()
        assert name in err and "Traceback" not in err and len(err.splitlines()) == 1, (name, err)
        path.unlink()
    assert Plan.objects.count() == 0 and ImportDraft.objects.count() == 0
    assert not [p for p in Path(settings.VAR_DIR).rglob("*") if p.is_file()]
