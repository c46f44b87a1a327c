"""The regional layer: coverage of measures and funding, from plain data of balise.regional."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from balise.charts.drawing import belgian_axis, belgian_number, figure_height, short_label
from balise.charts.model import (
    SERIES_COLOURS,
    Chart,
    GroupValues,
)
from balise.charts.render import draw_chart


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
            ax.bar(
                x, [g.values[s] for g in groups], width=width, color=colour, label=short_label(category, 30)
            )
        ax.set_xticks(range(len(groups)), [short_label(g.label, 14, 3) for g in groups], fontsize=8)
        ax.set_ylabel(_("measures"))
        locator = ax.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the linear axis's AutoLocator
            locator.set_params(integer=True)
        belgian_axis(ax.yaxis)
        figure.legend(loc="outside lower center", ncols=3, frameon=False)

    payload = {"groups": groups, "categories": list(categories)}
    return draw_chart("measures_by_thematic_and_category", payload, alt, (10, 4.6), draw)


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
                f" {belgian_number(round(value))} €",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(range(len(amounts)), [short_label(label, 34) for label, _amount in amounts])
        ax.invert_yaxis()
        ax.set_xlabel("EUR")
        belgian_axis(ax.xaxis)
        ax.set_xlim(0, max(values + [1.0]) * 1.25)

    payload = {"amounts": [[label, amount] for label, amount in amounts]}
    return draw_chart("funding_by_category", payload, alt, (8, figure_height(len(amounts))), draw)
