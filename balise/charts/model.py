"""What charts are drawn from: plain dataclasses and mappings (never ORM objects, so documents
can reuse them), the status palette and labels."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

RENDER_VERSION = "4"  # bump when the drawing changes, so cached charts are redrawn
STATUSES = ("met", "partly_met", "not_met", "no_data")
DEFAULT_STATUS_COLOURS = {
    "met": "#2e7d32",
    "partly_met": "#ef6c00",
    "not_met": "#c62828",
    "no_data": "#9e9e9e",
}
NOT_ASSESSED = "#e0e0e0"
INK = "#1d2433"
_RC: dict[RcKeyType, object] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "balise",  # stable ids in the SVG: the same data gives the same file
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#8a93a3",
    "text.color": INK,
}


@dataclass(frozen=True)
class Chart:
    key: str
    png: bytes
    svg: str
    alt: str

    def png_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class StatusCounts:
    """How many indicators of a group (module, year, phenomenon) are in each status."""

    label: str
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.get(s, 0) for s in STATUSES)


@dataclass(frozen=True)
class Swatch:
    """One colour of the evaluation scale."""

    code: str
    label: str
    hex: str


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: Decimal | float | None


@dataclass(frozen=True)
class Trend:
    label: str
    points: Sequence[TrendPoint]
    target: Decimal | float | None = None
    target_label: str = ""
    cumulative: bool = False  # yearly counts: the running total is compared with the year's target


@dataclass(frozen=True)
class ObjectiveColours:
    label: str
    colours: Mapping[int, str | None]  # year → colour code (None: not assessed)


@dataclass(frozen=True)
class PhenomenonCounts:
    label: str
    statuses: Mapping[str, int]
    colours: Mapping[str, int] = field(default_factory=dict)  # colour code → indicators ("" = none)


def status_labels() -> dict[str, str]:
    return {
        "met": _("met"),
        "partly_met": _("partly met"),
        "not_met": _("not met"),
        "no_data": _("no data"),
    }


@dataclass(frozen=True)
class BudgetBar:
    """One budget line: what it allows (None: no budget set) and what was spent on it."""

    label: str
    allocated: Decimal | None
    spent: Decimal


SERIES_COLOURS = ("#0b5cad", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63")


@dataclass(frozen=True)
class GroupValues:
    """One group of bars (a thematic) with one value per series (an actor category)."""

    label: str
    values: Sequence[int]
