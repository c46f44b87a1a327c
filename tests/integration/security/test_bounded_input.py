"""Every input is bounded and checked before work starts, with the same rules whatever the
entry: the interchange document through the API and the CLI, years, ids and pages in the API,
years on the command line and in the report page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from balise.cli import main
from balise.domain.interchange import InterchangeError, loads
from balise.plans.models import Plan
from tests.hostile.documents import hostile_documents

DOCUMENTS = hostile_documents()
IDS = [name for name, _text, _path in DOCUMENTS]


@pytest.mark.parametrize(("name", "text", "path"), DOCUMENTS, ids=IDS)
def test_the_interchange_reader_refuses_each_hostile_document_naming_the_field(name, text, path):
    with pytest.raises(InterchangeError) as refused:
        loads(text)
    assert refused.value.path == path and refused.value.reason
    assert len(str(refused.value)) < 400  # the refusal never quotes a 5 MB value back


@pytest.fixture
def admin(reference):
    return get_user_model().objects.create_user("admin", password="x", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_the_api_refuses_each_hostile_document_with_422_and_the_field_path(client, admin):
    client.force_login(admin)
    for name, text, path in DOCUMENTS:
        body = text.encode("utf-8", "surrogatepass")
        response = client.post("/api/plans", data=body, content_type="application/json")
        expected = 413 if len(body) > 2_621_440 else 422
        assert response.status_code in (expected, 400), (name, response.status_code)
        assert response["Content-Type"].startswith("application/json"), name
        if response.status_code == 422 and path:
            assert [e["loc"] for e in response.json()["detail"]] == [path], name
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_a_body_over_the_limit_is_413_in_json(client, admin):
    client.force_login(admin)
    response = client.post("/api/plans", data="x" * (3 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@pytest.mark.django_db
def test_the_command_refuses_each_hostile_document_with_exit_2_and_one_line(tmp_path, capsys, reference):
    for name, text, _path in DOCUMENTS:
        file = tmp_path / name
        file.write_text(text, encoding="utf-8", errors="surrogatepass")
        assert main(["import", str(file)]) == 2, name
        err = capsys.readouterr().err.strip()
        assert f"{name}: " in err and "Traceback" not in err and len(err.splitlines()) == 1, (
            name,
            err,
        )
    assert Plan.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/plans/1/finance/0", "year"),
        ("/api/plans/1/finance/2101", "year"),
        ("/api/plans/1/progress?year=0", "year"),
        ("/api/plans/99999999999999999999999/finance/2024", "plan_id"),
        ("/api/plans?page=800000000000000000000", "page"),
        ("/api/plans?page_size=100000", "page_size"),
    ],
)
def test_years_ids_and_pages_out_of_bounds_are_422_naming_the_parameter(client, admin, url, field):
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [field]


@pytest.mark.django_db
def test_the_bounds_are_stated_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    parameters = {
        p["name"]: p["schema"]
        for p in schema["paths"]["/api/plans/{plan_id}/finance/{year}"]["get"]["parameters"]
    }
    assert (parameters["year"]["minimum"], parameters["year"]["maximum"]) == (1990, 2100)
    assert parameters["plan_id"]["minimum"] == 1
    page = {p["name"]: p["schema"] for p in schema["paths"]["/api/plans"]["get"]["parameters"]}["page"]
    assert page["maximum"] == 1_000_000
    post = schema["paths"]["/api/plans"]["post"]["responses"]
    assert "413" in post


@pytest.mark.django_db
def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_a_year_out_of_bounds_on_the_command_line_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["report", "1", "--year", "0"])
    assert stopped.value.code == 2
    assert "0 is not a year from 1990 to 2100" in capsys.readouterr().err
