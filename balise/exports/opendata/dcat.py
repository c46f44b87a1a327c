"""The DCAT-AP catalogue of the published plans, in JSON-LD and Turtle, for data.gov.be to harvest.

One dataset per published plan and one for all of them; each has a CSV distribution per table
and a JSON distribution. Controlled vocabularies are the EU Publications Office authority tables
(data themes GOVE and JUST, languages, file types, licence, access rights) that DCAT-AP and its
Belgian profile (DCAT-AP-BE) require; each such resource is typed in the graph so that the SHACL
shapes of DCAT-AP can check its class. Validated in the tests with pyshacl.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from rdflib import Graph

from balise.exports.opendata.tables import TABLES
from balise.publication.selectors import PlanSummary

EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"fr": EU + "language/FRA", "nl": EU + "language/NLD", "de": EU + "language/DEU"}
CSV_TYPE, JSON_TYPE = EU + "file-type/CSV", EU + "file-type/JSON"
MEDIA = {
    "csv": "https://www.iana.org/assignments/media-types/text/csv",
    "json": "https://www.iana.org/assignments/media-types/application/json",
}
# The authority tables' English labels (skos:prefLabel is mandatory on a concept in DCAT-AP).
THEMES = {
    EU + "data-theme/GOVE": "Government and public sector",
    EU + "data-theme/JUST": "Justice, legal system and public safety",
}
PUBLIC = EU + "access-right/PUBLIC"
BELGIUM = EU + "country/BEL"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CATALOGUE_TEXT = {
    "title": {
        "fr": "Plans de sécurité et de prévention publiés",
        "nl": "Gepubliceerde veiligheids- en preventieplannen",
        "de": "Veröffentlichte Sicherheits- und Präventionspläne",
        "en": "Published security and prevention plans",
    },
    "description": {
        "fr": "Les plans stratégiques de sécurité et de prévention que les communes et régions ont choisi "
        "de publier : objectifs, indicateurs, cibles, valeurs des années évaluées et analyse fédérale.",
        "nl": "De strategische veiligheids- en preventieplannen die gemeenten en gewesten kozen te "
        "publiceren: doelstellingen, indicatoren, streefwaarden, waarden van geëvalueerde jaren en "
        "federale analyse.",
        "de": "Die strategischen Sicherheits- und Präventionspläne, die Gemeinden und Regionen "
        "veröffentlichen wollten: Ziele, Indikatoren, Zielwerte, Werte der evaluierten Jahre und "
        "föderale Analyse.",
        "en": "The strategic security and prevention plans that municipalities and regions chose to "
        "publish: objectives, indicators, targets, values of evaluated years and the federal analysis.",
    },
}
PLAN_DESCRIPTION = {
    "fr": "Objectifs, indicateurs et cibles du plan « {title} »{place}, tels que publiés par son auteur.",
    "nl": "Doelstellingen, indicatoren en streefwaarden van het plan '{title}'{place}, zoals gepubliceerd "
    "door de opsteller.",
    "de": "Ziele, Indikatoren und Zielwerte des Plans „{title}“{place}, wie von seinem Verfasser "
    "veröffentlicht.",
}


@dataclass(frozen=True)
class Addresses:
    """Absolute addresses of the public site, from the request's host."""

    base: str  # "https://balise.example/" (with the trailing slash)

    def page(self, plan_id: int | None = None) -> str:
        return f"{self.base}public/fr/" + (f"plans/{plan_id}/" if plan_id else "")

    def data(self, scope: str, name: str) -> str:
        return f"{self.base}public/data/{scope}/{name}"


def _typed(iri: str, kind: str) -> dict:
    return {"@id": iri, "@type": kind}


def _texts(texts: dict[str, str]) -> list[dict]:
    return [{"@value": text, "@language": lang} for lang, text in texts.items()]


def _date(value: date) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _contact() -> dict:
    email = getattr(settings, "BALISE_OPEN_DATA_CONTACT", "opendata@balise.invalid")
    return {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": "Balise",
        "vcard:hasEmail": {"@id": f"mailto:{email}"},
    }


def _concept(iri: str, label: str) -> dict:
    return {"@id": iri, "@type": "skos:Concept", "skos:prefLabel": {"@value": label, "@language": "en"}}


def _distributions(addresses: Addresses, scope: str, label: str) -> list[dict]:
    licence = getattr(settings, "BALISE_OPEN_DATA_LICENCE", EU + "licence/CC_BY_4_0")
    result = []
    for table in TABLES:
        url = addresses.data(scope, f"{table}.csv")
        result.append(
            {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": f"{label} — {table} (CSV)",
                "dcat:accessURL": _typed(url, "rdfs:Resource"),
                "dcat:downloadURL": _typed(url, "rdfs:Resource"),
                "dct:format": _typed(CSV_TYPE, "dct:MediaTypeOrExtent"),
                "dcat:mediaType": _typed(MEDIA["csv"], "dct:MediaType"),
                "dct:license": _typed(licence, "dct:LicenseDocument"),
            }
        )
    url = addresses.data(scope, "data.json")
    result.append(
        {
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": f"{label} (JSON)",
            "dcat:accessURL": _typed(url, "rdfs:Resource"),
            "dcat:downloadURL": _typed(url, "rdfs:Resource"),
            "dct:format": _typed(JSON_TYPE, "dct:MediaTypeOrExtent"),
            "dcat:mediaType": _typed(MEDIA["json"], "dct:MediaType"),
            "dct:license": _typed(licence, "dct:LicenseDocument"),
        }
    )
    return result


def _common(keywords: list[str]) -> dict:
    return {
        "dcat:contactPoint": _contact(),
        "dcat:theme": [_concept(theme, label) for theme, label in THEMES.items()],
        "dct:accessRights": _typed(PUBLIC, "dct:RightsStatement"),
        "dcat:keyword": sorted(set(keywords)),
    }


def _plan_dataset(addresses: Addresses, plan: PlanSummary) -> dict:
    place = f" ({plan.municipality})" if plan.municipality else ""
    dataset = {
        "@id": addresses.page(plan.id) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"balise-plan-{plan.id}",
        "dct:title": {"@value": plan.title, "@language": plan.language},
        "dct:description": _texts(
            {lang: text.format(title=plan.title, place=place) for lang, text in PLAN_DESCRIPTION.items()}
        ),
        "dct:publisher": {
            "@type": "foaf:Agent",
            "foaf:name": plan.municipality or "Balise",
            "dct:type": _concept(LOCAL_AUTHORITY, "Local Authority"),
        },
        "dct:language": _typed(LANGUAGES.get(plan.language, LANGUAGES["fr"]), "dct:LinguisticSystem"),
        "dct:spatial": _typed(BELGIUM, "dct:Location"),
        "dct:issued": _date(plan.published_at),
        "dct:modified": _date(plan.published_at),
        "dcat:landingPage": _typed(addresses.page(plan.id), "foaf:Document"),
        "dcat:distribution": _distributions(addresses, f"plans/{plan.id}", plan.title),
        **_common([plan.kind_label, *(name for _code, name in plan.phenomena)]),
    }
    if plan.period_start and plan.period_end:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(plan.period_start),
            "dcat:endDate": _date(plan.period_end),
        }
    return dataset


def catalogue(addresses: Addresses, plans: list[PlanSummary], today: date) -> dict:
    """The catalogue as a JSON-LD document (a dict ready for ``json.dumps``)."""
    national = {
        "@id": addresses.page() + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": "balise-all-plans",
        "dct:title": _texts(CATALOGUE_TEXT["title"]),
        "dct:description": _texts(CATALOGUE_TEXT["description"]),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Balise"},
        "dct:language": [_typed(iri, "dct:LinguisticSystem") for iri in LANGUAGES.values()],
        "dct:spatial": _typed(BELGIUM, "dct:Location"),
        "dct:modified": _date(today),
        "dcat:landingPage": _typed(addresses.page(), "foaf:Document"),
        "dcat:distribution": _distributions(addresses, "all", "Balise"),
        **_common(["PSSP", "SVPP", "sécurité", "veiligheid", "Sicherheit"]),
    }
    return {
        "@context": CONTEXT | {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
        "@id": addresses.page() + "#catalogue",
        "@type": "dcat:Catalog",
        "dct:title": _texts(CATALOGUE_TEXT["title"]),
        "dct:description": _texts(CATALOGUE_TEXT["description"]),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Balise"},
        "dct:language": [_typed(iri, "dct:LinguisticSystem") for iri in LANGUAGES.values()],
        "dct:spatial": _typed(BELGIUM, "dct:Location"),
        "dct:modified": _date(today),
        "dct:license": _typed(
            getattr(settings, "BALISE_OPEN_DATA_LICENCE", EU + "licence/CC_BY_4_0"), "dct:LicenseDocument"
        ),
        "foaf:homepage": _typed(addresses.page(), "foaf:Document"),
        "dcat:themeTaxonomy": {
            "@id": EU + "data-theme",
            "@type": "skos:ConceptScheme",
            "dct:title": {"@value": "Data theme", "@language": "en"},
        },
        "dcat:dataset": [national, *(_plan_dataset(addresses, plan) for plan in plans)],
    }


def to_jsonld(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_turtle(document: dict) -> bytes:
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    return graph.serialize(format="turtle").encode("utf-8")
