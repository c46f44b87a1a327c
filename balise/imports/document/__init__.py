"""The document model and its readers; ``read_model`` picks the reader for a sniffed source."""

from __future__ import annotations

from balise.imports.document.model import Block, Builder, Cell, Document, Kind, Position, Row

__all__ = ["Block", "Builder", "Cell", "Document", "Kind", "Position", "Row"]
