"""The colours of the evaluation scale as a stylesheet: one class per colour code.

The scale is configurable (``ColourCode``), and the Content-Security-Policy forbids ``style``
attributes, so pages write ``class="swatch colour-green"`` and this stylesheet, served from
Balise itself, gives each class its colour. A colour that is not a plain hex code is left out:
nothing but a colour can reach the stylesheet."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from balise.monitoring.models import ColourCode

HEX = re.compile(r"#[0-9A-Fa-f]{3,8}")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@require_GET
@cache_control(max_age=300)
def colour_codes_css(request: HttpRequest) -> HttpResponse:
    rules = [
        f".colour-{code} {{ --c: {hex}; }}"
        for code, hex in ColourCode.objects.order_by("order", "code").values_list("code", "hex")
        if HEX.fullmatch(hex) and SLUG.fullmatch(code)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
