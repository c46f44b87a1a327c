"""Publishing and withdrawing a plan: atomic, by a user allowed to edit the plan.

Refusals (`PublicationError`): the user may not edit the plan (``PermissionDenied``), the plan is a
draft (only what was signed goes public).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from balise import errors
from balise.accounts.users import User
from balise.plans.models import Plan, PlanStatus
from balise.publication.models import Publication, PublicationGeneration


class PublicationError(errors.Refused):
    """Publishing is refused in the plan's current state; the message says why."""


def _check(plan: Plan, user: User) -> None:
    if not user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    if plan.status == PlanStatus.DRAFT:
        raise PublicationError(_("A draft cannot be published: sign the plan first."))


def bump_generation() -> None:
    updated = PublicationGeneration.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        PublicationGeneration.objects.get_or_create(pk=1, defaults={"number": 1})


@transaction.atomic
def publish(
    plan: Plan, user: User, *, indicators: bool = True, values: bool = False, evaluation: bool = False
) -> Publication:
    """Show ``plan`` to the public with the chosen parts (values need the indicators)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check(plan, user)
    publication, _created = Publication.objects.update_or_create(
        plan=plan,
        defaults={
            "indicators": indicators,
            "values": indicators and values,
            "evaluation": evaluation,
            "published_by": user,
        },
    )
    bump_generation()
    return publication


@transaction.atomic
def withdraw(plan: Plan, user: User) -> bool:
    """Stop showing ``plan`` to the public; ``False`` when it was not published."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    deleted, _rows = Publication.objects.filter(plan=plan).delete()
    bump_generation()
    return bool(deleted)
