"""install-desktop writes the entry, icon and MIME types into the user's XDG data folder, idempotently."""
import configparser
import xml.etree.ElementTree as ET

from traintool.cli import main


def test_install_and_uninstall_in_a_temporary_xdg_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop"]) == 0  # idempotent
    out = capsys.readouterr().out
    desktop = tmp_path / "applications" / "traintool.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "traintool.svg"
    mime = tmp_path / "mime" / "packages" / "traintool.xml"
    assert all(str(p) in out for p in (desktop, icon, mime))
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(desktop)
    e = entry["Desktop Entry"]
    assert e["Type"] == "Application" and e["Icon"] == "traintool" and e["Exec"].endswith(" %F")
    assert "application/x-traintool-consist+json" in e["MimeType"]
    assert ET.parse(icon).getroot().tag.endswith("svg")
    globs = [g.get("pattern") for g in ET.parse(mime).getroot().iter("{http://www.freedesktop.org/standards/shared-mime-info}glob")]
    assert globs == ["*.consist.json", "*.route.json"]
    assert main(["uninstall-desktop"]) == 0
    assert not desktop.exists() and not icon.exists() and not mime.exists()
    assert main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out
