"""What changed between two versions of a plan, node by node.

Nodes are matched by ``key`` (their identity, copied from one version to the next), never by
text: a reworded indicator is CHANGED (with a word-level diff), not REMOVED and ADDED.

    old = [NodeSnapshot("i1", "indicator", None, 0, "Nombre de visites : ≥ 50 /an", target_50)]
    new = [NodeSnapshot("i1", "indicator", None, 0, "Nombre de visites : ≥ 60 /an", target_60)]
    diff_trees(old, new).changes[0]
    → CHANGED, target_changed, segments: equal "Nombre de visites : ≥", delete "50",
      insert "60", equal "/an"
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any, NamedTuple

from balise.domain.interchange import target_to_dict
from balise.domain.targets import Target


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Segment(NamedTuple):
    op: Op
    words: str


@dataclass(frozen=True)
class NodeSnapshot:
    """One node of one version. ``parent_key`` is None for top-level nodes; ``extra`` holds the
    other fields worth comparing (service, domain, code…) as plain values."""

    key: str
    kind: str
    parent_key: str | None
    order: int
    text: str
    target: Target | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NodeDiff:
    key: str
    kind: str
    change: Change
    old: NodeSnapshot | None
    new: NodeSnapshot | None
    group_key: str | None = None  # the top-level node (module, thematic…) it sits under
    old_parent: str | None = None  # text of the parent in the old version, when there was one
    new_parent: str | None = None
    segments: tuple[Segment, ...] = ()  # word diff, only when the text changed
    target_changed: bool = False
    moved: bool = False
    extra_changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def node(self) -> NodeSnapshot:
        """The node as it is now (as it was, for a removed one)."""
        node = self.new or self.old
        if node is None:  # every change has its node before or after, or both
            raise ValueError("a change without its node")
        return node

    @property
    def text_changed(self) -> bool:
        return bool(self.segments)

    @property
    def reparented(self) -> bool:
        return bool(self.moved and self.old and self.new and self.old.parent_key != self.new.parent_key)


@dataclass(frozen=True)
class DiffGroup:
    key: str | None
    title: str
    kind: str
    changes: tuple[NodeDiff, ...]


@dataclass(frozen=True)
class PlanDiff:
    changes: tuple[NodeDiff, ...]  # in document order
    groups: tuple[DiffGroup, ...]  # the changes under each top-level node, only groups with changes
    unchanged: dict[str, int]  # kind → number of nodes identical in both versions

    def of(self, change: Change) -> list[NodeDiff]:
        return [c for c in self.changes if c.change == change]

    @property
    def added(self) -> list[NodeDiff]:
        return self.of(Change.ADDED)

    @property
    def removed(self) -> list[NodeDiff]:
        return self.of(Change.REMOVED)

    @property
    def changed(self) -> list[NodeDiff]:
        return self.of(Change.CHANGED)

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        tally = Counter(c.change.value for c in self.changes)
        return {
            **{change.value: tally.get(change.value, 0) for change in Change},
            "unchanged": sum(self.unchanged.values()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "unchanged": dict(sorted(self.unchanged.items())),
            "groups": [
                {
                    "key": g.key,
                    "kind": g.kind,
                    "title": g.title,
                    "changes": [_change_to_dict(c) for c in g.changes],
                }
                for g in self.groups
            ],
        }


# ---------------------------------------------------------------- the rules


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level differences, whitespace-insensitive; a replacement is a delete then an insert."""
    a, b = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment(Op.DELETE, " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment(Op.INSERT, " ".join(b[j1:j2])))
    return tuple(segments)


def text_changed(old: str, new: str) -> bool:
    # Re-wrapped or re-spaced text is the same text.
    return old.split() != new.split()


def moved_keys(old: dict[str, NodeSnapshot], new: dict[str, NodeSnapshot], rank: dict[str, int]) -> set[str]:
    """Nodes that changed parent, or changed place among the siblings that survived with them.

    Only the relative order counts: removing the first indicator shifts the ``order`` of the
    others, but does not move them. Among siblings, the longest common subsequence stays put.
    """
    moved = {k for k in old.keys() & new.keys() if old[k].parent_key != new[k].parent_key}
    stayed = [k for k in old.keys() & new.keys() if k not in moved]
    by_parent: dict[str | None, list[str]] = defaultdict(list)
    for k in stayed:
        by_parent[new[k].parent_key].append(k)
    for siblings in by_parent.values():
        before = sorted(siblings, key=lambda k: _sibling_order(old[k], rank))
        after = sorted(siblings, key=lambda k: _sibling_order(new[k], rank))
        kept: set[str] = set()
        for block in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks():
            kept.update(before[block.a : block.a + block.size])
        moved.update(k for k in siblings if k not in kept)
    return moved


def diff_trees(old: list[NodeSnapshot], new: list[NodeSnapshot]) -> PlanDiff:
    """Compare two versions of a tree. Siblings are ordered by kind (in the order the kinds first
    appear in the lists, e.g. general objectives before strategic ones) then by ``order``."""
    old_nodes, new_nodes = _index(old), _index(new)
    rank: dict[str, int] = {}
    for node in (*old_nodes.values(), *new_nodes.values()):
        rank.setdefault(node.kind, len(rank))
    moved = moved_keys(old_nodes, new_nodes, rank)
    changes: dict[str, NodeDiff] = {}
    unchanged: Counter[str] = Counter()
    for key, node in new_nodes.items():
        before = old_nodes.get(key)
        if before is None:
            changes[key] = NodeDiff(key, node.kind, Change.ADDED, None, node)
            continue
        diff = _compare(before, node, key in moved)
        if diff is None:
            unchanged[node.kind] += 1
        else:
            changes[key] = diff
    for key, node in old_nodes.items():
        if key not in new_nodes:
            changes[key] = NodeDiff(key, node.kind, Change.REMOVED, node, None)
    ordered = _document_order(old_nodes, new_nodes, rank)
    groups: dict[str | None, list[NodeDiff]] = defaultdict(list)
    in_order: list[NodeDiff] = []
    for key, group_key in ordered:
        if key in changes:
            diff = replace(
                changes[key],
                group_key=group_key,
                old_parent=_parent_text(changes[key].old, old_nodes),
                new_parent=_parent_text(changes[key].new, new_nodes),
            )
            in_order.append(diff)
            groups[group_key].append(diff)
    top = [key for key, group_key in ordered if key == group_key]
    return PlanDiff(
        changes=tuple(in_order),
        groups=tuple(
            DiffGroup(
                key, _title(key, old_nodes, new_nodes), _kind(key, old_nodes, new_nodes), tuple(groups[key])
            )
            for key in top
            if groups.get(key)
        ),
        unchanged=dict(unchanged),
    )


# ---------------------------------------------------------------- helpers


def _index(nodes: Iterable[NodeSnapshot]) -> dict[str, NodeSnapshot]:
    """Nodes by key; a key repeated within one version (a data accident) gets a suffix so no node
    is silently dropped."""
    index: dict[str, NodeSnapshot] = {}
    for node in nodes:
        key, n = node.key, 1
        while key in index:
            n += 1
            key = f"{node.key}#{n}"
        index[key] = node if key == node.key else _rekeyed(node, key)
    return index


def _rekeyed(node: NodeSnapshot, key: str) -> NodeSnapshot:
    return NodeSnapshot(key, node.kind, node.parent_key, node.order, node.text, node.target, node.extra)


def _sibling_order(node: NodeSnapshot, rank: dict[str, int]) -> tuple[int, int]:
    return rank[node.kind], node.order


def _compare(old: NodeSnapshot, new: NodeSnapshot, moved: bool) -> NodeDiff | None:
    segments = word_diff(old.text, new.text) if text_changed(old.text, new.text) else ()
    target_changed = old.target != new.target
    extra_changes = {
        name: (old.extra.get(name), new.extra.get(name))
        for name in sorted(old.extra.keys() | new.extra.keys())
        if old.extra.get(name) != new.extra.get(name)
    }
    if not (segments or target_changed or moved or extra_changes or old.kind != new.kind):
        return None
    return NodeDiff(
        new.key,
        new.kind,
        Change.CHANGED,
        old,
        new,
        segments=segments,
        target_changed=target_changed,
        moved=moved,
        extra_changes=extra_changes,
    )


def _parent_text(node: NodeSnapshot | None, nodes: dict[str, NodeSnapshot]) -> str | None:
    parent = nodes.get(node.parent_key) if node and node.parent_key else None
    return parent.text if parent else None


def _document_order(
    old: dict[str, NodeSnapshot], new: dict[str, NodeSnapshot], rank: dict[str, int]
) -> list[tuple[str, str]]:
    """(key, top-level key) of every node of both versions, depth first: the new tree, with each
    removed node put back after the sibling that preceded it in the old tree."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for key, node in new.items():
        parent = node.parent_key if node.parent_key in new else None
        children[parent].append(key)
    for siblings in children.values():
        siblings.sort(key=lambda k: _sibling_order(new[k], rank))
    old_children: dict[str | None, list[str]] = defaultdict(list)
    for key, node in old.items():
        old_children[node.parent_key if node.parent_key in old else None].append(key)
    for parent, siblings in old_children.items():
        siblings.sort(key=lambda k: _sibling_order(old[k], rank))
        merged = children[parent]
        for n, key in enumerate(siblings):
            if key in new:
                continue
            previous = next((k for k in reversed(siblings[:n]) if k in merged), None)
            merged.insert(0 if previous is None else merged.index(previous) + 1, key)
    order: list[tuple[str, str]] = []

    def visit(key: str, top: str) -> None:
        order.append((key, top))
        for child in children.get(key, ()):
            visit(child, top)

    for key in children.get(None, ()):
        visit(key, key)
    return order


def _title(key: str | None, old: dict[str, NodeSnapshot], new: dict[str, NodeSnapshot]) -> str:
    node = new.get(key) or old.get(key) if key else None
    return node.text if node else ""


def _kind(key: str | None, old: dict[str, NodeSnapshot], new: dict[str, NodeSnapshot]) -> str:
    node = new.get(key) or old.get(key) if key else None
    return node.kind if node else ""


def _plain(value: Any) -> Any:
    """JSON-friendly: Decimals and dates as strings, containers recursively."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _snapshot_to_dict(node: NodeSnapshot | None) -> dict[str, Any] | None:
    if node is None:
        return None
    return {
        "parent_key": node.parent_key,
        "order": node.order,
        "text": node.text,
        "target": target_to_dict(node.target),
        "extra": _plain(node.extra),
    }


def _change_to_dict(diff: NodeDiff) -> dict[str, Any]:
    return {
        "key": diff.key,
        "kind": diff.kind,
        "change": diff.change.value,
        "old": _snapshot_to_dict(diff.old),
        "new": _snapshot_to_dict(diff.new),
        "text_diff": [{"op": s.op.value, "words": s.words} for s in diff.segments],
        "target_changed": diff.target_changed,
        "moved": diff.moved,
        "old_parent": diff.old_parent,
        "new_parent": diff.new_parent,
        "extra_changes": {name: _plain(list(pair)) for name, pair in diff.extra_changes.items()},
    }
