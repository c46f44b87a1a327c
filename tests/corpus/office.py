"""Conversions by LibreOffice (Debian ``libreoffice-writer-nogui``): an outside writer, not ours.

Each call runs its own ``soffice`` with a private profile, so parallel test processes never share
(and lock) a user installation.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path


class OfficeMissing(RuntimeError):
    pass


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise OfficeMissing(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return found


def convert(sources: Sequence[Path], to: str, outdir: Path, timeout: int = 300) -> list[Path]:
    """Convert ``sources`` (one LibreOffice process for all) to ``to`` ("pdf", "odt") in ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="balise-soffice-") as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    results = [outdir / f"{source.stem}.{to}" for source in sources]
    missing = [path.name for path in results if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return results
