"""Bulk inserts of new rows, and of their history records, for the writes that create thousands
of rows at once (an import, the progress table): the rows `QuerySet.bulk_create` and
django-simple-history's `bulk_create_with_history` store, in the same statements, at a fraction
of their cost per value.

Django prepares each value of each row through its insert compiler (``pre_save``, an expression
check, ``get_db_prep_save`` and its chain, a placeholder) and simple-history first builds a model
instance per history record: for a plan of 3 000 nodes, 40 000 history values and 75 000 progress
values, most of the import's time. Here each column is prepared by a rule chosen once per model
and database: a value the field's ``get_db_prep_save`` would return unchanged (a ``str`` for a
text column, an ``int`` for an integer column or a foreign key to one, on a backend that does not
adapt integers; a ``bool``; ``None`` for those) is passed as it is, anything else goes through
``get_db_prep_save`` as in Django. Rows whose model this does not cover (a primary key given in
advance or not an auto-increment, a database default, a generated column, a field with its own
placeholder or ``pre_save``, a backend that cannot return the keys of a bulk insert, an
expression as a value) go through Django's own ``bulk_create``.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Sequence
from functools import partial
from operator import attrgetter
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

_M = TypeVar("_M", bound=models.Model)

# A bound parameter list stays below PostgreSQL's limit (65 535) whatever the backend's batch size.
MAX_PARAMETERS = 65_535

_TEXT_FIELDS = (models.CharField, models.TextField, models.SlugField, models.EmailField, models.URLField)
_INTEGER_FIELDS = (
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
)


class _Unsupported(Exception):
    """This model or value needs Django's own bulk insert."""


def _plain(field: models.Field, connection: Any) -> set[type]:
    """The types of value ``field`` stores unchanged on ``connection`` (its ``get_db_prep_save``
    returns them as they are), by the field's class."""
    if type(field) is models.ForeignKey:
        target = field.target_field
        return _plain(target, connection) if type(target) in _INTEGER_FIELDS else set()
    if type(field) in _TEXT_FIELDS:
        return {str}
    if type(field) is models.BooleanField:
        return {bool}
    if type(field) is models.UUIDField and connection.features.has_native_uuid_field:
        return {uuid.UUID}
    adapt = BaseDatabaseOperations.adapt_integerfield_value
    adapts = type(connection.ops).adapt_integerfield_value is not adapt
    if type(field) in _INTEGER_FIELDS and not adapts:
        return {int}
    return set()


def _column(field: models.Field, connection: Any) -> tuple[frozenset[type], dict[type, Callable[[Any], Any]]]:
    """How a column's values are prepared: the types stored as they are (``None`` too when the
    field stores ``None`` as NULL), and quicker equivalents of ``get_db_prep_save`` by type (a
    UUID's hex where the database has no UUID type; a date or time prepared once per value)."""
    as_is = _plain(field, connection)
    if field.get_db_prep_save(None, connection=connection) is None:
        as_is.add(type(None))
    quick: dict[type, Callable[[Any], Any]] = {}
    if type(field) is models.UUIDField and uuid.UUID not in as_is:
        quick[uuid.UUID] = attrgetter("hex")
    if type(field) in (models.DateField, models.DateTimeField):
        memo: dict[Any, Any] = {}

        def once(value: Any) -> Any:
            if value not in memo:
                memo[value] = field.get_db_prep_save(value, connection=connection)
            return memo[value]

        quick[datetime.date if type(field) is models.DateField else datetime.datetime] = once
    if type(field) is models.JSONField:
        empty: list[Any] = []  # an empty dict (a node's translations, most often) prepared once

        def dict_once(value: dict) -> Any:
            if value:
                return field.get_db_prep_save(value, connection=connection)
            if not empty:
                empty.append(field.get_db_prep_save(value, connection=connection))
            return empty[0]

        quick[dict] = dict_once
    return frozenset(as_is), quick


def _checked(model: type[models.Model], using: str) -> list[models.Field]:
    """The columns a bulk insert of new ``model`` rows writes (as Django's), or `_Unsupported`."""
    connection = connections[using]
    opts = model._meta
    if (
        not connection.features.can_return_rows_from_bulk_insert
        or not isinstance(opts.pk, AutoFieldMixin)
        or opts.db_returning_fields != [opts.pk]
        or opts.parents
    ):
        raise _Unsupported(model)
    fields = [f for f in opts.concrete_fields if not isinstance(f, AutoFieldMixin)]
    for field in fields:
        stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        own_pre_save = type(field).pre_save is not models.Field.pre_save
        if field.generated or field.has_db_default() or hasattr(field, "get_placeholder"):
            raise _Unsupported(model)
        if own_pre_save and (stamped or not isinstance(field, models.DateField)):
            raise _Unsupported(model)
    return fields


def _prepared(rows: Sequence[Sequence[Any]], fields: Sequence[models.Field], using: str) -> list[Any]:
    """The rows' values, one flat list, as ``get_db_prep_save`` makes them (see the module's
    docstring)."""
    connection = connections[using]
    columns = [(*_column(f, connection), f.get_db_prep_save) for f in fields]
    prepared: list[Any] = []
    append = prepared.append
    for row in rows:
        for (as_is, quick, prep), value in zip(columns, row, strict=True):
            kind = type(value)
            if kind in as_is:
                append(value)
            elif kind in quick:
                append(quick[kind](value))
            elif hasattr(value, "resolve_expression"):
                raise _Unsupported(value)
            else:
                append(prep(value, connection=connection))
    return prepared


def _execute(
    model: type[models.Model],
    fields: Sequence[models.Field],
    values: list[Any],
    using: str,
    returning: bool,
    batch_size: int | None = None,
) -> list[Any]:
    """INSERT the prepared ``values`` (a flat list, row after row) in Django's batches (at most
    ``batch_size`` rows); the new primary keys when ``returning``."""
    connection = connections[using]
    ops: Any = connection.ops  # return_insert_columns, fetch_returned_insert_rows: not in the stubs
    qn, width = ops.quote_name, len(fields)
    count = len(values) // width
    size = max(min(ops.bulk_batch_size(fields, range(count)), MAX_PARAMETERS // width), 1)
    size = min(size, batch_size) if batch_size else size
    head = f"{ops.insert_statement(on_conflict=None)} {qn(model._meta.db_table)} "
    head += "({})".format(", ".join(qn(f.column) for f in fields))
    tail = ops.return_insert_columns([model._meta.pk])[0] if returning else ""
    keys: list[Any] = []
    with connection.cursor() as cursor:
        for first in range(0, count, size):
            rows = min(size, count - first)
            sql = " ".join(x for x in (head, ops.bulk_insert_sql(fields, [["%s"] * width] * rows), tail) if x)
            cursor.execute(sql, values[first * width : (first + rows) * width])
            if returning:
                keys += [row[0] for row in ops.fetch_returned_insert_rows(cursor)]
    return keys


def insert(objs: list[_M], model: type[_M], batch_size: int | None = None) -> list[_M]:
    """``model.objects.bulk_create(objs, batch_size)`` for new rows: their keys set, the same
    statements."""
    if not objs:
        return objs
    using = router.db_for_write(model)
    try:
        fields = _checked(model, using)
        rows: list[Any] = objs  # Django's own steps of bulk_create, private to the stubs
        if any(obj._is_pk_set() for obj in rows):
            raise _Unsupported(model)
        for obj in rows:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
        attnames = [f.attname for f in fields]
        values = _prepared([[getattr(obj, a) for a in attnames] for obj in objs], fields, using)
    except _Unsupported:
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    with transaction.atomic(using=using, savepoint=False):
        keys = _execute(model, fields, values, using, returning=True, batch_size=batch_size)
    if len(keys) != len(objs):
        raise RuntimeError(
            f"{len(objs)} rows inserted into {model._meta.db_table}, {len(keys)} keys returned"
        )
    pk = model._meta.pk.attname
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, pk, key)
        obj._state.adding = False
        obj._state.db = using
    return objs


def insert_with_history(
    objs: list[_M], model: type[_M], default_user: Any = None, default_change_reason: str | None = None
) -> list[_M]:
    """``bulk_create_with_history(objs, model, …)``: the rows, then one "+" history record each,
    in the same statements. Its author and reason are the instance's (`balise.accounts.history`
    sets them), else the defaults, else simple-history's (the request's user, when there is one),
    as simple-history's ``bulk_history_create`` takes them."""
    using = router.db_for_write(model)
    if not objs or not connections[using].features.can_return_rows_from_bulk_insert:
        return bulk_create_with_history(
            objs, model, default_user=default_user, default_change_reason=default_change_reason
        )
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return insert(objs, model)
    manager = get_history_manager_for_model(model)
    with transaction.atomic(using=using, savepoint=False):
        insert(objs, model)
        try:
            fields = _checked(manager.model, using)
            values = _prepared(
                _history_rows(objs, fields, manager.model, default_user, default_change_reason), fields, using
            )
        except _Unsupported:
            manager.bulk_history_create(
                objs, default_user=default_user, default_change_reason=default_change_reason
            )
        else:
            _execute(manager.model, fields, values, using, returning=False)
    return objs


def _default(field: models.Field, obj: models.Model) -> Any:
    return field.get_default()


def _history_rows(
    objs: list[_M],
    fields: Sequence[models.Field],
    history: Any,
    default_user: Any,
    default_reason: str | None,
) -> list[list[Any]]:
    """The columns of each object's "+" record, as simple-history's ``bulk_history_create`` fills
    them; the records of one call share their time (simple-history asks the clock once a record:
    microseconds apart) and their default author (asked once: simple-history's ``get_user``
    reads the request)."""
    tracked = {f.attname for f in history.tracked_fields}
    now = timezone.now()
    fallback: list[Any] = []

    def author(obj: models.Model) -> Any:
        if hasattr(obj, "_history_user"):
            user = obj._history_user
        else:
            if not fallback:
                fallback.append(default_user or history.get_default_history_user(obj))
            user = fallback[0]
        return user.pk if user is not None else None

    special: dict[str, Callable[[models.Model], Any]] = {
        "history_date": lambda obj: obj._history_date if hasattr(obj, "_history_date") else now,
        "history_user_id": author,
        "history_change_reason": lambda obj: getattr(obj, "_change_reason", None) or default_reason,
        "history_type": lambda obj: "+",
        "history_relation_id": lambda obj: obj.pk,
    }
    getters: list[Callable[[models.Model], Any]] = []
    for field in fields:
        if field.attname in tracked:
            getters.append(attrgetter(field.attname))
        elif field.attname in special:
            getters.append(special[field.attname])
        else:
            getters.append(partial(_default, field))
    return [[get(obj) for get in getters] for obj in objs]
