"""The values page of a plan: reading, bulk entry per module and period, single-value edit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Measurement
from balise.monitoring.workflow import evaluation_for, submit
from tests.integration.monitoring_web.conftest import YEAR, indicator, module_of

VISITS = "Nombre de visites techno"
SHARE = "Part des visites suivies"
PRESENCE = "Présence des gardiens"


def values_url(plan, **query) -> str:
    query = {"year": YEAR, **query}
    return f"/plans/{plan.pk}/monitoring/values/?" + "&".join(f"{k}={v}" for k, v in query.items())


def bulk(client, plan, period: str, rows: dict, module: str = "Cambriolage"):
    data = {"year": YEAR, "module": module_of(plan, module), "period": period}
    for ind, fields in rows.items():
        data.update({f"i{ind.pk}-{name}": value for name, value in fields.items()})
    return client.post(f"/plans/{plan.pk}/monitoring/values/bulk/", data)


def fieldset(html: str, ind) -> str:
    match = re.search(rf'<fieldset class="entry[^"]*" id="entry-{ind.pk}">(.*?)</fieldset>', html, re.S)
    assert match, f"no bulk row for indicator {ind.pk}"
    return match.group(1)


# Reading ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_owner_sees_targets_as_written_and_as_read_with_progress(client, plan, owner):
    record_measurement(indicator(plan, VISITS), "2024", {"amount": "45"}, owner)
    client.force_login(owner)
    html = client.get(values_url(plan, module=module_of(plan, "Cambriolage"))).content.decode()
    assert "≥ 50 /an" in html  # as written
    assert "≥ 50" in html and "per year" in html.replace("par an", "per year")  # as read
    assert "progress-partly_met" in html  # 45 of 50 = 90 % ≥ the 80 % threshold
    assert "45 / 50" in html


@pytest.mark.django_db
def test_a_colleague_reads_the_values_without_any_form(client, plan, owner, colleague):
    record_measurement(indicator(plan, VISITS), "2024", {"amount": "45"}, owner)
    client.force_login(colleague)
    html = client.get(values_url(plan, module=module_of(plan, "Cambriolage"), period="2024")).content.decode()
    assert "45" in html
    assert "/values/bulk/" not in html


@pytest.mark.django_db
def test_another_municipality_gets_a_404_and_anonymous_the_login_page(client, plan, outsider):
    response = client.get(values_url(plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    response = client.get(values_url(plan))
    assert response.status_code == 404
    assert "Cambriolage" not in response.content.decode()
    response = bulk(client, plan, "2024", {indicator(plan, VISITS): {"amount": "1"}})
    assert response.status_code == 404
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_a_federal_analyst_reads_every_plan_but_never_records_values(client, plan, analyst):
    client.force_login(analyst)
    assert client.get(values_url(plan)).status_code == 200
    visits = indicator(plan, VISITS)
    assert bulk(client, plan, "2024", {visits: {"amount": "50"}}).status_code == 403
    response = client.post(f"/plans/{plan.pk}/monitoring/values/{visits.pk}/2024/", {"amount": "50"})
    assert response.status_code == 403
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_the_bulk_form_asks_for_inputs_fitting_each_target_kind(client, plan, owner):
    client.force_login(owner)
    html = client.get(values_url(plan, module=module_of(plan, "Cambriolage"), period="2024")).content.decode()
    visits, share = indicator(plan, VISITS), indicator(plan, SHARE)
    assert 'type="number" min="0" step="1"' in fieldset(html, visits)  # a count is a whole number
    assert f'name="i{share.pk}-numerator"' in fieldset(html, share)
    assert f'name="i{share.pk}-denominator"' in fieldset(html, share)
    html = client.get(
        values_url(plan, module=module_of(plan, "Cambriolage"), period="2024-03")
    ).content.decode()
    presence = fieldset(html, indicator(plan, PRESENCE))  # hours per day: entered monthly with the days
    assert "-amount" in presence and "-days" in presence
    html = client.get(
        values_url(plan, module=module_of(plan, "Coordination"), period="2024")
    ).content.decode()
    assert 'type="radio"' in fieldset(html, indicator(plan, "Existence d'outils"))


# Bulk entry -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_bulk_entry_records_every_row_of_the_module_for_the_period(client, plan, owner):
    client.force_login(owner)
    visits, share = indicator(plan, VISITS), indicator(plan, SHARE)
    response = bulk(
        client,
        plan,
        "2024",
        {
            visits: {"amount": "55", "comment": "Rapport annuel", "source": "registre"},
            share: {"numerator": "18", "denominator": "60"},
        },
    )
    assert response.status_code == 302
    assert "period=2024" in response["Location"]
    saved = {m.indicator_id: m for m in Measurement.objects.all()}
    assert saved[visits.pk].amount == Decimal("55") and saved[visits.pk].source == "registre"
    assert saved[visits.pk].entered_by == owner
    assert (saved[share.pk].numerator, saved[share.pk].denominator) == (Decimal(18), Decimal(60))
    html = client.get(response["Location"]).content.decode()
    assert "2 valeurs enregistrées" in html or "2 values saved" in html


@pytest.mark.django_db
def test_a_bad_row_saves_nothing_and_its_message_stands_next_to_it(client, plan, owner):
    client.force_login(owner)
    visits, share = indicator(plan, VISITS), indicator(plan, SHARE)
    response = bulk(
        client,
        plan,
        "2024",
        {visits: {"amount": "55"}, share: {"numerator": "70", "denominator": "60"}},
    )
    assert response.status_code == 200  # a plain browser gets the page back (htmx: 422)
    assert not Measurement.objects.exists()
    html = response.content.decode()
    bad, good = fieldset(html, share), fieldset(html, visits)
    assert 'class="field numerator invalid"' in bad and "field-error" in bad
    assert "field-error" not in good
    assert 'value="55"' in good and 'value="70"' in bad  # what was typed is kept


@pytest.mark.django_db
def test_an_htmx_bulk_entry_with_errors_answers_422(client, plan, owner):
    client.force_login(owner)
    response = client.post(
        f"/plans/{plan.pk}/monitoring/values/bulk/",
        {
            "year": YEAR,
            "module": module_of(plan, "Cambriolage"),
            "period": "2024",
            f"i{indicator(plan, VISITS).pk}-amount": "7,5",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_an_unchanged_prefilled_row_is_not_written_again(client, plan, owner):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "55"}, owner)
    client.force_login(owner)
    response = bulk(client, plan, "2024", {visits: {"amount": "55", "revision": "1"}})
    assert response.status_code == 302
    assert Measurement.objects.get().revision == 1


# Locked year ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_submitted_year_shows_its_values_read_only_and_refuses_changes(client, plan, owner, evaluator):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "55"}, owner)
    submit(evaluation_for(plan, YEAR), evaluator)
    client.force_login(owner)
    html = client.get(values_url(plan, module=module_of(plan, "Cambriolage"), period="2024")).content.decode()
    assert 'class="notice locked"' in html
    assert "/values/bulk/" not in html
    response = bulk(client, plan, "2024", {visits: {"amount": "60"}})
    assert response.status_code == 409
    assert "notice error" in response.content.decode()
    response = client.post(
        f"/plans/{plan.pk}/monitoring/values/{visits.pk}/2024/", {"amount": "60", "revision": "1"}
    )
    assert response.status_code == 409
    assert Measurement.objects.get().amount == Decimal("55")


# Single value -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_value_is_edited_with_its_revision(client, plan, owner):
    client.force_login(owner)
    presence = indicator(plan, PRESENCE)
    url = f"/plans/{plan.pk}/monitoring/values/{presence.pk}/2024-03/"
    html = client.get(url).content.decode()
    assert 'name="days"' in html and 'name="revision" value="0"' in html
    response = client.post(url, {"amount": "150,5", "days": "21", "revision": "0"})
    assert response.status_code == 302 and f"#indicator-{presence.pk}" in response["Location"]
    stored = Measurement.objects.get()
    assert (stored.amount, stored.days, stored.revision) == (Decimal("150.50"), Decimal(21), 1)


@pytest.mark.django_db
def test_a_concurrent_edit_answers_409_with_their_value_and_mine(client, plan, owner, evaluator):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "40"}, owner)
    record_measurement(visits, "2024", {"amount": "48", "comment": "corrigé"}, evaluator)  # revision 2
    client.force_login(owner)
    url = f"/plans/{plan.pk}/monitoring/values/{visits.pk}/2024/"
    response = client.post(url, {"amount": "52", "revision": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    theirs = html.split('class="version theirs"')[1].split("</section>")[0]
    yours = html.split('class="version yours"')[1].split("</section>")[0]
    assert "48" in theirs and "corrigé" in theirs and "Eva Luyten" in theirs
    assert "52" in yours
    assert 'name="revision" value="2"' in html  # saving again overwrites theirs knowingly
    assert Measurement.objects.get().amount == Decimal("48")


@pytest.mark.django_db
def test_a_colleague_cannot_post_a_value(client, plan, colleague):
    client.force_login(colleague)
    visits = indicator(plan, VISITS)
    response = client.post(f"/plans/{plan.pk}/monitoring/values/{visits.pk}/2024/", {"amount": "5"})
    assert response.status_code == 403
    assert bulk(client, plan, "2024", {visits: {"amount": "5"}}).status_code == 403
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_an_unknown_period_or_an_indicator_of_another_plan_is_a_404(client, plan, owner, reference):
    client.force_login(owner)
    visits = indicator(plan, VISITS)
    assert client.get(f"/plans/{plan.pk}/monitoring/values/{visits.pk}/2024-13/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/monitoring/values/999999/2024/").status_code == 404
