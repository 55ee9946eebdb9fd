"""One window per store: a second launch on the same store brings the first window forward.

The window holding a store owns a ``QLockFile`` beside it (stale time 0: only a dead process's
lock is taken over, which is how a crash is recovered from) and a ``QLocalServer`` named after
the store. A second launch fails to take the lock, connects to that server, asks the first
window to come forward and exits. The ``shopreel`` command line is not locked out: it reads and
writes through SQLite, whose WAL mode and busy timeout serialise it with the window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.config import ensure_private_dir
from app.services.instance import lock_path, server_name

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000


class StoreGuard(QObject):
    """Holds the locks of the stores this process shows and answers other launches.

    Signals:
        activation_requested(str): another launch wanted the store at this path.
    """

    activation_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: dict[Path, tuple[QLockFile, QLocalServer]] = {}

    def holds(self, store_path: Path) -> bool:
        """True while this process holds the store's lock."""
        return store_path in self._held

    def claim(self, store_path: Path) -> bool:
        """Take the store's lock and listen for other launches; False if another window has it."""
        if store_path in self._held:
            return True
        if not store_path.parent.exists():  # a folder made for the store is private
            ensure_private_dir(store_path.parent)
        lock = QLockFile(str(lock_path(store_path)))
        lock.setStaleLockTime(0)  # never steal a live window's lock, always a dead one's
        if not lock.tryLock(0):
            if lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # A folder where no lock can be made (read-only media): open without one.
            log.warning("cannot lock %s: %s", store_path, lock.error())
        name = server_name(store_path)
        server = QLocalServer(self)
        server.setObjectName(str(store_path))
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # we hold the lock: a socket left by a crash is stale
        if not server.listen(name):
            log.warning("cannot listen for other launches: %s", server.errorString())
        server.newConnection.connect(self._on_server_new_connection)
        self._held[store_path] = (lock, server)
        return True

    def release(self, store_path: Path) -> None:
        """Stop holding the store (another window may open it now)."""
        held = self._held.pop(store_path, None)
        if held is not None:
            lock, server = held
            server.close()
            server.deleteLater()
            lock.unlock()

    def release_all(self) -> None:
        """Release every store (at exit)."""
        for path in list(self._held):
            self.release(path)

    def holder_pid(self, store_path: Path) -> int | None:
        """The process id written in the store's lock, if it is locked."""
        lock = QLockFile(str(lock_path(store_path)))
        found, pid, _host, _app = lock.getLockInfo()
        return pid if found else None

    def _on_server_new_connection(self) -> None:
        server = self.sender()
        assert isinstance(server, QLocalServer)
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        assert isinstance(socket, QLocalSocket)
        server = socket.parent()
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()) and server is not None:
            self.activation_requested.emit(server.objectName())


def ask_window_to_come_forward(store_path: Path) -> bool:
    """Tell the window holding the store to come forward; True when it got the message."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(store_path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return sent
