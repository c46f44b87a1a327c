"""The shape of balise's code: functions short enough to read at once, imports at the top.

- A function (or method) is at most ``MAX_LINES`` lines, decorators excluded, docstring included
  (issue 17 broke the last of the longer ones).
- An import inside a function is there only to load a heavy optional library late, and says so
  on the comment line right above it (or above the run of imports it begins): ``# Late: <library>
  … ; only <what> needs it.`` naming the library it loads. Django's own rules are the exceptions:
  an app's ``ready()`` (models load after the app configs), migrations, and the CLI (commands
  import models only once ``main`` has configured Django).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BALISE = ROOT / "balise"
MAX_LINES = 60

# Imports of balise's own modules inside functions that still break an import cycle; each may only
# go away, no new one may come.
CYCLES: dict[str, str] = {}


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def long_functions(folder: Path, root: Path) -> dict[str, int]:
    found = {}
    for path in python_files(folder):
        for function in functions(ast.parse(path.read_text(encoding="utf-8"))):
            length = (function.end_lineno or function.lineno) - function.lineno + 1
            if length > MAX_LINES:
                found[f"{path.relative_to(root).as_posix()}:{function.name}"] = length
    return found


def unexplained_late_imports(folder: Path, root: Path) -> list[str]:
    """``path:line: statement`` for every import inside a function that is not one of the
    exceptions of the module docstring and whose comment does not name what it loads late."""
    found = []
    for path in python_files(folder):
        relative = path.relative_to(root).as_posix()
        if relative == "balise/cli.py":
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for function in functions(ast.parse(source)):
            if path.name == "apps.py" and function.name == "ready":
                continue
            imports = [n for n in ast.walk(function) if isinstance(n, ast.Import | ast.ImportFrom)]
            for statement in imports:
                modules = (
                    [alias.name for alias in statement.names]
                    if isinstance(statement, ast.Import)
                    else [statement.module or ""]
                )
                if relative in CYCLES and all(m.startswith("balise.") for m in modules):
                    continue
                if not _explained(lines, statement.lineno, modules):
                    found.append(f"{relative}:{statement.lineno}: {lines[statement.lineno - 1].strip()}")
    return found


def _explained(lines: list[str], lineno: int, modules: list[str]) -> bool:
    """The comment above the run of imports that holds line ``lineno`` starts with ``# Late:``
    and names the top package of each module imported."""
    above = lineno - 2  # index of the line above
    while above >= 0 and lines[above].lstrip().startswith(("import ", "from ")):
        above -= 1
    comment: list[str] = []
    while above >= 0 and lines[above].lstrip().startswith("#"):
        comment.insert(0, lines[above].strip())
        above -= 1
    if not comment or not comment[0].startswith("# Late:"):
        return False
    text = " ".join(comment).lower()
    return all(module.split(".")[0].lower() in text for module in modules)


def test_no_function_in_balise_is_longer_than_60_lines():
    found = long_functions(BALISE, ROOT)
    assert not found, f"break these where a name explains the part: {found}"


def test_every_import_inside_a_function_names_the_heavy_library_it_loads_late():
    assert unexplained_late_imports(BALISE, ROOT) == []


def test_every_cycle_still_listed_is_still_broken_by_a_late_import():
    late = {
        path.relative_to(ROOT).as_posix()
        for path in python_files(BALISE)
        for function in functions(ast.parse(path.read_text(encoding="utf-8")))
        for n in ast.walk(function)
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("balise.")
    }
    assert set(CYCLES) <= late, f"no late import left, take them off CYCLES: {sorted(set(CYCLES) - late)}"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "balise").mkdir()
    return tmp_path / "balise"


def test_a_function_of_61_lines_is_reported(package: Path):
    body = "".join(f"    x{n} = {n}\n" for n in range(59))
    (package / "shape.py").write_text(f"def long():\n{body}    return 0\n", encoding="utf-8")
    assert long_functions(package, package.parent) == {"balise/shape.py:long": 61}


def test_a_function_of_60_lines_is_not_reported(package: Path):
    body = "".join(f"    x{n} = {n}\n" for n in range(58))
    (package / "shape.py").write_text(f"def short():\n{body}    return 0\n", encoding="utf-8")
    assert long_functions(package, package.parent) == {}


def test_a_late_import_without_its_reason_is_reported(package: Path):
    (package / "render.py").write_text(
        "def render():\n    import weasyprint\n\n    return weasyprint\n", encoding="utf-8"
    )
    assert unexplained_late_imports(package, package.parent) == ["balise/render.py:2: import weasyprint"]


def test_a_late_import_whose_reason_names_another_library_is_reported(package: Path):
    (package / "render.py").write_text(
        "def render():\n    # Late: openpyxl is slow to import.\n    import weasyprint\n\n"
        "    return weasyprint\n",
        encoding="utf-8",
    )
    assert unexplained_late_imports(package, package.parent) == ["balise/render.py:3: import weasyprint"]


def test_a_late_import_of_balise_itself_is_reported(package: Path):
    (package / "views.py").write_text(
        "def page():\n    from balise.plans.models import Plan\n\n    return Plan\n", encoding="utf-8"
    )
    assert unexplained_late_imports(package, package.parent) == [
        "balise/views.py:2: from balise.plans.models import Plan"
    ]


def test_a_late_import_with_its_reason_passes(package: Path):
    (package / "render.py").write_text(
        "def render():\n"
        "    # Late: WeasyPrint (Pango, fonts) takes seconds to import; only PDF rendering needs it.\n"
        "    from weasyprint import HTML\n"
        "    from weasyprint.urls import URLFetcher\n\n"
        "    return HTML, URLFetcher\n",
        encoding="utf-8",
    )
    assert unexplained_late_imports(package, package.parent) == []
