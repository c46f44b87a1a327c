"""An organisation's members page: its people and their roles, invitations, and the audit trail
of every role given, changed or taken away and every invitation, for its administrators.

Its editors see the page too, to invite colleagues (with the roles `invitable_roles` allows them),
without the controls that change roles nor the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise.accounts.actions import change_role, deactivate_member, give_role, take_role
from balise.accounts.administration import administers, invitable_roles, roles_for
from balise.accounts.invitations import invite
from balise.accounts.models import LANGUAGE_CHOICES, Membership, Organisation
from balise.accounts.onboarding import Invitation
from balise.accounts.roles import Role
from balise.errors import BaliseError
from balise.formfields import field_of
from balise.web.people.views import acting_user


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mail"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "role", forms.ChoiceField).choices = [(r.value, r.label) for r in roles]


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    text: str


def _name(user: Any) -> str:
    if user is None:
        return "—"
    return str(user.get_full_name() or user.get_username())


def audit_trail(organisation: Organisation, limit: int = 100) -> list[Event]:
    """Roles given, changed, taken away and invitations sent or accepted, newest first."""
    events: list[Event] = []
    verbs = {"+": _("gave the role %(role)s to %(person)s"), "-": _("took the role %(role)s from %(person)s")}
    records = (
        Membership.history.filter(organisation_id=organisation.pk)
        .select_related("history_user", "user")
        .order_by("-history_date")[:limit]
    )
    for record in records:
        person = _name(getattr(record, "user", None))
        verb = verbs.get(record.history_type, _("changed a role of %(person)s to %(role)s"))
        role = record.get_role_display()
        events.append(
            Event(record.history_date, _name(record.history_user), verb % {"role": role, "person": person})
        )
    invitations = (
        Invitation.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    for record in invitations:
        role = record.get_role_display()
        if record.history_type == "+":
            text = _("invited %(email)s as %(role)s") % {"email": record.email, "role": role}
        else:
            text = _("accepted the invitation as %(role)s") % {"role": role}
        events.append(Event(record.history_date, _name(record.history_user), text))
    return sorted(events, key=lambda event: event.at, reverse=True)[:limit]


def _organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not administers(request.user, organisation):
        raise PermissionDenied
    return organisation


def _invitable(request: HttpRequest, organisation_id: int) -> tuple[Organisation, list[Role]]:
    """The organisation and the roles the user may invite into it with (403: none)."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    roles = invitable_roles(request.user, organisation)
    if not roles:
        raise PermissionDenied
    return organisation, roles


def _page(
    request: HttpRequest,
    organisation: Organisation,
    roles: list[Role],
    form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    administrator = administers(request.user, organisation)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__username", "role")
    )
    people: dict[int, dict[str, Any]] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, {"user": membership.user, "memberships": []})[
            "memberships"
        ].append(membership)
    context = {
        "organisation": organisation,
        "administrator": administrator,
        "people": list(people.values()),
        "roles": [(r.value, r.label) for r in roles_for(organisation)],
        "form": form or InviteForm(roles=roles, initial={"language": (get_language() or "fr")[:2]}),
        "invitations": Invitation.objects.filter(organisation=organisation, accepted_at=None).select_related(
            "invited_by"
        ),
        "invitation_days": settings.BALISE_INVITATION_DAYS,
        "events": audit_trail(organisation) if administrator else [],
    }
    return render(request, "web/people/members.html", context, status=status)


@login_required
def members(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation, roles = _invitable(request, organisation_id)
    return _page(request, organisation, roles)


@login_required
@require_POST
def invite_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation, roles = _invitable(request, organisation_id)
    form = InviteForm(request.POST, roles=roles)
    if not form.is_valid():
        return _page(request, organisation, roles, form, status=422)
    link_base = request.build_absolute_uri(reverse("invitation-accept", args=["x"]))[: -len("x/")]
    try:
        invitation = invite(
            acting_user(request),
            organisation,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            form.cleaned_data["language"],
            link_base,
        )
    except BaliseError as error:
        form.add_error(None, str(error))
        return _page(request, organisation, roles, form, status=422)
    messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
    return redirect("people-members", organisation.pk)


def _act(request: HttpRequest, organisation_id: int, action: Callable[[Organisation], str]) -> HttpResponse:
    organisation = _organisation(request, organisation_id)
    try:
        messages.success(request, action(organisation))
    except BaliseError as error:
        messages.error(request, str(error))
    return redirect("people-members", organisation.pk)


def _int(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
@require_POST
def give_role_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    def action(organisation: Organisation) -> str:
        member = Membership.objects.filter(organisation=organisation, user_id=_int(request, "user")).first()
        if member is None:
            raise Http404
        membership = give_role(acting_user(request), member.user, organisation, request.POST.get("role", ""))
        return _("%(person)s is now %(role)s.") % {
            "person": _name(member.user),
            "role": membership.get_role_display(),
        }

    return _act(request, organisation_id, action)


@login_required
@require_POST
def change_role_view(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    def action(organisation: Organisation) -> str:
        membership = change_role(
            acting_user(request), membership_id, organisation, request.POST.get("role", "")
        )
        return _("%(person)s is now %(role)s.") % {
            "person": _name(membership.user),
            "role": membership.get_role_display(),
        }

    return _act(request, organisation_id, action)


@login_required
@require_POST
def take_role_view(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    def action(organisation: Organisation) -> str:
        take_role(acting_user(request), membership_id, organisation)
        return _("The role was taken away.")

    return _act(request, organisation_id, action)


@login_required
@require_POST
def deactivate_view(request: HttpRequest, organisation_id: int, user_id: int) -> HttpResponse:
    def action(organisation: Organisation) -> str:
        deactivate_member(acting_user(request), user_id, organisation)
        return _("The person no longer has any role in the organisation.")

    return _act(request, organisation_id, action)
