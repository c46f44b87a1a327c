"""`balise import` on real and broken documents, run as a user would: the console script on an
SQLite file of its own (a copy of one the command has migrated). Bad input is exit code 2 with a
one-line message naming the file, and writes nothing."""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.corpus.refusals import letter_docx
from tests.corpus.sheets import figures_sheet
from tests.documents import write_docx, write_pdf
from tests.migrated_template import copy_of_migrated_sqlite
from tests.processes import BALISE, checkout_environ
from tests.seeds import seed_path, seed_text

SEEDS = ("000", "001", "002", "003", "004")
Run = Callable[..., subprocess.CompletedProcess]

RECIPE = "Tarte aux pommes\n\nIngrédients\n- 4 pommes\n- 200 g de farine\n\nPréparation\n1. Cuire 35 min.\n"
# No rule of the 2020 plan places this; between the convention's clauses and the first section.
STRAY = "Ceci est une ligne égarée sans rapport avec le plan."


def _env(database: Path) -> dict[str, str]:
    return checkout_environ(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        LANGUAGE="en",  # messages in the source language (the CLI follows the shell's locale)
    )


@pytest.fixture
def run(tmp_path: Path) -> Run:
    database = copy_of_migrated_sqlite(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BALISE), *args],
            env=_env(database),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


def imported(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["imports"]


def plan_lines(run: Run) -> list[str]:
    listing = run("list").stdout
    return [] if listing.startswith("no plans yet") else listing.strip().split("\n")


# --- bad input ----------------------------------------------------------------------------


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _binary_junk(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(20_000))


def _truncated_docx(path: Path) -> None:
    full = write_docx(seed_text("000"), path.with_name("full.docx"))
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _small_pdf(path: Path) -> Path:
    return write_pdf("Plan stratégique de sécurité et de prévention\n\nObjectifs opérationnels", path)


def _password_protected_pdf(path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(_small_pdf(path.with_name("clear.pdf"))))
    writer.encrypt(user_password="secret", owner_password="owner-secret")
    with path.open("wb") as handle:
        writer.write(handle)


def _scanned_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi, as a scanner delivers it
    ImageDraw.Draw(page).text((100, 100), "Plan stratégique de sécurité et de prévention", fill="black")
    page.save(path, "PDF", resolution=150)


def _over_50_mb(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: no 50 MB actually written
        handle.truncate(50 * 1024 * 1024 + 1)


def _recipe(path: Path) -> None:
    path.write_text(RECIPE, encoding="utf-8")


BAD_INPUTS = {
    "empty.txt": (_empty, "the file is empty"),
    "junk.txt": (_binary_junk, "binary content"),
    "cut.docx": (_truncated_docx, "not a readable .docx (truncated or corrupt"),
    "protected.pdf": (_password_protected_pdf, "PDF is password-protected"),
    "scan.pdf": (_scanned_pdf, "PDF has no text layer (scanned PDF?)"),
    "huge.txt": (_over_50_mb, "file is too large (52\u202f428\u202f801 bytes; the limit is 50 MB)"),
    "recipe.txt": (_recipe, "but no objective or indicator, so this is not a plan"),
    # Not plans, each told apart by what was found: a letter, a sheet of figures, a scan.
    "letter.docx": (
        letter_docx,
        "found 11 paragraphs but no objective or indicator, so this is not a plan",
    ),
    "figures.xlsx": (
        figures_sheet,
        "found 1 table of 30 cells but no objective or indicator, so this is not",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_a_one_line_error_naming_the_file_and_writes_nothing(
    name: str, run: Run, tmp_path: Path
) -> None:
    make, problem = BAD_INPUTS[name]
    path = tmp_path / name
    make(path)

    result = run("import", str(path))

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"balise: error: {name}: ")
    assert problem in result.stderr
    assert plan_lines(run) == []


def test_an_unknown_layout_lists_every_layout_tried_with_its_score(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    _recipe(path)

    message = run("import", str(path)).stderr

    for layout in ("pssp_list", "pssp_table", "css_wrapped", "css_tabs", "pgsp"):
        assert f"{layout} (0." in message


# --- unplaced lines -----------------------------------------------------------------------


@pytest.fixture
def plan_with_a_stray_line(tmp_path: Path) -> tuple[Path, int]:
    lines = seed_text("000").split("\n")
    at = lines.index("I. DISPOSITIF DE COORDINATION")
    lines[at:at] = [STRAY, ""]
    path = tmp_path / "plan-2020-stray.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


def test_strict_refuses_a_document_with_an_unplaced_line_and_names_it(
    run: Run, plan_with_a_stray_line: tuple[Path, int]
) -> None:
    path, number = plan_with_a_stray_line

    result = run("import", str(path), "--strict")

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"balise: error: {path.name}: 1 unplaced line(s) with --strict")
    assert f"first at line {number}: {STRAY!r}" in result.stderr
    assert plan_lines(run) == []


def test_without_strict_the_document_imports_and_the_summary_lists_the_unplaced_line(
    run: Run, plan_with_a_stray_line: tuple[Path, int]
) -> None:
    path, number = plan_with_a_stray_line

    result = run("import", str(path))

    assert result.returncode == 0, result.stderr
    assert f"unplaced line {number}: {STRAY}" in result.stdout
    [summary] = imported(run("import", str(path), "--json"))  # the same document again
    assert summary["unplaced"] == [{"line": number, "text": STRAY, "reason": "unplaced"}]
    assert summary["lines"]["unplaced"] == 1
    assert len(plan_lines(run)) == 1


# --- encodings, formats -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_an_encoded_copy_imports_to_the_same_outline_as_utf8(encoding: str, run: Run, tmp_path: Path) -> None:
    text = seed_text("000")
    if encoding == "latin-1":  # Latin-1 has neither "≥" nor "€": the UTF-8 original is the same text
        text = text.replace("≥", ">=").replace("€", "EUR")
    utf8, copy = tmp_path / "plan-utf8.txt", tmp_path / f"plan-{encoding}.txt"
    utf8.write_text(text, encoding="utf-8")
    copy.write_text(text, encoding=encoding)  # Python's utf-16 writes a byte order mark, as Notepad does

    first, second = imported(run("import", str(utf8), str(copy), "--json"))

    assert first["created"] is True
    # The outline's fingerprint decides "already imported": the copy gave the very same outline.
    assert (second["plan_id"], second["created"]) == (first["plan_id"], False)
    assert second["message"].startswith("already imported")
    assert second["counts"] == first["counts"]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_word_or_pdf_copy_of_the_2020_plan_imports_like_its_text(
    kind: str, run: Run, tmp_path: Path
) -> None:
    writer = write_docx if kind == "docx" else write_pdf
    document = writer(seed_text("000"), tmp_path / f"plan-2020.{kind}")

    text_import, document_import = imported(run("import", str(seed_path("000")), str(document), "--json"))

    assert document_import["layout"] == "pssp_list"
    assert (document_import["plan_id"], document_import["created"]) == (text_import["plan_id"], False)
    assert document_import["unplaced"] == []


# --- duplicates and versions --------------------------------------------------------------


def test_the_same_seed_twice_is_not_duplicated_and_replace_makes_version_two(run: Run) -> None:
    seed = str(seed_path("001"))

    [first] = imported(run("import", seed, "--json"))
    again = run("import", seed)
    [replaced] = imported(run("import", seed, "--replace", "--json"))

    assert first["version"] == 1
    assert again.returncode == 0
    assert f"already imported as plan {first['plan_id']}" in again.stdout
    assert replaced["version"] == 2
    assert replaced["message"] == f"stored as version 2 of plan {first['plan_id']}"
    assert len(plan_lines(run)) == 2


def test_json_output_gives_the_plan_id_and_the_counts(run: Run) -> None:
    [summary] = imported(run("import", str(seed_path("003")), "--json"))

    assert isinstance(summary["plan_id"], int)
    assert summary["layout"] == "css_tabs"
    counts = summary["counts"]
    assert counts["strategic_objectives"] == 8
    assert counts["operational_objectives"] == 10
    assert counts["indicators"] == 13


def test_all_five_seeds_import_in_one_command(run: Run) -> None:
    paths = [str(seed_path(prefix)) for prefix in SEEDS]

    result = run("import", *paths, "--json")

    summaries = imported(result)
    assert [s["layout"] for s in summaries] == ["pssp_list", "pssp_table", "css_wrapped", "css_tabs", "pgsp"]
    assert all(s["created"] and s["unplaced"] == [] for s in summaries)
    assert len({s["plan_id"] for s in summaries}) == 5
    assert len(plan_lines(run)) == 5


# --- plans in layouts no specialised parser knows, and mappings -----------------------------

TEMPLATE = (
    "Plan stratégique de sécurité et de prévention 2020-2025\n"
    "Commune de Forest\n"
    "Cambriolage\n"
    "Objectif stratégique : Réduire les cambriolages\n"
    "Actiepunt : Sensibiliser les habitants\n"
    "Indicateurs :\n"
    "- Nombre de séances ≥ 10/an\n"
)


def test_a_plan_in_an_unknown_layout_is_imported_with_the_generic_recogniser(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "forest.txt"
    path.write_text(TEMPLATE, encoding="utf-8")

    [summary] = imported(run("import", "--json", str(path)))

    assert summary["layout"] == "generic"
    assert summary["counts"]["strategic_objectives"] == 1
    assert [line["text"] for line in summary["unplaced"]] == ["Actiepunt : Sensibiliser les habitants"]


def test_a_mapping_names_a_template_label_and_save_mapping_keeps_it_for_the_next_document(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "forest.txt"
    path.write_text(TEMPLATE, encoding="utf-8")
    mapping = tmp_path / "template.json"
    mapping.write_text('{"labels": {"Actiepunt": "operational_objective"}}', encoding="utf-8")

    [summary] = imported(
        run(
            "import",
            "--json",
            "--strict",
            "--mapping",
            str(mapping),
            "--save-mapping",
            "kept.json",
            str(path),
        )
    )

    assert summary["counts"]["operational_objectives"] == 1 and summary["unplaced"] == []
    kept = json.loads((tmp_path / "kept.json").read_text(encoding="utf-8"))
    assert kept["labels"] == {"Actiepunt": "operational_objective"}


def test_a_mapping_with_an_unknown_role_is_a_one_line_error_naming_the_field(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "forest.txt"
    path.write_text(TEMPLATE, encoding="utf-8")
    mapping = tmp_path / "template.json"
    mapping.write_text('{"labels": {"Actiepunt": "action"}}', encoding="utf-8")

    result = run("import", "--mapping", str(mapping), str(path))

    assert result.returncode == 2
    assert result.stderr.startswith("balise: error: template.json: labels.Actiepunt: 'action' is not a role")
    assert len(result.stderr.strip().splitlines()) == 1


def test_strict_refuses_a_plan_with_unplaced_lines(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "forest.txt"
    path.write_text(TEMPLATE, encoding="utf-8")

    result = run("import", "--strict", str(path))

    assert result.returncode == 2
    assert "forest.txt: 1 unplaced line(s) with --strict" in result.stderr


def test_a_refusal_on_the_command_line_speaks_the_language_of_the_shell(tmp_path: Path) -> None:
    database = copy_of_migrated_sqlite(tmp_path)
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")

    result = subprocess.run(
        [str(BALISE), "import", str(empty)],
        env={**_env(database), "LANGUAGE": "nl_BE:nl", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 2
    assert result.stderr.strip().endswith("leeg.txt: het bestand is leeg")
