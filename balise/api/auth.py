"""Who is calling: a personal token (`Authorization: Bearer …`) or the logged-in session.

A request that carries a token is judged by that token alone: a wrong or revoked token is a 401
even if a session cookie came along. The session is accepted with Django's CSRF check on unsafe
methods, as for the web pages; a token needs none (it is not sent automatically by browsers).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from balise.accounts.tokens import user_for_secret
from balise.accounts.users import User, signed_in

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class ApiRequest(HttpRequest):
    """The request an operation behind ``AUTH`` receives: ninja sets ``auth`` to what the
    authenticator returned, the caller (the token's owner or the session's user), who is also
    ``user``. Operations declared with ``auth=None`` take a plain ``HttpRequest``."""

    auth: User
    user: User


class InvalidToken(AuthenticationError):
    """A token was sent but is unknown, revoked or its user deactivated."""


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_secret(token)
        if user is None:
            raise InvalidToken
        request.user = user  # so that everything downstream sees the token's owner
        return user


class SessionAuth(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:  # CSRF: see authenticate()
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = signed_in(getattr(request, "user", None))
        if user is None:
            return None  # anonymous: 401, not a CSRF 403
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header with the session."))
        return user


AUTH = [TokenAuth(), SessionAuth()]
