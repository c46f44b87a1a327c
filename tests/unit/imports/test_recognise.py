"""The generic recogniser reads plans in layouts no specialised parser knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from balise.domain.outline import PlanOutline
from balise.imports.document.docx_model import read_docx
from balise.imports.document.text_reader import read_text
from balise.imports.recognise import Mapping, Role, recognise
from balise.imports.recognise.vocabulary import starts_block
from balise.imports.report import LineFate

from .wordgen import Word


def tree(outline: PlanOutline) -> list:
    """The outline as nested tuples: easy to compare whole."""
    return [
        (
            m.title,
            [
                (
                    so.title,
                    [
                        (
                            oo.title,
                            oo.results,
                            [(i.text, i.target.raw if i.target else None) for i in oo.indicators],
                        )
                        for oo in so.operational_objectives
                    ],
                    [(i.text, i.target.raw if i.target else None) for i in so.indicators],
                )
                for so in m.strategic_objectives
            ],
        )
        for m in outline.modules
    ]


PASTED = (
    "Plan stratégique de sécurité et de prévention 2020-2025\r\n"
    "Commune de Saint-Gilles\r\n"
    "1. Cambriolage\r\n"
    "1.1 Objectif stratégique : Diminuer les cambriolages dans les habi-\r\n"
    "tations du centre\r\n"
    "Objectif opérationnel 1 : Sensibiliser les habitants à la pré-\r\n"
    "vention\r\n"
    "Résultats attendus :\r\n"
    "• 200 habitants sensibilisés par an\r\n"
    "\uf0b7\tUne brochure diffusée\r\n"
    "Page 3 sur 8\r\n"
    "PSSP Saint-Gilles 2020-2025\r\n"
    "Indicateurs :\r\n"
    "o Nombre de séances d'information \ufb01xées ≥ 10/an\r\n"
    "- Nombre de brochures ≥ 500/an\r\n"
    "Page 4 sur 8\r\n"
    "PSSP Saint-Gilles 2020-2025\r\n"
    "Objectif opérationnel 2 : Renforcer la vidéo-surveillance\r\n"
    "Indicateurs :\r\n"
    "• Taux de couverture ≥ 80%\r\n"
    "Page 5 sur 8\r\n"
    "PSSP Saint-Gilles 2020-2025\r\n"
    "2. Sociale overlast\r\n"
    "2.1 Objectif stratégique : Réduire les nuisances\r\n"
    "Objectif opérationnel 1 : Patrouilles de gardiens de la paix\r\n"
    "Indicateurs :\r\n"
    "• Nombre de patrouilles ≥ 50/an\r\n"
)


def test_text_pasted_from_a_pdf_viewer_is_read_with_its_artefacts_cleaned() -> None:
    reading = recognise(read_text(PASTED, "colle.txt", starts_block))

    assert tree(reading.outline) == [
        (
            "Cambriolage",
            [
                (
                    "Diminuer les cambriolages dans les habitations du centre",
                    [
                        (
                            "Sensibiliser les habitants à la prévention",
                            ["200 habitants sensibilisés par an", "Une brochure diffusée"],
                            [
                                ("Nombre de séances d'information fixées ≥ 10/an", "≥ 10/an"),
                                ("Nombre de brochures ≥ 500/an", "≥ 500/an"),
                            ],
                        ),
                        ("Renforcer la vidéo-surveillance", [], [("Taux de couverture ≥ 80%", "≥ 80%")]),
                    ],
                    [],
                )
            ],
        ),
        (
            "Sociale overlast",
            [
                (
                    "Réduire les nuisances",
                    [
                        (
                            "Patrouilles de gardiens de la paix",
                            [],
                            [("Nombre de patrouilles ≥ 50/an", "≥ 50/an")],
                        )
                    ],
                    [],
                )
            ],
        ),
    ]
    assert reading.outline.municipality == "Saint-Gilles"
    furniture = [f.text for f in reading.ledger if f.fate is LineFate.FURNITURE]
    assert furniture == ["Page 3 sur 8", "PSSP Saint-Gilles 2020-2025"] + [
        "Page 4 sur 8",
        "PSSP Saint-Gilles 2020-2025",
    ] + [
        "Page 5 sur 8",
        "PSSP Saint-Gilles 2020-2025",
    ]
    assert reading.score == 1.0


def word_plan(tmp_path: Path) -> Path:
    w = Word()
    w.header("PSSP Forest 2020-2025", "Page 1")
    w.para("Plan stratégique de sécurité et de prévention 2020-2025")
    w.toc([("Cambriolage", 3), ("Nuisances sociales", 5)])
    w.heading("Cambriolage", 1)
    w.heading("Diminuer les cambriolages", 2)
    w.table(
        [
            ["Indicateurs", "", "Objectif opérationnel", "Résultats attendus"],
            ["Intitulé", "Cible", "", ""],
            [
                "Nombre de séances",
                "≥ 10/an",
                "Sensibiliser les habitants",
                ["Habitants informés", "Brochure"],
            ],
            ["Nombre de brochures", "≥ 500/an", "", ""],
            ["Taux de couverture", "80%", "Installer des caméras", "Caméras installées"],
        ],
        merges=[(0, 0, 0, 1), (0, 2, 1, 2), (0, 3, 1, 3), (2, 2, 3, 2), (2, 3, 3, 3)],
    )
    w.heading("Nuisances sociales", 1)
    w.heading("Réduire les nuisances", 2)
    w.table(
        [
            ["Objectif opérationnel", "Résultats et indicateurs"],
            [
                "Patrouilles",
                ["Résultats attendus :", "Quartiers couverts", "Indicateurs :", "Patrouilles ≥ 50/an"],
            ],
        ]
    )
    return w.save(tmp_path / "plan.docx")


def test_a_word_plan_with_automatic_numbering_merged_headers_and_any_column_order(tmp_path: Path) -> None:
    document = read_docx(word_plan(tmp_path).read_bytes(), "plan.docx")
    headings = [(b.number, b.text) for b in document.blocks if b.kind.value == "heading"]
    assert headings == [
        ("1.", "Cambriolage"),
        ("1.1.", "Diminuer les cambriolages"),
        ("2.", "Nuisances sociales"),
        ("2.1.", "Réduire les nuisances"),
    ]

    reading = recognise(document)

    assert tree(reading.outline) == [
        (
            "Cambriolage",
            [
                (
                    "Diminuer les cambriolages",
                    [
                        (
                            "Sensibiliser les habitants",
                            ["Habitants informés", "Brochure"],
                            [("Nombre de séances", "≥ 10/an"), ("Nombre de brochures", "≥ 500/an")],
                        ),
                        ("Installer des caméras", ["Caméras installées"], [("Taux de couverture", "80%")]),
                    ],
                    [],
                )
            ],
        ),
        (
            "Nuisances sociales",
            [
                (
                    "Réduire les nuisances",
                    [("Patrouilles", ["Quartiers couverts"], [("Patrouilles ≥ 50/an", "≥ 50/an")])],
                    [],
                )
            ],
        ),
    ]
    fates = {f.text: f.fate for f in reading.ledger}
    assert fates["PSSP Forest 2020-2025"] is LineFate.FURNITURE
    assert fates["Cambriolage 3"] is LineFate.FURNITURE  # table of contents
    assert reading.score == 1.0


def dutch_label_value_plan(tmp_path: Path) -> Path:
    w = Word()
    w.para("Strategisch veiligheids- en preventieplan 2020-2025")
    w.para("Gemeente Kortrijk")
    w.para("Inbraak")
    for number, (so, oo, result, indicator, target) in enumerate(
        [
            ("Inbraken verminderen", "Buurtpreventie uitbouwen", "Vijf BIN's actief", "Aantal BIN's", "5"),
            (
                "Slachtoffers ondersteunen",
                "Nazorg na inbraak",
                "Elk slachtoffer bezocht",
                "Percentage bezocht",
                "90%",
            ),
        ],
        start=1,
    ):
        w.table(
            [
                [f"Strategische doelstelling {number}: {so}", ""],
                ["Operationele doelstelling", oo],
                ["Resultaat(en)", result],
                ["Indicator", indicator],
                ["Streefwaarde", target],
            ],
            merges=[(0, 0, 0, 1)],
        )
    w.table([["Strategische doelstelling", ""], ["Operationele doelstelling", ""], ["Indicator", ""]])
    return w.save(tmp_path / "svpp.docx")


def test_dutch_label_value_tables_with_a_merged_title_row_and_the_target_in_its_own_row(
    tmp_path: Path,
) -> None:
    reading = recognise(read_docx(dutch_label_value_plan(tmp_path).read_bytes(), "svpp.docx"))

    assert tree(reading.outline) == [
        (
            "Inbraak",
            [
                (
                    "Inbraken verminderen",
                    [("Buurtpreventie uitbouwen", ["Vijf BIN's actief"], [("Aantal BIN's", "5")])],
                    [],
                ),
                (
                    "Slachtoffers ondersteunen",
                    [("Nazorg na inbraak", ["Elk slachtoffer bezocht"], [("Percentage bezocht", "90%")])],
                    [],
                ),
            ],
        )
    ]
    assert reading.outline.language == "nl"
    assert reading.outline.municipality == "Kortrijk"
    assert not [f for f in reading.ledger if f.fate is LineFate.UNPLACED]


def test_indicators_at_strategic_objective_level_stay_there() -> None:
    text = (
        "Plan 2023-2024\n"
        "Objectif stratégique : Réduire les vols\n"
        "Indicateurs :\n"
        "- Nombre de vols constatés ≤ 100/an\n"
        "Objectif opérationnel : Patrouiller\n"
        "Résultats attendus :\n"
        "- Patrouilles quotidiennes\n"
    )
    outline = recognise(read_text(text, "so.txt")).outline

    so = outline.modules[0].strategic_objectives[0]
    assert [i.text for i in so.indicators] == ["Nombre de vols constatés ≤ 100/an"]
    assert so.operational_objectives[0].results == ["Patrouilles quotidiennes"]


def test_a_letter_is_not_a_plan_and_the_sentence_says_what_was_found() -> None:
    letter = "Madame, Monsieur,\n\nNous vous remercions de votre courrier du 3 mars.\n\nVeuillez agréer…\n"
    reading = recognise(read_text(letter, "lettre.txt"))

    assert not reading.is_plan()
    assert reading.why_not_a_plan() == (
        "lettre.txt: found 3 paragraphs but no objective or indicator, so this is not a plan"
    )


def test_a_correction_is_data_replayed_by_unit_id_and_a_template_label_carries_over() -> None:
    text = "Objectif stratégique : Réduire les vols\nActiepunt : Patrouiller\nMesure : Patrouilles ≥ 5/an\n"
    document = read_text(text, "a.txt")
    before = recognise(document)
    assert before.outline.counts()["operational_objectives"] == 0

    mapping = Mapping(labels={"Actiepunt": Role.OPERATIONAL_OBJECTIVE}, roles={"b2": Role.INDICATOR})
    after = recognise(document, mapping)

    oo = after.outline.modules[0].strategic_objectives[0].operational_objectives[0]
    assert oo.title == "Patrouiller"
    assert [i.text for i in oo.indicators] == ["Mesure : Patrouilles ≥ 5/an"]
    assert Mapping.from_json(mapping.to_json()) == mapping


@pytest.mark.parametrize(
    ("order", "header"),
    [
        ((0, 1, 2, 3), ["Objectif opérationnel", "Résultat attendu", "Indicateur", "Norme"]),
        ((3, 2, 1, 0), ["Norme", "Indicateur", "Résultat attendu", "Objectif opérationnel"]),
        ((2, 0, 3, 1), ["Indicateur", "Objectif opérationnel", "Norme", "Résultat attendu"]),
    ],
)
def test_column_tables_are_read_in_any_column_order(order: tuple[int, ...], header: list[str]) -> None:
    rows = [["Patrouiller", "Quartiers couverts", "Nombre de patrouilles", "≥ 50/an"]]
    lines = ["Objectif stratégique : Réduire les vols"]
    for row in [header, *([row[i] for i in order] for row in rows)]:
        lines.append("\t".join(row))
    outline = recognise(read_text("\n".join(lines), "t.txt")).outline

    oo = outline.modules[0].strategic_objectives[0].operational_objectives[0]
    assert (oo.title, oo.results, oo.indicators[0].text, oo.indicators[0].target.raw) == (
        "Patrouiller",
        ["Quartiers couverts"],
        "Nombre de patrouilles",
        "≥ 50/an",
    )


def test_a_split_cuts_a_unit_in_two_and_each_piece_takes_its_own_role() -> None:
    text = "Objectif stratégique : Réduire les vols\nIndicateurs :\n- Patrouilles ≥ 5/an Réunions ≥ 4/an\n"
    document = read_text(text, "s.txt")
    unit = next(u for u in document.units() if u.text.startswith("Patrouilles"))

    reading = recognise(document, Mapping(splits={unit.id: [len("Patrouilles ≥ 5/an")]}))

    so = reading.outline.modules[0].strategic_objectives[0]
    assert [(i.text, i.target.raw) for i in so.indicators] == [
        ("Patrouilles ≥ 5/an", "≥ 5/an"),
        ("Réunions ≥ 4/an", "≥ 4/an"),
    ]
    assert Mapping.from_json(Mapping(splits={unit.id: [18]}).to_json()).splits == {unit.id: [18]}
