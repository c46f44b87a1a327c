"""Who may record values, self-evaluate, analyse and reopen (predicates over the named roles).

Federal analysts read every plan but never record values; administrators (superusers) pass all.
"""

from __future__ import annotations

import rules

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.rules import PlanScope, is_administrator, is_federal_analyst, organisations_with
from balise.accounts.users import Visitor

MUNICIPAL_WRITE_ROLES = {Role.MUNICIPALITY_EDITOR, Role.INTERNAL_EVALUATOR}


@rules.predicate
def works_for_plans_municipality(user: Visitor, plan: PlanScope | None) -> bool:
    return bool(
        plan is not None
        and plan.municipality_id
        and plan.municipality_id in organisations_with(user, MUNICIPAL_WRITE_ROLES)
    )


can_record_values = is_administrator | works_for_plans_municipality
can_self_evaluate = is_administrator | works_for_plans_municipality
can_analyse = is_administrator | is_federal_analyst


@rules.predicate
def works_for_organisation(user: Visitor, organisation: Organisation | None) -> bool:
    return bool(
        organisation is not None and organisation.pk in organisations_with(user, MUNICIPAL_WRITE_ROLES)
    )


# A municipality's own dimensions (its districts…): whoever records its values.
can_define_dimensions = is_administrator | works_for_organisation


@rules.predicate
def can_reopen(user: Visitor) -> bool:
    return bool(is_administrator(user))


rules.add_perm("monitoring.record_values", can_record_values)
rules.add_perm("monitoring.self_evaluate", can_self_evaluate)
rules.add_perm("monitoring.analyse", can_analyse)
rules.add_perm("monitoring.reopen", can_reopen)
