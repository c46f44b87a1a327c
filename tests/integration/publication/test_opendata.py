"""Open data: CSV and JSON of the published plans, read back with the documented columns, and a
DCAT-AP catalogue that the DCAT-AP SHACL shapes accept."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from pyshacl import validate
from rdflib import Graph

from balise.accounts.actors import SYSTEM
from balise.exports.opendata.tables import COLUMNS
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.models import Evaluation
from balise.plans.models import Indicator, Plan
from balise.publication import actions
from tests.integration.publication.conftest import MEETINGS, SECRETS

ROOT = Path(__file__).resolve().parents[3]
SHAPES = ROOT / "tests" / "fixtures" / "dcat" / "dcat-ap-3.0.0-shacl.jsonld"


def documented_columns() -> dict[str, list[str]]:
    """The column names per table, as docs/opendata.md lists them."""
    text = (ROOT / "docs" / "opendata.md").read_text(encoding="utf-8")
    result: dict[str, list[str]] = {}
    for table, body in re.findall(r"^### (\w+)\n(.*?)(?=^#|\Z)", text, flags=re.S | re.M):
        names = []
        for cell in re.findall(r"^\| (`[^|]+`) \|", body, flags=re.M):
            names += re.findall(r"`(\w+)`", cell)
        result[table] = names
    return result


def read_csv(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.parametrize("table", list(COLUMNS))
def test_each_csv_reads_back_with_the_documented_columns(world, table):
    response = Client().get(f"/public/data/all/{table}.csv")
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == documented_columns()[table] == list(COLUMNS[table])


@pytest.mark.django_db
def test_the_csv_holds_the_published_rows_and_nothing_unpublished(world):
    client = Client()
    plans = read_csv(client.get("/public/data/all/plans.csv"))
    assert {int(row["plan_id"]) for row in plans} == world.published
    values = read_csv(client.get("/public/data/all/values.csv"))
    # Ixelles publishes its values: 2024 is analysed (2025, a draft, is not shown); 45 visits of 50
    # is partly met, the meetings have no value. Molenbeek publishes no values.
    assert sorted((row["year"], row["actual"], row["status"]) for row in values) == [
        ("2024", "", "no_data"),
        ("2024", "45", "partly_met"),
    ]
    evaluations = read_csv(client.get(f"/public/data/plans/{world.ixelles_public.pk}/evaluations.csv"))
    assert [(row["colour"], row["analysis"]) for row in evaluations] == [("green", "ANALYSE-PUBLIQUE")]
    molenbeek = read_csv(client.get("/public/data/municipalities/21012/indicators.csv"))
    assert {row["indicator"] for row in molenbeek} == {"Nombre de réunions du comité : ≥ 4/an"}
    everything = b"".join(
        client.get(f"/public/data/all/{name}").content
        for name in ("data.json", *(f"{t}.csv" for t in COLUMNS))
    ).decode("utf-8-sig")
    assert not [secret for secret in SECRETS if secret in everything]


@pytest.mark.django_db
def test_unpublished_plans_have_no_data_address(world):
    client = Client()
    for plan in (world.ixelles_internal, world.molenbeek_draft):
        assert client.get(f"/public/data/plans/{plan.pk}/plans.csv").status_code == 404
        assert client.get(f"/public/data/plans/{plan.pk}/data.json").status_code == 404
    assert client.get("/public/data/municipalities/21001/plans.csv").status_code == 404
    assert client.get("/public/data/all/secrets.csv").status_code == 404


@pytest.mark.django_db
def test_a_title_that_looks_like_a_formula_is_written_as_text(world):
    Plan.objects.filter(pk=world.molenbeek_public.pk).update(title='=HYPERLINK("http://evil","x")')
    actions.publish(world.molenbeek_public, world.molenbeek_editor)  # a new generation: no stale cache
    rows = read_csv(Client().get(f"/public/data/plans/{world.molenbeek_public.pk}/plans.csv"))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil","x")'


@pytest.mark.django_db
def test_the_json_holds_the_same_tables(world):
    document = json.loads(Client().get(f"/public/data/plans/{world.ixelles_public.pk}/data.json").content)
    assert document["format"] == "balise.opendata/1"
    assert set(document) == {"format", *COLUMNS}
    assert list(document["values"][0]) == list(COLUMNS["values"])
    assert {row["actual"] for row in document["values"]} == {None, "45.00"}


@pytest.mark.django_db
def test_the_dcat_catalogue_conforms_to_the_dcat_ap_shapes(world):
    client = Client()
    shapes = Graph().parse(SHAPES, format="json-ld")
    for path, fmt in (("/public/catalogue.jsonld", "json-ld"), ("/public/catalogue.ttl", "turtle")):
        response = client.get(path)
        assert response.status_code == 200
        data = Graph().parse(data=response.content.decode(), format=fmt)
        conforms, _graph, report = validate(data, shacl_graph=shapes, inference="none")
        assert conforms, report
    catalogue = json.loads(client.get("/public/catalogue.jsonld").content)
    identifiers = {d["dct:identifier"] for d in catalogue["dcat:dataset"]}
    assert identifiers == {"balise-all-plans", *(f"balise-plan-{pk}" for pk in world.published)}


@pytest.mark.django_db
def test_the_shapes_catch_a_dataset_without_a_description(world):
    """The validation is not vacuous: a dataset missing a mandatory property is reported."""
    document = json.loads(Client().get("/public/catalogue.jsonld").content)
    del document["dcat:dataset"][0]["dct:description"]
    data = Graph().parse(data=json.dumps(document), format="json-ld")
    conforms, _graph, _report = validate(data, shacl_graph=Graph().parse(SHAPES, format="json-ld"))
    assert not conforms


@pytest.mark.django_db
def test_values_by_category_give_each_published_year_per_category_and_sum_to_the_value(world):

    meetings = Indicator.objects.get(strategic_objective__module__plan=world.ixelles_public, text=MEETINGS)
    set_dimensions(meetings, ["sex"], SYSTEM)
    analysed = Evaluation.objects.filter(lineage=world.ixelles_public.lineage, year=2024)
    analysed.update(state="draft")  # the values were entered before the year was analysed
    for period, female, male in (("2024-03", 2, 1), ("2024-09", 1, 0), ("2025-02", 9, 9)):  # 2025: a draft
        parts = [{"cell": "sex=female", "amount": female}, {"cell": "sex=male", "amount": male}]
        record_measurement(meetings, period, {"parts": parts}, SYSTEM)
    analysed.update(state="analysed")
    actions.publish(world.ixelles_public, world.editor, indicators=True, values=True, evaluation=True)
    client = Client()
    rows = read_csv(client.get("/public/data/all/values_by_category.csv"))
    assert [
        (r["plan_id"], r["year"], r["dimension"], r["category"], r["category_name"], r["actual"])
        for r in rows
    ] == [
        (str(world.ixelles_public.pk), "2024", "sex", "female", "Femme", "3"),
        (str(world.ixelles_public.pk), "2024", "sex", "male", "Homme", "1"),
    ]
    values = {r["indicator_key"]: r["actual"] for r in read_csv(client.get("/public/data/all/values.csv"))}
    assert values[str(meetings.key)] == "4"  # the categories add up to the year's value
    assert read_csv(client.get("/public/data/municipalities/21012/values_by_category.csv")) == []
