"""The one writer (traintool.io.safe_write): modes kept, symlinks and devices handled, a full disk
and long names survived, the backup never truncated nor written through someone's symlink."""
import json
import os
import stat

import pytest

from conftest import fill_up
from traintool.errors import SaveError
from traintool.io import load_document, save_document, write_file
from traintool.io.safe_write import NAME_MAX, private_folder
from traintool.model import Car, Consist
import builders


def _mode(p) -> int:
    return stat.S_IMODE(os.lstat(p).st_mode)


def _leftovers(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".tmp"))


def _plant(link, target) -> None:
    """A symlink of user nobody's, as another user would leave in a shared folder (chown needs root:
    the tests that use it take the as_another_user fixture, which skips elsewhere)."""
    link.symlink_to(target)
    os.lchown(link, 65534, 65534)


def _big(name: str, n: int):
    doc = builders.small_document()
    return doc.model_copy(update={"name": name, "consist": Consist(cars=[Car(type_id="coach", name=f"{name} {i}")
                                                                          for i in range(n)])})


def test_saving_keeps_a_private_documents_mode_and_its_backups(tmp_path, small_document):
    path = tmp_path / "t.consist.json"
    save_document(small_document, path)
    path.chmod(0o600)
    save_document(small_document.model_copy(update={"name": "Second"}), path)
    save_document(small_document.model_copy(update={"name": "Third"}), path)
    assert _mode(path) == 0o600
    assert _mode(tmp_path / "t.consist.json~") == 0o600
    assert load_document(tmp_path / "t.consist.json~").name == "Second"


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, small_document, umask, expected):
    old = os.umask(umask)
    try:
        save_document(small_document, tmp_path / "t.consist.json")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "t.consist.json") == expected


def test_private_files_are_0600_in_a_0700_folder(tmp_path):
    folder = private_folder(tmp_path / "recovery")
    write_file(folder / "r.json", "{}", private=True)
    assert _mode(folder) == 0o700 and _mode(folder / "r.json") == 0o600
    (tmp_path / "open").mkdir(mode=0o755)
    (tmp_path / "open").chmod(0o755)
    assert _mode(private_folder(tmp_path / "open")) == 0o700  # one of ours left open is closed


def test_a_private_folder_of_another_user_or_a_symlink_is_refused(tmp_path, as_another_user):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError, match="not a folder"):
        private_folder(tmp_path / "link")
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    with pytest.raises(OSError, match="another user"):
        private_folder(theirs)


def test_saving_through_a_symlink_writes_the_file_it_points_to(tmp_path, small_document):
    real = tmp_path / "real" / "t.consist.json"
    real.parent.mkdir()
    save_document(small_document, real)
    link = tmp_path / "link.consist.json"
    link.symlink_to(real)
    written = save_document(small_document.model_copy(update={"name": "Through the link"}), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert written == real and load_document(real).name == "Through the link"
    assert load_document(real.with_name("t.consist.json~")) == small_document  # the backup beside the real file


def test_a_symlink_to_nothing_is_refused(tmp_path, small_document):
    link = tmp_path / "t.consist.json"
    link.symlink_to(tmp_path / "victim" / "created-here")
    with pytest.raises(SaveError, match="symlink to a file that does not exist"):
        save_document(small_document, link)


def test_another_users_symlink_as_the_backup_is_replaced_not_followed(tmp_path, small_document, as_another_user):
    """A shared folder (0777): another user plants `NAME~` -> a file of ours. Saving must not
    write the old document into that file."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    path = shared / "t.consist.json"
    save_document(small_document, path)
    _plant(shared / "t.consist.json~", victim)
    assert os.lstat(shared / "t.consist.json~").st_uid == 65534
    save_document(small_document.model_copy(update={"name": "Second"}), path)
    assert victim.read_text() == "precious"
    backup = shared / "t.consist.json~"
    assert not backup.is_symlink() and load_document(backup) == small_document


def test_another_users_symlink_as_the_target_is_not_followed(tmp_path, as_another_user):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    _plant(shared / "shot.png", victim)
    with pytest.raises(SaveError, match="symlink of another user"):
        write_file(shared / "shot.png", b"picture")
    assert victim.read_text() == "precious"


def test_a_planted_temporary_name_is_never_opened(tmp_path, small_document, monkeypatch):
    """Every temporary name is created with O_EXCL | O_NOFOLLOW: one already there (a symlink
    to our file) is skipped, not written through."""
    from traintool.io import safe_write

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    names = iter([".t.consist.json.planted.tmp", ".t.consist.json.planted.tmp", ".t.consist.json.fresh.tmp"])
    monkeypatch.setattr(safe_write, "_temp_name", lambda name: next(names))
    (tmp_path / ".t.consist.json.planted.tmp").symlink_to(victim)
    save_document(small_document, tmp_path / "t.consist.json")
    assert victim.read_text() == "precious"
    assert load_document(tmp_path / "t.consist.json") == small_document


@pytest.mark.parametrize("kind", ["fifo", "char device", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused_and_left_alone(tmp_path, small_document, kind):
    target = tmp_path / "out.consist.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root (CI runs as root)")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a /dev/full of our own
    before = os.lstat(target)
    with pytest.raises(SaveError, match="not a regular file|it is a folder"):
        save_document(small_document, target)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert _leftovers(tmp_path) == []


def test_a_link_to_a_pipe_like_dev_stdout_is_refused(tmp_path):
    """`-o /dev/stdout` with stdout piped: a symlink into /proc leading to a pipe. (The real
    /dev/stdout is not used: a failing test would replace the machine's own.)"""
    read_end, write_end = os.pipe()
    try:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{write_end}")
        with pytest.raises(SaveError, match="not a regular file"):
            write_file(link, b"x")
        assert link.is_symlink()
    finally:
        os.close(read_end)
        os.close(write_end)


def test_the_input_itself_is_refused_as_output(tmp_path, small_document):
    doc = tmp_path / "t.consist.json"
    save_document(small_document, doc)
    before = doc.read_bytes()
    for same in (doc, tmp_path / "." / "t.consist.json"):
        with pytest.raises(SaveError, match="the input"):
            write_file(same, b"%PDF", not_onto=[doc])
    hard = tmp_path / "hard.pdf"
    os.link(doc, hard)
    with pytest.raises(SaveError, match="the input"):
        write_file(hard, b"%PDF", not_onto=[doc])
    assert doc.read_bytes() == before


def test_a_253_character_name_saves_with_its_backup(tmp_path, small_document):
    name = "é" * 60 + "x" * (253 - 60 - len(".consist.json")) + ".consist.json"  # 253 characters, 313 bytes
    name = name[: 253]
    while len(os.fsencode(name)) > 253:
        name = name[1:]
    assert len(os.fsencode(name)) <= 253
    path = tmp_path / name
    save_document(small_document, path)
    save_document(small_document.model_copy(update={"name": "Second"}), path)
    assert load_document(path).name == "Second"
    backups = [f for f in os.listdir(tmp_path) if f.endswith("~")]
    assert len(backups) == 1 and len(os.fsencode(backups[0])) <= NAME_MAX
    assert load_document(tmp_path / backups[0]) == small_document
    assert _leftovers(tmp_path) == []


def test_a_real_full_disk_keeps_the_old_file_and_says_so(small_tmpfs):
    path = small_tmpfs / "t.consist.json"
    save_document(_big("Old", 200), path)
    before = path.read_bytes()
    fill_up(small_tmpfs, leave=4096)
    with pytest.raises(SaveError, match="No space left on device"):
        save_document(_big("New", 400), path)
    assert path.read_bytes() == before and _leftovers(small_tmpfs) == []


def test_on_a_nearly_full_disk_the_backup_is_never_truncated(small_tmpfs):
    """Room for the new version but not for a second copy of the old one: the backup is the old
    file itself (a hard link), complete, and every save either worked or said it did not."""
    path = small_tmpfs / "t.consist.json"
    old = _big("Old", 300)
    save_document(old, path)
    size = path.stat().st_size
    fill_up(small_tmpfs, leave=size + size // 2)
    new = _big("New", 300)
    try:
        save_document(new, path)
        saved = True
    except SaveError:
        saved = False
    assert load_document(path).name == ("New" if saved else "Old")
    backup = small_tmpfs / "t.consist.json~"
    if saved:
        kept = load_document(backup)  # complete and valid JSON, the whole old train
        assert kept.name == "Old" and len(kept.consist.cars) == 300
    assert _leftovers(small_tmpfs) == []
    assert saved  # a hard link needs no room: this save fits


def test_a_short_write_is_never_taken_for_a_whole_one(tmp_path, monkeypatch):
    """os.write may write part of a buffer (a signal, a pipe, a quota): the rest follows."""
    from traintool.io import safe_write

    real_write = os.write
    monkeypatch.setattr(safe_write.os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    data = json.dumps({"x": list(range(1000))}).encode()
    write_file(tmp_path / "f.json", data)
    assert (tmp_path / "f.json").read_bytes() == data


def _killed_mid_save(path, doc) -> list[str]:
    """Save `doc` to `path` in a child killed (SIGKILL) as soon as its temporary file is there (before the
    rename, unless the rename wins the race: then again), until one kill leaves the temporary file."""
    import signal

    for _ in range(200):
        pid = os.fork()
        if pid == 0:
            try:
                while True:
                    save_document(doc, path)
            finally:
                os._exit(0)
        while not _leftovers(path.parent):  # until the child is mid-save
            if os.waitpid(pid, os.WNOHANG)[0]:
                raise AssertionError("the saving child ended before it was killed")
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if _leftovers(path.parent):
            return _leftovers(path.parent)
    raise AssertionError("no kill landed during a save")


def test_the_next_save_removes_what_a_killed_save_left(tmp_path):
    path = tmp_path / "t.consist.json"
    doc = _big("Killed", 3000)
    save_document(doc, path)
    left = _killed_mid_save(path, doc)
    assert left and all(name.startswith(".t.consist.json") for name in left)
    save_document(doc.model_copy(update={"name": "Next"}), path)
    assert _leftovers(tmp_path) == []  # none older than the last save
    assert load_document(path).name == "Next"


def test_debris_removal_takes_only_ours(tmp_path, small_document):
    """Only this document's temporary names, regular files of ours older than the save: another
    document's, another naming's, a symlink (nor what it points to) and a folder stay."""
    path = tmp_path / "t.consist.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    stale = [".t.consist.json.0123abcd.tmp", ".t.consist.json~.89abcdef.tmp"]
    kept = [".other.json.0123abcd.tmp", ".t.consist.json.notours.tmp", "t.consist.json.0123abcd.tmp",
            ".t.consist.json.0123abcd.tmp.keep"]
    for name in stale + kept:
        (tmp_path / name).write_text("debris")
    (tmp_path / ".t.consist.json.fedcba98.tmp").symlink_to(victim)
    (tmp_path / ".t.consist.json.00000000.tmp").mkdir()
    old = os.stat(victim).st_mtime - 60
    for name in stale + kept + [".t.consist.json.fedcba98.tmp"]:
        os.utime(tmp_path / name, (old, old), follow_symlinks=False)
    save_document(small_document, path)
    remaining = set(os.listdir(tmp_path))
    assert not remaining & set(stale)
    assert set(kept) | {".t.consist.json.fedcba98.tmp", ".t.consist.json.00000000.tmp"} <= remaining
    assert victim.read_text() == "precious"


def test_debris_of_another_user_stays(tmp_path, small_document, as_another_user):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / ".t.consist.json.0123abcd.tmp").write_text("theirs, being written")
    os.chown(shared / ".t.consist.json.0123abcd.tmp", 65534, 65534)
    old = os.stat(shared).st_mtime - 60
    os.utime(shared / ".t.consist.json.0123abcd.tmp", (old, old))
    save_document(small_document, shared / "t.consist.json")
    assert (shared / ".t.consist.json.0123abcd.tmp").read_text() == "theirs, being written"


def test_a_temporary_file_newer_than_the_save_is_left_to_its_writer(tmp_path, small_document, monkeypatch):
    """A save in progress elsewhere (its temporary file made after ours) keeps its file."""
    from traintool.io import safe_write

    path = tmp_path / "t.consist.json"
    real = safe_write._write_temp
    other = tmp_path / ".t.consist.json.0badcafe.tmp"

    def write_then_another_starts(*args):
        made = real(*args)
        other.write_text("another save, in progress")
        future = os.stat(other).st_mtime + 60
        os.utime(other, (future, future))
        return made

    monkeypatch.setattr(safe_write, "_write_temp", write_then_another_starts)
    save_document(small_document, path)
    assert other.exists()
