"""E-mails to people, each in their own language (`preferences.language_of`), sent after the
transaction commits (a refused write sends nothing), through Django's e-mail backend (the console
in the demo, locmem in tests)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from balise.accounts.preferences import language_of
from balise.accounts.users import User


def base_url() -> str:
    """The address Balise is reached at, for links in e-mails."""
    return getattr(settings, "BALISE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def send_to(
    people: Iterable[User], template: str, subject: Callable[[], str], context: dict[str, Any]
) -> None:
    """One e-mail per language spoken by ``people`` (active, with an address): ``subject()`` and
    the plain-text ``template`` rendered in that language."""
    by_language: dict[str, set[str]] = defaultdict(set)
    for person in people:
        if person.is_active and person.email:
            by_language[language_of(person)].add(person.email)
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            title, text = str(subject()), render_to_string(template, context)
        transaction.on_commit(partial(send_mail, title, text, settings.DEFAULT_FROM_EMAIL, sorted(addresses)))
