"""The one rendering path: a chart drawn once per content (data, labels, colours), kept in an
in-process LRU backed by files under ``settings.VAR_DIR / "charts"``; matplotlib figures one at a
time (its rcParams are global), shapes (`balise.sketch`) without a lock."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: never a GUI backend on a server

from django.conf import settings
from matplotlib.figure import Figure

from balise.charts.model import _RC, RENDER_VERSION, Chart
from balise.sketch import Sketch

RENDERS: Counter[str] = Counter()  # how many times each kind was actually drawn (tests, metrics)
_MEMORY: OrderedDict[str, Chart] = OrderedDict()
_MEMORY_SIZE = 256
_LOCK = threading.Lock()  # matplotlib's rcParams are global: one drawing at a time


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal | float):
        return str(Decimal(str(value)).normalize())
    return value


def content_key(kind: str, payload: object) -> str:
    spec = json.dumps({"kind": kind, "v": RENDER_VERSION, "data": _plain(payload)}, sort_keys=True)
    return hashlib.sha256(spec.encode("utf-8")).hexdigest()


def _cache_dir() -> Path | None:

    if not settings.configured or not getattr(settings, "VAR_DIR", None):
        return None
    return Path(settings.VAR_DIR) / "charts"


def _remember(chart: Chart) -> None:
    with _LOCK:
        _MEMORY[chart.key] = chart
        _MEMORY.move_to_end(chart.key)
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)


def cached_chart(key: str) -> Chart | None:
    """The chart rendered earlier for this content hash (memory, then files), or None."""
    with _LOCK:
        chart = _MEMORY.get(key)
    if chart is not None:
        return chart
    folder = _cache_dir()
    if folder is None or len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
        return None
    try:
        chart = Chart(
            key=key,
            png=(folder / f"{key}.png").read_bytes(),
            svg=(folder / f"{key}.svg").read_text(encoding="utf-8"),
            alt=(folder / f"{key}.txt").read_text(encoding="utf-8"),
        )
    except OSError:
        return None
    _remember(chart)
    return chart


def clear_memory() -> None:
    with _LOCK:
        _MEMORY.clear()


def _store(chart: Chart) -> None:
    folder = _cache_dir()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        # Written under temporary names then renamed, so a reader never sees half a file.
        for suffix, content in (("png", chart.png), ("svg", chart.svg.encode()), ("txt", chart.alt.encode())):
            tmp = folder / f".{chart.key}.{suffix}.{threading.get_ident()}"
            tmp.write_bytes(content)
            tmp.replace(folder / f"{chart.key}.{suffix}")
    _remember(chart)


def sketched(kind: str, payload: object, alt: str, draw: Callable[[], Sketch]) -> Chart:
    """Like `draw_chart`, for a chart drawn as shapes (`balise.sketch`): no figure, no lock."""
    key = content_key(kind, {"payload": payload, "alt": alt})
    chart = cached_chart(key)
    if chart is not None:
        return chart
    RENDERS[kind] += 1
    sketch = draw()
    chart = Chart(key=key, png=sketch.png(), svg=sketch.svg(), alt=alt)
    _store(chart)
    return chart


def draw_chart(
    kind: str, payload: object, alt: str, size: tuple[float, float], draw: Callable[[Figure], None]
) -> Chart:
    key = content_key(kind, {"payload": payload, "alt": alt})
    chart = cached_chart(key)
    if chart is not None:
        return chart
    with _LOCK, matplotlib.rc_context(_RC):
        RENDERS[kind] += 1
        figure = Figure(figsize=size, dpi=100, layout="constrained")
        draw(figure)
        png, svg = io.BytesIO(), io.StringIO()
        # zlib's fastest level (as `balise.sketch`): the encoding, not the drawing, was the cost.
        figure.savefig(
            png, format="png", dpi=144, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
        )
        # The layout the PNG was drawn with is kept for the SVG rather than solved again: a second
        # constrained-layout pass was a quarter of a chart's cost and moves nothing.
        figure.set_layout_engine("none")
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    chart = Chart(key=key, png=png.getvalue(), svg=svg.getvalue(), alt=alt)
    _store(chart)
    return chart
