"""Who may do what with the money of a plan.

Everyone who reads a plan reads its money (federal analysts read all). Only the municipality's
editors (and administrators) change it; federal analysts and administrators close a year, only
administrators reopen one. Regional plans have no grant here: regional coordinators only read.
"""

from __future__ import annotations

import rules

from balise.accounts.roles import Role
from balise.accounts.rules import (
    can_view_plan,
    edits_plan_of_own_municipality,
    has_role,
    is_administrator,
    is_federal_analyst,
)
from balise.accounts.users import Visitor

can_view_finance = can_view_plan
can_edit_finance = is_administrator | edits_plan_of_own_municipality
can_close_finance_year = is_administrator | is_federal_analyst
can_reopen_finance_year = is_administrator


@rules.predicate
def sees_overview(user: Visitor) -> bool:
    """The overview across municipalities is for federal analysts and regional coordinators."""
    return bool(
        is_administrator(user) or is_federal_analyst(user) or has_role(user, Role.REGIONAL_COORDINATOR)
    )


rules.add_perm("finance.view", can_view_finance)
rules.add_perm("finance.edit", can_edit_finance)
rules.add_perm("finance.close_year", can_close_finance_year)
rules.add_perm("finance.overview", sees_overview)
