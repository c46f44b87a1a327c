"""E-mail reminders of what is due (`balise send-reminders`, `manage.py send_reminders`).

Each user with something due gets one message listing it; a `Reminder` row per item and day makes
a second run on the same day send nothing already sent (a new item is still sent). The message
goes through Django's e-mail backend: the console in the demo, locmem in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import TextIOBase

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from balise import clock
from balise.accounts.mail import base_url
from balise.accounts.preferences import language_of
from balise.accounts.roles import Role
from balise.accounts.users import User
from balise.monitoring.models import Reminder
from balise.todo.items import DueItem, due_items


def item_key(item: DueItem) -> str:
    """A stable name for a due item: "values:<lineage>:2024:<indicator key>", "evaluation:…"."""
    indicator = item.indicator.key if item.indicator is not None else ""
    return f"{item.kind}:{item.plan.lineage}:{item.year}:{indicator}:{item.state}"


@dataclass
class Outcome:
    sent: int = 0  # messages
    items: int = 0  # due items in them
    skipped: int = 0  # items already sent today


def recipients() -> QuerySet[User]:
    """Users who may have something due: the municipalities' editors and internal evaluators,
    and the federal analysts; only active users with an e-mail address."""
    roles = [Role.MUNICIPALITY_EDITOR, Role.INTERNAL_EVALUATOR, Role.FEDERAL_ANALYST]
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role__in=roles)
        .exclude(email="")
        .select_related("preferences")
        .distinct()
        .order_by("username")
    )


def compose(user: User, items: list[DueItem], today: date) -> tuple[str, str]:
    """Subject and plain-text body of the reminder of ``items`` for ``user``, in their language."""
    with translation.override(language_of(user)):
        subject = str(_("Balise: what is waiting for you"))
        body = render_to_string(
            "monitoring/reminder_email.txt",
            {"user": user, "items": items, "today": today, "base_url": base_url()},
        )
    return subject, body


def send_reminders(
    today: date | None = None, *, dry_run: bool = False, out: TextIOBase | None = None
) -> Outcome:
    today = today or clock.today()
    outcome = Outcome()
    for user in recipients():
        items = due_items(user, today)
        if not items:
            continue
        already = set(Reminder.objects.filter(user=user, sent_on=today).values_list("item", flat=True))
        fresh = [i for i in items if item_key(i) not in already]
        outcome.skipped += len(items) - len(fresh)
        if not fresh:
            continue
        subject, body = compose(user, fresh, today)
        if dry_run:
            if out is not None:
                out.write(f"--- to {user.email} ({user.username}): {subject}\n{body}\n")
        else:
            # The log is written with the sending: if sending fails, nothing is marked as sent.
            with transaction.atomic():
                Reminder.objects.bulk_create(
                    [Reminder(user=user, item=item_key(i), sent_on=today) for i in fresh],
                    ignore_conflicts=True,
                )
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        outcome.sent += 1
        outcome.items += len(fresh)
    return outcome
