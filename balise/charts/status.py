"""Charts of indicator statuses and evaluation colours: by module, by objective and year, by
municipality and year, and the federal overview."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from balise.charts.drawing import (
    belgian_axis,
    describe_counts,
    figure_height,
    short_label,
    stacked_status_bars,
    status_colours,
)
from balise.charts.model import (
    INK,
    NOT_ASSESSED,
    STATUSES,
    Chart,
    ObjectiveColours,
    PhenomenonCounts,
    StatusCounts,
    Swatch,
    status_labels,
)
from balise.charts.render import draw_chart


def status_shares_by_module(
    modules: Sequence[StatusCounts], *, title: str = "", palette: Mapping[str, str] | None = None
) -> Chart:
    """Stacked horizontal bars: the share of a module's indicators met, partly met, not met, no data."""
    colours, labels = status_colours(palette), status_labels()
    alt = _("Share of indicators per status, by module.") + " " + describe_counts(modules, labels)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        stacked_status_bars(ax, modules, colours, labels, shares=True)
        ax.set_xlim(0, 100)
        ax.set_xlabel(_("share of the module's indicators (%)"))
        belgian_axis(ax.xaxis)
        figure.legend(loc="outside lower center", ncols=4, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"modules": modules, "title": title, "colours": colours, "labels": labels}
    return draw_chart("status_shares_by_module", payload, alt, (8, figure_height(len(modules))), draw)


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
        cells = [
            (row, column, code, swatches.get(code) if code else None)
            for row, objective in enumerate(objectives)
            for column, code in enumerate(objective.colours.get(year) for year in years)
        ]
        # One call for the whole grid: a bar container per cell costs more than drawing it.
        ax.barh(
            [row for row, _column, _code, _swatch in cells],
            0.94,
            left=[column + 0.03 for _row, column, _code, _swatch in cells],
            height=0.8,
            color=[swatch.hex if swatch else NOT_ASSESSED for *_cell, swatch in cells],
            hatch=[None if swatch else "//" for *_cell, swatch in cells],
            edgecolor="white",
        )
        for row, column, code, swatch in cells:
            ax.text(
                column + 0.5,
                row,
                short_label(name(code), 14, 1),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if swatch else INK,
            )
        ax.set_xlim(0, max(len(years), 1))
        ax.set_xticks([c + 0.5 for c in range(len(years))], [str(y) for y in years])
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(objectives)), [short_label(o.label, 44) for o in objectives])
        ax.invert_yaxis()
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)

    payload = {"objectives": objectives, "years": list(years), "scale": scale}
    width = 6 + 1.1 * max(len(years), 1)
    return draw_chart("colours_by_objective", payload, alt, (width, figure_height(len(objectives))), draw)


def municipality_years(
    years: Sequence[StatusCounts], *, title: str = "", palette: Mapping[str, str] | None = None
) -> Chart:
    """Stacked columns: how many indicators were met, partly met, not met or without data each year."""
    colours, labels = status_colours(palette), status_labels()
    alt = _("Indicators per status, by year.") + " " + describe_counts(years, labels)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        x = list(range(len(years)))
        bottom = [0] * len(years)
        for status in STATUSES:
            heights = [g.counts.get(status, 0) for g in years]
            ax.bar(x, heights, bottom=bottom, color=colours[status], label=labels[status], width=0.6)
            bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
        ax.set_xticks(x, [short_label(g.label, 16) for g in years])
        ax.set_ylabel(_("indicators"))
        belgian_axis(ax.yaxis)
        figure.legend(loc="outside lower center", ncols=4, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"years": years, "title": title, "colours": colours, "labels": labels}
    return draw_chart("municipality_years", payload, alt, (7, 4), draw)


def federal_overview(
    rows: Sequence[PhenomenonCounts], scale: Sequence[Swatch], *, palette: Mapping[str, str] | None = None
) -> Chart:
    """Per phenomenon: indicators by computed status (left) and by evaluation colour (right)."""
    colours, labels = status_colours(palette), status_labels()
    groups = [StatusCounts(r.label, r.statuses) for r in rows]
    swatches = [*scale, Swatch("", _("not assessed"), NOT_ASSESSED)]
    alt = _("Indicators per phenomenon by status.") + " " + describe_counts(groups, labels) + ". "
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
        stacked_status_bars(by_status, groups, colours, labels, shares=False)
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
            belgian_axis(ax.xaxis)

    payload = {"rows": rows, "scale": swatches, "colours": colours, "labels": labels}
    return draw_chart("federal_overview", payload, alt, (11, figure_height(len(rows)) + 0.8), draw)
