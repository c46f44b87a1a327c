"""Files made by jobs are deleted by the worker BALISE_JOB_FILES_KEEP_HOURS after the job finished;
the job's page then says so, and stray files in the jobs folder go too."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from balise.jobs import storage
from balise.jobs.expiry import expire_files
from balise.jobs.models import Job
from tests.jobs import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.BALISE_JOB_FILES_KEEP_HOURS = 24
    return tmp_path


def finished_job(hours_ago: float, name: str = "report.pdf") -> Job:
    job = Job.objects.create(kind=Job.Kind.ANNUAL_REPORT, state=Job.State.DONE, file_name=name)
    job.file = storage.save(job.pk, name, b"%PDF-1.7 test")
    job.finished_at = timezone.now() - timedelta(hours=hours_ago)
    job.save()
    return job


def test_a_report_s_file_is_deleted_after_the_configured_delay_and_its_page_says_so(
    demo_plan, client_of, data_dir
):
    client = client_of("lecteur")
    job_url = client.post(f"/plans/{demo_plan.pk}/report/", {"year": 2023, "format": "pdf", "lang": "fr"})[
        "Location"
    ]
    run_jobs()
    job = Job.objects.get()
    path = data_dir / job.file
    assert path.is_file() and job.finished_at is not None

    assert expire_files(now=job.finished_at + timedelta(hours=23, minutes=59)) == 0
    assert path.is_file() and client.get(job_url + "file").status_code == 200

    later = job.finished_at + timedelta(hours=24, seconds=1)
    assert expire_files(now=later) == 1
    job.refresh_from_db()
    assert not path.exists() and job.file == "" and job.file_expired_at == later
    assert client.get(job_url + "file").status_code == 404
    page = client.get(job_url).content.decode()
    assert "was deleted on" in page and job.file_name in page


def test_the_delay_comes_from_the_setting(settings):
    recent, old = finished_job(hours_ago=2), finished_job(hours_ago=5)
    settings.BALISE_JOB_FILES_KEEP_HOURS = 3
    assert expire_files() == 1
    recent.refresh_from_db(), old.refresh_from_db()
    assert recent.file and not old.file and old.file_expired_at is not None


def test_jobs_not_finished_or_failed_without_file_are_left_alone():
    running = Job.objects.create(kind=Job.Kind.ANNUAL_REPORT, state=Job.State.RUNNING)
    failed = Job.objects.create(
        kind=Job.Kind.ANNUAL_REPORT, state=Job.State.FAILED, finished_at=timezone.now() - timedelta(days=30)
    )
    assert expire_files() == 0
    for job in (running, failed):
        job.refresh_from_db()
        assert job.file_expired_at is None


def test_stray_files_in_the_jobs_folder_older_than_the_delay_are_deleted(data_dir):
    kept = finished_job(hours_ago=1)
    folder = data_dir / storage.JOBS_DIR
    old_stray, new_stray = folder / "999-abandoned.pdf", folder / "998-being-written.pdf.part"
    old_stray.write_bytes(b"x")
    new_stray.write_bytes(b"x")
    two_days_ago = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(old_stray, (two_days_ago, two_days_ago))
    os.utime(data_dir / kept.file, (two_days_ago, two_days_ago))  # named by a job still in its delay
    assert expire_files() == 1
    assert not old_stray.exists() and new_stray.exists() and (data_dir / kept.file).exists()
