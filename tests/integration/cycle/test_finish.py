"""The finish a public body can ship: an accessibility statement anyone can read, a favicon,
an administration that says it is Balise's, the multi-year dashboard reachable from a plan."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_the_accessibility_statement_is_public_and_linked_from_every_page(client, in_french):
    response = client.get("/accessibility/")
    html = response.content.decode()
    assert response.status_code == 200 and "WCAG" in html
    assert 'href="/accessibility/"' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "step"),
    [
        ("fr", "Guide de l'utilisateur", "L'analyste fédéral ouvre la liste de travail"),
        ("nl", "Gebruikershandleiding", "De federale analist opent de werklijst"),
        ("de", "Benutzerhandbuch", "Der föderale Analyst öffnet die Arbeitsliste"),
    ],
)
def test_the_user_guide_tells_the_yearly_cycle_in_the_readers_language_with_its_pictures(
    client, settings, language, title, step
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/guide/").content.decode()

    assert f"<h1>{title}</h1>" in html.replace("&#x27;", "'") and step in html.replace("&#x27;", "'")
    assert html.count('<figure class="guide-picture">') == 3
    for name in ("worklist", "grid", "evaluation-form"):
        for size in ("laptop", "phone"):
            assert f"/static/balise/guide/{name}-{size}.jpg" in html
            assert client.get(f"/static/balise/guide/{name}-{size}.jpg").status_code == 200
    assert 'alt=""' not in html
    assert 'href="/guide/"' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_pages_carry_a_favicon(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


@pytest.mark.django_db
def test_the_administration_is_named_balise(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Balise" in html and "Django administration" not in html


@pytest.mark.django_db
def test_a_plan_page_links_its_municipality_across_the_years(client, plan, owner):
    client.force_login(owner)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/dashboards/municipalities/{plan.municipality_id}/"' in html
