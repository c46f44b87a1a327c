from __future__ import annotations

import pytest

from balise.accounts.roles import Role
from tests.factories import user_with_role


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "org", "overview", "regional"),
    [
        (Role.MUNICIPALITY_EDITOR, "21009", False, True),
        (Role.FEDERAL_ANALYST, "IBZ", True, True),
        (Role.REGIONAL_COORDINATOR, "BE-BRU", True, True),
        (Role.PARTNER, "5340", False, True),
    ],
)
def test_the_top_bar_offers_only_the_pages_a_role_can_open(client, reference, role, org, overview, regional):
    client.force_login(user_with_role("someone", role, org))
    html = client.get("/").content.decode()
    assert ('href="/dashboards/federal/"' in html) is overview
    assert ('href="/finance/"' in html) is overview
    assert ('href="/regional/"' in html) is regional
