"""E-mails about a project's outputs, to each person in their own language (``accounts.mail``):
the coordinators learn that figures wait for their review; the partner learns the decision
(approved, or returned with the coordinator's comment)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from balise.accounts.actors import Actor
from balise.accounts.mail import base_url, send_to
from balise.accounts.roles import Role
from balise.accounts.users import User, signed_in
from balise.regional.models import OutputReport


def _members(organisation_id: int, role: Role) -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(memberships__organisation_id=organisation_id, memberships__role=role)
        .select_related("preferences")
        .distinct()
    )


def _context(report: OutputReport, by: Actor, page: str, comment: str = "") -> dict[str, object]:
    project = report.project
    url = base_url() + reverse(page, args=[project.regional_plan_id, project.pk, report.year])
    person = signed_in(by)
    name = (person.get_full_name() or person.get_username()) if person is not None else ""
    return {"project": project, "year": report.year, "by": name, "comment": comment, "url": url}


def submitted(report: OutputReport, by: Actor) -> None:
    """To the coordinators of the project's region."""
    people = _members(report.project.regional_plan.region_id, Role.REGIONAL_COORDINATOR)
    send_to(
        people,
        "regional/outputs_submitted_email.txt",
        lambda: _("Balise: outputs of %(year)s to review") % {"year": report.year},
        _context(report, by, "regional-outputs-review"),
    )


def decided(report: OutputReport, by: Actor, comment: str = "") -> None:
    """To the partner's people: their figures approved, or returned with ``comment``."""
    partner = report.project.partner
    if partner.organisation_id is None:
        return  # a partner with no organisation in Balise has nobody to tell
    returned = report.state == OutputReport.State.RETURNED
    send_to(
        _members(partner.organisation_id, Role.PARTNER),
        "regional/outputs_returned_email.txt" if returned else "regional/outputs_approved_email.txt",
        (lambda: _("Balise: your outputs of %(year)s are returned to you") % {"year": report.year})
        if returned
        else (lambda: _("Balise: your outputs of %(year)s are approved") % {"year": report.year}),
        _context(report, by, "regional-outputs", comment),
    )
