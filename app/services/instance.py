"""Which ShopReel window has a store open: the lock file's place and name, read without Qt.

The window takes a ``QLockFile`` beside the store and listens on a local socket named after the
store (app/views/single_instance.py). The ``shopreel`` commands may read and write while the
window is open (WAL and the busy timeout serialise them); only a restore, which swaps the file,
must not run under an open window, and asks :func:`window_holding` first.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import socket
from pathlib import Path

LOCK_SUFFIX = ".lock"


def lock_path(store_path: Path) -> Path:
    """The lock file of the store at ``store_path`` (beside it)."""
    return store_path.with_name(store_path.name + LOCK_SUFFIX)


def server_name(store_path: Path) -> str:
    """The local socket name of the window showing this store (per user, per store file)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    key = f"{user}\n{store_path.expanduser().resolve()}".encode()
    return "shopreel-" + hashlib.sha256(key).hexdigest()[:16]


def window_holding(store_path: Path) -> int | None:
    """The process id of a live ShopReel window holding the store's lock, else None.

    A lock left by a process that has died (a crash, a kill) is not held. A lock taken on
    another computer (a store on a shared drive) counts as held: its process cannot be checked.
    """
    try:
        fields = lock_path(store_path).read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(fields[0])
    except (OSError, ValueError, IndexError):
        return None
    host = fields[2] if len(fields) > 2 else ""
    if host and host != socket.gethostname():
        return pid
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":
        return True  # no cheap check without extra packages: assume the window is there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
