"""A project's outputs: what it reports (definitions, set by the region), the partner's figures of
a year with a narrative and evidence, and the coordinator's decision.

    draft ──submit──▶ submitted ──approve──▶ approved
      ▲                  │
      └──── returned ◀───┘ return (with a comment); submitted again: "resubmitted"

Every write is atomic and first checks the acting user with the rule the pages use
(`accounts.actors.require`; `SYSTEM` where no person acts). Refused with `Invalid` (values, a
file, a missing comment; by field), `OutputsLocked` (submitted or approved figures are not
changed), `OutputsRefused` (a change of state the current state does not allow), `StaleEdit`
(someone saved the year since ``expected_revision``) or `PermissionDenied`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.actors import Actor, require
from balise.accounts.history import set_author
from balise.accounts.users import signed_in
from balise.domain.money import parse_amount
from balise.regional import evidence as files
from balise.regional import notifications
from balise.regional.models import (
    OutputDefinition,
    OutputEvidence,
    OutputReport,
    OutputTransition,
    OutputValue,
    Project,
)
from balise.regional.rules import reviews_outputs_of, updates_outputs_of

State = OutputReport.State
MAX_NUMBER = Decimal("999999999999.99")


class OutputsLocked(errors.Locked):
    """Submitted or approved figures are read-only."""


class OutputsRefused(errors.Refused):
    """A change of state the current state does not allow."""


class OutputsStale(errors.StaleEdit):
    """Someone saved the year's outputs since the form was opened."""


def _number(value: Decimal | str | int | None, field: str, *, required: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise errors.Invalid(_("Enter a number."), field=field)
        return None
    try:
        number = value if isinstance(value, Decimal) else parse_amount(str(value))
    except InvalidOperation:
        number = None
    if number is None:
        raise errors.Invalid(_("Enter a number."), field=field)
    if not number.is_finite() or number < 0 or number > MAX_NUMBER:
        raise errors.Invalid(_("Enter a number of 0 or more."), field=field)
    if number != number.quantize(Decimal("0.01")):
        raise errors.Invalid(_("At most two decimals."), field=field)
    return number


def _label(label: str, field: str = "label") -> str:
    cleaned = " ".join((label or "").split())
    if not cleaned:
        raise errors.Invalid(_("Name the output."), field=field)
    if len(cleaned) > 300:
        raise errors.Invalid(_("At most 300 characters."), field=field)
    return cleaned


def _unit(unit: str) -> str:
    cleaned = " ".join((unit or "").split())
    if len(cleaned) > 60:
        raise errors.Invalid(_("At most 60 characters."), field="unit")
    return cleaned


def _same_label(project: Project, label: str, exclude: int | None = None) -> None:
    others = OutputDefinition.objects.filter(project=project, label__iexact=label)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise errors.Invalid(_("This project already reports an output of that name."), field="label")


# --- definitions ---------------------------------------------------------------------------------


@transaction.atomic
def define_output(
    project: Project,
    label: str,
    user: Actor,
    *,
    unit: str = "",
    yearly_target: Decimal | str | None = None,
) -> OutputDefinition:
    """A new output the project reports every year (the region's coordinators)."""
    require(reviews_outputs_of, user, project)
    label = _label(label)
    _same_label(project, label)
    last = OutputDefinition.objects.filter(project=project).order_by("-order").first()
    definition = OutputDefinition(
        project=project,
        label=label,
        unit=_unit(unit),
        yearly_target=_number(yearly_target, "yearly_target", required=False),
        order=(last.order + 1) if last else 0,
    )
    set_author(definition, user)
    definition.save()
    return definition


@transaction.atomic
def change_output(
    definition: OutputDefinition,
    user: Actor,
    *,
    label: str,
    unit: str = "",
    yearly_target: Decimal | str | None = None,
) -> OutputDefinition:
    require(reviews_outputs_of, user, definition.project)
    label = _label(label)
    _same_label(definition.project, label, exclude=definition.pk)
    definition.label, definition.unit = label, _unit(unit)
    definition.yearly_target = _number(yearly_target, "yearly_target", required=False)
    set_author(definition, user)
    definition.save()
    return definition


@transaction.atomic
def remove_output(definition: OutputDefinition, user: Actor) -> None:
    """Only an output nobody has reported yet: reported figures stay with what they measured."""
    require(reviews_outputs_of, user, definition.project)
    if definition.values.exists():
        raise OutputsRefused(_("Figures were reported for this output: it can be renamed, not removed."))
    definition.delete()


# --- a year's figures ------------------------------------------------------------------------------


def _check_year(project: Project, year: int) -> None:
    if not project.year_start <= year <= project.year_end:
        raise errors.Invalid(
            _("The project runs from %(start)s to %(end)s.")
            % {"start": project.year_start, "end": project.year_end},
            field="year",
        )


def _open_report(project: Project, year: int, expected_revision: int | None) -> OutputReport:
    """The year's report locked for writing (created as a draft on the first write)."""
    _check_year(project, year)
    report, created = OutputReport.objects.get_or_create(project=project, year=year)
    report = OutputReport.objects.select_for_update().get(pk=report.pk)
    # A form opened before the year had any figure says revision 0.
    if expected_revision is not None and (0 if created else report.revision) != expected_revision:
        raise OutputsStale(report, message=_("Someone saved these outputs since you opened them."))
    if not report.is_open:
        raise OutputsLocked(locked_message(report))
    return report


def locked_message(report: OutputReport) -> str:
    if report.state == State.APPROVED:
        return _("These outputs are approved: they can no longer be changed.")
    return _("These outputs are submitted: they can be changed again only if the coordinator returns them.")


@transaction.atomic
def save_outputs(
    project: Project,
    year: int,
    values: Mapping[int, Decimal | str | None],
    narrative: str,
    user: Actor,
    *,
    expected_revision: int | None = None,
) -> OutputReport:
    """The year's figures by definition id (a blank value removes the figure) and the narrative,
    kept as a draft until submitted."""
    require(updates_outputs_of, user, project)
    definitions = {d.pk: d for d in OutputDefinition.objects.filter(project=project)}
    unknown = sorted(str(pk) for pk in values if pk not in definitions)
    if unknown:
        raise errors.Invalid({f"values.{pk}": [_("This project reports no such output.")] for pk in unknown})
    numbers: dict[int, Decimal | None] = {}
    problems: dict[str, list[str]] = {}
    for pk, raw in values.items():
        try:
            numbers[pk] = _number(raw, f"values.{pk}", required=False)
        except errors.Invalid as error:
            for field, messages in error.errors.items():
                problems.setdefault(field, []).extend(messages)
    if problems:
        raise errors.Invalid(problems)
    report = _open_report(project, year, expected_revision)
    existing = {v.definition_id: v for v in report.values.all()}
    for pk, number in numbers.items():
        row = existing.get(pk)
        if number is None:
            if row is not None:
                set_author(row, user)
                row.delete()
        elif row is None or row.value != number:
            row = row or OutputValue(report=report, definition=definitions[pk])
            row.value = number
            set_author(row, user)
            row.save()
    report.narrative = (narrative or "").strip()
    report.revision += 1
    set_author(report, user)
    report.save()
    return report


@transaction.atomic
def attach_evidence(project: Project, year: int, upload: UploadedFile, user: Actor) -> OutputEvidence:
    """Keep a file as evidence of the year's outputs (refused when the figures are not open)."""
    require(updates_outputs_of, user, project)
    report = _open_report(project, year, None)
    if report.evidence.count() >= files.MAX_FILES_PER_YEAR:
        raise files.EvidenceRefused(
            _("At most %(count)s files per year.") % {"count": files.MAX_FILES_PER_YEAR}
        )
    stored = files.store(upload, report.pk)
    try:  # the file is on disk before its row: a failed insert must not leave it there
        return OutputEvidence.objects.create(
            report=report,
            name=stored.name,
            path=stored.path,
            content_type=stored.content_type,
            size=stored.size,
            uploaded_by=signed_in(user),
        )
    except Exception:
        files.remove(stored.path)
        raise


@transaction.atomic
def remove_evidence(item: OutputEvidence, user: Actor) -> None:
    report = item.report
    require(updates_outputs_of, user, report.project)
    _open_report(report.project, report.year, None)
    path = item.path
    item.delete()
    transaction.on_commit(lambda: files.remove(path))


# --- changes of state ---------------------------------------------------------------------------------


def _move(
    report: OutputReport, allowed: Sequence[str], to: str, user: Actor, comment: str = ""
) -> OutputReport:
    current = OutputReport.objects.select_for_update().get(pk=report.pk)
    if current.state not in allowed:
        raise OutputsRefused(
            _("These outputs are %(state)s: they cannot become %(target)s.")
            % {"state": current.get_state_display(), "target": State(to).label}
        )
    OutputTransition.objects.create(
        report=current, from_state=current.state, to_state=to, by=signed_in(user), comment=comment
    )
    current.state = to
    current.revision += 1
    set_author(current, user)
    current.save()
    return current


@transaction.atomic
def submit_outputs(project: Project, year: int, user: Actor) -> OutputReport:
    """Draft or returned → submitted, for the coordinator to approve; refused when nothing is
    reported (no figure and no narrative)."""
    require(updates_outputs_of, user, project)
    _check_year(project, year)
    report = OutputReport.objects.filter(project=project, year=year).first()
    if report is None or (not report.values.exists() and not report.narrative):
        raise errors.Invalid(_("Enter at least one figure or a narrative before submitting."), field="values")
    report = _move(report, (State.DRAFT, State.RETURNED), State.SUBMITTED, user)
    notifications.submitted(report, user)
    return report


@transaction.atomic
def approve_outputs(report: OutputReport, user: Actor) -> OutputReport:
    """Submitted → approved: from now on the figures count in the coverage and the report."""
    require(reviews_outputs_of, user, report.project)
    report = _move(report, (State.SUBMITTED,), State.APPROVED, user)
    notifications.decided(report, user)
    return report


@transaction.atomic
def return_outputs(report: OutputReport, user: Actor, comment: str) -> OutputReport:
    """Submitted → returned with the coordinator's comment; the partner corrects and submits again."""
    require(reviews_outputs_of, user, report.project)
    comment = (comment or "").strip()
    if not comment:
        raise errors.Invalid(_("Say what the partner should complete or correct."), field="comment")
    report = _move(report, (State.SUBMITTED,), State.RETURNED, user, comment)
    notifications.decided(report, user, comment)
    return report


def report_outputs(
    project: Project,
    year: int,
    values: Mapping[int, Decimal | str | None],
    narrative: str,
    user: Actor,
    *,
    uploads: Sequence[UploadedFile] = (),
    submit: bool = False,
    expected_revision: int | None = None,
) -> OutputReport:
    """What the year's page sends at once: the figures, the narrative, new files and, when asked,
    the submission; all or nothing (files written for a refused request are deleted)."""
    written: list[str] = []
    try:
        with transaction.atomic():
            report = save_outputs(project, year, values, narrative, user, expected_revision=expected_revision)
            for upload in uploads:
                written.append(attach_evidence(project, year, upload, user).path)
            if submit:
                report = submit_outputs(project, year, user)
            return report
    except BaseException:
        for path in written:
            files.remove(path)
        raise
