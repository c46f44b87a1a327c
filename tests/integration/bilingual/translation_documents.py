"""Second-language documents of a stored plan, written in tests: the plan's own tree with every
text replaced by a phrase of another language (`tests.unit.test_translation_detection.PHRASES`)."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

from balise.domain.interchange import dumps
from balise.domain.outline import PlanOutline
from balise.plans.models import Plan
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.unit.test_translation_detection import PHRASES


def version_in(plan: Plan, language: str, *, declared: str | None = None) -> PlanOutline:
    """``plan``'s document in ``language``: same tree, every text a phrase of that language;
    ``declared`` is the language the document says it is in (default: ``language``)."""
    outline = copy.deepcopy(plan_outline(plan_with_tree(plan.pk)))
    phrases = itertools.cycle(PHRASES[language])
    say = lambda: next(phrases)  # noqa: E731
    outline.language = declared or language
    outline.title = say()
    for module in outline.modules:
        module.title = say()
        module.description = say() if module.description else module.description
        module.general_objectives = [say() for _ in module.general_objectives]
        for so in module.strategic_objectives:
            so.title = say()
            for oo in so.operational_objectives:
                oo.title = say()
                oo.approach = say() if oo.approach else oo.approach
                oo.results = [say() for _ in oo.results]
                for indicator in oo.indicators:
                    indicator.text = say()
            for indicator in so.indicators:
                indicator.text = say()
    for thematic in outline.thematics:
        thematic.title = say()
        for measure in thematic.measures:
            measure.text = say()
    return outline


def written(outline: PlanOutline, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(dumps(outline), encoding="utf-8")
    return path
