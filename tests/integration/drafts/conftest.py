from __future__ import annotations

from pathlib import Path

import pytest

from balise.accounts.roles import Role
from tests.drafts_support import FIRST, unknown_template_docx
from tests.factories import organisation, user_with_role

TITLE = "Plan stratégique de sécurité et de prévention 2026-2027"


@pytest.fixture
def owner(reference):
    """An editor of Ixelles."""
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture
def ixelles(reference):
    return organisation("21009")


@pytest.fixture
def first_docx(tmp_path) -> Path:
    path = tmp_path / "pssp-ixelles.docx"
    path.write_bytes(unknown_template_docx(TITLE, FIRST))
    return path
