"""A save killed at any moment leaves the old document or the new one on disk, complete and loadable."""
import os
import random
import signal
import time

from traintool.io import load_document, save_document
from traintool.model import Car, Consist
import builders

ROUNDS = int(os.environ.get("TRAINTOOL_KILL_ROUNDS", "300"))


def _big(doc, n, name):
    cars = [Car(type_id="coach", name=f"{name} coach {i}") for i in range(n)]
    return doc.model_copy(update={"name": name, "consist": Consist(cars=cars)})


def test_sigkill_during_save_never_leaves_a_broken_file(tmp_path):
    base = builders.small_document()
    docs = [_big(base, 3000, "Old"), _big(base, 3000, "New")]  # ~500 kB each: a save takes a while
    path = tmp_path / "t.consist.json"
    save_document(docs[0], path)
    rng = random.Random(1234)
    seen = set()
    for _ in range(ROUNDS):
        pid = os.fork()
        if pid == 0:  # the child saves the two versions in turn until it is killed
            try:
                i = 1
                while True:
                    save_document(docs[i % 2], path)
                    i += 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        doc = load_document(path)  # must not raise: complete and valid
        assert doc.name in ("Old", "New") and len(doc.consist.cars) == 3000
        seen.add(doc.name)
        for leftover in tmp_path.glob(".*.tmp"):  # a killed save may leave its temporary file: never the target
            leftover.unlink()
    assert seen == {"Old", "New"}  # the kills did land mid-way through saves of both versions
