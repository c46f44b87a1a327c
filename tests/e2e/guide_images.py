"""The user guide's pictures (``/guide/``) from the screenshots the browser tests write.

The browser tests (``tests/e2e/test_cycle_e2e.py``, ``test_grid_e2e.py``, French run) save full-size
screenshots under ``artifacts/e2e/finish-*.png``; the guide ships them small, as JPEG, in its
static files. After a change of those pages, run the browser tests, then::

    .venv/bin/python -m tests.e2e.guide_images
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "artifacts" / "e2e"
TARGET = ROOT / "balise" / "web" / "static" / "balise" / "guide"
PICTURES = ("worklist", "grid", "evaluation-form")
WIDTH = {"laptop": 960, "phone": 390}
TALLEST = 1600  # a phone's full page is cut to its first screens


def convert() -> list[Path]:
    written = []
    for name in PICTURES:
        for size, width in WIDTH.items():
            with Image.open(SOURCE / f"finish-{name}-{size}.png") as shot:
                picture = shot.convert("RGB")
            height = round(picture.height * width / picture.width)
            picture = picture.resize((width, height), Image.Resampling.LANCZOS)
            picture = picture.crop((0, 0, width, min(height, TALLEST)))
            target = TARGET / f"{name}-{size}.jpg"
            picture.save(target, "JPEG", quality=78, optimize=True, progressive=True)
            written.append(target)
    return written


if __name__ == "__main__":
    for path in convert():
        print(path.relative_to(ROOT), path.stat().st_size // 1024, "KB")
