"""Every monitoring endpoint: another municipality gets a 404, anonymous the login page, and the
pages run a bounded number of queries."""

from __future__ import annotations

import pytest

from tests.integration.monitoring_web.conftest import YEAR, indicator


def endpoints(plan) -> list[tuple[str, str]]:
    visits = indicator(plan, "Nombre de visites techno")
    base = f"/plans/{plan.pk}/monitoring"
    return [
        ("get", f"{base}/values/?year={YEAR}"),
        ("get", f"{base}/values/{visits.pk}/2024/"),
        ("post", f"{base}/values/{visits.pk}/2024/"),
        ("post", f"{base}/values/bulk/"),
        ("get", f"{base}/evaluation/{YEAR}/"),
        ("post", f"{base}/evaluation/{YEAR}/state/"),
        ("post", f"{base}/evaluation/{YEAR}/self/indicator/{visits.key}/"),
        ("post", f"{base}/evaluation/{YEAR}/analysis/indicator/{visits.key}/"),
    ]


@pytest.mark.django_db
def test_another_municipality_gets_404_everywhere(client, plan, outsider):
    client.force_login(outsider)
    for method, url in endpoints(plan):
        data = {"action": "submit", "amount": "1"} if method == "post" else {}
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page_everywhere(client, plan):
    for method, url in endpoints(plan):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (method, url)


@pytest.mark.django_db
def test_the_owner_and_a_colleague_open_every_page(client, plan, owner, colleague):
    for user in (owner, colleague):
        client.force_login(user)
        for method, url in endpoints(plan):
            if method == "get":
                assert client.get(url).status_code == 200, (user, url)


@pytest.mark.django_db
def test_the_pages_run_a_bounded_number_of_queries(client, plan, owner, django_assert_max_num_queries):
    client.force_login(owner)
    with django_assert_max_num_queries(20):
        values = client.get(f"/plans/{plan.pk}/monitoring/values/?year={YEAR}&period=2024")
    with django_assert_max_num_queries(20):
        evaluation = client.get(f"/plans/{plan.pk}/monitoring/evaluation/{YEAR}/")
    # A bound on the queries of an error page would prove nothing.
    assert (values.status_code, evaluation.status_code) == (200, 200)
