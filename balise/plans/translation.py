"""Attaching a plan's translation: a document of the same plan in another content language,
matched to the stored plan node by node (`balise.domain.translations`), its texts kept beside the
ones as written. The plan's own texts, targets and values are never touched.

Reading: `content` gives the text of a node's field for a reader's language (the translation, or
the text as written, marked as a fallback).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from balise import errors
from balise.accounts.actors import Actor, require
from balise.accounts.rules import can_edit_plan
from balise.accounts.users import User, Visitor, signed_in
from balise.domain.languages import CONTENT_LANGUAGES, base_language
from balise.domain.outline import PlanOutline
from balise.domain.translations import (
    Path,
    Shown,
    StructureMismatch,
    document_language,
    matched_texts,
    merged,
    shown,
    texts,
    translated_plans,
    with_digests,
    written_language,
)
from balise.plans.matching import find_owner
from balise.plans.models import Plan, PlanStatus
from balise.plans.selectors import nodes_by_path, plan_outline, plan_with_tree


class TranslationRefused(errors.Invalid):
    """The document cannot be attached as the plan's translation; says where and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class Attached:
    plan: Plan
    language: str
    texts: int  # how many texts of the plan now have a translation in ``language``


_LEVELS = {
    "module": lambda n: ngettext("%(n)d module", "%(n)d modules", n),
    "general_objective": lambda n: ngettext("%(n)d general objective", "%(n)d general objectives", n),
    "strategic_objective": lambda n: ngettext("%(n)d strategic objective", "%(n)d strategic objectives", n),
    "operational_objective": lambda n: ngettext(
        "%(n)d operational objective", "%(n)d operational objectives", n
    ),
    "result": lambda n: ngettext("%(n)d expected result", "%(n)d expected results", n),
    "indicator": lambda n: ngettext("%(n)d indicator", "%(n)d indicators", n),
    "thematic": lambda n: ngettext("%(n)d thematic", "%(n)d thematics", n),
    "measure": lambda n: ngettext("%(n)d measure", "%(n)d measures", n),
}
_PLACES = {
    "module": lambda n: _("module %(n)d") % {"n": n},
    "strategic_objective": lambda n: _("strategic objective %(n)d") % {"n": n},
    "operational_objective": lambda n: _("operational objective %(n)d") % {"n": n},
    "thematic": lambda n: _("thematic %(n)d") % {"n": n},
}


def place_name(path: Path) -> str:
    """“module 2 › strategic objective 1” (numbered from 1, as a reader counts), or “the plan”."""
    if not path:
        return _("the plan")
    return " › ".join(_PLACES[level](index + 1) for level, index in path)


def mismatch_message(error: StructureMismatch) -> str:
    return _(
        "The translation does not have the plan's structure: at %(place)s the plan has %(expected)s, "
        "the translated document %(found)s. Nothing was attached."
    ) % {
        "place": place_name(error.path),
        "expected": _LEVELS[error.level](error.expected) % {"n": error.expected},
        "found": _LEVELS[error.level](error.found) % {"n": error.found},
    }


def attach_translation(
    user: Actor | Visitor, plan_id: int, document: PlanOutline, *, source_name: str
) -> Attached:
    """Keep ``document``'s texts as the translation of plan ``plan_id`` into its language.

    Refused (`TranslationRefused`, nothing written) when the document is in the plan's own
    language or in no content language, or when its tree differs from the plan's; a retired
    version is not translated any more. Attaching again in the same language replaces that
    language's texts, and only them. Recorded in each changed node's history."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise errors.NotFound(_("Plan %(id)s does not exist.") % {"id": plan_id})
    require(can_edit_plan, user, plan)
    # The language the texts show, else the one the reading declared (when it is one).
    told = written_language(t.text for t in texts(document))
    if told is None and document.language.split("-")[0].lower() not in CONTENT_LANGUAGES:
        raise TranslationRefused(
            _("%(file)s: Balise cannot tell the document's language.") % {"file": source_name}
        )
    language = document_language(document)
    if language == base_language(plan.language):
        raise TranslationRefused(
            _("%(file)s is in the plan's own language: a translation is a document in another language.")
            % {"file": source_name}
        )
    if plan.status == PlanStatus.SUPERSEDED:
        raise TranslationRefused(_("A replaced version of a plan is not translated any more."))
    with transaction.atomic():
        tree = plan_with_tree(plan.pk)
        by_node, count = _texts_by_node(plan_outline(tree), document, source_name)
        reason = _("translation attached from %(file)s") % {"file": source_name}
        _write_translations(tree, language, by_node, signed_in(user), reason)
        Plan.objects.filter(pk=plan.pk).update(content_revision=models.F("content_revision") + 1)
    plan.refresh_from_db()
    return Attached(plan, language, count)


def _texts_by_node(
    ours: PlanOutline, document: PlanOutline, source_name: str
) -> tuple[dict[Path, dict[str, str]], int]:
    """The document's texts by node of the plan's tree (`TranslationRefused` when the trees
    differ), and how many: each keeps the digest of the text it translates, so that editing that
    text later marks the translation stale (`balise.domain.translations.shown`); the plan keeps
    which document its translation came from (shown on its page)."""
    try:
        found = matched_texts(ours, document)
    except StructureMismatch as error:
        raise TranslationRefused(f"{source_name}: {mismatch_message(error)}") from None
    by_node: dict[Path, dict[str, str]] = {}
    for (path, field), text in found.items():
        by_node.setdefault(path, {})[field] = text
    written: dict[Path, dict[str, str]] = {}
    for item in texts(ours):
        written.setdefault(item.path, {})[item.field] = item.text
    by_node = {path: with_digests(fields, written.get(path, {})) for path, fields in by_node.items()}
    by_node.setdefault((), {})["source"] = source_name
    return by_node, len(found)


def _write_translations(
    tree: Plan, language: str, by_node: dict[Path, dict[str, str]], author: User | None, reason: str
) -> None:
    """``language``'s texts of each node replaced by ``by_node``'s, the other languages kept:
    one UPDATE and one history INSERT per kind of node that changed, however large the plan."""
    changed: dict[type[models.Model], list[Any]] = {}
    for path, node in nodes_by_path(tree):
        current: Any = node
        updated = merged(current.translations or {}, language, by_node.get(path, {}))
        if updated != (current.translations or {}):
            current.translations = updated
            changed.setdefault(type(node), []).append(current)
    for model, nodes in changed.items():
        bulk_update_with_history(
            nodes, model, ["translations"], default_user=author, default_change_reason=reason
        )


def translation_candidates(document: PlanOutline) -> list[Plan]:
    """The stored plans ``document`` is a translation of (`balise.domain.translations.
        translated_plans`): those in force of the municipality (or police zone) it names, of its kind,
        in another language, with the same tree. Two queries, and `plan_with_tree`'s for each plan of
    that municipality and kind in another language (one or two: the plans in force)."""
    owner = find_owner(document.kind, document.municipality)
    if owner is None:
        return []
    plans = list(
        Plan.objects.filter(kind=document.kind, municipality=owner)
        .exclude(status=PlanStatus.SUPERSEDED)
        .exclude(language=document_language(document))
        .order_by("pk")
    )
    matching = translated_plans(
        document, [(plan.pk, plan_outline(plan_with_tree(plan.pk))) for plan in plans]
    )
    return [plan for plan in plans if plan.pk in matching]


def content(node: Any, field: str, written_in: str, reader: str | None) -> Shown:
    """The text of ``node``'s ``field`` (a plan or a node of a plan written in ``written_in``)
    for a reader of language ``reader``: the translation, or the text as written."""
    # A field the node does not have reads as empty, as a template's ``{{ node.field }}`` does
    # (the shared title template is rendered for nodes that have a text instead).
    return shown(str(getattr(node, field, "") or ""), written_in, node.translations or {}, field, reader)
