"""The document model as JSON and back, so that a draft keeps the blocks it was read into."""

from __future__ import annotations

import dataclasses
from typing import Any

from balise.imports.document.model import Block, Cell, Document, Kind, Position, Row


def document_to_dict(document: Document) -> dict[str, Any]:
    return dataclasses.asdict(document)


def document_from_dict(data: dict[str, Any]) -> Document:
    """``{}`` (a draft still being read) is an empty document."""
    if not data:
        return Document("", "")
    return Document(
        source=data["source"],
        format=data["format"],
        blocks=[_block(b) for b in data.get("blocks", [])],
        pages=data.get("pages", 0),
    )


def _block(data: dict[str, Any]) -> Block:
    return Block(
        id=data["id"],
        kind=Kind(data["kind"]),
        text=data.get("text", ""),
        level=data.get("level", 0),
        number=data.get("number", ""),
        style=data.get("style", ""),
        position=Position(**data.get("position", {})),
        rows=[
            Row(
                [
                    Cell(
                        blocks=[_block(b) for b in cell.get("blocks", [])],
                        col_span=cell.get("col_span", 1),
                        row_span=cell.get("row_span", 1),
                        merged_above=cell.get("merged_above", False),
                    )
                    for cell in row.get("cells", [])
                ]
            )
            for row in data.get("rows", [])
        ],
        furniture=data.get("furniture"),
    )
