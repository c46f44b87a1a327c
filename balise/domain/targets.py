"""Typed indicator targets: ``Target`` and ``parse_target``.

A target is written at the end of an indicator text in many ways ("≥ 50 /an", ">/=à 12 par an",
"$\\geq 10\\%$", "Oui/Non", "≥ 7 h/jour", "d'ici fin 2020", "≥ 20/jaar", "Ja/Nee", "entre 20 et 40
jours par an", "tussen 20 en 40"…). It is
stored typed, next to the raw text as written, and never re-parsed at read time.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class TargetKind(StrEnum):
    BOOLEAN = "boolean"
    COUNT = "count"
    PERCENT = "percent"
    HOURS = "hours"
    DEADLINE = "deadline"
    RANGE = "range"  # between ``value`` and ``upper``, both included


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


COMPARATORS = (">=", ">", "=", "<=", "<")


@dataclass(frozen=True)
class Target:
    """A structured target.

    ``comparator`` is ``None`` when the text states a plain value ("2x/an", "30%"): progress
    treats it as "reach at least the value". ``deadline`` is set for the deadline kind only;
    ``upper`` for a range only ("entre 20 et 40 jours par an": value 20, upper 40, per year).
    """

    kind: TargetKind
    raw: str
    comparator: str | None = None
    value: Decimal | None = None
    per: Period | None = None
    deadline: date | None = None
    upper: Decimal | None = None


# --- parsing -------------------------------------------------------------------------------------
# Three independent scanners (numeric, boolean, deadline) collect candidates over the whole text;
# the candidate that ends last wins, because indicator texts put the target at the end
# ("Organisation de 2 réunions : ≥ 4/an"). Every pattern is compiled once at import.

_LETTER = r"[^\W\d_]"  # a letter in any script, for word-boundary look-arounds

# Order matters: the long and garbled forms of ≥ / ≤ must be tried before the bare > / < / =.
_GE = (
    r"≥|⩾|>\s*(?:/\s*)?=|>\s*!\s*/(?:\s*=)?|=>|\\geqslant|\\geq?(?![a-z])"
    r"|(?<!\w)(?:au\s+moins|minimum|min\.|minstens|ten\s+minste|minimaal)"
)
_LE = (
    r"≤|⩽|<\s*(?:/\s*)?=|\\leqslant|\\leq?(?![a-z])"
    r"|(?<!\w)(?:au\s+plus|maximum|max\.|maximaal|hoogstens)"
)
# Bare > and < are refused next to word characters or quotes so that markup ("<sup>12</sup>") and
# arrows ("->") are not read as comparators.
_GT = r"(?<![\w\"'=-])>(?!>)|\\gt(?![a-z])"
_LT = r"(?<![\w\"'<])<(?![/a-z!<])|\\lt(?![a-z])"
_EQ = r"(?<![\w<>/!=?&])=(?!=)"

_VALUE = (
    # "1.000" / "1 000" thousands (a leading zero means a decimal, "0.125"), else "7,5" / "7.5" / "30".
    r"(?P<value>[1-9]\d{0,2}(?:[.\u00a0\u202f ]\d{3})+(?![\d,.])|\d+(?:[.,]\d+)?)"
)
_PERCENT = rf"(?P<pct>\s*(?:\\?%|pour\s?cent(?!{_LETTER})|procent(?!{_LETTER})))"
_HOURS = rf"(?P<hours>\s*(?:h(?P<minutes>[0-5]\d)(?!\d)|heures?|hrs?|h|uren|uur|u)(?!{_LETTER}))"
_TIMES = rf"(?P<times>\s*(?:\\times|×|x|fois|keer)(?!{_LETTER}))"


def _period_pattern(period: str = "", unit: str = "") -> str:
    """Pattern of a period ("/an", " par an", "/\\text{an}"); the arguments name its groups."""
    return (
        rf"({period}(?:\s*/\s*|\s+(?:par|per|pro|chaque|elke|iedere)\s+)(?:\\text\s*\{{\s*)?"
        rf"({unit}ann[ée]es?|ans?|jaar|years?|mois|maand(?:en)?|months?|semaines?|sem\.|weeks?"
        rf"|jours?|j|dag(?:en)?|days?|jahre?|monate?|wochen?|tage?)(?:\s*\}})?(?!{_LETTER}))"
    )


_PERIOD = _period_pattern("?P<period>", "?P<unit>")
# A noun between the value and the period ("≥ 7 évènements/an"), only taken when a period follows.
_NOUN = rf"(?P<noun>\s*{_LETTER}+(?={_period_pattern('?:', '?:')}))"
_TAIL = rf"(?:{_PERCENT}|{_HOURS}|{_TIMES}|{_NOUN})?{_PERIOD}?"

_WITH_COMPARATOR = re.compile(
    rf"(?:\$\s*)?(?:(?P<ge>{_GE})|(?P<le>{_LE})|(?P<gt>{_GT})|(?P<lt>{_LT})|(?P<eq>{_EQ}))"
    rf"\s*(?:à\s*)?(?:\$\s*)?{_VALUE}{_TAIL}(?:\s*\$)?",
    re.IGNORECASE,
)
# Without a comparator a number is a target only when it carries a %, or a period ("2x/an",
# "10/an", "7h/jour"): "dans les 6 mois", "2023" or "2 semaines" are not targets.
_PLAIN = re.compile(rf"(?<![\w.,]){_VALUE}(?:{_PERCENT}|{_HOURS}|{_TIMES})?{_PERIOD}?", re.IGNORECASE)

# "entre 20 et 40 jours par an", "tussen 20 en 40 per jaar", "between 20 and 40", "zwischen 20 und 40".
_RANGE = re.compile(
    rf"(?<!{_LETTER})(?:entre|tussen|between|zwischen)\s+(?P<low>\d+(?:[.,]\d+)?)\s*(?:{_LETTER}+\s+)?"
    rf"(?:et|en|and|und)\s+(?P<value>\d+(?:[.,]\d+)?)(?:{_HOURS}|{_NOUN})?{_PERIOD}?",
    re.IGNORECASE,
)

_BOOLEAN = re.compile(
    rf"(?<!{_LETTER})(?:oui\s*/\s*non|ja\s*/\s*nee|yes\s*/\s*no)(?!{_LETTER})", re.IGNORECASE
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "januari", "january", "jan"),
            ("février", "fevrier", "februari", "february", "feb", "fév"),
            ("mars", "maart", "march", "mar"),
            ("avril", "april", "apr", "avr"),
            ("mai", "mei", "may"),
            ("juin", "juni", "june", "jun"),
            ("juillet", "juli", "july", "jul"),
            ("août", "aout", "augustus", "august", "aug"),
            ("septembre", "september", "sep", "sept"),
            ("octobre", "oktober", "october", "oct", "okt"),
            ("novembre", "november", "nov"),
            ("décembre", "decembre", "december", "dec", "déc"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DEADLINE = re.compile(
    r"(?<!\w)(?:d['’]\s*ici|tegen|uiterlijk|au\s+plus\s+tard|(?P<weak>voor|avant|pour))\s+"
    r"(?:(?:le|la|de|het)\s+)?(?:(?P<end>fin|eind|einde)\s+(?:(?:de|van)\s+)?)?"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?!\d)"
    rf"|(?P<d2>\d{{1,2}})(?:er)?\s+(?P<mn>{_MONTH_NAME})\.?\s+(?P<y2>\d{{4}})(?!\d)"
    rf"|(?P<mn3>{_MONTH_NAME})\.?\s+(?P<y3>\d{{4}})(?!\d)"
    r"|(?P<y4>(?:19|20)\d{2})(?!\d))",
    re.IGNORECASE,
)

_UNITS = {
    "an": Period.YEAR, "ans": Period.YEAR, "annee": Period.YEAR, "jaar": Period.YEAR, "year": Period.YEAR,
    "mois": Period.MONTH, "maand": Period.MONTH, "month": Period.MONTH,
    "semaine": Period.WEEK, "sem.": Period.WEEK, "week": Period.WEEK,
    "jour": Period.DAY, "j": Period.DAY, "dag": Period.DAY, "day": Period.DAY,
    "jahr": Period.YEAR, "jahre": Period.YEAR, "monat": Period.MONTH, "monate": Period.MONTH,
    "woche": Period.WEEK, "wochen": Period.WEEK, "tag": Period.DAY, "tage": Period.DAY,
}  # fmt: skip
# "Nombre d'heures de travail de rue : >/= 10/semaine": the hours are named by the indicator,
# not by the target, so the noun before the target decides the kind.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[.\u00a0\u202f ]\d{3})+")
_NOT_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_HOURS_NOUN = re.compile(r"nombre\s+d['’]\s*heures|(?<!\w)heures\s+de\s|aantal\s+(?:uren|uur)", re.IGNORECASE)


def parse_target(text: str) -> Target | None:
    """The target written in an indicator text (or a bare target fragment), else ``None``.

    ``"Nombre de prises en charge : >/= 10/an"`` gives a count ``>=`` 10 per year with
    ``raw=">/= 10/an"``; ``"X nombre de réunions"`` (a placeholder) gives ``None``.
    """
    if not isinstance(text, str) or not text:
        return None
    best: tuple[int, int, Target] | None = None
    # Every target but a yes/no one has a number: most indicator texts have none.
    numbers = _DIGIT.search(text) is not None
    hours_noun = _HOURS_NOUN.search(text) if numbers else None
    hours_from = hours_noun.end() if hours_noun else len(text) + 1
    for start, end, target in _candidates(text, hours_from, numbers):
        # Last end wins; on a tie the longer (earlier-starting) match, e.g. "≥ 50 /an" over "50 /an".
        if best is None or end > best[1] or (end == best[1] and start < best[0]):
            best = (start, end, target)
    return best[2] if best else None


def _candidates(text: str, hours_from: int, numbers: bool) -> Iterator[tuple[int, int, Target]]:
    """Every target-like span of ``text``; counts after ``hours_from`` are read as hours. Without
    ``numbers`` (no digit in ``text``) only a yes/no target can be there. (A yes/no span never
    has the bounds of another kind's, so the order of the kinds breaks no tie.)"""
    for match in _BOOLEAN.finditer(text):
        yield match.start(), match.end(), Target(kind=TargetKind.BOOLEAN, raw=match.group())
    if not numbers:
        return
    for match in _WITH_COMPARATOR.finditer(text):
        yield match.start(), match.end(), _numeric(match, hours_from, _comparator(match))
    for match in _PLAIN.finditer(text):
        if match["pct"] or match["period"]:
            yield match.start(), match.end(), _numeric(match, hours_from, None)
    for match in _RANGE.finditer(text):
        low, high = _decimal(match["low"]), _decimal(match["value"])
        if low <= high:
            per = _period(match["unit"]) if match["unit"] else None
            yield (
                match.start(),
                match.end(),
                Target(TargetKind.RANGE, match.group(), value=low, per=per, upper=high),
            )
    for match in _DEADLINE.finditer(text):
        deadline = _deadline(match)
        if deadline:
            yield match.start(), match.end(), Target(TargetKind.DEADLINE, match.group(), deadline=deadline)


def _comparator(match: re.Match[str]) -> str:
    for group, symbol in (("ge", ">="), ("le", "<="), ("gt", ">"), ("lt", "<")):
        if match[group]:
            return symbol
    return "="


def _numeric(match: re.Match[str], hours_from: int, comparator: str | None) -> Target:
    value = _decimal(match["value"])
    if match["pct"]:
        kind = TargetKind.PERCENT
    elif match["hours"] or match.start() >= hours_from:
        kind = TargetKind.HOURS
        if match["minutes"]:
            value += (Decimal(match["minutes"]) / 60).quantize(Decimal("0.01"))
    else:
        kind = TargetKind.COUNT
    per = _period(match["unit"]) if match["unit"] else None
    return Target(kind=kind, raw=match.group(), comparator=comparator, value=value, per=per)


def _decimal(written: str) -> Decimal:
    if _THOUSANDS.fullmatch(written):
        return Decimal(_NOT_DIGIT.sub("", written))
    return Decimal(written.replace(",", "."))


def _period(unit: str) -> Period | None:
    key = unit.lower().replace("é", "e")
    for stem in (key, key.rstrip("s"), key.removesuffix("en"), key.removesuffix("es")):
        if stem in _UNITS:
            return _UNITS[stem]
    return None


def _deadline(match: re.Match[str]) -> date | None:
    try:
        if match["d"]:
            year = int(match["y"])
            return date(year + 2000 if year < 100 else year, int(match["m"]), int(match["d"]))
        if match["d2"]:
            return date(int(match["y2"]), _MONTHS[match["mn"].lower()], int(match["d2"]))
        if match["mn3"]:
            year, month = int(match["y3"]), _MONTHS[match["mn3"].lower()]
            return date(year, month, calendar.monthrange(year, month)[1])
        if match["weak"] and not match["end"]:
            return None  # "pour 2021" / "voor 2021" name a year, not a deadline; "pour fin 2021" does
        return date(int(match["y4"]), 12, 31)
    except (ValueError, KeyError):  # "31/02/2022" and the like: no real date, no target
        return None


# --- a target typed by hand (the structured editor) ----------------------------------------------

# What a kind of target needs besides its kind: the fields that must be given, the ones it ignores.
NEEDS: dict[TargetKind, tuple[str, ...]] = {
    TargetKind.BOOLEAN: (),
    TargetKind.COUNT: ("value",),
    TargetKind.PERCENT: ("value",),
    TargetKind.HOURS: ("value",),
    TargetKind.DEADLINE: ("deadline",),
    TargetKind.RANGE: ("value", "upper"),
}


def target_problems(target: Target) -> list[tuple[str, str]]:
    """What is wrong with a target typed field by field, as (field, reason) pairs; the reasons are
    codes for the caller to put in words: ``required``, ``negative``, ``over_100``,
    ``below_lower``, ``no_comparator`` (a range or a yes/no has none)."""
    problems = []
    for name in NEEDS[target.kind]:
        if getattr(target, name) is None:
            problems.append((name, "required"))
    for name in ("value", "upper"):
        number = getattr(target, name)
        if number is not None and number < 0:
            problems.append((name, "negative"))
    if target.kind is TargetKind.PERCENT and target.value is not None and target.value > 100:
        problems.append(("value", "over_100"))
    if target.kind is TargetKind.RANGE and target.value is not None and target.upper is not None:
        if target.upper < target.value:
            problems.append(("upper", "below_lower"))
    if target.comparator is not None and target.kind in (TargetKind.RANGE, TargetKind.BOOLEAN):
        problems.append(("comparator", "no_comparator"))
    return problems


def typed_target(
    kind: TargetKind,
    raw: str,
    *,
    comparator: str | None = None,
    value: Decimal | None = None,
    upper: Decimal | None = None,
    per: Period | None = None,
    deadline: date | None = None,
) -> Target:
    """A target from the editor's fields, those its kind does not use dropped (a yes/no keeps no
    value, only a deadline keeps its date, only a range its upper bound)."""
    numeric = kind in (TargetKind.COUNT, TargetKind.PERCENT, TargetKind.HOURS, TargetKind.RANGE)
    return Target(
        kind=kind,
        raw=raw,
        comparator=comparator if numeric and kind is not TargetKind.RANGE else None,
        value=value if numeric else None,
        per=per if kind is not TargetKind.DEADLINE else None,
        deadline=deadline if kind is TargetKind.DEADLINE else None,
        upper=upper if kind is TargetKind.RANGE else None,
    )
