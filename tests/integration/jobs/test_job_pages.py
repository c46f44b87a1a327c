"""A job as its user follows it: waiting, running with its progress, done with the file, or failed
with the reason and a button to try again; only readers of its plan see any of it."""

from __future__ import annotations

import pytest

from balise.exports.report.data import ReportError
from balise.jobs.models import Job
from tests.jobs import run_jobs

pytestmark = pytest.mark.django_db

REPORT = {"year": 2023, "format": "pdf", "lang": "fr"}


def start_report(client, plan) -> str:
    response = client.post(f"/plans/{plan.pk}/report/", REPORT)
    assert response.status_code == 302
    return response["Location"]


def test_asking_for_a_report_answers_at_once_with_a_page_that_follows_the_job(demo_plan, client_of):
    client = client_of("editeur")
    job_url = start_report(client, demo_plan)
    job = Job.objects.get()
    assert job_url == f"/jobs/{job.pk}/" and job.state == Job.State.QUEUED and not job.file
    page = client.get(job_url).content.decode()
    assert (
        "Waiting for a worker" in page
        and f'hx-get="/jobs/{job.pk}/"' in page
        and 'hx-trigger="every 1s"' in page
    )
    fragment = client.get(job_url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<section id="job-status"') and "<html" not in fragment


def test_a_running_job_shows_its_progress(demo_plan, client_of):
    client = client_of("editeur")
    job_url = start_report(client, demo_plan)
    Job.objects.update(state=Job.State.RUNNING, progress=40)
    page = client.get(job_url).content.decode()
    assert '<progress max="100" value="40">' in page and "Working on it" in page


def test_a_finished_job_offers_its_file_and_stops_polling(demo_plan, client_of):
    client = client_of("lecteur")
    job_url = start_report(client, demo_plan)
    run_jobs()
    page = client.get(job_url).content.decode()
    assert "hx-get" not in page and f'href="/jobs/{Job.objects.get().pk}/file"' in page
    response = client.get(job_url + "file")
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")


def test_a_failed_job_says_why_and_succeeds_when_tried_again(demo_plan, client_of, monkeypatch):
    def refuse(*args, **kwargs):
        raise ReportError("2023 has no evaluation any more")

    client = client_of("editeur")
    job_url = start_report(client, demo_plan)
    with monkeypatch.context() as patched:
        patched.setattr("balise.exports.report.document.produce", refuse)
        run_jobs()
    page = client.get(job_url).content.decode()
    assert "This job failed: 2023 has no evaluation any more" in page and "Try again" in page
    assert client.get(job_url + "file").status_code == 404

    assert client.post(job_url + "retry/")["Location"] == job_url
    run_jobs()
    job = Job.objects.get()
    assert (job.state, job.attempts, job.error) == (Job.State.DONE, 2, "")
    assert client.get(job_url + "file").getvalue().startswith(b"%PDF")


def test_an_unexpected_failure_is_named_without_its_details(demo_plan, client_of, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("connection string with a password")

    monkeypatch.setattr("balise.exports.report.document.produce", crash)
    client = client_of("editeur")
    job_url = start_report(client, demo_plan)
    run_jobs()
    page = client.get(job_url).content.decode()
    assert "Unexpected error (RuntimeError)" in page and "password" not in page


@pytest.mark.parametrize("outsider", ["molenbeek"])
def test_another_municipality_neither_sees_nor_downloads_nor_retries_the_job(demo_plan, client_of, outsider):
    job_url = start_report(client_of("editeur"), demo_plan)
    run_jobs()
    intruder = client_of(outsider)
    assert intruder.get(job_url).status_code == 404
    assert intruder.get(job_url + "file").status_code == 404
    assert intruder.post(job_url + "retry/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(demo_plan, client_of):
    job_url = start_report(client_of("editeur"), demo_plan)
    run_jobs()
    anonymous = client_of(None)
    for response in (
        anonymous.get(job_url),
        anonymous.get(job_url + "file"),
        anonymous.post(job_url + "retry/"),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_file_is_kept_under_the_data_directory_not_in_static_files(demo_plan, client_of, settings):
    start_report(client_of("editeur"), demo_plan)
    run_jobs()
    job = Job.objects.get()
    assert job.file.startswith("files/jobs/") and (settings.VAR_DIR / job.file).is_file()
    assert client_of(None).get("/static/" + job.file).status_code == 404
