"""``{% load todo %}{% due_panel %}``: what is due for the logged-in user."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.template import Context

from balise.todo.items import due_by_plan

register = template.Library()


@register.inclusion_tag("monitoring/_due.html", takes_context=True)
def due_panel(context: Context, today: date | None = None) -> dict[str, Any]:
    """``{% due_panel %}``: what is due for the logged-in user (nothing shown when nothing is);
    ``today`` (a date) is for tests and previews."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"due": []}
    return {"due": due_by_plan(user, today)}
