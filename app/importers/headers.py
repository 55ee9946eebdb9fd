"""Header text as printed → a comparable key: width, case, whitespace and unit suffixes removed."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\t\r\n "), None)
# "(元)", "（秒）", "(%)", "(s)", "(w)" … at the end of a header carry a unit, not a name.
_UNIT_SUFFIX = re.compile(
    r"[(（]\s*(元|%|％|s|秒|w|万|次|个|人|单|ms|分钟)\s*[)）]$", re.IGNORECASE
)


def header_key(raw: object) -> str:
    """The matching key of a header: NFKC, no invisible chars or spaces, no unit, casefolded."""
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw))
    text = text.translate(_INVISIBLE)
    text = _UNIT_SUFFIX.sub("", text)
    return text.casefold()


def display_header(raw: object) -> str:
    """A header as shown in messages: the file's text, trimmed."""
    return ("" if raw is None else str(raw)).strip().strip("\ufeff").strip()
