"""Read a source document (text, DOCX, PDF, JSON) into the lines the layout parsers consume.

The format is sniffed from the content (magic bytes), not trusted from the extension: users rename
files, and a ``.txt`` saved by Word may well be UTF-16. Every failure becomes an ``DocumentRefused``
with a one-line message naming the file, so the CLI and the upload page can show it as is.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balise.imports.archive import ArchiveRefused, open_archive
from balise.imports.document.docx_model import docx_model
from balise.imports.document.odt_reader import read_odt
from balise.imports.document.sheets import read_ods, read_xlsx
from balise.imports.docx_reader import docx_lines
from balise.imports.pdf_reader import read_pdf_lines
from balise.imports.report import DocumentRefused
from balise.imports.wordml import open_docx

if TYPE_CHECKING:
    from balise.imports.document.model import Document

MAX_BYTES = 50 * 1024 * 1024

SourceFormat = Literal["text", "docx", "pdf", "json", "xlsx", "ods", "odt"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)
# Above this share of control/unassigned characters a decoded "text" is really binary data.
_JUNK_RATIO = 0.02
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    format: SourceFormat
    lines: list[str] = field(default_factory=list)
    encoding: str | None = None  # only for text and JSON
    # Formats read straight into the document model (spreadsheets, OpenDocument) carry it here.
    model: Document | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_document(path: Path, *, name: str | None = None) -> SourceDocument:
    """Read ``path`` into lines; ``name`` is how the file is called in error messages (an upload's
    original name rather than its temporary path). Raises only ``DocumentRefused``."""
    path = Path(path)
    label = name or path.name
    data = read_bytes(path, label)
    if b"%PDF-" in data[:1024]:  # the PDF spec tolerates junk before the header
        return SourceDocument(path, "pdf", read_pdf_lines(data, label))
    if data.startswith(_ZIP_MAGICS):
        return _read_zip(path, data, label)
    if data.startswith(_OLE2_MAGIC):
        raise DocumentRefused(
            _(
                "%(file)s: old-format Office file (.doc) or password-protected .docx; "
                "save it as an unprotected .docx or PDF and import it again"
            )
            % {"file": label}
        )
    text, encoding = decode_text(data, label)
    if not text.strip():
        raise DocumentRefused(_("%(file)s: the file contains no text") % {"file": label})
    lines = text.split("\n")
    if _looks_like_json(path, text, label):
        return SourceDocument(path, "json", lines, encoding)
    return SourceDocument(path, "text", lines, encoding)


def read_bytes(path: Path, label: str) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentRefused(_("%(file)s: is a folder, not a document") % {"file": label})
        # Checked before reading so that a huge upload never lands in memory.
        if size > MAX_BYTES:
            raise DocumentRefused(
                _("%(file)s: file is too large (%(size)s bytes; the limit is %(limit)s MB)")
                % {
                    "file": label,
                    "size": number_format(size, force_grouping=True),
                    "limit": MAX_BYTES // (1024 * 1024),
                }
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentRefused(_("%(file)s: file not found") % {"file": label}) from None
    except OSError as exc:
        raise DocumentRefused(
            _("%(file)s: cannot be read (%(reason)s)") % {"file": label, "reason": exc.strerror or exc}
        ) from None
    if not data:
        raise DocumentRefused(_("%(file)s: the file is empty") % {"file": label})
    return data


def _read_zip(path: Path, data: bytes, label: str) -> SourceDocument:
    try:
        archive = open_archive(data, label)
    except ArchiveRefused as exc:
        if exc.reason != "not_zip":
            raise
        # A cut-off upload keeps its local headers, which name the DOCX main part.
        if path.suffix.lower() in {".docx", ".docm", ".dotx"} or b"word/document.xml" in data:
            raise DocumentRefused(
                _("%(file)s: not a readable .docx (truncated or corrupt)") % {"file": label}
            ) from None
        raise DocumentRefused(_("%(file)s: damaged ZIP archive, not a document") % {"file": label}) from None
    with archive:
        names = set(archive.namelist())
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    if "xl/workbook.xml" in names:
        return SourceDocument(path, "xlsx", model=read_xlsx(data, label))
    if mimetype.endswith("opendocument.spreadsheet"):
        return SourceDocument(path, "ods", model=read_ods(data, label))
    if mimetype.endswith("opendocument.text"):
        return SourceDocument(path, "odt", model=read_odt(data, label))
    if "word/document.xml" not in names:
        raise DocumentRefused(
            _(
                "%(file)s: ZIP archive that is not a Word (.docx), OpenDocument (.odt, .ods) "
                "or Excel (.xlsx) document"
            )
            % {"file": label}
        )
    # Opened once for both readings: the lines the seed layouts read and the document model.
    document = open_docx(data, label)
    return SourceDocument(path, "docx", docx_lines(document, label), model=docx_model(document, label))


def decode_text(data: bytes, label: str) -> tuple[str, str]:
    """Decode bytes of a text file and normalise newlines; returns ``(text, encoding)``.

    Order: BOM, BOM-less UTF-16 (NUL bytes on one parity), UTF-8, cp1252 (what Windows editors
    write; a superset of Latin-1 for printable text), Latin-1. Binary data raises."""
    text, encoding = _decode(data)
    if text is None or _is_junk(text):
        raise DocumentRefused(
            _("%(file)s: not a text, Word (.docx), PDF or JSON document (binary content)") % {"file": label}
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text, encoding


def _decode(data: bytes) -> tuple[str | None, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                return None, name
    utf16 = _sniff_utf16(data[:_SNIFF_BYTES])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return None, ""
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None, ""  # unreachable: latin-1 decodes anything


def _sniff_utf16(head: bytes) -> str | None:
    """Mostly-ASCII UTF-16 without a BOM has a NUL in every other byte."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _is_junk(text: str) -> bool:
    sample = text[: _SNIFF_BYTES * 4]
    # Each distinct character judged once (a text has a few dozen of them among 16 000).
    junk = sum(
        count
        for char, count in Counter(sample).items()
        if char == "\ufffd"
        or (char not in "\t\n\r\f\v" and unicodedata.category(char) in {"Cc", "Cn", "Cs", "Co"})
    )
    return junk > _JUNK_RATIO * max(len(sample), 1)


def _looks_like_json(path: Path, text: str, label: str) -> bool:
    stripped = text.lstrip()
    if path.suffix.lower() != ".json" and not stripped.startswith("{"):
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        if path.suffix.lower() == ".json":
            raise DocumentRefused(
                _("%(file)s: not valid JSON (line %(line)s, column %(column)s: %(reason)s)")
                % {"file": label, "line": exc.lineno, "column": exc.colno, "reason": exc.msg}
            ) from None
        return False  # a text that merely starts with "{" is still a text
    except RecursionError:  # thousands of nested brackets: nothing a plan looks like
        raise DocumentRefused(_("%(file)s: not valid JSON (nested too deeply)") % {"file": label}) from None
    return True
