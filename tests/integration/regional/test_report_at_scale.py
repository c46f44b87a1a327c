"""Issue 13's promise for the regional report of 10 000 projects: asking for it from the page only
puts a job on the queue (the request neither builds nor prints the report: how long it takes is a
figure of benchmarks/report_request.py); the worker then builds and prints it (the PDF through the
job: tests/integration/regional/test_report.py, and at this size `report_request.py --run`)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from balise.accounts.roles import Role
from balise.jobs.models import Job
from balise.regional.report import data as report_data
from balise.regional.report import pdf as report_pdf
from benchmarks.regional_coverage import generate
from tests.factories import user_with_role

PROJECTS = 10_000


@pytest.mark.django_db
def test_asking_for_the_report_of_ten_thousand_projects_only_enqueues_it(
    reference, django_assert_max_num_queries
):
    regional_id, counts = generate(PROJECTS, 3)
    assert counts["projects"] == PROJECTS
    client = Client(headers={"Accept-Language": "fr"})
    client.force_login(user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU"))
    built = mock.patch.object(report_data, "build_report", wraps=report_data.build_report)
    printed = mock.patch.object(report_pdf, "report_pdf", wraps=report_pdf.report_pdf)
    with built as build, printed as pdf:
        with django_assert_max_num_queries(20):
            response = client.post(f"/regional/{regional_id}/report.pdf", {"from": 2021, "to": 2022})
        assert response.status_code == 302
        job = Job.objects.get()
        assert response["Location"] == f"/jobs/{job.pk}/"
        assert (job.kind, job.state, job.file) == (Job.Kind.REGIONAL_REPORT, Job.State.QUEUED, "")
        assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.READY
        assert not build.called and not pdf.called  # nothing of the report in the request
