"""Fetching objects for a request with the access rules applied (server side, every time)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from balise.accounts.rules import can_edit_plan, can_follow_plan, can_view_plan
from balise.accounts.users import Visitor
from balise.plans.models import Plan


def plan_for(user: Visitor, plan_id: int, *, edit: bool = False, content_only: bool = False) -> Plan:
    """The plan if ``user`` may read it (404 otherwise, so existence is not leaked);
    with ``edit``, 403 when they may read but not change it.

    Pages about a plan's content (``content_only``: the plan page and its tree) are open to
    everyone who reads the plan; every other page of a plan (values, evaluation, workbook,
    money, reports, dashboards, versions, history) only to its members: a partner of the
    regional plan gets a 404 there, and reaches only their projects' pages."""
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    allowed = can_view_plan if content_only else can_follow_plan
    if plan is None or not allowed(user, plan):
        raise Http404
    if edit and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan
