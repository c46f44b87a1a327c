"""``balise backup FILE`` and ``balise restore FILE``: every table of Balise in a portable archive.

The archive (``.tar.gz``) holds
- ``manifest.json``: format, the time, the engine it came from, the migration of each app and the
  number of rows of each model (checked again after a restore);
- ``data.json``: the rows of every model in Django's serialisation with natural keys, so that it
  loads into SQLite or PostgreSQL whatever their ids of content types and permissions;
- ``files/``: the files Balise keeps under its data directory (generated documents, uploads).

Sessions are left out (everyone logs in again); passwords are only ever stored as their hashes.
The snapshot is consistent while the application runs: it is read in one transaction (repeatable
read on PostgreSQL; SQLite's write-ahead log gives a reader a fixed snapshot).
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from balise import errors

FORMAT = "balise.backup/1"
# Rebuilt by `migrate` in the target (their ids differ between databases; rows refer to them by
# natural key), or not data at all.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
FILE_FOLDERS = ("files", "uploads")


class BackupError(errors.Refused):
    """The archive cannot be restored here; the message says why."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    migrations: dict[str, list[str]]
    counts: dict[str, int]
    files: int

    def as_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2, sort_keys=True)


def backed_up_models() -> list:
    excluded_apps = {name for name in EXCLUDED if "." not in name}
    excluded_models = {name for name in EXCLUDED if "." in name}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and model._meta.managed
        and not model._meta.proxy
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in backed_up_models()}


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@contextmanager
def snapshot() -> Iterator[None]:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup(target: Path) -> Manifest:
    """Write the archive to ``target`` (through a temporary file: never half an archive)."""
    var = Path(settings.VAR_DIR)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        with snapshot():
            counts = row_counts()
            migrations = applied_migrations()
            call_command(
                "dumpdata",
                *[f"{model._meta.app_label}.{model._meta.object_name}" for model in backed_up_models()],
                natural_foreign=True,
                natural_primary=True,
                output=str(data),
                verbosity=0,
            )
        files = [
            path for folder in FILE_FOLDERS for path in sorted((var / folder).rglob("*")) if path.is_file()
        ]
        manifest = Manifest(
            created_at=timezone.now().isoformat(timespec="seconds"),
            engine=connection.vendor,
            migrations=migrations,
            counts=counts,
            files=len(files),
        )
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", manifest.as_json().encode())
            archive.add(data, "data.json")
            for path in files:
                archive.add(path, f"files/{path.relative_to(var).as_posix()}")
        partial.replace(target)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(content), int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(archive: tarfile.TarFile, source: Path) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise KeyError("manifest.json is not a file")
        raw = json.loads(member.read())
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError(f"{source}: not a Balise backup (no readable manifest.json)") from exc
    if raw.pop("format", None) != FORMAT:
        raise BackupError(f"{source}: unknown backup format (expected {FORMAT})")
    return Manifest(**raw)


def restore(source: Path) -> Manifest:
    """Load the archive into this (empty) database and its files under the data directory.

    The database is first migrated to the backup's own migrations, loaded, then migrated to this
    version of Balise: an archive of an older version restores into a newer one."""
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source}: cannot be read as a backup archive ({exc})") from exc
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(archive, source)
        _migrate_to(manifest.migrations, source)
        occupied = {label: n for label, n in row_counts().items() if n}
        if occupied:
            found = ", ".join(f"{n} {label}" for label, n in sorted(occupied.items())[:5])
            raise BackupError(f"the database is not empty ({found}): restore into a new, empty database")
        archive.extract("data.json", work, filter="data")
        with transaction.atomic():
            call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
        _restore_files(archive)
    call_command("migrate", interactive=False, verbosity=0)
    return manifest


def _migrate_to(migrations: dict[str, list[str]], source: Path) -> None:
    """Bring the database to the backup's migrations (content types and permissions included)."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    unknown = [
        f"{app}.{name}"
        for app, names in migrations.items()
        for name in names
        if (app, name) not in graph.nodes
    ]
    if unknown:
        raise BackupError(
            f"{source}: made by a newer Balise (unknown migrations: {', '.join(unknown[:3])}); "
            "restore it with that version or a later one"
        )
    targets = []
    for app, names in sorted(migrations.items()):
        applied = set(names)
        targets += [
            (app, name)
            for name in names
            if not any(
                child[0] == app and child[1] in applied for child in graph.node_map[(app, name)].children
            )
        ]
    executor.migrate(targets)
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)


def _restore_files(archive: tarfile.TarFile) -> None:
    var = Path(settings.VAR_DIR)
    members = [m for m in archive.getmembers() if m.name.startswith("files/") and m.isfile()]
    for member in members:
        member.name = member.name.removeprefix("files/")
        archive.extract(member, var, filter="data")
