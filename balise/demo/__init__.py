"""Demo data: a fictional municipality, its plan, and one user per role (password "demo")."""

from __future__ import annotations

from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction

from balise.accounts.models import Membership, Organisation
from balise.accounts.roles import Role
from balise.domain.interchange import loads
from balise.reference.loader import load_reference

DEMO_PASSWORD = "demo"
DEMO_MUNICIPALITY = ("99001", "Valmont-sur-Senne", "Valmont-sur-Senne")
DEMO_PLAN = "valmont_pssp_2023_2025.json"
DEMO_USERNAMES = (
    "editeur",
    "lecteur",
    "evaluateur",
    "molenbeek",
    "analyste",
    "coordinateur",
    "partenaire",
    "admin",
)


def _demo_users(valmont: Organisation) -> list[tuple[str, Role | None, Organisation | None]]:
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=["IBZ", "BE-BRU", "5340", "21012"])}
    return [
        ("editeur", Role.MUNICIPALITY_EDITOR, valmont),
        ("lecteur", Role.MUNICIPALITY_VIEWER, valmont),
        ("evaluateur", Role.INTERNAL_EVALUATOR, valmont),
        ("molenbeek", Role.MUNICIPALITY_EDITOR, by_code["21012"]),
        ("analyste", Role.FEDERAL_ANALYST, by_code["IBZ"]),
        ("coordinateur", Role.REGIONAL_COORDINATOR, by_code["BE-BRU"]),
        ("partenaire", Role.PARTNER, by_code["5340"]),
        ("admin", None, None),
    ]


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Idempotent: returns (username, role, organisation) for each demo login."""
    from balise.plans.actions import import_plan

    load_reference()
    code, fr, nl = DEMO_MUNICIPALITY
    valmont, _created = Organisation.objects.update_or_create(
        kind=Organisation.Kind.MUNICIPALITY, code=code, defaults={"name_fr": fr, "name_nl": nl}
    )
    text = resources.files("balise.demo").joinpath("data", DEMO_PLAN).read_text("utf-8")
    import_plan(loads(text), source_name=DEMO_PLAN, layout="json")
    User = get_user_model()
    logins = []
    for username, role, organisation in _demo_users(valmont):
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role is None
            user.save()
        if role is not None:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        logins.append(
            (
                username,
                str(role.label) if role else "administrator",
                organisation.name if organisation else "—",
            )
        )
    return logins
