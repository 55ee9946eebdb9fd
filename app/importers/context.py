"""What a file's name tells about its data: export time, the day it covers (hints only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))
_UNIX_PREFIX = re.compile(r"(?<!\d)(1[6-9]\d{8})_[0-9a-f]{16,}", re.IGNORECASE)
_QIANCHUAN_DAY = re.compile(
    r"(\d{4}-\d{2}-\d{2}) 00_00_00-(\d{4}-\d{2}-\d{2}) 23_59_59-(\d{13})(?!\d)"
)
_YYYYMMDD = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")


@dataclass(frozen=True)
class FileHints:
    """Facts read off a file name.

    Attributes:
        exported_at: when the platform wrote the file (local Beijing time), if the name says.
        day: the single day the file covers (千川 daily reports), if the name says.
        dated: a date printed in the name (e.g. ``_20261101``), if any.
    """

    exported_at: datetime | None = None
    day: date | None = None
    dated: date | None = None


def hints_from_name(name: str) -> FileHints:
    """Read export time and covered day from names like the platforms give their files."""
    if match := _QIANCHUAN_DAY.search(name):
        start, end, millis = match.groups()
        exported = _beijing(int(millis) / 1000)
        day = date.fromisoformat(start) if start == end else None
        return FileHints(exported_at=exported, day=day, dated=date.fromisoformat(end))
    if match := _UNIX_PREFIX.search(name):
        return FileHints(exported_at=_beijing(int(match.group(1))))
    if match := _YYYYMMDD.search(name):
        try:
            return FileHints(dated=date(*map(int, match.groups())))
        except ValueError:
            return FileHints()
    return FileHints()


def _beijing(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=BEIJING).replace(tzinfo=None, microsecond=0)
