"""Load the reference lists into the database; idempotent (update or create by code).

Apps above reference keep their own defaults (monitoring's colour scale, finance's rate rules):
they connect to `reference_loaded` in their `AppConfig.ready`, so this module never imports them.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

from balise.accounts.models import Organisation
from balise.reference import data
from balise.reference.models import (
    Category,
    Dimension,
    MeasureCode,
    ObjectiveCatalogueEntry,
    Phenomenon,
    Sector,
    Thematic,
)

# Sent inside the loading transaction, after the lists are in place.
reference_loaded = Signal()


def _names(item: data.Named) -> dict[str, str]:
    return {"name_fr": item.fr, "name_nl": item.nl, "name_de": data.GERMAN.get(item.code, "")}


@transaction.atomic
def load_reference() -> dict[str, int]:
    _load_catalogues()
    _load_dimensions()
    _load_organisations()
    reference_loaded.send(sender=load_reference)
    return {
        "dimensions": Dimension.objects.filter(organisation=None).count(),
        "phenomena": Phenomenon.objects.count(),
        "catalogue_objectives": ObjectiveCatalogueEntry.objects.count(),
        "sectors": Sector.objects.count(),
        "thematics": Thematic.objects.count(),
        "measures": MeasureCode.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def _load_catalogues() -> None:
    """Phenomena, the objectives catalogues, the CSS sectors, the PGSP thematics and their measures."""
    for order, item in enumerate(data.PHENOMENA):
        Phenomenon.objects.update_or_create(code=item.code, defaults={**_names(item), "order": order})
    for scope, items in (
        ("phenomenon", data.PHENOMENON_OBJECTIVES),
        ("coordination", data.COORDINATION_OBJECTIVES),
    ):
        for order, item in enumerate(items):
            ObjectiveCatalogueEntry.objects.update_or_create(
                code=item.code,
                defaults={**_names(item), "order": order, "scope": scope},
            )
    for order, item in enumerate(data.CSS_SECTORS):
        Sector.objects.update_or_create(code=item.code, defaults={**_names(item), "order": order})
    for number, fr, nl, count in data.PGSP_THEMATICS:
        thematic, _created = Thematic.objects.update_or_create(
            catalogue="pgsp-2021-2024",
            number=number,
            defaults={"name_fr": fr, "name_nl": nl, "name_de": data.GERMAN[f"pgsp-{number}"]},
        )
        for n in range(1, count + 1):
            MeasureCode.objects.update_or_create(
                thematic=thematic, code=f"{number}.{n}", defaults={"order": n}
            )


def _load_organisations() -> None:
    """The Brussels region, the federal service, the police zones and the municipalities in them."""
    region, _created = Organisation.objects.update_or_create(
        kind="region",
        code="BE-BRU",
        defaults={
            "name_fr": "Région de Bruxelles-Capitale",
            "name_nl": "Brussels Hoofdstedelijk Gewest",
            "name_de": data.GERMAN["BE-BRU"],
        },
    )
    Organisation.objects.update_or_create(
        kind="federal",
        code="IBZ",
        defaults={
            "name_fr": "SPF Intérieur",
            "name_nl": "FOD Binnenlandse Zaken",
            "name_de": data.GERMAN["IBZ"],
        },
    )
    zones = {}
    for org in data.BRUSSELS_POLICE_ZONES:
        zones[org.code], _created = Organisation.objects.update_or_create(
            kind=org.kind, code=org.code, defaults={"name_fr": org.fr, "name_nl": org.nl, "region": region}
        )
    zone_of = {nis: zone for zone, nis_codes in data.POLICE_ZONE_MUNICIPALITIES.items() for nis in nis_codes}
    for org in data.BRUSSELS_MUNICIPALITIES:
        Organisation.objects.update_or_create(
            kind=org.kind,
            code=org.code,
            defaults={
                "name_fr": org.fr,
                "name_nl": org.nl,
                "region": region,
                "police_zone": zones[zone_of[org.code]],
            },
        )


def _labels(item: data.Labelled) -> dict[str, str]:
    return {"name_fr": item.fr, "name_nl": item.nl, "name_de": item.de}


def _load_dimensions() -> None:
    for order, (item, categories) in enumerate(data.DIMENSIONS):
        dimension, _created = Dimension.objects.update_or_create(
            code=item.code, organisation=None, defaults={**_labels(item), "order": order}
        )
        for position, category in enumerate(categories):
            Category.objects.update_or_create(
                dimension=dimension, code=category.code, defaults={**_labels(category), "order": position}
            )
