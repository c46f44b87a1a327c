from __future__ import annotations

import pytest


@pytest.fixture
def reference(db):
    """The reference lists loaded into the test database."""
    from balise.reference.loader import load_reference

    return load_reference()


@pytest.fixture(autouse=True)
def _source_language():
    """Each test starts in the source language, whatever a previous request activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def in_french(settings):
    """Pages rendered in French, the default language of a real installation."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    translation.activate("fr")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered trees and charts are cached by ids that the test database reuses: start empty."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    """Generated files (jobs, charts, uploads) go to a temporary folder, never the developer's var/."""
    settings.VAR_DIR = tmp_path / "var"
