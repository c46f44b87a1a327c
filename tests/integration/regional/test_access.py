"""Every regional page against every kind of user: who reads, who edits, who gets nothing."""

from __future__ import annotations

import pytest

from .conftest import client_for

READ = {
    "coordinator": 200,
    "partner": 200,
    "analyst": 200,
    "municipality": 200,
    "ixelles_editor": 200,
    "admin": 200,
    "other_partner": 404,
    "outsider": 404,
    "other_coordinator": 404,
}
FULL_READ = {**READ, "partner": 403}  # pages about everyone's work: not for a partner
EDIT = {**FULL_READ, "analyst": 403, "municipality": 403, "ixelles_editor": 403}
OWN_OUTPUTS = {**EDIT, "partner": 200}
OTHERS_PROJECT = {**READ, "partner": 404}
OTHERS_OUTPUTS = {**EDIT, "partner": 404}
LINKS = {**FULL_READ, "municipality": 404}  # Molenbeek's viewer cannot read Ixelles' plan

PAGES = {
    "dashboard": ("/regional/{rp}/", READ),
    "dashboard for a year": ("/regional/{rp}/?year=2022&thematic=1&category=police_zone", READ),
    "coverage cell": ("/regional/{rp}/coverage/1/police/?from=2021&to=2022", READ),
    "own project": ("/regional/{rp}/projects/{zone}/", READ),
    "someone else's project": ("/regional/{rp}/projects/{asbl}/", OTHERS_PROJECT),
    "new project": ("/regional/{rp}/projects/new/", EDIT),
    "edit project": ("/regional/{rp}/projects/{zone}/edit/", EDIT),
    "own outputs": ("/regional/{rp}/projects/{zone}/outputs/2021/", OWN_OUTPUTS),
    "someone else's outputs": ("/regional/{rp}/projects/{asbl}/outputs/2022/", OTHERS_OUTPUTS),
    "output definitions": ("/regional/{rp}/projects/{zone}/outputs/", EDIT),
    "someone else's output definitions": ("/regional/{rp}/projects/{asbl}/outputs/", OTHERS_OUTPUTS),
    "partners": ("/regional/{rp}/partners/", FULL_READ),
    "new subsidy": ("/regional/{rp}/partners/{asbl_partner}/subsidies/new/", EDIT),
    "objective links": ("/regional/{rp}/links/{municipal}/", LINKS),
    "report": ("/regional/{rp}/report/?from=2021&to=2022", FULL_READ),
}
# Asked for by POST: 302 to the job's page for whoever may read the whole report.
STARTS = {
    "report docx": (
        "/regional/{rp}/report.docx",
        {**FULL_READ, **{k: 302 for k, v in FULL_READ.items() if v == 200}},
    )
}


def _url(template: str, world) -> str:
    return template.format(
        rp=world.regional.pk,
        zone=world.projects["zone"].pk,
        asbl=world.projects["asbl_call"].pk,
        asbl_partner=world.partners["asbl_call"].pk,
        municipal=world.municipal_plan.pk,
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", READ)
def test_each_page_answers_each_role_as_the_rules_say(world, users, page, role):
    template, expected = PAGES[page]
    response = client_for(users[role]).get(_url(template, world))
    assert response.status_code == expected[role]


@pytest.mark.parametrize("page", STARTS)
@pytest.mark.parametrize("role", READ)
def test_each_job_is_started_only_by_those_who_may_read_its_result(world, users, page, role):
    from balise.jobs.models import Job

    template, expected = STARTS[page]
    response = client_for(users[role]).post(_url(template, world), {"from": 2021, "to": 2022})
    assert response.status_code == expected[role]
    assert Job.objects.exists() == (expected[role] == 302)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(world, page):
    response = client_for(None).get(_url(PAGES[page][0], world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_regional_index_lists_only_what_the_user_may_open(world, users):
    assert world.regional.plan.title in client_for(users["municipality"]).get("/regional/").content.decode()
    page = client_for(users["outsider"]).get("/regional/")
    assert page.status_code == 200 and world.regional.plan.title not in page.content.decode()
    assert client_for(None).get("/regional/").status_code == 302


def test_an_unknown_regional_plan_project_or_column_is_not_found(world, users):
    client = client_for(users["coordinator"])
    rp = world.regional.pk
    assert client.get(f"/regional/{rp + 999}/").status_code == 404
    assert client.get(f"/regional/{rp}/projects/999999/").status_code == 404
    assert client.get(f"/regional/{rp}/coverage/1/nowhere/").status_code == 404
    assert client.get(f"/regional/{rp}/coverage/42/police/").status_code == 404
    assert client.post(f"/regional/{rp}/report.xls").status_code == 404
    assert client.get(f"/regional/{rp}/projects/{world.projects['zone'].pk}/outputs/2030/").status_code == 404


WRITES = {
    "new project": "/regional/{rp}/projects/new/",
    "own outputs": "/regional/{rp}/projects/{zone}/outputs/2021/",
    "output definitions": "/regional/{rp}/projects/{zone}/outputs/",
    "decision on outputs": "/regional/{rp}/projects/{zone}/outputs/2021/review/",
    "partners": "/regional/{rp}/partners/",
    "new subsidy": "/regional/{rp}/partners/{asbl_partner}/subsidies/new/",
    "objective links": "/regional/{rp}/links/{municipal}/",
}


@pytest.mark.parametrize("page", WRITES)
@pytest.mark.parametrize(
    "role", ["analyst", "municipality", "other_partner", "outsider", "other_coordinator"]
)
def test_those_who_may_not_write_change_nothing(world, users, page, role):
    from balise.regional.models import ObjectiveLink, OutputValue, Partner, Project, Subsidy

    before = [m.objects.count() for m in (ObjectiveLink, Partner, Project, OutputValue, Subsidy)]
    response = client_for(users[role]).post(
        _url(WRITES[page], world),
        {
            "title": "x",
            "name": "x",
            "category": "police_zone",
            "label": "x",
            "action": "return",
            "comment": "x",
            "year": 2022,
            "amount": "1",
        },
    )
    assert response.status_code in (403, 404)
    assert [m.objects.count() for m in (ObjectiveLink, Partner, Project, OutputValue, Subsidy)] == before
