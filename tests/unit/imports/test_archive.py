"""Office archives are bounded before parsing and their XML is parsed without entities."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from balise.imports.archive import ArchiveRefused, Limits, open_archive, parse_xml, read_xml
from balise.imports.report import DocumentRefused
from balise.imports.sources import read_document

MB = 1024 * 1024


def write_zip(path: Path, members: dict[str, bytes | int]) -> Path:
    """Members given as bytes, or as a size in bytes of zeros written in chunks (a bomb)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as member:
                chunk = b"<w:t>" + bytes(MB) + b"</w:t>"
                for _ in range(content // len(chunk)):
                    member.write(chunk)
    return path


def test_a_docx_inflating_past_50_mb_is_refused_before_any_parsing(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "plan.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": 60 * MB}
    )
    assert path.stat().st_size < MB  # small on disk, huge once inflated

    with pytest.raises(DocumentRefused) as refused:
        read_document(path)

    message = str(refused.value)
    assert message.startswith("plan.docx: the part word/document.xml would inflate to ")
    assert "(the limit is 50 MB)" in message and "\n" not in message


def test_many_parts_that_together_inflate_past_the_bound_are_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "classeur.xlsx", {f"xl/part{n}.xml": b"<a/>" * 400 for n in range(5)})

    with pytest.raises(ArchiveRefused) as refused:
        open_archive(path, "classeur.xlsx", Limits(total_bytes=7000, member_bytes=7000))

    assert refused.value.reason == "total_size"
    assert str(refused.value).startswith("classeur.xlsx: the archive would inflate to 8\u202f000 bytes")


def test_an_archive_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "plan.odt", {f"p{n}.xml": b"<a/>" for n in range(30)})

    with pytest.raises(ArchiveRefused) as refused:
        open_archive(path.read_bytes(), "plan.odt", Limits(members=20))

    assert refused.value.reason == "members"
    assert str(refused.value) == "plan.odt: the archive has 30 parts (the limit is 20)"


def test_a_part_compressed_a_thousand_times_is_a_bomb_even_under_the_total(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "plan.docx", {"word/document.xml": 3 * MB})

    with pytest.raises(ArchiveRefused) as refused:
        open_archive(path, "plan.docx")

    assert refused.value.reason == "ratio"


def test_an_ordinary_archive_opens_and_its_parts_read(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "plan.odt", {"content.xml": "<office><p>Préven­tion</p></office>".encode()})

    with open_archive(path, "plan.odt") as archive:
        root = read_xml(archive, "content.xml", "plan.odt")

    assert root.findtext("p") == "Préven\u00adtion"


def test_an_entity_bomb_is_refused_without_expanding_it() -> None:
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<document>&lol3;</document>"""

    with pytest.raises(ArchiveRefused) as refused:
        parse_xml(laughs, "plan.docx", "word/document.xml")

    assert str(refused.value).startswith("plan.docx: the part word/document.xml declares a DTD")


def test_an_external_entity_never_reads_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = f"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]><d>&x;</d>""".encode()

    with pytest.raises(ArchiveRefused):
        parse_xml(xxe, "classeur.xlsx")


def test_a_damaged_zip_is_named_as_such() -> None:
    with pytest.raises(ArchiveRefused) as refused:
        open_archive(b"PK\x03\x04 not really", "plan.docx")

    assert refused.value.reason == "not_zip"
    assert str(refused.value).startswith("plan.docx: not a readable ZIP archive")
