"""Text pasted from a PDF viewer, with every artefact such a copy carries.

The plan is laid out as a prose PSSP prints (numbered headings, then "Objectifs opérationnels",
"Résultats" and "Indicateurs" lists), wrapped at the printed line width, and copied the way a
viewer copies it: CRLF, one line per printed line, no blank lines, words hyphenated at line ends,
the running header and "Page 3 sur 8" wherever a page broke (in the middle of a list too),
ligature characters (ﬁ ﬂ ﬀ ﬃ) and bullets of every kind ("•", "\\uf0b7" followed by a space
or a tab, "o", "-"). Real compounds ("vidéo-surveillance", "Saint-Gilles") are never split at
their hyphen, so rejoining broken words must keep them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pyphen

from balise.domain.outline import PlanOutline
from tests.corpus.spec import inline_text

WORDS = {
    "fr": {
        "so": "Objectif stratégique",
        "oo": "Objectifs opérationnels",
        "results": "Résultats",
        "indicators": "Indicateurs",
        "page": "Page {n} sur {total}",
        "municipality": "Commune de",
        "general": "Objectif général :",
        "service": "Service porteur :",
    },
    "nl": {
        "so": "Strategische doelstelling",
        "oo": "Operationele doelstellingen",
        "results": "Resultaten",
        "indicators": "Indicatoren",
        "page": "Pagina {n} van {total}",
        "municipality": "Gemeente",
        "general": "Algemene doelstelling:",
        "service": "Dienst:",
    },
}
BULLETS = ("\u2022 ", "\uf0b7 ", "\uf0b7\t", "o ", "- ")
LIGATURES = (("ffi", "\ufb03"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
_LIGATURE = re.compile("ffi|ff|fi|fl")


@dataclass(frozen=True)
class PastedText:
    text: str
    pages: int
    hyphenated: int  # words broken at a line end
    ligatures: int


def _logical_lines(outline: PlanOutline, rng: random.Random) -> list[tuple[str, str]]:
    """(indent/bullet, text) per logical line, before wrapping."""
    words = WORDS[outline.language]
    lines: list[tuple[str, str]] = [
        ("", outline.title),
        ("", f"{words['municipality']} {outline.municipality}"),
    ]
    for m, module in enumerate(outline.modules, 1):
        lines.append(("", f"{m}. {module.title}"))
        lines += [("", f"{words['general']} {g}") for g in module.general_objectives]
        for s, so in enumerate(module.strategic_objectives, 1):
            lines.append(("", f"{m}.{s}. {words['so']} : {so.title}"))
            if so.service:
                lines.append(("", f"{words['service']} {so.service}"))
            for oo in so.operational_objectives:
                lines.append(("", words["oo"]))
                lines.append((rng.choice(BULLETS[:3]), oo.title))
                lines.append(("", words["results"]))
                bullet = rng.choice(BULLETS)
                lines += [(bullet, r) for r in oo.results]
                lines.append(("", words["indicators"]))
                bullet = rng.choice(BULLETS)
                lines += [(bullet, inline_text(i)) for i in oo.indicators]
    return lines


def _wrap(text: str, width: int, first: str, hyphenator: pyphen.Pyphen) -> tuple[list[str], int]:
    """Greedy wrapping; a word that does not fit is hyphenated when the dictionary allows it.
    Words holding a hyphen are compounds and move whole to the next line."""
    out: list[str] = []
    broken = 0
    line, started = first, False
    for word in text.split(" "):
        candidate = f"{line} {word}" if started else f"{line}{word}"
        if len(candidate) <= width or not started:
            line, started = candidate, True
            continue
        room = width - len(line) - 2
        split = None
        if "-" not in word and len(word) >= 7 and word.isalpha():
            for head, tail in hyphenator.iterate(word):
                if len(head) + 1 <= room and len(head) >= 3 and len(tail) >= 3:
                    split = (head, tail)
                    break
        if split:
            out.append(f"{line} {split[0]}-")
            broken += 1
            line = split[1]
        else:
            out.append(line)
            line = word
    out.append(line)
    return out, broken


def pasted_text(outline: PlanOutline, seed: int, width: int = 66, lines_per_page: int = 30) -> PastedText:
    rng = random.Random(seed)
    hyphenator = pyphen.Pyphen(lang="fr_FR" if outline.language == "fr" else "nl_NL")
    printed: list[str] = []
    hyphenated = 0
    for bullet, text in _logical_lines(outline, rng):
        wrapped, broken = _wrap(text, width, bullet, hyphenator)
        printed += wrapped
        hyphenated += broken
    body_lines = lines_per_page - 2
    total = -(-len(printed) // body_lines)
    header = f"{outline.title} – {outline.municipality}"
    words = WORDS[outline.language]
    out: list[str] = []
    for n in range(total):
        if n:
            out.append(header)
        out += printed[n * body_lines : (n + 1) * body_lines]
        out.append(words["page"].format(n=n + 1, total=total))
    text = "\r\n".join(out) + "\r\n"
    ligatures = 0

    def ligature(match: re.Match[str]) -> str:
        nonlocal ligatures
        if not ligatures or rng.random() < 0.7:  # the first one always: a copy shows at least one
            ligatures += 1
            return dict(LIGATURES)[match.group()]
        return match.group()

    text = _LIGATURE.sub(ligature, text)
    return PastedText(text, total, hyphenated, ligatures)


def write_pasted(outline: PlanOutline, path: Path, seed: int) -> PastedText:
    pasted = pasted_text(outline, seed)
    path.write_bytes(pasted.text.encode("utf-8"))
    return pasted
