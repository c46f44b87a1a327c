"""Money: allocated against spent per budget line."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from balise.charts.drawing import belgian_axis, figure_height, short_label
from balise.charts.model import (
    BudgetBar,
    Chart,
)
from balise.charts.render import draw_chart


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
        ax.set_yticks(y, [short_label(b.label) for b in lines])
        ax.invert_yaxis()
        ax.set_xlabel(_("euros"))
        belgian_axis(ax.xaxis)
        figure.legend(loc="outside lower center", ncols=2, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")

    payload = {"lines": lines, "title": title, "labels": [allocated_label, spent_label]}
    return draw_chart("allocated_vs_spent", payload, alt, (8, figure_height(len(lines))), draw)
