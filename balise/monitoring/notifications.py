"""E-mails sent when an analyst returns a year to the municipality and when it is resubmitted.

Sent after the transaction commits (a refused transition sends nothing), in the language of the
plan for the municipality's people and in the site's language for the analyst, through Django's
e-mail backend (the console in the demo, locmem in tests).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from balise.accounts.actors import Actor
from balise.accounts.users import Visitor, signed_in
from balise.monitoring.models import Evaluation, Transition
from balise.monitoring.rules import MUNICIPAL_WRITE_ROLES
from balise.plans.models import Plan


def _base_url() -> str:
    return getattr(settings, "BALISE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def _send(recipients: Iterable, language: str, template: str, subject: str, context: dict) -> None:
    addresses = sorted({u.email for u in recipients if u.email and u.is_active})
    if not addresses:
        return
    with translation.override(language):
        text = render_to_string(template, context)
        title = str(subject)
    transaction.on_commit(lambda: send_mail(title, text, settings.DEFAULT_FROM_EMAIL, addresses))


def _context(evaluation: Evaluation, plan: Plan, by: Actor | Visitor | None, comment: str = "") -> dict:
    url = _base_url() + reverse("monitoring-evaluation", args=[plan.pk, evaluation.year])
    person = signed_in(by)
    name = (person.get_full_name() or person.get_username()) if person is not None else ""
    return {"plan": plan, "year": evaluation.year, "by": name, "comment": comment, "url": url}


def returned(evaluation: Evaluation, plan: Plan, by: Actor | Visitor | None, comment: str) -> None:
    """To the editors and internal evaluators of the plan's municipality."""
    if plan.municipality_id is None:
        return  # a plan of no known municipality has no editors to tell
    people = get_user_model().objects.filter(
        memberships__organisation_id=plan.municipality_id, memberships__role__in=MUNICIPAL_WRITE_ROLES
    )
    language = plan.language if plan.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Balise: the evaluation of %(year)s is returned to you") % {"year": evaluation.year}
    _send(people, language, "monitoring/returned_email.txt", subject, _context(evaluation, plan, by, comment))


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
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Balise: the evaluation of %(year)s is submitted again") % {"year": evaluation.year}
    _send([last.by], language, "monitoring/resubmitted_email.txt", subject, _context(evaluation, plan, by))
