"""The evaluation of one year of a plan: its state and history, the buttons this user may press,
the self-evaluation (municipality, while draft) and the federal analysis (while submitted).

Every refusal is shown on the page with its message: 403 for a missing role, 409 for a state
that does not allow it, 422 for invalid input; never a 500.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from balise.accounts.users import AuthenticatedRequest, Visitor
from balise.monitoring import workflow
from balise.monitoring.errors import Invalid, StaleEdit, TransitionRefused
from balise.monitoring.models import Assessment, Evaluation
from balise.monitoring.rules import can_analyse, can_reopen, can_self_evaluate
from balise.monitoring.selectors import default_year, evaluation_readiness, evaluation_view, plan_years
from balise.monitoring.views.common import page
from balise.monitoring.views.evaluation_screen import (
    INDICATOR,
    OBJECTIVE,
    allowed_actions,
    build_evaluation_screen,
)
from balise.plans.access import plan_for
from balise.plans.models import Plan

PAGE = "monitoring/evaluation.html"
FORBIDDEN = gettext_lazy("You are not allowed to do this on this evaluation.")
Write = Callable[[Evaluation], Assessment]  # one write of the evaluation, run in its transaction
DONE = {
    "submit": gettext_lazy("The evaluation is submitted: its values are now locked."),
    "analyse": gettext_lazy("The evaluation is marked as analysed."),
    "close": gettext_lazy("The evaluation is closed."),
    "reopen": gettext_lazy("The evaluation is reopened as a draft."),
    "return": gettext_lazy("The evaluation is returned to the municipality, which is notified."),
}
# Changes that lock (or finish) a year: shown with what is missing, and done only once confirmed.
CONFIRMED = ("submit", "analyse", "close")
CONFIRM_PAGE = "monitoring/confirm_transition.html"
# Who may ask for each change; checked before anything is written (the workflow checks again).
MAY = {
    "submit": lambda user, plan: can_self_evaluate(user, plan),
    "analyse": lambda user, plan: can_analyse(user, plan),
    "close": lambda user, plan: can_analyse(user, plan),
    "reopen": lambda user, plan: can_reopen(user),
    "return": lambda user, plan: can_analyse(user, plan),
}


def _plan_and_year(user: Visitor, plan_id: int, year: int) -> Plan:
    plan = plan_for(user, plan_id)
    if year not in plan_years(plan):
        raise Http404
    return plan


class Focus(TypedDict, total=False):
    """The subject a write was refused on, shown again with what was posted and why."""

    key: tuple[str, uuid.UUID]
    posted: dict[str, str]
    errors: list[str]
    conflict: bool
    theirs: Assessment | None


def _render(
    request: HttpRequest,
    plan: Plan,
    year: int,
    *,
    status: int = 200,
    focus: Focus | None = None,
    **extra: object,
) -> HttpResponse:
    screen = build_evaluation_screen(request.user, plan, year, evaluation_view(plan, year))
    if focus is not None:
        subject = screen.subjects.get(focus["key"])
        if subject is not None:
            subject.posted = focus.get("posted", {})
            subject.errors = focus.get("errors", [])
            subject.conflict = focus.get("conflict", False)
            subject.theirs = focus.get("theirs")
    return page(request, PAGE, {"plan": plan, "screen": screen, **extra}, status=status)


def _url(plan: Plan, year: int, anchor: str = "") -> str:
    url = reverse("monitoring-evaluation", args=[plan.pk, year])
    return f"{url}#{anchor}" if anchor else url


@login_required
def evaluation_page(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan_and_year(request.user, plan_id, year)
    return _render(request, plan, year)


@login_required
@require_POST
def change_state(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = _plan_and_year(request.user, plan_id, year)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    comment = request.POST.get("comment", "")
    steps = {
        "submit": lambda e: workflow.submit(e, request.user),
        "analyse": lambda e: workflow.mark_analysed(e, request.user),
        "close": lambda e: workflow.close(e, request.user),
        "reopen": lambda e: workflow.reopen(e, request.user, reason),
        "return": lambda e: workflow.return_to_municipality(e, request.user, comment),
    }
    if action not in steps:
        return _render(request, plan, year, status=422, refused=_("Unknown action."))
    if not MAY[action](request.user, plan):
        return _render(request, plan, year, status=403, refused=FORBIDDEN)
    if action in CONFIRMED and request.POST.get("confirm") != "yes":
        current = workflow.evaluation_for(plan, year, create=False)
        state = current.state if current else Evaluation.State.DRAFT
        if action in allowed_actions(request.user, plan, state):
            return _confirmation(request, plan, year, action)
        # Not possible from this state: the workflow refuses it below with its message (409).
    try:
        workflow.within_evaluation(plan, year, steps[action])
    except PermissionDenied:
        return _render(request, plan, year, status=403, refused=FORBIDDEN)
    except TransitionRefused as exc:
        return _render(request, plan, year, status=409, refused=exc.message)
    except Invalid as exc:
        errors = [m for msgs in exc.errors.values() for m in msgs]
        if action == "return":
            return _render(request, plan, year, status=422, comment_errors=errors, comment=comment)
        return _render(request, plan, year, status=422, reason_errors=errors, reason=reason)
    messages.success(request, DONE[action])
    return redirect(_url(plan, year))


def _confirmation(request: HttpRequest, plan: Plan, year: int, action: str) -> HttpResponse:
    """What the change leaves missing, and a button to confirm it (a page: no JavaScript needed).
    Marking analysed is not offered while an indicator lacks a colour or a motivation."""
    ready = evaluation_readiness(plan, year)
    blocked = action == "analyse" and not ready.may_be_analysed
    context = {"plan": plan, "year": year, "action": action, "ready": ready, "blocked": blocked}
    return page(request, CONFIRM_PAGE, context, status=409 if blocked else 200)


def _subject_or_404(subject: str) -> str:
    if subject not in (INDICATOR, OBJECTIVE):
        raise Http404
    return subject


def _revision(raw: str | None) -> int | None:
    try:
        return int(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def _autosaved(
    request: HttpRequest,
    plan: Plan,
    year: int,
    assessment: Assessment | None = None,
    *,
    status: int = 200,
    errors: Sequence[object] = (),
    theirs: Assessment | None = None,
) -> HttpResponse:
    """The answer to the page's autosave (a field saved as it changes): the new revision and the
    progress counts, or why it failed (and, on a conflict, the version saved by someone else)."""
    ready = evaluation_readiness(plan, year)
    body: dict[str, object] = {
        "ok": status == 200,
        "revision": assessment.revision if assessment is not None else None,
        "errors": [str(e) for e in errors],
        "progress": {
            "assessed": ready.assessed,
            "indicators": ready.indicators,
            "self_evaluated": ready.subjects - len(ready.without_self_evaluation),
            "subjects": ready.subjects,
        },
    }
    if theirs is not None:
        body["theirs"] = {
            "revision": theirs.revision,
            "self_evaluation": theirs.self_evaluation,
            "analysis": theirs.analysis,
            "colour": theirs.colour.code if theirs.colour else "",
            "motivation": theirs.motivation,
        }
    return JsonResponse(body, status=status)


def _save(
    request: HttpRequest,
    plan: Plan,
    year: int,
    subject: str,
    key: uuid.UUID,
    posted: dict[str, str],
    write: Write,
    *,
    allowed: bool,
) -> HttpResponse:
    """Run ``write(evaluation)``; on a refusal, show the page with the message beside the subject
    (or, for the page's autosave, answer JSON)."""
    if request.headers.get("X-Autosave") == "1":
        return _autosave(request, plan, year, write, allowed=allowed)
    focus: Focus = {"key": (subject, key), "posted": posted}
    if not allowed:
        return _render(request, plan, year, status=403, focus={**focus, "errors": [str(FORBIDDEN)]})
    try:
        workflow.within_evaluation(plan, year, write)
    except PermissionDenied:
        return _render(request, plan, year, status=403, focus={**focus, "errors": [str(FORBIDDEN)]})
    except TransitionRefused as exc:
        return _render(request, plan, year, status=409, focus={**focus, "errors": [exc.message]})
    except Invalid as exc:
        errors = [m for msgs in exc.errors.values() for m in msgs]
        return _render(request, plan, year, status=422, focus={**focus, "errors": errors})
    except StaleEdit as exc:
        conflict: Focus = {**focus, "errors": [str(exc)], "conflict": True, "theirs": exc.current}
        return _render(request, plan, year, status=409, focus=conflict)
    messages.success(request, _("Saved."))
    return redirect(_url(plan, year, f"s-{key}"))


def _autosave(request: HttpRequest, plan: Plan, year: int, write: Write, *, allowed: bool) -> HttpResponse:
    if not allowed:
        return _autosaved(request, plan, year, status=403, errors=[FORBIDDEN])
    try:
        assessment = workflow.within_evaluation(plan, year, write)
    except PermissionDenied:
        return _autosaved(request, plan, year, status=403, errors=[FORBIDDEN])
    except TransitionRefused as exc:
        return _autosaved(request, plan, year, status=409, errors=[exc.message])
    except Invalid as exc:
        return _autosaved(request, plan, year, status=422, errors=[m for v in exc.errors.values() for m in v])
    except StaleEdit as exc:
        return _autosaved(request, plan, year, status=409, errors=[str(exc)], theirs=exc.current)
    return _autosaved(request, plan, year, assessment)


@login_required
@require_POST
def self_evaluation(
    request: AuthenticatedRequest, plan_id: int, year: int, subject: str, key: uuid.UUID
) -> HttpResponse:
    plan = _plan_and_year(request.user, plan_id, year)
    subject = _subject_or_404(subject)
    text = request.POST.get("self_evaluation", "")
    revision = _revision(request.POST.get("revision"))

    def write(evaluation: Evaluation) -> Assessment:
        return workflow.save_self_evaluation(
            evaluation, subject, key, text, request.user, expected_revision=revision
        )

    allowed = bool(can_self_evaluate(request.user, plan))
    return _save(request, plan, year, subject, key, {"self_evaluation": text}, write, allowed=allowed)


@login_required
@require_POST
def analysis(
    request: AuthenticatedRequest, plan_id: int, year: int, subject: str, key: uuid.UUID
) -> HttpResponse:
    plan = _plan_and_year(request.user, plan_id, year)
    subject = _subject_or_404(subject)
    posted = {name: request.POST.get(name, "") for name in ("analysis", "colour", "motivation")}
    revision = _revision(request.POST.get("revision"))

    def write(evaluation: Evaluation) -> Assessment:
        return workflow.save_analysis(
            evaluation,
            subject,
            key,
            analysis=posted["analysis"],
            colour_code=posted["colour"] or None,
            motivation=posted["motivation"],
            user=request.user,
            expected_revision=revision,
        )

    allowed = bool(can_analyse(request.user, plan))
    return _save(request, plan, year, subject, key, posted, write, allowed=allowed)


@login_required
def evaluation_index(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """The evaluation of the plan's current (or last past) year."""

    plan = plan_for(request.user, plan_id)
    return redirect("monitoring-evaluation", plan_id=plan.pk, year=default_year(plan_years(plan)))
