"""What a locked-out visitor sees: why, and when they may try again (django-axes' lockout page).

Axes locks an account, and separately an address, after ``AXES_FAILURE_LIMIT`` failed logins.
Failures during a lockout do not prolong it (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT`` is
off), so the lockout ends ``AXES_COOLOFF_TIME`` after the last failure recorded before it.
"""

from __future__ import annotations

from datetime import datetime

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_ends(request: HttpRequest, credentials: dict | None) -> datetime:
    """When the lockout of this account or this address ends."""
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    match = Q(ip_address=address)
    if username:
        match |= Q(username=username)
    last = AccessAttempt.objects.filter(match).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    until = timezone.localtime(lockout_ends(request, credentials))
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"until": until, "minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
