"""What the plan actions announce to the layers above them.

`progress_inputs_changed` is sent by name, inside the action's transaction, by every plan action
that changes what an indicator's progress depends on (its target, its module, its plan's period or
municipality, new indicators). Plans sits below monitoring and may not call it; monitoring
connects its progress table to this signal (`balise.monitoring.apps`). Arguments: ``plan_id``,
``indicator_ids`` (None: every indicator of the plan) and ``new_plan``: the plan was just created
with indicators of new identities (an import that is not a new version), so nothing can have been
recorded, coloured or counted for them yet.
"""

from __future__ import annotations

from django.dispatch import Signal

progress_inputs_changed = Signal()


def announce(plan_id: int, indicator_ids: list[int] | None = None, *, new_plan: bool = False) -> None:
    progress_inputs_changed.send(sender=None, plan_id=plan_id, indicator_ids=indicator_ids, new_plan=new_plan)
