"""The free-text outputs of before turned into definitions and yearly figures (the data
migration's rules): nothing is dropped; what cannot be a figure stays as narrative."""

from __future__ import annotations

from decimal import Decimal

from balise.regional.legacy import LegacyLine, convert


def line(label: str, number: str | None, project: int = 1, year: int = 2021) -> LegacyLine:
    return LegacyLine(project, year, label, None if number is None else Decimal(number))


def test_each_label_becomes_a_definition_of_its_project_and_its_number_the_years_figure():
    converted = convert(
        [
            line("visites techno-préventives", "188"),
            line("dont préventives", "52"),
            line("visites techno-préventives", "201", year=2022),
            line("heures", "12.5", project=2),
        ]
    )
    assert converted.definitions == {1: ["visites techno-préventives", "dont préventives"], 2: ["heures"]}
    assert converted.values == {
        (1, 2021, "visites techno-préventives"): Decimal(188),
        (1, 2021, "dont préventives"): Decimal(52),
        (1, 2022, "visites techno-préventives"): Decimal(201),
        (2, 2021, "heures"): Decimal("12.5"),
    }
    assert converted.narratives == {}
    assert converted.years() == [(1, 2021), (1, 2022), (2, 2021)]


def test_labels_differing_only_by_case_and_spaces_are_one_output_spelled_as_first_written():
    converted = convert([line("Visites  techno", "10"), line("visites techno", "12", year=2022)])
    assert converted.definitions == {1: ["Visites techno"]}
    assert converted.values[(1, 2022, "Visites techno")] == Decimal(12)


def test_a_second_figure_for_the_same_output_and_year_is_kept_as_narrative():
    converted = convert([line("visites", "10"), line("Visites", "12")])
    assert converted.values == {(1, 2021, "visites"): Decimal(10)}
    assert converted.narratives == {(1, 2021): ["Visites: 12"]}


def test_lines_that_cannot_be_figures_are_kept_as_narrative_never_dropped():
    converted = convert(
        [
            line("", "4"),
            line("   ", "5"),
            line("bénéficiaires", "-3"),
            line("contacts", None),
            line("x" * 301, "1"),
            line("ok", "1", year=2022),
        ]
    )
    assert converted.values == {(1, 2022, "ok"): Decimal(1)}
    assert converted.narratives[(1, 2021)] == [
        ": 4",
        ": 5",
        "bénéficiaires: -3",
        "contacts:",
        f"{'x' * 301}: 1",
    ]
    assert converted.years() == [(1, 2021), (1, 2022)]  # the year with only narrative is kept too
