"""The data migration that turned the free-text outputs of before into output definitions and
yearly figures, run on rows written with the old schema: nothing is lost, the figures stay counted
(approved), and the odd lines are kept, as written, in the year's narrative."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from balise.regional.models import OutputDefinition, OutputReport, OutputTransition

BEFORE = [("regional", "0002_outputs_as_data")]


def _latest(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_free_text_outputs_become_approved_figures_and_odd_lines_narrative(world):
    zone, stib = world.projects["zone"], world.projects["stib"]
    executor = MigrationExecutor(connection)
    latest = _latest(executor)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    for name in ("ProjectOutput", "OutputValue", "OutputTransition", "OutputReport", "OutputDefinition"):
        old.get_model("regional", name).objects.all().delete()
    ProjectOutput = old.get_model("regional", "ProjectOutput")
    for project, year, label, number, order in (
        (zone.pk, 2021, "visites techno-préventives", "188", 0),
        (zone.pk, 2021, "  Visites  techno-préventives ", "5", 1),  # the same output twice in 2021
        (zone.pk, 2022, "Visites techno-préventives", "201", 0),
        (zone.pk, 2022, "", "3", 1),  # no label
        (stib.pk, 2022, "agents formés", "80.5", 0),
    ):
        ProjectOutput.objects.create(
            project_id=project, year=year, label=label, number=Decimal(number), order=order
        )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert list(OutputDefinition.objects.filter(project=zone).values_list("label", flat=True)) == [
        "visites techno-préventives"  # spelled as first written
    ]
    reports = {(r.project_id, r.year): r for r in OutputReport.objects.prefetch_related("values__definition")}
    assert set(reports) == {(zone.pk, 2021), (zone.pk, 2022), (stib.pk, 2022)}
    assert all(r.state == OutputReport.State.APPROVED for r in reports.values())
    figures = {key: {v.definition.label: v.value for v in r.values.all()} for key, r in reports.items()}
    assert figures == {
        (zone.pk, 2021): {"visites techno-préventives": Decimal(188)},
        (zone.pk, 2022): {"visites techno-préventives": Decimal(201)},
        (stib.pk, 2022): {"agents formés": Decimal("80.5")},
    }
    assert reports[(zone.pk, 2021)].narrative == "Visites  techno-préventives : 5"  # as written
    assert reports[(zone.pk, 2022)].narrative == ": 3"
    assert OutputTransition.objects.filter(to_state="approved", by=None).count() == 3
