"""`PlanOutline`: the plan tree that importers produce and exporters consume.

Plain dataclasses, standard library only. Texts are normalised (single spaces, no bullets
or numbering); missing values are ``None``, never placeholders such as ``"xxx"``.

One tree serves every plan kind. A zonal security plan (kind ``pzs``: *plan zonal de sécurité*,
*zonaal veiligheidsplan*) maps onto it like this, labels as the police zones write them:

=================================================  =============================================
zonal label (FR / NL)                              field
=================================================  =============================================
priorité / prioriteit (a phenomenon)               ``ModuleOutline`` (kind ``phenomenon``)
priorité transversale / transversaal thema         ``ModuleOutline`` (kind ``theme``)
objectif stratégique / strategische doelstelling   ``StrategicObjectiveOutline.title``
pilote / trekker (of the priority's sheet)         ``StrategicObjectiveOutline.pilot``
indicateur d'effet / effectindicator               ``StrategicObjectiveOutline.indicators[i].text``
valeur de référence / referentiewaarde, nulmeting  ``IndicatorOutline.reference_value`` (as written)
cible (2025) / streefwaarde (2025)                 ``IndicatorOutline.target`` of the effect indicator
objectif opérationnel, action / actie              ``OperationalObjectiveOutline.title``
approche / aanpak                                  ``OperationalObjectiveOutline.approach``
pilote, responsable / trekker of one action        ``OperationalObjectiveOutline.pilot``
indicateur de résultat / resultaatsindicator       ``OperationalObjectiveOutline.indicators[i].text``
norme / norm                                       ``IndicatorOutline.target`` of the result indicator
=================================================  =============================================

A target written in its own cell or row (*cible*, *norme*, *streefwaarde*) is not repeated in the
indicator's text: ``IndicatorOutline(text="Nombre de cambriolages enregistrés", target=…)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from balise.domain.targets import Target

# "theme": a transversal theme of a zonal security plan (community policing, information…).
MODULE_KINDS = ("coordination", "phenomenon", "sector", "theme")


@dataclass
class IndicatorOutline:
    text: str
    target: Target | None = None
    # Columns of the SPF IBZ evaluation table, when the source carries them.
    analysis: str | None = None
    colour: str | None = None
    motivation: str | None = None
    # Zonal plans: the value measured before the plan, as written ("412 faits en 2019").
    reference_value: str | None = None
    # Codes of the dimensions its values are broken down by ("sex", "age_band"), in order.
    dimensions: tuple[str, ...] = ()


@dataclass
class OperationalObjectiveOutline:
    title: str
    results: list[str] = field(default_factory=list)
    indicators: list[IndicatorOutline] = field(default_factory=list)
    # Zonal plans: how the action is carried out, and who carries it when the action names it.
    approach: str | None = None
    pilot: str | None = None


@dataclass
class StrategicObjectiveOutline:
    title: str
    service: str | None = None
    domain: str | None = None
    operational_objectives: list[OperationalObjectiveOutline] = field(default_factory=list)
    # Indicators attached to the strategic objective itself (seed 001 layout; a zonal plan's
    # effect indicators).
    indicators: list[IndicatorOutline] = field(default_factory=list)
    # Zonal plans: who steers the objective ("Commissaire divisionnaire, service Proximité").
    pilot: str | None = None


@dataclass
class ModuleOutline:
    title: str
    kind: str = "phenomenon"  # one of MODULE_KINDS
    description: str | None = None
    general_objectives: list[str] = field(default_factory=list)
    strategic_objectives: list[StrategicObjectiveOutline] = field(default_factory=list)


@dataclass
class ContingentOutline:
    name: str
    annual_amount_eur: Decimal | None = None
    fte: Decimal | None = None
    monthly_rate_eur: Decimal | None = None
    months: int | None = None
    personnel_eur: Decimal | None = None
    equipment_eur: Decimal | None = None
    equipment_cap_per_fte_eur: Decimal | None = None


@dataclass
class FinanceOutline:
    annual_amount_eur: Decimal | None = None
    contingents: list[ContingentOutline] = field(default_factory=list)


@dataclass
class MeasureOutline:
    code: str
    text: str


@dataclass
class ThematicOutline:
    number: int
    title: str
    measures: list[MeasureOutline] = field(default_factory=list)


@dataclass
class PlanOutline:
    kind: str  # pssp | css | pgsp | plpp | pzs | other
    title: str
    municipality: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    signed_on: date | None = None
    language: str = "fr"
    parties: list[str] = field(default_factory=list)
    finance: FinanceOutline | None = None
    modules: list[ModuleOutline] = field(default_factory=list)
    thematics: list[ThematicOutline] = field(default_factory=list)
    # The plan's texts in other languages: {language: {place: {field: text}}}, a place as
    # `balise.domain.translations.place_key` names it ("" is the plan, "modules[1]" its second
    # module); "~field" keeps the digest of the text it translates (stale when it differs).
    translations: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def iter_indicators(self) -> Iterator[IndicatorOutline]:
        """Every indicator of the tree, in document order."""
        for module in self.modules:
            for so in module.strategic_objectives:
                for oo in so.operational_objectives:
                    yield from oo.indicators
                yield from so.indicators

    def counts(self) -> dict[str, int]:
        """Number of nodes per level, as shown in import summaries."""
        sos = [so for m in self.modules for so in m.strategic_objectives]
        oos = [oo for so in sos for oo in so.operational_objectives]
        indicators = list(self.iter_indicators())
        return {
            "modules": len(self.modules),
            "general_objectives": sum(len(m.general_objectives) for m in self.modules),
            "strategic_objectives": len(sos),
            "operational_objectives": len(oos),
            "results": sum(len(oo.results) for oo in oos),
            "indicators": len(indicators),
            "targets": sum(1 for i in indicators if i.target is not None),
            "thematics": len(self.thematics),
            "measures": sum(len(t.measures) for t in self.thematics),
        }
