"""Plan content in the reader's language: ``{% content node "title" %}``.

Shows the node's translation into the page's language when the plan has one, else the text as
written, wrapped in its ``lang`` (screen readers pronounce it right). In a plan translated into the
page's language, a text left untranslated is marked with the language it is shown in, and a
translation whose text as written was edited since it was attached is marked “may be outdated”.
The plan (for its language) comes from the template's context.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.domain.languages import base_language
from balise.plans.translation import content as content_of

register = template.Library()

_NAMES = {"fr": "FR", "nl": "NL", "de": "DE"}


def _plan(context: template.Context, node: Any) -> Any:
    return node if hasattr(node, "language") else context.get("plan")


def _written_in(context: template.Context, node: Any) -> str:
    return str(getattr(_plan(context, node), "language", "") or "fr")


@register.simple_tag(takes_context=True)
def content(context: template.Context, node: Any, field: str) -> SafeString:
    """The field's text for the page's language, marked when shown untranslated."""
    reader = get_language()
    text = content_of(node, field, _written_in(context, node), reader)
    if text.stale:
        # The text as written was edited after this translation was attached: the translation is
        # still shown (a reader of this language understands it) but marked, until the plan's
        # document in this language is attached again.
        return format_html(
            '<span lang="{}">{}</span> <small class="stale" title="{}">{}</small>',
            text.language,
            text.text,
            _("The text as written was changed after this translation was attached."),
            _("may be outdated"),
        )
    translated_into = getattr(_plan(context, node), "translations", None) or {}
    # A plan with no translation into the reader's language is marked once, on its page; a node
    # left untranslated in a translated plan is marked where it stands.
    if not text.fallback or base_language(reader) not in translated_into:
        return format_html('<span lang="{}">{}</span>', text.language, text.text)
    return format_html(
        '<span lang="{}">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
        text.language,
        text.text,
        _("Not translated: shown as written"),
        _NAMES.get(text.language, text.language.upper()),
    )


@register.simple_tag(takes_context=True)
def content_text(context: template.Context, node: Any, field: str) -> str:
    """The field's text for the page's language, plain (for titles and attributes)."""
    return content_of(node, field, _written_in(context, node), get_language()).text
