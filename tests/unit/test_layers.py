"""The layers of docs/architecture.md run one way: import-linter checks the contract of
pyproject.toml (``[tool.importlinter]``), imports inside functions included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(config)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_balise(tmp_path: Path) -> Path:
    """The Python sources of balise and the project's contract, copied under tmp_path."""
    shutil.copytree(
        ROOT / "balise",
        tmp_path / "balise",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
        ],
    )
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    lines = ["[importlinter]", f"root_package = {contract['root_package']}"]
    for entry in contract["contracts"]:
        lines.append(f"[importlinter:contract:{entry['id']}]")
        for key, value in entry.items():
            if key == "id":
                continue
            if isinstance(value, list):
                value = "".join(f"\n    {item}" for item in value)
            lines.append(f"{key} = {value}")
    (tmp_path / ".importlinter").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / ".importlinter"


def test_balise_keeps_its_layer_contract():
    result = lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_the_copy_the_next_test_breaks_keeps_the_contract(tmp_path):
    config = copy_of_balise(tmp_path)
    result = lint_imports(tmp_path, config)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_up_the_layers_breaks_the_contract_even_inside_a_function(tmp_path):
    config = copy_of_balise(tmp_path)
    (tmp_path / "balise" / "domain" / "shortcut.py").write_text(
        "def status_page():\n    from balise.web import views\n\n    return views\n", encoding="utf-8"
    )
    result = lint_imports(tmp_path, config)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "balise.domain is not allowed to import balise.web" in result.stdout
    assert "balise.domain.shortcut -> balise.web.views (l.2)" in result.stdout


def picture_rows(markdown: str) -> list[str]:
    """The rows of the first box drawing of docs/architecture.md, top to bottom, written as the
    contract writes a layer: the packages of the row joined by `` | ``."""
    drawing = markdown.split("```\n", 2)[1]
    rows = []
    for line in drawing.splitlines():
        if "│" in line:
            cells = line.split("│")[1:-1]  # before the first bar: the label; after the last: the notes
            rows.append(" | ".join(cell.split()[0] for cell in cells))
    return rows


def test_the_picture_of_the_layers_is_the_contract():
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [entry["layers"] for entry in contract["contracts"] if entry["id"] == "layers"]
    picture = picture_rows((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"))
    assert picture == layers
