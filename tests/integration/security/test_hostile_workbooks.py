"""Every malformed or hostile workbook is refused with a clear message through every entry
point (the action, `balise import-workbook`, the upload page): no traceback, no 500, nothing
written, no file outside the upload."""

from __future__ import annotations

from pathlib import Path

import pytest

from balise.cli import EXIT_BAD_INPUT, main
from balise.monitoring.models import Evaluation, Measurement
from balise.workbook.apply import import_workbook
from balise.workbook.read import WorkbookRefused
from tests.hostile.workbooks import hostile_workbooks
from tests.integration.workbook.conftest import ind, owner, plan  # noqa: F401

FILES = hostile_workbooks()
NAMES = [name for name, _data in FILES]


def test_the_corpus_has_at_least_forty_files():
    assert len(FILES) >= 40


def _nothing_written():
    assert Measurement.objects.count() == 0 and Evaluation.objects.count() == 0
    assert not Path("/tmp/balise-evil.txt").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data"), FILES, ids=NAMES)
def test_the_action_refuses_each_file_with_a_message(name, data, plan, owner):  # noqa: F811
    with pytest.raises(WorkbookRefused) as refused:
        import_workbook(data, owner, plan=plan)
    assert refused.value.problems and all(str(e).strip() for e in refused.value.problems)
    _nothing_written()


@pytest.mark.django_db
def test_the_command_refuses_each_file_with_exit_2_and_one_line(tmp_path, capsys, plan):  # noqa: F811
    for name, data in FILES:
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["import-workbook", str(path)]) == EXIT_BAD_INPUT, name
        err = capsys.readouterr().err
        assert err.startswith(f"{name}: ") and "Traceback" not in err, (name, err)
    _nothing_written()


@pytest.mark.django_db
def test_the_upload_page_refuses_each_file_with_400_and_the_reason(client, plan, owner):  # noqa: F811
    client.force_login(owner)
    url = f"/plans/{plan.pk}/monitoring/workbook/upload/"
    for name, data in FILES:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = client.post(url, {"workbook": upload})
        assert response.status_code == 400, name
        assert 'class="errors"' in response.content.decode() or "error" in response.content.decode(), name
    _nothing_written()
