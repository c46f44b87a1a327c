"""Today's date for every rule that compares with it (deadlines, lateness, the current year).

``BALISE_TODAY`` (an ISO date, e.g. ``2025-02-17``) fixes it: the demo runs on a date at which its
calendar reads naturally (the 2024 evaluation being written, last year's reports on time), instead
of the real date, at which every deadline of a 2023-2025 plan is long past. Unset (production), it
is the real date in the site's time zone. Timestamps (``timezone.now()``) are never shifted: the
history records when things really happened.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.checks import Error, register
from django.utils import timezone


def today() -> date:
    """``BALISE_TODAY`` when set, else the real date in the site's time zone."""
    fixed = getattr(settings, "BALISE_TODAY", "")
    if fixed:
        return date.fromisoformat(fixed)
    return timezone.localdate()


@register()
def check_today(**_kwargs: object) -> list[Error]:
    """A misspelt ``BALISE_TODAY`` stops the server at start rather than at the first page."""
    fixed = getattr(settings, "BALISE_TODAY", "")
    if not fixed:
        return []
    try:
        date.fromisoformat(fixed)
    except (TypeError, ValueError):
        return [
            Error(
                f"BALISE_TODAY={fixed!r} is not a date.",
                hint="Write it as YYYY-MM-DD (2025-02-17), or leave it unset for the real date.",
                id="balise.E020",
            )
        ]
    return []
