"""Views of an interchange document level by level, so that a failing comparison of an imported
outline with its expected outline says which level broke."""

from __future__ import annotations

LEVELS = {
    "header": lambda d: {k: d[k] for k in ("kind", "title", "municipality", "language", "period")},
    "modules": lambda d: [(m["title"], m["kind"]) for m in d["modules"]],
    "general_objectives": lambda d: [m["general_objectives"] for m in d["modules"]],
    "strategic_objectives": lambda d: [
        [(so["title"], so["domain"], so["service"]) for so in m["strategic_objectives"]] for m in d["modules"]
    ],
    "operational_objectives": lambda d: [
        [oo["title"] for oo in so["operational_objectives"]]
        for m in d["modules"]
        for so in m["strategic_objectives"]
    ],
    "results": lambda d: [oo["results"] for oo in _operational(d)],
    "indicators": lambda d: [[i["text"] for i in oo["indicators"]] for oo in _operational(d)],
    "targets": lambda d: [[i["target"] for i in oo["indicators"]] for oo in _operational(d)],
}


def _operational(data: dict) -> list[dict]:
    return [
        oo for m in data["modules"] for so in m["strategic_objectives"] for oo in so["operational_objectives"]
    ]
