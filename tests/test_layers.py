"""The layers of DESIGN.md hold: the import contracts in pyproject.toml pass on this checkout (as in
CI), and each of them fails when its rule is broken."""
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The `lint-imports` command of CI, run by this interpreter (wherever its scripts are).
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    # From the checkout's folder: the command finds pyproject.toml, traintool and tools/ there.
    return subprocess.run([sys.executable, "-c", LINT_IMPORTS, "--no-cache"], cwd=root, capture_output=True,
                          text=True, timeout=120)


def test_the_checkout_keeps_every_contract():
    r = lint_imports(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def layers(container: str | None = None) -> list[set[str]]:
    """A layers contract's layers, top first, each as the set of its modules: the package's, or the one
    inside `container`."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["type"] == "layers" and c.get("containers", [None]) == [container]]
    return [{m.strip() for m in re.split(r"[|:]", layer)} for layer in contract["layers"]]


def test_the_windows_layers_cover_every_part_of_it():
    parts = {p.parent.name for p in (ROOT / "traintool" / "ui").glob("*/__init__.py")}
    assert layers("traintool.ui") == [{"app"}, {"files"}, {"train", "trip"}, {"common"}]
    assert sorted(m for layer in layers("traintool.ui") for m in layer) == sorted(parts)
    assert not [p.name for p in (ROOT / "traintool" / "ui").glob("*.py") if p.name != "__init__.py"]  # no loose module


def test_the_layers_are_those_of_design_md_and_cover_the_package():
    top = lambda *names: {f"traintool.{n}" for n in names}  # noqa: E731
    assert layers() == [top("__main__"), top("cli", "gui"), top("ui", "desktop_integration"), top("report"),
                        top("render", "io"), top("physics"), top("model"),
                        top("errors", "units", "quantities", "printable", "text", "app_paths", "numpy_threads", "sizes")]
    package = ROOT / "traintool"
    modules = {f"traintool.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"traintool.{p.parent.name}" for p in package.glob("*/__init__.py")}
    placed = [m for layer in layers() for m in layer]
    assert sorted(placed) == sorted(modules)  # each module in exactly one layer: a new one must be placed


def test_each_contract_fails_when_its_layer_is_crossed(tmp_path):
    shutil.copytree(ROOT / "traintool", tmp_path / "traintool", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    crossings = {
        "traintool/physics/resistance.py": "from PySide6.QtCore import QObject\n",  # physics imports Qt...
        "traintool/physics/running.py": "from ..io import files\n",  # ...and the file formats
        "traintool/model/edits.py": "from ..physics import refit\n",  # an edit computes a trip
        "traintool/errors.py": "from .model import limits\n",  # the base reaches up
        "traintool/render/plot_geometry.py": "from PySide6 import QtWidgets\n",  # render imports widgets...
        "traintool/render/dimensions.py": "from ..report import page_size\n",  # ...and the report
        "traintool/render/common_io.py": "from ..io import safe_write\n",  # render and io are independent
        "traintool/report/flow.py": "from ..ui.trip import recompute\n",  # report imports the window
        "traintool/desktop_integration.py": "from .ui.app import windows\n",  # not an entry point
        "traintool/ui/common/theme.py": "from ..app import windows\n",  # a shared part reaches up in the window
    }
    for name, line in crossings.items():
        path = tmp_path / name
        path.write_text((path.read_text() if path.exists() else "") + line)
    r = lint_imports(tmp_path)
    assert r.returncode == 1
    assert "Contracts: 0 kept, 4 broken." in r.stdout, r.stdout
    report = " ".join(r.stdout.split())
    assert "traintool.physics.resistance -> PySide6" in report
    assert "traintool.render.plot_geometry (l. " in report and "from PySide6 import QtWidgets" in report
    for importer, imported in [("traintool.physics.running", "traintool.io.files"),
                               ("traintool.model.edits", "traintool.physics.refit"),
                               ("traintool.errors", "traintool.model.limits"),
                               ("traintool.render.dimensions", "traintool.report.page_size"),
                               ("traintool.render.common_io", "traintool.io.safe_write"),
                               ("traintool.report.flow", "traintool.ui.trip.recompute"),
                               ("traintool.desktop_integration", "traintool.ui.app.windows"),
                               ("traintool.ui.common.theme", "traintool.ui.app.windows")]:
        assert f"{importer} -> {imported}" in report, importer
