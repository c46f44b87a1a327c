"""What the annual report says about the demo plan, read in a fixed number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from balise.domain.progress import Progress, Status
from balise.domain.targets import Period, Target, TargetKind
from balise.exports.report import wording
from balise.exports.report.data import ReportError, build_report, load_plan
from balise.monitoring import workflow
from balise.monitoring.selectors import plan_progress
from balise.plans.models import Indicator
from tests.factories import outside_plan

pytestmark = pytest.mark.django_db


def lines(report):
    return [line for m in report.modules for o in m.objectives for line in o.indicators]


def test_it_covers_every_module_objective_and_indicator_of_the_demo_plan(demo_plan):
    report = build_report(demo_plan, 2023)
    assert [m.title for m in report.modules] == [
        "Coordination",
        "Cambriolage",
        "Nuisances sociales",
        "Sécurité routière",
        "Violence intrafamiliale",
    ]
    assert sum(len(m.objectives) for m in report.modules) == 11
    assert len(lines(report)) == Indicator.objects.filter(strategic_objective__module__plan=demo_plan).count()
    assert report.municipality == "Valmont-sur-Senne"
    assert report.period == "01/01/2023 – 31/12/2025"
    assert report.state == "analysed"
    assert [c.change for c in report.changes] == ["draft → submitted", "submitted → analysed"]
    assert all(len(c.at) == 10 and c.at[2] == "/" for c in report.changes)


def test_module_counts_are_those_of_the_progress_selector(demo_plan):
    report = build_report(demo_plan, 2023)
    progress = plan_progress(demo_plan, 2023)
    by_title = {row.module.title: progress.by_module[row.module.pk] for row in progress.rows}
    for module in report.modules:
        assert module.status_counts == {s.value: n for s, n in by_title[module.title].items()}
    assert report.totals == {s.value: n for s, n in progress.totals.items()}


def test_it_carries_the_analysts_colour_analysis_motivation_and_the_self_evaluation(demo_plan):
    report = build_report(demo_plan, 2023)
    analysed = [line for line in lines(report) if line.appraisal.colour]
    assert len(analysed) >= 4
    assert {line.appraisal.colour.code for line in analysed} >= {"green", "orange"}
    assert all(line.appraisal.analysis and line.appraisal.motivation for line in analysed)
    # the demo's evaluator self-evaluated two indicators per status: they come with their words
    self_evaluated = [line.appraisal.self_evaluation for line in analysed if line.appraisal.self_evaluation]
    assert 4 <= len(self_evaluated) < len(analysed)
    assert "Action pas encore lancée." in self_evaluated
    coloured = sum(n for m in report.modules for colour, n in m.colours if colour.code)
    assert coloured == len(analysed)
    # the analyst may disagree with the computed status: both are kept
    assert any(line.appraisal.colour.code == "orange" and line.status == "not_met" for line in analysed)


def test_each_line_gives_the_target_as_written_and_the_years_values(demo_plan):
    report = build_report(demo_plan, 2023)
    by_text = {line.text: line for line in lines(report)}
    placeholder = next(line for line in by_text.values() if line.text.startswith("X nombre"))
    assert placeholder.target == "" and placeholder.status == "no_data"
    counted = next(line for line in by_text.values() if line.trend and line.trend.cumulative)
    assert counted.target in counted.text
    assert "in total" in counted.values and "/" in counted.progress
    assert all(line.trend is None or len(line.trend.points) >= 2 for line in by_text.values())
    assert len(report.trends) >= 10


def test_it_reads_any_plan_in_the_same_number_of_queries(demo_plan):
    small = outside_plan()
    workflow.evaluation_for(small, 2024)
    counts = []
    for plan, year in ((demo_plan, 2023), (small, 2024)):
        plan = load_plan(plan.pk)
        with CaptureQueriesContext(connection) as queries:
            build_report(plan, year)
        counts.append(len(queries))
    # evaluation_view (6), services, objective colours of past years, context figures
    assert counts[0] == counts[1] == 9


def test_a_year_without_evaluation_or_an_unknown_plan_is_refused(demo_plan):
    with pytest.raises(ReportError, match="no evaluation for 2025"):
        build_report(demo_plan, 2025)
    with pytest.raises(ReportError, match="does not exist"):
        load_plan(987654)


def test_a_draft_year_is_reported_with_its_state_and_no_steps(demo_plan):
    report = build_report(demo_plan, 2024)
    assert report.state == "draft" and report.changes == ()
    assert report.years == (2023, 2024)


def test_fixed_texts_follow_the_language_of_the_report(demo_plan):
    with translation.override("nl"):
        dutch = build_report(demo_plan, 2023)
    with translation.override("fr"):
        french = build_report(demo_plan, 2023)
    assert (dutch.language, french.language) == ("nl", "fr")
    assert dutch.state_label == "geanalyseerd" and french.state_label == "analysée"  # an évaluation: feminine
    assert {label for _s, label, _n in dutch.modules[0].statuses} >= {"gedeeltelijk behaald"}
    colour = next(line.appraisal.colour for line in lines(dutch) if line.appraisal.colour)
    assert colour.label in {"Bereikt", "Gedeeltelijk bereikt", "Niet bereikt", "Niet evalueerbaar"}


def test_figures_are_written_the_belgian_way():
    target = Target(TargetKind.HOURS, "≥ 1 250,5 h/an", ">=", Decimal("1250.5"), Period.YEAR)
    progress = Progress(Status.PARTLY_MET, Decimal("1100.25"), Decimal("1250.5"), Decimal("0.88"))
    assert wording.progress_text(target, progress) == "1\u202f100,25\u202fh / 1\u202f250,5\u202fh (88\u202f%)"
    assert wording.day(date(2024, 3, 5)) == "05/03/2024"
