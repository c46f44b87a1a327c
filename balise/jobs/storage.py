"""Generated files live under ``VAR_DIR/files/jobs``; only the job pages hand them out."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings

JOBS_DIR = "files/jobs"


def root() -> Path:
    return Path(settings.VAR_DIR)


def save(job_id: int, file_name: str, content: bytes) -> str:
    """Write atomically (temporary name, then rename); return the path relative to ``VAR_DIR``."""
    suffix = Path(file_name).suffix
    relative = f"{JOBS_DIR}/{job_id}-{secrets.token_hex(8)}{suffix}"
    path = root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(content)
    partial.replace(path)
    return relative


def open_path(relative: str) -> Path:
    path = (root() / relative).resolve()
    if not path.is_relative_to(root().resolve() / JOBS_DIR):
        raise FileNotFoundError(relative)
    return path


def remove(relative: str) -> None:
    if relative:
        open_path(relative).unlink(missing_ok=True)
