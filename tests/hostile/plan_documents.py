"""Malformed and hostile source documents for the plan importer (``balise import`` and the plan
import page): each is refused with a message, never parsed into a plan."""

from __future__ import annotations

import io
import os
import zipfile

from tests.hostile.workbooks import LAUGHS

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_VBA = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 512  # the macros' OLE container
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx(body: str, main: str = _DOCX_MAIN, **extra: str | bytes) -> bytes:
    document = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _DOC_TYPES.format(main=main),
        "_rels/.rels": _RELS,
        "word/document.xml": document,
    }
    parts.update(extra)
    return _zip(parts)


def _paragraphs(*lines: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


# (file name, bytes): none of them is a plan Balise can import.
def hostile_plan_documents() -> list[tuple[str, bytes]]:
    plain = _docx(_paragraphs("Plan stratégique de sécurité et de prévention", "Module 1 : Cambriolage"))
    laughs_document = LAUGHS + f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    laughs_document += "</w:body></w:document>"
    return [
        ("empty.docx", b""),
        ("empty.pdf", b""),
        ("empty.odt", b""),
        ("random-binary.docx", os.urandom(4096)),
        ("random-binary.pdf", os.urandom(4096)),
        ("truncated.docx", plain[: len(plain) // 2]),
        ("zip-header-only.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("empty-zip.docx", _zip({})),
        ("zip-without-document.docx", _zip({"hello.txt": "hi"})),
        ("ole-compound.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2048),  # .doc / encrypted
        ("zip-bomb.docx", _docx(_paragraphs("x") + " " * (60 * 1024 * 1024))),
        ("ratio-bomb.docx", _docx(_paragraphs("x"), **{"word/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})),
        ("many-parts.docx", _docx(_paragraphs("x"), **{f"word/junk/{n}.xml": "<a/>" for n in range(2500)})),
        ("billion-laughs.docx", _docx("", **{"word/document.xml": laughs_document})),
        ("broken-xml.docx", _docx("", **{"word/document.xml": "<w:document><w:body><w:p>"})),
        ("xlsx-renamed.docx", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})),
        (
            "macro-enabled-renamed.docx",
            _docx(_paragraphs("x"), _DOCM_MAIN, **{"word/vbaProject.bin": b"\xd0"}),
        ),
        ("html-renamed.docx", b"<html><body><h1>Plan</h1></body></html>"),
        ("docx-renamed.pdf", plain),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj<<"),
        ("pdf-no-pages.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("binary.txt", os.urandom(2048)),
        ("nul-bytes.txt", b"\x00" * 4096),
        ("not-a-plan.txt", b"Tarte aux pommes\n\n- 4 pommes\n- 200 g de farine\n"),
        ("unknown-extension.exe", b"MZ\x90\x00" + os.urandom(512)),
        ("broken.json", b'{"format": "balise.plan/1", "title": '),
        ("nested.json", b'{"a":' * 10_000 + b"1" + b"}" * 10_000),
    ]
