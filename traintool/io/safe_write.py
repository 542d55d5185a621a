"""The one way traintool writes a file: the document and its backup, the autosave and recovery
files, crash logs, the PDF report, screenshots and the desktop files.

The bytes go to a temporary file created exclusively (O_EXCL | O_NOFOLLOW: a name someone planted
first, a symlink above all, is never opened) in the target's folder; they are written in full
(short writes and ENOSPC are errors), flushed and fsynced, then renamed over the target. A crash or
a full disk leaves the old file or the new one, never half of one, and a failure raises SaveError
naming the file and the reason.

- The target keeps its mode (and owner, where we may); a new file gets 0666 less the umask, a
  private one (recovery, crash logs) 0600.
- A target that is a symlink is resolved and the file it points to written; a symlink to nothing
  is refused (a planted one would make us create a file where it points).
- Only regular files are replaced: a device (/dev/full), a FIFO, a socket or a folder is refused,
  as is a file the caller names in `not_onto` (a report written over its own input document).
- The backup `NAME~` is the old file itself, hard-linked under a temporary name and renamed into
  place (a rename replaces a symlink planted there, it never follows it); where hard links are not
  possible it is a copy written the same careful way. It needs no space, so a nearly full disk
  never truncates it; if it cannot be made, nothing is saved and the error says why.
- Temporary and backup names are shortened to fit the 255-byte limit on a file name.
- A save killed midway leaves its temporary file; the next save of the same file removes every
  one of them older than its own (ours only: our naming, our user, regular files, no symlink
  followed), so no debris outlives the last save.
- The data may come as pieces (an iterable of bytes), written as they come: an export of millions
  of rows never sits in memory whole.

`write_output` is for a command's `-o`: there a path that is a stream ("-", /dev/stdout, /dev/fd/N,
/proc/self/fd/N, a FIFO, a terminal or another character device) is written to as a stream, in
order, appending where the stream is a file (`-o /dev/stdout >> log.txt`), never renamed over.
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import SaveError
from ..printable import printable

NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems alike
_COPY_INSTEAD_OF_LINK = (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS)


Data = bytes | str | Iterable[bytes]


def write_file(path: str | os.PathLike[str], data: Data, *, backup: bool = False, private: bool = False,
               not_onto: Iterable[str | os.PathLike[str]] = (), follow_symlinks: bool = True) -> Path:
    """Write `data` to `path` as described above; returns the file actually written (the symlink's target).
    With `follow_symlinks=False` (an output named on a command line, not a document), a symlink
    there is refused rather than written through."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    shown = printable(path)
    target = _real_target(Path(path), shown, not_onto)
    if not follow_symlinks and os.path.islink(path):
        raise SaveError(f"{shown}: could not be saved: it is a symlink, and traintool writes this file only "
                        "under its own name")
    folder = target.parent
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise SaveError(f"{shown}: could not be saved: the folder {printable(folder)} does not exist") from None
    except OSError as e:
        raise SaveError(f"{shown}: could not be saved: {_reason(e)}") from None
    try:
        old = _lstat_at(target.name, dir_fd)
        mode: int | None
        owner: tuple[int, int] | None
        if old is not None and stat.S_ISREG(old.st_mode):
            mode, owner = (0o600 if private else stat.S_IMODE(old.st_mode)), (old.st_uid, old.st_gid)
        else:
            mode, owner = (0o600 if private else None), None
        tmp: str | None
        try:
            tmp, started = _write_temp(dir_fd, target.name, data, mode, owner)
        except OSError as e:
            raise SaveError(f"{shown}: could not be saved: {_reason(e)}") from None
        try:
            if backup and old is not None and stat.S_ISREG(old.st_mode):
                _keep_backup(dir_fd, target.name, shown)
            os.rename(tmp, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            tmp = None
        except OSError as e:
            raise SaveError(f"{shown}: could not be saved: {_reason(e)}") from None
        finally:
            if tmp is not None:
                _unlink_at(tmp, dir_fd)
        try:
            os.fsync(dir_fd)  # the rename itself survives a power cut
        except OSError:
            pass  # not every file system can fsync a folder; the data itself is synced
        for name in (target.name, fitting_name(target.name, suffix="~")):
            _remove_debris(dir_fd, name, started)
    finally:
        os.close(dir_fd)
    return target


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


def _real_target(path: Path, shown: str, not_onto: Iterable[str | os.PathLike[str]]) -> Path:
    """The file to replace: `path` itself, or where its symlinks lead. Refuses what must not be replaced."""
    try:
        st = os.stat(path)  # follows symlinks: what the user means by the name
    except FileNotFoundError:
        if os.path.islink(path):
            raise SaveError(f"{shown}: could not be saved: it is a symlink to a file that does not exist "
                            f"({printable(os.readlink(path))})") from None
        st = None
    except NotADirectoryError:
        raise SaveError(f"{shown}: could not be saved: {printable(path.parent)} is not a folder") from None
    except OSError as e:
        raise SaveError(f"{shown}: could not be saved: {_reason(e)}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SaveError(f"{shown}: could not be saved: it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise SaveError(f"{shown}: could not be saved: it is not a regular file (a device, a pipe or a socket), "
                            "and traintool writes only files")
        other = _input_it_is(st, not_onto)
        if other is not None:
            raise SaveError(f"{shown}: could not be saved: it is {printable(other)}, the input; "
                            "choose another name for the output")
    if os.path.islink(path) and os.lstat(path).st_uid not in (os.geteuid(), 0):
        # In a shared folder, someone else's symlink is a trap laid for us, not a shortcut of ours.
        raise SaveError(f"{shown}: could not be saved: it is a symlink of another user")
    real = Path(os.path.realpath(path))
    if not real.name:
        raise SaveError(f"{shown}: could not be saved: not a file name")
    if real.parts[1:2] in (("dev",), ("proc",), ("sys",)) or (st is not None and not _same_file(real, st)):
        # /dev/stdout and its kind: what they lead to cannot be replaced by its name.
        raise SaveError(f"{shown}: could not be saved: it is a device or system file, and traintool writes only "
                        "files")
    return real


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


def _lstat_at(name: str, dir_fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _unlink_at(name: str, dir_fd: int) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except OSError:
        pass


def fitting_name(name: str, prefix: str = "", suffix: str = "") -> str:
    """prefix + name + suffix, `name` shortened (by whole characters) so the result fits NAME_MAX bytes."""
    room = NAME_MAX - len(os.fsencode(prefix + suffix))
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return prefix + name + suffix


def safe_file_name(name: str, suffix: str) -> str:
    """A file name for a document called `name` (a suggestion in a save dialog): no folder
    separators or control characters, no leading dot, and short enough for the file system."""
    clean = "".join("_" if c in '/\\\0' or not c.isprintable() else c for c in name).strip().lstrip(".")
    return fitting_name(clean or "Untitled", suffix=suffix)


def _temp_name(name: str) -> str:
    return fitting_name(name, ".", f".{secrets.token_hex(4)}.tmp")


def _debris_pattern(name: str) -> re.Pattern[str]:
    """The temporary names `_temp_name(name)` gives, and only those."""
    stem = fitting_name(name, ".", ".00000000.tmp")[:-len(".00000000.tmp")]
    return re.compile(re.escape(stem) + r"\.[0-9a-f]{8}\.tmp")


def _remove_debris(dir_fd: int, name: str, before_ns: int) -> None:
    """Remove the temporary files of `name` that a killed save left: ours by their name and user,
    regular files (a symlink is never followed, nor removed), last written before `before_ns`
    (a save still writing its own is left alone). Best effort: a save never fails for debris."""
    pattern = _debris_pattern(name)
    try:
        with os.scandir(dir_fd) as entries:
            names = [e.name for e in entries if pattern.fullmatch(e.name)]
    except OSError:
        return
    for found in names:
        try:
            st = os.stat(found, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mtime_ns < before_ns:
            _unlink_at(found, dir_fd)


def _create_exclusive(dir_fd: int, name: str, mode: int) -> tuple[int, str]:
    """A new file of a random name next to `name`, never one that was there (nor a symlink)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        tmp = _temp_name(name)
        try:
            return os.open(tmp, flags, mode, dir_fd=dir_fd), tmp
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary name")


def _write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    for piece in ((data,) if isinstance(data, bytes) else data):
        view = memoryview(piece)
        while view:
            n = os.write(fd, view)
            if n <= 0:  # the kernel took nothing and said nothing: never loop, never pretend
                raise OSError(errno.EIO, "the system wrote nothing")
            view = view[n:]


def _write_temp(dir_fd: int, name: str, data: bytes | Iterable[bytes], mode: int | None, owner: tuple[int, int] | None) -> tuple[str, int]:
    """Write the temporary file in full and sync it; returns its name in the folder and when it was
    made, by the file system's clock (OSError if not)."""
    # 0666 is narrowed by the umask here, as for any new file; a kept mode is set exactly below.
    fd, tmp = _create_exclusive(dir_fd, name, 0o600 if mode is not None else 0o666)
    try:
        try:
            started = os.fstat(fd).st_mtime_ns
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, *owner)  # root saving a user's file leaves it theirs
                except OSError:
                    pass  # only root may give a file away; the mode below still holds
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, data)
            os.fsync(fd)  # where ext4 and xfs report a full disk: at fsync
        finally:
            os.close(fd)  # NFS may report a failed write only here
    except BaseException:  # a full disk, and also pieces that fail to be made, or Ctrl+C mid-export
        _unlink_at(tmp, dir_fd)
        raise
    return tmp, started


def _keep_backup(dir_fd: int, name: str, shown: str) -> None:
    """The current file becomes `name~`, complete, or the save stops here (raises SaveError)."""
    bak = fitting_name(name, suffix="~")
    tmp = ""
    try:
        while True:
            tmp = _temp_name(bak)
            try:
                os.link(name, tmp, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
                break
            except FileExistsError:
                continue
        try:
            os.rename(tmp, bak, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)  # replaces a symlink there, never follows it
        finally:
            _unlink_at(tmp, dir_fd)
        return
    except OSError as e:
        if e.errno not in _COPY_INSTEAD_OF_LINK:
            raise SaveError(f"{shown}: not saved: the previous version could not be kept as "
                            f"{printable(bak)}: {_reason(e)}") from None
    # No hard links here (FAT, some network shares): a copy, written as carefully as the file itself.
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
        try:
            st = os.fstat(fd)
            old = b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        finally:
            os.close(fd)
        tmp, _ = _write_temp(dir_fd, bak, old, stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid))
        try:
            os.rename(tmp, bak, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        finally:
            _unlink_at(tmp, dir_fd)
    except OSError as e:
        raise SaveError(f"{shown}: not saved: the previous version could not be kept as {printable(bak)}: "
                        f"{_reason(e)}") from None


def private_folder(path: str | os.PathLike[str]) -> Path:
    """A folder only this user may enter (0700), made if missing: for recovery files, crash logs and
    the launch socket. One that is not ours, or is a symlink, is refused (OSError); one of ours
    that others may enter is closed to them."""
    folder = Path(path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        raise OSError(errno.ENOTDIR, f"{folder} is not a folder (a symlink or a file is in the way)")
    if st.st_uid != os.geteuid():
        raise OSError(errno.EPERM, f"{folder} belongs to another user")
    if stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


STDOUT = "-"
_FD_LINKS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/", f"/proc/{os.getpid()}/fd/")


def stream_fd_of(path: str | os.PathLike[str]) -> int | None:
    """The open file descriptor a path names ("-" is stdout; /dev/stdout, /dev/fd/N, /proc/self/fd/N),
    or None. Through such a name the file is written where the descriptor is (appending after what a
    `>>` redirection holds), not reopened: reopening a redirected file would truncate it."""
    text = os.fspath(path)
    if text == STDOUT:
        return 1
    hops = 0
    current = os.path.abspath(text)
    while True:
        for link in _FD_LINKS:
            if current == link.rstrip("/") or current.startswith(link):
                rest = current[len(link):] if link.endswith("/") else ""
                if link == "/dev/stdout":
                    return 1
                if link == "/dev/stderr":
                    return 2
                return int(rest) if rest.isdigit() else None
        if not os.path.islink(current) or hops > 40:
            return None
        hops += 1
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True for a path `write_output` writes as a stream: a descriptor's name, or a file that exists
    and is neither a regular file nor a folder (a FIFO, a terminal, /dev/null)."""
    if stream_fd_of(path) is not None:
        return True
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


def write_output(path: str | os.PathLike[str], data: Data,
                 not_onto: Iterable[str | os.PathLike[str]] = ()) -> Path | None:
    """A command's output: to a stream as a stream (None returned), else to a file by `write_file`."""
    if not is_stream(path):
        return write_file(path, data, not_onto=not_onto)
    if isinstance(data, str):
        data = data.encode("utf-8")
    shown = printable(path)
    fd = stream_fd_of(path)
    own = fd is None
    try:
        if fd is None:
            if stat.S_ISSOCK(os.stat(path).st_mode):
                raise SaveError(f"{shown}: could not be written: it is a socket, and traintool writes files and "
                                "streams only")
            # Never blocks: a FIFO nobody reads is refused (ENXIO) instead of waiting for good.
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
            os.set_blocking(fd, True)
        elif fd in (1, 2):
            (sys.stdout if fd == 1 else sys.stderr).flush()  # what was printed before comes first
        _refuse_inputs(fd, shown, not_onto)
        _write_all(fd, data)
    except OSError as e:
        if not own and fd == 1:
            raise  # stdout closed or full: the command line's own exit code says so
        why = "nothing reads the pipe" if e.errno == errno.ENXIO else _reason(e)
        raise SaveError(f"{shown}: could not be written: {why}") from None
    finally:
        if own and fd is not None:
            os.close(fd)
    return None


def _refuse_inputs(fd: int, shown: str, not_onto: Iterable[str | os.PathLike[str]]) -> None:
    """A stream that is one of the inputs (`-o - >> plan.consist.json`) is refused before a byte is written."""
    other = _input_it_is(os.fstat(fd), not_onto)
    if other is not None:
        raise SaveError(f"{shown}: could not be written: it is {printable(other)}, the input; "
                        "choose another output")


def _input_it_is(st: os.stat_result, inputs: Iterable[str | os.PathLike[str]]) -> str | os.PathLike[str] | None:
    """The input that is the same file as `st` (the same device and inode), if any."""
    for other in inputs:
        try:
            o = os.stat(other)
        except OSError:
            continue
        if (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino):
            return other
    return None
