"""Fetching objects for a request with the access rules applied (server side, every time)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from balise.accounts.rules import can_edit_plan, can_view_plan
from balise.plans.models import Plan


def plan_for(user, plan_id: int, *, edit: bool = False) -> Plan:
    """The plan if ``user`` may read it (404 otherwise, so existence is not leaked);
    with ``edit``, 403 when they may read but not change it."""
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    if plan is None or not can_view_plan(user, plan):
        raise Http404
    if edit and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan
