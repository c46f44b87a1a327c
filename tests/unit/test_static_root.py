"""Collecting the static files needs somewhere to put them."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from balise.operations.static import collect_static


def test_collecting_static_files_without_a_static_root_says_what_is_missing(settings):
    settings.STATIC_ROOT = None
    with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
        collect_static()
