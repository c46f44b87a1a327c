"""E-mails sent when an analyst returns a year to the municipality and when it is resubmitted,
to each person in their own language (``accounts.mail``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from balise.accounts.actors import Actor
from balise.accounts.mail import base_url, send_to
from balise.accounts.users import Visitor, signed_in
from balise.monitoring.models import Evaluation, Transition
from balise.monitoring.rules import MUNICIPAL_WRITE_ROLES
from balise.plans.models import Plan


def _context(evaluation: Evaluation, plan: Plan, by: Actor | Visitor | None, comment: str = "") -> dict:
    url = base_url() + reverse("monitoring-evaluation", args=[plan.pk, evaluation.year])
    person = signed_in(by)
    name = (person.get_full_name() or person.get_username()) if person is not None else ""
    return {"plan": plan, "year": evaluation.year, "by": name, "comment": comment, "url": url}


def returned(evaluation: Evaluation, plan: Plan, by: Actor | Visitor | None, comment: str) -> None:
    """To the editors and internal evaluators of the plan's municipality."""
    if plan.municipality_id is None:
        return  # a plan of no known municipality has no editors to tell
    people = (
        get_user_model()
        .objects.filter(
            memberships__organisation_id=plan.municipality_id, memberships__role__in=MUNICIPAL_WRITE_ROLES
        )
        .select_related("preferences")
    )
    send_to(
        people,
        "monitoring/returned_email.txt",
        lambda: _("Balise: the evaluation of %(year)s is returned to you") % {"year": evaluation.year},
        _context(evaluation, plan, by, comment),
    )


def resubmitted(evaluation: Evaluation, plan: Plan, by: Actor | Visitor | None) -> None:
    """To the analyst who returned the year."""
    last = (
        Transition.objects.filter(evaluation=evaluation, to_state=Evaluation.State.RETURNED)
        .select_related("by")
        .order_by("-at", "-id")
        .first()
    )
    if last is None or last.by is None:
        return
    send_to(
        [last.by],
        "monitoring/resubmitted_email.txt",
        lambda: _("Balise: the evaluation of %(year)s is submitted again") % {"year": evaluation.year},
        _context(evaluation, plan, by),
    )
