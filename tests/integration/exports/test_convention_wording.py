"""The convention's fixed texts are the national template's words, which the importer reads back."""

from __future__ import annotations

import pytest
from django.utils import translation

from balise.exports.convention.wording import LANGUAGES, TEMPLATE, tr


@pytest.mark.parametrize("language", ("fr", "nl"))
def test_every_text_is_the_template_wording_in_french_and_dutch(language):
    """A catalogue may translate a text (the lead fills them in one pass): it must then say the
    template's words, or conventions stop importing."""
    with translation.override(language):
        for msgid, wording in TEMPLATE.items():
            assert tr(msgid) == wording[LANGUAGES.index(language)], msgid


def test_german_has_no_template_wording_and_takes_every_text_from_its_catalogue():
    assert all(len(wording) == 2 for wording in TEMPLATE.values())  # French and Dutch only
    with translation.override("de"):
        untranslated = [msgid for msgid in TEMPLATE if tr(msgid) == msgid]
    assert untranslated == []


def test_an_unknown_text_stays_as_written():
    with translation.override("fr"):
        assert tr("Not a template text") == "Not a template text"


def test_values_are_put_in_after_translation():
    with translation.override("nl"):
        assert tr("PHENOMENON %(number)s", number=3) == "FENOMEEN 3"
