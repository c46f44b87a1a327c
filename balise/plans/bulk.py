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
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import import_module
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


def _plain(field: models.Field, connection: Any, cast: bool = False) -> set[type]:
    """The types of value ``field`` stores unchanged on ``connection`` (its ``get_db_prep_save``
    returns them as they are), by the field's class. With ``cast`` (the statement casts each
    column to its type: PostgreSQL's arrays), an ``int`` too for an integer column, which the
    backend would otherwise wrap value by value in a type of its driver (psycopg's ``Int4``)."""
    if type(field) is models.ForeignKey:
        target = field.target_field
        return _plain(target, connection, cast) if type(target) in _INTEGER_FIELDS else set()
    if type(field) in _TEXT_FIELDS:
        return {str}
    if type(field) is models.BooleanField:
        return {bool}
    if type(field) is models.UUIDField and connection.features.has_native_uuid_field:
        return {uuid.UUID}
    adapt = BaseDatabaseOperations.adapt_integerfield_value
    adapts = type(connection.ops).adapt_integerfield_value is not adapt
    if type(field) in _INTEGER_FIELDS and (cast or not adapts):
        return {int}
    return set()


def _column(
    field: models.Field, connection: Any, cast: bool
) -> tuple[frozenset[type], dict[type, Callable[[Any], Any]]]:
    """How a column's values are prepared: the types stored as they are (``None`` too when the
    field stores ``None`` as NULL), and quicker equivalents of ``get_db_prep_save`` by type (a
    UUID's hex where the database has no UUID type; a date or time prepared once per value)."""
    as_is = _plain(field, connection, cast)
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


def _prepared(
    columns: Sequence[Sequence[Any]], fields: Sequence[models.Field], using: str
) -> list[list[Any]]:
    """The values of each column (one list per field, row after row) as ``get_db_prep_save``
    makes them (see the module's docstring): a column whose values are all of types stored as
    they are is passed on untouched."""
    connection = connections[using]
    cast = _unnest(fields, connection) is not None  # `_execute` casts every column to its type
    prepared = []
    for field, column in zip(fields, columns, strict=True):
        as_is, quick = _column(field, connection, cast)
        kinds = set(map(type, column))
        if kinds <= as_is:
            prepared.append(column if isinstance(column, list) else list(column))
            continue
        if any(hasattr(kind, "resolve_expression") for kind in kinds - as_is - quick.keys()):
            raise _Unsupported(field)
        prep = field.get_db_prep_save
        prepared.append(
            [
                value
                if type(value) in as_is
                else quick[type(value)](value)
                if type(value) in quick
                else prep(value, connection=connection)
                for value in column
            ]
        )
    return prepared


def _execute(
    model: type[models.Model],
    fields: Sequence[models.Field],
    columns: list[list[Any]],
    using: str,
    returning: bool,
    batch_size: int | None = None,
) -> list[Any]:
    """INSERT the prepared ``columns`` (one list of values per field) in Django's batches (at most
    ``batch_size`` rows) and in Django's form: on PostgreSQL, every batch (even of one row) as one array
    per column (``SELECT * FROM UNNEST(…)``: a few parameters, where a VALUES list of thousands of
    placeholders costs more to parse, on both sides, than to store); the new primary keys when
    ``returning``."""
    connection = connections[using]
    ops: Any = connection.ops  # return_insert_columns, fetch_returned_insert_rows: not in the stubs
    qn, width = ops.quote_name, len(fields)
    count = len(columns[0]) if columns else 0
    unnest = _unnest(fields, connection)
    size = max(ops.bulk_batch_size(fields, range(count)), 1)
    size = size if unnest else min(size, max(MAX_PARAMETERS // width, 1))
    size = min(size, batch_size) if batch_size else size
    head = f"{ops.insert_statement(on_conflict=None)} {qn(model._meta.db_table)} "
    head += "({})".format(", ".join(qn(f.column) for f in fields))
    tail = ops.return_insert_columns([model._meta.pk])[0] if returning else ""
    keys: list[Any] = []
    with connection.cursor() as cursor:
        for first in range(0, count, size):
            rows = min(size, count - first)
            batch = [column[first : first + rows] for column in columns]
            if unnest:  # even for one row: `_prepared` counted on the casts
                placeholders, params = unnest, batch
            else:
                placeholders, params = (
                    [["%s"] * width] * rows,
                    [value for row in zip(*batch, strict=True) for value in row],
                )
            sql = " ".join(x for x in (head, ops.bulk_insert_sql(fields, placeholders), tail) if x)
            cursor.execute(sql, params)
            if returning:
                keys += [row[0] for row in ops.fetch_returned_insert_rows(cursor)]
    return keys


def _unnest(fields: Sequence[models.Field], connection: Any) -> Any:
    """The placeholders of an insert as one array per column, as Django's insert compiler writes
    them where the backend has that form (PostgreSQL: ``(%s)::integer[]``…), or None."""
    marker = getattr(import_module(connection.ops.compiler_module), "InsertUnnest", None)
    if marker is None:
        return None
    types = []
    for field in fields:
        stored: Any = field.target_field if isinstance(field, models.ForeignKey) else field
        db_type = field.db_type(connection)
        if stored.get_internal_type() not in connection.data_types or db_type is None:
            return None
        types.append(db_type.split("(")[0])  # varchar[], not varchar(50)[]
    return marker([f"(%s)::{db_type}[]" for db_type in types])


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
        values = _prepared([[getattr(obj, a) for obj in objs] for a in attnames], fields, using)
    except _Unsupported:
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    with transaction.atomic(using=using, savepoint=False):
        keys = _execute(model, fields, values, using, returning=True, batch_size=batch_size)
    _check_count(model, len(objs), keys)
    pk = model._meta.pk.attname
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, pk, key)
        obj._state.adding = False
        obj._state.db = using
    return objs


def insert_rows(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    returning: bool = False,
    batch_size: int | None = None,
) -> list[Any]:
    """``bulk_create([model(**row) for row in rows], batch_size)``, the same statements, without
    building a model instance per row: each row maps the columns' attnames (``plan_id``, not
    ``plan``) to their values, every row the same columns; a column left out takes its field's
    default, as in ``model(**row)``. The new rows' primary keys when ``returning``."""
    if not rows:
        return []
    using = router.db_for_write(model)
    try:
        fields = _checked(model, using)
        values = _prepared(_in_order(rows, fields), fields, using)
    except _Unsupported:
        created = model._default_manager.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return [obj.pk for obj in created]
    with transaction.atomic(using=using, savepoint=False):
        keys = _execute(model, fields, values, using, returning=returning, batch_size=batch_size)
    if returning:
        _check_count(model, len(rows), keys)
    return keys


def insert_rows_with_history(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    user: Any = None,
    reason: str | None = None,
) -> list[Any]:
    """``bulk_create_with_history([model(**row) for row in rows], model, default_user=user,
    default_change_reason=reason)`` without a model instance per row or per history record
    (rows as in `insert_rows`): the rows, then one "+" history record each, written from the
    same values, in the same statements. Their author is ``user``, else simple-history's (the
    request's user, when there is one). Returns the new rows' primary keys, in order."""
    if not rows:
        return []
    using = router.db_for_write(model)
    try:
        fields = _checked(model, using)
        ordered = _in_order(rows, fields)
        values = _prepared(ordered, fields, using)
    except _Unsupported:
        objs = [model(**row) for row in rows]
        insert_with_history(objs, model, default_user=user, default_change_reason=reason)
        return [obj.pk for obj in objs]
    history = _history_model(model)
    with transaction.atomic(using=using, savepoint=False):
        keys = _execute(model, fields, values, using, returning=True)
        _check_count(model, len(rows), keys)
        if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            author = user or history.get_default_history_user(model())
            attnames = [f.attname for f in fields] + [model._meta.pk.attname]
            sources = [*ordered, keys]
            specials = _history_specials(lambda n: author, lambda n: reason, lambda n: None)
            _insert_history(
                model,
                sources,
                attnames,
                specials,
                lambda: [
                    model(**row, **{model._meta.pk.attname: key}) for row, key in zip(rows, keys, strict=True)
                ],
                user,
                reason,
            )
    return keys


def _check_count(model: type[models.Model], expected: int, keys: list[Any]) -> None:
    if len(keys) != expected:
        raise RuntimeError(f"{expected} rows inserted into {model._meta.db_table}, {len(keys)} keys returned")


def _in_order(rows: Sequence[Mapping[str, Any]], fields: Sequence[models.Field]) -> list[list[Any]]:
    """The rows' values as one list per field: a column missing from every row takes its field's
    default (asked once per row: a callable default such as ``uuid4`` differs)."""
    given = set(rows[0])
    unknown = given - {f.attname for f in fields}
    if unknown:
        raise TypeError(f"{sorted(unknown)} are not columns of a new row")
    width = len(given)
    if any(len(row) != width for row in rows):
        raise TypeError(f"the rows do not all have the columns of the first, {sorted(given)}")
    return [
        [row[f.attname] for row in rows] if f.attname in given else [f.get_default() for _row in rows]
        for f in fields
    ]


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
    history = _history_model(model)
    fallback: list[Any] = []

    def author(n: int) -> Any:
        obj = objs[n]
        if hasattr(obj, "_history_user"):
            return obj._history_user
        if not fallback:  # asked once: simple-history's get_user reads the request
            fallback.append(default_user or history.get_default_history_user(obj))
        return fallback[0]

    specials = _history_specials(
        author,
        lambda n: getattr(objs[n], "_change_reason", None) or default_change_reason,
        lambda n: getattr(objs[n], "_history_date", None),
    )
    with transaction.atomic(using=using, savepoint=False):
        insert(objs, model)
        attnames = [f.attname for f in history.tracked_fields]
        sources = [[getattr(obj, a) for obj in objs] for a in attnames]
        _insert_history(model, sources, attnames, specials, lambda: objs, default_user, default_change_reason)
    return objs


@cache
def _history_model(model: type[models.Model]) -> Any:
    """The history model of ``model`` (simple-history builds a manager class on every lookup)."""
    return get_history_manager_for_model(model).model


# A history column simple-history fills itself, as a function of the record's place in the bulk.
Specials = dict[str, Callable[[int], Any]]


def _history_specials(
    author: Callable[[int], Any], reason: Callable[[int], str | None], date: Callable[[int], Any]
) -> Specials:
    """The history columns that are not the row's, as simple-history's ``bulk_history_create``
    fills them for a "+" record; the records of one call share their time when none is given
    (simple-history asks the clock once a record: microseconds apart)."""
    now = timezone.now()

    def author_id(n: int) -> Any:
        user = author(n)
        return user.pk if user is not None else None

    return {
        "history_date": lambda n: date(n) or now,
        "history_user_id": author_id,
        "history_change_reason": reason,
        "history_type": lambda n: "+",
    }


def _insert_history(
    model: type[models.Model],
    sources: list[list[Any]],
    attnames: Sequence[str],
    specials: Specials,
    instances: Callable[[], list[Any]],
    default_user: Any,
    default_reason: str | None,
) -> None:
    """One "+" history record per row of ``sources`` (the row's values by ``attnames``, its
    primary key included); through simple-history's ``bulk_history_create`` (given the rows as
    ``instances``) when the history model needs Django's insert."""
    history = _history_model(model)
    using = router.db_for_write(history)
    try:
        fields = _checked(history, using)
        values = _prepared(_history_rows(history, fields, sources, attnames, specials), fields, using)
    except _Unsupported:
        get_history_manager_for_model(model).bulk_history_create(
            instances(), default_user=default_user, default_change_reason=default_reason
        )
    else:
        _execute(history, fields, values, using, returning=False)


def _history_rows(
    history: Any,
    fields: Sequence[models.Field],
    sources: list[list[Any]],
    attnames: Sequence[str],
    specials: Specials,
) -> list[list[Any]]:
    """The columns of the source rows' "+" records (``sources``: one list per attname): the
    tracked columns copied, the history's own from ``specials``, its relation (when it has one)
    the row's key, anything else its default."""
    tracked = {f.attname for f in history.tracked_fields}
    by_name = dict(zip(attnames, sources, strict=True))
    keys = by_name[history.instance_type._meta.pk.attname]
    count = len(keys)
    columns: list[list[Any]] = []
    for field in fields:
        if field.attname in tracked:
            columns.append(by_name[field.attname])
        elif field.attname in specials:
            columns.append([specials[field.attname](n) for n in range(count)])
        elif field.attname == "history_relation_id":
            columns.append(keys)
        else:
            columns.append([field.get_default() for _n in range(count)])
    return columns
