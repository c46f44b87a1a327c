"""An upload on disk only while it is read into a draft: the draft keeps the blocks, never the file.

Each upload gets its own folder under ``VAR_DIR/drafts/`` named by a random token, holding the
file under its original (sanitised) name so that messages name the user's file. The folder goes
when the reading ends; folders a crash left behind are purged after a day."""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

MAX_AGE_SECONDS = 24 * 3600


def _root() -> Path:
    return Path(settings.VAR_DIR) / "drafts"


@contextmanager
def on_disk(upload: UploadedFile[bytes]) -> Iterator[Path]:
    purge_stale()
    folder = _root() / secrets.token_urlsafe(16)
    folder.mkdir(parents=True)
    path = folder / (get_valid_filename(Path(upload.name or "document").name) or "document")
    try:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def purge_stale(max_age: int = MAX_AGE_SECONDS) -> None:
    root = _root()
    if not root.is_dir():
        return
    limit = time.time() - max_age
    for folder in root.iterdir():
        if folder.name != "kept" and folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def _kept_root() -> Path:
    return _root() / "kept"


def keep(path: Path, draft_id: int) -> Path:
    """Keep an upload for the worker that reads it into draft ``draft_id``."""
    folder = _kept_root() / str(draft_id)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(path, folder / path.name))


def kept(draft_id: int) -> Path | None:
    folder = _kept_root() / str(draft_id)
    found = sorted(folder.iterdir()) if folder.is_dir() else []
    return found[0] if found else None


def forget(draft_id: int) -> None:
    shutil.rmtree(_kept_root() / str(draft_id), ignore_errors=True)
