"""Files attached to a year's outputs: bounded in size, of a few document types checked by their
first bytes as well as their name, stored under ``VAR_DIR/files/evidence`` by a random name (the
user's name is kept in the database only), handed out only by the project's pages and API."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from balise import errors

EVIDENCE_DIR = "files/evidence"
MAX_FILES_PER_YEAR = 20
ZIP = (b"PK\x03\x04",)
# suffix → (content type served, accepted first bytes)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
}


class EvidenceRefused(errors.Invalid):
    """A file that cannot be kept as evidence; the message names it and says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class StoredFile:
    name: str  # the user's file name, sanitised
    path: str  # relative to VAR_DIR
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "BALISE_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def _root() -> Path:
    return Path(settings.VAR_DIR)


def _too_large(name: str) -> EvidenceRefused:
    return EvidenceRefused(
        _("%(file)s is larger than %(limit)s MB.")
        % {"file": name, "limit": max_bytes() // (1024 * 1024) or 1}
    )


def accepted_suffixes() -> str:
    return ", ".join(sorted(TYPES))


def check(upload: UploadedFile) -> tuple[str, str]:
    """(sanitised name, content type) of an acceptable upload, else `EvidenceRefused`."""
    name = get_valid_filename(Path(upload.name or "").name)[:200] or "evidence"
    kind = TYPES.get(Path(name).suffix.lower())
    if kind is None:
        raise EvidenceRefused(
            _("%(file)s: only these kinds of files are kept as evidence: %(kinds)s.")
            % {"file": name, "kinds": accepted_suffixes()}
        )
    size = upload.size or 0
    if size > max_bytes():
        raise _too_large(name)
    if size == 0:
        raise EvidenceRefused(_("%(file)s is empty.") % {"file": name})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type, signatures = kind
    if not any(head.startswith(s) for s in signatures):
        raise EvidenceRefused(
            _("%(file)s is not the kind of file its name says (%(suffix)s).")
            % {"file": name, "suffix": Path(name).suffix.lower()}
        )
    return name, content_type


def store(upload: UploadedFile, report_id: int) -> StoredFile:
    """Check, then write under a random name (atomically: a temporary name, then renamed)."""
    name, content_type = check(upload)
    relative = f"{EVIDENCE_DIR}/{report_id}/{secrets.token_hex(16)}{Path(name).suffix.lower()}"
    path = _root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    size = 0
    with partial.open("wb") as out:
        for chunk in upload.chunks():
            size += len(chunk)
            if size > max_bytes():  # the size announced was wrong
                out.close()
                partial.unlink(missing_ok=True)
                raise _too_large(name)
            out.write(chunk)
    partial.replace(path)
    return StoredFile(name, relative, content_type, size)


def open_path(relative: str) -> Path:
    """The file of a stored path, never outside the evidence folder."""
    path = (_root() / relative).resolve()
    if not path.is_relative_to(_root().resolve() / EVIDENCE_DIR):
        raise FileNotFoundError(relative)
    return path


def remove(relative: str) -> None:
    try:
        open_path(relative).unlink(missing_ok=True)
    except FileNotFoundError:
        pass
