"""A user's corrections, as data replayed on the document they were made on and on its siblings.

``roles`` fixes the role of one unit (by its id in this document); ``joins`` glues units onto
the first of each group (a cell cut in two by a page break); ``splits`` cuts a unit at character
offsets (two indicators in one line), the pieces getting the ids ``b12``, ``b12#1``…;
``labels`` and ``styles`` say what a label or a Word paragraph style means in this
municipality's template, and carry over to its next document. JSON, documented in ``docs/import-mapping.md``::

    {"version": 1,
     "roles": {"b12": "indicator", "t2.r3.c1.p0": "target"},
     "joins": [["b40", "b41"]],
     "splits": {"b7": [42]},
     "labels": {"Actiepunt": "operational_objective"},
     "styles": {"Titre OS": "strategic_objective"}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from balise import errors
from balise.imports.recognise.vocabulary import Role

VERSION = 1


class MappingError(errors.Invalid):
    """A mapping file that cannot be used; the message names the field."""


@dataclass
class Mapping:
    roles: dict[str, Role] = field(default_factory=dict)
    joins: list[list[str]] = field(default_factory=list)
    splits: dict[str, list[int]] = field(default_factory=dict)
    labels: dict[str, Role] = field(default_factory=dict)
    styles: dict[str, Role] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": VERSION,
                "roles": {k: v.value for k, v in self.roles.items()},
                "joins": self.joins,
                "splits": self.splits,
                "labels": {k: v.value for k, v in self.labels.items()},
                "styles": {k: v.value for k, v in self.styles.items()},
            },
            ensure_ascii=False,
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MappingError(
                _("not valid JSON (line %(line)s, column %(column)s: %(reason)s)")
                % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
            ) from None
        if not isinstance(data, dict):
            raise MappingError(_("a mapping is a JSON object"))
        if data.get("version", VERSION) != VERSION:
            raise MappingError(
                _("version: %(version)r is not supported (expected %(expected)s)")
                % {"version": data.get("version"), "expected": VERSION}
            )
        joins = data.get("joins", [])
        if not isinstance(joins, list) or not all(
            isinstance(g, list) and all(isinstance(i, str) for i in g) for g in joins
        ):
            raise MappingError(_("joins: expected a list of lists of unit ids"))
        splits = data.get("splits", {})
        if not isinstance(splits, dict) or not all(
            isinstance(v, list) and all(isinstance(n, int) and n > 0 for n in v) for v in splits.values()
        ):
            raise MappingError(_("splits: expected an object of unit id → list of character offsets"))
        return cls(
            roles=_roles(data, "roles"),
            joins=joins,
            splits={str(k): sorted(v) for k, v in splits.items()},
            labels=_roles(data, "labels"),
            styles=_roles(data, "styles"),
        )

    def merged(self, other: Mapping) -> Mapping:
        """``other``'s entries over this one's."""
        return Mapping(
            {**self.roles, **other.roles},
            [*self.joins, *other.joins],
            {**self.splits, **other.splits},
            {**self.labels, **other.labels},
            {**self.styles, **other.styles},
        )


def _roles(data: dict, key: str) -> dict[str, Role]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise MappingError(_("%(field)s: expected an object of name → role") % {"field": key})
    out: dict[str, Role] = {}
    for name, role in value.items():
        try:
            out[str(name)] = Role(role)
        except ValueError:
            choices = ", ".join(r.value for r in Role)
            raise MappingError(
                _("%(field)s: %(role)r is not a role (choose one of %(choices)s)")
                % {"field": f"{key}.{name}", "role": role, "choices": choices}
            ) from None
    return out
