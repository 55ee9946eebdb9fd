"""The store's place: a warning on network shares and in cloud-sync folders, none locally."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.services.storage_location import (
    DRIVE_REMOTE,
    NETWORK,
    SYNC,
    Mount,
    StorageRisk,
    parse_bsd_mount,
    parse_proc_mounts,
    storage_risk,
)

PROC_MOUNTS = r"""/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
nas:/export/shop /mnt/nas nfs4 rw,vers=4.2 0 0
//fileserver/财务 /mnt/file\040server cifs rw 0 0
me@host:/data /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nas/local-cache ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""
BSD_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//me@NAS._smb._tcp.local/shop on /Volumes/shop (smbfs, nodev, nosuid, mounted by me)
map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)
"""
LINUX = parse_proc_mounts(PROC_MOUNTS)


def local_drives(root: str) -> int:
    return 3  # DRIVE_FIXED


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/me/OneDrive/ShopReel/shop.db", "OneDrive"),
        ("/Users/me/Library/CloudStorage/OneDrive-Contoso/shop.db", "OneDrive"),
        ("/home/me/Dropbox (Personal)/shop.db", "Dropbox"),
        ("/Users/me/Library/Mobile Documents/com~apple~CloudDocs/shop.db", "iCloud Drive"),
        ("/Users/me/Library/CloudStorage/GoogleDrive-me@example.com/My Drive/s.db", "Google Drive"),
        ("/home/me/Nutstore Files/我的坚果云/shop.db", "坚果云"),
    ],
)
def test_sync_folders_are_found_by_their_names_on_posix(path: str, service: str) -> None:
    assert storage_risk(path, platform="linux", mounts=LINUX) == StorageRisk(SYNC, service)


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\张三\OneDrive - 小店\ShopReel\shop.db", "OneDrive"),
        (r"D:\BaiduNetdiskWorkspace\shop.db", "百度网盘"),
        (r"C:\Users\me\Documents\百度网盘\shop.db", "百度网盘"),
        (r"C:\Users\me\Documents\WPS云文档\shop.db", "WPS云文档"),
        (r"G:\我的云端硬盘\shop.db", "Google Drive"),
        (r"C:\Users\me\iCloudDrive\shop.db", "iCloud Drive"),
    ],
)
def test_sync_folders_are_found_by_their_names_on_windows(path: str, service: str) -> None:
    risk = storage_risk(path, platform="win32", drive_type=local_drives)
    assert risk == StorageRisk(SYNC, service)


def test_a_unc_path_and_a_mapped_network_drive_are_network_on_windows() -> None:
    asked: list[str] = []

    def drives(root: str) -> int:
        asked.append(root)
        return DRIVE_REMOTE if root == "Z:\\" else 3

    assert storage_risk(r"\\nas\shop\shop.db", platform="win32", drive_type=drives) == (
        StorageRisk(NETWORK, r"\\nas\shop")
    )
    assert storage_risk(r"Z:\ShopReel\shop.db", platform="win32", drive_type=drives) == (
        StorageRisk(NETWORK, "Z:")
    )
    assert (
        storage_risk(r"C:\Users\me\ShopReel\shop.db", platform="win32", drive_type=drives) is None
    )
    assert asked == ["Z:\\", "C:\\"]


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/mnt/nas/shop.db", "nfs4"),
        ("/mnt/file server/店铺/shop.db", "cifs"),
        ("/home/me/remote/shop.db", "fuse.sshfs"),
        ("/mnt/nas/local-cache/shop.db", None),  # a local disk mounted inside the share
        ("/mnt/nasty/shop.db", None),  # only a name that starts like the share
        ("/home/me/.local/share/ShopReel/shop.db", None),
        ("/tmp/shop.db", None),
    ],
)
def test_the_deepest_mount_decides_on_linux(path: str, fs_type: str | None) -> None:
    expected = StorageRisk(NETWORK, fs_type) if fs_type else None
    assert storage_risk(path, platform="linux", mounts=LINUX) == expected


def test_macos_mount_listing_finds_smb_shares() -> None:
    mounts = parse_bsd_mount(BSD_MOUNT)
    assert Mount("/Volumes/shop", "smbfs") in mounts
    assert storage_risk("/Volumes/shop/s.db", platform="darwin", mounts=mounts) == (
        StorageRisk(NETWORK, "smbfs")
    )
    assert storage_risk("/Users/me/s.db", platform="darwin", mounts=mounts) is None


def test_the_command_line_warns_on_stderr_and_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "OneDrive" / "ShopReel"
    folder.mkdir(parents=True)
    assert main(["--db", str(folder / "shop.db"), "migrate"]) == 0
    err = capsys.readouterr().err
    assert "warning: the store is in a OneDrive folder" in err
    assert (folder / "shop.db").is_file()
    assert main(["--db", str(tmp_path / "shop.db"), "migrate"]) == 0
    assert "warning" not in capsys.readouterr().err
