"""Starting the app as `traintool` does: the default document, a file argument, --screenshot, --exit-after-show."""
import subprocess
import sys

from PySide6.QtGui import QImage


def run(tmp_path, *args, before=""):
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", before + "import sys; from traintool.ui.app.app import run_gui; "
                           "sys.exit(run_gui(sys.argv[1:]))", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_screenshot_renders_the_whole_train_at_1600x1000(tmp_path):
    out = tmp_path / "shot.png"
    r = run(tmp_path, "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    colors = {img.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 23)}
    assert len(colors) > 20  # not blank
    written = [f.read_text() for f in tmp_path.rglob("*.conf")]
    assert not any("geometry" in text for text in written)  # the user's saved window layout is left alone


def test_screenshot_of_a_file_that_does_not_load_fails_with_the_reason(tmp_path):
    bad = tmp_path / "bad.consist.json"
    bad.write_text("{")
    r = run(tmp_path, str(bad), "--screenshot", str(tmp_path / "x.png"))
    assert r.returncode == 2 and str(bad) in r.stderr and not (tmp_path / "x.png").exists()


def test_exit_after_show_with_a_file_and_with_a_bad_one(tmp_path):
    from traintool.io import default_document, save_document

    good = tmp_path / "good.consist.json"
    save_document(default_document(), good)
    r = run(tmp_path, str(good), "--exit-after-show")
    assert r.returncode == 0, r.stderr
    r = run(tmp_path, str(tmp_path / "missing.consist.json"), "--exit-after-show")
    assert r.returncode == 0 and "missing.consist.json" in r.stderr  # said, and the default train opened instead


def test_exit_after_show_fails_when_part_of_the_first_window_cannot_be_built(tmp_path):
    # As in a bundle that left a module out: the plots fail to import just after the show.
    r = run(tmp_path, "--exit-after-show", before="import sys; sys.modules['pyqtgraph'] = None; ")
    assert r.returncode == 1
    assert "pyqtgraph" in r.stderr and "Traceback" in r.stderr
    assert list(tmp_path.rglob("crash-logs/crash-*.log"))  # logged, no dialog waited for


def test_exit_after_show_fails_and_quits_when_the_document_cannot_be_set_up(tmp_path):
    # The frame is on screen; what fills it raises: the start fails with the error, it does not hang.
    # (The catalogue dock's widget raises: the catalogue itself is read already when the document's route loads.)
    r = run(tmp_path, "--exit-after-show",
            before="import traintool.ui.train.catalogue as c; c.CatalogueWidget.__init__ = lambda *a, **k: 1 / 0; ")
    assert r.returncode == 1
    assert "ZeroDivisionError" in r.stderr and "set_up" in r.stderr


def test_screenshot_never_writes_through_another_users_symlink_nor_into_a_fifo(tmp_path, as_another_user):
    import os

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    link = shared / "shot.png"
    link.symlink_to(victim)
    os.lchown(link, 65534, 65534)  # planted by user nobody
    r = run(tmp_path, "--screenshot", str(link))
    assert r.returncode == 2 and "symlink of another user" in r.stderr
    assert victim.read_text() == "precious" and link.is_symlink()
    fifo = shared / "fifo.png"
    os.mkfifo(fifo)
    r = run(tmp_path, "--screenshot", str(fifo))
    assert r.returncode == 2 and "not a regular file" in r.stderr


def test_screenshot_never_follows_a_symlink_even_of_ones_own(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "shot.png"
    link.symlink_to(victim)
    r = run(tmp_path, "--screenshot", str(link))
    assert r.returncode == 2 and "symlink" in r.stderr and "Traceback" not in r.stderr
    assert victim.read_text() == "precious" and link.is_symlink()
