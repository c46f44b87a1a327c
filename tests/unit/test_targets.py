"""Behaviour of ``parse_target`` on every target notation of the seeds and of the issue."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balise.domain.targets import Period, Target, TargetKind, parse_target

COUNT, PERCENT, HOURS = TargetKind.COUNT, TargetKind.PERCENT, TargetKind.HOURS
YEAR, MONTH, WEEK, DAY = Period.YEAR, Period.MONTH, Period.WEEK, Period.DAY


def parsed(text: str) -> Target:
    target = parse_target(text)
    assert target is not None, f"no target found in {text!r}"
    assert target.raw in text
    return target


def shape(text: str) -> tuple[TargetKind, str | None, Decimal | None, Period | None]:
    target = parsed(text)
    return target.kind, target.comparator, target.value, target.per


# --- booleans ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Oui/Non", "OUI/NON", "oui / non", "Ja/Nee", "ja / nee", "Existence : Oui/non."]
)
def test_it_reads_yes_no_as_a_boolean_without_comparator_or_value(text: str) -> None:
    target = parsed(text)
    assert target.kind == TargetKind.BOOLEAN
    assert (target.comparator, target.value, target.per) == (None, None, None)


def test_it_keeps_the_boolean_raw_text_as_written() -> None:
    assert parsed("Mise en place d'un espace d'écoute : oui / non").raw == "oui / non"


def test_it_reads_a_boolean_glued_to_the_next_numbered_item() -> None:
    assert parsed("Oui/Non2. Assurer des permanences").raw == "Oui/Non"


# --- comparators ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "≥ 50 /an",
        ">/= à 100/an",
        ">/=à 12 par an",
        ">/= 10/an",
        "\\geq 30/an",
        "$\\geq 30/an$",
        ">= à 30/an",
        "⩾ 5/an",
    ],
)
def test_it_reads_every_spelling_of_at_least(text: str) -> None:
    assert parsed(text).comparator == ">="


@pytest.mark.parametrize("text", [">!/ 7h/jour", ">!/ = 4h/jour"])
def test_it_reads_the_garbled_at_least_of_the_pdf_extraction(text: str) -> None:
    assert shape(text)[:2] == (HOURS, ">=")


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("≤ 5 %", "<="),
        ("</= 5/an", "<="),
        ("\\leq 2/mois", "<="),
        ("< 3", "<"),
        ("> à 2/an", ">"),
        ("= 1/mois", "="),
    ],
)
def test_it_reads_the_other_comparators(text: str, comparator: str) -> None:
    assert parsed(text).comparator == comparator


def test_it_reads_an_arrow_written_at_least() -> None:
    assert parsed("Nombre de réunions => 3/an").comparator == ">="


@pytest.mark.parametrize("text", ["au moins 3/an", "minimum 3 par an", "minstens 3 per jaar"])
def test_it_reads_at_least_written_in_words(text: str) -> None:
    assert shape(text) == (COUNT, ">=", Decimal("3"), YEAR)


@pytest.mark.parametrize("text", ["2x/an", "30%", "10/an", "4 x/semaine", "1x/an"])
def test_a_plain_value_has_no_comparator(text: str) -> None:
    assert parsed(text).comparator is None


def test_it_ignores_html_tags_around_numbers() -> None:
    assert parse_target("Voir la note<sup>12</sup>") is None


# --- counts and periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("≥ 2 /an", YEAR),
        ("≥ 2 par an", YEAR),
        ("≥ 2 par année", YEAR),
        ("= 2/mois", MONTH),
        ("≥ 2 par mois", MONTH),
        ("≥ 2 par semaine", WEEK),
        ("≥ 2/semaine", WEEK),
        ("≥ 2 par jour", DAY),
        ("≥ 2/jour", DAY),
        ("≥ 2/jaar", YEAR),
        ("≥ 2 per jaar", YEAR),
        ("≥ 2/maand", MONTH),
        ("≥ 2 per maand", MONTH),
        ("≥ 2 per week", WEEK),
        ("≥ 2/dag", DAY),
        ("$\\geq 2/\\text{an}$", YEAR),
    ],
)
def test_it_reads_the_period_unit_in_french_dutch_and_latex(text: str, per: Period) -> None:
    kind, _, value, parsed_per = shape(text)
    assert (kind, value, parsed_per) == (COUNT, Decimal("2"), per)


@pytest.mark.parametrize(
    ("text", "value", "per"),
    [("2x/an", "2", YEAR), ("30x/an", "30", YEAR), ("4 x/semaine", "4", WEEK), ("2x/jaar", "2", YEAR),
     ("\\geq à 10X/an", "10", YEAR), ("$\\geq 2 \\times / \\text{an}$", "2", YEAR),
     ("3 fois par an", "3", YEAR)],
)  # fmt: skip
def test_it_reads_times_per_period_as_a_count(text: str, value: str, per: Period) -> None:
    kind, _, parsed_value, parsed_per = shape(text)
    assert (kind, parsed_value, parsed_per) == (COUNT, Decimal(value), per)


def test_it_reads_comparator_and_times_together() -> None:
    assert shape(">2x/an") == (COUNT, ">", Decimal("2"), YEAR)
    assert shape(">/= à 1x/an") == (COUNT, ">=", Decimal("1"), YEAR)


def test_a_count_without_period_has_no_period() -> None:
    assert shape("Nombre de partenaires : ≥ 10 partenaires") == (COUNT, ">=", Decimal("10"), None)
    assert parsed("≥ 10 partenaires").raw == "≥ 10"


def test_it_keeps_a_noun_between_the_value_and_the_period() -> None:
    target = parsed("Nombre de présences : ≥ 7 évènements/an")
    assert (target.raw, target.value, target.per) == ("≥ 7 évènements/an", Decimal("7"), YEAR)


def test_it_reads_a_bare_target_fragment() -> None:
    assert shape("10/an") == (COUNT, None, Decimal("10"), YEAR)


def test_it_reads_a_trimester_as_a_count_without_period_rather_than_a_wrong_period() -> None:
    assert shape("≥ 3/trimestre")[3] is None


# --- percentages and hours -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [("30%", None, "30"), ("100 %", None, "100"), ("$\\geq 10\\%$", ">=", "10"), ("≤ 5 %", "<=", "5"),
     ("100% des commerçants ont bénéficié d'une visite", None, "100"),
     ("50% des dossiers relayés", None, "50")],
)  # fmt: skip
def test_a_percentage_keeps_the_percentage_number(text: str, comparator: str | None, value: str) -> None:
    assert shape(text) == (PERCENT, comparator, Decimal(value), None)


def test_the_raw_of_a_percentage_stops_at_the_percent_sign() -> None:
    assert parsed("50% des dossiers relayés").raw == "50%"
    assert parsed("Proportion : $\\geq 10\\%$").raw == "$\\geq 10\\%$"


@pytest.mark.parametrize(
    ("text", "value", "per"),
    [("≥ 7 h/jour", "7", DAY), ("≥ 3 heures/jour", "3", DAY), ("≥ 3 h/semaine", "3", WEEK),
     ("7h/jour", "7", DAY), (">/= à 5 heures par jour", "5", DAY), (">/= à 7h /jour", "7", DAY),
     ("≥ 4 u/dag", "4", DAY),
     ("≥ 10 uur/week", "10", WEEK), ("≥ 10 uren/week", "10", WEEK), ("≥ 7h30/jour", "7.50", DAY)],
)  # fmt: skip
def test_it_reads_hours_in_every_spelling(text: str, value: str, per: Period) -> None:
    kind, _, parsed_value, parsed_per = shape(text)
    assert (kind, parsed_value, parsed_per) == (HOURS, Decimal(value), per)


def test_it_reads_decimal_commas() -> None:
    assert shape("≥ 7,5 h/jour") == (HOURS, ">=", Decimal("7.5"), DAY)


def test_it_reads_dotted_thousands_as_thousands() -> None:
    assert parsed("≥ 1.000/an").value == Decimal("1000")
    assert parsed("≥ 1.5/an").value == Decimal("1.5")
    assert parsed("≥ 2 500 /an").value == Decimal("2500")


def test_the_indicator_noun_makes_a_weekly_number_of_hours_an_hours_target() -> None:
    text = "Nombre d'heures de travail de rue ciblant les problèmes de toxicomanie : >/= 10/semaine"
    assert shape(text) == (HOURS, ">=", Decimal("10"), WEEK)


def test_hours_named_after_the_target_do_not_change_its_kind() -> None:
    text = "100% des agissements suspects ont été rapportés à la police dans les 24 heures suivant le constat"
    assert shape(text) == (PERCENT, None, Decimal("100"), None)


# --- deadlines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Développement effectif d'un Plan communal d'ici fin 2020", date(2020, 12, 31)),
        ("Développement d'un plan d’ici fin 2020", date(2020, 12, 31)),
        ("tegen eind 2021", date(2021, 12, 31)),
        ("tegen 30/06/2022", date(2022, 6, 30)),
        ("d'ici le 30/06/2021", date(2021, 6, 30)),
        ("d'ici fin juin 2022", date(2022, 6, 30)),
        ("d'ici le 15 mars 2023", date(2023, 3, 15)),
        ("pour fin 2022", date(2022, 12, 31)),
    ],
)
def test_it_reads_deadlines(text: str, deadline: date) -> None:
    target = parsed(text)
    assert (target.kind, target.deadline, target.value, target.comparator) == (
        TargetKind.DEADLINE, deadline, None, None,
    )  # fmt: skip


def test_the_raw_of_a_deadline_is_the_whole_phrase() -> None:
    assert parsed("Plan communal d'ici fin 2020").raw == "d'ici fin 2020"


def test_an_impossible_date_is_no_deadline() -> None:
    assert parse_target("d'ici le 31/02/2022") is None


def test_a_year_named_for_a_plan_is_no_deadline() -> None:
    assert parse_target("Budget prévu pour 2021") is None


# --- no target -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "X nombre de participation à des concertations /Intervision",
        "X Nombre de situations réorientées/relayées vers d'autres services/institutions",
        "X aantal deelnames aan overlegplatformen",
        "xxx",
        "≥ X/an",
        "≥ xxx/an",
        "Pourvoir les postes dans les 6 mois suivant la vacance",
        "Plan stratégique de sécurité et de prévention 2023",
        "PSSP 2020-2022",
        "Réaliser des visites techno-préventives dans les 2 semaines de la demande",
        "On y compte en moyenne 2 cambriolages par jour",
        "Nombre de réunions : >/=",
        "heures/jour",
        "/mois",
        "par semaine",
        "Oui",
    ],
)
def test_it_finds_no_target(text: str) -> None:
    assert parse_target(text) is None


def test_a_real_target_after_a_placeholder_is_still_read() -> None:
    assert parsed("X Nombre de Gardiens sensibilisés au RGP: Oui/non").kind == TargetKind.BOOLEAN
    assert shape("X victime conseillée dans les 2 semaines de l'infraction: 30%") == (
        PERCENT, None, Decimal("30"), None,
    )  # fmt: skip


# --- which number is the target ------------------------------------------------------------------


def test_the_last_number_is_the_target() -> None:
    target = parsed("Organisation de 2 réunions : ≥ 4/an")
    assert (target.raw, target.value) == ("≥ 4/an", Decimal("4"))


def test_a_number_in_the_wording_before_a_target_is_ignored() -> None:
    target = parsed("Visites pré-infractionnelles dans les 2 semaines de la demande: >/= à 10/an")
    assert (target.raw, target.value, target.per) == (">/= à 10/an", Decimal("10"), YEAR)


def test_a_year_in_the_wording_is_not_the_target() -> None:
    assert shape("Nombre de réunions en 2023 : ≥ 4/an") == (COUNT, ">=", Decimal("4"), YEAR)


def test_the_raw_drops_trailing_punctuation() -> None:
    assert parsed("Habitants informés : >/= 250/an.").raw == ">/= 250/an"
    assert parsed("Nombre de contacts >= 3/an:").raw == ">= 3/an"


# --- robustness ----------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    ["≥", ">/=", ">!/", "\\geq", "$", "à", " ", "/", "an", "jaar", "x", "%", "\\%", "h", "heures", "par",
     "per", "jour", "Oui/Non", "Ja/Nee", "d'ici fin", "tegen", "31/02/", "2020", "7,5", "1.000", "0", "99",
     ":", ".", "\\text{", "}", "X nombre de", "<", "=", ">", "\t", "u", "sem.", "\u00a0"]
)  # fmt: skip


@given(st.text())
def test_it_never_raises_on_any_text(text: str) -> None:
    target = parse_target(text)
    assert target is None or target.raw in text


@settings(max_examples=300)
@given(st.lists(_FRAGMENTS, max_size=12).map("".join))
def test_it_never_raises_on_target_like_texts_and_raw_is_verbatim(text: str) -> None:
    target = parse_target(text)
    if target is not None:
        assert target.raw
        assert target.raw in text
        assert target.comparator in (None, ">=", ">", "=", "<=", "<")
        assert (target.value is None) == (target.kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE))
        assert (target.deadline is not None) == (target.kind == TargetKind.DEADLINE)


def _parse_cost(text: str) -> float:
    """The best of three timings of parsing ``text`` (the best is the least disturbed by load)."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        parse_target(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize("unit", ["1", "  ", "> ", "≥ 1 ", "a/"])
def test_its_cost_grows_linearly_on_pathological_texts(unit: str) -> None:
    # A regular expression that backtracks costs n² or worse: eight times the text would cost 64×
    # or more. Linear parsing costs 8×; the bound leaves room for a loaded machine, and compares
    # two runs of the same process instead of a wall-clock limit.
    short, long = unit * (6_250 // len(unit)), unit * (50_000 // len(unit))
    assert _parse_cost(long) / max(_parse_cost(short), 1e-4) < 32
