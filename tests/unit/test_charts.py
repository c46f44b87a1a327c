from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from balise import charts

SCALE = [
    charts.Swatch("green", "vert", "#2e7d32"),
    charts.Swatch("orange", "orange", "#ef6c00"),
    charts.Swatch("red", "rouge", "#c62828"),
]

EXAMPLES = {
    "status_shares_by_module": lambda: charts.status_shares_by_module(
        [
            charts.StatusCounts("Coordination", {"met": 3, "partly_met": 1, "not_met": 2, "no_data": 1}),
            charts.StatusCounts("Cambriolage", {"met": 1, "no_data": 4}),
        ],
        title="2024",
    ),
    "indicator_trend": lambda: charts.indicator_trend(
        charts.Trend(
            "Nombre de visites : ≥ 50/an",
            [charts.TrendPoint(f"2024-{m:02d}", Decimal(m) if m != 5 else None) for m in range(1, 13)],
            target=Decimal(50),
            target_label="≥ 50/an",
            cumulative=True,
        )
    ),
    "colours_by_objective": lambda: charts.colours_by_objective(
        [
            charts.ObjectiveColours("Diminuer les comportements à risque", {2023: "green", 2024: "orange"}),
            charts.ObjectiveColours("Agir sur les circonstances", {2024: "red"}),
        ],
        [2023, 2024],
        SCALE,
    ),
    "municipality_years": lambda: charts.municipality_years(
        [charts.StatusCounts("2023", {"met": 5, "not_met": 3}), charts.StatusCounts("2024", {"met": 7})]
    ),
    "federal_overview": lambda: charts.federal_overview(
        [
            charts.PhenomenonCounts("Cambriolage", {"met": 50, "not_met": 10}, {"green": 30, "": 30}),
            charts.PhenomenonCounts("Coordination", {"met": 10, "no_data": 3}, {"orange": 4, "": 9}),
        ],
        SCALE,
    ),
}


@pytest.fixture(autouse=True)
def chart_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    charts.clear_memory()
    return tmp_path / "charts"


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("kind", EXAMPLES)
def test_every_chart_is_a_valid_png_and_an_svg_that_needs_no_installed_font(kind):
    chart = EXAMPLES[kind]()
    width, height = png_size(chart.png)
    assert width > 300 and height > 100
    root = ET.fromstring(chart.svg.encode())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # Texts are glyph outlines of the font shipped with matplotlib, never text left to the viewer's fonts.
    assert "<text" not in chart.svg and "<path" in chart.svg
    assert len(chart.key) == 64 and chart.alt


@pytest.mark.parametrize("kind", EXAMPLES)
def test_the_same_data_is_drawn_only_once(kind):
    before = charts.RENDERS[kind]
    first = EXAMPLES[kind]()
    second = EXAMPLES[kind]()
    assert charts.RENDERS[kind] == before + 1
    assert second is first


def test_a_chart_is_read_back_from_its_files_when_the_memory_is_empty(chart_dir):
    first = EXAMPLES["federal_overview"]()
    assert sorted(p.suffix for p in chart_dir.iterdir()) == [".png", ".svg", ".txt"]
    charts.clear_memory()
    before = charts.RENDERS["federal_overview"]
    again = EXAMPLES["federal_overview"]()
    assert charts.RENDERS["federal_overview"] == before
    assert (again.png, again.svg, again.alt) == (first.png, first.svg, first.alt)
    assert charts.cached_chart(first.key) == again


def test_other_data_gives_another_chart():
    one = charts.municipality_years([charts.StatusCounts("2024", {"met": 7})])
    other = charts.municipality_years([charts.StatusCounts("2024", {"met": 8})])
    assert one.key != other.key and one.png != other.png


def test_an_unknown_or_malformed_key_finds_nothing():
    assert charts.cached_chart("0" * 64) is None
    assert charts.cached_chart("../../etc/passwd") is None


@translation.override("en")
def test_the_alternative_text_states_the_numbers():
    shares = EXAMPLES["status_shares_by_module"]()
    assert "Coordination: 3 met, 1 partly met, 2 not met, 1 no data" in shares.alt
    trend = EXAMPLES["indicator_trend"]()
    assert "2024-12: 12" in trend.alt and "Running total: 73" in trend.alt and "≥ 50/an" in trend.alt
    grid = EXAMPLES["colours_by_objective"]()
    assert "Agir sur les circonstances: 2023 not assessed, 2024 rouge" in grid.alt


def test_the_colours_of_the_scale_are_used(settings):
    default = EXAMPLES["municipality_years"]()
    recoloured = charts.municipality_years(
        [charts.StatusCounts("2023", {"met": 5, "not_met": 3}), charts.StatusCounts("2024", {"met": 7})],
        palette={"met": "#123456"},
    )
    assert "#123456" in recoloured.svg and "#123456" not in default.svg


def test_the_language_is_part_of_the_chart():
    with translation.override("en"):
        english = EXAMPLES["municipality_years"]()
    with translation.override("nl"):
        dutch = EXAMPLES["municipality_years"]()
    assert english.key != dutch.key


def test_a_trend_names_its_title_and_legend_in_the_svg_and_draws_the_target_dashed():
    chart = EXAMPLES["indicator_trend"]()
    root = ET.fromstring(chart.svg.encode())
    titles = [e.text for e in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(t and "2024-01" in t for t in titles) and any(t and t.startswith("target") for t in titles)
    assert 'stroke-dasharray="5,3"' in chart.svg
