"""The French and Dutch words plans use for their parts: the one place they are kept.

Each role lists the labels that announce it, written folded (lower case, no accents) as small
regular expressions; ``label_of`` finds one at the start of a text and returns the role with
the value after it: ``"Strategische doelstelling 2: Inbraken verminderen"`` →
``(Role.STRATEGIC_OBJECTIVE, "Inbraken verminderen")``. Phenomena are recognised by their
catalogue names in both languages (``balise.reference.data``) and the variants listed here.
"""

from __future__ import annotations

import re
from enum import StrEnum

from balise.imports.document.language import fold, word_counts
from balise.reference.data import COORDINATION_OBJECTIVES, PHENOMENA, PHENOMENON_OBJECTIVES


class Role(StrEnum):
    MODULE = "module"
    GENERAL_OBJECTIVE = "general_objective"
    STRATEGIC_OBJECTIVE = "strategic_objective"
    OPERATIONAL_OBJECTIVE = "operational_objective"
    RESULT = "result"
    INDICATOR = "indicator"
    TARGET = "target"
    SERVICE = "service"
    DOMAIN = "domain"
    # Zonal security plans
    APPROACH = "approach"
    PILOT = "pilot"
    REFERENCE_VALUE = "reference_value"
    FURNITURE = "furniture"
    IGNORE = "ignore"


HIERARCHY = (Role.MODULE, Role.STRATEGIC_OBJECTIVE, Role.OPERATIONAL_OBJECTIVE)
# Order of the parts inside one table row: parents before children, a target after its indicator.
RANK = {
    role: n
    for n, role in enumerate(
        (
            Role.MODULE,
            Role.GENERAL_OBJECTIVE,
            Role.STRATEGIC_OBJECTIVE,
            Role.DOMAIN,
            Role.SERVICE,
            Role.OPERATIONAL_OBJECTIVE,
            Role.APPROACH,
            Role.PILOT,
            Role.RESULT,
            Role.INDICATOR,
            Role.REFERENCE_VALUE,
            Role.TARGET,
            Role.IGNORE,
            Role.FURNITURE,
        )
    )
}

LABELS: dict[Role, tuple[str, ...]] = {
    Role.MODULE: (
        r"phenomenes?",
        r"fenomee?n(?:en)?",
        r"modules?",
        r"priorites?(?: zonales?)?",
        r"prioriteit(?:en)?",
        r"themes? transversa(?:l|ux)",
        r"transversaal thema",
        r"secteurs? d'activites?",
        r"thematiques?",
    ),
    Role.GENERAL_OBJECTIVE: (r"objectifs? genera(?:l|ux)", r"algemene doelstelling(?:en)?"),
    Role.STRATEGIC_OBJECTIVE: (
        r"objectifs? strategiques?",
        r"strategische doelstelling(?:en)?",
        r"strategisch doel",
        r"os",
        r"sd",
    ),
    Role.OPERATIONAL_OBJECTIVE: (
        r"objectifs? operationnels?",
        r"operationele doelstelling(?:en)?",
        r"operationeel doel",
        r"actions?(?: a mener)?",
        r"acties?",
        r"oo",
        r"od",
    ),
    Role.RESULT: (
        r"resultats? (?:attendus? )?et indicateurs?",
        r"resulta(?:a)?t(?:en)? en indicator(?:en)?",
        r"resultats? attendus?",
        r"resultats? escomptes?",
        r"resultats?",
        r"verwachte? resulta(?:a)?t(?:en)?",
        r"resulta(?:a)?t(?:\(en\)|en)?",
        r"realisaties?",
    ),
    Role.INDICATOR: (
        r"indicateurs?(?: d'effet| de resultats?| de realisation| de processus| d'impact| de suivi)?",
        r"(?:effect|resultaats?|proces)?indicator(?:en|s)?",
        r"kpi",
    ),
    Role.TARGET: (
        r"valeurs? cibles?",
        r"cibles?(?: \d{4})?",
        r"normes?",
        r"streefwaarden?(?: \d{4})?",
        r"doelwaarden?",
        r"targets?",
        r"norm(?:en)?",
    ),
    Role.REFERENCE_VALUE: (
        r"valeurs? de reference",
        r"situation de depart",
        r"referentiewaarden?",
        r"nulmeting",
        r"baseline",
    ),
    Role.PILOT: (
        r"pilotes?",
        r"trekkers?",
        r"porteurs?(?: du projet)?",
        r"verantwoordelijken?",
        r"responsables?",
    ),
    Role.APPROACH: (r"approches?", r"aanpak", r"methodes?", r"werkwijze"),
    Role.SERVICE: (r"services?(?: porteurs?)?", r"dispositifs?", r"dienst(?:en)?", r"uitvoerende dienst"),
    Role.DOMAIN: (r"domaines?", r"domein(?:en)?"),
    # Columns and labels a plan carries that Balise does not model: read, listed, never placed.
    Role.IGNORE: (
        r"analyse(?: spf ibz)?",
        r"evaluation",
        r"evaluatie",
        r"code couleur",
        r"motivation",
        r"commentaires?",
        r"opmerking(?:en)?",
        r"partenaires?",
        r"partners?",
        r"budget",
        r"calendrier",
        r"echeances?",
        r"timing",
        r"planning",
        r"termijn",
        r"moyens?",
        r"middelen",
    ),
}

# Sub-headers under a merged header cell ("Indicateur" over "Intitulé | Cible"): the column keeps
# the role of the header above it.
SUBHEADERS = re.compile(
    r"^(?:intitules?|libelles?|descriptions?|omschrijving(?:en)?|titres?|naam|formulation|texte|tekst)\s*:?$"
)

_NUMBER = r"(?:\s*(?:n[°o]\.?\s*)?(?:\d+(?:\.\d+)*\.?|[ivx]+\b\.?|[a-z]\b[.)]?))?"
# "Résultat(s) attendu(s)": every optional plural "s?" may also be written "(s)".
_PLURAL = r"(?:s|\(s\))?"
_LABEL = {
    role: re.compile(
        rf"^(?:{'|'.join(w.replace('s?', _PLURAL) for w in words)})(?![\w']){_NUMBER}"
        r"\s*(?:[:.\-–—)]\s*|$|\s+(?=\S))"
    )
    for role, words in LABELS.items()
}
# Short acronyms only count when written in capitals ("OS 1", not "os").
_ACRONYMS = {"os", "sd", "oo", "od", "kpi"}

COORDINATION = re.compile(r"^(?:module\s*\d*\s*[:.-]?\s*)?(?:coordination|coordinatie)\b")
TITLE_KIND = (
    ("pzs", re.compile(r"plan zonal de securite|zonaal veiligheidsplan|politiezone|zone de police")),
    ("css", re.compile(r"contrat de securite|veiligheidscontract")),
    ("pgsp", re.compile(r"plan global de securite|globaal veiligheids")),
    ("pssp", re.compile(r"plan strategique de securite|strategisch veiligheids|pssp|svpp")),
)

# Variants of the catalogue names met in plans, by phenomenon code.
PHENOMENON_VARIANTS: dict[str, tuple[str, ...]] = {
    "burglary": (
        "cambriolages",
        "cambriolages dans les habitations",
        "vols dans les habitations",
        "inbraken",
        "woninginbraken",
        "woninginbraak",
    ),
    "drug-nuisance": (
        "drogues",
        "assuetudes",
        "drugs",
        "druggerelateerde overlast",
        "nuisances liees aux drogues",
    ),
    "drug-trafficking": ("trafic de stupefiants", "drugshandel"),
    "social-nuisance": ("nuisances", "overlast"),
    "road-safety": ("securite routiere et mobilite", "verkeersveiligheid en mobiliteit", "mobilite"),
    "violent-radicalisation": (
        "radicalisation",
        "radicalisme",
        "radicalisering",
        "polarisation",
        "polarisatie",
    ),
    "intrafamily-violence": ("violences intrafamiliales", "violence intrafamiliale", "intrafamiliaal geweld"),
    "administrative-incivilities": ("incivilites", "overlast gas", "sac"),
}


def label_of(text: str, extra: dict[str, Role] | None = None) -> tuple[Role, str] | None:
    """The role a label at the start of ``text`` announces, and the value after the label."""
    folded = fold(text)
    if extra:
        for label, role in extra.items():
            key = fold(label).strip().rstrip(":").strip()
            if key and folded.startswith(key) and (len(folded) == len(key) or not folded[len(key)].isalnum()):
                return role, text[len(key) :].strip(" :.-–—\t")
    for role, pattern in _LABEL.items():
        match = pattern.match(folded)
        if not match:
            continue
        word = re.match(r"[a-z]+", folded)
        if word and word.group(0) in _ACRONYMS and not text[: len(word.group(0))].isupper():
            continue
        value = text[match.end() :].strip()
        # "Résultats de l'enquête …" is a sentence, not a label: a label is followed by a
        # separator, a number, or nothing at all.
        separated = match.end() == len(folded) or bool(re.search(r"[:.\-–—)\d]\s*$", folded[: match.end()]))
        if value and not separated:
            continue
        return role, value
    return None


def _phenomenon_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for named in PHENOMENA:
        for name in (named.fr, named.nl):
            keys[_key(name)] = named.fr
    for code, variants in PHENOMENON_VARIANTS.items():
        french = next((n.fr for n in PHENOMENA if n.code == code), None)
        if french:
            for variant in variants:
                keys.setdefault(_key(variant), french)
    return keys


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


_PHENOMENA = _phenomenon_keys()
_NUMBERED = re.compile(r"^(?:module|phenomene|fenomeen|priorite|prioriteit)?\s*\d*\s*[:.\-–]?\s*")


def phenomenon_of(text: str) -> str | None:
    """The catalogue's French name when ``text`` names a phenomenon ("Inbraak", "Cambriolages")."""
    key = _key(_NUMBERED.sub("", fold(text), count=1))
    if key in _PHENOMENA:
        return _PHENOMENA[key]
    if key.endswith("s") and key[:-1] in _PHENOMENA:
        return _PHENOMENA[key[:-1]]
    return None


# An unfilled template field: "…", "...", "xxx", "____", "(nom)", "(naam)".
PLACEHOLDER = re.compile(r"^[\s.…_:*?xX-]*$|^\(\s*(?:nom|naam|name|…|\.\.\.)\s*\)$")


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(text.strip()))


def is_subheader(text: str) -> bool:
    return bool(SUBHEADERS.match(fold(text).strip()))


THEME = re.compile(r"^(?:themes? transversa|priorites? transversale|transversa(?:al|le) thema)")


def is_theme(label_and_title: str) -> bool:
    """A zonal plan's transversal theme ("Thème transversal : Police de proximité")."""
    return bool(THEME.match(fold(label_and_title).strip()))


def is_coordination(text: str) -> bool:
    return bool(COORDINATION.match(fold(text).strip()))


def plan_kind(text: str) -> str | None:
    folded = fold(text)
    return next((kind for kind, pattern in TITLE_KIND if pattern.search(folded)), None)


def language(texts: list[str]) -> str:
    dutch, french = word_counts(texts)
    return "nl" if dutch > french else "fr"


_OBJECTIVES = {
    _key(name)
    for named in (*PHENOMENON_OBJECTIVES, *COORDINATION_OBJECTIVES)
    for name in (named.fr, named.nl)
}
_SERVICE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[–—-]\s+(?P<service>[^–—]{2,60})$")


def objective_and_service(text: str) -> tuple[str, str | None]:
    """``"Favoriser la resocialisation des usagers de drogues – Travail de rue"``: a catalogue
    strategic objective followed by the service that carries it."""
    match = _SERVICE_SUFFIX.match(text)
    if match and _key(match.group("title")) in _OBJECTIVES:
        return match.group("title").strip(), match.group("service").strip()
    return text, None


def starts_block(line: str) -> bool:
    """A line that cannot be the wrapped end of the line above: a label alone or followed by a
    colon ("Indicateurs", "Pilote : …"), or a capitalised phenomenon name on its own."""
    if not line[:1].isupper():
        return False
    found = label_of(line)
    if found is not None and (not found[1] or ":" in line[: len(line) - len(found[1])]):
        return True
    return phenomenon_of(line) is not None or is_coordination(line)
