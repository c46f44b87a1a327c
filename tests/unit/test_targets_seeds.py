"""``parse_target`` on real indicator lines of the seeds.

The first test holds hand-checked indicator lines copied from seeds 000-003 (short literals only);
the sweep reads the seeds themselves through ``tests.seeds`` and checks every target-looking line.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from balise.domain.targets import Period, TargetKind, parse_target
from tests.seeds import seed_text

B, C, P, H, D = (TargetKind.BOOLEAN, TargetKind.COUNT, TargetKind.PERCENT, TargetKind.HOURS,
                 TargetKind.DEADLINE)  # fmt: skip
Y, W, J = Period.YEAR, Period.WEEK, Period.DAY

# (indicator line as in the seed, kind, comparator, value, per, raw)
SEED_INDICATORS: list[tuple[str, TargetKind, str | None, str | None, Period | None, str]] = [
    # 000: PSSP 2020-2022, LaTeX-ish and ≥ notations
    ("Existence d'une procédure de recrutement effective : Oui/Non", B, None, None, None, "Oui/Non"),
    ("Nombre de réunion du comité de Pilotage restreint : ≥ 1 /an", C, ">=", "1", Y, "≥ 1 /an"),
    ("Nombre de réunions relatives à l'évaluation des dispositifs mis en place : "
     "$\\geq 2 \\times / \\text{an}$", C, ">=", "2", Y, "$\\geq 2 \\times / \\text{an}$"),
    ("Nombre de réunions de police locale relative à la collaboration entre les services de police et la "
     "prévention : 30x/an", C, None, "30", Y, "30x/an"),
    ("Nombre de visites technopréventives pré- et postinfractionnelles réalisées chez le citoyen le "
     "requérant : ≥ 50 /an",
     C, ">=", "50", Y, "≥ 50 /an"),
    ("Proportion des visites préinfractionnelles par rapport aux visites postinfractionnelles : "
     "$\\geq 10\\%$", P, ">=", "10", None, "$\\geq 10\\%$"),
    ("30% des victimes le requérant ont bénéficié de conseils en matière de sécurisation dans le "
     "cadre de visites postinfractionnelles dans les deux semaines suivant la demande",
     P, None, "30", None, "30%"),
    ("100% des agissements suspects constatés par les Gardiens de la Paix ont été rapportés à la "
     "police dans les 24 heures suivant le constat", P, None, "100", None, "100%"),
    ("Nombre d'heures de présence des Gardiens de la Paix sur le terrain : ≥ 7 h/jour",
     H, ">=", "7", J, "≥ 7 h/jour"),
    ("Nombre d'heures de présence des Gardiens de la Paix dans les quartiers identifiés à risques : "
     "≥ 3 heures/jour", H, ">=", "3", J, "≥ 3 heures/jour"),
    ("Nombre d'heures de présence des Gardiens de la Paix sur le marché hebdomadaire : ≥ 3 h/semaine",
     H, ">=", "3", W, "≥ 3 h/semaine"),
    ("Nombre d'heures de présence dissuasive des Gardiens de la Paix sur le terrain : >!/ 7h/jour",
     H, ">=", "7", J, ">!/ 7h/jour"),
    ("Nombre d'heures de présence dissuasive des Gardiens de la Paix dans les quartiers cibles : "
     ">!/ = 4h/jour", H, ">=", "4", J, ">!/ = 4h/jour"),
    ("Chaque année, nombre d'actions de sensibilisation au sac-jacking menées dans les quartier cible : "
     "$\\geq 2/\\text{an}$", C, ">=", "2", Y, "$\\geq 2/\\text{an}$"),
    ("Chaque année, nombre d'actions ciblées sur le vol dans véhicules dans les quartiers cibles ≥ 2 /an",
     C, ">=", "2", Y, "≥ 2 /an"),
    ("Nombre de soutiens psychologiques aux victimes réalisés : \\geq 30/an",
     C, ">=", "30", Y, "\\geq 30/an"),
    ("Nombre de présence des Gardiens de la Paix lors d'évènements organisés par les autorités sur l'espace "
     "public : ≥ 7 évènements/an", C, ">=", "7", Y, "≥ 7 évènements/an"),
    ("Nombre de partenaires impliqués dans le dispositif : ≥ 4", C, ">=", "4", None, "≥ 4"),
    ("Nombre de Gardiens de la Paix qui répondent aux conditions fixées par la loi formés "
     "annuellement : 100% des Gardiens de la Paix dans les conditions ont été formés",
     P, None, "100", None, "100%"),
    ("Nombre d'actions ciblées sur les incivilités organisées en collaboration avec la Police : "
     ">/= 1 action/an", C, ">=", "1", Y, ">/= 1 action/an"),
    ("Nombre d'heures de travail de rue ciblant les problèmes de toxicomanie : >/= 10/semaine",
     H, ">=", "10", W, ">/= 10/semaine"),
    ("Nombre de relai vers des structures spécifiques : 50% des dossiers relayés",
     P, None, "50", None, "50%"),
    ("Nombre de suivi de consommateur de drogue : >/= 25/an", C, ">=", "25", Y, ">/= 25/an"),
    # 001: PSSP 2023-2024 template, tab tables
    ("Organisation de réunions régulières relatives à l'évaluation des dispositifs : >2x/an",
     C, ">", "2", Y, ">2x/an"),
    ("Nombre de réunion du comité de Pilotage restreint >/= à 1x/an", C, ">=", "1", Y, ">/= à 1x/an"),
    ("Participation effective du Fonctionnaire de Prévention au conseil zonal de sécurité: 1x/an",
     C, None, "1", Y, "1x/an"),
    ("X victime de cambriolage, qui le demande, conseillé dans les 2 semaines de l'infraction: 30%",
     P, None, "30", None, "30%"),
    ("Habitant, qui le demande, conseillé en matière de sécurisation dans les 2 semaines de l'infraction: "
     ">/= à 100/an", C, ">=", "100", Y, ">/= à 100/an"),
    ("Visites techno-préventives post-infractionnelles dans les 2 semaines de la demande: >/= à 50/an.",
     C, ">=", "50", Y, ">/= à 50/an"),
    ("Actions de sensibilisation « sac-jacking » menées dans les quartiers cibles : \\geq 2/an",
     C, ">=", "2", Y, "\\geq 2/an"),
    ("Assurer une présence visible et dissuasive sur l'espace public: >/= à 5 heures par jour",
     H, ">=", "5", J, ">/= à 5 heures par jour"),
    ("Heures de présence dissuasive sur le terrain: >/= à 7h /jour", H, ">=", "7", J, ">/= à 7h /jour"),
    ("Nombre de Gardiens de la Paix constatateurs ayant suivi la formation : 100 %",
     P, None, "100", None, "100 %"),
    ("X Nombre de Gardiens sensibilisés au RGP: Oui/non", B, None, None, None, "Oui/non"),
    ("Nombre de réunions préparatoires au dispositif organisées : > à 2/an", C, ">", "2", Y, "> à 2/an"),
    ("Nombre de réunion d'évaluation du dispositif : > 1/an", C, ">", "1", Y, "> 1/an"),
    ("Nombre de partenaires impliqués dans ledit dispositif : >/= à 4 /an", C, ">=", "4", Y, ">/= à 4 /an"),
    ("Nombre d'interventions ponctuelles dans les écoles où des problèmes de violence récurrents ont été "
     "constatés \\geq à 20/an", C, ">=", "20", Y, "\\geq à 20/an"),
    ("Nombre d'heures de travail de rue ciblant les problèmes de toxicomanie \\geq à 2 h/semaine",
     H, ">=", "2", W, "\\geq à 2 h/semaine"),
    ("Nombre d'entretiens en tripartite \\geq à 10X/an", C, ">=", "10", Y, "\\geq à 10X/an"),
    ("Nombre de contacts avec des associations de quartier >= 3/an:", C, ">=", "3", Y, ">= 3/an"),
    ("Maraudes et accroches des vulnérables sur le terrain 4 x/semaine", C, None, "4", W, "4 x/semaine"),
    ("Nombre de demandes d'accompagnement psychosocial >= à 30/an", C, ">=", "30", Y, ">= à 30/an"),
    # 002 / 003: CSS project plans, wrapped cells
    ("Nombre de réunions de concertation : >/=à 12", C, ">=", "12", None, ">/=à 12"),
    ("Nombre de visites réalisées : >/=à 15/an", C, ">=", "15", Y, ">/=à 15/an"),
    ("radicalisation violente à l'attention des assurées : >/=\tà 2 /an", C, ">=", "2", Y, ">/=\tà 2 /an"),
    ("Nombre de participations à des colloques, formations, journées d'études : >/=à 3/an",
     C, ">=", "3", Y, ">/=à 3/an"),
    ("Existence de constats de terrain : Oui/Non Formulation effective de recommandations : Oui/Non",
     B, None, None, None, "Oui/Non"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "comparator", "value", "per", "raw"), SEED_INDICATORS)
def test_it_reads_the_target_of_a_real_seed_indicator(
    text: str, kind: TargetKind, comparator: str | None, value: str | None, per: Period | None, raw: str
) -> None:
    target = parse_target(text)
    assert target is not None
    expected_value = Decimal(value) if value is not None else None
    assert (target.kind, target.comparator, target.value, target.per, target.raw) == (
        kind, comparator, expected_value, per, raw,
    )  # fmt: skip


def test_it_reads_the_deadline_of_seed_000() -> None:
    target = parse_target("Développement effectif d'un Plan communal d'ici fin 2020")
    assert target is not None
    assert (target.kind, target.deadline) == (D, date(2020, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "Mise à jour régulière des tableaux de bords fournis par l'autorité subsidiaire",
        "Réaliser des visites techno-préventives pré-infractionnelles dans les 2 semaines de la demande",
        "Conseiller un maximum de victimes de cambriolage, qui le demandent, dans les 2 semaines de "
        "l'infraction",
        "X nombre d'interventions réalisées durant la période concernée",
        "X Nombre d'informations et avis juridiques fournis",
        "Nombre de réunions organisées : >/=à",
    ],
)
def test_it_finds_no_target_in_a_seed_line_without_one(text: str) -> None:
    assert parse_target(text) is None


# A line "looks like" it holds a target when it has a comparator followed by a number, a yes/no,
# a "Nx/" or "N/an"-style period, or a percentage.
_TARGET_LOOKING = re.compile(
    r"(?:≥|>/?=|>!/|\\geq|[<>])\s*(?:à\s*)?\d|oui\s*/\s*non|\d\s*x\s*/|\d\s*/\s*(?:an|jour|semaine)\b|\d\s*%",
    re.IGNORECASE,
)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_every_target_looking_seed_line_yields_a_verbatim_target(prefix: str) -> None:
    lines = [" ".join(line.split()) for line in seed_text(prefix).splitlines()]
    looking = [line for line in lines if _TARGET_LOOKING.search(line)]
    assert looking, "the sweep found no target-looking line: the seed layout changed"
    missed = [line for line in looking if parse_target(line) is None]
    assert missed == []
    for line in looking:
        target = parse_target(line)
        assert target is not None
        assert target.raw in line
