"""Login page (passwords, and single sign-on when configured), the OpenID Connect flow's two
views, the polite refusal of a person without a role, and logout (from the provider too)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from balise.accounts.onboarding import AccessRequest
from balise.accounts.sso import REFUSED_SESSION_KEY, sso_enabled


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso"] = sso_enabled()
        context["sso_provider"] = settings.BALISE_SSO_PROVIDER_NAME
        return context


class _Callback(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self) -> str:
        return reverse("sso-refused")


def _require_sso() -> None:
    if not sso_enabled():
        raise Http404


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Sends the browser to the provider (state, nonce and PKCE verifier kept in the session)."""
    _require_sso()
    response: HttpResponse = OIDCAuthenticationRequestView.as_view()(request)
    return response


@never_cache
def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code; in, or to the refusal page."""
    _require_sso()
    request.session.pop(REFUSED_SESSION_KEY, None)
    response: HttpResponse = _Callback.as_view()(request)
    return response


@never_cache
def refused(request: HttpRequest) -> HttpResponse:
    """Signed in at the provider but not let into Balise: says why in the visitor's language."""
    access_request = None
    pk = request.session.get(REFUSED_SESSION_KEY)
    if pk is not None:
        access_request = AccessRequest.objects.filter(pk=pk, granted_at=None).first()
    return render(
        request,
        "web/sso/refused.html",
        {"access_request": access_request, "sso_provider": settings.BALISE_SSO_PROVIDER_NAME},
        status=403,
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the Balise session, then the provider's where it offers an end-session endpoint."""
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    login_url = request.build_absolute_uri(reverse("login"))
    if id_token and settings.OIDC_OP_LOGOUT_ENDPOINT:
        query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": login_url})
        return HttpResponseRedirect(f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}")
    return HttpResponseRedirect(login_url)
