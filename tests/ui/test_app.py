"""Starting the app: the default document, a file argument, --screenshot, --exit-after-show."""
import subprocess
import sys

from PySide6.QtGui import QImage


def test_screenshot_renders_the_whole_train_at_1600x1000(tmp_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "traintool", "--screenshot", str(out)], capture_output=True, text=True,
                       timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                         "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    colors = {img.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 23)}
    assert len(colors) > 20  # not blank


def test_exit_after_show(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "traintool", "--exit-after-show"], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stderr
