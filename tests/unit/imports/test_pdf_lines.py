"""Printed PDF lines rejoined: words cut by a narrow column, hyphens typed or put by a hyphenator.

The lines are set by a small typesetter below that breaks like LibreOffice does: words go on a
line while they fit, a word wider than the column is cut where the column ends, and the space
after a word is written only when it fits before the right edge.
"""

from __future__ import annotations

import random

import pytest

from balise.imports.document.lexicon import Lexicon, document_lexicon
from balise.imports.document.model import Block, Cell, Kind, Position, Row
from balise.imports.document.pdf_lines import Line, cut_word, document_words, hard_hyphen, join
from balise.imports.document.pdf_model import _continue_table, _Table

CHAR = 6.0  # every glyph is this wide: a monospaced typesetter keeps the arithmetic visible
LEFT = 100.0


def set_in_column(text: str, columns: int, top: float = 0.0) -> list[Line]:
    """``text`` set in a column ``columns`` characters wide, one ``Line`` per printed line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while word:
            if not current.strip():
                if len(word) > columns:  # wider than the column: cut where it ends
                    lines.append(word[:columns])
                    word = word[columns:]
                    continue
                current, word = word, ""
            elif len(current) + len(word) <= columns:
                current, word = current + word, ""
            else:
                lines.append(current)
                current = ""
                continue
            if len(current) < columns:  # the space after a word, when it fits
                current += " "
    if current.strip():
        lines.append(current.rstrip())
    return [
        Line(LEFT, top + 12 * n, LEFT + CHAR * len(line.rstrip()), top + 12 * n + 10, line)
        for n, line in enumerate(lines)
    ]


def rejoin(lines: list[Line], columns: int, words: frozenset[str], lexicon: Lexicon | None = None) -> str:
    edge = LEFT + CHAR * columns
    text = lines[0].text.strip()
    for previous, line in zip(lines, lines[1:], strict=False):
        text = join(text, previous, line, line.text.strip(), edge, words, lexicon=lexicon)
    return text


SENTENCES = [
    "Sensibiliseringsacties voeren aan de schoolpoorten met de wijkagenten",
    "Les habitants connaissent le service de conseil en technoprévention du quartier",
    "Druggebruikers worden toegeleid naar de drughulpverlening in het centrum",
    "Snelheidsinformatieborden plaatsen op de invalswegen van de gemeente",
    "Un protocole de collaboration est signé avec le centre public d'action sociale",
]


@pytest.mark.parametrize("columns", [9, 11, 13, 16, 20])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_text_set_in_a_narrow_column_is_read_back_as_written(sentence: str, columns: int) -> None:
    lines = set_in_column(sentence, columns)
    # The document prints its words elsewhere too (in a wider column, say): the lexicon knows them.
    words = document_words(set_in_column(" ".join(SENTENCES) + " fin", 200))

    assert rejoin(lines, columns, words) == sentence


@pytest.mark.parametrize("seed", range(8))
def test_a_word_wider_than_its_column_is_glued_back_whatever_the_cut(seed: int) -> None:
    rng = random.Random(seed)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(14, 30)))
    columns = rng.randint(6, 13)
    lines = set_in_column(f"Les {word} xq", columns)

    assert rejoin(lines, columns, frozenset()) == f"Les {word} xq"


def test_a_word_that_fills_its_line_before_a_word_the_document_knows_keeps_its_space() -> None:
    # "Achtergelaten" fills the 13-character column: the space after it does not fit.
    lines = set_in_column("Achtergelaten worden opgeruimd", 13)
    assert [line.text for line in lines] == ["Achtergelaten", "worden ", "opgeruimd"]

    assert rejoin(lines, 13, frozenset({"worden"})) == "Achtergelaten worden opgeruimd"


def test_a_line_that_ends_with_a_space_or_short_of_the_edge_never_ends_a_cut_word() -> None:
    spaced = Line(LEFT, 0, LEFT + CHAR * 6, 10, "Achter ")
    short = Line(LEFT, 0, LEFT + CHAR * 6, 10, "Achter")
    after = Line(LEFT, 12, LEFT + CHAR * 5, 22, "laten")
    edge = LEFT + CHAR * 13

    assert not cut_word(spaced, after, LEFT + CHAR * 7, frozenset())
    assert not cut_word(short, after, edge, frozenset())


def test_a_cut_word_goes_on_in_lower_case() -> None:
    head = Line(LEFT, 0, LEFT + CHAR * 10, 10, "Verkeersve")
    capital = Line(LEFT, 12, LEFT + CHAR * 5, 22, "Plan goedgekeurd")

    assert not cut_word(head, capital, LEFT + CHAR * 10, frozenset())


def test_a_list_item_whose_only_word_is_cut_is_glued_back() -> None:
    head = Line(LEFT, 0, LEFT + CHAR * 14, 10, "• Druggebruike")
    tail = Line(LEFT + 12, 12, LEFT + CHAR * 10, 22, "rs worden ")

    assert cut_word(head, tail, LEFT + CHAR * 14, frozenset({"worden"}))


@pytest.mark.parametrize(
    ("head", "tail", "room", "kept"),
    [
        ("Hoog-", "risicodossiers worden", 8, True),  # a line ended short: the writer's hyphen
        ("Informatie-", "uitwisseling", 6, True),
        ("préven-", "tion des vols", 0, False),  # filled to the edge: a hyphenator's
        ("réali-", "sation", 1, False),
        ("politie-", "zone", 0, False),
    ],
)
def test_a_hyphen_at_a_line_end_is_kept_when_the_line_had_room_for_more(
    head: str, tail: str, room: int, kept: bool
) -> None:
    previous = Line(LEFT, 0, LEFT + CHAR * len(head), 10, head)
    line = Line(LEFT, 12, LEFT + CHAR * len(tail), 22, tail)
    edge = previous.x1 + CHAR * room

    assert hard_hyphen(previous, line, edge, frozenset()) is kept
    joined = join(head, previous, line, tail, edge, frozenset())
    assert joined == (head + tail if kept else head[:-1] + tail)


def test_the_documents_own_words_decide_a_hyphen_before_the_room_left() -> None:
    previous = Line(LEFT, 0, LEFT + CHAR * 6, 10, "Saint-")
    line = Line(LEFT, 12, LEFT + CHAR * 6, 22, "gilles")
    edge = previous.x1  # filled: a hyphenator's, were it not for the words

    assert hard_hyphen(previous, line, edge, frozenset({"saint-gilles"}))
    assert not hard_hyphen(previous, line, edge + 60, frozenset({"saintgilles"}))


def test_pdfiums_mark_for_a_hyphen_at_a_line_end_counts_as_a_hyphen() -> None:
    previous = Line(LEFT, 0, LEFT + CHAR * 5, 10, "Hoog\x02")
    line = Line(LEFT, 12, LEFT + CHAR * 14, 22, "risicodossiers")

    assert hard_hyphen(previous, line, previous.x1 + 10 * CHAR, frozenset())


def test_the_documents_words_leave_out_what_may_be_a_piece_of_a_cut_word() -> None:
    lines = [
        Line(0, 0, 1, 1, "Sensibiliseringsa"),
        Line(0, 2, 1, 3, "cties voeren aan "),
        Line(0, 4, 1, 5, "de Poort "),
    ]

    assert document_words(lines) == frozenset({"voeren", "aan", "poort"})


# --- a table row cut by a page break, inside a vertical merge ----------------------------------


def _cell(*texts: str) -> Cell:
    return Cell([Block("", Kind.LIST_ITEM, text) for text in texts])


def test_a_cell_cut_by_a_page_break_continues_the_cell_merged_down_over_the_last_row() -> None:
    # Page 3: the operational objective and its results are merged down over two indicator rows.
    first = Row(
        [
            _cell("Accompagner les victimes"),
            _cell("Chaque victime est contactée", "Un protocole de"),
            _cell("Protocole signé"),
            _cell("d'ici fin 2021"),
        ]
    )
    second = Row(
        [Cell(merged_above=True), Cell(merged_above=True), _cell("Victimes accompagnées"), _cell(">/= 30/an")]
    )
    table = _Table(top=0, rows=[], page=3, columns=4, number=5, block_rows=[first, second])
    # Page 4: the rest of the results cell, the other cells empty.
    more = _Table(
        top=0,
        rows=[[Cell(), _cell("collaboration est signé avec le CPAS"), Cell(), Cell()]],
        page=4,
        columns=4,
    )

    _continue_table(table, more)

    assert [b.text for b in first.cells[1].blocks] == [
        "Chaque victime est contactée",
        "Un protocole de collaboration est signé avec le CPAS",
    ]
    assert len(table.block_rows) == 2 and not second.cells[1].blocks
    assert first.cells[1].blocks[1].id == "t5.r0.c1.p1"
    assert first.cells[1].blocks[1].position == Position(page=None, table=5, row=1, cell=2)


def test_a_line_with_room_for_a_space_and_none_there_is_cut_when_the_writer_writes_spaces() -> None:
    # "mobiliteitsdienst" + "en": the next line starts with a word the document knows, but a
    # space would have fit after the line and the writer writes the spaces that fit.
    head = Line(LEFT, 0, LEFT + 95, 10, "mobiliteitsdienst")
    tail = Line(LEFT, 12, LEFT + 50, 22, "en van de ")
    edge, space = LEFT + 99, 3.5
    words = frozenset({"en", "van", "de"})

    assert cut_word(head, tail, edge, words, space)
    assert join("Werkgroep met de mobiliteitsdienst", head, tail, "en van de", edge, words, space) == (
        "Werkgroep met de mobiliteitsdiensten van de"
    )
    # Less room than a space, or a writer that drops every space at line ends: the words decide.
    assert not cut_word(head, tail, LEFT + 97, words, space)
    assert not cut_word(head, tail, edge, words, None)


# --- the language's lexicon, where the glyphs and the document's words leave the case open -----

DUTCH = Lexicon(("nl",))
FRENCH = Lexicon(("fr",))


@pytest.mark.parametrize(
    ("lexicon", "sentence", "columns"),
    [
        (DUTCH, "Achtergelaten spuiten verwijderd", 13),  # oostende_numbered_lo.pdf
        (DUTCH, "Achtergelaten spuiten", 13),
        (DUTCH, "Hangjongeren worden aangesproken", 12),
        (DUTCH, "Buurtbewoners worden gehoord", 13),
        (FRENCH, "Cambriolages signalés", 12),
        (FRENCH, "Contrôles routiers en zone", 9),
        (FRENCH, "Stupéfiants saisis", 11),
    ],
)
def test_two_words_the_language_knows_are_kept_apart_when_the_first_fills_its_column(
    lexicon: Lexicon, sentence: str, columns: int
) -> None:
    lines = set_in_column(sentence, columns)
    assert not lines[0].text.endswith(" ")  # no room for the space: it looks like a cut word

    assert rejoin(lines, columns, frozenset(), lexicon) == sentence
    assert rejoin(lines, columns, frozenset()) != sentence  # without a lexicon: read as cut


@pytest.mark.parametrize(
    ("lexicon", "sentence", "columns"),
    [
        (DUTCH, "Drugsoverlast aanpakken", 9),  # "Drugsover" + "last"
        (DUTCH, "Drugsoverlast aanpakken", 5),  # "Drugs" + "overl" + "ast": cut twice
        (DUTCH, "Veiligheidsplan goedgekeurd", 11),  # "Veiligheids" + "plan"
        (DUTCH, "Zwerfvuil opgeruimd", 5),  # "zwerf" and "vuil" are words, so is "zwerfvuil"
        (DUTCH, "Fietspad aangelegd", 5),
        (DUTCH, "Wijkagent aangesteld", 4),
        (FRENCH, "Passeport délivré", 5),  # "passe" and "port" are words, so is "passeport"
        (FRENCH, "Autoroute surveillée", 4),
        (FRENCH, "Tournesol planté", 6),
        (FRENCH, "Technoprévention proposée", 10),  # neither "technopréve" nor the whole is known
    ],
)
def test_a_word_cut_by_its_column_is_glued_back_when_the_language_knows_it_or_not_its_parts(
    lexicon: Lexicon, sentence: str, columns: int
) -> None:
    lines = set_in_column(sentence, columns)
    assert len(lines) > 2  # the first word was cut

    assert rejoin(lines, columns, frozenset(), lexicon) == sentence


@pytest.mark.parametrize("seed", range(6))
def test_words_no_language_knows_are_read_as_cut_as_without_a_lexicon(seed: int) -> None:
    rng = random.Random(seed)
    letters = "bcdfghjklmnpqrstvwxz"  # no vowels: no French or Dutch word
    first = "".join(rng.choice(letters) for _ in range(rng.randint(6, 12))).capitalize()
    second = "".join(rng.choice(letters) for _ in range(rng.randint(3, 5)))
    lines = set_in_column(f"{first} {second} fin", len(first))
    lexicon = Lexicon()  # both languages

    assert rejoin(lines, len(first), frozenset(), lexicon) == f"{first}{second} fin"


@pytest.mark.parametrize(
    ("lexicon", "head", "tail"),
    [(DUTCH, "Achtergelaten", "xqzt"), (FRENCH, "Cambriolages", "zzkr")],
)
def test_a_known_word_before_an_unknown_one_is_read_as_cut(lexicon: Lexicon, head: str, tail: str) -> None:
    lines = set_in_column(f"{head} {tail} en", len(head))

    assert rejoin(lines, len(head), frozenset(), lexicon) == f"{head}{tail} en"


def test_the_documents_own_words_decide_before_the_lexicon() -> None:
    # "Drugs" fills a 5-character column; the document prints "drugsoverlast" whole elsewhere.
    head = Line(LEFT, 0, LEFT + CHAR * 5, 10, "Drugs")
    tail = Line(LEFT, 12, LEFT + CHAR * 8, 22, "overlast")
    edge = LEFT + CHAR * 5

    assert cut_word(head, tail, edge, frozenset({"drugsoverlast"}), lexicon=DUTCH)
    # The document prints "overlast" whole and not "drugsoverlast": two words, whatever Dutch says.
    assert not cut_word(head, tail, edge, frozenset({"overlast"}), lexicon=DUTCH)


@pytest.mark.parametrize(
    ("texts", "languages"),
    [
        (["Strategische doelstelling 1", "Het verminderen van de overlast in de gemeente"], ("nl",)),
        (["Objectif stratégique 1", "Réduire les nuisances dans la commune et le quartier"], ("fr",)),
        (["Plan 2020-2025", "Annexe / Bijlage"], ("fr", "nl")),
    ],
)
def test_the_lexicon_is_the_documents_language_or_both_when_it_does_not_tell(
    texts: list[str], languages: tuple[str, ...]
) -> None:
    assert document_lexicon(texts).languages == languages
