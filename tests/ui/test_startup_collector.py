"""Start-up leaves the garbage collector off until the window is ready, then on for the session;
nothing is spawned to open the first window (the range's processes start later, when asked)."""
import json
import subprocess
import sys

PROBED = """
import gc, json, multiprocessing, sys
from PySide6.QtWidgets import QApplication
from traintool.ui.trip import compute_process
from traintool.ui.app import main_window
from traintool.ui.app.app import run_gui

seen = {}
set_up, show = main_window.MainWindow.set_up, main_window.MainWindow.showEvent

def probed_set_up(self, *args):
    seen["collecting during set-up"] = gc.isenabled()
    set_up(self, *args)

def probed_show(self, event):
    show(self, event)
    QApplication.instance().aboutToQuit.connect(lambda: seen.setdefault("collecting once ready", gc.isenabled()))

main_window.MainWindow.set_up, main_window.MainWindow.showEvent = probed_set_up, probed_show
rc = run_gui(sys.argv[1:])
seen.update(rc=rc, collecting_after=gc.isenabled(), pools=sorted(compute_process._pools),
            children=len(multiprocessing.active_children()))
print(json.dumps(seen))
"""


def test_the_collector_waits_for_the_window_then_collects_and_nothing_is_spawned(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)}
    r = subprocess.run([sys.executable, "-c", PROBED, "--exit-after-show"], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    assert seen == {"rc": 0, "collecting during set-up": False, "collecting once ready": True,
                    "collecting_after": True, "pools": [], "children": 0}
