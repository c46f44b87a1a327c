"""The outputs pages: a year's form (figures, narrative, a file, submit), the coordinator's
decision, the files of evidence (bounded, checked, served only to those who handle the outputs),
the coordinator's definitions; each page in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balise.accounts.actors import SYSTEM
from balise.regional import output_actions as act
from balise.regional.models import OutputDefinition, OutputEvidence, OutputReport

from .conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def patrols(world):
    """The zone's bike patrols (2023): two outputs, nothing entered."""
    project = world.projects["zone_2023"]
    act.define_output(project, "patrouilles", SYSTEM, unit="patrouilles", yearly_target=Decimal(200))
    act.define_output(project, "dont de nuit", SYSTEM)
    return project


def _url(world, project, tail: str = "") -> str:
    return f"/regional/{world.regional.pk}/projects/{project.pk}/outputs/{tail}"


def _form(project, **extra) -> dict:
    ids = [d.pk for d in OutputDefinition.objects.filter(project=project)]
    return {
        "revision": 0,
        f"value_{ids[0]}": "212",
        f"value_{ids[1]}": "40",
        "narrative": "Été calme",
        **extra,
    }


def test_the_partner_submits_figures_with_a_file_and_the_coordinator_approves(world, users, patrols):
    partner = client_for(users["partner"])
    upload = SimpleUploadedFile("rapport 2023.pdf", PDF, content_type="application/pdf")
    response = partner.post(_url(world, patrols, "2023/"), _form(patrols, file=upload, action="submit"))
    assert response.status_code == 302
    report = OutputReport.objects.get(project=patrols, year=2023)
    assert report.state == "submitted" and report.narrative == "Été calme"
    item = OutputEvidence.objects.get(report=report)
    assert item.name == "rapport_2023.pdf" and item.size == len(PDF) and "rapport" not in item.path
    page = client_for(users["coordinator"]).get(_url(world, patrols, "2023/")).content.decode()
    assert "Approve the figures" in page and "rapport_2023.pdf" in page
    dashboard = client_for(users["coordinator"]).get(f"/regional/{world.regional.pk}/").content.decode()
    assert 'id="awaiting-approval"' in dashboard and "Patrouilles vélo" in dashboard
    response = client_for(users["coordinator"]).post(
        _url(world, patrols, "2023/review/"), {"action": "approve"}
    )
    assert response.status_code == 302
    assert OutputReport.objects.get(pk=report.pk).state == "approved"
    dashboard = client_for(users["coordinator"]).get(f"/regional/{world.regional.pk}/?from=2023&to=2023")
    assert (
        '<td class="nowrap" id="coverage-reported-total"><strong>1/7</strong>' in dashboard.content.decode()
    )


def test_the_coordinator_returns_figures_with_a_comment_the_partner_sees(world, users, patrols):
    client_for(users["partner"]).post(_url(world, patrols, "2023/"), _form(patrols, action="submit"))
    coordinator = client_for(users["coordinator"])
    empty = coordinator.post(_url(world, patrols, "2023/review/"), {"action": "return", "comment": " "})
    assert empty.status_code == 422
    returned = coordinator.post(
        _url(world, patrols, "2023/review/"), {"action": "return", "comment": "Ajouter les nuits de juillet."}
    )
    assert returned.status_code == 302
    page = client_for(users["partner"]).get(_url(world, patrols, "2023/")).content.decode()
    assert "Ajouter les nuits de juillet." in page and 'id="outputs-form"' in page


def test_a_form_with_a_wrong_figure_keeps_what_was_typed_and_saves_nothing(world, users, patrols):
    response = client_for(users["partner"]).post(
        _url(world, patrols, "2023/"),
        _form(patrols, **{"action": "submit"})
        | {"narrative": "Été"}
        | {f"value_{OutputDefinition.objects.filter(project=patrols).first().pk}": "beaucoup"},
    )
    assert response.status_code == 422
    assert (
        "Enter a number of 0 or more" in response.content.decode() and "beaucoup" in response.content.decode()
    )
    assert not OutputReport.objects.filter(project=patrols).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("outil.exe", b"MZ\x90\x00", "only these kinds of files"),
        ("faux.pdf", b"<html><script>alert(1)</script>", "not the kind of file its name says"),
        ("vide.pdf", b"", "is empty"),
        ("gros.pdf", PDF + b"x" * 2048, "larger than"),
    ],
)
def test_a_file_that_is_not_acceptable_evidence_is_refused_and_nothing_is_kept(
    world, users, patrols, settings, name, content, message
):
    settings.BALISE_EVIDENCE_MAX_BYTES = 1024
    upload = SimpleUploadedFile(name, content)
    response = client_for(users["partner"]).post(
        _url(world, patrols, "2023/"), _form(patrols, file=upload, action="submit")
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert not OutputReport.objects.filter(project=patrols).exists()
    assert not OutputEvidence.objects.exists()
    folder = settings.VAR_DIR / "files" / "evidence"
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def test_evidence_is_served_only_to_those_who_handle_the_projects_outputs(world, users, patrols):
    upload = SimpleUploadedFile("preuve.pdf", PDF)
    client_for(users["partner"]).post(
        _url(world, patrols, "2023/"), _form(patrols, file=upload, action="save")
    )
    item = OutputEvidence.objects.get()
    url = _url(world, patrols, f"2023/files/{item.pk}/")
    own = client_for(users["partner"]).get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert own["Content-Type"] == "application/pdf" and own["Content-Disposition"].startswith("attachment")
    assert client_for(users["coordinator"]).get(url).status_code == 200
    for role, status in {
        "other_partner": 404,
        "outsider": 404,
        "other_coordinator": 404,
        "analyst": 403,
        "municipality": 403,
    }.items():
        assert client_for(users[role]).get(url).status_code == status, role
    assert client_for(None).get(url).status_code == 302
    # Another project's URL for the same file finds nothing.
    elsewhere = (
        f"/regional/{world.regional.pk}/projects/{world.projects['zone'].pk}/outputs/2023/files/{item.pk}/"
    )
    assert client_for(users["partner"]).get(elsewhere).status_code == 404


def test_a_file_can_be_removed_while_the_figures_are_open_only(world, users, patrols, settings):
    partner = client_for(users["partner"])
    partner.post(
        _url(world, patrols, "2023/"), _form(patrols, file=SimpleUploadedFile("a.pdf", PDF), action="save")
    )
    item = OutputEvidence.objects.get()
    assert (
        client_for(users["other_partner"])
        .post(_url(world, patrols, f"2023/files/{item.pk}/remove/"))
        .status_code
        == 404
    )
    revision = OutputReport.objects.get(project=patrols).revision
    partner.post(_url(world, patrols, "2023/"), _form(patrols, revision=revision, action="submit"))
    assert OutputReport.objects.get(project=patrols).state == "submitted"
    assert partner.post(_url(world, patrols, f"2023/files/{item.pk}/remove/")).status_code == 409
    assert OutputEvidence.objects.filter(pk=item.pk).exists()


def test_only_coordinators_define_outputs(world, users, patrols):
    url = _url(world, patrols)
    assert client_for(users["partner"]).get(url).status_code == 403
    assert client_for(users["other_partner"]).get(url).status_code == 404
    coordinator = client_for(users["coordinator"])
    assert (
        coordinator.post(url, {"label": "contrôles", "unit": "vélos", "yearly_target": "1 200"}).status_code
        == 302
    )
    added = OutputDefinition.objects.get(project=patrols, label="contrôles")
    assert (added.unit, added.yearly_target) == ("vélos", Decimal(1200))
    again = coordinator.post(url, {"label": "Contrôles"})
    assert again.status_code == 422 and "already reports" in again.content.decode()
    edit = _url(world, patrols, f"definitions/{added.pk}/")
    assert client_for(users["partner"]).post(edit, {"action": "remove"}).status_code == 403
    assert coordinator.post(edit, {"action": "remove"}).status_code == 302
    assert not OutputDefinition.objects.filter(pk=added.pk).exists()


def _report_years(project, last_year: int, outputs: int) -> None:
    """Run the project until ``last_year``, add ``outputs`` definitions, and approve figures of every
    output (with a file) in each year that has none yet."""
    project.year_end = last_year
    project.save()
    for n in range(outputs):
        act.define_output(project, f"sortie {n}", SYSTEM, yearly_target=Decimal(10))
    ids = [d.pk for d in OutputDefinition.objects.filter(project=project)]
    done = set(OutputReport.objects.filter(project=project).values_list("year", flat=True))
    for year in sorted(set(range(project.year_start, last_year + 1)) - done):
        act.save_outputs(project, year, dict.fromkeys(ids, Decimal(3)), "récit", SYSTEM)
        act.attach_evidence(project, year, SimpleUploadedFile("preuve.pdf", PDF), SYSTEM)
        act.approve_outputs(act.submit_outputs(project, year, SYSTEM), SYSTEM)


@pytest.mark.parametrize(
    ("page", "queries"),
    [("project", 12), ("year", 10), ("definitions", 6)],
)
def test_each_outputs_page_costs_a_fixed_number_of_queries(
    world, users, patrols, django_assert_num_queries, page, queries
):
    urls = {
        "project": f"/regional/{world.regional.pk}/projects/{patrols.pk}/",
        "year": _url(world, patrols, "2023/"),
        "definitions": _url(world, patrols),
    }
    client = client_for(users["coordinator"])
    _report_years(patrols, 2023, outputs=0)
    client.get(urls[page])  # sessions and caches warm
    with django_assert_num_queries(queries):
        assert client.get(urls[page]).status_code == 200
    _report_years(patrols, 2026, outputs=6)  # more years, outputs, figures, files, changes of state
    with django_assert_num_queries(queries):
        assert client.get(urls[page]).status_code == 200
