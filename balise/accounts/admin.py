"""Organisations, users with their roles, and API tokens in the Django admin (administrators)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from balise.accounts.models import Membership, Organisation
from balise.accounts.onboarding import AccessRequest, ExternalIdentity, Invitation
from balise.accounts.tokens import ApiToken


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_fr", "name_nl", "kind", "code", "region")
    list_filter = ("kind",)
    search_fields = ("name_fr", "name_nl", "code")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("organisation",)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class BaliseUserAdmin(UserAdmin):
    """Django's user form with the user's roles (memberships of organisations) beneath it."""

    inlines = (MembershipInline,)
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_superuser")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organisation")
    list_filter = ("role", "organisation__kind")
    search_fields = ("user__username", "user__email", "organisation__name_fr", "organisation__name_nl")
    autocomplete_fields = ("user", "organisation")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Inspected and revoked only: a token's secret is shown once, to its owner, when created."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    """People who signed in through single sign-on without a role (answered on /people/requests/)."""

    list_display = ("email", "name", "requested_at", "attempts", "granted_at", "granted_by")
    list_filter = (("granted_at", admin.EmptyFieldListFilter),)
    search_fields = ("email", "name", "subject")
    readonly_fields = (
        "issuer",
        "subject",
        "requested_at",
        "last_attempt_at",
        "granted_at",
        "granted_by",
        "user",
    )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "subject", "linked_at")
    search_fields = ("user__username", "user__email", "subject")
    autocomplete_fields = ("user",)


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ("email", "organisation", "role", "invited_by", "created_at", "accepted_at")
    search_fields = ("email",)
    readonly_fields = ("invited_by", "created_at", "accepted_at", "accepted_by")
