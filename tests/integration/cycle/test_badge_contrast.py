"""Every badge is readable: its text contrasts at least 4.5:1 with its background (WCAG 2.1 AA),
the fixed badges of the stylesheet and the evaluation scale's colours, whatever they are set to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from balise.monitoring.models import ColourCode
from balise.monitoring.views.colours import contrast, ink_on

CSS = (
    Path(__file__).resolve().parents[3] / "balise" / "monitoring" / "static" / "monitoring" / "monitoring.css"
)
RULE = re.compile(
    r"^(\.[^{]+)\{[^}]*background:\s*(#[0-9a-fA-F]{3,6});[^}]*[^-]color:\s*(#[0-9a-fA-F]{3,6})", re.M
)


def test_the_stylesheets_badges_contrast_at_least_4_5_to_1():
    pairs = RULE.findall(CSS.read_text("utf-8"))
    assert len(pairs) >= 10  # progress-*, state-*, the plain badge
    weak = {rule.strip(): round(contrast(bg, ink), 2) for rule, bg, ink in pairs if contrast(bg, ink) < 4.5}
    assert weak == {}


@pytest.mark.django_db
def test_the_scales_colours_are_written_in_a_readable_ink(client, reference):
    css = client.get("/colours.css").content.decode()
    codes = list(ColourCode.objects.values_list("code", "hex"))
    assert codes
    for code, hex_colour in codes:
        assert f".colour-{code} {{ --c: {hex_colour}; --ink: {ink_on(hex_colour)}; }}" in css
        assert contrast(ink_on(hex_colour), hex_colour) >= 4.5, code


def test_an_orange_badge_gets_black_ink_and_a_dark_red_white_ink():
    assert ink_on("#ef6c00") == "#000" and contrast("#000", "#ef6c00") >= 4.5
    assert ink_on("#c62828") == "#fff"
    assert round(contrast("#fff", "#000"), 1) == 21.0
