from __future__ import annotations

import pytest


@pytest.fixture
def reference(db):
    """The reference lists loaded into the test database."""
    from balise.reference.loader import load_reference

    return load_reference()
