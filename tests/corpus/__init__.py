"""A corpus of plans written the way municipalities and police zones write them, built by the tests.

    from tests.corpus import build_corpus
    for document in build_corpus(cache_dir):
        document.name, document.path, document.language, document.traits, document.expected

Every expected outline is written by hand (`tests.corpus.plans_*`), never produced by the importer;
``expected is None`` means the document is not a plan and must be refused with a clear sentence.
The files are written once per content of this package: the build directory is named after a hash
of the generator's source, so a session (or the next one) reuses it until the generator changes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from balise.domain.outline import PlanOutline
from tests.corpus.documents import SPECS
from tests.corpus.docx_parts import accepted_copy
from tests.corpus.office import convert

HERE = Path(__file__).resolve().parent
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    path: Path
    language: str
    traits: tuple[str, ...]
    expected: PlanOutline | None  # None: not a plan, to be refused
    facts: dict[str, int]  # what its writer knows: pages rendered, words hyphenated, sheets…

    @property
    def is_plan(self) -> bool:
        return self.expected is not None

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".")


def default_cache_dir() -> Path:
    return Path(os.environ.get("BALISE_CORPUS_CACHE", Path(tempfile.gettempdir()) / "balise-corpus"))


def generator_hash() -> str:
    digest = hashlib.sha256()
    for source in sorted(HERE.glob("*.py")):
        if source.name.startswith("test_") or source.name == "conftest.py":
            continue
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def build_corpus(cache_dir: Path | None = None) -> list[CorpusDocument]:
    """Write the corpus (or reuse the build of the same generator) and describe its documents."""
    root = Path(cache_dir or default_cache_dir())
    root.mkdir(parents=True, exist_ok=True)
    target = root / generator_hash()
    with open(root / ".lock", "w") as lock:  # parallel test processes build it once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / MANIFEST).exists():
            _build(target)
    facts = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    return [
        CorpusDocument(
            spec.name, target / spec.name, spec.language, spec.traits, spec.expected(), facts[spec.name]
        )
        for spec in SPECS
    ]


def _build(target: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="build-", dir=target.parent))
    try:
        facts: dict[str, dict[str, int]] = {}
        for spec in SPECS:
            if spec.write is not None:
                facts[spec.name] = spec.write(work / spec.name)
        converted = [spec for spec in SPECS if spec.source is not None]
        for to in sorted({Path(spec.name).suffix.lstrip(".") for spec in converted}):
            batch = [spec for spec in converted if spec.name.endswith(f".{to}")]
            staging = work / f"soffice-{to}"
            staging.mkdir()
            for spec in batch:  # LibreOffice names its output after the source: copy under the new name
                assert spec.source is not None
                copy = staging / f"{Path(spec.name).stem}{Path(spec.source).suffix}"
                # A PDF is exported from the final version; an ODT keeps the tracked changes.
                (accepted_copy if to == "pdf" else shutil.copy)(work / spec.source, copy)
            convert(sorted(staging.iterdir()), to, work)
            facts.update({spec.name: {} for spec in batch})
            shutil.rmtree(staging)
        for spec in converted:
            if not (work / spec.name).exists():
                raise RuntimeError(f"LibreOffice did not produce {spec.name}")
        (work / MANIFEST).write_text(json.dumps(facts, indent=1, sort_keys=True), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    finally:
        if work.exists():
            shutil.rmtree(work)
