"""Open an Office archive (DOCX, XLSX, ODT, ODS) safely: bounded before parsing, XML without entities.

A DOCX, XLSX or OpenDocument file is a ZIP of XML parts. Two attacks hide in them:

- a *zip bomb*: a 1.5 MB upload whose parts inflate to hundreds of megabytes (one drove the
  importer to 7.8 GB of memory). ``open_archive`` reads the central directory only and refuses
  the file when its members are too many, one member is too large, or all of them together
  inflate past the bound, before a single byte is decompressed. The declared sizes cannot lie
  to us: ``zipfile`` stops a member at its declared size (and then fails its CRC check), and
  ``read_member`` reads with the same bound;
- an *entity bomb* ("billion laughs") or an external entity reading a local file (XXE) inside
  an XML part. Office formats never declare a DTD, so ``parse_xml`` refuses any document that
  carries one, and parses with lxml's entity resolution, DTD loading and network access off.
  lxml is already what python-docx parses with (with ``resolve_entities=False`` too), so this
  adds no dependency; openpyxl parses with defusedxml when it is installed, which it is.

Every refusal is an ``ArchiveRefused`` whose message names the file and the bound, e.g.
``plan.docx: the archive would inflate to 480,000,000 bytes (the limit is 50 MB)``; ``reason``,
``found`` and ``limit`` let a page build its own translated sentence.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from balise.imports.report import DocumentRefused

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    total_bytes: int = 50 * MB  # all members inflated together
    member_bytes: int = 50 * MB  # one member inflated
    members: int = 2000  # a long plan has a few dozen parts; thousands are an attack
    ratio: int = 200  # inflated / compressed for one large member: text compresses ~10x, bombs 1000x
    ratio_floor: int = 1 * MB  # members smaller than this are never refused for their ratio


DEFAULT_LIMITS = Limits()


def _number(value: int) -> str:
    """``value`` with the thousands grouped as the active language does it."""
    return number_format(value, force_grouping=True)


class ArchiveRefused(DocumentRefused):
    """An archive refused before parsing; the message is one line naming the file and the bound."""

    def __init__(self, message: str, *, reason: str, found: int = 0, limit: int = 0) -> None:
        super().__init__(message)
        self.reason = reason  # "not_zip" | "members" | "member_size" | "total_size" | "ratio" | "xml"
        self.found = found
        self.limit = limit


Source = bytes | str | Path | BinaryIO


def open_archive(source: Source, label: str, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The opened ZIP, checked against ``limits`` from its central directory alone."""
    stream: BinaryIO | str | Path = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ArchiveRefused(
            _("%(file)s: not a readable ZIP archive (%(reason)s)") % {"file": label, "reason": exc},
            reason="not_zip",
        ) from None
    try:
        check_archive(archive, label, limits)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile, label: str, limits: Limits = DEFAULT_LIMITS) -> None:
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise ArchiveRefused(
            _("%(file)s: the archive has %(count)s parts (the limit is %(limit)s)")
            % {"file": label, "count": _number(len(infos)), "limit": _number(limits.members)},
            reason="members",
            found=len(infos),
            limit=limits.members,
        )
    total = 0
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise ArchiveRefused(
                _("%(file)s: the part %(part)s would inflate to %(size)s bytes (the limit is %(limit)s MB)")
                % {
                    "file": label,
                    "part": info.filename,
                    "size": _number(info.file_size),
                    "limit": limits.member_bytes // MB,
                },
                reason="member_size",
                found=info.file_size,
                limit=limits.member_bytes,
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.ratio:
            raise ArchiveRefused(
                _(
                    "%(file)s: the part %(part)s inflates %(ratio)s times "
                    "(a compression bomb; the limit is %(limit)s times)"
                )
                % {"file": label, "part": info.filename, "ratio": _number(ratio), "limit": limits.ratio},
                reason="ratio",
                found=info.file_size,
                limit=limits.ratio,
            )
        total += info.file_size
    if total > limits.total_bytes:
        raise ArchiveRefused(
            _("%(file)s: the archive would inflate to %(size)s bytes (the limit is %(limit)s MB)")
            % {"file": label, "size": _number(total), "limit": limits.total_bytes // MB},
            reason="total_size",
            found=total,
            limit=limits.total_bytes,
        )


def read_member(archive: zipfile.ZipFile, name: str, label: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """One member's bytes, never more than ``limits.member_bytes`` whatever its header says."""
    try:
        with archive.open(name) as member:
            data = member.read(limits.member_bytes + 1)
    except KeyError:
        raise ArchiveRefused(
            _("%(file)s: the archive has no part %(part)s") % {"file": label, "part": name}, reason="not_zip"
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveRefused(
            _("%(file)s: the part %(part)s is damaged (%(reason)s)")
            % {"file": label, "part": name, "reason": exc},
            reason="not_zip",
        ) from None
    if len(data) > limits.member_bytes:
        raise ArchiveRefused(
            _("%(file)s: the part %(part)s inflates past %(limit)s MB")
            % {"file": label, "part": name, "limit": limits.member_bytes // MB},
            reason="member_size",
            found=len(data),
            limit=limits.member_bytes,
        )
    return data


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, dtd_validation=False
    )


def parse_xml(data: bytes, label: str, part: str = "") -> etree._Element:
    """Parse one XML part; a DTD (the carrier of every entity attack) is refused outright."""
    where = _("%(file)s: the part %(part)s") % {"file": label, "part": part} if part else label
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ArchiveRefused(
            _("%(where)s is not well-formed XML (%(reason)s)") % {"where": where, "reason": exc}, reason="xml"
        ) from None
    if root.getroottree().docinfo.doctype:
        raise ArchiveRefused(
            _("%(where)s declares a DTD, which Office documents never do (refused: entity expansion)")
            % {"where": where},
            reason="xml",
        )
    return root


def read_xml(
    archive: zipfile.ZipFile, name: str, label: str, limits: Limits = DEFAULT_LIMITS
) -> etree._Element:
    return parse_xml(read_member(archive, name, label, limits), label, name)
