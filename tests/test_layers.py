"""The layers of DESIGN.md hold: the import contracts in pyproject.toml pass on this checkout (as in
CI), and each of them fails when its rule is broken."""
import shutil
import subprocess
import sys
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


def test_each_contract_fails_when_its_layer_is_crossed(tmp_path):
    shutil.copytree(ROOT / "traintool", tmp_path / "traintool", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    crossings = {
        "traintool/physics/resistance.py": "from PySide6.QtCore import QObject\n",  # physics imports Qt
        "traintool/render/plot_geometry.py": "from PySide6 import QtWidgets\n",  # render imports widgets...
        "traintool/render/dimensions.py": "from ..report import page_size\n",  # ...and the report
        "traintool/report/flow.py": "from ..ui import recompute\n",  # report imports the window
        "traintool/desktop_integration.py": "from .ui import windows\n",  # not an entry point
    }
    for name, line in crossings.items():
        path = tmp_path / name
        path.write_text(path.read_text() + line)
    r = lint_imports(tmp_path)
    assert r.returncode == 1
    assert "Contracts: 0 kept, 5 broken." in r.stdout, r.stdout
    report = " ".join(r.stdout.split())
    assert "traintool.physics.resistance -> PySide6" in report
    assert "traintool.render.plot_geometry (l. " in report and "from PySide6 import QtWidgets" in report
    assert "traintool.render.dimensions -> traintool.report.page_size" in report
    assert "traintool.report.flow -> traintool.ui.recompute" in report
    assert "traintool.desktop_integration -> traintool.ui.windows" in report
