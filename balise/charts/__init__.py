"""The one way Balise draws charts: matplotlib (Agg, no network, DejaVu Sans), from plain data.

Every function takes dataclasses or mappings (never ORM objects, so documents can reuse them) and
returns a `Chart`: PNG bytes, SVG text, an alternative text and the hash of its content. A chart is
rendered once: the hash of its input (data, labels, colours) keys an in-process LRU backed by files
under ``settings.VAR_DIR / "charts"``, and `cached_chart(key)` serves it again by that key.

The package is split by what is drawn: `model` (the plain data), `render` (the one rendering
path and its cache), `status`, `trend`, `money`, `regional`; every public name is importable from
`balise.charts` itself.
"""

from __future__ import annotations

from balise.charts.model import (
    DEFAULT_STATUS_COLOURS,
    INK,
    NOT_ASSESSED,
    RENDER_VERSION,
    SERIES_COLOURS,
    STATUSES,
    BudgetBar,
    Chart,
    GroupValues,
    ObjectiveColours,
    PhenomenonCounts,
    StatusCounts,
    Swatch,
    Trend,
    TrendPoint,
    status_labels,
)
from balise.charts.money import allocated_vs_spent
from balise.charts.regional import funding_by_category, measures_by_thematic_and_category
from balise.charts.render import RENDERS, cached_chart, clear_memory, content_key
from balise.charts.status import (
    colours_by_objective,
    federal_overview,
    municipality_years,
    status_shares_by_module,
)
from balise.charts.trend import indicator_trend

__all__ = [
    "DEFAULT_STATUS_COLOURS",
    "INK",
    "NOT_ASSESSED",
    "RENDER_VERSION",
    "RENDERS",
    "SERIES_COLOURS",
    "STATUSES",
    "BudgetBar",
    "Chart",
    "GroupValues",
    "ObjectiveColours",
    "PhenomenonCounts",
    "StatusCounts",
    "Swatch",
    "Trend",
    "TrendPoint",
    "allocated_vs_spent",
    "cached_chart",
    "clear_memory",
    "colours_by_objective",
    "content_key",
    "federal_overview",
    "funding_by_category",
    "indicator_trend",
    "measures_by_thematic_and_category",
    "municipality_years",
    "status_labels",
    "status_shares_by_module",
]
