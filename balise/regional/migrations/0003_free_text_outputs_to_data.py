"""The free-text outputs ("visites techno-préventives: 188", one `ProjectOutput` per line) become
output definitions and yearly figures (`balise.regional.legacy.convert`: lines that cannot be
read as figures are kept, as written, in the year's narrative, never dropped).

The figures were entered before approval existed and were already counted in the reports: they
arrive approved, with one change of state by nobody (Balise), so that the reports do not change.
"""

from django.db import migrations

from balise.regional.legacy import LegacyLine, convert


def forwards(apps, schema_editor):
    ProjectOutput = apps.get_model("regional", "ProjectOutput")
    OutputDefinition = apps.get_model("regional", "OutputDefinition")
    OutputReport = apps.get_model("regional", "OutputReport")
    OutputValue = apps.get_model("regional", "OutputValue")
    OutputTransition = apps.get_model("regional", "OutputTransition")
    lines = [
        LegacyLine(row.project_id, row.year, row.label, row.number)
        for row in ProjectOutput.objects.order_by("project_id", "year", "order", "pk")
    ]
    converted = convert(lines)
    definitions = {}
    for project_id, labels in converted.definitions.items():
        for order, label in enumerate(labels):
            definitions[(project_id, label)] = OutputDefinition.objects.create(
                project_id=project_id, label=label, order=order
            )
    for project_id, year in converted.years():
        narrative = "\n".join(converted.narratives.get((project_id, year), []))
        report = OutputReport.objects.create(
            project_id=project_id, year=year, state="approved", narrative=narrative
        )
        OutputTransition.objects.create(report=report, from_state="draft", to_state="approved")
    reports = {(r.project_id, r.year): r for r in OutputReport.objects.all()}
    OutputValue.objects.bulk_create(
        OutputValue(
            report=reports[(project_id, year)], definition=definitions[(project_id, label)], value=value
        )
        for (project_id, year, label), value in converted.values.items()
    )


def backwards(apps, schema_editor):
    """Figures back to lines (every state: the lines knew none); narratives are not lines."""
    ProjectOutput = apps.get_model("regional", "ProjectOutput")
    OutputValue = apps.get_model("regional", "OutputValue")
    ProjectOutput.objects.bulk_create(
        ProjectOutput(
            project_id=v.report.project_id,
            year=v.report.year,
            label=v.definition.label,
            number=v.value,
            order=v.definition.order,
        )
        for v in OutputValue.objects.select_related("report", "definition")
    )


class Migration(migrations.Migration):
    dependencies = [("regional", "0002_outputs_as_data")]

    operations = [migrations.RunPython(forwards, backwards)]
