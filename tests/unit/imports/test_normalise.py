"""Text is normalised once, when the document model is built."""

from __future__ import annotations

import pytest

from balise.imports.document.normalise import join_lines, marker_depth, normalise, split_marker


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("e\ufb03cacit\u00e9 et pro\ufb01ls", "efficacité et profils"),
        ("\ufb02ux \ufb00ectif", "flux ffectif"),
        ("10\u00a0%\u202fdes\u2009cas", "10 % des cas"),
        ("l\u2019\u00e9cole \u201cs\u00fbre\u201d", 'l\'école "sûre"'),
        ("pr\u00e9\u00adven\u00adtion", "prévention"),
        ("deux\r\nlignes", "deux lignes"),
        ("  espaces   multiples\t", "espaces multiples"),
    ],
)
def test_text_is_normalised_once(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("la préven-", "tion des cambriolages", "la prévention des cambriolages"),
        ("réali-", "sation", "réalisation"),
        ("de veiligheids-", "diagnose", "de veiligheidsdiagnose"),
        ("Oui/", "Non", "Oui/Non"),
        ("socio-", "Préventif", "socio-Préventif"),
        ("à Saint-Gilles et", "à Forest", "à Saint-Gilles et à Forest"),
    ],
)
def test_a_word_hyphenated_at_a_line_end_is_rejoined_without_its_hyphen(
    head: str, tail: str, joined: str
) -> None:
    assert join_lines(head, tail) == joined


def test_a_compound_written_on_one_line_keeps_its_hyphen() -> None:
    assert normalise("la vidéo-surveillance à Saint-Gilles") == "la vidéo-surveillance à Saint-Gilles"


@pytest.mark.parametrize(
    ("line", "marker", "text"),
    [
        ("• Recruter deux gardiens", "•", "Recruter deux gardiens"),
        ("\uf0b7\tRecruter", "\uf0b7", "Recruter"),
        ("\uf0b7 Recruter", "\uf0b7", "Recruter"),
        ("o Nombre de réunions", "o", "Nombre de réunions"),
        ("- Nombre de réunions", "-", "Nombre de réunions"),
        ("– Nombre", "–", "Nombre"),
        ("a) premier", "a)", "premier"),
        ("B. second", "B.", "second"),
        ("iv. quatrième", "iv.", "quatrième"),
        ("1.2.1. Assurer", "1.2.1.", "Assurer"),
        ("1.2 Assurer", "1.2", "Assurer"),
        ("3) troisième", "3)", "troisième"),
    ],
)
def test_list_markers_are_recognised_in_any_form(line: str, marker: str, text: str) -> None:
    assert split_marker(line) == (marker, text)


@pytest.mark.parametrize("line", ["10 patrouilles par an", "2025 sera l'année", "orange", "Objectif"])
def test_a_number_or_a_word_is_not_a_marker(line: str) -> None:
    assert split_marker(line)[0] == ""


def test_the_depth_of_a_decimal_marker_is_its_number_of_parts() -> None:
    assert [marker_depth(m) for m in ("1.", "1.2", "1.2.3.", "•", "a)")] == [1, 2, 3, 0, 0]
