"""The security log (logger ``balise.security``): logins, failed logins, lockouts, refusals.

One line per event with the account, the address and the path, so that an operator can follow an
attack in the ordinary logs (``LOGGING`` sends them to stderr as JSON lines). Passwords are never
logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

log = logging.getLogger("balise.security")


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")


def _path(request: HttpRequest | None) -> str:
    return request.path if request is not None else ""


@receiver(user_logged_in)
def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    log.info(
        "login",
        extra={
            "event": "login",
            "username": user.get_username(),
            "ip": _address(request),
            "path": _path(request),
        },
    )


@receiver(user_login_failed)
def login_failed(sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    log.warning(
        "login failed",
        extra={
            "event": "login_failed",
            "username": username,
            "ip": _address(request),
            "path": _path(request),
        },
    )


@receiver(user_locked_out)
def locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    log.warning(
        "lockout",
        extra={"event": "lockout", "username": username or "", "ip": ip_address, "path": _path(request)},
    )


class PermissionRefusalLogMiddleware:
    """Logs every 403 answer (pages and API alike): who was refused what."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            log.warning(
                "permission refused",
                extra={
                    "event": "permission_refused",
                    "username": user.get_username() if user is not None and user.is_authenticated else "",
                    "ip": _address(request),
                    "path": request.path,
                    "method": request.method,
                },
            )
        return response
