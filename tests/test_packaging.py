"""resources/ ships inside the wheel and is found both from the checkout and from an installed wheel."""
import subprocess
import sys
import zipfile
from pathlib import Path

from traintool.app_paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent


def test_resources_found_from_the_checkout():
    assert (resources_dir() / "catalogue.json").is_file()
    assert list((resources_dir() / "routes").glob("*.route.json"))
    assert list((resources_dir() / "samples").glob("*.consist.json"))


def test_resources_found_from_an_installed_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, cwd=tmp_path, capture_output=True)
    wheel = next(tmp_path.glob("traintool-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.relative_to(ROOT / "resources").as_posix()
                     for p in (ROOT / "resources").rglob("*.json"))
    assert shipped and all(f"traintool/resources/{s}" in names for s in shipped)
    # Every module of the checkout ships: a package left out of pyproject's list only fails here.
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "traintool").rglob("*.py"))
    assert [m for m in modules if m not in names] == []
    # What a packager reads: the type hints are public (PEP 561), the licence text ships, and the two programs.
    assert "traintool/py.typed" in names
    wheel_zip = zipfile.ZipFile(wheel)
    license_text = next(wheel_zip.read(n).decode() for n in names if n.endswith("/LICENSE"))
    assert license_text.startswith("MIT License") and "the traintool authors" in license_text
    metadata = next(wheel_zip.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in metadata and "Typing :: Typed" in metadata
    entry_points = next(wheel_zip.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    sections = entry_points.split("[")
    assert any(s.startswith("console_scripts]") and "traintool = traintool.cli:main" in s for s in sections)
    assert any(s.startswith("gui_scripts]") and "traintool-gui = traintool.gui:main" in s for s in sections)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # A fresh interpreter that sees only the unpacked wheel, not the checkout.
    out = subprocess.run(
        [sys.executable, "-c", "from traintool.app_paths import resources_dir; import traintool.io as io;"
         "print(resources_dir()); print(len(io.catalogue())); print(io.default_document().name)"],
        cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    where, count, name = out.stdout.splitlines()
    assert Path(where).is_relative_to(site)
    assert int(count) >= 16 and name


def test_ci_runs_the_readmes_test_command_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.endswith("-m pytest") and "pip install" in line]
    assert len(commands) == 1, commands  # the one test command
    assert commands[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
