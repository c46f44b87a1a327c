"""The progress table never drifts: after any sequence of writes through the actions it equals a
full recomputation (`rebuild`), and its statuses are those `plan_progress` computes from the values."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from balise.accounts.actors import SYSTEM
from balise.domain.disaggregation import Figures, total
from balise.domain.progress import Status, status_on
from balise.domain.targets import TargetKind
from balise.monitoring import federal_tally, workflow
from balise.monitoring.actions import delete_measurement, record_measurement
from balise.monitoring.defaults import load_colour_scale
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.models import (
    Evaluation,
    FederalTally,
    FederalTallyPlan,
    IndicatorYearProgress,
    Measurement,
    ProgressTally,
)
from balise.monitoring.progress_store import rebuild
from balise.monitoring.selectors import plan_progress
from balise.monitoring.validation import VALUE_FIELDS
from balise.plans import editing
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, IndicatorDimension, Plan, PlanStatus
from balise.plans.versioning import amend_plan, sign_plan
from tests.factories import user_with_role
from tests.integration.monitoring.conftest import TEXTS, monitoring_outline

COLUMNS = (
    "indicator_id",
    "indicator_key",
    "year",
    "plan_id",
    "module_id",
    "module_kind",
    "phenomenon_id",
    "sector_id",
    "municipality_id",
    "status",
    "due",
    "actual",
    "expected",
    "values",
    "colour_id",
)
NAMES = sorted(TEXTS)
PERIODS = [
    "2023",
    "2024",
    "2025",
    "2024-03",
    "2024-11",
    "2025-02",
    "2024-Q2",
    "2024-W05",
    "2025-W01",
    "2024-06-30",
]
TARGETS = ["≥ 12/an", "≥ 2/mois", "≤ 3/an", "≥ 4 h/jour", "≥ 50 %", "Oui/Non", "d'ici fin 2024", "3x/semaine"]


# Indicators broken down by sex: their values are written per category, the total is computed.
DISAGGREGATED = ("count", "percent", "daily_hours", "boolean")
TALLIED = ("plan_id", "year", "municipality_id", "module_kind", "phenomenon_id", "sector_id", "status", "due")


YEARS = (2023, 2024, 2025)


def federal_counts() -> tuple[list[tuple], list[tuple]]:
    """The federal overview's kept counts (those not zero) and the plans they count."""
    kept = FederalTally.objects.exclude(n=0).values_list("year", "region_id", *federal_tally.KEY, "n")
    plans = FederalTallyPlan.objects.values_list("year", "plan_id", "region_id", "indicators")
    return sorted(kept, key=repr), sorted(plans)


def snapshot() -> list[tuple]:
    return sorted(IndicatorYearProgress.objects.values_list(*COLUMNS), key=repr)


def tallies() -> list[tuple]:
    """The maintained counts, and the same counts taken from the progress rows."""
    return sorted(ProgressTally.objects.values_list(*TALLIED, "colour_id", "n"), key=repr)


def counted_progress() -> list[tuple]:
    grouped = IndicatorYearProgress.objects.values(*TALLIED, "colour_id").annotate(n=Count("id"))
    return sorted(grouped.order_by().values_list(*TALLIED, "colour_id", "n"), key=repr)


def values_for(kind: str, n: int, d: int, flag: bool) -> dict:
    if kind == TargetKind.PERCENT:
        return {"numerator": min(n, d), "denominator": d}
    if kind == TargetKind.HOURS:
        return {"amount": n, "days": d}
    if kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE):
        return {"done": flag}
    return {"amount": n}


write = st.one_of(
    st.tuples(
        st.just("record"),
        st.sampled_from(NAMES),
        st.sampled_from(PERIODS),
        st.integers(0, 30),
        st.integers(1, 20),
        st.booleans(),
    ),
    st.tuples(st.just("delete"), st.sampled_from(NAMES), st.sampled_from(PERIODS)),
    st.tuples(st.just("target"), st.sampled_from(NAMES), st.sampled_from(TARGETS)),
    st.tuples(st.just("colour"), st.sampled_from(NAMES), st.sampled_from(["green", "red", ""])),
    st.tuples(st.just("new_version")),
    st.tuples(st.just("remove"), st.sampled_from(NAMES)),
)


class MaintainedProgressTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        from balise.reference.loader import load_reference

        load_reference()
        load_colour_scale()
        cls.editor = user_with_role("editor", None, None, is_superuser=True)

    def _latest(self) -> Plan:
        return Plan.objects.order_by("-version").first()

    def _indicator(self, name: str) -> Indicator:
        by_key = {
            i.key: i for i in Indicator.objects.filter(strategic_objective__module__plan=self._latest())
        }
        return by_key.get(self.keys[name]) or next(iter(by_key.values()))

    def _apply(self, op: tuple) -> None:
        kind = op[0]
        if kind == "record":
            _, name, period, n, d, flag = op
            indicator = self._indicator(name)
            target = indicator.target
            kind = target.kind if target else TargetKind.COUNT
            data = values_for(kind, n, d, flag)
            if IndicatorDimension.objects.filter(indicator=indicator).exists():
                data = {
                    "parts": [
                        {"categories": {"sex": "female"}, **data},
                        {"categories": {"sex": "male"}, **values_for(kind, n // 2, d + 1, not flag)},
                    ]
                }
            try:
                record_measurement(indicator, period, data, self.editor)
            except (Invalid, YearLocked):
                pass  # refused: nothing was written, the table must not move either
        elif kind == "delete":
            _, name, period = op
            current = Measurement.objects.filter(indicator_key=self.keys[name], period=period).first()
            if current is not None:
                try:
                    delete_measurement(current, self.editor, current.revision)
                except (YearLocked, StaleEdit):
                    pass
        elif kind == "target":
            _, name, text = op
            plan = self._latest()
            if plan.status != PlanStatus.DRAFT:
                return
            indicator = self._indicator(name)  # another one when this one was removed
            data = {"text": f"Indicateur {name} : {text}"}  # the target is read from the text
            self.retargeted.add(indicator.key)  # its totals were computed by the former kind's rule
            editing.update_node("indicator", indicator.pk, data, indicator.revision, self.editor)
        elif kind == "colour":
            _, name, code = op
            evaluation = Evaluation.objects.get(year=2023)
            workflow.save_analysis(
                evaluation,
                "indicator",
                self.keys[name],
                analysis="",
                colour_code=code or None,
                motivation="",
                user=self.editor,
            )
        elif kind == "remove":
            plan = self._latest()
            indicator = self._indicator(op[1])
            if plan.status == PlanStatus.DRAFT and indicator.key == self.keys[op[1]]:
                editing.delete_node("indicator", indicator.pk, indicator.revision, self.editor)
        elif kind == "new_version":
            plan = self._latest()
            if plan.status == PlanStatus.DRAFT:
                sign_plan(plan, self.editor, date(2023, 6, 1))
            else:
                amend_plan(plan, self.editor)

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(write, max_size=12))
    # Found by hypothesis: a target given to a removed indicator retargets another one, whose
    # values were totalled by its former kind's rule.
    @example(
        [
            ("new_version",),
            ("record", "boolean", "2024", 0, 1, False),
            ("remove", "monthly"),
            ("target", "monthly", "≥ 4 h/jour"),
        ]
    )
    def test_the_maintained_table_and_its_counts_equal_a_full_recomputation_after_any_writes(self, writes):
        plan = import_plan(
            monitoring_outline(), user=SYSTEM
        ).plan  # signed: first writes are values and colours
        self.keys = {name: i.key for name, i in _by_name(plan).items()}
        self.retargeted: set = set()
        for name, indicator in _by_name(plan).items():
            if name in DISAGGREGATED:
                set_dimensions(indicator, ["sex"], self.editor)
        evaluation = Evaluation.objects.create(plan=plan, lineage=plan.lineage, year=2023)
        evaluation.state = Evaluation.State.SUBMITTED
        evaluation.save()
        for year in YEARS:
            federal_tally.ensure(year)
        for op in writes:
            self._apply(op)
            for year in YEARS:  # summed again only when the plans in force changed (new_version)
                federal_tally.ensure(year)
        kept = federal_counts()
        self.assertTrue(kept[1])  # the plan is counted: the comparison below is not between empties
        for year in YEARS:
            federal_tally.resum(year)
        self.assertEqual(kept, federal_counts())  # the differences added on write never drift
        maintained, counted = snapshot(), tallies()
        self.assert_totals_are_computed_from_their_cells()
        self.assertEqual(counted, counted_progress())  # the counts follow every write
        rebuild()
        self.assertEqual(maintained, snapshot())
        self.assertEqual(counted, tallies())
        today = timezone.localdate()
        for version in Plan.objects.all():
            for year in (2023, 2024, 2025):
                expected = {r.indicator.pk: r.progress.status for r in plan_progress(version, year).rows}
                stored = {
                    r.indicator_id: status_on(Status(r.status), r.due, today)
                    for r in IndicatorYearProgress.objects.filter(plan=version, year=year)
                }
                self.assertEqual(stored, expected)

    def assert_totals_are_computed_from_their_cells(self) -> None:
        split = set(IndicatorDimension.objects.values_list("indicator__key", flat=True)) - self.retargeted
        kinds = dict(Indicator.objects.values_list("key", "target_kind"))
        for m in Measurement.objects.filter(indicator_key__in=split).prefetch_related("parts"):
            cells = [Figures(**{f: getattr(p, f) for f in VALUE_FIELDS}) for p in m.parts.all()]
            kind = TargetKind(kinds[m.indicator_key]) if kinds[m.indicator_key] else None
            self.assertTrue(cells)
            self.assertEqual(Figures(**{f: getattr(m, f) for f in VALUE_FIELDS}), total(kind, cells))


def _by_name(plan: Plan) -> dict[str, Indicator]:
    by_text = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    return {name: by_text[text] for name, text in TEXTS.items()}
