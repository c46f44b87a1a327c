"""Import time of long documents in a layout no seed parser knows, and the memory of a PDF import.

.venv/bin/python benchmarks/import_pages.py [--pages 10] [--memory-pages 50] [--repeat 3]

Writes a plan of N pages as DOCX (python-docx: numbered headings, column tables with merged
cells) and as PDF (WeasyPrint), times `parse_file` on each (parse only, the generic recogniser),
then imports a PDF of --memory-pages pages in a child process and prints its peak memory (the
process's maximum resident set size, and Python's own peak allocations by tracemalloc).
Goals (issue 11): 10-page DOCX < 1 s, 10-page PDF < 3 s, 50-page PDF < 500 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import setup_django_without_database  # noqa: E402

PHENOMENA = ("Cambriolage", "Nuisances sociales", "Sécurité routière", "Vol de vélo", "Cybercriminalité")
DOCX_GOAL, PDF_GOAL, MEMORY_GOAL_MB = 1.0, 3.0, 500  # seconds for 10 pages; MB for 50 pages
# One module (a page printed): a strategic objective and a table of operational objectives.
ROWS = 6


def _rows(module: int) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"Mener l'action {module}.{n} auprès des habitants et des commerçants du quartier concerné",
            f"Les habitants du quartier {n} connaissent le dispositif et y participent régulièrement",
            f"Nombre de séances organisées pour l'action {module}.{n} dans l'année",
            f"≥ {10 + n}/an",
        )
        for n in range(1, ROWS + 1)
    ]


def write_docx(path: Path, modules: int) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Plan stratégique de sécurité et de prévention 2020-2025", style="Title")
    document.add_paragraph("Commune de Forest")
    for m in range(1, modules + 1):
        document.add_heading(f"{PHENOMENA[(m - 1) % len(PHENOMENA)]}", level=1)
        document.add_heading(
            f"Objectif stratégique {m}.1 : Réduire le phénomène dans le quartier {m}", level=2
        )
        table = document.add_table(rows=1, cols=4)
        for cell, text in zip(
            table.rows[0].cells,
            ("Objectif opérationnel", "Résultats attendus", "Indicateur", "Cible"),
            strict=True,
        ):
            cell.text = text
        for row in _rows(m):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        document.add_page_break()
    document.save(str(path))


def write_pdf(path: Path, modules: int) -> None:
    import weasyprint

    parts = ["<h1>Plan stratégique de sécurité et de prévention 2020-2025</h1><p>Commune de Forest</p>"]
    for m in range(1, modules + 1):
        rows = "".join(f"<tr>{''.join(f'<td>{text}</td>' for text in row)}</tr>" for row in _rows(m))
        parts.append(
            f"<h2>{m}. {PHENOMENA[(m - 1) % len(PHENOMENA)]}</h2>"
            f"<p>Objectif stratégique {m}.1 : Réduire le phénomène dans le quartier {m}</p>"
            "<table><tr><td>Objectif opérationnel</td><td>Résultats attendus</td><td>Indicateur</td>"
            f"<td>Cible</td></tr>{rows}</table>"
        )
    css = (
        "<style>@page { size: A4; margin: 2cm; @bottom-center { content: 'Page ' counter(page) } }"
        "body { font-family: DejaVu Sans; font-size: 11pt } table { border-collapse: collapse }"
        "td { border: 1px solid black; padding: 3px } h2 { page-break-before: always }</style>"
    )
    weasyprint.HTML(string=f"<html><head>{css}</head><body>{''.join(parts)}</body></html>").write_pdf(
        str(path)
    )


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def timed(path: Path, repeat: int) -> tuple[float, str, dict]:
    from balise.imports.pipeline import parse_file

    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = parse_file(path)
        runs.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(runs), result.layout, result.outline.counts()


MEMORY_CHILD = """
import resource, sys, tracemalloc
sys.path.insert(0, {root!r})
from benchmarks.harness import setup_django_without_database
setup_django_without_database()
tracemalloc.start()
from balise.imports.pipeline import parse_file
result = parse_file(__import__("pathlib").Path({path!r}))
current, peak = tracemalloc.get_traced_memory()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, peak // (1024 * 1024),
      result.outline.counts()["indicators"])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--memory-pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django_without_database()
    work = Path(tempfile.mkdtemp(prefix="balise-pages-"))
    # One printed page per module in both formats (each module starts a new page).
    modules = max(1, args.pages)
    docx_path, pdf_path = work / "plan.docx", work / "plan.pdf"
    write_docx(docx_path, modules)
    write_pdf(pdf_path, modules)
    print(f"{'document':<12}{'pages':>6}{'layout':>10}{'median s':>10}{'s/page':>8}{'goal':>10}  counts")
    for path, pages, goal in ((docx_path, None, DOCX_GOAL), (pdf_path, pdf_pages(pdf_path), PDF_GOAL)):
        seconds, layout, counts = timed(path, args.repeat)
        shown = pages or f"~{modules}"
        per_page = seconds / (pages or modules)
        # The goals are for 10 pages: scaled to the pages written.
        scaled = goal * (pages or modules) / 10
        verdict = "ok" if seconds < scaled else "MISSED"
        print(
            f"{path.name:<12}{shown!s:>6}{layout:>10}{seconds:>10.3f}{per_page:>8.3f}"
            f"{f'< {scaled:.1f} s':>10} {verdict:<7}"
            f"{counts['operational_objectives']} OO, {counts['indicators']} indicators"
        )
    big = work / "long.pdf"
    write_pdf(big, max(1, args.memory_pages))
    child = MEMORY_CHILD.format(root=str(ROOT), path=str(big))
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout
    rss, peak, indicators = out.split()
    verdict = "ok" if int(rss) < MEMORY_GOAL_MB else "MISSED"
    print(
        f"{big.name}: {pdf_pages(big)} pages, {indicators} indicators: peak RSS {rss} MB, "
        f"Python peak allocations {peak} MB (goal < {MEMORY_GOAL_MB} MB for 50 pages: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
