"""Who may see and change an import draft: the editors of its municipality (administrators too).

A draft without a municipality (a regional plan, or a document naming its own municipality) is
its uploader's alone until confirmed; the plan rules decide at confirmation."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.rules import can_create_plans, is_administrator, organisations_with
from balise.drafts.models import ImportDraft


def editable_municipalities(user: Any) -> QuerySet[Organisation]:
    """The municipalities ``user`` may import a plan for."""
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    if is_administrator(user):
        return municipalities
    return municipalities.filter(pk__in=organisations_with(user, {Role.MUNICIPALITY_EDITOR}))


def may_import(user: Any) -> bool:
    return can_create_plans(user)


def visible_drafts(user: Any) -> QuerySet[ImportDraft]:
    drafts = ImportDraft.objects.all()
    if not user or not user.is_authenticated:
        return drafts.none()
    if is_administrator(user):
        return drafts
    own = organisations_with(user, {Role.MUNICIPALITY_EDITOR})
    return drafts.filter(Q(municipality_id__in=own) | Q(municipality__isnull=True, created_by=user))


def can_manage_draft(user: Any, draft: ImportDraft) -> bool:
    if not user or not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    if draft.municipality_id is None:
        return draft.created_by_id == user.pk and can_create_plans(user)
    return draft.municipality_id in organisations_with(user, {Role.MUNICIPALITY_EDITOR})
