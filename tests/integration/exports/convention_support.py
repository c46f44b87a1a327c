"""Shared by the convention tests: plans imported from the seeds or the demo, and re-imports."""

from __future__ import annotations

from pathlib import Path

from balise.accounts.actors import SYSTEM
from balise.domain.interchange import outline_to_dict
from balise.domain.outline import PlanOutline
from balise.exports.convention import build_convention, render
from balise.imports.pipeline import parse_file
from balise.imports.report import ImportResult
from balise.imports.scoring import LEVELS, score
from balise.plans.actions import import_plan
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.seeds import seed_path

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts" / "documents"


def seed_plan(prefix: str):
    """The seed's text imported as `balise import` does."""
    path = seed_path(prefix)
    result = parse_file(path)
    return import_plan(result.outline, source_name=path.name, layout=result.layout, user=SYSTEM).plan


DEMO_TITLE = "Plan stratégique de sécurité et de prévention 2023-2025"


def demo_plan():
    """The demo's plan: loaded here unless the module's ``demo_database`` fixture already did."""
    from balise.demo import load_demo
    from balise.plans.models import Plan

    if not Plan.objects.filter(title__startswith=DEMO_TITLE).exists():
        load_demo()
    return Plan.objects.get(title__startswith=DEMO_TITLE)


def stored_outline(plan) -> PlanOutline:
    return plan_outline(plan_with_tree(plan.pk))


def export(
    plan, tmp_path: Path, format: str, *, year: int | None = None, language: str | None = None
) -> Path:
    convention = build_convention(plan.pk, year=year, language=language)
    path = tmp_path / f"{convention.file_stem}.{format}"
    path.write_bytes(render(convention, format))
    return path


def reimport(path: Path) -> ImportResult:
    return parse_file(path)


def imperfect_levels(found: PlanOutline, expected: PlanOutline) -> dict[str, tuple[int, int, int]]:
    """Levels whose precision or recall is below 1.0, as (expected, found, right)."""
    return {
        level: (s.expected, s.found, s.right)
        for level, s in score(found, expected).items()
        if s.precision < 1.0 or s.recall < 1.0
    }


def plan_dict(outline: PlanOutline, *, evaluation: bool = True) -> dict:
    """The interchange form; without ``evaluation``, the indicators' evaluation columns dropped."""
    data = outline_to_dict(outline)
    if not evaluation:
        for module in data["modules"]:
            for so in module["strategic_objectives"]:
                for indicator in [
                    *so["indicators"],
                    *(i for oo in so["operational_objectives"] for i in oo["indicators"]),
                ]:
                    for key in ("analysis", "colour", "motivation"):
                        indicator.pop(key, None)
    return data


__all__ = ["ARTIFACTS", "LEVELS"]
