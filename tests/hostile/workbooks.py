"""Hostile and malformed workbooks, written by the tests (nothing stored): each one is
``(name, bytes)``; ``name`` carries the extension the attacker chose."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable

from openpyxl import Workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WB_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0"?><workbook xmlns="{NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="README" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def _zip(parts: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _sheet(rows: str, prolog: str = '<?xml version="1.0"?>') -> str:
    return f'{prolog}<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'


def _raw_workbook(sheet: str, **extra: str | bytes) -> bytes:
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": TYPES,
        "_rels/.rels": RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    parts.update(extra)
    return _zip(parts)


def _openpyxl(fill: Callable[[Workbook], None]) -> bytes:
    book = Workbook()
    fill(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _readme(values: dict[str, object]) -> Callable[[Workbook], None]:
    def fill(book: Workbook) -> None:
        ws = book.active
        ws.title = "README"
        for n, (key, value) in enumerate(values.items(), start=2):
            ws.cell(n, 1, key)
            ws.cell(n, 3, value)

    return fill


GOOD_README = {
    "format": "balise.workbook/1",
    "plan_id": 1,
    "version": 1,
    "lineage": "00000000-0000-0000-0000-000000000000",
    "year": 2024,
    "language": "fr",
    "fingerprint": "x",
}


def hostile_workbooks() -> list[tuple[str, bytes]]:
    plain = _openpyxl(lambda book: None)
    files = [
        ("empty.xlsx", b""),
        ("one-byte.xlsx", b"P"),
        ("random-binary.xlsx", os.urandom(4096)),
        ("text.xlsx", b"valeur;2024\n12;13\n"),
        ("html.xlsx", b"<html><body>not a workbook</body></html>"),
        ("truncated.xlsx", plain[: len(plain) // 2]),
        ("zip-header-only.xlsx", b"PK\x03\x04" + b"\x00" * 100),
        ("empty-zip.xlsx", _zip({})),
        ("zip-without-workbook.xlsx", _zip({"hello.txt": "hi"})),
        ("ole-compound.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2048),  # old .xls / encrypted
        ("gzip.xlsx", b"\x1f\x8b\x08\x00" + os.urandom(200)),
        ("pdf.xlsx", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("zip-bomb.xlsx", _raw_workbook(_sheet("") + " " * (60 * 1024 * 1024))),
        ("ratio-bomb.xlsx", _raw_workbook(_sheet(""), **{"xl/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})),
        ("many-parts.xlsx", _raw_workbook(_sheet(""), **{f"xl/junk/{n}.xml": "<a/>" for n in range(2500)})),
        (
            "billion-laughs-sheet.xlsx",
            _raw_workbook(
                _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', LAUGHS)
            ),
        ),
        (
            "billion-laughs-workbook.xlsx",
            _raw_workbook(_sheet(""), **{"xl/workbook.xml": LAUGHS + WORKBOOK.split("?>", 1)[1]}),
        ),
        (
            "xxe-shared-strings.xlsx",
            _raw_workbook(
                _sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                **{
                    "xl/sharedStrings.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    f'<sst xmlns="{NS}"><si><t>&xxe;</t></si></sst>'
                },
            ),
        ),
        (
            "too-many-rows.xlsx",
            _raw_workbook(
                _sheet("".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(1, 20_002)))
            ),
        ),
        ("column-beyond-limit.xlsx", _raw_workbook(_sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>'))),
        ("column-beyond-excel.xlsx", _raw_workbook(_sheet('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'))),
        (
            "row-beyond-excel.xlsx",
            _raw_workbook(_sheet('<row r="99999999"><c r="A99999999"><v>1</v></c></row>')),
        ),
        (
            "too-many-cells.xlsx",
            _raw_workbook(
                _sheet(
                    "".join(
                        f'<row r="{r}">'
                        + "".join(
                            f'<c r="{c}{r}"><v>1</v></c>'
                            for c in (
                                "A",
                                "B",
                                "C",
                                "D",
                                "E",
                                "F",
                                "G",
                                "H",
                                "I",
                                "J",
                                "K",
                                "L",
                                "M",
                                "N",
                                "O",
                                "P",
                                "Q",
                                "R",
                                "S",
                                "T",
                                "U",
                                "V",
                                "W",
                                "X",
                                "Y",
                            )
                        )
                        + "</row>"
                        for r in range(1, 8_500)
                    )
                )
            ),
        ),
        ("broken-sheet-xml.xlsx", _raw_workbook('<?xml version="1.0"?><worksheet><sheetData><row>')),
        ("broken-workbook-xml.xlsx", _raw_workbook(_sheet(""), **{"xl/workbook.xml": "<workbook><sheets"})),
        ("path-traversal.xlsx", _raw_workbook(_sheet(""), **{"../../../../tmp/balise-evil.txt": "pwned"})),
        ("docx-renamed.xlsx", _zip({"[Content_Types].xml": TYPES, "word/document.xml": "<w:document/>"})),
        (
            "macro-enabled-renamed.xlsx",
            _raw_workbook(
                _sheet(""),
                **{
                    "xl/vbaProject.bin": os.urandom(2048),
                    "[Content_Types].xml": TYPES.replace("sheet.main+xml", "sheet.macroEnabled.main+xml"),
                },
            ),
        ),
        ("workbook-named-txt.txt", plain),
        ("workbook-named-csv.csv", plain),
        ("no-readme.xlsx", plain),
        ("wrong-format.xlsx", _openpyxl(_readme({**GOOD_README, "format": "balise.workbook/999"}))),
        ("plan-id-huge.xlsx", _openpyxl(_readme({**GOOD_README, "plan_id": 10**30}))),
        ("plan-id-negative.xlsx", _openpyxl(_readme({**GOOD_README, "plan_id": -5}))),
        ("plan-id-text.xlsx", _openpyxl(_readme({**GOOD_README, "plan_id": "=1+1"}))),
        ("year-zero.xlsx", _openpyxl(_readme({**GOOD_README, "year": 0}))),
        ("year-negative.xlsx", _openpyxl(_readme({**GOOD_README, "year": -101}))),
        ("year-float-huge.xlsx", _openpyxl(_readme({**GOOD_README, "year": 1e308}))),
        ("version-huge.xlsx", _openpyxl(_readme({**GOOD_README, "version": 2**63}))),
        ("unknown-plan.xlsx", _openpyxl(_readme({**GOOD_README, "plan_id": 424242}))),
    ]
    return files
