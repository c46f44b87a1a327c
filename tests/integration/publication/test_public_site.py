"""The public site as an anonymous crawler sees it: every published item, nothing else."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.publication import actions
from balise.publication.actions import PublicationError
from tests.integration.publication.conftest import SECRETS

HREF = re.compile(r'href="(/public/[^"#?]*)(?:\?[^"]*)?"')
PLAN_PAGE = re.compile(r"^/public/(fr|nl|de)/plans/(\d+)/$")


def crawl(client: Client, start: str) -> dict[str, str]:
    """Every public page reachable from ``start``, by its path."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        seen[path] = body
        queue.extend(link for link in HREF.findall(body) if link not in seen)
    return seen


@pytest.mark.django_db
def test_an_anonymous_crawler_reaches_every_published_plan_and_nothing_else(world):
    pages = crawl(Client(), "/public/fr/")
    reached = {int(m.group(2)) for path in pages if (m := PLAN_PAGE.match(path))}
    assert reached == world.published
    assert {m.group(1) for path in pages if (m := PLAN_PAGE.match(path))} == {"fr", "nl", "de"}
    for path, body in pages.items():
        leaked = [secret for secret in SECRETS if secret in body]
        assert not leaked, f"{path} shows {leaked}"
    assert "/public/fr/municipalities/21009/" in pages and "/public/fr/phenomena/burglary/" in pages


@pytest.mark.django_db
def test_a_plan_that_is_not_published_is_not_found_at_its_public_address(world):
    client = Client()
    for plan in (world.ixelles_internal, world.molenbeek_draft):
        assert client.get(f"/public/fr/plans/{plan.pk}/").status_code == 404
    assert client.get("/public/fr/plans/999999/").status_code == 404
    assert client.get("/public/fr/municipalities/21001/").status_code == 404  # nothing published there


@pytest.mark.django_db
def test_the_public_plan_shows_the_values_and_analysis_of_analysed_years_only(world):
    body = Client().get(f"/public/fr/plans/{world.ixelles_public.pk}/").content.decode()
    assert "ANALYSE-PUBLIQUE" in body and "MOTIVATION-PUBLIQUE" in body
    assert '<th scope="row">2024</th>' in body and '<th scope="row">2025</th>' not in body
    assert "45" in body  # 30 + 15 visits in 2024
    molenbeek = Client().get(f"/public/fr/plans/{world.molenbeek_public.pk}/").content.decode()
    assert "réunions du comité" in molenbeek and "99" not in molenbeek  # indicators without values


@pytest.mark.django_db
def test_withdrawing_a_publication_takes_effect_on_the_next_request(world):
    client = Client()
    path = f"/public/nl/plans/{world.ixelles_public.pk}/"
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # now served from the cache
    actions.withdraw(world.ixelles_public, world.editor)
    assert client.get(path).status_code == 404
    assert f"/plans/{world.ixelles_public.pk}/" not in client.get("/public/nl/").content.decode()


@pytest.mark.django_db
def test_a_cached_public_page_costs_one_query(world, django_assert_num_queries):
    client = Client()
    for path in (
        "/public/de/",
        f"/public/de/plans/{world.ixelles_public.pk}/",
        "/public/de/phenomena/burglary/",
    ):
        client.get(path)
        with django_assert_num_queries(1):
            assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_public_pages_speak_the_language_of_their_address(world):
    client = Client()
    de = client.get("/public/de/").content.decode()
    assert '<html lang="de">' in de and "Einbruch" in de
    nl = client.get("/public/nl/phenomena/burglary/").content.decode()
    assert '<html lang="nl">' in nl and "Inbraak" in nl
    assert client.get("/public/de/").headers["Content-Language"] == "de"


@pytest.mark.django_db
def test_the_search_finds_published_plans_by_municipality_and_never_unpublished_ones(world):
    client = Client()
    found = client.get("/public/fr/?q=Ixelles").content.decode()
    assert "PSSP Ixelles public" in found and "SECRET-PLAN" not in found
    assert "PSSP Molenbeek public" not in found


@pytest.mark.django_db
def test_only_an_editor_of_the_plan_publishes_it_and_a_draft_never(world):
    with pytest.raises(PermissionDenied):
        actions.publish(world.ixelles_internal, world.outsider)
    with pytest.raises(PermissionDenied):
        actions.withdraw(world.ixelles_public, world.outsider)
    with pytest.raises(PublicationError):
        actions.publish(world.molenbeek_draft, world.outsider)


@pytest.mark.django_db
def test_an_editor_publishes_and_withdraws_from_the_plan_page(world, client):
    path = f"/plans/{world.ixelles_internal.pk}/publication/"
    client.force_login(world.editor)
    assert client.get(path).status_code == 200
    client.post(path, {"action": "publish", "indicators": "on"})
    public = f"/public/fr/plans/{world.ixelles_internal.pk}/"
    assert Client().get(public).status_code == 200
    client.post(path, {"action": "withdraw"})
    assert Client().get(public).status_code == 404


@pytest.mark.django_db
def test_another_municipality_cannot_see_or_change_the_publication_of_a_plan(world, client):
    path = f"/plans/{world.ixelles_internal.pk}/publication/"
    client.force_login(world.outsider)
    assert client.get(path).status_code == 404
    assert client.post(path, {"action": "publish"}).status_code == 404
    assert Client().get(f"/public/fr/plans/{world.ixelles_internal.pk}/").status_code == 404
    anonymous = Client().post(path, {"action": "publish"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


@pytest.mark.django_db
def test_the_public_plan_shows_the_crime_figures_beside_its_burglary_module_and_a_new_import_at_once(world):
    from balise.imports.statistics.importing import import_statistics

    client = Client()
    path = f"/public/fr/plans/{world.ixelles_public.pk}/"
    assert "context-figures" not in client.get(path).content.decode()
    table = "Commune;Sous-catégorie;2022;2023\n21009;Cambriolage dans une habitation;385;402\n"
    import_statistics("ixelles.csv", table.encode("utf-8"), user=SYSTEM)
    body = client.get(path).content.decode()  # the import changes the cache key
    burglary = body[body.index("Cambriolage</a></h2>") :]
    assert burglary.index('class="context-figures"') < burglary.index("</section>")
    assert "402" in burglary
