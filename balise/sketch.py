"""A chart as a list of shapes in pixels, written out as SVG text or drawn as a PNG with Pillow.

For the charts a document holds by the hundred (one trend per indicator), matplotlib's cost is
the figure itself, not the data: layout, text rendering and two output formats per chart. A
`Sketch` places a few lines, rectangles, dots and texts once; `svg()` writes them as text and
`png()` draws the same shapes with Pillow, with the font matplotlib ships (DejaVu Sans), so both
formats show the same chart. Texts are measured with that font, so the layout fits either way.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as Path_
from matplotlib.textpath import TextPath
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@lru_cache(maxsize=16)
def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size=max(1, round(size)))


@lru_cache(maxsize=4096)
def _glyph(char: str, size: float, bold: bool) -> str:
    """SVG path data of one character set in DejaVu Sans at ``size`` (baseline at 0, y down)."""
    if char.isspace():
        return ""
    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=size)
    path = TextPath((0, 0), char, size=size, prop=prop)
    letters = {Path_.MOVETO: "M", Path_.LINETO: "L", Path_.CURVE3: "Q", Path_.CURVE4: "C"}
    parts = []
    for vertices, code in path.iter_segments(simplify=False, curves=True):
        if code == Path_.CLOSEPOLY:
            parts.append("Z")
            continue
        pairs = zip(vertices[::2], vertices[1::2], strict=True)
        parts.append(letters[code] + " ".join(f"{x:.2f} {-y:.2f}" for x, y in pairs))
    return "".join(parts)


@lru_cache(maxsize=4096)
def _outline(text: str, size: float, bold: bool) -> tuple[tuple[tuple[float, str], ...], float]:
    """The glyphs of ``text`` as (offset from the start, path data) and the text's width.

    Glyphs are outlined once per character and size, then placed at the offsets the font gives
    the text's prefixes (kerning included): a report's charts share their few dozen characters,
    so its hundreds of titles cost no outline each."""
    measure = font(size * 4, bold)
    glyphs = []
    for n, char in enumerate(text):
        d = _glyph(char, size, bold)
        if d:  # spaces have no outline
            glyphs.append((measure.getlength(text[:n]) / 4, d))
    return tuple(glyphs), text_width(text, size, bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return font(size * 4, bold).getlength(text) / 4  # measured large: sub-pixel widths


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    colour: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 9
    colour: str = "#1d2433"
    anchor: str = "start"  # start, middle, end
    bold: bool = False


Shape = Line | Rect | Dot | Text


@dataclass
class Sketch:
    width: int
    height: int
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)

    def svg(self) -> str:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}pt" height="{self.height}pt" '
            f'viewBox="0 0 {self.width} {self.height}" font-family="DejaVu Sans, sans-serif">',
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>',
        ]
        for s in self.shapes:
            if isinstance(s, Rect):
                out.append(
                    f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" '
                    f'fill="{s.colour}"/>'
                )
            elif isinstance(s, Line):
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in s.points)
                dash = f' stroke-dasharray="{s.dash[0]:g},{s.dash[1]:g}"' if s.dash else ""
                out.append(
                    f'<polyline points="{points}" fill="none" stroke="{s.colour}" '
                    f'stroke-width="{s.width:g}"{dash} stroke-linejoin="round"/>'
                )
            elif isinstance(s, Dot):
                out.append(f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.r:g}" fill="{s.colour}"/>')
            elif isinstance(s, Text):
                # Glyph outlines, as matplotlib writes them: the SVG needs no font where it is shown.
                glyphs, advance = _outline(s.text, s.size, s.bold)
                x = s.x - {"start": 0.0, "middle": advance / 2, "end": advance}[s.anchor]
                out.append(
                    f'<g transform="translate({x:.1f},{s.y:.1f})" fill="{s.colour}">'
                    f"<title>{escape(s.text)}</title>"
                )
                out.extend(
                    f'<path d="{d}"/>' if not dx else f'<path transform="translate({dx:.2f})" d="{d}"/>'
                    for dx, d in glyphs
                )
                out.append("</g>")
        out.append("</svg>")
        return "\n".join(out)

    def png(self, scale: float = 1.44) -> bytes:
        image = Image.new("RGB", (round(self.width * scale), round(self.height * scale)), "#ffffff")
        draw = ImageDraw.Draw(image)
        for s in self.shapes:
            if isinstance(s, Rect):
                draw.rectangle(
                    [s.x * scale, s.y * scale, (s.x + s.w) * scale, (s.y + s.h) * scale], fill=s.colour
                )
            elif isinstance(s, Line):
                points = [(x * scale, y * scale) for x, y in s.points]
                width = max(1, round(s.width * scale))
                if s.dash:
                    for segment in _dashes(points, s.dash[0] * scale, s.dash[1] * scale):
                        draw.line(segment, fill=s.colour, width=width)
                elif len(points) > 1:
                    draw.line(points, fill=s.colour, width=width, joint="curve")
            elif isinstance(s, Dot):
                r = s.r * scale
                draw.ellipse(
                    [s.x * scale - r, s.y * scale - r, s.x * scale + r, s.y * scale + r], fill=s.colour
                )
            elif isinstance(s, Text):
                anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
                draw.text(
                    (s.x * scale, s.y * scale),
                    s.text,
                    fill=s.colour,
                    font=font(s.size * scale, s.bold),
                    anchor=anchor,
                )
        out = io.BytesIO()
        # zlib's fastest level: a report encodes a hundred of these, and the file is only ~40 % larger.
        image.save(out, format="PNG", optimize=False, compress_level=1)
        return out.getvalue()


def _dashes(points: list[tuple[float, float]], on: float, off: float) -> Iterator[list[tuple[float, float]]]:
    """Straight dashed segments along a polyline (enough for horizontal target lines)."""
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        travelled = 0.0
        while travelled < length:
            end = min(travelled + on, length)
            a, b = travelled / length, end / length
            yield [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)]
            travelled = end + off


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 × 10ⁿ) up to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks
