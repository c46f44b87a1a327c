"""`balise.heap.long_lived_objects_frozen`: the old heap frozen during the block, and only then."""

from __future__ import annotations

import gc
import weakref

from balise.heap import long_lived_objects_frozen


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


def test_it_freezes_the_objects_that_existed_before_the_block_and_unfreezes_them_after() -> None:
    assert gc.get_freeze_count() == 0
    with long_lived_objects_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_cycles_created_inside_the_block_are_still_collected_by_the_collector_itself() -> None:
    # Nothing calls gc.collect(): the collector's own young-generation passes free them, so a long
    # document does not pile its garbage up until the end (as gc.disable() would).
    with long_lived_objects_frozen():
        refs = []
        for _ in range(20_000):
            node = _Node()
            refs.append(weakref.ref(node))
            del node
        alive = sum(1 for ref in refs if ref() is not None)
    assert alive < len(refs) // 10


def test_it_leaves_a_heap_frozen_before_the_block_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with long_lived_objects_frozen():
            pass
        # Unfreezing would empty the permanent generation; it may only lose the objects freed
        # meanwhile (another thread's), so it is not compared with its count exactly.
        assert frozen > 0 and gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
