"""Uploaded documents kept between the import report and its confirmation.

Each upload lives in its own folder ``VAR_DIR/uploads/<token>/`` under its original (sanitised)
name, so that parse messages name the user's file; the session maps the token to it, so one user
can never confirm another user's upload. Folders left behind by abandoned imports are purged."""

from __future__ import annotations

import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

SESSION_KEY = "balise_uploads"
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class StoredUpload:
    token: str
    path: Path
    name: str  # as the user called it
    strict: bool


def _root() -> Path:
    return Path(settings.VAR_DIR) / "uploads"


def store(session: SessionBase, upload: UploadedFile, *, strict: bool) -> StoredUpload:
    purge_stale()
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(parents=True)
    name = Path(upload.name or "document").name
    path = folder / (get_valid_filename(name) or "document")
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    uploads = session.get(SESSION_KEY, {})
    uploads[token] = {"file": path.name, "name": name, "strict": strict}
    session[SESSION_KEY] = uploads
    return StoredUpload(token, path, name, strict)


def find(session: SessionBase, token: str) -> StoredUpload | None:
    entry = session.get(SESSION_KEY, {}).get(token)
    if entry is None:
        return None
    path = _root() / token / entry["file"]
    if not path.is_file():
        return None
    return StoredUpload(token, path, entry["name"], bool(entry["strict"]))


def discard(session: SessionBase, token: str) -> None:
    uploads = session.get(SESSION_KEY, {})
    # Only a token of this session names a folder: never a path taken from the request.
    if uploads.pop(token, None) is not None:
        session[SESSION_KEY] = uploads
        shutil.rmtree(_root() / token, ignore_errors=True)


def purge_stale(max_age: int = MAX_AGE_SECONDS) -> None:
    root = _root()
    if not root.is_dir():
        return
    limit = time.time() - max_age
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
