"""The colours of the evaluation scale as a stylesheet: one class per colour code.

The scale is configurable (``ColourCode``), and the Content-Security-Policy forbids ``style``
attributes, so pages write ``class="swatch colour-green"`` and this stylesheet, served from
Balise itself, gives each class its colour. A colour that is not a plain hex code is left out:
nothing but a colour can reach the stylesheet. Each class also names the ink a badge of that
colour is written in (``--ink``: black or white, whichever contrasts more, at least 4.5:1 as
WCAG 2.1 AA asks), so an orange of the scale never carries white text."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from balise.monitoring.models import ColourCode

HEX = re.compile(r"#[0-9A-Fa-f]{3,8}")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rgb`` or ``#rrggbb`` (an alpha part is ignored)."""
    digits = hex_colour.lstrip("#")
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits[:3])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_on(background: str) -> str:
    """The text colour readable on ``background``: white or black, whichever contrasts more."""
    return "#fff" if contrast("#fff", background) >= contrast("#000", background) else "#000"


@require_GET
@cache_control(max_age=300)
def colour_codes_css(request: HttpRequest) -> HttpResponse:
    rules = [
        f".colour-{code} {{ --c: {hex}; --ink: {ink_on(hex)}; }}"
        for code, hex in ColourCode.objects.order_by("order", "code").values_list("code", "hex")
        if HEX.fullmatch(hex) and SLUG.fullmatch(code)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
