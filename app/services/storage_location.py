"""Is the store on a local disk? Warn when it sits on a network share or in a cloud-sync folder.

SQLite's locking and write-ahead log need a local filesystem: over SMB/NFS the locks are
unreliable, and sync clients (OneDrive, Dropbox, iCloud, 百度网盘, 坚果云 …) copy the database
and its ``-wal`` file at different moments, so the copy, or the file synced back, is damaged
(sqlite.org "How To Corrupt An SQLite Database", §1.2 and §2.1; RELIABILITY.md item 5). The app
still opens such a store; it tells the user once and says what to do.

Everything here is cheap (a string test, ``/proc/mounts``, one Windows API call, or on macOS
one ``mount`` listing) and injectable, so tests run on any system.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

NETWORK = "network"
SYNC = "sync"

# Folder names the sync clients create (compared case-insensitively, by prefix where a client
# appends the account: "OneDrive - Contoso", "GoogleDrive-me@example.com").
SYNC_FOLDER_PREFIXES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "我的云端硬盘": "Google Drive",
    "baidunetdisk": "百度网盘",
    "百度网盘": "百度网盘",
    "nutstore": "坚果云",
    "我的坚果云": "坚果云",
    "坚果云": "坚果云",
    "wps云文档": "WPS云文档",
    "wpsdrive": "WPS云文档",
    "wps cloud": "WPS云文档",
    "synologydrive": "Synology Drive",
}
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afpfs",
        "webdav",
        "davfs",
        "ncpfs",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "sshfs",
        "rclone",
        "s3fs",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive


@dataclass(frozen=True)
class Mount:
    """One mounted filesystem: where it is mounted and its type (``ext4``, ``nfs4``, ``cifs``)."""

    point: str
    fs_type: str


@dataclass(frozen=True)
class StorageRisk:
    """Why the store's place is risky.

    Attributes:
        kind: :data:`NETWORK` (a network share) or :data:`SYNC` (a cloud-sync folder).
        where: the share (``\\\\server\\share``, ``nfs4``, ``drive Z:``) or the sync service's
            name (``OneDrive``, ``坚果云``).
    """

    kind: str
    where: str


def storage_risk(
    path: Path | str,
    *,
    platform: str = sys.platform,
    mounts: Sequence[Mount] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> StorageRisk | None:
    """What makes ``path`` an unsafe place for the store, or None on a local disk.

    ``platform``, ``mounts`` (default: the system's mount table) and ``drive_type`` (default:
    Windows' GetDriveTypeW) are for tests.
    """
    windows = platform.startswith("win")
    pure: PurePath = PureWindowsPath(path) if windows else PurePosixPath(path)
    synced = sync_service(pure)
    if synced is not None:
        return StorageRisk(SYNC, synced)
    if windows:
        return _windows_network(PureWindowsPath(path), drive_type or _get_drive_type)
    table = read_mounts(platform) if mounts is None else mounts
    fs_type = network_fs_type(str(pure), table)
    return StorageRisk(NETWORK, fs_type) if fs_type else None


def sync_service(path: PurePath) -> str | None:
    """The cloud-sync service whose folder holds ``path``, if any (by its folder names)."""
    for part in path.parts:
        folded = part.casefold()
        for prefix, service in SYNC_FOLDER_PREFIXES.items():
            if folded.startswith(prefix):
                return service
    return None


def _windows_network(path: PureWindowsPath, drive_type: Callable[[str], int]) -> StorageRisk | None:
    drive = path.drive
    if drive.startswith(("\\\\", "//")):
        return StorageRisk(NETWORK, drive)
    if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
        return StorageRisk(NETWORK, drive)
    return None


def _get_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def network_fs_type(path: str, mounts: Sequence[Mount]) -> str | None:
    """The network filesystem type of the mount holding ``path`` (the deepest one), or None."""
    holder: Mount | None = None
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = path == point or path.startswith(point if point == "/" else point + "/")
        if inside and (holder is None or len(point) > len(holder.point.rstrip("/"))):
            holder = mount
    if holder is None:
        return None
    fs_type = holder.fs_type.casefold()
    base = fs_type.removeprefix("fuse.")  # fuse.sshfs, fuse.rclone …
    return holder.fs_type if base in NETWORK_FILESYSTEMS else None


def read_mounts(platform: str = sys.platform) -> list[Mount]:
    """The system's mount table: ``/proc/mounts`` on Linux, ``mount`` on macOS; else empty."""
    try:
        if platform.startswith("linux"):
            return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8"))
        if platform == "darwin":
            listing = subprocess.run(  # noqa: S603 - a fixed system command
                ["/sbin/mount"], capture_output=True, text=True, timeout=3, check=True
            )
            return parse_bsd_mount(listing.stdout)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        pass
    return []


def parse_proc_mounts(text: str) -> list[Mount]:
    """Mounts from ``/proc/mounts`` lines (``source point type options 0 0``; ``\\040`` = space)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape(fields[1]), fields[2]))
    return mounts


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_bsd_mount(text: str) -> list[Mount]:
    """Mounts from macOS ``mount`` lines: ``//me@nas/share on /Volumes/share (smbfs, nodev)``."""
    mounts = []
    for line in text.splitlines():
        source, on, rest = line.partition(" on ")
        point, paren, options = rest.rpartition(" (")
        if on and paren and source:
            mounts.append(Mount(point, options.split(",")[0].strip(" )")))
    return mounts


def describe_risk(risk: StorageRisk) -> str:
    """One English line for the command line's standard error."""
    if risk.kind == SYNC:
        place = f"in a {risk.where} folder"
    else:
        place = f"on a network drive ({risk.where})"
    return (
        f"warning: the store is {place}; SQLite can be damaged there. Keep the store on a "
        "local disk and use `shopreel backup` for copies."
    )


def store_location_risk(path: Path) -> StorageRisk | None:
    """:func:`storage_risk` of the store file's real place (a symlink into Dropbox is in Dropbox).

    Never raises: a place that cannot be examined is not reported.
    """
    try:
        real = path.resolve()
    except OSError:
        real = Path(os.path.abspath(path))
    try:
        return storage_risk(real)
    except (OSError, ValueError, AttributeError):
        return None
