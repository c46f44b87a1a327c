"""A bounded schemathesis run over every API operation, as the editor and anonymously: no 5xx, no
answer outside its documented schema, no status code the schema does not list. The full run
(≥ 100 examples per operation, every check counted) is benchmarks/fuzz_api.py."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.fuzz import fuzz, prepare_site, table

# What the API holds to (the "done when"). Schema-valid data refused for a rule the schema
# cannot state yet, and schema-invalid data accepted, are counted by the benchmark.
HELD = ("5xx", "schema violation", "undocumented status")
EXAMPLES = 3  # per operation, mode (valid, invalid) and path choice (drawn, existing ids)


@pytest.fixture
def site(reference):
    # The requests go through the WSGI handler, which closes the connection when a request starts
    # and ends (on PostgreSQL, inside the test's transaction, it would): kept open, as Django's test
    # client does, so that the test's transaction survives.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield prepare_site()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["editor", "anonymous"])
def test_every_operation_answers_as_its_schema_says(site, caller):
    callers, ids = site
    results = fuzz(EXAMPLES, callers[caller], ids)
    assert len(results) >= 37 and all(r.cases for r in results)
    found = {(r.label, kind): r.examples[kind] for r in results for kind in r.failures if kind in HELD}
    assert not found, table(results) + "\n" + "\n".join(found.values())
