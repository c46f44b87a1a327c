"""The one way Balise draws charts: matplotlib (Agg, no network, DejaVu Sans), from plain data.

Every function takes dataclasses or mappings (never ORM objects, so documents can reuse them) and
returns a `Chart`: PNG bytes, SVG text, an alternative text and the hash of its content. A chart is
rendered once: the hash of its input (data, labels, colours) keys an in-process LRU backed by files
under ``settings.VAR_DIR / "charts"``, and `cached_chart(key)` serves it again by that key.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import textwrap
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: never a GUI backend on a server

from django.conf import settings
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from balise.sketch import Dot, Line, Rect, Sketch, Text, nice_ticks, text_width  # noqa: E402

RENDER_VERSION = "2"  # bump when the drawing changes, so cached charts are redrawn
STATUSES = ("met", "partly_met", "not_met", "no_data")
DEFAULT_STATUS_COLOURS = {
    "met": "#2e7d32",
    "partly_met": "#ef6c00",
    "not_met": "#c62828",
    "no_data": "#9e9e9e",
}
NOT_ASSESSED = "#e0e0e0"
INK = "#1d2433"
_RC = {
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


# --- cache -------------------------------------------------------------------------------------

RENDERS: Counter[str] = Counter()  # how many times each kind was actually drawn (tests, metrics)
_MEMORY: OrderedDict[str, Chart] = OrderedDict()
_MEMORY_SIZE = 256
_LOCK = threading.Lock()  # matplotlib's rcParams are global: one drawing at a time


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal | float):
        return str(Decimal(str(value)).normalize())
    return value


def content_key(kind: str, payload) -> str:
    spec = json.dumps({"kind": kind, "v": RENDER_VERSION, "data": _plain(payload)}, sort_keys=True)
    return hashlib.sha256(spec.encode("utf-8")).hexdigest()


def _cache_dir() -> Path | None:

    if not settings.configured or not getattr(settings, "VAR_DIR", None):
        return None
    return Path(settings.VAR_DIR) / "charts"


def _remember(chart: Chart) -> None:
    with _LOCK:
        _MEMORY[chart.key] = chart
        _MEMORY.move_to_end(chart.key)
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)


def cached_chart(key: str) -> Chart | None:
    """The chart rendered earlier for this content hash (memory, then files), or None."""
    with _LOCK:
        chart = _MEMORY.get(key)
    if chart is not None:
        return chart
    folder = _cache_dir()
    if folder is None or len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
        return None
    try:
        chart = Chart(
            key=key,
            png=(folder / f"{key}.png").read_bytes(),
            svg=(folder / f"{key}.svg").read_text(encoding="utf-8"),
            alt=(folder / f"{key}.txt").read_text(encoding="utf-8"),
        )
    except OSError:
        return None
    _remember(chart)
    return chart


def clear_memory() -> None:
    with _LOCK:
        _MEMORY.clear()


def _store(chart: Chart) -> None:
    folder = _cache_dir()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        # Written under temporary names then renamed, so a reader never sees half a file.
        for suffix, content in (("png", chart.png), ("svg", chart.svg.encode()), ("txt", chart.alt.encode())):
            tmp = folder / f".{chart.key}.{suffix}.{threading.get_ident()}"
            tmp.write_bytes(content)
            tmp.replace(folder / f"{chart.key}.{suffix}")
    _remember(chart)


def _sketched(kind: str, payload, alt: str, draw: Callable[[], Sketch]) -> Chart:
    """Like `_chart`, for a chart drawn as shapes (`balise.sketch`): no figure, no lock."""
    key = content_key(kind, {"payload": payload, "alt": alt})
    chart = cached_chart(key)
    if chart is not None:
        return chart
    RENDERS[kind] += 1
    sketch = draw()
    chart = Chart(key=key, png=sketch.png(), svg=sketch.svg(), alt=alt)
    _store(chart)
    return chart


def _chart(kind: str, payload, alt: str, size: tuple[float, float], draw: Callable[[Figure], None]) -> Chart:
    key = content_key(kind, {"payload": payload, "alt": alt})
    chart = cached_chart(key)
    if chart is not None:
        return chart
    with _LOCK, matplotlib.rc_context(_RC):
        RENDERS[kind] += 1
        figure = Figure(figsize=size, dpi=100, layout="constrained")
        draw(figure)
        png, svg = io.BytesIO(), io.StringIO()
        figure.savefig(png, format="png", dpi=144, metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    chart = Chart(key=key, png=png.getvalue(), svg=svg.getvalue(), alt=alt)
    _store(chart)
    return chart


# --- drawing helpers ---------------------------------------------------------------------------


def _short(text: str, width: int = 36, lines: int = 2) -> str:
    wrapped = textwrap.wrap(text or "—", width) or ["—"]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped)


def _palette(palette: Mapping[str, str] | None) -> dict[str, str]:
    return {**DEFAULT_STATUS_COLOURS, **(palette or {})}


def _height(rows: int) -> float:
    return 1.6 + 0.5 * max(rows, 1)


def _stacked_status_bars(ax, groups: Sequence[StatusCounts], colours, labels, *, shares: bool) -> None:
    y = list(range(len(groups)))
    left = [0.0] * len(groups)
    for status in STATUSES:
        widths = []
        for group in groups:
            count = group.counts.get(status, 0)
            widths.append(100 * count / group.total if shares and group.total else float(count))
        bars = ax.barh(y, widths, left=left, color=colours[status], label=labels[status], height=0.6)
        for bar, group in zip(bars, groups, strict=True):
            count = group.counts.get(status, 0)
            scale = 100 if shares else max((g.total for g in groups), default=1)
            if count and bar.get_width() >= 0.06 * scale:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(count),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=8,
                    fontweight="bold",
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(y, [_short(g.label) for g in groups])
    ax.invert_yaxis()  # first group on top, as in the tables under the chart


def _describe_counts(groups: Sequence[StatusCounts], labels: Mapping[str, str]) -> str:
    parts = []
    for group in groups:
        counts = ", ".join(f"{group.counts.get(s, 0)} {labels[s]}" for s in STATUSES)
        parts.append(f"{group.label}: {counts}")
    return "; ".join(parts)


# --- the charts ----------------------------------------------------------------------------------


def status_shares_by_module(
    modules: Sequence[StatusCounts], *, title: str = "", palette: Mapping[str, str] | None = None
) -> Chart:
    """Stacked horizontal bars: the share of a module's indicators met, partly met, not met, no data."""
    colours, labels = _palette(palette), status_labels()
    alt = _("Share of indicators per status, by module.") + " " + _describe_counts(modules, labels)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        _stacked_status_bars(ax, modules, colours, labels, shares=True)
        ax.set_xlim(0, 100)
        ax.set_xlabel(_("share of the module's indicators (%)"))
        figure.legend(loc="outside lower center", ncols=4, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"modules": modules, "title": title, "colours": colours, "labels": labels}
    return _chart("status_shares_by_module", payload, alt, (8, _height(len(modules))), draw)


def indicator_trend(trend: Trend, *, colour: str = "#0b5cad") -> Chart:
    """The values per period against the target line; cumulative for counts per year."""
    periods = [p.period for p in trend.points]
    values = [None if p.value is None else float(p.value) for p in trend.points]
    running, total = [], 0.0
    for value in values:
        total += value or 0.0
        running.append(total)
    plotted = running if trend.cumulative else values
    target = None if trend.target is None else float(trend.target)
    known = [f"{p}: {v:g}" for p, v in zip(periods, values, strict=True) if v is not None]
    alt = _("%(indicator)s, values per period: %(values)s.") % {
        "indicator": trend.label,
        "values": ", ".join(known) or _("none"),
    }
    if trend.cumulative and known:
        alt += " " + _("Running total: %(total)g.") % {"total": running[-1]}
    if target is not None:
        alt += " " + _("Target: %(target)s.") % {"target": trend.target_label or f"{target:g}"}

    def draw() -> Sketch:
        return _trend_sketch(trend, periods, values, plotted, target, colour)

    payload = {"trend": trend, "colour": colour}
    return _sketched("indicator_trend", payload, alt, draw)


def _trend_sketch(
    trend: Trend,
    periods: list[str],
    values: list[float | None],
    plotted: list[float | None],
    target: float | None,
    colour: str,
) -> Sketch:
    """The trend drawn as shapes (no matplotlib figure: a report holds one per indicator)."""
    width, height = 576, 259  # 8 × 3.6 inches at 72 points, like the other charts
    sketch = Sketch(width, height)
    title = _short(trend.label, 90).split("\n")
    for n, line in enumerate(title):
        sketch.add(Text(8, 16 + 12 * n, line, 9.5, INK, bold=True))
    top = 18 + 12 * len(title)
    legend_y = height - 8
    left, right, bottom = 44.0, width - 12.0, height - 52.0
    highest = max([v for v in (*values, *plotted, target) if v is not None] or [1.0])
    ticks = nice_ticks(highest)
    y_of = lambda v: bottom - (bottom - top) * v / ticks[-1]  # noqa: E731
    slot = (right - left) / max(len(periods), 1)
    x_of = lambda i: left + slot * (i + 0.5)  # noqa: E731
    for tick in ticks:
        y = y_of(tick)
        sketch.add(
            Line(((left, y), (right, y)), "#e6e9ee", 0.6), Text(left - 4, y + 3, f"{tick:g}", 7.5, INK, "end")
        )
    sketch.add(Line(((left, top), (left, bottom), (right, bottom)), "#8a93a3", 0.8))
    step = max(1, len(periods) // 12)
    for i in range(0, len(periods), step):
        sketch.add(Text(x_of(i), bottom + 12, periods[i], 7, INK, "middle"))
    legend: list[tuple[str, str, str]] = []  # (kind, colour, label)
    if trend.cumulative:
        for i, value in enumerate(values):
            if value:
                sketch.add(
                    Rect(x_of(i) - slot * 0.3, y_of(value), slot * 0.6, bottom - y_of(value), "#b9cde6")
                )
        legend.append(("bar", "#b9cde6", _("value of the period")))
        legend.append(("line", colour, _("running total")))
    else:
        legend.append(("line", colour, _("value")))
    segment: list[tuple[float, float]] = []
    for i, value in enumerate([*plotted, None]):
        if value is None:
            if len(segment) > 1:
                sketch.add(Line(tuple(segment), colour, 1.5))
            segment = []
            continue
        segment.append((x_of(i), y_of(value)))
        sketch.add(Dot(x_of(i), y_of(value), 2.6, colour))
    if target is not None:
        y = y_of(target)
        sketch.add(Line(((left, y), (right, y)), "#c62828", 1.2, dash=(5, 3)))
        label = _("target") + (f" ({trend.target_label})" if trend.target_label else "")
        legend.append(("dash", "#c62828", label))
    widths = [18 + text_width(label, 8) + 16 for _kind, _colour, label in legend]
    x = (width - sum(widths)) / 2
    for (kind, swatch, label), w in zip(legend, widths, strict=True):
        if kind == "bar":
            sketch.add(Rect(x, legend_y - 8, 12, 8, swatch))
        else:
            sketch.add(
                Line(
                    ((x, legend_y - 4), (x + 12, legend_y - 4)),
                    swatch,
                    1.5,
                    (4, 2) if kind == "dash" else None,
                )
            )
        sketch.add(Text(x + 16, legend_y, label, 8, INK))
        x += w
    return sketch


def colours_by_objective(
    objectives: Sequence[ObjectiveColours], years: Sequence[int], scale: Sequence[Swatch]
) -> Chart:
    """A grid of evaluation colours: one row per strategic objective, one column per year."""
    swatches = {s.code: s for s in scale}
    not_assessed = _("not assessed")

    def name(code: str | None) -> str:
        return swatches[code].label if code in swatches else not_assessed

    alt = (
        _("Evaluation colour per strategic objective and year.")
        + " "
        + "; ".join(
            f"{o.label}: " + ", ".join(f"{y} {name(o.colours.get(y))}" for y in years) for o in objectives
        )
    )

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        for row, objective in enumerate(objectives):
            for column, year in enumerate(years):
                code = objective.colours.get(year)
                swatch = swatches.get(code) if code else None
                ax.barh(
                    row,
                    0.94,
                    left=column + 0.03,
                    height=0.8,
                    color=swatch.hex if swatch else NOT_ASSESSED,
                    hatch=None if swatch else "//",
                    edgecolor="white",
                )
                ax.text(
                    column + 0.5,
                    row,
                    _short(name(code), 14, 1),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if swatch else INK,
                )
        ax.set_xlim(0, max(len(years), 1))
        ax.set_xticks([c + 0.5 for c in range(len(years))], [str(y) for y in years])
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(objectives)), [_short(o.label, 44) for o in objectives])
        ax.invert_yaxis()
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)

    payload = {"objectives": objectives, "years": list(years), "scale": scale}
    width = 6 + 1.1 * max(len(years), 1)
    return _chart("colours_by_objective", payload, alt, (width, _height(len(objectives))), draw)


def municipality_years(
    years: Sequence[StatusCounts], *, title: str = "", palette: Mapping[str, str] | None = None
) -> Chart:
    """Stacked columns: how many indicators were met, partly met, not met or without data each year."""
    colours, labels = _palette(palette), status_labels()
    alt = _("Indicators per status, by year.") + " " + _describe_counts(years, labels)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        x = list(range(len(years)))
        bottom = [0] * len(years)
        for status in STATUSES:
            heights = [g.counts.get(status, 0) for g in years]
            ax.bar(x, heights, bottom=bottom, color=colours[status], label=labels[status], width=0.6)
            bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
        ax.set_xticks(x, [_short(g.label, 16) for g in years])
        ax.set_ylabel(_("indicators"))
        figure.legend(loc="outside lower center", ncols=4, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"years": years, "title": title, "colours": colours, "labels": labels}
    return _chart("municipality_years", payload, alt, (7, 4), draw)


def federal_overview(
    rows: Sequence[PhenomenonCounts], scale: Sequence[Swatch], *, palette: Mapping[str, str] | None = None
) -> Chart:
    """Per phenomenon: indicators by computed status (left) and by evaluation colour (right)."""
    colours, labels = _palette(palette), status_labels()
    groups = [StatusCounts(r.label, r.statuses) for r in rows]
    swatches = [*scale, Swatch("", _("not assessed"), NOT_ASSESSED)]
    alt = _("Indicators per phenomenon by status.") + " " + _describe_counts(groups, labels) + ". "
    alt += (
        _("By evaluation colour:")
        + " "
        + "; ".join(
            f"{r.label}: " + ", ".join(f"{r.colours.get(s.code, 0)} {s.label}" for s in swatches)
            for r in rows
        )
    )

    def draw(figure: Figure) -> None:
        by_status, by_colour = figure.subplots(1, 2, sharey=True)
        _stacked_status_bars(by_status, groups, colours, labels, shares=False)
        by_status.set_title(_("computed status"), loc="left", fontweight="bold")
        figure.legend(
            *by_status.get_legend_handles_labels(), loc="outside lower left", ncols=4, frameon=False
        )
        left = [0] * len(rows)
        for swatch in swatches:
            widths = [r.colours.get(swatch.code, 0) for r in rows]
            by_colour.barh(
                range(len(rows)), widths, left=left, color=swatch.hex, label=swatch.label, height=0.6
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        by_colour.set_title(_("evaluation colour"), loc="left", fontweight="bold")
        figure.legend(
            *by_colour.get_legend_handles_labels(), loc="outside lower right", ncols=5, frameon=False
        )
        for ax in (by_status, by_colour):
            ax.set_xlabel(_("indicators"))

    payload = {"rows": rows, "scale": swatches, "colours": colours, "labels": labels}
    return _chart("federal_overview", payload, alt, (11, _height(len(rows)) + 0.8), draw)


@dataclass(frozen=True)
class BudgetBar:
    """One budget line: what it allows (None: no budget set) and what was spent on it."""

    label: str
    allocated: Decimal | None
    spent: Decimal


def allocated_vs_spent(lines: Sequence[BudgetBar], *, title: str = "") -> Chart:
    """Paired horizontal bars per budget line: allocated (light) and spent (dark, red when above)."""
    allocated_label, spent_label = _("allocated"), _("spent")
    alt = (
        _("Allocated and spent per budget line, in euros.")
        + " "
        + "; ".join(
            f"{b.label}: {allocated_label} {'—' if b.allocated is None else f'{b.allocated:.2f}'}, "
            f"{spent_label} {b.spent:.2f}"
            for b in lines
        )
    )

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        y = list(range(len(lines)))
        allowed = [float(b.allocated or 0) for b in lines]
        spent = [float(b.spent) for b in lines]
        over = [b.allocated is not None and b.spent > b.allocated for b in lines]
        ax.barh([v - 0.2 for v in y], allowed, height=0.38, color="#b9cde6", label=allocated_label)
        ax.barh(
            [v + 0.2 for v in y],
            spent,
            height=0.38,
            color=["#c62828" if o else "#0b5cad" for o in over],
            label=spent_label,
        )
        ax.set_yticks(y, [_short(b.label) for b in lines])
        ax.invert_yaxis()
        ax.set_xlabel(_("euros"))
        ax.xaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}".replace(",", "\u202f"))
        figure.legend(loc="outside lower center", ncols=2, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"lines": lines, "title": title, "labels": [allocated_label, spent_label]}
    return _chart("allocated_vs_spent", payload, alt, (8, _height(len(lines))), draw)


# --- regional layer: coverage and funding (plain data from balise.regional) ---------------------

SERIES_COLOURS = ("#0b5cad", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63")


@dataclass(frozen=True)
class GroupValues:
    """One group of bars (a thematic) with one value per series (an actor category)."""

    label: str
    values: Sequence[int]


def measures_by_thematic_and_category(groups: Sequence[GroupValues], categories: Sequence[str]) -> Chart:
    """Side-by-side bars: per thematic, how many measures each actor category contributed to."""
    alt = (
        _("Measures with a contribution, per thematic and actor category.")
        + " "
        + "; ".join(
            f"{g.label}: " + ", ".join(f"{c} {v}" for c, v in zip(categories, g.values, strict=True))
            for g in groups
        )
    )

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        width = 0.8 / max(len(categories), 1)
        for s, category in enumerate(categories):
            x = [g + (s - (len(categories) - 1) / 2) * width for g in range(len(groups))]
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            ax.bar(x, [g.values[s] for g in groups], width=width, color=colour, label=_short(category, 30))
        ax.set_xticks(range(len(groups)), [_short(g.label, 14, 3) for g in groups], fontsize=8)
        ax.set_ylabel(_("measures"))
        ax.yaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=3, frameon=False)

    payload = {"groups": groups, "categories": list(categories)}
    return _chart("measures_by_thematic_and_category", payload, alt, (10, 4.6), draw)


def funding_by_category(amounts: Sequence[tuple[str, Decimal]]) -> Chart:
    """Horizontal bars: the subsidies granted to each partner category (EUR)."""
    alt = (
        _("Subsidies per partner category.")
        + " "
        + "; ".join(f"{label}: {amount} EUR" for label, amount in amounts)
    )

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        values = [float(amount) for _label, amount in amounts]
        bars = ax.barh(range(len(amounts)), values, color=SERIES_COLOURS[0], height=0.6)
        for bar, value in zip(bars, values, strict=True):
            ax.text(
                bar.get_width(),
                bar.get_y() + bar.get_height() / 2,
                f" {value:,.0f} €".replace(",", " "),
                va="center",
                fontsize=8,
            )
        ax.set_yticks(range(len(amounts)), [_short(label, 34) for label, _amount in amounts])
        ax.invert_yaxis()
        ax.set_xlabel("EUR")
        ax.set_xlim(0, max(values + [1.0]) * 1.25)

    payload = {"amounts": [[label, amount] for label, amount in amounts]}
    return _chart("funding_by_category", payload, alt, (8, _height(len(amounts))), draw)
