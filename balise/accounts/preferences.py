"""A person's preferred language: remembered when they choose one (the language buttons, their
preferences page, the language they sign in with) and used for what Balise sends them by e-mail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from balise.accounts.models import Preferences
from balise.accounts.users import User
from balise.domain.languages import CONTENT_LANGUAGES


def language_of(user: User) -> str:
    """The language to write to ``user`` in: their preferred one, else the site's."""
    try:
        chosen = user.preferences.language
    except Preferences.DoesNotExist:
        chosen = ""
    return chosen or settings.LANGUAGE_CODE


def remember_language(user: User, language: str) -> None:
    """Keep ``language`` as ``user``'s preferred one (a language Balise does not write in is
    ignored); writes only when it changes."""
    language = (language or "").split("-")[0].lower()
    if language not in CONTENT_LANGUAGES or not user.is_authenticated:
        return
    current = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    if current != language:
        Preferences.objects.update_or_create(user=user, defaults={"language": language})


@receiver(user_logged_in)
def remember_sign_in_language(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The language someone signs in with is the one they last used."""
    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    if language:
        remember_language(user, language)
