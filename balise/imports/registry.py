"""The layouts Balise can read, and detection of the layout of a document."""

from __future__ import annotations

import importlib
from types import ModuleType

from django.utils.translation import gettext as _

from balise.imports.report import DocumentRefused, ImportResult

# Order matters only for ties; detection takes the most confident layout.
LAYOUT_NAMES = ("pssp_list", "pssp_table", "css_wrapped", "css_tabs", "pgsp")
THRESHOLD = 0.5
# The reading of a document no specialised layout recognised: the generic structure recogniser.
GENERIC = "generic"


def layouts() -> dict[str, ModuleType]:
    return {name: importlib.import_module(f"balise.imports.{name}") for name in LAYOUT_NAMES}


def describe_layout(name: str) -> str:
    """What a layout reads, in the user's language, for the people who import a document."""
    if name == GENERIC:
        return _("generic structure recogniser: headings, numbering, lists and tables")
    module = layouts().get(name)
    return str(module.DESCRIPTION) if module is not None else name


def detect_layout(lines: list[str], source: str = "document") -> str:
    scores = {name: module.detect(lines) for name, module in layouts().items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] < THRESHOLD:
        tried = ", ".join(f"{name} ({score:.2f})" for name, score in scores.items())
        raise DocumentRefused(
            _("%(file)s: unknown layout; tried %(tried)s") % {"file": source, "tried": tried}
        )
    return best


def parse_lines(lines: list[str], layout: str | None = None, source: str = "document") -> ImportResult:
    available = layouts()
    if layout is not None and layout not in available:
        raise DocumentRefused(
            _("%(file)s: unknown layout %(layout)r; choose one of %(choices)s")
            % {"file": source, "layout": layout, "choices": ", ".join(available)}
        )
    name = layout or detect_layout(lines, source)
    return available[name].parse(lines)
