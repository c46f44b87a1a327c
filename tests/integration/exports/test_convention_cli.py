"""`balise export PLAN --format docx|pdf [--year] [--lang] [-o FILE]`."""

from __future__ import annotations

import pytest

from balise.cli import main
from tests.integration.exports.convention_support import demo_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo_database, reference):
    return demo_plan()


@pytest.mark.parametrize("format, magic", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_it_writes_the_convention_to_the_file_named(plan, tmp_path, capsys, format, magic):
    out = tmp_path / f"convention.{format}"
    assert main(["export", str(plan.pk), "--format", format, "--year", "2023", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().err


def test_without_a_file_it_names_it_after_the_plan_language_and_year(plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(plan.pk), "--format", "docx", "--lang", "nl", "--year", "2023"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [f"convention-{plan.pk}-nl-2023.docx"]


def test_an_unknown_plan_is_one_clear_error_and_no_file(plan, tmp_path, capsys):
    out = tmp_path / "convention.docx"
    assert main(["export", "999999", "--format", "docx", "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == "balise: error: plan 999999 does not exist"
    assert not out.exists()


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_a_year_without_evaluation_is_one_clear_error_and_no_file(plan, tmp_path, capsys, format):
    out = tmp_path / f"convention.{format}"
    assert main(["export", str(plan.pk), "--format", format, "--year", "2031", "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"balise: error: plan {plan.pk} has no evaluation for 2031"
    assert not out.exists()
