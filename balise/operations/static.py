"""Collecting the static files (hashed names, gzip and brotli copies) only when they changed:
compressing takes most of a minute, and a restart should not wait for it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

STAMP = ".balise-collected"


def fingerprint() -> str:
    """Changes when any static file is added, removed, resized or touched."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda item: item[0]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> bool:
    """Run collectstatic when the files changed since the last time; True when it ran."""
    if not settings.STATIC_ROOT:
        raise ImproperlyConfigured("STATIC_ROOT is not set: there is nowhere to collect the static files")
    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    current = fingerprint()
    if stamp.is_file() and stamp.read_text() == current and (root / "staticfiles.json").is_file():
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(current)
    return True
