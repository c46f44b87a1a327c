"""Page furniture: page numbers in any form, running headers by repetition, tables of contents."""

from __future__ import annotations

import pytest

from balise.imports.document.furniture import PAGE_NUMBER, repeats_title
from balise.imports.document.text_reader import read_text


@pytest.mark.parametrize(
    "line",
    ["Page 3 sur 8", "page 3", "3/8", "3 / 8", "- 3 -", "– 12 –", "Pagina 2 van 5", "p. 4", "7",
     "Forest Page 1 sur 4", "Mechelen Pagina 1 van 2", "Seite 2 von 3"],
)  # fmt: skip
def test_a_page_number_is_recognised_in_any_form(line: str) -> None:
    assert PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2025", "Objectif 3", "3 patrouilles par semaine", "≥ 10/an", "50 %"])
def test_a_figure_of_the_plan_is_not_a_page_number(line: str) -> None:
    assert not PAGE_NUMBER.match(line)


def test_a_header_repeated_at_the_top_of_pages_is_furniture_but_a_label_repeated_inside_is_not() -> None:
    pages = []
    for n in range(1, 5):
        pages.append(
            f"PSSP Forest 2020-2025\nIndicateurs :\n- Séances ≥ {n}0/an\nIndicateurs :\nPage {n} sur 4"
        )
    document = read_text("\n".join(pages), "plan.txt")

    furniture = [(b.text, b.furniture) for b in document.blocks if b.furniture]
    assert furniture.count(("PSSP Forest 2020-2025", "running header or footer")) == 3
    assert all(text != "Indicateurs :" for text, _ in furniture)
    assert sum(1 for _, why in furniture if why == "page number") == 4


def test_a_table_of_contents_is_furniture_whatever_its_leaders() -> None:
    text = (
        "Table des matières\n1. Coordination ........ 3\n1.1 Assurer la coordination … 3\nCambriolage 4\n"
        "\n1. Coordination\nObjectif stratégique : Assurer la coordination\n"
    )
    document = read_text(text, "plan.txt")

    toc = [b.text for b in document.blocks if b.furniture == "table of contents"]
    assert toc == [
        "Table des matières",
        "Coordination ........ 3",
        "Assurer la coordination … 3",
        "Cambriolage 4",
    ]
    assert [b.text for b in document.blocks if not b.furniture][0] == "Coordination"


def test_a_running_header_repeats_the_title_with_the_municipality() -> None:
    title = "Plan stratégique de sécurité et de prévention 2020-2025"
    assert repeats_title("Plan stratégique de sécurité et de prévention 2020-2025 – Forest", title)
    assert not repeats_title("Objectif stratégique : sécurité des écoles", title)
