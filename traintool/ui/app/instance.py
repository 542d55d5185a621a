"""One traintool per user session: a second launch hands its files to the running one and exits.

The running traintool listens on a local socket (a Unix socket in a folder only the user may
enter: the session's runtime folder, or one traintool makes for the user and checks; a named pipe
on Windows). Never a fixed name in a shared folder: another user who made it first would be
handed our files and could answer "ok". A launch first tries to connect; if something answers, it sends the
files it was asked to open as one JSON line, waits for "ok" and exits 0. If nothing answers,
it is the first: it starts normally and listens.

Where the socket is a file (not Windows), no file means no traintool: a first launch then skips
the connection and loads QtNetwork only after its window is shown (start-up time). A socket's
path must fit the system's limit (107 bytes on Linux, 103 on macOS): under a runtime folder too
deep for it, the socket goes in the private folder of our own, in the temporary folder or /tmp.

A launch that connects and says nothing holds a little memory of the running one: at most
MAX_CONNECTIONS at a time, each of at most MAX_MESSAGE bytes, for at most IDLE_MS.
"""
from __future__ import annotations

import getpass
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

CONNECT_MS = 500
REPLY_MS = 10_000  # the running instance may be busy (loading a big file) before it reads us
MAX_MESSAGE = 256 * 1024  # bytes: a list of paths, never more
MAX_CONNECTIONS = 16  # launches talking to us at once; more are turned away
IDLE_MS = REPLY_MS  # a launch that has not said its files by then is dropped
SOCKET_PATH_MAX = 103 if sys.platform == "darwin" else 107  # sun_path less its final NUL
SOCKET_NAME = "traintool.socket"


def server_name() -> str | None:
    """The socket's name: per user, and per session where the platform has a runtime folder; None
    when no private folder can be had (then this traintool runs on its own, taking no hand-overs)."""
    if sys.platform == "win32":
        return f"traintool-{getpass.getuser()}"  # a named pipe
    folder = socket_folder()
    return str(folder / SOCKET_NAME) if folder else None


def _fits(folder: Path) -> bool:
    return len(os.fsencode(str(folder / SOCKET_NAME))) <= SOCKET_PATH_MAX


def socket_folder() -> Path | None:
    """$XDG_RUNTIME_DIR if it is ours and closed to others (the spec says 0700) and a socket's path
    in it fits the limit, else a folder `traintool-UID` in the temporary folder (in /tmp where the
    temporary folder is too deep) that we make 0700, or that is already ours and not a symlink.
    None if it cannot be had (say another user made `traintool-UID` first)."""
    from ...io.safe_write import private_folder

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and _private(Path(runtime)) and _fits(Path(runtime)):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"traintool-{os.geteuid()}"
    if not _fits(folder):
        folder = Path("/tmp") / folder.name  # a temporary folder too deep for a socket: the system's own
    try:
        return private_folder(folder)
    except OSError:
        return None  # taken by another user: this traintool runs on its own


def _private(folder: Path) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not stat.S_IMODE(st.st_mode) & 0o077


def _nobody_listens(name: str) -> bool:
    """Certainly no server: a Unix socket path that is not there (a named pipe, or a bare name
    that Qt places in its temporary folder, cannot be told so)."""
    return sys.platform != "win32" and Path(name).is_absolute() and not Path(name).exists()


def _answers(name: str) -> bool:
    if _nobody_listens(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    if not probe.waitForConnected(CONNECT_MS):
        return False
    probe.disconnectFromServer()
    return True


def hand_over(files: list[str], name: str | None = None) -> bool:
    """Give `files` (may be empty: then the running one comes to the front) to a running traintool.

    True when it took them; False when none is running (or it did not answer), so this one starts.
    """
    name = name or server_name()
    if name is None or _nobody_listens(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    message = json.dumps({"open": [str(Path(f).absolute()) for f in files]}).encode() + b"\n"
    sock.write(message)
    sock.waitForBytesWritten(CONNECT_MS)
    reply = b""
    while b"\n" not in reply and sock.waitForReadyRead(REPLY_MS):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return reply.strip() == b"ok"


def parse_message(data: bytes) -> list[str] | None:
    """The files of a hand-over message, or None if it is not one (anything else is ignored)."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("open") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


class InstanceServer(QObject):
    """Listens for later launches; emits `files_received` with the files each one hands over."""

    files_received = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # no one else may talk to us
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening, unless another traintool already does (False then).

        A socket file left by a crashed traintool does not answer, and is replaced.
        """
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        if self.name is None:
            return False  # no private folder for the socket: this traintool runs on its own
        if _answers(self.name):
            return False  # another traintool started at the same moment: leave it be
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self._server.listen(self.name)
        return False

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()
        for sock in list(self._buffers):
            sock.abort()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            # Python owns the socket (the dict below): Qt's deleteLater on a child of a server that
            # is destroyed first crashes PySide6.
            sock.setParent(None)
            if len(self._buffers) >= MAX_CONNECTIONS:
                sock.abort()  # too many launches at once: this one starts on its own
                continue
            sock.setReadBufferSize(MAX_MESSAGE)  # Qt buffers no more than a message for us
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))
            QTimer.singleShot(IDLE_MS, lambda s=sock: self._expire(s))

    def _expire(self, sock: QLocalSocket) -> None:
        if sock in self._buffers:
            sock.abort()  # said nothing in time
            self._drop(sock)

    @property
    def connections(self) -> int:
        """Launches connected now (each holds at most MAX_MESSAGE bytes here)."""
        return len(self._buffers)

    def buffered_bytes(self) -> int:
        return sum(len(b) + sock.bytesAvailable() for sock, b in self._buffers.items())

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            return  # dropped already
        data = self._buffers.get(sock, b"") + bytes(sock.read(MAX_MESSAGE - len(self._buffers[sock])).data())
        if b"\n" not in data and len(data) < MAX_MESSAGE:
            self._buffers[sock] = data
            return
        files = parse_message(data.split(b"\n", 1)[0])
        sock.write(b"ok\n" if files is not None else b"error\n")
        sock.flush()
        sock.disconnectFromServer()
        if files is not None:
            self.files_received.emit(files)

    def _drop(self, sock: QLocalSocket) -> None:
        # Freed once its signal has returned, not inside it.
        QTimer.singleShot(0, lambda: self._buffers.pop(sock, None))
