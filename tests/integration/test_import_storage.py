"""An import, a replacement version and an amendment store, row for row, what Django's
`bulk_create` and simple-history's `bulk_create_with_history` store (`balise.plans.bulk` is only
quicker): the five seeds, a plan twenty times the size of seed 000, seed 000 again as a new
version with a module less, and an amendment of a signed plan. Ids, identities (uuids) and times
aside: an id or a uuid is compared by the place of its row (or of its first appearance), so a
key kept from one version to the next must be kept by both paths, and every foreign key must
point at the same row. The progress table the import maintains is compared too, and with a
full recomputation (`rebuild`)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction

from balise.accounts.actors import SYSTEM
from balise.imports.pipeline import parse_file
from balise.monitoring.models import FederalTally, FederalTallyPlan, IndicatorYearProgress, ProgressTally
from balise.monitoring.progress_store import rebuild
from balise.plans import bulk
from balise.plans.actions import import_plan
from balise.plans.models import Plan, PlanStatus
from balise.plans.versioning import amend_plan
from tests.factories import user_with_role
from tests.seeds import seed_path

APPS = ("plans", "monitoring", "finance")
SEEDS = ("000", "001", "002", "003", "004")


# Tables read as sets: their rows come in the order of a grouped or unordered query (PostgreSQL's
# differs from one run to the next) and no row points to theirs.
UNORDERED = (IndicatorYearProgress, ProgressTally, FederalTally, FederalTallyPlan)


def _models() -> list[type[models.Model]]:
    """The tables compared, those read as sets last (a uuid's place is where it first appears)."""
    return sorted(
        (m for m in apps.get_models() if m._meta.app_label in APPS),
        key=lambda m: (m in UNORDERED, m._meta.db_table),
    )


def _dump() -> dict[str, list[tuple]]:
    """Every row of the plans, monitoring and finance tables (history included), ids and uuids
    replaced by the place of their row or of their first appearance, times left out."""
    tables = _models()
    rows = {m: list(m._default_manager.order_by("pk").values_list(named=True)) for m in tables}
    places = {
        m: {getattr(row, m._meta.pk.attname): n for n, row in enumerate(found)} for m, found in rows.items()
    }
    seen: dict[uuid.UUID, int] = {}
    dumped = {}
    for model, found in rows.items():
        fields = [f for f in model._meta.concrete_fields]
        # A history record's copy of its row's id: the place of that row, as a foreign key's.
        recorded = getattr(model, "instance_type", None)
        out = []
        for row in found:
            values: list[Any] = []
            for field, value in zip(fields, row, strict=True):
                target = field.related_model if field.is_relation else None
                if recorded is not None and field.attname == recorded._meta.pk.attname:
                    target = recorded
                if field.primary_key:
                    values.append(None if model in UNORDERED else places[model][value])
                elif target in places and value is not None:
                    values.append(("->", places[target].get(value, value)))
                elif isinstance(value, uuid.UUID):
                    values.append(("uuid", seen.setdefault(value, len(seen))))
                elif isinstance(value, datetime.datetime):
                    values.append("time")
                else:
                    values.append(value)
            out.append(tuple(values))
        dumped[model._meta.db_table] = sorted(out, key=repr) if model in UNORDERED else out
    return dumped


def _stored_after(run: Callable[[], None]) -> dict[str, list[tuple]]:
    """What ``run`` leaves in the database, then undone."""
    with transaction.atomic():
        run()
        dumped = _dump()
        transaction.set_rollback(True)
    return dumped


def _imports(editor) -> None:
    for prefix in SEEDS:
        path = seed_path(prefix)
        result = parse_file(path)
        import_plan(result.outline, source_name=path.name, layout=result.layout, user=SYSTEM)
    first = parse_file(seed_path("000"))
    big = replace(
        first.outline,
        title=first.outline.title + " ×20",
        modules=[replace(m, title=f"{m.title} ({n})") for n in range(20) for m in first.outline.modules],
    )
    import_plan(big, source_name="x20", layout=first.layout, user=SYSTEM)
    fewer = replace(first.outline, modules=first.outline.modules[1:])
    import_plan(fewer, source_name="again", layout=first.layout, user=SYSTEM, replace=True)
    signed = Plan.objects.filter(status=PlanStatus.SIGNED).order_by("pk").first()
    assert signed is not None, "a seed is signed"
    amend_plan(signed, editor)
    stored = _progress()
    rebuild()
    assert stored and _progress() == stored


def _progress() -> list[tuple]:
    columns = [f.attname for f in IndicatorYearProgress._meta.concrete_fields if not f.primary_key]
    return sorted(IndicatorYearProgress.objects.values_list(*columns), key=repr)


def _through_django(*_args: object, **_kwargs: object) -> list:
    raise bulk._Unsupported("every insert through Django's bulk_create")


@pytest.mark.django_db
def test_the_stored_rows_are_those_django_stores(reference, monkeypatch):
    editor = user_with_role("editor", None, None, is_superuser=True)
    ours = _stored_after(lambda: _imports(editor))
    monkeypatch.setattr(bulk, "_checked", _through_django)
    theirs = _stored_after(lambda: _imports(editor))
    assert ours.keys() == theirs.keys()
    assert len(ours["plans_indicator"]) > 3000 and len(ours["monitoring_indicatoryearprogress"]) > 10_000
    for table, rows in theirs.items():
        assert ours[table] == rows, table
