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


def _wait_for_saves_begun(fd: int, n: int) -> None:
    """Block until the child has begun its n-th save: it writes one byte as each save begins."""
    got = 0
    while got < n:
        chunk = os.read(fd, n - got)
        assert chunk, "the saving child ended before it was killed"
        got += len(chunk)


def test_sigkill_during_save_never_leaves_a_broken_file(tmp_path):
    base = builders.small_document()
    docs = [_big(base, 3000, "Old"), _big(base, 3000, "New")]  # ~500 kB each: a save takes a while
    path = tmp_path / "t.consist.json"
    started = time.perf_counter()
    save_document(docs[0], path)
    one_save_s = time.perf_counter() - started  # the scale of the random delay below, not a limit
    rng = random.Random(1234)
    seen = set()
    for _ in range(ROUNDS):
        # The kill is timed from the start of a chosen save, whatever the machine's load: the child
        # saves New, Old, New... and the kill lands during (or just after) its 1st, 2nd or 3rd save.
        # By then every save before that one is complete, so the file holds each name in some round.
        saves = rng.randint(1, 3)
        delay = rng.uniform(0, one_save_s)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child saves the two versions in turn until it is killed
            try:
                os.close(read_end)
                i = 1
                while True:
                    os.write(write_end, b".")
                    save_document(docs[i % 2], path)
                    i += 1
            finally:
                os._exit(0)
        os.close(write_end)
        try:
            _wait_for_saves_begun(read_end, saves)
            time.sleep(delay)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
        doc = load_document(path)  # must not raise: complete and valid
        assert doc.name in ("Old", "New") and len(doc.consist.cars) == 3000
        seen.add(doc.name)
        for leftover in tmp_path.glob(".*.tmp"):  # a killed save may leave its temporary file: never the target
            leftover.unlink()
    assert seen == {"Old", "New"}  # kills around saves of both versions, each leaving a whole file
