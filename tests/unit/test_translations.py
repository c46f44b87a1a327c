"""The French, Dutch and German catalogues are complete, current and compiled.

The strings are extracted here the way `makemessages` does (templates go through Django's own
`templatize`, then the same gettext keywords are read from the Python tokens), so a string added
to a template or a model without running `make messages` and translating it fails this test.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "balise", ROOT / "config"]
LANGUAGES = ("fr", "nl", "de")
TEMPLATE_SUFFIXES = {".html", ".txt"}

# gettext keyword → positions of (context, singular, plural) among the call's arguments, as in
# `makemessages` (its --keyword options plus xgettext's defaults for Python).
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdifg]|\{\w*\}")


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def id(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries are dropped; the header is kept)."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def close() -> None:
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            close()
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _space, value = line.partition(" ")
            if keyword == "msgctxt" and target is not None:
                close()
            target = keyword
            _append(entry, target, ast.literal_eval(value), start=True)
    close()
    return entries


def _append(entry: Entry, target: str | None, text: str, *, start: bool = False) -> None:
    if target == "msgctxt":
        entry.context = (entry.context or "") + text
    elif target == "msgid":
        entry.msgid += text
    elif target == "msgid_plural":
        entry.plural = (entry.plural or "") + text
    elif target is not None and target.startswith("msgstr"):
        index = int(target[7:-1]) if "[" in target else 0
        entry.msgstr[index] = ("" if start else entry.msgstr.get(index, "")) + text


def extract(source: str) -> set[tuple[str | None, str, str | None]]:
    """(context, msgid, plural) of every gettext call in Python source."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)
    ]
    found = set()
    for n, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in KEYWORDS or tokens[n + 1].string != "(":
            continue
        if n and tokens[n - 1].string in (".", "def"):  # a method or a definition, not a call
            continue
        arguments = _literal_arguments(tokens, n + 2)
        context, singular, plural = KEYWORDS[token.string]
        if len(arguments) <= singular or arguments[singular] is None:
            continue  # a call on a variable (`gettext(msgid)`): nothing to extract, as for xgettext
        try:
            found.add(
                (
                    None if context is None else arguments[context],
                    arguments[singular],
                    None if plural is None else arguments[plural],
                )
            )
        except (IndexError, TypeError):
            continue  # a call on a variable: nothing to extract, as for xgettext
    return found


def _literal_arguments(tokens: list[tokenize.TokenInfo], start: int) -> list[str | None]:
    """The call's arguments: the string (adjacent literals joined) or None for anything else."""
    arguments: list[str | None] = []
    current: str | None = None
    literal_only, depth = True, 0
    for token in tokens[start:]:
        if token.string in ("(", "[", "{"):
            depth += 1
        elif token.string in (")", "]", "}") and depth:
            depth -= 1
        elif depth == 0 and token.string in (")", ","):
            arguments.append(current if literal_only else None)
            if token.string == ")":
                return arguments
            current, literal_only = None, True
            continue
        is_f_string = token.string.lstrip("rbuRBU").lower().startswith("f")
        if depth == 0 and token.type == tokenize.STRING and not is_f_string:
            current = (current or "") + ast.literal_eval(token.string)
        else:
            literal_only = False
    return arguments


def source_strings() -> set[tuple[str | None, str, str | None]]:
    from django.utils.translation.template import templatize

    found = set()
    for folder in SOURCES:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                found |= extract(path.read_text(encoding="utf-8"))
            elif path.suffix in TEMPLATE_SUFFIXES:
                python = templatize(path.read_text(encoding="utf-8"), origin=str(path))
                # Its lines are indented like the template, which Python's tokenizer refuses; the
                # messages themselves are single-line literals, so dropping indentation is safe.
                found |= extract("\n".join(line.lstrip() for line in python.splitlines()))
    return found


@pytest.fixture(scope="module")
def strings() -> set[tuple[str | None, str, str | None]]:
    return source_strings()


def _catalogue(language: str) -> dict[tuple[str | None, str], Entry]:
    entries = read_po(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    return {entry.id: entry for entry in entries}


def test_the_extraction_finds_the_strings_of_models_templates_and_settings(strings):
    ids = {(context, msgid) for context, msgid, _plural in strings}
    assert (None, "strategic objective") in ids  # a model's verbose name
    assert (None, "History of %(title)s") in ids  # a blocktranslate with a variable
    assert (None, "%(counter)s change") in ids  # a plural
    assert (None, "Dutch") in ids  # the settings' LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_interface_is_in_the_catalogue(strings, language):
    catalogue = _catalogue(language)
    missing = sorted(msgid for context, msgid, _plural in strings if (context, msgid) not in catalogue)
    assert not missing, f"run `make messages` and translate ({language}): {missing[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_no_string_the_interface_no_longer_uses(strings, language):
    ids = {(context, msgid) for context, msgid, _plural in strings} | {(None, "")}
    stale = sorted(entry.msgid for key, entry in _catalogue(language).items() if key not in ids)
    assert not stale, f"run `make messages` ({language}): {stale[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    untranslated, fuzzy = [], []
    for entry in _catalogue(language).values():
        if "fuzzy" in entry.flags:
            fuzzy.append(entry.msgid or "(header)")
        expected = 2 if entry.plural else 1
        if entry.msgid and (len(entry.msgstr) < expected or not all(entry.msgstr.values())):
            untranslated.append(entry.msgid)
    assert not fuzzy, f"fuzzy entries ({language}): {fuzzy[:20]}"
    assert not untranslated, f"untranslated ({language}): {untranslated[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language):
    wrong = []
    for entry in _catalogue(language).values():
        for index, translation in entry.msgstr.items():
            source = entry.plural if index and entry.plural else entry.msgid
            if translation and set(PLACEHOLDER.findall(translation)) != set(PLACEHOLDER.findall(source)):
                wrong.append((entry.msgid, translation))
    assert not wrong, f"placeholders differ ({language}): {wrong[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language):
    """The committed .mo is what `compilemessages` makes of the .po (same messages, same texts)."""
    compiled_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"
    assert compiled_path.exists(), "run `make messages` to compile the catalogues"
    with compiled_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    outdated = []
    for entry in _catalogue(language).values():
        if not entry.msgid or not all(entry.msgstr.values()):
            continue  # the header, or untranslated (another test reports it)
        # (1 is singular and 5 plural in all three languages.)
        if entry.plural and entry.context:
            got = [compiled.npgettext(entry.context, entry.msgid, entry.plural, n) for n in (1, 5)]
        elif entry.plural:
            got = [compiled.ngettext(entry.msgid, entry.plural, n) for n in (1, 5)]
        elif entry.context:
            got = [compiled.pgettext(entry.context, entry.msgid)]
        else:
            got = [compiled.gettext(entry.msgid)]
        wanted = [entry.msgstr.get(0), entry.msgstr.get(1)] if entry.plural else [entry.msgstr.get(0)]
        if got != wanted:
            outdated.append(entry.msgid)
    assert not outdated, f"run `make messages` to recompile ({language}): {outdated[:10]}"
