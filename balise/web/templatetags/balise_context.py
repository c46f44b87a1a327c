"""Context statistics in templates: a sparkline of a series (inline SVG, no script, no style)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from balise.context.selectors import Series

register = template.Library()

WIDTH, HEIGHT, PAD = 160, 36, 3


@register.simple_tag
def sparkline(series: Series, label: str = "") -> str:
    values = [float(value) for _year, value in series.points]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    points = [
        (PAD + n * step, HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD))
        for n, value in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return format_html(
        '<svg class="sparkline" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"/>'
        '<circle cx="{}" cy="{}" r="2.5" fill="currentColor"/></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        path,
        f"{last_x:.1f}",
        f"{last_y:.1f}",
    )
